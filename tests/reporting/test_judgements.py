"""Issue 21: the judgements a Sở Nội vụ acts on, one scenario per finding, written from DOMAIN.md
"Judgements" (not from the code). Each goes through the services (the reporter sends, the
reviewer approves or returns, the progress is recomputed) and reads the result where people
read it: the dashboards, the explanation page, the PDF text (pdftotext), the XLSX (openpyxl).

Findings 1–5, 8 and 11–13 use a small province of their own (``judgement_world``); findings
6, 7, 9 and 10 are about the seed plans themselves (Hải Dương 5.3 "hoàn thành 100% kế hoạch đào
tạo", Hưng Yên 6.b "60% cấp tỉnh, 50% cấp huyện, 30% cấp xã", Hưng Yên 3.a "giảm tối thiểu 2,5%
số đơn vị sự nghiệp (tương ứng 15 đơn vị)" with its demo baseline of 600)."""

import shutil
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import AdministrativeLevel, User
from plans.models import ReportingPeriod
from reporting.models import Submission
from reporting.progress import period_progress_compute
from targets.models import Target

from .judgement_world import NOT_APPLICABLE, YEAR, build_world, local, rate, reenter, task_line, value

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]


@pytest.fixture
def world():
    return build_world()


def row_of(html: str, marker: str) -> str:
    """The table row (or list item) that holds ``marker``."""
    start = html.index(marker)
    return html[html.rfind("<tr", 0, start) : html.index("</tr>", start)]


# --- finding 1: "quá hạn" and the unfinished tasks due by 31/12 --------------------------------


def test_finding_1_overdue_tasks_appear_and_the_year_report_names_the_unfinished_ones(
    world, client, tmp_path
):
    a, b, _c = world.agencies
    dated = world.task("1.1", "Ban hành quy chế phối hợp liên thông", [a], due_date=date(YEAR, 6, 14))
    undated = world.task("1.2", "Số hóa hồ sơ lưu trữ của sở", [b])  # no printed date: due 31/12
    recurring = world.task(
        "1.3", "Kiểm soát thủ tục hành chính", [b], recurring=True, due_text="Thường xuyên"
    )
    for kind in ("h1", "q3", "year"):
        world.approve(world.send(kind, a, tasks={dated: task_line()}))
    done = task_line("done", 100, date(YEAR, 6, 1))
    world.approve(world.send("h1", b, tasks={undated: task_line(), recurring: done}))  # no year report
    world.compute()

    # due on the cut-off (14/6) and not done by it: quá hạn at 6 tháng already
    h1 = world.page(client, "reports:overview", kind="h1")
    assert "Ban hành quy chế phối hợp liên thông" in h1.split('id="qua-han"')[1].split("</section>")[0]
    # the recurring task is judged per period: performed at 6 tháng, not reported in the year
    h1_area = world.page(client, "reports:area_drill", world.plan.pk, world.area.pk, kind="h1")
    assert "Đã thực hiện trong kỳ" in row_of(h1_area, f'data-task="{recurring.pk}"')
    year_area = world.page(client, "reports:area_drill", world.plan.pk, world.area.pk, kind="year")
    assert "Chưa báo cáo trong kỳ" in row_of(year_area, f'data-task="{recurring.pk}"')

    text = world.pdf_text("year", tmp_path)
    assert "1.1. Ban hành quy chế phối hợp liên thông (hạn 14/06/2024; chủ trì: Sở Thử A; quá hạn" in text
    # the undated task is named, with its due date and the days left at the cut-off (14/12 → 31/12)
    assert "1.2. Số hóa hồ sơ lưu trữ của sở (hạn 31/12/2024; chủ trì: Sở Thử B; còn 17 ngày)" in text
    named = text.split("Các nhiệm vụ chưa hoàn thành:")[1][:200]  # the section III text names it too
    assert "1.2 (hạn 31/12/2024, còn 17 ngày)" in named


# --- finding 2: the year's verdict is final; strict stays strict; never "100%" when not met ------


