"""Reads for the reviewer: the queue of a period and one submission beside the previous one."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from agencies.models import Agency
from cchc.collation import vietnamese
from plans.models import ReportingPeriod, Task
from targets.selectors import plan_target_assignments

from ..models import Submission, TargetResult, TaskUpdate
from ..rules import sent_on_time


@dataclass
class QueueRow:
    agency: Agency
    submission: Submission | None

    @property
    def state(self) -> str:
        """missing / draft / submitted / returned / approved, "late" when sent after the
        deadline (shown alongside)."""
        return self.submission.status if self.submission else "missing"

    @property
    def late(self) -> bool:
        """First sent after the deadline (local date); a return and a resend keep it on time."""
        s = self.submission
        return bool(s and sent_on_time(s.first_submitted_at, s.period.deadline) is False)


def review_queue(period: ReportingPeriod) -> list[QueueRow]:
    plan = period.plan
    reporting: set[int | None] = set()
    for agency_ids in plan_target_assignments(plan).values():
        reporting |= agency_ids
    reporting |= set(Task.objects.filter(plan=plan).values_list("lead_agencies", flat=True))
    reporting.discard(None)
    submissions = {s.agency_id: s for s in Submission.objects.filter(period=period).select_related("period")}
    agencies = Agency.objects.filter(pk__in=reporting).order_by("kind", vietnamese("name"))
    return [QueueRow(a, submissions.get(a.pk)) for a in agencies]


def previous_period(period: ReportingPeriod) -> ReportingPeriod | None:
    return (
        ReportingPeriod.objects.filter(plan_id=period.plan_id, position__lt=period.position)
        .order_by("-position")
        .first()
    )


def submission_review_lines(submission: Submission):
    """Each line of the submission with the same agency's line of the previous period."""
    previous = previous_period(submission.period)
    results = list(
        TargetResult.objects.filter(submission=submission)
        .select_related("target")
        .prefetch_related("target__level_thresholds__level")
        .order_by("target__statement__position", "target__position")
    )
    updates = list(
        TaskUpdate.objects.filter(submission=submission)
        .select_related("task", "evidence_file")
        .order_by("task__position")
    )
    before_results, before_updates = {}, {}
    if previous is not None:
        prior = Q(submission__period=previous, submission__agency_id=submission.agency_id)
        before_results = {r.target_id: r for r in TargetResult.objects.filter(prior)}
        before_updates = {u.task_id: u for u in TaskUpdate.objects.filter(prior)}
    for r in results:
        r.previous = before_results.get(r.target_id)  # type: ignore[attr-defined]  # read by the review page
    for u in updates:
        u.previous = before_updates.get(u.task_id)  # type: ignore[attr-defined]  # read by the review page
    return previous, results, updates
