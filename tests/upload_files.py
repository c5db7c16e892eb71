"""Hostile and plausible uploads, made on the spot (nothing is stored in the repository): the
spreadsheet whose only cell is XFD1048576, zip bombs (a repetitive part deflated at level 9),
the document of 100 000 nested tables, and documents and sheets that look real but are too big.
``tests/test_upload_limits.py`` feeds them to ``cchc.uploads`` and to the upload pages."""

import io
import random
import re
import struct
import zipfile
import zlib

from openpyxl import Workbook

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET_PART = "xl/worksheets/sheet1.xml"

#: words of a real plan, drawn at random so a generated text compresses like a real one
_PLAN_WORDS = (
    "cải cách hành chính thủ tục hồ sơ giải quyết đúng hạn tỷ lệ trên đạt năm kế hoạch "
    "cơ quan đơn vị sở ban ngành ủy nhân dân tỉnh huyện xã phường thị trấn người dân "
    "doanh nghiệp dịch vụ công trực tuyến toàn trình một phần số hóa kết quả chuyển đổi "
    "chính quyền điện tử công chức viên chức kiểm tra giám sát đánh giá chỉ số hài lòng "
    "phục vụ tiếp nhận trả bộ phận cửa liên thông văn bản quy phạm pháp luật rà soát "
    "ban hành thực hiện tổ chức bộ máy tinh gọn hiệu lực hiệu quả tài chính công"
)
WORDS = _PLAN_WORDS.split(" ")


def xlsx_bytes(rows=(), cells: dict[str, object] | None = None) -> bytes:
    """A real workbook made by openpyxl: ``rows`` appended from A1, then ``cells`` by address."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for address, value in (cells or {}).items():
        sheet[address] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def replace_parts(content: bytes, parts: dict[str, bytes | None], *, level: int = 9) -> bytes:
    """``content`` (a ZIP) with some parts replaced (or removed, for None), deflated at
    ``level`` (9 packs repetitive XML best; 1 is quicker to make)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for info in source.infolist():
            if info.filename in parts:
                continue
            archive.writestr(info.filename, source.read(info.filename))
        for name, data in parts.items():
            if data is not None:
                archive.writestr(name, data)
    return out.getvalue()


def with_streamed_part(content: bytes, name: str, head: bytes, unit: bytes, count: int, tail: bytes) -> bytes:
    """``content`` (a ZIP) with part ``name`` = head + unit × count + tail, deflated: a zip bomb
    when ``unit`` repeats. The unpacked part is never held or compressed whole: ``unit`` is
    deflated once in a chunk of about 1 MB that references nothing before it, and that chunk's
    deflate blocks are repeated (a valid deflate stream), so a 1 GB part takes about a second."""
    per_chunk = max(1, 2**20 // len(unit))
    chunk, whole, rest = unit * per_chunk, count // per_chunk, count % per_chunk

    def deflated(data: bytes, *, final: bool = False) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    chunk_deflated = deflated(chunk)
    stream = b"".join([deflated(head), chunk_deflated * whole, deflated(unit * rest + tail, final=True)])
    crc = zlib.crc32(head)
    for _ in range(whole):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, zlib.crc32(unit * rest, crc))
    size = len(head) + len(chunk) * whole + len(unit) * rest + len(tail)
    assert size < 2**32, "no ZIP64 here"
    source = zipfile.ZipFile(io.BytesIO(content))
    members = [
        (
            i.filename,
            deflated(source.read(i.filename), final=True),
            zlib.crc32(source.read(i.filename)),
            i.file_size,
        )
        for i in source.infolist()
        if i.filename != name
    ]
    members.append((name, stream, crc, size))
    out, central = io.BytesIO(), io.BytesIO()
    for filename, data, member_crc, member_size in members:
        encoded = filename.encode()
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                member_crc,
                len(data),
                member_size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                out.tell(),
            )
            + encoded
        )
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                8,
                0,
                0x21,
                member_crc,
                len(data),
                member_size,
                len(encoded),
                0,
            )
            + encoded
            + data
        )
    offset = out.tell()
    out.write(central.getvalue())
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central.getvalue()), offset, 0
        )
    )
    return out.getvalue()


# --- spreadsheets ------------------------------------------------------------------------------


