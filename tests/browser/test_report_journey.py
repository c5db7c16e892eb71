"""Issue 6's journey in a real Chromium, with the PDFs made by a real Celery worker over Redis:
the reviewer drafts the province report of a seed plan from its report list, watches the
progress bar until the preview is made, edits a section, issues it numbered and dated, and
downloads it; the PDF reads back with the number, the date, the edited text and the stored
figures; the leadership page then offers it. Screenshots go to artifacts/."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from plans.models import ReportingPeriod
from reporting.models import TargetProgress
from reports.models import Report
from tests.browser.test_reporting_journey import log_in
from tests.plans.test_tasks import celery_worker_process  # noqa: F401 - the fixture
from tests.reports.test_pdf import assert_rows_printed
from tests.reports.test_worker import web_app_on_redis  # noqa: F401 - the fixture
from tests.workers import worker_inspect

pytestmark = pytest.mark.browser

RENDERED = 60_000  # ms: a render takes about 1,5 s on the worker; the page polls every second


def rendered(page, worker):
    """The page reloads itself when the worker is done; if it never is, say what the report
    and the worker were doing."""
    try:
        expect(page.locator("#render-status")).to_have_attribute("data-status", "done", timeout=RENDERED)
    except AssertionError as error:
        rows = list(
            Report.objects.values(
                "pk", "state", "render_status", "render_progress", "render_attempts", "render_error"
            )
        )
        inspect = worker_inspect(worker)
        raise AssertionError(
            f"not rendered: {rows}; worker stats {inspect.stats()}; "
            f"active {inspect.active()}; reserved {inspect.reserved()}"
        ) from error


def test_reviewer_drafts_edits_issues_and_downloads_the_province_report(
    live_server,
    seeded_transactional,
    web_app_on_redis,  # noqa: F811
    celery_worker_process,  # noqa: F811
    page,
    artifacts_dir,
    tmp_path,
):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    plan = period.plan
    base = live_server.url
    log_in(page, base, "nv.reviewer")

    # 1. The leadership page has nothing issued yet and leads to the drafts.
    page.goto(f"{base}/bao-cao/ke-hoach/{plan.pk}/lanh-dao/?ky={period.pk}")
    expect(page.get_by_role("button", name="Tải báo cáo PDF mới nhất")).to_be_disabled()
    page.get_by_role("link", name="Xem các dự thảo").click()
    section = page.locator(f'.report-period[data-period="{period.pk}"]')
    section.get_by_role("button", name="Tạo dự thảo báo cáo").click()

    # 2. The report page shows the render's progress, then reloads itself with the file.
    expect(page.locator("#render-status progress")).to_be_visible()
    rendered(page, celery_worker_process)
    expect(page.get_by_role("link", name="Tải PDF")).to_be_visible()
    report = Report.objects.get(period=period, agency=None)
    assert report.render_status == "done" and report.render_attempts == 1

    # Sending a remake says so on its button and cannot be sent twice (the form held back here;
    # the page's own handler runs as on any sending)
    remake = page.locator("#render-status form[data-busy-text]")
    remake.evaluate("form => form.addEventListener('submit', event => event.preventDefault())")
    remake.get_by_role("button").click()
    expect(remake.get_by_role("button")).to_be_disabled()
    expect(remake.get_by_role("button")).to_have_text("Đang tạo lại…")
    page.reload()

    # 3. Section IV edited, saved, made again.
    page.get_by_label("IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI").fill(
        "Tiếp tục rà soát, đơn giản hóa thủ tục hành chính nội bộ."
    )
    page.get_by_role("button", name="Lưu và tạo lại bản xem trước").click()
    expect(page.get_by_text("Đã lưu. Bản xem trước đang được tạo lại.")).to_be_visible()
    rendered(page, celery_worker_process)

    # 4. A wrong number is refused in Vietnamese and keeps the date typed; then issued.
    page.get_by_label("Số văn bản").fill("15/BC")
    page.get_by_label("Ngày ban hành").fill("10/01/2024")
    page.get_by_role("button", name="Phát hành", exact=True).click()
    expect(page.get_by_text("Số văn bản là một số nguyên dương, ví dụ 12.")).to_be_visible()
    expect(page.get_by_label("Ngày ban hành")).to_have_value("10/01/2024")
    page.get_by_label("Số văn bản").fill("15")
    page.get_by_role("button", name="Phát hành", exact=True).click()
    # "Phát hành" asks first: the number and the date shown back, then confirmed
    expect(page.get_by_role("heading", name="Xác nhận phát hành")).to_be_visible()
    expect(page.locator(".issue-confirm")).to_contain_text("15/BC-UBND")
    expect(page.locator(".issue-confirm")).to_contain_text("10/01/2024")
    page.get_by_role("button", name="Xác nhận phát hành").click()
    expect(page.get_by_text("Đã phát hành báo cáo số 15.")).to_be_visible()
    rendered(page, celery_worker_process)
    expect(page.locator("h1 + p .badge")).to_have_text("Đã phát hành")
    page.screenshot(path=str(artifacts_dir / "report-issued-1366.png"), full_page=True)

    # 5. The download reads back with the number, the date, the edit and the figures.
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải PDF").click()
    path = tmp_path / "report.pdf"
    info.value.save_as(path)
    assert info.value.suggested_filename == "bao-cao-cchc-nam-2023-ubnd-tinh-v1.pdf"
    pages = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = re.sub(r"\s+", " ", pages)
    assert "Số: 15/BC-UBND" in text and "Hưng Yên, ngày 10 tháng 01 năm 2024" in text
    assert "Tiếp tục rà soát, đơn giản hóa thủ tục hành chính nội bộ." in text
    rows = TargetProgress.objects.filter(period=period, scope="province").exclude(progress=None)
    assert_rows_printed(rows, text)

    # 6. The leadership page now offers it.
    page.goto(f"{base}/bao-cao/ke-hoach/{plan.pk}/lanh-dao/?ky={period.pk}")
    expect(page.locator(".report-box a.button-link")).to_have_attribute(
        "href", f"/bao-cao/van-ban/{report.pk}/pdf/"
    )

    # All three files were made by the worker process, none in the web process.
    stats = worker_inspect(celery_worker_process).stats() or {}
    totals = [worker.get("total", {}) for worker in stats.values()]
    assert sum(t.get("reports.tasks.report_render", 0) for t in totals) == 3, stats
