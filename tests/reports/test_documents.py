"""Report documents: drafts, rendering (in-process here, as the embedded default runs it),
texts, issuing and freezing, versions, failures and retries, the beat job, downloads and the
XLSX, through the services and the pages."""

import io
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from agencies.models import Agency, User
from plans.models import Plan, ReportingPeriod
from reporting.models import ProgressRun, TargetProgress
from reports import documents, services
from reports.models import Report
from reports.spreadsheets import TARGET_COLUMNS
from reports.tasks import report_render
from targets.progress import progress_shown

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def commit_hooks_run_at_once(monkeypatch):
    """These tests run inside a transaction that never commits; the render the services fire
    "on commit" runs at once instead (tests/reports/test_worker.py covers the real commit)."""
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def stand_in_pdf(*args, step=None, **kwargs) -> bytes:
    """A PDF's place taken without laying the report out (WeasyPrint, about 2 s a report here)."""
    return b"%PDF-1.7 stand-in"


@pytest.fixture
def no_layout(monkeypatch):
    """For the tests of numbers, states, queries and the beat job, which never read the PDF:
    the render runs every step but the layout (the PDF itself is read back by the tests that
    keep the real one: the first draft, the edited texts, freezing, and tests/reports/test_pdf.py)."""
    monkeypatch.setattr(documents, "render_pdf", stand_in_pdf)


@pytest.fixture
def period():
    return ReportingPeriod.objects.select_related("plan__issuer").get(plan__code="hung-yen-2023", kind="h1")


@pytest.fixture
def reviewer():
    return User.objects.get(username="nv.reviewer")


def rendered_draft(period, agency=None) -> Report:
    report, created = services.report_draft_get_or_create(period=period, agency=agency)
    assert created
    assert services.report_render_request(report=report)
    report.refresh_from_db()
    assert report.render_status == "done", report.render_error
    return report


