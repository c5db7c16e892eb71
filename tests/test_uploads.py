"""The bounded reader of uploaded files (``cchc/uploads.py``): it reads what the readers before it
read (openpyxl's full load for a workbook, an ElementTree walk for a document: both compared
on generated files), and each limit refuses a file just beyond it with a message naming it.
The hostile files of issue 19 and the upload pages are in ``tests/test_upload_limits.py``."""

import io
import random
import zipfile
from datetime import date, datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cchc import uploads
from cchc.uploads import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_STRINGS,
    MAX_TEXT_CHARS,
    UploadTooLarge,
    UploadUnreadable,
    document_read,
    spreadsheet_read,
    text_read,
)
from tests.upload_files import (
    S_NS,
    SHEET_PART,
    W_NS,
    deep_docx,
    docx_bytes,
    far_cell_xlsx,
    paragraph,
    replace_parts,
    xlsx_bytes,
)

W = f"{{{W_NS}}}"
# a spreadsheet's dates and times are naive: so are the ones compared with them


def refused(limit: str, call, *args, **kwargs) -> str:
    with pytest.raises(UploadTooLarge) as caught:
        call(*args, **kwargs)
    assert caught.value.limit == limit
    return str(caught.value)


def compressible(size: int, seed: int = 19) -> bytes:
    """``size`` bytes that deflate about 25:1 (random bytes between runs of spaces): under the
    ratio limit, so only a size limit can refuse them."""
    chance = random.Random(seed)
    block_count = size // 2048 + 1
    return b"".join(chance.randbytes(64) + b" " * 1984 for _ in range(block_count))[:size]


def zip_of(parts: dict[str, bytes], *, level: int = 9) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def sheet_xml(rows_xml: str, *, dimension: str = "", after: str = "") -> bytes:
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{S_NS}">{head}<sheetData>'
        f"{rows_xml}</sheetData>{after}</worksheet>"
    ).encode()


def with_sheet(xml: bytes, *, strings: str | None = None, styles: str | None = None, level: int = 9) -> bytes:
    """openpyxl's workbook with this sheet, and these shared strings and styles, declared as
    Excel declares them (openpyxl finds them by the content types)."""
    base = xlsx_bytes([["x"]])
    package = zipfile.ZipFile(io.BytesIO(base))
    parts = {SHEET_PART: xml}
    types = package.read("[Content_Types].xml").decode()
    rels = package.read("xl/_rels/workbook.xml.rels").decode()
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings.encode()
        types = types.replace(
            "</Types>",
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}.sharedStrings+xml"/></Types>',
        )
        rels = rels.replace(
            "</Relationships>",
            '<Relationship Id="rId9" Target="sharedStrings.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings"/></Relationships>',
        )
    if styles is not None:
        parts["xl/styles.xml"] = styles.encode()
    parts["[Content_Types].xml"] = types.encode()
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    return replace_parts(base, parts, level=level)


# --- what openpyxl read, read the same ---------------------------------------------------------


def openpyxl_rows(content: bytes) -> list[tuple]:
    """What the appendix import read before (openpyxl's full load), rows and cells past the
    last value dropped, for comparing."""
    sheet = load_workbook(io.BytesIO(content), data_only=True).worksheets[0]
    return trimmed(sheet.iter_rows(values_only=True))


def trimmed(rows) -> list[tuple]:
    out = [tuple(row) for row in rows]
    out = [row[: max((i + 1 for i, v in enumerate(row) if v is not None), default=0)] for row in out]
    while out and not out[-1]:
        out.pop()
    return out


