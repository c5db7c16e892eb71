"""Rút lại (issue 22): an agency takes back a report it sent while the Sở Nội vụ has not opened
it; its first sending is kept; the reviewer's queue no longer lists it as awaiting review."""

from datetime import timedelta

import pytest
from django.urls import reverse

from agencies.models import User
from reporting.rules import first_sending, report_state, sent_on_time
from reporting.services import submissions as services
from tests.reporting.test_entry import form_data
from tests.reporting.test_review import submitted  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def entry_url(submission):
    return reverse("reporting:submission_entry", args=[submission.period_id, submission.agency_id])


def withdraw_url(submission):
    return reverse("reporting:submission_withdraw", args=[submission.period_id, submission.agency_id])


@pytest.fixture
def reporter(client):
    client.force_login(User.objects.get(username="tp.reporter"))
    return client


def test_the_reporter_withdraws_a_report_the_reviewer_has_not_opened(client, submitted, reporter):  # noqa: F811
    first = submitted.first_submitted_at
    page = reporter.get(entry_url(submitted)).content.decode()
    assert "Rút lại báo cáo" in page and "Sở Nội vụ chưa mở" in page
    response = reporter.post(withdraw_url(submitted), follow=True)
    text = response.content.decode()
    assert "Đã rút lại báo cáo" in text
    assert "<fieldset >" in text and "Gửi báo cáo</button>" in text  # editable again
    assert "Rút lại báo cáo</button>" not in text
    submitted.refresh_from_db()
    assert submitted.status == "draft" and submitted.first_submitted_at == first
    # the history says who withdrew it
    history_url = reverse(
        "reporting:submission_entry_history", args=[submitted.period_id, submitted.agency_id]
    )
    assert history_url in text  # the history opens from the page
    history = reporter.get(history_url, {"phan": "1"}).content.decode()
    assert "Đã gửi" in history and "cơ quan rút lại báo cáo" in history

    # the reviewer's queue no longer lists it as awaiting review
    client.force_login(User.objects.get(username="nv.reviewer"))
    queue = reverse("reporting:review_queue", args=[submitted.period_id])
    waiting = client.get(queue, {"trang_thai": "submitted"}).content.decode()
    assert 'data-agency="hy-stp"' not in waiting
    assert 'data-agency="hy-stp"' in client.get(queue, {"trang_thai": "draft"}).content.decode()


def test_a_withdrawn_report_sent_again_keeps_its_first_sending(submitted, reporter):  # noqa: F811
    first = submitted.first_submitted_at
    reporter.post(withdraw_url(submitted))
    submitted.refresh_from_db()
    _sheet, data = form_data(submitted.period, submitted.agency, version=submitted.version)
    assert reporter.post(entry_url(submitted), {**data, "submit": "1"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert submitted.first_submitted_at == first and submitted.submitted_at > first
    on_time = sent_on_time(submitted.first_submitted_at, submitted.period.deadline)
    assert report_state(submitted.status, on_time) in ("submitted", "submitted_late")


def test_once_the_reviewer_opened_it_the_report_cannot_be_withdrawn(client, submitted):  # noqa: F811
    # the fixture leaves the reviewer logged in: they open the report
    assert client.get(reverse("reporting:submission_review", args=[submitted.pk])).status_code == 200
    submitted.refresh_from_db()
    assert submitted.opened_at is not None
    client.force_login(User.objects.get(username="tp.reporter"))
    page = client.get(entry_url(submitted)).content.decode()
    assert "Rút lại báo cáo" not in page
    text = client.post(withdraw_url(submitted), follow=True).content.decode()
    assert "Không rút lại được: Sở Nội vụ đã mở" in text
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_decided_report_cannot_be_withdrawn(submitted):  # noqa: F811
    reviewer = User.objects.get(username="nv.reviewer")
    services.submission_approve(submission=submitted, user=reviewer)
    with pytest.raises(services.NotWithdrawableError):
        services.submission_withdraw(submission=submitted, user=User.objects.get(username="tp.reporter"))


def test_a_new_sending_waits_to_be_opened_again(client, submitted):  # noqa: F811
    """Opened, returned and sent again: the new sending is not opened yet, so it can be withdrawn."""
    reviewer = User.objects.get(username="nv.reviewer")
    client.get(reverse("reporting:submission_review", args=[submitted.pk]))
    services.submission_return(
        submission=submitted, user=reviewer, reason="Bổ sung thuyết minh", target_notes={}, task_notes={}
    )
    submitted.refresh_from_db()
    reporter = User.objects.get(username="tp.reporter")
    sent = services.submission_submit(submission=submitted, user=reporter)
    assert sent.opened_at is None
    assert services.submission_withdraw(submission=sent, user=reporter).status == "draft"


def test_only_the_agency_s_reporter_withdraws(client, submitted):  # noqa: F811
    for username in ("nv.reviewer", "ubnd.leader", "vp.coordinator"):
        client.force_login(User.objects.get(username=username))
        assert client.post(withdraw_url(submitted)).status_code == 403, username
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_withdraw_is_a_post(submitted, reporter):  # noqa: F811
    assert reporter.get(withdraw_url(submitted)).status_code == 405
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert submitted.submitted_at - submitted.first_submitted_at < timedelta(seconds=1)


@pytest.mark.parametrize(
    ("status", "counts"),
    [("draft", False), (None, False), ("submitted", True), ("returned", True), ("approved", True)],
)
def test_a_first_sending_counts_once_the_report_is_sent(status, counts):
    """DOMAIN.md "Sent on time": the first sending decides, a return and a resend keep it; a
    report taken back (a draft again) and never sent again was not sent."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    first = datetime(2023, 3, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (first_sending(status, first) == first) is counts


def test_a_report_withdrawn_and_never_sent_again_is_not_sent_on_time(submitted, reporter):  # noqa: F811
    """Withdrawn, left a draft: the recompute says it was not sent (not "on time" by the
    sending that was taken back)."""
    from reporting.models import AgencyProgress
    from reporting.progress import period_progress_compute

    period_progress_compute(period_id=submitted.period_id)
    row = AgencyProgress.objects.get(period=submitted.period, agency=submitted.agency)
    assert row.submitted_on_time is not None
    reporter.post(withdraw_url(submitted))
    period_progress_compute(period_id=submitted.period_id)
    row = AgencyProgress.objects.get(period=submitted.period, agency=submitted.agency)
    assert row.submission_status == "draft" and row.submitted_on_time is None
