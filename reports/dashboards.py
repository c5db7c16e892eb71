"""What the dashboards show, read from the stored progress (``reports.models``), never
recomputed per request. Every function runs at most a fixed number of queries, however many
agencies, targets or tasks the plan has."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import DecimalField, Prefetch, prefetch_related_objects
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from agencies.succession import successors_map
from cchc import clock
from cchc.collation import sort_key
from plans.models import Plan, PlanArea, ReportingPeriod
from plans.rules import TaskStatus, days_left, is_final_period
from reporting.models import (
    AgencyProgress,
    ProgressRun,
    RollupProgress,
    Submission,
    TargetProgress,
    TaskProgress,
)
from reporting.models.progress import DRILL_DECIMALS, TARGET_DRILL_FIELDS
from reporting.rules import agency_judged_on, judged_on_figures, report_state
from targets.models import Target, TargetLevelThreshold
from targets.progress import Status, clamp, counts_in_mean

from . import charts, reads

#: worst first: the order in which problems are listed
STATUS_SEVERITY = {
    Status.NOT_MET: 0,
    Status.OFF_TRACK: 0,
    Status.AT_RISK: 1,
    Status.NO_BASIS: 2,
    Status.NO_DATA: 2,
    Status.ON_TRACK: 3,
    Status.NOT_APPLICABLE: 3,
    Status.MET: 4,
}

#: a cell of the reporting compliance matrix: the report's state and its lateness (by its first
#: sending, ``reporting.rules.report_state``)
COMPLIANCE = {
    "approved": _("Đã duyệt"),
    "approved_late": _("Đã duyệt · gửi muộn"),
    "submitted": _("Chờ duyệt"),
    "submitted_late": _("Chờ duyệt · gửi muộn"),
    "returned": _("Bị trả lại"),
    "returned_late": _("Bị trả lại · gửi muộn"),
    "missing": _("Chưa gửi"),
}


def compliance_of(row: AgencyProgress | None) -> str:
    if row is None:
        return "missing"
    return report_state(row.submission_status, row.submitted_on_time)


def progress_run_of(period: ReportingPeriod) -> ProgressRun | None:
    """The period's last computation: read with the period by ``reads.periods_with_plan``."""
    return getattr(period, "progress_run", None)  # the reverse one-to-one raises when absent


def default_period(periods: list[ReportingPeriod]) -> ReportingPeriod:
    """The latest period whose window has begun (the one being reported on now)."""
    today = clock.today()
    started = [p for p in periods if p.window_start <= today]
    return started[-1] if started else periods[0]


def province_rows(queryset, scope: str = "province"):
    """The province figures (or another ``scope``'s) among ``queryset``, in the plan's order,
    ready for ``target_figure``."""
    thresholds = Prefetch(
        "target__level_thresholds", queryset=TargetLevelThreshold.objects.select_related("level")
    )
    return (
        queryset.filter(scope=scope)
        .select_related("target__statement__plan_area", "target__responsible_agency")
        .prefetch_related(thresholds)
        .order_by("target__statement__plan_area__position", "target__statement__position", "target__position")
    )


#: a row's progress in the same scope in another period (a ``with_trend`` column): written as
#: SQL, the ORM's subquery costing more to build per column and request than running it
_TREND_SQL = (
    "SELECT t.progress FROM {table} t WHERE t.period_id = %s AND t.target_id = {table}.target_id "
    "AND t.scope = {table}.scope"
)


def with_trend(queryset, periods: list[ReportingPeriod]):
    """Each row annotated with its target's progress, in the same scope, in each of the plan's
    ``periods`` (``trend_0``, ``trend_1``…): the sparklines come with the rows, in one query
    (one row at most per period, target and scope: ``target_progress_unique_scope``)."""
    sql = _TREND_SQL.format(table=TargetProgress._meta.db_table)
    return queryset.annotate(
        **{
            f"trend_{i}": RawSQL(sql, (p.pk,), output_field=DecimalField(max_digits=12, decimal_places=6))
            for i, p in enumerate(periods)
        }
    )


def trends(rows, periods: list[ReportingPeriod]) -> dict[int, list]:
    """target id → [(period label, clamped progress or None)] over the plan's periods, from
    rows read ``with_trend``."""
    labels = [p.get_kind_display() for p in periods]
    return {
        r.target_id: [(label, clamp(getattr(r, f"trend_{i}"))) for i, label in enumerate(labels)]
        for r in rows
    }


