"""The reviewer's period settings: windows, deadlines, grace days, and reopening a locked
period for one agency."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.access import require_plan_reviewer
from agencies.models import Agency
from cchc.fields import add_service_error

from . import services
from .access import require_together
from .forms import PeriodFormSet, PeriodReopenForm
from .locks import agency_lock, today
from .models import Plan, ReportingPeriod


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
    return render(request, "plans/plan_periods.html", {"plan": plan, "formset": formset},
                  status=400 if request.method == "POST" else 200)


@login_required
def period_reopen(request, period_id, agency_id):
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan__issuer"),
                               pk=period_id)
    require_plan_reviewer(request.user, period.plan)
    agency = get_object_or_404(Agency.objects.select_related("parent__parent"), pk=agency_id)
    require_together(period.plan, agency)   # not an agency of another province
    form = PeriodReopenForm(request.POST if request.method == "POST" else None, today=today())
    if request.method == "POST":
        if "close" in request.POST:
            try:
                services.period_close(period=period, agency=agency, user=request.user)
            except ValidationError as error:
                messages.error(request, _("Chưa đóng lại được: %s") % " ".join(error.messages))
                form = PeriodReopenForm(today=today())     # nothing was typed for a close
            else:
                messages.success(request, _("Đã đóng lại kỳ báo cáo với %s.") % agency)
                return redirect("plans:review_queue", period.pk)
        elif form.is_valid():
            try:
                services.period_reopen(period=period, agency=agency, user=request.user,
                                       **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Đã mở lại kỳ báo cáo cho %(a)s đến hết ngày "
                                            "%(d)s.") % {
                    "a": agency, "d": form.cleaned_data["until"].strftime("%d/%m/%Y")})
                return redirect("plans:review_queue", period.pk)
    return render(request, "plans/period_reopen.html", {
        "period": period, "agency": agency, "form": form,
        "lock": agency_lock(period, agency.pk),
        "reopenings": period.reopenings.filter(agency=agency).select_related("created_by"),
    }, status=400 if request.method == "POST" else 200)
