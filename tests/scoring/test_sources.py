"""Each measure a leaf can be bound to, on the Hưng Yên 2023 seed plan: the unit's reporting data
is set in the test, the expected figure worked out by hand here from the domain's rules
(DOMAIN.md: a task is done on time when completed by its due date, 31/12 when it has none; a
report is on time when sent on or before its deadline, local date; "trên 95%" is > 95; a stretch
target is aspirational), never read back from the code."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from agencies.models import Agency
from plans.models import Plan, ReportingPeriod, Task
from reporting.models import ReviewStatus, Submission, TargetResult, TaskUpdate
from reporting.progress import period_progress_compute
from reporting.services.year_close import close_in_force, year_close, year_reopen
from scoring import sources
from scoring.rules import score
from targets.models import Target

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def hy():
    """Hưng Yên 2023 with its year open again (the demo closes it): the measures read the stored
    progress, as they do before a close; ``test_a_closed_year_is_scored_on_its_frozen_verdicts``
    closes it."""
    plan = Plan.objects.get(code="hung-yen-2023")
    if close_in_force(plan.pk) is not None:
        year_reopen(plan=plan, user=None, reason="Kiểm thử: đọc số liệu chưa chốt")
    return {
        "plan": plan,
        "ref": sources.year_plan(plan.issuer_id, 2023),
        "stp": Agency.objects.get(code="hy-stp"),
        "periods": {p.kind: p for p in ReportingPeriod.objects.filter(plan=plan)},
    }


def _recompute(periods):
    for period in sorted(periods.values(), key=lambda p: p.position):
        period_progress_compute(period_id=period.pk)


def _approved(period, agency, sent: datetime) -> Submission:
    submission, _new = Submission.objects.update_or_create(
        period=period,
        agency=agency,
        defaults={
            "status": Submission.Status.APPROVED,
            "first_submitted_at": sent,
            "submitted_at": sent,
            "reviewed_at": sent,
        },
    )
    return submission


def test_year_plan_is_the_province_s_annual_plan(hy):
    ref = hy["ref"]
    assert ref.code == "hung-yen-2023" and ref.year == 2023
    assert [p.kind for p in ref.periods] == ["q1", "h1", "q3", "year"]
    assert ref.ended_by(date(2023, 9, 20)).kind == "q3"  # Quý III's window ended 14/09
    assert ref.ended_by(date(2023, 3, 13)) is None  # nothing ended yet


def test_reports_sent_on_time_share(hy):
    """Quý I sent on its deadline at 23:30 local time (on time), 6 tháng at 00:30 the day after
    (late), Quý III early, the year report only drafted: 2 of 4 on time = 50%."""
    stp, periods = hy["stp"], hy["periods"]
    sent = {
        "q1": datetime(2023, 3, 20, 23, 30, tzinfo=HANOI),
        "h1": datetime(2023, 6, 21, 0, 30, tzinfo=HANOI),
        "q3": datetime(2023, 9, 10, 8, 0, tzinfo=HANOI),
    }
    for kind, when in sent.items():
        _approved(periods[kind], stp, when)
    Submission.objects.filter(period=periods["year"], agency=stp).update(
        status="draft", submitted_at=None, first_submitted_at=None
    )
    result = sources.reports_on_time_share(hy["ref"], [stp.pk], {}, hy["ref"].year_period)[stp.pk]
    assert result.value == D("50.00")
    assert ("Gửi đúng hạn", "2/4") in result.figures
    assert [r.status for r in result.records] == [
        "Gửi ngày 20/03/2023, đúng hạn",
        "Gửi ngày 21/06/2023, muộn",
        "Gửi ngày 10/09/2023, đúng hạn",
        "Chưa gửi",
    ]
    assert result.records[0].url == f"/ke-hoach/ky/{periods['q1'].pk}/co-quan/{stp.pk}/"
    # 1.2.1 "Đủ số lượng và đúng thời gian quy định: 1": not all four, 0 points
    assert score("yes_no", {"yes": 1, "no": 0}, D(1), result.value).points == 0
    # all four on time: 100%, the point
    _approved(periods["year"], stp, datetime(2023, 12, 20, 10, 0, tzinfo=HANOI))
    Submission.objects.filter(period=periods["h1"], agency=stp).update(
        first_submitted_at=datetime(2023, 6, 20, 16, 0, tzinfo=HANOI)
    )
    again = sources.reports_on_time_share(hy["ref"], [stp.pk], {}, hy["ref"].year_period)
    assert again[stp.pk].value == D("100.00")


def test_tasks_completed_on_time_share(hy):
    """Sở Tư pháp leads 1.a–1.đ, none dated (due 31/12/2023). 1.c is given 30/06/2023 and
    completed 15/07 (late); 1.a and 1.b completed within the year (on time); 1.d in progress;
    1.đ not started: 2 of 5 on time = 40%, below 70%: 0 of 1.1.4's 2 points."""
    stp, periods, plan = hy["stp"], hy["periods"], hy["plan"]
    tasks = {t.code: t for t in Task.objects.filter(plan=plan, lead_agencies=stp)}
    assert sorted(tasks) == ["1.a", "1.b", "1.c", "1.d", "1.đ"]
    Task.objects.filter(pk__in=[t.pk for t in tasks.values()]).update(due_date=None)
    Task.objects.filter(pk=tasks["1.c"].pk).update(due_date=date(2023, 6, 30))
    TaskUpdate.objects.filter(submission__agency=stp, submission__period__plan=plan).delete()
    year = _approved(periods["year"], stp, datetime(2023, 12, 18, 9, 0, tzinfo=HANOI))
    progress = {
        "1.a": ("done", date(2023, 6, 10)),
        "1.b": ("done", date(2023, 12, 1)),
        "1.c": ("done", date(2023, 7, 15)),
        "1.d": ("in_progress", None),
        "1.đ": ("not_started", None),
    }
    for code, (state, completed) in progress.items():
        TaskUpdate.objects.create(
            submission=year,
            task=tasks[code],
            progress=state,
            percent=100 if state == "done" else 30 if completed else 0,
            completed_on=completed,
            review_status=ReviewStatus.APPROVED,
        )
    _recompute(periods)
    result = sources.tasks_on_time_share(hy["ref"], [stp.pk], {}, hy["ref"].year_period)[stp.pk]
    assert result.value == D("40.00")
    assert ("Hoàn thành đúng hạn", "2/5") in result.figures
    assert {r.label.split(" ")[0] for r in result.records} == set(progress)
    assert all(r.url.startswith("/ke-hoach/nhiem-vu/") for r in result.records)
    bands = {
        "bands": [
            {"min": 90, "min_inclusive": False, "points": 2},
            {"min": 70, "max": 90, "max_inclusive": True, "points": 1},
            {"max": 70, "points": 0},
        ]
    }
    assert score("bands", bands, D(2), result.value).points == 0


