"""A criteria set's table in the layout decisions print it (STT | Lĩnh vực/Tiêu chí/Tiêu chí
thành phần | Điểm tối đa | Cách chấm | Tài liệu kiểm chứng): read from an uploaded XLSX (through
the bounded reader ``cchc.uploads.spreadsheet_read``) into node specs with every problem named by
its row, and written back in the same layout. Reading and writing are plain functions; the
service (``services.criteria_set_import``) writes all rows or none.

Codes: "1", "1.1", "1.1.1" (a Roman numeral for a lĩnh vực is read as its number, a trailing dot
dropped); the depth gives the level. "Cách chấm" lines "Ban hành kịp thời: 1" are read into a rule
(bands of a percentage, yes/no, tiers, deductions, survey points; none: the council's judgement),
and the printed text is kept beside it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cchc.spreadsheet_writing import workbook_bytes
from cchc.text import fold, plain

from .rules import Level, RuleKind, interval_label, points_label, to_decimal, validate_rule

LEVEL_OF_DEPTH = {1: Level.AREA, 2: Level.CRITERION, 3: Level.SUB}
HEADERS = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Cách chấm", "Tài liệu kiểm chứng"]
ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
    "xi": 11,
    "xii": 12,
}
#: words of a lĩnh vực's title → the standard reform area (``plans.ReformArea.code``)
AREA_WORDS = [
    ("chi dao", "chi_dao_dieu_hanh"),
    ("the che", "the_che"),
    ("thu tuc hanh chinh", "tthc"),
    ("to chuc bo may", "to_chuc_bo_may"),
    ("cong vu", "cong_vu"),
    ("doi ngu", "cong_vu"),
    ("tai chinh cong", "tai_chinh_cong"),
    ("chinh quyen", "chinh_quyen_so"),
    ("chinh phu dien tu", "chinh_quyen_so"),
    ("hien dai hoa", "chinh_quyen_so"),
    ("tac dong", "tac_dong"),
]


@dataclass
class NodeSpec:
    code: str
    level: str
    title: str
    max_points: Decimal
    guidance: str = ""
    evidence: str = ""
    rule_kind: str = ""
    rule_params: dict = field(default_factory=dict)
    area: str = ""  # the standard reform area of a lĩnh vực, when its title says
    row: int = 0
    measure: str = ""
    measure_params: dict = field(default_factory=dict)

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


class CriteriaImportError(ValueError):
    """The file cannot be imported; ``errors`` name the rows, in Vietnamese."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def area_of_title(title: str) -> str:
    text = plain(title)
    return next((code for words, code in AREA_WORDS if words in text), "")


def _code(raw) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip().rstrip(".").strip()
    if text.lower() in ROMAN:
        return str(ROMAN[text.lower()])
    return text if re.fullmatch(r"\d+(\.\d+){0,2}", text) else None


def _header(rows) -> tuple[int, dict[str, int]] | None:
    """The header row among the first 15, and the column of each heading."""
    for index, row in enumerate(rows[:15]):
        cells = [plain(str(c)) if c is not None else "" for c in row]
        if "stt" not in cells or not any("diem toi da" in c for c in cells):
            continue
        columns = {"stt": cells.index("stt")}
        for i, cell in enumerate(cells):
            if "diem toi da" in cell:
                columns.setdefault("max", i)
            elif "cach cham" in cell or "cach tinh" in cell or "phuong phap" in cell:
                columns.setdefault("guidance", i)
                if "kiem chung" in cell:
                    columns["combined"] = i
            elif "kiem chung" in cell:
                columns.setdefault("evidence", i)
            elif ("linh vuc" in cell or "tieu chi" in cell or "noi dung" in cell) and "title" not in columns:
                columns["title"] = i
        if "title" in columns:
            return index, columns
    return None