def far_cell_xlsx(*, dimension: bool = True) -> bytes:
    """A 2 KB workbook whose only cell is XFD1048576 (the last cell Excel has). Without
    ``dimension``, the sheet's <dimension> tag is taken out, so only reading finds it."""
    content = xlsx_bytes(cells={"XFD1048576": "x"})
    if dimension:
        return content
    sheet = zipfile.ZipFile(io.BytesIO(content)).read(SHEET_PART)
    return replace_parts(content, {SHEET_PART: re.sub(rb"<dimension[^>]*/>", b"", sheet)})


def xlsx_bomb(unpacked_mb: int) -> bytes:
    """A workbook whose sheet XML unpacks to about ``unpacked_mb`` MB of rows of ten cells
    without addresses (each one a new cell to openpyxl), deflated ~1000:1."""
    unit = b"<row>" + b"<c><v>1</v></c>" * 10 + b"</row>"
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{S_NS}"><sheetData>'
    ).encode()
    return with_streamed_part(
        xlsx_bytes([["TT"]]),
        SHEET_PART,
        head,
        unit,
        unpacked_mb * 2**20 // len(unit),
        b"</sheetData></worksheet>",
    )


def xlsx_too_many_rows(rows: int = 25_000) -> bytes:
    """A plausible appendix, only too long: a header and ``rows`` task rows of varied words
    (the sheet written directly, with inline strings: openpyxl takes seconds for this many)."""
    chance = random.Random(19)
    header = [
        "TT",
        "Nội dung (nhiệm vụ)",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
        "Sản phẩm",
    ]

    def row(number: int, values) -> str:
        cells = "".join(
            f'<c r="{column}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
            for column, value in zip("ABCDEF", values, strict=False)
        )
        return f'<row r="{number}">{cells}</row>'

    body = [row(1, header)] + [
        row(
            number,
            [
                number - 1,
                " ".join(chance.choices(WORDS, k=12)),
                "Sở Nội vụ",
                "UBND cấp huyện",
                "Quý II/2025",
                "Báo cáo",
            ],
        )
        for number in range(2, rows + 2)
    ]
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{S_NS}">'
        f'<dimension ref="A1:F{rows + 1}"/><sheetData>{"".join(body)}</sheetData></worksheet>'
    )
    return replace_parts(xlsx_bytes([["TT"]]), {SHEET_PART: sheet.encode()})


# --- documents ---------------------------------------------------------------------------------


def docx_bytes(body: str | bytes) -> bytes:
    """A minimal Word document with ``body`` (WordprocessingML) in <w:body>."""
    if isinstance(body, str):
        body = body.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
            + body
            + b"</w:body></w:document>",
        )
    return buffer.getvalue()


def paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx_bomb(unpacked_mb: int) -> bytes:
    """A document whose word/document.xml unpacks to about ``unpacked_mb`` MB of one repeated
    paragraph."""
    unit = paragraph("- Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 95%.").encode()
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
    return with_streamed_part(
        docx_bytes(""),
        "word/document.xml",
        head,
        unit,
        unpacked_mb * 2**20 // len(unit),
        b"</w:body></w:document>",
    )


def deep_docx(depth: int = 100_000, *, varied: bool = True) -> bytes:
    """``depth`` tables each nested in the one before, a paragraph at the bottom. ``varied``
    gives every table a random revision id (as Word writes them), so the part does not compress
    like a bomb and only its depth can refuse it."""
    chance = random.Random(19)
    opening = "".join(
        f'<w:tbl w:rsidR="{chance.getrandbits(32):08X}">' if varied else "<w:tbl>" for _ in range(depth)
    )
    return docx_bytes(opening + paragraph("đáy") + "</w:tbl>" * depth)


def plausible_docx(paragraphs: int, *, seed: int = 19) -> bytes:
    """A document of ``paragraphs`` numbered paragraphs of random plan words, with the revision
    ids and run properties Word writes: it compresses like a real one (about 5:1)."""
    chance = random.Random(seed)
    pool = [
        (
            f'<w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr>'
            f'<w:t xml:space="preserve">{{}}. {" ".join(chance.choices(WORDS, k=chance.randint(10, 40)))}.'
            "</w:t></w:r></w:p>"
        )
        for _ in range(3000)
    ]
    parts = [
        f'<w:p w:rsidR="{chance.getrandbits(32):08X}">' + chance.choice(pool).format(n + 1)
        for n in range(paragraphs)
    ]
    return docx_bytes("".join(parts))
