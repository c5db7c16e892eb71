"""Issue 22 item 10 in a real Chromium: the target-extraction review page shows one compact row
per proposal (tick, code, the target's statement, value and unit, comparator, area), the other
fields under "Chi tiết"; its height for the same text is measured at 1366×768 and 390×844
(printed with ``-s``; screenshots to artifacts/) and nothing runs off a phone's screen."""

import pytest
from django.conf import settings

from plans.models import Plan, PlanArea
from tests.browser.test_reporting_journey import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

#: five targets in four sentences, from neither seed plan, laid out as plans print them
TEXT = """II. MỤC TIÊU CỤ THỂ
1. Cải cách thủ tục hành chính
a) Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 97%; phấn đấu 85% hồ sơ trả trước hạn.
b) Thời gian chờ đợi của người dân tại Bộ phận Một cửa tối đa 15 phút/lượt.
2. Xây dựng chính quyền số
a) Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt 90% ở cấp tỉnh, 80% ở cấp huyện và 60% ở cấp xã.
b) Số hóa 100% hồ sơ đất đai trước ngày 30/6/2026.
"""


def _plan():
    source = Plan.objects.get(code="hung-yen-2023")
    plan = Plan.objects.create(
        code="hy-2026-chieu-cao",
        title="Kế hoạch CCHC năm 2026",
        issuer=source.issuer,
        year=2026,
        status="draft",
    )
    for area in source.areas.order_by("position")[:2]:
        PlanArea.objects.create(
            plan=plan,
            area=area.area,
            code=str(area.position),
            title=area.title,
            position=area.position,
            lead_agency=area.lead_agency,
        )
    return plan


def _height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def _review(page, base, plan, text):
    page.goto(f"{base}/ke-hoach/{plan.pk}/trich-chi-tieu/")
    page.fill("#id_text", text)
    page.get_by_role("button", name="Đọc và đề xuất chỉ tiêu").click()
    page.wait_for_selector(".proposal")


def test_the_review_page_height(live_server, seeded_transactional, page, artifacts_dir):
    plan = _plan()
    base = live_server.url
    log_in(page, base, "nv.reviewer")
    seed_text = (settings.BASE_DIR / "targets/seed_data/sources/hai_duong_2024.txt").read_text()
    heights = {}
    for name, text in (("5", TEXT), ("hai-duong", seed_text)):
        _review(page, base, plan, text)
        count = page.locator(".proposal").count()
        heights[(name, "1366")] = (count, _height(page))
        page.screenshot(path=artifacts_dir / f"extraction-review-{name}-1366.png", full_page=name == "5")
        page.set_viewport_size(PHONE)
        heights[(name, "390")] = (count, _height(page))
        page.screenshot(path=artifacts_dir / f"extraction-review-{name}-390.png", full_page=name == "5")
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
            " > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id"
            " + ':' + Math.round(e.getBoundingClientRect().right))"
        )
        assert not wide, wide
        page.set_viewport_size({"width": 1366, "height": 768})
    print("\nEXTRACTION PAGE HEIGHTS", heights)
    # Measured before the compact rows (14-field forms): 2 379 / 4 351 px for the five
    # proposals, 13 761 / 27 946 px for Hải Dương's 35; after: 1 086 / 2 299, 4 848 / 13 019.
    assert heights[("5", "1366")][1] <= 1300 and heights[("5", "390")][1] <= 2700
    assert heights[("hai-duong", "1366")][1] <= 5600
