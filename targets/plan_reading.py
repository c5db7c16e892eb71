"""A whole plan read from its text: header, reform areas, targets and tasks with their agencies.

Pure functions over strings (the agencies to match are passed in as ``AgencyName`` values, as
the appendix import passes them), so a page, a command or a test can read a plan without a
database. The targets come from the extraction engine (:func:`targets.extraction.targets_extract`);
this module adds the rest of what "Tạo kế hoạch từ văn bản" proposes:

1. **Header.** The number and symbol ("Số: 184/KH-UBND"), the place and date ("Hưng Yên, ngày 07
   tháng 12 năm 2021"), the issuing body (the capitals above the number: "ỦY BAN NHÂN DÂN / TỈNH
   HƯNG YÊN"), the title ("KẾ HOẠCH" and the line(s) under it), the year (from the title) and
   the legal bases (the paragraphs that open with "Căn cứ", "Thực hiện", "Theo đề nghị").
2. **Sections.** The plan's headings say what a part holds (:func:`section_of`): targets
   ("MỤC TIÊU", "a) Chỉ tiêu"), tasks ("NHIỆM VỤ, GIẢI PHÁP", "b) Nhiệm vụ"), both ("CÁC CHỈ
   TIÊU, NHIỆM VỤ CHỦ YẾU": an area without "a) Chỉ tiêu"/"b) Nhiệm vụ" lists its tasks),
   responsibilities ("TỔ CHỨC THỰC HIỆN") or neither ("MỤC ĐÍCH, YÊU CẦU", "KINH PHÍ").
3. **Areas.** A numbered heading that names a reform area (:func:`area_of_title`: "Cải cách thể
   chế", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "Đánh giá tác động của
   CCHC …") opens that area; its number and first printed heading are the plan's own.
4. **Tasks.** In a task section, every marked item under an area is a task: its code as printed
   ("2.c" for a letter, "2.3" for the third bullet, "7.3.1" for a "+" sub-item, "1.2.3" as
   printed), its text, the product it names ("Xây dựng Kế hoạch …" → Kế hoạch; "Sản phẩm: …")
   and its time ("Thường xuyên …", "Thời gian: Quý II/2024", "trước ngày 30/6/2024"), read by
   ``plans.deadlines.deadline_parse``.
5. **Agencies.** In "TỔ CHỨC THỰC HIỆN", each numbered body ("5. Sở Tư pháp:") leads the areas
   its clauses put in its charge ("Chủ trì … cải cách thể chế", "chịu trách nhiệm về kết quả …
   “Cải cách thủ tục hành chính”") and cooperates on those a clause starting "phối hợp với …"
   names; a clause without such words goes on with the role of the clause before it
   ("… tổ chức bộ máy; cải cách chế độ công vụ"). The group a lead clause cooperates with
   ("phối hợp với các cơ quan có liên quan") is the area's cooperating group. A task takes its
   area's lead unless its own text names one ("Giao Sở Y tế chủ trì, phối hợp với …", "(Sở Nội
   vụ chủ trì)"). Printed names become agencies through ``agencies.matching.agencies_match``,
   group phrases stay groups, exactly as in the task appendix import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date

from agencies.matching import AgencyName, CellMatch, agencies_match, is_group_phrase
from cchc.text import fold

from .extraction import normalise_space, plan_items, targets_extract

#: the standard reform areas (``plans.ReformArea.code``) and the words of a printed heading or
#: responsibility that name each (diacritics-free, lower case); the first that matches wins
AREA_PATTERNS: tuple[tuple[str, str], ...] = (
    ("chi_dao_dieu_hanh", r"\bchi dao,? dieu hanh\b"),
    ("tac_dong", r"\btac dong\b"),
    ("tthc", r"\b(?:thu tuc hanh chinh|tthc)\b"),
    ("to_chuc_bo_may", r"\bto chuc bo may\b"),
    ("cong_vu", r"\b(?:che do cong vu|cong vu|doi ngu can bo)\b"),
    ("tai_chinh_cong", r"\btai chinh cong\b"),
    ("chinh_quyen_so", r"\b(?:chinh quyen dien tu|chinh quyen so|chinh phu dien tu|chinh phu so)\b"),
    ("the_che", r"\bthe che\b(?! hoa)"),
)
#: in "TỔ CHỨC THỰC HIỆN" the areas are named more strictly ("cải cách thể chế", not "thể chế
#: hóa"; "cải cách TTHC", not any mention of a procedure): a body's other duties name no area
RESPONSIBILITY_PATTERNS: tuple[tuple[str, str], ...] = (
    ("chi_dao_dieu_hanh", r"\bchi dao,? dieu hanh\b"),
    ("tac_dong", r"\btac dong (?:cua )?(?:cai cach hanh chinh|cchc)\b"),
    ("tthc", r"\bcai cach (?:thu tuc hanh chinh|tthc)\b"),
    ("to_chuc_bo_may", r"\bcai cach to chuc bo may\b"),
    ("cong_vu", r"\bcai cach che do cong vu\b"),
    ("tai_chinh_cong", r"\bcai cach tai chinh cong\b"),
    ("chinh_quyen_so", r"\b(?:chinh quyen dien tu|chinh quyen so)\b"),
    ("the_che", r"\bcai cach the che\b"),
)

TARGETS, TASKS, BOTH, ORGANISATION, OTHER = "targets", "tasks", "both", "organisation", "other"

_NUMBER = re.compile(
    r"\bSố\s*:\s*([0-9]{1,6}\s*/\s*[0-9]{0,4}/?\s*[A-ZĐ][A-ZĐa-zđ0-9.&\-]*(?:-[A-ZĐ0-9.&]+)*)"
)
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATE_DIGITS = re.compile(r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.IGNORECASE)
_BASIS = re.compile(r"^(?:căn cứ|thực hiện|theo đề nghị|xét đề nghị)\b", re.IGNORECASE)
_NATIONAL_MOTTO = re.compile(r"cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do|^-+$")
_PRODUCT_VERB = re.compile(
    r"^(?:nghien cuu,?\s+)?(?:ban hanh|xay dung|trinh ban hanh|tham muu ban hanh)"
    r"(?:\s+va\s+(?:to chuc\s+)?trien khai(?:\s+thuc hien)?)?\s+"
    r"(ke hoach|quyet dinh|bao cao|de an|quy che|quy dinh|chuong trinh|chi thi|huong dan)\b"
)
_PRODUCT_LABEL = re.compile(r"\bSản phẩm\s*:\s*([^.;\n]+)", re.IGNORECASE)
_DUE_LABEL = re.compile(r"\bThời (?:gian|hạn)(?: hoàn thành| thực hiện)?\s*:\s*([^.;\n]+)", re.IGNORECASE)
_DUE_BEFORE = re.compile(
    r"\b((?:hoàn thành\s+)?(?:trước|trong)\s+(?:ngày\s+\d{1,2}/\d{1,2}(?:/\d{4})?|"
    r"(?:quý|quí)\s+[IV]{1,3}(?:/\d{4})?|tháng\s+\d{1,2}(?:/\d{4})?))",
    re.IGNORECASE,
)
_DUE_START = re.compile(
    r"^(thường xuyên|hằng năm|hàng năm|hằng quý|hàng quý|định kỳ hằng tháng)\b", re.IGNORECASE
)
_NOTE_LINE = re.compile(r"^\(.*\)\.?$")


# --- the header --------------------------------------------------------------------------------


@dataclass
class PlanHeader:
    number: str = ""  # "184/KH-UBND"; "" when not printed
    issue_date: date | None = None
    year: int | None = None
    issuer: str = ""  # the issuing body as printed above the number, in sentence case
    title: str = ""
    legal_bases: str = ""


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\t", " ")
    return [normalise_space(line) for line in text.splitlines()]


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines broken by a PDF extraction joined back into paragraphs: a line starts a new one
    when the line before ends a sentence (".", ";", ":") and it starts with a capital, a
    marker or a bracket; a blank line alone does not (the seed texts have blank lines inside
    sentences)."""
    paragraphs: list[str] = []
    for line in lines:
        if not line:
            continue
        if _BASIS.match(line) or re.match(r"^[IVX]+\s*[./]\s", line):
            paragraphs.append(line)
            continue
        if paragraphs and not (
            paragraphs[-1].endswith((".", ";", ":")) and re.match(r"[\W\d]|[^\W\d_]", line)
        ):
            paragraphs[-1] += " " + line
            continue
        if paragraphs and not (line[0].isupper() or not line[0].isalpha()):
            paragraphs[-1] += " " + line
            continue
        paragraphs.append(line)
    return paragraphs


