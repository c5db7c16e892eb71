"""The reads every dashboard page makes first, and those of the target drill-down, written as
SQL (``cchc.sql``: the same model instances and values the ORM gives, for a fraction of its
cost in building each query; issue 26, item 2). Each function says the ORM query it replaces;
tests/reports/test_reads.py compares the two on the seeded plans."""

from __future__ import annotations

from agencies.models import AdministrativeLevel, Agency
from cchc.sql import Columns, column, rows, storable_id, table
from plans.models import Plan, PlanArea, ReportingPeriod
from reporting.models import PendingRecompute, ProgressRun, TargetDrillRows
from targets.models import Target, TargetLevelThreshold, TargetStatement

_PERIOD = Columns(ReportingPeriod, "rp")
_PLAN = Columns(Plan, "p")
_ISSUER = Columns(Agency, "a")
_RUN = Columns(ProgressRun, "r")

_PERIODS_SQL = (
    f"SELECT {_PERIOD.sql}, {_PLAN.sql}, {_ISSUER.sql}, {_RUN.sql}"
    f" FROM {table(ReportingPeriod)} rp"
    f" JOIN {table(Plan)} p ON p.id = rp.{column(ReportingPeriod, 'plan')}"
    f" JOIN {table(Agency)} a ON a.id = p.{column(Plan, 'issuer')}"
    f" LEFT JOIN {table(ProgressRun)} r ON r.{column(ProgressRun, 'period')} = rp.id"
    f" WHERE rp.{column(ReportingPeriod, 'plan')} = %s"
    f" ORDER BY rp.{column(ReportingPeriod, 'position')}"
)


def periods_with_plan(plan_id: int) -> list[ReportingPeriod]:
    """``ReportingPeriod.objects.filter(plan__pk=plan_id).select_related("plan__issuer",
    "progress_run").order_by("position")``, the periods sharing one plan object; a period never
    computed holds no run (``progress_run`` raises, as when the ORM found none)."""
    if not storable_id(plan_id):
        return []
    periods, plan = [], None
    no_run = ReportingPeriod.progress_run.related
    for period, its_plan, issuer, run in rows(_PERIODS_SQL, [plan_id], _PERIOD, _PLAN, _ISSUER, _RUN):
        if plan is None:
            plan = its_plan
            plan.issuer = issuer
        period.plan = plan
        if run is None:
            no_run.set_cached_value(period, None)
        else:
            period.progress_run = run
        periods.append(period)
    return periods


_PENDING = PendingRecompute._meta.get_field("first_requested_at")
_VERSION_SQL = (
    f"SELECT p.{column(Plan, 'progress_version')}, p.{column(Plan, 'updated_at')},"
    f" (SELECT MIN(w.{column(PendingRecompute, 'first_requested_at')})"
    f" FROM {table(PendingRecompute)} w JOIN {table(ReportingPeriod)} rp"
    f" ON rp.id = w.{column(PendingRecompute, 'period')}"
    f" WHERE rp.{column(ReportingPeriod, 'plan')} = p.id)"
    f" FROM {table(Plan)} p WHERE p.id = %s"
)


def plan_version(plan_id: int):
    """``Plan.objects.filter(pk=plan_id).annotate(since=Min("periods__pending_recompute__
    first_requested_at")).values_list("progress_version", "updated_at", "since").first()``:
    the plan's progress version, its last change and since when a recompute of it waits (None:
    none waits); None when there is no such plan."""
    if not storable_id(plan_id):
        return None
    found = rows(
        _VERSION_SQL,
        [plan_id],
        Plan._meta.get_field("progress_version"),
        Plan._meta.get_field("updated_at"),
        _PENDING,
    )
    return found[0] if found else None


_DRILL = Columns(TargetDrillRows, "d")
_TARGET = Columns(Target, "t")
_STATEMENT = Columns(TargetStatement, "s")
_AREA = Columns(PlanArea, "pa")

