"""A plan's PDF read by the bounded reader (``cchc.uploads.pdf_read``: poppler's pdftotext in a
child process, within a page count, a time, a memory and a text limit). The PDFs are made here
with WeasyPrint: a text layer, a page with none (what a scan gives), too many pages."""

import shutil

import pytest
from weasyprint import HTML

from cchc import uploads
from cchc.uploads import UploadScanned, UploadTooLarge, UploadUnreadable, pdf_read

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

PLAN = """
<p>ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN</p>
<p>Số: 35/KH-UBND</p>
<h1>KẾ HOẠCH</h1>
<p>Cải cách hành chính nhà nước tỉnh Hưng Yên năm 2023</p>
<p>a) Trên 95% số hồ sơ TTHC được trả kết quả giải quyết đúng hạn;
phấn đấu 80% hồ sơ TTHC trả kết quả trước hạn.</p>
"""


def pdf(body: str, *, pages: int = 1) -> bytes:
    breaks = '<p style="page-break-before: always">.</p>' * (pages - 1)
    return HTML(string=f"<html><body>{body}{breaks}</body></html>").write_pdf()


def test_the_text_layer_is_read_with_its_vietnamese():
    text = pdf_read(pdf(PLAN))
    assert "Số: 35/KH-UBND" in text
    assert "Trên 95% số hồ sơ TTHC được trả kết quả giải quyết đúng hạn" in " ".join(text.split())


def test_a_pdf_without_a_text_layer_is_refused_with_a_clear_message():
    scan = pdf('<div style="width: 15cm; height: 20cm; background: #888"></div>')
    with pytest.raises(UploadScanned) as refused:
        pdf_read(scan)
    assert "không có lớp chữ" in str(refused.value)
    assert ".docx" in str(refused.value)


def test_too_many_pages_are_refused_before_the_text_is_read():
    with pytest.raises(UploadTooLarge) as refused:
        pdf_read(pdf(PLAN, pages=3), max_pages=2)
    assert refused.value.limit == "MAX_PDF_PAGES"
    assert "giới hạn 2 trang" in str(refused.value)


def test_a_text_beyond_the_limit_is_refused():
    with pytest.raises(UploadTooLarge) as refused:
        pdf_read(pdf(PLAN), max_chars=50)
    assert refused.value.limit == "MAX_TEXT_CHARS"


@pytest.mark.parametrize("content", [b"", b"hello", b"PK\x03\x04 not a pdf", b"%PDF-1.7\n garbage %%EOF"])
def test_what_is_no_readable_pdf_is_refused(content):
    with pytest.raises(UploadUnreadable):
        pdf_read(content)


def test_an_upload_beyond_the_size_limit_is_refused_unread(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(UploadTooLarge) as refused:
        pdf_read(b"%PDF-" + b"0" * 200)
    assert refused.value.limit == "MAX_UPLOAD_BYTES"


def test_a_tool_that_runs_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_SECONDS", 1)
    monkeypatch.setattr(
        uploads, "_pdf_tool", lambda name: "/bin/sleep" if name == "pdftotext" else shutil.which(name)
    )
    monkeypatch.setattr(uploads, "_pdf_text_args", lambda tool, path, pages: [tool, "5"])
    with pytest.raises(UploadTooLarge) as refused:
        pdf_read(pdf(PLAN))
    assert refused.value.limit == "PDF_SECONDS"
