"""Issue 22 item 5 in a real Chromium, on a desk (1366×768) and on a phone (390×844): where the
province asks the agency's head to approve, the reporter's "Gửi" takes the report to the head;
the head finds it on their home page, returns it with a reason; the reporter reads the reason
and sends again; the head approves ("Duyệt và gửi Sở Nội vụ"); the reviewer's queue has it."""

import pytest
from playwright.sync_api import expect

from agencies.models import Agency
from plans.models import ReportingPeriod
from reporting.models import Submission
from tests.browser.test_reporting_journey import fill_every_line, log_in

pytestmark = pytest.mark.browser

REASON = "Bổ sung thuyết minh chỉ tiêu thủ tục hành chính trước khi gửi Sở Nội vụ"


def no_sideways_scroll(page, width):
    if width < 700:
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def open_from_head_home(page, base, period):
    page.goto(f"{base}/")
    todo = page.locator("[data-head-todo]")
    expect(todo).to_contain_text("Báo cáo chờ thủ trưởng duyệt")
    expect(todo).to_contain_text(period.title)
    expect(todo).to_contain_text("trình bởi Trần Văn Bình")
    return todo


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_head_returns_then_approves_and_the_queue_has_it(
    live_server, seeded_transactional, page, artifacts_dir, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    Agency.objects.filter(code="hy-ubnd").update(head_approval_required=True)
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    agency = Agency.objects.get(code="hy-stp")
    Submission.objects.filter(period=period, agency=agency).delete()
    base = live_server.url
    entry = f"{base}/ke-hoach/ky/{period.pk}/co-quan/{agency.pk}/"
    shot = f"{width}"

    # 1. The reporter fills the page and sends it: it goes to the head, not to the Sở Nội vụ.
    log_in(page, base, "tp.reporter")
    page.goto(entry)
    expect(page.locator("[data-head=required]")).to_contain_text("chuyển tới thủ trưởng cơ quan duyệt")
    fill_every_line(page)
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã trình thủ trưởng cơ quan duyệt")
    expect(page.locator(".entry-meta")).to_contain_text("Chờ thủ trưởng duyệt")
    expect(page.get_by_role("button", name="Rút lại báo cáo")).to_be_visible()
    page.screenshot(path=artifacts_dir / f"head-1-sent-to-head-{shot}.png", full_page=True)
    assert Submission.objects.get(period=period, agency=agency).first_submitted_at is None

    # 2. The head sees it on their home page, opens it read-only and returns it with a reason.
    log_in(page, base, "tp.head")
    todo = open_from_head_home(page, base, period)
    no_sideways_scroll(page, width)
    page.screenshot(path=artifacts_dir / f"head-2-home-{shot}.png", full_page=True)
    todo.get_by_role("link", name="Xem và duyệt").click()
    decision = page.locator("[data-head-decision]")
    expect(decision).to_contain_text("Thủ trưởng duyệt báo cáo")
    expect(page.locator("form.entry fieldset input:not([type=hidden])").first).to_be_disabled()  # read-only
    no_sideways_scroll(page, width)
    decision.locator("textarea[name=head_reason]").fill(REASON)
    page.screenshot(path=artifacts_dir / f"head-3-return-{shot}.png", full_page=False)
    decision.get_by_role("button", name="Trả lại cán bộ đầu mối").click()
    expect(page.locator(".messages")).to_contain_text("Đã trả lại báo cáo cho cán bộ đầu mối")

    # 3. The reporter reads the reason on the page and sends again.
    log_in(page, base, "tp.reporter")
    page.goto(entry)
    expect(page.locator("[data-head-return]")).to_contain_text(f"Thủ trưởng cơ quan trả lại: {REASON}")
    page.screenshot(path=artifacts_dir / f"head-4-reason-{shot}.png", full_page=True)
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã trình thủ trưởng cơ quan duyệt")
    expect(page.locator("[data-head-return]")).to_have_count(0)

    # 4. The head approves: the report is sent to the Sở Nội vụ.
    log_in(page, base, "tp.head")
    todo = open_from_head_home(page, base, period)
    todo.get_by_role("link", name="Xem và duyệt").click()
    page.get_by_role("button", name="Duyệt và gửi Sở Nội vụ").click()
    expect(page.locator(".messages")).to_contain_text("Đã duyệt và gửi báo cáo tới Sở Nội vụ.")
    expect(page.locator(".entry-meta")).to_contain_text("Đã gửi")
    page.locator("#lich-su summary").click()  # the history is read when opened
    history = page.locator("#lich-su .history-list")
    expect(history).to_contain_text("thủ trưởng cơ quan duyệt và gửi Sở Nội vụ")
    page.screenshot(path=artifacts_dir / f"head-5-approved-{shot}.png", full_page=True)
    submission = Submission.objects.get(period=period, agency=agency)
    assert submission.status == "submitted"
    assert submission.first_submitted_at == submission.submitted_at  # the approval is the sending

    # 5. The reviewer's queue has it, awaiting review.
    log_in(page, base, "nv.reviewer")
    page.goto(f"{base}/ke-hoach/ky/{period.pk}/duyet/?trang_thai=submitted")
    row = page.locator('tr[data-agency="hy-stp"]')
    expect(row).to_contain_text("Xem và duyệt")
    page.screenshot(path=artifacts_dir / f"head-6-queue-{shot}.png", full_page=True)
