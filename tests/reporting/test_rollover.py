"""Next year's plan from a plan: on the real seed plans with the demo data and its stored
progress (loaded once by tests/conftest.py), facts checked by hand against the approved lines,
the 2025 mergers as succession records, and the query count."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import AdministrativeLevel, Agency, AgencySuccession
from plans.models import Plan, PlanArea, ReformArea, ReportingPeriod, Task, YearClose
from plans.rules import TaskStatus
from reporting.models import ReviewStatus, Submission, TargetProgress, TargetResult, TaskProgress
from reporting.selectors.history import m2m_accessor
from reporting.services.rollover import (
    Baseline,
    PlanRolloverError,
    plan_rollover,
    plan_rollover_report,
    rollover_baseline,
    rollover_code,
    rollover_title,
    task_is_copied,
)
from targets.models import Target, TargetLevelThreshold, TargetStatement
from tests.factories import AgencyFactory, PlanFactory, UserFactory

# --- plain rules (no database) --------------------------------------------------------------


def test_code_and_title_get_the_new_year():
    assert rollover_code("hung-yen-2023", 2023, 2024, set()) == "hung-yen-2024"
    assert rollover_code("hung-yen-2023", 2023, 2024, {"hung-yen-2024"}) == "hung-yen-2024-2"
    assert (
        rollover_code("hung-yen-2023", 2023, 2024, {"hung-yen-2024", "hung-yen-2024-2"}) == "hung-yen-2024-3"
    )
    assert rollover_code("ke-hoach-cchc", 2023, 2024, set()) == "ke-hoach-cchc-2024"
    assert rollover_code("kh-12023", 2023, 2024, set()) == "kh-12023-2024"  # not the year
    long = "x" * 55 + "-2023"
    assert len(rollover_code(long, 2023, 2024, {long[:-4] + "2024"})) == 60
    assert (
        rollover_title("Kế hoạch cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023", 2023, 2024)
        == "Kế hoạch cải cách hành chính nhà nước tỉnh Hưng Yên năm 2024"
    )
    assert (
        rollover_title("Kế hoạch năm 2023 (giai đoạn 2021-2025)", 2023, 2024)
        == "Kế hoạch năm 2024 (giai đoạn 2021-2025)"
    )
    assert rollover_title("Kế hoạch CCHC", 2023, 2024) == "Kế hoạch CCHC năm 2024"


def test_only_targets_judged_against_a_baseline_take_this_years_figure():
    none = Baseline(None, None, False)
    printed = Baseline(Decimal(80), 2022, False)
    figure = Decimal("87.18")
    for comparator in ("above_baseline", "improve_by"):
        assert rollover_baseline(
            comparator=comparator, old=printed, figure=figure, figure_is_demo=True, year=2023
        ) == Baseline(figure, 2023, True)
        assert (
            rollover_baseline(
                comparator=comparator, old=printed, figure=None, figure_is_demo=False, year=2023
            )
            == none
        )  # never invented
    for comparator in (">", ">=", "<=", "<", "=", "between", "done"):
        assert (
            rollover_baseline(comparator=comparator, old=none, figure=figure, figure_is_demo=True, year=2023)
            == none
        )
        assert (
            rollover_baseline(
                comparator=comparator, old=printed, figure=figure, figure_is_demo=False, year=2023
            )
            == printed
        )


def test_which_tasks_are_copied():
    assert task_is_copied(recurring=True, final_status=TaskStatus.DONE_ON_TIME)
    assert task_is_copied(recurring=False, final_status=TaskStatus.IN_PROGRESS)
    assert task_is_copied(recurring=False, final_status=TaskStatus.OVERDUE)
    assert task_is_copied(recurring=False, final_status=None)  # no figure: unfinished
    assert not task_is_copied(recurring=False, final_status=TaskStatus.DONE_ON_TIME)
    assert not task_is_copied(recurring=False, final_status=TaskStatus.DONE_LATE)


# --- on the seed plans ----------------------------------------------------------------------

db = pytest.mark.django_db


def plan(code):
    return Plan.objects.select_related("issuer", "parent").get(code=code)


def year_period(source):
    return ReportingPeriod.objects.get(plan=source, kind="year")


def target(source, code):
    return Target.objects.select_related("responsible_agency").get(statement__plan=source, code=code)


def copy_of(old_target, new_plan):
    return Target.objects.select_related("responsible_agency", "parent").get(
        statement__plan=new_plan,
        statement__position=old_target.statement.position,
        position=old_target.position,
    )


def approved_year_value(old_target, agency_code):
    """The hand check: the responsible agency's approved line for the year, read directly."""
    line = TargetResult.objects.get(
        target=old_target,
        submission__period=year_period(old_target.statement.plan),
        submission__agency__code=agency_code,
        review_status=ReviewStatus.APPROVED,
    )
    return line.value, line.submission.is_demo


