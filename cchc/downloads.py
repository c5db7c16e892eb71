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


def private_json_download(data, *, filename: str):
    """The JSON twin of a spreadsheet download: the same data, UTF-8, readable."""
    import json

    content = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    return private_download(content, filename=filename, content_type="application/json; charset=utf-8")


def stored_file_open(field_file):
    """A stored file opened for reading; a file missing on disk is a 404, not a 500."""
    try:
        return field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