cell_value = st.one_of(
    st.none(),
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2100, 1, 1)).map(  # noqa: DTZ001
        lambda d: d.replace(microsecond=0)
    ),
    st.dates(min_value=date(1901, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from(["=1+1", "Sở Nội vụ", "Quý I/2025", "  ", "x005F_y"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(cell_value, max_size=7), max_size=12),
    far=st.one_of(st.none(), st.tuples(st.integers(1, 40), st.integers(1, 30))),
    merges=st.lists(
        st.tuples(st.integers(1, 12), st.integers(1, 7), st.integers(0, 2), st.integers(0, 3)), max_size=3
    ),
)
def test_a_workbook_reads_as_openpyxl_read_it(rows, far, merges):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if far:
        sheet.cell(row=far[0], column=far[1], value="xa")
    taken = set()
    for row, column, down, across in merges:
        cells = {(r, c) for r in range(row, row + down + 1) for c in range(column, column + across + 1)}
        if (down or across) and not cells & taken:
            taken |= cells
            sheet.merge_cells(
                start_row=row, start_column=column, end_row=row + down, end_column=column + across
            )
    out = io.BytesIO()
    workbook.save(out)
    content = out.getvalue()
    read = spreadsheet_read(content)
    assert trimmed(read.rows) == openpyxl_rows(content)
    assert sorted(m.coord for m in read.merged) == sorted(
        m.coord for m in load_workbook(io.BytesIO(content)).worksheets[0].merged_cells.ranges
    )


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")  # openpyxl, reading ours
def test_cell_kinds_as_openpyxl_reads_them():
    """What Excel and LibreOffice write that openpyxl itself does not: rich and phonetic shared
    strings, inline strings, cached formula results, errors, ISO dates, cells without an address,
    a gap between rows, a date style, the 1904 calendar."""
    strings = (
        f'<sst xmlns="{S_NS}"><si><t>Sở Tư pháp</t></si>'
        '<si><r><rPr><b/></rPr><t>Nội </t></r><r><t xml:space="preserve">dung</t></r>'
        '<rPh sb="0" eb="1"><t>bỏ qua</t></rPh></si>'
        "<si><t>A x005F_x000D_ B</t></si><si><t/></si></sst>"
    )
    styles = (
        f'<styleSheet xmlns="{S_NS}"><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
        '<xf numFmtId="164"/><xf numFmtId="46"/></cellXfs>'
        '<dxfs><dxf><numFmt numFmtId="0" formatCode="yyyy"/></dxf></dxfs></styleSheet>'
    )
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c>'
        '<c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>'
        '<row r="3"><c t="inlineStr"><is><t>trong ô</t></is></c><c t="str"><f>A1</f>'
        '<v>Sở Tư pháp</v></c><c t="e"><v>#N/A</v></c><c t="b"><v>1</v></c>'
        '<c t="d"><v>2025-06-30T00:00:00</v></c><c s="1"><v>45838</v></c>'
        '<c s="2"><v>1.5</v></c><c><v>2.50</v></c><c><v>1E3</v></c><c><f>1+1</f></c></row>'
    )
    content = with_sheet(sheet_xml(rows), strings=strings, styles=styles)
    read = spreadsheet_read(content).rows
    assert trimmed(read) == openpyxl_rows(content)
    assert read[0] == ("Sở Tư pháp", None, "Nội dung", "A x000D_ B", "")
    assert read[1] == ()
    assert read[2][:8] == (
        "trong ô",
        "Sở Tư pháp",
        "#N/A",
        True,
        datetime(2025, 6, 30),  # noqa: DTZ001
        datetime(2025, 6, 30),  # noqa: DTZ001
        timedelta(days=1, hours=12),
        2.5,
    )
    assert read[2][8:] == (1000.0, None)
    workbook = (
        zipfile.ZipFile(io.BytesIO(content))
        .read("xl/workbook.xml")
        .replace(b"<workbookPr />", b'<workbookPr date1904="1"/>')
    )
    later = replace_parts(content, {"xl/workbook.xml": workbook})
    assert spreadsheet_read(later).rows[2][5] == datetime(2029, 7, 1)  # noqa: DTZ001
    assert trimmed(spreadsheet_read(later).rows) == openpyxl_rows(later)


def test_a_named_sheet_and_a_missing_one():
    workbook = Workbook()
    workbook.active.append(["một"])
    workbook.create_sheet("Phụ lục 2").append(["hai", 2])
    out = io.BytesIO()
    workbook.save(out)
    assert spreadsheet_read(out.getvalue()).rows == [("một",)]
    named = spreadsheet_read(out.getvalue(), sheet="Phụ lục 2")
    assert (named.title, named.rows) == ("Phụ lục 2", [("hai", 2)])
    with pytest.raises(UploadUnreadable, match="Bảng tính không có trang “Phụ lục 3”"):
        spreadsheet_read(out.getvalue(), sheet="Phụ lục 3")


def test_cells_under_a_merged_range_read_empty_as_before():
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>I. Tiêu đề</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>ẩn dưới ô gộp</t></is></c></row>'
    )
    content = with_sheet(sheet_xml(rows, after='<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>'))
    read = spreadsheet_read(content)
    assert read.rows == [("I. Tiêu đề", None)] and [m.coord for m in read.merged] == ["A1:C1"]
    assert trimmed(read.rows) == openpyxl_rows(content)


# --- documents: the same text as the recursive walk gave ---------------------------------------


