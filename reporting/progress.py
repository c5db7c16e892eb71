"""Recompute the stored progress of one reporting period (DOMAIN.md "Targets", "Tasks",
"Reporting periods", "Judgements"). Only approved lines count. A rate is Σ numerators / Σ
denominators over agencies, never a mean of percentages; counts are summed; a plan-wide figure
comes from the responsible agency; an average time is weighted by transactions when every
agency gave them; a per-level target is judged per level and per agency, a level nobody reports
is not skipped; year-to-date is built from non-overlapping windows (6 tháng + Quý III at Quý
III), and a cumulative percentage is the latest year-to-date figure. "Không phát sinh" is a
valid answer: out of every sum and denominator, counted as reported. The verdicts are the
rules' (``targets.progress``, ``plans.rules``, ``reporting.rules``): final at the year period.

The whole period is replaced in one transaction while its ``ProgressRun`` row is locked, so two
runs at once wait for each other and running twice gives the same rows."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import JSONField, Value
from django.utils import timezone
from django.utils.translation import gettext

from agencies.succession import later_successor_ids_map, succession_edges, successor_ids_map
from plans.models import ReportingPeriod, Task
from plans.rules import (
    TaskStatus,
    is_final_period,
    parent_task_status,
    task_due,
    task_status,
    windows_of,
    year_bounds,
)
from plans.services import plan_progress_version_bump
from targets.models import Target
from targets.progress import (
    Evaluation,
    LevelFigure,
    Status,
    counts_in_mean,
    evaluate,
    expected_progress,
    levels_evaluation,
    progress_mean,
    status_of,
    time_mean,
)
from targets.rules import Measure, accumulates, format_number, is_cumulative, is_time_unit
from targets.selectors import plan_target_assignments, province_agencies, with_level_thresholds

from .models import (
    AgencyProgress,
    AreaDrillRows,
    ProgressRun,
    ReviewStatus,
    RollupProgress,
    Submission,
    TargetDrillRows,
    TargetProgress,
    TargetResult,
    TaskProgress,
    TaskUpdate,
)
from .models.progress import DRILL_DECIMALS, TARGET_DRILL_FIELDS
from .rules import (
    NOT_SENT,
    TaskReport,
    agency_judged_on,
    first_sending,
    latest_task_reports,
    recurring_judgement,
    sent_on_time,
    task_judgement,
)

HUNDRED = Decimal(100)


@dataclass
class Figure:
    """One agency's approved figures for a target over the windows that make the period.
    ``transactions``: beside an average time, the number of transactions of the latest window
    (None when not given). ``not_applicable``: lines answered "không phát sinh"; a figure with
    nothing else is reported, and adds nothing."""

    numerator: Decimal = Decimal(0)
    denominator: Decimal = Decimal(0)
    values: list[Decimal] = field(default_factory=list)
    done: bool | None = None
    transactions: int | None = None
    not_applicable: int = 0
    numbers: int = 0  # lines with a figure

    @property
    def only_not_applicable(self) -> bool:
        return self.not_applicable > 0 and not self.numbers

    def actual(self, measure: str, comparator: str = "") -> Decimal | None:
        if measure == Measure.RATE:
            return self.numerator / self.denominator * HUNDRED if self.denominator else None
        if accumulates(measure, comparator):
            return sum(self.values, Decimal(0)) if self.values else None
        return self.values[-1] if self.values else None  # a level: the latest window


class _Computation:
    def __init__(self, period: ReportingPeriod):
        self.period = period
        self.plan = period.plan
        self.periods = list(self.plan.periods.order_by("position"))
        self.windows = windows_of(period, self.periods)
        self.year_start, self.year_end = year_bounds(self.periods, self.plan.year)
        self.final = is_final_period(period, self.periods)
        self.level_of = {a.pk: a.level_id for a in province_agencies(self.plan)}
        self.levels_not_applicable = set(self.plan.levels_not_applicable.values_list("pk", flat=True))
        self.edges = succession_edges()
        self.assignments = plan_target_assignments(self.plan, on=period.window_end, edges=self.edges)
        self.merged_later: dict[int, set[int]] = {}
        self.rows: list[TargetProgress] = []
        self.task_rows: list[TaskProgress] = []
        self.sources = {"results": 0, "updates": 0, "latest": None}

    def _seen(self, updated_at):
        latest = self.sources["latest"]
        if latest is None or updated_at > latest:
            self.sources["latest"] = updated_at

    # --- targets ---------------------------------------------------------------------------
    def figures(self) -> dict[int, dict[int, Figure]]:
        figures: dict[int, dict[int, Figure]] = defaultdict(dict)
        order = {p.pk: i for i, p in enumerate(self.windows)}
        lines = TargetResult.objects.filter(
            submission__period__in=self.windows, review_status=ReviewStatus.APPROVED
        ).values_list(
            "target_id",
            "submission__agency_id",
            "submission__period_id",
            "numerator",
            "denominator",
            "value",
            "done",
            "transactions",
            "not_applicable",
            "updated_at",
        )
        lines = sorted(lines, key=lambda row: order[row[2]])
        carrier = self._carriers({row[1] for row in lines})
        for target_id, agency_id, _period, num, den, value, done, count, na, updated_at in lines:
            figure = figures[target_id].setdefault(carrier.get(agency_id, agency_id), Figure())
            self.sources["results"] += 1
            self._seen(updated_at)
            if na:
                figure.not_applicable += 1  # a valid answer: reported, adds nothing
                continue
            if num is not None and den is not None:
                figure.numerator += num
                figure.denominator += den
            if value is not None:
                figure.values.append(value)
                figure.transactions = count  # beside the latest window's value
            if done is not None:
                figure.done = bool(done) or bool(figure.done)
            figure.numbers += 1
        return figures

    def _carriers(self, agency_ids: set[int]) -> dict[int, int]:
        """A body merged (or renamed) away before the cut-off: its approved lines are its
        successor's, so a merge on 1/7 keeps the 6 tháng figures in the successor's year to
        date. A body split in several keeps its lines apart: they cannot be divided. Also
        notes, for :meth:`_target`, the bodies each one's work passes to after the cut-off
        (``merged_later``: a merge into Sở KH&ĐT, then Sở KH&ĐT into Sở Tài chính)."""
        if not self.edges:
            return {}
        cut_off = self.period.window_end
        self.merged_later = later_successor_ids_map(self.edges, agency_ids, after=cut_off)
        now = successor_ids_map(self.edges, agency_ids, on=cut_off)
        return {a: c[0] for a, c in now.items() if len(c) == 1 and c[0] != a}

    def targets(self):
        figures = self.figures()
        self.target_list = list(
            Target.objects.filter(statement__plan=self.plan)
            .select_related("statement")
            .prefetch_related(with_level_thresholds())
        )
        for target in self.target_list:
            self._target(target, figures.get(target.pk, {}))

    def _row(self, target, scope, figure_value, evaluation, expected, status=None, **extra):
        return TargetProgress(
            period=self.period,
            target=target,
            scope=scope,
            value=figure_value,
            progress=evaluation.progress,
            met=evaluation.met,
            status=status or status_of(evaluation, expected, final=self.final),
            expected=expected,
            formula=evaluation.formula[:255],
            reason=evaluation.reason[:255],
            **extra,
        )

    def _target(self, target: Target, by_agency: dict[int, Figure]):
        spec = target.as_spec()
        expected = expected_progress(
            target.measure,
            cumulative=is_cumulative(target.measure, target.comparator, target.cumulative),
            year_start=self.year_start,
            year_end=self.year_end,
            as_of=self.period.window_end,
        )
        thresholds = {t.level_id: t for t in target.level_thresholds.all()}
        assigned = self.assignments.get(target.pk, set())
        # A body that reported the target before it merged into one that already existed (the
        # target has moved to that one): its figures count, it was assigned then; a body that
        # did not report is not counted missing for work it never had.
        assigned = sorted(
            assigned
            | {a for a in by_agency if a not in assigned and self.merged_later.get(a, set()) & assigned}
        )
        for agency_id in assigned:
            self.rows.append(
                self._agency_row(target, spec, expected, agency_id, by_agency.get(agency_id), thresholds)
            )
        reporting = [a for a in assigned if a in by_agency]
        if thresholds:
            self._levels(target, spec, expected, assigned, reporting, by_agency, thresholds)
            return
        self.rows.append(
            self._aggregate(
                target,
                spec,
                expected,
                "province",
                [by_agency[a] for a in reporting],
                target.value,
                len(assigned),
                responsible=by_agency.get(target.responsible_agency_id),
            )
        )

    def _agency_row(self, target, spec, expected, agency_id, figure, thresholds) -> TargetProgress:
        measure = target.measure
        threshold = thresholds.get(self.level_of.get(agency_id))
        goal = threshold.value if threshold is not None else None
        rate = figure is not None and measure == Measure.RATE and not figure.only_not_applicable
        extra = {
            "agency_id": agency_id,
            "numerator": figure.numerator if rate else None,
            "denominator": figure.denominator if rate else None,
            "goal": goal if goal is not None else target.value,
            "reported": 1 if figure else 0,
            "missing": 0 if figure else 1,
            "not_applicable": 1 if figure is not None and figure.only_not_applicable else 0,
        }
        if figure is not None and figure.only_not_applicable:
            return self._row(
                target,
                f"agency:{agency_id}",
                None,
                Evaluation(None, None, reason=str(Status.NOT_APPLICABLE.label)),
                expected,
                status=Status.NOT_APPLICABLE,
                **extra,
            )
        actual = figure.actual(measure, target.comparator) if figure else None
        evaluation = evaluate(spec, actual, done=figure.done if figure else None, goal=goal)
        return self._row(target, f"agency:{agency_id}", actual, evaluation, expected, **extra)

    def _levels(self, target, spec, expected, assigned, reporting, by_agency, thresholds):
        """A per-level target: a row per applicable level, then the province's from them
        (``targets.progress.levels_evaluation``: a level nobody reports is not skipped)."""
        levels = []
        for level_id, threshold in sorted(thresholds.items()):
            name = str(threshold.level.name)
            if level_id in self.levels_not_applicable:
                levels.append(LevelFigure(name, 0, None, not_applicable=True))
                continue
            members = [a for a in assigned if self.level_of.get(a) == level_id]
            row = self._aggregate(
                target,
                spec,
                expected,
                f"level:{level_id}",
                [by_agency[a] for a in members if a in by_agency],
                threshold.value,
                len(members),
                level_id=level_id,
            )
            if not members:
                row.status = Status.NO_BASIS
                row.reason = str(_no_agency_reason(name))[:255]
            self.rows.append(row)
            known = None if row.progress is None else Evaluation(row.progress, row.met)
            levels.append(LevelFigure(name, len(members), known))
        evaluation = levels_evaluation(levels)
        self.rows.append(
            self._row(
                target,
                "province",
                None,
                evaluation,
                expected,
                reported=len(reporting),
                missing=len(assigned) - len(reporting),
                not_applicable=sum(1 for a in reporting if by_agency[a].only_not_applicable),
            )
        )

    def _aggregate(
        self, target, spec, expected, scope, figures, goal, assigned_count, responsible=None, **extra
    ):
        """A figure made of several agencies' (the province's, a level's)."""
        counted = [f for f in figures if not f.only_not_applicable]
        not_applicable = len(figures) - len(counted)
        numerator, denominator, value, evaluation, prefix = self._combine(
            target, spec, counted, goal, assigned_count - not_applicable, responsible
        )
        status = None
        if not counted and figures and len(figures) >= assigned_count:
            # every agency answered "không phát sinh": nothing arose, nothing to judge
            status = Status.NOT_APPLICABLE
            evaluation = Evaluation(None, None, reason=str(Status.NOT_APPLICABLE.label))
        if prefix and evaluation.formula:
            evaluation = Evaluation(
                evaluation.progress,
                evaluation.met,
                prefix + evaluation.formula,
                evaluation.reason,
                evaluation.no_basis,
            )
        return self._row(
            target,
            scope,
            value,
            evaluation,
            expected,
            status=status,
            numerator=numerator,
            denominator=denominator,
            goal=goal,
            reported=len(figures),
            missing=max(assigned_count - len(figures), 0),
            not_applicable=not_applicable,
            **extra,
        )

    def _combine(self, target, spec, figures, goal, assigned_count, responsible):
        """(numerator, denominator, value, evaluation, formula prefix) of the agencies' figures
        that have numbers."""
        measure = target.measure
        numerator = denominator = value = None
        if not figures:
            return None, None, None, evaluate(spec, None, goal=goal), ""
        if measure == Measure.RATE:
            numerator = sum((f.numerator for f in figures), Decimal(0))
            denominator = sum((f.denominator for f in figures), Decimal(0))
            value = numerator / denominator * HUNDRED if denominator else None
            prefix = f"Σ tử số / Σ mẫu số = {format_number(numerator)} / {format_number(denominator)}; "
            return numerator, denominator, value, evaluate(spec, value, goal=goal), prefix
        if measure == Measure.COUNT:
            # An agency whose approved line has no number (Figure.actual: None) adds nothing.
            counts = [c for c in (f.actual(measure, target.comparator) for f in figures) if c is not None]
            value = sum(counts, Decimal(0)) if counts else None
            return None, None, value, evaluate(spec, value, goal=goal), "tổng các cơ quan; "
        if measure == Measure.MILESTONE:
            return None, None, None, self._milestone(spec, figures, assigned_count), ""
        if responsible is not None and target.reporting_scope == "responsible":
            if responsible.only_not_applicable:
                return None, None, None, evaluate(spec, None, goal=goal), ""
            value = responsible.actual(measure)
            return (
                None,
                None,
                value,
                evaluate(spec, value, goal=goal),
                "số liệu của cơ quan chịu trách nhiệm; ",
            )
        known = [f for f in figures if f.actual(measure) is not None]
        if is_time_unit(target.unit):
            mean = time_mean([(f.actual(measure), f.transactions) for f in known])
            prefix = f"{mean.formula}; " if known else ""
            return None, None, mean.value, evaluate(spec, mean.value, goal=goal), prefix
        values = [f.actual(measure) for f in known]
        value = sum(values, Decimal(0)) / len(values) if values else None
        prefix = f"trung bình {len(values)} cơ quan; " if values else ""
        return None, None, value, evaluate(spec, value, goal=goal), prefix

    @staticmethod
    def _milestone(spec, figures, assigned_count) -> Evaluation:
        """A milestone: the responsible agency's answer, or how many of the agencies assigned it
        (those that answered "không phát sinh" left out) are done."""
        answered = [f.done for f in figures if f.done is not None]
        if not answered:
            return evaluate(spec, None)
        if len(answered) == 1 and assigned_count <= 1:
            return evaluate(spec, done=answered[0])
        done = sum(1 for d in answered if d)
        return Evaluation(
            Decimal(done) / Decimal(max(assigned_count, 1)),
            done == assigned_count,
            f"số cơ quan hoàn thành / số cơ quan được giao = {done}/{assigned_count}",
        )

    # --- tasks -------------------------------------------------------------------------------
    def _task_reports(self):
        """The lead agencies' approved updates up to this period: the latest per task and agency
        (dated tasks; "không phát sinh" left out), and this period's (recurring tasks)."""
        up_to = [p for p in self.periods if p.position <= self.period.position]
        order = {p.pk: p.position for p in up_to}
        updates = TaskUpdate.objects.filter(
            submission__period__in=up_to, review_status=ReviewStatus.APPROVED
        ).values_list(
            "task_id",
            "submission__agency_id",
            "submission__period_id",
            "progress",
            "percent",
            "completed_on",
            "not_applicable",
            "updated_at",
        )
        reports: list[tuple[tuple[int, int], TaskReport]] = []
        this_period: dict[tuple[int, int], TaskReport] = {}
        for task_id, agency_id, period_id, progress, percent, completed_on, na, updated_at in updates:
            key = (task_id, agency_id)
            report = TaskReport(order[period_id], progress, percent, completed_on, not_applicable=na)
            if not na:
                reports.append((key, report))
            if period_id == self.period.pk:
                this_period[key] = report
            self.sources["updates"] += 1
            self._seen(updated_at)
        return latest_task_reports(reports), this_period

    def tasks(self):
        latest, this_period = self._task_reports()
        as_of = self.period.window_end
        self.task_list = list(Task.objects.filter(plan=self.plan).prefetch_related("lead_agencies"))
        children: dict[int, list[Task]] = defaultdict(list)
        for task in self.task_list:
            if task.parent_id:
                children[task.parent_id].append(task)
        leads_of = {t.pk: [a.pk for a in t.lead_agencies.all()] for t in self.task_list}
        judged: dict[int, TaskProgress] = {}

        def judge(task: Task) -> TaskProgress:
            """A task's row, its sub-items' first (a parent's status derives from theirs)."""
            if task.pk in judged:
                return judged[task.pk]
            leads = leads_of[task.pk]
            due = self.period.deadline if task.recurring else self._due(task)
            subs = [judge(sub) for sub in children.get(task.pk, [])]
            source = this_period if task.recurring else latest
            lead_reports = [source[(task.pk, a)] for a in leads if (task.pk, a) in source]
            completed_on, done = None, 0
            if subs:
                finished = [r.completed_on for r in subs if r.status in TaskStatus.DONE]
                completed_on = max(finished) if finished and len(finished) == len(subs) else None
                status = parent_task_status(
                    [r.status for r in subs], due=due, as_of=as_of, completed_on=completed_on
                )
                done = sum(1 for r in subs if r.status in TaskStatus.DONE)
            elif task.recurring:
                status = recurring_judgement(lead_reports, len(leads))
                done = sum(1 for r in lead_reports if not r.not_applicable and r.progress == "done")
            else:
                completed_on, started, done = task_judgement(lead_reports, len(leads), as_of)
                status = task_status(due=due, as_of=as_of, completed_on=completed_on, started=started)
            percent = (sum(r.percent for r in lead_reports) // len(leads)) if leads and lead_reports else 0
            if subs:
                percent = sum(r.percent for r in subs) // len(subs)
            judged[task.pk] = TaskProgress(
                period=self.period,
                task=task,
                due=due,
                completed_on=completed_on if status in TaskStatus.DONE else None,
                status=status,
                leads=len(subs) if subs else len(leads),
                leads_done=done,
                percent=min(percent, 100),
            )
            return judged[task.pk]

        self.task_rows = [judge(task) for task in self.task_list]
        self.agency_tasks = self._agency_tasks(latest, this_period, judged, leads_of, children)

    def _due(self, task: Task):
        """The effective due date: an approved extension, the printed date, else 31/12."""
        return task_due(
            due_date=task.due_date, extended_due_date=task.extended_due_date, plan_year=self.plan.year
        )

    def _agency_tasks(self, latest, this_period, judged, leads_of, children) -> dict[int, list[str]]:
        """Each lead agency's tasks, judged on its own reports, each counted once: a sub-item
        only when the agency does not also lead its parent; a parent as its sub-items stand."""
        as_of = self.period.window_end
        statuses: dict[int, list[str]] = defaultdict(list)
        for task in self.task_list:
            parent_leads = set(leads_of.get(task.parent_id, [])) if task.parent_id else set()
            for agency_id in leads_of[task.pk]:
                if agency_id in parent_leads:
                    continue  # counted once, through the parent
                key = (task.pk, agency_id)
                if children.get(task.pk):
                    statuses[agency_id].append(judged[task.pk].status)
                elif task.recurring:
                    own = [this_period[key]] if key in this_period else []
                    statuses[agency_id].append(recurring_judgement(own, 1))
                else:
                    own = [latest[key]] if key in latest else []
                    completed_on, started, _done = task_judgement(own, 1, as_of)
                    due = judged[task.pk].due
                    statuses[agency_id].append(
                        task_status(due=due, as_of=as_of, completed_on=completed_on, started=started)
                    )
        return statuses

    # --- roll-ups ----------------------------------------------------------------------------
    def _groups(self) -> dict[str, dict]:
        """The targets (province rows) and tasks (each once: no sub-item beside its parent) of
        the plan and of each area."""
        province = {r.target_id: r for r in self.rows if r.scope == "province"}
        targets = {t.pk: t for t in self.target_list}
        groups: dict[str, dict] = defaultdict(lambda: {"targets": [], "tasks": [], "area": None})
        for target_id, row in province.items():
            area_id = targets[target_id].statement.plan_area_id
            key = f"area:{area_id}" if area_id else "general"
            for scope in (key, "plan"):
                groups[scope]["targets"].append((targets[target_id], row))
                groups[scope]["area"] = area_id if scope != "plan" else None
        for row in self.task_rows:
            if row.task.parent_id:
                continue  # counted once, through its parent
            area_id = row.task.plan_area_id
            for scope in (f"area:{area_id}", "plan"):
                groups[scope]["tasks"].append(row)
                groups[scope]["area"] = area_id if scope != "plan" else None
        return groups

    def rollups(self) -> tuple[list[RollupProgress], list[AgencyProgress]]:
        groups = self._groups()
        submissions = {s.agency_id: s for s in Submission.objects.filter(period=self.period)}
        agency_rows = self._agencies(submissions)
        rollups = []
        for scope, group in sorted(groups.items()):
            counts: defaultdict[str, int] = defaultdict(int)
            for target, row in group["targets"]:
                counts[row.status] += 1
                counts["stretch"] += target.stretch
            task_counts = defaultdict(int)
            for row in group["tasks"]:
                task_counts[row.status] += 1
            rollup = RollupProgress(
                period=self.period,
                scope=scope,
                plan_area_id=group["area"],
                targets=len(group["targets"]),
                met=counts[Status.MET],
                on_track=counts[Status.ON_TRACK],
                at_risk=counts[Status.AT_RISK],
                off_track=counts[Status.OFF_TRACK],
                no_data=counts[Status.NO_DATA],
                not_met=counts[Status.NOT_MET],
                no_basis=counts[Status.NO_BASIS],
                not_applicable=counts[Status.NOT_APPLICABLE],
                stretch=counts["stretch"],
                progress_mean=progress_mean(
                    (
                        not counts_in_mean(stretch=t.stretch, measure=t.measure, expected=row.expected),
                        row.progress,
                    )
                    for t, row in group["targets"]
                ),
                tasks=len(group["tasks"]),
                **{f"tasks_{status}": task_counts[status] for status in TaskStatus.LABELS},
            )
            if scope == "plan":
                rollup.agencies = len(agency_rows)
                rollup.agencies_submitted = sum(1 for a in agency_rows if a.submission_status not in NOT_SENT)
                rollup.agencies_on_time = sum(1 for a in agency_rows if a.submitted_on_time)
            rollups.append(rollup)
        return rollups, agency_rows

    def _agencies(self, submissions) -> list[AgencyProgress]:
        targets = {t.pk: t for t in self.target_list}
        per_agency: dict[int, list[TargetProgress]] = defaultdict(list)
        for row in self.rows:
            if not row.agency_id:
                continue
            target = targets[row.target_id]
            counts = counts_in_mean(stretch=target.stretch, measure=target.measure, expected=row.expected)
            if agency_judged_on(status=row.status, reported=row.reported, counts=counts):
                per_agency[row.agency_id].append(row)
        agencies = set(per_agency) | set(self.agency_tasks)
        agencies |= {r.agency_id for r in self.rows if r.agency_id}
        result = []
        for agency_id in sorted(agencies):
            submission = submissions.get(agency_id)
            first = first_sending(submission.status, submission.first_submitted_at) if submission else None
            statuses = self.agency_tasks.get(agency_id, [])
            rows = per_agency.get(agency_id, [])
            result.append(
                AgencyProgress(
                    period=self.period,
                    agency_id=agency_id,
                    submission_status=submission.status if submission else "missing",
                    submitted_on_time=sent_on_time(first, self.period.deadline),
                    targets=len(rows),
                    targets_met=sum(1 for r in rows if r.met),
                    targets_no_data=sum(1 for r in rows if r.missing),
                    tasks=len(statuses),
                    # a recurring task carried out in the period is on time for the period
                    tasks_done_on_time=statuses.count(TaskStatus.DONE_ON_TIME)
                    + statuses.count(TaskStatus.PERFORMED),
                    tasks_overdue=statuses.count(TaskStatus.OVERDUE),
                )
            )
        return result


def _no_agency_reason(level_name: str) -> str:
    return gettext("Không có cơ quan nào báo cáo ở %(levels)s.") % {"levels": level_name}


def _plain(fields, values) -> list:
    """A row's values for JSON: a decimal as its exact string, as read back from its column."""
    return [
        None if v is None else str(v) if name in DRILL_DECIMALS else v
        for name, v in zip(fields, values, strict=True)
    ]


#: a stored area's target: its province figure (``AreaDrillRows``)
AREA_TARGET_FIELDS = ("target_id", *TARGET_DRILL_FIELDS)
#: a roll-up's fields kept in ``AreaDrillRows`` (all but its keys)
_ROLLUP_SKIPPED = ("id", "period_id", "scope", "plan_area_id")


def _drill_rows_store(period: ReportingPeriod, run: ProgressRun, targets) -> None:
    """The drill-down pages' rows of this run (``TargetDrillRows``, ``AreaDrillRows``), copied
    as plain values from the rows just written (read back, so a page reads the same decimals
    from either), in the run's transaction. Every target and area of the plan gets its row,
    empty when it has no figure, so that a page falls back to the progress tables only for a
    run made before these existed (or a target or area added since)."""
    TargetDrillRows.objects.filter(run=run).delete()
    AreaDrillRows.objects.filter(run=run).delete()
    area_of = {t.pk: t.statement.plan_area_id for t in targets}
    by_target: dict[int, list] = {t.pk: [] for t in targets}
    areas: dict[int, dict] = {
        pk: {"rollup": None, "targets": [], "tasks": []}
        for pk in period.plan.areas.values_list("pk", flat=True)
    }
    rows = TargetProgress.objects.filter(period=period).order_by("target_id", "scope")
    for target_id, *values in rows.values_list("target_id", *TARGET_DRILL_FIELDS):
        by_target.setdefault(target_id, []).append(_plain(TARGET_DRILL_FIELDS, values))
        area = areas.get(area_of.get(target_id))
        if area is not None and values[0] == "province":
            area["targets"].append(_plain(AREA_TARGET_FIELDS, (target_id, *values)))
    for rollup in RollupProgress.objects.filter(period=period, plan_area__isnull=False).values():
        area = areas.get(rollup["plan_area_id"])
        if area is not None and rollup["scope"] == f"area:{rollup['plan_area_id']}":
            mean = rollup["progress_mean"]
            area["rollup"] = {
                **{k: v for k, v in rollup.items() if k not in _ROLLUP_SKIPPED},
                "progress_mean": None if mean is None else str(mean),
            }
    tasks = TaskProgress.objects.filter(period=period).order_by("task__position", "pk")
    for task_id, status, due, area_id in tasks.values_list("task_id", "status", "due", "task__plan_area_id"):
        if area_id in areas:
            areas[area_id]["tasks"].append([task_id, status, due.isoformat()])
    # each JSON value as an expression: bulk_create then sends it as a value of its own rather
    # than inside a PostgreSQL array, whose client-side quoting costs more than the recompute's
    # other writes together
    TargetDrillRows.objects.bulk_create(
        [TargetDrillRows(run=run, target_id=pk, rows=_json(found)) for pk, found in by_target.items()],
        batch_size=500,
    )
    AreaDrillRows.objects.bulk_create(
        [AreaDrillRows(run=run, plan_area_id=pk, rows=_json(r)) for pk, r in areas.items()]
    )


def _json(value) -> Value:
    return Value(value, output_field=JSONField())


def _lock_run(period: ReportingPeriod) -> ProgressRun:
    defaults = {"computed_at": timezone.now(), "results_used": 0, "updates_used": 0}
    try:
        with transaction.atomic():
            ProgressRun.objects.get_or_create(period=period, defaults=defaults)
    except IntegrityError:
        pass  # created by a run at the same moment: lock it below
    return ProgressRun.objects.select_for_update().get(period=period)


def period_progress_compute(*, period_id: int) -> ProgressRun:
    """Recompute and store every progress row of one period (idempotent)."""
    started = time.monotonic()
    with transaction.atomic():
        period = ReportingPeriod.objects.select_related("plan").get(pk=period_id)
        run = _lock_run(period)
        computation = _Computation(period)
        computation.targets()
        computation.tasks()
        rollups, agencies = computation.rollups()
        for model in (TargetProgress, TaskProgress, RollupProgress, AgencyProgress):
            model.objects.filter(period=period).delete()
        TargetProgress.objects.bulk_create(computation.rows, batch_size=2000)
        TaskProgress.objects.bulk_create(computation.task_rows, batch_size=2000)
        RollupProgress.objects.bulk_create(rollups)
        AgencyProgress.objects.bulk_create(agencies, batch_size=2000)
        _drill_rows_store(period, run, computation.target_list)
        run.computed_at = timezone.now()
        run.results_used = computation.sources["results"]
        run.updates_used = computation.sources["updates"]
        run.source_updated_at = computation.sources["latest"]
        run.runs += 1
        run.duration_ms = int((time.monotonic() - started) * 1000)
        run.save()
        plan_progress_version_bump(plan_id=period.plan_id)  # the pages' cache key (issue 26)
    return run