def codes(agencies):
    return sorted(a.code for a in agencies)


@db
def test_the_draft_is_next_years_plan_with_its_periods():
    source = plan("hung-yen-2023")
    reviewer = UserFactory()
    draft = plan_rollover(plan=source, user=reviewer)
    draft.refresh_from_db()
    assert draft.code == "hung-yen-2024"
    assert draft.title == "Kế hoạch cải cách hành chính nhà nước tỉnh Hưng Yên năm 2024"
    assert (draft.year, draft.end_year, draft.status) == (2024, None, Plan.Status.DRAFT)
    assert (draft.number, draft.issue_date) == ("", None)
    assert draft.copied_from == source
    assert draft.issuer == source.issuer
    assert draft.parent.code == "hung-yen-2021-2025"  # the phase still covers 2024
    for name in ("legal_bases", "signer_authority", "signer_title", "signer_name", "recipients"):
        assert getattr(draft, name) == getattr(source, name), name
    assert draft.source_note == ""  # not a seed: the demo loader leaves it alone
    periods = {p.kind: p for p in draft.periods.all()}
    assert set(periods) == {"q1", "h1", "q3", "year"}
    assert (periods["year"].window_start, periods["year"].window_end, periods["year"].deadline) == (
        date(2023, 12, 15),
        date(2024, 12, 14),
        date(2024, 12, 20),
    )
    assert periods["q3"].window_start == date(2024, 6, 15)
    assert draft.history.get().history_user == reviewer


@db
def test_areas_statements_and_targets_keep_their_structure():
    source = plan("hai-duong-2024")
    draft = plan_rollover(plan=source)

    def areas(p):
        return [
            (a.area_id, a.code, a.title, a.position, a.lead_agency_id)
            for a in PlanArea.objects.filter(plan=p).order_by("position")
        ]

    def statements(p):
        return [
            (s.plan_area.position if s.plan_area else None, s.code, s.position, s.text)
            for s in TargetStatement.objects.filter(plan=p).select_related("plan_area").order_by("position")
        ]

    def targets(p):
        return [
            (
                t.statement.position,
                t.position,
                t.code,
                t.text,
                t.measure,
                t.comparator,
                t.direction,
                t.value,
                t.value_max,
                t.unit,
                t.stretch,
                t.note,
                t.responsible_agency_id,
                t.reporting_scope,
                t.parent.position if t.parent else None,
                sorted((th.level.code, th.value) for th in t.level_thresholds.all()),
                sorted(lv.code for lv in t.reporting_levels.all()),
                sorted(a.pk for a in t.reporting_agencies.all()),
            )
            for t in Target.objects.filter(statement__plan=p)
            .select_related("statement", "parent")
            .prefetch_related("level_thresholds__level", "reporting_levels", "reporting_agencies")
            .order_by("statement__position", "position")
        ]

    assert areas(draft) == areas(source)
    assert statements(draft) == statements(source)
    assert targets(draft) == targets(source)
    assert len(targets(draft)) == 35
    # the per-level target keeps its three thresholds, the named reporters stay named
    per_level = copy_of(target(source, "7.3"), draft)
    assert [(t.level.code, t.value) for t in per_level.level_thresholds.all()] == [
        ("tinh", 85),
        ("huyen", 75),
        ("xa", 65),
    ]
    assert per_level.baseline_value is None
    named = copy_of(target(source, "3.8.2"), draft)
    assert named.reporting_agencies.count() == 13


