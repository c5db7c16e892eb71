"""Files handed to one user: an attachment that no browser or proxy keeps (evidence files,
report PDFs and spreadsheets). Access is checked by the view before it calls these."""

from io import BytesIO

from django.http import FileResponse, Http404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def private_download(content, *, filename: str, content_type: str) -> FileResponse:
    """``content``: bytes, or an open file."""
    handle = BytesIO(content) if isinstance(content, bytes) else content
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_open(field_file):
    """A stored file opened for reading; a file missing on disk is a 404, not a 500."""
    try:
        return field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
