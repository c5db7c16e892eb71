"""Stored progress of the demo data, checked against hand calculations made here directly from
the approved lines (not through the service), for every measure kind of the seed plans."""

from decimal import Decimal as D

import pytest

from plans.models import ReportingPeriod, Task
from reporting.models import (
    AgencyProgress,
    ProgressRun,
    ReviewStatus,
    RollupProgress,
    TargetProgress,
    TargetResult,
    TaskProgress,
)
from reporting.progress import period_progress_compute
from targets.models import Target

pytestmark = pytest.mark.django_db


def approved(target, periods):
    return list(
        TargetResult.objects.filter(
            target=target,
            submission__period__in=periods,
            review_status=ReviewStatus.APPROVED,
            not_applicable=False,
        ).select_related("submission")
    )


@pytest.fixture
def computed():
    """Every period of both seed plans computed (inside the test's transaction)."""
    for period in ReportingPeriod.objects.all():
        period_progress_compute(period_id=period.pk)


def province(target, period):
    return TargetProgress.objects.get(target=target, period=period, scope="province")


def test_a_rate_is_the_sum_of_numerators_over_the_sum_of_denominators(computed):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    target = Target.objects.get(statement__plan__code="hung-yen-2023", code="2.a.1")  # > 95%
    lines = approved(target, [period])
    num = sum(line.numerator for line in lines)
    den = sum(line.denominator for line in lines)
    row = province(target, period)
    assert (row.numerator, row.denominator) == (num, den)
    assert abs(row.value - num / den * 100) < D("0.0001")
    assert row.met == (num / den * 100 > 95)
    assert abs(row.progress - (num / den * 100) / 95) < D("0.000001")
    assert row.reported == len({line.submission.agency_id for line in lines})
    mean_of_percentages = sum(line.numerator / line.denominator for line in lines) / len(lines)
    assert row.value != mean_of_percentages * 100 or len(lines) == 1


def test_quy_iii_is_built_from_6_thang_plus_quy_iii(computed):
    q3 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q3")
    h1 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    target = Target.objects.get(statement__plan__code="hung-yen-2023", code="2.a.1")
    lines = approved(target, [h1, q3])
    num = sum(line.numerator for line in lines)
    den = sum(line.denominator for line in lines)
    assert province(target, q3).numerator == num and province(target, q3).denominator == den


@pytest.mark.parametrize("plan_code", ["hung-yen-2023", "hai-duong-2024"])
def test_every_measure_kind_matches_a_hand_calculation(plan_code):
    year = ReportingPeriod.objects.get(plan__code=plan_code, kind="year")
    # Every line of the year approved, so that each kind has data (yearly-only ranks too).
    TargetResult.objects.filter(submission__period=year).update(review_status="approved")
    period_progress_compute(period_id=year.pk)
    checked, kinds = set(), set()
    for target in Target.objects.filter(statement__plan=year.plan).exclude(measure="rate"):
        lines = approved(target, [year])
        row = province(target, year)
        if target.level_thresholds.exists() or target.comparator in ("improve_by", "above_baseline"):
            continue  # judged per level / against a baseline: tested separately
        kinds.add(target.measure)
        if not lines:
            # the year period's verdict is final: no approved data is "chưa đủ căn cứ"
            assert row.status == "no_basis" and row.progress is None
            continue
        if target.measure == "count":
            assert row.value == sum(line.value for line in lines)
            hand = row.value / target.value if target.direction == "higher" else None
        elif target.measure == "milestone":
            done = sum(1 for line in lines if line.done)
            assigned = row.reported + row.missing
            hand = D(1 if done else 0) if assigned == 1 else D(done) / D(assigned)
        else:
            if target.reporting_scope == "responsible":
                value = next(x.value for x in lines if x.submission.agency_id == target.responsible_agency_id)
            elif target.unit == "phút" and all(x.transactions for x in lines):
                # an average time: weighted by the transactions every agency gave
                value = sum(x.value * x.transactions for x in lines) / sum(x.transactions for x in lines)
            else:
                value = sum(x.value for x in lines) / len(lines)
            assert abs(row.value - value) < D("0.0001")
            if target.direction == "higher" and target.comparator in (">=", ">", "="):
                hand = value / target.value
            else:  # lower is better without a baseline (ranks, waiting times): met or not
                met = value <= target.value if target.comparator == "<=" else value < target.value
                hand = D(1 if met else 0)
        if hand is not None:
            assert abs(row.progress - hand) < D("0.000001"), (target.code, row.progress, hand)
        checked.add(target.measure)
    assert checked == kinds, (checked, kinds)