@db
def test_a_target_against_a_baseline_takes_this_years_province_figure():
    source = plan("hung-yen-2023")
    draft = plan_rollover(plan=source)
    # "Mức độ hài lòng … cao hơn năm 2022": Sở Nội vụ compiles the survey figure
    satisfaction = target(source, "MT.3")
    assert (satisfaction.comparator, satisfaction.baseline_year) == ("above_baseline", 2022)
    value, is_demo = approved_year_value(satisfaction, "hy-snv")
    stored = TargetProgress.objects.get(target=satisfaction, period=year_period(source), scope="province")
    assert value is not None and stored.value == value
    new = copy_of(satisfaction, draft)
    assert (new.baseline_value, new.baseline_year, new.baseline_is_demo) == (value, 2023, True)
    assert is_demo
    assert new.comparator == "above_baseline"
    # "tăng từ 2 đến 5 bậc" (PCI): the rank Sở KH&ĐT reported for 2023
    pci = target(source, "MT.2")
    rank, _demo = approved_year_value(pci, "hy-skhdt")
    new_pci = copy_of(pci, draft)
    assert (new_pci.baseline_value, new_pci.baseline_year) == (rank, 2023)
    assert (new_pci.comparator, new_pci.value, new_pci.value_max) == ("improve_by", pci.value, pci.value_max)
    # "giảm tối thiểu 2,5% số đơn vị": the number of units at the end of 2023 (was 600, demo)
    units = target(source, "3.a.1")
    count, _demo = approved_year_value(units, "hy-snv")
    assert copy_of(units, draft).baseline_value == count != units.baseline_value
    # every baseline target of the plan got its stored figure
    report = plan_rollover_report(plan=draft)
    assert (report.baselines, report.demo_baselines) == (8, 8)


@db
def test_absolute_targets_keep_their_comparator_and_take_no_baseline():
    source = plan("hung-yen-2023")
    draft = plan_rollover(plan=source)
    above_95 = target(source, "2.a.1")  # "trên 95%" hồ sơ đúng hạn
    assert (
        TargetProgress.objects.get(target=above_95, period=year_period(source), scope="province").value
        is not None
    )
    new = copy_of(above_95, draft)
    assert (new.comparator, new.value, new.direction) == (">", Decimal(95), "higher")
    assert (new.baseline_value, new.baseline_year, new.baseline_is_demo) == (None, None, False)
    absolute = Target.objects.filter(statement__plan=draft).exclude(
        comparator__in=["above_baseline", "improve_by"]
    )
    assert absolute.count() == 33
    assert not absolute.filter(baseline_value__isnull=False).exists()


@db
def test_a_figure_from_real_reports_is_not_marked_demo():
    source = plan("hung-yen-2023")
    Submission.objects.filter(period=year_period(source)).update(is_demo=False)
    draft = plan_rollover(plan=source)
    new = copy_of(target(source, "MT.3"), draft)
    assert new.baseline_value is not None and new.baseline_is_demo is False


def year_reopened(source):
    """The demo closes the seed plans' years (their verdicts frozen, which next year's draft
    reads first): reopened, the draft reads the year period's stored figures."""
    YearClose.objects.filter(plan=source, reopened_at=None).update(
        reopened_at=timezone.now(), reopen_reason="Thử: đọc số liệu đã lưu của kỳ năm."
    )
    return source


@db
def test_without_a_stored_figure_no_baseline_is_invented():
    source = year_reopened(plan("hung-yen-2023"))
    satisfaction = target(source, "MT.3")
    TargetProgress.objects.filter(target=satisfaction, period=year_period(source)).delete()
    draft = plan_rollover(plan=source)
    new = copy_of(satisfaction, draft)
    assert (new.baseline_value, new.baseline_year, new.baseline_is_demo) == (None, None, False)
    # a draft has no figures at all: its own copy has no baselines
    following = plan_rollover(plan=draft)
    assert not Target.objects.filter(statement__plan=following, baseline_value__isnull=False).exists()