#: an agency's stored standing in a period (``AgencyProgress``), as the league reads it
STANDING_FIELDS = (
    "agency_id",
    "period_id",
    "submission_status",
    "submitted_on_time",
    "targets",
    "targets_met",
    "targets_no_data",
    "tasks",
    "tasks_done_on_time",
    "tasks_overdue",
)


@dataclass(slots=True)
class Standing:
    """An ``AgencyProgress`` row read as plain values (its fields' names): the league reads an
    agency's row of every period, several hundred at a province, and needs no model object of
    them."""

    agency_id: int
    period_id: int
    submission_status: str
    submitted_on_time: bool | None
    targets: int
    targets_met: int
    targets_no_data: int
    tasks: int
    tasks_done_on_time: int
    tasks_overdue: int


@dataclass
class LeagueRow:
    agency: Agency
    row: AgencyProgress | Standing | None
    cells: list[tuple[ReportingPeriod, str]]  # the compliance matrix's row
    reports_due: int = 0
    reports_on_time: int = 0
    members: list[Agency] = field(default_factory=list)  # rolled up: the bodies it carries on
    state: str | None = None  # rolled up: the worst member's report state in the period

    # cached: read by the sort and again by each table that shows them; a row does not change
    @cached_property
    def reporting_rate(self) -> Decimal | None:
        return (Decimal(self.reports_on_time) / self.reports_due) if self.reports_due else None

    @property
    def awaiting_review(self) -> bool:
        """Its report of the period waits for the reviewer: shown as such ("chờ duyệt"), not
        scored (``reporting.rules.judged_on_figures``)."""
        if self.row is None:
            return False
        status = self.row.submission_status if self.state is None else self.state.removesuffix("_late")
        return not judged_on_figures(status)

    @cached_property
    def tasks_rate(self) -> Decimal | None:
        r = self.row
        return Decimal(r.tasks_done_on_time) / r.tasks if r and r.tasks and not self.awaiting_review else None

    @cached_property
    def targets_rate(self) -> Decimal | None:
        r = self.row
        return Decimal(r.targets_met) / r.targets if r and r.targets and not self.awaiting_review else None

    @cached_property
    def score(self) -> Decimal | None:
        if self.awaiting_review:
            return None  # not the agency's doing: not scored, not "cần đôn đốc"
        rates = [x for x in (self.reporting_rate, self.tasks_rate, self.targets_rate) if x is not None]
        return sum(rates, Decimal(0)) / len(rates) if rates else None

    @property
    def compliance(self) -> str:
        return self.state or compliance_of(self.row)


#: the league table's sortable columns (``?sap_xep=``, "-" for descending); "ten" is the name
LEAGUE_METRICS = {
    "bao_cao": lambda r: r.reporting_rate,
    "nhiem_vu": lambda r: r.tasks_rate,
    "chi_tieu": lambda r: r.targets_rate,
    "tong": lambda r: r.score,
}


def league(
    period: ReportingPeriod, periods: list[ReportingPeriod], standings, sort: str = "-tong"
) -> list[LeagueRow]:
    """Agencies × periods (the compliance matrix) and each agency's standing in ``period``:
    reports sent on time so far this year, tasks done on time, targets met. ``standings``: the
    agencies' stored rows of the plan's periods as values, ``STANDING_FIELDS`` then the
    agency's name (``AgencyProgress`` rows' ``values_list``, or ``reads.standings``)."""
    by_agency: dict[int, dict[int, Standing]] = defaultdict(dict)
    agencies: dict[int, Agency] = {}
    # plain values, and one Agency (its id and name, the rest deferred) per agency rather than
    # a model object of each row and of its agency again in each period
    for *values, name in standings:
        row = Standing(*values)
        by_agency[row.agency_id][row.period_id] = row
        if row.agency_id not in agencies:
            agencies[row.agency_id] = Agency.from_db(None, ["id", "name"], (row.agency_id, name))
    today = clock.today()
    due = [p for p in periods if p.position <= period.position and p.deadline < today]
    result = []
    for agency_id, rows in by_agency.items():
        cells = [(p, compliance_of(rows.get(p.pk))) for p in periods]
        on_time = sum(1 for p in due if rows.get(p.pk) and rows[p.pk].submitted_on_time)
        result.append(
            LeagueRow(
                agencies[agency_id], rows.get(period.pk), cells, reports_due=len(due), reports_on_time=on_time
            )
        )
    return league_sorted(result, sort)