_TARGET_ROWS_SQL = (
    f"SELECT {_DRILL.sql}, {_TARGET.sql}, {_STATEMENT.sql}, {_AREA.sql}"
    f" FROM {table(TargetDrillRows)} d"
    f" JOIN {table(Target)} t ON t.id = d.{column(TargetDrillRows, 'target')}"
    f" JOIN {table(TargetStatement)} s ON s.id = t.{column(Target, 'statement')}"
    f" LEFT JOIN {table(PlanArea)} pa ON pa.id = s.{column(TargetStatement, 'plan_area')}"
    f" WHERE d.{column(TargetDrillRows, 'run')} = %s AND d.{column(TargetDrillRows, 'target')} = %s"
    f" AND s.{column(TargetStatement, 'plan')} = %s"
)


def target_drill_rows(run_id: int, target_id: int, plan_id: int):
    """``TargetDrillRows.objects.filter(run_id=run_id, target_id=target_id,
    target__statement__plan=plan_id).select_related("target__statement__plan_area").first()``:
    the target (its statement and area read with it) and the rows the run stored of it, or
    None."""
    if not storable_id(target_id):
        return None
    found = rows(_TARGET_ROWS_SQL, [run_id, target_id, plan_id], _DRILL, _TARGET, _STATEMENT, _AREA)
    if not found:
        return None
    drill, target, statement, area = found[0]
    statement.plan_area = area
    target.statement = statement
    drill.target = target
    return drill


_LEVEL = Columns(AdministrativeLevel, "l")
_LEVELS_SQL = f"SELECT {_LEVEL.sql} FROM {table(AdministrativeLevel)} l ORDER BY l.id"


def levels() -> list[AdministrativeLevel]:
    """``list(AdministrativeLevel.objects.order_by("pk"))``."""
    return [level for (level,) in rows(_LEVELS_SQL, [], _LEVEL)]


_AGENCY_ID = Agency._meta.pk
_AGENCY_NAME = Agency._meta.get_field("name")
_AGENCY_LEVEL = Agency._meta.get_field("level")


def agency_names(agency_ids: list[int]) -> list[tuple[int, str, int | None]]:
    """``Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name", "level_id")`` (in
    no order)."""
    if not agency_ids:
        return []
    marks = ", ".join(["%s"] * len(agency_ids))
    return rows(
        f"SELECT a.id, a.{column(Agency, 'name')}, a.{column(Agency, 'level')}"
        f" FROM {table(Agency)} a WHERE a.id IN ({marks})",
        agency_ids,
        _AGENCY_ID,
        _AGENCY_NAME,
        _AGENCY_LEVEL,
    )


_THRESHOLD = Columns(TargetLevelThreshold, "h")
_THRESHOLDS_SQL = (
    f"SELECT {_THRESHOLD.sql} FROM {table(TargetLevelThreshold)} h"
    f" WHERE h.{column(TargetLevelThreshold, 'target')} = %s ORDER BY h.id"
)


def thresholds_into(target: Target, levels: list[AdministrativeLevel]) -> None:
    """The target's thresholds per level read as ``target.level_thresholds.all()`` would give
    them (ordered by the level's order), each with its level from ``levels`` (every level),
    and kept where ``prefetch_related("level_thresholds")`` keeps them, so that what reads the
    target's goal (``Target.as_spec``, the ``target_figure`` filter) reads no more."""
    by_id = {level.pk: level for level in levels}
    found = [threshold for (threshold,) in rows(_THRESHOLDS_SQL, [target.pk], _THRESHOLD)]
    for threshold in found:
        threshold.level = by_id[threshold.level_id]
        threshold.target = target
    found.sort(key=lambda threshold: threshold.level.order)
    # as prefetch_related keeps them: a query set of the thresholds, already evaluated
    prefetched = target.level_thresholds.all()
    prefetched._result_cache, prefetched._prefetch_done = found, True
    target._prefetched_objects_cache = {
        **getattr(target, "_prefetched_objects_cache", {}),
        "level_thresholds": prefetched,
    }
