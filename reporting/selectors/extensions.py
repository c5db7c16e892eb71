"""Reads of deadline extensions and of which lead agencies finished a task."""

from django.db.models import F, QuerySet

from plans.models import Plan

from ..models import ReviewStatus, TaskExtension, TaskUpdate
from ..rules import TaskReport, agency_finished, latest_task_reports


def plan_extensions(plan: Plan) -> QuerySet[TaskExtension]:
    """The plan's deadline extension requests: pending ones first (the oldest first), then the
    decided ones (the latest decision first)."""
    return (
        TaskExtension.objects.filter(task__plan=plan)
        .select_related("task", "agency", "requested_by", "decided_by")
        .order_by(F("decided_at").desc(nulls_first=True), "requested_at")
    )


def task_agencies_finished(task_ids) -> set[tuple[int, int]]:
    """The (task, agency) pairs where the agency has finished the task
    (``reporting.rules.agency_finished``: its own latest approved report says done; approved
    lines only, "không phát sinh" left out, as the progress computation reads them)."""
    latest = latest_task_reports(
        ((task_id, agency_id), TaskReport(position, progress, percent, completed_on))
        for task_id, agency_id, position, progress, percent, completed_on in TaskUpdate.objects.filter(
            task_id__in=list(task_ids), review_status=ReviewStatus.APPROVED, not_applicable=False
        ).values_list(
            "task_id",
            "submission__agency_id",
            "submission__period__position",
            "progress",
            "percent",
            "completed_on",
        )
    )
    return {key for key, report in latest.items() if agency_finished(report)}