def test_a_unit_leading_no_task_has_no_value_not_zero(hy):
    unit = Agency.objects.get(code="hy-syt")  # Sở Y tế leads no task of the plan
    result = sources.tasks_on_time_share(hy["ref"], [unit.pk], {}, hy["ref"].year_period)[unit.pk]
    assert result.value is None and "không chủ trì" in result.reason


def _only_these_targets(plan, agency, codes):
    """Sở Tư pháp reports exactly these targets of the plan (every other is named for nobody)."""
    Target.objects.filter(statement__plan=plan).update(reporting_scope="named")
    for target in Target.objects.filter(statement__plan=plan):
        target.reporting_agencies.set([agency] if target.code in codes else [])
    return {t.code: t for t in Target.objects.filter(statement__plan=plan, code__in=codes)}


def test_targets_met_share(hy):
    """Four rate targets: 2.a.1 "trên 95%" with 96/100 (met), 6.d.2 "100%" with 98/100 (not
    met), 6.b "60% cấp tỉnh" with 61/100 (met), and 2.a.2 "phấn đấu 80%" with 50/100 (a
    stretch target: left out). 2 of 3 met = 66,67%: below 70%, 0 points of 1.4.1."""
    stp, periods, plan = hy["stp"], hy["periods"], hy["plan"]
    targets = _only_these_targets(plan, stp, {"2.a.1", "2.a.2", "6.b", "6.d.2"})
    year = _approved(periods["year"], stp, datetime(2023, 12, 18, 9, 0, tzinfo=HANOI))
    TargetResult.objects.filter(submission__agency=stp, submission__period__plan=plan).delete()
    for code, (num, den) in {
        "2.a.1": (96, 100),
        "6.d.2": (98, 100),
        "6.b": (61, 100),
        "2.a.2": (50, 100),
    }.items():
        TargetResult.objects.create(
            submission=year,
            target=targets[code],
            numerator=num,
            denominator=den,
            review_status=ReviewStatus.APPROVED,
        )
    _recompute(periods)
    result = sources.targets_met_share(hy["ref"], [stp.pk], {}, hy["ref"].year_period)[stp.pk]
    assert result.value == D("66.67")
    assert ("Đạt", "2/3") in result.figures
    explain = f"/bao-cao/giai-trinh/ky/{periods['year'].pk}/chi-tieu/{targets['2.a.1'].pk}/"
    assert any(r.url == explain + f"?pham-vi=agency:{stp.pk}" for r in result.records)
    bands = {
        "bands": [{"min": 90, "points": 2}, {"min": 70, "max": 90, "points": 1}, {"max": 70, "points": 0}]
    }
    assert score("bands", bands, D(2), result.value).points == 0
    with_stretch = sources.targets_met_share(
        hy["ref"], [stp.pk], {"include_stretch": True}, hy["ref"].year_period
    )[stp.pk]
    assert with_stretch.value == D("50.00")  # 2 of 4


