"""Issue 22's agency journey in a real Chromium, on a desk (1366×768) and on a phone (390×844):
a draft saves although a task marked done has no evidence yet, sending is refused naming that
line, the reporter adds the evidence (picking the date on the Vietnamese calendar), sends, and
takes the report back before the Sở Nội vụ opens it. On the phone each row is a card and the
page never scrolls sideways."""

import pytest
from playwright.sync_api import expect

from agencies.models import Agency
from plans.models import ReportingPeriod
from reporting.models import Submission
from tests.browser.test_reporting_journey import fill_every_line, log_in
from tests.evidence_files import PDF

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_draft_send_refused_fix_send_withdraw(
    live_server, seeded_transactional, page, artifacts_dir, tmp_path, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    agency = Agency.objects.get(code="hy-stp")
    Submission.objects.filter(period=period, agency=agency).delete()
    base = live_server.url
    shot = f"{width}"

    log_in(page, base, "tp.reporter")
    page.goto(f"{base}/ke-hoach/ky/{period.pk}/co-quan/{agency.pk}/")
    if width < 700:  # a card per row, its inputs under it, nothing wider than the screen
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
            + str(width)
            + ").slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + (e.name || '') + ' '"
            + " + Math.round(e.getBoundingClientRect().right))"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width, wide
        expect(page.locator("table.entry-table thead").first).to_be_hidden()
        label = page.locator('tr[data-kind="task"] td[data-label]').nth(1)
        assert "TÌNH HÌNH" in label.evaluate("e => getComputedStyle(e, '::before').content").upper()
    fill_every_line(page)
    task = page.locator('tr[data-kind="task"]').first
    code = task.get_attribute("data-line")
    task.locator("select[name$='-progress']").select_option("done")
    task.locator("input[name$='-percent']").fill("100")
    task.locator("input[name$='-completed_on']").fill("01/03/2023")
    page.screenshot(path=artifacts_dir / f"entry-draft-{shot}.png", full_page=True)

    # 1. A draft saves: the done task without its evidence does not stop it.
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu nháp.")

    # 2. Sending is refused, naming the line and what it lacks, beside its fields.
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text(f"{code} (chưa có tệp kiểm chứng")
    task = page.locator(f'tr[data-kind="task"][data-line="{code}"]')
    expect(task).to_contain_text("Cần để gửi: chưa có tệp kiểm chứng.")
    page.screenshot(path=artifacts_dir / f"entry-send-refused-{shot}.png", full_page=True)

    # 3. The evidence: a number, a date picked on the calendar (Vietnamese, dd/mm/yyyy), a file.
    task.locator("input[name$='-evidence_number']").fill("15/QĐ-STP")
    date_box = task.locator("input[name$='-evidence_date']")
    calendar_button = task.locator(f'button[data-datepicker-for="{date_box.get_attribute("name")}"]')
    calendar = page.locator(
        f'.flatpickr-calendar.open[data-datepicker-for="{date_box.get_attribute("name")}"]'
    )
    # empty, its calendar opens at the end of the period's window (2023), not on today's month
    # years later; days outside the dates the server accepts are greyed
    calendar_button.click()
    expect(calendar).to_be_visible()
    months = calendar.locator(".flatpickr-monthDropdown-months")
    expect(months).to_have_value(str(period.window_end.month - 1))
    expect(calendar.locator(".cur-year")).to_have_value(str(period.window_end.year))
    date_box.fill("01/03/2023")
    calendar_button.click()
    expect(calendar).to_be_visible()
    expect(calendar.locator(".flatpickr-weekday").first).to_contain_text("T2")
    expect(calendar.locator(".flatpickr-monthDropdown-months")).to_contain_text("Tháng ba")
    page.screenshot(path=artifacts_dir / f"entry-calendar-{shot}.png", full_page=False)
    calendar.locator(".flatpickr-day[aria-label]:not(.prevMonthDay):not(.nextMonthDay)").nth(14).click()
    expect(date_box).to_have_value("15/03/2023")
    evidence = tmp_path / "QĐ 15-STP.pdf"
    evidence.write_bytes(PDF)
    task.locator("input[type=file]").set_input_files(evidence)
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")
    assert Submission.objects.get(period=period, agency=agency).status == "submitted"

    # 4. Taken back before the Sở Nội vụ opens it: a draft again, editable.
    page.get_by_role("button", name="Rút lại báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã rút lại báo cáo")
    expect(page.get_by_role("button", name="Gửi báo cáo")).to_be_visible()
    page.screenshot(path=artifacts_dir / f"entry-withdrawn-{shot}.png", full_page=True)
    submission = Submission.objects.get(period=period, agency=agency)
    assert submission.status == "draft" and submission.first_submitted_at is not None
    if width < 700:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
