"""Deadline extensions (DOMAIN.md "Tasks": extended once, on request approved by the reviewer;
both dates kept): who may ask and decide, what an approval changes in task status, the stored
progress, the pages and the report, and what a refusal leaves as it was.

The task: Hưng Yên 2023's first task, led by Sở Tư pháp alone, printed due 30/06/2023, under
way (an approved "đang thực hiện" report in 6 tháng), not done. Periods of 2023: Quý III's data
end on 14/09, the year's on 14/12."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import Agency, User
from plans.appendix import appendix_xlsx
from plans.models import ReportingPeriod, Task
from plans.rules import TaskStatus, task_status
from reporting.models import (
    ProgressRun,
    ReviewStatus,
    RollupProgress,
    Submission,
    TaskExtension,
    TaskProgress,
    TaskUpdate,
)
from reporting.progress import period_progress_compute
from reporting.services.extensions import extension_decide, extension_request
from reports.documents import province_report_data, render_html, render_pdf
from reports.spreadsheets import report_workbook
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRINTED, EXTENDED = date(2023, 6, 30), date(2023, 9, 30)
BOTH = "30/06/2023 (gia hạn đến 30/09/2023)"


def user(username):
    return User.objects.get(username=username)


def period(kind):
    return ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind=kind)


def report(task, agency, kind, **values):
    """An approved line of ``agency``'s report on ``task`` for the period ``kind``."""
    submission, _created = Submission.objects.get_or_create(agency=agency, period=period(kind))
    TaskUpdate.objects.update_or_create(
        submission=submission,
        task=task,
        defaults={"review_status": ReviewStatus.APPROVED, "percent": 40, **values},
    )


def stored(task, kind) -> TaskProgress:
    return TaskProgress.objects.get(task=task, period=period(kind))


def compute(*kinds):
    for kind in kinds:
        period_progress_compute(period_id=period(kind).pk)


@pytest.fixture
def stp():
    return Agency.objects.get(code="hy-stp")


def under_way(task, stp) -> Task:
    """Led by Sở Tư pháp alone, printed due 30/06/2023, reported under way in 6 tháng."""
    task.lead_agencies.set([stp])
    TaskUpdate.objects.filter(task=task).delete()
    Task.objects.filter(pk=task.pk).update(
        due_date=PRINTED, due_text="Trước ngày 30/6/2023", recurring=False, extended_due_date=None
    )
    report(task, stp, "h1", progress=TaskUpdate.Progress.IN_PROGRESS)
    task.refresh_from_db()
    return task


@pytest.fixture
def task(stp):
    return under_way(Task.objects.filter(plan__code="hung-yen-2023").order_by("position").first(), stp)


@pytest.fixture
def other_task(stp, task):
    return under_way(
        Task.objects.filter(plan=task.plan).exclude(pk=task.pk).order_by("position").first(), stp
    )


def ask(task, stp, *, when=EXTENDED, reason="Chờ ý kiến thẩm định của Bộ Tư pháp.", by="tp.reporter"):
    return extension_request(task=task, agency=stp, user=user(by), requested_due_date=when, reason=reason)


def decide(extension, *, approve, note="", by="nv.reviewer"):
    return extension_decide(extension=extension, user=user(by), approve=approve, note=note)


def messages_of(error: ValidationError) -> dict[str, str]:
    return {key: " ".join(value) for key, value in error.value.message_dict.items()}


# --- status ------------------------------------------------------------------------------------


def status_on(task, as_of, completed_on=None):
    return task_status(due=task.effective_due_date, as_of=as_of, completed_on=completed_on, started=True)


def test_an_approved_extension_moves_the_date_task_status_is_judged_by(task, stp):
    assert status_on(task, date(2023, 7, 15)) == TaskStatus.OVERDUE
    done_mid_august = status_on(task, date(2023, 9, 1), completed_on=date(2023, 8, 15))
    assert done_mid_august == TaskStatus.DONE_LATE

    decide(ask(task, stp), approve=True)
    task.refresh_from_db()
    assert (task.due_date, task.extended_due_date) == (PRINTED, EXTENDED)  # both kept
    assert status_on(task, date(2023, 7, 15)) == TaskStatus.IN_PROGRESS
    assert status_on(task, date(2023, 10, 1)) == TaskStatus.OVERDUE
    assert status_on(task, date(2023, 9, 1), completed_on=date(2023, 8, 15)) == TaskStatus.DONE_ON_TIME


