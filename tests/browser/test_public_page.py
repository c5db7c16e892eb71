"""A citizen opens the province's public CCHC page, logged out, in a real Chromium: the plan's
approved figures and verdicts are there, a draft figure is not, and it reads on a phone."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agencies.models import Agency
from plans.models import Plan
from reporting.models import ReviewStatus, Submission, TargetProgress, TargetResult
from reporting.progress import period_progress_compute
from targets.models import Target

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_approved_figures_and_no_draft(
    live_server, seeded_transactional, page, artifacts_dir
):
    plan = Plan.objects.get(code="hung-yen-2023")
    q1 = plan.periods.get(kind="q1")
    rate = Target.objects.get(statement__plan=plan, statement__code="2.a", position=1)
    submission, _ = Submission.objects.update_or_create(
        period=q1,
        agency=Agency.objects.get(code="hy-snv"),
        defaults={"status": "draft", "submitted_at": None},
    )
    TargetResult.objects.update_or_create(
        submission=submission,
        target=rate,
        defaults={"numerator": D(987654), "denominator": D(987655), "review_status": ReviewStatus.PENDING},
    )
    for period in plan.periods.all():
        period_progress_compute(period_id=period.pk)
    Plan.objects.filter(pk=plan.pk).update(is_public=True, public_since=timezone.now())
    year = plan.periods.get(kind="year")
    row = TargetProgress.objects.get(period=year, target=rate, scope="province")
    shown = f"{row.value.quantize(D('0.1'))}".replace(".", ",")

    page.goto(live_server.url + "/cong-khai/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_role("link", name=plan.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
    line = page.locator(f'[data-target-code="{rate.code}"]')
    expect(line.locator(".figure")).to_contain_text(shown)
    expect(line.locator(".badge")).to_have_text(
        str(TargetProgress.objects.get(pk=row.pk).get_status_display())
    )
    expect(page.get_by_role("heading", name="Báo cáo định kỳ đã phát hành")).to_be_visible()
    body = page.locator("main").inner_text()
    assert "987654" not in body and "987.654" not in body
    assert "Đăng xuất" not in page.content()  # nobody is logged in
    page.screenshot(path=artifacts_dir / "public-plan-1366.png", full_page=False)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the public page overflows a phone screen: {width}px"
    page.screenshot(path=artifacts_dir / "public-plan-390.png")


def test_the_api_documentation_renders_from_local_files_under_the_csp(live_server, page):
    """Swagger UI from django-ninja's own static files: it renders, and the page fixture fails on
    anything the Content Security Policy blocked (an inline script, a CDN)."""
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.get_by_text("CCHC — API đọc số liệu").first).to_be_visible()
    expect(page.get_by_text("/api/v1/periods/{period_id}/figures")).to_be_visible()
    assert external == []
