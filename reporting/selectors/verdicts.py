"""The year's frozen verdicts as plain data (DOMAIN.md "Year close"), for the "Kết quả cả năm"
page, next year's draft and the PAR-index scoring ("mức độ hoàn thành kế hoạch"): read only
here, in a fixed number of queries.

``plan_verdicts(plan_id)`` → ``YearResults`` (None while the year is not closed):

- ``close``: when, how (automatic or by whom) and why the year was closed;
- ``targets`` / ``tasks``: the province's verdict of each target (đạt / không đạt / chưa đủ căn
  cứ, with the figure and the reason) and each task's (hoàn thành đúng hạn / quá hạn / không
  hoàn thành);
- ``agencies``: per agency (``AgencyYear``): the tasks it leads and how each ended on its own
  reports (a sub-item once, through its parent), the periodic reports it owed and whether each
  was sent on time by its FIRST sending (``reporting.rules.sent_on_time``), the targets it
  reports and how each ended (stretch targets and those it answered "không phát sinh" are
  marked, so that a share leaves them out as the league does).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from cchc.clock import local_date
from plans.models import ReportingPeriod, YearClose
from plans.rules import TaskVerdict as Outcome
from targets.progress import Status

from ..models import Submission, TargetVerdict, TaskVerdict
from ..rules import first_sending, sent_on_time


@dataclass(frozen=True)
class TaskOutcome:
    task_id: int
    code: str
    text: str
    verdict: str  # plans.rules.TaskVerdict: done_on_time / done_late / not_done
    due: date
    completed_on: date | None
    reason: str


@dataclass(frozen=True)
class TargetOutcome:
    target_id: int
    code: str
    text: str
    verdict: str  # targets.progress.Status: met / not_met / no_basis
    figure: str
    reason: str
    stretch: bool
    reported: int
    expected: int
    area_id: int | None = None


@dataclass(frozen=True)
class ReportSending:
    period_id: int
    period_kind: str
    deadline: date
    first_sent_on: date | None
    on_time: bool | None  # None: never sent


@dataclass
class AgencyYear:
    agency_id: int
    tasks: list[TaskOutcome] = field(default_factory=list)
    reports: list[ReportSending] = field(default_factory=list)
    targets: list[TargetOutcome] = field(default_factory=list)

    @property
    def tasks_done_on_time(self) -> int:
        return sum(1 for t in self.tasks if t.verdict == Outcome.DONE_ON_TIME)

    @property
    def reports_on_time(self) -> int:
        return sum(1 for r in self.reports if r.on_time)

    @property
    def judged_targets(self) -> list[TargetOutcome]:
        """The targets it is judged on: no stretch target, none that could not be judged."""
        return [t for t in self.targets if not t.stretch and t.verdict != Status.NO_BASIS]

    @property
    def targets_met(self) -> int:
        return sum(1 for t in self.judged_targets if t.verdict == Status.MET)


@dataclass(frozen=True)
class CloseInfo:
    id: int
    closed_at: datetime
    automatic: bool
    closed_by: str
    reason: str


@dataclass
class YearResults:
    plan_id: int
    close: CloseInfo
    targets: list[TargetOutcome]
    tasks: list[TaskOutcome]
    agencies: dict[int, AgencyYear]

    def target_counts(self) -> dict[str, int]:
        return {
            s: sum(1 for t in self.targets if t.verdict == s)
            for s in (Status.MET, Status.NOT_MET, Status.NO_BASIS)
        }

    def task_counts(self) -> dict[str, int]:
        return {v: sum(1 for t in self.tasks if t.verdict == v) for v in Outcome.LABELS}


def _close_info(close: YearClose) -> CloseInfo:
    by = close.closed_by
    return CloseInfo(
        close.pk,
        close.closed_at,
        close.automatic,
        (by.get_full_name() or by.username) if by is not None else "",
        close.reason,
    )


def plan_verdicts(plan_id: int) -> YearResults | None:
    """The frozen verdicts of the plan's year (see the module's docstring); None when the year
    is not closed (never, or reopened)."""
    close = (
        YearClose.objects.filter(plan_id=plan_id, reopened_at__isnull=True)
        .select_related("closed_by")
        .first()
    )
    if close is None:
        return None
    agencies: dict[int, AgencyYear] = defaultdict(lambda: AgencyYear(0))
    targets: list[TargetOutcome] = []
    for tv in (
        TargetVerdict.objects.filter(year_close=close)
        .select_related("target__statement")
        .order_by("target__statement__position", "target__position")
    ):
        outcome = TargetOutcome(
            tv.target_id,
            tv.target.code,
            tv.target.text,
            tv.verdict,
            tv.figure,
            tv.reason,
            tv.stretch,
            tv.reported,
            tv.expected,
            tv.target.statement.plan_area_id,
        )
        if tv.agency_id is None:
            targets.append(outcome)
        else:
            agencies[tv.agency_id].targets.append(outcome)
    tasks: list[TaskOutcome] = []
    subtask: set[int] = set()
    for kv in TaskVerdict.objects.filter(year_close=close).select_related("task").order_by("task__position"):
        task_outcome = TaskOutcome(
            kv.task_id, kv.task.code, kv.task.text, kv.verdict, kv.due, kv.completed_on, kv.reason
        )
        if kv.agency_id is None:
            tasks.append(task_outcome)
            if kv.task.parent_id:
                subtask.add(kv.task_id)
        else:
            agencies[kv.agency_id].tasks.append(task_outcome)
    _reports(plan_id, agencies)
    for agency_id, year in agencies.items():
        year.agency_id = agency_id
    return YearResults(
        plan_id, _close_info(close), targets, [t for t in tasks if t.task_id not in subtask], dict(agencies)
    )


def _reports(plan_id: int, agencies: dict[int, AgencyYear]) -> None:
    """Every periodic report each agency owed (it reports a target or leads a task), sent on
    time or not by its first sending."""
    periods = list(ReportingPeriod.objects.filter(plan_id=plan_id).order_by("position"))
    sent = {
        (s.agency_id, s.period_id): s
        for s in Submission.objects.filter(period__plan_id=plan_id).only(
            "agency_id", "period_id", "first_submitted_at", "status"
        )
    }
    for agency_id, year in agencies.items():
        for period in periods:
            submission = sent.get((agency_id, period.pk))
            first = first_sending(submission.status, submission.first_submitted_at) if submission else None
            year.reports.append(
                ReportSending(
                    period.pk,
                    period.kind,
                    period.deadline,
                    local_date(first) if first else None,
                    sent_on_time(first, period.deadline),
                )
            )


def year_close_state(plan_id: int) -> YearClose | None:
    """The plan's latest close (in force or reopened), for the plan's page."""
    return YearClose.objects.filter(plan_id=plan_id).select_related("closed_by", "reopened_by").first()
