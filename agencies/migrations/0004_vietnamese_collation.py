"""The Vietnamese collation names are sorted by (cchc/collation.py): an ICU collation on
PostgreSQL; nothing on SQLite, where a Python collation of the same name is registered on each
connection. Agencies are listed in it by default."""

import django.db.models.functions.comparison
from django.contrib.postgres.operations import CreateCollation
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("agencies", "0003_admin_action")]

    operations = [
        CreateCollation("cchc_vi", provider="icu", locale="vi"),
        migrations.AlterModelOptions(
            name="agency",
            options={
                "ordering": [
                    "level__order",
                    "kind",
                    django.db.models.functions.comparison.Collate(models.F("name"), "cchc_vi"),
                ],
                "verbose_name": "cơ quan, đơn vị",
                "verbose_name_plural": "cơ quan, đơn vị",
            },
        ),
    ]
