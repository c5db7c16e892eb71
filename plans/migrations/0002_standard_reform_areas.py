"""Reference data: the eight standard reform areas (PAR Index components)."""

from django.db import migrations

AREAS = [
    (1, "chi_dao_dieu_hanh", "Công tác chỉ đạo, điều hành cải cách hành chính", "Chỉ đạo, điều hành"),
    (2, "the_che", "Cải cách thể chế", "Thể chế"),
    (3, "tthc", "Cải cách thủ tục hành chính", "Thủ tục hành chính"),
    (4, "to_chuc_bo_may", "Cải cách tổ chức bộ máy hành chính nhà nước", "Tổ chức bộ máy"),
    (5, "cong_vu", "Cải cách chế độ công vụ", "Công vụ"),
    (6, "tai_chinh_cong", "Cải cách tài chính công", "Tài chính công"),
    (7, "chinh_quyen_so", "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
     "Chính quyền số"),
    (8, "tac_dong", "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển "
     "kinh tế - xã hội", "Tác động"),
]


def create_areas(apps, schema_editor):
    ReformArea = apps.get_model("plans", "ReformArea")
    for number, code, name, short_name in AREAS:
        ReformArea.objects.update_or_create(
            code=code, defaults={"number": number, "name": name, "short_name": short_name}
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial_plans_areas_tasks_periods")]
    operations = [migrations.RunPython(create_areas, migrations.RunPython.noop)]
