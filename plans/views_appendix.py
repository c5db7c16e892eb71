"""The task appendix as a spreadsheet: download a plan's, upload one, preview every row as it
will be saved (unmatched agency names picked by the reviewer), confirm: all rows or none."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agencies.access import require_plan_reviewer
from cchc.collation import sort_key
from cchc.downloads import XLSX, private_download, private_json_download

from .access import require_plan_reader
from .appendix import agency_names, appendix_data, appendix_import, appendix_read, appendix_xlsx
from .models import Plan

MAX_UPLOAD = 5 * 2**20


def _session_key(plan) -> str:
    return f"appendix-import:{plan.pk}"


@login_required
def appendix_download(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reader(request.user, plan)
    return private_download(
        appendix_xlsx(plan), content_type=XLSX, filename=f"phu-luc-nhiem-vu-{slugify(plan.code)}.xlsx"
    )


@login_required
def appendix_json(request, pk):
    """The same tasks as the XLSX appendix, as JSON."""
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reader(request.user, plan)
    return private_json_download(appendix_data(plan), filename=f"phu-luc-nhiem-vu-{slugify(plan.code)}.json")


@login_required
@require_http_methods(["GET", "POST"])
def appendix_upload(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reviewer(request.user, plan)
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            errors = [_("Chọn tệp Excel (.xlsx) của phụ lục nhiệm vụ.")]
        elif upload.size > MAX_UPLOAD:
            errors = [_("Tệp nặng quá 5 MB.")]
        else:
            rows, errors = appendix_read(upload.read(), plan=plan)
            if not errors:
                request.session[_session_key(plan)] = {"file": upload.name, "rows": rows}
                return redirect("plans:appendix_preview", plan.pk)
    return render(
        request, "plans/appendix_upload.html", {"plan": plan, "errors": errors}, status=400 if errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def appendix_preview(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reviewer(request.user, plan)
    pending = request.session.get(_session_key(plan))
    if not pending:
        messages.info(request, _("Chưa có tệp nào đang chờ xác nhận."))
        return redirect("plans:appendix_upload", plan.pk)
    errors, choices = [], {}
    if request.method == "POST":
        choices = {
            key[len("chon:") :]: value for key, value in request.POST.items() if key.startswith("chon:")
        }
        try:
            counts = appendix_import(plan=plan, rows=pending["rows"], choices=choices)
        except ValidationError as error:
            errors = error.messages
        else:
            del request.session[_session_key(plan)]
            messages.success(
                request,
                _(
                    "Đã nhập phụ lục: %(new)s nhiệm vụ mới, %(update)s "
                    "nhiệm vụ sửa, %(same)s nhiệm vụ giữ nguyên."
                )
                % counts,
            )
            return redirect("targets:plan_detail", plan.pk)
    rows, label = _preview_rows(plan, pending["rows"], choices)
    return render(
        request,
        "plans/appendix_preview.html",
        {
            "plan": plan,
            "file": pending["file"],
            "rows": rows,
            "errors": errors,
            "agencies": sorted(label.items(), key=lambda item: sort_key(item[1])),
            "choices": choices,
            **_preview_counts(rows),
        },
        status=400 if errors else 200,
    )


def _preview_rows(plan, rows, choices) -> tuple[list[dict], dict[int, str]]:
    """Each row as the preview shows it: the deadline as dd/mm/yyyy, each side's agencies by
    name and a picker for each name not matched (with what was chosen); and the agencies'
    labels by id."""
    names, _province = agency_names(plan)
    label = {n.pk: n.names[0] for n in names}  # the official name comes first
    for row in rows:
        row["due_display"] = (
            date.fromisoformat(row["due_date"]).strftime("%d/%m/%Y") if row["due_date"] else ""
        )
        row["sides"] = [
            {
                "names": [label.get(pk, "?") for pk in row[side]],
                "groups": row[f"{side}_groups"],
                "missing": [
                    {
                        "key": f"{row['line']}:{side}:{index}",
                        "name": name,
                        "chosen": choices.get(f"{row['line']}:{side}:{index}", ""),
                    }
                    for index, name in enumerate(row[f"{side}_unmatched"])
                ],
            }
            for side in ("lead", "cooperating")
        ]
    return rows, label


def _preview_counts(rows) -> dict:
    return {
        "counts": {k: sum(1 for r in rows if r["action"] == k) for k in ("new", "update", "same")},
        "unmatched": sum(len(r["lead_unmatched"]) + len(r["cooperating_unmatched"]) for r in rows),
        "unknown_deadlines": sum(1 for r in rows if not r["due_understood"]),
    }
