"""Reference data: the administrative levels. Cấp huyện ended on 30/6/2025 (two-tier local
government), but 2023–2024 plans and their results still need it."""

import datetime

from django.db import migrations

LEVELS = [
    ("tinh", "cấp tỉnh", 1, None),
    ("huyen", "cấp huyện", 2, datetime.date(2025, 6, 30)),
    ("xa", "cấp xã", 3, None),
]


def create_levels(apps, schema_editor):
    AdministrativeLevel = apps.get_model("agencies", "AdministrativeLevel")
    for code, name, order, valid_to in LEVELS:
        AdministrativeLevel.objects.update_or_create(
            code=code, defaults={"name": name, "order": order, "valid_to": valid_to}
        )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial_agencies_and_users")]
    operations = [migrations.RunPython(create_levels, migrations.RunPython.noop)]
