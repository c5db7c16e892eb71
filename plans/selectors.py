"""Reads for plans, returned already shaped so pages run a fixed number of queries."""

from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from targets.models import Target, TargetLevelThreshold, TargetStatement

from .models import Plan, PlanArea, ReviewStatus, Task, TaskExtension, TaskUpdate


def _count(queryset, plan_field: str):
    """A correlated COUNT subquery per plan (no join fan-out between the counted tables)."""
    return Coalesce(Subquery(
        queryset.filter(**{plan_field: OuterRef("pk")}).order_by()
        .values(plan_field).annotate(n=Count("pk")).values("n")
    ), 0)


def plan_list() -> QuerySet[Plan]:
    return (
        Plan.objects.filter(end_year__isnull=True)
        .select_related("issuer", "parent")
        .annotate(
            area_count=_count(PlanArea.objects.all(), "plan"),
            target_count=_count(Target.objects.all(), "statement__plan"),
            task_count=_count(Task.objects.all(), "plan"),
        )
        .order_by("-year", "title")
    )


def _targets_prefetch():
    return Prefetch(
        "targets",
        queryset=Target.objects.select_related("responsible_agency").prefetch_related(
            Prefetch("level_thresholds",
                     queryset=TargetLevelThreshold.objects.select_related("level")),
        ),
    )


def plan_detail(plan: Plan) -> dict:
    """The plan as an officer reads it: areas → target statements → targets, and tasks."""
    areas = list(
        PlanArea.objects.filter(plan=plan).select_related("area", "lead_agency")
        .order_by("position")
    )
    statements = list(
        TargetStatement.objects.filter(plan=plan).prefetch_related(_targets_prefetch())
        .order_by("position")
    )
    tasks = list(
        Task.objects.filter(plan=plan)
        .prefetch_related("lead_agencies", "cooperating_agencies")
        .order_by("position")
    )
    by_area = {area.pk: {"area": area, "statements": [], "tasks": []} for area in areas}
    general = []
    for statement in statements:
        (by_area[statement.plan_area_id]["statements"] if statement.plan_area_id
         else general).append(statement)
    for task in tasks:
        by_area[task.plan_area_id]["tasks"].append(task)
    return {
        "general_statements": general,
        "areas": list(by_area.values()),
        "target_count": sum(len(s.targets.all()) for s in statements),
        "task_count": len(tasks),
        "periods": list(plan.periods.order_by("position")),
    }


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
