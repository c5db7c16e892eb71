"""Match a printed "Cơ quan chủ trì / phối hợp" cell to agencies and group phrases.

Task appendices come from spreadsheets typed by people: "Sở TT&TT", "Sở Thông tin và Truyền
thông tỉnh Hưng Yên", "So Noi vu", "Sở Tư pháp và các sở, ban, ngành". The importer needs, per
cell, the agencies it names (in printed order), the collective phrases it uses instead of names
("các sở, ban, ngành", "UBND cấp xã", "cơ quan, địa phương liên quan", kept as printed, the way
the seed files keep ``lead_groups`` / ``cooperating_groups``) and whatever it could not place, so
that a person can fix it before anything is written. Pure functions: no database, no Django.

How a cell is read:

1. It is cut into *atoms* at commas, semicolons, newlines, "/" and the word "và" (never inside
   brackets). Commas and "và" also occur inside names ("Sở Văn hóa, Thể thao và Du lịch") and
   group phrases ("UBND các huyện, thị xã, thành phố"), so atoms are only candidates.
2. Runs of up to :data:`MAX_SPAN` adjacent atoms are read as one *piece* and classified: a group
   phrase (a small grammar, :func:`is_group_phrase`), or an agency whose names give the same
   match key. The segmentation that recognises the most atoms wins, then the one with fewer,
   longer pieces, so "các sở, ban, ngành" is one group (group phrases with commas are recognised
   before any comma split counts) and "Sở Tư pháp và các sở, ban, ngành" is an agency + a group.
3. Atoms left over become ``unmatched``; neighbours are glued back together unless the next one
   starts a new body ("Sở Văn hóa, Thể thao và Du lịch" stays one piece, "Sở Xây dựng, Công an
   tỉnh" gives two).

Matching an agency is key *equality*, never a substring: the key (:func:`name_key`) ignores
diacritics, case, punctuation and spacing and expands the :data:`ABBREVIATIONS`; the match key on
top of it drops "và" and makes "tỉnh" and the province's place name optional. The only fallback,
tried when equality finds nothing, strips a role note printed around the name ("Chủ trì:",
"phối hợp với", "(chủ trì)", "- cơ quan thường trực") and tries equality again. A key shared by
two agencies is ambiguous and the piece goes to ``unmatched``.

"UBND các huyện, thị xã, thành phố" (and "UBND cấp huyện", "UBND cấp xã") stays a group phrase:
the seed plans name district-level units only collectively and never expand the phrase into
agencies in a task, and the matcher knows names, not kinds. A caller that wants the districts
expands the phrase itself (every agency of kind ``ubnd_huyen`` under the province).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cchc.text import fold


@dataclass(frozen=True)
class AgencyName:
    pk: int
    names: tuple[str, ...]  # official name, short name, aliases


@dataclass(frozen=True)
class CellMatch:
    agencies: tuple[int, ...]  # matched agency pks, in printed order, no duplicates
    groups: tuple[str, ...]  # group phrases kept as printed
    unmatched: tuple[str, ...]  # pieces naming something neither a known agency nor a group phrase


#: Abbreviations expanded by :func:`name_key`: the letters of each part, in order, and the words
#: they stand for. Parts may be written together or apart, joined by "&", ",", "-", "." or "và"
#: ("TT&TT", "TTTT", "TT & TT"; "LĐ-TB&XH", "LĐTBXH"; "VH,TT&DL", "VHTTDL"). Longer forms first.
ABBREVIATIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("vp", "ubnd"), "Văn phòng Ủy ban nhân dân"),
    (("ubnd",), "Ủy ban nhân dân"),
    (("hdnd",), "Hội đồng nhân dân"),
    (("vp",), "Văn phòng"),
    (("vh", "tt", "dl"), "Văn hóa, Thể thao và Du lịch"),
    (("ld", "tb", "xh"), "Lao động - Thương binh và Xã hội"),
    (("tt", "pvhcc"), "Trung tâm Phục vụ hành chính công"),
    (("tt", "tt"), "Thông tin và Truyền thông"),
    (("tt", "dt"), "Thông tin điện tử"),
    (("kh", "dt"), "Kế hoạch và Đầu tư"),
    (("kh", "cn"), "Khoa học và Công nghệ"),
    (("nn", "ptnt"), "Nông nghiệp và Phát triển nông thôn"),
    (("tn", "mt"), "Tài nguyên và Môi trường"),
    (("gd", "dt"), "Giáo dục và Đào tạo"),
    (("gt", "vt"), "Giao thông vận tải"),
    (("bh", "xh"), "Bảo hiểm xã hội"),
    (("pt", "th"), "Phát thanh và Truyền hình"),
    (("pvhcc",), "Phục vụ hành chính công"),
    (("kstthc",), "Kiểm soát thủ tục hành chính"),
    (("tthc",), "thủ tục hành chính"),
    (("cchc",), "cải cách hành chính"),
    (("bcd",), "Ban Chỉ đạo"),
    (("nhnn",), "Ngân hàng Nhà nước"),
    (("sncl",), "sự nghiệp công lập"),
    (("tp",), "thành phố"),
    (("tx",), "thị xã"),
)

#: The collective phrases of the seed plans' ``*_groups`` fields and of their "TỔ CHỨC THỰC HIỆN"
#: sections. Documentation and test data: recognition is the grammar of :func:`is_group_phrase`,
#: which also accepts their variants ("các sở, ban ngành", "UBND cấp huyện, cấp xã"…).
GROUP_PHRASES: tuple[str, ...] = (
    "các cơ quan liên quan",
    "các cơ quan có liên quan",
    "các cơ quan, đơn vị liên quan",
    "các cơ quan, đơn vị có liên quan",
    "các cơ quan, đơn vị",
    "các cơ quan, đơn vị, địa phương",
    "cơ quan, địa phương liên quan",
    "các đơn vị liên quan",
    "các sở, ban, ngành",
    "các sở, ban ngành",
    "các sở, ban, ngành tỉnh",
    "các sở, ban, ngành thuộc tỉnh",
    "các đơn vị sự nghiệp công lập trực thuộc UBND tỉnh",
    "UBND các huyện, thị xã, thành phố",
    "Ủy ban nhân dân các huyện, thị xã, thành phố",
    "UBND các xã, phường, thị trấn",
    "UBND cấp huyện",
    "UBND cấp xã",
    "UBND cấp huyện, cấp xã",
)

#: Most atoms one piece may span ("các sở, ban, ngành, huyện, thị xã, thành phố" has six).
MAX_SPAN = 8

_D_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def _fold(text: str) -> str:
    """Lower case without diacritics (đ → d), punctuation untouched."""
    text = unicodedata.normalize("NFKD", text).casefold()
    text = unicodedata.normalize("NFKD", text).translate(_D_LETTERS)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_PART_JOIN = r"(?:\s*[&,.\-]\s*|\s+va\s+|\s*)"
_ABBR_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<a{i}>{_PART_JOIN.join(parts)})" for i, (parts, _) in enumerate(ABBREVIATIONS))
    + r")(?!\w)"
)
_ABBR_WORDS = {f"a{i}": f" {_fold(words)} " for i, (_, words) in enumerate(ABBREVIATIONS)}


def name_key(text: str) -> str:
    """Comparable form: no diacritics (đ→d), lower case, punctuation and spacing normalised, common
    abbreviations expanded. "Sở TT&TT" and "So Thong tin va Truyen thong" give the same key."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    folded = _fold(text)
    folded = _ABBR_RE.sub(lambda m: _ABBR_WORDS[m.lastgroup], folded)
    folded = folded.replace("&", " va ")
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


