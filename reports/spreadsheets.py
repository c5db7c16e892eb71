"""A report's tables as an XLSX workbook, from the same snapshot as its PDF (so an issued
report's workbook shows the figures it was issued with). Figures are numbers in the cells,
formatted the Vietnamese way by Excel's own locale; the worded figure sits beside them."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from cchc.collation import vietnamese
from cchc.spreadsheet_writing import workbook_bytes
from plans.appendix import appendix_xlsx
from plans.rules import TaskStatus
from reporting.models import ReviewStatus, TaskProgress, TaskUpdate
from targets.progress import Status, progress_shown

TARGET_COLUMNS = [
    ("Lĩnh vực", 28),
    ("TT", 8),
    ("Chỉ tiêu", 60),
    ("Kế hoạch", 16),
    ("Thực hiện", 22),
    ("Giá trị", 12),
    ("Tỷ lệ", 10),
    ("Đánh giá", 16),
    ("Số cơ quan", 14),
    ("Ghi chú", 40),
]
TASK_COLUMNS = [
    ("Lĩnh vực", 28),
    ("Nhiệm vụ", 70),
    ("Cơ quan chủ trì", 30),
    ("Hạn", 12),
    ("Tình trạng", 22),
    ("Số hiệu", 8),
    ("Còn (ngày)", 10),
    ("Ghi chú", 30),
]


def _number(value: str | None):
    return None if value is None else float(Decimal(value))


def _shown(r: dict):
    """The progress cell: the share shown, never 100% for a target not met."""
    shown = progress_shown(
        None if r["progress"] is None else Decimal(r["progress"]), r["status"] == Status.MET
    )
    return None if shown is None else float(shown)


def _note(r: dict) -> str:
    """A demo baseline, and why a target could not be judged."""
    parts = [r.get("note", "")]
    if r["status"] in (Status.NO_BASIS, Status.NOT_APPLICABLE) and r.get("reason"):
        parts.append(r["reason"])
    return "; ".join(p for p in parts if p)


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
                    _shown(r),
                    r["assessment"],
                    r.get("coverage", ""),
                    _note(r),
                ]
            )
            targets.cell(row=targets.max_row, column=7).number_format = "0%"
            targets.cell(row=targets.max_row, column=3).alignment = Alignment(wrap_text=True)
    tasks = _sheet(workbook, "Nhiệm vụ", heading, TASK_COLUMNS)
    for a in data["areas"]:
        for key in ("done", "overdue", "in_progress", "recurring"):
            for t in a.get(key, []):
                due = f"{t['due_original']} (gia hạn đến {t['due']})" if t.get("due_original") else t["due"]
                left = t.get("days_left") if t["status"] not in ("done_on_time", "done_late") else None
                note = f"chưa xong: {', '.join(t['open_subitems'])}" if t.get("open_subitems") else ""
                tasks.append(
                    [
                        f"{a['code']}. {a['title']}",
                        t["text"],
                        t["leads"],
                        "Thường xuyên" if t.get("recurring") else due,
                        t["status_label"],
                        t.get("code", ""),
                        left,
                        note,
                    ]
                )
                tasks.cell(row=tasks.max_row, column=2).alignment = Alignment(wrap_text=True)
    return workbook_bytes(workbook)


def task_results_xlsx(plan) -> bytes:
    """The plan's task appendix with, for each reporting period, each task's status (the stored
    progress of that period) and its evidence (the approved updates' documents and files, by
    agency): the "kết quả" export, printed like the appendix."""
    periods = list(plan.periods.order_by("position"))
    status = {
        (row.period_id, row.task_id): TaskStatus.LABELS.get(row.status, row.status)
        for row in TaskProgress.objects.filter(period__in=periods).only("period_id", "task_id", "status")
    }
    evidence: dict[tuple[int, int], list[str]] = {}
    updates = (
        TaskUpdate.objects.filter(submission__period__in=periods, review_status=ReviewStatus.APPROVED)
        .exclude(evidence_number="", evidence_file__isnull=True)
        .select_related("submission__agency", "evidence_file")
        .order_by("submission__period__position", vietnamese("submission__agency__name"))
    )
    for update in updates:
        agency = update.submission.agency
        parts = [f"Văn bản số {update.evidence_number}" if update.evidence_number else ""]
        if update.evidence_date:
            parts.append(f"ngày {update.evidence_date:%d/%m/%Y}")
        if update.evidence_file_id:
            parts.append(f"tệp {update.evidence_file.name}")
        text = f"{agency.short_name or agency.name}: " + ", ".join(p for p in parts if p)
        evidence.setdefault((update.submission.period_id, update.task_id), []).append(text)
    columns = []
    for period in periods:
        columns += [(f"Tình hình {period.title}", 22), (f"Kiểm chứng {period.title}", 36)]

    def cells(task) -> list[str]:
        row = []
        for period in periods:
            row.append(str(status.get((period.pk, task.pk), "")))
            row.append("\n".join(evidence.get((period.pk, task.pk), [])))
        return row

    heading = f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {plan.year}"
    return appendix_xlsx(plan, heading=heading, extra_columns=columns, extra_cells=cells)