def league_sorted(result: list[LeagueRow], sort: str) -> list[LeagueRow]:
    name, descending = sort.lstrip("-"), sort.startswith("-")
    result.sort(key=lambda r: sort_key(r.agency.name), reverse=descending and name == "ten")
    if name == "ten":
        return result
    metric = LEAGUE_METRICS.get(name, LEAGUE_METRICS["tong"])
    ranked = sorted((r for r in result if metric(r) is not None), key=metric, reverse=descending)
    return ranked + [r for r in result if metric(r) is None]  # no figure: last either way


#: how bad a report's state is, worst first: a rolled-up body is as late as its latest member
COMPLIANCE_SEVERITY = [
    "missing",
    "returned_late",
    "returned",
    "submitted_late",
    "approved_late",
    "submitted",
    "approved",
]
_SUM_FIELDS = ("targets", "targets_met", "targets_no_data", "tasks", "tasks_done_on_time", "tasks_overdue")


def _worst(states) -> str:
    return min(states, key=COMPLIANCE_SEVERITY.index)


def league_rollup(
    rows: list[LeagueRow], carriers: dict[int, list[Agency]], sort: str = "-tong"
) -> list[LeagueRow]:
    """The league under today's bodies: each row goes to the body carrying its agency's work
    today (``carriers``: agency id → bodies, as from ``agencies.succession.successors_map``;
    a split goes to the first). Counts add up; a report cell shows the worst member's state."""
    groups: dict[int, list[LeagueRow]] = defaultdict(list)
    bodies: dict[int, Agency] = {}
    for row in rows:
        body = (carriers.get(row.agency.pk) or [row.agency])[0]
        groups[body.pk].append(row)
        bodies[body.pk] = body
    result = []
    for pk, members in groups.items():
        if len(members) == 1 and members[0].agency.pk == pk:
            result.append(members[0])
            continue
        figures = [m.row for m in members if m.row is not None]
        combined = (
            AgencyProgress(
                agency=bodies[pk],
                period_id=figures[0].period_id,
                **{f: sum(getattr(r, f) for r in figures) for f in _SUM_FIELDS},
            )
            if figures
            else None
        )
        cells = [
            (period, _worst(m.cells[i][1] for m in members))
            for i, (period, _key) in enumerate(members[0].cells)
        ]
        result.append(
            LeagueRow(
                bodies[pk],
                combined,
                cells,
                reports_due=sum(m.reports_due for m in members),
                reports_on_time=sum(m.reports_on_time for m in members),
                members=sorted((m.agency for m in members), key=lambda a: sort_key(a.name)),
                state=_worst(m.compliance for m in members),
            )
        )
    return league_sorted(result, sort)


@dataclass
class Overview:
    plan: Plan
    period: ReportingPeriod
    periods: list[ReportingPeriod]
    run: ProgressRun | None
    rollup: RollupProgress | None  # the whole plan's
    areas: list[RollupProgress]
    targets: list[TargetProgress]
    trends: dict[int, list]
    tasks: list[TaskProgress]
    league: list[LeagueRow]
    target_counts: Counter = field(default_factory=Counter)
    task_counts: Counter = field(default_factory=Counter)
    final: bool = False  # the year's last period: verdicts are final, unfinished tasks named

    @property
    def overdue(self) -> list[TaskProgress]:
        """The overdue tasks, each once (a sub-item through its parent)."""
        return [t for t in self.tasks if t.status == TaskStatus.OVERDUE and not t.task.parent_id]

    @cached_property
    def unfinished(self) -> list[TaskProgress]:
        """The dated tasks not finished by the cut-off and not overdue yet, each once: at the
        year period, those still due by 31/12, named with their days left (``days_left``)."""
        rows = [
            t
            for t in self.tasks
            if t.status in (TaskStatus.IN_PROGRESS, TaskStatus.NOT_DUE) and not t.task.parent_id
        ]
        for t in rows:
            t.days_left = days_left(due=t.due, as_of=self.period.window_end)  # type: ignore[attr-defined]
        return rows

    @property
    def submitted(self) -> int:
        return sum(1 for r in self.league if r.compliance != "missing")

    @property
    def worst_targets(self) -> list[TargetProgress]:
        judged = [
            r
            for r in self.targets
            if r.status in (Status.OFF_TRACK, Status.AT_RISK, Status.NOT_MET) and not r.target.stretch
        ]
        judged.sort(key=lambda r: (STATUS_SEVERITY[r.status], clamp(r.progress) or 0))
        return judged[:5]

    @property
    def awaiting_review(self) -> list[LeagueRow]:
        return [r for r in self.league if r.awaiting_review]

    @property
    def worst_agencies(self) -> list[LeagueRow]:
        """ "Cần đôn đốc": the lowest scores among agencies judged on what they control (none
        whose report waits for the reviewer)."""
        scored = [r for r in self.league if r.score is not None]
        scored.sort(key=lambda r: (r.score, sort_key(r.agency.name)))
        return scored[:5]