def reference_text(content: bytes) -> str:
    """``targets.extraction.text_from_docx`` before issue 19 (a tree, walked recursively)."""
    root = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml"))

    def block(element, lines):
        for child in element:
            if child.tag == f"{W}p":
                para(child, lines)
            elif child.tag != f"{W}sectPr":
                block(child, lines)

    def para(element, lines):
        parts, nested = [], []

        def walk(node):
            for child in node:
                tag = child.tag
                if tag == f"{W}t":
                    parts.append(child.text or "")
                elif tag == f"{W}tab":
                    parts.append("\t")
                elif tag in (f"{W}br", f"{W}cr"):
                    parts.append("\n")
                elif tag == f"{W}noBreakHyphen":
                    parts.append("-")
                elif tag == f"{W}txbxContent":
                    nested.append(child)
                elif tag in (f"{W}delText", f"{W}instrText", f"{W}pPr", f"{W}rPr") or tag.endswith(
                    "}Fallback"
                ):
                    continue
                else:
                    walk(child)

        walk(element)
        lines.extend(line.rstrip() for line in "".join(parts).split("\n"))
        for box in nested:
            block(box, lines)

    body = root.find(f"{W}body")
    lines = []
    block(body if body is not None else root, lines)
    return "\n".join(lines) + ("\n" if lines else "")


MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
TAGS = [
    "w:p",
    "w:r",
    "w:t",
    "w:tab",
    "w:br",
    "w:cr",
    "w:noBreakHyphen",
    "w:txbxContent",
    "w:delText",
    "w:instrText",
    "w:pPr",
    "w:rPr",
    "w:sectPr",
    "w:tbl",
    "w:tr",
    "w:tc",
    "w:sdt",
    "w:sdtContent",
    "w:hyperlink",
    "mc:AlternateContent",
    "mc:Choice",
    "mc:Fallback",
    "w:ins",
    "w:del",
    "w:body",
]
words = st.sampled_from(["", "Tỷ lệ ", "95%", " ", "  cuối  ", "a&amp;b", "x"])


def element(depth: int):
    leaf = words
    if depth == 0:
        return leaf
    child = st.deferred(lambda: element(depth - 1))
    return st.one_of(
        leaf,
        st.builds(
            lambda tag, text, children, tail: f"<{tag}>{text}{''.join(children)}</{tag}>{tail}",
            st.sampled_from(TAGS),
            words,
            st.lists(child, max_size=4),
            words,
        ),
    )


@settings(max_examples=300, deadline=None)
@given(body=st.lists(element(5), max_size=6), wrap=st.booleans())
def test_a_document_reads_as_the_recursive_walk_read_it(body, wrap):
    inner = "".join(body)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}" {MC}>'
        + (f"<w:body>{inner}</w:body>" if wrap else inner)
        + "</w:document>"
    )
    content = zip_of({"word/document.xml": xml.encode()})
    assert "\n".join(document_read(content)) + ("\n" if document_read(content) else "") == reference_text(
        content
    )


def test_a_text_box_comes_after_its_paragraph_and_deleted_text_is_left_out():
    body = (
        "<w:p><w:r><w:t>trước</w:t></w:r><w:r><mc:AlternateContent><mc:Choice>"
        "<w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></mc:Choice>"
        "<mc:Fallback><w:t>bản sao</w:t></mc:Fallback></mc:AlternateContent></w:r>"
        "<w:r><w:t>sau</w:t><w:br/><w:delText>xóa</w:delText><w:t>dòng hai  </w:t></w:r>"
        "</w:p>" + paragraph("tiếp")
    )
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}" {MC}><w:body>{body}</w:body></w:document>'
    content = zip_of({"word/document.xml": xml.encode()})
    assert document_read(content) == ["trướcsau", "dòng hai", "hộp", "tiếp"]
    assert "\n".join(document_read(content)) + "\n" == reference_text(content)


def test_tables_nested_as_deep_as_a_real_document_may_are_read():
    """Tables in tables sixty deep (tbl, tr, tc: 185 levels of XML) are within the depth limit."""
    level = "<w:tbl><w:tr><w:tc>"
    assert document_read(docx_bytes(level * 60 + paragraph("đáy") + "</w:tc></w:tr></w:tbl>" * 60)) == ["đáy"]


# --- each limit, just beyond it -----------------------------------------------------------------


def test_upload_size():
    message = refused("MAX_UPLOAD_BYTES", spreadsheet_read, b"PK" + b"\0" * (5 * 2**20))
    assert message == "Tệp nặng quá 5 MB."
    refused("MAX_UPLOAD_BYTES", text_read, b"a" * (5 * 2**20 + 1))


