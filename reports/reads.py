"""The reads every dashboard page makes first, and those of the target drill-down, written as
SQL (``cchc.sql``: the same model instances and values the ORM gives, for a fraction of its
cost in building each query; issue 26, item 2). Each function says the ORM query it replaces;
tests/reports/test_reads.py compares the two on the seeded plans."""

from __future__ import annotations

from agencies.models import AdministrativeLevel, Agency
from cchc.sql import Columns, among, column, rows, storable_id, table
from plans.models import Plan, PlanArea, ReportingPeriod, Task
from reporting.models import (
    AgencyProgress,
    AreaDrillRows,
    PendingRecompute,
    ProgressRun,
    RollupProgress,
    TargetDrillRows,
    TargetProgress,
)
from targets.models import Target, TargetStatement
from targets.reads import thresholds_into

from .models import Report

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
#: the plan ``p``'s version, its last change and since when a recompute of one of its periods
#: waits (``Min("periods__pending_recompute__first_requested_at")``)
_VERSION_COLUMNS = (
    f"p.{column(Plan, 'progress_version')}, p.{column(Plan, 'updated_at')},"
    f" (SELECT MIN(w.{column(PendingRecompute, 'first_requested_at')})"
    f" FROM {table(PendingRecompute)} w JOIN {table(ReportingPeriod)} wp"
    f" ON wp.id = w.{column(PendingRecompute, 'period')}"
    f" WHERE wp.{column(ReportingPeriod, 'plan')} = p.id)"
)
_VERSION_PARTS = (Plan._meta.get_field("progress_version"), Plan._meta.get_field("updated_at"), _PENDING)
_VERSION_SQL = f"SELECT {_VERSION_COLUMNS} FROM {table(Plan)} p WHERE p.id = %s"


def plan_version(plan_id: int):
    """``Plan.objects.filter(pk=plan_id).annotate(since=Min("periods__pending_recompute__
    first_requested_at")).values_list("progress_version", "updated_at", "since").first()``:
    the plan's progress version, its last change and since when a recompute of it waits (None:
    none waits); None when there is no such plan."""
    if not storable_id(plan_id):
        return None
    found = rows(_VERSION_SQL, [plan_id], *_VERSION_PARTS)
    return found[0] if found else None


_PERIOD_VERSION_SQL = (
    f"SELECT p.id, {_VERSION_COLUMNS} FROM {table(ReportingPeriod)} rp"
    f" JOIN {table(Plan)} p ON p.id = rp.{column(ReportingPeriod, 'plan')} WHERE rp.id = %s"
)


def period_plan_version(period_id: int):
    """``ReportingPeriod.objects.filter(pk=period_id).annotate(since=Min("plan__periods__
    pending_recompute__first_requested_at")).values_list("plan_id", "plan__progress_version",
    "plan__updated_at", "since").first()``: :func:`plan_version` of the period's plan, its id
    first; None when there is no such period."""
    if not storable_id(period_id):
        return None
    found = rows(_PERIOD_VERSION_SQL, [period_id], None, *_VERSION_PARTS)
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
    where, params = among("a.id", agency_ids)
    return rows(
        f"SELECT a.id, a.{column(Agency, 'name')}, a.{column(Agency, 'level')}"
        f" FROM {table(Agency)} a WHERE {where}",
        params,
        _AGENCY_ID,
        _AGENCY_NAME,
        _AGENCY_LEVEL,
    )


_AREA_ROWS = Columns(AreaDrillRows, "d")
_LEAD = Columns(Agency, "la")


def area_drill_rows(run_ids: list[int], area_id: int, plan_id: int) -> list[AreaDrillRows]:
    """``AreaDrillRows.objects.filter(run_id__in=run_ids, plan_area_id=area_id,
    plan_area__plan=plan_id).select_related("plan_area__lead_agency")``: the rows each run
    stored of the area, each holding the area (one object) and its lead agency."""
    if not run_ids or not storable_id(area_id):
        return []
    where, params = among(f"d.{column(AreaDrillRows, 'run')}", run_ids)
    found = rows(
        f"SELECT {_AREA_ROWS.sql}, {_AREA.sql}, {_LEAD.sql} FROM {table(AreaDrillRows)} d"
        f" JOIN {table(PlanArea)} pa ON pa.id = d.{column(AreaDrillRows, 'plan_area')}"
        f" LEFT JOIN {table(Agency)} la ON la.id = pa.{column(PlanArea, 'lead_agency')}"
        f" WHERE {where} AND pa.id = %s AND pa.{column(PlanArea, 'plan')} = %s",
        [*params, area_id, plan_id],
        _AREA_ROWS,
        _AREA,
        _LEAD,
    )
    out, area = [], None
    for drill, its_area, lead in found:
        if area is None:
            area = its_area
            area.lead_agency = lead
        drill.plan_area = area
        out.append(drill)
    return out


