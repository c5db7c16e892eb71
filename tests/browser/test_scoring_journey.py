"""Issue 23's journey in a real Chromium on the live app: Sở Tư pháp's reporter self-scores the
2023 criteria (the points computed from the plan's data proposed, an override refused until it
has a reason, an evidence file), its head approves and sends; the council member assigned to it
appraises a leaf and asks for an explanation; the reporter explains with a file; the Sở Nội vụ
records the council's decision, imports the survey's points, fixes the result, drafts the
Quyết định công bố and issues it; the decision's PDF reads back (pdftotext) with its number,
date and the ranking; the unit then reads the frozen ranking. Screenshots go to artifacts/."""

import re
import subprocess
from datetime import date

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from agencies.models import Agency, User
from cchc.spreadsheet_writing import workbook_bytes
from scoring import services
from scoring.demo import _demo_round_delete, demo_users_create
from scoring.models import LeafScore, ScoringRound
from scoring.rules import State, points_label
from scoring.seeds import criteria_sets_load
from tests.browser.test_reporting_journey import log_in
from tests.evidence_files import PDF

pytestmark = pytest.mark.browser


def _open_round():
    """Hưng Yên 2023 scored afresh (a demo round loaded by other tests is removed first)."""
    criteria_sets_load()
    province = Agency.objects.get(code="hy-ubnd")
    _demo_round_delete(province, 2023)
    round_ = services.scoring_round_open(province=province, year=2023)
    services.round_scores_compute(round_id=round_.pk, as_of=date(2024, 1, 5))
    services.council_member_set(
        round_=round_, member=demo_users_create(), units=Agency.objects.filter(code="hy-stp")
    )
    return round_


def _row(page, code):
    return page.locator(f'tr[data-leaf="{code}"]')


