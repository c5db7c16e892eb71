"""Proposing a plan's targets (chỉ tiêu) from its plain text.

Pure functions over strings (standard library only; a file is read into text by ``cchc.uploads``,
within its limits), so the same engine serves the command line
(``manage.py parse_targets``), an upload page or a Celery job. The output of
:func:`targets_extract` uses the JSON vocabulary of ``manage.py export_plan`` (see
``plans/exports.py``) plus ``source``: the sentence the target was read from.

How a plan is read:

1. **Layout.** Lines broken by PDF extraction are joined back into items: a new item starts at
   a marker (``I.``, ``1.``, ``1.2.``, ``a)``, ``-``, ``+``, ``•``), after a line ending in
   ``:``, or after a short heading line when the next line starts a capitalised word. Blank lines
   and page numbers carry no meaning.
2. **Zones.** Headings say what a part of the plan holds: "MỤC TIÊU", "Mục tiêu cụ thể",
   "a) Chỉ tiêu" hold targets (every item there is a target: a number, or a milestone when it has
   none); "CÁC CHỈ TIÊU, NHIỆM VỤ", "Mục tiêu chung" mix targets and tasks (only explicit
   commitments count); "NHIỆM VỤ, GIẢI PHÁP", "b) Nhiệm vụ", "TỔ CHỨC THỰC HIỆN", "KINH PHÍ",
   "MỤC ĐÍCH, YÊU CẦU" hold no targets. A text without such headings (one paragraph, a pasted
   list) is read as a mixed zone.
3. **Sentences and clauses.** An item is cut into sentences (". " before a capital or a digit)
   and clauses (";" outside brackets); "phấn đấu" marks the targets of its clause as stretch.
4. **Findings.** In each sentence, on a lower-case, diacritics-free copy of the same length (so
   "Tren 95%" reads like "Trên 95%"): ranges ("từ 95% - 100%"), ranks ("nhóm 20 … dẫn đầu",
   "tăng từ 2 đến 5 bậc"), "đạt và vượt chỉ tiêu", percentages, quantities with a unit and a
   comparator ("tối đa 15 phút"), changes against a baseline without an amount ("cao hơn năm
   2022", "tăng … so với năm 2023", "giảm số lượng …"). The words just before a number give the
   comparator (table in DOMAIN.md); numbers in brackets, after "tương ứng", "chiếm", or in a
   past-tense clause ("đã đạt") are not targets.
5. **Structure.** Percentages bound to distinct administrative levels become one target with
   ``levels``; a list after "giảm tối thiểu 2,5% …; 0,5% … và 1,38% … so với năm 2021" keeps the
   verb; a list of indices ("Chỉ số … (PAR INDEX), Chỉ số … (PAPI) … nằm trong nhóm 20") gives one
   target per index, and so do one threshold after several rates ("Tỷ lệ A và Tỷ lệ B đạt tối
   thiểu 80%"), after a count of targets ("4 chỉ tiêu phải đạt 100% gồm: …") and a rank change
   over several things ("tăng 3 bậc xếp hạng về A, B và C", "cả 3 tiêu chí"). Places of an
   earlier year, PAPI bands ("nhóm 2 (Trung bình - Cao)") and an aspiration after the plan's
   own rank ("hướng tới … top 3") are not targets.
6. **Proposal keys.** ``cumulative`` for a share of a plan, budget or quota, ``due_date`` for a
   deadline in the target's clause, ``sub_of`` for a "trong đó …" part of the target before it.

Scored on the two seed plans and on real sentences of other provinces
(``manage.py score_parse_targets``, ``targets/corpus.py``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from cchc.text import fold
from cchc.uploads import MAX_TEXT_CHARS, UploadUnreadable, document_read, text_read
from plans.deadlines import deadline_parse

TARGET_KEYS = (
    "code",
    "text",
    "measure",
    "comparator",
    "value",
    "value_max",
    "unit",
    "levels",
    "stretch",
    "baseline_year",
    "responsible",
)
#: Keys a proposal carries beyond export_plan's targets (the Target model gains them later):
#: ``cumulative`` (true when the figure accumulates over the year towards a plan, budget or
#: quota: "hoàn thành 100% kế hoạch", "giải ngân 100% vốn", "đạt và vượt dự toán"),
#: ``due_date`` (ISO date of a deadline the target states: "trước ngày 30/6/2025") and
#: ``sub_of`` (0-based index, in the same statement, of the target a "trong đó …" target is
#: part of), as in ``targets/seed_data/README.md``.
PROPOSAL_KEYS = ("cumulative", "due_date", "sub_of")
#: ``source`` is the sentence a target was read from; ``statement`` the printed item it belongs
#: to (the whole "a) …" or "- …" item, several sentences maybe), or its sentence when the item
#: is not numbered (a paragraph of goals): what a plan's ``TargetStatement`` holds.
OUTPUT_KEYS = (*TARGET_KEYS, *PROPOSAL_KEYS, "source", "statement")

# "cấp cơ sở" is the commune level in plans ("60% hồ sơ công việc tại cấp cơ sở")
LEVEL_CODES = {"tinh": "tinh", "huyen": "huyen", "xa": "xa", "co so": "xa", "thanh pho": "tinh"}

# --- text from a file ------------------------------------------------------------------------


class PlanTextError(ValueError):
    """A plan's file cannot be read as text; the message is for the user, in Vietnamese."""


class DocxError(PlanTextError):
    """The bytes are not a Word (.docx) document; the message is for the user, in Vietnamese."""


def plan_text(content: bytes, *, docx: bool, max_chars: int = MAX_TEXT_CHARS) -> str:
    """The plain text of a plan's file: a Word document (``docx``) or UTF-8 text, read by
    ``cchc.uploads`` within its limits (a file beyond one raises ``UploadTooLarge``; a text of
    more than ``max_chars`` characters is one)."""
    if docx:
        return text_from_docx(content, max_chars=max_chars)
    try:
        return text_read(content, max_chars=max_chars)
    except UploadUnreadable as exc:
        raise PlanTextError(str(exc)) from exc


def text_from_docx(content: bytes, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    """The text of a .docx: every paragraph of ``word/document.xml`` (body and table cells, in
    document order) on a line of its own; a manual line break inside a paragraph also starts a
    line. Headers, footers, comments and deleted text are left out (``cchc.uploads.document_read``:
    the size is checked before the XML is parsed, the XML is read as a stream)."""
    try:
        lines = document_read(content, max_chars=max_chars)
    except UploadUnreadable as exc:
        raise DocxError(str(exc)) from exc
    return "\n".join(lines) + ("\n" if lines else "")


# --- normalising ---------------------------------------------------------------------------


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def tokens(text: str) -> set[str]:
    """The words of a text, lower case and without diacritics ("Trên 95%" → {"tren", "95"})."""
    return {t for t in re.split(r"[^0-9a-z]+", fold(unicodedata.normalize("NFC", text))) if t}


def _number(text: str) -> Decimal | None:
    raw = text.strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):  # 1.000 (thousands)
        raw = raw.replace(".", "")
    raw = raw.replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _json_number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- layout: lines → items -----------------------------------------------------------------

_ROMAN = re.compile(r"^([IVXL]{1,5})\s*[./]\s+(?=\S)")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\D)|^(\d{1,2})\.\s+(?=\D)")
_LETTER = re.compile(r"^([a-zđ])\)\s*(?=\S)")
_BULLET = re.compile(r"^([-–—•*+])(?:\s+|(?=[^\W\d_]))")


@dataclass
class _Item:
    kind: str | None  # roman, number, letter, bullet, sub (a "+" bullet), None
    marker: str
    lines: list[str] = field(default_factory=list)
    heading: bool = False
    zone: str = "none"
    code: str | None = None

    @property
    def text(self) -> str:
        return normalise_space(" ".join(self.lines))


def _is_caps_heading(line: str) -> bool:
    """ "MỤC TIÊU", "NHIỆM VỤ VÀ GIẢI PHÁP": an unnumbered heading in capitals."""
    letters = [c for c in line if c.isalpha()]
    return (
        len(letters) >= 4
        and all(c.isupper() for c in letters)
        and not re.search(r"\d", line)
        and _words(line) <= 12
        and not line.endswith((".", ";", ","))  # "TTHC." ending a broken sentence is no heading
    )


def _line_marker(line: str) -> tuple[str | None, str, str]:
    for kind, pattern in (("roman", _ROMAN), ("number", _NUMBERED), ("letter", _LETTER)):
        match = pattern.match(line)
        if match:
            marker = next(g for g in match.groups() if g)
            return kind, marker, line[match.end() :]
    match = _BULLET.match(line)
    if match:
        kind = "sub" if match.group(1) == "+" else "bullet"
        return kind, match.group(1), line[match.end() :]
    return None, "", line


def _words(text: str) -> int:
    return len(text.split())


def _looks_like_heading(item: _Item) -> bool:
    text = item.text
    if item.kind in ("roman", "caps"):
        return True
    if "%" in text or text.endswith((".", ";")):
        return False
    if item.kind == "number":
        return text.endswith(":") or _words(text) <= 20
    if item.kind == "letter":
        return text.endswith(":") or (_words(text) <= 6 and not re.search(r"\d", text))
    if item.kind in ("bullet", "sub"):
        return text.endswith(":") and _words(text) <= 12
    return False


def _starts_capitalised_word(line: str) -> bool:
    return len(line) > 1 and line[0].isupper() and line[1].islower()


def _ends_item(current: _Item, line: str) -> bool:
    """Whether an unmarked line starts a new item rather than continuing ``current``."""
    if current.kind == "caps":
        return not _is_caps_heading(line)
    if current.text.endswith(":"):
        return True
    return (
        current.kind is not None
        and len(current.lines) == 1
        and _looks_like_heading(current)
        and _starts_capitalised_word(line)
    )


def _items(text: str) -> list[_Item]:
    items: list[_Item] = []
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\t", " ")
    for raw in text.splitlines():
        line = normalise_space(raw)
        if not line or re.fullmatch(r"[-–]?\s*\d{1,3}\s*[-–]?", line):  # blank, page number
            continue
        kind, marker, rest = _line_marker(line)
        current = items[-1] if items else None
        if kind is None and _is_caps_heading(line) and not (current and current.kind == "caps"):
            kind = "caps"
        new_item = kind is not None or current is None or _ends_item(current, line)
        if new_item:
            item = _Item(kind=kind, marker=marker, lines=[rest.strip()])
            items.append(item)
        else:
            current.lines.append(line)
    for item in items:
        item.heading = item.kind is not None and _looks_like_heading(item)
    return items


def plan_items(text: str) -> list[_Item]:
    """A plan's printed items (step 1 of the module docstring): each with its ``kind`` (roman,
    number, letter, bullet, sub, caps, None), ``marker``, ``lines``, ``text`` and whether it
    is a ``heading``. Other readers of a plan (``targets.plan_reading``) start from the same
    layout."""
    return _items(text)


# --- zones ---------------------------------------------------------------------------------


def _heading_zone(text: str) -> str | None:
    """What a heading says its part holds: target, mixed, none (no targets) or None (silent)."""
    f = fold(text)
    targets = bool(re.search(r"\b(muc tieu|chi tieu)\b", f))
    tasks = bool(re.search(r"\b(nhiem vu|giai phap)\b", f))
    if targets and tasks:
        return "mixed"
    if targets:
        return "mixed" if re.search(r"\bmuc tieu (chung|tong quat)\b", f) else "target"
    if tasks or re.search(
        r"\b(to chuc thuc hien|kinh phi|muc dich|yeu cau|trach nhiem|"
        r"ket qua thuc hien|tinh hinh thuc hien|danh gia ket qua|phu luc|"
        r"can cu|ket qua dat duoc|ket qua nam|thuc trang|danh gia tinh hinh|"
        r"ton tai|han che|boi canh)\b",
        f,
    ):
        return "none"
    return None


_LEVEL_OF_KIND = {"caps": 0, "roman": 0, "number": 1, "letter": 3}


def _assign_zones(items: list[_Item]) -> bool:
    """Set each item's zone and code; True when the plan has headings naming its targets."""
    stack: list[tuple[int, str | None, _Item]] = []  # (depth, zone, heading)
    bullets = 0
    last_bullet_code: str | None = None
    subs = 0
    has_target_headings = False
    for item in items:
        if item.heading:
            depth = _LEVEL_OF_KIND.get(item.kind, 4)
            if item.kind == "number" and "." in item.marker:
                depth = 1 + item.marker.count(".")
            if depth < 4:
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                zone = _heading_zone(item.text)
                parent = next((z for _d, z, _h in reversed(stack) if z is not None), None)
                if (
                    zone == "target"
                    and parent == "target"
                    and re.fullmatch(r"muc tieu\s*:?", fold(item.text))
                ):
                    zone = "mixed"  # "1. Mục tiêu" beside "2. Chỉ tiêu": the general aim
                has_target_headings = has_target_headings or zone in ("target", "mixed")
                stack.append((depth, zone, item))
                bullets, subs, last_bullet_code = 0, 0, None
        zone = next((z for _d, z, _h in reversed(stack) if z is not None), "none")
        item.zone = zone
        area = next((h.marker for d, _z, h in reversed(stack) if h.kind == "number" and d >= 1), None)
        if item.heading:
            continue
        if item.kind == "letter":
            item.code = f"{area}.{item.marker}" if area else item.marker
        elif item.kind == "bullet":
            bullets += 1
            subs = 0
            item.code = f"{area}.{bullets}" if area else str(bullets)
            last_bullet_code = item.code
        elif item.kind == "sub":
            subs += 1
            item.code = f"{last_bullet_code}.{subs}" if last_bullet_code else None
        elif item.kind == "number":
            item.code = item.marker
    return has_target_headings


# --- sentences and clauses -----------------------------------------------------------------

_ABBREVIATIONS = {"tp", "tx", "ths", "ts", "pgs", "gs", "bs", "ks", "st", "v.v", "nd", "tt"}


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in re.finditer(r"[.!?](?=\s+[\"“(]?[^\W_a-zđ])", text):
        before = re.search(r"(\S+)$", text[start : match.start()])
        if before and fold(before.group(1)) in _ABBREVIATIONS:
            continue
        if _depth(text, match.start()) > 0:
            continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return [s for s in spans if text[s[0] : s[1]].strip()]


def _depth(text: str, position: int) -> int:
    depth = 0
    for char in text[:position]:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
    return depth


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start, depth = [], 0, 0
    for index, char in enumerate(sentence):
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char == ";" and depth == 0:
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


# --- findings in a sentence ----------------------------------------------------------------


@dataclass
class _Finding:
    start: int  # span of the number or the phrase, in the sentence
    end: int
    comparator: str
    measure: str
    value: Decimal | None = None
    value_max: Decimal | None = None
    unit: str | None = None
    levels: dict[str, Decimal] | None = None
    baseline_year: int | None = None
    lead: int | None = None  # where the words that qualify it begin (for fragment cutting)
    bare: bool = False  # no comparator word before the number
    kind: str = "number"  # number, rank, baseline, milestone
    text: str = ""
    span: tuple[int, int] = (0, 0)  # the fragment ``text`` was cut from
    stretch: bool = False
    cumulative: bool = False  # the figure accumulates over the year towards a plan or quota


_NUM = r"\d+(?:[.,]\d+)?"
_FILLER = r"(?:\s+(?:muc|la|o muc|trung binh|binh quan|khoang|moi nam|hang nam|ty le|toi))*"
#: words that tell a plan's own figures follow ("Theo đó, năm 2021 có 15 xã được …")
_PLAN_WORDS = re.compile(r"\b(?:theo do|theo ke hoach|theo lo trinh|phan dau|du kien|muc tieu)\b")
_AVERAGE_GROWTH = re.compile(r"(?<!ha )\btang\s+binh quan(?:\s+(?:hang nam|moi nam))?(?:\s+khoang)?\s*$")
# a share ("tỷ lệ …", "tỷ trọng …") growing by N% a year grows by N points: a change, not a rate
_SHARE_SUBJECT = re.compile(r"\bt[iy] (?:le|trong)\b")
_PREFIX_RULES = [
    # (pattern anchored at the end of the words before the number, comparator)
    (re.compile(r"(?:≥|>=|=>)\s*$"), ">="),
    (re.compile(r"(?:≤|<=|=<)\s*$"), "<="),
    (re.compile(r"(?<![<>=])>\s*$"), ">"),
    (re.compile(r"(?<![<>=])<\s*$"), "<"),
    (
        re.compile(
            r"(?:\b(?:giam|cat giam|rut ngan|don gian hoa)\b|\bbai bo(?=\s+(?:toi thieu|it nhat)\b))"
            r"(?:\s+va\s+don gian hoa)?"
            # "cắt giảm ít nhất: 30% thời gian …, 30% chi phí …": the amounts listed after a colon
            # (only after "ít nhất" / "tối thiểu": "Kết quả cắt giảm: 45 thủ tục" is a heading)
            r"(?:(?:\s+(?:toi thieu|it nhat|khoang))?" + _FILLER + r"|\s+(?:toi thieu|it nhat)\s*:)\s*$"
        ),
        "improve_lower",
    ),
    # "năng suất lao động hằng năm tăng bình quân 8%": a yearly average rate reached, as "tăng
    # bình quân từ 5%/năm" and "tăng bình quân trên 11,5%/năm" are (not a change by it); of points
    # or places ("tăng bình quân 2 điểm mỗi năm") or of a share ("tỷ lệ … tăng bình quân 10%/năm")
    # a change by them (``find_quantities``, ``find_percents``)
    (_AVERAGE_GROWTH, ">="),
    (
        re.compile(
            r"(?<!ha )\btang\b(?:(?:\s+(?:toi thieu|it nhat|khoang))?"
            + _FILLER
            + r"|\s+(?:toi thieu|it nhat)\s*:)\s*$"
        ),
        "improve_higher",
    ),
    (re.compile(r"\b(?:khong thap hon|khong duoi|toi thieu|it nhat|tu)" + _FILLER + r"\s*$"), ">="),
    (
        re.compile(
            r"\b(?:khong qua|khong vuot qua|khong cao hon|toi da|xuong con|xuong|con)" + _FILLER + r"\s*$"
        ),
        "<=",
    ),
    (re.compile(r"\b(?:thap hon|duoi)" + _FILLER + r"\s*$"), "<"),
    (re.compile(r"\b(?:tren|cao hon|hon|vuot)" + _FILLER + r"\s*$"), ">"),
    (re.compile(r"\b(?:dat|len)" + _FILLER + r"\s*$"), ">="),
    (re.compile(r"\bbang" + _FILLER + r"\s*$"), "="),
]