# ---- match keys: "và", "tỉnh" and the province's place name are optional

_DISTRICT_WORDS = frozenset({"huyen", "xa", "pho", "tran", "phuong", "quan", "khu", "thi"})


def _province_parts(province: str) -> tuple[str, str] | None:
    """("tinh", "hung yen") from "Hưng Yên" or "tỉnh Hưng Yên"; ("thanh pho", "hai phong") from
    "thành phố Hải Phòng" (a centrally-run city prints "thành phố" where a province prints "tỉnh")."""
    key = name_key(province)
    for kind in ("tinh", "thanh pho"):
        if key.startswith(kind + " "):
            return kind, key[len(kind) + 1 :]
    return ("tinh", key) if key else None


def _base_key(key: str, province: tuple[str, str] | None) -> str:
    """The key without "và", with the province written one way: "tinh" ("Sở Nội vụ tỉnh Hưng Yên",
    "Đài PT-TH Hưng Yên" → "… tinh"). A place name after a district word stays: "UBND thành phố
    Hưng Yên" is a district, not the province."""
    key = " ".join(w for w in key.split() if w != "va")
    if province is None:
        return key
    kind, place = province
    key = re.sub(rf"(?<!\S)(?:{re.escape(kind)}|tinh) {re.escape(place)}(?!\S)", "tinh", key)
    if key.endswith(" " + place):
        before = key[: -len(place) - 1].split()
        if before and before[-1] not in _DISTRICT_WORDS:
            key = key[: -len(place)] + "tinh"
    return key