def test_targets_without_approved_data_give_no_value(hy):
    stp, periods, plan = hy["stp"], hy["periods"], hy["plan"]
    _only_these_targets(plan, stp, {"2.a.1"})
    Submission.objects.filter(period=periods["year"], agency=stp).update(status="submitted")
    TargetResult.objects.filter(submission__agency=stp, submission__period=periods["year"]).update(
        review_status=ReviewStatus.PENDING
    )
    _recompute(periods)
    result = sources.targets_met_share(hy["ref"], [stp.pk], {}, hy["ref"].year_period)[stp.pk]
    assert result.value is None and result.reason == "Chưa có số liệu đã duyệt của đơn vị trong kỳ."


@pytest.mark.parametrize(("numerator", "points"), [(96, 3), (95, 2), (90, 2), (89, 1), (79, 0)])
def test_tthc_on_time_rate(hy, numerator, points):
    """The unit's own hồ sơ TTHC đúng hạn (2.a.1), scored on 3.2.1's bands: "Trên 95%: 3; từ
    90% đến 95%: 2; từ 80% đến dưới 90%: 1; dưới 80%: 0" (95 itself gives 2)."""
    stp, periods, plan = hy["stp"], hy["periods"], hy["plan"]
    targets = _only_these_targets(plan, stp, {"2.a.1"})
    year = _approved(periods["year"], stp, datetime(2023, 12, 18, 9, 0, tzinfo=HANOI))
    TargetResult.objects.filter(submission__agency=stp, submission__period__plan=plan).delete()
    TargetResult.objects.create(
        submission=year,
        target=targets["2.a.1"],
        numerator=numerator,
        denominator=100,
        review_status=ReviewStatus.APPROVED,
    )
    _recompute(periods)
    result = sources.target_figure(hy["ref"], [stp.pk], {"target": "2.a.1"}, hy["ref"].year_period)[stp.pk]
    assert result.value == D(numerator)
    assert ("Tử số / mẫu số", f"{numerator} / 100") in result.figures
    bands = {
        "bands": [
            {"min": 95, "min_inclusive": False, "points": 3},
            {"min": 90, "max": 95, "max_inclusive": True, "points": 2},
            {"min": 80, "max": 90, "points": 1},
            {"max": 80, "points": 0},
        ]
    }
    assert score("bands", bands, D(3), result.value).points == points


def test_target_figure_of_an_unknown_code(hy):
    stp = hy["stp"]
    result = sources.target_figure(hy["ref"], [stp.pk], {"target": "9.z"}, hy["ref"].year_period)
    assert result[stp.pk].value is None and "9.z" in result[stp.pk].reason


