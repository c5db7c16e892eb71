"""Writes of the reporting cycle: an agency's report for a period (save, send, approve, return),
its evidence files, a period reopened for one agency, who reports a target or leads a task, and
the recompute each change of official figures asks for. Keyword-only functions named
<entity>_<action>."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from agencies.access import user_is_reviewer
from agencies.models import User
from cchc import clock, sql
from cchc.history import history_attribute
from notifications.models import Notification
from notifications.services import notify_agency
from plans.models import ReportingPeriod, Task
from plans.rules import LockState
from targets.proposals import targets_accept

from ..access import head_must_approve
from ..evidence import safe_name, sha256_of
from ..jobs import recompute_request
from ..models import (
    EvidenceFile,
    PeriodReopening,
    ReviewStatus,
    Submission,
    TargetResult,
    TaskUpdate,
)
from ..selectors.entry import EntrySheet, MissingLine, entry_sheet, sheet_missing_lines, sheet_reread
from ..selectors.locks import agency_lock


class StaleSubmissionError(Exception):
    """Someone saved the same submission after this page was opened."""

    def __init__(self, submission):
        self.submission = submission
        super().__init__(f"submission {submission.pk} is at version {submission.version}")


class PeriodLockedError(Exception):
    """The period is closed to agencies (deadline + grace passed, no reopening in force)."""

    def __init__(self, lock: LockState):
        self.lock = lock
        super().__init__(f"locked since {lock.locks_on}")


def _check_open(submission: Submission, user) -> None:
    """Agencies write only while the period is open for them; a returned report stays open for
    its correction (the return is the reviewer's decision to reopen it); reviewers always may."""
    if user_is_reviewer(user) or submission.status == Submission.Status.RETURNED:
        return
    lock = agency_lock(submission.period, submission.agency_id)
    if lock.locked:
        raise PeriodLockedError(lock)


@transaction.atomic
def period_reopen(*, period: ReportingPeriod, agency, until, reason: str, user) -> PeriodReopening:
    """Reopen a period for one agency through ``until`` (inclusive), with a reason. A later
    reopening replaces an earlier one (an ``until`` in the past closes it again)."""
    reopening = PeriodReopening(
        period=period, agency=agency, until=until, reason=(reason or "").strip(), created_by=user
    )
    reopening.full_clean()
    reopening.save()
    return reopening


def period_close(*, period: ReportingPeriod, agency, user) -> PeriodReopening:
    """End a reopening early: from today the period is closed to the agency again."""
    return period_reopen(
        period=period,
        agency=agency,
        until=clock.today() - timedelta(days=1),
        reason="Đóng lại trước hạn.",
        user=user,
    )


class LinesInvalidError(ValidationError):
    """Lines the model refuses although their forms accepted them: ``lines`` maps the
    target's (``model`` TargetResult) or task's (TaskUpdate) id to the model's per-field
    messages, for the page to show beside what was typed."""

    def __init__(self, model, lines: dict[int, dict[str, list[str]]]):
        self.model, self.lines = model, lines
        super().__init__(
            [message for fields in lines.values() for messages in fields.values() for message in messages]
        )


class AlreadyDecidedError(Exception):
    """The report is no longer waiting for review: approved or returned meanwhile (another
    reviewer, another tab)."""

    def __init__(self, submission):
        self.submission = submission
        super().__init__(f"submission {submission.pk} is {submission.status}")


class ReturnReasonMissingError(Exception):
    """A return needs a reason: a general one, or one for a marked line."""


class IncompleteSubmissionError(Exception):
    """The report cannot be sent yet: ``missing`` names each line and what it lacks."""

    def __init__(self, missing: list[MissingLine]):
        self.missing = missing
        super().__init__(", ".join(str(line) for line in missing))


class NotWithdrawableError(Exception):
    """The report can no longer be taken back: it is not waiting for review, or the Sở Nội vụ
    has opened it already."""

    def __init__(self, submission):
        self.submission = submission
        super().__init__(f"submission {submission.pk} is {submission.status}, opened {submission.opened_at}")


def _apply(rows_by_key, model, make, values_by_key, user):
    """Create the missing rows and update the changed ones, in bulk, keeping history. Returns
    whether an approved line changed (it is then pending again: the official figures moved)."""
    to_create, to_update, fields, unapproved = [], [], set(), False
    written = {}  # key → the row to create or update
    for key, values in values_by_key.items():
        row = rows_by_key.get(key)
        if row is None:
            written[key] = make(key, values)
            to_create.append(written[key])
            continue
        changed = {name for name, value in values.items() if getattr(row, name) != value}
        if changed:
            for name in changed:
                setattr(row, name, values[name])
            if row.review_status == ReviewStatus.APPROVED:
                # An approved figure that changes is no longer official until approved again.
                row.review_status = ReviewStatus.PENDING
                changed.add("review_status")
                unapproved = True
            fields |= changed
            written[key] = row
            to_update.append(row)
    invalid = {}
    for key, row in written.items():
        # Field checks only: the forms validated the values, the named constraints guard the
        # rows, and per-row unique checks would cost a query per line.
        try:
            row.clean_fields(exclude=["submission", "target", "task"])
        except ValidationError as error:
            invalid[key] = error.message_dict
    if invalid:
        raise LinesInvalidError(model, invalid)
    if to_create:
        bulk_create_with_history(to_create, model, default_user=user)
    if to_update:
        _update_with_history(to_update, sorted(fields | {"updated_at"}), user)  # updated_at: now
    return unapproved


def _update_with_history(lines, fields, user) -> None:
    """simple_history's ``bulk_update_with_history`` (the rows, then a history record of each
    as it now is), the rows written by ``cchc.sql.update_rows``: a statement per row instead of
    the ORM's CASE of a WHEN per row and field."""
    with transaction.atomic(savepoint=False):
        sql.update_rows(lines, fields)
        history = get_history_manager_for_model(type(lines[0]))
        # as bulk_update_with_history: no change reason (NULL, as a save() records it)
        history.bulk_history_create(lines, update=True, default_user=user, default_change_reason=None)


@transaction.atomic
def submission_save(*, period, agency, user, version: int, target_values: dict, task_values: dict):
    """Save an agency's lines for a period as a draft. ``target_values`` maps Target →
    field values, ``task_values`` maps Task → field values. A save based on an older version
    than the stored one is refused (nothing is silently overwritten)."""
    submission, _created = Submission.objects.get_or_create(period=period, agency=agency)
    submission.period, submission.agency = period, agency  # the rows read for this request, kept by _locked
    submission = _locked(submission)
    if submission.version != version:
        raise StaleSubmissionError(submission)
    if not (submission.is_editable_by_agency or user_is_reviewer(user)):
        raise StaleSubmissionError(submission)  # sent or approved since the page was read
    _check_open(submission, user)

    results = {r.target_id: r for r in TargetResult.objects.filter(submission=submission)}
    targets_unapproved = _apply(
        results,
        TargetResult,
        lambda target_id, values: TargetResult(submission=submission, target_id=target_id, **values),
        {target.pk: values for target, values in target_values.items()},
        user,
    )
    updates = {u.task_id: u for u in TaskUpdate.objects.filter(submission=submission)}
    tasks_unapproved = _apply(
        updates,
        TaskUpdate,
        lambda task_id, values: TaskUpdate(submission=submission, task_id=task_id, **values),
        {task.pk: values for task, values in task_values.items()},
        user,
    )
    submission.version += 1
    submission.updated_at = timezone.now()
    submission.save(update_fields=["version", "updated_at"])
    if targets_unapproved or tasks_unapproved:
        _recompute_on_commit(period.pk)
    return submission


@dataclass(frozen=True)
class EntryOutcome:
    """What became of an agency's page: saved, sent, or saved but not sent (the lines it
    lacks)."""

    submission: Submission
    sent: bool
    missing: list[MissingLine]


@transaction.atomic
def submission_enter(
    *,
    period,
    agency,
    user,
    version: int,
    target_values: dict,
    task_values: dict,
    send: bool = False,
    sheet: EntrySheet | None = None,
) -> EntryOutcome:
    """Save an agency's lines as a draft and, when asked, send them. Both in one transaction:
    the save's row lock is held until the send has written the row, so another save cannot
    slip in between and be overwritten by the send's copy of the row. An incomplete report is
    saved and not sent (``missing`` names the lines and what each lacks). Whatever is
    incomplete is saved as a draft all the same: completeness is asked only of a sending.
    ``sheet``: the agency's lines as the page read them in this request (the send then reads
    only the stored rows again, not who reports what, unless the sheet holds some areas only)."""
    submission = submission_save(
        period=period,
        agency=agency,
        user=user,
        version=version,
        target_values=target_values,
        task_values=task_values,
    )
    if not send:
        return EntryOutcome(submission, sent=False, missing=[])
    try:
        with transaction.atomic():  # only the send is undone: the draft stays
            submission = submission_submit(submission=submission, user=user, sheet=sheet)
    except IncompleteSubmissionError as exc:
        return EntryOutcome(submission, sent=False, missing=exc.missing)
    return EntryOutcome(submission, sent=True, missing=[])


def _locked(submission) -> Submission:
    """The submission's row, locked until the transaction ends and read afresh: a decision is
    taken on the stored state, never on a copy read before another request changed it. The
    period and agency objects already read are kept (their rows are not what is decided)."""
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    for relation in (Submission.period, Submission.agency):
        if relation.field.is_cached(submission):
            relation.field.set_cached_value(locked, relation.field.get_cached_value(submission))
    return locked


def _set_review(lines, user, **values):
    """Change review fields of submission lines in bulk, recording history for each line."""
    lines = list(lines)
    for line in lines:
        for name, value in values.items():
            setattr(line, name, value)
    if lines:
        _update_with_history(lines, list(values), user)
    return len(lines)


@transaction.atomic
def submission_submit(*, submission, user, sheet: EntrySheet | None = None):
    """Send a complete submission to the Sở Nội vụ; returned lines go back to review. Every
    assigned line must be saved with figures or marked "không phát sinh", and every task
    reported done must carry its evidence (``sheet_missing_lines``; with a ``sheet`` of every
    line, the lines the caller read in this request, their stored rows read again). The first
    sending is kept
    (``first_submitted_at``): a resend after a return or a withdrawal does not make a report
    late. A new sending waits to be opened again (``opened_at`` cleared).

    Where the province asks its agencies' heads to approve first (``head_must_approve``), the
    agency's sending goes to its head instead (``Status.AWAITING_HEAD``): not sent yet, no
    sending recorded; the head's approval sends it (``submission_head_approve``). A reviewer
    who sends a report for an agency sends it to the Sở Nội vụ directly."""
    submission = _locked(submission)
    if not (submission.is_editable_by_agency or user_is_reviewer(user)):
        raise StaleSubmissionError(submission)
    _check_open(submission, user)
    sheet = (
        entry_sheet(period=submission.period, agency=submission.agency)
        if sheet is None or sheet.area_ids is not None  # every line is judged, not one area's
        else sheet_reread(sheet, submission)
    )
    missing = sheet_missing_lines(sheet)
    if missing:
        raise IncompleteSubmissionError(missing)
    if head_must_approve(submission.agency) and not user_is_reviewer(user):
        return _to_head(submission, user)
    return _send(submission, user=user, sender=user)


#: a submission's relations, not checked field by field (each check is a query)
_RELATED = [f.name for f in Submission._meta.concrete_fields if f.is_relation]


def _send(submission: Submission, *, user, sender) -> Submission:
    """The sending to the Sở Nội vụ (the one "sent on time" is judged by): ``sender`` is who
    sent the report (the reporter, also when their head approved it), ``user`` who acts now."""
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_at = timezone.now()
    if submission.first_submitted_at is None:  # the first sending decides "on time"; kept for good
        submission.first_submitted_at = submission.submitted_at
    submission.submitted_by = sender
    submission.opened_at = None
    submission.head_from_status = ""
    submission.head_return_reason = ""
    history_attribute(submission, user=user)
    # Field checks only: the values are set here, the named constraints guard the row in the
    # database, and the related rows' and uniqueness checks would cost a query each.
    submission.full_clean(exclude=_RELATED, validate_unique=False, validate_constraints=False)
    submission.save(
        update_fields=[
            "status",
            "submitted_at",
            "first_submitted_at",
            "submitted_by",
            "opened_at",
            "head_from_status",
            "head_return_reason",
            "updated_at",
        ]
    )
    for model in (TargetResult, TaskUpdate):
        _set_review(
            model.objects.filter(submission=submission, review_status=ReviewStatus.RETURNED),
            user,
            review_status=ReviewStatus.PENDING,
        )
    return submission


def _entry_link(submission) -> str:
    return reverse("reporting:submission_entry", args=[submission.period_id, submission.agency_id])


def _to_head(submission: Submission, user) -> Submission:
    """The reporter's "Gửi" where the head approves first: the report waits for the head,
    remembering where it came from (a draft, or a report the Sở Nội vụ returned) for a return
    or a withdrawal; the agency's heads are told."""
    submission.head_from_status = submission.status
    submission.status = Submission.Status.AWAITING_HEAD
    submission.submitted_by = user
    submission.head_return_reason = ""
    history_attribute(submission, user=user)
    submission.full_clean()
    submission.save(
        update_fields=["status", "head_from_status", "submitted_by", "head_return_reason", "updated_at"]
    )
    transaction.on_commit(
        lambda: notify_agency(
            agency_id=submission.agency_id,
            roles=[User.Role.AGENCY_HEAD],
            subject=f"[CCHC] Báo cáo {submission.period} chờ thủ trưởng duyệt",
            body=(
                f"Cán bộ đầu mối đã trình báo cáo {submission.period} của {submission.agency}. "
                "Vui lòng xem và duyệt để gửi Sở Nội vụ, hoặc trả lại kèm lý do."
            ),
            kind=Notification.Kind.REVIEW_DECISION,
            link=_entry_link(submission),
        )
    )
    return submission


class NotAwaitingHeadError(Exception):
    """The report no longer waits for the head: approved, returned or taken back meanwhile."""

    def __init__(self, submission):
        self.submission = submission
        super().__init__(f"submission {submission.pk} is {submission.status}")


@transaction.atomic
def submission_head_approve(*, submission, user) -> Submission:
    """The agency's head approves the report waiting for them ("Duyệt và gửi Sở Nội vụ"): it is
    sent to the Sở Nội vụ now, and this sending is the one "sent on time" is judged by (the
    first such sending is kept, as always). Who may: ``reporting.access.can_approve_as_head``.
    The period's lock applies as to the reporter's sending (a report the Sở Nội vụ returned
    stays open for its correction)."""
    submission = _locked(submission)
    if submission.status != Submission.Status.AWAITING_HEAD:
        raise NotAwaitingHeadError(submission)
    if submission.head_from_status != Submission.Status.RETURNED:
        lock = agency_lock(submission.period, submission.agency_id)
        if lock.locked:
            raise PeriodLockedError(lock)
    submission = _send(submission, user=user, sender=submission.submitted_by or user)
    transaction.on_commit(
        lambda: _notify_reporters(
            submission,
            f"[CCHC] Báo cáo {submission.period} đã được thủ trưởng duyệt",
            f"Thủ trưởng cơ quan đã duyệt báo cáo {submission.period} của {submission.agency} "
            "và gửi Sở Nội vụ.",
        )
    )
    return submission


@transaction.atomic
def submission_head_return(*, submission, user, reason: str) -> Submission:
    """The agency's head returns the report waiting for them to the reporter, with a reason: it
    goes back to where it came from (a draft, or the Sở Nội vụ's return being corrected), editable
    again, the reason shown on the entry page until it is sent again. Nothing was sent."""
    reason = (reason or "").strip()
    if not reason:
        raise ReturnReasonMissingError
    submission = _locked(submission)
    if submission.status != Submission.Status.AWAITING_HEAD:
        raise NotAwaitingHeadError(submission)
    submission.status = submission.head_from_status or Submission.Status.DRAFT
    submission.head_from_status = ""
    submission.head_return_reason = reason
    submission.version += 1  # a page read before the return is out of date
    history_attribute(submission, user=user)
    submission.full_clean()
    submission.save(
        update_fields=["status", "head_from_status", "head_return_reason", "version", "updated_at"]
    )
    transaction.on_commit(
        lambda: _notify_reporters(
            submission,
            f"[CCHC] Báo cáo {submission.period} bị thủ trưởng trả lại",
            f"Thủ trưởng cơ quan trả lại báo cáo {submission.period} của {submission.agency}.\n"
            f"Lý do: {reason}\nVui lòng sửa và gửi lại.",
        )
    )
    return submission


def submission_open(*, submission, user) -> bool:
    """A reviewer has opened the report waiting for review: from now on the agency can no longer
    take it back (``submission_withdraw``). One conditional UPDATE, so a withdrawal holding the
    row wins or loses cleanly; returns whether this opening was the first."""
    if not user_is_reviewer(user):
        return False
    return bool(
        Submission.objects.filter(
            pk=submission.pk, status=Submission.Status.SUBMITTED, opened_at__isnull=True
        ).update(opened_at=timezone.now())
    )


@transaction.atomic
def submission_withdraw(*, submission, user) -> Submission:
    """The agency takes back a report it sent (rút lại), while the Sở Nội vụ has neither opened
    nor decided it: the report is a draft again, off the reviewer's queue, and the withdrawal is
    a line of its history. A report waiting for the agency's head is taken back too: it goes back
    to where it came from (a draft, or the Sở Nội vụ's return being corrected).

    The first sending (``first_submitted_at``) is kept, as for a return (DOMAIN.md "Sent on
    time"): a report withdrawn and sent again is judged on time or late by its first sending.
    The agency did send it by then; a withdrawal is allowed only before anyone at the Sở Nội vụ
    opened it, and until it is sent again it is a draft (the compliance matrix shows it as not
    reported, the queue does not list it as awaiting review)."""
    submission = _locked(submission)
    if submission.status == Submission.Status.AWAITING_HEAD:
        submission.status = submission.head_from_status or Submission.Status.DRAFT
        submission.head_from_status = ""
    elif submission.status == Submission.Status.SUBMITTED and submission.opened_at is None:
        submission.status = Submission.Status.DRAFT
    else:
        raise NotWithdrawableError(submission)
    history_attribute(submission, user=user)  # the history reads "sent → draft" as a withdrawal
    submission.version += 1  # a page read before the withdrawal is out of date
    submission.full_clean()
    submission.save(update_fields=["status", "head_from_status", "version", "updated_at"])
    return submission


def _recompute_on_commit(period_id: int) -> None:
    """Official figures changed: recompute the stored progress once the decision is committed.
    The request is recorded with the decision (``reporting.jobs``), so a broker or worker that is
    down neither undoes the decision nor loses the recompute."""
    recompute_request(period_id)


def _notify_reporters(submission, subject, body):
    """Tell the agency's reporters about a review decision on their report."""
    return notify_agency(
        agency_id=submission.agency_id,
        roles=[User.Role.REPORTER],
        subject=subject,
        body=body,
        kind=Notification.Kind.REVIEW_DECISION,
        link=_entry_link(submission),
    )


@transaction.atomic
def submission_approve(*, submission, user):
    """Approve every line that is not returned; the submission is approved when none is."""
    submission = _locked(submission)
    if submission.status != Submission.Status.SUBMITTED:
        raise AlreadyDecidedError(submission)
    for model in (TargetResult, TaskUpdate):
        _set_review(
            model.objects.filter(submission=submission, review_status=ReviewStatus.PENDING),
            user,
            review_status=ReviewStatus.APPROVED,
            review_note="",
        )
    submission.status = Submission.Status.APPROVED
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = user
    submission.return_reason = ""
    submission.save()
    _recompute_on_commit(submission.period_id)
    transaction.on_commit(
        lambda: _notify_reporters(
            submission,
            f"[CCHC] Báo cáo {submission.period} đã được duyệt",
            f"Báo cáo {submission.period} của {submission.agency} đã được Sở Nội vụ duyệt.",
        )
    )
    return submission


@transaction.atomic
def submission_return(
    *, submission, user, reason: str, target_notes: dict[int, str], task_notes: dict[int, str]
):
    """Return a submission: with line notes, only those lines reopen; the other lines are
    approved. ``target_notes`` / ``task_notes`` map line ids to the reason for that line."""
    submission = _locked(submission)
    if submission.status != Submission.Status.SUBMITTED:
        raise AlreadyDecidedError(submission)
    reason = (reason or "").strip()
    if not reason and not target_notes and not task_notes:
        raise ReturnReasonMissingError
    for model, notes in ((TargetResult, target_notes), (TaskUpdate, task_notes)):
        lines = list(model.objects.filter(submission=submission))
        if target_notes or task_notes:
            for line in lines:
                if line.pk in notes:
                    _set_review(
                        [line],
                        user,
                        review_status=ReviewStatus.RETURNED,
                        review_note=notes[line.pk].strip() or reason,
                    )
            _set_review(
                [ln for ln in lines if ln.pk not in notes and ln.review_status == ReviewStatus.PENDING],
                user,
                review_status=ReviewStatus.APPROVED,
            )
        else:
            _set_review(lines, user, review_status=ReviewStatus.RETURNED, review_note=reason)
    submission.status = Submission.Status.RETURNED
    submission.return_reason = reason
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = user
    submission.save()
    _recompute_on_commit(submission.period_id)
    transaction.on_commit(
        lambda: _notify_reporters(
            submission,
            f"[CCHC] Báo cáo {submission.period} bị trả lại",
            f"Sở Nội vụ trả lại báo cáo {submission.period} của {submission.agency}.\n"
            f"Lý do: {reason or 'xem các dòng được đánh dấu'}\nVui lòng sửa và gửi lại.",
        )
    )
    return submission


def evidence_store(*, upload, kind: str, agency, user) -> EvidenceFile:
    """Keep an uploaded evidence file (already checked by ``evidence.check_upload``) for the
    agency. It is stored at once, so a page refused for another reason keeps it."""
    evidence = EvidenceFile(
        agency=agency,
        name=safe_name(upload.name),
        kind=kind,
        size=upload.size,
        sha256=sha256_of(upload),
        uploaded_by=user,
    )
    evidence.file.save("upload", upload, save=False)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def assignment_update(*, form, user):
    """Save the reviewer's change of who reports a target (or its baseline) or who leads /
    cooperates on a task (a validated ModelForm), recording who made it in the item's
    history; the plan's stored progress is recomputed once it is committed."""
    form.instance._history_user = user
    item = form.save()
    plan_recompute_on_commit(item.plan_id if isinstance(item, Task) else item.statement.plan_id)
    return item


@transaction.atomic
def targets_add(*, plan, accepted) -> list[str]:
    """Add the targets the reviewer accepted from a plan's text (``targets.proposals``) and
    recompute the plan's stored progress once committed, so the dashboards list them; returns
    the codes they were saved with (one given to each that had none)."""
    saved = targets_accept(plan=plan, accepted=accepted)
    plan_recompute_on_commit(plan.pk)
    return saved


def plan_recompute_on_commit(plan_id: int) -> None:
    """The plan's targets or tasks changed (who counts, a baseline, a new target): recompute its
    first period once committed; the recompute carries on through every later period."""
    first = ReportingPeriod.objects.filter(plan_id=plan_id).order_by("position").first()
    if first is not None:
        _recompute_on_commit(first.pk)


def evidence_orphans_delete(*, older_than_hours: int = 48) -> int:
    """Delete evidence files uploaded on a page that was never saved (no task update, now or in
    its history, points at them) once they are old enough; returns how many."""
    cutoff = timezone.now() - timedelta(hours=older_than_hours)
    in_history = TaskUpdate.history.exclude(evidence_file_id=None).values("evidence_file_id")
    orphans = EvidenceFile.objects.filter(uploaded_at__lt=cutoff, task_updates__isnull=True).exclude(
        pk__in=in_history
    )
    deleted = 0
    for evidence in orphans:
        evidence.file.delete(save=False)
        evidence.delete()
        deleted += 1
    return deleted
