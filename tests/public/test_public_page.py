"""The public CCHC page: opted in per plan by its reviewer; anonymous visitors read the plan,
its approved figures and verdicts, the tasks' counts, the issued reports and the published
ranking; never a draft, never a person's name; cacheable."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from plans.models import Plan, ReportingPeriod
from reporting.models import ReviewStatus, Submission, TargetProgress, TargetResult
from reporting.progress import period_progress_compute
from reports.models import Report
from targets.models import Target
from tests.factories import stored_report

pytestmark = pytest.mark.django_db

DRAFT_MARK, PENDING_MARK = "987.654", "876.543"  # as a page would print 987654 and 876543


@pytest.fixture
def plan():
    plan = Plan.objects.get(code="hung-yen-2023")
    q1 = ReportingPeriod.objects.get(plan=plan, kind="q1")
    rate = Target.objects.filter(statement__plan=plan, measure="rate").first()
    for code, status, mark in (("hy-snv", "draft", 987654), ("hy-stp", "submitted", 876543)):
        submission, _ = Submission.objects.update_or_create(
            period=q1,
            agency=Agency.objects.get(code=code),
            defaults={"status": status, "submitted_at": None if status == "draft" else timezone.now()},
        )
        TargetResult.objects.update_or_create(
            submission=submission,
            target=rate,
            defaults={
                "numerator": D(mark),
                "denominator": D(mark + 1),
                "review_status": ReviewStatus.PENDING,
            },
        )
    for period in plan.periods.all():
        period_progress_compute(period_id=period.pk)
    return plan


def _open(client, plan):
    client.force_login(User.objects.get(username="nv.reviewer"))
    response = client.post(reverse("public:plan_visibility", args=[plan.pk]), {"public": "1"})
    client.logout()
    return response


def test_a_plan_is_public_only_once_its_reviewer_opens_it(client, plan):
    url = reverse("public:plan", args=[plan.pk])
    assert client.get(url).status_code == 404
    assert plan.title not in client.get(reverse("public:index")).content.decode()
    for username in ("tp.reporter", "ubnd.leader"):
        client.force_login(User.objects.get(username=username))
        assert (
            client.post(reverse("public:plan_visibility", args=[plan.pk]), {"public": "1"}).status_code == 403
        )
    hd = User.objects.create_user(
        "hd.reviewer", password="x" * 12, role=User.Role.REVIEWER, agency=Agency.objects.get(code="hd-snv")
    )
    client.force_login(hd)
    assert client.post(reverse("public:plan_visibility", args=[plan.pk]), {"public": "1"}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 404
    assert _open(client, plan).status_code == 302
    plan.refresh_from_db()
    assert plan.is_public and plan.public_since
    assert plan.history.first().history_user.username == "nv.reviewer"
    assert client.get(url).status_code == 200
    assert plan.title in client.get(reverse("public:index")).content.decode()
    client.force_login(User.objects.get(username="nv.reviewer"))
    client.post(reverse("public:plan_visibility", args=[plan.pk]), {"public": "0"})
    client.logout()
    assert client.get(url).status_code == 404


def test_the_page_shows_approved_figures_and_verdicts_and_no_draft(client, plan):
    _open(client, plan)
    page = client.get(reverse("public:plan", args=[plan.pk])).content.decode()
    year = ReportingPeriod.objects.get(plan=plan, kind="year")
    on_time = Target.objects.get(statement__plan=plan, statement__code="2.a", position=1)
    row = TargetProgress.objects.filter(period=year, target=on_time, scope="province").first()
    assert row is not None and row.value is not None
    shown = f"{row.value.quantize(D('0.1'))}".replace(".", ",")
    line = page[page.index(f'data-target-code="{on_time.code}"') :]
    line = line[: line.index("</tr>")]
    assert shown in line, line
    assert "Năm 2023" in line
    assert any(word in line for word in ("Đạt", "Chậm", "Có nguy cơ", "Đúng tiến độ"))
    for mark in (DRAFT_MARK, PENDING_MARK, "987654", "876543"):
        assert mark not in page
    # no person's name: not the reviewer's, not a reporter's, not the plan's signer
    for name in ("Nguyễn Thị Hòa", "Trần Văn Bình", "nv.reviewer"):
        assert name not in page
    if plan.signer_name:
        assert plan.signer_name not in page
    assert 'data-tasks="overdue"' in page and "Báo cáo định kỳ đã phát hành" in page


def test_issued_province_reports_download_and_drafts_do_not(client, plan):
    _open(client, plan)
    q1 = ReportingPeriod.objects.get(plan=plan, kind="q1")
    issued = stored_report(q1, None, issued=True, number="17")
    draft = stored_report(ReportingPeriod.objects.get(plan=plan, kind="h1"), None)
    own = stored_report(q1, Agency.objects.get(code="hy-stp"), issued=True, number="3")
    page = client.get(reverse("public:plan", args=[plan.pk])).content.decode()
    assert reverse("public:report_pdf", args=[issued.pk]) in page and "17/BC-UBND" in page
    assert reverse("public:report_pdf", args=[draft.pk]) not in page
    response = client.get(reverse("public:report_pdf", args=[issued.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "public" in response["Cache-Control"]
    assert client.get(reverse("public:report_pdf", args=[draft.pk])).status_code == 404
    assert client.get(reverse("public:report_pdf", args=[own.pk])).status_code == 404
    Plan.objects.filter(pk=plan.pk).update(is_public=False)
    assert client.get(reverse("public:report_pdf", args=[issued.pk])).status_code == 404
    assert Report.objects.filter(pk=issued.pk).exists()


def test_the_page_is_cacheable_and_answers_a_conditional_get(client, plan):
    _open(client, plan)
    url = reverse("public:plan", args=[plan.pk])
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    period_progress_compute(period_id=ReportingPeriod.objects.get(plan=plan, kind="q1").pk)  # figures moved
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert "csrftoken" not in first.cookies and "sessionid" not in first.cookies


def test_the_page_costs_a_fixed_number_of_queries(client, plan, django_assert_max_num_queries):
    _open(client, plan)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("public:plan", args=[plan.pk])).status_code == 200


def test_the_page_is_rendered_once_per_version_of_its_figures(client, plan, django_assert_max_num_queries):
    """Issue 26: the page is kept rendered until what it shows changes (a recompute, an issued
    report, the plan): a stored figure changed behind the recompute's back is not seen, a
    recompute is seen at once; a kept page costs only the version's queries."""
    _open(client, plan)
    url = reverse("public:plan", args=[plan.pk])
    year = ReportingPeriod.objects.get(plan=plan, kind="year")
    target = Target.objects.get(statement__plan=plan, statement__code="2.a", position=1)
    row = TargetProgress.objects.get(period=year, target=target, scope="province")
    first = client.get(url).content.decode()
    TargetProgress.objects.filter(pk=row.pk).update(value=D("4242.5"))
    with django_assert_max_num_queries(5):
        kept = client.get(url).content.decode()
    assert kept == first and "4.242,5" not in kept
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert english != first and '<html lang="en">' in english  # each language its own entry
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    period_progress_compute(period_id=year.pk)  # a new run: the page is rendered again
    again = client.get(url).content.decode()
    recomputed = TargetProgress.objects.get(period=year, target=target, scope="province")
    shown = f"{recomputed.value.quantize(D('0.1'))}".replace(".", ",")
    assert shown in again[again.index(f'data-target-code="{target.code}"') :]