def _sentence_case(caps: str, place: str = "") -> str:
    """ "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN" → "Ủy ban nhân dân tỉnh Hưng Yên" (the place name, when
    known, keeps its capitals)."""
    text = caps.lower()
    text = text[:1].upper() + text[1:]
    for name in filter(None, [place]):
        text = re.sub(re.escape(name.lower()), name, text)
    return text


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def header_read(text: str) -> PlanHeader:
    """The plan's number, date, issuing body, title, year and legal bases, as far as the text
    prints them (the top of a plan: the national motto, "Số: …", "<place>, ngày …", "KẾ
    HOẠCH" and its subject, then the "Căn cứ …" paragraphs). Nothing is guessed: what is not
    printed stays empty."""
    lines = _lines(text[:20_000])
    header = PlanHeader()
    heading_at = next((i for i, line in enumerate(lines) if fold(line) == "ke hoach"), None)
    top = lines[: heading_at if heading_at is not None else 12]
    for line in top:
        if not header.number and (m := _NUMBER.search(line)):
            header.number = re.sub(r"\s+", "", m.group(1))
        if header.issue_date is None and (m := _DATE_WORDS.search(line) or _DATE_DIGITS.search(line)):
            header.issue_date = _date(m)
    place = _place(top)
    issuer = [
        line
        for line in top
        if _caps(line) and not _NATIONAL_MOTTO.search(fold(line)) and not line.startswith("Số")
    ]
    header.issuer = _sentence_case(" ".join(issuer), place) if issuer else ""
    if heading_at is None:
        return header
    rest = _paragraphs(lines[heading_at + 1 :])
    subject = []
    for paragraph in rest:
        if _BASIS.match(paragraph) or re.match(r"^[IVX]+\s*[./]", paragraph):
            break
        subject.append(paragraph)
        if len(subject) == 3:
            break
    words = " ".join(subject)
    if words:
        words = _sentence_case(words, place) if _caps(words) else words
        header.title = normalise_space(f"Kế hoạch {words[:1].lower()}{words[1:]}")
    header.year = _title_year(header.title)
    bases = []
    for paragraph in rest[len(subject) :]:
        if not _BASIS.match(paragraph):
            if bases:
                break
            continue
        bases.append(paragraph)
    header.legal_bases = "\n".join(bases)
    return header


