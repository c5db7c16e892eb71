"""The agency head approves before the Sở Nội vụ receives the report (issue 22 item 5; DOMAIN.md
"Who uses it": the thủ trưởng cơ quan "may be required to confirm before submission").

Where the province turns it on, the reporter's "Gửi" takes the report to the head; the head
approves ("Duyệt và gửi Sở Nội vụ": sent, in the review queue) or returns it with a reason. A
report waiting for its head has not reached the Sở Nội vụ: it is not sent, and the sending that
"sent on time" is judged by is the one after the head's approval (DOMAIN.md "Sent on time": the
first sending to the Sở Nội vụ; a return and a resend keep it)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agencies.models import Agency, User
from notifications.models import Notification
from plans.models import ReportingPeriod
from reporting.access import can_approve_as_head, head_must_approve
from reporting.models import AgencyProgress, RollupProgress, Submission
from reporting.progress import period_progress_compute
from reporting.rules import first_sending, report_state, sent_on_time
from reporting.services import submissions as services
from tests.reporting.test_entry import form_data

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def head_required():
    """Hưng Yên asks its agencies' heads to approve their reports."""
    Agency.objects.filter(code="hy-ubnd").update(head_approval_required=True)


def entry_url(period, agency):
    return reverse("reporting:submission_entry", args=[period.pk, agency.pk])


def history_url(period, agency):
    return reverse("reporting:submission_entry_history", args=[period.pk, agency.pk])


def decide_url(period, agency):
    return reverse("reporting:submission_head_decide", args=[period.pk, agency.pk])


def as_user(client, username):
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def to_head(client, head_required, period, stp, django_capture_on_commit_callbacks):
    """Sở Tư pháp's Quý I, filled by its reporter and sent: it waits for its head (who is told)."""
    Submission.objects.filter(period=period, agency=stp).delete()
    as_user(client, "tp.reporter")
    _sheet, data = form_data(period, stp)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(entry_url(period, stp), {**data, "submit": "1"}, follow=True)
    assert "Đã trình thủ trưởng cơ quan duyệt" in response.content.decode()
    return Submission.objects.get(period=period, agency=stp)


# --- the rules, from the domain -----------------------------------------------------------


def test_a_report_waiting_for_its_head_is_not_sent():
    """Not sent: no first sending counts, so it is neither on time nor late, and the compliance
    matrix shows it as not reported."""
    first = datetime(2023, 3, 20, 9, 0, tzinfo=LOCAL)
    assert first_sending("to_head", None) is None
    # after a return by the Sở Nội vụ, corrected and waiting for the head again: not sent now
    assert first_sending("to_head", first) is None
    assert sent_on_time(first_sending("to_head", first), first.date()) is None
    assert report_state("to_head", None) == "missing"
    assert first_sending("submitted", first) == first


def test_the_setting_is_the_province_s_and_off_by_default(stp):
    assert Agency.objects.get(code="hy-ubnd").head_approval_required is False
    assert head_must_approve(stp) is False
    Agency.objects.filter(code="hy-ubnd").update(head_approval_required=True)
    stp.refresh_from_db()
    assert head_must_approve(stp) is True
    assert head_must_approve(Agency.objects.get(code="hd-stp")) is False  # another province
    stp.head_approval_required = True  # a setting of the province, not of one agency
    with pytest.raises(ValidationError, match="chỉ bật ở UBND tỉnh"):
        stp.full_clean()


def test_only_the_agency_s_own_head_approves(stp):
    assert can_approve_as_head(User.objects.get(username="tp.head"), stp)
    for username in ("tp.reporter", "nv.reviewer", "ubnd.leader", "vp.coordinator"):
        assert not can_approve_as_head(User.objects.get(username=username), stp), username
    assert not can_approve_as_head(User.objects.get(username="tp.head"), Agency.objects.get(code="hy-snv"))


# --- when off, nothing changes ------------------------------------------------------------


def test_when_off_the_report_goes_to_the_so_noi_vu_as_before(client, period, stp):
    Submission.objects.filter(period=period, agency=stp).delete()
    as_user(client, "tp.reporter")
    page = client.get(entry_url(period, stp)).content.decode()
    assert "thủ trưởng" not in page
    _sheet, data = form_data(period, stp)
    text = client.post(entry_url(period, stp), {**data, "submit": "1"}, follow=True).content.decode()
    assert "Đã gửi báo cáo tới Sở Nội vụ." in text
    assert Submission.objects.get(period=period, agency=stp).status == "submitted"
    as_user(client, "nv.reviewer")
    queue = client.get(reverse("reporting:review_queue", args=[period.pk])).content.decode()
    assert "Chờ thủ trưởng duyệt" not in queue