def _agency_key(base: str) -> str:
    """A trailing "tỉnh" is optional ("Sở Nội vụ tỉnh" = "Sở Nội vụ") unless one word would be
    left ("Báo tỉnh" stays, so that it still equals "Báo Hưng Yên")."""
    if base.endswith(" tinh") and len(base.split()) > 2:
        return base[:-5]
    return base


# ---- group phrases

_ENTITY = (
    r"(?:co quan chuyen mon|co quan hanh chinh|co quan nha nuoc|co quan"
    r"|don vi su nghiep cong lap|don vi su nghiep|don vi|dia phuong|so|ban|nganh|to chuc"
    r"|doanh nghiep|thi xa|thanh pho|thi tran|huyen|quan|xa|phuong|dac khu|phong)"
)
_QUALIFIER = (
    r"(?:co lien quan|lien quan|(?:truc )?thuoc(?: uy ban nhan dan)?|cap tinh|cap huyen"
    r"|cap xa|tren dia ban|trong|tinh|khac)"
)
_DISTRICT = r"(?:thi xa|thanh pho|thi tran|huyen|quan|xa|phuong|dac khu)"
_BODIES_RE = re.compile(
    rf"(?P<lead>(?:tat ca )?cac |nhung )?{_ENTITY}(?P<more>(?: {_ENTITY})*)(?P<qual>(?: {_QUALIFIER})*)"
)
_UBND_RE = re.compile(
    rf"(?:cac )?uy ban nhan dan (?:cac cap|cap (?:huyen|xa)(?: cap (?:huyen|xa))*"
    rf"|cac {_DISTRICT}(?: (?:cac )?{_DISTRICT})*|{_DISTRICT}(?: (?:cac )?{_DISTRICT})+)"
    rf"(?: {_QUALIFIER})*"
)


def _is_group_base(base: str) -> bool:
    if not base or len(base) > 300:
        return False
    if _UBND_RE.fullmatch(base):
        return True
    m = _BODIES_RE.fullmatch(base)
    return bool(m and (m["lead"] or m["more"] or "lien quan" in m["qual"]))


def is_group_phrase(text: str, *, province: str = "") -> bool:
    """True for a collective phrase standing for several bodies: "các sở, ban, ngành", "cơ quan,
    địa phương liên quan", "UBND các huyện, thị xã, thành phố", "UBND cấp xã"… A single body word
    ("Sở", "đơn vị") is not one unless "các", a second body word or "liên quan" makes it plural."""
    return _is_group_base(_base_key(name_key(text), _province_parts(province)))


# ---- printed pieces

_SEP_RE = re.compile(r"\s*(?:[,;/\n]|(?<![^\s,;/])va(?![^\s,;/]))\s*")
_BRACKETS_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_LEAD_JUNK_RE = re.compile(r"^(?:[\s\-–—+•*·.:,;]+|(?:\d{1,2}[.)]|[a-zđ]\))(?=\s))", re.IGNORECASE)
_TAIL_JUNK_RE = re.compile(r"[\s\-–—+•*·.:,;]+$")
_ROLE_LEAD_RE = re.compile(
    r"^(?:(?:(?:co quan|don vi) )?(?:dong )?(?:chu tri|phoi hop)(?: voi)?|voi)\b\s*[:\-–]?\s*"
)
_ROLE_TAIL_RE = re.compile(
    r"\s*[(\[\-–]?\s*(?:la )?(?:(?:co quan|don vi) )?(?:chu tri|phoi hop|thuong truc|dau moi)\s*[)\]]?$"
)


def _tidy(text: str) -> str:
    """A piece as printed: spacing collapsed, bullets, numbering and trailing ":" or ";" dropped."""
    text = " ".join(text.split())
    for _ in range(5):
        trimmed = _TAIL_JUNK_RE.sub("", _LEAD_JUNK_RE.sub("", text))
        if trimmed == text:
            break
        text = trimmed
    return text


def _strip_role_notes(text: str) -> str:
    """The fallback: "Chủ trì: Sở Nội vụ", "phối hợp với các sở, ban, ngành", "Sở Nội vụ (chủ trì)",
    "Sở Nội vụ - cơ quan Thường trực" without their role notes."""
    folded = fold(text)
    m = _ROLE_LEAD_RE.match(folded)
    start = m.end() if m else 0
    m = _ROLE_TAIL_RE.search(folded, start)
    end = m.start() if m else len(text)
    return _tidy(text[start:end])


