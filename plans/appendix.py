"""A plan's task appendix as a spreadsheet, in the columns real appendices use
(TT | Nội dung (nhiệm vụ) | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm):
``appendix_xlsx`` writes it, ``appendix_read`` reads an uploaded one into rows to preview (every
problem named by its row, nothing written), ``appendix_import`` writes the confirmed rows, all
or none. Agency names go through ``agencies.matching``, deadlines through ``plans.deadlines``.
The upload is read by ``cchc.uploads`` (within its limits on size, rows, columns and cells)."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from agencies.access import province_of
from agencies.matching import AgencyName, agencies_match
from agencies.models import Agency
from cchc.spreadsheet_writing import (
    document_font,
    sheet_font_set,
    sheet_print_setup,
    sheet_title_block,
    workbook_bytes,
)
from cchc.text import plain
from cchc.uploads import UploadError, spreadsheet_read

from .deadlines import deadline_parse
from .models import Plan, PlanArea, Task

HEADERS = [
    "TT",
    "Nội dung (nhiệm vụ)",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
]
WIDTHS = [8, 70, 30, 30, 20, 24]
#: a header cell's plain words → column (diacritics-free, lower case)
HEADER_WORDS = [
    ("code", ("tt", "stt", "so tt")),
    ("text", ("noi dung", "nhiem vu")),
    ("lead", ("chu tri",)),
    ("cooperating", ("phoi hop",)),
    ("due", ("thoi gian", "thoi han", "tien do")),
    ("product", ("san pham", "ket qua")),
]
REQUIRED = ("text", "lead", "due")
COLUMN_NAMES = dict(zip(("code", "text", "lead", "cooperating", "due", "product"), HEADERS, strict=True))
ROMAN = re.compile(r"^(?=[IVXL])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})\.?$")
HEADING_NUMBER = re.compile(r"^\s*(?:[IVXL]+|\d+)\s*[.)/-]\s*")


# --- export -------------------------------------------------------------------------------


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def _agency_cell(agencies, groups: str) -> str:
    names = [a.short_name or a.name for a in agencies]
    return ", ".join(names + ([groups] if groups else []))


def appendix_title(plan: Plan, *, heading: str | None = None) -> list[str]:
    """The title block of the appendix as printed under a plan: "PHỤ LỤC", what it lists, and
    which plan it goes with ("…" where the plan has no number or date yet, as a draft prints)."""
    issuer = plan.issuer.short_name or plan.issuer.name
    number = plan.number or "…/KH-UBND"
    issued = f"{plan.issue_date:%d/%m/%Y}" if plan.issue_date else "…"
    return [
        "PHỤ LỤC",
        heading or f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {plan.year}",
        f"(Kèm theo Kế hoạch số {number} ngày {issued} của {issuer})",
    ]


def appendix_xlsx(plan: Plan, *, heading: str | None = None, extra_columns=(), extra_cells=None) -> bytes:
    """The plan's tasks under one heading row per reform area, in the import format, below the
    appendix's title block and set up to print like one (A4 landscape, as wide as the page, the
    header row on every page, Times New Roman). ``extra_columns`` ((header, width), …) and
    ``extra_cells`` (task → their texts) add columns after the appendix's own: the results
    export (``reports.spreadsheets.task_results_xlsx``)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục nhiệm vụ"
    headers = HEADERS + [header for header, _width in extra_columns]
    widths = WIDTHS + [width for _header, width in extra_columns]
    title = appendix_title(plan, heading=heading)
    fonts = [document_font(bold=True, size=13), document_font(bold=True, size=13), document_font(italic=True)]
    header_row = sheet_title_block(sheet, list(zip(title, fonts, strict=True)), width=len(headers))
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=header_row, column=index, value=header)
        cell.font = document_font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.freeze_panes = f"A{header_row + 1}"
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("plan_area")
        .prefetch_related("lead_agencies", "cooperating_agencies")
        .order_by("plan_area__position", "position")
    )
    by_area: dict[int, list[Task]] = {}
    for task in tasks:
        by_area.setdefault(task.plan_area_id, []).append(task)
    for number, area in enumerate(plan.areas.order_by("position"), start=1):
        sheet.append([_roman(number), area.title])
        for cell in sheet[sheet.max_row]:
            cell.font = document_font(bold=True)
        for task in by_area.get(area.pk, []):
            sheet.append(
                [
                    task.code,
                    task.text,
                    _agency_cell(task.lead_agencies.all(), task.lead_groups),
                    _agency_cell(task.cooperating_agencies.all(), task.cooperating_groups),
                    task.due_text,
                    task.product,
                    *(extra_cells(task) if extra_cells else []),
                ]
            )
            for cell in sheet[sheet.max_row]:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet_font_set(sheet)
    sheet_print_setup(sheet, header_row=header_row)
    return workbook_bytes(workbook)


