"""The plan's year: "Kết quả cả năm" (the frozen verdicts), the reviewer's close and reopening
(chốt năm, mở lại, each with a reason), and the administrative levels that do not apply."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import can_review_plan, require_plan_reviewer
from agencies.models import AdministrativeLevel
from plans.access import can_read_plan_dashboard
from plans.models import Plan
from plans.rules import TaskVerdict
from targets.progress import Status

from ..forms import PlanLevelsForm, YearCloseForm
from ..selectors.verdicts import plan_verdicts, year_close_state
from ..services.year_close import (
    YearCloseError,
    plan_levels_not_applicable_set,
    year_close,
    year_reopen,
)


def _plan(request, pk) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    if not can_read_plan_dashboard(request.user, plan):
        raise PermissionDenied
    return plan


@login_required
def plan_year_results(request, pk):
    """Kết quả cả năm: the verdicts frozen at the year's close (province targets by area, tasks)."""
    plan = _plan(request, pk)
    results = plan_verdicts(plan.pk)
    areas = {a.pk: a for a in plan.areas.all()}
    return render(
        request,
        "reporting/year_results.html",
        {
            "plan": plan,
            "x": results,
            "state": year_close_state(plan.pk),
            "areas": areas,
            "can_review": can_review_plan(request.user, plan),
            "form": YearCloseForm(),
            "target_labels": {s.value: str(s.label) for s in Status},
            "task_labels": {k: str(v) for k, v in TaskVerdict.LABELS.items()},
        },
    )


def _decide(request, pk, action, success):
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reviewer(request.user, plan)
    form = YearCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi lý do."))
        return redirect("reporting:plan_year_results", plan.pk)
    try:
        action(plan=plan, user=request.user, reason=form.cleaned_data["reason"])
    except YearCloseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("reporting:plan_year_results", plan.pk)


@login_required
@require_POST
def plan_year_close(request, pk):
    return _decide(request, pk, year_close, _("Đã chốt năm: kết quả cả năm được lưu lại."))


@login_required
@require_POST
def plan_year_reopen(request, pk):
    return _decide(request, pk, year_reopen, _("Đã mở lại năm kế hoạch."))


@login_required
def plan_levels(request, pk):
    """The reviewer marks the administrative levels that do not apply to the plan."""
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reviewer(request.user, plan)
    levels = AdministrativeLevel.objects.order_by("order")
    form = PlanLevelsForm(
        request.POST if request.method == "POST" else None,
        levels=levels,
        initial={"levels": list(plan.levels_not_applicable.all())},
    )
    if request.method == "POST" and form.is_valid():
        plan_levels_not_applicable_set(
            plan=plan,
            levels=form.cleaned_data["levels"],
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Đã lưu các cấp không áp dụng; số liệu đang được tính lại."))
        return redirect("reporting:plan_levels", plan.pk)
    return render(
        request,
        "reporting/plan_levels.html",
        {"plan": plan, "form": form},
        status=400 if request.method == "POST" else 200,
    )
