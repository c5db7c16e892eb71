"""Reads of deadline extensions and of which lead agencies finished a task."""

from django.db.models import F, QuerySet

from plans.models import Plan

from ..models import ReviewStatus, TaskExtension, TaskUpdate


def plan_extensions(plan: Plan) -> QuerySet[TaskExtension]:
    """The plan's deadline extension requests: pending ones first (the oldest first), then the
    decided ones (the latest decision first)."""
    return (TaskExtension.objects.filter(task__plan=plan)
            .select_related("task", "agency", "requested_by", "decided_by")
            .order_by(F("decided_at").desc(nulls_first=True), "requested_at"))


def task_agencies_finished(task_ids) -> set[tuple[int, int]]:
    """The (task, agency) pairs where the agency's own latest approved report on the task says
    it is done: each lead agency judged on its own report, as the progress computation judges
    it (``reports.progress``: approved lines only, "không phát sinh" left out, the latest
    period wins)."""
    latest: dict[tuple[int, int], tuple[int, str]] = {}
    for task_id, agency_id, position, progress in (
            TaskUpdate.objects.filter(task_id__in=list(task_ids),
                                      review_status=ReviewStatus.APPROVED, not_applicable=False)
            .values_list("task_id", "submission__agency_id", "submission__period__position",
                         "progress")):
        key = (task_id, agency_id)
        if key not in latest or position > latest[key][0]:
            latest[key] = (position, progress)
    return {key for key, (_position, progress) in latest.items()
            if progress == TaskUpdate.Progress.DONE}
