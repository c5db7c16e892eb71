"""When a reminder is due, as plain functions of dates (no database), so that every rule is
tested day by day. Days are calendar days in Vietnam's time zone (``cchc.clock.today``).

What the issue left open, decided here:

- **Before a period's deadline**: 7, 3 and 1 days before, and on no other day (not on the
  deadline day itself). A deadline that falls on a Saturday or Sunday is not moved (nothing in
  the codebase moves one: the reviewer sets the date), so neither are its reminders.
- **After the deadline** (the agency head is told as well as the reporters): on the first day
  after it, always; then every day while the agency may still send (the period's grace days,
  or a reopening for that agency: ``plans.rules.period_lock_state``). Once the period is locked
  for the agency, the agency is no longer chased: the Sở Nội vụ sees it in its digest and
  decides whether to reopen. With no grace days the period locks on the first day after the
  deadline, so that day's reminder is the only one and says so.
- **A task** (dated, not recurring; its effective due date: an approved extension, else the
  printed one): once per due date when it comes within 7 days of it (normally 7 days before;
  a task given, or extended to, a nearer date is told the next morning); then every 7 days
  after the due date (+7, +14, …) while a lead agency has not finished it. Nothing on the days
  between.
- **The reviewers' digest** (daily): the submissions sent since the last digest (whole days,
  at most a week back; yesterday when there was none) that still wait for review, and the
  agencies that have not sent the latest period of each plan whose deadline has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from plans.rules import period_lock_state

#: days before a period's deadline on which the agencies that have not sent are reminded
REMIND_DAYS_BEFORE = (7, 3, 1)
#: a task is announced once when its due date is this many days away or nearer
TASK_SOON_DAYS = 7
#: an unfinished task is reminded every this many days after its due date
TASK_OVERDUE_EVERY = 7
#: the digest never reaches further back than this (a job that did not run for a month)
DIGEST_LOOKBACK_DAYS = 7


@dataclass(frozen=True)
class Occasion:
    """A reminder due today. ``key`` makes it once (with the user, kind and object, in the
    ledger); ``days_left`` is negative after the date; ``open_until`` is, after a deadline, the
    last day the agency may still send (None: the period is locked for it)."""

    key: str
    days_left: int
    open_until: date | None = None

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return max(-self.days_left, 0)


def period_occasion(
    *, deadline: date, grace_days: int, today: date, reopened_until: date | None = None
) -> Occasion | None:
    """The reminder due today to an agency that has not sent its report for a period, if any.
    ``reopened_until``: the agency's latest reopening of the period, if it has one."""
    days_left = (deadline - today).days
    if days_left in REMIND_DAYS_BEFORE:
        return Occasion(f"{deadline.isoformat()}:-{days_left}", days_left)
    if days_left >= 0:
        return None
    lock = period_lock_state(
        deadline=deadline, grace_days=grace_days, today=today, reopened_until=reopened_until
    )
    open_until = None
    if not lock.locked:
        open_until = max(d for d in (lock.last_open_day, lock.reopened_until) if d is not None and d >= today)
    if days_left == -1 or open_until is not None:
        return Occasion(today.isoformat(), days_left, open_until)
    return None


def task_occasion(*, due: date, today: date) -> Occasion | None:
    """The reminder due today to a lead agency that has not finished a task due on ``due``.
    The "soon" one is keyed by the due date only: the ledger lets it go on the first day the
    job sees the task within the window, and again only if the due date changes."""
    days_left = (due - today).days
    if 0 <= days_left <= TASK_SOON_DAYS:
        return Occasion(f"{due.isoformat()}:soon", days_left)
    if days_left < 0 and -days_left % TASK_OVERDUE_EVERY == 0:
        return Occasion(f"{due.isoformat()}:+{-days_left}", days_left)
    return None


def digest_days(*, today: date, last_digest_day: date | None) -> tuple[date, date]:
    """The first and last day (inclusive) whose new submissions today's digest lists: the days
    since the last digest's day (which listed the days before it), at most
    ``DIGEST_LOOKBACK_DAYS`` back; yesterday when there was no digest."""
    yesterday = today - timedelta(days=1)
    if last_digest_day is None or last_digest_day >= today:
        return yesterday, yesterday
    return max(last_digest_day, today - timedelta(days=DIGEST_LOOKBACK_DAYS)), yesterday


def latest_past_deadline(periods, today: date) -> list:
    """Per plan, the latest period whose deadline has passed: the one whose missing reports the
    Sở Nội vụ chases now (an older one is superseded by it). ``periods``: objects with
    ``plan_id``, ``deadline`` and ``pk``; returned by deadline."""
    latest: dict[int, Any] = {}  # plan id → its latest period past deadline
    for period in periods:
        if period.deadline < today:
            current = latest.get(period.plan_id)
            if current is None or (period.deadline, period.pk) > (current.deadline, current.pk):
                latest[period.plan_id] = period
    return sorted(latest.values(), key=lambda p: (p.deadline, p.pk))