def test_number_of_parts():
    parts = {f"xl/media/image{n}.png": b"" for n in range(uploads.MAX_PARTS)}
    parts["[Content_Types].xml"] = b"<Types/>"
    message = refused("MAX_PARTS", spreadsheet_read, zip_of(parts))
    assert message == "Tệp nén có quá nhiều thành phần (giới hạn 1.000 thành phần)."


def test_one_part_unpacked():
    big = compressible(uploads.MAX_PART_BYTES + 1)
    message = refused("MAX_PART_BYTES", document_read, zip_of({"word/document.xml": big}))
    assert message == ("Một thành phần của tệp giải nén ra quá lớn (giới hạn 20 MB mỗi thành phần).")


def test_all_parts_unpacked():
    third = compressible(uploads.MAX_UNPACKED_BYTES // 3 + 1)
    parts = {f"word/media/part{n}.bin": third for n in range(3)}
    parts["word/document.xml"] = b"<w:document/>"
    message = refused("MAX_UNPACKED_BYTES", document_read, zip_of(parts))
    assert message == "Tệp giải nén ra quá lớn (giới hạn 50 MB sau khi giải nén)."


def test_compression_ratio_above_the_free_size_only():
    spaces = b" " * (2 * uploads.RATIO_FREE_BYTES)
    xml = f'<w:document xmlns:w="{W_NS}"><w:body>'.encode() + spaces + b"</w:body></w:document>"
    message = refused("MAX_COMPRESSION_RATIO", document_read, zip_of({"word/document.xml": xml}))
    assert message == ("Tệp nén bất thường: một thành phần giải nén ra gấp hơn 100 lần (giới hạn 100 lần).")
    small = xml.replace(spaces, b" " * (uploads.RATIO_FREE_BYTES - 1000))
    assert document_read(zip_of({"word/document.xml": small})) == []


def test_depth():
    message = refused("MAX_XML_DEPTH", document_read, deep_docx(300))
    assert message == "Tệp có cấu trúc lồng nhau quá sâu (giới hạn 256 cấp)."


def test_elements():
    chance = random.Random(19)
    marks = "".join(f"<w:x{chance.getrandbits(12):03x}/>" for _ in range(uploads.MAX_XML_ELEMENTS))
    xml = f'<w:document xmlns:w="{W_NS}"><w:body>{marks}</w:body></w:document>'
    message = refused("MAX_XML_ELEMENTS", document_read, zip_of({"word/document.xml": xml.encode()}, level=1))
    assert message == ("Tệp có quá nhiều thành phần định dạng (giới hạn 1.000.000 phần tử XML).")


def test_rows_declared_and_rows_read():
    message = refused("MAX_ROWS", spreadsheet_read, far_cell_xlsx())
    assert message == "Bảng tính có quá nhiều dòng (giới hạn 20.000 dòng)."
    refused("MAX_ROWS", spreadsheet_read, far_cell_xlsx(dimension=False))
    lying = sheet_xml(f'<row r="{MAX_ROWS + 1}"><c><v>1</v></c></row>', dimension="A1")
    refused("MAX_ROWS", spreadsheet_read, with_sheet(lying))
    last = sheet_xml(f'<row r="{MAX_ROWS}"><c><v>1</v></c></row>')
    rows = spreadsheet_read(with_sheet(last)).rows
    assert len(rows) == MAX_ROWS and rows[-1] == (1,) and rows[0] == ()


def test_columns_declared_and_columns_read():
    message = refused(
        "MAX_COLUMNS",
        spreadsheet_read,
        with_sheet(sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>', dimension="A1:GS1")),
    )
    assert message == "Bảng tính có quá nhiều cột (giới hạn 200 cột)."
    refused(
        "MAX_COLUMNS", spreadsheet_read, with_sheet(sheet_xml('<row r="1"><c r="GS1"><v>1</v></c></row>'))
    )
    unaddressed = "<c><v>1</v></c>" * (MAX_COLUMNS + 1)
    refused("MAX_COLUMNS", spreadsheet_read, with_sheet(sheet_xml(f"<row>{unaddressed}</row>")))
    assert (
        len(spreadsheet_read(with_sheet(sheet_xml('<row r="1"><c r="GR1"><v>1</v></c></row>'))).rows[0])
        == MAX_COLUMNS
    )


def test_cells():
    chance = random.Random(19)
    per_row, rows = 20, MAX_CELLS // 20
    xml = "".join(
        f'<row r="{r}">'
        + "".join(f"<c><v>{chance.getrandbits(20)}</v></c>" for _ in range(per_row))
        + "</row>"
        for r in range(1, rows + 1)
    )
    at_limit = with_sheet(sheet_xml(xml), level=1)
    assert sum(len(row) for row in spreadsheet_read(at_limit).rows) == MAX_CELLS
    one_more = xml + f'<row r="{rows + 1}"><c><v>1</v></c></row>'
    message = refused("MAX_CELLS", spreadsheet_read, with_sheet(sheet_xml(one_more), level=1))
    assert message == "Bảng tính có quá nhiều ô (giới hạn 200.000 ô)."


def test_shared_strings():
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(MAX_STRINGS + 1))
    content = with_sheet(sheet_xml(""), strings=f'<sst xmlns="{S_NS}">{strings}</sst>')
    message = refused("MAX_STRINGS", spreadsheet_read, content)
    assert message == "Bảng tính có quá nhiều chuỗi chữ (giới hạn 200.000 chuỗi)."


def test_merged_cells():
    merges = '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="A3:Z10000"/></mergeCells>'
    message = refused(
        "MAX_MERGED_CELLS",
        spreadsheet_read,
        with_sheet(sheet_xml('<row r="1"><c><v>1</v></c></row>', after=merges)),
    )
    assert message == "Bảng tính có quá nhiều ô gộp (giới hạn 200.000 ô trong các vùng gộp)."


def test_text_characters_of_a_document_and_of_a_text_file():
    line = "x" * 999  # 1 000 characters with its line end
    at_limit = docx_bytes(paragraph(line) * (MAX_TEXT_CHARS // 1000))
    assert len(document_read(at_limit)) == MAX_TEXT_CHARS // 1000
    message = refused("MAX_TEXT_CHARS", document_read, docx_bytes(paragraph(line) * 401))
    assert message == "Văn bản dài quá 400.000 ký tự."
    refused("MAX_TEXT_CHARS", document_read, docx_bytes(paragraph("x" * 500_000)))
    assert "giới hạn" not in refused(
        "MAX_TEXT_CHARS", document_read, docx_bytes(paragraph("ab")), max_chars=2
    )
    assert text_read("ạ".encode() * MAX_TEXT_CHARS) == "ạ" * MAX_TEXT_CHARS
    refused("MAX_TEXT_CHARS", text_read, b"a" * (MAX_TEXT_CHARS + 1))
    refused("MAX_TEXT_CHARS", text_read, b"a" * (4 * MAX_TEXT_CHARS + 4))  # before decoding


def test_the_message_in_english():
    with translation.override("en"):
        message = refused("MAX_ROWS", spreadsheet_read, far_cell_xlsx())
    assert message == "The spreadsheet has too many rows (limit: 20,000 rows)."


# --- not what it says --------------------------------------------------------------------------

XLSX_UNREADABLE = "Tệp không phải bảng tính Excel (.xlsx) đọc được."


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7",
        b"",
        b"PK\x03\x04 broken",
        zip_of({"word/document.xml": b"<w:document/>"}),  # a document
        with_sheet(b"<worksheet><sheetData><row>"),  # broken XML
        with_sheet(sheet_xml('<row r="1"><c t="s"><v>7</v></c></row>')),  # no such string
        with_sheet(sheet_xml('<row r="2"/><row r="1"/>')),  # rows out of order
        with_sheet(sheet_xml('<row r="1"><c r="1A"><v>1</v></c></row>')),  # a bad address
        with_sheet(sheet_xml('<row r="1"><c><v>1,5</v></c></row>')),  # not a number
        with_sheet(
            b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
            b'"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="'
            + S_NS.encode()
            + b'"><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row>'
            b"</sheetData></worksheet>"
        ),  # entities: refused
    ],
    ids=[
        "pdf",
        "empty",
        "broken zip",
        "a docx",
        "broken xml",
        "no string",
        "order",
        "address",
        "number",
        "dtd",
    ],
)
def test_a_file_that_is_no_workbook(content):
    with pytest.raises(UploadUnreadable) as caught:
        spreadsheet_read(content)
    assert str(caught.value) == XLSX_UNREADABLE


def test_a_file_that_is_no_document():
    with pytest.raises(UploadUnreadable, match=r"Tệp không phải tài liệu Word \(\.docx\) hợp lệ"):
        document_read(b"not a zip")
    with pytest.raises(UploadUnreadable, match=r"Tệp không phải tài liệu Word \(\.docx\) hợp lệ"):
        document_read(xlsx_bytes([["x"]]))
    with pytest.raises(UploadUnreadable, match=r"Không đọc được nội dung tài liệu Word"):
        document_read(zip_of({"word/document.xml": b"<w:document"}))
    with pytest.raises(UploadUnreadable, match="mã UTF-8"):
        text_read(b"\xff\xfe\x00")
