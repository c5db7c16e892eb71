"""Uploaded files read within bounds: one reader for every import (the task appendix, targets
from a plan's text, and the imports to come).

An uploaded Office file is a ZIP of XML parts, and a small one can unpack to gigabytes or name
the sheet's last cell (XFD1048576) so that a reader building the grid allocates billions of
cells. So, before any XML is parsed: the upload's size, then its ZIP directory (the number of
parts, each part's unpacked size and compression ratio, the total unpacked size). The parts are
then read as a stream (pyexpat, in chunks: no tree is built, nothing recurses, a DTD is refused),
with the nesting depth and the number of elements bounded, and for a sheet the rows, columns,
cells, strings and merged cells counted as they are read (the sheet's declared dimension is
checked first, and the real cells still counted, since the declaration can lie or be missing).
Nothing is ever built from A1 to the far cell: a row is as long as its own last cell.

A file beyond a limit raises :class:`UploadTooLarge`, whose message names the limit; a file that
is not what it says raises :class:`UploadUnreadable`. Both are :class:`UploadError`, a
``ValueError`` whose message is for the user (Vietnamese, translated). The limits are the
``MAX_*`` constants below, listed in SECURITY.md ("Tệp tải lên: giới hạn")."""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
import re
import resource
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601
from openpyxl.worksheet.cell_range import CellRange

MB = 2**20

# --- the limits --------------------------------------------------------------------------------
#: the upload itself (the pages refuse bigger files before reading them)
MAX_UPLOAD_BYTES = 5 * MB
#: parts in the ZIP (a real workbook or document has 10 to 50)
MAX_PARTS = 1_000
#: all parts unpacked (a 5 MB file of real text unpacks to 20-40 MB)
MAX_UNPACKED_BYTES = 50 * MB
#: one part unpacked (the sheet of 20 000 rows of a long appendix is about 10 MB)
MAX_PART_BYTES = 20 * MB
#: a part may unpack to at most this many times its packed size (XML of real files: 5-20)...
MAX_COMPRESSION_RATIO = 100
#: ...when it unpacks to more than this (small parts may have any ratio)
RATIO_FREE_BYTES = 1 * MB
#: elements nested in one another (a real document: under 40, tables in tables included)
MAX_XML_DEPTH = 256
#: elements in one part (200 000 cells take about 600 000)
MAX_XML_ELEMENTS = 1_000_000
#: a sheet's rows, columns (counted to the last row and column used) and cells
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELLS = 200_000
#: the workbook's table of shared strings
MAX_STRINGS = 200_000
#: cells covered by the sheet's merged ranges, all ranges together
MAX_MERGED_CELLS = 200_000
#: characters of a document's or a text file's text (the text a reviewer pastes is held to it
#: too, ``targets.forms.PlanTextForm.MAX_CHARS``)
MAX_TEXT_CHARS = 400_000
#: a PDF's pages (a plan prints 10 to 40, its appendices some more)
MAX_PDF_PAGES = 100
#: seconds poppler's ``pdfinfo`` and ``pdftotext`` may each run (wall clock; CPU time is held
#: to the same), and the memory each may map
PDF_SECONDS = 30
PDF_MEMORY_BYTES = 512 * MB
#: a PDF whose text has fewer letters than this a page, on average, has no text layer (a scan)
PDF_MIN_LETTERS_PER_PAGE = 20

_CHUNK = 64 * 1024
_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class UploadError(ValueError):
    """An uploaded file is refused; the message is for the user."""


class UploadUnreadable(UploadError):
    """The file is not what it says (not a ZIP, a part missing, broken XML, a DTD)."""