def test_approving_recomputes_the_stored_progress_on_commit(task, stp, django_capture_on_commit_callbacks):
    compute("q3", "year")
    assert (stored(task, "q3").status, stored(task, "q3").due) == (TaskStatus.OVERDUE, PRINTED)
    overdue_before = RollupProgress.objects.get(period=period("q3"), scope="plan").tasks_overdue
    runs_before = ProgressRun.objects.get(period=period("q3")).runs

    extension = ask(task, stp)
    with django_capture_on_commit_callbacks(execute=True):
        decide(extension, approve=True)

    assert ProgressRun.objects.get(period=period("q3")).runs == runs_before + 1
    q3 = stored(task, "q3")  # data to 14/09: before the new date
    assert (q3.status, q3.due) == (TaskStatus.IN_PROGRESS, EXTENDED)
    assert stored(task, "year").status == TaskStatus.OVERDUE  # data to 14/12: after it
    rollup = RollupProgress.objects.get(period=period("q3"), scope="plan")
    assert rollup.tasks_overdue == overdue_before - 1


def test_done_in_august_is_on_time_with_the_extension_and_late_without(
    task, other_task, stp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(ask(task, stp), approve=True)  # asked while under way
    for done in (task, other_task):
        report(
            done, stp, "q3", progress=TaskUpdate.Progress.DONE, percent=100, completed_on=date(2023, 8, 15)
        )
    compute("q3", "year")
    for kind in ("q3", "year"):
        assert stored(task, kind).status == TaskStatus.DONE_ON_TIME
        assert stored(other_task, kind).status == TaskStatus.DONE_LATE


def test_a_refused_extension_changes_nothing_and_says_why(task, stp, django_capture_on_commit_callbacks):
    compute("q3")
    runs_before = ProgressRun.objects.get(period=period("q3")).runs
    extension = ask(task, stp)
    with pytest.raises(ValidationError) as error:
        decide(extension, approve=False, note="  ")
    assert "Ghi lý do không chấp thuận" in messages_of(error)["note"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(extension, approve=False, note="Đã gia hạn trong kế hoạch năm trước.")
    task.refresh_from_db()
    extension.refresh_from_db()
    assert task.extended_due_date is None and task.effective_due_date == PRINTED
    assert extension.status == TaskExtension.Status.REFUSED and extension.decided_at
    assert ProgressRun.objects.get(period=period("q3")).runs == runs_before  # nothing moved
    assert stored(task, "q3").status == TaskStatus.OVERDUE
    sent = [m for m in mail.outbox if "không được chấp thuận" in m.subject]
    assert len(sent) == 1 and "Đã gia hạn trong kế hoạch năm trước." in sent[0].body
    assert set(sent[0].to) == {"tp.reporter@demo.cchc.local", "tp.head@demo.cchc.local"}


def test_the_agency_is_told_when_it_is_approved(task, stp, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(ask(task, stp), approve=True, note="Đồng ý.")
    (sent,) = [m for m in mail.outbox if "gia hạn" in m.subject]
    assert "được chấp thuận" in sent.subject and task.code in sent.subject
    assert "hạn ban đầu 30/06/2023, gia hạn đến 30/09/2023" in sent.body


# --- who may ask, and what --------------------------------------------------------------------


def test_a_task_is_extended_once_even_after_a_refusal(task, stp):
    extension = ask(task, stp)
    with pytest.raises(ValidationError) as error:  # while pending
        ask(task, stp, by="tp.head")
    assert "một lần" in messages_of(error)[NON_FIELD_ERRORS]
    decide(extension, approve=False, note="Không có căn cứ.")
    with pytest.raises(ValidationError) as error:  # after a refusal too
        ask(task, stp, when=date(2023, 8, 31))
    assert "một lần" in messages_of(error)[NON_FIELD_ERRORS]
    assert TaskExtension.objects.filter(task=task).count() == 1


def test_only_a_lead_agencys_reporter_or_head_asks(task, stp):
    other = Agency.objects.get(code="hy-stc")
    other_reporter = UserFactory(role=User.Role.REPORTER, agency=other)
    with pytest.raises(ValidationError) as error:
        extension_request(
            task=task,
            agency=other,
            user=other_reporter,
            requested_due_date=EXTENDED,
            reason="Thiếu nhân lực.",
        )
    assert "Chỉ cơ quan chủ trì" in messages_of(error)[NON_FIELD_ERRORS]
    for username in ("nv.reviewer", "vp.coordinator", "ubnd.leader"):
        with pytest.raises(PermissionDenied):
            ask(task, stp, by=username)
    with pytest.raises(PermissionDenied):  # for another agency than one's own
        extension_request(
            task=task, agency=stp, user=other_reporter, requested_due_date=EXTENDED, reason="Thiếu nhân lực."
        )
    assert not TaskExtension.objects.filter(task=task).exists()
    assert ask(task, stp, by="tp.head").requested_by == user("tp.head")


def test_the_new_date_must_be_later_and_a_reason_is_needed(task, stp):
    with pytest.raises(ValidationError) as error:
        ask(task, stp, when=PRINTED, reason="   ")
    errors = messages_of(error)
    assert "Hạn mới phải sau hạn hiện tại (30/06/2023)" in errors["requested_due_date"]
    assert "Ghi lý do" in errors["reason"]
    with pytest.raises(ValidationError):
        ask(task, stp, when=date(2023, 5, 31))
    assert not TaskExtension.objects.filter(task=task).exists()


def test_no_extension_for_a_recurring_undated_or_finished_task(task, stp):
    Task.objects.filter(pk=task.pk).update(recurring=True)
    with pytest.raises(ValidationError) as error:
        ask(task, stp)
    assert "thường xuyên" in messages_of(error)[NON_FIELD_ERRORS]
    Task.objects.filter(pk=task.pk).update(recurring=False, due_date=None)
    with pytest.raises(ValidationError) as error:
        ask(task, stp)
    assert "không có hạn" in messages_of(error)[NON_FIELD_ERRORS]
    Task.objects.filter(pk=task.pk).update(due_date=PRINTED)
    report(task, stp, "q3", progress=TaskUpdate.Progress.DONE, percent=100, completed_on=date(2023, 8, 15))
    compute("q3", "year")  # as the recompute after an approval does: it and later ones
    with pytest.raises(ValidationError) as error:
        ask(task, stp)
    assert "đã hoàn thành" in messages_of(error)[NON_FIELD_ERRORS]


def test_the_reviewer_decides_once(task, stp):
    extension = ask(task, stp)
    for username in ("tp.reporter", "tp.head", "vp.coordinator", "ubnd.leader"):
        with pytest.raises(PermissionDenied):
            decide(extension, approve=True, by=username)
    decide(extension, approve=True)
    with pytest.raises(ValidationError) as error:
        decide(extension, approve=False, note="Đổi ý.")
    assert "đã được quyết định" in messages_of(error)[NON_FIELD_ERRORS]
    extension.refresh_from_db()
    assert extension.status == TaskExtension.Status.APPROVED
    assert (extension.original_due_date, extension.requested_due_date) == (PRINTED, EXTENDED)
    assert task.history.latest().history_user == user("nv.reviewer")


# --- pages --------------------------------------------------------------------------------------


def test_a_refused_form_keeps_what_was_typed_and_says_why(client, task):
    client.force_login(user("tp.reporter"))
    url = reverse("reporting:task_detail", args=[task.pk])
    page = client.get(url).content.decode()
    assert reverse("reporting:extension_request", args=[task.pk]) in page
    assert "csrfmiddlewaretoken" in page

    ask_url = reverse("reporting:extension_request", args=[task.pk])
    response = client.post(
        ask_url, {"requested_due_date": "30/06/2023", "reason": "Chờ ý kiến thẩm định của Bộ Tư pháp."}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Hạn mới phải sau hạn hiện tại (30/06/2023)" in text
    assert 'value="30/06/2023"' in text and "Chờ ý kiến thẩm định của Bộ Tư pháp." in text
    response = client.post(ask_url, {"requested_due_date": "31/09/2023", "reason": ""})
    text = response.content.decode()
    assert response.status_code == 400
    assert 'value="31/09/2023"' in text and "dd/mm/yyyy" in text and "Ghi lý do" in text
    assert not TaskExtension.objects.filter(task=task).exists()

    response = client.post(
        ask_url, {"requested_due_date": "30/09/2023", "reason": "Chờ ý kiến thẩm định của Bộ Tư pháp."}
    )
    assert response.status_code == 302
    text = client.get(url).content.decode()
    assert 'data-extension="pending"' in text and ask_url not in text  # asked: no form again


def test_the_reviewer_decides_on_the_task_page_and_it_shows_both_dates(client, task, stp):
    extension = ask(task, stp)
    client.force_login(user("nv.reviewer"))
    url = reverse("reporting:task_detail", args=[task.pk])
    decide_url = reverse("reporting:extension_decide", args=[extension.pk])
    assert decide_url in client.get(url).content.decode()
    response = client.post(decide_url, {"decision": "refuse", "note": ""})
    assert response.status_code == 400
    assert "Ghi lý do không chấp thuận" in response.content.decode()
    response = client.post(decide_url, {"decision": "approve", "note": "Đồng ý."})
    assert response.status_code == 302 and response.url == url
    text = client.get(url).content.decode()
    assert BOTH in text and 'data-extension="approved"' in text and decide_url not in text
    assert "hạn đã gia hạn" in text.split('class="card history')[1]  # in the task's history
    response = client.post(decide_url, {"decision": "refuse", "note": "Đổi ý."})
    assert response.status_code == 400 and "đã được quyết định" in response.content.decode()
    plan_page = client.get(reverse("targets:plan_detail", args=[task.plan_id])).content.decode()
    assert "gia hạn đến 30/09/2023" in plan_page
    assert reverse("reporting:plan_extensions", args=[task.plan_id]) in plan_page


def test_only_lead_staff_see_the_form_and_only_the_reviewer_decides(client, task, stp):
    ask_url = reverse("reporting:extension_request", args=[task.pk])
    page = reverse("reporting:task_detail", args=[task.pk])
    data = {"requested_due_date": "30/09/2023", "reason": "Thiếu nhân lực."}
    for username in ("vp.coordinator", "ubnd.leader", "nv.reviewer"):
        client.force_login(user(username))
        assert ask_url not in client.get(page).content.decode()
        assert client.post(ask_url, data).status_code == 403
    assert not TaskExtension.objects.filter(task=task).exists()
    client.force_login(user("tp.head"))
    assert ask_url in client.get(page).content.decode()
    assert client.post(ask_url, data).status_code == 302
    extension = TaskExtension.objects.get(task=task)
    decide_url = reverse("reporting:extension_decide", args=[extension.pk])
    for username in ("tp.reporter", "tp.head", "ubnd.leader"):
        client.force_login(user(username))
        assert client.post(decide_url, {"decision": "approve"}).status_code == 403
    extension.refresh_from_db()
    assert extension.status == TaskExtension.Status.PENDING


def test_the_request_is_read_by_reviewers_leaders_the_asker_and_the_area_coordinator(client, task, stp):
    """Sở Tư pháp asks to extend a thể chế task that Sở Nội vụ also leads: its own staff, the
    leaders and reviewers of Hưng Yên read the reason and the decision's note; Sở Nội vụ's
    reporter (a lead that did not ask) is told a request exists, no more; the coordinator of
    cải cách TTHC (not this task's area) and Hải Dương's people read nothing of it."""
    snv = Agency.objects.get(code="hy-snv")
    task.lead_agencies.add(snv)
    decide(ask(task, stp, reason="LY-DO-RIENG-STP"), approve=False, note="Y-KIEN-RIENG-SNV")
    people = {
        "tp.reporter": True,
        "tp.head": True,
        "ubnd.leader": True,
        "nv.reviewer": True,
        UserFactory(role=User.Role.REVIEWER, agency=snv).username: True,  # not a superuser
        UserFactory(role=User.Role.REPORTER, agency=snv).username: False,
        "vp.coordinator": False,
    }
    page = reverse("reporting:task_detail", args=[task.pk])
    for username, reads in people.items():
        client.force_login(user(username))
        response = client.get(page)
        text = response.content.decode()
        assert response.status_code == 200, username
        assert ("LY-DO-RIENG-STP" in text) is reads, username
        assert ("Y-KIEN-RIENG-SNV" in text) is reads, username
        assert ("data-extension=" in text) is reads, username
    client.force_login(user(list(people)[5]))  # Sở Nội vụ's reporter
    assert "đã có đề nghị gia hạn" in client.get(page).content.decode()
    for role, code in ((User.Role.REVIEWER, "hd-snv"), (User.Role.LEADERSHIP, "hd-ubnd")):
        client.force_login(UserFactory(role=role, agency=Agency.objects.get(code=code)))
        assert client.get(page).status_code == 403  # another province's plan


def test_the_coordinator_reads_the_requests_of_the_area_it_coordinates(client, stp):
    vp = Agency.objects.get(code="hy-vp")
    tthc_task = under_way(
        Task.objects.filter(plan__code="hung-yen-2023", plan_area__lead_agency=vp)
        .order_by("position")
        .first(),
        vp,
    )
    TaskExtension.objects.create(
        task=tthc_task, agency=vp, original_due_date=PRINTED, requested_due_date=EXTENDED, reason="LY-DO-TTHC"
    )
    page = reverse("reporting:task_detail", args=[tthc_task.pk])
    for username, reads in (("vp.coordinator", True), ("tp.reporter", False)):
        client.force_login(user(username))
        assert ("LY-DO-TTHC" in client.get(page).content.decode()) is reads, username


def test_the_queue_lists_pending_requests_and_decides_from_there(client, task, stp):
    client.force_login(user("nv.reviewer"))
    queue = reverse("reporting:plan_extensions", args=[task.plan_id])
    client.get(queue)
    with CaptureQueriesContext(connection) as empty:
        assert client.get(queue).status_code == 200
    extension = ask(task, stp)
    others = []
    for other in Task.objects.filter(plan=task.plan, lead_agencies=stp).exclude(pk=task.pk)[:2]:
        Task.objects.filter(pk=other.pk).update(due_date=PRINTED, recurring=False)
        other.refresh_from_db()
        others.append(ask(other, stp, reason="Lý do khác."))
    decide(others[0], approve=False, note="Không đủ căn cứ.")
    with CaptureQueriesContext(connection) as full:
        text = client.get(queue).content.decode()
    assert len(full) == len(empty), (len(empty), len(full))
    assert f'data-extension="{extension.pk}"' in text and "Không đủ căn cứ." in text
    assert text.index(f'data-extension="{extension.pk}"') < text.index(
        f'data-extension="{others[0].pk}"'
    )  # pending ones first
    response = client.post(
        reverse("reporting:extension_decide", args=[extension.pk]),
        {"decision": "approve", "note": "", "back": "queue"},
    )
    assert response.status_code == 302 and response.url == queue
    task.refresh_from_db()
    assert task.extended_due_date == EXTENDED


def test_task_page_queries_stay_bounded_with_an_extension(client, task, stp):
    client.force_login(user("tp.reporter"))
    url = reverse("reporting:task_detail", args=[task.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as asking:
        client.get(url)
    decide(ask(task, stp), approve=True)
    with CaptureQueriesContext(connection) as extended:
        assert BOTH in client.get(url).content.decode()
    assert len(asking) <= 20 and len(extended) <= len(asking), (len(asking), len(extended))


# --- dashboards, the report and the appendix ---------------------------------------------------


def test_dashboards_and_the_report_judge_by_the_new_date_and_print_both(
    client, task, stp, django_capture_on_commit_callbacks, tmp_path
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(ask(task, stp), approve=True)
    year, q3 = period("year"), period("q3")
    client.force_login(user("nv.reviewer"))
    overview = client.get(reverse("reports:overview", args=[task.plan_id]), {"ky": year.pk}).content.decode()
    row = overview.split(f'data-task="{task.pk}"')[1].split("</tr>")[0]  # overdue by 14/12
    assert BOTH in row
    drill = client.get(
        reverse("reports:agency_drill", args=[task.plan_id, stp.pk]), {"ky": q3.pk}
    ).content.decode()
    row = drill.split(f'data-task="{task.pk}"')[1].split("</tr>")[0]
    assert BOTH in row and "task-in_progress" in row

    data = province_report_data(year)
    (line,) = [t for a in data["areas"] for t in a["overdue"] if t["task"] == task.pk]
    assert (line["due_original"], line["due"]) == ("30/06/2023", "30/09/2023")
    assert "hạn 30/06/2023, gia hạn đến 30/09/2023; chủ trì: " in render_html(data)
    in_q3 = province_report_data(q3)
    (line,) = [t for a in in_q3["areas"] for t in a["extended"] if t["task"] == task.pk]
    assert line["due_original"] == "30/06/2023"
    sheet = load_workbook(io.BytesIO(report_workbook(data, heading="x")))["Nhiệm vụ"]
    assert BOTH in [row[3] for row in sheet.iter_rows(values_only=True)]

    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(data, number="7"))
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "hạn 30/06/2023, gia hạn đến 30/09/2023" in text


def test_the_appendix_keeps_exporting_the_printed_deadline(task, stp):
    decide(ask(task, stp), approve=True)
    sheet = load_workbook(io.BytesIO(appendix_xlsx(task.plan))).active
    cells = [row for row in sheet.iter_rows(values_only=True) if row[1] == task.text]
    assert cells and cells[0][4] == "Trước ngày 30/6/2023"
    assert not any("30/09/2023" in str(value) for row in sheet.iter_rows(values_only=True) for value in row)
