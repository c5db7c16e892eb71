"""Reads for the reviewer: the queue of a period and one submission beside the previous one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from cchc.collation import vietnamese
from plans.models import ReportingPeriod, Task
from targets.selectors import plan_target_assignments, with_level_thresholds

from ..models import EvidenceFile, ReviewStatus, Submission, TargetResult, TaskUpdate
from ..rules import first_sending, sent_on_time
from .history import LINE_FIELDS, _choice_shower

#: how a changed field is named on the review page (the model's own name otherwise)
CHANGE_LABELS = {**LINE_FIELDS, "percent": gettext_lazy("% hoàn thành")}


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
        first = first_sending(s.status, s.first_submitted_at) if s else None
        return bool(s and sent_on_time(first, s.period.deadline) is False)


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
    """Each line of the submission with the same agency's line of the previous period, as the
    Sở Nội vụ has it: approved (it counts) or in a report sent and waiting for review; never a
    line the agency has not sent (a draft, a report waiting for its head, a returned line being
    corrected), which only its own agency may see."""
    previous = previous_period(submission.period)
    results = list(
        TargetResult.objects.filter(submission=submission)
        .select_related("target")
        .prefetch_related(with_level_thresholds("target__level_thresholds"))
        .order_by("target__statement__position", "target__position")
    )
    updates = list(
        TaskUpdate.objects.filter(submission=submission)
        .select_related("task", "evidence_file")
        .order_by("task__position")
    )
    before_results, before_updates = {}, {}
    if previous is not None:
        prior = Q(submission__period=previous, submission__agency_id=submission.agency_id) & (
            Q(review_status=ReviewStatus.APPROVED) | Q(submission__status=Submission.Status.SUBMITTED)
        )
        before_results = {r.target_id: r for r in TargetResult.objects.filter(prior)}
        before_updates = {u.task_id: u for u in TaskUpdate.objects.filter(prior)}
    for r in results:
        r.previous = before_results.get(r.target_id)  # type: ignore[attr-defined]  # read by the review page
    for u in updates:
        u.previous = before_updates.get(u.task_id)  # type: ignore[attr-defined]  # read by the review page
    return previous, results, updates


#: what the agency typed on a line, compared before and after a return (the reviewer's own fields
#: are left out: a resend turns "returned" into "pending" on every returned line)
TARGET_FIELDS = (
    "numerator",
    "denominator",
    "value",
    "done",
    "transactions",
    "not_applicable",
    "not_applicable_reason",
    "comment",
    "correction_reason",
)
TASK_FIELDS = (
    "progress",
    "percent",
    "completed_on",
    "evidence_number",
    "evidence_date",
    "evidence_file_id",
    "not_applicable",
    "note",
)


@dataclass
class LineChange:
    """One field of a line that changed since the return: its label, before and after, as
    shown."""

    label: str
    before: str
    after: str


def _last_return(submission: Submission) -> datetime | None:
    """When the report was last returned (its status turned to "returned"), if it ever was."""
    moment, previous = None, None
    for status, when in submission.history.order_by("history_date", "history_id").values_list(
        "status", "history_date"
    ):
        if status == Submission.Status.RETURNED and previous != Submission.Status.RETURNED:
            moment = when
        previous = status
    return moment


def _values_at(history, submission_id: int, moment: datetime, fields) -> dict[int, dict]:
    """Each line's fields as they stood at ``moment`` (its last record by then), by line id."""
    at: dict[int, dict] = {}
    records = (
        history.filter(submission_id=submission_id, history_date__lte=moment)
        .order_by("history_date", "history_id")
        .values("id", "history_type", *fields)
    )
    for record in records:
        if record["history_type"] == "-":
            at.pop(record["id"], None)
        else:
            at[record["id"]] = record
    return at


def _changes(line, before: dict | None, fields, shown) -> list[LineChange]:
    changes = []
    for name in fields:
        old = before.get(name) if before is not None else None
        new = getattr(line, name)
        if before is None and new in (None, "", False):
            continue
        if before is None or old != new:
            show = shown.get(name) or _choice_shower(type(line), name)
            label = CHANGE_LABELS.get(name) or type(line)._meta.get_field(name).verbose_name
            changes.append(LineChange(str(label), str(show(old)), str(show(new))))
    return changes


def changes_since_return(submission: Submission, results, updates) -> bool:
    """A report sent again after a return: mark on each of its lines (``line.changes``, read by
    the review page) what the agency changed since the return, each field before and after, so
    the reviewer reads only what moved. Returns whether the report was returned before (False:
    nothing is marked). Read from the lines' history (django-simple-history): a fixed number of
    queries whatever the number of lines."""
    moment = _last_return(submission)
    for line in (*results, *updates):
        line.changes = []  # read by the review page
    if moment is None:
        return False
    targets_then = _values_at(TargetResult.history, submission.pk, moment, TARGET_FIELDS)
    tasks_then = _values_at(TaskUpdate.history, submission.pk, moment, TASK_FIELDS)
    file_ids = {u.evidence_file_id for u in updates} | {
        v["evidence_file_id"] for v in tasks_then.values() if v["evidence_file_id"]
    }
    files = dict(EvidenceFile.objects.filter(pk__in=file_ids - {None}).values_list("pk", "name"))
    shown = {"evidence_file_id": lambda pk: files.get(pk, "—") if pk else "—"}
    for r in results:
        r.changes = _changes(r, targets_then.get(r.pk), TARGET_FIELDS, shown)
    for u in updates:
        u.changes = _changes(u, tasks_then.get(u.pk), TASK_FIELDS, shown)
    return True
