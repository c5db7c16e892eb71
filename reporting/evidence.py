"""Evidence files (tài liệu kiểm chứng): which files are accepted and how their type is checked
by content, not by name. Stored outside the web root and served only through a view that checks
access (``views_evidence``)."""

from __future__ import annotations

import hashlib
import os
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cchc.storage import evidence_storage, evidence_upload_to  # noqa: F401 - the model's storage

#: extension → (kind, content type)
ACCEPTED = {
    "pdf": ("pdf", "application/pdf"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpg": ("jpg", "image/jpeg"),
    "jpeg": ("jpg", "image/jpeg"),
    "png": ("png", "image/png"),
}
CONTENT_TYPES = {kind: content_type for kind, content_type in ACCEPTED.values()}
LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "jpg": "JPG", "png": "PNG"}
#: the part a Word or Excel file must contain (they are ZIP archives)
OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_MB * 1024 * 1024


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def detect_kind(head: bytes, zip_names: list[str] | None = None) -> str | None:
    """What the bytes are, whatever the name says: pdf, jpg, png, docx, xlsx or None.
    ``zip_names`` are the member names when the file is a ZIP archive."""
    guess = filetype.guess(head)
    if guess is not None and guess.extension in ("pdf", "jpg", "png"):
        return guess.extension
    if head.startswith(b"PK\x03\x04") and zip_names is not None:
        names = set(zip_names)
        for kind, part in OFFICE_PARTS.items():
            if part in names:
                return kind
    return None


def sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8192)
    zip_names = None
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                zip_names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            zip_names = None
    upload.seek(0)
    return detect_kind(head, zip_names)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def check_upload(upload) -> str:
    """The kind of an uploaded evidence file, or a ValidationError saying in Vietnamese what
    is wrong with it: type by name, size limit, empty, content not matching the name."""
    name = upload.name or ""
    ext = extension_of(name)
    if ext not in ACCEPTED:
        raise ValidationError(
            _("Chỉ nhận tệp PDF, DOCX, XLSX, JPG hoặc PNG; tệp “%(name)s” không thuộc loại này.")
            % {"name": name},
            code="type",
        )
    if upload.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="empty")
    if upload.size > max_bytes():
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s MB, vượt giới hạn %(max)s MB.")
            % {"name": name, "size": _mb(upload.size), "max": settings.EVIDENCE_MAX_MB},
            code="size",
        )
    expected = ACCEPTED[ext][0]
    actual = sniff(upload)
    if actual != expected:
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không phải %(expected)s%(actual)s. Hãy chọn đúng tệp.")
            % {
                "name": name,
                "expected": LABELS[expected],
                "actual": _(" (có vẻ là %s)") % LABELS[actual] if actual else "",
            },
            code="content",
        )
    return expected


def safe_name(name: str) -> str:
    """The name shown and used for downloads: no path, no control or quote characters."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    stem, dot, ext = base.rpartition(".")
    cleaned = "".join(ch for ch in (stem if dot else base) if ch.isprintable() and ch not in '"<>|:*?/\\')
    cleaned = cleaned.strip(" .")[:120] or "minh-chung"
    return f"{cleaned}.{ext.lower()}" if dot and ext else cleaned


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