_HEADS = (
    "sở",
    "ban",
    "bộ",
    "cục",
    "chi cục",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "văn phòng",
    "vp",
    "trung tâm",
    "đài",
    "báo",
    "cổng",
    "công an",
    "công ty",
    "tổng công ty",
    "kho bạc",
    "ngân hàng",
    "nhnn",
    "bảo hiểm",
    "bhxh",
    "thanh tra",
    "hội",
    "liên đoàn",
    "liên minh",
    "tỉnh đoàn",
    "tỉnh ủy",
    "tỉnh uỷ",
    "huyện ủy",
    "thành ủy",
    "đảng ủy",
    "mặt trận",
    "viện",
    "trường",
    "bệnh viện",
    "phòng",
    "các",
    "cơ quan",
    "đơn vị",
    "hội đồng",
    "hđnd",
    "tòa án",
    "toà án",
    "chủ tịch",
    "lãnh đạo",
    "thường trực",
    "quỹ",
    "chi nhánh",
    "đoàn",
    "bộ chỉ huy",
    "huyện",
    "thị xã",
    "thành phố",
    "xã",
    "phường",
    "thị trấn",
)
_HEADS_FOLDED = frozenset(_fold(h) for h in _HEADS) - {"bao"}  # unaccented "bao": báo or bảo


def _starts_new_body(text: str) -> bool:
    """Whether an unmatched atom begins another body rather than continuing the previous name."""
    low = " ".join(unicodedata.normalize("NFC", text).lower().split())
    if any(low == h or low.startswith(h + " ") for h in _HEADS):
        return True
    folded = _fold(low)
    return folded == low and any(folded == h or folded.startswith(h + " ") for h in _HEADS_FOLDED)


# ---- the matcher


class _Index:
    """Agency match key → pks, for one list of agencies and one province."""

    def __init__(self, agencies, province):
        self.province = province
        self.by_key: dict[str, set[int]] = {}
        for agency in agencies or ():
            names = getattr(agency, "names", ()) or ()
            for name in (names,) if isinstance(names, str) else names:
                if isinstance(name, str) and (key := self.agency_key(name)):
                    self.by_key.setdefault(key, set()).add(agency.pk)

    def base(self, text: str) -> str:
        return _base_key(name_key(text), self.province)

    def agency_key(self, text: str) -> str:
        return _agency_key(self.base(text))


@lru_cache(maxsize=16)
def _cached_index(agencies: tuple, province: tuple[str, str] | None) -> _Index:
    """An import matches every row of a sheet against the same list: key it once."""
    return _Index(agencies, province)


def _index(agencies, province: str) -> _Index:
    parts = _province_parts(province if isinstance(province, str) else "")
    try:
        agencies = tuple(agencies or ())
    except TypeError:
        agencies = ()
    try:
        return _cached_index(agencies, parts)
    except TypeError:  # names given as lists: not hashable, keyed afresh
        return _Index(agencies, parts)


@dataclass(frozen=True)
class _Piece:
    kind: str  # "agency", "group", "ambiguous", "none", "blank"
    text: str = ""  # as printed
    pk: int | None = None
    key: str = ""


def _classify(text: str, index: _Index) -> _Piece:
    printed = _tidy(text)
    if not name_key(printed):
        return _Piece("blank")
    ambiguous = None
    for candidate in dict.fromkeys((printed, _strip_role_notes(printed))):
        base = index.base(candidate)
        if not base:
            continue
        pks = index.by_key.get(_agency_key(base), set())
        if len(pks) == 1:
            return _Piece("agency", candidate, next(iter(pks)), _agency_key(base))
        if len(pks) > 1:
            ambiguous = ambiguous or _Piece("ambiguous", candidate, key=_agency_key(base))
        elif _is_group_base(base):
            return _Piece("group", candidate, key=base)
    if ambiguous:
        return ambiguous
    printed = _strip_role_notes(printed)
    if not name_key(printed):
        return _Piece("blank")
    return _Piece("none", printed, key=index.base(printed))


def _atoms(text: str) -> list[tuple[int, int]]:
    """Spans of `text` between separators; separators inside brackets do not count."""
    folded = fold(text)
    shielded = [(m.start(), m.end()) for m in _BRACKETS_RE.finditer(folded)]
    atoms, start = [], 0
    for m in _SEP_RE.finditer(folded):
        if any(lo < m.start() < hi for lo, hi in shielded):
            continue
        atoms.append((start, m.start()))
        start = m.end()
    atoms.append((start, len(text)))
    return atoms


