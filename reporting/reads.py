"""The entry page's reads of its lines written as SQL (``cchc.sql``: the same model instances
the ORM gives, for a fraction of its cost in building each query; issue 26, items 3 and 4: the
page every reporter opens and saves, and the page the suite's hostile-input tests post to most).
Each function says the ORM query it replaces; tests/reporting/test_reads.py compares the two on
every period and agency of the seeded plans."""

from __future__ import annotations

from cchc.sql import Columns, among, column, rows, table
from plans.models import PlanArea, ReformArea, Task
from targets.models import Target, TargetStatement
from targets.reads import thresholds_into

_TARGET = Columns(Target, "t")
_STATEMENT = Columns(TargetStatement, "s")
_PLAN_AREA = Columns(PlanArea, "pa")
_AREA = Columns(ReformArea, "ra")

_TARGETS_SQL = (
    f"SELECT {_TARGET.sql}, {_STATEMENT.sql}, {_PLAN_AREA.sql}, {_AREA.sql}"
    f" FROM {table(Target)} t"
    f" JOIN {table(TargetStatement)} s ON s.id = t.{column(Target, 'statement')}"
    f" LEFT JOIN {table(PlanArea)} pa ON pa.id = s.{column(TargetStatement, 'plan_area')}"
    f" LEFT JOIN {table(ReformArea)} ra ON ra.id = pa.{column(PlanArea, 'area')}"
)


def entry_targets(target_ids, area_ids: set[int] | None = None) -> list[Target]:
    """``Target.objects.filter(pk__in=target_ids)`` (and ``.filter(statement__plan_area_id__in=
    area_ids)`` when given) ``.select_related("statement__plan_area__area").prefetch_related(
    with_level_thresholds()).order_by("statement__position", "position")``: the targets with
    their statement, plan area and reform area, and their thresholds per level (one more
    query; none when no target)."""
    target_ids = list(target_ids)
    if not target_ids or (area_ids is not None and not area_ids):
        return []
    where, params = among("t.id", target_ids)
    if area_ids is not None:
        in_areas, area_params = among(f"s.{column(TargetStatement, 'plan_area')}", area_ids)
        where, params = f"{where} AND {in_areas}", params + area_params
    found = rows(
        f"{_TARGETS_SQL} WHERE {where}"
        f" ORDER BY s.{column(TargetStatement, 'position')}, t.{column(Target, 'position')}",
        params,
        _TARGET,
        _STATEMENT,
        _PLAN_AREA,
        _AREA,
    )
    targets = []
    for target, statement, plan_area, area in found:
        if plan_area is not None:
            plan_area.area = area
        statement.plan_area = plan_area
        target.statement = statement
        targets.append(target)
    thresholds_into(targets)
    return targets


_TASK = Columns(Task, "k")
_LEADS = Task.lead_agencies.through
_COOPERATING = Task.cooperating_agencies.through


def _names(through) -> str:
    """``EXISTS`` a row of the task's many-to-many ``through`` table linking it to the agency
    given (a parameter)."""
    return (
        f"EXISTS (SELECT 1 FROM {table(through)} m WHERE m.{column(through, 'task')} = k.id"
        f" AND m.{column(through, 'agency')} = %s)"
    )


_TASKS_SQL = (
    f"SELECT {_TASK.sql}, {_PLAN_AREA.sql}, {_AREA.sql}, {_names(_LEADS)}"
    f" FROM {table(Task)} k"
    f" JOIN {table(PlanArea)} pa ON pa.id = k.{column(Task, 'plan_area')}"
    f" JOIN {table(ReformArea)} ra ON ra.id = pa.{column(PlanArea, 'area')}"
    f" WHERE k.{column(Task, 'plan')} = %s"
    f" AND ({_names(_LEADS)} OR {_names(_COOPERATING)})"
)


def entry_tasks(plan_id: int, agency_id: int, area_ids: set[int] | None = None) -> list[tuple[Task, bool]]:
    """``Task.objects.filter(plan=plan_id)`` (and ``.filter(plan_area_id__in=area_ids)`` when
    given) ``.filter(Q(lead_agencies=agency_id) | Q(cooperating_agencies=agency_id))
    .select_related("plan_area__area").annotate(agency_leads=Exists(<the agency among the
    task's leads>)).distinct().order_by("position")``: the tasks the agency leads or cooperates
    on, each with whether it leads it (the ORM's ``agency_leads``)."""
    if area_ids is not None and not area_ids:
        return []
    where, params = "", [agency_id, plan_id, agency_id, agency_id]
    if area_ids is not None:
        in_areas, area_params = among(f"k.{column(Task, 'plan_area')}", area_ids)
        where, params = f" AND {in_areas}", params + area_params
    tasks = []
    for task, plan_area, area, leads in rows(
        f"{_TASKS_SQL}{where} ORDER BY k.{column(Task, 'position')}",
        params,
        _TASK,
        _PLAN_AREA,
        _AREA,
        None,
    ):
        plan_area.area = area
        task.plan_area = plan_area
        tasks.append((task, bool(leads)))
    return tasks
