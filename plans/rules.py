"""Plan rules as plain functions (no database): reporting periods of the national regime."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PeriodKind:
    """The kinds of reporting period of the national regime (``ReportingPeriod.Kind`` offers
    them as choices)."""

    Q1 = "q1"
    H1 = "h1"
    Q3 = "q3"
    YEAR = "year"


@dataclass(frozen=True)
class PeriodSpec:
    kind: str
    position: int
    window_start: date
    window_end: date
    deadline: date


def default_periods(year: int) -> list[PeriodSpec]:
    """The Bộ Nội vụ reporting regime (DOMAIN.md "Reporting periods"). Data windows start on
    15/12 of the previous year, so a year's first three windows cross the year boundary; Quý III
    is one quarter (15/6 → 14/9), so year-to-date = 6 tháng + Quý III without overlap."""
    previous_dec_15 = date(year - 1, 12, 15)
    return [
        PeriodSpec(PeriodKind.Q1, 1, previous_dec_15, date(year, 3, 14), date(year, 3, 20)),
        PeriodSpec(PeriodKind.H1, 2, previous_dec_15, date(year, 6, 14), date(year, 6, 20)),
        PeriodSpec(PeriodKind.Q3, 3, date(year, 6, 15), date(year, 9, 14), date(year, 9, 20)),
        PeriodSpec(PeriodKind.YEAR, 4, previous_dec_15, date(year, 12, 14), date(year, 12, 20)),
    ]


def windows_of(period, periods):
    """The non-overlapping windows whose figures make a period's year-to-date figure: Quý III
    is one quarter, so at Quý III the year to date is 6 tháng + Quý III; every other period's
    window already starts with the year (DOMAIN.md "Reporting periods"). ``periods`` are the
    plan's periods (anything with ``kind``, ``window_start`` and ``window_end``)."""
    if period.kind == PeriodKind.Q3:
        h1 = next((p for p in periods if p.kind == PeriodKind.H1), None)
        if h1 is not None and h1.window_end < period.window_start:
            return [h1, period]
    return [period]


def year_bounds(periods, plan_year: int) -> tuple[date, date]:
    """The first and last day of a plan year's data: the year period's window (15/12 of the
    previous year → 14/12 by default), else the calendar year."""
    year = next((p for p in periods if p.kind == PeriodKind.YEAR), None)
    if year is None:
        return date(plan_year, 1, 1), date(plan_year, 12, 31)
    return year.window_start, year.window_end


@dataclass(frozen=True)
class LockState:
    """Whether an agency may still enter and send its report for a period."""

    locked: bool
    locks_on: date  # the first day the period is closed to agencies
    reopened_until: date | None  # a reopening for this agency, if one is in force

    @property
    def last_open_day(self) -> date:
        """The last day agencies may enter and send (deadline + grace)."""
        return self.locks_on - timedelta(days=1)


def period_lock_state(
    *, deadline: date, grace_days: int, today: date, reopened_until: date | None = None
) -> LockState:
    """After the deadline plus the grace days the reviewer set, a period is closed to agencies
    (DOMAIN.md "Reporting periods"); a reopening for one agency keeps it open through its last
    day. The deadline day and every grace day are still open."""
    locks_on = deadline + timedelta(days=grace_days + 1)
    in_force = reopened_until if reopened_until is not None and today <= reopened_until else None
    return LockState(
        locked=today >= locks_on and in_force is None, locks_on=locks_on, reopened_until=in_force
    )


class TaskStatus:
    """A task's status at a period: derived, never typed (DOMAIN.md "Tasks", "Judgements").
    A dated task is not yet due, under way, done on time or late, or overdue; a recurring one
    ("thường xuyên") is judged within each period: performed, not performed, or not reported."""

    NOT_DUE = "not_due"  # chưa đến hạn
    IN_PROGRESS = "in_progress"  # đang thực hiện
    DONE_ON_TIME = "done_on_time"  # hoàn thành đúng hạn
    DONE_LATE = "done_late"  # hoàn thành quá hạn
    OVERDUE = "overdue"  # quá hạn chưa hoàn thành
    PERFORMED = "performed"  # thường xuyên: đã thực hiện trong kỳ
    NOT_PERFORMED = "not_performed"  # thường xuyên: không thực hiện trong kỳ
    UNREPORTED = "unreported"  # thường xuyên: chưa báo cáo trong kỳ

    LABELS = {
        NOT_DUE: _("Chưa đến hạn"),
        IN_PROGRESS: _("Đang thực hiện"),
        DONE_ON_TIME: _("Hoàn thành đúng hạn"),
        DONE_LATE: _("Hoàn thành quá hạn"),
        OVERDUE: _("Quá hạn"),
        PERFORMED: _("Đã thực hiện trong kỳ"),
        NOT_PERFORMED: _("Không thực hiện trong kỳ"),
        UNREPORTED: _("Chưa báo cáo trong kỳ"),
    }
    DONE = {DONE_ON_TIME, DONE_LATE}
    #: a dated task not finished by the cut-off: what the year report names one by one
    UNFINISHED = {NOT_DUE, IN_PROGRESS, OVERDUE}
    RECURRING = {PERFORMED, NOT_PERFORMED, UNREPORTED}


class TaskVerdict:
    """How a task ended, frozen when the plan year is closed (DOMAIN.md "Year close")."""

    DONE_ON_TIME = "done_on_time"  # hoàn thành đúng hạn
    DONE_LATE = "done_late"  # hoàn thành quá hạn
    NOT_DONE = "not_done"  # không hoàn thành

    LABELS = {
        DONE_ON_TIME: _("Hoàn thành đúng hạn"),
        DONE_LATE: _("Hoàn thành quá hạn"),
        NOT_DONE: _("Không hoàn thành"),
    }
    DONE = {DONE_ON_TIME, DONE_LATE}