_AREA_TARGET = Columns(Target, "t")


def area_targets(target_ids, area_id: int) -> list[Target]:
    """``Target.objects.filter(pk__in=target_ids, statement__plan_area=area_id).order_by(
    "statement__position", "position")``, with their thresholds (:func:`thresholds_into`)."""
    ids = list(target_ids)
    if not ids:
        return []
    where, params = among("t.id", ids)
    targets = [
        target
        for (target,) in rows(
            f"SELECT {_AREA_TARGET.sql} FROM {table(Target)} t"
            f" JOIN {table(TargetStatement)} s ON s.id = t.{column(Target, 'statement')}"
            f" WHERE {where} AND s.{column(TargetStatement, 'plan_area')} = %s"
            f" ORDER BY s.{column(TargetStatement, 'position')}, t.{column(Target, 'position')}",
            [*params, area_id],
            _AREA_TARGET,
        )
    ]
    thresholds_into(targets)
    return targets


_TASK = Columns(Task, "k")


def tasks(task_ids) -> list[Task]:
    """``Task.objects.filter(pk__in=task_ids)`` (in no order)."""
    ids = list(task_ids)
    if not ids:
        return []
    where, params = among("k.id", ids)
    return [task for (task,) in rows(f"SELECT {_TASK.sql} FROM {table(Task)} k WHERE {where}", params, _TASK)]


_ROLLUP = Columns(RollupProgress, "ru")
_ROLLUP_AREA = Columns(PlanArea, "ra")
_ROLLUPS_SQL = (
    f"SELECT {_ROLLUP.sql}, {_ROLLUP_AREA.sql} FROM {table(RollupProgress)} ru"
    f" LEFT JOIN {table(PlanArea)} ra ON ra.id = ru.{column(RollupProgress, 'plan_area')}"
    f" WHERE ru.{column(RollupProgress, 'period')} = %s ORDER BY ra.{column(PlanArea, 'position')}"
)


def rollups(period_id: int) -> list[RollupProgress]:
    """``RollupProgress.objects.filter(period=period_id).select_related("plan_area").order_by(
    "plan_area__position")``."""
    found = []
    for rollup, area in rows(_ROLLUPS_SQL, [period_id], _ROLLUP, _ROLLUP_AREA):
        rollup.plan_area = area
        found.append(rollup)
    return found


_PROGRESS = Columns(TargetProgress, "tp")
_RESPONSIBLE = Columns(Agency, "ra")
_PROGRESS_VALUE = TargetProgress._meta.get_field("progress")


def province_targets(period_id: int, statuses=None, trend_periods=()) -> list[TargetProgress]:
    """``province_rows(TargetProgress.objects.filter(period=period_id, status__in=statuses))``
    (``reports.dashboards``; every status when ``statuses`` is None): the province's figures of
    the targets in those statuses, each with its target, statement, area, responsible agency and
    thresholds per level (a second query, :func:`thresholds_into`), in the plan's order; read
    ``with_trend(…, trend_periods)``, each row's progress in the same scope in each of those
    periods too (``trend_0``, ``trend_1``…), in the same query."""
    where, params = ("", [])
    if statuses is not None:
        where, params = among(f"tp.{column(TargetProgress, 'status')}", statuses)
        where = f" AND {where}"
    value, period, target_of, scope = (
        column(TargetProgress, name) for name in ("progress", "period", "target", "scope")
    )
    trends = "".join(
        f", (SELECT tr.{value} FROM {table(TargetProgress)} tr WHERE tr.{period} = %s"
        f" AND tr.{target_of} = tp.{target_of} AND tr.{scope} = tp.{scope})"
        for _period in trend_periods
    )
    found = rows(
        f"SELECT {_PROGRESS.sql}, {_TARGET.sql}, {_STATEMENT.sql}, {_AREA.sql}, {_RESPONSIBLE.sql}{trends}"
        f" FROM {table(TargetProgress)} tp"
        f" JOIN {table(Target)} t ON t.id = tp.{target_of}"
        f" JOIN {table(TargetStatement)} s ON s.id = t.{column(Target, 'statement')}"
        f" LEFT JOIN {table(PlanArea)} pa ON pa.id = s.{column(TargetStatement, 'plan_area')}"
        f" LEFT JOIN {table(Agency)} ra ON ra.id = t.{column(Target, 'responsible_agency')}"
        f" WHERE tp.{period} = %s AND tp.{scope} = %s{where}"
        f" ORDER BY pa.{column(PlanArea, 'position')}, s.{column(TargetStatement, 'position')},"
        f" t.{column(Target, 'position')}",
        [*(p.pk for p in trend_periods), period_id, "province", *params],
        _PROGRESS,
        _TARGET,
        _STATEMENT,
        _AREA,
        _RESPONSIBLE,
        *[_PROGRESS_VALUE] * len(trend_periods),
    )
    out = []
    for progress, target, statement, area, responsible, *trend in found:
        statement.plan_area = area
        target.statement = statement
        target.responsible_agency = responsible
        progress.target = target
        for index, point in enumerate(trend):
            setattr(progress, f"trend_{index}", point)
        out.append(progress)
    thresholds_into([row.target for row in out])
    return out


