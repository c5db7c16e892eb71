"""The entry sheet: everything one agency reports for one period, read in a fixed number of
queries whatever the number of lines (targets and tasks assigned to the agency)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from onestop.selectors import Proposal, proposals_for
from plans.models import ReportingPeriod, Task
from targets.models import Target
from targets.selectors import agency_target_ids

from .. import reads, rules
from ..models import Submission, TargetResult, TaskUpdate


@dataclass
class TargetLine:
    target: Target
    result: TargetResult | None
    threshold: object = None  # the value this agency must reach (per-level aware)
    previous: TargetResult | None = None
    proposal: Proposal | None = None  # the one-stop system's figure, for a bound target


@dataclass
class TaskLine:
    task: Task
    update: TaskUpdate | None
    role: str = "lead"  # lead | cooperating
    previous: TaskUpdate | None = None


@dataclass
class EntrySheet:
    period: ReportingPeriod
    agency: Agency
    submission: Submission | None
    target_lines: list[TargetLine] = field(default_factory=list)
    task_lines: list[TaskLine] = field(default_factory=list)
    area_ids: set[int] | None = None  # only the lines of these plan areas (None: every line)

    @property
    def status(self):
        return self.submission.status if self.submission else Submission.Status.DRAFT


def entry_sheet(*, period: ReportingPeriod, agency: Agency, area_ids: set[int] | None = None) -> EntrySheet:
    """``area_ids``: only the lines of these plan areas (an area coordinator's view)."""
    plan = period.plan
    submission = Submission.objects.filter(period=period, agency=agency).first()
    assigned = agency_target_ids(plan, agency.pk, on=period.window_end)
    # the lines' targets and tasks as SQL (reporting.reads: the ORM queries they replace)
    targets = reads.entry_targets(assigned, area_ids)
    results = _results(submission)
    proposals = proposals_for(period=period, agency=agency, target_ids=[t.pk for t in targets])
    target_lines = []
    for target in targets:
        threshold = target.value
        for t in target.level_thresholds.all():
            if t.level_id == agency.level_id:
                threshold = t.value
        target_lines.append(
            TargetLine(target, results.get(target.pk), threshold, proposal=proposals.get(target.pk))
        )

    tasks = reads.entry_tasks(plan.pk, agency.pk, area_ids)
    updates = _updates(submission)
    task_lines = [
        TaskLine(task, updates.get(task.pk), "lead" if leads else "cooperating") for task, leads in tasks
    ]
    return EntrySheet(period, agency, submission, target_lines, task_lines, area_ids)


def _results(submission) -> dict:
    if submission is None:
        return {}
    return {r.target_id: r for r in TargetResult.objects.filter(submission=submission)}


def _updates(submission) -> dict:
    if submission is None:
        return {}
    return {
        u.task_id: u for u in TaskUpdate.objects.filter(submission=submission).select_related("evidence_file")
    }


def sheet_reread(sheet: EntrySheet, submission: Submission) -> EntrySheet:
    """The same lines with the submission's stored rows read again (two queries): what a send
    judges after the save of the same request, without reading the assignments again."""
    results, updates = _results(submission), _updates(submission)
    targets = [replace(line, result=results.get(line.target.pk)) for line in sheet.target_lines]
    tasks = [replace(line, update=updates.get(line.task.pk)) for line in sheet.task_lines]
    return replace(sheet, submission=submission, target_lines=targets, task_lines=tasks)


#: how the entry page words what a line lacks (``reporting.rules`` names the gaps)
GAP_LABELS = {
    rules.GAP_EMPTY: _("chưa nhập"),
    rules.GAP_HALF_RATE: _("thiếu tử số hoặc mẫu số"),
    rules.GAP_EVIDENCE_FILE: _("chưa có tệp kiểm chứng"),
    rules.GAP_EVIDENCE_NUMBER: _("chưa có số, ký hiệu văn bản kiểm chứng"),
    rules.GAP_EVIDENCE_DATE: _("chưa có ngày văn bản kiểm chứng"),
}


@dataclass(frozen=True)
class MissingLine:
    """A line that stops the report being sent: ``kind`` "target" or "task", ``key`` the
    target's or task's id, ``code`` as printed, ``gaps`` what it lacks (``reporting.rules``)."""

    kind: str
    key: int
    code: str
    gaps: tuple[str, ...]

    @property
    def reasons(self) -> list[str]:
        return [str(GAP_LABELS[gap]) for gap in self.gaps]

    def __str__(self) -> str:
        return f"{self.code} ({', '.join(self.reasons)})"


def sheet_missing_lines(sheet: EntrySheet) -> list[MissingLine]:
    """Every line that is not ready to be sent, with what it lacks: a report is sent only when
    every line is filled or marked "không phát sinh", and every task reported done carries its
    evidence (file, number, date)."""
    missing = []
    for line in sheet.target_lines:
        r = line.result
        gaps = rules.target_line_gaps(
            saved=r is not None,
            not_applicable=bool(r and r.not_applicable),
            done=r.done if r else None,
            value=r.value if r else None,
            numerator=r.numerator if r else None,
            denominator=r.denominator if r else None,
        )
        if gaps:
            missing.append(MissingLine("target", line.target.pk, line.target.code, tuple(gaps)))
    for task_line in sheet.task_lines:
        u = task_line.update
        gaps = rules.task_line_gaps(
            saved=u is not None,
            progress=u.progress if u else "",
            not_applicable=bool(u and u.not_applicable),
            evidence_file=bool(u and u.evidence_file_id),
            evidence_number=u.evidence_number if u else "",
            evidence_date=u.evidence_date if u else None,
        )
        if gaps:
            missing.append(MissingLine("task", task_line.task.pk, task_line.task.code, tuple(gaps)))
    return missing
