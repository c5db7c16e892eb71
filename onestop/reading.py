"""Reading an uploaded file of the one-stop system (XLSX or CSV, through the bounded readers of
``cchc.uploads``) into rows the preview shows and the import writes, or into the problems, each
naming its row. Nothing is written here.

- Biểu 06/VPCP/KSTT: the header is found among the first rows, with its group row above the
  columns' row ("Số hồ sơ nhận giải quyết" over "Tổng số | Trực tuyến | …", merged across the
  group as the form prints it). A merged cell that hides one of the columns, a merged cell in the
  table's body, a missing or negative count, or a total that is not the sum of its parts is
  refused.
- QĐ 766: one row per agency and month: the six groups, the total and the band.

Agency names are matched as in the task appendix (``agencies.matching``); a name not matched
is shown with a picker in the preview, and the import refuses to write while one is left."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from agencies.matching import agencies_match
from cchc.text import plain
from cchc.uploads import UploadError, csv_read, spreadsheet_read
from plans.appendix import agency_names
from plans.models import Plan
from targets.rules import NumberInputError, parse_vn_number

from . import rules

#: the header is looked for among the first rows (titles, the form's number above it)
HEADER_SEARCH_ROWS = 15
#: cells of a numbering row under the header: "(1)", "1", "A", "B"
_NUMBERING = re.compile(r"^\(?([0-9]{1,2}|[a-z])\)?$")


def sheet_of(content: bytes, file_name: str):
    """The file's rows: a CSV by its name, otherwise a workbook."""
    if file_name.lower().endswith(".csv"):
        return csv_read(content)
    return spreadsheet_read(content)


# --- Biểu 06 -----------------------------------------------------------------------------------


def _dossier_column(group: str, leaf: str) -> str | None:
    """The field a header column holds, from its group's text and its own (folded)."""
    both = f"{group} {leaf}"
    if not leaf and ("don vi" in both or "co quan" in both or "ten" in both.split()):
        return "agency"
    if "don vi" in leaf or "co quan" in leaf:
        return "agency"
    simple = {
        "truc tuyen": "received_online",
        "truc tiep": "received_in_person",
        "buu chinh": "received_in_person",
        "ky truoc": "received_carried_over",
        "truoc han": "resolved_early",
        "dung han": "resolved_on_time",
        "trong han": "pending_in_time",
    }
    for words, name in simple.items():
        if words in leaf:
            return name
    section = (
        "received"
        if ("tiep nhan" in group or "nhan giai quyet" in group)
        else "resolved"
        if "da giai quyet" in group
        else "pending"
        if "dang giai quyet" in group
        else None
    )
    if section and "tong" in leaf:
        return f"{section}_total"
    if section in ("resolved", "pending") and "qua han" in leaf:
        return "resolved_late" if section == "resolved" else "pending_overdue"
    return None


def _merged_value(sheet, row: int, column: int):
    """The value shown at (row, column), 1-based: a merged cell's top-left value."""
    for merged in sheet.merged:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            values = sheet.rows[merged.min_row - 1] if merged.min_row - 1 < len(sheet.rows) else ()
            return values[merged.min_col - 1] if merged.min_col - 1 < len(values) else None
    values = sheet.rows[row - 1] if row - 1 < len(sheet.rows) else ()
    return values[column - 1] if column - 1 < len(values) else None


def _text(value) -> str:
    return "" if value is None else plain(str(value))


def _dossier_header(sheet) -> tuple[int, dict[str, int], list[str]] | None:
    """(the columns' row, field → column, problems) or None when no header is found."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if not any("truc tuyen" in _text(cell) for cell in row):
            continue
        number = index + 1
        width = max(len(r) for r in sheet.rows[max(index - 1, 0) : index + 1])
        columns: dict[str, int] = {}
        problems = []
        for merged in sheet.merged:
            # the columns' own row: a cell merged across columns hides the ones under it
            if merged.min_row <= number <= merged.max_row and merged.max_col > merged.min_col:
                problems.append(
                    _(
                        "Dòng %(row)s (tiêu đề): ô gộp %(coord)s che mất cột; mỗi cột của Biểu 06 "
                        "phải có ô tiêu đề riêng (tách ô gộp)."
                    )
                    % {"row": number, "coord": merged.coord}
                )
        for column in range(1, width + 1):
            group = _text(_merged_value(sheet, number - 1, column)) if number > 1 else ""
            leaf_raw = row[column - 1] if column - 1 < len(row) else None
            leaf = _text(leaf_raw) if leaf_raw is not None else ""
            if not leaf and not group:
                continue
            field = _dossier_column(group, leaf if leaf_raw is not None else "")
            if field and field not in columns:
                columns[field] = column
        missing = [name for name in ("agency", *rules.DOSSIER_FIELDS) if name not in columns]
        for name in missing:
            label = _("Tên cơ quan, đơn vị") if name == "agency" else rules.dossier_label(name)
            problems.append(_("Dòng %(row)s (tiêu đề): thiếu cột “%(col)s”.") % {"row": number, "col": label})
        return number, columns, problems
    return None


def _count(value) -> tuple[int | None, str | None]:
    """A cell's count, or why it is not one. A negative count is read (for its message)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool):
        return None, _("“%s” không phải là số") % value
    if isinstance(value, (int, float)):
        if float(value) != int(value):
            return None, _("“%s” không phải số nguyên") % value
        return int(value), None
    text = str(value).strip()
    negative = text.startswith("-")
    try:
        number = parse_vn_number(text.lstrip("-").strip())
    except NumberInputError as error:
        return None, str(error)
    if number != number.to_integral_value():
        return None, _("“%s” không phải số nguyên") % text
    return (-int(number) if negative else int(number)), None


