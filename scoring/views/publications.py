"""The Quyết định công bố: its draft (made from the fixed result, PDF in the background), issuing
it with a number and a date, and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.downloads import XLSX, private_download, stored_file_open
from cchc.fields import add_service_error

from .. import access, documents, selectors, services
from ..forms import IssueForm
from ..models import Publication
from .common import error_messages, publication_for, round_for


@login_required
def publication_page(request, pk):
    """GET: the decision (the draft for the Sở Nội vụ and the leadership, the issued one for
    everyone of the province). POST (the Sở Nội vụ): make or refresh the draft."""
    round_ = round_for(request, pk)
    manages = access.can_manage(request.user, round_.province)
    issued = selectors.issued_publication(round_)
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        try:
            services.publication_draft(round_=round_, user=request.user)
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã lập dự thảo quyết định; tệp PDF đang được tạo."))
        return redirect("scoring:publication_page", pk=pk)
    sees_all = access.sees_every_unit(request.user, round_)
    if not access.can_read_ranking(request.user, round_, published=issued is not None):
        raise PermissionDenied
    draft = round_.publications.filter(state=Publication.State.DRAFT).first() if sees_all else None
    publication = issued or draft
    return render(
        request,
        "scoring/publication.html",
        {
            "round": round_,
            "publication": publication,
            "manages": manages,
            "issue_form": IssueForm(year=round_.year) if manages and draft is not None else None,
            "status_url": reverse("scoring:publication_status", args=[publication.pk]) if publication else "",
        },
    )


@login_required
@require_POST
def publication_issue(request, pk):
    publication = publication_for(request, pk, manage=True)
    form = IssueForm(request.POST, year=publication.round.year)
    if form.is_valid():
        try:
            services.publication_issue(
                publication=publication,
                user=request.user,
                number=form.cleaned_data["number"],
                issued_on=form.cleaned_data["issued_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Đã ban hành quyết định số %(n)s; xếp hạng được giữ cố định và mọi đơn vị đều xem được.")
                % {"n": form.cleaned_data["number"]},
            )
            return redirect("scoring:publication_page", pk=publication.round_id)
    return render(
        request,
        "scoring/publication.html",
        {
            "round": publication.round,
            "publication": publication,
            "manages": True,
            "issue_form": form,
            "status_url": reverse("scoring:publication_status", args=[publication.pk]),
        },
        status=400,
    )


@login_required
def publication_status(request, pk):
    publication = publication_for(request, pk)
    return JsonResponse(
        {
            "status": publication.render_status,
            "busy": publication.is_busy,
            "progress": 50 if publication.render_status == "running" else 0,
            "label": str(publication.get_render_status_display()),
        }
    )


@login_required
def publication_pdf(request, pk):
    publication = publication_for(request, pk)
    if not publication.file:
        raise_not_ready()
    return private_download(
        stored_file_open(publication.file),
        filename=documents.publication_filename(publication),
        content_type="application/pdf",
    )


@login_required
def publication_xlsx(request, pk):
    publication = publication_for(request, pk)
    if not publication.data:
        raise_not_ready()
    content = documents.publication_xlsx(
        publication.data, number=publication.number, issued_on=publication.issued_on
    )
    return private_download(
        content, filename=documents.publication_filename(publication, "xlsx"), content_type=XLSX
    )


def raise_not_ready():
    raise Http404(_("Tệp chưa được tạo."))
