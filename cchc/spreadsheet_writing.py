"""Every XLSX the app writes (a plan's task appendix, a report's tables) is saved through
:func:`workbook_bytes`, which writes every text as text.

openpyxl stores a string that begins with "=" as a formula, and Excel or LibreOffice take a text
beginning with =, +, -, @, a tab or a carriage return for one when the cell is edited or pasted
elsewhere. Texts here come from users and from imported files: a task text
``=HYPERLINK("http://…"&B3,"Xem chi tiết")`` imported from an appendix became a live formula in
every later export, and the export no longer imported back (a formula has no value until a
spreadsheet program computes it). Such a cell is written as a text cell ("inlineStr", no
``<f>``) with Excel's quote prefix, its text unchanged: it shows, and imports back, as typed.
Numbers (a negative one included) stay numbers."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell

#: what makes a spreadsheet program read a text as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_keep_as_text(cell: Cell) -> None:
    """A cell whose text a spreadsheet would read as a formula is marked as text."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as an .xlsx file, every text in it written as text."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell_keep_as_text(cell)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
