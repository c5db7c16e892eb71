"""Recompute the stored progress of one reporting period (DOMAIN.md "Targets", "Tasks",
"Reporting periods"). Only approved lines count. A rate is Σ numerators / Σ denominators over
agencies, never a mean of percentages; counts are summed; a plan-wide figure comes from the
responsible agency; a per-level target is judged per level and per agency; year-to-date is
built from non-overlapping windows (6 tháng + Quý III at Quý III).

The whole period is replaced in one transaction while its ``ProgressRun`` row is locked, so two
runs at once wait for each other and running twice gives the same rows."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from agencies.succession import later_successor_ids_map, succession_edges, successor_ids_map
from plans.models import ReportingPeriod, Task
from plans.rules import TaskStatus, task_status, windows_of, year_bounds
from plans.services import plan_progress_version_bump
from targets.models import Target
from targets.progress import (
    Evaluation,
    Status,
    clamp,
    evaluate,
    expected_progress,
    progress_mean,
    status_of,
)
from targets.rules import Measure, accumulates, format_number
from targets.selectors import plan_target_assignments, province_agencies

from .models import (
    AgencyProgress,
    ProgressRun,
    ReviewStatus,
    RollupProgress,
    Submission,
    TargetProgress,
    TargetResult,
    TaskProgress,
    TaskUpdate,
)
from .rules import TaskReport, latest_task_reports, sent_on_time, task_judgement

HUNDRED = Decimal(100)


@dataclass
class Figure:
    """One agency's approved figures for a target over the windows that make the period."""

    numerator: Decimal = Decimal(0)
    denominator: Decimal = Decimal(0)
    values: list[Decimal] = field(default_factory=list)
    done: bool | None = None

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
        self.level_of = {a.pk: a.level_id for a in province_agencies(self.plan)}
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
            submission__period__in=self.windows, review_status=ReviewStatus.APPROVED, not_applicable=False
        ).values_list(
            "target_id",
            "submission__agency_id",
            "submission__period_id",
            "numerator",
            "denominator",
            "value",
            "done",
            "updated_at",
        )
        lines = sorted(lines, key=lambda row: order[row[2]])
        carrier = self._carriers({row[1] for row in lines})
        for target_id, agency_id, _period, num, den, value, done, updated_at in lines:
            figure = figures[target_id].setdefault(carrier.get(agency_id, agency_id), Figure())
            if num is not None and den is not None:
                figure.numerator += num
                figure.denominator += den
            if value is not None:
                figure.values.append(value)
            if done is not None:
                figure.done = bool(done) or bool(figure.done)
            self.sources["results"] += 1
            self._seen(updated_at)
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
            .prefetch_related("level_thresholds__level")
        )
        for target in self.target_list:
            self._target(target, figures.get(target.pk, {}))

    def _row(self, target, scope, figure_value, evaluation, expected, **extra):
        return TargetProgress(
            period=self.period,
            target=target,
            scope=scope,
            value=figure_value,
            progress=evaluation.progress,
            met=evaluation.met,
            status=status_of(evaluation, expected),
            expected=expected,
            formula=evaluation.formula[:255],
            reason=evaluation.reason[:255],
            **extra,
        )

    def _target(self, target: Target, by_agency: dict[int, Figure]):
        spec = target.as_spec()
        expected = expected_progress(
            target.measure, year_start=self.year_start, year_end=self.year_end, as_of=self.period.window_end
        )
        thresholds = {t.level_id: t.value for t in target.level_thresholds.all()}
        assigned = self.assignments.get(target.pk, set())
        # A body that reported the target before it merged into one that already existed (the
        # target has moved to that one): its figures count, it was assigned then; a body that
        # did not report is not counted missing for work it never had.
        assigned = sorted(
            assigned
            | {a for a in by_agency if a not in assigned and self.merged_later.get(a, set()) & assigned}
        )
        measure = target.measure
        for agency_id in assigned:
            figure = by_agency.get(agency_id)
            goal = thresholds.get(self.level_of.get(agency_id))
            actual = figure.actual(measure, target.comparator) if figure else None
            evaluation = evaluate(spec, actual, done=figure.done if figure else None, goal=goal)
            self.rows.append(
                self._row(
                    target,
                    f"agency:{agency_id}",
                    actual,
                    evaluation,
                    expected,
                    agency_id=agency_id,
                    numerator=figure.numerator if figure and measure == Measure.RATE else None,
                    denominator=figure.denominator if figure and measure == Measure.RATE else None,
                    goal=goal if goal is not None else target.value,
                    reported=1 if figure else 0,
                    missing=0 if figure else 1,
                )
            )

        reporting = [a for a in assigned if a in by_agency]
        if thresholds:
            level_rows = []
            for level_id, goal in sorted(thresholds.items()):
                members = [a for a in assigned if self.level_of.get(a) == level_id]
                level_rows.append(
                    self._aggregate(
                        target,
                        spec,
                        expected,
                        f"level:{level_id}",
                        [by_agency[a] for a in members if a in by_agency],
                        goal,
                        len(members),
                        level_id=level_id,
                    )
                )
            self.rows.extend(level_rows)
            judged = [r for r in level_rows if r.progress is not None]
            progress = min((clamp(r.progress) for r in judged), default=None)
            met = all(r.met for r in judged) if judged else None
            evaluation = Evaluation(progress, met, "thấp nhất trong các cấp (mỗi cấp so với ngưỡng của cấp)")
            self.rows.append(
                self._row(
                    target,
                    "province",
                    None,
                    evaluation,
                    expected,
                    reported=len(reporting),
                    missing=len(assigned) - len(reporting),
                )
            )
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

    def _aggregate(
        self, target, spec, expected, scope, figures, goal, assigned_count, responsible=None, **extra
    ):
        measure = target.measure
        numerator = denominator = value = None
        formula_prefix = ""
        if not figures:
            evaluation = evaluate(spec, None, goal=goal)
        elif measure == Measure.RATE:
            numerator = sum((f.numerator for f in figures), Decimal(0))
            denominator = sum((f.denominator for f in figures), Decimal(0))
            value = numerator / denominator * HUNDRED if denominator else None
            evaluation = evaluate(spec, value, goal=goal)
            formula_prefix = (
                f"Σ tử số / Σ mẫu số = {format_number(numerator)} / {format_number(denominator)}; "
            )
        elif measure == Measure.COUNT:
            # An agency whose approved line has no number (Figure.actual: None) adds nothing.
            counts = [c for c in (f.actual(measure, target.comparator) for f in figures) if c is not None]
            value = sum(counts, Decimal(0)) if counts else None
            evaluation = evaluate(spec, value, goal=goal)
            formula_prefix = "tổng các cơ quan; "
        elif measure == Measure.MILESTONE:
            answered = [f.done for f in figures if f.done is not None]
            if not answered:
                evaluation = evaluate(spec, None)
            elif len(answered) == 1 and assigned_count <= 1:
                evaluation = evaluate(spec, done=answered[0])
            else:
                done = sum(1 for d in answered if d)
                evaluation = Evaluation(
                    Decimal(done) / Decimal(max(assigned_count, 1)),
                    done == assigned_count,
                    f"số cơ quan hoàn thành / số cơ quan được giao = {done}/{assigned_count}",
                )
        else:
            if responsible is not None and target.reporting_scope == "responsible":
                value = responsible.actual(measure)
                formula_prefix = "số liệu của cơ quan chịu trách nhiệm; "
            else:
                values = [f.actual(measure) for f in figures if f.actual(measure) is not None]
                value = sum(values, Decimal(0)) / len(values) if values else None
                formula_prefix = f"trung bình {len(values)} cơ quan; " if values else ""
            evaluation = evaluate(spec, value, goal=goal)
        if formula_prefix and evaluation.formula:
            evaluation = Evaluation(
                evaluation.progress, evaluation.met, formula_prefix + evaluation.formula, evaluation.reason
            )
        return self._row(
            target,
            scope,
            value,
            evaluation,
            expected,
            numerator=numerator,
            denominator=denominator,
            goal=goal,
            reported=len(figures),
            missing=max(assigned_count - len(figures), 0),
            **extra,
        )

    # --- tasks -------------------------------------------------------------------------------
    def tasks(self):
        up_to = [p for p in self.periods if p.position <= self.period.position]
        order = {p.pk: p.position for p in up_to}
        updates = TaskUpdate.objects.filter(
            submission__period__in=up_to, review_status=ReviewStatus.APPROVED, not_applicable=False
        ).values_list(
            "task_id",
            "submission__agency_id",
            "submission__period_id",
            "progress",
            "percent",
            "completed_on",
            "updated_at",
        )
        reports: list[tuple[tuple[int, int], TaskReport]] = []
        this_period: dict[tuple[int, int], TaskReport] = {}
        for task_id, agency_id, period_id, progress, percent, completed_on, updated_at in updates:
            key = (task_id, agency_id)
            report = TaskReport(order[period_id], progress, percent, completed_on)
            reports.append((key, report))
            if period_id == self.period.pk:
                this_period[key] = report
            self.sources["updates"] += 1
            self._seen(updated_at)
        latest = latest_task_reports(reports)
        self.agency_tasks: dict[int, list[str]] = defaultdict(list)
        default_due = date(self.plan.year, 12, 31)
        as_of = self.period.window_end
        self.task_list = list(Task.objects.filter(plan=self.plan).prefetch_related("lead_agencies"))
        for task in self.task_list:
            leads = [a.pk for a in task.lead_agencies.all()]
            source = this_period if task.recurring else latest
            due = (
                self.period.deadline if task.recurring else task.effective_due_date or default_due
            )  # an approved extension counts
            lead_reports = [source[(task.pk, a)] for a in leads if (task.pk, a) in source]
            completed_on, started, done = task_judgement(lead_reports, len(leads), as_of)
            percent = (sum(r.percent for r in lead_reports) // len(leads)) if leads and lead_reports else 0
            self.task_rows.append(
                TaskProgress(
                    period=self.period,
                    task=task,
                    due=due,
                    completed_on=completed_on,
                    status=task_status(due=due, as_of=as_of, completed_on=completed_on, started=started),
                    leads=len(leads),
                    leads_done=done,
                    percent=min(percent, 100),
                )
            )
            for agency_id in leads:  # each lead agency judged on its own report
                own = [source[(task.pk, agency_id)]] if (task.pk, agency_id) in source else []
                own_completed, own_started, _done = task_judgement(own, 1, as_of)
                self.agency_tasks[agency_id].append(
                    task_status(due=due, as_of=as_of, completed_on=own_completed, started=own_started)
                )

    # --- roll-ups ----------------------------------------------------------------------------
    def rollups(self) -> tuple[list[RollupProgress], list[AgencyProgress]]:
        province = {r.target_id: r for r in self.rows if r.scope == "province"}
        targets = {t.pk: t for t in self.target_list}
        tasks = {t.pk: t for t in self.task_list}
        groups: dict[str, dict] = defaultdict(lambda: {"targets": [], "tasks": [], "area": None})
        for target_id, row in province.items():
            area_id = targets[target_id].statement.plan_area_id
            key = f"area:{area_id}" if area_id else "general"
            for scope in (key, "plan"):
                groups[scope]["targets"].append((targets[target_id], row))
                groups[scope]["area"] = area_id if scope != "plan" else None
        for row in self.task_rows:
            area_id = tasks[row.task_id].plan_area_id
            for scope in (f"area:{area_id}", "plan"):
                groups[scope]["tasks"].append(row)
                groups[scope]["area"] = area_id if scope != "plan" else None
        submissions = {s.agency_id: s for s in Submission.objects.filter(period=self.period)}
        agency_rows = self._agencies(submissions)
        rollups = []
        for scope, group in sorted(groups.items()):
            counts = defaultdict(int)
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
                stretch=counts["stretch"],
                progress_mean=progress_mean((t.stretch, row.progress) for t, row in group["targets"]),
                tasks=len(group["tasks"]),
                tasks_done_on_time=task_counts[TaskStatus.DONE_ON_TIME],
                tasks_done_late=task_counts[TaskStatus.DONE_LATE],
                tasks_overdue=task_counts[TaskStatus.OVERDUE],
                tasks_in_progress=task_counts[TaskStatus.IN_PROGRESS],
                tasks_not_due=task_counts[TaskStatus.NOT_DUE],
            )
            if scope == "plan":
                rollup.agencies = len(agency_rows)
                rollup.agencies_submitted = sum(
                    1 for a in agency_rows if a.submission_status not in ("missing", "draft")
                )
                rollup.agencies_on_time = sum(1 for a in agency_rows if a.submitted_on_time)
            rollups.append(rollup)
        return rollups, agency_rows

    def _agencies(self, submissions) -> list[AgencyProgress]:
        per_agency: dict[int, list[TargetProgress]] = defaultdict(list)
        for row in self.rows:
            if row.agency_id:
                per_agency[row.agency_id].append(row)
        result = []
        for agency_id in sorted(set(per_agency) | set(self.agency_tasks)):
            submission = submissions.get(agency_id)
            sent = submission.submitted_at if submission else None
            statuses = self.agency_tasks.get(agency_id, [])
            rows = per_agency.get(agency_id, [])
            result.append(
                AgencyProgress(
                    period=self.period,
                    agency_id=agency_id,
                    submission_status=submission.status if submission else "missing",
                    submitted_on_time=sent_on_time(sent, self.period.deadline),
                    targets=len(rows),
                    targets_met=sum(1 for r in rows if r.met),
                    targets_no_data=sum(1 for r in rows if r.status == Status.NO_DATA),
                    tasks=len(statuses),
                    tasks_done_on_time=statuses.count(TaskStatus.DONE_ON_TIME),
                    tasks_overdue=statuses.count(TaskStatus.OVERDUE),
                )
            )
        return result


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
        run.computed_at = timezone.now()
        run.results_used = computation.sources["results"]
        run.updates_used = computation.sources["updates"]
        run.source_updated_at = computation.sources["latest"]
        run.runs += 1
        run.duration_ms = int((time.monotonic() - started) * 1000)
        run.save()
        plan_progress_version_bump(plan_id=period.plan_id)  # the pages' cache key (issue 26)
    return run
