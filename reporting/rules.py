"""The reporting cycle's rules as plain functions over plain data (no database): whether an
agency has finished a task, how a task stands from its lead agencies' reports, whether a
recurring task was performed in a period, whether a report was sent on time (by its first
sending), what state and lateness a report shows, and whether an agency is judged on a period's
figures (not while its report waits for the reviewer). The progress engine, the reminders, the
restructuring, the review queue, the dashboards and the report documents all ask these, and
nothing else answers them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from cchc.clock import local_date
from plans.rules import recurring_task_status

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
    not_applicable: bool = False  # "không phát sinh"


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


def task_performed(report: TaskReport) -> bool:
    """Whether an agency's update says it carried a recurring task out in the period: under way
    or done (a "không phát sinh" or "chưa triển khai" says it did not)."""
    return not report.not_applicable and (report.progress != NOT_STARTED or report.percent > 0)


def recurring_judgement(reports: list[TaskReport], leads: int) -> str:
    """A recurring task in one period, from its lead agencies' approved updates of that period
    (``plans.rules.recurring_task_status``)."""
    performed = sum(1 for r in reports if task_performed(r))
    return recurring_task_status(leads=leads, reported=len(reports), performed=performed)


#: a report in these states has not reached the Sở Nội vụ: none yet, a draft (never sent, or
#: taken back), or waiting for its agency's head to approve it ("to_head", issue 22)
NOT_SENT = (None, "missing", "draft", "to_head")


def first_sending(status: str | None, first_sent_at: datetime | None) -> datetime | None:
    """A report's first sending as it counts: none while the report is a draft (never sent, or
    taken back by "Rút lại" and not sent again: a report withdrawn and never resent was not sent)
    or waits for its agency's head (the sending that counts is the one to the Sở Nội vụ, after
    the head approves: ``submission_head_approve``); once it is sent again, its FIRST sending
    counts, as after a return (DOMAIN.md "Sent on time")."""
    if status in NOT_SENT:
        return None
    return first_sent_at


def sent_on_time(first_sent_at: datetime | None, deadline: date) -> bool | None:
    """Whether a report was sent on time: its FIRST sending (``Submission.first_submitted_at``)
    on or before the deadline, by the local date (Asia/Ho_Chi_Minh); a return and a resend keep
    it (DOMAIN.md "Sent on time"). None: never sent."""
    if first_sent_at is None:
        return None
    return local_date(first_sent_at) <= deadline


#: what a report shows in the compliance matrix: its state, and "_late" when first sent late
REPORT_STATES = ("approved", "submitted", "returned")


def report_state(status: str | None, on_time: bool | None) -> str:
    """A report's cell: "missing" (no report or a draft), else its state ("approved", awaiting
    review "submitted", "returned") with "_late" when its first sending was after the deadline:
    "approved_late" reads "Đã duyệt · gửi muộn"."""
    if status not in REPORT_STATES:
        return "missing"
    return f"{status}_late" if on_time is False else str(status)


def agency_judged_on(*, status: str, reported: int, counts: bool) -> bool:
    """Whether an agency is judged on one of its target rows in the league: only a target that
    counts in an area's mean (``counts``: ``targets.progress.counts_in_mean``: no stretch target,
    no milestone before its date: stretch targets treated the same way everywhere), not
    "không phát sinh" (``na``), not one nobody could judge (a missing baseline, a level:
    ``no_basis`` although it reported); a target it has not reported counts against it."""
    if not counts or status == "na":
        return False
    return not (status == "no_basis" and reported)


def judged_on_figures(status: str | None) -> bool:
    """Whether an agency is judged on its figures of a period (league, "cần đôn đốc"): not while
    its report waits for the reviewer, which is not the agency's doing (DOMAIN.md "League")."""
    return status != "submitted"


#: what a line still lacks before its report can be sent (``target_line_gaps``,
#: ``task_line_gaps``); the entry page words each one and puts it beside the field it names
GAP_EMPTY, GAP_HALF_RATE = "empty", "half_rate"
GAP_EVIDENCE_FILE, GAP_EVIDENCE_NUMBER = "evidence_file", "evidence_number"
GAP_EVIDENCE_DATE = "evidence_date"


def target_line_gaps(
    *, saved: bool, not_applicable: bool, done: bool | None, value, numerator, denominator
) -> list[str]:
    """What a target line lacks to be sent: nothing when it carries a figure (a milestone's
    answer, a value, a whole rate) or is "không phát sinh"; half a rate is named as such. A
    draft keeps whatever it has: this is asked only when the report is sent."""
    if saved and (not_applicable or done is not None or value is not None):
        return []
    if saved and numerator is not None and denominator is not None:
        return []
    if saved and (numerator is not None or denominator is not None):
        return [GAP_HALF_RATE]
    return [GAP_EMPTY]


def task_line_gaps(
    *,
    saved: bool,
    progress: str,
    not_applicable: bool,
    evidence_file: bool,
    evidence_number: str,
    evidence_date,
) -> list[str]:
    """What a task line lacks to be sent: a line never saved is empty; a task reported done
    (and not "không phát sinh") needs its evidence: the file, the document's number and date.
    Checked when the report is sent, never when a draft is saved (a task marked done earlier
    without its file does not stop the agency saving its other lines)."""
    if not saved:
        return [GAP_EMPTY]
    if progress != DONE or not_applicable:
        return []
    gaps = []
    if not evidence_file:
        gaps.append(GAP_EVIDENCE_FILE)
    if not (evidence_number or "").strip():
        gaps.append(GAP_EVIDENCE_NUMBER)
    if evidence_date is None:
        gaps.append(GAP_EVIDENCE_DATE)
    return gaps