def _date(match: re.Match) -> date | None:
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _place(lines: list[str]) -> str:
    """The place printed before the date ("Hưng Yên, ngày …")."""
    for line in lines:
        m = re.match(r"^([^\W\d_][^,]{1,40}),\s*ngày\b", line)
        if m:
            return m.group(1).strip()
    return ""


def _title_year(title: str) -> int | None:
    m = re.search(r"(?<!giai đoạn )\bnăm (20\d\d)\b", title)
    return int(m.group(1)) if m else None


# --- sections and areas ------------------------------------------------------------------------


def area_of_title(title: str) -> str | None:
    """The standard reform area a printed heading names ("2. Cải cách thủ tục hành chính
    (TTHC):" → "tthc"), or None."""
    key = " ".join(re.sub(r"[^\w,]+", " ", fold(title)).split())
    return next((code for code, pattern in AREA_PATTERNS if re.search(pattern, key)), None)


def section_of(heading: str) -> str | None:
    """What a heading says its part holds (module docstring, step 2), or None when it says
    nothing (an area's heading, a body's name)."""
    key = " ".join(re.sub(r"[^\w]+", " ", fold(heading)).split())
    if re.search(r"\b(?:to chuc thuc hien|trach nhiem thuc hien|phan cong nhiem vu)\b", key):
        return ORGANISATION
    targets = bool(re.search(r"\b(?:muc tieu|chi tieu)\b", key))
    tasks = bool(re.search(r"\b(?:nhiem vu|giai phap)\b", key))
    if targets and tasks:
        return BOTH
    if targets:
        return TARGETS
    if tasks:
        return TASKS
    if re.search(r"\b(?:kinh phi|muc dich|yeu cau|can cu|phu luc|ket qua|tinh hinh|danh gia chung)\b", key):
        return OTHER
    return None


