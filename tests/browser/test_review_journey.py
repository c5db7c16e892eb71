"""Issue 22's Sở Nội vụ journey (items 6 and 7) in a real Chromium, on a desk (1366×768) and on
a phone (390×844): the reviewer opens the queue from the home page, ticks lines "trả lại"; the
page comes back with an error and keeps every tick and reason typed; the report is returned;
Sở Tư pháp's reporter changes the marked figure and sends it again; the reviewer sees that line
highlighted with its value before and after, and approves. Each size works on its own report
(Quý I at the desk, the year's on the phone) of one demo site (``demo_site``)."""

import re

import pytest
from playwright.sync_api import expect

from agencies.models import Agency
from demo.data import demo_data_load
from plans.models import ReportingPeriod
from reporting.models import ReviewStatus, Submission, TargetResult, TaskUpdate
from tests.browser.demo_site import demo_site_fixture  # noqa: F401 - the fixture
from tests.browser.test_reporting_journey import log_in
from tests.snapshot import snapshot_held

#: on one pytest-xdist worker: the module's server and its committed preparations made once
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.xdist_group("review_journey")]

REASON = "Đề nghị ghi rõ nguồn số liệu khảo sát mức độ hài lòng."


def _shown(value) -> str:
    """A stored figure as the pages write it: 93.3500 → "93,35"."""
    return format(value.normalize(), "f").replace(".", ",")


def _awaiting_review(kind: str) -> Submission:
    """Sở Tư pháp's report of the period sent and not yet opened by the Sở Nội vụ."""
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind=kind)
    submission = Submission.objects.get(period=period, agency=Agency.objects.get(code="hy-stp"))
    for model in (TargetResult, TaskUpdate):
        model.objects.filter(submission=submission).update(review_status=ReviewStatus.PENDING, review_note="")
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.SUBMITTED,
        reviewed_at=None,
        reviewed_by=None,
        opened_at=None,
        return_reason="",
    )
    submission.refresh_from_db()
    return submission


@pytest.fixture(scope="module")
def awaiting(demo_site, django_db_blocker):
    """Sở Tư pháp's Quý I and Năm awaiting review (committed, for the server to see); the
    demo loaded again when the module ends (the journeys changed figures the server wrote), or
    on PostgreSQL the session's data copied back by ``demo_site`` right after (loading the demo
    as well took 15 to 30 s for nothing, issue 26)."""
    with django_db_blocker.unblock():
        try:
            yield {kind: _awaiting_review(kind) for kind in ("q1", "year")}
        finally:
            if not snapshot_held():
                demo_data_load()


@pytest.mark.parametrize(("width", "height", "kind"), [(1366, 768, "q1"), (390, 844, "year")])
def test_return_kept_on_an_error_resent_changed_and_approved(
    demo_site, awaiting, page, artifacts_dir, width, height, kind
):
    page.set_viewport_size({"width": width, "height": height})
    submission = awaiting[kind]
    period = submission.period
    plain = submission.target_results.get(target__code="2.c.1")  # a plain figure (the demo's)
    other = submission.target_results.get(target__code="1.a")
    before = _shown(plain.value)
    base = demo_site.url

    # 1. From the home page to the queue, to Sở Tư pháp's report.
    log_in(page, base, "nv.reviewer")
    page.locator("table.list").get_by_role("link", name=period.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Duyệt báo cáo {period.get_kind_display()}")
    row = page.locator("tr").filter(has_text="Sở Tư pháp")
    expect(row).to_contain_text("Chờ duyệt")  # named as its tile, not the agency's "Đã gửi"
    row.get_by_role("link", name="Xem và duyệt").click()
    expect(page.locator("[data-resent]")).to_have_count(0)  # never returned before
    # every cell's content inside its cell (a plan's goal per level was printed over the figure
    # beside it at the desk), and on the phone each line a card: no sideways scrolling
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.review-table td')]
            .filter(td => td.scrollWidth > td.clientWidth + 1)
            .map(td => td.textContent.trim().slice(0, 40))"""
    )
    assert overflowing == []
    if width < 700:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        wraps = page.evaluate(
            "[...document.querySelectorAll('.review-table')].map(t => t.closest('.table-wrap').scrollWidth"
            " <= t.closest('.table-wrap').clientWidth)"
        )
        assert wraps and all(wraps)
    line = page.locator('tr[data-kind="target"][data-line="2.c.1"]')
    wrong = page.locator('tr[data-kind="target"][data-line="1.a"]')

    # 2. Two lines ticked; the second's reason is pasted far too long: the page comes back with
    # the error, and both ticks and the first reason are still there.
    line.get_by_role("checkbox", name="trả lại").check()
    line.locator(f'input[name="note-t{plain.pk}"]').fill(REASON)
    wrong.get_by_role("checkbox", name="trả lại").check()
    wrong.locator(f'input[name="note-t{other.pk}"]').fill("Sai số liệu. " * 200)
    page.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Lý do trả lại chưa đúng (quá dài")
    expect(line.get_by_role("checkbox", name="trả lại")).to_be_checked()
    expect(line.locator(f'input[name="note-t{plain.pk}"]')).to_have_value(REASON)
    expect(wrong.get_by_role("checkbox", name="trả lại")).to_be_checked()
    page.screenshot(path=str(artifacts_dir / f"review-error-kept-{width}.png"), full_page=True)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED  # nothing written

    # 3. The second line left as it is: returned with the first line's reason.
    wrong.get_by_role("checkbox", name="trả lại").uncheck()
    wrong.locator(f'input[name="note-t{other.pk}"]').fill("")
    page.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã trả lại báo cáo của Sở Tư pháp")
    expect(page.locator("tr").filter(has_text="Sở Tư pháp")).to_contain_text("Bị trả lại")
    plain.refresh_from_db()
    other.refresh_from_db()
    assert (plain.review_status, plain.review_note) == ("returned", REASON)
    assert other.review_status != "returned"

    # 4. The reporter finds the return on the home page, changes the figure and sends again.
    log_in(page, base, "tp.reporter")
    todo = page.locator("ul.todo li").filter(has_text=period.title).first
    expect(todo).to_contain_text("Bị trả lại")
    todo.get_by_role("link").click()
    entry = page.locator('tr[data-line="2.c.1"]')
    expect(entry).to_contain_text(f"Trả lại: {REASON}")
    entry.locator("input[name$='-value']").fill("88,4%")
    page.screenshot(path=str(artifacts_dir / f"review-resend-{width}.png"), full_page=True)
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")

    # 5. The reviewer sees the changed line, before and after, and approves.
    log_in(page, base, "nv.reviewer")
    page.goto(f"{base}/ke-hoach/ky/{period.pk}/duyet/")
    page.locator("tr").filter(has_text="Sở Tư pháp").get_by_role("link", name="Xem và duyệt").click()
    expect(page.locator("[data-resent]")).to_contain_text("các dòng cơ quan đã sửa được tô vàng")
    expect(line).to_have_class(re.compile(r"\bchanged\b"))
    change = line.locator("[data-changed]")
    expect(change).to_contain_text("Đã sửa sau khi trả lại")
    expect(change.locator("del")).to_have_text(before)
    expect(change.locator("ins")).to_have_text("88,4")
    expect(page.locator("tr.changed")).to_have_count(1)  # only the line that moved
    page.screenshot(path=str(artifacts_dir / f"review-changes-{width}.png"), full_page=True)
    page.get_by_role("button", name="Duyệt tất cả").click()
    expect(page.locator(".messages")).to_contain_text("Đã duyệt báo cáo của Sở Tư pháp")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED
