"""Both real plans load with their structure right; bad files are refused, naming the line,
and write nothing; loading again changes nothing."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.models import Agency
from plans.models import Plan, PlanArea, ReportingPeriod, Task
from targets.models import Target, TargetStatement
from targets.seeds import SEED_DIR, SeedError, seed_plans_load

pytestmark = pytest.mark.django_db


def targets_of(plan_code, statement_code):
    return list(
        Target.objects.filter(statement__plan__code=plan_code, statement__code=statement_code)
        .order_by("position")
        .prefetch_related("level_thresholds__level")
    )


def levels(target):
    return {t.level.code: t.value for t in target.level_thresholds.all()}


def test_hung_yen_2023_counts():
    plan = Plan.objects.get(code="hung-yen-2023")
    assert plan.year == 2023 and plan.issuer.code == "hy-ubnd"
    assert plan.parent.number == "184/KH-UBND" and plan.parent.end_year == 2025
    assert [a.area.code for a in plan.areas.order_by("position")] == [
        "the_che",
        "tthc",
        "to_chuc_bo_may",
        "cong_vu",
        "tai_chinh_cong",
        "chinh_quyen_so",
    ]
    assert TargetStatement.objects.filter(plan=plan).count() == 28
    assert Target.objects.filter(statement__plan=plan).count() == 41
    assert Task.objects.filter(plan=plan).count() == 44
    # Every lettered item of "II. MỤC TIÊU" per area, as printed.
    per_area = {a.code: a.target_statements.count() for a in plan.areas.all()}
    assert per_area == {"1": 4, "2": 7, "3": 2, "4": 3, "5": 2, "6": 7}


def test_hung_yen_plan_wide_goals():
    general = targets_of("hung-yen-2023", "MT.1")
    assert len(general) == 6
    ranks = [t for t in general if t.measure == "rank"]
    assert [(t.comparator, t.value) for t in ranks] == [("<=", D(20))] * 3
    scores = [t for t in general if t.measure == "score"]
    assert {(t.comparator, t.baseline_year) for t in scores} == {("above_baseline", 2021)}
    assert {t.statement.plan_area for t in general} == {None}
    (pci,) = targets_of("hung-yen-2023", "MT.2")
    assert (pci.measure, pci.comparator, pci.value, pci.value_max, pci.direction) == (
        "rank",
        "improve_by",
        D(2),
        D(5),
        "lower",
    )
    (sipas,) = targets_of("hung-yen-2023", "MT.3")
    assert (sipas.comparator, sipas.baseline_year) == ("above_baseline", 2022)


def test_hung_yen_compound_statements_split():
    on_time, early = targets_of("hung-yen-2023", "2.a")
    assert (on_time.comparator, on_time.value, on_time.stretch) == (">", D(95), False)
    assert (early.comparator, early.value, early.stretch) == (">=", D(80), True)

    overall, land = targets_of("hung-yen-2023", "2.c")
    assert (overall.value, land.value, land.parent_id) == (D(90), D(85), overall.pk)

    reductions = targets_of("hung-yen-2023", "3.a")
    assert [(t.comparator, t.value, t.unit, t.direction, t.baseline_year) for t in reductions] == [
        ("improve_by", D("2.5"), "%", "lower", 2021),
        ("improve_by", D("0.5"), "%", "lower", 2021),
        ("improve_by", D("1.38"), "%", "lower", 2021),
    ]
    assert "15 đơn vị" in reductions[0].note

    (per_level,) = targets_of("hung-yen-2023", "6.b")
    assert per_level.value is None
    assert levels(per_level) == {"tinh": D(60), "huyen": D(50), "xa": D(30)}

    (digitised,) = targets_of("hung-yen-2023", "2.b")
    assert (digitised.measure, digitised.comparator) == ("milestone", "done")


def test_hung_yen_tasks_keep_printed_codes_and_area_leads():
    plan = Plan.objects.get(code="hung-yen-2023")
    assert Task.objects.filter(plan=plan, code="2.l").count() == 2  # printed twice
    assert not Task.objects.filter(plan=plan, code="4.e").exists()  # not printed
    leads = {area.code: area.lead_agency.code for area in plan.areas.all()}
    assert leads == {
        "1": "hy-stp",
        "2": "hy-vp",
        "3": "hy-snv",
        "4": "hy-snv",
        "5": "hy-stc",
        "6": "hy-stttt",
    }
    for task in Task.objects.filter(plan=plan).select_related("plan_area"):
        assert [a.code for a in task.lead_agencies.all()] == [leads[task.plan_area.code]]


def test_hai_duong_2024_counts_and_structure():
    plan = Plan.objects.get(code="hai-duong-2024")
    assert plan.areas.count() == 8
    assert Target.objects.filter(statement__plan=plan).count() == 35
    assert Task.objects.filter(plan=plan).count() == 60  # 48 bullets + 12 "+" sub-items
    assert Task.objects.filter(plan=plan, parent__isnull=False).count() == 12
    assert plan.parent.number == "4347/KH-UBND"

    (on_time,) = targets_of("hai-duong-2024", "3.2")
    assert (on_time.comparator, on_time.value, on_time.value_max, on_time.stretch) == (
        "between",
        D(95),
        D(100),
        True,
    )
    paperless, waiting = targets_of("hai-duong-2024", "3.8")
    assert (paperless.value, paperless.stretch) == (D(60), True)
    assert (waiting.measure, waiting.comparator, waiting.value, waiting.unit, waiting.direction) == (
        "quantity",
        "<=",
        D(15),
        "phút",
        "lower",
    )
    (online,) = targets_of("hai-duong-2024", "7.3")
    assert levels(online) == {"tinh": D(85), "huyen": D(75), "xa": D(65)}
    (inspection,) = targets_of("hai-duong-2024", "1.3")
    assert (inspection.comparator, inspection.value) == (">", D(30))


def test_hai_duong_subtasks_under_their_heading():
    heading = Task.objects.get(plan__code="hai-duong-2024", code="7.4")
    assert [t.code for t in heading.subtasks.order_by("position")] == [
        "7.4.1",
        "7.4.2",
        "7.4.3",
        "7.4.4",
        "7.4.5",
        "7.4.6",
    ]
    assert heading.lead_agencies.get().code == "hd-stttt"


def test_district_units_of_each_year():
    assert Agency.objects.filter(parent__code="hy-ubnd", kind="ubnd_huyen").count() == 10
    assert Agency.objects.filter(parent__code="hd-ubnd", kind="ubnd_huyen").count() == 12
    sở = Agency.objects.get(code="hy-snv")
    assert (sở.governing_body, sở.symbol, sở.place_name) == ("UBND TỈNH HƯNG YÊN", "SNV", "Hưng Yên")


def test_every_annual_plan_has_the_four_default_periods():
    for plan in Plan.objects.filter(end_year__isnull=True):
        assert list(plan.periods.values_list("kind", flat=True)) == ["q1", "h1", "q3", "year"]


def test_every_target_is_valid_by_the_model_rules():
    for target in Target.objects.prefetch_related("level_thresholds__level"):
        target.full_clean()


def test_loading_again_changes_nothing():
    history = (Plan.history.count(), Task.history.count(), Target.history.count())
    counts = (
        Plan.objects.count(),
        Task.objects.count(),
        Target.objects.count(),
        Agency.objects.count(),
        ReportingPeriod.objects.count(),
    )
    summary = seed_plans_load()
    assert summary.changed == 0
    assert (Plan.history.count(), Task.history.count(), Target.history.count()) == history
    assert (
        Plan.objects.count(),
        Task.objects.count(),
        Target.objects.count(),
        Agency.objects.count(),
        ReportingPeriod.objects.count(),
    ) == counts


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _broken_copy(tmp_path, old, new, name="hung_yen_2023.yaml"):
    text = (SEED_DIR / name).read_text(encoding="utf-8")
    assert old in text
    lines = text.splitlines()
    line = next(i for i, ln in enumerate(lines, start=1) if old in ln)
    return _write(tmp_path, name, text.replace(old, new, 1)), line


def _snapshot():
    return (
        Plan.objects.count(),
        Task.objects.count(),
        Target.objects.count(),
        Agency.objects.count(),
        PlanArea.objects.count(),
    )


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = _write(tmp_path, "broken.yaml", "province: x\nagencies:\n  - code: a\n    name: [unclosed\n")
    with pytest.raises(SeedError) as exc:
        seed_plans_load(paths=[path])
    assert exc.value.problems[0].startswith("broken.yaml:")
    assert "cú pháp" in exc.value.problems[0]


def test_invalid_comparator_names_the_line_and_writes_nothing(tmp_path):
    before = _snapshot()
    path, line = _broken_copy(tmp_path, 'comparator: ">"', 'comparator: "lớn hơn"')
    with pytest.raises(SeedError) as exc:
        seed_plans_load(paths=[path])
    assert any(p.startswith("hung_yen_2023.yaml:") and "lớn hơn" in p for p in exc.value.problems)
    assert any(p.startswith(f"hung_yen_2023.yaml:{line}:") for p in exc.value.problems)
    assert _snapshot() == before


def test_unknown_agency_and_bad_value_are_all_reported(tmp_path):
    text = (SEED_DIR / "hung_yen_2023.yaml").read_text(encoding="utf-8")
    text = text.replace("lead: hy-stp", "lead: hy-khong-co", 1)
    text = text.replace("value: 95", "value: khoảng 95", 1)
    path = _write(tmp_path, "hung_yen_2023.yaml", text)
    with pytest.raises(SeedError) as exc:
        seed_plans_load(paths=[path])
    joined = "\n".join(exc.value.problems)
    assert "hy-khong-co" in joined and "khoảng 95" in joined
    assert len(exc.value.problems) >= 2


def test_duplicate_key_is_refused(tmp_path):
    path, line = _broken_copy(tmp_path, "  year: 2023", "  year: 2023\n  year: 2024")
    with pytest.raises(SeedError) as exc:
        seed_plans_load(paths=[path])
    assert f"hung_yen_2023.yaml:{line + 1}" in exc.value.problems[0]


def test_one_bad_file_stops_every_file(tmp_path):
    """Validation covers all files before anything is written: the good plan is not loaded."""
    before = _snapshot()
    good = _write(
        tmp_path,
        "a_good.yaml",
        (SEED_DIR / "hai_duong_2024.yaml")
        .read_text(encoding="utf-8")
        .replace("code: hai-duong-2024", "code: hai-duong-2024-copy"),
    )
    bad, _line = _broken_copy(tmp_path, "measure: rate", "measure: tỷ lệ")
    with pytest.raises(SeedError):
        seed_plans_load(paths=[good, bad])
    assert _snapshot() == before
    assert not Plan.objects.filter(code="hai-duong-2024-copy").exists()


def test_command_reports_problems_in_vietnamese(tmp_path):
    path, _line = _broken_copy(tmp_path, "kind: so", "kind: bo")
    with pytest.raises(CommandError) as exc:
        call_command("load_seed_plans", str(path))
    assert "chưa ghi gì" in str(exc.value)
    assert "hung_yen_2023.yaml:" in str(exc.value)