def _body_merges(sheet, header_row: int) -> list[str]:
    return [
        _(
            "Dòng %(first)s–%(last)s: ô gộp %(coord)s trong bảng số liệu; mỗi cơ quan ghi "
            "đủ trên dòng của mình (tách ô gộp)."
        )
        % {"first": m.min_row, "last": m.max_row, "coord": m.coord}
        for m in sheet.merged
        if m.min_row > header_row
    ]


def _is_skipped(name: str, cells: list) -> bool:
    """A numbering row, or the province's total row ("Tổng cộng", "Toàn tỉnh")."""
    folded = plain(name)
    if _NUMBERING.match(folded) or folded in ("", "stt"):
        return True
    return folded.startswith("tong") or folded.startswith("toan tinh") or folded.startswith("cong")


def dossiers_read(content: bytes, *, file_name: str, plan: Plan) -> tuple[list[dict], list[str]]:
    """The rows of a Biểu 06 file (one per agency, in the file's order) or the problems."""
    try:
        sheet = sheet_of(content, file_name)
    except UploadError as error:
        return [], [str(error)]
    found = _dossier_header(sheet)
    if found is None:
        return [], [
            _(
                "Không tìm thấy dòng tiêu đề của Biểu 06/VPCP/KSTT (cột “Trực tuyến”, “Trước hạn”, "
                "“Đúng hạn”…)."
            )
        ]
    header_row, columns, problems = found
    if problems:
        return [], problems
    problems = _body_merges(sheet, header_row)
    names, province = agency_names(plan)
    rows: list[dict] = []
    for number, cells in enumerate(sheet.rows[header_row:], start=header_row + 1):
        raw = cells[columns["agency"] - 1] if columns["agency"] - 1 < len(cells) else None
        name = str(raw).strip() if raw is not None else ""
        if not name:
            if any(c not in (None, "") for c in cells):
                problems.append(_("Dòng %(row)s: thiếu tên cơ quan.") % {"row": number})
            continue
        if _is_skipped(name, cells):
            continue
        counts, row_problems = {}, []
        for field in rules.DOSSIER_FIELDS:
            column = columns[field]
            value, problem = _count(cells[column - 1] if column - 1 < len(cells) else None)
            if problem:
                row_problems.append(f"“{rules.dossier_label(field)}”: {problem}")
            counts[field] = value
        row_problems += [] if row_problems else rules.dossier_problems(counts)
        problems += [
            _("Dòng %(row)s (%(name)s): %(problem)s.") % {"row": number, "name": name, "problem": p}
            for p in row_problems
        ]
        match = agencies_match(name, names, province=province)
        rows.append(
            {
                "line": number,
                "name": name,
                "agency": match.agencies[0] if len(match.agencies) == 1 and not match.unmatched else None,
                "counts": counts,
            }
        )
    if not rows and not problems:
        problems.append(_("Tệp không có dòng số liệu nào dưới dòng tiêu đề."))
    return ([] if problems else rows), problems


# --- QĐ 766 ------------------------------------------------------------------------------------


def _index_column(text: str) -> str | None:
    words = {
        "cong khai": "transparency",
        "tien do": "timeliness",
        "thanh toan": "online_payment",
        "dich vu cong": "online_services",
        "truc tuyen": "online_services",
        "hai long": "satisfaction",
        "so hoa": "digitisation",
        "tong": "total",
        "xep loai": "band",
        "thang": "month",
        "ky": "month",
        "don vi": "agency",
        "co quan": "agency",
    }
    for key, name in words.items():
        if key in text:
            return name
    return None