#: the overview's filters that narrow its tasks (``DashboardFilter.tasks``)
TASK_FILTERS = ("linh_vuc", "co_quan", "cap", "qua_han")
#: the tasks the overview lists (``Overview.overdue``, ``Overview.unfinished``), before the
#: year's last period and at it
LISTED_TASKS = {
    False: [TaskStatus.OVERDUE],
    True: [TaskStatus.OVERDUE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_DUE],
}


def overview(
    plan: Plan, filters, periods: list[ReportingPeriod], sort: str = "-tong", today_structure: bool = False
) -> Overview:
    """``today_structure``: the league rolled up into the bodies that carry the work today
    (merged, split, renamed since the plan's year); otherwise the plan's own year's bodies."""
    period = filters.period
    rollups = reads.rollups(period.pk)
    rollup = next((r for r in rollups if r.scope == "plan"), None)
    final = is_final_period(period, periods)
    if any(filters.value(name) for name in filters.filters if name != "ky"):
        targets = list(with_trend(province_rows(filters.qs), periods))
    else:  # no filter but the period: its province figures read as SQL, the same rows
        targets = reads.province_targets(period.pk, trend_periods=periods)
    tasks = filters.tasks(TaskProgress.objects)
    whole_plan = not any(filters.value(name) for name in TASK_FILTERS)
    if whole_plan:
        # the plan's tasks counted as its roll-up stored them (each once: a sub-item through
        # its parent, as below), and only the rows listed read: the overdue ones, and at the
        # year's end the unfinished ones
        tasks = tasks.filter(status__in=LISTED_TASKS[final])
    tasks = list(
        tasks.select_related("task__plan_area").order_by("task__plan_area__position", "task__position")
    )
    # the lead agencies are shown for the overdue tasks only: no query when none is overdue
    prefetch_related_objects([t.task for t in tasks if t.status == TaskStatus.OVERDUE], "lead_agencies")
    if whole_plan:
        task_counts = Counter(rollup.task_counts if rollup else {})
    else:
        task_counts = Counter(t.status for t in tasks if not t.task.parent_id)  # each task once
    rows = filters.agencies(AgencyProgress.objects.filter(period__plan=plan))
    standings = rows.values_list(*STANDING_FIELDS, "agency__name")
    return Overview(
        plan=plan,
        period=period,
        periods=periods,
        run=progress_run_of(period),
        rollup=rollup,
        areas=[r for r in rollups if r.plan_area_id],
        targets=targets,
        trends=trends(targets, periods),
        tasks=tasks,
        league=_league(period, periods, standings, sort, today_structure),
        target_counts=Counter(r.status for r in targets),
        task_counts=task_counts,
        final=final,
    )


#: the statuses of the targets the leadership page may list among "cần chú ý" (``worst_targets``)
WORST_STATUSES = (Status.OFF_TRACK, Status.AT_RISK, Status.NOT_MET)


def leadership(plan: Plan, period: ReportingPeriod, periods: list[ReportingPeriod]) -> Overview:
    """What the leadership page shows, without the overview's reads it does not show: the
    plan's and areas' figures, the targets that may be among the worst (no others, no trends),
    the tasks counted as the plan's roll-up stored them (each once: a sub-item through its
    parent, as the overview counts them), and the league."""
    rollups = reads.rollups(period.pk)
    rollup = next((r for r in rollups if r.scope == "plan"), None)
    targets = reads.province_targets(period.pk, WORST_STATUSES)
    return Overview(
        plan=plan,
        period=period,
        periods=periods,
        run=progress_run_of(period),
        rollup=rollup,
        areas=[r for r in rollups if r.plan_area_id],
        targets=targets,
        trends={},
        tasks=[],
        league=_league(period, periods, reads.standings(plan.pk, STANDING_FIELDS), "-tong", False),
        target_counts=Counter(r.status for r in targets),
        task_counts=Counter(rollup.task_counts if rollup else {}),
        final=is_final_period(period, periods),
    )