def _cell(row, column: int | None):
    if column is None or column >= len(row):
        return None
    return row[column]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def criteria_rows_read(rows: list[tuple]) -> list[NodeSpec]:
    """The nodes of a sheet's rows (``cchc.uploads.Sheet.rows``); every problem raises
    :class:`CriteriaImportError` with all of them, each naming its row."""
    found = _header(rows)
    if found is None:
        raise CriteriaImportError(
            [
                _(
                    "Không thấy dòng tiêu đề có cột “STT”, “Lĩnh vực/Tiêu chí/"
                    "Tiêu chí thành phần” và “Điểm tối đa”."
                )
            ]
        )
    start, columns = found
    errors: list[str] = []
    nodes: list[NodeSpec] = []
    by_code: dict[str, NodeSpec] = {}
    for index in range(start + 1, len(rows)):
        row, line = rows[index], index + 1
        if all(c is None or _text(c) == "" for c in row):
            continue
        raw_code = _cell(row, columns["stt"])
        code = _code(raw_code)
        title = _text(_cell(row, columns["title"]))
        problems = []
        if code is None:
            problems.append(
                _("số thứ tự “%(raw)s” không đọc được (ví dụ: 1, 1.2, 1.2.3)") % {"raw": _text(raw_code)}
                if _text(raw_code)
                else _("thiếu số thứ tự")
            )
        if not title:
            problems.append(_("thiếu nội dung tiêu chí"))
        raw_max = _cell(row, columns["max"])
        max_points = to_decimal(raw_max)
        if max_points is None or max_points < 0 or max_points >= 1000:
            problems.append(
                _("điểm tối đa “%(raw)s” không phải là số từ 0 đến 999") % {"raw": _text(raw_max)}
            )
        elif max_points != max_points.quantize(Decimal("0.01")):
            problems.append(_("điểm tối đa có quá 2 chữ số thập phân"))
        if code is not None:
            if code in by_code:
                problems.append(
                    _("số thứ tự %(code)s trùng với dòng %(row)s") % {"code": code, "row": by_code[code].row}
                )
            parent = code.rsplit(".", 1)[0] if "." in code else None
            if parent is not None and parent not in by_code:
                problems.append(
                    _("tiêu chí %(code)s không có dòng cha %(parent)s ở trên")
                    % {"code": code, "parent": parent}
                )
        if problems:
            errors.append(_("Dòng %(row)s: %(problems)s.") % {"row": line, "problems": "; ".join(problems)})
            continue
        guidance = _text(_cell(row, columns.get("guidance")))
        evidence = _text(_cell(row, columns.get("evidence")))
        if "combined" in columns:
            guidance, evidence = _split_combined(guidance)
        node = NodeSpec(
            code=code,
            level=LEVEL_OF_DEPTH[code.count(".") + 1],
            title=title,
            max_points=max_points.quantize(Decimal("0.01")),
            guidance=guidance,
            evidence=evidence,
            row=line,
            area=area_of_title(title) if "." not in code else "",
        )
        nodes.append(node)
        by_code[code] = node
    if not nodes and not errors:
        errors.append(_("Bảng không có dòng tiêu chí nào dưới dòng tiêu đề."))
    errors += _check_tree(nodes)
    if errors:
        raise CriteriaImportError(errors)
    return nodes


def _split_combined(text: str) -> tuple[str, str]:
    """ "Cách chấm / Tài liệu kiểm chứng" in one column: the lines after "Tài liệu kiểm chứng:"
    (or "TLKC:") are the evidence."""
    match = re.search(r"(t[àa]i li[ệe]u ki[ểe]m ch[ứu]ng|tlkc)\s*:", text, re.IGNORECASE)
    if not match:
        return text, ""
    return text[: match.start()].strip(), text[match.end() :].strip()


def _check_tree(nodes: list[NodeSpec]) -> list[str]:
    """Each parent's maximum is the sum of its children's; each leaf's rule fits its maximum."""
    errors = []
    children: dict[str, list[NodeSpec]] = {}
    for node in nodes:
        if node.parent_code:
            children.setdefault(node.parent_code, []).append(node)
    for node in nodes:
        kids = children.get(node.code)
        if kids:
            total = sum((k.max_points for k in kids), Decimal(0))
            if total != node.max_points:
                errors.append(
                    _(
                        "Dòng %(row)s: điểm tối đa của %(code)s là %(max)s nhưng các "
                        "tiêu chí bên dưới cộng lại %(sum)s."
                    )
                    % {
                        "row": node.row,
                        "code": node.code,
                        "max": points_label(node.max_points),
                        "sum": points_label(total),
                    }
                )
            continue
        node.rule_kind, node.rule_params = guidance_rule(node.guidance, node.max_points)
        if node.max_points <= 0:
            errors.append(
                _("Dòng %(row)s: tiêu chí %(code)s không có tiêu chí con nên cần điểm tối đa lớn hơn 0.")
                % {"row": node.row, "code": node.code}
            )
            continue
        for problem in validate_rule(node.rule_kind, node.rule_params, node.max_points):
            errors.append(
                _("Dòng %(row)s: cách chấm của %(code)s: %(problem)s")
                % {"row": node.row, "code": node.code, "problem": problem}
            )
    return errors


_POINTS_LINE = re.compile(
    r"^(?P<label>.*?\S)\s*[:=]\s*(?P<points>\d+(?:[.,]\d+)?)\s*(?:điểm)?\s*[.;]?$", re.IGNORECASE
)


