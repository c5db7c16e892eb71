"""The reporter's entry page: save, bad input, no silent overwrite, submit, access, queries."""

import re
from datetime import date, datetime, time
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, User
from cchc.fields import WindowDateField
from reporting.forms import TargetLineForm
from reporting.models import Submission, TargetResult, TaskUpdate
from reporting.selectors.entry import entry_sheet
from targets.models import Target
from tests.evidence_files import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh(period, stp):
    """Sở Tư pháp's Quý I page with no demo submission."""
    Submission.objects.filter(period=period, agency=stp).delete()
    return reverse("reporting:submission_entry", args=[period.pk, stp.pk])


@pytest.fixture
def reporter(client):
    client.force_login(User.objects.get(username="tp.reporter"))
    return client


def form_data(period, agency, overrides=None, version=0):
    """A complete, valid page: every rate 90/100, other numbers 1, milestones done, every
    task in progress at 50%."""
    sheet = entry_sheet(period=period, agency=agency)
    data = {"version": str(version)}
    for line in sheet.target_lines:
        p = f"t{line.target.pk}-"
        if line.target.measure == "rate":
            data[p + "numerator"], data[p + "denominator"] = "90", "100"
        elif line.target.measure == "milestone":
            data[p + "done"] = "yes"
        else:
            data[p + "value"] = "1"
    for line in sheet.task_lines:
        p = f"k{line.task.pk}-"
        data[p + "progress"], data[p + "percent"] = "in_progress", "50"
    data.update(overrides or {})
    return sheet, data


def test_reporter_sees_every_line_assigned_to_the_agency(reporter, fresh, period, stp):
    sheet = entry_sheet(period=period, agency=stp)
    text = reporter.get(fresh).text
    assert len(sheet.target_lines) >= 3 and len(sheet.task_lines) == 5  # area 1's five tasks
    for line in sheet.target_lines:
        assert f'data-line="{line.target.code}"' in text
    assert "Lưu nháp" in text and "Gửi báo cáo" in text


def test_save_draft_with_decimal_comma_and_history(reporter, fresh, period, stp):
    sheet, data = form_data(period, stp)
    rate = next(line.target for line in sheet.target_lines if line.target.measure == "rate")
    data[f"t{rate.pk}-numerator"], data[f"t{rate.pk}-denominator"] = "1.250", "1.300"
    response = reporter.post(fresh, data)
    assert response.status_code == 302
    submission = Submission.objects.get(period=period, agency=stp)
    assert (submission.status, submission.version) == ("draft", 1)
    line = TargetResult.objects.get(submission=submission, target=rate)
    assert (line.numerator, line.denominator) == (D(1250), D(1300))
    assert line.history.first().history_user.username == "tp.reporter"