class UploadTooLarge(UploadError):
    """The file goes beyond one of the limits; ``limit`` is the constant's name."""

    def __init__(self, message: str, *, limit: str):
        super().__init__(message)
        self.limit = limit


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _too_large(limit: str, value: int | None = None) -> UploadTooLarge:
    """The refusal naming ``limit`` (its constant's value, or ``value`` when a caller holds a
    file to less)."""
    value = globals()[limit] if value is None else value
    messages = {
        "MAX_UPLOAD_BYTES": _("Tệp nặng quá %(limit)s MB."),
        "MAX_PARTS": _("Tệp nén có quá nhiều thành phần (giới hạn %(limit)s thành phần)."),
        "MAX_UNPACKED_BYTES": _("Tệp giải nén ra quá lớn (giới hạn %(limit)s MB sau khi giải nén)."),
        "MAX_PART_BYTES": _(
            "Một thành phần của tệp giải nén ra quá lớn (giới hạn %(limit)s MB mỗi thành phần)."
        ),
        "MAX_COMPRESSION_RATIO": _(
            "Tệp nén bất thường: một thành phần giải nén ra gấp hơn %(limit)s lần (giới hạn %(limit)s lần)."
        ),
        "MAX_XML_DEPTH": _("Tệp có cấu trúc lồng nhau quá sâu (giới hạn %(limit)s cấp)."),
        "MAX_XML_ELEMENTS": _("Tệp có quá nhiều thành phần định dạng (giới hạn %(limit)s phần tử XML)."),
        "MAX_ROWS": _("Bảng tính có quá nhiều dòng (giới hạn %(limit)s dòng)."),
        "MAX_COLUMNS": _("Bảng tính có quá nhiều cột (giới hạn %(limit)s cột)."),
        "MAX_CELLS": _("Bảng tính có quá nhiều ô (giới hạn %(limit)s ô)."),
        "MAX_STRINGS": _("Bảng tính có quá nhiều chuỗi chữ (giới hạn %(limit)s chuỗi)."),
        "MAX_MERGED_CELLS": _("Bảng tính có quá nhiều ô gộp (giới hạn %(limit)s ô trong các vùng gộp)."),
        "MAX_PDF_PAGES": _("Tệp PDF có quá nhiều trang (giới hạn %(limit)s trang)."),
        "PDF_SECONDS": _("Đọc tệp PDF quá lâu (giới hạn %(limit)s giây); tệp có thể bị hỏng."),
    }
    shown = value // MB if limit.endswith("_BYTES") else value
    return UploadTooLarge(messages[limit] % {"limit": _n(shown)}, limit=limit)


# --- the ZIP -----------------------------------------------------------------------------------


def _archive(content: bytes, unreadable: str) -> zipfile.ZipFile:
    """The ZIP of an Office file, once its directory is within the limits. Only the directory
    is read: sizes are the declared ones, and reading a part never yields more than its
    declared size (``zipfile`` stops there, and checks the CRC at the end)."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise _too_large("MAX_UPLOAD_BYTES")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise UploadUnreadable(unreadable) from exc
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise _too_large("MAX_PARTS")
    total = 0
    for part in parts:
        if part.file_size > RATIO_FREE_BYTES and part.file_size > MAX_COMPRESSION_RATIO * max(
            part.compress_size, 1
        ):
            raise _too_large("MAX_COMPRESSION_RATIO")
        if part.file_size > MAX_PART_BYTES:
            raise _too_large("MAX_PART_BYTES")
        total += part.file_size
    if total > MAX_UNPACKED_BYTES:
        raise _too_large("MAX_UNPACKED_BYTES")
    return archive


class _Stream:
    """An XML part read by pyexpat in chunks: ``start``/``end``/``text`` see the elements
    (``uri}name``) as they come; the depth and number of elements are bounded and a DTD
    (where entity bombs live; Office files have none) is refused."""

    def __init__(self):
        self.depth = 0
        self.elements = 0

    def start(self, tag: str, attrs: dict) -> None: ...

    def end(self, tag: str) -> None: ...

    def text(self, data: str) -> None: ...

    def _start(self, tag, attrs):
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_XML_DEPTH:
            raise _too_large("MAX_XML_DEPTH")
        if self.elements > MAX_XML_ELEMENTS:
            raise _too_large("MAX_XML_ELEMENTS")
        self.start(tag, attrs)

    def _end(self, tag):
        self.end(tag)
        self.depth -= 1

    def read(self, archive: zipfile.ZipFile, name: str, unreadable: str):
        def no_dtd(*_args):
            raise UploadUnreadable(unreadable)

        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.buffer_size = _CHUNK
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self.text
        parser.StartDoctypeDeclHandler = no_dtd
        parser.EntityDeclHandler = no_dtd
        try:
            with archive.open(name) as source:
                while chunk := source.read(_CHUNK):
                    parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except UploadError:
            raise
        except (
            KeyError,
            expat.ExpatError,
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            EOFError,
            NotImplementedError,
            RuntimeError,
            ValueError,
            IndexError,
            OverflowError,
        ) as exc:
            # a missing part, broken XML, a bad CRC, an encrypted part, a value that is no number
            raise UploadUnreadable(unreadable) from exc
        return self


# --- spreadsheets ------------------------------------------------------------------------------


@dataclass
class Sheet:
    """A sheet's values: ``rows[0]`` is row 1; a row is a tuple as long as its last cell (a
    row with no cell is ``()``), a cell's value as openpyxl gives it with ``data_only`` (str,
    int, float, bool, datetime, timedelta, None; a formula's last computed value); the cells hidden under
    a merged range are None. ``merged`` are the merged ranges (``CellRange``: ``min_row``,
    ``max_row``, ``coord``…)."""

    title: str
    rows: list[tuple] = field(default_factory=list)
    merged: list[CellRange] = field(default_factory=list)


class _Relationships(_Stream):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []  # (id, type, target)

    def start(self, tag, attrs):
        if tag == _REL and attrs.get("TargetMode") != "External":
            self.found.append((attrs.get("Id", ""), attrs.get("Type", ""), attrs.get("Target", "")))


def _relationships(archive, part: str, unreadable: str) -> list[tuple[str, str, str]]:
    """The relationships of ``part`` (its ``_rels/<name>.rels``), targets as paths in the ZIP."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.NameToInfo:
        return []
    found = _Relationships().read(archive, rels, unreadable).found
    return [
        (
            rid,
            kind,
            posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(folder, target)),
        )
        for rid, kind, target in found
    ]


