"""Issue 22's journeys of the roles the other journeys leave out, in a real Chromium on a desk
(1366×768) and on a phone (390×844), each asserting what the user sees: a newcomer's first
minutes with every demo account (item 17), the leader's home and reports (items 11, 13), the
area coordinator's home (item 16), and the error pages everyone may meet (item 15). One demo
site serves the module (``demo_site``); the reports the leader reads are made once."""

import re
import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

from plans.models import ReportingPeriod
from reports.models import Report
from reports.services import (
    report_draft_get_or_create,
    report_issue,
    report_render,
    report_render_request,
)
from tests.browser.demo_site import demo_site_fixture  # noqa: F401 - the fixture
from tests.browser.test_reporting_journey import log_in

#: on one pytest-xdist worker: the module's server and its two rendered reports made once
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group("roles_journey")]

SIZES = [(1366, 768), (390, 844)]


def _fits(page, width: int) -> None:
    """On a phone nothing is wider than the screen: the page never scrolls sideways."""
    if width < 700:
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def _shot(page, artifacts_dir, name: str, width: int) -> None:
    page.screenshot(path=str(artifacts_dir / f"{name}-{width}.png"), full_page=True)


# --- item 17: a newcomer logs in with each demo account and sees its to-do ------------------

#: (user, the home page's heading of its to-do, what it lists under it)
TODO = [
    (
        "tp.reporter",
        "Việc cần làm",
        ["Quý III năm 2023", "Bị trả lại", "mức độ hài lòng (mục 2.c)", "6 tháng năm 2023"],
    ),
    ("tp.head", "Việc cần làm", ["Quý III năm 2023", "Bị trả lại", "6 tháng năm 2023"]),
    ("nv.reviewer", "Kỳ báo cáo cần theo dõi", ["Năm 2023", "Năm 2024"]),
    ("vp.coordinator", "Việc đang chờ", ["báo cáo đang chờ Sở Nội vụ duyệt"]),
    ("ubnd.leader", "Báo cáo chờ phát hành", ["Báo cáo Năm 2023 — UBND tỉnh", "Dự thảo"]),
]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_each_demo_role_finds_its_to_do_on_its_home_page(
    demo_site,
    leader_reports,
    page,
    artifacts_dir,
    width,
    height,
):
    page.set_viewport_size({"width": width, "height": height})
    for username, heading, items in TODO:
        log_in(page, demo_site.url, username)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
        section = page.locator("section.card").filter(has=page.get_by_role("heading", name=heading))
        expect(section).to_be_visible()
        for item in items:
            expect(section).to_contain_text(item)
        _fits(page, width)
        _shot(page, artifacts_dir, f"home-{username}", width)

    # the reporter's to-do leads to the work: the returned line with its note, the draft's
    # empty plain figure ready to type
    log_in(page, demo_site.url, "tp.reporter")
    page.locator("ul.todo").get_by_role("link", name="Quý III năm 2023").click()
    expect(page.locator('tr[data-line="2.c.1"]')).to_contain_text("Trả lại: Số liệu chưa khớp")
    page.goto(demo_site.url + "/")
    page.locator("ul.todo").get_by_role("link", name="6 tháng năm 2023", exact=True).click()
    expect(page.locator('tr[data-line="2.c.1"] input[name$="-value"]')).to_have_value("")
    expect(page.get_by_role("button", name="Gửi báo cáo")).to_be_visible()
    _shot(page, artifacts_dir, "newcomer-draft", width)


# --- items 11 and 13: leadership ----------------------------------------------------------


@pytest.fixture(scope="module")
def leader_reports(demo_site, django_db_blocker):
    """Quý III's province report issued (number 21, 05/10/2023), the year's a draft: both
    rendered, as the reviewer and the beat job would have left them; removed when the module
    ends."""
    with django_db_blocker.unblock():
        reports = _leader_reports()
        try:
            yield reports
        finally:
            Report.objects.filter(pk__in=[reports["issued"].pk, reports["draft"].pk]).delete()