def test_unit_and_council_member_through_the_year_to_the_published_decision(
    live_server, seeded_transactional, page, artifacts_dir, tmp_path
):
    round_ = _open_round()
    stp = round_.assessments.get(unit__code="hy-stp")
    base = live_server.url

    # 1. The reporter opens the unit's sheet from the scoring page.
    log_in(page, base, "tp.reporter")
    page.get_by_role("link", name="Chấm điểm CCHC").click()
    page.get_by_role("link", name=round_.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sở Tư pháp")
    expect(page.locator("[data-example]")).to_contain_text("Bộ chỉ số ví dụ")
    bound = stp.scores.select_related("node").get(node__code="1.2.1")
    proposed = points_label(bound.computed_points)
    expect(_row(page, "1.2.1").locator(f'input[name="self-{bound.pk}"]')).to_have_value(proposed)

    # 2. Every manual leaf at its maximum; the bound 1.2.1 overridden without a reason: refused.
    for score in stp.scores.select_related("node").filter(self_points__isnull=True):
        if score.node.rule_kind != "survey":
            page.fill(f'input[name="self-{score.pk}"]', points_label(score.node.max_points))
    other = "1" if bound.computed_points == 0 else "0"
    page.fill(f'input[name="self-{bound.pk}"]', other)
    evidence = tmp_path / "Kế hoạch CCHC 2023 STP.pdf"
    evidence.write_bytes(PDF)
    plan_leaf = stp.scores.get(node__code="1.1.1")
    page.set_input_files(f'input[name="files-{plan_leaf.pk}"]', str(evidence))
    page.get_by_role("button", name="Lưu điểm tự chấm").click()
    expect(_row(page, "1.2.1")).to_contain_text("cần ghi lý do")
    expect(_row(page, "1.2.1").locator(f'input[name="self-{bound.pk}"]')).to_have_value(other)
    page.fill(f'textarea[name="reason-{bound.pk}"]', "Báo cáo năm gửi qua văn thư ngày 18/12/2023.")
    page.set_input_files(f'input[name="files-{plan_leaf.pk}"]', str(evidence))
    page.get_by_role("button", name="Lưu điểm tự chấm").click()
    expect(page.get_by_text("Đã lưu điểm tự chấm")).to_be_visible()
    expect(_row(page, "1.1.1").get_by_role("link", name=re.compile("Kế hoạch CCHC 2023 STP"))).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "scoring-self-assessment.png"), full_page=False)
    page.get_by_role("button", name="Trình thủ trưởng duyệt").click()
    expect(page.locator("#state")).to_have_text("Chờ thủ trưởng duyệt")

    # 3. The head approves: sent to the Sở Nội vụ.
    log_in(page, base, "tp.head")
    page.goto(f"{base}/cham-diem/danh-gia/{stp.pk}/")
    page.get_by_role("button", name="Duyệt và gửi Sở Nội vụ").click()
    expect(page.locator("#state")).to_have_text("Đã gửi Sở Nội vụ")

    # 4. The council member appraises 1.1.3 lower, with a comment, and asks for an explanation.
    log_in(page, base, "council.member")
    page.goto(f"{base}/cham-diem/")
    page.get_by_role("link", name=round_.title).first.click()
    page.get_by_role("link", name="Sở Tư pháp").click()
    leaf = stp.scores.get(node__code="1.1.3")
    page.fill(f'input[name="appraise-{leaf.pk}"]', "0")
    page.fill(f'textarea[name="comment-{leaf.pk}"]', "Kế hoạch chưa giao trách nhiệm cho phòng.")
    page.get_by_role("button", name="Lưu điểm thẩm định").click()
    expect(page.get_by_text("Đã lưu điểm thẩm định")).to_be_visible()
    page.check(f'input[name="ask-{leaf.pk}"]')
    page.fill(f'textarea[name="question-{leaf.pk}"]', "Đề nghị gửi văn bản phân công.")
    page.get_by_role("button", name="Gửi yêu cầu giải trình").click()
    expect(page.locator("#state")).to_have_text("Đang giải trình")
    assert (
        page.goto(f"{base}/cham-diem/danh-gia/{round_.assessments.get(unit__code='hy-snv').pk}/").status
        == 403
    )

    # 5. The reporter explains, with a file.
    log_in(page, base, "tp.reporter")
    page.goto(f"{base}/cham-diem/danh-gia/{stp.pk}/")
    row = _row(page, "1.1.3")
    expect(row).to_contain_text("Đề nghị gửi văn bản phân công.")
    row.locator('textarea[name="answer"]').fill("Quyết định 15/QĐ-STP phân công các phòng.")
    scan = tmp_path / "QĐ 15-STP.pdf"
    scan.write_bytes(PDF)
    row.locator('input[name="files"]').set_input_files(str(scan))
    row.get_by_role("button", name="Gửi giải trình").click()
    expect(_row(page, "1.1.3").locator("[data-answer]")).to_contain_text("15/QĐ-STP")

    # 6. The Sở Nội vụ records the council's decision on it, sees self vs appraised side by side.
    log_in(page, base, "nv.reviewer")
    page.goto(f"{base}/cham-diem/danh-gia/{stp.pk}/")
    page.fill(f'input[name="council-{leaf.pk}"]', "1")
    page.fill(f'textarea[name="creason-{leaf.pk}"]', "Hội đồng chấp nhận giải trình.")
    page.get_by_role("button", name="Ghi quyết định của Hội đồng").click()
    expect(page.locator("#state")).to_have_text("Hội đồng đã quyết định")
    expect(_row(page, "1.1.3").locator("[data-final]")).to_have_text("1")
    page.screenshot(path=str(artifacts_dir / "scoring-council.png"), full_page=False)

    # The other units went through the same steps (not this journey's): decided.
    round_.assessments.exclude(pk=stp.pk).update(state=State.COUNCIL)

    # 7. The survey's points imported from a sheet (80% of each survey leaf), the result fixed.
    page.goto(f"{base}/cham-diem/dot/{round_.pk}/dieu-tra/")
    survey = LeafScore.objects.filter(assessment__round=round_, node__rule_kind="survey")
    codes = sorted(
        set(survey.values_list("node__code", flat=True)), key=lambda c: [int(p) for p in c.split(".")]
    )
    maxima = dict(survey.values_list("node__code", "node__max_points"))
    workbook = Workbook()
    workbook.active.append(["Mã đơn vị", "Tên đơn vị", *codes])
    for code, name in round_.assessments.values_list("unit__code", "unit__name"):
        workbook.active.append([code, name, *[float(maxima[c]) * 0.8 for c in codes]])
    sheet = tmp_path / "dieu-tra.xlsx"
    sheet.write_bytes(workbook_bytes(workbook))
    page.set_input_files("#id_file", str(sheet))
    page.get_by_role("button", name="Nhập", exact=True).click()
    expect(page.get_by_text(f"Đã nhập {8 * len(codes)} điểm điều tra từ tệp.")).to_be_visible()
    page.goto(f"{base}/cham-diem/dot/{round_.pk}/")
    expect(page.locator("#units")).to_contain_text("Sở Tư pháp")
    page.get_by_role("button", name="Chốt kết quả").click()
    expect(page.get_by_text("Đã chốt kết quả")).to_be_visible()

    # 8. The ranking with bands.
    page.get_by_role("link", name="Xếp hạng").first.click()
    stp_row = page.locator(f'tr[data-unit-id="{stp.unit_id}"]')
    expect(stp_row).to_be_visible()
    index = stp_row.locator("td").nth(3).inner_text().strip()
    assert re.fullmatch(r"\d{1,3}(,\d{1,2})?%", index), index
    page.screenshot(path=str(artifacts_dir / "scoring-ranking.png"), full_page=True)

    # 9. The decision drafted (its PDF made by the job), issued numbered and dated.
    page.get_by_role("link", name="Quyết định công bố").first.click()
    page.get_by_role("button", name="Lập dự thảo quyết định").click()
    expect(page.get_by_role("link", name="Tải PDF")).to_be_visible(timeout=60_000)
    page.get_by_label("Số quyết định").fill("12")
    page.get_by_label("Ngày ban hành").fill("05/02/2024")
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.get_by_text("Đã ban hành quyết định số 12")).to_be_visible()
    expect(page.locator("#publication-state")).to_have_text("Đã ban hành")
    expect(page.get_by_role("link", name="Tải PDF")).to_be_visible(timeout=60_000)
    page.screenshot(path=str(artifacts_dir / "scoring-decision.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải PDF").click()
    path = tmp_path / "quyet-dinh.pdf"
    info.value.save_as(path)
    text = re.sub(
        r"\s+",
        " ",
        subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout,
    )
    assert "Số: 12/QĐ-UBND" in text and "Hưng Yên, ngày 05 tháng 02 năm 2024" in text
    assert "QUYẾT ĐỊNH" in text and "Về việc công bố Chỉ số cải cách hành chính năm 2023" in text
    assert "Sở Tư pháp" in text and index in text and "PHỤ LỤC" in text

    # 10. The unit now reads the frozen ranking, and still not another unit's sheet.
    log_in(page, base, "tp.reporter")
    page.goto(f"{base}/cham-diem/dot/{round_.pk}/xep-hang/")
    expect(page.locator("[data-published]")).to_contain_text("Quyết định số 12/QĐ-UBND")
    expect(page.locator(f'tr[data-unit-id="{stp.unit_id}"]')).to_contain_text(index)
    assert ScoringRound.objects.get(pk=round_.pk).is_final
    assert User.objects.get(username="council.member").role == ""