# "… từ 85 điểm năm 2025 lên (trên) 87 điểm", "… xuống còn 20 ngày": the words before the figure
# a change from a start goes to
_GOES_TO = r"\b(?:len|xuong(?: con)?)\s+(?:muc\s+)?(?:tren\s+)?"


def _rise_from(prefix: str) -> str | None:
    """ "tăng từ 2 điểm trở lên (so với năm 2025)", "giảm từ 10% trở lên": a change by at least
    the amount (the words before an amount followed by "trở lên"), not a level to reach."""
    rise = re.search(r"\b(tang|giam)\s+tu\s*$", prefix)
    if rise is None:
        return None
    return "improve_higher" if rise.group(1) == "tang" else "improve_lower"


_EXCLUDING_PREFIX = re.compile(
    # "năm" before a figure names a year, not after "hằng"/"mỗi" ("tăng hằng năm 8%")
    r"(?:\b(?:chiem(?: ty le)?|tuong ung(?: voi)?|tuong duong(?: voi)?|muc do|mo hinh|(?<!hang )(?<!moi )nam|"
    r"so|ngay|thang|khoa|giai doan|thu|lan thu|dieu|khoan|quy|nhom|top|lop)\s*|/\s*)$"
)
# "(chỉ tiêu đến năm 2025 là 10% GRDP)": the target a result is set against, in brackets
_QUOTA_IN_BRACKETS = re.compile(r"\((?:chi tieu|muc tieu)\b[^()]{0,60}?\bla\s*$")
# "Kế hoạch … đã đặt ra 6 mục tiêu cụ thể về phát triển KTS (Tỷ trọng KTS đạt 20% GDP; …)": the
# targets listed in brackets after the words that announce them
_TARGETS_IN_BRACKETS = re.compile(r"\b(?:muc tieu|chi tieu)(?:\s+cu the)?(?:\s+ve\b[^()]{0,50}?)?\s*$")
_SETS_TARGETS = re.compile(
    r"\bda\s+(?:dat ra|dat ro|de ra|xac dinh|ban hanh)\b[^()]{0,300}?\b(?:muc tieu|chi tieu)\b"
)
# "đã đặt (ra) mục tiêu …": a target set, not one reached ("đã đạt mục tiêu"; the two fold alike)
_TARGET_SET = re.compile(r"(?<!\w)đã\s+(?:đặt|đề)\s+(?:ra\s+)?(?:các\s+|những\s+)?(?:mục tiêu|chỉ tiêu)")
_PAST = re.compile(
    r"\bda\s+(?:dat|duoc|thuc hien|hoan thanh|giai quyet|tiep nhan|co|tang|giam|"
    r"xep|cap|ban hanh)\b|\b(?:ket qua nam|nam qua|nam vua qua|cho thay)\b"
    # a standing now, not a target: "Hiện tại, tỉnh … đang đứng thứ 4/63"
    r"|\b(?:hien tai|hien nay|hien dang|dang dung|dang xep|dang o)\b"
    # a streak: "trong 10 năm liền, chỉ số PAPI … đều nằm trong nhóm 16", "năm thứ 7 liên tiếp"
    r"|\b(?:\d+|nhieu)\s+nam\s+(?:lien tiep|lien tuc|lien)\b|\bnam thu\s+\d+\s+lien\b"
)
# a sentence that reports results, not targets (see ``_reports_results``):
# "trên 74% người dân sử dụng Internet (đạt 100% mục tiêu)", "13/17 dịch vụ …, đạt 76,5% mục tiêu"
_ATTAINMENT = re.compile(
    r"(?:\d\s*%|\d\s*/\s*\d)[^;]*?\bdat\s+\d+(?:[.,]\d+)?\s*%\s+(?:so voi\s+)?(?:muc tieu|ke hoach)\b"
)
# "Kết quả: Chỉ số …", "Thống kê lũy kế từ ngày 1-1 …", "Hiện nay … đạt trên 90%; … đạt 35%"
# "…, là những con số ấn tượng", "Hạ tầng số đạt bước tiến lớn với 100% …": figures reported
_FIGURES_REPORTED = re.compile(
    r"\bla (?:nhung )?con so\b|\bdat (?:buoc tien|nhieu ket qua|thanh tuu)\b|\bchi moi\b|\bmoi chi\b"
    # "đạt tỉ lệ 94% (vượt chỉ tiêu toàn quốc là 60%)"; "… cho biết: Hiện nay, 100% …"
    r"|\(\s*vuot\s+(?:chi tieu|muc tieu|ke hoach)\b"
    r"|\b(?:cho biet|thong tin)\s*:\s*(?:hien nay|den nay|hien tai)\b"
    # "Nhóm A, đạt kết quả Chỉ số từ 90% trở lên, gồm 13 tỉnh": a band of a published ranking
    # (not a quota's group of agencies: "Nhóm A, gồm 10 sở, …, phấn đấu …")
    r"|^\W*nhom\s+[a-e]\s*[,:]\s*dat ket qua\b"
)
# "Tuy nhiên, tỷ lệ … chưa đạt yêu cầu; tỷ lệ hồ sơ quá hạn … còn cao, ở cấp tỉnh trên 17%": the
# shortcomings a review found; their figures, up to an aim the sentence goes on to ("…, năm 2026
# tỉnh đặt mục tiêu … dưới 2%", "Thủ tướng yêu cầu …", "cần bảo đảm 100% …"), are not targets
_SHORTCOMINGS = re.compile(
    r"^\W*tuy (?:nhien|vay)\b.*?"
    r"\b(?:con (?:cao|thap|cham|han che|khiem ton)|chua (?:dat yeu cau|cao)|van (?:thap|cao))\b"
)
_AIM_FOLLOWS = re.compile(  # read unfolded: "cần" is not "cán bộ"
    r"\b(?:phấn đấu|mục tiêu|(?<!đạt )chỉ tiêu|(?<!đạt )yêu cầu|bảo đảm|đảm bảo|cần|phải|sẽ)\b"
)
# "… hoàn thành hơn phân nửa số nhiệm vụ": how much of the work is done so far, where no aim
# governs ("phấn đấu")
_PART_DONE = re.compile(r"\bhoan thanh\s+(?:hon|gan|khoang|duoc)\s+(?:phan nua|mot nua|nua|phan lon|da so)\b")
# a figure conceded, in the clause that opens the sentence (after a heading, "Hạ tầng số: Mặc dù …"):
# "Dù đạt 65 triệu tài khoản …, vượt xa mục tiêu ban đầu, …", "Mặc dù tỷ lệ … đạt 45%, nhưng …";
# read unfolded ("Dữ liệu", "Dự kiến", "Tùy" fold to "du", "tuy"), not "Tuy nhiên / Tuy vậy"
_CONCESSION = re.compile(r"^\W*(?:[^:;,]{1,40}:\s*)?(?:dù|mặc dù|tuy)\b(?!\s+(?:nhiên|vậy)\b)")
# "đạt 82,91%, tăng 2,61% so với năm 2022", "đạt 80,1/100 điểm, tăng 18,6 điểm so với năm 2022":
# a change noted beside a figure measured to the decimal
_MEASURED_THEN_CHANGE = re.compile(
    r"\bdat\s+\d+,\d+\s*(?:%|/\s*100\s*diem)\s*,\s*(?:tang|giam)\s+[\d.,]+\s*(?:%|diem|bac)\s+so voi\b"
)
_RESULT_OPENING = re.compile(
    r"^\W*(?:ket qua(?:\s+dat duoc)?\s*:|(?:theo\s+)?thong ke\b|"
    r"hien nay\b|hien tai\b|den nay\b|hien tren\b|hien co\b)"
)
# a standing stated as a fact: "xếp thứ 23/63", "đứng thứ 18 cả nước", "xếp hạng thứ 24/63",
# "được xếp hạng 09/63", "đứng vị trí 12/63", "xếp vị trí thứ 21/63"; a plan aims at a group or a
# place ("nằm trong nhóm 20", "xếp 20/63", "xếp vị trí 10 - 15/63"); a share a place has now ("tỉnh
# hiện tỷ lệ 100% xã …", not "thực hiện tỷ lệ")
_STANDING = re.compile(
    r"\b(?:xep|dung|dat)\s+(?:hang\s+|vi tri\s+)?thu\s+\d|\bxep hang\s+\d+\s*/\s*\d"
    r"|\bdung\s+(?:o\s+)?vi tri\s+\d"
    r"|(?<!thuc )(?<!the )(?<!phat )\bhien\s+(?:co\s+)?ty le\b"
    r"|\bluon\s+(?:nam trong|dung|xep|thuoc)\b"  # "Đồng Nai luôn nằm trong nhóm 10 …": where it stands
)
# a window the figures were counted in: "tính đến ngày 21/8/2025", "từ ngày 1/7 đến 30/11"
# (read on the text with its marks: folded, "tỉnh đến" and "NQ/TU ngày" would look alike)
_COUNTED_IN = re.compile(r"\btính đến\b|\btừ ngày \d{1,2}(?:[/-]\d{1,2}){0,2} đến (?:ngày )?\d")
# a change against a measurement, not a year: "tăng 0,86 điểm so với kết quả đánh giá ở tuần
# thứ 2", "tăng 3 bậc … so với thời điểm tháng trước"
_CHANGE_SINCE_MEASURED = re.compile(
    r"\b(?:tang|giam)\s+[\d.,]+\s+(?:diem|bac)\b[^;]*?"
    r"\bso voi (?:ket qua danh gia|thoi diem|thang truoc|tuan)"
)
# counted parts of a whole introduced by "có" ("có 04/08 lĩnh vực có chỉ số trên 90%") or a
# change described as "mức tăng 9,4 điểm": what was found, not aimed at
_COUNTED_PARTS = re.compile(
    r"(?:^|[\s,;:(])co\s+\d{1,3}\s*/\s*\d{1,3}\s+\D|\bmuc tang\s+[\d.,]+"
    # "63/63 địa phương đạt kết quả Chỉ số … trên 80%": how many of the country's provinces reached
    # a result, opening the sentence (not a place, "xếp 20/63 tỉnh", nor an aim, "Đến năm 2026,
    # 34/34 tỉnh đạt …")
    r"|^\W*\d{1,2}\s*/\s*(?:63|34)\s+(?:dia phuong|tinh)\b[^;]{0,40}?\bdat ket qua\b"
)
# "99.558 hồ sơ giải quyết trước hạn đạt 48,2%": dossiers counted (in thousands) and the share
# they make, as a report gives them; "đã tiếp nhận trên 791.000 hồ sơ", "đạt trên 82% trên tổng số
# 120.000 hồ sơ": dossiers received, and a share of those counted; "Tuy nhiên, tỷ lệ … còn cao, …":
# shortcomings found
_COUNTED_FILES = re.compile(
    r"(?<![\d.,])\d{1,3}(?:\.\d{3})+\s+ho so\b[^;%\d]{0,60}?\b(?:dat|chiem)\s+" + _NUM + r"\s*%"
    r"|\btiep nhan(?:\s*(?:,|va)\s*giai quyet)?\s+(?:tren\s+|hon\s+|gan\s+)?"
    r"(?:\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?\s+(?:nghin|trieu))\s+ho so\b"
    r"|\b(?:dat|chiem)\s+(?:tren\s+|hon\s+)?[\d.,]+\s*%[^;%]{0,40}?"
    r"\btren tong so\s+\d{1,3}(?:\.\d{3})+\s+ho so\b"
)
# "… hầu hết mới đạt tỷ lệ khoảng từ 50% …": reached so far, as "chỉ mới", after a word that says
# so ("hầu hết", "chỉ", "nhưng" …); read unfolded, and not a compound ending in "mới" ("xã nông
# thôn mới đạt chuẩn", "doanh nghiệp thành lập mới đạt 1.500", "đổi mới đạt hiệu quả")
_ONLY_REACHED = re.compile(
    r"\b(?:hầu hết|chỉ|vừa|nhưng|song|trong khi)\b[^.;:]{0,30}?"
    r"(?<!đổi )(?<!nông thôn )(?<!thành lập )(?<!phát triển )(?<!trồng )(?<!xây dựng )(?<!cấp )(?<!tạo )"
    r"\bmới đạt\b"
)
# a figure given as "… là 77,98%" or "…: 1,58%", with decimals: measured, not aimed at
_MEASURED_FIGURE = re.compile(r"(?:\bla\s*:?|:)\s*$")
# a figure as published: "Theo công bố, Chỉ số …", "Theo kết quả công bố Chỉ số PCI năm 2019"
_PUBLISHED = re.compile(r"\b(?:theo (?:ket qua )?cong bo|do [^,;.]{0,60}?cong bo)\b")
# what something done brought about: "Việc hoàn thành triển khai cung cấp 100% dịch vụ công …,
# giúp cho người dân …", "Việc thực hiện … đã góp phần …": a finding, not an aim
_EFFECT_OF_DONE = re.compile(
    r"^\W*viec\s+(?:hoan thanh|trien khai|thuc hien|dua)\b[^;]*?,\s*(?:da\s+)?(?:giup|gop phan)\b"
)
# a year's results as a review gives them, where no aim governs: an amount reached and by how much
# it passed the estimate ("… đạt hơn 28.400 tỉ đồng, vượt 37,8% dự toán"), a share reached to the
# tenth and the group it brought ("giải ngân … đạt 96,6%, đưa Gia Lai vào nhóm 11 …"), a place
# reached for the first time ("lần đầu tiên Tây Ninh được lên top 10"), the bodies that reached a
# share, listed ("Đạt dưới 90% gồm các sở: …"). Not "vượt 5% dự toán", "đạt 100%, đưa vào khai
# thác", "lần đầu tiên tổ chức …", "đạt 60% gồm các sở, ngành; …" alone: a plan says them too
_REVIEWED = re.compile(
    r"\bdat\s+(?:hon\s+|tren\s+)?[\d.,]+[^,;]{0,30},\s*vuot\s+[\d.,]+\s*%\s+(?:du toan|ke hoach|chi tieu)\b"
    r"|\bdat\s+\d+,\d+\s*%\s*,\s*dua\s+(?:\S+\s+){1,3}vao\s+(?:nhom|top)\b"
    r"|\blan dau tien\b[^,;.]{0,40}?\bduoc\s+(?:len|vao|xep)\b"
    r"|\bdat\s+(?:duoi|tren)\s+[\d.,]+\s*%\s+gom\s+(?:cac\s+)?(?:so|co quan|don vi|xa|phuong|huyen)\b[^;]*:"
)
# "kết quả thực hiện 5 chỉ tiêu …": the targets named are what results are given for
_RESULTS_OF_TARGETS = re.compile(r"\bket qua (?:thuc hien|dat duoc)\s+(?:(?:cac|\d+)\s+)?chi tieu\b")
# what makes a sentence a plan's aim even where it names a standing ("Phấn đấu … xếp thứ 20/63
# trở lên", "mục tiêu …", "duy trì vị trí thứ 5")
#: an aim stated in so many words ("trở lên" may rate what was done: "hoàn thành tốt nhiệm vụ trở lên")
_AIM_STATED = re.compile(r"\b(?:phan dau|muc tieu|chi tieu|toi thieu|it nhat|ke hoach)\b")
_AIM = re.compile(
    r"\b(?:phan dau|muc tieu|chi tieu|tro len|toi thieu|it nhat|duy tri|giu vung|bao dam|dam bao)\b"
)
# "100% sở, ban, ngành đã ban hành kế hoạch", "100% văn bản đã được cập nhật": what the
# number counts has been done, a result; "100% hồ sơ đã tiếp nhận được giải quyết" names what
# was received, and what follows ("được giải quyết") is the aim (see ``_Sentence.excluded``);
# read on the text with its marks, where "đã" is not the "đa" of "tối đa"
_DONE_AFTER = re.compile(
    r"[\d.,]+\s*%?(?:[\s,]+[^\s,;:()]+){1,8}?\s+đã\s+(?!đến\b)(?:được\s+)?\S+(?:\s+(\S+))?(?:\s+(\S+))?"
)
# "Tỷ lệ hồ sơ đã giải quyết đúng hạn đạt trên 98%": "đã" names what the rate counts, the
# sentence still aims at the rate
_RATE_OF_DONE = re.compile(
    r"^\W*(?:(?:phan dau\s+)?(?:nang|tang|dua|nang cao)\s+)?(?:ty le|so)\b[^,;:]*?\bda\s+(?!dat\b|duoc dat\b)"
    r"[^,;:]*\b(?:dat|tren|hon|toi thieu|it nhat|tu|len)\s*$"
)
# a count out of a total, "1.407/1.542 … đạt 91%": the figure is counted, not aimed at
_COUNT_OF = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})*|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})*|\d+)(?![\d/])")
# a change noted in brackets, "(tăng 6 bậc …", "(giảm 2% …", before what it is measured against
_CHANGE_IN_BRACKETS = r"\([^()]*?\b(?:tang|giam)\s+[\d.,]+\s*"
_CHANGE_UNIT = r"(?:bac|hang|%|diem)"
# "xếp thứ 5/63 … (tăng 6 bậc so với năm 2020)": a change of rank noted against an earlier year
_RANK_CHANGE_NOTE = re.compile(_CHANGE_IN_BRACKETS + _CHANGE_UNIT + r"\s+so voi nam\s+(\d{4})")
# "đạt 94% (tăng 34% so với cùng kỳ năm 2022)": a change against the same time of an earlier
# year, noted beside a figure, is what a report says
_SAME_TIME_NOTE = re.compile(_CHANGE_IN_BRACKETS + _CHANGE_UNIT + r"?\s+so voi cung ky\b")
# the indexes a plan names by their acronyms
_ACRONYMS = r"par[ -]?index|sipas|papi|pci|dti|pgi|ict[ -]?index"
# "top 10 của PCI 2021": a group of an index's year
_INDEX_OF_YEAR = re.compile(
    r"(?:top|nhom)\s+\d+\s+(?:cua\s+)?(?:chi so\s+)?(?:" + _ACRONYMS + r")"
    r"\s+(?:nam\s+)?(\d{4})\b"
)
_YEAR_MENTION = re.compile(r"(?<!so voi )(?<!hon )(?<!tu )(?<!den )(?<!doan )\bnam\s+(\d{4})\b")
# an index named with its year ("SIPAS 2020 tỉnh … đạt 88,54%"): of an earlier year, a result
_INDEX_YEAR = re.compile(r"\b(?:" + _ACRONYMS + r")\s+(\d{4})\b")