def _rendered(report: Report) -> Report:
    """Its PDF made now: queued as the page would (in-process the task runs at once; with a
    broker, this process takes it)."""
    report_render_request(report=report)
    if Report.objects.get(pk=report.pk).render_status == Report.Render.QUEUED:
        report_render(report_id=report.pk)
    report = Report.objects.get(pk=report.pk)
    assert report.render_status == Report.Render.DONE, report.render_error
    return report


def _leader_reports() -> dict:
    q3 = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q3")
    year = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="year")
    issued = _rendered(report_draft_get_or_create(period=q3)[0])
    issued = _rendered(report_issue(report=issued, number="21", issued_on=date(2023, 10, 5), user=None))
    draft = _rendered(report_draft_get_or_create(period=year)[0])
    return {"plan": q3.plan, "q3": q3, "year": year, "issued": issued, "draft": draft}


def _pdf_text(page, link, tmp_path) -> str:
    with page.expect_download() as info:
        link.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return re.sub(r"\s+", " ", out.stdout)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_leader_reads_the_period_reports_and_a_draft_is_marked(
    demo_site,
    leader_reports,
    page,
    artifacts_dir,
    tmp_path,
    width,
    height,
):
    page.set_viewport_size({"width": width, "height": height})
    plan, q3, year = leader_reports["plan"], leader_reports["q3"], leader_reports["year"]
    log_in(page, demo_site.url, "ubnd.leader")

    # 1. Home: the leadership page, the overview, the year's results, the reports, each period.
    entry = page.locator(f'li[data-plan="{plan.pk}"]')
    for name, url in [
        ("Trang lãnh đạo", f"/bao-cao/ke-hoach/{plan.pk}/lanh-dao/"),
        ("Tổng quan", f"/bao-cao/ke-hoach/{plan.pk}/tong-quan/"),
        ("Kết quả cả năm", None),
        ("Báo cáo định kỳ", f"/bao-cao/ke-hoach/{plan.pk}/van-ban/"),
    ]:
        link = entry.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        if url:
            expect(link).to_have_attribute("href", url)
    for period in plan.periods.all():
        expect(entry.locator(f'.period-reports a[data-period="{period.pk}"]')).to_have_text(period.title)
    _fits(page, width)
    _shot(page, artifacts_dir, "leader-home", width)

    # 2. Kết quả cả năm opens, in words.
    entry.get_by_role("link", name="Kết quả cả năm", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023")
    _fits(page, width)
    page.go_back()

    # 3. Quý III's page: its button downloads Quý III's issued report, not the year's.
    page.locator(f'.period-reports a[data-period="{q3.pk}"]').click()
    button = page.locator(".report-box a.button-link")
    expect(button).to_contain_text("Tải báo cáo Quý III năm 2023 (PDF)")
    expect(page.locator(".report-box")).to_contain_text("số 21/BC-")
    _fits(page, width)
    _shot(page, artifacts_dir, "leader-q3", width)
    text = _pdf_text(page, button, tmp_path)
    assert "QUÝ III NĂM 2023" in text.upper() and "Số: 21/BC-" in text
    assert "DỰ THẢO" not in text

    # 4. The year's page: nothing issued, the draft offered as a draft, marked DỰ THẢO, unsigned.
    page.goto(f"{demo_site.url}/bao-cao/ke-hoach/{plan.pk}/lanh-dao/?ky={year.pk}")
    expect(page.get_by_role("button", name="Tải báo cáo PDF mới nhất")).to_be_disabled()
    draft_link = page.locator(".report-box .report-draft a")
    expect(draft_link).to_contain_text("chưa phát hành")
    _shot(page, artifacts_dir, "leader-year-draft", width)
    text = _pdf_text(page, draft_link, tmp_path)
    assert text.count("DỰ THẢO") >= 1 and "NĂM 2023" in text.upper()
    assert "Nguyễn Duy Hưng" not in text  # the signer's block is left out of a draft

    # 5. Issuing asks first: the reviewer's "Phát hành" shows the number and date back; going
    # back leaves the draft a draft.
    log_in(page, demo_site.url, "nv.reviewer")
    page.goto(f"{demo_site.url}/bao-cao/van-ban/{leader_reports['draft'].pk}/")
    page.get_by_label("Số văn bản").fill("5")
    page.get_by_label("Ngày ban hành").fill("15/01/2024")
    page.get_by_role("button", name="Phát hành", exact=True).click()
    expect(page.get_by_role("heading", name="Xác nhận phát hành")).to_be_visible()
    expect(page.locator(".issue-confirm")).to_contain_text("5/BC-UBND")
    expect(page.locator(".issue-confirm")).to_contain_text("15/01/2024")
    _fits(page, width)
    _shot(page, artifacts_dir, "issue-confirm", width)
    page.get_by_role("link", name="Quay lại, chưa phát hành").click()
    expect(page.locator("h1 + p .badge")).to_have_text("Dự thảo")
    assert Report.objects.get(pk=leader_reports["draft"].pk).state == Report.State.DRAFT


# --- item 16: the area coordinator ----------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_area_coordinators_home_lists_their_area_and_what_awaits_them(
    demo_site,
    page,
    artifacts_dir,
    width,
    height,
):
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, demo_site.url, "vp.coordinator")
    areas = page.locator("ul.lead-areas")
    expect(areas).to_contain_text("2. Cải cách thủ tục hành chính (TTHC)")
    waiting = page.locator("section.card").filter(has=page.get_by_role("heading", name="Việc đang chờ"))
    expect(waiting).to_contain_text(re.compile(r"Năm 2023 \(hạn gửi 20/12/2023\): \d+ báo cáo đang chờ"))
    watched = waiting.locator("ul.watched-targets li")
    expect(watched.first).to_be_visible()
    assert all(re.match(r"^2\.", t.strip()) for t in watched.all_inner_texts())  # only their area
    _fits(page, width)
    _shot(page, artifacts_dir, "coordinator-home", width)

    # the area's page opens from the home
    areas.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cải cách thủ tục hành chính")
    _fits(page, width)
    _shot(page, artifacts_dir, "coordinator-area", width)