def _league(period, periods, standings, sort, today_structure) -> list[LeagueRow]:
    result = league(period, periods, standings, sort)
    if not today_structure:
        return result
    carriers = successors_map([r.agency.pk for r in result], on=clock.today())
    return league_rollup(result, carriers, sort)


def area_bars(rollups: list[RollupProgress], href=None) -> list[charts.Bar]:
    """One bar per reform area: its targets by status, its mean progress on the right;
    ``href(rollup)`` links a bar to the area's page."""
    return [
        charts.Bar(
            label=f"{r.plan_area.code}. {r.plan_area.title}",
            counts=r.target_counts,
            note=charts.percent(r.progress_mean),
            href=href(r) if href else "",
        )
        for r in rollups
        if r.plan_area_id
    ]


# --- drill-downs --------------------------------------------------------------------------

#: the target drill-down's sortable columns
TARGET_SORTS = {
    "gia_tri": lambda r: r.value,
    "tien_do": lambda r: r.progress,
    "trang_thai": lambda r: STATUS_SEVERITY[r.status],
}


def target_agencies(
    period: ReportingPeriod, target, level=None, sort: str = "ten", levels=None, stored: list | None = None
):
    """Every agency's figure for a target in a period (missing ones included), and the
    province and level figures above them. ``levels``: every administrative level, when the
    caller has read them (each row's then shares them instead of reading its own). ``stored``:
    the rows the period's run stored (``target_with_rows``), read instead of ``TargetProgress``
    (with ``levels``)."""
    if stored is not None and levels is not None:
        rows = _stored_target_rows(stored, target, levels)
    elif levels is None:
        rows = TargetProgress.objects.filter(period=period, target=target).order_by("scope")
        rows = list(rows.select_related("agency__level", "level"))
    else:
        rows = TargetProgress.objects.filter(period=period, target=target).order_by("scope")
        rows = list(rows.select_related("agency").defer("agency__aliases"))
        by_id = {lv.pk: lv for lv in levels}
        for row in rows:
            if row.agency_id is not None and row.agency.level_id is not None:
                row.agency.level = by_id[row.agency.level_id]
            if row.level_id is not None:
                row.level = by_id[row.level_id]
    for row in rows:
        row.target = target
    province = next((r for r in rows if r.scope == "province"), None)
    levels = [r for r in rows if r.level_id]
    agencies = [r for r in rows if r.agency_id and (level is None or r.agency.level_id == level.pk)]
    name, descending = sort.lstrip("-"), sort.startswith("-")
    agencies.sort(key=lambda r: sort_key(r.agency.name), reverse=descending and name not in TARGET_SORTS)
    metric = TARGET_SORTS.get(name)
    if metric is not None:
        missing = [r for r in agencies if metric(r) is None]
        agencies = (
            sorted((r for r in agencies if metric(r) is not None), key=metric, reverse=descending) + missing
        )
    return province, levels, agencies


@dataclass
class AgencyYear:
    agency: Agency
    periods: list[ReportingPeriod]
    cells: list[tuple[ReportingPeriod, str, AgencyProgress | None, Submission | None]]
    targets: list[tuple[object, list[TargetProgress | None]]]
    tasks: list[TaskProgress]