def test_finding_2_the_year_report_says_khong_dat_and_never_100_percent_for_a_miss(world, client, tmp_path):
    a = world.agencies[0]
    strict = world.target(
        "1.a", "Trên 95% hồ sơ được trả kết quả đúng hạn", comparator=">", value=95, agencies=[a]
    )
    full = world.target(
        "1.b", "100% hồ sơ được cập nhật trên hệ thống", comparator="=", value=100, agencies=[a]
    )
    for kind in ("h1", "year"):
        world.approve(world.send(kind, a, targets={strict: rate(950, 1000), full: rate(997, 1000)}))
    world.compute()

    # before the last period: "có nguy cơ", and 95% against "trên 95%" is 99%, not 100%
    h1 = world.page(client, "reports:overview", kind="h1")
    row = row_of(h1, f'data-target="{strict.pk}"')
    assert "Có nguy cơ" in row and ">99%<" in row and ">100%<" not in row

    text = world.pdf_text("year", tmp_path)
    assert "có nguy cơ" not in text.lower()
    assert "Trong 2 chỉ tiêu, 0 chỉ tiêu đã đạt (0%), 2 chỉ tiêu không đạt." in text
    assert "95% 99% Không đạt" in text  # exactly 95% against "trên 95%"
    assert "99,7% 99% Không đạt" in text  # 99,7% is not 100%
    rows = {r[1]: r for r in world.xlsx_rows("year") if r and r[1] in ("1.a", "1.b")}
    assert rows["1.a"][6] == 0.99 and rows["1.a"][7] == "Không đạt"
    assert rows["1.b"][6] == 0.99


# --- finding 3: "không phát sinh" is a valid answer ------------------------------------------------


def test_finding_3_khong_phat_sinh_is_reported_and_left_out_of_every_denominator(world, client):
    a, b, c = world.agencies
    target = world.target("1.a", "100% hồ sơ liên thông được giải quyết đúng hạn", comparator="=", value=100)
    world.approve(world.send("h1", a, targets={target: rate(90, 100)}))
    world.approve(world.send("h1", b, targets={target: NOT_APPLICABLE}))
    world.approve(world.send("h1", c, targets={target: rate(100, 100)}))
    world.compute()

    explained = world.explain(client, "h1", target)
    assert "190/200" in explained  # B adds nothing to the sums
    assert "3/3 cơ quan" in explained  # …and is counted as reported
    assert "Không có hồ sơ trong kỳ." in explained.split('data-lines="not-applicable"')[1]
    assert "chưa có số liệu đã duyệt" not in explained  # nobody is missing
    overview = world.page(client, "reports:overview", kind="h1")
    assert "3/3 cơ quan" in row_of(overview, f'data-target="{target.pk}"')
    # the league judges B on nothing it did not have: no 0/1 for the line it answered
    league = overview.split('id="xep-hang"')[1]
    assert ">0/1<" not in row_of(league, f'data-agency="{b.pk}"')
    assert ">3/3<" in overview.split("data-agencies")[1][:80]  # three reports sent


# --- finding 4: the reviewer's backlog is not the agency's fault ----------------------------------


def test_finding_4_a_report_awaiting_review_is_not_scored_or_chased(world, client):
    a, b, c = world.agencies
    target = world.target("1.a", "Tối thiểu 90% hồ sơ trực tuyến", value=90)
    world.approve(world.send("q1", a, targets={target: rate(95, 100)}))
    world.approve(world.send("q1", b, targets={target: rate(50, 100)}))
    world.send("q1", c, targets={target: rate(99, 100)})  # sent on time, the reviewer has not looked yet
    world.compute()

    leadership = world.page(client, "reports:leadership", kind="q1")
    chased = leadership.split("5 cơ quan cần đôn đốc")[1].split("</section>")[0]
    assert c.name not in chased and b.name in chased
    assert "đang chờ Sở Nội vụ duyệt" in chased
    overview = world.page(client, "reports:overview", kind="q1")
    row = row_of(overview.split('id="xep-hang"')[1], f'data-agency="{c.pk}"')
    assert "chờ duyệt" in row and "0%" not in row


# --- finding 5: sent on time is the first sending, by the local date --------------------------------


