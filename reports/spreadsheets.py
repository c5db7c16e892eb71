"""A report's tables as an XLSX workbook, from the same snapshot as its PDF (so an issued
report's workbook shows the figures it was issued with). Figures are numbers in the cells,
formatted the Vietnamese way by Excel's own locale; the worded figure sits beside them."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from cchc.spreadsheet_writing import workbook_bytes

TARGET_COLUMNS = [
    ("Lĩnh vực", 28),
    ("TT", 8),
    ("Chỉ tiêu", 60),
    ("Kế hoạch", 16),
    ("Thực hiện", 16),
    ("Giá trị", 12),
    ("Tỷ lệ", 10),
    ("Đánh giá", 16),
]
TASK_COLUMNS = [("Lĩnh vực", 28), ("Nhiệm vụ", 70), ("Cơ quan chủ trì", 30), ("Hạn", 12), ("Tình trạng", 22)]


def _number(value: str | None):
    return None if value is None else float(Decimal(value))


def _sheet(workbook: Workbook, title: str, heading: str, columns) -> object:
    sheet = workbook.create_sheet(title)
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append([name for name, _width in columns])
    for index, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=3, column=index).font = Font(bold=True)
    sheet.freeze_panes = "A4"
    return sheet


def report_workbook(data: dict, *, heading: str) -> bytes:
    """Two sheets, "Chỉ tiêu" and "Nhiệm vụ", one row per line of the report."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    targets = _sheet(workbook, "Chỉ tiêu", heading, TARGET_COLUMNS)
    groups = [("Mục tiêu chung", data["general"])] + [
        (f"{a['code']}. {a['title']}", a["targets"]) for a in data["areas"]
    ]
    for area, rows in groups:
        for r in rows:
            targets.append(
                [
                    area,
                    r["code"],
                    r["text"],
                    r["plan"],
                    r["actual"],
                    _number(r["value"]),
                    _number(r["progress"]),
                    r["assessment"],
                ]
            )
            targets.cell(row=targets.max_row, column=7).number_format = "0%"
            targets.cell(row=targets.max_row, column=3).alignment = Alignment(wrap_text=True)
    tasks = _sheet(workbook, "Nhiệm vụ", heading, TASK_COLUMNS)
    for a in data["areas"]:
        for key in ("done", "overdue", "in_progress"):
            for t in a[key]:
                due = f"{t['due_original']} (gia hạn đến {t['due']})" if t.get("due_original") else t["due"]
                tasks.append([f"{a['code']}. {a['title']}", t["text"], t["leads"], due, t["status_label"]])
                tasks.cell(row=tasks.max_row, column=2).alignment = Alignment(wrap_text=True)
    return workbook_bytes(workbook)