@db
def test_finished_tasks_stay_behind_unfinished_ones_are_carried_over():
    source = plan("hung-yen-2023")
    final = year_period(source)
    status = dict(TaskProgress.objects.filter(period=final).values_list("task__code", "status"))
    finished = Task.objects.get(plan=source, code="1.đ")
    unfinished = Task.objects.get(plan=source, code="1.a")
    assert status["1.đ"] == TaskStatus.DONE_ON_TIME and status["1.a"] == TaskStatus.IN_PROGRESS
    unfinished.due_text, unfinished.due_date = "Quý III/2023", date(2023, 9, 30)
    unfinished.extended_due_date = date(2023, 11, 30)
    unfinished.save()
    draft = plan_rollover(plan=source)

    assert not Task.objects.filter(plan=draft, carried_over_from=finished).exists()
    assert not Task.objects.filter(plan=draft, code="1.đ").exists()
    carried = Task.objects.get(plan=draft, carried_over_from=unfinished)
    assert (carried.code, carried.text, carried.due_text) == ("1.a", unfinished.text, "Quý III/2023")
    assert (carried.due_date, carried.extended_due_date, carried.effective_due_date) == (None, None, None)
    assert carried.recurring is False
    assert codes(carried.lead_agencies.all()) == ["hy-stp"]
    # the hand count: 10 unfinished + 2 recurring of 44, codes and order kept, 1…n
    copied = list(Task.objects.filter(plan=draft).order_by("position"))
    assert [t.code for t in copied] == [
        "1.a",
        "1.b",
        "1.c",
        "1.d",
        "2.l",
        "2.m",
        "3.c",
        "3.g",
        "4.c",
        "4.g",
        "5.c",
        "5.d",
    ]
    assert [t.position for t in copied] == list(range(1, 13))
    assert all(t.plan_area.plan_id == draft.pk for t in copied)
    report = plan_rollover_report(plan=draft)
    assert (report.tasks_carried_over, report.tasks_recurring, report.tasks_left_out) == (10, 2, 32)


@db
def test_recurring_tasks_stay_recurring():
    source = plan("hung-yen-2023")
    draft = plan_rollover(plan=source)
    recurring = Task.objects.filter(plan=draft, recurring=True).order_by("position")
    assert [(t.code, t.due_text, t.due_date, t.carried_over_from_id) for t in recurring] == [
        ("3.g", "Thường xuyên", None, None),
        ("4.g", "Thường xuyên", None, None),
    ]


@db
def test_a_task_without_a_stored_figure_counts_as_unfinished():
    source = year_reopened(plan("hung-yen-2023"))
    finished = Task.objects.get(plan=source, code="1.đ")
    TaskProgress.objects.filter(task=finished).delete()
    draft = plan_rollover(plan=source)
    assert Task.objects.get(plan=draft, carried_over_from=finished).code == "1.đ"


@db
def test_sub_tasks_keep_their_parent_only_when_it_is_copied_too():
    source = plan("hai-duong-2024")
    status = dict(TaskProgress.objects.filter(period=year_period(source)).values_list("task__code", "status"))
    # hand-checked: 7.3 and 7.3.1 unfinished, 7.3.2 finished; 7.6.2 unfinished, so 7.6 is too (a
    # parent is done when all its sub-items are: DOMAIN.md "Task status at a period")
    assert [status[c] in TaskStatus.DONE for c in ("7.3", "7.3.1", "7.3.2", "7.6", "7.6.2")] == [
        False,
        False,
        True,
        False,
        False,
    ]
    draft = plan_rollover(plan=source)
    tasks = {t.code: t for t in Task.objects.filter(plan=draft).select_related("parent")}
    assert tasks["7.3.1"].parent == tasks["7.3"]
    assert "7.3.2" not in tasks
    assert tasks["7.6.2"].parent == tasks["7.6"]
    assert tasks["7.4.2"].parent == tasks["7.4"]
    assert codes(tasks["7.3.1"].cooperating_agencies.all()) == ["hd-vp"]


