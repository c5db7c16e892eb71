"""The reviewer's period settings: windows, deadlines and grace days."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.access import require_plan_reviewer

from . import services
from .forms import PeriodFormSet
from .models import Plan


@login_required
def plan_periods(request, pk):
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reviewer(request.user, plan)
    queryset = plan.periods.order_by("position")
    formset = PeriodFormSet(request.POST if request.method == "POST" else None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        try:
            services.periods_update(periods=formset.save(commit=False))
        except ValidationError as error:
            messages.error(request, _("Chưa lưu: %s") % " ".join(error.messages))
        else:
            messages.success(request, _("Đã lưu kỳ báo cáo."))
            return redirect("plans:plan_periods", plan.pk)
    elif request.method == "POST":
        messages.error(request, _("Chưa lưu: có ô chưa đúng (tô đỏ bên dưới)."))
    return render(
        request,
        "plans/plan_periods.html",
        {"plan": plan, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )
