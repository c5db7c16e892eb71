"""Issue 5's journey in a real Chromium: the reviewer opens the overview of a seed plan, filters
by an area, drills into a target and into an agency, and every figure shown equals the stored
progress. Screenshots of the overview and the leadership page at 1366×768 and 390×844 are
written to artifacts/, and neither page scrolls sideways."""

import math

import pytest
from playwright.sync_api import expect

from plans.models import PlanArea, ReportingPeriod
from reporting.models import RollupProgress, TargetProgress
from tests.browser.test_reporting_journey import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def mean_pct(share) -> str:
    """A mean or a rate as a whole percentage, rounded."""
    return f"{round(share * 100)}%"


def pct(progress, met) -> str:
    """A progress as shown (DOMAIN.md "Target verdict"): whole percent, floored, and never 100%
    for a target not met."""
    whole = math.floor(progress * 100)
    return f"{whole if met else min(whole, 99)}%"


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def tables_show_they_scroll(page, phone: bool):
    """A table wider than its frame fades on the side where more of it lies (static/js/tables.js):
    on the phone at least one of the overview's does, until scrolled to its end; a table that
    fits has no fade."""
    wide = page.locator(".table-wrap").evaluate_all(
        "ws => ws.map(w => [w.scrollWidth > w.clientWidth + 1, w.className])"
    )
    assert wide
    for overflows, classes in wide:
        assert ("more-right" in classes) == overflows, (overflows, classes)
        assert "more-left" not in classes
    assert any(overflows for overflows, _ in wide) == phone
    if phone:
        frame = page.locator(".table-wrap").nth([overflows for overflows, _ in wide].index(True))
        frame.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
        expect(frame).to_contain_class("more-left")
        expect(frame).not_to_contain_class("more-right")
        frame.evaluate("w => { w.scrollLeft = 40; }")
        expect(frame).to_contain_class("more-left more-right")


def test_reviewer_filters_the_overview_and_drills_down(
    live_server, seeded_transactional, page, artifacts_dir
):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    plan = period.plan
    base = live_server.url
    log_in(page, base, "nv.reviewer")

    # 1. From the plan page to its overview.
    page.goto(f"{base}/ke-hoach/{plan.pk}/")
    page.locator(".plan-links").get_by_role("link", name="Tổng quan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan thực hiện kế hoạch — Năm 2023")
    rollup = RollupProgress.objects.get(period=period, scope="plan")
    expect(page.locator('[data-status="met"] strong')).to_have_text(str(rollup.met))
    # the year period's verdicts are final: đạt, không đạt, chưa đủ căn cứ (no "chậm" at year end)
    expect(page.locator('[data-status="not_met"] strong')).to_have_text(str(rollup.not_met))
    expect(page.locator('[data-status="off_track"]')).to_have_count(0)
    expect(page.locator("svg.chart.bars").first).to_have_attribute("role", "img")
    no_sideways_scroll(page)
    page.screenshot(path=artifacts_dir / "overview-1366.png")
    page.screenshot(path=artifacts_dir / "overview-1366-full.png", full_page=True)

    # 2. Filter by an area: only its targets remain, and the filter is in the URL.
    area = PlanArea.objects.get(plan=plan, lead_agency__code="hy-vp")
    page.select_option("#id_linh_vuc", str(area.pk))
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(
        f"{base}/bao-cao/ke-hoach/{plan.pk}/tong-quan/?ky={period.pk}"
        f"&linh_vuc={area.pk}&co_quan=&cap=&trang_thai="
    )
    rows = TargetProgress.objects.filter(period=period, scope="province", target__statement__plan_area=area)
    expect(page.locator("tr[data-target]")).to_have_count(rows.count())
    for row in rows.exclude(progress=None):
        expect(page.locator(f'tr[data-target="{row.target_id}"] [data-figure="progress"]')).to_have_text(
            pct(row.progress, row.met)
        )

    # 3. Drill into a target: every agency's stored figure.
    target_row = rows.exclude(progress=None).order_by("target__position").first()
    page.locator(f'tr[data-target="{target_row.target_id}"] td:first-child a').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(target_row.target.code)
    expect(page.locator('[data-figure="province-progress"]')).to_contain_text(
        pct(target_row.progress, target_row.met)
    )
    agency_rows = TargetProgress.objects.filter(period=period, target=target_row.target, agency__isnull=False)
    expect(page.locator("tr[data-agency]")).to_have_count(agency_rows.count())
    for row in agency_rows.exclude(progress=None):
        expect(page.locator(f'tr[data-agency="{row.agency_id}"] [data-figure="progress"]')).to_have_text(
            pct(row.progress, row.met)
        )

    # 4. …and into an agency: its year, and the same figure for that target.
    own = agency_rows.exclude(progress=None).select_related("agency").order_by("agency__name")[0]
    page.locator(f'tr[data-agency="{own.agency_id}"] td:first-child a').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(own.agency.name)
    cell = page.locator(f'tr[data-target="{target_row.target_id}"] [data-figure="{period.pk}"]')
    expect(cell).to_be_visible()
    expect(page.locator("tr[data-period]")).to_have_count(4)
    # 5. The figure explains itself.
    cell.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Số liệu chỉ tiêu")
    expect(page.locator('[data-figure="progress"]')).to_contain_text(pct(own.progress, own.met))


def test_overview_and_leadership_screenshots(live_server, seeded_transactional, browser, artifacts_dir):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    base = live_server.url
    for name, viewport in (("1366", {"width": 1366, "height": 768}), ("390", PHONE)):
        context = browser.new_context(viewport=viewport, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, base, "ubnd.leader")
        page.goto(f"{base}/bao-cao/ke-hoach/{period.plan_id}/lanh-dao/")
        rollup = RollupProgress.objects.get(period=period, scope="plan")
        expect(page.locator('[data-headline="targets"] strong')).to_have_text(
            f"{rollup.met}/{rollup.targets}"
        )
        expect(page.locator('[data-headline="progress"] strong')).to_have_text(mean_pct(rollup.progress_mean))
        no_sideways_scroll(page)
        page.screenshot(path=artifacts_dir / f"leadership-{name}.png")
        page.screenshot(path=artifacts_dir / f"leadership-{name}-full.png", full_page=True)
        page.goto(f"{base}/bao-cao/ke-hoach/{period.plan_id}/tong-quan/")
        no_sideways_scroll(page)
        tables_show_they_scroll(page, phone=viewport is PHONE)
        page.screenshot(path=artifacts_dir / f"overview-{name}.png")
        context.close()
