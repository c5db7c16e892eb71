"""Evidence files are never public: each download checks that the user may read the agency
the file belongs to."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from cchc.downloads import private_download, stored_file_open

from ..access import can_read_evidence
from ..evidence import CONTENT_TYPES
from ..models import EvidenceFile


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(EvidenceFile.objects.select_related("agency"), pk=pk)
    if not can_read_evidence(request.user, evidence):
        raise PermissionDenied
    return private_download(
        stored_file_open(evidence.file), filename=evidence.name, content_type=CONTENT_TYPES[evidence.kind]
    )
