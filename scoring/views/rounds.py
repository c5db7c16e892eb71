"""A province's round: its units and where each stands (self vs appraised side by side), the
windows, the recompute from the plan's data, the survey's points, fixing the result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.collation import vietnamese
from cchc.downloads import XLSX, private_download

from .. import access, jobs, selectors, services, sources
from ..forms import UploadForm, WindowsForm, read_points
from ..imports import CriteriaImportError, survey_workbook
from ..models import CouncilMembership, LeafScore
from ..rules import RuleKind
from .common import error_messages, managed_round, round_for


def _freshness(round_) -> dict:
    """Whether the bound leaves wait for a recompute, or the plan's figures changed since."""
    plan = sources.year_plan(round_.province_id, round_.year)
    updated = sources.progress_updated_at(plan.id) if plan else None
    return {
        "pending": jobs.pending_since(round_.pk),
        "plan": plan,
        "changed": bool(
            updated and round_.computed_at and updated > round_.computed_at and not round_.is_final
        ),
    }


@login_required
def round_detail(request, pk):
    round_ = round_for(request, pk)
    user = request.user
    manages = access.can_manage(user, round_.province)
    unit_ids = (
        None
        if access.sees_every_unit(user, round_)
        else access.readable_unit_ids(user, round_, round_.assessments.values_list("unit_id", flat=True))
    )
    results = selectors.round_results(round_, unit_ids=unit_ids)
    council = (
        list(CouncilMembership.objects.filter(round=round_).select_related("user").prefetch_related("units"))
        if access.sees_every_unit(user, round_)
        else []
    )
    return render(
        request,
        "scoring/round_detail.html",
        {
            "round": round_,
            "results": results,
            "manages": manages,
            "council": council,
            "windows_form": WindowsForm(initial={f: getattr(round_, f) for f in WindowsForm.base_fields}),
            "sees_all": unit_ids is None,
            "my_units": access.council_units(user, round_),
            "published": selectors.issued_publication(round_),
            **_freshness(round_),
        },
    )


@login_required
@require_POST
def round_windows(request, pk):
    round_ = managed_round(request, pk)
    form = WindowsForm(request.POST)
    if form.is_valid():
        try:
            services.round_windows_set(round_=round_, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã lưu thời hạn các bước."))
    else:
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label}: {' '.join(errors)}"
                if field in form.fields
                else " ".join(errors),
            )
    return redirect("scoring:round_detail", pk=pk)


@login_required
@require_POST
def round_recompute(request, pk):
    """Ask for the recompute of every bound leaf (the job runs in the background)."""
    round_ = managed_round(request, pk)
    with transaction.atomic():
        jobs.recompute_request(round_.pk)
    messages.success(request, _("Đã yêu cầu tính lại điểm từ dữ liệu kế hoạch."))
    return redirect("scoring:round_detail", pk=pk)


def _survey_table(round_):
    """Units × survey leaves, with the points entered (two queries)."""
    rows = (
        LeafScore.objects.filter(assessment__round=round_, node__rule_kind=RuleKind.SURVEY)
        .values(
            "pk",
            "assessment_id",
            "assessment__unit__name",
            "assessment__unit__code",
            "node_id",
            "node__code",
            "node__max_points",
            "survey_points",
        )
        .order_by("assessment__group", vietnamese("assessment__unit__name"), "node__position")
    )
    codes, units = [], {}
    for row in rows:
        if row["node__code"] not in codes:
            codes.append(row["node__code"])
        unit = units.setdefault(
            row["assessment_id"],
            {"name": row["assessment__unit__name"], "code": row["assessment__unit__code"], "cells": {}},
        )
        unit["cells"][row["node__code"]] = row
    codes.sort(key=lambda c: [int(p) for p in c.split(".")])
    table = [(aid, unit, [unit["cells"].get(code) for code in codes]) for aid, unit in units.items()]
    return codes, table


@login_required
def survey(request, pk):
    """The survey's points per unit and survey leaf: typed, or imported from an XLSX."""
    round_ = managed_round(request, pk)
    codes, table = _survey_table(round_)
    errors: dict[str, list[str]] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        values = {}
        for aid, _unit, cells in table:
            for cell in cells:
                if cell is None:
                    continue
                name = f"survey-{aid}-{cell['node_id']}"
                typed[name] = request.POST.get(name, "")
                try:
                    values[(aid, cell["node_id"])] = read_points(typed[name])
                except ValidationError as error:
                    errors[name] = error.messages
        if not errors:
            try:
                changed = services.survey_points_set(round_=round_, user=request.user, points=values)
            except ValidationError as error:
                errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            else:
                messages.success(request, _("Đã lưu %(n)s điểm điều tra.") % {"n": changed})
                return redirect("scoring:survey", pk=pk)
        for aid, _unit, cells in table:
            for cell in cells:
                if cell is not None:
                    name = f"survey-{aid}-{cell['node_id']}"
                    cell["typed"], cell["errors"] = typed.get(name), errors.get(name, [])
    return render(
        request,
        "scoring/survey.html",
        {
            "round": round_,
            "codes": codes,
            "table": table,
            "errors": errors,
            "general_errors": [
                m for key, values in errors.items() if not key.startswith("survey-") for m in values
            ],
            "upload": UploadForm(),
        },
        status=400 if errors else 200,
    )


@login_required
def survey_template(request, pk):
    round_ = managed_round(request, pk)
    codes, table = _survey_table(round_)
    rows = [
        (unit["code"], unit["name"], [c["survey_points"] if c else None for c in cells])
        for _aid, unit, cells in table
    ]
    return private_download(
        survey_workbook(rows, codes), filename=f"diem-dieu-tra-xhh-{round_.year}.xlsx", content_type=XLSX
    )


@login_required
@require_POST
def survey_import(request, pk):
    round_ = managed_round(request, pk)
    form = UploadForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        try:
            changed = services.survey_import(
                round_=round_, user=request.user, content=form.cleaned_data["file"].read()
            )
        except CriteriaImportError as error:
            problems = error.errors
        except ValidationError as error:
            problems = error_messages(error)
        else:
            messages.success(request, _("Đã nhập %(n)s điểm điều tra từ tệp.") % {"n": changed})
            return redirect("scoring:survey", pk=pk)
    else:
        problems = [e for errs in form.errors.values() for e in errs]
    codes, table = _survey_table(round_)
    return render(
        request,
        "scoring/survey.html",
        {"round": round_, "codes": codes, "table": table, "errors": {}, "upload": form, "problems": problems},
        status=400,
    )


@login_required
@require_POST
def round_finalize(request, pk):
    round_ = managed_round(request, pk)
    try:
        services.round_finalize(round_=round_, user=request.user)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Đã chốt kết quả; xếp hạng và xếp loại tính từ điểm cuối cùng."))
    return redirect("scoring:round_detail", pk=pk)
