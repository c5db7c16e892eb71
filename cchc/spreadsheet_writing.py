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
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

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


#: the font of a printed administrative document (Nghị định 30/2020/NĐ-CP)
DOCUMENT_FONT = "Times New Roman"


def document_font(*, bold: bool = False, italic: bool = False, size: int = 12) -> Font:
    return Font(name=DOCUMENT_FONT, bold=bold, italic=italic, size=size)


def sheet_title_block(sheet: Worksheet, lines: list[tuple[str, Font]], *, width: int) -> int:
    """A document's title above a table: each line merged across ``width`` columns, centred;
    then an empty row. Returns the row the table starts on."""
    for row, (text, font) in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=text).font = font
        sheet.cell(row=row, column=1).alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    return len(lines) + 2


def sheet_print_setup(sheet: Worksheet, *, header_row: int, landscape: bool = True) -> None:
    """Prints like a document's appendix: A4, landscape, as wide as the page, the table's header
    repeated on every page, pages numbered in the footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "&P/&N"
    sheet.oddFooter.center.font = DOCUMENT_FONT


def sheet_font_set(sheet: Worksheet, *, size: int = 12) -> None:
    """Every written cell in the document font, keeping its bold and italic."""
    for row in sheet.iter_rows():
        for cell in row:
            font = cell.font
            cell.font = Font(
                name=DOCUMENT_FONT,
                size=size if font.sz in (None, 11) else font.sz,
                bold=font.b,
                italic=font.i,
            )
