"""Deadline extensions (DOMAIN.md "Tasks": a deadline may be extended once, on request approved
by the reviewer; keep both dates).

A lead agency's reporter or head asks once per task (a refused request is final too), with a
reason and a date later than the printed one; the Sở Nội vụ reviewer approves, or refuses with a
note. An approval sets ``Task.extended_due_date``: task status, dashboards and reports judge by
``Task.effective_due_date`` while the printed ``due_date`` stays and is shown beside it."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.access import require_plan_reviewer
from agencies.models import User
from cchc.history import history_attribute
from notifications.models import Notification
from notifications.services import notify_agency
from plans.models import Task
from plans.rules import TaskStatus

from ..access import can_request_extension
from ..models import TaskExtension, TaskProgress
from .submissions import plan_recompute_on_commit


def extension_refusal(*, task: Task, agency) -> str | None:
    """Why ``agency`` may not ask to extend ``task``'s deadline (in Vietnamese), or None when
    it may. Whether the task is finished is read from its stored progress, as pages read it."""
    if not task.lead_agencies.filter(pk=agency.pk).exists():
        return _("Chỉ cơ quan chủ trì nhiệm vụ mới được đề nghị gia hạn.")
    if task.recurring:
        return _("Nhiệm vụ thường xuyên được đánh giá theo từng kỳ, không gia hạn.")
    if task.due_date is None:
        return _("Nhiệm vụ không có hạn hoàn thành cụ thể để gia hạn.")
    if TaskExtension.objects.filter(task=task).exists():
        return _("Nhiệm vụ đã có đề nghị gia hạn: mỗi nhiệm vụ chỉ được đề nghị một lần.")
    latest = TaskProgress.objects.filter(task=task).order_by("-period__position").first()
    if latest is not None and latest.status in TaskStatus.DONE:
        return _("Nhiệm vụ đã hoàn thành, không cần gia hạn.")
    return None


@transaction.atomic
def extension_request(*, task: Task, agency, user, requested_due_date, reason: str) -> TaskExtension:
    """A lead agency asks to move the task's deadline to ``requested_due_date``. Refusals are
    a ValidationError keyed by the form's fields (``requested_due_date``, ``reason``) or
    ``__all__``, so the form shows them beside what was typed."""
    if not can_request_extension(user, [agency.pk]):
        raise PermissionDenied  # only the agency's own reporters and head ask for it
    task = Task.objects.select_for_update().get(pk=task.pk)  # two requests at once: one wins
    refusal = extension_refusal(task=task, agency=agency)
    if refusal or task.due_date is None:  # (a task with no due date is refused)
        raise ValidationError({NON_FIELD_ERRORS: [refusal]})
    reason = (reason or "").strip()
    errors = {}
    if requested_due_date is None:
        errors["requested_due_date"] = [_("Nhập hạn mới đề nghị (dd/mm/yyyy).")]
    elif requested_due_date <= task.due_date:
        errors["requested_due_date"] = [
            _("Hạn mới phải sau hạn hiện tại (%(d)s).") % {"d": f"{task.due_date:%d/%m/%Y}"}
        ]
    if not reason:
        errors["reason"] = [_("Ghi lý do đề nghị gia hạn.")]
    if errors:
        raise ValidationError(errors)
    extension = TaskExtension(
        task=task,
        agency=agency,
        original_due_date=task.due_date,
        requested_due_date=requested_due_date,
        reason=reason,
        requested_by=user,
    )
    extension.full_clean()
    extension.save()
    return extension


@transaction.atomic
def extension_decide(*, extension: TaskExtension, user, approve: bool, note: str = "") -> TaskExtension:
    """The reviewer approves the request (the task's deadline becomes the requested date) or
    refuses it with a note. Decided once; the agency is told by e-mail, and an approval
    recomputes the plan's stored progress, once committed."""
    require_plan_reviewer(user, extension.task.plan)
    note = (note or "").strip()
    extension = (
        TaskExtension.objects.select_for_update(of=("self",))
        .select_related("task", "agency")
        .get(pk=extension.pk)
    )
    if extension.status != TaskExtension.Status.PENDING:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _("Đề nghị gia hạn này đã được quyết định (%(s)s).")
                    % {"s": extension.get_status_display()}
                ]
            }
        )
    if not approve and not note:
        raise ValidationError({"note": [_("Ghi lý do không chấp thuận.")]})
    extension.status = TaskExtension.Status.APPROVED if approve else TaskExtension.Status.REFUSED
    extension.decided_by = user
    extension.decided_at = timezone.now()
    extension.decision_note = note
    extension.full_clean()
    extension.save()
    task = extension.task
    if approve:
        task.extended_due_date = extension.requested_due_date
        history_attribute(task, user=user)  # the task's history shows who extended it
        task.save(update_fields=["extended_due_date", "updated_at"])
        plan_recompute_on_commit(task.plan_id)
    subject, body = _decision_mail(extension)
    transaction.on_commit(
        lambda: notify_agency(
            agency_id=extension.agency_id,
            roles=[User.Role.REPORTER, User.Role.AGENCY_HEAD],
            subject=subject,
            body=body,
            kind=Notification.Kind.EXTENSION_DECISION,
            link=reverse("reporting:task_detail", args=[extension.task_id]),
        )
    )
    return extension


def _decision_mail(extension: TaskExtension) -> tuple[str, str]:
    task = extension.task
    original, requested = (
        f"{extension.original_due_date:%d/%m/%Y}",
        f"{extension.requested_due_date:%d/%m/%Y}",
    )
    if extension.status == TaskExtension.Status.APPROVED:
        subject = f"[CCHC] Đề nghị gia hạn nhiệm vụ {task.code} được chấp thuận"
        body = (
            f"Sở Nội vụ chấp thuận gia hạn nhiệm vụ {task.code} của {extension.agency}: "
            f"hạn ban đầu {original}, gia hạn đến {requested}."
        )
    else:
        subject = f"[CCHC] Đề nghị gia hạn nhiệm vụ {task.code} không được chấp thuận"
        body = (
            f"Sở Nội vụ không chấp thuận gia hạn nhiệm vụ {task.code} của {extension.agency}"
            f" đến {requested}; hạn hoàn thành vẫn là {original}."
        )
    body += f"\nNhiệm vụ: {task.text[:300]}"
    if extension.decision_note:
        body += f"\nÝ kiến của Sở Nội vụ: {extension.decision_note}"
    return subject, body