def test_per_level_targets_are_judged_per_level_and_per_agency(computed):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    target = Target.objects.get(statement__plan__code="hung-yen-2023", code="6.b")
    levels = {t.level_id: t.value for t in target.level_thresholds.all()}
    for row in TargetProgress.objects.filter(target=target, period=period, scope__startswith="agency:"):
        if row.value is not None:
            goal = levels[row.agency.level_id]
            assert row.goal == goal and row.met == (row.value >= goal)
    level_rows = TargetProgress.objects.filter(target=target, period=period, scope__startswith="level:")
    assert {r.level_id for r in level_rows} == set(levels)
    # no cấp xã agency reports the seed plan's 6.b: that level is not skipped, the province's
    # verdict cannot be given (DOMAIN.md "Cannot judge") until the reviewer marks it not applicable
    xa = next(r for r in level_rows if r.level.code == "xa")
    assert xa.status == "no_basis" and xa.reported + xa.missing == 0
    row = province(target, period)
    assert row.progress is None and row.status == "no_basis" and "cấp xã" in row.reason
    period.plan.levels_not_applicable.add(xa.level)
    period_progress_compute(period_id=period.pk)
    judged = [r for r in level_rows.exclude(level=xa.level) if r.progress is not None]
    assert province(target, period).progress == min(min(max(r.progress, 0), 1) for r in judged)


def test_only_approved_lines_count(computed):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    target = Target.objects.get(statement__plan__code="hung-yen-2023", code="2.a.1")
    pending = TargetResult.objects.filter(target=target, submission__period=period).exclude(
        review_status=ReviewStatus.APPROVED
    )
    assert pending.exists()
    for line in pending:
        row = TargetProgress.objects.get(
            target=target, period=period, scope=f"agency:{line.submission.agency_id}"
        )
        assert row.reported == 0 and row.status == "no_basis"  # the year period's final verdict


def test_recompute_is_idempotent_and_rollups_add_up(computed):
    period = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="h1")

    def snapshot():
        return (
            sorted(
                TargetProgress.objects.filter(period=period).values_list(
                    "target_id", "scope", "value", "progress", "status"
                )
            ),
            sorted(TaskProgress.objects.filter(period=period).values_list("task_id", "status")),
            sorted(
                RollupProgress.objects.filter(period=period).values_list(
                    "scope", "targets", "met", "tasks", "tasks_overdue"
                )
            ),
            AgencyProgress.objects.filter(period=period).count(),
        )

    before = snapshot()
    runs = ProgressRun.objects.get(period=period).runs
    period_progress_compute(period_id=period.pk)
    assert snapshot() == before
    assert ProgressRun.objects.get(period=period).runs == runs + 1
    plan = RollupProgress.objects.get(period=period, scope="plan")
    assert plan.targets == Target.objects.filter(statement__plan=period.plan).count()
    # each task once: a sub-item (Hải Dương 7.3.x, 7.4.x, 7.6.x) counts through its parent
    assert plan.tasks == Task.objects.filter(plan=period.plan, parent=None).count()
    assert sum(plan.target_counts.values()) == plan.targets
    areas = RollupProgress.objects.filter(period=period).exclude(scope="plan")
    assert sum(a.tasks for a in areas) == plan.tasks


def _submitted_report():
    from django.utils import timezone

    from reporting.models import Submission

    submission = Submission.objects.filter(
        status="approved", period__plan__code="hung-yen-2023", period__kind="q1"
    ).first()
    Submission.objects.filter(pk=submission.pk).update(status="submitted", submitted_at=timezone.now())
    TargetResult.objects.filter(submission=submission).update(review_status="pending")
    submission.refresh_from_db()
    return submission