def _band(label: str) -> dict | None:
    """The interval a scoring line's percentages describe ("trên 90%", "từ 70% - 90%", "từ 70%
    đến dưới 90%", "dưới 70%", "100%"), or None."""
    text = plain(label)
    values = [to_decimal(n) for n in re.findall(r"(\d+(?:[.,]\d+)?)\s*%", label)]
    if not values:
        return None
    above = bool(re.search(r"\b(tren|lon hon|vuot)\b", text)) or (">" in label and ">=" not in label)
    below = bool(re.search(r"\b(duoi|nho hon|it hon)\b", text)) or ("<" in label and "<=" not in label)
    if len(values) >= 2:
        return {
            "min": str(values[0]),
            "min_inclusive": not above,
            "max": str(values[1]),
            "max_inclusive": not below,
        }
    value = str(values[0])
    if above:
        return {"min": value, "min_inclusive": False}
    if below:
        return {"max": value, "max_inclusive": False}
    if re.search(r"\b(toi da|khong qua)\b", text) or "≤" in label or "<=" in label:
        return {"max": value, "max_inclusive": True}
    # "từ 90% trở lên", "tối thiểu 90%", "≥ 90%", "đạt 100%"
    return {"min": value, "min_inclusive": True}


def guidance_rule(text: str, max_points: Decimal) -> tuple[str, dict]:
    """The rule printed "Cách chấm" lines describe, with their labels kept:

    - lines "…: points" whose labels give percentages → bands;
    - two lines, the maximum and 0 → yes/no;
    - two lines or more otherwise → tiers (in printed order);
    - "trừ 0,5 điểm" (per occurrence) → deduction;
    - "Điểm = 2 × tỷ lệ …" → ratio × maximum;
    - "điều tra xã hội học" → survey points;
    - nothing readable → the council's judgement (manual)."""
    lines = [line.strip(" -–•+\t") for line in re.split(r"[\n;]+", text or "") if line.strip()]
    folded = plain(text or "")
    deduction = re.search(r"tru\s+(\d+(?:[.,]\d+)?)\s*diem", fold(text or "").lower())
    if deduction:
        return RuleKind.DEDUCTION, {"per": str(to_decimal(deduction.group(1)))}
    scored = []
    for line in lines:
        match = _POINTS_LINE.match(line)
        if match:
            scored.append((match.group("label"), to_decimal(match.group("points"))))
    if not scored:
        if "dieu tra xa hoi hoc" in folded or "khao sat" in folded:
            return RuleKind.SURVEY, {}
        if re.search(r"[×x*]\s*ty le", fold(text or "").lower()):
            return RuleKind.RATIO, {}  # "Điểm = 2 × tỷ lệ …"
        return RuleKind.MANUAL, {}
    bands = [_band(label) for label, _points in scored]
    if len(scored) >= 2 and all(bands):
        return RuleKind.BANDS, {
            "bands": [
                {**band, "points": str(points), "label": label}
                for band, (label, points) in zip(bands, scored, strict=True)
            ]
        }
    if len(scored) == 2 and scored[0][1] == max_points and scored[1][1] == 0:
        return RuleKind.YES_NO, {
            "yes": str(scored[0][1]),
            "no": "0",
            "yes_label": scored[0][0],
            "no_label": scored[1][0],
        }
    if len(scored) >= 2:
        return RuleKind.TIERED, {
            "tiers": [
                {"key": f"muc_{i}", "label": label, "points": str(points)}
                for i, (label, points) in enumerate(scored, start=1)
            ]
        }
    return RuleKind.MANUAL, {"note": scored[0][0]}


def rule_text(kind: str, params: dict, max_points: Decimal) -> str:
    """A leaf's rule in the words a decision prints, one line per outcome."""
    if kind == RuleKind.YES_NO:
        yes, no = to_decimal(params.get("yes")), to_decimal(params.get("no"))
        yes_label = params.get("yes_label") or _("Đạt yêu cầu")
        no_label = params.get("no_label") or _("Không đạt yêu cầu")
        return (
            f"{yes_label}: {points_label(max_points if yes is None else yes)}\n"
            f"{no_label}: {points_label(no or Decimal(0))}"
        )
    if kind == RuleKind.TIERED:
        return "\n".join(
            f"{t.get('label')}: {points_label(to_decimal(t.get('points')))}" for t in params.get("tiers", [])
        )
    if kind == RuleKind.BANDS:
        return "\n".join(
            f"{b.get('label') or interval_label(b)}: {points_label(to_decimal(b.get('points')))}"
            for b in params.get("bands", [])
        )
    if kind == RuleKind.RATIO:
        return _("Điểm = %(max)s × tỷ lệ đạt được") % {"max": points_label(max_points)}
    if kind == RuleKind.DEDUCTION:
        return _("Mỗi lần vi phạm trừ %(per)s điểm, không thấp hơn 0") % {
            "per": points_label(to_decimal(params.get("per")))
        }
    if kind == RuleKind.SURVEY:
        return _("Điểm điều tra xã hội học")
    return _("Hội đồng thẩm định đánh giá")