class _Workbook(_Stream):
    def __init__(self):
        super().__init__()
        self.sheets: list[tuple[str, str]] = []  # (name, relationship id)
        self.date1904 = False

    def start(self, tag, attrs):
        if tag == f"{_S}sheet":
            self.sheets.append((attrs.get("name", ""), attrs.get(f"{_R}id", "")))
        elif tag == f"{_S}workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")


class _Styles(_Stream):
    """Which cell styles show a date or a duration (as openpyxl decides it)."""

    def __init__(self):
        super().__init__()
        self.formats: dict[int, str] = {}
        self.cell_formats: list[int] = []
        self.within = ""  # "numFmts" or "cellXfs" (not the dxfs' and others')

    def start(self, tag, attrs):
        if self.depth == 2 and tag in (f"{_S}numFmts", f"{_S}cellXfs"):
            self.within = tag
        elif self.depth == 3 and tag == f"{_S}numFmt" and self.within == f"{_S}numFmts":
            self.formats[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif self.depth == 3 and tag == f"{_S}xf" and self.within == f"{_S}cellXfs":
            self.cell_formats.append(int(attrs.get("numFmtId", "0")))

    def end(self, tag):
        if self.depth == 2:
            self.within = ""

    def kinds(self) -> tuple[set[int], set[int]]:
        dates, durations = set(), set()
        for style, number_format_id in enumerate(self.cell_formats):
            code = self.formats.get(number_format_id, BUILTIN_FORMATS.get(number_format_id))
            if is_date_format(code):
                dates.add(style)
            if is_timedelta_format(code):
                durations.add(style)
        return dates, durations


class _Text:
    """The text of a rich string (``<si>``, ``<is>``) as openpyxl's ``Text.content``: its own
    ``<t>``, then the ``<t>`` of each run (``<r>``); phonetic runs (``<rPh>``) left out. A
    ``<t>``'s text is what comes before any child element (ElementTree's ``.text``): ``start``
    returns the list that text goes into, for the reader to fill."""

    __slots__ = ("depth", "plain", "runs", "in_run", "t_depth", "buffer")

    def reset(self, depth: int) -> None:
        self.depth = depth  # the depth of the <si>/<is> element
        self.plain: str | None = None
        self.runs: list[str | None] = []
        self.in_run = False
        self.t_depth = 0  # the depth of the <t> being read, 0 when none
        self.buffer: list[str] = []

    def start(self, tag: str, depth: int) -> list[str] | None:
        level = depth - self.depth
        if level == 1 and tag == _S_R:
            self.runs.append(None)
            self.in_run = True
        elif tag == _S_T and (level == 1 or (level == 2 and self.in_run)):
            self.t_depth, self.buffer = depth, []
            return self.buffer
        return None

    def end(self, tag: str, depth: int) -> None:
        if depth == self.t_depth:
            value = "".join(self.buffer) or None
            if depth - self.depth == 1:
                self.plain = value
            else:
                self.runs[-1] = value
            self.t_depth = 0
        elif depth - self.depth == 1 and tag == _S_R:
            self.in_run = False

    def content(self) -> str:
        if not self.runs:
            return self.plain or ""
        return "".join([self.plain or "", *(run for run in self.runs if run is not None)])


class _SharedStrings(_Stream):
    def __init__(self):
        super().__init__()
        self.strings: list[str] = []
        self.current = _Text()
        self.within = False
        self.capture: list[str] | None = None

    def start(self, tag, attrs):
        self.capture = None
        if self.within:
            self.capture = self.current.start(tag, self.depth)
        elif tag == f"{_S}si":
            if len(self.strings) >= MAX_STRINGS:
                raise _too_large("MAX_STRINGS")
            self.current.reset(self.depth)
            self.within = True

    def end(self, tag):
        self.capture = None
        if not self.within:
            return
        if self.depth == self.current.depth:
            self.strings.append(self.current.content().replace("x005F_", ""))
            self.within = False
        else:
            self.current.end(tag, self.depth)

    def text(self, data):
        if self.capture is not None:
            self.capture.append(data)


_DIGITS = "0123456789"
_COLUMNS: dict[str, int] = {}  # letters → number, for the columns within the limit


def _column_of(ref: str) -> int:
    """The column of a cell's address ("AB12" → 28)."""
    letters = ref.rstrip(_DIGITS)
    column = _COLUMNS.get(letters)
    if column is not None and len(letters) < len(ref):
        return column
    if "$" in ref:
        return _column_of(ref.replace("$", ""))
    if not (0 < len(letters) <= 3 and len(letters) < len(ref) and letters.isascii() and letters.isalpha()):
        raise ValueError(f"bad cell reference {ref!r}")
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    if column <= MAX_COLUMNS:
        _COLUMNS[letters] = column
    return column


_S_C, _S_V, _S_IS, _S_ROW = f"{_S}c", f"{_S}v", f"{_S}is", f"{_S}row"
_S_R, _S_T = f"{_S}r", f"{_S}t"


class _Worksheet(_Stream):
    """A sheet's cells, row by row, counted against the limits as they come. The element
    handlers are the hot loop of every import (a sheet at the cell limit has 600 000 elements),
    so they count depth and elements themselves and keep the cell being read in attributes."""

    def __init__(self, strings: list[str], dates: set[int], durations: set[int], epoch):
        super().__init__()
        self.strings, self.dates, self.durations, self.epoch = strings, dates, durations, epoch
        self.rows: list[list] = []
        self.merged: list[CellRange] = []
        self.merged_cells = 0
        self.cells = 0
        self.row: list[tuple[int, object]] | None = None  # (column, value) of the row being read
        self.row_number = 0
        self.column = 0
        # the cell being read: its depth (0 outside a cell), type, style, <v>'s text, <is>
        self.cell_depth = 0
        self.cell_type = self.cell_style = None
        self.value: list[str] | None = None
        self.inline = _Text()
        self.inline_depth = 0  # >0 while inside the cell's <is>; -1 once read
        self.capture: list[str] | None = None

    def _dimension(self, ref: str) -> None:
        """The declared size, checked before any row is read."""
        try:
            _min_col, _min_row, max_col, max_row = range_boundaries(ref.upper())
        except (ValueError, TypeError):
            return  # a broken declaration says nothing; cells are counted
        if max_row and max_row > MAX_ROWS:
            raise _too_large("MAX_ROWS")
        if max_col and max_col > MAX_COLUMNS:
            raise _too_large("MAX_COLUMNS")

    def _start(self, tag, attrs):
        depth = self.depth = self.depth + 1
        self.elements += 1
        if depth > MAX_XML_DEPTH:
            raise _too_large("MAX_XML_DEPTH")
        if self.elements > MAX_XML_ELEMENTS:
            raise _too_large("MAX_XML_ELEMENTS")
        self.capture = None  # an element's text is what comes before its children
        if self.cell_depth:
            if self.inline_depth > 0:
                self.capture = self.inline.start(tag, depth)
            elif depth == self.cell_depth + 1:
                if tag == _S_V and self.value is None:
                    self.capture = self.value = []  # the first <v> only (findtext)
                elif tag == _S_IS and not self.inline_depth:
                    self.inline_depth = depth
                    self.inline.reset(depth)
        elif tag == _S_C:
            if self.row is not None:
                self._cell_start(attrs, depth)
        elif tag == _S_ROW:
            number = int(attrs["r"]) if "r" in attrs else self.row_number + 1
            if number <= self.row_number:
                raise ValueError("rows out of order")
            if number > MAX_ROWS:
                raise _too_large("MAX_ROWS")
            self.rows.extend([] for _ in range(number - self.row_number - 1))
            self.row_number, self.row, self.column = number, [], 0
        elif tag == f"{_S}dimension":
            self._dimension(attrs.get("ref", ""))
        elif tag == f"{_S}mergeCell":
            self._merge(attrs.get("ref", ""))

    def _cell_start(self, attrs, depth):
        ref = attrs.get("r")
        self.column = _column_of(ref) if ref else self.column + 1
        if self.column > MAX_COLUMNS:
            raise _too_large("MAX_COLUMNS")
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise _too_large("MAX_CELLS")
        self.cell_depth = depth
        self.cell_type, self.cell_style = attrs.get("t", "n"), attrs.get("s")
        self.value = None
        self.inline_depth = 0

    def _end(self, tag):
        depth = self.depth
        self.depth = depth - 1
        self.capture = None
        if self.cell_depth:
            if depth == self.cell_depth:
                self.row.append((self.column, self._value()))
                self.cell_depth = 0
            elif self.inline_depth > 0:
                if depth == self.inline_depth:
                    self.inline_depth = -1
                else:
                    self.inline.end(tag, depth)
        elif tag == _S_ROW and self.row is not None:
            values = [None] * max((column for column, _v in self.row), default=0)
            for column, value in self.row:
                values[column - 1] = value
            self.rows.append(values)
            self.row = None

    def text(self, data):
        if self.capture is not None:
            self.capture.append(data)

    def _value(self):
        """openpyxl's ``WorkSheetParser.parse_cell`` with ``data_only``."""
        kind = self.cell_type
        if kind == "inlineStr":
            return self.inline.content() if self.inline_depth else None
        value = "".join(self.value) if self.value else None
        if not value:
            return None
        if kind == "n":
            value = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
            style = int(self.cell_style) if self.cell_style else 0
            if style in self.dates:
                try:
                    return from_excel(value, self.epoch, timedelta=style in self.durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return value
        if kind == "s":
            index = int(value)
            if not 0 <= index < len(self.strings):
                raise IndexError("no such shared string")
            return self.strings[index]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            return from_ISO8601(value)
        return value  # "str" (a formula's text), "e" (an error: #N/A)

    def _merge(self, ref: str) -> None:
        min_col, min_row, max_col, max_row = range_boundaries(ref.upper())
        merged = CellRange(
            min_col=min_col or 1,
            min_row=min_row or 1,
            max_col=max_col or 16_384,
            max_row=max_row or 1_048_576,
        )
        self.merged_cells += merged.size["rows"] * merged.size["columns"]
        if self.merged_cells > MAX_MERGED_CELLS:
            raise _too_large("MAX_MERGED_CELLS")
        self.merged.append(merged)

    def sheet(self, title: str) -> Sheet:
        rows = self.rows
        for merged in self.merged:  # as openpyxl: only the top-left cell keeps its value
            for number in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
                row = rows[number - 1]
                for column in range(merged.min_col, min(merged.max_col, len(row)) + 1):
                    if (number, column) != (merged.min_row, merged.min_col):
                        row[column - 1] = None
        return Sheet(title=title, rows=[tuple(row) for row in rows], merged=self.merged)


def spreadsheet_read(content: bytes, *, sheet: str | None = None) -> Sheet:
    """The values of a workbook's first sheet (or of the sheet named ``sheet``) and its merged
    ranges, read within the limits above. Raises :class:`UploadError`."""
    unreadable = _("Tệp không phải bảng tính Excel (.xlsx) đọc được.")
    archive = _archive(content, unreadable)
    names = archive.NameToInfo
    office = [
        target
        for _id, kind, target in _relationships(archive, "", unreadable)
        if kind.endswith("/officeDocument")
    ]
    workbook_part = office[0] if office else "xl/workbook.xml"
    if workbook_part not in names:
        raise UploadUnreadable(unreadable)
    workbook = _Workbook().read(archive, workbook_part, unreadable)
    rels = _relationships(archive, workbook_part, unreadable)
    by_id = {rid: (kind, target) for rid, kind, target in rels}
    folder = posixpath.dirname(workbook_part)

    def part(kind: str, default: str) -> str | None:
        found = [target for _id, k, target in rels if k.endswith(kind)]
        path = found[0] if found else posixpath.join(folder, default)
        return path if path in names else None

    sheets = [
        (name, by_id[rid][1])
        for name, rid in workbook.sheets
        if rid in by_id and by_id[rid][0].endswith("/worksheet") and by_id[rid][1] in names
    ]
    if sheet is not None:
        sheets = [(name, path) for name, path in sheets if name == sheet]
        if not sheets:
            raise UploadUnreadable(_("Bảng tính không có trang “%(name)s”.") % {"name": sheet})
    if not sheets:
        raise UploadUnreadable(unreadable)
    strings_part, styles_part = part("/sharedStrings", "sharedStrings.xml"), part("/styles", "styles.xml")
    strings = _SharedStrings().read(archive, strings_part, unreadable).strings if strings_part else []
    dates, durations = (
        _Styles().read(archive, styles_part, unreadable).kinds() if styles_part else (set(), set())
    )
    epoch = CALENDAR_MAC_1904 if workbook.date1904 else WINDOWS_EPOCH
    title, path = sheets[0]
    reader = _Worksheet(strings, dates, durations, epoch).read(archive, path, unreadable)
    return reader.sheet(title)


# --- documents ---------------------------------------------------------------------------------

_BLOCK, _PARAGRAPH, _TEXT, _SKIP = range(4)
_SKIPPED_IN_PARAGRAPH = frozenset(f"{_W}{name}" for name in ("delText", "instrText", "pPr", "rPr"))
_SIGNS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


class _Paragraph:
    __slots__ = ("out", "parts", "boxes")

    def __init__(self, out: list[str]):
        self.out = out  # the lines of the block it belongs to
        self.parts: list[str] = []
        self.boxes: list[list[str]] = []  # lines of its text boxes, after its own


class _Document(_Stream):
    """``word/document.xml`` to lines, without building a tree and without recursion: a stack
    of frames, one an open element. The lines are those the body's paragraphs give (table cells
    and content controls included, in document order); a manual line break starts a line;
    deleted text, field codes and the fallback copies of markup-compatibility blocks are left
    out; a text box's paragraphs come after the paragraph that anchors it."""

    def __init__(self, max_chars: int):
        super().__init__()
        self.max_chars = max_chars
        self.lines_chars = 0  # the lines given so far, a line end each
        self.pending_chars = 0  # text read into paragraphs not yet ended
        self.body: list[str] | None = None  # the first <w:body>'s lines, once it is seen
        self.other: list[str] = []  # lines outside it (used only when there is none)
        self.frames: list[tuple] = []  # (kind, paragraph or lines)
        self.capture: list[str] | None = None

    def start(self, tag, attrs):
        self.capture = None
        if not self.frames:
            self.frames.append((_BLOCK, None))  # the root
            return
        kind, context = self.frames[-1]
        if kind == _BLOCK:
            if context is None:  # a child of the root
                if tag == f"{_W}body" and self.body is None:
                    self.body = []
                    context = self.body
                else:
                    context = self.other
            if tag == f"{_W}p":
                self.frames.append((_PARAGRAPH, _Paragraph(context)))
            elif tag == f"{_W}sectPr":
                self.frames.append((_SKIP, None))
            else:
                self.frames.append((_BLOCK, context))
        elif kind == _PARAGRAPH:
            sign = _SIGNS.get(tag)
            if tag == f"{_W}t":
                self.capture = context.parts
                self.frames.append((_TEXT, None))
            elif sign is not None:
                self._add(context, sign)
                self.frames.append((_SKIP, None))
            elif tag == f"{_W}txbxContent":
                box: list[str] = []
                context.boxes.append(box)
                self.frames.append((_BLOCK, box))
            elif tag in _SKIPPED_IN_PARAGRAPH or tag.endswith("}Fallback"):
                self.frames.append((_SKIP, None))
            else:
                self.frames.append((_PARAGRAPH, context))
        else:  # inside <w:t> or a skipped element
            self.frames.append((_SKIP, None))

    def end(self, tag):
        self.capture = None
        kind, context = self.frames.pop()
        if kind == _PARAGRAPH and self.frames[-1][0] != _PARAGRAPH:
            text = "".join(context.parts)
            self.pending_chars -= len(text)
            for line in text.split("\n"):
                line = line.rstrip()
                self.lines_chars += len(line) + 1
                context.out.append(line)
            for box in context.boxes:
                context.out.extend(box)
            self._check()

    def text(self, data):
        if self.capture is not None:
            self.capture.append(data)
            self.pending_chars += len(data)
            self._check()

    def _add(self, paragraph: _Paragraph, text: str) -> None:
        paragraph.parts.append(text)
        self.pending_chars += len(text)
        self._check()

    def _check(self):
        if self.lines_chars + self.pending_chars > self.max_chars:
            raise _too_large_text(self.max_chars)

    def lines(self) -> list[str]:
        return self.body if self.body is not None else self.other


def _too_large_text(max_chars: int) -> UploadTooLarge:
    """The text beyond ``max_chars`` (``MAX_TEXT_CHARS`` unless a caller holds it to less): the
    message the text form gives a pasted text."""
    return UploadTooLarge(_("Văn bản dài quá %s ký tự.") % _n(max_chars), limit="MAX_TEXT_CHARS")


def document_read(content: bytes, *, max_chars: int = MAX_TEXT_CHARS) -> list[str]:
    """The lines of a Word document (.docx): every paragraph of ``word/document.xml`` (body and
    table cells, in document order) on a line of its own, a manual line break starting a new
    one; headers, footers, comments and deleted text left out. Read within the limits above,
    the text (a line end counted as a character) at most ``max_chars``. Raises
    :class:`UploadError`."""
    unreadable = _("Tệp không phải tài liệu Word (.docx) hợp lệ.")
    archive = _archive(content, unreadable)
    if "word/document.xml" not in archive.NameToInfo:
        raise UploadUnreadable(unreadable)
    reader = _Document(max_chars).read(
        archive, "word/document.xml", _("Không đọc được nội dung tài liệu Word (word/document.xml).")
    )
    return reader.lines()


def text_read(content: bytes, *, max_chars: int = MAX_TEXT_CHARS) -> str:
    """A UTF-8 text file (a byte-order mark allowed). Its size is checked before it is decoded:
    more than four bytes a character allowed cannot be ``max_chars`` characters."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise _too_large("MAX_UPLOAD_BYTES")
    if len(content) > 4 * max_chars + 3:
        raise _too_large_text(max_chars)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadUnreadable(_("Tệp văn bản phải ở mã UTF-8.")) from exc
    if len(text) > max_chars:
        raise _too_large_text(max_chars)
    return text


# --- CSV ---------------------------------------------------------------------------------------


def csv_read(content: bytes) -> Sheet:
    """A UTF-8 CSV file (a byte-order mark allowed; comma, semicolon or tab between cells, as
    Excel writes it in a Vietnamese locale) as a :class:`Sheet` with no merged ranges, read
    within the same limits as a workbook's sheet: the upload's size, then rows, columns and
    cells counted while they are read. Raises :class:`UploadError`."""
    import csv

    if len(content) > MAX_UPLOAD_BYTES:
        raise _too_large("MAX_UPLOAD_BYTES")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadUnreadable(_("Tệp CSV phải ở mã UTF-8.")) from exc
    if "\x00" in text:
        raise UploadUnreadable(_("Tệp không phải tệp CSV đọc được."))
    head = "\n".join(text.split("\n", 10)[:10])  # a title line above the table has no separator
    delimiter = max((",", ";", "\t"), key=head.count)
    rows: list[tuple] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(rows) >= MAX_ROWS:
                raise _too_large("MAX_ROWS")
            while row and row[-1].strip() == "":
                row.pop()
            if len(row) > MAX_COLUMNS:
                raise _too_large("MAX_COLUMNS")
            cells += len(row)
            if cells > MAX_CELLS:
                raise _too_large("MAX_CELLS")
            rows.append(tuple(cell.strip() or None for cell in row))
    except csv.Error as exc:
        raise UploadUnreadable(_("Tệp không phải tệp CSV đọc được.")) from exc
    return Sheet(title="CSV", rows=rows, merged=[])


# --- PDF ---------------------------------------------------------------------------------------
#
# A PDF's text is read by poppler's ``pdftotext`` (the ``poppler-utils`` package), run as a child
# process: the parsing of an untrusted file happens outside the web process, held to
# ``PDF_SECONDS`` of wall clock and CPU time and ``PDF_MEMORY_BYTES`` of memory, with no shell
# and an empty environment; its output is read up to what ``max_chars`` characters can take.
# ``pdfinfo`` first gives the page count (a file beyond ``MAX_PDF_PAGES`` is refused before any
# text is extracted) and says whether the file opens at all (a password-protected PDF does not).


class UploadScanned(UploadUnreadable):
    """A PDF without a text layer (a scan or a photograph): nothing to read."""


def _pdf_limits(seconds: int, memory: int):
    def apply() -> None:  # pragma: no cover - runs in the child process
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _pdf_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise UploadUnreadable(
            _("Máy chủ chưa có công cụ đọc PDF (%(tool)s, gói poppler-utils); hãy tải lên tệp Word (.docx).")
            % {"tool": name}
        )
    return path


def _kill(process: subprocess.Popen) -> None:
    """End the tool and anything it started (its own session), and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _pdf_run(args: list[str], *, max_bytes: int, unreadable: str) -> bytes:
    """Run a poppler tool within the limits: its standard output, at most ``max_bytes`` (more
    raises ``UploadTooLarge`` on the text), or ``unreadable`` if it fails."""
    process = subprocess.Popen(  # a fixed tool and the file's path; no shell
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
        preexec_fn=_pdf_limits(PDF_SECONDS, PDF_MEMORY_BYTES),
        start_new_session=True,
    )
    try:
        output = _pdf_collect(process, max_bytes)
    finally:
        if process.poll() is None:
            _kill(process)
    if process.returncode != 0:
        if process.returncode in (-signal.SIGKILL, -signal.SIGXCPU):
            raise _too_large("PDF_SECONDS")
        raise UploadUnreadable(unreadable)
    return output


def _pdf_collect(process: subprocess.Popen, max_bytes: int) -> bytes:
    """The process's output within the time limit and ``max_bytes``."""
    assert process.stdout is not None
    chunks: list[bytes] = []
    size = 0
    deadline = PDF_SECONDS
    start = time.monotonic()
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - (time.monotonic() - start)
            if left <= 0:
                _kill(process)
                raise _too_large("PDF_SECONDS")
            if not selector.select(timeout=left):
                continue
            chunk = os.read(process.stdout.fileno(), _CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                _kill(process)
                raise _too_large_text(max_bytes // 4)
            chunks.append(chunk)
    process.wait(timeout=max(deadline - (time.monotonic() - start), 1))
    return b"".join(chunks)


def _pdf_text_args(tool: str, path: str, pages: int) -> list[str]:
    """pdftotext's arguments: UTF-8, reading order (no layout columns), the first ``pages``
    pages only, the text to standard output."""
    return [tool, "-q", "-enc", "UTF-8", "-l", str(pages), path, "-"]


def pdf_read(content: bytes, *, max_chars: int = MAX_TEXT_CHARS, max_pages: int = MAX_PDF_PAGES) -> str:
    """The text of a PDF's text layer, page after page (a form feed between pages becomes a
    blank line), read within the limits above. A PDF with more than ``max_pages`` pages, a text
    of more than ``max_chars`` characters, or a file poppler takes too long over raises
    :class:`UploadTooLarge`; a file that is no PDF or does not open (a password) raises
    :class:`UploadUnreadable`; a PDF with no text layer (a scan) raises :class:`UploadScanned`,
    whose message says to upload the Word file or a PDF exported from it."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise _too_large("MAX_UPLOAD_BYTES")
    unreadable = _("Tệp không phải PDF đọc được (hỏng, hoặc có mật khẩu).")
    if b"%PDF-" not in content[:1024]:
        raise UploadUnreadable(unreadable)
    pdfinfo, pdftotext = _pdf_tool("pdfinfo"), _pdf_tool("pdftotext")
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as folder:
        path = os.path.join(folder, "upload.pdf")
        with open(path, "wb") as handle:
            handle.write(content)
        info = _pdf_run([pdfinfo, path], max_bytes=64 * 1024, unreadable=unreadable).decode(
            "utf-8", "replace"
        )
        found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
        pages = int(found.group(1)) if found else 0
        if pages < 1:
            raise UploadUnreadable(unreadable)
        if pages > max_pages:
            raise _too_large("MAX_PDF_PAGES", max_pages)
        raw = _pdf_run(
            _pdf_text_args(pdftotext, path, max_pages), max_bytes=4 * max_chars, unreadable=unreadable
        )
    text = raw.decode("utf-8", "replace").replace("\f", "\n\n")
    if len(text) > max_chars:
        raise _too_large_text(max_chars)
    letters = sum(1 for char in text if char.isalpha())
    if letters < PDF_MIN_LETTERS_PER_PAGE * pages:
        raise UploadScanned(
            _(
                "Tệp PDF không có lớp chữ (có thể là bản scan hoặc ảnh chụp), nên không đọc được nội "
                "dung. Hãy tải lên tệp Word (.docx) của kế hoạch, hoặc bản PDF xuất từ tệp Word."
            )
        )
    return text
