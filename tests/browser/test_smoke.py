"""A new user's first minutes, in a real Chromium against the live app on PostgreSQL."""

import re

import pytest
from playwright.sync_api import expect

from demo.data import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_reviewer_logs_in_opens_a_plan_and_sees_its_targets(
    live_server, seeded_transactional, page, artifacts_dir
):
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    # The local stylesheet is served and applied (no CDN, nothing missing).
    expect(page.locator("header.topbar")).to_have_css("background-color", "rgb(31, 58, 104)")

    page.fill("#id_username", "nv.reviewer")
    page.fill("#id_password", "sai-mat-khau")
    page.click("button.primary")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_username")).to_have_value("nv.reviewer")

    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    expect(page.get_by_role("heading", name="Xin chào, Nguyễn Thị Hòa")).to_be_visible()
    expect(page.locator(".who")).to_contain_text("Nguyễn Thị Hòa")
    page.screenshot(path=artifacts_dir / "home-reviewer-1366.png")
    page.locator(".topnav").get_by_role("link", name="Kế hoạch").click()
    expect(page.get_by_role("heading", name="Kế hoạch cải cách hành chính")).to_be_visible()

    page.get_by_role("link", name="Kế hoạch cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kế hoạch cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023"
    )

    on_time = page.locator('[data-target-code="2.a.1"]')
    expect(on_time.locator(".figure")).to_have_text("> 95%")
    expect(page.locator('[data-target-code="2.a.2"] .badge.stretch')).to_be_visible()
    expect(page.locator('[data-target-code="6.b"] .figure')).to_have_text(
        "cấp tỉnh 60% · cấp huyện 50% · cấp xã 30%"
    )

    page.get_by_role("link", name="2. Thủ tục hành chính").click()
    expect(page.locator("#linh-vuc-2")).to_be_in_viewport()
    page.screenshot(path=artifacts_dir / "plan-detail-1366.png")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))""")
    assert width <= 390, f"page overflows a phone screen: {width}px: {wide}"
    page.screenshot(path=artifacts_dir / "plan-detail-390.png")