@dataclass
class AreaReading:
    area: str  # the standard reform area (``ReformArea.code``)
    code: str  # its number in this plan
    title: str  # its heading as first printed (without number and ":")
    lead: str = ""  # the body "TỔ CHỨC THỰC HIỆN" puts in charge, as printed
    cooperating: str = ""  # the bodies and groups it cooperates with, as printed ("; " between)
    lead_source: str = ""  # the clause that says so


@dataclass
class TaskReading:
    area: str  # standard reform area code ("" when the heading above names none)
    code: str
    text: str
    product: str = ""
    lead: str = ""  # as printed ("; " between names): the task's own or its area's
    cooperating: str = ""
    due_text: str = ""
    subtasks: list[TaskReading] = field(default_factory=list)


@dataclass
class _Walk:
    """Where the reader is: the section a roman or capitals heading opened, the part an area's
    sub-heading opened ("a) Chỉ tiêu", "b) Nhiệm vụ"), the area, the counters of unnumbered
    bullets and the last task a "+" sub-item belongs to."""

    section: str | None = None
    part: str | None = None
    area: tuple[str, str] | None = None  # (standard code or "", printed code)
    bullets: int = 0
    parent: TaskReading | None = None
    letter: TaskReading | None = None


def _heading_title(item) -> str:
    return normalise_space(re.sub(r"[:.]\s*$", "", item.text))


def _split_notes(item) -> tuple[list[str], list[str]]:
    """An item's own lines and, cut off, a bracketed note printed after it on a line of its own
    ("(Nhiệm vụ cụ thể theo Phụ lục đính kèm).")."""
    for index, line in enumerate(item.lines[1:], start=1):
        if line.startswith("(") and item.lines[index - 1].rstrip().endswith((".", ";", ":")):
            return item.lines[:index], item.lines[index:]
    return item.lines, []


def joined(lines: list[str]) -> str:
    """Lines of one item joined with spaces, except after a hyphen that ends a token ("468/QĐ-"
    / "TTg", "2023-" / "2026"): document symbols stay as printed (the seed files' rule)."""
    text = ""
    for line in (normalise_space(line) for line in lines):
        if not line:
            continue
        if text and re.search(r"\S-$", text):
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


def _task_text(item) -> str:
    lines, _notes = _split_notes(item)
    return joined(lines)


# --- the reading -------------------------------------------------------------------------------


@dataclass
class PlanReading:
    header: PlanHeader
    areas: list[AreaReading]
    targets: list[dict]
    tasks: list[TaskReading]

    def as_data(self) -> dict:
        """Plain data (JSON-ready: the date as ISO text), e.g. for a session."""
        data = asdict(self)
        data["header"]["issue_date"] = self.header.issue_date.isoformat() if self.header.issue_date else None
        return data