# --- the journey, page by page ------------------------------------------------------------


def test_the_reporter_s_sending_waits_for_the_head(client, to_head, period, stp):
    assert to_head.status == "to_head" and to_head.head_from_status == "draft"
    assert to_head.first_submitted_at is None and to_head.submitted_at is None
    page = client.get(entry_url(period, stp)).content.decode()
    assert "Chờ thủ trưởng duyệt" in page
    assert "Báo cáo đang chờ thủ trưởng cơ quan duyệt; chưa gửi tới Sở Nội vụ." in page
    assert "<fieldset disabled>" in page and "Gửi báo cáo</button>" not in page
    assert "Rút lại báo cáo</button>" in page  # the reporter may still take it back
    assert "Duyệt và gửi Sở Nội vụ" not in page  # that is the head's
    # the head is told, the reviewer's queue does not list it as awaiting review
    note = Notification.objects.get(user__username="tp.head")
    assert "chờ thủ trưởng duyệt" in note.title and note.link == entry_url(period, stp)
    as_user(client, "nv.reviewer")
    queue = reverse("reporting:review_queue", args=[period.pk])
    assert 'data-agency="hy-stp"' not in client.get(queue, {"trang_thai": "submitted"}).content.decode()
    waiting = client.get(queue, {"trang_thai": "to_head"}).content.decode()
    assert "Chờ thủ trưởng duyệt <strong>1</strong>" in waiting
    row = waiting[waiting.index('data-agency="hy-stp"') :]
    row = row[: row.index("</tr>")]
    assert "Chờ thủ trưởng duyệt" in row and "Trang nhập" in row and "Xem và duyệt" not in row


def test_the_head_sees_it_on_their_home_and_reads_it(client, to_head, period, stp):
    as_user(client, "tp.head")
    home = client.get(reverse("home")).content.decode()
    section = home[home.index("data-head-todo") :]
    section = section[: section.index("</section>")]
    assert "Báo cáo chờ thủ trưởng duyệt" in section
    assert period.title in section and "Xem và duyệt" in section
    assert "trình bởi Trần Văn Bình" in section
    page = client.get(entry_url(period, stp)).content.decode()
    assert "Duyệt và gửi Sở Nội vụ" in page and "Trả lại cán bộ đầu mối" in page
    assert "<fieldset disabled>" in page  # read-only: the head approves, the reporter edits
    # the reporter's home has no such section, and the report is not among their things to do
    as_user(client, "tp.reporter")
    home = client.get(reverse("home")).content.decode()
    assert "Báo cáo chờ thủ trưởng duyệt" not in home
    todo = home[home.index('id="viec-can-lam"') :]
    todo = todo[: todo.index("</section>")]
    assert f'data-period="{period.pk}"' not in todo


def test_the_head_returns_it_with_a_reason_and_the_reporter_sees_it(
    client, to_head, period, stp, django_capture_on_commit_callbacks
):
    as_user(client, "tp.head")
    text = client.post(decide_url(period, stp), {"return": "1", "head_reason": " "}, follow=True)
    assert "Chưa trả lại: hãy ghi lý do" in text.content.decode()
    to_head.refresh_from_db()
    assert to_head.status == "to_head"

    reason = "Bổ sung số liệu thủ tục hành chính quý I"
    with django_capture_on_commit_callbacks(execute=True):
        text = client.post(decide_url(period, stp), {"return": "1", "head_reason": reason}, follow=True)
    assert "Đã trả lại báo cáo cho cán bộ đầu mối kèm lý do." in text.content.decode()
    to_head.refresh_from_db()
    assert (to_head.status, to_head.head_return_reason) == ("draft", reason)
    assert to_head.first_submitted_at is None
    note = Notification.objects.get(user__username="tp.reporter", title__contains="thủ trưởng trả lại")
    assert reason in note.body

    as_user(client, "tp.reporter")
    home = client.get(reverse("home")).content.decode()
    todo = home[home.index('id="viec-can-lam"') :]
    todo = todo[: todo.index("</section>")]
    assert f"Thủ trưởng cơ quan trả lại: {reason}" in todo  # on the reporter's to-do too
    item = todo[todo.index(f'data-period="{period.pk}"') :]
    item = item[: item.index("</li>")]
    assert 'class="returned"' in item and "data-head-returned>Thủ trưởng trả lại<" in item  # not "Đang nhập"
    assert "Đang nhập" not in item
    page = client.get(entry_url(period, stp)).content.decode()
    assert f"Thủ trưởng cơ quan trả lại:</strong> {reason}" in page
    assert "<fieldset >" in page and "Gửi báo cáo</button>" in page  # editable again
    assert history_url(period, stp) in page  # the history opens from the page
    history = client.get(history_url(period, stp), {"phan": "1"}).content.decode()
    assert f"thủ trưởng cơ quan trả lại: {reason}" in history
    # sent again, the reason goes away
    _sheet, data = form_data(period, stp, version=to_head.version)
    client.post(entry_url(period, stp), {**data, "submit": "1"})
    to_head.refresh_from_db()
    assert to_head.status == "to_head" and to_head.head_return_reason == ""