_TIME_UNITS = r"phut|gio|ngay lam viec|ngay"
_COUNT_UNITS = (
    r"hoat dong|cuoc kiem tra|cuoc|lop|dot|lan|buoi|hoi nghi|van ban|co quan|don vi|"
    r"thu tuc|ho so|sang kien|de an|bao cao|nhiem vu|cong chuc|vien chuc|bien che|luot|"
    r"tin bai|chuyen muc|diem|huyen|xa|doanh nghiep|dich vu|thue bao|tai khoan|tieu chi|mo hinh"
)
# "Năm 2023: 132 xã, phường, thị trấn.": a year's quota, the whole line
_YEAR_QUOTA = re.compile(r"\W*nam\s+(\d{4})\s*:\s*$")
# "chỉ tiêu 185.255 tài khoản", "chỉ tiêu hơn 738.000 tài khoản": a quota named
_QUOTA_NAMED = re.compile(r"\bchi tieu\s+(hon\s+|tren\s+)?(" + _NUM + r")\s*(" + _COUNT_UNITS + r")\b")
# "… chỉ đạt 45,8%, trong khi mục tiêu đề ra là 50%", "đạt 63,47% (mục tiêu 70%)": the share a
# report measures against
_SHARE_NAMED = re.compile(
    r"(?:\(|\bkhi\s+)(?:muc tieu|chi tieu)(?:\s+de ra)?(?:\s+la)?\s+(" + _NUM + r")\s*%"
)
# "… mới chỉ đạt 39,5% vẫn còn khoảng cách rất xa so với mục tiêu 80%": in a report, the share it
# falls short of (not one passed: "vượt (xa) …", "cao hơn …", "hơn …" before it)
_SHARE_AGAINST = re.compile(r"\bso voi\s+(?:muc tieu|chi tieu)\s+(" + _NUM + r")\s*%")
_PASSED = re.compile(r"\b(?:vuot|hon)\b[^,;]{0,40}$")
# "40 triệu tài khoản": a count in millions or thousands (money, "40 triệu đồng", is no count)
_TIMES = {"trieu": 10**6, "nghin": 10**3}
_QUANTITY = re.compile(
    r"(?<![\d/.,])(" + _NUM + r")(?:\s+(trieu|nghin))?\s*(" + _TIME_UNITS + "|" + _COUNT_UNITS + r")\b"
)
_PERCENT = re.compile(r"(?<![\d/.,])(" + _NUM + r")\s*%")
_RANGE = re.compile(r"(?<![\d/.,])(?:(tu)\s+)?(" + _NUM + r")\s*%?\s*(?:-|–|—|den|toi)\s*(" + _NUM + r")\s*%")
# "đạt từ 0,7-0,8 điểm", "từ 3 đến 5 ngày làm việc": a range of points or of time; points that
# end their phrase (not "2 điểm hỗ trợ", "3 điểm phần trăm"), and not a range it starts from
# ("giảm từ 30 - 45 phút xuống còn …")
_QUANTITY_RANGE = re.compile(
    r"(?<![\d/.,])(?:(tu)\s+)?("
    + _NUM
    + r")\s*(?:-|–|—|den|toi)\s*("
    + _NUM
    + r")\s*(diem(?=\s*(?:[.;,)]|$|tro len|tro xuong))|"
    + _TIME_UNITS
    + r")\b(?!\s*xuong con)"
)
# what a range of time must be said of to be a target ("thời gian giải quyết từ 3 - 5 ngày"), and
# what makes a range of points a scale or a change rather than a level ("thang điểm từ 0 - 100",
# "tăng từ 2 - 3 điểm")
_RANGE_OF_TIME = re.compile(r"\bthoi gian\b")
_RANGE_NOT_A_LEVEL = re.compile(
    r"\b(?:thang diem|danh gia|cham|tang|giam|rut ngan|cat giam|nang|cai thien)\b[^,;]{0,40}$"
)
_RANK_WORDS = r"(?:dan dau|dung dau|cao nhat|tot nhat|ca nuoc|dia phuong|tinh)"
# "nhóm 20 … dẫn đầu", "top 10"; not "nhóm 2 (nhóm Trung bình - Cao)": a PAPI band, not a rank
_RANK_GROUP = re.compile(r"\b(?:nhom|top)\s+(\d+)\b(?!\s*[(/])(?=[^.;]{0,60}?\b" + _RANK_WORDS + r"\b)")
# "nhóm 25 đến 20 tỉnh … dẫn đầu", "top 10 - 15": a band of places
_RANK_GROUP_RANGE = re.compile(
    r"\b(?:nhom|top)\s+(\d+)\s*(?:-|–|den)\s*(\d+)\b(?=[^.;]{0,60}?\b" + _RANK_WORDS + r"\b)"
)
_RANK_TOP = re.compile(r"\btop\s+(\d+)\b")
_RANK_PLACE = re.compile(
    r"\bxep\s+(?:hang\s+|vi tri\s+)?(?:tu\s+)?(?:thu\s+|vi tri\s+)?(\d+)\s*"
    r"(?:tro len|tro ve truoc)"
)
# a place out of a count of provinces: "xếp 20/63", "xếp vị trí 10 - 15/63", "vị trí 5/14 tỉnh
# vùng …", "nhóm 20/63 địa phương", "thứ 3/34"
_RANK_OF = re.compile(
    r"\b(?:xep(?:\s+hang)?(?:\s+(?:thu|vi tri))?|vi tri(?:\s+thu)?|thu hang|dung thu|"
    r"nhom|top|thu)\s+(?:tu\s+)?(\d{1,2})(?:\s*(?:-|–|den)\s*(\d{1,2}))?\s*/\s*"
    r"(\d{1,2})\b"
)
# the same list going on: "xếp 20/63 tỉnh, thành phố cả nước, 5/14 tỉnh vùng …"
_RANK_OF_MORE = re.compile(r"(?:,|\bva)\s*(\d{1,2})\s*/\s*(\d{1,2})\s+(?:tinh|dia phuong)\b")
_RANK_UP_RANGE = re.compile(
    r"\b(?:tang|cai thien|nang)\s+(?:hang\s+)?(?:tu\s+)?(\d+)\s*(?:-|–|den)"
    r"\s*(\d+)\s*(?:bac|hang|vi tri)\b"
)
_RANK_UP = re.compile(
    r"\b(?:tang|cai thien|nang)\s+(?:hang\s+)?(?:(?:toi thieu|it nhat|tu)\s+)?(\d+)"
    r"\s*(?:bac|hang|vi tri)\b"
)
# "cải thiện vị trí xếp hạng chính quyền điện tử so với năm trước từ 1 - 2 bậc": the year
# compared against between the verb and the places
# how many places, or from how many to how many: "tối thiểu 2", "từ 1 - 2", "2-3"
_PLACES_GAINED = r"(?:(?:toi thieu|it nhat|tu)\s+)?(\d+)(?:\s*(?:-|–|den)\s*(\d+))?\s*"
_RANK_UP_AFTER_BASELINE = re.compile(
    r"\b(?:tang|cai thien|nang)\s+[^\d,;.:]{0,80}?\bso\s+voi\s+nam\s+(?:truoc|\d{4})\s+"
    + _PLACES_GAINED
    + r"(?:bac|hang|vi tri)\b"
)
# "đạt vị trí 20 - 25 trên toàn quốc": a band of places with no count of provinces
_RANK_PLACE_BAND = re.compile(
    r"\bvi tri\s+(?:tu\s+)?(\d{1,2})\s*(?:-|–|den)\s*(\d{1,2})\b(?=\s+(?:tren\s+)?(?:toan quoc|ca nuoc))"
)
# "phấn đấu tăng hạng chỉ số PCI từ 2-3 bậc": what is ranked between the verb and the places
_RANK_UP_NAMED = re.compile(
    r"\b(?:tang|cai thien|nang)\s+(?:hang|thu hang|vi tri|xep hang)\b[^\d,;.:]{0,60}?\s"
    + _PLACES_GAINED
    + r"(?:bac|hang)\b"
)
# "tăng dần (ít nhất 1-2 bậc) theo từng năm": the places a year, in brackets
_RANK_UP_BRACKETED = re.compile(
    r"\btang dan\s*\(\s*(?:it nhat|toi thieu|tu)?\s*(\d+)(?:\s*(?:-|–|den)\s*(\d+))?\s*(?:bac|hang)\s*\)"
)
# "trở thành 1 trong 5 địa phương dẫn đầu cả nước": one of a group of places
_RANK_ONE_OF = re.compile(
    r"\b(?:1|mot)\s+trong\s+(\d{1,2})\s+(?:dia phuong|tinh)\b(?=[^.;]{0,30}?\b(?:dan dau|dung dau))"
)
# "… vào top 3" after the plan's own rank target for the same index: an aspiration beyond it
_RANK_ASPIRATION = re.compile(r"\bhuong toi(?:\s+muc tieu)?(?:\s+vao)?\s*$")
# "tăng 10 bậc xếp hạng cả 3 tiêu chí": one target per index
_EACH_OF = re.compile(r"\bca\s+([2-6])\s+(?:tieu chi|chi so)\b")
# "tăng ít nhất 3 bậc xếp hạng về A, B và C": one target per thing ranked
_RANKED_ON = re.compile(r"\s*(?:xep hang|thu hang)\s+(?:ve|cua)\s+")
# "1 trong 5 địa phương dẫn đầu cả nước về chuyển đổi số và xây dựng chính quyền điện tử": a
# place among the leaders in each field named after "về"
_LEADING_IN = re.compile(r"[^.;]{0,40}?\b(?:dan dau|dung dau)(?:\s+(?:ca nuoc|toan quoc))?\s+ve\s+")
# "có 4 chỉ tiêu phải đạt 100% gồm: …": the same threshold for each of the targets listed
_N_TARGETS = re.compile(
    r"\b([2-9])\s+(?:chi tieu|tieu chi|chi so)\s+(?:phai\s+|deu\s+)*"
    r"(?:dat|o muc)\b\D{0,20}$"
)
# "cắt giảm tối thiểu 30% điều kiện kinh doanh, thời gian và chi phí tuân thủ …": one reduction
# by an amount of each of the things listed after it (what a reduction of procedures cuts)
_REDUCED_THING = re.compile(
    r"\s*(?:so luong\s+)?"
    r"(?:dieu kien kinh doanh|thoi gian|chi phi|thu tuc hanh chinh|giay to|thanh phan ho so)\b"
)
#: the items of a list in running text ("A, B và C")
_LIST_ITEMS = r"\s*,\s*|\s+và\s+"
# "tối thiểu 20% thủ tục hành chính … được cắt giảm", "30% thời gian … được rút ngắn": a reduction
# by the amount of the thing named, said in the passive: the verb ends the clause (or a year, a
# text or a baseline follows it) and nothing is done to the thing before it; "50% thủ tục … được
# rút ngắn thời gian", "… được tiếp nhận trực tuyến để … được giảm chi phí" are shares of
# procedures, and 100% of them cut is a share too ("100% thủ tục … được cắt giảm, đơn giản hóa")
_ALL_OF_THINGS = re.compile(r"\s*(?:cac\s+)?(?:dieu kien|giay to|thu tuc|thanh phan ho so|van ban)\b")
_REDUCED_PASSIVE = re.compile(
    _REDUCED_THING.pattern + r"(?:(?!\b(?:duoc|de|nham)\b)[^,;.\d%]){0,80}?"
    r"\bduoc\s+(?:cat giam|rut ngan|giam|don gian hoa)\b"
    r"(?=\s*(?:$|[,;.)]|(?:so voi|trong|vao|den|theo|nam)\b))"
)
# "Tỷ lệ A và Tỷ lệ B đạt tối thiểu 80%", "đối với tỷ lệ A, tỷ lệ B, tỷ lệ C đều ở mức 100%":
# one predicate shared by the rates listed before it
_LISTED_RATE = re.compile(r"(?:^|[,;:]|\bva|\bdoi voi)\s*ty le\b")
# "phấn đấu có 06 huyện …": a count the plan aims at
_AIM_COUNT = re.compile(r"\b(?:phan dau|dat|phai)\s+co\s*$")
# "Bộ Công an phải cấp 40 triệu tài khoản định danh điện tử": accounts to issue (not a pace worked
# out, "mỗi ngày … phải cấp 3.000 tài khoản", nor a time limit, "phải cấp 05 ngày làm việc")
_MUST_ISSUE = re.compile(r"\bphai\s+cap(?:\s+moi)?\s*$")
_ISSUED_THING = re.compile(_NUM + r"(?:\s+(?:trieu|nghin))?\s*tai khoan\b")
_PACE = re.compile(r"\b(?:moi ngay|binh quan|hang ngay)\b")
# a directive's count of texts to amend or services and procedures to provide: "sửa đổi, bổ sung
# 322 văn bản", "duy trì và cung cấp thực chất, hiệu quả 25 dịch vụ công" (not "bổ sung 02 nhiệm
# vụ vào Phụ lục", "sửa đổi 02 điểm tại khoản 2", "cung cấp 200 điểm truy cập")
_DIRECTIVE_VERB = re.compile(
    r"\b(?:sua doi(?:\s*,?\s*bo sung)?|bo sung|"
    r"(?:duy tri va\s+)?cung cap(?:\s+(?:thuc chat|hieu qua)\s*,?)*)\s*$"
)
_DIRECTIVE_THING = re.compile(_NUM + r"\s*(?:van ban|dich vu|thu tuc)\b")
_EXCEED = re.compile(
    r"\b(?:dat|hoan thanh)\s*(?:va|,)?\s*(?:hoan thanh\s+)?vuot\s+(?:muc\s+)?"
    r"(?:cac\s+)?(?:chi tieu|ke hoach|du toan)\b"
)
_BASELINE_WORD = r"(?:(?:cung ky\s+)?nam\s+(?P<year>\d{4})|nam truoc|cung ky(?: nam truoc)?)"
_BASELINE_HIGHER = re.compile(
    r"\b(cao hon|thap hon|tot hon|nhieu hon|it hon)\s+(?:so\s+voi\s+)?" + _BASELINE_WORD
)
_BASELINE_VERB = re.compile(
    r"(?<!ha )\b(tang|giam|nang cao|cai thien|nang)\b(?!\s+(?:cuong|truong))"
    r"((?:(?!\d)[^;])*?)\bso\s+voi\s+" + _BASELINE_WORD
)
# "Phấn đấu nâng cao chỉ số CCHC và tăng thứ hạng của tỉnh …": a commitment to do better than
# the year before, with no amount, one per thing it names
_ASPIRE_CLAUSE = re.compile(r"^\W*(?:\d{1,2}\.\s+)?(phan dau|tiep tuc)\s+(?=(?:nang cao|cai thien|tang)\s)")
# "duy trì, cải thiện, nâng cao thứ hạng Chỉ số …", "cải thiện toàn diện các chỉ số …, nhất là
# Chỉ số …": the words that raise the indexes named after them (group 1: "thứ hạng", a rank)
_RAISE_INDEXES = re.compile(
    r"\b(?:(?:duy tri|cai thien|nang cao)(?:\s*,\s*|\s+va\s+))*(?:cai thien|nang cao)"
    r"(?:\s+(?:toan dien|manh me|hon nua))?\s+"
    # "cải thiện vị trí xếp hạng Chỉ số …", "cải thiện thứ hạng vị trí Chỉ số …": a rank too
    r"(?:(?P<rank>thu hang(?:\s+vi tri)?|vi tri(?:\s+xep hang)?|xep hang)\s+|diem so\s+|"
    r"ket qua(?:\s+danh gia)?\s+)?"
    r"(?P<names>)(?:(?:cac\s+)?chi so\b|(?=(?:" + _ACRONYMS + r")\b))"
)
# what the raising is the name or the purpose of: "Kế hoạch (số …) (về việc) cải thiện …", "các
# giải pháp thiết thực, góp phần …", "Để cải thiện …", "đã nâng cao" (done), "trong việc cải thiện"
_RAISING_NAMED = re.compile(
    r"(?:\b(?:ke hoach|giai phap|nhiem vu|bien phap|de an|chuong trinh)\b(?:\s+so\s+\S+)?"
    r"(?:\s+ve viec|(?:\s+[^\s,;]+){0,2})|(?:^|\s)(?:de|da|viec))[\s,]*(?:gop phan\s+)?$"
)
# "UBND tỉnh vừa ban hành …", "đã đề ra 5 nhiệm vụ …": a report of what was issued
_ISSUED = re.compile(r"\b(?:da|vua)\s+(?:ban hanh|co van ban|de ra|xay dung)\b")
# an index named in words or by its acronym
_INDEX_MENTION = re.compile(
    r"\bchi so\s+(cai cach hanh chinh|hai long|nang luc canh tranh|chuyen doi so|hieu qua quan tri)\b"
    r"|\b(" + _ACRONYMS + r"|ddci)\b"
)
_INDEX_KEYS = {
    "cai cach hanh chinh": "parindex",
    "hai long": "sipas",
    "nang luc canh tranh": "pci",
    "chuyen doi so": "dti",
    "hieu qua quan tri": "papi",
}
_INDEX_LABELS = {"parindex": "PAR INDEX", "ictindex": "ICT INDEX"}
# "kinh tế số chiếm tỷ trọng ngày càng cao trong GRDP": a share to grow, with no amount
_GROWING_SHARE = re.compile(r"\bchiem\s+t[iy] trong\s+ngay cang\s+(?:cao|lon|tang)\b")
# "Tiếp tục nâng cao Chỉ số DTI …": going on raising a named index (not "các chỉ số" in general)
_NAMED_INDEX_AFTER = re.compile(r"\s*chi so\s+(?:" + _ACRONYMS + r")\b")
_ASPIRE = re.compile(r"\b(?:nang cao|cai thien|tang)\s+(?=chi so|thu hang|diem so|muc do hai long)")
#: the kinds of document a sentence names ("Kế hoạch số …", "Quyết định số …", "Đề án …")
_DOCUMENT = r"(?:ke hoach|quyet dinh|de an|chuong trinh|nghi quyet|chi thi|cong van)"
_TITLE_OF_DOCUMENT = re.compile(
    r"\b" + _DOCUMENT + r"\s+(?:so\b|\d+\s*/)"
    r"(?:(?!\b(?:muc tieu|chi tieu|phan dau)\b)[^;])*?\bve(?:\s+viec)?\b"
    r"(?:(?!\b(?:muc tieu|chi tieu|phan dau)\b)[^;])*$"
)
_REDUCE_COUNT = re.compile(r"(?<!\w)(?:giam\s+(so luong|so|bien che|ty le)|(?:tang|nang cao)\s+(ty le))\b")
_BASELINE_YEAR = re.compile(r"\bso\s+voi\s+" + _BASELINE_WORD)
_LEVEL = re.compile(r"\bcap\s+(tinh|huyen|xa|co so)\b")
# "90% hồ sơ công việc tại tỉnh, 80% …": a level named after "tại" / "ở" (not "tại tỉnh Gia Lai")
_AT_LEVEL = re.compile(r"\b(?:tai|o)\s+(?:(?:ubnd|uy ban nhan dan)\s+)?(tinh|huyen|xa)\b")
# "cấp tỉnh, cấp huyện, cấp xã đạt tỷ lệ tối thiểu tương ứng là 30%, 20%, 15%": in that order
_RESPECTIVELY = re.compile(r"\btuong ung\b")
# "… tại cấp tỉnh …": the level a single threshold is for
_AT_LEVEL_CAP = re.compile(r"\b(?:tai|o)\s+(?:(?:ubnd|uy ban nhan dan)\s+)?cap\s+(tinh|huyen|xa|co so)\b")
# "ở cấp xã, huyện, tỉnh phải đạt …": levels listed before one threshold
# "tại cấp thành phố và cấp xã": in a centrally run city (Hà Nội, …) "cấp thành phố" is the
# province's level; only with "cấp" before it ("cấp huyện, thành phố" is the district level)
_LEVEL_LIST = re.compile(
    # "tại cấp bộ, cấp tỉnh và cấp xã": the ministries' level is none of a province's
    r"\b(?:(?:tai|o)\s+)?(?:cap\s+bo\s*,\s*)?cap\s+(?:tinh|huyen|xa|thanh pho)"
    r"(?:\s*(?:,|va)\s*(?:cap\s+thanh pho|(?:cap\s+)?(?:tinh|huyen|xa))\b)+"
)
_LISTED_LEVEL = re.compile(r"\b(tinh|huyen|xa|co so|thanh pho)\b")
# "cấp tỉnh 100%, huyện 90%, xã 80%" / "100% cấp tỉnh, 90% huyện": a level named without "cấp"
_BARE_LEVEL_AFTER = re.compile(r"\s*(?:(?:o|doi voi|tai)\s+)?(tinh|huyen|xa)\b(?=\s*(?:[,;.]|va\b|$))")
_BARE_LEVEL_BEFORE = re.compile(
    r"(?:^|[,;:]|\bva)\s*(?:(?:o|doi voi|tai)\s+)?(tinh|huyen|xa)\s*"
    r"(?:dat|la)?\s*:?\s*$"
)
_STRETCH = re.compile(r"\bphan dau\b")
# a share of a plan, budget or assigned quota, which grows over the year: "hoàn thành 100% kế
# hoạch", "giải ngân 100% vốn", "100% nhiệm vụ được giao"
_OF_PLAN = re.compile(r"\s*(?:so voi\s+)?(?:ke hoach|du toan|chi tieu|von|nhiem vu)\b")
_DISBURSE = re.compile(r"\bgiai ngan\b")
# a deadline inside a target: "trước ngày 30/6/2025", "chậm nhất đến 31/12", "đến hết ngày 30/9",
# "trong quý II (năm 2025)", "trong tháng 6/2025"
_DEADLINE = re.compile(
    r"\b(?:truoc|den het|den|cham nhat(?:\s+(?:la|den|truoc|trong))?|han cuoi)\s+"
    r"(?:ngay\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*(\d{4}))?(?![\d/])"
    r"|\b(?:trong|vao|truoc het|den het|cham nhat(?:\s+(?:la|trong))?)\s+"
    r"(?:quy\s+(?:i{1,3}|iv|[1-4])|thang\s+(?:1[0-2]|0?[1-9]))\b"
    r"(?:\s*(?:/|-|nam)\s*(\d{4}))?(?![\d/])"
)
# "đặt mục tiêu từ ngày 1/10 sẽ tiếp nhận toàn bộ …": the day a state is to hold from, the due date
# of a milestone of its clause that has none (never over a "trước / đến ngày …")
_FROM_DAY = re.compile(
    r"\btu\s+(ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*(\d{4}))?)(?![\d/])(?=\s+se\b)"
)
# "Từ ngày 1/7, 100% hồ sơ, tài liệu công việc phát sinh sẽ được xử lý …": the day of the share that
# follows it, to hold from then
_FROM_DAY_SHARE = re.compile(
    r"^\W*tu\s+(ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*(\d{4}))?)(?![\d/])\s*,\s*"
    r"(?=[\d.,]+\s*%[^;]{0,80}?\bse\b)"
)
# "trong quý II" is read as "quý II" (the tasks' reader takes "trong" for a range of months);
# "vào quý 2/2026", "trong quý 3-2026" as the quarter's last day
_DEADLINE_LEAD = re.compile(r"^trong\s+", re.IGNORECASE)
_SUB = re.compile(r"^(?:trong do|trong so do)\b")

