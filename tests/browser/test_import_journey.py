"""Issue 7's journey in a real Chromium: a reviewer brings a new plan in without retyping it.
The task appendix comes from an Excel file with an agency name the product cannot match (the
reviewer picks the agency in the preview); the targets come from the plan's pasted text (the
reviewer unticks one proposal and corrects another). What is saved is checked in the database;
screenshots of both review pages go to artifacts/."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from agencies.models import Agency
from plans.models import Plan, PlanArea, Task
from targets.models import Target
from tests.browser.test_reporting_journey import log_in
from tests.plans.test_appendix import xlsx

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

TEXT = """II. MỤC TIÊU CỤ THỂ
1. Cải cách thể chế
a) 100% văn bản quy phạm pháp luật được rà soát, hệ thống hóa đúng quy định.
2. Cải cách thủ tục hành chính
a) Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 97%; phấn đấu 85% hồ sơ trả trước hạn.
b) Thời gian chờ đợi tại Bộ phận Một cửa tối đa 15 phút/lượt.
"""


def test_reviewer_imports_the_appendix_and_the_targets(
    live_server, seeded_transactional, page, artifacts_dir, tmp_path
):
    source = Plan.objects.get(code="hai-duong-2024")
    plan = Plan.objects.create(
        code="hd-2025-nhap", title="Kế hoạch CCHC năm 2025", issuer=source.issuer, year=2025, status="draft"
    )
    for area in source.areas.order_by("position"):
        PlanArea.objects.create(
            plan=plan,
            area=area.area,
            code=area.code,
            title=area.title,
            position=area.position,
            lead_agency=area.lead_agency,
        )
    justice = Agency.objects.get(code="hd-stp")
    appendix = tmp_path / "phu-luc.xlsx"
    appendix.write_bytes(
        xlsx(
            [
                [
                    "TT",
                    "Nội dung nhiệm vụ",
                    "Cơ quan chủ trì",
                    "Cơ quan phối hợp",
                    "Thời gian hoàn thành",
                    "Sản phẩm",
                ],
                ["I. CẢI CÁCH THỂ CHẾ"],
                [
                    "1",
                    "Rà soát văn bản quy phạm pháp luật",
                    "Sở Tư pháp",
                    "Các sở, ban, ngành",
                    "Quý II/2025",
                    "Báo cáo",
                ],
                [
                    "2",
                    "Kiểm tra văn bản sau ban hành",
                    "Phòng Kiểm tra VB",
                    "",
                    "Trước ngày 30/9/2025",
                    "Báo cáo",
                ],
            ],
            merge=["A2:F2"],
        )
    )
    base = live_server.url
    log_in(page, base, "nv.reviewer")

    # 1. The appendix: upload, preview, pick the agency for the name not recognised, confirm.
    page.goto(f"{base}/ke-hoach/{plan.pk}/")
    page.get_by_role("link", name="Nhập phụ lục nhiệm vụ từ Excel").click()
    page.set_input_files("#tep", str(appendix))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    expect(page.locator("tr[data-line]")).to_have_count(2)
    unmatched = page.locator(".unmatched")
    expect(unmatched).to_have_count(1)
    expect(unmatched).to_contain_text("Phòng Kiểm tra VB")
    unmatched.locator("select").select_option(str(justice.pk))
    page.screenshot(path=artifacts_dir / "appendix-preview-1366.png", full_page=True)
    page.get_by_role("button", name="Xác nhận và lưu tất cả").click()
    expect(page.locator(".messages")).to_contain_text("2 nhiệm vụ mới")
    tasks = list(Task.objects.filter(plan=plan).order_by("position").prefetch_related("lead_agencies"))
    assert [(t.code, t.due_date.isoformat(), [a.code for a in t.lead_agencies.all()]) for t in tasks] == [
        ("1", "2025-06-30", ["hd-stp"]),
        ("2", "2025-09-30", ["hd-stp"]),
    ]
    assert tasks[0].cooperating_groups == "Các sở, ban, ngành"

    # 2. The targets: paste the text, untick one proposal, correct another, save.
    page.goto(f"{base}/ke-hoach/{plan.pk}/")
    page.get_by_role("link", name="Đọc chỉ tiêu từ văn bản kế hoạch").click()
    page.fill("#id_text", TEXT)
    page.get_by_role("button", name="Đọc và đề xuất chỉ tiêu").click()
    proposals = page.locator("section.proposal")
    expect(proposals).to_have_count(4)
    # one compact row per proposal, under the sentence it came from (printed once for its two)
    expect(page.locator(".proposal-source")).to_have_count(3)
    expect(page.locator(".proposal-source").nth(1)).to_contain_text(
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 97%; phấn đấu 85% hồ sơ trả trước hạn."
    )
    page.screenshot(path=artifacts_dir / "target-extraction-1366.png")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=artifacts_dir / "target-extraction-390.png")
    page.set_viewport_size({"width": 1366, "height": 768})
    proposals.nth(0).get_by_label("Nhận chỉ tiêu này").uncheck()
    proposals.nth(2).get_by_label("Giá trị", exact=True).fill("86")
    page.get_by_role("button", name="Lưu các chỉ tiêu đã chọn").click()
    expect(page.locator(".messages")).to_contain_text("Đã thêm 3 chỉ tiêu vào kế hoạch.")
    saved = [
        (t.statement.plan_area.code, t.comparator, t.value, t.stretch)
        for t in Target.objects.filter(statement__plan=plan)
        .select_related("statement__plan_area")
        .order_by("statement__position", "position")
    ]
    # The text numbers TTHC "2."; the plan numbers it "3": the heading's words decide.
    assert saved == [
        (code, cmp, Decimal(v), stretch)
        for code, cmp, v, stretch in [
            ("3", ">", "97", False),
            ("3", ">=", "86", True),
            ("3", "<=", "15", False),
        ]
    ]
