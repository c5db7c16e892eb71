"""Issue 25's journey in a real Chromium: a reviewer creates next year's plan from its Word file.
The .docx is made here from Hưng Yên 2023's text (with the header a plan prints above it); the
reviewer uploads it from the plan list, reads the proposals on one page (a target's details
opened, the title corrected), creates the draft, and the plan holds every target and every
task of the text. Screenshots of the review page (1366 and 390 wide) and of the new plan go to
artifacts/."""

import pytest
from playwright.sync_api import expect

from plans.models import Plan, Task
from targets.models import Target
from tests.browser.test_reporting_journey import log_in
from tests.plan_docx import docx_from_text
from tests.targets.test_plan_reading import source

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
HEADER = """ỦY BAN NHÂN DÂN
TỈNH HƯNG YÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 35/KH-UBND-TEST
Hưng Yên, ngày 15 tháng 02 năm 2023
"""


def test_reviewer_creates_a_draft_plan_from_its_word_file(
    live_server, seeded_transactional, page, artifacts_dir, tmp_path
):
    document = tmp_path / "ke-hoach-cchc-hung-yen-2023.docx"
    document.write_bytes(docx_from_text(HEADER + source("hung_yen_2023")))
    plans_before = set(Plan.objects.values_list("pk", flat=True))
    base = live_server.url
    log_in(page, base, "nv.reviewer")

    page.goto(f"{base}/ke-hoach/")
    page.get_by_role("link", name="Tạo kế hoạch từ văn bản").click()
    page.set_input_files("#id_file", str(document))
    page.get_by_role("button", name="Đọc văn bản và đề xuất").click()

    expect(page.locator("h1")).to_contain_text("ke-hoach-cchc-hung-yen-2023.docx")
    expect(page.locator("tr[data-kind=target]")).to_have_count(41)
    expect(page.locator("tr[data-kind=task]")).to_have_count(44)
    expect(page.locator("#id_h-number")).to_have_value("35/KH-UBND-TEST")
    expect(page.locator("#id_h-issue_date")).to_have_value("15/02/2023")
    expect(page.locator("#id_h-year")).to_have_value("2023")
    first_task = page.locator("tr[data-kind=task]").first
    expect(first_task.locator("input[name$='-code']")).to_have_value("1.a")
    expect(first_task.locator("input[name$='-lead']")).to_have_value("Sở Tư pháp")
    target = page.locator("tr[data-kind=target]").nth(12)  # 2.a, after 8 goals and 4 of 1.
    expect(target.locator("td.source")).to_contain_text("Trên 95% số hồ sơ TTHC")
    target.locator("summary").click()
    expect(target.locator("details")).to_have_attribute("open", "")
    page.fill("#id_h-title", "Kế hoạch cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023 (nhập từ tệp)")
    page.screenshot(path=artifacts_dir / "plan-from-text-review-1366.png", full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=artifacts_dir / "plan-from-text-review-390.png")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.get_by_role("button", name="Tạo dự thảo kế hoạch").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo dự thảo kế hoạch")
    page.screenshot(path=artifacts_dir / "plan-from-text-created-1366.png", full_page=True)

    created = Plan.objects.exclude(pk__in=plans_before).get()
    assert created.status == Plan.Status.DRAFT
    assert created.title.endswith("(nhập từ tệp)")
    assert (created.number, created.issue_date.isoformat(), created.issuer.code) == (
        "35/KH-UBND-TEST",
        "2023-02-15",
        "hy-ubnd",
    )
    assert Target.objects.filter(statement__plan=created).count() == 41
    assert Task.objects.filter(plan=created).count() == 44
    assert created.periods.count() == 4
    expect(page.locator("h1")).to_contain_text("(nhập từ tệp)")