def test_the_refused_lines_are_named_as_targets_and_tasks(reporter, fresh, period, stp):
    """A target and a task may share a code ("1.a"): the message names each list, so the
    reporter knows which "1.a" is red."""
    sheet, data = form_data(period, stp)
    task = next(line.task for line in sheet.task_lines)
    target = next(
        (line.target for line in sheet.target_lines if line.target.code == task.code),
        next(line.target for line in sheet.target_lines if line.target.measure == "rate"),
    )
    field = "numerator" if target.measure == "rate" else "value"
    data[f"t{target.pk}-{field}"] = "abc"
    data[f"k{task.pk}-percent"] = "150"
    text = reporter.post(fresh, data).content.decode()
    assert (
        f"Chưa lưu 2 dòng có ô nhập chưa đúng (tô đỏ bên dưới): chỉ tiêu {target.code}; nhiệm vụ {task.code}."
        in text
    )


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("numerator", "N/A", "không phải là một số"),
        ("numerator", "khoảng 90", "không phải là một số"),
        ("numerator", "-5", "âm"),
        ("numerator", "120", "lớn hơn mẫu số"),
        ("denominator", "0", "lớn hơn 0"),
        ("numerator", "99999999999", "quá lớn"),
        ("numerator", "2,5", "số nguyên"),
    ],
)
def test_bad_numbers_are_refused_beside_the_field_and_nothing_typed_is_lost(
    reporter, fresh, period, stp, field, typed, message
):
    sheet, data = form_data(period, stp)
    rate = next(line.target for line in sheet.target_lines if line.target.measure == "rate")
    data[f"t{rate.pk}-{field}"] = typed
    other = sheet.task_lines[0].task
    data[f"k{other.pk}-note"] = "Ghi chú đang gõ dở"
    response = reporter.post(fresh, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert f'value="{typed}"' in text.replace("&quot;", '"')
    assert "Ghi chú đang gõ dở" in text
    assert f"Chưa lưu 1 dòng có ô nhập chưa đúng (tô đỏ bên dưới): chỉ tiêu {rate.code}." in text
    # the other lines are saved as a draft; the refused one is not
    submission = Submission.objects.get(period=period, agency=stp)
    assert not TargetResult.objects.filter(submission=submission, target=rate).exists()
    assert TaskUpdate.objects.get(submission=submission, task=other).note == "Ghi chú đang gõ dở"


def version_of(period, agency) -> int:
    return Submission.objects.get(period=period, agency=agency).version


def test_a_done_task_saves_as_a_draft_without_evidence_and_is_named_when_sent(reporter, fresh, period, stp):
    """Issue 22: "Lưu nháp" is never refused for want of evidence; "Gửi" is, naming the line
    and what it lacks beside its fields, until the file, number and date are given."""
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    data.update(
        {
            f"k{task.pk}-progress": "done",
            f"k{task.pk}-percent": "100",
            f"k{task.pk}-completed_on": "15/02/2023",
        }
    )
    response = reporter.post(fresh, data)
    assert response.status_code == 302
    assert "Đã lưu nháp." in reporter.get(fresh).content.decode()
    line = TaskUpdate.objects.get(submission__period=period, submission__agency=stp, task=task)
    assert (line.progress, line.evidence_file) == ("done", None)

    data["version"] = str(version_of(period, stp))
    text = reporter.post(fresh, {**data, "submit": "1"}).content.decode()
    assert Submission.objects.get(period=period, agency=stp).status == "draft"
    assert "Chưa gửi được vì còn 1 dòng chưa đủ" in text
    assert (
        f"{task.code} (chưa có tệp kiểm chứng, chưa có số, ký hiệu văn bản kiểm chứng, "
        "chưa có ngày văn bản kiểm chứng)"
    ) in text
    row = text[text.index(f'data-kind="task" data-line="{task.code}"') :]
    row = row[: row.index("</tr>")]
    assert f'class="has-error" data-kind="task" data-line="{task.code}"' in text
    assert "Cần để gửi: chưa có tệp kiểm chứng." in row

    data.update(
        {
            "version": str(version_of(period, stp)),
            f"k{task.pk}-evidence_number": "12/KH-STP",
            f"k{task.pk}-evidence_date": "15/02/2023",
            f"k{task.pk}-evidence_upload": upload("12-KH-STP.pdf", PDF),
            "submit": "1",
        }
    )
    assert reporter.post(fresh, data).status_code == 302
    submission = Submission.objects.get(period=period, agency=stp)
    assert submission.status == "submitted"
    line.refresh_from_db()
    assert line.evidence_file.name == "12-KH-STP.pdf" and line.evidence_file.kind == "pdf"


def test_an_untouched_done_line_without_evidence_does_not_stop_a_draft(reporter, fresh, period, stp):
    """A task marked done earlier with no evidence file (as the demo has them) stays as it is
    while the reporter saves another line."""
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    data.update(
        {
            f"k{task.pk}-progress": "done",
            f"k{task.pk}-percent": "100",
            f"k{task.pk}-completed_on": "15/02/2023",
        }
    )
    assert reporter.post(fresh, data).status_code == 302
    page = reporter.get(fresh).content.decode()
    assert "tệp kiểm chứng" not in page.split("<h2>")[0]
    other = sheet.task_lines[1].task
    data.update({"version": str(version_of(period, stp)), f"k{other.pk}-note": "Đã họp triển khai"})
    assert reporter.post(fresh, data).status_code == 302
    assert TaskUpdate.objects.get(submission__agency=stp, submission__period=period, task=other).note == (
        "Đã họp triển khai"
    )


def test_a_done_task_still_needs_its_completion_date_and_says_so_once(reporter, fresh, period, stp):
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    data.update(
        {
            f"k{task.pk}-progress": "done",
            f"k{task.pk}-percent": "100",
            f"k{task.pk}-completed_on": "31/02/2023",
        }
    )
    text = reporter.post(fresh, data).content.decode()
    assert text.count("Ngày không đúng: nhập theo dạng dd/mm/yyyy") == 1
    assert "Nhập ngày hoàn thành" not in text  # one message for one wrong date, not two
    assert 'value="31/02/2023"' in text


@pytest.mark.parametrize("typed", ["2023-11-06", "06.11.2023", "6/13/2023"])
def test_a_date_not_typed_dd_mm_yyyy_is_refused_with_the_hint(reporter, fresh, period, stp, typed):
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    data[f"k{task.pk}-evidence_date"] = typed
    text = reporter.post(fresh, data).content.decode()
    assert text.count("Ngày không đúng: nhập theo dạng dd/mm/yyyy, ví dụ 06/11/2023.") == 1
    assert f'value="{typed}"' in text
    submission = Submission.objects.get(period=period, agency=stp)
    assert not TaskUpdate.objects.filter(submission=submission, task=task).exists()


def test_dates_are_typed_in_a_text_box_with_the_calendar_not_the_browser_s_date_input(reporter, fresh):
    text = reporter.get(fresh).content.decode()
    assert 'type="date"' not in text
    assert 'placeholder="dd/mm/yyyy"' in text and "data-datepicker" in text
    assert "vendor/flatpickr/flatpickr.min.js" in text and "vendor/flatpickr/l10n/vn.js" in text
    assert "js/datepicker.js" in text


def _date_box(text, task, name):
    return re.search(rf'<input[^>]*name="k{task.pk}-{name}"[^>]*>', text).group(0)


def test_the_calendar_keeps_to_the_plan_s_dates_and_opens_in_the_period(reporter, fresh, period, stp):
    """Hưng Yên 2023's Quý I opened now (years later): its task dates' calendars are bounded by
    the dates the server accepts (``plan_date_window``: 2022 to 2024) and open, empty, at the
    end of the period's window, not on today's month."""
    task = entry_sheet(period=period, agency=stp).task_lines[0].task
    text = reporter.get(fresh).content.decode()
    for name in ("completed_on", "evidence_date"):
        box = _date_box(text, task, name)
        assert 'data-date-min="01/01/2022"' in box and 'data-date-max="31/12/2024"' in box
        assert f'data-date-open="{period.window_end:%d/%m/%Y}"' in box


def test_the_calendar_of_the_open_period_opens_on_today(reporter, fresh, period, stp):
    task = entry_sheet(period=period, agency=stp).task_lines[0].task
    inside = period.window_start + (period.window_end - period.window_start) / 2
    with time_machine.travel(datetime.combine(inside, time(10), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        text = reporter.get(fresh).content.decode()
    assert f'data-date-open="{inside:%d/%m/%Y}"' in _date_box(text, task, "evidence_date")


def test_a_window_set_and_taken_away_shows_on_the_calendar():
    field = WindowDateField(window=(date(2022, 1, 1), date(2024, 12, 31)))
    assert 'data-date-min="01/01/2022" data-date-max="31/12/2024"' in field.widget.render("d", None)
    field.window = None
    assert "data-date-min" not in field.widget.render("d", None)
    assert "data-date-max" not in field.widget.render("d", None)


def test_a_percentage_typed_with_the_percent_sign_is_read(reporter, fresh, period, stp):
    """ "84,5%" for a percentage target is 84,5; "60%" done of a task is 60."""
    form = TargetLineForm({"t-value": "84,5%"}, target=Target(measure="percent", unit="%"), prefix="t")
    assert form.is_valid(), form.errors
    assert form.line_values()["value"] == D("84.5")
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task
    data[f"k{task.pk}-percent"] = "60%"
    assert reporter.post(fresh, data).status_code == 302
    submission = Submission.objects.get(period=period, agency=stp)
    assert TaskUpdate.objects.get(submission=submission, task=task).percent == 60


def test_not_applicable_needs_a_reason(reporter, fresh, period, stp):
    sheet, data = form_data(period, stp)
    target = sheet.target_lines[0].target
    data[f"t{target.pk}-not_applicable"] = "on"
    assert "Ghi lý do" in reporter.post(fresh, data).content.decode()
    data[f"t{target.pk}-not_applicable_reason"] = "Kỳ này không ban hành văn bản"
    data["version"] = str(version_of(period, stp))  # the other lines were saved meanwhile
    assert reporter.post(fresh, data).status_code == 302


def test_a_save_from_an_older_page_is_refused_and_keeps_the_typing(reporter, fresh, period, stp):
    _sheet, data = form_data(period, stp)
    assert reporter.post(fresh, data).status_code == 302  # version 0 → 1
    task_key = next(k for k in data if k.endswith("-percent"))
    data[task_key] = "77"
    response = reporter.post(fresh, data)  # still says version 0
    assert response.status_code == 409
    text = response.content.decode()
    assert "vừa được" in text and 'value="77"' in text
    assert Submission.objects.get(period=period, agency=stp).version == 1


def test_submit_needs_every_line_then_locks_the_page(reporter, fresh, period, stp):
    sheet, data = form_data(period, stp)
    first = sheet.target_lines[0].target
    partial = {k: v for k, v in data.items() if not k.startswith(f"t{first.pk}-")}
    text = reporter.post(fresh, {**partial, "submit": "1"}).content.decode()
    assert f"Chưa gửi được vì còn 1 dòng chưa đủ: {first.code} (chưa nhập)." in text
    submission = Submission.objects.get(period=period, agency=stp)
    assert submission.status == "draft"
    _sheet, data = form_data(period, stp, version=submission.version)
    assert reporter.post(fresh, {**data, "submit": "1"}).status_code == 302
    submission.refresh_from_db()
    assert submission.status == "submitted" and submission.submitted_by.username == "tp.reporter"
    page = reporter.get(fresh).content.decode()
    assert "<fieldset disabled>" in page and "Gửi báo cáo</button>" not in page
    assert reporter.post(fresh, data).status_code == 403


def test_other_agencies_pages_are_forbidden_to_a_reporter(reporter, period):
    for code in ("hy-snv", "hy-van-lam", "hd-stp"):
        other = Agency.objects.get(code=code)
        url = reverse("reporting:submission_entry", args=[period.pk, other.pk])
        assert reporter.get(url).status_code == 403
        assert reporter.post(url, {"version": "0"}).status_code == 403


def test_leadership_reads_but_cannot_write(client, fresh):
    client.force_login(User.objects.get(username="ubnd.leader"))
    assert "<fieldset disabled>" in client.get(fresh).content.decode()
    assert client.post(fresh, {"version": "0"}).status_code == 403


def test_query_count_does_not_grow_with_the_lines(reporter, client, period, django_assert_num_queries):
    """Sở Tư pháp (few lines) and Sở Nội vụ (many) cost the same number of queries."""
    counts = []
    for code in ("hy-stp", "hy-snv"):
        agency = Agency.objects.get(code=code)
        client.force_login(User.objects.get(username="nv.reviewer"))
        url = reverse("reporting:submission_entry", args=[period.pk, agency.pk])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        lines = len(re.findall(r'data-line="', client.get(url).content.decode()))
        counts.append((len(ctx.captured_queries), lines))
    (few_queries, few_lines), (many_queries, many_lines) = counts
    assert many_lines > few_lines
    assert few_queries == many_queries, counts


def test_the_coordinator_s_history_shows_only_the_lines_of_their_areas(client, reporter, fresh, period, stp):
    """Sở Tư pháp saves every line (a thể chế task with its evidence file among them): its
    reporter's history lists them all; the coordinator of cải cách TTHC, reading the same page,
    finds only the TTHC lines in it, and no file name of a thể chế task."""
    sheet, data = form_data(period, stp)
    task = sheet.task_lines[0].task  # area 1: thể chế
    assert task.plan_area.lead_agency_id == stp.pk
    data[f"k{task.pk}-evidence_upload"] = upload("bien-ban-the-che-bi-mat.pdf", PDF)
    assert reporter.post(fresh, data).status_code == 302
    tthc = {
        line.target.code
        for line in sheet.target_lines
        if line.target.statement.plan_area and line.target.statement.plan_area.lead_agency.code == "hy-vp"
    }
    others = {line.target.code for line in sheet.target_lines} - tthc
    assert tthc and others

    history_url = reverse("reporting:submission_entry_history", args=[period.pk, stp.pk])
    assert history_url in reporter.get(fresh).content.decode()  # opened from the page

    def history(client):
        return client.get(history_url, {"phan": "1"}).content.decode()

    mine = history(reporter)
    assert "bien-ban-the-che-bi-mat.pdf" in mine and f"Nhiệm vụ {task.code}" in mine
    assert set(re.findall(r"Chỉ tiêu ([^\s<]+)", mine)) == tthc | others
    client.force_login(User.objects.get(username="vp.coordinator"))
    assert history_url in client.get(fresh).content.decode()
    theirs = history(client)
    assert theirs, "the coordinator reads the page's history"
    assert "bien-ban-the-che-bi-mat.pdf" not in theirs and "Nhiệm vụ" not in theirs
    shown = set(re.findall(r"Chỉ tiêu ([^\s<]+)", theirs))
    assert shown == tthc


def test_a_send_given_one_area_s_lines_still_judges_every_line(fresh, period, stp):
    """A report is sent only when every line of the agency is filled: a sheet holding one
    area's lines (a coordinator's view) filled completely does not send the report."""
    from reporting.services.submissions import submission_enter

    whole = entry_sheet(period=period, agency=stp)
    area = whole.target_lines[0].target.statement.plan_area_id
    limited = entry_sheet(period=period, agency=stp, area_ids={area})
    assert (
        0
        < len(limited.target_lines) + len(limited.task_lines)
        < len(whole.target_lines) + len(whole.task_lines)
    )
    _sheet, data = form_data(period, stp)
    forms = {
        line.target: TargetLineForm(data, target=line.target, prefix=f"t{line.target.pk}")
        for line in limited.target_lines
    }
    assert all(form.is_valid() for form in forms.values())
    outcome = submission_enter(
        period=period,
        agency=stp,
        user=User.objects.get(username="tp.reporter"),
        version=0,
        target_values={target: form.line_values() for target, form in forms.items()},
        task_values={},
        send=True,
        sheet=limited,
    )
    assert not outcome.sent and outcome.submission.status == "draft"
    named = {line.code for line in outcome.missing}
    outside = {line.target.code for line in whole.target_lines if line.target.statement.plan_area_id != area}
    assert outside and outside <= named


def test_a_report_only_read_says_why(reporter, fresh, period, stp):
    """The walk found one line for every case ("Chỉ xem: báo cáo đã gửi, đã duyệt, hoặc bạn không
    có quyền nhập …"), alarming a reporter whose report was merely sent: each case is named."""
    _sheet, data = form_data(period, stp)
    assert reporter.post(fresh, {**data, "submit": "1"}).status_code == 302
    submission = Submission.objects.get(period=period, agency=stp)
    text = reporter.get(fresh).content.decode()
    assert "data-withdraw" in text and "data-read-only" not in text  # the take-back box says it
    Submission.objects.filter(pk=submission.pk).update(opened_at=timezone.now())
    text = reporter.get(fresh).content.decode()
    assert 'data-read-only="submitted"' in text
    assert "Chỉ xem: báo cáo đã gửi, đang chờ Sở Nội vụ duyệt." in text
    Submission.objects.filter(pk=submission.pk).update(status=Submission.Status.APPROVED)
    text = reporter.get(fresh).content.decode()
    assert "Chỉ xem: báo cáo đã được Sở Nội vụ duyệt." in text
    assert "hoặc bạn không có quyền nhập" not in text


def test_a_long_task_text_is_cut_with_the_whole_a_tap_away(reporter, fresh, period, stp):
    """The walk found task texts cut at 220 characters with no way to read on (a head approving
    the report could not see what the task asks)."""
    from django.utils.html import escape

    lines = entry_sheet(period=period, agency=stp).task_lines
    long = next(line.task for line in lines if len(line.task.text) > 220)
    short = next(line.task for line in lines if len(line.task.text) <= 220)
    text = reporter.get(fresh).content.decode()
    row = re.search(
        rf'<tr[^>]*data-kind="task" data-line="{re.escape(long.code)}">.*?</tr>', text, re.S
    ).group(0)
    assert '<details class="task-text"><summary>' in row and "Xem đủ" in row
    assert f"</summary>{escape(long.text)}</details>" in row
    row = re.search(
        rf'<tr[^>]*data-kind="task" data-line="{re.escape(short.code)}">.*?</tr>', text, re.S
    ).group(0)
    assert "<details" not in row and escape(short.text) in row