def test_plan_issued_on_time(hy):
    """The plan of Hưng Yên 2023 prints no issue date: the deadline is 31/01/2023. Sở Tư pháp's
    own plan of 31/01 is on time (1 point), of 01/02 late (0,5); with none in the system there is
    no value (the unit scores it with its plan attached), never "không ban hành"."""
    stp, ref = hy["stp"], hy["ref"]
    tiers = {
        "tiers": [
            {"key": "dung_han", "points": 1},
            {"key": "muon", "points": 0.5},
            {"key": "khong", "points": 0},
        ]
    }
    none = sources.plan_issued_on_time(ref, [stp.pk], {}, None)[stp.pk]
    assert none.value is None and "Chưa có kế hoạch CCHC năm 2023" in none.reason
    plan = Plan.objects.create(
        code="stp-2023",
        title="Kế hoạch CCHC năm 2023 của Sở Tư pháp",
        issuer=stp,
        year=2023,
        status="in_force",
        number="05/KH-STP",
        issue_date=date(2023, 1, 31),
    )
    on_time = sources.plan_issued_on_time(ref, [stp.pk], {}, None)[stp.pk]
    assert on_time.value == "dung_han"
    assert score("tiered", tiers, D(1), on_time.value).points == 1
    assert on_time.records[0].url == f"/ke-hoach/{plan.pk}/"
    Plan.objects.filter(pk=plan.pk).update(issue_date=date(2023, 2, 1))
    late = sources.plan_issued_on_time(ref, [stp.pk], {}, None)[stp.pk]
    assert late.value == "muon" and score("tiered", tiers, D(1), late.value).points == D("0.5")
    # 15 days after the province plan's own issue date when it has one: 10/01 → 25/01
    Plan.objects.filter(code="hung-yen-2023").update(issue_date=date(2023, 1, 10))
    ref = sources.year_plan(hy["plan"].issuer_id, 2023)
    assert (
        sources.plan_issued_on_time(ref, [stp.pk], {"days_after_province_plan": 15}, None)[stp.pk].value
        == "muon"
    )
    Plan.objects.filter(pk=plan.pk).update(issue_date=date(2023, 1, 25))
    assert (
        sources.plan_issued_on_time(ref, [stp.pk], {"days_after_province_plan": 15}, None)[stp.pk].value
        == "dung_han"
    )


def test_measures_read_a_fixed_number_of_queries_whatever_the_units(hy, django_assert_max_num_queries):
    units = list(Agency.objects.filter(parent=hy["plan"].issuer_id).values_list("pk", flat=True))
    bindings = [(code, {"target": "2.a.1"} if code == "target_figure" else {}) for code in sources.MEASURES]
    with django_assert_max_num_queries(12):
        results = sources.measures_compute(hy["ref"], hy["ref"].year_period, units, bindings)
    assert all(len(by_unit) == len(units) for by_unit in results.values())


def test_a_closed_year_is_scored_on_its_frozen_verdicts(hy):
    """Once the year is closed the year's score reads the frozen verdicts (DOMAIN.md "Year
    close": what the PAR-index scoring reads): a figure approved after the close, a sending after
    the close or a task finished after it changes nothing until the year is reopened."""
    stp, periods, plan = hy["stp"], hy["periods"], hy["plan"]
    tasks = {t.code: t for t in Task.objects.filter(plan=plan, lead_agencies=stp)}
    Task.objects.filter(pk__in=[t.pk for t in tasks.values()]).update(due_date=None)
    Task.objects.filter(pk=tasks["1.c"].pk).update(due_date=date(2023, 6, 30))
    TaskUpdate.objects.filter(submission__agency=stp, submission__period__plan=plan).delete()
    year = _approved(periods["year"], stp, datetime(2023, 12, 18, 9, 0, tzinfo=HANOI))
    for code, state, completed in (
        ("1.a", "done", date(2023, 6, 10)),
        ("1.c", "done", date(2023, 7, 15)),  # after its 30/06 due date: hoàn thành quá hạn
        ("1.d", "in_progress", None),
    ):
        TaskUpdate.objects.create(
            submission=year,
            task=tasks[code],
            progress=state,
            percent=100 if state == "done" else 30,
            completed_on=completed,
            review_status=ReviewStatus.APPROVED,
        )
    _recompute(periods)
    close = year_close(plan=plan, reason="Kiểm thử: chốt năm")
    measured = sources.measures_compute(
        hy["ref"], hy["ref"].year_period, [stp.pk], [("tasks_on_time_share", {}), ("targets_met_share", {})]
    )
    tasks_share = measured[sources.binding_key("tasks_on_time_share", {})][stp.pk]
    assert tasks_share.value == D("20.00")  # 1.a of five
    assert ("Hoàn thành quá hạn", "1") in tasks_share.figures
    assert ("Không hoàn thành", "3") in tasks_share.figures
    assert tasks_share.period.startswith("Kết quả cả năm (chốt ngày ")
    assert {r.status for r in tasks_share.records} == {
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Không hoàn thành",
    }
    frozen_targets = measured[sources.binding_key("targets_met_share", {})][stp.pk]
    # after the close: 1.d and 1.đ finished, and the year report first sent again later
    TaskUpdate.objects.filter(submission=year, task=tasks["1.d"]).update(
        progress="done", percent=100, completed_on=date(2023, 12, 10)
    )
    TaskUpdate.objects.create(
        submission=year,
        task=tasks["1.đ"],
        progress="done",
        percent=100,
        completed_on=date(2023, 12, 10),
        review_status=ReviewStatus.APPROVED,
    )
    _recompute(periods)
    again = sources.tasks_on_time_share(hy["ref"], [stp.pk], {}, hy["ref"].year_period)[stp.pk]
    assert again.value == D("20.00")
    assert sources.targets_met_share(hy["ref"], [stp.pk], {}, hy["ref"].year_period)[stp.pk] == frozen_targets
    # the verdict read is the close's: reopened, the same measure reads the stored progress
    year_reopen(plan=plan, user=None, reason="Kiểm thử: mở lại")
    reopened = sources.tasks_on_time_share(hy["ref"], [stp.pk], {}, hy["ref"].year_period)[stp.pk]
    assert reopened.value == D("60.00") and not reopened.period.startswith("Kết quả cả năm")
    assert close.pk