_MILESTONE_START = re.compile(
    r"^(?:phan dau\s+)?(?:hoan thanh|thuc hien|trien khai|tiep tuc|dam bao|bao dam|ban hanh|"
    r"xay dung|duy tri|tang|giam|nang cao|cai thien|ket noi|to chuc|so hoa|chuyen doi|cong bo|"
    r"cong khai|cung cap|sap xep|kien toan|rut ngan|day manh|100%)\b"
)
# "Đến năm 2025:", "Đến hết năm 2026," before a commitment
_BY_YEAR = r"den (?:het )?nam \d{4}"
_STRONG_MILESTONE_START = re.compile(
    r"^(?:" + _BY_YEAR + r"\s*[:,]?\s*)?(?:phan dau\s+)?(?:co ban\s+)?"
    r"(?:hoan thanh|hoan thien|tang so)\b"
)
# a part of a clause (between commas) that commits to finishing something: "Đến năm 2030, hoàn
# thành chuyển đổi số …", "…, hoàn thành các mục tiêu …", "mục tiêu tổng quát đến năm 2025 là
# tỉnh … cơ bản hoàn thành chuyển đổi số …"
# ("hoàn thành xuất sắc / thắng lợi / tốt các nhiệm vụ …" is a call to do well, not a milestone)
_PART_MILESTONE = re.compile(
    r"(?:^(?:" + _BY_YEAR + r"\s*[:,]?\s*)?(?:phan dau\s+)?(?:co ban\s+)?hoan (?:thanh|thien)\b"
    r"|^.{0,120}?\b(?:dat|de ra) muc tieu\s+(?:la\s+)?(?:co ban\s+)?hoan (?:thanh|thien)\b"
    r"|^muc tieu\b(?:(?!\bda\b)[^,]){0,60}?\bla\b(?:(?!\bda\b)[^,]){0,60}?\b(?:co ban\s+)?hoan thanh\b"
    # "tỉnh … không còn vùng lõm sóng di động": none left
    r"|^[^,]{0,60}?\bkhong con\s+(?:vung|xa|thon|ho so|diem)\b"
    # "đến năm 2025 các địa phương … sẽ phải hoàn thành chuyển đổi số cấp xã"
    r"|^[^,]{0,80}?\bse\s+(?:phai\s+)?(?:co ban\s+)?hoan thanh\b)"
    r"(?!\s+(?:xuat sac|thang loi|tot|muc dich|yeu cau)\b)"
)
# "kế hoạch đặt ra mục tiêu cung cấp dịch vụ công trực tuyến … đối với toàn bộ thủ tục hành chính
# đủ điều kiện": a state to reach for all of a thing, no share ("toàn bộ" is not "100%"); read
# unfolded ("đạt mục tiêu", reached, and "để mục tiêu" fold alike), not a purpose or a task going
# on ("nâng cao", "huy động", "tiếp tục"), nor an earlier year's aim (``_part_milestones``)
_AIM_FOR_ALL = re.compile(
    r"^(?P<before>.{0,120}?)(?<!đã )(?<!chưa )(?<!không )\b(?:đặt|đề)(?: ra)? mục tiêu\s+(?:là\s+)?"
    r"(?!nâng cao|huy động|tiếp tục)[^,]{0,120}?\btoàn bộ\b"
)
# "phấn đấu hoàn thành mục đích, yêu cầu của công cuộc cải cách hành chính": the plan's
# purposes named, nothing to be finished by a date
_AIMS_NAMED = re.compile(r"^(?:phan dau\s+)?hoan thanh\s+(?:cac\s+)?(?:muc dich|yeu cau)\b")
# "Giai đoạn 1 hoàn thành trong quý II/2026", "Giai đoạn đầu, dự kiến hoàn thành vào quý 2/2026",
# "…: Giai đoạn 1 (hoàn thành trong quý II/2026): …": a phase finished by a date
_PHASE_DONE = re.compile(
    r"\bgiai doan\s+(?:\d+|mot|hai|ba|dau|cuoi)\b[\s,(]*(?:du kien\s+)?hoan thanh\s+(?:trong|vao)\s+"
)
# "đảm bảo hoàn thành chỉ tiêu kích hoạt tài khoản … trước ngày 30/9/2023", "… phải hoàn thành
# báo cáo phương án … chậm nhất trong ngày 30/10": finished by a date
_ENSURE_DONE_BY = re.compile(
    r"\b(?:dam bao|bao dam|phai)\s+hoan thanh\b[^;]*?\b(?:truoc ngay|cham nhat(?:\s+trong)?\s+ngay)\s+\d"
)
_AND_VERB = re.compile(r"\s(?:va|dong thoi)\s+(ban hanh|hoan thanh|to chuc|xay dung|trien khai)\b")
_SEPARATOR = re.compile(r"\s*(?:,|;|\bva\b|\bhoac\b|\bdong thoi\b)\s*")


def _outside_brackets(text: str, position: int) -> bool:
    return _depth(text, position) == 0