def appendix_data(plan: Plan) -> dict:
    """The same tasks as :func:`appendix_xlsx`, as data for the JSON download: the plan, then
    each area with its tasks in the appendix's columns (and the parsed deadline, ISO 8601)."""
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("plan_area")
        .prefetch_related("lead_agencies", "cooperating_agencies")
        .order_by("plan_area__position", "position")
    )
    by_area: dict[int, list[Task]] = {}
    for task in tasks:
        by_area.setdefault(task.plan_area_id, []).append(task)
    return {
        "plan": {"code": plan.code, "title": plan.title, "number": plan.number, "year": plan.year},
        "areas": [
            {
                "number": _roman(number),
                "title": area.title,
                "tasks": [
                    {
                        "code": task.code,
                        "text": task.text,
                        "lead": _agency_cell(task.lead_agencies.all(), task.lead_groups),
                        "cooperating": _agency_cell(task.cooperating_agencies.all(), task.cooperating_groups),
                        "due_text": task.due_text,
                        "due_date": task.due_date.isoformat() if task.due_date else None,
                        "recurring": task.recurring,
                        "product": task.product,
                    }
                    for task in by_area.get(area.pk, [])
                ],
            }
            for number, area in enumerate(plan.areas.order_by("position"), start=1)
        ],
    }


# --- reading ------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _header(rows) -> tuple[int, dict[str, int]] | None:
    """The header row (1-based) among the first rows and which column holds what."""
    for number, row in enumerate(rows[:15], start=1):
        columns = {}
        for index, value in enumerate(row):
            words = plain(_cell_text(value))
            for key, variants in HEADER_WORDS:
                if key not in columns and any(
                    words == v or words.startswith(v + " ") or f" {v}" in f" {words}" for v in variants
                ):
                    columns[key] = index
                    break
        if len(columns) >= 3 and "text" in columns:
            return number, columns
    return None


def _area_match(title: str, areas: list[PlanArea]) -> PlanArea | None:
    """A heading to the plan's area with the same title (numbering, diacritics and case
    aside), else the one sharing most words, if it shares most of its own words."""
    key = plain(HEADING_NUMBER.sub("", title))
    for area in areas:
        if key in (plain(area.title), plain(area.area.name), plain(area.area.short_name)):
            return area
    words = set(key.split())
    best, best_share = None, 0.0
    for area in areas:
        theirs = set(plain(area.title).split())
        share = len(words & theirs) / max(len(theirs), 1)
        if share > best_share:
            best, best_share = area, share
    return best if best_share >= 0.6 else None


def _is_heading(cells: dict[str, str]) -> bool:
    if cells["lead"] or cells["cooperating"] or cells["due"] or cells["product"]:
        return False
    code, text = cells["code"], cells["text"]
    return bool(ROMAN.match(code) or re.match(r"^\d+\.?$", code) or HEADING_NUMBER.match(code or text))


def agency_names(plan: Plan) -> tuple[list[AgencyName], str]:
    """The agencies an appendix of ``plan`` may name (its province's, in existence during the
    plan's years: a 2023 plan names the bodies of 2023), and the province's place name."""
    province = province_of(plan.issuer) or plan.issuer
    return province_agency_names(province, plan.year, plan.end_year or plan.year)


def province_agency_names(province: Agency, first_year: int, last_year: int) -> tuple[list[AgencyName], str]:
    """The bodies of ``province`` in existence at some time from ``first_year`` to
    ``last_year`` as names to match (``agencies.matching``), and the province's place name.
    One query: the tree is walked in memory."""
    start, end = date(first_year, 1, 1), date(last_year, 12, 31)
    agencies = {
        a.pk: a
        for a in Agency.objects.only(
            "pk", "name", "short_name", "aliases", "parent_id", "valid_from", "valid_to"
        )
    }

    def in_province(agency) -> bool:
        for _depth in range(10):
            if agency is None or agency.pk == province.pk:
                return agency is not None
            agency = agencies.get(agency.parent_id)
        return False

    names = [
        AgencyName(a.pk, tuple(n for n in (a.name, a.short_name, *a.aliases) if n))
        for a in agencies.values()
        if (a.valid_to is None or a.valid_to >= start)
        and (a.valid_from is None or a.valid_from <= end)
        and in_province(a)
    ]
    return names, province.place_name


