"""Targets read from a plan's text: paste it or upload it, review every proposal beside the
sentence it came from, correct it, accept: the accepted ones are saved all together or not at
all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agencies.access import require_plan_reviewer
from agencies.models import AdministrativeLevel
from cchc.fields import plan_date_window
from plans.models import Plan
from targets.extraction import targets_extract
from targets.forms import PlanTextForm, ProposalForm
from targets.proposals import (
    Accepted,
    codes_fill,
    known_target_texts,
    plan_codes_taken,
    proposal_areas,
    proposal_initial,
)

from ..services.submissions import targets_add


def _session_key(plan) -> str:
    return f"target-extraction:{plan.pk}"


def _plan(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reviewer(request.user, plan)
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def extraction_start(request, pk):
    plan = _plan(request, pk)
    form = PlanTextForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["plan_text"]
        proposals = targets_extract(text, plan_year=plan.year)
        areas = [
            (a.code, [a.title, a.area.name, a.area.short_name])
            for a in plan.areas.select_related("area").order_by("position")
        ]
        for proposal, area in zip(proposals, proposal_areas(text, proposals, areas), strict=True):
            proposal["area"] = area
        if proposals:
            upload = form.cleaned_data.get("file")
            request.session[_session_key(plan)] = {
                "name": upload.name if upload else _("văn bản dán vào"),
                "proposals": proposals,
            }
            return redirect("reporting:target_extraction_review", plan.pk)
        form.add_error(
            None,
            _(
                "Không tìm thấy chỉ tiêu nào trong văn bản. Chỉ tiêu thường có "
                "số và phép so sánh, ví dụ “trên 95% hồ sơ trả đúng hạn”."
            ),
        )
    return render(
        request,
        "reporting/extraction_start.html",
        {"plan": plan, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def extraction_review(request, pk):
    plan = _plan(request, pk)
    pending = request.session.get(_session_key(plan))
    if not pending:
        messages.info(request, _("Chưa có văn bản nào đang chờ xem xét."))
        return redirect("reporting:target_extraction", plan.pk)
    areas = list(plan.areas.select_related("lead_agency").order_by("position"))
    levels = list(AdministrativeLevel.objects.order_by("order"))
    known = known_target_texts(plan)
    proposals = pending["proposals"]
    starts = _starts(plan, proposals, [a.code for a in areas], known)
    data = request.POST if request.method == "POST" else None
    forms = [
        ProposalForm(data, prefix=f"p{i}", initial=start["initial"], areas=areas, levels=levels)
        for i, start in enumerate(starts)
    ]
    window = plan_date_window(plan.year, plan.end_year)
    for form in forms:
        form.fields["due_date"].window = window
    errors = []
    if data is not None:
        saved, errors = _save(plan, forms, proposals, areas)
        if saved is not None:
            del request.session[_session_key(plan)]
            messages.success(
                request,
                _("Đã thêm %(n)s chỉ tiêu vào kế hoạch. Số hiệu: %(codes)s.")
                % {"n": len(saved), "codes": ", ".join(saved)},
            )
            return redirect("targets:plan_detail", plan.pk)
    rows = [
        {"form": form, "source": proposal["source"], "known": start["known"]}
        for form, proposal, start in zip(forms, proposals, starts, strict=True)
    ]
    return render(
        request,
        "reporting/extraction_review.html",
        {
            "plan": plan,
            "rows": rows,
            "errors": errors,
            "name": pending["name"],
            "known": sum(1 for r in rows if r["known"]),
        },
        status=400 if errors else 200,
    )


def _starts(plan, proposals, area_codes, known) -> list[dict]:
    """Each proposal's starting values; a new proposal in an area where the plan has items, or
    with no number, is given the code that follows the plan's codes in its area (what is shown
    is what is saved); a new area keeps the numbers the text prints."""
    starts = [proposal_initial(p, area_codes=area_codes, known_texts=known) for p in proposals]
    new = [(s, p) for s, p in zip(starts, proposals, strict=True) if not s["known"]]
    items = [(s["initial"]["area"], s["initial"]["code"], p["source"]) for s, p in new]
    for (start, _proposal), code in zip(
        new, codes_fill(items, plan_codes_taken(plan), follow_plan=True), strict=True
    ):
        start["initial"]["code"] = code
    return starts


def _save(plan, forms, proposals, areas) -> tuple[list[str] | None, list[str]]:
    """Add the ticked proposals (all or none): the codes they were saved with, or why not."""
    if not all(form.is_valid() for form in forms):
        return None, [_("Có chỉ tiêu chưa hợp lệ (đánh dấu đỏ bên dưới); chưa có gì được lưu.")]
    by_code = {a.code: a for a in areas}
    accepted = [
        _accepted(form, by_code, proposal["source"])
        for form, proposal in zip(forms, proposals, strict=True)
        if form.cleaned_data["accept"]
    ]
    if not accepted:
        return None, [_("Chưa chọn chỉ tiêu nào để lưu.")]
    try:
        return targets_add(plan=plan, accepted=accepted), []
    except ValidationError as error:
        return None, error.messages


def _accepted(form, areas_by_code, source) -> Accepted:
    data = form.cleaned_data
    return Accepted(
        source=source,
        area=areas_by_code.get(data["area"]),
        code=data["code"].strip(),
        text=" ".join(data["text"].split()),
        measure=data["measure"],
        comparator=data["comparator"],
        direction=data["direction"],
        value=data["value"],
        value_max=data["value_max"],
        unit=data["unit"].strip(),
        stretch=data["stretch"],
        cumulative=data["cumulative"],
        baseline_year=data["baseline_year"],
        levels=form.levels(),
        due_date=data["due_date"],
    )
