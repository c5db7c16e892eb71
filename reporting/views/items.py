"""A target's and a task's own page: what the plan says, who reports it, its history; the
reviewer adjusts the assignment here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.access import can_review_plan
from agencies.models import Agency
from cchc.collation import sort_key, vietnamese
from plans.access import require_plan_reader
from plans.forms import TaskAssignmentForm
from plans.models import Task
from targets.forms import TargetAssignmentForm
from targets.models import Target
from targets.selectors import plan_target_assignments, province_agencies

from ..access import can_read_extension, can_request_extension
from ..forms import ExtensionDecisionForm, ExtensionRequestForm
from ..models import TaskExtension
from ..selectors.history import item_history, m2m_accessor
from ..services import submissions as services
from ..services.extensions import extension_refusal

TARGET_FIELDS = {
    "text": gettext_lazy("nội dung"),
    "measure": gettext_lazy("loại số đo"),
    "comparator": gettext_lazy("so sánh"),
    "value": gettext_lazy("giá trị"),
    "value_max": gettext_lazy("giá trị trên"),
    "unit": gettext_lazy("đơn vị tính"),
    "stretch": gettext_lazy("phấn đấu"),
    "baseline_value": gettext_lazy("giá trị gốc"),
    "baseline_year": gettext_lazy("năm gốc"),
    "responsible_agency": gettext_lazy("cơ quan chịu trách nhiệm"),
    "reporting_scope": gettext_lazy("cơ quan báo cáo"),
}
TARGET_M2M = {
    "reporting_levels": (gettext_lazy("các cấp báo cáo"), "administrativelevel"),
    "reporting_agencies": (gettext_lazy("cơ quan được chỉ định"), "agency"),
}
TASK_FIELDS = {
    "text": gettext_lazy("nội dung"),
    "lead_groups": gettext_lazy("nhóm chủ trì"),
    "cooperating_groups": gettext_lazy("nhóm phối hợp"),
    "product": gettext_lazy("sản phẩm"),
    "due_text": gettext_lazy("thời gian"),
    "due_date": gettext_lazy("hạn hoàn thành"),
    "recurring": gettext_lazy("thường xuyên"),
    "extended_due_date": gettext_lazy("hạn đã gia hạn"),
}
TASK_M2M = {
    "lead_agencies": (gettext_lazy("cơ quan chủ trì"), "agency"),
    "cooperating_agencies": (gettext_lazy("cơ quan phối hợp"), "agency"),
}


def _reviewer_form(request, form_class, item, plan, agencies):
    """The assignment form for the plan's province's reviewer (bound on POST), None for
    everyone else."""
    if not can_review_plan(request.user, plan):
        if request.method == "POST":
            raise PermissionDenied
        return None
    return form_class(request.POST if request.method == "POST" else None, instance=item, agencies=agencies)


def _saved(request, form, success: str) -> bool:
    """Save a posted assignment form; say what happened either way."""
    if form is None or request.method != "POST":
        return False
    if form.is_valid():
        services.assignment_update(form=form, user=request.user)
        messages.success(request, success)
        return True
    messages.error(request, _("Chưa lưu: có lựa chọn chưa đúng (tô đỏ bên dưới)."))
    return False


def _history(item, fields, m2m):
    model = item.history.model
    foreign_keys = [name for name in fields if item._meta.get_field(name).many_to_one]
    records = (
        item.history.select_related("history_user", *foreign_keys)
        .prefetch_related(*(f"{m2m_accessor(model, name)}__{attr}" for name, (_l, attr) in m2m.items()))
        .order_by("history_date", "history_id")
    )
    return item_history(records, fields, m2m)


@login_required
def target_detail(request, pk):
    target = get_object_or_404(
        Target.objects.select_related(
            "statement__plan__issuer", "statement__plan_area", "responsible_agency"
        ),
        pk=pk,
    )
    plan = target.statement.plan
    require_plan_reader(request.user, plan)
    agencies = province_agencies(plan)
    form = _reviewer_form(request, TargetAssignmentForm, target, plan, agencies)
    if _saved(request, form, _("Đã lưu phân công báo cáo chỉ tiêu.")):
        return redirect("reporting:target_detail", target.pk)
    assigned = plan_target_assignments(plan).get(target.pk, set())
    return render(
        request,
        "reporting/target_detail.html",
        {
            "target": target,
            "plan": plan,
            "form": form,
            "periods": list(plan.periods.order_by("position")),
            "assigned": sorted(
                (a for a in agencies if a.pk in assigned), key=lambda a: (a.kind, sort_key(a.name))
            ),
            "history": _history(target, TARGET_FIELDS, TARGET_M2M),
        },
        status=400 if form is not None and form.errors else 200,
    )


def task_for_page(request, pk) -> Task:
    """The task of a page, once the user may read its plan."""
    task = get_object_or_404(Task.objects.select_related("plan__issuer", "plan_area", "parent"), pk=pk)
    require_plan_reader(request.user, task.plan)
    return task


@login_required
def task_detail(request, pk):
    task = task_for_page(request, pk)
    form = _reviewer_form(request, TaskAssignmentForm, task, task.plan, province_agencies(task.plan))
    if _saved(request, form, _("Đã lưu cơ quan chủ trì, phối hợp của nhiệm vụ.")):
        return redirect("reporting:task_detail", task.pk)
    return task_page(request, task, form=form)


def task_page(request, task: Task, *, form=None, extension_form=None, decision_form=None):
    """The task's page. The forms given are the ones just posted (shown with what was typed
    and their errors, answered 400); the others are offered to whoever may use them: the
    reviewer's assignment form and decision on a pending extension, a lead agency's staff's
    extension request while the task allows one (else why not). The extension request itself
    is shown to those who may read it only (``can_read_extension``); to a lead agency that did
    not ask, the refusal says the task has one."""
    user = request.user
    if form is None and can_review_plan(user, task.plan):
        form = TaskAssignmentForm(instance=task, agencies=province_agencies(task.plan))
    lead = list(Agency.objects.filter(led_tasks=task).order_by(vietnamese("name")))
    extension = _readable_extension(user, task)
    refusal = None
    if extension is None and extension_form is None and can_request_extension(user, [a.pk for a in lead]):
        refusal = extension_refusal(task=task, agency=user.agency)
        extension_form = ExtensionRequestForm(plan=task.plan) if refusal is None else None
    if (
        decision_form is None
        and can_review_plan(user, task.plan)
        and extension is not None
        and extension.status == TaskExtension.Status.PENDING
    ):
        decision_form = ExtensionDecisionForm()
    posted = [f for f in (form, extension_form, decision_form) if f is not None and f.is_bound]
    return render(
        request,
        "reporting/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "form": form,
            "lead": lead,
            "cooperating": Agency.objects.filter(cooperating_tasks=task).order_by(vietnamese("name")),
            "extension": extension,
            "extension_form": extension_form,
            "extension_refusal": refusal,
            "decision_form": decision_form,
            "history": _history(task, TASK_FIELDS, TASK_M2M),
        },
        status=400 if any(f.errors for f in posted) else 200,
    )


def _readable_extension(user, task: Task) -> TaskExtension | None:
    """The task's extension request, if the user may read it (``can_read_extension``)."""
    extension = (
        TaskExtension.objects.filter(task=task).select_related("agency", "requested_by", "decided_by").first()
    )
    if extension is None:
        return None
    extension.task = task  # read with its plan and area: no query to check access
    return extension if can_read_extension(user, extension) else None