def test_finding_5_a_return_and_a_resend_keep_a_report_on_time_and_late_shows_beside_the_state(
    world, client, tmp_path
):
    a, b, c = world.agencies
    target = world.target("1.a", "Tối thiểu 90% hồ sơ trực tuyến", value=90)
    q1 = world.periods["q1"]
    first = world.send("q1", a, targets={target: rate(95, 100)}, at=local(date(YEAR, 3, 18)))
    world.give_back(first)
    world.approve(world.send("q1", a, targets={target: rate(96, 100)}, at=local(date(YEAR, 3, 25))))  # resent
    world.approve(world.send("q1", b, targets={target: rate(91, 100)}, at=local(date(YEAR, 3, 23))))  # late
    # 00:30 on 21/3 in Hà Nội is 20/3 17:30 UTC: sent after the deadline of 20/3
    late_at_night = world.send(
        "q1", c, targets={target: rate(92, 100)}, at=local(q1.deadline.replace(day=21), 0, 30)
    )
    world.compute()

    overview = world.page(client, "reports:overview", kind="q1")
    matrix = overview.split('id="bao-cao"')[1].split("</section>")[0]
    assert "Đã duyệt</span>" in row_of(matrix, f'data-agency="{a.pk}"')
    assert "gửi muộn" not in row_of(matrix, f'data-agency="{a.pk}"')
    assert "Đã duyệt · gửi muộn" in row_of(matrix, f'data-agency="{b.pk}"')
    assert "Chờ duyệt · gửi muộn" in row_of(matrix, f'data-agency="{c.pk}"')
    text = world.pdf_text("q1", tmp_path)
    assert "3/3 cơ quan, địa phương đã gửi báo cáo, trong đó 1 cơ quan gửi đúng hạn" in text
    queue = client.get(reverse("reporting:review_queue", args=[q1.pk])).content.decode()
    assert "muộn" in row_of(queue, f'data-agency="{c.code}"')
    assert "muộn" not in row_of(queue, f'data-agency="{a.code}"')
    assert late_at_night.status == Submission.Status.SUBMITTED


# --- finding 6: a cumulative percentage grows through the year ----------------------------------


def seed(plan_code, code):
    return Target.objects.get(statement__plan__code=plan_code, code=code)


def period_of(plan_code, kind):
    return ReportingPeriod.objects.select_related("plan").get(plan__code=plan_code, kind=kind)


@pytest.fixture
def reviewer(client):
    user = User.objects.get(username="nv.reviewer")  # the demo's reviewer (also an administrator)
    client.force_login(user)
    return user


def test_finding_6_a_cumulative_percentage_on_schedule_at_six_months_is_on_track(client, reviewer):
    from reporting.models import TargetResult

    training = seed("hai-duong-2024", "5.3")  # "Hoàn thành 100% kế hoạch đào tạo, bồi dưỡng…"
    h1 = period_of("hai-duong-2024", "h1")
    reenter(h1, training.responsible_agency, reviewer, targets={training: value("50.8")})
    period_progress_compute(period_id=h1.pk)
    page = client.get(reverse("reports:target_explain", args=[h1.pk, training.pk])).content.decode()
    assert "50,8%" in page.split('data-figure="value"')[1][:200]
    assert "Đúng tiến độ" in page.split('data-figure="progress"')[1][:300]  # about 50% is expected
    # the demo reports it year to date: each period at least what the one before reached
    by_kind = dict(
        TargetResult.objects.filter(target=training, submission__period__plan=h1.plan).values_list(
            "submission__period__kind", "value"
        )
    )
    assert by_kind["q1"] <= by_kind["q3"] <= by_kind["year"]


# --- finding 7: a per-level target never skips a level ---------------------------------------------


def test_finding_7_a_level_nobody_reports_cannot_be_judged_until_marked_not_applicable(client, reviewer):
    target = seed("hung-yen-2023", "6.b")  # 60% cấp tỉnh, 50% cấp huyện, 30% cấp xã: no cấp xã agency
    year = period_of("hung-yen-2023", "year")
    period_progress_compute(period_id=year.pk)
    page = client.get(reverse("reports:target_explain", args=[year.pk, target.pk])).content.decode()
    verdict = page.split('data-figure="progress"')[1][:300]
    assert "Chưa đủ căn cứ" in verdict and "Đạt" not in verdict
    assert "Không có cơ quan nào báo cáo ở cấp xã." in page

    # the reviewer marks cấp xã as not applicable to the plan, explicitly, on the plan's page
    xa = AdministrativeLevel.objects.get(code="xa")
    response = client.post(
        reverse("reporting:plan_levels", args=[year.plan_id]), {"levels": [xa.pk], "reason": "Thử"}
    )
    assert response.status_code == 302
    period_progress_compute(period_id=year.pk)
    page = client.get(reverse("reports:target_explain", args=[year.pk, target.pk])).content.decode()
    assert "không áp dụng: cấp xã" in page
    assert "Chưa đủ căn cứ" not in page.split('data-figure="progress"')[1][:300]


# --- finding 8: an improvement against a baseline of 0 cannot be judged -------------------------