def standings(plan_id: int, fields: tuple[str, ...]) -> list[tuple]:
    """``AgencyProgress.objects.filter(period__plan=plan_id).values_list(*fields,
    "agency__name")`` (in no order): each agency's stored standing in each period of the plan,
    with its name."""
    names = [AgencyProgress._meta.get_field(name) for name in fields]
    selected = ", ".join(f"ap.{column(AgencyProgress, f.name)}" for f in names)
    return rows(
        f"SELECT {selected}, ag.{column(Agency, 'name')}"
        f" FROM {table(AgencyProgress)} ap"
        f" JOIN {table(ReportingPeriod)} rp ON rp.id = ap.{column(AgencyProgress, 'period')}"
        f" JOIN {table(Agency)} ag ON ag.id = ap.{column(AgencyProgress, 'agency')}"
        f" WHERE rp.{column(ReportingPeriod, 'plan')} = %s",
        [plan_id],
        *names,
        Agency._meta.get_field("name"),
    )


_REPORT = Columns(Report, "rep")
_REPORT_PERIOD = Columns(ReportingPeriod, "rpp")
_PROVINCE_REPORTS_SQL = (
    f"SELECT {_REPORT.sql}, {_REPORT_PERIOD.sql} FROM {table(Report)} rep"
    f" JOIN {table(ReportingPeriod)} rpp ON rpp.id = rep.{column(Report, 'period')}"
    f" WHERE rep.{column(Report, 'period')} = %s AND rep.{column(Report, 'agency')} IS NULL"
    f" AND rep.{column(Report, 'file')} <> '' ORDER BY rep.{column(Report, 'version')} DESC"
)


def province_reports(period_id: int) -> list[Report]:
    """``Report.objects.filter(period=period_id, agency=None).exclude(file="").select_related(
    "period").order_by("-version")``: the period's province reports made so far, latest first."""
    found = []
    for report, period in rows(_PROVINCE_REPORTS_SQL, [period_id], _REPORT, _REPORT_PERIOD):
        report.period = period
        found.append(report)
    return found


_STAMP_SQL = (
    f"SELECT COUNT(rep.id), MAX(rep.id),"
    f" COALESCE(SUM(CASE WHEN rep.{column(Report, 'state')} = %s THEN 1 ELSE 0 END), 0),"
    f" MAX(rep.{column(Report, 'render_finished_at')})"
    f" FROM {table(Report)} rep"
    f" JOIN {table(ReportingPeriod)} rpp ON rpp.id = rep.{column(Report, 'period')}"
    f" WHERE rpp.{column(ReportingPeriod, 'plan')} = %s AND rep.{column(Report, 'agency')} IS NULL"
    f" AND rep.{column(Report, 'file')} <> ''"
)


def province_reports_stamp(plan_id: int) -> tuple:
    """What changes when a province report of the plan is made, issued or made again: how
    many there are, the last one's id, how many are issued and when the last rendering
    finished (``Count``, ``Max``, ``Count(filter=…)``, ``Max`` of the ORM's aggregate)."""
    ((count, last, issued, at),) = rows(
        _STAMP_SQL,
        [Report.State.ISSUED, plan_id],
        None,
        None,
        None,
        Report._meta.get_field("render_finished_at"),
    )
    return count, last, int(issued), at
