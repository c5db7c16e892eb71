"""The one-stop system's figures of a plan's province: the imports (upload → preview with each
agency's figures before and after, pickers for names not matched → confirm: all rows or none),
the targets bound to them, and the 766 index panel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agencies.access import require_plan_reviewer
from cchc.collation import sort_key
from cchc.fields import parse_id
from plans.access import can_read_plan_dashboard
from plans.appendix import agency_names
from plans.models import Plan

from . import rules, selectors, services
from .access import importer_scope
from .charts import index_trend
from .forms import BindingForm, ImportForm
from .models import ImportBatch
from .reading import dossiers_read, index766_read


def _plan(pk) -> Plan:
    return get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)


def _session_key(plan) -> str:
    return f"onestop-import:{plan.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, pk):
    plan = _plan(pk)
    own, _allowed = importer_scope(request.user, plan)
    errors: list[str] = []
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None, plan=plan)
    if request.method == "POST" and form.is_valid():
        upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
        read = dossiers_read if kind == ImportBatch.Kind.DOSSIERS else index766_read
        rows, errors = read(upload.read(), file_name=upload.name, plan=plan)
        if not errors:
            period = form.cleaned_data["period"]
            request.session[_session_key(plan)] = {
                "file": upload.name,
                "kind": kind,
                "period": period.pk if period and kind == ImportBatch.Kind.DOSSIERS else None,
                "rows": rows,
            }
            return redirect("onestop:import_preview", plan.pk)
    return render(
        request,
        "onestop/import_upload.html",
        {
            "plan": plan,
            "form": form,
            "errors": errors,
            "own": own,
            "batches": selectors.plan_batches(plan, agency=own)[:20],
            "bindings": selectors.plan_bindings(plan),
            "dossier_columns": rules.DOSSIER_COLUMNS,
            "index_groups": rules.INDEX_GROUPS,
        },
        status=400 if (errors or form.errors) else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, pk):
    plan = _plan(pk)
    own, allowed = importer_scope(request.user, plan)
    pending = request.session.get(_session_key(plan))
    if not pending:
        messages.info(request, _("Chưa có tệp nào đang chờ xác nhận."))
        return redirect("onestop:import_upload", plan.pk)
    period = plan.periods.filter(pk=pending["period"]).first() if pending["period"] else None
    errors, choices = [], {}
    if request.method == "POST":
        choices = {k[len("chon:") :]: v for k, v in request.POST.items() if k.startswith("chon:")}
        try:
            batch = services.onestop_import(
                plan=plan,
                kind=pending["kind"],
                rows=pending["rows"],
                choices=choices,
                allowed_agency_ids=allowed,
                user=request.user,
                file_name=pending["file"],
                period=period,
                for_agency=own,
            )
        except ValidationError as error:
            errors = error.messages
        else:
            del request.session[_session_key(plan)]
            messages.success(
                request, _("Đã nhập %(n)s dòng số liệu từ “%(f)s”.") % {"n": batch.rows, "f": batch.file_name}
            )
            return redirect("onestop:import_upload", plan.pk)
    names, _province = agency_names(plan)
    labels = {n.pk: n.names[0] for n in names if n.pk in allowed}
    rows = selectors.preview_rows(kind=pending["kind"], rows=pending["rows"], period=period, labels=labels)
    for row in rows:
        row["chosen"] = choices.get(str(row["line"]), "")
    dossiers = pending["kind"] == ImportBatch.Kind.DOSSIERS
    return render(
        request,
        "onestop/import_preview.html",
        {
            "plan": plan,
            "file": pending["file"],
            "kind_label": ImportBatch.Kind(pending["kind"]).label,
            "period": period,
            "rows": rows,
            "columns": rules.DOSSIER_COLUMNS
            if dossiers
            else [*((n, label) for n, label, _m in rules.INDEX_GROUPS), ("total", _("Tổng điểm"))],
            "dossiers": dossiers,
            "errors": errors,
            "choices": choices,
            "agencies": sorted(labels.items(), key=lambda item: sort_key(item[1])),
            "unmatched": sum(1 for r in rows if not r["agency"]),
        },
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def bindings(request, pk):
    plan = _plan(pk)
    require_plan_reviewer(request.user, plan)
    form = BindingForm(request.POST if request.method == "POST" else None, plan=plan)
    status = 200
    if request.method == "POST":
        if "remove" in request.POST:
            target = (
                form.fields["target"].queryset.filter(pk=parse_id(request.POST.get("target", ""))).first()
            )
            if target is not None:
                services.binding_remove(target=target)
                messages.success(request, _("Đã bỏ gắn chỉ tiêu."))
            return redirect("onestop:bindings", plan.pk)
        if form.is_valid():
            try:
                services.binding_set(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã gắn chỉ tiêu với số liệu hệ thống một cửa."))
                return redirect("onestop:bindings", plan.pk)
        status = 400
    return render(
        request,
        "onestop/bindings.html",
        {"plan": plan, "form": form, "bindings": selectors.plan_bindings(plan)},
        status=status,
    )


@login_required
def index766(request, pk):
    plan = _plan(pk)
    if not can_read_plan_dashboard(request.user, plan):
        raise PermissionDenied
    panel = selectors.index_panel(plan)
    series = [(_("Bình quân các cơ quan"), panel.province_mean)]
    series += [
        (agency.short_name or agency.name, [v.total if v else None for v in values])
        for agency, values in panel.rows[:5]
    ]
    return render(
        request,
        "onestop/index766.html",
        {
            "plan": plan,
            "panel": panel,
            "groups": rules.INDEX_GROUPS,
            "chart": index_trend(panel.months, series, title=_("Chỉ số QĐ 766 theo tháng")),
            "agency_charts": [
                (
                    agency,
                    index_trend(
                        panel.months,
                        [(agency.name, [v.total if v else None for v in values])],
                        title=agency.name,
                    ),
                )
                for agency, values in panel.rows
            ],
        },
    )