def test_the_head_approves_and_the_report_reaches_the_review_queue(
    client, to_head, period, stp, django_capture_on_commit_callbacks
):
    as_user(client, "tp.head")
    with django_capture_on_commit_callbacks(execute=True):
        text = client.post(decide_url(period, stp), {"approve": "1"}, follow=True).content.decode()
    assert "Đã duyệt và gửi báo cáo tới Sở Nội vụ." in text
    to_head.refresh_from_db()
    assert to_head.status == "submitted" and to_head.submitted_by.username == "tp.reporter"
    # this is the first sending: the one "sent on time" is judged by
    assert to_head.first_submitted_at == to_head.submitted_at
    history = client.get(history_url(period, stp)).content.decode()
    assert "thủ trưởng cơ quan duyệt và gửi Sở Nội vụ" in history
    note = Notification.objects.get(user__username="tp.reporter", title__contains="thủ trưởng duyệt")
    assert "gửi Sở Nội vụ" in note.body
    as_user(client, "nv.reviewer")
    queue = reverse("reporting:review_queue", args=[period.pk])
    assert 'data-agency="hy-stp"' in client.get(queue, {"trang_thai": "submitted"}).content.decode()
    # the reviewer approves it as any other
    services.submission_approve(submission=to_head, user=User.objects.get(username="nv.reviewer"))
    to_head.refresh_from_db()
    assert to_head.status == "approved"


def test_the_first_sending_is_the_head_s_approval_not_the_reporter_s_click(to_head):
    """Sent to the head, returned, sent again, approved: the first sending is the approval."""
    head = User.objects.get(username="tp.head")
    reporter = User.objects.get(username="tp.reporter")
    services.submission_head_return(submission=to_head, user=head, reason="Sửa tỷ lệ")
    to_head.refresh_from_db()
    services.submission_submit(submission=to_head, user=reporter)
    to_head.refresh_from_db()
    assert to_head.first_submitted_at is None
    sent = services.submission_head_approve(submission=to_head, user=head)
    assert sent.first_submitted_at == sent.submitted_at and sent.status == "submitted"


def test_a_report_the_so_noi_vu_returned_goes_through_the_head_again_keeping_its_first_sending(to_head):
    head = User.objects.get(username="tp.head")
    reporter = User.objects.get(username="tp.reporter")
    reviewer = User.objects.get(username="nv.reviewer")
    sent = services.submission_head_approve(submission=to_head, user=head)
    first = sent.first_submitted_at
    services.submission_return(
        submission=sent, user=reviewer, reason="Thiếu thuyết minh", target_notes={}, task_notes={}
    )
    sent.refresh_from_db()
    again = services.submission_submit(submission=sent, user=reporter)
    assert (again.status, again.head_from_status) == ("to_head", "returned")
    # the head sends it back: it is the Sở Nội vụ's return being corrected again, still editable
    back = services.submission_head_return(submission=again, user=head, reason="Bổ sung thuyết minh")
    assert back.status == "returned" and back.is_editable_by_agency
    again = services.submission_submit(submission=back, user=reporter)
    final = services.submission_head_approve(submission=again, user=head)
    assert final.first_submitted_at == first and final.submitted_at > first  # a resend keeps it


def test_the_reporter_takes_back_a_report_waiting_for_the_head(client, to_head, period, stp):
    text = client.post(
        reverse("reporting:submission_withdraw", args=[period.pk, stp.pk]), follow=True
    ).content.decode()
    assert "Đã rút lại báo cáo" in text
    to_head.refresh_from_db()
    assert to_head.status == "draft" and to_head.head_from_status == ""
    history = client.get(history_url(period, stp), {"phan": "1"}).content.decode()
    assert "Chờ thủ trưởng duyệt" in history and "cơ quan rút lại báo cáo" in history
    # the head finds nothing to decide any more
    as_user(client, "tp.head")
    text = client.post(decide_url(period, stp), {"approve": "1"}, follow=True).content.decode()
    assert "Báo cáo không còn chờ thủ trưởng duyệt" in text
    to_head.refresh_from_db()
    assert to_head.status == "draft"


