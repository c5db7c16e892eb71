"""Reopening a locked period for one agency (the reviewer), or closing it again early."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.access import require_plan_reviewer
from agencies.models import Agency
from cchc import clock
from cchc.fields import add_service_error
from plans.access import require_together
from plans.models import ReportingPeriod

from ..forms import PeriodReopenForm
from ..selectors.locks import agency_lock
from ..services import submissions as services


@login_required
def period_reopen(request, period_id, agency_id):
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan__issuer"), pk=period_id)
    require_plan_reviewer(request.user, period.plan)
    agency = get_object_or_404(Agency.objects.select_related("parent__parent"), pk=agency_id)
    require_together(period.plan, agency)  # not an agency of another province
    form = PeriodReopenForm(request.POST if request.method == "POST" else None, today=clock.today())
    if request.method == "POST":
        done, form = (_close if "close" in request.POST else _reopen)(request, period, agency, form)
        if done:
            return redirect("reporting:review_queue", period.pk)
    return render(
        request,
        "reporting/period_reopen.html",
        {
            "period": period,
            "agency": agency,
            "form": form,
            "lock": agency_lock(period, agency.pk),
            "reopenings": period.reopenings.filter(agency=agency).select_related("created_by"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _close(request, period, agency, form):
    try:
        services.period_close(period=period, agency=agency, user=request.user)
    except ValidationError as error:
        messages.error(request, _("Chưa đóng lại được: %s") % " ".join(error.messages))
        return False, PeriodReopenForm(today=clock.today())  # nothing was typed for a close
    messages.success(request, _("Đã đóng lại kỳ báo cáo với %s.") % agency)
    return True, form


def _reopen(request, period, agency, form):
    if not form.is_valid():
        return False, form
    try:
        services.period_reopen(period=period, agency=agency, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        add_service_error(form, error)
        return False, form
    messages.success(
        request,
        _("Đã mở lại kỳ báo cáo cho %(a)s đến hết ngày %(d)s.")
        % {"a": agency, "d": form.cleaned_data["until"].strftime("%d/%m/%Y")},
    )
    return True, form