def _opening(text: str, position: int) -> int:
    """Where the bracket holding ``position`` opens (``position`` when outside any)."""
    depth = 0
    for index in range(position - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            if depth == 0:
                return index
            depth -= 1
    return position


def _prefix_comparator(prefix: str) -> tuple[str | None, int | None]:
    """The comparator the words before a number give, and where those words start."""
    for pattern, comparator in _PREFIX_RULES:
        match = pattern.search(prefix)
        if match:
            return comparator, match.start()
    return None, None


def _percent_measure(clause_before: str, after: str) -> str:
    """A percentage reported directly (a survey, an index, a share of a plan or of GRDP) rather
    than counted as numerator / denominator."""
    if re.search(
        r"\b(hai long|giai ngan|thu ngan sach|du toan|sipas|par ?index|papi|"
        r"chi so (?:cai cach hanh chinh|cchc|chuyen doi so))\b",
        clause_before,
    ):
        return "percent"
    if re.match(r"\s*(ke hoach|du toan|chi tieu|so voi (?!tong)|von|grdp)\b", after):
        return "percent"
    return "rate"


def _baseline_year(folded: str, plan_year: int | None) -> int | None:
    match = _BASELINE_YEAR.search(folded)
    if not match:
        return None
    if match.group("year"):
        return int(match.group("year"))
    return plan_year - 1 if plan_year else None


def _change_measure(text: str) -> tuple[str, str | None]:
    """Measure and unit of a change against a baseline, from the words around it."""
    if re.search(r"\bdiem\b", text):
        return "score", None
    if re.search(r"\b(xep hang|thu hang|thu bac|vi tri)\b", text):
        return "rank", "bậc"
    if re.search(r"\b(hai long|ty le|phan tram)\b", text):
        return "percent", "%"
    if re.search(r"\bbien che\b", text):
        return "count", "biên chế"
    if re.search(r"\b(so luong|so don vi|don vi)\b", text):
        return "count", "đơn vị"
    if re.search(r"\bchi so\b", text):
        return "score", None
    return "percent", "%"


class _Sentence:
    def __init__(self, text: str, zone: str, plan_year: int | None):
        self.text = text
        self.lowered = text.lower()  # the marks kept: "đã" and "Đà", "nhưng" and "những" apart
        self.folded = fold(text)
        self.zone = zone
        self.plan_year = plan_year
        self.findings: list[_Finding] = []
        self.taken: list[tuple[int, int]] = []

    # -- bookkeeping
    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def take(self, finding: _Finding) -> None:
        self.findings.append(finding)
        self.taken.append((finding.start, finding.end))

    def clause_of(self, position: int) -> tuple[int, int]:
        for start, end in _clauses(self.text):
            if start <= position < end:
                return start, end
        return 0, len(self.text)

    def later_in_brackets(self, start: int) -> bool:
        """ "đạt tối thiểu 10% (đến năm 2030 đạt tối thiểu 20%, …)": the target of a later year
        in brackets after this year's."""
        later = re.match(r"\(\s*den\s+(?:het\s+)?nam\s+(\d{4})\b", self.folded[_opening(self.text, start) :])
        return bool(later and self.plan_year and int(later.group(1)) >= self.plan_year)

    def share_aimed_at(self, before: str, start: int) -> bool:
        """ "phấn đấu … chiếm 25% GRDP", "Đến năm 2030, tỷ trọng kinh tế số chiếm 30% GRDP",
        "kinh tế số sẽ chiếm 20% GDP", "…: kinh tế số chiếm 20% GRDP; … tăng tối thiểu 7%": a
        share of the economy aimed at (elsewhere "chiếm" gives a share found)."""
        if re.search(r"\b(?:phan dau|muc tieu)\b", before):
            return True
        if not re.match(r"[\d.,]+\s*%\s*(?:grdp|gdp)\b", self.folded[start:]):
            return False
        future = any(
            self.plan_year and int(m.group(1)) >= self.plan_year
            for m in re.finditer(r"\b(?:den|vao)\s+(?:het\s+)?(?:nam\s+)?(\d{4})\b", self.folded)
        )
        return future or bool(re.search(r"\bse\s+chiem\s*$", before) or _AIM.search(self.folded))

    def past_result(self, before: str, clause_start: int, start: int) -> bool:
        """What the number counts was done ("đã đạt", "đã ban hành" before it; "ngay trong năm
        2024" after it in a later year's text), unless the sentence names a rate of what was done
        or sets targets ("đã đặt ra 6 mục tiêu …")."""
        # "đã đặt mục tiêu … đạt 60% và đến nay đã đạt 62%": what follows the target set is read
        clause_start = self.after_target_set(clause_start, start)
        before = self.folded[clause_start:start]
        past = _PAST.search(before) or re.search(r"(^|\s)đã\s", self.lowered[clause_start:start])
        # "giao chỉ tiêu … của các thủ tục đã triển khai …, theo đó năm 2022 đạt tối thiểu 50%": the
        # "đã" told what is counted; what follows "theo đó" is the quota
        if past and re.search(r"\btheo do\b", self.folded[clause_start + past.end() : start]):
            past = None
        # "Quảng Ngãi đã đạt tỷ lệ … hơn 99% …; trên 95% văn bản …; …": the items listed after what
        # was reached, each opening its clause with its figure
        if not past and clause_start and re.fullmatch(r"\W*(?:tren|hon|khoang|gan|dat)?\s*", before):
            first_start, _first_end = _clauses(self.text)[0]
            past = re.search(r"(^|\s)đã\s+(?:đạt|có)\b", self.lowered[first_start:clause_start])
        # "… hoàn thành 100% chỉ tiêu … ngay trong năm 2024" in a report of 2025: a past year's
        part_end = self.folded.find(",", start, self.clause_of(start)[1])  # "…, trong năm 2025 đã có …"
        part_end = part_end if part_end >= 0 else self.clause_of(start)[1]
        within = re.search(r"\btrong nam\s+(\d{4})\b", self.folded[start:part_end])
        if within and self.plan_year and int(within.group(1)) < self.plan_year:
            return True
        # "đã đặt ra mục tiêu 100% …, đến nay đã đạt 97%": a result reached after the target set
        sets = _SETS_TARGETS.search(self.folded, 0, start)
        after_set = past and sets and clause_start + past.start() > sets.end()
        return bool(past) and not _RATE_OF_DONE.search(before) and (not sets or bool(after_set))

    def after_target_set(self, clause_start: int, start: int) -> int:
        """Where the words that qualify a figure begin: after "đã đặt (ra) mục tiêu …" when the
        clause sets the target before ``start``, else at the clause's start."""
        target_set = _TARGET_SET.search(self.lowered, clause_start, start)
        return target_set.end() if target_set else clause_start

    def excluded(self, start: int) -> bool:
        """A number that is a note, a reference or a past result rather than a target."""
        clause_start, clause_end = self.clause_of(start)
        before = self.folded[clause_start:start]
        if not _outside_brackets(self.text, start) and not (
            _QUOTA_IN_BRACKETS.search(before)
            or _TARGETS_IN_BRACKETS.search(self.folded, 0, _opening(self.text, start))
            or self.later_in_brackets(start)
        ):
            return True
        # "đóng góp lớn nhất vào GRDP với tỉ trọng 14%": the share something has
        if re.search(r"\bvoi\s+t[iy] trong\s*$", before):
            return True
        # "kinh tế số ước 7,18% GRDP": an estimate of what was reached
        if re.search(
            r"\buoc(?:\s+(?:tinh\s+)?dat|\s+tinh)?(?:\s+(?:hon|tren|khoang|gan|xap xi))?\s*$", before
        ):
            return True
        excluding = _EXCLUDING_PREFIX.search(before)
        if excluding and not (excluding.group(0).startswith("chiem") and self.share_aimed_at(before, start)):
            return True
        # "tỉnh có hơn 35% dân số là đồng bào dân tộc thiểu số": what the population is
        if re.match(r"[\d.,]+\s*%\s+dan so\s+la\b", self.folded[start:]):
            return True
        # "tăng từ 85 điểm năm 2025 lên 87 điểm", "giảm từ 30 ngày xuống còn 20 ngày": where it
        # starts from; the figure after "lên" / "xuống" is the target
        if re.search(r"\b(?:tang|giam|nang(?: cao)?)\b[^,;]{0,40}?\btu\s*$", before) and re.match(
            r"[\d.,]+[^,;]{0,40}?" + _GOES_TO + r"\d", self.folded[start:]
        ):
            return True
        # "… trên 100 dân chưa đạt trên 5%": a shortfall found, not a target
        if re.search(r"\bchua dat(?:\s+(?:tren|toi thieu|muc))?\s*$", before):
            return True
        shortcomings = _SHORTCOMINGS.match(self.folded, 0, start)
        if shortcomings and not _AIM_FOLLOWS.search(self.lowered, 0, start):
            return True
        # the figure a sentence concedes before its main clause ("Mặc dù năm 2025 mới đạt 60%, năm
        # 2026 tỉnh đặt mục tiêu đạt 80%": the 80 is the target)
        conceded = _CONCESSION.match(self.lowered)
        if conceded and re.fullmatch(r"(?:(?!\bnhưng\b)[^,;])*", self.lowered[conceded.end() : start]):
            return True
        if self.past_result(before, clause_start, start):
            return True
        if _MEASURED_FIGURE.search(before) and re.match(r"\d+[.,]\d", self.folded[start:]):
            return True
        # "đạt 44,396 điểm", "đạt 87,32 điểm": a score to the hundredth is measured, a target
        # is a whole or a tenth ("đạt từ 85 điểm trở lên"), or a floor ("từ 8,65 điểm trở lên")
        if re.match(r"\d+[.,]\d{2,}\s*(?:/\s*100\s*)?diem\b(?!\s+tro len)", self.folded[start:]) and not (
            re.search(r"\b(?:toi thieu|it nhat)\s*$", before)
        ):
            return True
        # "Tỷ lệ hồ sơ trực tuyến toàn tỉnh đạt 65,63%", "Hằng năm có 94,71% tổ chức …": a share
        # to the hundredth, reached (a target is given so only with an aim: "tối thiểu 1,27%")
        if re.match(r"\d+,\d{2,}\s*%", self.folded[start:]) and (
            re.search(r"\bdat\s*$", before) or not _AIM_STATED.search(self.folded)
        ):
            return True
        done = _DONE_AFTER.match(self.lowered, start, clause_end)  # "đã", not "tối đa"
        if done and not _AIM.search(self.folded) and not {"được", "phải", "đều"} & {*done.groups()}:
            return True
        return self.dated_earlier(before, clause_start, start)

    def dated_earlier(self, before: str, clause_start: int, start: int) -> bool:
        """ "Năm 2023, tỷ lệ … đạt 98,7%" in a plan for 2024: a result, not a target; or the
        standing of an index of an earlier year."""
        if not self.plan_year:
            return False
        # "… tăng từ 85 điểm năm 2025 lên 87 điểm": a year after "từ" dates where it starts, not
        # this figure ("Năm 2025, … tăng từ 60% lên 80%" is still that year's result)
        years_end = start
        rise = re.search(r"\btu\b[^,;]*" + _GOES_TO + "$", before)
        if rise:
            years_end = clause_start + rise.start()
        for match in _YEAR_MENTION.finditer(self.folded, 0, years_end):
            is_date = re.search(r"thang\s+\d{1,2}\s+$", self.folded[: match.start()])
            if int(match.group(1)) < self.plan_year and not is_date:
                return True
        return self.earlier_index(start)

    def earlier_index(self, start: int) -> bool:
        """An index of an earlier year named before ``start`` ("SIPAS 2020 … đạt 88,54%, xếp thứ
        17/63" in a plan for 2021): what follows is its result."""
        return bool(self.plan_year) and any(
            int(m.group(1)) < self.plan_year for m in _INDEX_YEAR.finditer(self.folded, 0, start)
        )

    # -- passes
    def find_all(self) -> None:
        self.find_ranks()
        self.find_ranges()
        self.find_quantity_ranges()
        self.find_exceed()
        self.find_percents()
        self.find_quantities()
        self.find_baselines()
        self.find_reductions()
        self.find_aspirations()
        self.find_growing_shares()
        self.group_levels()
        self.inherit_changes()
        self.findings.sort(key=lambda f: f.start)

    def rank_excluded(self, start: int) -> bool:
        """A place that is a past result ("Năm 2023, … xếp thứ 8/63"; "đã xếp …") or a note."""
        if not _outside_brackets(self.text, start):
            return True
        clause_start, clause_end = self.clause_of(start)
        before = self.folded[clause_start:start]
        # "đã đặt mục tiêu … thuộc nhóm 15": what follows the target set is read
        before = self.folded[self.after_target_set(clause_start, start) : start]
        if _PAST.search(before):
            return True
        # "nằm ngoài top 10": outside a group; "đã trở lại top 10": a place reached; "chưa được
        # vào danh sách Top 30": not reached
        if re.search(r"\bngoai\s*$|\bchua\s+(?:\S+\s+){0,4}$", before) or re.search(
            r"(?<!\w)đã\s+(?:\S+\s+){0,2}$", self.lowered[clause_start:start]
        ):  # "đã", read unfolded: "đưa Đà Nẵng thuộc nhóm 3" folds alike
            return True
        if not self.plan_year:
            return False
        # "Top 10 của PCI 2021 là: …": the group of an earlier year's index
        of_index = _INDEX_OF_YEAR.match(self.folded, start, clause_end)
        if of_index and int(of_index.group(1)) < self.plan_year:
            return True
        return self.earlier_index(start) or any(
            int(m.group(1)) < self.plan_year
            and not re.search(r"thang\s+\d{1,2}\s+$", self.folded[: m.start()])
            for m in _YEAR_MENTION.finditer(self.folded, 0, start)
        )

    def find_ranks(self) -> None:
        f = self.folded
        found: list[_Finding] = []
        for pattern, kind in (
            (_RANK_UP_RANGE, "range"),
            (_RANK_UP, "up"),
            (_RANK_UP_AFTER_BASELINE, "up"),
            (_RANK_UP_NAMED, "up"),
            (_RANK_UP_BRACKETED, "up"),
            (_RANK_ONE_OF, "group"),
            (_RANK_OF, "of"),
            (_RANK_GROUP_RANGE, "band"),
            (_RANK_PLACE_BAND, "band"),
            (_RANK_GROUP, "group"),
            (_RANK_TOP, "group"),
            (_RANK_PLACE, "group"),
        ):
            for match in pattern.finditer(f):
                if not self.free(match.start(), match.end()) or self.rank_excluded(match.start()):
                    continue
                if kind in ("range", "up"):
                    finding = _Finding(
                        match.start(),
                        match.end(),
                        "improve_by",
                        "rank",
                        value=Decimal(match.group(1)),
                        unit="bậc",
                        kind="rank",
                        baseline_year=_baseline_year(f[match.start() :], self.plan_year),
                    )
                    if match.re.groups > 1 and match.group(2):
                        finding.value_max = Decimal(match.group(2))
                elif kind == "of" and int(match.group(1)) > int(match.group(3)):
                    continue  # "5/2024": a date, not a place
                elif kind in ("band", "of") and match.group(2):
                    low, high = sorted((int(match.group(1)), int(match.group(2))))
                    finding = _Finding(
                        match.start(1),
                        match.end(),
                        "between",
                        "rank",
                        value=Decimal(low),
                        value_max=Decimal(high),
                        unit="bậc",
                        kind="rank",
                    )
                else:
                    finding = _Finding(
                        match.start(1),
                        match.end(),
                        "<=",
                        "rank",
                        value=Decimal(match.group(1)),
                        unit="bậc",
                        kind="rank",
                    )
                finding.lead = match.start()
                self.take(finding)
                found.append(finding)
        if found:
            first = min(x.start for x in found)
            for match in _RANK_OF_MORE.finditer(f, first):
                if (
                    not self.free(match.start(1), match.end())
                    or int(match.group(1)) > int(match.group(2))
                    or self.rank_excluded(match.start(1))
                ):
                    continue
                finding = _Finding(
                    match.start(1),
                    match.end(),
                    "<=",
                    "rank",
                    value=Decimal(match.group(1)),
                    unit="bậc",
                    kind="rank",
                    lead=match.start(1),
                )
                self.take(finding)
                found.append(finding)
        # "phấn đấu thuộc nhóm 5 …, hướng tới mục tiêu vào top 3": the plan's target is the first
        for finding in found:
            if len(found) > 1 and _RANK_ASPIRATION.search(f[max(0, finding.lead - 40) : finding.lead]):
                self.findings.remove(finding)

    def find_ranges(self) -> None:
        for match in _RANGE.finditer(self.folded):
            start = match.start(2)
            if not self.free(match.start(), match.end()) or self.excluded(start):
                continue
            low, high = _number(match.group(2)), _number(match.group(3))
            if low is None or high is None or high < low:
                continue
            clause_start, _e = self.clause_of(start)
            measure = _percent_measure(self.folded[clause_start:start], self.folded[match.end() :])
            # "đạt tối thiểu 45% - 50%": a range of minima (the figure varies by unit), at least
            # its lower end
            minima = re.search(r"\b(?:toi thieu|it nhat)\s*(?:dat\s*)?$", self.folded[clause_start:start])
            finding = _Finding(
                match.start(),
                match.end(),
                ">=" if minima else "between",
                measure,
                value=low,
                value_max=None if minima else high,
                unit="%",
                lead=match.start(),
            )
            finding.cumulative = self.cumulative(clause_start, start, match.end())
            self.take(finding)

    def find_quantity_ranges(self) -> None:
        """A score or a time within a range ("các chỉ số … đạt từ 0,7-0,8 điểm"): between its
        ends, as a range of percentages is."""
        for match in _QUANTITY_RANGE.finditer(self.folded):
            start = match.start(2)
            if not self.free(match.start(), match.end()) or self.excluded(start):
                continue
            low, high = _number(match.group(2)), _number(match.group(3))
            if low is None or high is None or high <= low:
                continue
            clause_start, _e = self.clause_of(start)
            before = self.folded[clause_start : match.start()]
            if _RANGE_NOT_A_LEVEL.search(before):
                continue
            if match.group(4) != "diem" and not _RANGE_OF_TIME.search(before):
                continue  # "mỗi lớp từ 2-3 ngày", "làm việc từ 7-11 giờ": a schedule
            unit = normalise_space(self.text[match.start(4) : match.end(4)])
            measure = "score" if match.group(4) == "diem" else "quantity"
            self.take(
                _Finding(
                    match.start(),
                    match.end(),
                    "between",
                    measure,
                    value=low,
                    value_max=high,
                    unit=unit,
                    lead=match.start(),
                )
            )

    def find_exceed(self) -> None:
        for match in _EXCEED.finditer(self.folded):
            # "Để phấn đấu hoàn thành và vượt các chỉ tiêu …, UBND tỉnh phân giao …": the purpose
            # of what the sentence reports, as "Để cải thiện …" is
            if re.match(r"\W*(?:de|nham)\s+(?:phan dau\s+)?$", self.folded[: match.start()]):
                continue
            if self.free(match.start(), match.end()) and not self.excluded(match.start()):
                self.take(
                    _Finding(
                        match.start(),
                        match.end(),
                        ">=",
                        "percent",
                        value=Decimal(100),
                        unit="%",
                        lead=match.start(),
                        cumulative=True,
                    )
                )

    def find_percents(self) -> None:
        for match in _PERCENT.finditer(self.folded):
            start, end = match.start(1), match.end()
            if not self.free(start, end) or self.excluded(start):
                continue
            value = _number(match.group(1))
            if value is None:
                continue
            clause_start, clause_end = self.clause_of(start)
            window_start = max([clause_start] + [b for a, b in self.taken if b <= start])
            prefix = self.folded[window_start:start]
            after = self.folded[end:]
            comparator, lead = _prefix_comparator(prefix[-60:])
            if lead is not None:
                lead += window_start + max(0, len(prefix) - 60)
            if (
                comparator == ">="
                and _AVERAGE_GROWTH.search(prefix)
                and _SHARE_SUBJECT.search(self.folded, self.folded.rfind(",", clause_start, start) + 1, start)
            ):
                comparator = "improve_higher"  # "tỷ lệ … tăng bình quân 10%/năm": by 10 points a year
            passive = _REDUCED_PASSIVE.match(self.folded, end, clause_end)
            if comparator in (None, ">=") and passive and value < 100:
                comparator = "improve_lower"
            # "Cắt giảm, đơn giản hoá 100% điều kiện đầu tư kinh doanh không cần thiết": all of the
            # things cut, a share (an amount cut, "giảm 100% phí", or a cut against anything, "so
            # với …", stays a change)
            if (
                comparator == "improve_lower"
                and value == 100
                and _ALL_OF_THINGS.match(self.folded, end)
                and "so voi" not in self.folded[clause_start:clause_end]
            ):
                comparator = "="
            finding = _Finding(start, end, ">=", "rate", value=value, unit="%", lead=lead)
            if comparator == "improve_lower" and passive:
                finding.end = passive.end()  # the verb with it ("… được cắt giảm so với năm 2024")
            if re.match(r"\s*tro len\b", after):
                comparator = _rise_from(prefix) or comparator or ">="
                finding.end = end + re.match(r"\s*tro len\b", after).end()
            elif re.match(r"\s*tro xuong\b", after):
                comparator = "<="
                finding.end = end + re.match(r"\s*tro xuong\b", after).end()
            finding.measure = _percent_measure(self.folded[clause_start:start], after)
            if comparator is None:
                finding.bare = True
                finding.comparator = "=" if value == 100 else ">="
            elif comparator.startswith("improve_"):
                finding.comparator = "improve_by"
                finding.baseline_year = _baseline_year(self.folded, self.plan_year)
                finding.measure, _unit = _change_measure(self.folded[clause_start : start + 80])
                if finding.measure not in ("count", "percent"):
                    finding.measure = "percent"
                finding.unit = "%"
            else:
                finding.comparator = comparator
            if finding.comparator != "improve_by":
                finding.cumulative = self.cumulative(clause_start, start, finding.end)
            self.take(finding)

    def cumulative(self, clause_start: int, start: int, end: int) -> bool:
        """Whether a percentage is a share of a plan, budget or quota ("100% kế hoạch vốn",
        "giải ngân …"): done over the year, judged on the total so far."""
        return bool(_OF_PLAN.match(self.folded, end) or _DISBURSE.search(self.folded, clause_start, start))

    def find_quantities(self) -> None:
        for match in _QUANTITY.finditer(self.folded):
            start, end = match.start(1), match.end()
            if not self.free(start, end) or self.excluded(start):
                continue
            value = _number(match.group(1))
            if value is None:
                continue
            value *= _TIMES.get(match.group(2), 1)
            clause_start, _e = self.clause_of(start)
            window_start = max([clause_start] + [b for a, b in self.taken if b <= start])
            prefix = self.folded[window_start:start]
            comparator, lead = _prefix_comparator(prefix[-60:])
            if lead is not None:
                lead += window_start + max(0, len(prefix) - 60)
            unit_folded = match.group(3)
            unit = normalise_space(self.text[match.start(3) : match.end(3)])
            after = self.folded[end:]
            if comparator == ">=" and _AVERAGE_GROWTH.search(prefix):
                comparator = "improve_higher"  # "tăng bình quân 2 điểm mỗi năm": by 2 a year
            if re.match(r"\s*tro len\b", after):
                comparator = _rise_from(prefix) or ">="
            elif re.match(r"\s*tro xuong\b", after):
                comparator = "<="
            # "huyện Thăng Bình thực hiện hơn 6.600 tài khoản", "tổ chức hơn 27.200 lượt tập huấn":
            # "hơn" alone, outside a plan's targets, tells how many were done
            if (
                comparator == ">"
                and self.zone != "target"
                and re.search(r"\bhon\s*$", prefix)
                and not re.search(r"\b(?:chi tieu|muc tieu|phan dau|dat)\b", prefix)
            ):
                continue
            if comparator is None and _AIM_COUNT.search(prefix):
                comparator, lead = ">=", window_start + _AIM_COUNT.search(prefix).start()
            if comparator is None:
                comparator, lead = self.count_commitment(clause_start, window_start, start, prefix)
                if comparator is None:
                    continue
            if re.fullmatch(_TIME_UNITS, unit_folded):
                measure = "quantity"
            elif unit_folded == "diem":
                measure = "score"
            else:
                measure = "count"
            finding = _Finding(start, end, comparator, measure, value=value, unit=unit, lead=lead)
            if comparator.startswith("improve_"):
                finding.comparator = "improve_by"
                finding.baseline_year = _baseline_year(self.folded, self.plan_year)
            self.take(finding)

    def count_commitment(
        self, clause_start: int, window_start: int, start: int, prefix: str
    ) -> tuple[str | None, int | None]:
        """What commits to a count the words before it do not qualify ("… ≥"), and where it
        starts: the list it goes on, a year's quota line, or a verb of doing before it."""
        # "có 06 huyện, thị xã, thành phố và 300 xã …": the list goes on
        listed = self.list_goes_on(clause_start, start)
        if listed is not None:
            return listed.comparator, None
        # "so với chỉ tiêu 185.255 tài khoản", "hoàn thành chỉ tiêu hơn 738.000 tài khoản"
        if re.search(r"\bchi tieu\s*$", prefix):
            return ">=", window_start + prefix.rindex("chi tieu")
        # "Năm 2023: 132 xã, phường, thị trấn." in a list of yearly quotas
        quota = _YEAR_QUOTA.match(self.folded, 0, start)
        if quota and self.plan_year and int(quota.group(1)) >= self.plan_year:
            return ">=", quota.start()
        # "Theo đó, năm 2021 có 15 xã được triển khai thí điểm …" in a plan of that year: its
        # quota (a report words its results alike: only after a plan's words, none of "không",
        # "chưa", "nhưng" (read unfolded: "những" folds alike))
        yearly = re.search(r"\bnam\s+(\d{4})\s+co\s*$", prefix)
        if (
            yearly
            and self.plan_year
            and int(yearly.group(1)) >= self.plan_year
            and _PLAN_WORDS.search(self.folded, clause_start, window_start + yearly.start())
            and re.match(r"[\d.,]+\s+(?:(?!chua\b|khong\b)[^;.\d]){1,30}?\bduoc\b", self.folded[start:])
            and not re.search(r"\bnhưng\b", self.lowered[start : self.clause_of(start)[1]])
        ):
            return ">=", window_start + yearly.start()
        issue = _MUST_ISSUE.search(prefix) and _ISSUED_THING.match(self.folded, start)
        if issue and not _PACE.search(prefix):
            return ">=", window_start + prefix.rindex("phai")
        directive = self.directive_count(clause_start, window_start, start, prefix)
        if directive is not None:
            return ">=", directive
        verb = re.search(
            r"\b(thuc hien|to chuc|kiem tra|ban hanh|xay dung|day du|trien khai(?:\s+(?:tren dia ban|tai))?|"
            r"hoan thanh|dao tao|boi duong|hinh thanh|hoan thanh\s+[^\d,;:]{0,40}?\s+tai)\s*$",
            prefix,
        )
        # "Hình thành 30 doanh nghiệp …", "hoàn thành chuyển đổi số tại 12 huyện" opening its
        # clause (or after "Đến năm 2025,", "mục tiêu", "sẽ") commits to the count anywhere
        head = self.folded[clause_start : window_start + verb.start()] if verb else ""
        opening = verb and (
            re.fullmatch("(?:" + _BY_YEAR + ")?", head.strip(" -–,:"))
            or re.search(r"\b(?:muc tieu|se(?:\s+phai)?)\s*$", head)
        )
        if not verb or (self.zone != "target" and not opening):
            return None, None
        return ">=", window_start + verb.start()

    def directive_count(self, clause_start: int, window_start: int, start: int, prefix: str) -> int | None:
        """Where a directive's count of texts, services or procedures starts (``_DIRECTIVE_VERB``):
        its verb opening the clause, or after "Đến năm …", "mục tiêu", "sẽ", "Đồng thời," or the
        subject's "tập trung" ("Các bộ, ngành, địa phương tập trung sửa đổi, bổ sung 322 văn bản
        …"; what was done, "Các sở đã tập trung …", is not read: ``_Sentence.past_result``)."""
        verb = _DIRECTIVE_VERB.search(prefix)
        if verb is None or not _DIRECTIVE_THING.match(self.folded, start):
            return None
        at = window_start + verb.start()
        head = self.folded[clause_start:at]
        if (
            re.fullmatch("(?:" + _BY_YEAR + "|dong thoi)?", head.strip(" -–,:"))
            or re.search(r"\b(?:muc tieu|se(?:\s+phai)?)\s*$", head)
            or re.search(r"\btap trung\s*$", head)
        ):
            return at
        return None

    def list_goes_on(self, clause_start: int, start: int) -> _Finding | None:
        """The count just before ``start`` in the same clause when only a list separator and
        the first count's own words lie between ("06 huyện, thị xã, thành phố và 300 xã")."""
        before = [f for f in self.findings if clause_start <= f.start < start and f.kind == "number"]
        if not before:
            return None
        last = max(before, key=lambda f: f.end)
        between = self.folded[last.end : start]
        if (
            last.measure != "count"
            or last.comparator not in (">=", ">")
            or not re.search(r"(?:,|\bva)\s*$", between)
            or re.search(r"[;\d]", between)
            or _words(between) > 8
        ):
            return None
        return last

    def find_baselines(self) -> None:
        f = self.folded
        for pattern in (_BASELINE_VERB, _BASELINE_HIGHER):
            for match in pattern.finditer(f):
                start, end = match.start(), match.end()
                if not self.free(start, end) or not _outside_brackets(f, start):
                    continue
                if self.excluded(start):
                    continue
                year = (
                    int(match.group("year"))
                    if match.group("year")
                    else (self.plan_year - 1 if self.plan_year else None)
                )
                clause_start, _e = self.clause_of(start)
                # "cải thiện cả về tỷ lệ hài lòng chung và thứ bậc so với năm 2024": one change
                # per thing named, when they are measured differently
                things = []
                if pattern is _BASELINE_VERB:
                    obj_start, obj_end = match.start(2), match.start("year") if match.group("year") else end
                    parts = _split_outside(self.text, obj_start, obj_end, r"\s+và\s+|\s+va\s+")
                    kinds = [_change_measure(f[a:b]) for a, b in parts]
                    if len(parts) == 2 and kinds[0] != kinds[1]:
                        things = kinds
                if not things:
                    things = [_change_measure(f[clause_start:end])]
                for measure, unit in things:
                    finding = _Finding(
                        start,
                        end,
                        "above_baseline",
                        measure,
                        unit=unit,
                        baseline_year=year,
                        lead=start,
                        kind="baseline",
                    )
                    self.findings.append(finding)
                self.taken.append((start, end))

    def find_reductions(self) -> None:
        """ "giảm số lượng đơn vị … và biên chế …", "Tăng tỷ lệ hồ sơ đúng hạn, giảm tỷ lệ trễ
        hạn" without an amount: better than at the start of the year, one target per thing."""
        matches = [m for m in _REDUCE_COUNT.finditer(self.folded)]
        for index, match in enumerate(matches):
            clause_start, clause_end = self.clause_of(match.start())
            if any(clause_start <= f.start < clause_end and f.kind != "baseline" for f in self.findings):
                continue
            if not self.free(match.start(), match.end()):
                continue
            stop = clause_end
            if index + 1 < len(matches) and matches[index + 1].start() < clause_end:
                stop = matches[index + 1].start()
            if self.excluded(match.start()) or re.search(r"\d", self.folded[match.end() : stop]):
                continue
            # "UBND xã xây dựng Kế hoạch số 25/KH-UBND … về đẩy mạnh … và nâng cao tỷ lệ …": the
            # title of a document named by its number, unless an aim is set after it
            if _TITLE_OF_DOCUMENT.search(self.folded, clause_start, match.start()):
                continue
            year = self.plan_year - 1 if self.plan_year else None
            group = 1 if match.group(1) else 2
            parts = _split_outside(self.text, match.start(group), stop, r"\s+và\s+|\s+va\s+")
            for part, (a, b) in enumerate(parts):
                a = match.start() if part == 0 else a
                thing = self.folded[a:b]
                if match.group(group) == "ty le" and part == 0:
                    measure, unit = "percent", "%"
                else:
                    measure = "count"
                    unit = "biên chế" if "bien che" in thing else "đơn vị" if "don vi" in thing else None
                finding = _Finding(
                    a, b, "above_baseline", measure, unit=unit, baseline_year=year, lead=a, kind="baseline"
                )
                finding.text = _trim(self.text[a:b])
                self.take(finding)

    def find_aspirations(self) -> None:
        """ "Phấn đấu nâng cao chỉ số CCHC và tăng thứ hạng …; phấn đấu nâng cao chỉ số hài lòng
        …, cải thiện thứ hạng …": a clause that opens with "phấn đấu" and gives no number is
        one better-than-last-year target per index or rank it names."""
        for clause_start, clause_end in _clauses(self.text):
            clause = self.folded[clause_start:clause_end]
            if self.raise_indexes(clause_start, clause_end):
                continue
            opening = _ASPIRE_CLAUSE.match(clause)
            if not opening or re.search(r"\d", clause[opening.end() :]):
                continue
            if any(clause_start <= f.start < clause_end for f in self.findings):
                continue
            striving = opening.group(1) == "phan dau"
            verbs = list(_ASPIRE.finditer(self.folded, clause_start, clause_end))
            for index, match in enumerate(verbs):
                a = match.start()
                b = verbs[index + 1].start() if index + 1 < len(verbs) else clause_end
                if not self.free(a, b) or self.excluded(a):
                    continue
                # "…, đồng thời triển khai Kế hoạch cải thiện Chỉ số PCI": the name of a plan
                if re.search(r"\b" + _DOCUMENT + r"\s*$", self.folded[clause_start:a]):
                    continue
                if not striving and not _NAMED_INDEX_AFTER.match(self.folded, match.end()):
                    continue
                measure, unit = _change_measure(self.folded[match.end() : b])
                year = self.plan_year - 1 if self.plan_year else None
                finding = _Finding(
                    a, b, "above_baseline", measure, unit=unit, baseline_year=year, lead=a, kind="baseline"
                )
                finding.text = re.sub(r"(?:\s+và|\s*,)\s*$", "", _trim(self.text[a:b]))
                finding.stretch = striving  # the clause opens with "phấn đấu"
                self.take(finding)

    def find_growing_shares(self) -> None:
        """ "mục tiêu đến năm 2030, …, kinh tế số chiếm tỷ trọng ngày càng cao trong GRDP": a
        share aimed to grow, with no amount: above the start of the plan year."""
        if self.zone not in ("target", "mixed"):
            return
        for match in _GROWING_SHARE.finditer(self.folded):
            a, b = match.span()
            # the aim is stated before it ("đề ra mục tiêu …, kinh tế số chiếm …"); a figure aimed
            # at in the same sentence is the target ("…, phấn đấu đến năm 2030 đạt 30% GRDP")
            aimed = re.search(r"\b(?:muc tieu|phan dau)\b", self.folded[:a])
            if not aimed or _PERCENT.search(self.folded, b) or not self.free(a, b):
                continue
            year = self.plan_year - 1 if self.plan_year else None
            finding = _Finding(a, b, "above_baseline", "percent", baseline_year=year, lead=a, kind="baseline")
            finding.text = _trim(self.text[a:b])
            self.take(finding)

    def raise_indexes(self, clause_start: int, clause_end: int) -> bool:
        """ "góp phần duy trì, cải thiện, nâng cao thứ hạng Chỉ số cải cách hành chính (PAR
        INDEX), Chỉ số hài lòng … (SIPAS), Chỉ số năng lực cạnh tranh (DDCI) …", "Cải thiện toàn
        diện các chỉ số …, nhất là Chỉ số PAR INDEX, PAPI, SIPAS, PCI": with no number, one
        better-than-last-year target per index named (its rank after "thứ hạng", else its
        score), in a plan's aims. Whether it read any."""
        if self.zone not in ("target", "mixed"):
            return False
        raised = _RAISE_INDEXES.search(self.folded, clause_start, clause_end)
        if not raised or not self.free(raised.start(), clause_end):
            return False
        # an acronym right after the verb ("tiếp tục cải thiện PCI và PGI năm 2025") only where
        # the raising goes on or is striven for ("Khắc phục … và cải thiện SIPAS" is a task)
        if not re.match(r"(?:cac\s+)?chi so\b", self.folded[raised.start("names") :]) and not re.search(
            r"\b(?:tiep tuc|phan dau)\s+$", self.folded[clause_start : raised.start()]
        ):
            return False
        # "Các sở đã tập trung cải thiện …", "chưa thực sự quan tâm nâng cao …": done, or not done;
        # "Năm 2025, tỉnh tiếp tục cải thiện …" in a plan of 2026: what was done that year
        before = self.folded[clause_start : raised.start()]
        if re.search(r"\b(?:da|chua)\s+(?:\S+\s+){0,4}$", before):
            return False
        opening_year = re.match(r"\W*(?:trong\s+)?nam\s+(\d{4})\b", self.folded)
        if opening_year and self.plan_year and int(opening_year.group(1)) < self.plan_year:
            return False
        # a year, or a span of years not over before the plan's ("giai đoạn 2025 - 2030"), dates the
        # raising: it is no figure ("trong giai đoạn 2021 - 2025" in a plan of 2026 is what was done)
        rest = re.sub(r"\bnam\s+\d{4}\b", "", self.folded[raised.start() : clause_end])
        # "… theo Kế hoạch số 35/KH-UBND …": a document's number is no figure
        rest = re.sub(r"\b" + _DOCUMENT + r"\s+(?:so\s+)?\d+\S*", "", rest)
        rest = re.sub(
            r"\bgiai doan\s+\d{4}\s*[-–]\s*(\d{4})\b",
            lambda m: "" if self.plan_year and int(m.group(1)) >= self.plan_year else m.group(0),
            rest,
        )
        if (
            re.search(r"\d|\bchi so thanh phan\b", rest)
            or _RAISING_NAMED.search(self.folded, clause_start, raised.start())
            or _ISSUED.search(self.folded, 0, raised.start())
        ):
            return False
        if len(_ASPIRE.findall(self.folded, raised.start(), clause_end)) > 1:
            return False  # "nâng cao chỉ số hài lòng …, cải thiện thứ hạng …": a target per verb
        # "… nâng cao các chỉ số này, UBND huyện ban hành Kế hoạch nâng cao Chỉ số SIPAS …": the
        # indexes of a plan's title are the title's, not the ones the raising before it names
        title = re.search(
            r"\b(?:ban hanh|xay dung|trien khai|thuc hien|phe duyet)\s+"
            + _DOCUMENT
            + r"(?:\s+so\s+\S+)?\s+(?:nang cao|cai thien)\b",
            self.folded[raised.end() : clause_end],
        )
        names_end = raised.end() + title.start() if title else clause_end
        names: list[tuple[str, int, int]] = []  # (index, start, end)
        for mention in _INDEX_MENTION.finditer(self.folded, raised.start("names"), names_end):
            key = _INDEX_KEYS.get(mention.group(1) or "", re.sub(r"[ -]", "", mention.group(2) or ""))
            bracketed = self.folded[max(0, mention.start() - 2) : mention.start()].rstrip().endswith("(")
            if mention.group(2) and bracketed and names and names[-1][2] >= 0:
                names[-1] = (key, names[-1][1], -1)  # "Chỉ số … (DDCI)": the name in brackets
                continue
            names.append((key, mention.start(), mention.end() if mention.group(1) else -1))
        keys = list(dict.fromkeys(key for key, _a, _b in names))
        if not keys:
            return False
        measure = "rank" if raised.group("rank") else "score"
        year = self.plan_year - 1 if self.plan_year else None
        against = _BASELINE_YEAR.search(self.folded, raised.start(), clause_end)  # "… so với năm 2024"
        if against and against.group("year"):
            year = int(against.group("year"))
        verb = _trim(self.text[raised.start() : raised.start("names")])
        for key in keys:
            finding = _Finding(
                raised.start(), clause_end, "above_baseline", measure, baseline_year=year, kind="baseline"
            )
            finding.text = f"{_INDEX_LABELS.get(key, key.upper())} … {verb}"
            finding.stretch = bool(_STRETCH.search(self.folded, clause_start, clause_end))
            self.findings.append(finding)
        self.taken.append((raised.start(), clause_end))
        return True

    def at_level(self, start: int, stop: int):
        """ "… tại tỉnh, …": a level after "tại"/"ở", unless a name follows ("tại tỉnh Gia Lai")."""
        for match in _AT_LEVEL.finditer(self.folded, start, stop):
            rest = self.text[match.end() : stop].lstrip()
            if not (rest[:1].isupper()):
                return match
        return None

    def group_levels(self) -> None:
        """ "60% … cấp tỉnh, 50% … cấp huyện và 30% … cấp xã": one target, a threshold per level."""
        numbers = [
            f
            for f in self.findings
            if f.kind == "number"
            and f.unit == "%"
            and f.comparator in (">=", ">", "<=", "<", "=")
            and f.value_max is None
        ]
        numbers.sort(key=lambda f: f.start)
        numbers = [f for f in numbers if not self.subject_level(f, numbers)]
        if len(numbers) < 2:
            self.one_level(numbers)
            return
        best: list[tuple[_Finding, str]] = self.respective_levels(numbers)
        if best:
            self.group(best)
            return
        for orientation in ("after", "before"):
            run: list[tuple[_Finding, str]] = []
            for index, finding in enumerate(numbers):
                found = []
                if orientation == "after":
                    stop = numbers[index + 1].start if index + 1 < len(numbers) else len(self.text)
                    match = (
                        _LEVEL.search(self.folded, finding.end, stop)
                        or _BARE_LEVEL_AFTER.match(self.folded[finding.end : stop])
                        or self.at_level(finding.end, stop)
                    )
                else:
                    begin = numbers[index - 1].end if index else 0
                    found = list(_LEVEL.finditer(self.folded, begin, finding.start))
                    match = (
                        found[-1] if found else _BARE_LEVEL_BEFORE.search(self.folded[begin : finding.start])
                    )
                level = match.group(1) if match else None
                between = self.text[run[-1][0].end : finding.start] if run else ""
                # "… cấp tỉnh đạt tối thiểu 45% - 50%; chỉ tiêu cho … cấp huyện đạt tối thiểu 35%
                # …": parallel clauses, each naming its level just before its threshold
                close = run and (
                    _words(between) <= 15
                    or (
                        orientation == "before"
                        and bool(found)
                        and between.count(";") == 1
                        and _words(self.text[found[-1].end() : finding.start]) <= 8
                    )
                )
                if level and (not run or (close and level not in {lv for _f, lv in run})):
                    run.append((finding, level))
                elif level:
                    if len(run) > len(best):
                        best = run
                    run = [(finding, level)]
                else:
                    if len(run) > len(best):
                        best = run
                    run = []
            if len(run) > len(best):
                best = run
        if len(best) < 2:
            self.one_level(numbers)
            return
        self.group(best)

    def subject_level(self, finding: _Finding, numbers: list[_Finding]) -> bool:
        """ "các xã, phường tiếp nhận tối thiểu 60% hồ sơ …, trong đó ít nhất 20% …": the communes
        (and wards) as the subject of their clause's thresholds, which are then the commune
        level's. Whether it gave ``finding`` its level."""
        clause_start, clause_end = self.clause_of(finding.start)
        first = min(f.start for f in numbers if clause_start <= f.start < clause_end)
        head = self.folded[clause_start:first]
        subject = re.search(
            r"(?<!tai )(?<!o )\bcac\s+xa,\s*phuong(?:,\s*thi tran)?\s+(?:[^\s,;]+\s+){1,5}$", head
        )
        if not subject or _LEVEL.search(self.folded, clause_start, clause_end):
            return False
        finding.levels = {"xa": finding.value}
        if finding.comparator == "=" and finding.value != 100:
            finding.comparator = ">="
        finding.value = None
        return True

    def respective_levels(self, numbers: list[_Finding]) -> list[tuple[_Finding, str]]:
        """ "thuộc thẩm quyền cấp tỉnh, cấp huyện, cấp xã đạt tỷ lệ tối thiểu tương ứng là 30%,
        20%, 15%": the levels listed, then "tương ứng" and as many thresholds, in order."""
        for listed in _LEVEL_LIST.finditer(self.folded):
            levels = [LEVEL_CODES[level] for level in _LISTED_LEVEL.findall(listed.group(0))]
            respectively = _RESPECTIVELY.search(self.folded, listed.end())
            if not respectively or len(set(levels)) != len(levels):
                continue
            after = [f for f in numbers if f.start > respectively.end()][: len(levels)]
            if len(after) != len(levels) or self.folded[listed.end() : after[0].start].count(";"):
                continue
            if _words(self.text[after[0].start : after[-1].end]) > 2 * len(levels) + 2:
                continue  # the thresholds follow each other: "30%, 20%, 15%"
            return list(zip(after, levels, strict=True))
        return []

    def group(self, best: list[tuple[_Finding, str]]) -> None:
        first = best[0][0]
        grouped = _Finding(
            first.start,
            best[-1][0].end,
            first.comparator,
            first.measure,
            unit="%",
            lead=first.lead,
            bare=first.bare,
        )
        if grouped.comparator == "=" and any(f.value != 100 for f, _l in best):
            grouped.comparator = ">="
        # "trên 91% … cấp tỉnh, 74% … cấp huyện, 52% … cấp xã": "trên" qualifies the first
        # threshold only; the others are bare, so the target is "at least" each
        if grouped.comparator == ">" and any(f.bare for f, _l in best[1:]):
            grouped.comparator = ">="
        grouped.levels = {LEVEL_CODES[level]: f.value for f, level in best}
        members = {id(f) for f, _l in best}
        self.findings = [f for f in self.findings if id(f) not in members] + [grouped]

    def one_level(self, numbers: list[_Finding]) -> None:
        """ "95% hồ sơ công việc tại cấp tỉnh …": the threshold of the one level named after
        "tại"/"ở"; "ở cấp xã, huyện, tỉnh phải đạt từ 80% trở lên": one threshold for each
        level listed before it. Only for the one percentage of its clause."""
        for finding in numbers:
            clause_start, clause_end = self.clause_of(finding.start)
            if sum(clause_start <= f.start < clause_end for f in numbers) != 1:
                continue
            before = self.folded[clause_start : finding.start]
            listed = _LEVEL_LIST.search(before)
            # "100% hồ sơ công việc tại cấp huyện, cấp xã …", "100% hồ sơ ở cấp tỉnh, huyện, xã":
            # the levels listed after "tại"/"ở" that follows the threshold
            listed_after = _LEVEL_LIST.search(self.folded, finding.end, clause_end)
            if listed_after and re.match(r"(?:tai|o)\s", listed_after.group(0)):
                listed = listed_after
            if listed:
                levels = [LEVEL_CODES[level] for level in _LISTED_LEVEL.findall(listed.group(0))]
            else:
                after = self.folded[finding.end : clause_end]
                named = _LEVEL.findall(after) + _LEVEL.findall(before)
                at = _AT_LEVEL_CAP.search(after) or _AT_LEVEL_CAP.search(before)
                if not at or len(named) != 1:
                    continue
                levels = [at.group(1)]
            if len(set(levels)) == len(levels):
                finding.levels = {LEVEL_CODES[level]: finding.value for level in levels}
                if finding.comparator == "=" and finding.value != 100:
                    finding.comparator = ">="
                finding.value = None

    def inherit_changes(self) -> None:
        """ "giảm tối thiểu 2,5% …; 0,5% … và 1,38% … so với năm 2021": the verb governs the list."""
        ordered = sorted(self.findings, key=lambda f: f.start)
        for previous, finding in zip(ordered, ordered[1:], strict=False):
            if previous.comparator != "improve_by" or previous.kind != "number":
                continue
            between = _strip_brackets(self.folded[previous.end : finding.start])
            # "giảm 5 cơ quan … và tối thiểu 1,27% biên chế …": "at least" that much less
            minimum = re.search(r"\s*\b(?:toi thieu|it nhat)\s*$", between)
            if minimum and finding.comparator == ">=" and finding.unit == "%":
                between = between[: minimum.start()]
            elif not finding.bare:
                continue
            if previous.unit != "%" and (
                finding.unit != "%" or finding.value >= 100 or not re.search(r"(?:,|\bva)\s*$", between)
            ):
                continue
            if re.search(r"(^|[;,]|\bva)\s*$", between.strip()) or between.strip().endswith(";"):
                finding.comparator = "improve_by"
                finding.bare = False
                finding.baseline_year = previous.baseline_year
                finding.measure = previous.measure
                finding.lead = None


def _strip_brackets(text: str) -> str:
    out, depth = [], 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _split_outside(text: str, start: int, end: int, separator: str) -> list[tuple[int, int]]:
    parts, cursor = [], start
    for match in re.finditer(separator, text[start:end], flags=re.IGNORECASE):
        position = start + match.start()
        if _outside_brackets(text, position):
            parts.append((cursor, position))
            cursor = start + match.end()
    parts.append((cursor, end))
    return [(a, b) for a, b in parts if text[a:b].strip()]


def _trim(text: str) -> str:
    return normalise_space(text).strip(" ,;:.-–")


# --- from findings to targets --------------------------------------------------------------

_INDEX_ACRONYMS = re.compile(r"\b(" + _ACRONYMS + r")\b")


def _names_index(text: str) -> bool:
    return bool(re.search(r"\bchi so\b", text) or _INDEX_ACRONYMS.search(text))


def _index_subjects(sentence: _Sentence, first_start: int, start: int = 0) -> list[tuple[int, int]]:
    """ "Chỉ số … (PAR INDEX), Chỉ số … (PAPI), Chỉ số … (ICT INDEX) nằm trong …": the spans of
    the indices a predicate applies to, when there are several (looked for between ``start``
    and the predicate's first number)."""
    return [(a + start, b + start) for a, b in _head_subjects(sentence.folded[start:first_start])]


def _head_subjects(head: str) -> list[tuple[int, int]]:
    cuts = [
        m.start()
        for m in re.finditer(r"(?:,|;|\bva)\s*(?=chi so\b)", head)
        if _outside_brackets(head, m.start())
    ]
    pieces = []
    if cuts:
        bounds = [0, *cuts, len(head)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            piece = head[a:b]
            lead = re.match(r"\s*(?:,|;|va)?\s*", piece).end()
            pieces.append((a + lead, b))
        # "Mục tiêu cụ thể năm 2022, Chỉ số …": words before the first index name none
        if (
            pieces
            and not re.search(r"\bchi so\b", head[pieces[0][0] : pieces[0][1]])
            and not (_INDEX_ACRONYMS.search(head, pieces[0][0], pieces[0][1]))
        ):
            pieces = pieces[1:]
        if pieces:  # "Năm 2026, thành phố đặt mục tiêu Chỉ số PAR Index, …"
            a, b = pieces[0]
            named = re.search(r"\bchi so\b", head[a:b]) or _INDEX_ACRONYMS.search(head, a, b)
            if named:
                pieces[0] = (a + named.start() if named.re is not _INDEX_ACRONYMS else named.start(), b)
    if len(pieces) < 2 or not all("chi so" in head[a:b] for a, b in pieces[1:]):
        # "Chỉ số PCI, PAR INDEX, SIPAS và PAPI …": the indices by their names
        pieces, names = [], set()
        for match in _INDEX_ACRONYMS.finditer(head):
            if match.group(1) not in names:
                names.add(match.group(1))
                pieces.append((match.start(), match.end()))
        return pieces if len(pieces) >= 2 else [] if pieces else _listed_indices(head)
    # the last piece stops at its closing bracket, or before its verb
    a, b = pieces[-1]
    tail = head[a:b]
    if ")" in tail:
        b = a + tail.rindex(")") + 1
    else:
        verb = re.search(r"\s(nam trong|deu|dat|thuoc|dung|xep|tang|giam|cao hon)\b", tail)
        if verb:
            b = a + verb.start()
    pieces[-1] = (a, b)
    return pieces


#: "các chỉ số về Chính phủ số, Kinh tế số, Xã hội số của tỉnh đạt …": indices named in a list
#: after "các chỉ số", up to what they belong to or their verb
_LISTED_INDICES = re.compile(
    r"\bcac chi so\s+(?:ve\s+)?(.+?)\s*(?=\b(?:cua|tren dia ban|dat|deu|nam trong|thuoc)\b|$)"
)
#: words that open a clause of their own, not the name of an index or a field
_NOT_A_NAME = re.compile(
    r"\s*(?:phan dau|nang cao|cai thien|tang|giam|dat|duy tri|gop phan|huong toi|dong thoi|la|theo|"
    r"trong|nham|de|tao|voi|gom|bao gom)\b"
)


def _listed_indices(head: str) -> list[tuple[int, int]]:
    """The spans of the indices listed after "các chỉ số" (two or more, each a few words)."""
    listed = _LISTED_INDICES.search(head)
    if listed is None:
        return []
    spans = _split_outside(head, *listed.span(1), r"\s*,\s*|\s+va\s+")  # folded: "và" is "va"
    return spans if _names(head, spans) else []


def _names(folded: str, spans: list[tuple[int, int]]) -> bool:
    """Whether ``spans`` are two or more names, each a few words, none opening a clause."""
    return len(spans) >= 2 and all(
        1 <= len(folded[a:b].split()) <= 6 and not _NOT_A_NAME.match(folded, a) for a, b in spans
    )


def _fragments(sentence: _Sentence, findings: list[_Finding]) -> None:
    """Cut each clause into one fragment per finding (the target's own words)."""
    text, folded = sentence.text, sentence.folded
    by_clause: dict[tuple[int, int], list[_Finding]] = {}
    for finding in findings:
        if finding.text:
            continue
        by_clause.setdefault(sentence.clause_of(finding.start), []).append(finding)
    for (clause_start, clause_end), members in by_clause.items():
        members.sort(key=lambda f: f.start)
        cursor = clause_start
        for index, finding in enumerate(members):
            if index + 1 < len(members):
                following = members[index + 1]
                limit = following.lead if following.lead is not None else following.start
                limit = max(limit, finding.end)
                cut = limit
                for match in _SEPARATOR.finditer(folded, finding.end, limit):
                    if _outside_brackets(text, match.start()):
                        cut = match.start()
                        break
                end = cut
            else:
                end = clause_end
                remainder = _AND_VERB.search(folded, finding.end, clause_end)
                if remainder and _outside_brackets(text, remainder.start()):
                    end = remainder.start()
            finding.text = _trim(text[cursor:end])
            finding.span = (cursor, end)
            if finding.kind != "milestone":
                finding.stretch = bool(_STRETCH.search(folded, clause_start, finding.end))
            cursor = end
            if index + 1 < len(members):
                skip = _SEPARATOR.match(folded, cursor)
                cursor = skip.end() if skip else cursor


def _extend_over_plain_clauses(sentence: _Sentence, found: list[_Finding]) -> None:
    """A clause that states no target of its own ("100% văn bản QPPL về phòng, chống tham
    nhũng; thực hành tiết kiệm, chống lãng phí được tuyên truyền …") belongs to the target
    before it."""
    for clause_start, clause_end in _clauses(sentence.text):
        if any(clause_start <= f.start < clause_end for f in found):
            continue
        before = [f for f in found if f.start < clause_start]
        if not before:
            continue
        last = max(before, key=lambda f: f.span[1])
        if last.span[1] > clause_start:  # a level group already spans it
            last.span = (last.span[0], max(last.span[1], clause_end))
        else:
            last.span = (last.span[0], clause_end)
        last.text = _trim(sentence.text[last.span[0] : last.span[1]])


def _milestones(sentence: _Sentence) -> list[_Finding]:
    """Clauses that commit to something without a number: done / not done. In a target
    section any clause opening with a commitment verb; elsewhere only "Hoàn thành …",
    "Tăng số …" (DOMAIN.md)."""
    zone = sentence.zone
    found = []
    for clause_start, clause_end in _clauses(sentence.text):
        members = [f for f in sentence.findings if clause_start <= f.start < clause_end]
        clause_folded = sentence.folded[clause_start:clause_end]
        lead = len(clause_folded) - len(clause_folded.lstrip())
        if members:
            if zone != "target":
                continue
            last = max(members, key=lambda f: f.end)
            match = _AND_VERB.search(sentence.folded, last.end, clause_end)
            if not match or not _outside_brackets(sentence.text, match.start()):
                continue
            start = match.start(1)
            if (
                re.search(r"\d", sentence.folded[start:clause_end])
                or _words(sentence.text[start:clause_end]) < 5
            ):
                continue
        else:
            start = clause_start + lead
            body = sentence.folded[start:clause_end]
            pattern = _MILESTONE_START if zone == "target" else _STRONG_MILESTONE_START
            if _AIMS_NAMED.match(body):
                continue
            if not pattern.match(body) or _words(body) < 4:
                found += _part_milestones(sentence, clause_start, clause_end)
                continue
        finding = _Finding(start, clause_end, "done", "milestone", kind="milestone")
        finding.text = _trim(sentence.text[start:clause_end])
        finding.span = (start, clause_end)
        found.append(finding)
    return found


#: a year, a quarter or a date a commitment is due by ("đến hết năm 2026", "trước ngày …"; not
#: "các nhiệm vụ năm 2026", the year's tasks)
_OWN_DEADLINE = re.compile(
    _DEADLINE.pattern + r"|\b" + _BY_YEAR + r"|\b(?:truoc|trong|cham nhat)\s+nam\s+\d{4}|\btruoc ngay\b"
)
#: finishing the targets or tasks as a whole ("hoàn thành các chỉ tiêu, nhiệm vụ …"), not a thing
_FINISH_THE_TARGETS = re.compile(
    r"hoan thanh\s+(?:va vuot\s+)?(?:cac|nhung|toan bo)\s+(?:chi tieu|muc tieu|nhiem vu)\b"
)


def _part_milestones(sentence: _Sentence, clause_start: int, clause_end: int) -> list[_Finding]:
    """The parts of a clause with no number that commit to finishing something ("Đến năm 2030,
    hoàn thành chuyển đổi số trong …; …, hoàn thành các mục tiêu …"): one milestone each."""
    parts = _split_outside(sentence.text, clause_start, clause_end, r"\s*,\s*")
    starts = []
    phase_until = 0  # where the last phase's "… hoàn thành trong/vào" ends
    for index, (a, b) in enumerate(parts):
        body = sentence.folded[a:b].strip()
        if a < phase_until:
            continue
        # "Tiếp tục xây dựng, hoàn thiện hệ thống thể chế …": a task going on, not a milestone
        # ("hoàn thiện" commits to finishing where it opens the clause or follows "Đến năm …")
        if (
            body.startswith("hoan thien")
            and index
            and not re.match(
                _BY_YEAR + r"\W*$",
                sentence.folded[parts[index - 1][0] : parts[index - 1][1]].strip(),
            )
        ):
            continue
        # "Đại hội … đã bế mạc, hoàn thành toàn bộ chương trình đề ra": done with what precedes it
        if index and re.search(r"(?<!\w)đã\s+\S+(?:\s+\S+)?\s*$", sentence.lowered[parts[index - 1][0] : a]):
            continue
        # "… được tổ chức nhằm đẩy nhanh tiến độ, hoàn thành các chỉ tiêu, nhiệm vụ …": finishing
        # the targets (of a plan named elsewhere) is the purpose of what the sentence reports
        purpose = re.search(r"\bnham\b", sentence.folded[clause_start:a])
        if (
            purpose
            and _FINISH_THE_TARGETS.match(body)
            and not _OWN_DEADLINE.search(sentence.folded, clause_start, clause_end)
        ):
            continue
        rest = sentence.folded[a:clause_end].strip()
        # "phấn đấu hoàn thành … ngay trong năm 2024" in a report of 2025: done or not, a past year's
        past_year = re.search(r"\btrong nam\s+(\d{4})\b", rest)
        if past_year and sentence.plan_year and int(past_year.group(1)) < sentence.plan_year:
            continue
        lead = a + len(sentence.folded[a:b]) - len(sentence.folded[a:b].lstrip())
        phase = _PHASE_DONE.match(sentence.folded, lead, clause_end) or _PHASE_DONE.search(
            sentence.folded, lead, b
        )
        if phase:
            phase_until = phase.end()
        done_by = _ENSURE_DONE_BY.search(sentence.folded, lead, clause_end)
        done_by = done_by if done_by and done_by.start() < b else None
        for_all = _AIM_FOR_ALL.match(sentence.lowered[a:b].strip())
        if for_all and sentence.plan_year:
            years = [int(y) for y in re.findall(r"\bnăm\s+(\d{4})\b", for_all.group("before"))]
            for_all = None if any(y < sentence.plan_year for y in years) else for_all
        # "Theo đó, đến năm 2030, toàn bộ văn bản, hồ sơ công việc … sẽ được xử lý hoàn toàn …": all
        # of a thing by a year, to come
        by_year = index and re.fullmatch(
            r"(?:theo do\s*,?\s*)?den (?:het |cuoi )?nam (\d{4})",
            sentence.folded[parts[index - 1][0] : parts[index - 1][1]].strip(),
        )
        # "sẽ" or "được" before any "đã" (read unfolded: "tối đa" is not "đã")
        coming = re.match(
            r"(?:(?!(?<!\w)đã(?!\w))[^;]){0,120}?\b(?:sẽ|được)\b", sentence.lowered[a:clause_end]
        )
        all_by = (
            body.startswith("toan bo ")
            and by_year
            and coming
            and not (sentence.plan_year and int(by_year.group(1)) < sentence.plan_year)
        )
        if (phase or done_by or for_all or all_by or _PART_MILESTONE.match(body)) and _words(body) >= 3:
            starts.append(lead)
    found = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else clause_end
        finding = _Finding(start, end, "done", "milestone", kind="milestone")
        finding.text = re.sub(r"\s*,\s*$", "", _trim(sentence.text[start:end]))
        finding.span = (start, end)
        found.append(finding)
    return found


#: "nhóm 10 địa phương có chỉ số PAR INDEX, SIPAS cao nhất": a place for each index named
_GROUP_OF_INDICES = re.compile(
    r"\s+(?:dia phuong|tinh(?:\s*,\s*thanh pho)?)\s+co\s+((?:cac\s+)?chi so\b[^.;]{0,60}?)\s+cao nhat\b"
)


def _copies(sentence: _Sentence, finding: _Finding, head_start: int, clause_end: int) -> int:
    """How many targets one predicate states: one per index ("tăng 10 bậc xếp hạng cả 3 tiêu
    chí", "tăng 3 bậc xếp hạng về A, B và C"), per target counted ("4 chỉ tiêu phải đạt 100%")
    or per rate listed before it ("Tỷ lệ A và Tỷ lệ B đạt tối thiểu 80%")."""
    folded = sentence.folded
    if finding.kind in ("rank", "baseline"):
        each = _EACH_OF.search(folded, finding.end, clause_end)
        if each:
            return int(each.group(1))
        grouped = _GROUP_OF_INDICES.match(folded, finding.end)
        if grouped and finding.kind == "rank":
            return max(1, len({m.group(1) for m in _INDEX_ACRONYMS.finditer(grouped.group(1))}))
        leading = _LEADING_IN.match(folded, finding.end)
        ranked = _RANKED_ON.match(folded, finding.end) or leading
        if ranked and finding.kind == "rank":
            # the list ends at a year, or where what follows describes it ("… với 3 trụ cột: …")
            year = re.search(
                r"\s+(?:(?:vao|den|trong)\s+)?(?:nam\s+\d{4}|[.;])|\s+voi\s+\d|\s+bao gom\b|\s*:",
                folded[ranked.end() : clause_end],
            )
            stop = ranked.end() + year.start() if year else clause_end
            fields = _split_outside(sentence.text, ranked.end(), stop, _LIST_ITEMS)
            if ranked is leading and not _names(folded, fields):
                return 1  # "dẫn đầu cả nước về chuyển đổi số, góp phần …": one field
            return max(1, len(fields))
        return 1
    if finding.comparator == "improve_by" and finding.unit == "%":
        return _reduced_things(sentence, finding.end, clause_end)
    if finding.levels or finding.comparator not in (">=", ">", "=", "<=", "<"):
        return 1
    head = folded[head_start : finding.start]
    counted = _N_TARGETS.search(head)
    if counted:
        return int(counted.group(1))
    listed = [
        m for m in _LISTED_RATE.finditer(head) if _outside_brackets(sentence.text, head_start + m.start())
    ]
    return len(listed) if len(listed) >= 2 else 1


def _reduced_things(sentence: _Sentence, start: int, clause_end: int) -> int:
    """How many of the things a reduction cuts are listed right after its amount ("30% điều
    kiện kinh doanh, thời gian và chi phí …": 3); 1 when it names one, or one with its own
    amount follows ("30% thời gian, 20% chi phí": two findings of their own)."""
    parts = _split_outside(sentence.text, start, clause_end, _LIST_ITEMS)
    things = 0
    for a, b in parts:
        thing = sentence.folded[a:b]
        # "… thủ tục hành chính và thời gian giải quyết được rút ngắn ít nhất 30%": an amount of
        # its own; "thời gian tới": when, not what
        if not _REDUCED_THING.match(thing) or re.search(r"\d\s*%|\bduoc\b|\bthoi gian (?:toi|qua)\b", thing):
            break
        things += 1
    return max(1, things)


def _target_dict(finding: _Finding, source: str, text: str | None = None) -> dict:
    levels = {code: _json_number(value) for code, value in finding.levels.items()} if finding.levels else None
    return {
        "code": None,
        "text": text if text is not None else finding.text,
        "measure": finding.measure,
        "comparator": finding.comparator,
        "value": _json_number(finding.value),
        "value_max": _json_number(finding.value_max),
        "unit": finding.unit,
        "levels": levels,
        "stretch": finding.stretch,
        "baseline_year": finding.baseline_year,
        "responsible": None,
        "cumulative": finding.cumulative,
        "due_date": None,
        "sub_of": None,
        "source": source,
    }


# "mục tiêu duy trì và nâng cao điểm số, thứ hạng Chỉ số … (PAR INDEX), … (SIPAS), … (PAPI);
# … (PCI); … (DTI)": each index named, its score and its rank above the start of the plan year
# ("… xác định nâng cao điểm số, cải thiện vị trí xếp hạng … đối với các chỉ số trên": the
# indexes named before it)
_SCORE_AND_RANK = re.compile(
    r"(?:\b(?:muc tieu|phan dau|tiep tuc)\b[^.]{0,40}?|(?<!\bda )(?<!\bchua )\bxac dinh\s+)"
    r"\bnang cao\s+(?:diem so|ket qua)\s*(?:,|va)\s*(?:cai thien\s+)?(?:vi tri\s+)?(?:thu hang|xep hang)\b"
)
_INDICES_BEFORE = re.compile(r"\b(?:doi voi|cua)\s+cac chi so (?:tren|nay)\b")


def _score_and_rank(sentence: _Sentence) -> list[dict]:
    """The indexes a "nâng cao điểm số, thứ hạng …" sentence names, two targets each (score,
    rank) above the start of the plan year, when the sentence gives no number for them."""
    match = _SCORE_AND_RANK.search(sentence.folded)
    if not match or re.search(r"\d", sentence.folded[match.end() :]):
        return []
    names: list[str] = []
    named_before = _INDICES_BEFORE.search(sentence.folded, match.end())
    clause_start = sentence.clause_of(match.start())[0]
    if named_before and re.search(r"\d", sentence.folded[:clause_start]):
        return []  # "Đối với PCI, … trong nhóm 10; đối với PAR INDEX, SIPAS, … các chỉ số này"
    for found in _INDEX_ACRONYMS.finditer(
        sentence.folded, *((clause_start, match.start()) if named_before else (match.end(),))
    ):
        name = re.sub(r"[ -]", "", found.group(1))
        if name not in names:
            names.append(name)
    source = normalise_space(sentence.text)
    year = sentence.plan_year - 1 if sentence.plan_year else None
    targets = []
    for name in names:
        for measure, words in (("score", "điểm số"), ("rank", "thứ hạng")):
            finding = _Finding(
                match.start(), match.end(), "above_baseline", measure, baseline_year=year, kind="baseline"
            )
            finding.stretch = bool(_STRETCH.search(sentence.folded))
            targets.append(_target_dict(finding, source, f"{name.upper()} … nâng cao {words}"))
    return targets


def _reports_results(sentence: _Sentence) -> bool:
    """Whether the sentence reports what was achieved rather than what is aimed at: it opens
    with "Kết quả:", "Thống kê …" or "Hiện nay …"; it measures a figure against its target
    ("trên 74% … (đạt 100% mục tiêu)"); it gives a count out of a total with the share it makes
    ("1.407/1.542 DVCTT …, đạt 91%"); or it notes a change of rank against a year before the
    last ("xếp thứ 5/63 (tăng 6 bậc so với năm 2020)" in a plan for 2022)."""
    folded = sentence.folded
    if _RESULT_OPENING.match(folded) or _ATTAINMENT.search(folded) or _FIGURES_REPORTED.search(folded):
        return True
    if _PART_DONE.search(folded) and not _STRETCH.search(folded):
        return True
    # "… chỉ đạt 45,8%, trong khi mục tiêu đề ra là 50%": a share reached beside the one aimed at
    if _SHARE_NAMED.search(folded) and re.search(r"\bdat\s+" + _NUM + r"\s*%", folded):
        return True
    # "kết quả thực hiện 5 chỉ tiêu … tính đến ngày …": the targets named are what was measured
    if not _AIM.search(_RESULTS_OF_TARGETS.sub("", folded)) and (
        _STANDING.search(folded)
        or _PUBLISHED.search(folded)
        or _COUNTED_IN.search(sentence.lowered)
        or _CHANGE_SINCE_MEASURED.search(folded)
        or _COUNTED_PARTS.search(folded)
        or _COUNTED_FILES.search(folded)
        or _ONLY_REACHED.search(sentence.lowered)
        or _EFFECT_OF_DONE.search(folded)
        or _MEASURED_THEN_CHANGE.search(folded)
        or _REVIEWED.search(folded)
    ):
        return True
    # (a plan may aim at a count and its share: "Phấn đấu 24/40 xã đạt chuẩn, đạt 60%")
    aims = re.search(r"\b(?:phan dau|muc tieu|chi tieu)\b", folded)
    shares = [] if aims else [_number(m.group(1)) for m in _PERCENT.finditer(folded)]
    for match in _COUNT_OF.finditer(folded):
        part, whole = (_number(g.replace(".", "")) for g in match.groups())
        if not part or not whole or part >= whole or whole in (34, 63):
            continue
        share = part * 100 / whole
        if any(value is not None and abs(share - value) <= Decimal("0.5") for value in shares):
            return True
    if _SAME_TIME_NOTE.search(folded):
        return True
    if sentence.plan_year:
        for match in _RANK_CHANGE_NOTE.finditer(folded):
            if int(match.group(1)) <= sentence.plan_year - 2:
                return True
    return False


def _quoted_quotas(sentence: _Sentence) -> list[dict]:
    """ "… chỉ đạt 16,96% so với chỉ tiêu 185.255 tài khoản do Bộ Công an giao phải hoàn thành
    trước ngày 10-10-2023": the quota a report measures against, a count target (its due date
    read as elsewhere); "… chỉ đạt 45,8%, trong khi mục tiêu đề ra là 50%": a share, likewise."""
    source = normalise_space(sentence.text)
    targets = []
    for match in _QUOTA_NAMED.finditer(sentence.folded):
        value = _number(match.group(2))
        if value is None:
            continue
        finding = _Finding(
            match.start(),
            match.end(),
            ">" if match.group(1) else ">=",
            "count",
            value=value,
            unit=normalise_space(sentence.text[match.start(3) : match.end(3)]),
        )
        finding.text = _trim(sentence.text[match.start() : match.end()])
        targets.append((match.start(), _target_dict(finding, source)))
    shares = [*_SHARE_NAMED.finditer(sentence.folded)]
    shares += [
        m
        for m in _SHARE_AGAINST.finditer(sentence.folded)
        if not _PASSED.search(sentence.folded, sentence.clause_of(m.start())[0], m.start())
    ]
    for match in shares:
        finding = _Finding(match.start(1), match.end(), ">=", "rate", value=_number(match.group(1)), unit="%")
        finding.text = _trim(sentence.text[match.start() : match.end()]).lstrip("(")
        targets.append((match.start(), _target_dict(finding, source)))
    _due_dates(sentence, targets)
    for _start, target in targets:
        target["_sub"] = False
    return [t for _s, t in targets]


def _sentence_targets(sentence: _Sentence) -> list[dict]:
    if _reports_results(sentence):
        return _quoted_quotas(sentence)
    per_index = _score_and_rank(sentence)
    if per_index:
        for target in per_index:
            target["_sub"] = False
        return per_index
    sentence.find_all()
    milestones = _milestones(sentence)
    findings = sorted(sentence.findings, key=lambda f: f.start)
    _fragments(sentence, findings)
    _extend_over_plain_clauses(sentence, findings + milestones)
    source = normalise_space(sentence.text)
    targets = []
    # "PAR INDEX, SIPAS … nằm trong nhóm 5; PCI nằm trong nhóm 15": each clause's predicates
    # apply to the indices that clause names; a clause naming none goes on with the last ones
    subjects: list[tuple[int, int]] = []
    shared: list[_Finding] = []
    for clause_start, clause_end in _clauses(sentence.text):
        members = [f for f in findings if clause_start <= f.start < clause_end]
        if not members:
            continue
        if _names_index(sentence.folded[clause_start : members[0].start]):
            subjects = _index_subjects(sentence, members[0].start, clause_start)
        if not subjects or not all(f.kind in ("rank", "baseline") or f.measure == "score" for f in members):
            continue
        subject_end = subjects[-1][1]
        for finding in members:
            if finding.start < subject_end:
                continue
            predicate = finding.text
            if finding.span[0] < subject_end:
                predicate = _trim(sentence.text[subject_end : finding.span[1]])
            for a, b in subjects:
                name = _trim(sentence.text[a:b])
                targets.append((finding.start, _target_dict(finding, source, f"{name} … {predicate}")))
            shared.append(finding)
    findings = [f for f in findings if f not in shared]
    previous_end: dict[tuple[int, int], int] = {}
    for finding in findings:
        clause = sentence.clause_of(finding.start)
        head_start = previous_end.get(clause, clause[0])
        previous_end[clause] = max(finding.end, head_start)
        copies = _copies(sentence, finding, head_start, clause[1])
        targets += [(finding.start, _target_dict(finding, source)) for _copy in range(copies)]
    targets += [(f.start, _target_dict(f, source)) for f in milestones]
    targets.sort(key=lambda pair: pair[0])
    _due_dates(sentence, targets)
    for _start, target in targets:
        target["_sub"] = bool(_SUB.match(fold(target["text"] or "")))
    return [t for _s, t in targets]


def _due_dates(sentence: _Sentence, targets: list[tuple[int, dict]]) -> None:
    """ "Số hóa 100% hồ sơ đất đai trước ngày 30/6/2025": the deadline of the targets of its
    clause, as an ISO date (read by the tasks' deadline reader; no year printed: the plan's).
    "… từ ngày 1/10 sẽ …" dates only a milestone of its clause, "Từ ngày 1/7, 100% … sẽ …" only
    the share after it, and neither a target dated already."""
    folded = sentence.folded

    def every(target, start):
        return True

    def milestone(target, start):
        return target["measure"] == "milestone"

    named = [(m.start(), m.end(), m.group(1) or m.group(2), every) for m in _DEADLINE.finditer(folded)]
    named += [(m.start(1), m.end(1), m.group(2), milestone) for m in _FROM_DAY.finditer(folded)]
    share_from = _FROM_DAY_SHARE.match(folded)
    if share_from:

        def the_share(target, start):
            return start == share_from.end()

        named.insert(0, (share_from.start(1), share_from.end(1), share_from.group(2), the_share))
    for start_of_date, end_of_date, printed, dates in named:
        year = int(printed) if printed else sentence.plan_year
        if year is None:
            continue
        deadline = deadline_parse(_DEADLINE_LEAD.sub("", sentence.text[start_of_date:end_of_date]), year=year)
        if deadline.due is None:
            continue
        clause = sentence.clause_of(start_of_date)
        for start, target in targets:
            if clause[0] <= start < clause[1] and target["due_date"] is None and dates(target, start):
                target["due_date"] = deadline.due.isoformat()


def _plan_year(text: str) -> int | None:
    head = fold(normalise_space(text[:1500]))
    match = re.search(
        r"\b(?:cai cach hanh chinh|cchc)\b[^.;:]{0,120}?(?<!giai doan )\bnam\s+(20\d\d)\b", head
    )
    return int(match.group(1)) if match else None


def targets_extract(text: str, *, plan_year: int | None = None) -> list[dict]:
    """The targets a plan's text states, in order, each a dict with the keys of export_plan's
    targets (``TARGET_KEYS``), the proposal keys (``PROPOSAL_KEYS``: cumulative, due_date,
    sub_of) and ``source``, the sentence it was read from. ``plan_year``
    (read from the title when not given) dates "năm trước" and the start-of-year baseline of
    "giảm số lượng …"."""
    if plan_year is None:
        plan_year = _plan_year(text)
    items = _items(text)
    has_zones = _assign_zones(items)
    results: list[dict] = []
    for item in items:
        if item.heading:
            continue
        zone = item.zone if has_zones else "mixed"
        if zone not in ("target", "mixed"):
            continue
        statement: list[dict] = []
        body = item.text
        for start, end in _sentences(body):
            sentence = _Sentence(body[start:end], zone, plan_year)
            found = _sentence_targets(sentence)
            for target in found:
                target["statement"] = body if item.code else target["source"]
            statement += found
        whole = None
        for index, target in enumerate(statement):
            if item.code:
                target["code"] = item.code if index == 0 else f"{item.code}.{index}"
            # "… đạt 90%, trong đó lĩnh vực đất đai … tối thiểu 85%": part of the target before
            if target.pop("_sub") and whole is not None:
                target["sub_of"] = whole
            elif target["sub_of"] is None:
                whole = index
        results += statement
    return results


# --- scoring against hand-transcribed targets ----------------------------------------------

#: A transcribed target is found by an extracted one when they agree on the comparator and the
#: numbers, and the extracted one was read from the transcribed statement: at least this share
#: of the target's words are in the extracted ``source``, and this share of the source's words
#: are in the transcribed statement (so a source as long as the whole plan matches nothing).
OVERLAP_MIN = 0.6


def overlap(part: str, whole: str) -> float:
    """Share of the words of ``part`` (diacritics-free, lower case) that occur in ``whole``."""
    words = tokens(part)
    if not words:
        return 0.0
    return len(words & tokens(whole)) / len(words)


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.0001")


def target_matches(expected: dict, extracted: dict) -> bool:
    """Whether one extracted target states the transcribed ``expected`` one (keys: text,
    statement, comparator, value, value_max, levels)."""
    if expected["comparator"] != extracted.get("comparator"):
        return False
    if not _same_number(expected.get("value"), extracted.get("value")):
        return False
    if expected.get("value_max") is not None and not _same_number(
        expected["value_max"], extracted.get("value_max")
    ):
        return False
    if expected.get("levels"):
        got = extracted.get("levels") or {}
        if set(got) != set(expected["levels"]) or not all(
            _same_number(v, got[k]) for k, v in expected["levels"].items()
        ):
            return False
    source = extracted.get("source") or ""
    return (
        overlap(expected["text"], source) >= OVERLAP_MIN
        and overlap(source, expected.get("statement") or expected["text"]) >= OVERLAP_MIN
    )


def score_extraction(expected: list[dict], extracted: list[dict]) -> dict:
    """Recall and precision of ``extracted`` against the transcribed ``expected`` targets, with
    one-to-one matching (maximum bipartite matching: an extracted target finds at most one
    transcribed target, so one "100%" cannot stand for two)."""
    candidates = [[j for j, got in enumerate(extracted) if target_matches(want, got)] for want in expected]
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expected)):
        assign(i, set())
    found = {i: j for j, i in owner.items()}
    misses = [want for i, want in enumerate(expected) if i not in found]
    unmatched = [got for j, got in enumerate(extracted) if j not in owner]
    total, hits = len(expected), len(found)
    return {
        "transcribed": total,
        "found": hits,
        "recall": hits / total if total else 1.0,
        "extracted": len(extracted),
        "false_positives": len(unmatched),
        "precision": hits / len(extracted) if extracted else 1.0,
        "misses": misses,
        "unmatched": unmatched,
        "pairs": [(expected[i], extracted[j]) for i, j in sorted(found.items())],
    }