# --- item 15: error pages ------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_refusal_and_a_missing_page_speak_vietnamese_in_the_sites_layout(
    demo_site,
    page,
    artifacts_dir,
    width,
    height,
):
    page.set_viewport_size({"width": width, "height": height})
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="q1")
    log_in(page, demo_site.url, "tp.reporter")

    # 403: an agency's reporter at the Sở Nội vụ's review queue
    response = page.goto(f"{demo_site.url}/ke-hoach/ky/{period.pk}/duyet/")
    assert response.status == 403
    error = page.locator("#trang-loi")
    expect(error.get_by_role("heading", level=1)).to_have_text("Không có quyền truy cập")
    expect(error).to_contain_text("Lỗi 403")
    expect(error).to_contain_text("hãy liên hệ Sở Nội vụ")
    expect(page.locator("body")).not_to_contain_text("Forbidden")
    expect(page.locator(".who")).to_be_visible()  # the site's layout, the user still logged in
    _fits(page, width)
    _shot(page, artifacts_dir, "error-403", width)
    error.get_by_role("link", name="Về trang của tôi").click()
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()

    # 404: an address that leads nowhere
    response = page.goto(f"{demo_site.url}/ke-hoach/999999/")
    assert response.status == 404
    expect(error.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
    expect(error).to_contain_text("Lỗi 404")
    expect(page.locator("body")).not_to_contain_text("Not Found")
    _fits(page, width)
    _shot(page, artifacts_dir, "error-404", width)
    error.get_by_role("link", name="Danh sách kế hoạch").click()
    expect(page.get_by_role("link", name=re.compile("Hưng Yên năm 2023"))).to_be_visible()