def criteria_workbook(criteria_set, nodes) -> bytes:
    """The set as a table in the layout decisions print; it imports back unchanged."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Bo chi so"
    sheet.append([criteria_set.title])
    sheet.append([criteria_set.decision_title or ""])
    sheet.append(HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for node in nodes:
        guidance = node.guidance or (
            rule_text(node.rule_kind, node.rule_params, node.max_points) if node.rule_kind else ""
        )
        sheet.append([node.code, node.title, float(node.max_points), guidance, node.evidence_asked])
        if node.level == Level.AREA:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for column, width in zip("ABCDE", (8, 70, 10, 45, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(workbook)


# --- survey points ----------------------------------------------------------------------------------

SURVEY_HEADERS = ["Mã đơn vị", "Tên đơn vị"]


def survey_rows_read(
    rows: list[tuple], units: dict[str, int], node_of: dict[tuple[int, str], tuple[int, Decimal]]
) -> dict[tuple[int, int], Decimal]:
    """Survey points from a sheet: a header row "Mã đơn vị | Tên đơn vị | <leaf code>…", then
    one row per unit. ``units``: unit code → assessment id; ``node_of``: (assessment id, leaf
    code) → (node id, maximum). Blank cells are left as they are. Every problem raises
    :class:`CriteriaImportError` naming its row and column."""
    start = next(
        (
            i
            for i, row in enumerate(rows[:15])
            if row and plain(str(row[0] or "")) == plain(SURVEY_HEADERS[0])
        ),
        None,
    )
    if start is None:
        raise CriteriaImportError([_("Không thấy dòng tiêu đề bắt đầu bằng “Mã đơn vị”.")])
    header = rows[start]
    codes = {}
    errors = []
    known_codes = {code for _a, code in node_of}
    for column in range(2, len(header)):
        code = _code(header[column])
        if code is None and header[column] in (None, ""):
            continue
        if code is None or code not in known_codes:
            errors.append(
                _("Cột %(col)s: “%(value)s” không phải mã một tiêu chí điều tra xã hội học của bộ chỉ số.")
                % {"col": column + 1, "value": _text(header[column])}
            )
            continue
        codes[column] = code
    values: dict[tuple[int, int], Decimal] = {}
    for index in range(start + 1, len(rows)):
        row, line = rows[index], index + 1
        if all(c is None or _text(c) == "" for c in row):
            continue
        unit_code = _text(_cell(row, 0))
        assessment = units.get(unit_code)
        if assessment is None:
            errors.append(
                _("Dòng %(row)s: không có đơn vị mã “%(code)s” trong đợt chấm điểm.")
                % {"row": line, "code": unit_code}
            )
            continue
        for column, code in codes.items():
            raw = _cell(row, column)
            if raw is None or _text(raw) == "":
                continue
            number = to_decimal(raw)
            node = node_of.get((assessment, code))
            if node is None:
                errors.append(
                    _("Dòng %(row)s, cột %(code)s: tiêu chí không thuộc bộ chỉ số của đơn vị.")
                    % {"row": line, "code": code}
                )
            elif number is None or not 0 <= number <= node[1]:
                errors.append(
                    _("Dòng %(row)s, cột %(code)s: “%(value)s” không phải số điểm từ 0 đến %(max)s.")
                    % {"row": line, "code": code, "value": _text(raw), "max": points_label(node[1])}
                )
            else:
                values[(assessment, node[0])] = number.quantize(Decimal("0.01"))
    if errors:
        raise CriteriaImportError(errors)
    if not values:
        raise CriteriaImportError([_("Tệp không có điểm nào.")])
    return values


def survey_workbook(rows: list[tuple[str, str, list]], codes: list[str]) -> bytes:
    """The survey sheet to fill: one row per unit (code, name, current points), one column per
    survey leaf."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dieu tra XHH"
    sheet.append([*SURVEY_HEADERS, *codes])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for code, name, points in rows:
        sheet.append([code, name, *[float(p) if p is not None else None for p in points]])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 40
    return workbook_bytes(workbook)
