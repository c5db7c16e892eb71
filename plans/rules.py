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
    """Derived, never typed (DOMAIN.md "Tasks")."""

    NOT_DUE = "not_due"  # chưa đến hạn
    IN_PROGRESS = "in_progress"  # đang thực hiện
    DONE_ON_TIME = "done_on_time"  # hoàn thành đúng hạn
    DONE_LATE = "done_late"  # hoàn thành quá hạn
    OVERDUE = "overdue"  # quá hạn chưa hoàn thành

    LABELS = {
        NOT_DUE: _("Chưa đến hạn"),
        IN_PROGRESS: _("Đang thực hiện"),
        DONE_ON_TIME: _("Hoàn thành đúng hạn"),
        DONE_LATE: _("Hoàn thành quá hạn"),
        OVERDUE: _("Quá hạn"),
    }
    DONE = {DONE_ON_TIME, DONE_LATE}


def task_status(*, due: date, as_of: date, completed_on: date | None, started: bool) -> str:
    """A task's status on ``as_of``. ``due``: the approved extended date if any, else the task's
    own due date, else the end of the plan's year; a recurring task is judged per period with
    the period's deadline as ``due``. ``started``: progress was reported as under way."""
    if completed_on is not None:
        return TaskStatus.DONE_ON_TIME if completed_on <= due else TaskStatus.DONE_LATE
    if as_of > due:
        return TaskStatus.OVERDUE
    return TaskStatus.IN_PROGRESS if started else TaskStatus.NOT_DUE


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