def test_finding_8_a_zero_baseline_is_chua_du_can_cu_and_a_rank_of_0_is_refused(world, client):
    a = world.agencies[0]
    units = world.target(
        "1.a",
        "Giảm tối thiểu 2,5% số đơn vị sự nghiệp so với năm 2021",
        measure="count",
        comparator="improve_by",
        value="2.5",
        agencies=[a],
        direction="lower",
        baseline_value=Decimal(0),
        baseline_year=2021,
    )
    world.approve(world.send("year", a, targets={units: value(0)}))
    world.compute()
    page = world.explain(client, "year", units)
    verdict = page.split('data-figure="progress"')[1][:300]
    assert "Chưa đủ căn cứ" in verdict and "Không đạt" not in verdict
    assert "bằng 0" in page
    assert "−1.000%" not in page and "-1.000%" not in page
    # a rank of 0 in the baseline year is refused on the target's page
    pci = world.target(
        "1.b",
        "Chỉ số PCI tăng từ 2 đến 5 bậc",
        measure="rank",
        comparator="improve_by",
        value=2,
        unit="bậc",
        agencies=[a],
        direction="lower",
        value_max=Decimal(5),
    )
    client.force_login(world.reviewer)
    response = client.post(
        reverse("reporting:target_detail", args=[pci.pk]),
        {
            "reporting_scope": "named",
            "reporting_agencies": [a.pk],
            "responsible_agency": a.pk,
            "baseline_value": "0",
            "baseline_year": "2021",
        },
    )
    assert "Thứ hạng năm gốc bắt đầu từ 1." in response.content.decode()
    pci.refresh_from_db()
    assert pci.baseline_value is None


# --- findings 9 and 10: a reduction is shown as the reduction; a demo baseline is flagged --------


@pytest.fixture
def reduction(reviewer):
    """Hưng Yên 3.a "giảm tối thiểu 2,5% số đơn vị sự nghiệp (tương ứng 15 đơn vị)", its 2021
    baseline of 600 filled by the demo; Sở Nội vụ reports 585 units at the year."""
    target = seed("hung-yen-2023", "3.a.1")
    year = period_of("hung-yen-2023", "year")
    reenter(year, target.responsible_agency, reviewer, targets={target: value(585)})
    period_progress_compute(period_id=year.pk)
    return target, year


def test_finding_9_a_reduction_reads_giam_2_5_percent_585_against_600(reduction, client, tmp_path):
    from reports.documents import province_report_data, render_pdf
    from reports.spreadsheets import report_workbook

    target, year = reduction
    page = client.get(reverse("reports:target_explain", args=[year.pk, target.pk])).content.decode()
    shown = page.split('data-figure="value"')[1][:200]
    assert "giảm 2,5%: 585 so với 600" in shown and "585%" not in shown
    data = province_report_data(year)
    (line,) = [r for a in data["areas"] for r in a["targets"] if r["target"] == target.pk]
    assert line["actual"] == "giảm 2,5%: 585 so với 600"
    path = tmp_path / "year.pdf"
    path.write_bytes(render_pdf(data))
    import subprocess

    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "giảm 2,5%: 585 so với 600" in text
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(report_workbook(data, heading="x")))["Chỉ tiêu"]
    assert any(row[4] == "giảm 2,5%: 585 so với 600" for row in sheet.iter_rows(values_only=True))


def test_finding_10_a_demo_baseline_is_flagged_wherever_it_is_judged(reduction, client, tmp_path):
    from reports.documents import province_report_data
    from reports.spreadsheets import report_workbook

    target, year = reduction
    assert target.baseline_is_demo
    overview = client.get(reverse("reports:overview", args=[year.plan_id]), {"ky": year.pk}).content.decode()
    assert "năm gốc: dữ liệu mẫu" in row_of(overview, f'data-target="{target.pk}"')
    page = client.get(reverse("reports:target_explain", args=[year.pk, target.pk])).content.decode()
    assert "dữ liệu mẫu, chưa phải số liệu thật" in page
    data = province_report_data(year)
    (line,) = [r for a in data["areas"] for r in a["targets"] if r["target"] == target.pk]
    assert "năm gốc là dữ liệu mẫu" in line["note"]
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(report_workbook(data, heading="x")))["Chỉ tiêu"]
    (row,) = [r for r in sheet.iter_rows(values_only=True) if r[1] == "3.a.1"]
    assert "năm gốc là dữ liệu mẫu" in (row[9] or "")


# --- finding 11: average times weighted by transactions ---------------------------------------------