def test_nobody_but_the_agency_s_head_decides(client, to_head, period, stp):
    other_head = User.objects.create_user(
        "snv.head", password="x" * 12, role=User.Role.AGENCY_HEAD, agency=Agency.objects.get(code="hy-snv")
    )
    client.force_login(other_head)
    assert client.post(decide_url(period, stp), {"approve": "1"}).status_code == 403
    page = client.get(reverse("home")).content.decode()
    assert (
        "Không có báo cáo nào chờ bạn duyệt." in page
        and period.title not in page.split("data-head-todo")[1].split("</section>")[0]
    )
    for username in ("tp.reporter", "nv.reviewer", "ubnd.leader", "vp.coordinator"):
        as_user(client, username)
        assert client.post(decide_url(period, stp), {"approve": "1"}).status_code == 403, username
        assert client.post(decide_url(period, stp), {"return": "1", "head_reason": "x"}).status_code == 403
    # tp.head on another province's agency: not theirs either
    as_user(client, "tp.head")
    hd_q1 = ReportingPeriod.objects.get(plan__code="hai-duong-2024", kind="q1")
    assert (
        client.post(decide_url(hd_q1, Agency.objects.get(code="hd-stp")), {"approve": "1"}).status_code == 403
    )
    assert client.get(decide_url(period, stp)).status_code == 405  # a decision is a POST
    to_head.refresh_from_db()
    assert to_head.status == "to_head"


def test_the_head_s_approval_is_refused_once_the_period_is_locked(client, to_head, period, stp):
    reviewer = User.objects.get(username="nv.reviewer")
    services.period_close(period=period, agency=stp, user=reviewer)  # the demo's reopening ends
    with pytest.raises(services.PeriodLockedError):
        services.submission_head_approve(submission=to_head, user=User.objects.get(username="tp.head"))
    as_user(client, "tp.head")
    text = client.post(decide_url(period, stp), {"approve": "1"}, follow=True).content.decode()
    assert "nên chưa gửi được: hãy đề nghị Sở Nội vụ mở lại kỳ báo cáo cho cơ quan rồi duyệt lại" in text
    to_head.refresh_from_db()
    assert to_head.status == "to_head"


def test_the_dashboards_count_a_report_waiting_for_the_head_as_not_sent(to_head, period):
    period_progress_compute(period_id=period.pk)
    row = AgencyProgress.objects.get(period=period, agency=to_head.agency)
    assert row.submission_status == "to_head" and row.submitted_on_time is None
    waiting = RollupProgress.objects.get(period=period, scope="plan").agencies_submitted
    services.submission_head_approve(submission=to_head, user=User.objects.get(username="tp.head"))
    period_progress_compute(period_id=period.pk)
    assert RollupProgress.objects.get(period=period, scope="plan").agencies_submitted == waiting + 1


def test_a_reviewer_sending_for_an_agency_sends_it_directly(head_required, period, stp):
    Submission.objects.filter(period=period, agency=stp).delete()
    reviewer = User.objects.get(username="nv.reviewer")
    _sheet, data = form_data(period, stp)
    from django.test import Client

    client = Client()
    client.force_login(reviewer)
    client.post(entry_url(period, stp), {**data, "submit": "1"})
    assert Submission.objects.get(period=period, agency=stp).status == "submitted"


def test_the_demo_turns_it_on_for_the_province_with_a_head_and_leaves_one_report_waiting(client):
    from demo.data import demo_head_approval_create

    waiting = demo_head_approval_create()
    assert waiting is not None and waiting.agency.code == "hy-stp" and waiting.status == "to_head"
    assert Agency.objects.get(code="hy-ubnd").head_approval_required
    assert not Agency.objects.get(code="hd-ubnd").head_approval_required  # no demo head there
    assert first_sending(waiting.status, waiting.first_submitted_at) is None
    as_user(client, "tp.head")
    home = client.get(reverse("home")).content.decode()
    todo = home[home.index("data-head-todo") :]
    todo = todo[: todo.index("</section>")]
    assert waiting.period.title in todo and "trình bởi Trần Văn Bình" in todo
    # the head can do it: the demo keeps the agency's periods open
    text = client.post(decide_url(waiting.period, waiting.agency), {"approve": "1"}, follow=True)
    assert "Đã duyệt và gửi báo cáo tới Sở Nội vụ." in text.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "submitted" and waiting.first_submitted_at is not None