def appendix_read(content: bytes, *, plan: Plan) -> tuple[list[dict], list[str]]:
    """The rows of an uploaded appendix as they will be saved, or the problems, each naming
    its row. Nothing is written."""
    try:
        sheet = spreadsheet_read(content)  # not a workbook, or beyond a limit: the message
    except UploadError as error:
        return [], [str(error)]
    rows = sheet.rows
    found = _header(rows)
    if found is None:
        return [], [f"Không tìm thấy dòng tiêu đề với các cột: {' | '.join(HEADERS)}."]
    header_row, columns = found
    missing = [COLUMN_NAMES[k] for k in REQUIRED if k not in columns]
    if missing:
        return [], [f"Dòng {header_row} (tiêu đề): thiếu cột “{name}”." for name in missing]
    headings_merged, errors = _merged_cells(sheet.merged, header_row)
    out = _task_rows(rows, header_row, columns, plan=plan, headings_merged=headings_merged, errors=errors)
    if not out and not errors:
        errors.append("Tệp không có nhiệm vụ nào dưới dòng tiêu đề.")
    return ([] if errors else out), errors


def _merged_cells(merged_ranges, header_row: int) -> tuple[set[int], list[str]]:
    """The merged cells below the header: the rows merged across columns (a heading may be;
    a task row may not, checked with the row), and a problem for each range over several rows
    (each task is written on its own row)."""
    errors = []
    headings_merged = set()
    for merged in merged_ranges:
        if merged.max_row <= header_row:
            continue
        if merged.min_row == merged.max_row:
            headings_merged.add(merged.min_row)  # a heading across columns: checked below
            continue
        errors.append(
            f"Dòng {merged.min_row}–{merged.max_row}: ô gộp {merged.coord}; mỗi "
            "nhiệm vụ phải ghi đủ trên dòng của mình (tách ô gộp)."
        )
    return headings_merged, errors


def _existing_tasks(plan: Plan) -> dict[tuple, list[Task]]:
    """(area, code) → the plan's tasks with it, in order: a plan may print a number twice (Hưng
    Yên's "2.l"), the n-th row with it is the n-th task with it."""
    existing: dict[tuple, list[Task]] = {}
    for task in (
        Task.objects.filter(plan=plan)
        .order_by("position")
        .prefetch_related("lead_agencies", "cooperating_agencies")
    ):
        existing.setdefault((task.plan_area_id, task.code), []).append(task)
    return existing


def _task_rows(
    rows,
    header_row: int,
    columns: dict[str, int],
    *,
    plan: Plan,
    headings_merged: set[int],
    errors: list[str],
) -> list[dict]:
    """The task rows under the header, each under the area of the heading above it, as they will
    be saved; the problems of the rows are added to ``errors``, in the order of the rows."""
    areas = list(plan.areas.select_related("area").order_by("position"))
    existing = _existing_tasks(plan)
    names, province = agency_names(plan)
    out, area, blank_since = [], None, None
    for number, row in enumerate(rows[header_row:], start=header_row + 1):
        cells = _row_cells(row, columns)
        if not any(cells.values()):
            blank_since = blank_since or number
            continue
        if blank_since:
            errors.append(f"Dòng {blank_since}: dòng trống giữa bảng (xóa dòng trống).")
            blank_since = None
        if _is_heading(cells):
            title = cells["text"] or cells["code"]
            area = _area_match(title, areas)
            if area is None:
                errors.append(f"Dòng {number}: không nhận ra lĩnh vực “{title}” trong kế hoạch.")
            continue
        if _task_row_readable(number, cells, area, headings_merged, errors):
            out.append(_row(number, cells, area, plan, names, province, existing))
    return out


def _row_cells(row, columns: dict[str, int]) -> dict[str, str]:
    """A row's text in each known column ("" for a column the sheet lacks or the row ends before)."""
    cells = {key: _cell_text(row[index]) if index < len(row) else "" for key, index in columns.items()}
    for key in COLUMN_NAMES:
        cells.setdefault(key, "")
    return cells


def _task_row_readable(number: int, cells: dict[str, str], area, headings_merged: set[int], errors) -> bool:
    """Whether a row that is not a heading can be read as a task (it has a text and an area
    above it); what is wrong with it is added to ``errors``, a missing lead agency included."""
    if number in headings_merged:
        errors.append(f"Dòng {number}: ô gộp trên dòng nhiệm vụ; tách ô gộp.")
    if not cells["text"]:
        errors.append(f"Dòng {number}: có thông tin nhưng thiếu nội dung nhiệm vụ.")
        return False
    if area is None:
        errors.append(f"Dòng {number}: nhiệm vụ nằm trước tiêu đề lĩnh vực đầu tiên.")
        return False
    if not cells["lead"]:
        errors.append(f"Dòng {number}: thiếu cơ quan chủ trì.")
    return True