def agency_year(
    plan: Plan,
    agency: Agency,
    period: ReportingPeriod,
    periods: list[ReportingPeriod],
    area_ids: set[int] | None = None,
) -> AgencyYear:
    """An agency over the year: its reports per period, its figure for each target it reports
    in each period, and the tasks it leads with their status in ``period``.

    ``area_ids``: only the lines of these plan areas (an area coordinator's view,
    ``readable_area_ids``), and each period's counts made of those lines alone: the targets
    met among them, the tasks among them by their status (the stored counts cover every
    area, so they are not shown)."""
    progress = {r.period_id: r for r in AgencyProgress.objects.filter(period__plan=plan, agency=agency)}
    submissions = {s.period_id: s for s in Submission.objects.filter(period__plan=plan, agency=agency)}
    grid: dict[int, dict[int, TargetProgress]] = defaultdict(dict)
    targets = {}
    rows = TargetProgress.objects.filter(period__plan=plan, agency=agency)
    tasks = TaskProgress.objects.filter(period=period, task__lead_agencies=agency)
    if area_ids is not None:
        rows = rows.filter(target__statement__plan_area_id__in=area_ids)
        tasks = tasks.filter(task__plan_area_id__in=area_ids)
    for row in rows.select_related("target__statement__plan_area").order_by(
        "target__statement__plan_area__position", "target__statement__position", "target__position"
    ):
        grid[row.target_id][row.period_id] = row
        targets.setdefault(row.target_id, row.target)
    tasks = list(
        tasks.select_related("task__plan_area").order_by("task__plan_area__position", "task__position")
    )
    if area_ids is not None:
        progress = _progress_in_areas(plan, agency, progress, grid, area_ids)
    cells = [
        (p, compliance_of(progress.get(p.pk)), progress.get(p.pk), submissions.get(p.pk)) for p in periods
    ]
    return AgencyYear(
        agency,
        periods,
        cells,
        [(t, [grid[t.pk].get(p.pk) for p in periods]) for t in targets.values()],
        tasks,
    )


def _progress_in_areas(
    plan, agency, stored: dict[int, AgencyProgress], grid, area_ids: set[int]
) -> dict[int, AgencyProgress]:
    """Each period's counts for an agency, of the lines in ``area_ids`` only (unsaved rows):
    its report's state as stored, the targets it met from its figures in ``grid``, the tasks it
    leads there by their status (one query)."""
    targets: dict[int, list[TargetProgress]] = defaultdict(list)
    for cells in grid.values():
        for period_id, row in cells.items():
            counts = counts_in_mean(
                stretch=row.target.stretch, measure=row.target.measure, expected=row.expected
            )
            if agency_judged_on(status=row.status, reported=row.reported, counts=counts):
                targets[period_id].append(row)
    tasks: dict[int, list[str]] = defaultdict(list)
    for period_id, status in TaskProgress.objects.filter(
        period__plan=plan, task__lead_agencies=agency, task__plan_area_id__in=area_ids, task__parent=None
    ).values_list("period_id", "status"):
        tasks[period_id].append(status)
    result = {}
    for period_id in set(stored) | set(targets) | set(tasks):
        row = stored.get(period_id)
        rows, statuses = targets.get(period_id, []), tasks.get(period_id, [])
        result[period_id] = AgencyProgress(
            period_id=period_id,
            agency=agency,
            submission_status=row.submission_status if row else "missing",
            submitted_on_time=row.submitted_on_time if row else None,
            targets=len(rows),
            targets_met=sum(1 for r in rows if r.met),
            targets_no_data=sum(1 for r in rows if r.missing),
            tasks=len(statuses),
            tasks_done_on_time=statuses.count(TaskStatus.DONE_ON_TIME) + statuses.count(TaskStatus.PERFORMED),
            tasks_overdue=statuses.count(TaskStatus.OVERDUE),
        )
    return result


class StoredFigure:
    """A ``TargetProgress`` row read from a run's stored drill-down rows (``TargetDrillRows``,
    ``AreaDrillRows``): the same attributes, made of plain values, for the same formatting
    (``reports.formatting``); its agency an ``AgencyName``."""

    __slots__ = (*TARGET_DRILL_FIELDS, "target", "target_id", "agency", "level")

    def __init__(self, values, target, agency=None, level=None):
        for name, value in zip(TARGET_DRILL_FIELDS, values, strict=True):
            setattr(self, name, Decimal(value) if value is not None and name in DRILL_DECIMALS else value)
        self.target, self.target_id = target, target.pk
        self.agency, self.level = agency, level


@dataclass(slots=True)
class AgencyName:
    """What the drill-down shows of an agency: its name and level."""

    pk: int
    name: str
    level_id: int | None
    level: object = None


def target_with_rows(plan: Plan, target_id: int, period: ReportingPeriod | None):
    """A target of the plan (404 when not one) and its rows stored by the period's run
    (``TargetDrillRows``), read together in one query; the rows None when the run stored none
    (a run before they were, a target added since) or ``period`` is None."""
    run = progress_run_of(period) if period is not None else None
    if run is not None:
        found = reads.target_drill_rows(run.pk, target_id, plan.pk)
        if found is not None:
            return found.target, found.rows
    target = get_object_or_404(
        Target.objects.select_related("statement__plan_area"), pk=target_id, statement__plan=plan
    )
    return target, None