def pdf_text(content: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    path = tmp_path / "r.pdf"
    path.write_bytes(content)
    return " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )


def test_a_draft_renders_its_pdf_from_the_latest_figures(period, tmp_path):
    report = rendered_draft(period)
    assert report.version == 1 and report.state == "draft"
    assert report.render_progress == 100 and report.render_attempts == 1
    assert report.data["kind"] == "province" and report.data_taken_at is not None
    content = report.file.read()
    assert content.startswith(b"%PDF")
    assert "Số: /BC-UBND" in pdf_text(content, tmp_path)  # a draft has no number yet
    # the snapshot's figures are the stored ones
    stored = {r.target_id: r for r in TargetProgress.objects.filter(period=period, scope="province")}
    rows = report.data["general"] + [r for a in report.data["areas"] for r in a["targets"]]
    assert len(rows) == len(stored)
    for row in rows:
        progress = stored[row["target"]].progress
        assert row["progress"] == (None if progress is None else str(progress))


def test_asking_twice_while_queued_or_running_renders_once(period, no_layout):
    report, _ = services.report_draft_get_or_create(period=period)
    Report.objects.filter(pk=report.pk).update(render_status="running", render_requested_at=timezone.now())
    assert services.report_render_request(report=report) is False
    Report.objects.filter(pk=report.pk).update(render_status="queued")
    assert services.report_render_request(report=report) is False
    # one message claims it, a duplicate of it finds nothing to do
    assert services.report_render(report_id=report.pk) is True
    assert services.report_render(report_id=report.pk) is False
    report.refresh_from_db()
    assert report.render_attempts == 1 and report.render_status == "done"
    # a render whose worker died long ago may be asked again
    Report.objects.filter(pk=report.pk).update(
        render_status="running", render_requested_at=timezone.now() - timedelta(hours=1)
    )
    assert services.report_render_request(report=report) is True


def test_while_the_file_is_made_again_the_old_one_is_not_offered(period, reviewer, client, no_layout):
    """A file made again ("Tạo lại bản xem trước") no longer matches the figures and texts: while
    the new one is made, the page offers no download of the old one (a reviewer downloaded it
    and compared its figures with the dashboard's), and says why; once made, it does."""
    report = rendered_draft(period)
    client.force_login(reviewer)
    page = reverse("reports:report_detail", args=[report.pk])
    pdf = reverse("reports:report_pdf", args=[report.pk])
    Report.objects.filter(pk=report.pk).update(render_status="running", render_requested_at=timezone.now())
    busy = client.get(page).content.decode()
    assert pdf not in busy and "Đang tạo lại tệp" in busy and "<progress" in busy
    # nor by its address (a bookmark, a page open before): back to the report's page
    response = client.get(pdf)
    assert response.status_code == 302 and response.url == page
    Report.objects.filter(pk=report.pk).update(render_status="done")
    done = client.get(page).content.decode()
    assert pdf in done and "Đang tạo lại tệp" not in done
    assert " ms)" not in done  # the time it took is not the reader's business


def test_one_draft_per_document_and_per_agency(period):
    agency = Agency.objects.get(code="hy-stp")
    first, created = services.report_draft_get_or_create(period=period)
    again, created_again = services.report_draft_get_or_create(period=period)
    own, created_own = services.report_draft_get_or_create(period=period, agency=agency)
    assert created and not created_again and first.pk == again.pk
    assert created_own and own.pk != first.pk and own.version == 1


def test_edited_texts_are_kept_and_printed_untouched_ones_follow_the_figures(period, tmp_path):
    report = rendered_draft(period)
    defaults = report.data["defaults"]
    services.report_texts_save(
        report=report,
        texts={
            "chi_dao": defaults["chi_dao"],
            "danh_gia": "Ưu điểm: chỉ đạo quyết liệt.\nTồn tại: …",
            "kien_nghi": "Đề nghị Bộ Nội vụ hướng dẫn chỉ số mới.",
        },
    )
    # the section left as written from the figures is not kept
    assert report.texts == {
        "danh_gia": "Ưu điểm: chỉ đạo quyết liệt.\nTồn tại: …",
        "kien_nghi": "Đề nghị Bộ Nội vụ hướng dẫn chỉ số mới.",
    }
    assert services.report_render_request(report=report)
    report.refresh_from_db()
    text = pdf_text(report.file.read(), tmp_path)
    assert "Ưu điểm: chỉ đạo quyết liệt." in text
    assert "Đề nghị Bộ Nội vụ hướng dẫn chỉ số mới." in text
    assert defaults["chi_dao"].split(",")[0] in text


def test_issuing_freezes_the_data_and_a_new_version_takes_the_new_figures(period, reviewer, client, tmp_path):
    report = rendered_draft(period)
    issued = services.report_issue(report=report, number="12", issued_on=date(2023, 7, 5), user=reviewer)
    issued.refresh_from_db()
    assert issued.state == "issued" and issued.render_status == "done"
    issued_pdf = issued.file.read()
    text = pdf_text(issued_pdf, tmp_path)
    assert "Số: 12/BC-UBND" in text and "Hưng Yên, ngày 05 tháng 07 năm 2023" in text
    frozen = issued.data
    # The figures change afterwards (a correction approved, the period recomputed).
    row = TargetProgress.objects.filter(period=period, scope="province").exclude(progress=None).first()
    TargetProgress.objects.filter(pk=row.pk).update(progress=Decimal("0.123"), status="off_track")
    ProgressRun.objects.filter(period=period).update(computed_at=timezone.now())
    # The issued report does not move: no re-render, same data, same file.
    assert services.report_render_request(report=issued) is False
    with pytest.raises(ValidationError):
        services.report_texts_save(report=issued, texts={"danh_gia": "sửa sau khi phát hành"})
    issued.refresh_from_db()
    assert issued.data == frozen and issued.file.read() == issued_pdf
    # A new version carries the texts and takes the new figure.
    draft = services.report_version_new(report=issued, user=reviewer)
    draft.refresh_from_db()
    assert draft.version == 2 and draft.state == "draft" and draft.number == ""
    rows = {
        r["target"]: r for r in draft.data["general"] + [r for a in draft.data["areas"] for r in a["targets"]]
    }
    assert rows[row.target_id]["rate"] == "12%"
    # Old versions stay downloadable, byte for byte.
    client.force_login(reviewer)
    response = client.get(reverse("reports:report_pdf", args=[issued.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == issued_pdf
    assert response["Content-Disposition"].startswith('attachment; filename="bao-cao-cchc-')


def test_issuing_refuses_a_bad_or_used_number_and_an_unseen_draft(period, reviewer, no_layout):
    agency = Agency.objects.get(code="hy-stp")
    unseen, _ = services.report_draft_get_or_create(period=period, agency=agency)
    with pytest.raises(ValidationError, match="bản xem trước"):
        services.report_issue(report=unseen, number="3", issued_on=date(2023, 7, 5), user=reviewer)
    report = rendered_draft(period)
    with pytest.raises(ValidationError) as error:
        services.report_issue(report=report, number="12a", issued_on=None, user=reviewer)
    assert set(error.value.error_dict) == {"number", "issued_on"}
    services.report_issue(report=report, number="12", issued_on=date(2023, 7, 5), user=reviewer)
    other = rendered_draft(ReportingPeriod.objects.get(plan=period.plan, kind="q3"))
    with pytest.raises(
        ValidationError,
        match="Số 12/BC-UBND năm 2023 đã được dùng cho báo cáo "
        "6 tháng năm 2023 .phiên bản 1, ngày 05/07/2023.",
    ):
        services.report_issue(report=other, number="12", issued_on=date(2023, 10, 5), user=reviewer)
    # the same number in another year is another document
    services.report_issue(report=other, number="12", issued_on=date(2024, 1, 5), user=reviewer)


def test_the_database_keeps_a_number_to_one_report_when_the_check_misses_it(
    period, reviewer, monkeypatch, no_layout
):
    """What two reviewers issuing at the same moment meet (raced for real on PostgreSQL in
    test_issue_concurrency): the service's check saw the number free, the constraint refuses
    it, and the draft is left as it was."""
    first = rendered_draft(period)
    services.report_issue(report=first, number="101", issued_on=date(2023, 7, 5), user=reviewer)
    first.refresh_from_db()
    assert (first.issuer, first.series, first.issued_year) == (period.plan.issuer, "BC-UBND", 2023)
    other = rendered_draft(ReportingPeriod.objects.get(plan=period.plan, kind="q3"))
    before = (other.file.name, other.data)
    real_holder = services._number_holder
    looked = []

    def misses_once(**reference):
        looked.append(reference)
        return None if len(looked) == 1 else real_holder(**reference)

    monkeypatch.setattr(services, "_number_holder", misses_once)
    with pytest.raises(ValidationError) as error:
        services.report_issue(report=other, number="101", issued_on=date(2023, 12, 30), user=reviewer)
    assert error.value.message_dict == {
        "number": [
            "Số 101/BC-UBND năm 2023 đã được dùng cho báo cáo 6 tháng năm 2023 (phiên bản 1, "
            "ngày 05/07/2023). Hãy dùng số khác."
        ]
    }
    assert len(looked) == 2
    other.refresh_from_db()
    assert (other.state, other.number, other.issuer, other.issued_year) == ("draft", "", None, None)
    assert (other.file.name, other.data) == before
    # another issuer's 101, and the province's 101 of another year, are other documents
    monkeypatch.setattr(services, "_number_holder", real_holder)
    agency = Agency.objects.get(code="hy-stp")
    own = rendered_draft(period, agency)
    services.report_issue(report=own, number="101", issued_on=date(2023, 7, 5), user=reviewer)
    services.report_issue(report=other, number="101", issued_on=date(2024, 1, 3), user=reviewer)
    assert Report.objects.filter(number="101", state="issued").count() == 3


def test_issue_form_keeps_what_was_typed_and_says_why_in_vietnamese(period, reviewer, client, no_layout):
    report = rendered_draft(period)
    client.force_login(reviewer)
    response = client.post(
        reverse("reports:report_issue", args=[report.pk]), {"number": "12/BC", "issued_on": "31/02/2023"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="12/BC"' in page and 'value="31/02/2023"' in page
    assert "Số văn bản là một số nguyên dương" in page
    report.refresh_from_db()
    assert report.state == "draft"


def test_a_failed_render_shows_its_reason_and_a_transient_one_is_retried(period, monkeypatch, no_layout):
    report, _ = services.report_draft_get_or_create(period=period)
    real_render = documents.render_pdf
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_render(*args, **kwargs)

    monkeypatch.setattr(documents, "render_pdf", flaky)
    assert services.report_render_request(report=report)
    report.refresh_from_db()
    assert len(calls) == 2 and report.render_status == "done"
    assert report.render_attempts == 2 and report.render_error == ""

    def broken(*args, **kwargs):
        raise ValueError("ảnh biểu đồ hỏng")

    monkeypatch.setattr(documents, "render_pdf", broken)
    services.report_render_request(report=report)  # in-process: the page is not broken
    report.refresh_from_db()
    assert report.render_status == "failed"
    assert report.render_error == "ValueError: ảnh biểu đồ hỏng"


def test_a_lost_message_finds_nothing_to_do():
    assert report_render.apply(args=[987654]).get() is False


def test_beat_drafts_a_province_report_once_after_each_deadline(no_layout):
    plan = Plan.objects.get(code="hai-duong-2024")
    Plan.objects.exclude(pk=plan.pk).update(status="closed")
    Plan.objects.filter(pk=plan.pk).update(status="in_force")
    q1 = plan.periods.get(kind="q1")
    made = services.report_drafts_due(today=q1.deadline + timedelta(days=1))
    assert [r.period_id for r in made] == [q1.pk]
    assert made[0].automatic and made[0].render_status == "done" and made[0].file
    assert services.report_drafts_due(today=q1.deadline + timedelta(days=1)) == []
    later = services.report_drafts_due(today=date(plan.year + 1, 12, 31))
    assert sorted(r.period.kind for r in later) == ["h1", "q3", "year"]


def test_the_xlsx_holds_the_same_figures_as_numbers(period, reviewer, client, no_layout):
    report = rendered_draft(period)
    client.force_login(reviewer)
    response = client.get(reverse("reports:report_xlsx", args=[report.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["Chỉ tiêu", "Nhiệm vụ"]
    sheet = book["Chỉ tiêu"]
    assert [c.value for c in sheet[3]] == [name for name, _w in TARGET_COLUMNS]
    stored = {
        r.target.code: r
        for r in TargetProgress.objects.filter(period=period, scope="province").select_related("target")
    }
    lines = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(lines) == len(stored)
    for line in lines:
        row = stored[line[1]]
        if row.progress is None:
            assert line[6] is None
        else:
            # the share as shown: never 100% (Excel's "0%") for a target not met
            assert line[6] == pytest.approx(float(progress_shown(row.progress, row.met)))
    tasks = list(book["Nhiệm vụ"].iter_rows(min_row=4, values_only=True))
    assert len(tasks) == sum(
        len(a[k]) for a in report.data["areas"] for k in ("done", "overdue", "in_progress", "recurring")
    )


def test_an_agency_reporter_drafts_its_own_report_and_sees_only_its_own(period, client, no_layout):
    reporter = User.objects.get(username="tp.reporter")
    client.force_login(reporter)
    response = client.post(
        reverse("reports:report_create", args=[period.pk]), {"co_quan": reporter.agency_id}
    )
    report = Report.objects.get(period=period, agency=reporter.agency)
    assert response.status_code == 302 and response.url == reverse("reports:report_detail", args=[report.pk])
    assert report.render_status == "done" and report.data["kind"] == "agency"
    page = client.get(response.url).content.decode()
    assert "Phát hành" in page and "Tải PDF" in page
    other = Agency.objects.get(code="hy-snv")
    assert (
        client.post(reverse("reports:report_create", args=[period.pk]), {"co_quan": other.pk}).status_code
        == 403
    )
    listing = client.get(reverse("reports:report_list", args=[period.plan_id])).content.decode()
    assert f'data-report="{report.pk}"' in listing
    assert "Báo cáo của UBND tỉnh" not in listing


def test_report_pages_take_a_fixed_number_of_queries(period, reviewer, client, no_layout):
    client.force_login(reviewer)
    agencies = list(Agency.objects.filter(parent=period.plan.issuer)[:6])
    rendered_draft(period)
    url = reverse("reports:report_list", args=[period.plan_id])

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    few = count(url)
    for agency in agencies:
        services.report_draft_get_or_create(period=period, agency=agency)
    assert count(url) == few
    report = Report.objects.filter(period=period, agency=None).get()
    services.report_issue(report=report, number="40", issued_on=date(2023, 7, 1), user=reviewer)
    detail = reverse("reports:report_detail", args=[report.pk])
    one_version = count(detail)
    for number in ("41", "42"):
        draft = services.report_version_new(report=report, user=reviewer)
        services.report_issue(report=draft, number=number, issued_on=date(2023, 7, 2), user=reviewer)
    assert count(detail) == one_version
    print(f"queries: list {few}, detail {one_version}")


def test_the_benchmark_and_the_drafting_command_run(capsys, monkeypatch):
    from django.core.management import call_command

    call_command("bench_report", "--plan", "hung-yen-2023", "--period", "q1", "--repeat", "1")
    out = capsys.readouterr().out
    assert "hung-yen-2023 Quý I năm 2023: best of 1" in out and "peak Python memory" in out
    monkeypatch.setattr(documents, "render_pdf", stand_in_pdf)  # the drafting, not the layout
    Plan.objects.exclude(code="hai-duong-2024").update(status="closed")
    Plan.objects.filter(code="hai-duong-2024").update(status="in_force")
    for period in ReportingPeriod.objects.filter(plan__code="hai-duong-2024").exclude(kind="year"):
        services.report_draft_get_or_create(period=period)
    call_command("draft_reports")
    out = capsys.readouterr().out
    assert "dự thảo: Báo cáo Năm 2024 — UBND tỉnh — Đã tạo" in out
    assert "1 dự thảo mới." in out