def _row(number, cells, area, plan, names, province, existing) -> dict:
    lead = agencies_match(cells["lead"], names, province=province)
    cooperating = agencies_match(cells["cooperating"], names, province=province)
    deadline = deadline_parse(cells["due"], year=plan.year) if cells["due"] else None
    same_code = existing.get((area.pk, cells["code"]))
    task = same_code.pop(0) if same_code else None
    row = {
        "line": number,
        "area": area.pk,
        "area_title": f"{area.code}. {area.title}",
        "code": cells["code"],
        "text": cells["text"],
        "product": cells["product"],
        "lead_text": cells["lead"],
        "lead": list(lead.agencies),
        "lead_groups": list(lead.groups),
        "lead_unmatched": list(lead.unmatched),
        "cooperating_text": cells["cooperating"],
        "cooperating": list(cooperating.agencies),
        "cooperating_groups": list(cooperating.groups),
        "cooperating_unmatched": list(cooperating.unmatched),
        "due_text": cells["due"],
        "due_date": deadline.due.isoformat() if deadline and deadline.due else None,
        "recurring": bool(deadline and deadline.recurring),
        "due_understood": deadline is None or deadline.understood,
        "task": task.pk if task else None,
    }
    row["action"] = "new" if task is None else ("same" if _same(task, row) else "update")
    return row


def _same(task: Task, row: dict) -> bool:
    return (
        task.text == row["text"]
        and task.product == row["product"]
        and task.due_text == row["due_text"]
        and {a.pk for a in task.lead_agencies.all()} == set(row["lead"])
        and {a.pk for a in task.cooperating_agencies.all()} == set(row["cooperating"])
        and task.lead_groups == "; ".join(row["lead_groups"])
        and task.cooperating_groups == "; ".join(row["cooperating_groups"])
        and not row["lead_unmatched"]
        and not row["cooperating_unmatched"]
    )


# --- writing ------------------------------------------------------------------------------


def appendix_import(*, plan: Plan, rows: list[dict], choices: dict[str, str]) -> dict[str, int]:
    """Write the previewed rows, all or none. ``choices`` settles each unmatched name
    ("<line>:<lead|cooperating>:<index>" → an agency pk, or "group" to keep it as printed).
    Returns how many tasks were created, updated and left as they were."""
    names, _province = agency_names(plan)
    valid = {str(n.pk) for n in names}  # the agencies the preview offers
    errors = []
    for row in rows:
        for side in ("lead", "cooperating"):
            for index, name in enumerate(row[f"{side}_unmatched"]):
                choice = choices.get(f"{row['line']}:{side}:{index}", "")
                if choice == "group":
                    row[f"{side}_groups"].append(name)
                elif choice in valid:
                    row[side].append(int(choice))
                else:
                    errors.append(f"Dòng {row['line']}: chọn cơ quan cho “{name}”.")
            row[f"{side}_unmatched"] = []
        if not row["lead"] and not row["lead_groups"]:
            errors.append(f"Dòng {row['line']}: thiếu cơ quan chủ trì.")
    if errors:
        raise ValidationError(errors)
    counts = {"new": 0, "update": 0, "same": 0}
    with transaction.atomic():
        tasks = {
            t.pk: t
            for t in Task.objects.select_for_update(of=("self",))
            .filter(plan=plan)
            .prefetch_related("lead_agencies", "cooperating_agencies")
        }
        top = max([t.position for t in tasks.values()], default=0)
        for row in rows:
            task = tasks.get(row["task"])
            if task is not None and _same(task, row):
                counts["same"] += 1
                continue
            if task is None:
                top += 1
                task = Task(plan=plan, plan_area_id=row["area"], position=top)
                counts["new"] += 1
            else:
                counts["update"] += 1
            task.code = row["code"] or str(top)
            task.text, task.product, task.due_text = row["text"], row["product"], row["due_text"]
            task.due_date = date.fromisoformat(row["due_date"]) if row["due_date"] else None
            task.recurring = row["recurring"]
            task.lead_groups = "; ".join(row["lead_groups"])
            task.cooperating_groups = "; ".join(row["cooperating_groups"])
            task.full_clean()
            task.save()
            task.lead_agencies.set(row["lead"])
            task.cooperating_agencies.set(row["cooperating"])
        _renumber(plan)
    return counts


def _renumber(plan: Plan) -> None:
    """Positions follow the areas' order (new tasks were appended at the end)."""
    ordered = list(Task.objects.filter(plan=plan).order_by("plan_area__position", "position"))
    if [t.position for t in ordered] == list(range(1, len(ordered) + 1)):
        return
    offset = len(ordered) + max((t.position for t in ordered), default=0) + 1
    Task.objects.filter(plan=plan).update(position=F("position") + offset)
    for number, task in enumerate(ordered, start=1):
        Task.objects.filter(pk=task.pk).update(position=number)