def _prepare(cell) -> str:
    if not isinstance(cell, str):
        cell = "" if cell is None else str(cell)
    cell = unicodedata.normalize("NFC", cell).replace("\r\n", "\n").replace("\r", "\n")
    cell = re.sub(r"[^\S\n]+", " ", cell)
    return re.sub(r" ?\n[\s]*", "\n", cell)


def agencies_match(cell: str, agencies: list[AgencyName], *, province: str = "") -> CellMatch:
    """`province` is the province's place name (e.g. "Hưng Yên"), optional in names ("Sở Nội vụ" =
    "Sở Nội vụ tỉnh Hưng Yên"). Never raises: anything it cannot place ends up in ``unmatched``."""
    text = _prepare(cell)
    index = _index(agencies, province)
    # Atoms that hold no name ("", "-") are dropped before segmenting.
    spans = [s for s in _atoms(text) if _classify(text[s[0] : s[1]], index).kind != "blank"]
    best = _best_readings(text, spans, index)
    found = _Found(text, spans, index)
    i = 0
    while i < len(spans):
        _, j, p = best[i]
        if p.kind == "none":
            found.loose.append(i)
        else:
            found.flush()
            found.keep(p)
        i = j + 1
    found.flush()
    return found.match()


def _best_readings(text: str, spans: list[tuple[int, int]], index: _Index) -> list:
    """best[i]: (score, end atom, piece) of the best reading of atoms i…n-1 (``best[n]``: the
    empty reading). Score: atoms recognised, atoms in ambiguous pieces, minus the number of
    recognised pieces (fewer, longer pieces win; between equals, the reading whose first piece
    is longest, as one reads left to right)."""
    n = len(spans)
    best: list = [None] * n + [((0, 0, 0), n, _Piece("blank"))]
    for i in range(n - 1, -1, -1):
        for j in range(i, min(n, i + MAX_SPAN)):
            p = _classify(text[spans[i][0] : spans[j][1]], index)
            gain = _gain(p, j - i + 1)
            if gain is None:
                continue
            rest = best[j + 1][0]
            score = (gain[0] + rest[0], gain[1] + rest[1], gain[2] + rest[2])
            if best[i] is None or score >= best[i][0]:  # ties: the longer first piece
                best[i] = (score, j, p)
    return best


def _gain(p: _Piece, width: int) -> tuple[int, int, int] | None:
    """What reading ``width`` atoms as the piece ``p`` adds to a reading's score; None when it is
    no reading (unrecognised atoms are read one at a time, and glued back afterwards)."""
    if p.kind in ("agency", "group"):
        return (width, 0, -1)
    if p.kind == "ambiguous":
        return (0, width, 0)
    if width == 1:
        return (0, 0, 0)
    return None


class _Found:
    """What a cell names, in the order read: agencies (pks), groups (key → as printed) and the
    names that could not be placed. Consecutive unrecognised atoms (``loose``) wait to be glued
    back into printed pieces (``flush``)."""

    def __init__(self, text: str, spans: list[tuple[int, int]], index: _Index):
        self.text, self.spans, self.index = text, spans, index
        self.agencies: dict[int, None] = {}
        self.groups: dict[str, str] = {}
        self.unmatched: dict[str, str] = {}
        self.loose: list[int] = []

    def keep(self, p: _Piece) -> None:
        if p.kind == "agency":
            self.agencies.setdefault(p.pk, None)
        elif p.kind == "group":
            self.groups.setdefault(p.key, p.text)
        elif p.kind in ("ambiguous", "none"):
            self.unmatched.setdefault(p.key or p.text, p.text)

    def flush(self) -> None:
        """The loose atoms as pieces: a run of them is one name unless a ";" or "/" separates
        them or an atom begins another body."""
        text, spans, loose = self.text, self.spans, self.loose
        runs = [[loose[0]]] if loose else []
        for k in loose[1:]:
            if _strong_gap(text, spans[k - 1], spans[k]) or _starts_new_body(text[slice(*spans[k])]):
                runs.append([k])
            else:
                runs[-1].append(k)
        for run in runs:
            self.keep(_classify(text[spans[run[0]][0] : spans[run[-1]][1]], self.index))
        loose.clear()

    def match(self) -> CellMatch:
        return CellMatch(tuple(self.agencies), tuple(self.groups.values()), tuple(self.unmatched.values()))


def _strong_gap(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """A ";" or "/" between two atoms always ends a piece; a comma, newline or "và" may not."""
    return any(ch in ";/" for ch in text[left[1] : right[0]])