def task_due(*, due_date: date | None, extended_due_date: date | None, plan_year: int) -> date:
    """The date a task is judged against: the approved extension, else the printed date, else
    31/12 of the plan year (a task printed without a date is due by the year's end)."""
    return extended_due_date or due_date or date(plan_year, 12, 31)


def task_status(*, due: date, as_of: date, completed_on: date | None, started: bool) -> str:
    """A dated (not recurring) task's status at a period's data cut-off ``as_of``, against its
    effective due date (``task_due``). Completed by the cut-off: on time when on or before the
    due date, else late. Not completed by the cut-off: overdue when due on or before it, else
    under way (``started``: progress was reported) or not yet due."""
    if completed_on is not None and completed_on <= as_of:
        return TaskStatus.DONE_ON_TIME if completed_on <= due else TaskStatus.DONE_LATE
    if due <= as_of:
        return TaskStatus.OVERDUE
    return TaskStatus.IN_PROGRESS if started else TaskStatus.NOT_DUE


def recurring_task_status(*, leads: int, reported: int, performed: int) -> str:
    """A recurring task ("thường xuyên") in one period, from its lead agencies' approved
    updates of THAT period: performed when every lead says it carried the task out; not
    performed when a lead says it did not (not started, or "không phát sinh"); otherwise not
    reported. Never "hoàn thành" for the year by one update."""
    if reported > performed:
        return TaskStatus.NOT_PERFORMED
    if leads and performed >= leads:
        return TaskStatus.PERFORMED
    return TaskStatus.UNREPORTED


#: a sub-item's status that counts as done for its parent (a recurring one: performed)
_DONE_FOR_PARENT = TaskStatus.DONE | {TaskStatus.PERFORMED}
_STARTED = {TaskStatus.IN_PROGRESS, TaskStatus.PERFORMED, TaskStatus.NOT_PERFORMED} | TaskStatus.DONE


def parent_task_status(children: list[str], *, due: date, as_of: date, completed_on: date | None) -> str:
    """A task with sub-items (Hải Dương 7.6 and 7.6.1–7.6.3) is done when all of them are, on
    the last of their completion dates (``completed_on``); late when one of them was, or when
    that date is after the parent's own due date. Until then it is overdue when one of them
    is, or when its own due date has passed at the cut-off; under way when one has started."""
    if children and all(s in _DONE_FOR_PARENT for s in children):
        late = TaskStatus.DONE_LATE in children or (completed_on is not None and completed_on > due)
        return TaskStatus.DONE_LATE if late else TaskStatus.DONE_ON_TIME
    if TaskStatus.OVERDUE in children or due <= as_of:
        return TaskStatus.OVERDUE
    if any(s in _STARTED for s in children):
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_DUE


def task_verdict(*, due: date, completed_on: date | None) -> str:
    """How a dated task ended, at the year's close: done on time (completed on or before its
    effective due date), done late, or not done."""
    if completed_on is None:
        return TaskVerdict.NOT_DONE
    return TaskVerdict.DONE_ON_TIME if completed_on <= due else TaskVerdict.DONE_LATE


def recurring_task_verdict(year_status: str | None) -> str:
    """How a recurring task ended: as the year period judged it (the year report covers the
    whole year's window): performed is done on time, anything else not done."""
    return TaskVerdict.DONE_ON_TIME if year_status == TaskStatus.PERFORMED else TaskVerdict.NOT_DONE


def parent_task_verdict(children: list[str], *, due: date, completed_on: date | None) -> str:
    """A task with sub-items ends as they do: done when all are (late when one was, or when the
    last of them came after the parent's due date), else not done."""
    if not children or any(v not in TaskVerdict.DONE for v in children):
        return TaskVerdict.NOT_DONE
    if TaskVerdict.DONE_LATE in children or (completed_on is not None and completed_on > due):
        return TaskVerdict.DONE_LATE
    return TaskVerdict.DONE_ON_TIME


def days_left(*, due: date, as_of: date) -> int:
    """Days from ``as_of`` to the due date (negative once it has passed)."""
    return (due - as_of).days


def is_final_period(period, periods) -> bool:
    """Whether a period's judgement is the year's final one (DOMAIN.md "Target verdict"): the
    year period, or the last period of a plan that has none."""
    if period.kind == PeriodKind.YEAR:
        return True
    if any(p.kind == PeriodKind.YEAR for p in periods):
        return False
    return period.position == max((p.position for p in periods), default=period.position)


def deadline_label(*, due: date, extended: date | None = None) -> str:
    """A deadline as pages and reports print it: the printed date, and beside it the approved
    extension when there is one ("30/06/2024 (gia hạn đến 30/09/2024)"): both are kept
    (DOMAIN.md "Tasks")."""
    if extended is None:
        return f"{due:%d/%m/%Y}"
    return gettext("%(due)s (gia hạn đến %(extended)s)") % {
        "due": f"{due:%d/%m/%Y}",
        "extended": f"{extended:%d/%m/%Y}",
    }


def plan_status_shown(*, status: str, last_year: int, today: date) -> str:
    """The status a plan is shown with: a plan left "in force" long after its last year (past
    the first quarter of the next year, when its year report is in) is shown as ended (a 2023
    plan is not "Đang thực hiện" in 2026), whatever was stored."""
    if status == "in_force" and today > date(last_year + 1, 3, 31):
        return "closed"
    return status