@db
def test_history_records_the_copy_with_its_agencies():
    source = plan("hai-duong-2024")
    reviewer = UserFactory()
    draft = plan_rollover(plan=source, user=reviewer)
    task = Task.objects.get(plan=draft, code="7.1")
    record = task.history.get()
    assert (record.history_type, record.history_user) == ("+", reviewer)
    assert record.history_change_reason == "Lập từ kế hoạch hai-duong-2024"
    history_model = type(record)
    assert [r.agency.code for r in getattr(record, m2m_accessor(history_model, "lead_agencies")).all()] == [
        "hd-stttt"
    ]
    assert [
        r.agency.code for r in getattr(record, m2m_accessor(history_model, "cooperating_agencies")).all()
    ] == ["hd-vp"]
    named = copy_of(target(source, "3.8.2"), draft).history.get()
    assert getattr(named, m2m_accessor(type(named), "reporting_agencies")).count() == 13


@db
def test_a_second_copy_for_the_same_year_is_refused():
    source = plan("hung-yen-2023")
    draft = plan_rollover(plan=source)
    with pytest.raises(PlanRolloverError) as refused:
        plan_rollover(plan=source)
    assert refused.value.existing == draft
    assert refused.value.message == (
        "Kế hoạch năm 2024 đã được lập từ kế hoạch này: “Kế hoạch cải cách hành chính nhà nước "
        "tỉnh Hưng Yên năm 2024” (mã hung-yen-2024)."
    )
    assert Plan.objects.filter(copied_from=source).count() == 1


@db
def test_a_multi_year_plan_is_refused():
    phase = plan("hung-yen-2021-2025")
    with pytest.raises(PlanRolloverError, match="kế hoạch nhiều năm \\(2021–2025\\)"):
        plan_rollover(plan=phase)
    assert not Plan.objects.filter(copied_from=phase).exists()


@db
def test_a_taken_code_gets_a_suffix():
    PlanFactory(code="hung-yen-2024", year=2024)
    draft = plan_rollover(plan=plan("hung-yen-2023"))
    assert draft.code == "hung-yen-2024-2"


@db
def test_nothing_is_written_when_the_copy_fails(monkeypatch):
    source = plan("hung-yen-2023")
    before = (
        Plan.objects.count(),
        Task.objects.count(),
        Target.objects.count(),
        PlanArea.objects.count(),
        ReportingPeriod.objects.count(),
    )

    def broken(self, new_plan):
        raise RuntimeError("disk full")

    monkeypatch.setattr("reporting.services.rollover._Rollover.copy_tasks", broken)
    with pytest.raises(RuntimeError):
        plan_rollover(plan=source)
    assert (
        Plan.objects.count(),
        Task.objects.count(),
        Target.objects.count(),
        PlanArea.objects.count(),
        ReportingPeriod.objects.count(),
    ) == before


# --- agencies through the succession records (the 2025 reorganisation) ---------------------


def succession(predecessor, successor, kind, day):
    """A succession record (the demo data may hold the real 2025 ones already)."""
    AgencySuccession.objects.get_or_create(
        predecessor=predecessor, successor=successor, effective_date=day, defaults={"kind": kind}
    )


