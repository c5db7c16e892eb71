"""Issue 3's journey in a real Chromium on the live app: a reporter fills and submits Quý I,
the reviewer returns one line with a reason, the reporter corrects and resubmits, the reviewer
approves, and the history shows every step."""

import re

import pytest
from playwright.sync_api import expect

from agencies.models import Agency
from demo.data import DEMO_PASSWORD
from plans.models import ReportingPeriod
from reporting.models import Submission, TargetResult
from tests.evidence_files import PDF

pytestmark = pytest.mark.browser


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    expect(page.locator(".who")).to_be_visible()


def fill_every_line(page):
    for box in page.locator("input[name$='-numerator']").all():
        box.fill("90")
    for box in page.locator("input[name$='-denominator']").all():
        box.fill("1.000")
    for box in page.locator("tr[data-line] input[name$='-value']").all():
        box.fill("2,5")
    for select in page.locator("select[name$='-done']").all():
        select.select_option("yes")
    for select in page.locator("select[name$='-progress']").all():
        select.select_option("in_progress")
    for box in page.locator("input[name$='-percent']").all():
        box.fill("40")


def test_report_returned_corrected_and_approved(
    live_server, seeded_transactional, page, artifacts_dir, tmp_path
):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    agency = Agency.objects.get(code="hy-stp")
    Submission.objects.filter(period=period, agency=agency).delete()
    base = live_server.url

    # 1. The reporter fills Quý I from the plan page and submits.
    log_in(page, base, "tp.reporter")
    page.goto(f"{base}/ke-hoach/{period.plan_id}/")
    page.get_by_role("link", name="Báo cáo của đơn vị").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Tư pháp")
    fill_every_line(page)
    first_rate = page.locator("tr[data-line]").filter(has=page.locator(".rate-out")).first
    expect(first_rate.locator(".rate-out")).to_have_text("= 9,0%")
    # no share beside what the page refuses: a negative, more than the total, a decimal count
    numerator, shown = first_rate.locator("input[name$='numerator']"), first_rate.locator(".rate-out")
    typed = numerator.input_value()
    for wrong in ("-5", "99999", "1,5", "1e1"):
        numerator.fill(wrong)
        expect(shown).to_have_text("")
    numerator.fill(typed)
    expect(shown).to_have_text("= 9,0%")
    # One task is done: its evidence is a document number, a date and the scanned decision.
    evidence = tmp_path / "QĐ 15-STP.pdf"
    evidence.write_bytes(PDF)
    task = page.locator('tr[data-kind="task"]').first
    task.locator("select[name$='-progress']").select_option("done")
    task.locator("input[name$='-percent']").fill("100")
    task.locator("input[name$='-evidence_number']").fill("15/QĐ-STP")
    task.locator("input[name$='-evidence_date']").fill("01/03/2023")
    task.locator("input[name$='-completed_on']").fill("01/03/2023")
    task.locator("input[type=file]").set_input_files(evidence)
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")
    expect(page.locator("input[name$='-numerator']").first).to_be_disabled()

    # 2. The reviewer returns one line with a reason.
    log_in(page, base, "nv.reviewer")
    page.goto(f"{base}/ke-hoach/ky/{period.pk}/duyet/?trang_thai=submitted")
    page.locator('tr[data-agency="hy-stp"]').get_by_role("link", name="Xem và duyệt").click()
    row = page.locator('tr[data-kind="target"][data-line="1.a"]')
    row.get_by_role("checkbox").check()
    row.locator("input[name^='note-']").fill("Tỷ lệ 9% quá thấp, kiểm tra lại mẫu số")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".messages")).to_contain_text("Đã trả lại")

    # 3. The reporter's home page says the report came back, with the reason; the line
    # shows it too; the reporter corrects it and resubmits.
    log_in(page, base, "tp.reporter")
    # (the demo's Quý III is returned too, issue 22: the reporter has two returns to answer)
    todo = page.locator(f'ul.todo li.returned[data-period="{period.pk}"]')
    expect(todo).to_contain_text("Quý I năm 2023")
    page.screenshot(path=artifacts_dir / "home-reporter-1366.png", full_page=True)
    todo.get_by_role("link").click()
    expect(page.locator('tr[data-kind="task"]').first.locator(".evidence-link")).to_have_text(
        "PDF QĐ 15-STP.pdf"
    )
    returned = page.locator('tr[data-kind="target"][data-line="1.a"]')
    expect(returned).to_contain_text("Tỷ lệ 9% quá thấp, kiểm tra lại mẫu số")
    page.screenshot(path=artifacts_dir / "entry-returned-1366.png", full_page=True)
    returned.locator("input[name$='-denominator']").fill("95")
    expect(returned.locator(".rate-out")).to_have_text("= 94,7%")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")

    # 4. The reviewer approves; the history shows every step.
    log_in(page, base, "nv.reviewer")
    submission = Submission.objects.get(period=period, agency=agency)
    page.goto(f"{base}/ke-hoach/bao-cao/{submission.pk}/duyet/")
    expect(page.locator('tr[data-kind="target"][data-line="1.a"]')).to_contain_text("90/95 (94,7%)")
    with page.expect_download() as download:
        page.locator(".evidence-link").first.click()
    assert download.value.suggested_filename == "QĐ 15-STP.pdf"
    assert download.value.path().read_bytes() == PDF
    page.get_by_role("button", name="Duyệt tất cả").click()
    expect(page.locator(".messages")).to_contain_text("Đã duyệt")
    page.goto(f"{base}/ke-hoach/bao-cao/{submission.pk}/duyet/")
    page.locator("#lich-su summary").click()
    history = page.locator("#lich-su")
    for step in (
        "Đang nhập → Đã gửi",
        "Đã gửi → Bị trả lại",
        "Bị trả lại → Đã gửi",
        "Đã gửi → Đã duyệt",
        "Tỷ lệ 9% quá thấp",
        "mẫu số 1.000 → 95",
    ):
        expect(history).to_contain_text(step)
    expect(history).to_contain_text(re.compile("Trần Văn Bình"))
    page.screenshot(path=artifacts_dir / "review-history-1366.png", full_page=True)

    line = TargetResult.objects.get(submission=submission, target__code="1.a")
    assert (line.numerator, line.denominator, line.review_status) == (90, 95, "approved")