def plan_read(text: str, *, plan_year: int | None = None) -> PlanReading:
    """Everything the text says a plan holds (module docstring). Agencies stay as printed here;
    :func:`agencies_read` matches them."""
    header = header_read(text)
    year = plan_year or header.year
    items = plan_items(text)
    areas: dict[str, AreaReading] = {}
    tasks: list[TaskReading] = []
    walk = _Walk()
    organisation: list = []
    for item in items:
        if _opens_section(item, walk):
            continue
        if walk.section == ORGANISATION:
            organisation.append(item)
            continue
        if _opens_area(item, walk, areas):
            continue
        if _opens_part(item, walk):
            continue
        zone = walk.part or walk.section
        if zone == TASKS or (zone == BOTH and walk.part is None):
            _add_task(item, walk, tasks)
    _responsibilities(organisation, areas)
    for task in tasks:
        _task_agencies(task, areas)
    targets = targets_extract(text, plan_year=year)
    return PlanReading(header=header, areas=list(areas.values()), targets=targets, tasks=tasks)


def _opens_section(item, walk: _Walk) -> bool:
    if not item.heading or item.kind not in ("roman", "caps"):
        return False
    section = section_of(item.text)
    area = area_of_title(item.text) if section is None else None
    if section is None and area is None:
        return False
    walk.section = section or BOTH
    walk.part, walk.area, walk.bullets, walk.parent, walk.letter = None, None, 0, None, None
    if area is not None:
        walk.area = (area, item.marker)
    return True


def _opens_area(item, walk: _Walk, areas: dict[str, AreaReading]) -> bool:
    """A numbered heading of a target or task section opens an area (a named one, or one the
    reviewer names when the heading matches none)."""
    if walk.section not in (TARGETS, TASKS, BOTH) or item.kind != "number" or "." in item.marker:
        return False
    if not item.heading:
        return False
    title = _heading_title(item)
    if section_of(title) is not None and area_of_title(title) is None:
        return False
    area = area_of_title(title) or ""
    walk.area = (area, item.marker)
    walk.part, walk.bullets, walk.parent, walk.letter = None, 0, None, None
    if area and area not in areas:
        areas[area] = AreaReading(area=area, code=item.marker, title=title)
    return True


def _opens_part(item, walk: _Walk) -> bool:
    """ "a) Chỉ tiêu", "b) Nhiệm vụ" (or "1.1. Nhiệm vụ") inside an area."""
    if not item.heading or item.kind not in ("letter", "number", "bullet"):
        return False
    part = section_of(item.text)
    if part not in (TARGETS, TASKS, BOTH) or len(item.text.split()) > 8:
        return False
    walk.part = part
    walk.bullets, walk.parent, walk.letter = 0, None, None
    return True


def _add_task(item, walk: _Walk, tasks: list[TaskReading]) -> None:
    if walk.area is None or item.kind in (None, "caps", "roman"):
        return
    text = _task_text(item)
    if not text or _NOTE_LINE.match(text):
        return
    area, area_code = walk.area
    if item.kind == "sub":
        parent = walk.parent or walk.letter
        if parent is None:
            return
        task = _task(area, f"{parent.code}.{len(parent.subtasks) + 1}", text)
        parent.subtasks.append(task)
        return
    if item.kind == "bullet" and walk.letter is not None:
        task = _task(area, f"{walk.letter.code}.{len(walk.letter.subtasks) + 1}", text)
        walk.letter.subtasks.append(task)
        walk.parent = task
        return
    if item.kind == "letter":
        code = f"{area_code}.{item.marker}"
    elif item.kind == "bullet":
        walk.bullets += 1
        code = f"{area_code}.{walk.bullets}"
    else:  # a number as printed: "1.2" under area "1"
        code = item.marker
    task = _task(area, code, text)
    tasks.append(task)
    walk.parent = task
    walk.letter = task if item.kind == "letter" else None


def _task(area: str, code: str, text: str) -> TaskReading:
    return TaskReading(area=area, code=code, text=text, product=product_of(text), due_text=due_text_of(text))


