"""Issued numbers unique per issuer, symbol and year (issue 19: two drafts issued at the same
moment both took "101/BC-UBND" of 2023), and an issued report always has what that is checked
on."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_report_issued_reference'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='report',
            constraint=models.UniqueConstraint(condition=models.Q(('state', 'issued')), fields=('issuer', 'series', 'issued_year', 'number'), name='report_issued_number_unique'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=models.Q(('state', 'draft'), models.Q(('issued_year__isnull', False), ('issuer__isnull', False), models.Q(('series', ''), _negated=True), models.Q(('number', ''), _negated=True)), _connector='OR'), name='report_issued_has_reference'),
        ),
    ]