@db
def test_agencies_merged_before_the_new_year_are_replaced_in_tasks_and_targets():
    """Hải Dương 2024 → 2025 → 2026 with the 2025 records: Sở TT&TT merged into Sở KH&CN and
    Sở KH&ĐT into Sở Tài chính on 1/3/2025, the districts dissolved and Hải Dương merged into
    Hải Phòng on 1/7/2025. The 2025 draft (mapped as of 1/1/2025) keeps every agency; the 2026
    draft has the successors."""
    source = plan("hai-duong-2024")
    agency = {a.code: a for a in Agency.objects.filter(code__startswith="hd-")}
    hd_ubnd = agency["hd-ubnd"]
    skhcn = AgencyFactory(code="hd-skhcn", name="Sở Khoa học và Công nghệ", parent=hd_ubnd)
    hp_ubnd, _new = Agency.objects.get_or_create(
        code="hp-ubnd",
        defaults={
            "name": "Ủy ban nhân dân thành phố Hải Phòng",
            "kind": Agency.Kind.UBND_TINH,
            "level": hd_ubnd.level,
        },
    )
    xa = AdministrativeLevel.objects.get(code="xa")
    communes = [
        AgencyFactory(
            code=f"hd-xa-thu-{n}", name=f"UBND xã thử {n}", kind=Agency.Kind.UBND_XA, level=xa, parent=hd_ubnd
        )
        for n in (1, 2)
    ]
    march_1, july_1 = date(2025, 3, 1), date(2025, 7, 1)
    succession(agency["hd-stttt"], skhcn, "merge", march_1)
    succession(agency["hd-skhdt"], agency["hd-stc"], "merge", march_1)
    succession(hd_ubnd, hp_ubnd, "merge", july_1)
    for commune in communes:
        succession(agency["hd-binh-giang"], commune, "dissolve", july_1)
    # task 8.3 (Sở KH&ĐT leads, Sở Tài chính cooperates) was finished; say it was not
    year_reopened(source)
    task_8_3 = Task.objects.get(plan=source, code="8.3")
    TaskProgress.objects.filter(task=task_8_3).delete()

    draft_2025 = plan_rollover(plan=source)
    assert draft_2025.issuer == hd_ubnd
    assert codes(Task.objects.get(plan=draft_2025, code="7.1").lead_agencies.all()) == [
        "hd-stttt"
    ]  # 1/1/2025 is before 1/3/2025
    assert copy_of(target(source, "8.2"), draft_2025).responsible_agency.code == "hd-skhdt"
    assert plan_rollover_report(plan=draft_2025).replaced == []

    draft_2026 = plan_rollover(plan=draft_2025)
    assert draft_2026.issuer == hp_ubnd
    assert draft_2026.title == "Kế hoạch cải cách hành chính nhà nước tỉnh Hải Dương năm 2026"
    assert draft_2026.parent is None  # the 2021–2025 phase has ended
    areas = {a.code: a.lead_agency.code for a in draft_2026.areas.select_related("lead_agency")}
    assert (areas["7"], areas["8"]) == ("hd-skhcn", "hd-stc")
    # tasks: the merged lead replaced, a cooperating agency that became the lead kept once
    tasks = {t.code: t for t in Task.objects.filter(plan=draft_2026)}
    assert codes(tasks["7.1"].lead_agencies.all()) == ["hd-skhcn"]
    assert codes(tasks["7.1"].cooperating_agencies.all()) == ["hd-vp"]
    assert codes(tasks["8.3"].lead_agencies.all()) == ["hd-stc"]
    assert codes(tasks["8.3"].cooperating_agencies.all()) == []
    assert tasks["8.3"].carried_over_from.carried_over_from == task_8_3
    # targets: responsible agency and named reporters
    statement_8_2 = copy_of(target(source, "8.2"), draft_2026)
    assert statement_8_2.responsible_agency.code == "hd-stc"
    assert copy_of(target(source, "7.4"), draft_2026).responsible_agency == skhcn
    reporters = codes(copy_of(target(source, "3.8.2"), draft_2026).reporting_agencies.all())
    assert "hd-binh-giang" not in reporters
    assert {"hd-xa-thu-1", "hd-xa-thu-2", "hd-cam-giang"} <= set(reporters)
    assert len(reporters) == 14
    report = plan_rollover_report(plan=draft_2026)
    replaced = {old.code: codes(new) for old, new in report.replaced}
    assert replaced == {
        "hd-stttt": ["hd-skhcn"],
        "hd-skhdt": ["hd-stc"],
        "hd-ubnd": ["hp-ubnd"],
        "hd-binh-giang": ["hd-xa-thu-1", "hd-xa-thu-2"],
    }
    assert report.to_choose == []