def product_of(text: str) -> str:
    """The product a task's text names: "Sản phẩm: Quyết định …", or what its opening verb
    makes ("Ban hành kế hoạch …", "Xây dựng và triển khai thực hiện kế hoạch …" → "Kế hoạch")."""
    if m := _PRODUCT_LABEL.search(text):
        return normalise_space(m.group(1))[:255]
    folded = fold(text)
    if m := _PRODUCT_VERB.match(folded):
        word = text[m.start(1) : m.end(1)]
        return word[:1].upper() + word[1:].lower()
    return ""


def due_text_of(text: str) -> str:
    """The time a task's text prints: "Thời gian: Quý II/2024", "(hoàn thành trước ngày
    30/6/2024)", or a rhythm opening it ("Thường xuyên rà soát …" → "Thường xuyên"). A date
    inside a cited document ("Nghị định số 45/2020/NĐ-CP ngày 08/4/2020") is not one."""
    if m := _DUE_LABEL.search(text):
        return normalise_space(m.group(1))[:120]
    if m := _DUE_START.match(text):
        word = m.group(1)
        return word[:1].upper() + word[1:].lower()
    if m := _DUE_BEFORE.search(text):
        words = m.group(1)
        return words[:1].upper() + words[1:]
    return ""


# --- responsibilities ----------------------------------------------------------------------------

#: the verbs that end a list of bodies ("phối hợp với Sở Tài chính rà soát …"), diacritics-free
_VERBS = (
    "tham muu|trien khai|thuc hien|to chuc|xay dung|ra soat|huong dan|kiem tra|theo doi|don doc"
    "|tong hop|bao cao|danh gia|nghien cuu|ban hanh|cap nhat|giai quyet|cung cap|bao dam|dam bao"
    "|hoan thien|pho bien|tuyen truyen|so hoa|cong bo|ket noi|van hanh|duy tri|nang cap|de xuat"
    "|giup|tu van|chiu trach nhiem|trong|de"
)
_LEAD = re.compile(r"\bchu tri\b|\bchiu trach nhiem\b")
_COOPERATE_START = re.compile(r"^\W*(?:\w+\s+){0,2}?phoi hop\b")
_COOPERATE_WITH = re.compile(rf"\bphoi hop(?: chat che)?(?: voi)? (.+?)(?= (?:{_VERBS})\b|[.;:]|$)")


def _responsibilities(items, areas: dict[str, AreaReading]) -> None:
    """Who leads and who cooperates on each area (module docstring, step 5). A body's block is
    its numbered heading and the items under it."""
    body, role, carried = "", None, False
    for item in items:
        if item.kind in ("number", "roman") and item.heading:
            body, role, carried = _heading_title(item), None, False
            continue
        if not body:
            continue
        text = joined(item.lines)
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])", text):
            # "… các mục tiêu, nhiệm vụ:" then the areas on the next line: the role goes on
            role = role if carried else None
            carried = False
            for clause in sentence.split(";"):
                role = _clause(body, clause, role, areas)
        carried = text.endswith(":")


def _clause(body: str, clause: str, role: str | None, areas: dict[str, AreaReading]) -> str | None:
    folded = " ".join(fold(clause).split())
    if _COOPERATE_START.match(folded) and "chu tri" not in folded:
        role = "cooperate"
    elif _LEAD.search(folded):
        role = "lead"
    named = [code for code, pattern in RESPONSIBILITY_PATTERNS if re.search(pattern, folded)]
    for code in named:
        area = areas.get(code)
        if area is None or role is None:
            continue
        if role == "lead" and not area.lead:
            area.lead, area.lead_source = body, normalise_space(clause)
            if m := _COOPERATE_WITH.search(folded):
                area.cooperating = _join(area.cooperating, _printed(clause, folded, m.span(1)))
        elif role == "cooperate" and body != area.lead:
            area.cooperating = _join(area.cooperating, body)
    return role


