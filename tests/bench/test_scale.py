"""The scale data generator (plans/scale.py): 2 provinces × 3 communes × 1 year from the Hải
Dương 2024 seed, counts worked out by hand from the seed, every line approved, the stored
progress computed on a generated period, a second run refused without --replace."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency
from bench.scale import PROVINCE_BODIES, commune_name, scale_data_generate
from plans.models import Plan, ReportingPeriod, Task
from reporting.models import (
    ReviewStatus,
    RollupProgress,
    Submission,
    TargetProgress,
    TargetResult,
    TaskUpdate,
)
from targets.models import Target
from targets.rules import REPORTING_KINDS
from targets.selectors import plan_target_assignments

pytestmark = pytest.mark.django_db


def test_commune_names_are_distinct_within_a_province():
    names = [commune_name(i) for i in range(300)]
    assert len(set(names)) == 300
    assert commune_name(0) == "An Sơn"


@pytest.fixture
def generated():
    return scale_data_generate(provinces=2, communes=3, years=1, start_year=2025, prefix="t9", progress=False)


def test_agencies_plans_and_periods_as_counted_by_hand(generated):
    source = Plan.objects.get(code="hai-duong-2024")
    seed_bodies = Agency.objects.filter(parent=source.issuer).exclude(kind="ubnd_huyen")
    provinces = Agency.objects.filter(code__startswith="t9-p", parent=None)
    assert provinces.count() == 2
    for province in provinces:
        children = Agency.objects.filter(parent=province)
        assert children.filter(kind__in=["so", "van_phong_ubnd"]).count() == PROVINCE_BODIES
        assert children.filter(kind="ubnd_xa", level__code="xa").count() == 3
        # seed bodies (sở, VP, đài, báo…), the extra sở up to 14, 3 communes
        extra = PROVINCE_BODIES - seed_bodies.filter(kind__in=REPORTING_KINDS).count()
        assert children.count() == seed_bodies.count() + extra + 3
    assert generated.agencies == 2 * (1 + seed_bodies.count() + extra + 3)
    plans = Plan.objects.filter(source_note="scale:t9")
    assert sorted(plans.values_list("code", flat=True)) == ["t9-p01-2025", "t9-p02-2025"]
    plan = plans.get(code="t9-p01-2025")
    assert plan.issuer.code == "t9-p01-ubnd" and "Mẫu 01" in plan.title and "2025" in plan.title
    assert ReportingPeriod.objects.filter(plan__in=plans).count() == 8 == generated.periods
    assert (
        Target.objects.filter(statement__plan=plan).count()
        == Target.objects.filter(statement__plan=source).count()
    )
    assert Task.objects.filter(plan=plan).count() == Task.objects.filter(plan=source).count()
    dated = Task.objects.filter(plan=plan, due_date__isnull=False)
    assert dated.exists() and not dated.exclude(due_date__year=2025).exists()


def test_every_assigned_agency_reports_every_period_and_everything_is_approved(generated):
    plan = Plan.objects.get(code="t9-p02-2025")
    assignments = plan_target_assignments(plan)
    leads = set(
        Task.lead_agencies.through.objects.filter(task__plan=plan).values_list("agency_id", flat=True)
    )
    reporting = leads | {a for ids in assignments.values() for a in ids}
    communes = set(Agency.objects.filter(parent=plan.issuer, kind="ubnd_xa").values_list("pk", flat=True))
    assert communes <= reporting  # targets of "all" and of "cấp xã" reach the communes
    submissions = Submission.objects.filter(period__plan=plan)
    assert submissions.count() == 4 * len(reporting)
    assert set(submissions.values_list("status", flat=True)) == {Submission.Status.APPROVED}
    assert not submissions.filter(is_demo=False).exists()
    lines = TargetResult.objects.filter(submission__period__plan=plan)
    year = plan.periods.get(kind="year")
    expected_year_lines = sum(len(ids) for ids in assignments.values())
    assert lines.filter(submission__period=year).count() == expected_year_lines
    assert set(lines.values_list("review_status", flat=True)) == {ReviewStatus.APPROVED}
    updates = TaskUpdate.objects.filter(submission__period=year)
    assert updates.count() == Task.lead_agencies.through.objects.filter(task__plan=plan).count()
    total = TargetResult.objects.filter(submission__period__plan__source_note="scale:t9").count()
    assert total == generated.results


def test_progress_computes_on_a_generated_period(generated):
    from reporting.progress import period_progress_compute

    period = ReportingPeriod.objects.get(plan__code="t9-p01-2025", kind="h1")
    period_progress_compute(period_id=period.pk)
    province = TargetProgress.objects.filter(period=period, scope="province")
    assert province.count() == Target.objects.filter(statement__plan=period.plan).count()
    assert province.exclude(status="no_data").count() > province.count() / 2
    assert RollupProgress.objects.filter(period=period).exists()


def test_a_second_run_is_refused_unless_replace(generated):
    with pytest.raises(CommandError, match="--replace"):
        call_command(
            "generate_scale_data",
            "--provinces=1",
            "--communes-per-province=1",
            "--prefix=t9",
            stdout=StringIO(),
        )
    out = StringIO()
    call_command(
        "generate_scale_data",
        "--provinces=1",
        "--communes-per-province=2",
        "--years=1",
        "--start-year=2025",
        "--prefix=t9",
        "--replace",
        "--no-progress",
        stdout=out,
    )
    assert "1 tỉnh" in out.getvalue()
    assert Plan.objects.filter(source_note="scale:t9").count() == 1
    assert Agency.objects.filter(code__startswith="t9-p02").count() == 0
    assert Agency.objects.filter(code__startswith="t9-p01", kind="ubnd_xa").count() == 2