def test_a_closed_year_scores_targets_and_reports_on_what_was_frozen(hy):
    """Targets: 2.a.1 "trên 95%" with 96/100 (đạt), 6.d.2 "100%" with 98/100 (không đạt), 6.b
    "60% cấp tỉnh" with no figure (chưa đủ căn cứ: left out, counted beside): 1 of 2 = 50%.
    Reports: Quý I first sent on its deadline, 6 tháng first sent a day late and sent again,
    Quý III on time, the year report first sent two days late: 2 of 4 = 50%. After the close
    6.b gets a figure that meets it: the year's score does not move."""
    stp, periods, plan = hy["stp"], hy["periods"], hy["plan"]
    targets = _only_these_targets(plan, stp, {"2.a.1", "6.b", "6.d.2"})
    TargetResult.objects.filter(submission__agency=stp, submission__period__plan=plan).delete()
    for kind, first in (
        ("q1", datetime(2023, 3, 20, 16, 0, tzinfo=HANOI)),
        ("h1", datetime(2023, 6, 21, 9, 0, tzinfo=HANOI)),
        ("q3", datetime(2023, 9, 12, 9, 0, tzinfo=HANOI)),
    ):
        _approved(periods[kind], stp, first)
    Submission.objects.filter(period=periods["h1"], agency=stp).update(
        submitted_at=datetime(2023, 6, 25, 9, 0, tzinfo=HANOI)  # returned and sent again
    )
    late = periods["year"].deadline + timedelta(days=2)
    year = _approved(periods["year"], stp, datetime.combine(late, time(9, 0), tzinfo=HANOI))
    for code, (num, den) in {"2.a.1": (96, 100), "6.d.2": (98, 100)}.items():
        TargetResult.objects.create(
            submission=year,
            target=targets[code],
            numerator=num,
            denominator=den,
            review_status=ReviewStatus.APPROVED,
        )
    _recompute(periods)
    year_close(plan=plan, reason="Kiểm thử: chốt năm")
    bindings = [("targets_met_share", {}), ("reports_on_time_share", {})]

    def measured():
        out = sources.measures_compute(hy["ref"], hy["ref"].year_period, [stp.pk], bindings)
        return [out[sources.binding_key(code, params)][stp.pk] for code, params in bindings]

    targets_share, reports_share = measured()
    assert targets_share.value == D("50.00")
    assert ("Đạt", "1/2") in targets_share.figures
    assert ("Chưa đủ căn cứ (không tính)", "1") in targets_share.figures
    assert reports_share.value == D("50.00") and ("Gửi đúng hạn", "2/4") in reports_share.figures
    # after the close: 6.b gets a figure that meets it
    TargetResult.objects.create(
        submission=year,
        target=targets["6.b"],
        numerator=70,
        denominator=100,
        review_status=ReviewStatus.APPROVED,
    )
    _recompute(periods)
    live = sources.targets_met_share(hy["ref"], [stp.pk], {}, hy["ref"].year_period, None)[stp.pk]
    assert live.value == D("66.67")  # what the stored progress now says, were the year open
    after_targets, after_reports = measured()
    assert (after_targets.value, after_reports.value) == (D("50.00"), D("50.00"))