def test_approving_in_the_web_app_recomputes_on_commit(client, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from agencies.models import User

    submission = _submitted_report()
    client.force_login(User.objects.get(username="nv.reviewer"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:submission_review", args=[submission.pk]), {"approve": "1"})
    assert response.status_code == 302
    run = ProgressRun.objects.get(period=submission.period)
    line = (
        TargetResult.objects.filter(submission=submission, value__isnull=False).first()
        or TargetResult.objects.filter(submission=submission).first()
    )
    row = TargetProgress.objects.get(
        period=submission.period, target=line.target, scope=f"agency:{submission.agency_id}"
    )
    assert row.reported == 1 and run.results_used > 0
    # Later periods are recomputed too (task progress builds on earlier periods).
    assert ProgressRun.objects.filter(period__plan=submission.period.plan).count() == 4


def test_changing_an_approved_line_makes_it_unofficial_again(django_capture_on_commit_callbacks):
    from agencies.models import User
    from reporting.models import Submission
    from reporting.services.submissions import submission_save

    submission = Submission.objects.filter(
        status="approved", target_results__numerator__gt=0, period__plan__code="hung-yen-2023"
    ).first()
    Submission.objects.filter(pk=submission.pk).update(status="returned")  # one line returned
    submission.refresh_from_db()
    line = submission.target_results.filter(review_status="approved", numerator__gt=0).first()
    reviewer = User.objects.get(username="nv.reviewer")
    values = {
        "numerator": (line.numerator or 0) + 1,
        "denominator": (line.denominator or 0) + 1,
        "value": line.value,
        "done": line.done,
        "not_applicable": False,
        "not_applicable_reason": "",
        "comment": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        submission_save(
            period=submission.period,
            agency=submission.agency,
            user=reviewer,
            version=submission.version,
            target_values={line.target: values},
            task_values={},
        )
    line.refresh_from_db()
    assert line.review_status == "pending"
    row = TargetProgress.objects.get(
        period=submission.period, target=line.target, scope=f"agency:{submission.agency_id}"
    )
    assert row.reported == 0


@pytest.mark.parametrize("plan_code", ["hung-yen-2023", "hai-duong-2024"])
@pytest.mark.parametrize("kind", ["h1", "q3", "year"])
def test_targets_against_a_baseline_match_a_hand_calculation(plan_code, kind):
    """Counts, scores, ranks and percentages judged against a baseline year (the demo fills
    the baselines the plans do not print). A count against a baseline is the level at the
    window's end (units now), so Quý III is its own window, not 6 tháng + Quý III."""
    period = ReportingPeriod.objects.get(plan__code=plan_code, kind=kind)
    TargetResult.objects.filter(submission__period=period).update(review_status="approved")
    period_progress_compute(period_id=period.pk)
    targets = Target.objects.filter(
        statement__plan=period.plan, comparator__in=("improve_by", "above_baseline")
    )
    kinds = set()
    for target in targets:
        assert target.baseline_value is not None and target.baseline_is_demo
        row = province(target, period)
        lines = approved(target, [period])
        if not lines:
            assert row.status == "no_data"
            continue
        a = sum(line.value for line in lines)
        b = target.baseline_value
        gain = a - b if target.direction == "higher" else b - a
        if target.comparator == "above_baseline":
            hand = D(1 if gain > 0 else 0)
        elif target.unit == "%" and target.measure == "count":
            hand = (gain / b * 100) / target.value  # "giảm tối thiểu 2,5% so với năm 2021"
        else:
            hand = gain / target.value  # "tăng từ 2 đến 5 bậc"
        assert row.value == a
        assert abs(row.progress - hand) < D("0.000001"), (target.code, row.progress, hand)
        assert row.met == (hand >= 1)
        kinds.add(target.measure)
    expected = {
        "h1": {"count", "percent"},
        "q3": {"count", "percent"},
        "year": {"count", "percent", "score", "rank"},
    }[kind]
    if plan_code == "hai-duong-2024":
        expected = {"count", "percent"} if kind == "year" else {"count"}
    assert expected <= kinds, kinds


@pytest.mark.parametrize("measure", ["count", "rate"])
def test_an_approved_line_without_its_numbers_counts_for_nothing(measure):
    """A line approved with no figure (an older form, a baseline target before its baseline)
    must not stop the recompute: it adds nothing, the others still count."""
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    lines = TargetResult.objects.filter(
        submission__period=period,
        review_status=ReviewStatus.APPROVED,
        not_applicable=False,
        target__measure=measure,
        target__statement__plan=period.plan,
    )
    target = lines.values_list("target", flat=True).first()
    assert target is not None
    lines = list(lines.filter(target=target))
    blank = lines[0]
    TargetResult.objects.filter(pk=blank.pk).update(value=None, numerator=None, denominator=None)
    period_progress_compute(period_id=period.pk)
    row = TargetProgress.objects.get(
        target_id=target, period=period, scope=f"agency:{blank.submission.agency_id}"
    )
    assert row.value is None and row.status == "no_basis"  # the year's verdict: cannot be judged
    if len(lines) > 1:  # the other agencies' figures still make the province's
        assert province(Target.objects.get(pk=target), period).value is not None
