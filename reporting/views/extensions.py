"""Deadline extensions on the task's page: a lead agency's staff ask, the reviewer decides
there or from the plan's queue of requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import require_plan_reviewer
from cchc.fields import add_service_error
from plans.models import Plan

from ..access import can_request_extension
from ..forms import ExtensionDecisionForm, ExtensionRequestForm
from ..models import TaskExtension
from ..selectors import extensions as selectors
from ..services import extensions
from .items import task_for_page, task_page


@login_required
@require_POST
def extension_request(request, pk):
    task = task_for_page(request, pk)
    if not can_request_extension(request.user, task.lead_agencies.values_list("pk", flat=True)):
        raise PermissionDenied
    form = ExtensionRequestForm(request.POST, plan=task.plan)
    if form.is_valid():
        try:
            extensions.extension_request(
                task=task, agency=request.user.agency, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        except IntegrityError:  # sent twice at once: the other one was recorded
            form.add_error(None, _("Nhiệm vụ đã có đề nghị gia hạn: mỗi nhiệm vụ chỉ được đề nghị một lần."))
        else:
            messages.success(request, _("Đã gửi đề nghị gia hạn; Sở Nội vụ sẽ xem xét."))
            return redirect("reporting:task_detail", task.pk)
    return task_page(request, task, extension_form=form)


@login_required
@require_POST
def extension_decide(request, pk):
    extension = get_object_or_404(TaskExtension.objects.select_related("task__plan__issuer"), pk=pk)
    require_plan_reviewer(request.user, extension.task.plan)
    form = ExtensionDecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            extension = extensions.extension_decide(
                extension=extension, user=request.user, approve=approve, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            done = (
                _("Đã chấp thuận gia hạn nhiệm vụ %(code)s.")
                if approve
                else _("Đã không chấp thuận gia hạn nhiệm vụ %(code)s.")
            )
            messages.success(request, done % {"code": extension.task.code})
            if request.POST.get("back") == "queue":
                return redirect("reporting:plan_extensions", extension.task.plan_id)
            return redirect("reporting:task_detail", extension.task_id)
    return task_page(request, task_for_page(request, extension.task_id), decision_form=form)


@login_required
def plan_extensions(request, pk):
    """The reviewer's queue: the plan's pending requests first, then the decided ones."""
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)
    require_plan_reviewer(request.user, plan)
    requests = selectors.plan_extensions(plan)
    return render(
        request,
        "reporting/plan_extensions.html",
        {
            "plan": plan,
            "pending": [x for x in requests if x.status == TaskExtension.Status.PENDING],
            "decided": [x for x in requests if x.status != TaskExtension.Status.PENDING],
        },
    )