def _month(value) -> date | None:
    """A month as a date cell, "03/2023", "3-2023", "Tháng 3/2023" or "2023-03"."""
    if isinstance(value, (datetime, date)):
        return date(value.year, value.month, 1)
    text = plain(str(value or "")).replace("thang", "").strip()
    match = re.fullmatch(r"(\d{1,2})\s*(\d{4})", text)
    iso = re.fullmatch(r"(\d{4})\s*(\d{1,2})(\s*\d{1,2})?", text)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
    elif iso:
        year, month = int(iso.group(1)), int(iso.group(2))
    else:
        return None
    return date(year, month, 1) if 1 <= month <= 12 and 2000 <= year <= 2100 else None


def _points(value) -> tuple[Decimal | None, str | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01")), None
    text = str(value).strip()
    negative = text.startswith("-")
    try:
        number = parse_vn_number(text.lstrip("-").strip())
    except (NumberInputError, InvalidOperation) as error:
        return None, str(error)
    return (-number if negative else number).quantize(Decimal("0.01")), None


def _index_header(sheet) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        texts = [_text(c) for c in row]
        if not any("cong khai" in t for t in texts) or not any("so hoa" in t for t in texts):
            continue
        columns: dict[str, int] = {}
        for column, text in enumerate(texts, start=1):
            field = _index_column(text)
            if field and field not in columns:
                columns[field] = column
        return index + 1, columns
    return None


def index766_read(content: bytes, *, file_name: str, plan: Plan) -> tuple[list[dict], list[str]]:
    """The rows of a QĐ 766 file (an agency's month each) or the problems."""
    try:
        sheet = sheet_of(content, file_name)
    except UploadError as error:
        return [], [str(error)]
    found = _index_header(sheet)
    if found is None:
        return [], [
            _("Không tìm thấy dòng tiêu đề của chỉ số QĐ 766 (cột “Công khai, minh bạch”… “Số hóa hồ sơ”).")
        ]
    header_row, columns = found
    needed = {"agency": _("Tên cơ quan, đơn vị"), "month": _("Tháng"), "total": _("Tổng điểm")}
    needed.update({name: label for name, label, _max in rules.INDEX_GROUPS})
    missing = [label for name, label in needed.items() if name not in columns]
    if missing:
        return [], [
            _("Dòng %(row)s (tiêu đề): thiếu cột “%(col)s”.") % {"row": header_row, "col": c} for c in missing
        ]
    problems = _body_merges(sheet, header_row)
    names, province = agency_names(plan)
    rows: list[dict] = []
    seen: dict[tuple, int] = {}

    def cell(cells, field):
        column = columns.get(field)
        return cells[column - 1] if column and column - 1 < len(cells) else None

    for number, cells in enumerate(sheet.rows[header_row:], start=header_row + 1):
        name = str(cell(cells, "agency") or "").strip()
        if not name or _is_skipped(name, cells):
            continue
        row_problems = []
        month = _month(cell(cells, "month"))
        if month is None:
            row_problems.append(
                _("tháng “%s” không đọc được (ghi dạng mm/yyyy)") % (cell(cells, "month") or "")
            )
        values = {}
        for field in [*rules.INDEX_FIELDS, "total"]:
            value, problem = _points(cell(cells, field))
            if problem:
                row_problems.append(f"{field}: {problem}")
            values[field] = value
        band = str(cell(cells, "band") or "").strip()
        if not row_problems:
            row_problems = rules.index_problems(values, values["total"], band)
            if values["total"] is None:
                row_problems.append(_("thiếu tổng điểm"))
        key = (plain(name), month)
        if key in seen and month is not None:
            row_problems.append(_("trùng với dòng %s (cùng cơ quan, cùng tháng)") % seen[key])
        seen[key] = number
        problems += [
            _("Dòng %(row)s (%(name)s): %(problem)s.") % {"row": number, "name": name, "problem": p}
            for p in row_problems
        ]
        match = agencies_match(name, names, province=province)
        rows.append(
            {
                "line": number,
                "name": name,
                "agency": match.agencies[0] if len(match.agencies) == 1 and not match.unmatched else None,
                "month": month.isoformat() if month else None,
                "values": {k: (str(v) if v is not None else None) for k, v in values.items()},
                "band": (band or (rules.index_band(values["total"]) if values["total"] is not None else "")),
            }
        )
    if not rows and not problems:
        problems.append(_("Tệp không có dòng số liệu nào dưới dòng tiêu đề."))
    return ([] if problems else rows), problems
