"""The reviewer's queue and decisions, and what the reporter sees after them."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from agencies.models import Agency, User
from plans.models import ReportingPeriod
from reporting.models import ReviewStatus, Submission, TargetResult
from targets.templatetags.target_tags import result_figure
from tests.reporting.test_entry import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client):
    """Sở Tư pháp's Quý I, filled and submitted by its reporter."""
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    agency = Agency.objects.get(code="hy-stp")
    Submission.objects.filter(period=period, agency=agency).delete()
    client.force_login(User.objects.get(username="tp.reporter"))
    url = reverse("reporting:submission_entry", args=[period.pk, agency.pk])
    _sheet, data = form_data(period, agency)
    assert client.post(url, {**data, "submit": "1"}).status_code == 302
    submission = Submission.objects.get(period=period, agency=agency)
    assert submission.status == "submitted"
    client.force_login(User.objects.get(username="nv.reviewer"))
    return submission


def test_queue_shows_every_reporting_agency_with_its_state(client, submitted):
    response = client.get(reverse("reporting:review_queue", args=[submitted.period_id]))
    text = response.content.decode()
    assert 'data-agency="hy-stp"' in text and "Xem và duyệt" in text
    assert 'data-agency="hy-van-lam"' in text  # a district reports too
    # each row named as its tile: the agency's "Đã gửi" waits here ("Chờ duyệt"), a report
    # never sent is "Chưa gửi", as on the dashboards
    row = re.search(r'<tr data-agency="hy-stp">.*?</tr>', text, re.S).group(0)
    assert '<span class="badge sub-submitted">Chờ duyệt</span>' in row
    missing = re.findall(r'<span class="badge sub-missing">([^<]*)</span>', text)
    assert missing and set(missing) == {"Chưa gửi"}
    assert "Chưa báo cáo" not in text
    only_waiting = client.get(
        reverse("reporting:review_queue", args=[submitted.period_id]), {"trang_thai": "submitted"}
    ).content.decode()
    assert 'data-agency="hy-stp"' in only_waiting


def test_review_page_shows_each_line_beside_the_previous_period(client, submitted):
    q3 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q3")
    later = Submission.objects.filter(period=q3, agency=submitted.agency).first()
    assert later is not None  # demo data
    later.status = "submitted"
    later.submitted_at = later.submitted_at or submitted.submitted_at
    later.save()
    text = client.get(reverse("reporting:submission_review", args=[later.pk])).content.decode()
    assert "<th>6 tháng</th>" in text  # the previous period's column
    line = (
        TargetResult.objects.filter(submission=later, target__measure="rate").select_related("target").first()
    )
    with translation.override("vi"):
        figure = result_figure(line)  # e.g. "1.315/1.315 (100%)"
    assert re.fullmatch(r"[\d.]+/[\d.]+ \([\d,]+%\)", figure) and figure in text


def test_the_previous_period_column_shows_only_what_the_agency_sent(client, submitted):
    """A reviewer compares a line with the agency's line of the period before as the Sở Nội vụ
    has it: approved, or sent and waiting; not a draft the agency has not sent (a walk through
    the demo found a figure typed into an unsent 6-tháng report shown beside Quý III)."""
    q3 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q3")
    h1 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    later = Submission.objects.get(period=q3, agency=submitted.agency)
    Submission.objects.filter(pk=later.pk).update(status="submitted", submitted_at=submitted.submitted_at)
    before = Submission.objects.get(period=h1, agency=submitted.agency)
    line = (
        TargetResult.objects.filter(submission=before, target__measure="rate")
        .select_related("target")
        .first()
    )
    assert TargetResult.objects.filter(submission=later, target=line.target).exists()
    TargetResult.objects.filter(pk=line.pk).update(numerator=4321, denominator=9876, value=None)
    line.refresh_from_db()
    with translation.override("vi"):
        figure = result_figure(line)
    page = reverse("reporting:submission_review", args=[later.pk])
    for status, review_status, shown in (
        ("draft", ReviewStatus.PENDING, False),
        ("to_head", ReviewStatus.PENDING, False),
        ("returned", ReviewStatus.RETURNED, False),
        ("submitted", ReviewStatus.PENDING, True),
        ("approved", ReviewStatus.APPROVED, True),
    ):
        head_from = "draft" if status == "to_head" else ""
        sent = None if status in ("draft", "to_head") else submitted.submitted_at
        Submission.objects.filter(pk=before.pk).update(
            status=status, head_from_status=head_from, submitted_at=sent, first_submitted_at=sent
        )
        TargetResult.objects.filter(pk=line.pk).update(review_status=review_status)
        assert (figure in client.get(page).content.decode()) is shown, (status, figure)