def _stored_target_rows(stored: list, target, levels) -> list[StoredFigure]:
    """A run's stored rows of a target (``target_with_rows``) as ``StoredFigure`` rows, with
    the agencies' names and levels (one query). An agency deleted since has no row, as its
    ``TargetProgress`` rows went with it."""
    by_level = {lv.pk: lv for lv in levels}
    agency_ids = [values[1] for values in stored if values[1] is not None]
    agencies = {
        pk: AgencyName(pk, name, level_id, by_level.get(level_id))
        for pk, name, level_id in reads.agency_names(agency_ids)
    }
    return [
        StoredFigure(values, target, agencies.get(values[1]), by_level.get(values[2]))
        for values in stored
        if values[1] is None or values[1] in agencies
    ]


def area_with_rows(plan: Plan, area_id: int, periods: list[ReportingPeriod]):
    """An area of the plan (with its lead agency; 404 when not one) and the rows each period's
    run stored of it (``AreaDrillRows``, run id → rows), read together in one query; the rows
    None when some computed period has none stored (a run before they were, an area added
    since): the page reads the progress tables then."""
    runs = [r for r in map(progress_run_of, periods) if r is not None]
    found = reads.area_drill_rows([r.pk for r in runs], area_id, plan.pk)
    if not found:
        area = get_object_or_404(PlanArea.objects.select_related("lead_agency"), pk=area_id, plan=plan)
        return area, None
    stored = {f.run_id: f.rows for f in found}
    return found[0].plan_area, stored if all(r.pk in stored for r in runs) else None


def _stored_area(area: PlanArea, period: ReportingPeriod, periods, stored: dict):
    """The area page's roll-up, targets, trends and tasks from the rows each period's run
    stored (``area_with_rows``)."""
    runs = {p.pk: progress_run_of(p) for p in periods}
    run = runs.get(period.pk)
    here = stored[run.pk]
    rollup = None
    if here["rollup"] is not None:
        mean = here["rollup"]["progress_mean"]
        rollup = RollupProgress(
            period=period,
            scope=f"area:{area.pk}",
            plan_area=area,
            **{**here["rollup"], "progress_mean": None if mean is None else Decimal(mean)},
        )
    figures = {values[0]: values[1:] for values in here["targets"]}
    targets = [StoredFigure(figures[t.pk], t) for t in reads.area_targets(figures, area.pk)]
    at = TARGET_DRILL_FIELDS.index("progress") + 1  # after the target's id
    progress = {pk: {values[0]: values[at] for values in rows["targets"]} for pk, rows in stored.items()}
    # each period's point: its own run's province figure (none: no run, no point)
    points = [(p.get_kind_display(), progress.get(runs[p.pk].pk, {}) if runs[p.pk] else {}) for p in periods]
    trend = {
        row.target_id: [(label, clamp(_decimal(figures.get(row.target_id)))) for label, figures in points]
        for row in targets
    }
    status = {task_id: (code, due) for task_id, code, due in here["tasks"]}
    read = reads.tasks(status)
    prefetch_related_objects(read, "lead_agencies")  # in the agencies' order (the ORM's collation)
    tasks = {t.pk: t for t in read}
    task_rows = [
        TaskProgress(period=period, task=tasks[task_id], status=code, due=date.fromisoformat(due))
        for task_id, (code, due) in status.items()
        if task_id in tasks
    ]
    return rollup, targets, trend, task_rows


def _decimal(value):
    return None if value is None else Decimal(value)


def area_view(plan: Plan, area: PlanArea, period: ReportingPeriod, periods, stored: dict | None = None):
    """The area's roll-up, targets (province figures), their trends and its tasks in
    ``period``: from the rows its runs stored (``stored``, from ``area_with_rows``) when given,
    else from the progress tables."""
    if stored is not None and progress_run_of(period) is not None:
        return _stored_area(area, period, periods, stored)
    rollup = RollupProgress.objects.filter(period=period, scope=f"area:{area.pk}").first()
    targets = list(
        with_trend(
            province_rows(TargetProgress.objects.filter(period=period, target__statement__plan_area=area)),
            periods,
        )
    )
    tasks = list(
        TaskProgress.objects.filter(period=period, task__plan_area=area)
        .select_related("task")
        .prefetch_related("task__lead_agencies")
        .order_by("task__position")
    )
    return rollup, targets, trends(targets, periods), tasks
