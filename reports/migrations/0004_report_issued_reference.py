"""What an issued number is unique within, stored on the report (issue 19; the constraint is
migration 0005, run in a transaction of its own after this one's updates). The reports issued
before are given their issuer (the agency, or the plan's issuer for the province's report), the
symbol their PDF prints (from the frozen snapshot) and the year of their date; if two of them
already share a number, the migration stops and names them: which one keeps it is for the
office to decide, not for a migration."""

from collections import defaultdict

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_issued_references(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    holders = defaultdict(list)
    issued = (Report.objects.filter(state="issued")
              .select_related("agency", "period__plan__issuer").order_by("pk"))
    for report in issued:
        issuer = report.agency if report.agency_id else report.period.plan.issuer
        printed = ((report.data or {}).get("issuer") or {}).get("symbol")
        report.issuer = issuer
        report.series = f"BC-{printed or issuer.symbol or 'UBND'}"
        report.issued_year = report.issued_on.year
        report.save(update_fields=["issuer", "series", "issued_year"])
        holders[(issuer.pk, report.series, report.issued_year, report.number)].append(report.pk)
    shared = {key: ids for key, ids in holders.items() if len(ids) > 1}
    if shared:
        lines = [f"  số {number}/{series} năm {year}: báo cáo id {', '.join(map(str, ids))}"
                 for (_issuer, series, year, number), ids in shared.items()]
        raise RuntimeError(
            "Các báo cáo đã phát hành sau dùng chung một số văn bản; hãy sửa số của các bản "
            "trùng (Report.number) rồi chạy lại migrate:\n" + "\n".join(lines))


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0003_admin_action'),
        ('plans', '0007_plan_copy_task_extension'),
        ('reports', '0003_pending_recompute'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='issued_year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='năm ban hành'),
        ),
        migrations.AddField(
            model_name='report',
            name='issuer',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.agency', verbose_name='cơ quan ban hành'),
        ),
        migrations.AddField(
            model_name='report',
            name='series',
            field=models.CharField(blank=True, max_length=40, verbose_name='ký hiệu văn bản'),
        ),
        migrations.RunPython(fill_issued_references, migrations.RunPython.noop),
    ]