@db
def test_a_split_leaves_single_agency_fields_for_the_reviewer():
    source = plan("hung-yen-2023")
    stttt = Agency.objects.get(code="hy-stttt")
    halves = [AgencyFactory(code=f"hy-tach-{n}", parent=stttt.parent) for n in (1, 2)]
    for half in halves:
        succession(stttt, half, "split", date(2023, 10, 1))
    year_reopened(source)
    TaskProgress.objects.filter(task__plan=source, task__code="6.a").delete()
    draft = plan_rollover(plan=source)
    area = draft.areas.get(code="6")
    assert area.lead_agency is None
    ict = copy_of(target(source, "MT.1.3"), draft)
    assert ict.responsible_agency is None
    task = Task.objects.get(plan=draft, code="6.a")
    assert codes(task.lead_agencies.all()) == ["hy-tach-1", "hy-tach-2"]
    report = plan_rollover_report(plan=draft)
    assert "Lĩnh vực 6: cơ quan chủ trì" in report.to_choose
    assert "Chỉ tiêu MT.1.3: cơ quan chịu trách nhiệm" in report.to_choose


@db
def test_an_issuer_split_in_two_refuses_the_copy():
    source = plan("hung-yen-2023")
    for _half in (1, 2):
        succession(source.issuer, AgencyFactory(kind=Agency.Kind.UBND_TINH), "split", date(2023, 12, 31))
    with pytest.raises(PlanRolloverError, match="chia tách"):
        plan_rollover(plan=source)
    assert not Plan.objects.filter(copied_from=source).exists()


# --- query count ----------------------------------------------------------------------------

#: Hưng Yên 2023 takes 91 queries, Hải Dương 2024 93, on SQLite and PostgreSQL alike: the
#: transaction's savepoint and its release (2); 18 reads (the plan locked, an existing copy,
#: areas, statements, targets, thresholds, reporting levels and agencies, tasks, lead and
#: cooperating agencies, periods, the year's province figures, the demo lines, the year's task
#: statuses, and the year's close with its frozen target and task verdicts); 2 for the
#: succession records and the agencies; 16 for the new plan (taken codes,
#: full_clean's lookups and check constraints in savepoints, insert, history); 39 for the four
#: default periods (the existing service validates and saves each one); then one bulk insert
#: each for areas and statements, targets and their history per level of sub-targets,
#: thresholds, reporting levels and agencies and their history snapshots, tasks and their
#: history per level of sub-tasks, lead and cooperating agencies and their snapshots (13 for
#: Hưng Yên, 15 for Hải Dương). Nothing is per target or per task.
SEED_PLAN_QUERIES = 93


@db
@pytest.mark.parametrize("code", ["hung-yen-2023", "hai-duong-2024"])
def test_query_count_on_a_seed_plan(code, django_assert_max_num_queries):
    source = plan(code)
    with django_assert_max_num_queries(SEED_PLAN_QUERIES):
        plan_rollover(plan=source)


def _plan_with(size: int) -> Plan:
    """A plan with ``size`` targets (half of them sub-targets) and ``size`` tasks (half of them
    sub-tasks, each with a lead and a cooperating agency), every item at the same depth."""
    issuer = AgencyFactory(kind=Agency.Kind.UBND_TINH)
    lead, partner = AgencyFactory(parent=issuer), AgencyFactory(parent=issuer)
    source = PlanFactory(issuer=issuer, year=2023, code=f"size-{size}-2023")
    area = PlanArea.objects.create(
        plan=source,
        area=ReformArea.objects.get(number=1),
        code="1",
        title="Chỉ đạo",
        position=1,
        lead_agency=lead,
    )
    statement = TargetStatement.objects.create(plan=source, plan_area=area, position=1, text="Chỉ tiêu")
    parent_target = None
    tinh = AdministrativeLevel.objects.get(code="tinh")
    for n in range(size):
        new = Target.objects.create(
            statement=statement,
            position=n + 1,
            code=f"1.{n}",
            text="Tỷ lệ",
            measure="rate",
            comparator=">=",
            value=90,
            unit="%",
            responsible_agency=lead,
            reporting_scope="named",
            parent=parent_target if n % 2 else None,
        )
        new.reporting_agencies.set([lead, partner])
        new.reporting_levels.set([tinh])
        parent_target = new
    parent_task = None
    for n in range(size):
        task = Task.objects.create(
            plan=source,
            plan_area=area,
            position=n + 1,
            code=f"{n}",
            text="Nhiệm vụ",
            parent=parent_task if n % 2 else None,
        )
        task.lead_agencies.set([lead])
        task.cooperating_agencies.set([partner])
        parent_task = task
    return source


