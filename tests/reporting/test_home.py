"""Each role's home page: the reporter sees what to do (returned reports with the reason,
open periods) and recent review results; the reviewer sees periods waiting for review."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.models import PeriodReopening, Submission
from reporting.services import submissions as services

pytestmark = pytest.mark.django_db


def test_login_lands_on_the_home_page(client):
    response = client.post(reverse("login"), {"username": "tp.reporter", "password": "demo-cchc-2026"})
    assert response.status_code == 302 and response.url == reverse("home")


def test_reporter_is_told_of_a_return_with_its_reason(client):
    stp = Agency.objects.get(code="hy-stp")
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    submission = Submission.objects.get(agency=stp, period=period)
    Submission.objects.filter(pk=submission.pk).update(status="submitted", submitted_at=timezone.now())
    submission.refresh_from_db()
    services.submission_return(
        submission=submission,
        user=User.objects.get(username="nv.reviewer"),
        reason="Thiếu số liệu hồ sơ trực tuyến",
        target_notes={},
        task_notes={},
    )
    client.force_login(User.objects.get(username="tp.reporter"))
    text = client.get(reverse("home")).content.decode()
    todo = text[text.index('id="viec-can-lam"') : text.index('id="thong-bao"')]
    assert f'data-period="{period.pk}"' in todo and "Thiếu số liệu hồ sơ trực tuyến" in todo
    assert reverse("reporting:submission_entry", args=[period.pk, stp.pk]) in todo
    recent = text[text.index('id="thong-bao"') :]
    assert "Bị trả lại" in recent.split("</li>")[0]
    # sent again, the report waits for review: no longer shown as a review result ("Đã gửi"
    # under "Kết quả duyệt gần đây" read as if the Sở Nội vụ had decided it)
    Submission.objects.filter(pk=submission.pk).update(status="submitted", submitted_at=timezone.now())
    text = client.get(reverse("home")).content.decode()
    recent = text[text.index('id="thong-bao"') :].split("</section>")[0] if 'id="thong-bao"' in text else ""
    assert f'data-period="{period.pk}"' not in recent
    periods = text[text.index("Các kỳ báo cáo của đơn vị") :]
    row = periods[periods.index(reverse("reporting:submission_entry", args=[period.pk, stp.pk])) :]
    assert "Đã gửi" in row.split("</tr>")[0]


def test_locked_periods_are_not_to_do_and_reopened_ones_are(client):
    stp = Agency.objects.get(code="hy-stp")
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q3")
    Submission.objects.filter(agency=stp, period=period).delete()
    client.force_login(User.objects.get(username="tp.head"))
    todo = client.get(reverse("home")).content.decode().split('id="viec-can-lam"')[1]
    assert f'data-period="{period.pk}"' in todo.split("</section>")[0]
    PeriodReopening.objects.filter(agency=stp, period=period).delete()
    todo = client.get(reverse("home")).content.decode().split('id="viec-can-lam"')[1]
    assert f'data-period="{period.pk}"' not in todo.split("</section>")[0]


@pytest.mark.parametrize("username", ["tp.reporter", "nv.reviewer", "ubnd.leader", "vp.coordinator"])
def test_home_page_costs_a_fixed_number_of_queries(client, username):
    client.force_login(User.objects.get(username=username))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    # a coordinator's home also reads the areas it leads, the targets of them to watch and the
    # reports awaiting review in each plan's current period (issue 22, item 16)
    limit = 11 if username == "vp.coordinator" else 8
    assert len(ctx) <= limit, [q["sql"][:120] for q in ctx]


def test_reviewer_sees_periods_waiting_for_review(client):
    client.force_login(User.objects.get(username="nv.reviewer"))
    text = client.get(reverse("home")).content.decode()
    waiting = ReportingPeriod.objects.filter(submissions__status="submitted").distinct()
    assert waiting.exists()
    for period in waiting:
        assert reverse("reporting:review_queue", args=[period.pk]) in text


# issue 22, items 13 and 16: the leader's and the area coordinator's homes


def _home(client, username: str) -> str:
    from django.urls import reverse

    from agencies.models import User

    client.force_login(User.objects.get(username=username))
    return client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_leaders_home_links_what_leaders_read(client):
    from django.urls import reverse

    from plans.models import Plan

    html = _home(client, "ubnd.leader")
    plan = Plan.objects.get(code="hung-yen-2023")
    for url in (
        reverse("reports:leadership", args=[plan.pk]),
        reverse("reports:overview", args=[plan.pk]),
        reverse("reporting:plan_year_results", args=[plan.pk]),
        reverse("reports:report_list", args=[plan.pk]),
    ):
        assert f'href="{url}"' in html, url
    assert "Kết quả cả năm" in html and "Tổng quan" in html
    # each period's page, whose button downloads that period's latest issued report
    for period in plan.periods.all():
        assert f'href="{reverse("reports:leadership", args=[plan.pk])}?ky={period.pk}"' in html
        assert period.title in html


@pytest.mark.django_db
def test_the_area_coordinators_home_lists_their_areas_and_what_awaits_them(client):
    from django.urls import reverse

    from agencies.models import User
    from plans.models import PlanArea
    from reporting.models import TargetProgress

    coordinator = User.objects.get(username="vp.coordinator")
    html = _home(client, "vp.coordinator")
    areas = PlanArea.objects.filter(lead_agency=coordinator.agency, plan__end_year__isnull=True)
    assert areas.exists()
    assert "Lĩnh vực đơn vị phụ trách" in html
    for area in areas:
        assert f'href="{reverse("reports:area_drill", args=[area.plan_id, area.pk])}"' in html
        assert area.title in html
    assert "Chỉ tiêu trong lĩnh vực cần chú ý" in html and "báo cáo đang chờ Sở Nội vụ duyệt" in html
    shown = set(map(int, re.findall(r'<li data-target="(\d+)"', html)))
    assert shown  # the demo's areas have targets at risk, off track or not met
    for target_id in shown:
        assert TargetProgress.objects.filter(
            target_id=target_id, target__statement__plan_area__in=areas, scope="province"
        ).exists()
    # a leader's links are not offered to the coordinator
    assert "Trang lãnh đạo" not in html