def test_finding_11_an_average_time_is_weighted_by_the_transactions(world, client):
    a, b, _c = world.agencies
    waiting = world.target(
        "1.a",
        "Thời gian chờ đợi tối đa 15 phút/01 lượt giao dịch",
        measure="quantity",
        comparator="<=",
        value=15,
        unit="phút",
        agencies=[a, b],
    )
    client.force_login(world.reporters[a.pk])
    entry = client.get(
        reverse("reporting:submission_entry", args=[world.periods["q1"].pk, a.pk])
    ).content.decode()
    assert f'name="t{waiting.pk}-transactions"' in entry  # asked beside an average time
    world.approve(world.send("q1", a, targets={waiting: value(12, transactions=1000)}))
    world.approve(world.send("q1", b, targets={waiting: value(20, transactions=10)}))
    world.compute()
    page = world.explain(client, "q1", waiting)
    assert "12,08 phút" in page.split('data-figure="value"')[1][:200]  # not the plain mean, 16
    assert "gia quyền" in page.split('data-figure="formula"')[1][:400]
    assert "Đạt" in page.split('data-figure="progress"')[1][:300]


# --- finding 12: a parent task and its sub-items count once ------------------------------------------


def test_finding_12_a_parent_is_done_only_with_its_sub_items_and_counts_once(world, client, tmp_path):
    a = world.agencies[0]
    parent = world.task("7.6", "Phát triển hạ tầng số", [a])
    first = world.task("7.6.1", "Nâng cấp mạng diện rộng", [a], parent=parent)
    second = world.task("7.6.2", "Trung tâm dữ liệu tỉnh", [a], parent=parent)
    done = task_line("done", 100, date(YEAR, 5, 10))
    world.approve(world.send("year", a, tasks={parent: done, first: done, second: task_line(percent=70)}))
    world.compute()

    area = world.page(client, "reports:area_drill", world.plan.pk, world.area.pk, kind="year")
    assert "Đang thực hiện" in row_of(area, f'data-task="{parent.pk}"')  # not "hoàn thành đúng hạn"
    text = world.pdf_text("year", tmp_path)
    assert "Đã hoàn thành 0/1 nhiệm vụ (0%); 1 nhiệm vụ đang thực hiện." in text
    assert "chưa xong: 7.6.2" in text
    overview = world.page(client, "reports:overview", kind="year")
    assert ">0</strong>" in overview.split('data-tasks="done_on_time"')[1][:40]


# --- finding 13: the smaller ones -------------------------------------------------------------------


def test_finding_13_milestones_stretch_coverage_real_line_states_and_numbers(world, client):
    a, b, c = world.agencies
    online = world.target("1.a", "Tối thiểu 90% hồ sơ trực tuyến", value=90, agencies=[a])
    milestone = world.target(
        "1.b",
        "Hoàn thành số hóa kết quả giải quyết TTHC",
        measure="milestone",
        comparator="done",
        unit="",
        agencies=[a],
    )
    stretch = world.target("1.c", "Phấn đấu 80% hồ sơ trả trước hạn", value=80, agencies=[a], stretch=True)
    waiting = world.target(
        "1.d",
        "Thời gian chờ tối đa 15 phút/lượt",
        measure="quantity",
        comparator="<=",
        value=15,
        unit="phút",
        agencies=[b],
        baseline_year=2021,
    )
    checked = world.target("1.e", "100% hồ sơ đúng hạn", comparator="=", value=100, agencies=[c])
    world.approve(
        world.send(
            "h1", a, targets={online: rate(95, 100), milestone: {"done": False}, stretch: rate(10, 100)}
        )
    )
    world.approve(world.send("h1", b, targets={waiting: value("11.0417")}))
    world.give_back(world.send("h1", c, targets={checked: rate(70, 100)}))
    world.send("q3", c, targets={checked: rate(80, 100)}, send=False)  # a draft, not sent
    world.compute()

    area = world.page(client, "reports:area_drill", world.plan.pk, world.area.pk, kind="h1")
    # the milestone before its date (nothing expected yet) does not drag the mean to 67%
    assert "100%" in area.split('data-figure="mean"')[1][:30]
    overview = world.page(client, "reports:overview", kind="h1")
    league_row = row_of(overview.split('id="xep-hang"')[1], f'data-agency="{a.pk}"')
    assert ">1/1<" in league_row.replace(" ", "")  # neither the stretch target nor the milestone
    assert "1/1 cơ quan" in row_of(overview, f'data-target="{online.pk}"')  # coverage
    page = world.explain(client, "h1", waiting)
    # two decimals at most, a space before the unit (the agency's typed number stays in its line)
    assert "11,04 phút" in page.split('data-figure="value"')[1][:100] and "11,0417phút" not in page
    assert "năm 2021" in page and "2.021" not in page
    returned = world.explain(client, "h1", checked).split('data-lines="not-counted"')[1]
    assert "Bị trả lại" in returned and "Chờ duyệt" not in returned
    draft = world.explain(client, "q3", checked).split('data-lines="not-counted"')[1]
    assert "Đang nhập, chưa gửi" in draft and "Chờ duyệt" not in draft
