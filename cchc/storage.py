"""Where uploaded and generated files are kept: apart from public media, served only through
views that check access (``cchc.downloads``)."""

import uuid

from django.core.files.storage import storages
from django.utils import timezone


def evidence_storage():
    return storages["evidence"]


def evidence_upload_to(instance, filename: str) -> str:
    """Never the user's name on disk: year/month/uuid.ext (the name is kept in the row)."""
    now = timezone.now()
    return f"{now:%Y/%m}/{uuid.uuid4().hex}.{instance.kind}"
