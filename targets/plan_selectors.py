"""Reads of a plan as an officer reads it (areas, target statements and targets, tasks), returned
already shaped so pages run a fixed number of queries."""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from cchc.collation import vietnamese
from plans.models import Plan, PlanArea, Task

from .models import Target, TargetLevelThreshold, TargetStatement


def _count(queryset, plan_field: str):
    """A correlated COUNT subquery per plan (no join fan-out between the counted tables)."""
    return Coalesce(
        Subquery(
            queryset.filter(**{plan_field: OuterRef("pk")})
            .order_by()
            .values(plan_field)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def plan_list() -> QuerySet[Plan]:
    return (
        Plan.objects.filter(end_year__isnull=True)
        .select_related("issuer", "parent")
        .annotate(
            area_count=_count(PlanArea.objects.all(), "plan"),
            target_count=_count(Target.objects.all(), "statement__plan"),
            task_count=_count(Task.objects.all(), "plan"),
        )
        .order_by("-year", vietnamese("title"))
    )


def _targets_prefetch():
    return Prefetch(
        "targets",
        queryset=Target.objects.select_related("responsible_agency").prefetch_related(
            Prefetch("level_thresholds", queryset=TargetLevelThreshold.objects.select_related("level")),
        ),
    )


def plan_detail(plan: Plan) -> dict:
    """The plan as an officer reads it: areas → target statements → targets, and tasks."""
    areas = list(
        PlanArea.objects.filter(plan=plan).select_related("area", "lead_agency").order_by("position")
    )
    statements = list(
        TargetStatement.objects.filter(plan=plan).prefetch_related(_targets_prefetch()).order_by("position")
    )
    tasks = list(
        Task.objects.filter(plan=plan)
        .prefetch_related("lead_agencies", "cooperating_agencies")
        .order_by("position")
    )
    by_area = {area.pk: {"area": area, "statements": [], "tasks": []} for area in areas}
    general = []
    for statement in statements:
        (by_area[statement.plan_area_id]["statements"] if statement.plan_area_id else general).append(
            statement
        )
    for task in tasks:
        by_area[task.plan_area_id]["tasks"].append(task)
    return {
        "general_statements": general,
        "areas": list(by_area.values()),
        "target_count": sum(len(s.targets.all()) for s in statements),
        "task_count": len(tasks),
        "periods": list(plan.periods.order_by("position")),
    }
