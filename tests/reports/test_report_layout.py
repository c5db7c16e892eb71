"""The official report reads like a document a Văn phòng signs (issue 22, item 12): task names
never cut mid-word, the TT column on one line, sections IV and V written from the figures, the
"Nơi nhận" lines apart."""

import re
import shutil
import subprocess
from datetime import date

import pytest

from plans.models import ReportingPeriod
from plans.rules import TaskStatus
from reporting.models import TaskProgress
from reports import wording
from reports.documents import province_report_data, render_pdf

pytestmark = pytest.mark.django_db


def test_a_long_name_is_cut_between_words_with_an_ellipsis():
    name = "Thực hiện đánh giá tác động của chính sách dựa trên kết quả khảo sát ý kiến người dân."
    short = wording.shorten(name, 60)
    assert short == "Thực hiện đánh giá tác động của chính sách dựa trên kết quả…"
    assert wording.shorten("Ban hành Kế hoạch CCHC năm 2023.", 60) == "Ban hành Kế hoạch CCHC năm 2023"


def test_run_together_recipients_are_set_apart():
    assert wording.recipient_line("Trung tâm PVHCC&KSTTHCThủy") == "Trung tâm PVHCC&KSTTHC, Thủy"
    assert wording.recipient_line("CV: HCQTĐức") == "CV: HCQT, Đức"
    for kept in ("Lưu: VT, NC-KSTTHC.Th (05b)", "Ủy ban MTTQ Việt Nam tỉnh", "Lưu: VT, CVNCNH"):
        assert wording.recipient_line(kept) == kept


def test_the_half_year_report_says_what_falls_due_next_and_what_to_propose():
    h1 = ReportingPeriod.objects.select_related("plan__issuer").get(plan__code="hung-yen-2023", kind="h1")
    q3 = h1.plan.periods.get(kind="q3")
    data = province_report_data(h1)
    ahead, proposals = data["defaults"]["ky_toi"], data["defaults"]["kien_nghi"]
    due = TaskProgress.objects.filter(
        period=h1,
        task__parent=None,
        due__gt=h1.window_end,
        due__lte=q3.window_end,
        status__in=[TaskStatus.IN_PROGRESS, TaskStatus.NOT_DUE],
    ).select_related("task")
    assert due.exists()
    assert "Tập trung thực hiện các nhiệm vụ đến hạn trong quý III năm 2023:" in ahead
    for t in due:
        assert f"{t.task.code} (hạn {t.due:%d/%m/%Y}" in ahead
    assert "chỉ tiêu có nguy cơ không đạt hoặc chậm tiến độ" in ahead
    assert proposals.startswith("Đề nghị") and "chế độ báo cáo định kỳ" in proposals


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("code", ["hung-yen-2023", "hai-duong-2024"])
def test_the_year_report_reads_as_a_signed_document(code, tmp_path):
    period = ReportingPeriod.objects.select_related("plan__issuer").get(plan__code=code, kind="year")
    data = province_report_data(period)
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(data, number="12", issued_on=date(period.plan.year, 12, 25)))
    layout = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = " ".join(layout.split())
    # the TT column on one line: "MT.1.1", "2.a.1", never "MT." over "1.1"
    codes = [r["code"] for a in data["areas"] for r in a["targets"]] + [r["code"] for r in data["general"]]
    for code_ in codes:
        assert re.search(rf"^\s*{re.escape(code_)}\s", layout, re.M), code_
    # task names whole or cut between words ("…" after a whole word), never "…."
    assert "…." not in text
    listed = [t for a in data["areas"] for key in ("done", "overdue", "in_progress") for t in a[key]]
    assert listed
    for t in listed:
        short = wording.shorten(t["text"])
        assert f"{t['code']}. " + " ".join(short.split()[:6]) in text, t["code"]  # a list may break a page
        if short.endswith("…"):
            assert " ".join(short.split()[-3:]) in text, short
            words = [w.strip('.,;:()"“”') for w in t["text"].split()]
            assert short[:-1].split()[-1] in words, short
    # IV and V are written from the figures, not empty headings
    ahead = text[text.index("IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI") : text.index("V. KIẾN NGHỊ, ĐỀ XUẤT")]
    proposals = text[text.index("V. KIẾN NGHỊ, ĐỀ XUẤT") : text.index("Nơi nhận:")]
    year = period.plan.year
    assert f"Tiếp tục thực hiện, hoàn thành các nhiệm vụ chưa hoàn thành của năm {year}" in ahead
    assert f"vào Kế hoạch cải cách hành chính năm {year + 1}" in ahead
    assert "Đề nghị" in proposals and "chế độ báo cáo định kỳ" in proposals
    # each "Nơi nhận" line on its own, no name run into an abbreviation
    for recipient in period.plan.recipients:
        line = wording.recipient_line(recipient)
        assert re.search(rf"^\s*- {re.escape(line)}[;.]", layout, re.M), line
    assert "KSTTHCThủy" not in text and "HCQTĐức" not in text
