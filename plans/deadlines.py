"""A task's time as the plan prints it ("Quý I/2024", "Trước ngày 30/6", "Thường xuyên") read into
a due date and a recurring flag (DOMAIN.md "Tasks"). Pure functions, standard library only, so the
seed loader, forms and imports can share them without a database.

Conventions, taken from how the seed plans (``targets/seed_data/*.yaml``) transcribe times:

- A period means its LAST day: "Quý I/2024" → 31/03/2024, "Tháng 6" → 30/06, "6 tháng đầu năm"
  → 30/06, "6 tháng cuối năm" → 31/12, "9 tháng" → 30/09, "Năm 2024" → 31/12/2024. A range means
  the end of its last part: "Từ tháng 3 đến tháng 6/2024" → 30/06/2024, "Quý II-III/2024" →
  30/09/2024. "Trước (ngày) 30/6" → 30/06: the printed day is the deadline itself, as offices
  read it.
- No year printed: the plan's year. Dates are day-first, always (Vietnamese order).
- "Cả năm", "Trong năm", "Hết năm" → 31/12 of the plan's year, NOT recurring: the seeds mark only
  "Thường xuyên"-style work as recurring; a whole-year task is one piece of work judged at the
  end of the year, which is also the default the progress report gives a task with no date.
- "Thường xuyên", "Liên tục", "Hằng/Hàng năm", "Hằng quý", "(Định kỳ) hằng tháng", "Định kỳ" →
  recurring, due None (the seeds' "Thường xuyên": due_date null, recurring true); a recurring
  task is judged per reporting period against that period's deadline.
- "Theo yêu cầu", "Khi có yêu cầu" → understood, due None, not recurring: the plan fixes no date
  and no rhythm (seed README: due_date only "when due_text gives a date"; recurring only for
  "Thường xuyên"). The text itself tells the reader why there is no date, so it is not flagged.
- An empty text → understood, due None, not recurring: nothing was printed (the seeds' "").
- "Năm 2024 và các năm tiếp theo" / "Từ năm 2024 trở đi" → 31/12 of the later of that year and the
  plan's year, not recurring: this plan answers for its own year (later years belong to later
  plans), and work that started earlier is still due within this plan's year.
- Never guessed, so NOT understood (kept and flagged for a human): impossible dates
  ("31/02/2024", "Quý V", "Tháng 13"); "Trước tháng 6" / "Trước quý IV" (whether the named period
  is included is unclear); "Trong 6 tháng" (within six months of what?); "Từ quý II" with no
  end; "1-3" with no "ngày" and no year (1 March, or months 1 to 3?); a range running backwards;
  a year more than ``YEAR_WINDOW`` years from the plan's (a typo); two-digit years; a recurring
  rhythm with a date ("Hằng năm, trước 15/12"); anything else.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

YEAR_WINDOW = 10  # a printed year further than this from the plan's year is taken for a typo
_LONGEST_KEY = 200  # the model keeps 120 characters; anything longer is not a time


@dataclass(frozen=True)
class Deadline:
    text: str  # the text as printed, whitespace-normalised
    due: date | None  # the due date it means
    recurring: bool  # a recurring task ("Thường xuyên", "Hằng năm", "Hàng quý"...)
    understood: bool  # False: the text is kept and flagged for a human; due None, recurring False


def deadline_parse(text: str, *, year: int) -> Deadline:
    """`year` is the plan's year, used when the text gives none.

    Reads any case, with or without diacritics, any spacing, "/", "-" or "." in dates, "năm" or
    "/" before the year. "Theo yêu cầu" / "Khi có yêu cầu" are understood with no due date and
    not recurring (see the module docstring for every convention). Never raises on a string:
    what it cannot read for certain comes back with ``understood=False``."""
    shown = " ".join(text.split())
    if not shown:
        return Deadline(shown, None, False, True)
    key = _key(shown) if len(shown) <= _LONGEST_KEY else ""
    if not key or len(key) > _LONGEST_KEY:
        return _not_understood(shown)
    lead = _LEAD.match(key)
    body = key[lead.end() :] if lead else key
    if _RECURRING.fullmatch(body):
        return Deadline(shown, None, True, True)
    if _ON_REQUEST.fullmatch(body):
        return Deadline(shown, None, False, True)
    due = _due(body, year)
    return Deadline(shown, due, False, True) if due is not None else _not_understood(shown)


def _not_understood(shown: str) -> Deadline:
    return Deadline(shown, None, False, False)


# --- matching key: lower case, no diacritics, one kind of dash, single spaces -------------------

_LETTERS = str.maketrans({"đ": "d", "ð": "d", "\u2044": "/", "\u2215": "/"})  # Đ, and the Ð
_TRIM = " .;,:\"'“”‘’«»"  # legacy fonts print for it


def _key(shown: str) -> str:
    """The text as the grammar reads it: "Quý II năm 2024" → "quy ii nam 2024". NFKD splits the
    diacritics off (and turns "Ⅳ", full-width digits and slashes into plain ones); combining marks
    and invisible format characters (zero-width space, soft hyphen) are dropped."""
    chars = []
    for ch in unicodedata.normalize("NFKD", shown.casefold().translate(_LETTERS)):
        category = unicodedata.category(ch)
        if category in ("Mn", "Cf"):
            continue
        chars.append("-" if category == "Pd" else ch)
    return " ".join("".join(chars).lower().translate(_LETTERS).split()).strip(_TRIM)


# --- grammar (over the key) -------------------------------------------------------------------

_YEAR = r"([0-9]{4})(?![0-9])"
_NUM = r"([0-9]{1,2})(?![0-9])"
_ROMAN = r"(iv|iii|ii|i|[1-4])(?![a-z0-9])"
_TO_YEAR = r"\s*(?:[/.-]|,?\s*nam)\s*"  # "Quý I/2024", "Quý I năm 2024", "6-2024"
_QUARTER_WORD = r"(?:quy|q)\s*\.?\s*"
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH_WORDS = {"ba": 3, "sau": 6, "chin": 9}

_LEAD = re.compile(r"(?:hoan\s*thanh|thuc\s*hien|xong)(?:\s*:\s*|\s+)")
_UNIT = r"(?:ngay|tuan|thang|quy|nam|(?:6|sau)\s*thang|nua\s*nam)"
_RHYTHM = (
    rf"(?:(?:dinh\s*ky\s*)?(?:hang|moi)\s*{_UNIT}|dinh\s*ky(?:\s*{_UNIT})?"
    r"|thuong\s*xuyen(?:\s*(?:trong|ca)\s*nam(?:\s*[0-9]{4})?)?|lien\s*tuc)"
)
_RECURRING = re.compile(rf"{_RHYTHM}(?:\s*(?:,|;|/|-|va)\s*{_RHYTHM})*")
_ON_REQUEST = re.compile(r"(?:theo|khi\s*co)\s*yeu\s*cau")

_CHAM_NHAT = re.compile(r"(?:cham|muon)\s*nhat(?:\s*la)?(?:\s*:\s*|\s+|(?=[0-9]))")
_QUALIFIER = re.compile(
    r"(den\s*het|toi\s*het|den\s*cuoi|trong\s*suot|han\s*chot|truoc|trong|het|cuoi|vao|den|toi|han"
    r"|ca|suot)(?:\s*:\s*|\s+|(?=[0-9]))"
)
_DAY_ONLY = {"truoc", "den", "toi", "han", "han chot"}  # "Trước tháng 6": June in or out?
_WHOLE = {"ca", "suot", "trong suot"}  # "Cả năm", "Suốt quý I": not a day
_YEARLESS_YEAR = _WHOLE | {"trong", "het", "cuoi", "den het", "toi het", "den cuoi"}
_FROM = re.compile(r"tu(?:\s+|(?=[0-9]))")
_RANGE_TO = re.compile(r"\s*(?:-|(?:cho\s*)?(?:den|toi)(?:\s*het)?)\s*")
_ONWARD = re.compile(
    r"\s*(?:,|;|-)?\s*(?:(?:va\s*)?(?:cac|nhung)\s*nam\s*"
    r"(?:tiep\s*theo|ke\s*tiep|sau\s*do|sau|tiep)|tro\s*(?:di|ve\s*sau))$"
)


@dataclass(frozen=True)
class _Span:
    """A stretch of calendar the text names: a day, a month, a quarter, part of a year or a year.
    ``year`` None: the text printed none. ``form``: "bare" ("9 tháng") takes no qualifier;
    "needs_qualifier" ("năm" alone) is a time only after "Cả", "Trong"…"""

    kind: str
    first_month: int
    last_month: int
    day: int | None = None
    year: int | None = None
    form: str = ""

    def bounds(self, year: int) -> tuple[date, date] | None:
        """First and last day in ``year``; None when no such day exists (31/02, Tháng 13)."""
        try:
            if self.day is not None:
                day = date(year, self.first_month, self.day)
                return day, day
            last_day = calendar.monthrange(year, self.last_month)[1]
            return date(year, self.first_month, 1), date(year, self.last_month, last_day)
        except (ValueError, OverflowError):
            return None


def _year(*groups: str | None) -> int | None:
    return next((int(g) for g in groups if g), None)


def _day_month(m: re.Match) -> _Span | None:
    with_day_word, day, sep, month = m.group(1), m.group(2), m.group(3), m.group(4)
    found = _year(m.group(5), m.group(6))
    if sep == "-" and found is None and not with_day_word and int(day) <= 12:
        return None  # "1-3": 1 March, or months 1 to 3?
    return _Span("date", int(month), int(month), day=int(day), year=found)


def _part_of_year(m: re.Match) -> _Span:
    count = int(m.group(1)) if m.group(1) else _MONTH_WORDS[m.group(2)]
    if m.group(3) == "dau":
        return _Span("part", 1, count, year=_year(m.group(4)))
    return _Span("part", 13 - count if 1 <= count <= 12 else 0, 12, year=_year(m.group(4)))


_Reading = tuple[re.Pattern, Callable[[re.Match], _Span | None]]

_ATOMS: list[_Reading] = [
    (
        re.compile(rf"(ngay\s*)?{_NUM}\s*([/.-])\s*{_NUM}(?:\s*\3\s*{_YEAR}|\s*,?\s*nam\s*{_YEAR})?"),
        _day_month,
    ),  # 30/6/2024, ngày 15-12, 31.12
    (
        re.compile(rf"(?:ngay\s*)?{_NUM}\s*thang\s*{_NUM}(?:{_TO_YEAR}{_YEAR})?"),
        lambda m: _Span("date", int(m[2]), int(m[2]), day=int(m[1]), year=_year(m[3])),
    ),
    (
        re.compile(rf"thang\s*{_NUM}(?:{_TO_YEAR}{_YEAR})?"),
        lambda m: _Span("month", int(m[1]), int(m[1]), year=_year(m[2])),
    ),
    (
        re.compile(rf"{_NUM}\s*[/.-]\s*{_YEAR}"),  # 6/2024
        lambda m: _Span("month", int(m[1]), int(m[1]), year=_year(m[2])),
    ),
    (
        re.compile(rf"{_QUARTER_WORD}{_ROMAN}(?:{_TO_YEAR}{_YEAR})?"),
        lambda m: _Span("quarter", 3 * _QUARTERS[m[1]] - 2, 3 * _QUARTERS[m[1]], year=_year(m[2])),
    ),
    (
        re.compile(rf"(?:([0-9]{{1,2}})|(ba|sau|chin))\s*thang\s*(dau|cuoi)\s*nam(?:\s*[/.-]?\s*{_YEAR})?"),
        _part_of_year,
    ),  # 6 tháng đầu năm (2024)
    (
        re.compile(rf"nua\s*(dau|cuoi)\s*nam(?:\s*[/.-]?\s*{_YEAR})?"),
        lambda m: _Span("part", *((1, 6) if m[1] == "dau" else (7, 12)), year=_year(m[2])),
    ),
    (
        re.compile(rf"(6|9|sau|chin)\s*thang(?:{_TO_YEAR}{_YEAR})?"),  # the "6 tháng", "9 tháng" periods
        lambda m: _Span("part", 1, _MONTH_WORDS.get(m[1]) or int(m[1]), year=_year(m[2]), form="bare"),
    ),
    (re.compile(rf"(?:nam|giai\s*doan)\s*{_YEAR}"), lambda m: _Span("year", 1, 12, year=_year(m[1]))),
    (re.compile(r"nam(?![a-z0-9])"), lambda m: _Span("year", 1, 12, form="needs_qualifier")),
]

# A range's end may leave out the word its start printed: "Tháng 3-6/2024", "Quý II-III/2024".
_BARE_ENDS: dict[str, _Reading] = {
    "month": (
        re.compile(rf"{_NUM}(?:{_TO_YEAR}{_YEAR})?"),
        lambda m: _Span("month", int(m[1]), int(m[1]), year=_year(m[2])),
    ),
    "quarter": (
        re.compile(rf"{_ROMAN}(?:{_TO_YEAR}{_YEAR})?"),
        lambda m: _Span("quarter", 3 * _QUARTERS[m[1]] - 2, 3 * _QUARTERS[m[1]], year=_year(m[2])),
    ),
    "year": (re.compile(_YEAR), lambda m: _Span("year", 1, 12, year=_year(m[1]))),
}


def _spans_at(body: str, pos: int, candidates: list[_Reading]) -> list[tuple[_Span, int]]:
    """Every reading of ``body`` from ``pos`` as one span, with where each stops."""
    found = []
    for pattern, build in candidates:
        m = pattern.match(body, pos)
        if m is not None:
            span = build(m)
            if span is not None:
                found.append((span, m.end()))
    return found


def _single(body: str) -> _Span | None:
    return next((span for span, end in _spans_at(body, 0, _ATOMS) if end == len(body)), None)


def _range(body: str) -> tuple[_Span, _Span] | None:
    """ "A - B", "A đến B": the end may be bare (tried first, so "Quý 2-3/2024" is quarters)."""
    for start, start_end in _spans_at(body, 0, _ATOMS):
        to = _RANGE_TO.match(body, start_end)
        if to is None or start.form:
            continue
        bare = [_BARE_ENDS[start.kind]] if start.kind in _BARE_ENDS else []
        for end, end_end in _spans_at(body, to.end(), bare + _ATOMS):
            if end_end == len(body) and not end.form:
                return start, end
    return None


def _plausible(found: int | None, plan_year: int) -> bool:
    return found is None or abs(found - plan_year) <= YEAR_WINDOW


def _due(body: str, plan_year: int) -> date | None:
    """The due date ``body`` names, or None when it names none for certain."""
    onward = _ONWARD.search(body)
    if onward is not None:
        body = body[: onward.start()]
    qualifiers = set()
    m = _CHAM_NHAT.match(body)  # "Chậm nhất (là) ngày 30/6", "… quý I"
    if m is not None:
        qualifiers.add("cham nhat")
        body = body[m.end() :]
    m = _QUALIFIER.match(body)
    if m is not None:
        qualifiers.add(" ".join(m.group(1).split()))
        body = body[m.end() :]
    starts_from = _FROM.match(body)
    if starts_from is not None:
        body = body[starts_from.end() :]
    if onward is not None:
        return _due_onward(body, qualifiers, plan_year)
    if starts_from is None:
        span = _single(body)
        if span is not None:
            return _due_single(span, qualifiers, plan_year)
    if qualifiers & _DAY_ONLY:
        return None
    pair = _range(body)
    return _due_range(*pair, plan_year) if pair is not None else None


def _due_single(span: _Span, qualifiers: set[str], plan_year: int) -> date | None:
    if qualifiers & _DAY_ONLY and span.kind != "date":
        return None
    if qualifiers & _WHOLE and span.kind == "date":
        return None
    if span.form == "bare" and qualifiers:
        return None  # "Trong 6 tháng": within six months of what?
    if span.form == "needs_qualifier" and not qualifiers & _YEARLESS_YEAR:
        return None
    if not _plausible(span.year, plan_year):
        return None
    bounds = span.bounds(span.year if span.year is not None else plan_year)
    return bounds[1] if bounds else None


def _due_range(start: _Span, end: _Span, plan_year: int) -> date | None:
    """The end of the range. A year printed on one side only holds for both."""
    if not (_plausible(start.year, plan_year) and _plausible(end.year, plan_year)):
        return None
    start_bounds = start.bounds(start.year or end.year or plan_year)
    end_bounds = end.bounds(end.year or start.year or plan_year)
    if start_bounds is None or end_bounds is None:
        return None
    if start_bounds[0] > end_bounds[0] or start_bounds[1] > end_bounds[1]:
        return None  # runs backwards: misprint or unstated year
    return end_bounds[1]


def _due_onward(body: str, qualifiers: set[str], plan_year: int) -> date | None:
    """ "Năm 2024 và các năm tiếp theo", "Từ năm 2024 trở đi": due in this plan's year at the
    latest, or at the end of the starting year when that comes later."""
    span = _single(body)
    if span is None or span.kind != "year" or qualifiers - _YEARLESS_YEAR:
        return None
    if span.form == "needs_qualifier" and not qualifiers:
        return None
    if not _plausible(span.year, plan_year):
        return None
    bounds = span.bounds(max(span.year or plan_year, plan_year))
    return bounds[1] if bounds else None