@db
def test_query_count_does_not_grow_with_targets_and_tasks(django_assert_num_queries):
    small, large = _plan_with(2), _plan_with(24)
    with CaptureQueriesContext(connection) as counted:
        plan_rollover(plan=small)
    with django_assert_num_queries(len(counted.captured_queries)):
        draft = plan_rollover(plan=large)
    assert Task.objects.filter(plan=draft).count() == 24
    assert Target.objects.filter(statement__plan=draft).count() == 24
    assert TargetLevelThreshold.objects.filter(target__statement__plan=draft).count() == 0


# --- the command ----------------------------------------------------------------------------


@db
def test_command_prints_what_was_created():
    out = StringIO()
    call_command("rollover_plan", "hung-yen-2023", stdout=out)
    text = out.getvalue()
    assert "“Kế hoạch cải cách hành chính nhà nước tỉnh Hưng Yên năm 2024” (mã hung-yen-2024" in text
    assert "6 lĩnh vực, 4 kỳ báo cáo năm 2024" in text
    assert "28 mục chỉ tiêu, 41 chỉ tiêu; 8 chỉ tiêu so với năm gốc" in text
    assert "10 chuyển tiếp (chưa có hạn mới), 2 thường xuyên; 32 đã hoàn thành" in text
    with pytest.raises(CommandError, match="đã được lập từ kế hoạch này"):
        call_command("rollover_plan", "hung-yen-2023", stdout=StringIO())
    with pytest.raises(CommandError, match="Không có kế hoạch"):
        call_command("rollover_plan", "khong-co", stdout=StringIO())


@db
def test_the_plan_page_makes_next_year_s_draft_once(client):
    from django.urls import reverse

    from agencies.models import User

    plan = Plan.objects.get(code="hung-yen-2023")
    client.force_login(User.objects.get(username="nv.reviewer"))
    page = client.get(reverse("targets:plan_detail", args=[plan.pk])).content.decode()
    assert "Lập dự thảo kế hoạch năm 2024 từ kế hoạch này" in page
    response = client.post(reverse("reporting:plan_rollover", args=[plan.pk]), follow=True)
    draft = Plan.objects.get(copied_from=plan, year=2024)
    assert response.redirect_chain[-1][0] == reverse("targets:plan_detail", args=[draft.pk])
    html = response.content.decode()
    assert "Đã lập dự thảo kế hoạch năm 2024" in html
    assert draft.status == Plan.Status.DRAFT
    carried = Task.objects.filter(plan=draft).exclude(carried_over_from=None).count()
    assert carried and html.count("data-carried") == carried
    assert "Dự thảo lập từ kế hoạch năm 2023" in html
    # The source page now links to the draft instead of offering a second copy; asking again
    # is refused with the reason and leads to the existing draft.
    again = client.post(reverse("reporting:plan_rollover", args=[plan.pk]), follow=True)
    assert again.redirect_chain[-1][0] == reverse("targets:plan_detail", args=[draft.pk])
    assert "đã được lập từ kế hoạch này" in again.content.decode()
    assert Plan.objects.filter(copied_from=plan).count() == 1
    source_page = client.get(reverse("targets:plan_detail", args=[plan.pk])).content.decode()
    assert "Lập dự thảo kế hoạch năm 2024" not in source_page and draft.title in source_page


@db
def test_only_the_province_reviewer_makes_a_draft(client):
    from django.urls import reverse

    from agencies.models import User

    plan = Plan.objects.get(code="hung-yen-2023")
    client.force_login(User.objects.get(username="tp.reporter"))
    assert client.post(reverse("reporting:plan_rollover", args=[plan.pk])).status_code == 403
    assert client.get(reverse("reporting:plan_rollover", args=[plan.pk])).status_code == 405
    assert not Plan.objects.filter(copied_from=plan).exists()
