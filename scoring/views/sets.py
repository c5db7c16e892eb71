"""The scoring's start page and the criteria sets: the tree, its XLSX, copy, publish, import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import own_province
from cchc.downloads import XLSX, private_download

from .. import access, selectors, services
from ..forms import CopyForm, UploadForm
from ..imports import CriteriaImportError, criteria_workbook
from ..models import Assessment, CouncilMembership, ScoringRound
from .common import criteria_set_for, error_messages


@login_required
def index(request):
    """What the user has to do in the scoring: the rounds of their province (or where they sit
    on the council), their unit's sheet, the criteria sets."""
    user = request.user
    province = own_province(user) if user.role else None
    rounds = (
        list(ScoringRound.objects.filter(province=province).select_related("province"))
        if province is not None
        else []
    )
    council = list(
        CouncilMembership.objects.filter(user=user)
        .select_related("round__province")
        .prefetch_related("units")
    )
    own = []
    if user.agency_id and access.is_unit_staff(user, user.agency_id):
        own = list(
            Assessment.objects.filter(unit_id=user.agency_id).select_related("round").order_by("-round__year")
        )
    sets = selectors.province_sets(province) if province is not None else []
    if user.is_superuser:
        rounds = list(ScoringRound.objects.select_related("province"))
    return render(
        request,
        "scoring/index.html",
        {
            "rounds": rounds,
            "council": council,
            "own": own,
            "sets": sets,
            "manages": province is not None and access.can_manage(user, province),
        },
    )


@login_required
def set_detail(request, pk):
    criteria_set = criteria_set_for(request, pk)
    rows = selectors.tree_rows(list(criteria_set.nodes.select_related("reform_area").order_by("position")))
    manages = access.can_manage(request.user, criteria_set.province)
    survey = sum((r.node.max_points for r in rows if r.is_leaf and r.node.rule_kind == "survey"), start=0)
    return render(
        request,
        "scoring/set_detail.html",
        {
            "set": criteria_set,
            "rows": rows,
            "manages": manages,
            "survey_points": survey,
            "total": sum((r.node.max_points for r in rows if r.depth == 0), start=0),
            "problems": services.criteria_set_problems(criteria_set=criteria_set)
            if manages and not criteria_set.is_published
            else [],
            "copy_form": CopyForm(initial={"year": criteria_set.year + 1}),
            "versions": criteria_set.__class__.objects.filter(
                province=criteria_set.province, year=criteria_set.year, code=criteria_set.code
            ).order_by("version"),
        },
    )


@login_required
def set_xlsx(request, pk):
    criteria_set = criteria_set_for(request, pk)
    nodes = list(criteria_set.nodes.order_by("position"))
    return private_download(
        criteria_workbook(criteria_set, nodes),
        filename=f"bo-chi-so-{criteria_set.code}-{criteria_set.year}-v{criteria_set.version}.xlsx",
        content_type=XLSX,
    )


@login_required
@require_POST
def set_copy(request, pk):
    """A new draft from this set: next year's, or (same year) a new version."""
    criteria_set = criteria_set_for(request, pk)
    access.require_manager(request.user, criteria_set.province)
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect("scoring:set_detail", pk=pk)
    copy = services.criteria_set_copy(source=criteria_set, year=form.cleaned_data["year"], user=request.user)
    messages.success(
        request, _("Đã tạo dự thảo %(title)s (phiên bản %(v)s).") % {"title": copy.title, "v": copy.version}
    )
    return redirect("scoring:set_detail", pk=copy.pk)


@login_required
@require_POST
def set_publish(request, pk):
    criteria_set = criteria_set_for(request, pk)
    try:
        services.criteria_set_publish(criteria_set=criteria_set, user=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ban hành bộ chỉ số; từ nay không sửa được, chỉ tạo phiên bản mới."))
    return redirect("scoring:set_detail", pk=pk)


@login_required
def set_import(request, pk):
    """A draft's tree from an XLSX in the printed layout: all rows or none."""
    criteria_set = criteria_set_for(request, pk)
    if not access.can_manage(request.user, criteria_set.province):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count = services.criteria_set_import(
                    criteria_set=criteria_set, content=form.cleaned_data["file"].read(), user=request.user
                )
            except CriteriaImportError as error:
                errors = error.errors
            except ValidationError as error:
                errors = error_messages(error)
            else:
                messages.success(request, _("Đã nhập %(n)s dòng tiêu chí.") % {"n": count})
                return redirect("scoring:set_detail", pk=pk)
        status = 400
    return render(
        request,
        "scoring/set_import.html",
        {
            "set": criteria_set,
            "form": form,
            "errors": errors,
            "back": reverse("scoring:set_detail", args=[pk]),
        },
        status=status,
    )