def test_approve_all_counts_every_line(client, submitted):
    response = client.post(reverse("reporting:submission_review", args=[submitted.pk]), {"approve": "1"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "approved" and submitted.reviewed_by.username == "nv.reviewer"
    assert set(TargetResult.objects.filter(submission=submitted).values_list("review_status", flat=True)) == {
        ReviewStatus.APPROVED
    }


def test_return_one_line_with_a_reason_then_resubmit(client, submitted, django_capture_on_commit_callbacks):
    line = TargetResult.objects.filter(submission=submitted).first()
    url = reverse("reporting:submission_review", args=[submitted.pk])
    assert client.post(url, {"return": "1"}).status_code == 400  # no reason: refused
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "return": "1",
                f"return-t{line.pk}": "1",
                f"note-t{line.pk}": "Số liệu không khớp hệ thống một cửa",
            },
        )
    submitted.refresh_from_db()
    line.refresh_from_db()
    assert submitted.status == "returned"
    assert (line.review_status, line.review_note) == ("returned", "Số liệu không khớp hệ thống một cửa")
    others = TargetResult.objects.filter(submission=submitted).exclude(pk=line.pk)
    assert set(others.values_list("review_status", flat=True)) == {ReviewStatus.APPROVED}
    assert [m.to for m in mail.outbox if "trả lại" in m.subject] == [["tp.reporter@demo.cchc.local"]]

    client.force_login(User.objects.get(username="tp.reporter"))
    entry = reverse("reporting:submission_entry", args=[submitted.period_id, submitted.agency_id])
    page = client.get(entry).content.decode()
    assert "Số liệu không khớp hệ thống một cửa" in page and "<fieldset >" in page
    _sheet, data = form_data(submitted.period, submitted.agency, version=submitted.version)
    assert client.post(entry, {**data, "submit": "1"}).status_code == 302
    submitted.refresh_from_db()
    line.refresh_from_db()
    assert submitted.status == "submitted" and line.review_status == "pending"


def test_a_decision_is_in_the_reporters_notifications_and_e_mailed_only_if_they_want(
    client, submitted, django_capture_on_commit_callbacks
):
    from notifications.models import Notification
    from notifications.services import email_preference_set

    reporter = User.objects.get(username="tp.reporter")
    email_preference_set(user=reporter, enabled=False)
    Notification.objects.filter(user=reporter).delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:submission_review", args=[submitted.pk]), {"approve": "1"})
    (notice,) = Notification.objects.filter(user=reporter)
    assert notice.kind == "review_decision" and "đã được duyệt" in notice.title
    assert notice.link == reverse(
        "reporting:submission_entry", args=[submitted.period_id, submitted.agency_id]
    )
    assert mail.outbox == []  # e-mail turned off: the app's list only
    client.force_login(reporter)
    assert "đã được duyệt" in client.get(reverse("notifications:list")).content.decode()


@pytest.mark.parametrize("username", ["tp.reporter", "tp.head", "vp.coordinator", "ubnd.leader"])
def test_only_reviewers_review(client, submitted, username):
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("reporting:review_queue", args=[submitted.period_id])).status_code == 403
    url = reverse("reporting:submission_review", args=[submitted.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"approve": "1"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_history_shows_every_step(client, submitted):
    url = reverse("reporting:submission_review", args=[submitted.pk])
    line = TargetResult.objects.filter(submission=submitted).first()
    client.post(url, {"return": "1", f"return-t{line.pk}": "1", f"note-t{line.pk}": "Sai số"})
    text = client.get(url).content.decode()
    assert "Đang nhập → Đã gửi" in text
    assert "Đã gửi → Bị trả lại" in text
    assert "Sai số" in text and "Trần Văn Bình" in text and "Nguyễn Thị Hòa" in text


def test_a_decision_or_a_save_on_a_copy_read_before_another_decision_is_refused(submitted):
    """Two reviewers (or two tabs) at once: the second decision is taken on the stored state,
    not on the copy its page read; a reporter's save cannot reopen a report already sent."""
    from reporting.services import submissions as services

    reviewer = User.objects.get(username="nv.reviewer")
    read_before = Submission.objects.get(pk=submitted.pk)
    services.submission_return(
        submission=submitted, user=reviewer, reason="Sai số liệu", target_notes={}, task_notes={}
    )
    with pytest.raises(services.AlreadyDecidedError):
        services.submission_approve(submission=read_before, user=reviewer)
    submitted.refresh_from_db()
    assert submitted.status == "returned" and submitted.return_reason == "Sai số liệu"

    services.submission_submit(submission=submitted, user=User.objects.get(username="tp.reporter"))
    submitted.refresh_from_db()
    with pytest.raises(services.StaleSubmissionError):
        services.submission_save(
            period=submitted.period,
            agency=submitted.agency,
            user=User.objects.get(username="tp.reporter"),
            version=submitted.version,
            target_values={},
            task_values={},
        )
    assert Submission.objects.get(pk=submitted.pk).status == "submitted"
