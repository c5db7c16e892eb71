import json
from io import StringIO

import pytest
from django.core.management import call_command

from plans.models import Plan
from targets.rules import Comparator, Measure

pytestmark = pytest.mark.django_db

TARGET_KEYS = {
    "code",
    "text",
    "measure",
    "comparator",
    "value",
    "value_max",
    "unit",
    "levels",
    "stretch",
    "baseline_year",
    "responsible",
}
TASK_KEYS = {"code", "text", "lead", "cooperating", "due_text", "due_date", "product"}


def export(plan_ref):
    out = StringIO()
    call_command("export_plan", str(plan_ref), stdout=out)
    return json.loads(out.getvalue())


def test_export_shape_and_vocabulary():
    plan = Plan.objects.get(code="hung-yen-2023")
    data = export(plan.pk)
    assert data["plan"] == {
        "number": "",
        "title": plan.title,
        "year": 2023,
        "issuer": "Ủy ban nhân dân tỉnh Hưng Yên",
    }
    assert [a["code"] for a in data["areas"]] == ["1", "2", "3", "4", "5", "6"]
    targets = data["general_targets"] + [t for a in data["areas"] for t in a["targets"]]
    tasks = [t for a in data["areas"] for t in a["tasks"]]
    assert len(targets) == 41 and len(tasks) == 44 and len(data["general_targets"]) == 8
    for target in targets:
        assert set(target) == TARGET_KEYS
        assert target["measure"] in Measure.values
        assert target["comparator"] in Comparator.values
    for task in tasks:
        assert set(task) == TASK_KEYS


def test_export_values_as_numbers_and_levels():
    data = export("hung-yen-2023")
    tthc = next(a for a in data["areas"] if a["code"] == "2")
    first = tthc["targets"][0]
    assert (first["code"], first["comparator"], first["value"], first["unit"]) == ("2.a.1", ">", 95, "%")
    cqs = next(a for a in data["areas"] if a["code"] == "6")
    per_level = next(t for t in cqs["targets"] if t["levels"])
    assert per_level["levels"] == {"tinh": 60, "huyen": 50, "xa": 30}
    assert per_level["value"] is None
    reduction = next(a for a in data["areas"] if a["code"] == "3")["targets"][0]
    assert (reduction["value"], reduction["baseline_year"]) == (2.5, 2021)


def test_export_tasks_name_lead_and_cooperating_agencies():
    data = export("hai-duong-2024")
    cqs = next(a for a in data["areas"] if a["code"] == "7")
    task = cqs["tasks"][0]
    assert task["lead"] == ["Sở Thông tin và Truyền thông"]
    assert "Văn phòng Ủy ban nhân dân tỉnh" in task["cooperating"]
    assert data["general_targets"] == []