def _printed(clause: str, folded: str, span: tuple[int, int]) -> str:
    """The words of ``clause`` at ``span`` of its folded, single-spaced copy."""
    spaced = " ".join(clause.split())
    return spaced[span[0] : span[1]].strip(" ,")


def _join(*parts: str) -> str:
    seen: list[str] = []
    for part in parts:
        for piece in (p.strip() for p in part.split(";")):
            if piece and piece not in seen:
                seen.append(piece)
    return "; ".join(seen)


_INLINE_LEAD = (
    # "(Sở Nội vụ chủ trì, phối hợp với các sở, ngành)", "(Chủ trì: Sở Nội vụ; phối hợp: …)"
    re.compile(
        r"\((?:cơ quan\s+)?chủ trì\s*:\s*(?P<lead>[^;()]+)"
        r"(?:;\s*(?:cơ quan\s+)?phối hợp\s*:\s*(?P<with>[^()]+))?\)",
        re.I,
    ),
    re.compile(
        r"\((?P<lead>[^()]+?)\s+chủ trì"
        r"(?:[,;]\s*(?:phối hợp(?: với)?\s+)?(?P<with>[^()]+?)(?:\s+phối hợp)?)?\)",
        re.I,
    ),
    # "Giao Sở Y tế chủ trì, phối hợp với …", "Sở Nội vụ chủ trì, phối hợp với … tham mưu …"
    re.compile(
        r"\bGiao\s+(?P<lead>.+?)\s+chủ trì(?:,?\s*phối hợp(?: với)?\s+(?P<with>.+?))?(?=[.;]|$)", re.I
    ),
    re.compile(
        r"^(?P<lead>(?:Sở|Văn phòng|Ban|UBND|Ủy ban|Công an|Đài|Báo|Trung tâm)\b.+?)\s+chủ trì"
        r"(?:,?\s*phối hợp(?: với)?\s+(?P<with>.+?))?(?=[.;]|$)"
    ),
)


def _until_verb(printed: str) -> str:
    """Printed bodies up to the verb that follows them ("Sở Tài chính rà soát …" → "Sở Tài
    chính")."""
    folded = fold(printed)
    m = re.search(rf" (?:{_VERBS})\b", folded)
    return printed[: m.start()] if m else printed


def inline_agencies(text: str) -> tuple[str, str] | None:
    """The lead and cooperating bodies a task's own text names, as printed, or None."""
    for pattern in _INLINE_LEAD:
        if m := pattern.search(text):
            lead, with_ = (normalise_space(_until_verb(m.group(g) or "")) for g in ("lead", "with"))
            return lead, with_.strip(" ,")
    return None


def _task_agencies(task: TaskReading, areas: dict[str, AreaReading]) -> None:
    area = areas.get(task.area)
    own = inline_agencies(task.text)
    if own is not None:
        task.lead, task.cooperating = own
    elif area is not None:
        task.lead, task.cooperating = area.lead, area.cooperating
    for sub in task.subtasks:
        sub_own = inline_agencies(sub.text)
        sub.lead, sub.cooperating = sub_own if sub_own is not None else (task.lead, task.cooperating)


# --- agencies ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    """Printed names read as agencies (pks, in printed order), group phrases and what could not
    be placed: what the review page shows and the plan is written from."""

    agencies: tuple[int, ...]
    groups: tuple[str, ...]
    unmatched: tuple[str, ...]


def names_read(printed: str, agencies: list[AgencyName], *, province: str = "") -> Named:
    """``agencies.matching.agencies_match`` over printed names joined by "; " (the task
    appendix's rule: group phrases stay groups)."""
    match: CellMatch = agencies_match(printed or "", agencies, province=province)
    return Named(agencies=match.agencies, groups=match.groups, unmatched=match.unmatched)


def is_group(printed: str, *, province: str = "") -> bool:
    return is_group_phrase(printed, province=province)
