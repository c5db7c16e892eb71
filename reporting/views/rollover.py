"""Next year's plan: the reviewer copies a plan into a draft for the following year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import require_plan_reviewer
from plans.models import Plan

from ..services.rollover import PlanRolloverError, plan_rollover, plan_rollover_report


@login_required
@require_POST
def plan_rollover_create(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reviewer(request.user, plan)
    try:
        draft = plan_rollover(plan=plan, user=request.user)
    except PlanRolloverError as error:
        messages.error(request, error.message)
        return redirect("targets:plan_detail", (error.existing or plan).pk)
    report = plan_rollover_report(plan=draft)
    messages.success(
        request,
        _(
            "Đã lập dự thảo kế hoạch năm %(year)s: %(targets)s chỉ tiêu (%(baselines)s có giá trị gốc "
            "là kết quả năm %(old)s), %(tasks)s nhiệm vụ chuyển tiếp chưa hoàn thành và %(recurring)s "
            "nhiệm vụ thường xuyên. Đặt hạn mới cho các nhiệm vụ chuyển tiếp và kiểm tra trước khi "
            "ban hành."
        )
        % {
            "year": draft.year,
            "old": plan.year,
            "targets": report.targets,
            "baselines": report.baselines,
            "tasks": report.tasks_carried_over,
            "recurring": report.tasks_recurring,
        },
    )
    for problem in report.to_choose:
        messages.warning(request, problem)
    return redirect("targets:plan_detail", draft.pk)
