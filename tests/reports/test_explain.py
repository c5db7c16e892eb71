"""Every stored figure can be explained: the approved results that produced it and the
formula, in Vietnamese."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.models import TargetProgress, TargetResult
from reporting.progress import period_progress_compute
from reports.explain import line_state
from targets.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def q3():
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q3")
    period_progress_compute(period_id=period.pk)
    return period


def url(period, target, scope="province"):
    return reverse("reports:target_explain", args=[period.pk, target.pk]) + f"?pham-vi={scope}"


def test_a_province_rate_lists_the_lines_it_was_made_of(client, q3):
    target = Target.objects.get(statement__plan=q3.plan, code="2.a.1")
    row = TargetProgress.objects.get(period=q3, target=target, scope="province")
    client.force_login(User.objects.get(username="nv.reviewer"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url(q3, target))
    text = response.content.decode()
    assert response.status_code == 200 and len(ctx) <= 12  # the figure's target read once
    assert "Σ tử số / Σ mẫu số" in text and "6 tháng" in text and "Quý III" in text
    h1 = ReportingPeriod.objects.get(plan=q3.plan, kind="h1")
    approved = TargetResult.objects.filter(
        target=target, submission__period__in=[h1, q3], review_status="approved", not_applicable=False
    )
    assert text.count("data-used=") == approved.count() > 0
    for line in approved:
        assert f'data-used="{line.pk}"' in text
    if row.missing:
        assert f"{row.missing} cơ quan chưa có số liệu đã duyệt" in text


def test_an_agency_reads_the_explanation_of_its_own_figure_only(client, q3):
    target = Target.objects.get(statement__plan=q3.plan, code="2.a.1")
    stp, snv = Agency.objects.get(code="hy-stp"), Agency.objects.get(code="hy-snv")
    client.force_login(User.objects.get(username="tp.reporter"))
    assert client.get(url(q3, target, f"agency:{stp.pk}")).status_code == 200
    assert client.get(url(q3, target, f"agency:{snv.pk}")).status_code == 403
    assert client.get(url(q3, target)).status_code == 403


def test_the_coordinator_explains_figures_of_their_area(client, q3):
    client.force_login(User.objects.get(username="vp.coordinator"))
    tthc = Target.objects.get(statement__plan=q3.plan, code="2.a.1")  # area 2: TTHC
    other = (
        Target.objects.filter(statement__plan=q3.plan)
        .exclude(statement__plan_area=tthc.statement.plan_area)
        .first()
    )
    assert client.get(url(q3, tthc)).status_code == 200
    assert client.get(url(q3, other)).status_code == 403


def test_a_missing_baseline_is_explained(client, q3):
    target = Target.objects.filter(statement__plan=q3.plan, comparator="improve_by").first()
    client.force_login(User.objects.get(username="nv.reviewer"))
    text = client.get(url(q3, target)).content.decode()
    assert "chưa có giá trị năm gốc" in text or "Chưa có số liệu" in text


@pytest.mark.parametrize("scope", ["agency:abc", "level:", "khac", "agency:1 OR 1=1"])
def test_a_malformed_scope_is_not_found(client, q3, scope):
    client.force_login(User.objects.get(username="nv.reviewer"))
    target = Target.objects.get(statement__plan=q3.plan, code="2.a.1")
    assert client.get(url(q3, target, scope)).status_code == 404


def test_the_coordinator_explains_an_agency_s_figure_only_in_their_area(client, q3):
    """An agency's figure is one of its lines: the coordinator of cải cách TTHC explains Sở Tư
    pháp's figure of a TTHC target, not of a target of another area (nor of a plan-wide goal),
    even naming the agency in the scope."""
    stp = Agency.objects.get(code="hy-stp")
    tthc = Target.objects.get(statement__plan=q3.plan, code="2.a.1")
    other = (
        TargetProgress.objects.filter(period=q3, agency=stp)
        .exclude(target__statement__plan_area=tthc.statement.plan_area)
        .select_related("target")
        .first()
    )
    assert other is not None and other.target.statement.plan_area_id is not None
    client.force_login(User.objects.get(username="vp.coordinator"))
    assert client.get(url(q3, tthc, f"agency:{stp.pk}")).status_code == 200
    response = client.get(url(q3, other.target, f"agency:{stp.pk}"))
    assert response.status_code == 403
    assert "data-used=" not in response.content.decode()


def test_an_agency_of_another_province_is_no_scope_of_the_plan(client, q3):
    """A reviewer of Hưng Yên who is a superuser reads Hải Dương's agencies, but not as a
    figure of Hưng Yên's plan: the pair does not exist."""
    target = Target.objects.get(statement__plan=q3.plan, code="2.a.1")
    foreign = Agency.objects.get(code="hd-stp")
    client.force_login(User.objects.get(username="nv.reviewer"))
    assert client.get(url(q3, target, f"agency:{foreign.pk}")).status_code == 404


@pytest.mark.parametrize(
    ("review_status", "report_status", "named"),
    [
        ("approved", "approved", "Đã duyệt"),
        ("returned", "returned", "Bị trả lại"),
        ("pending", "submitted", "Chờ duyệt"),
        ("pending", "returned", "Báo cáo bị trả lại, chờ cơ quan gửi lại"),
        ("pending", "to_head", "Chờ thủ trưởng cơ quan duyệt, chưa gửi"),
        ("pending", "draft", "Đang nhập, chưa gửi"),
    ],
)
def test_a_line_not_counted_is_named_by_its_real_state(review_status, report_status, named):
    """A report waiting for its agency's head is not "being entered" (found in a walk through
    the demo: the explanation page said so of one)."""
    line = SimpleNamespace(review_status=review_status, submission=SimpleNamespace(status=report_status))
    with translation.override("vi"):
        assert line_state(line) == named
