"""The reporting cycle's rules as plain functions over plain data (no database): whether an
agency has finished a task, how a task stands from its lead agencies' reports, whether a report
was sent on time. The progress engine, the reminders, the restructuring, the review queue and
the report documents all ask these, and nothing else answers them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from cchc.clock import local_date

#: ``TaskUpdate.Progress`` values (the model offers them as choices)
NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"

Key = TypeVar("Key")


@dataclass(frozen=True)
class TaskReport:
    """One agency's approved report on one task in one period."""

    position: int  # the period's position in its plan: the latest report wins
    progress: str  # not_started / in_progress / done
    percent: int
    completed_on: date | None


def latest_task_reports(reports: Iterable[tuple[Key, TaskReport]]) -> dict[Key, TaskReport]:
    """The latest report per key (e.g. per task and agency), from reports in any order."""
    latest: dict[Key, TaskReport] = {}
    for key, report in reports:
        if key not in latest or report.position > latest[key].position:
            latest[key] = report
    return latest


def agency_finished(report: TaskReport | None) -> bool:
    """Whether an agency has finished a task: its own latest approved report says done (a later
    report that says otherwise reopens it)."""
    return report is not None and report.progress == DONE


def task_judgement(reports: list[TaskReport], leads: int, window_end: date) -> tuple[date | None, bool, int]:
    """From the lead agencies' latest reports: the completion date when every lead is done (the
    last of theirs; a done report without a date counts as done at the window's end), whether
    work has started, and how many leads are done."""
    done = [r for r in reports if agency_finished(r)]
    completed_on = max(r.completed_on or window_end for r in done) if leads and len(done) == leads else None
    started = any(r.progress != NOT_STARTED or r.percent for r in reports)
    return completed_on, started, len(done)


def sent_on_time(sent_at: datetime | None, deadline: date) -> bool | None:
    """Whether a report was sent by its deadline, by the local date of sending (None: not
    sent)."""
    if sent_at is None:
        return None
    return local_date(sent_at) <= deadline
