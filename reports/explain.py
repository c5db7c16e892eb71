"""Explain a stored figure: the approved results that produced it and the formula used, the
answers "không phát sinh" counted as reported, the lines not counted (each by its real state),
and the agencies still missing."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cchc.collation import sort_key, vietnamese
from plans.models import ReportingPeriod
from plans.rules import windows_of
from reporting.models import ReviewStatus, Submission, TargetProgress, TargetResult
from targets.models import Target
from targets.rules import BASELINE_COMPARATORS


@dataclass
class Explanation:
    row: TargetProgress
    windows: list[ReportingPeriod]
    used: list[TargetResult]  # approved lines that entered the figure
    not_applicable: list[TargetResult]  # approved "không phát sinh": reported, out of the sums
    not_counted: list[TargetResult]  # lines of the same agencies not (yet) approved
    missing: list  # assigned agencies without an approved line
    demo_baseline: bool = False  # the baseline it is judged against is demo data


#: what the page reads of a line and of its report (the rest, the report's dates above all, left
#: unread: a province figure has a line per agency and period)
LINE_FIELDS = (
    "not_applicable",
    "not_applicable_reason",
    "review_status",
    "numerator",
    "denominator",
    "value",
    "done",
    "transactions",
    "submission__status",
    "submission__agency_id",
    "submission__period_id",
)


def line_state(line: TargetResult) -> str:
    """A line's real state, as the explanation page names it: approved, returned to the agency,
    waiting for the reviewer (only when its report was sent), still being entered, or waiting
    for the agency to send it again."""
    if line.review_status == ReviewStatus.APPROVED:
        return _("Đã duyệt")
    if line.review_status == ReviewStatus.RETURNED:
        return _("Bị trả lại")
    status = line.submission.status
    if status == Submission.Status.SUBMITTED:
        return _("Chờ duyệt")
    if status == Submission.Status.RETURNED:
        return _("Báo cáo bị trả lại, chờ cơ quan gửi lại")
    if status == Submission.Status.AWAITING_HEAD:
        return _("Chờ thủ trưởng cơ quan duyệt, chưa gửi")
    return _("Đang nhập, chưa gửi")


def explain_target(period: ReportingPeriod, target: Target, scope: str) -> Explanation | None:
    """The agencies behind a figure are read from the agency rows stored with it, so the
    explanation shows what the figure was computed from even if assignments changed since."""
    rows = {
        r.scope: r
        for r in TargetProgress.objects.select_related("agency", "level").filter(period=period, target=target)
    }
    row = rows.get(scope)
    if row is None:
        return None
    row.target = target  # the figure's rule is read from it (``formatting.figure``): no query again
    agency_rows = [r for r in rows.values() if r.agency_id is not None]
    if row.agency_id is not None:
        agency_rows = [row]
    elif row.level_id is not None:
        agency_rows = [r for r in agency_rows if r.agency.level_id == row.level_id]
    windows = windows_of(period, list(period.plan.periods.order_by("position")))
    lines = list(
        TargetResult.objects.filter(
            target=target,
            submission__period__in=windows,
            submission__agency_id__in=[r.agency_id for r in agency_rows],
        )
        .select_related("submission")
        .only(*LINE_FIELDS)
        .order_by(vietnamese("submission__agency__name"), "submission__period__position")
    )
    # each line's agency and period are among those read above: one object each, not one per line
    agencies = {r.agency_id: r.agency for r in agency_rows}
    periods = {w.pk: w for w in windows}
    for line in lines:
        line.submission.agency = agencies[line.submission.agency_id]
        line.submission.period = periods[line.submission.period_id]
    approved = [x for x in lines if x.review_status == ReviewStatus.APPROVED]
    used = [x for x in approved if not x.not_applicable]
    not_applicable = [x for x in approved if x.not_applicable]
    not_counted = [x for x in lines if x.review_status != ReviewStatus.APPROVED]
    for line in not_counted:
        line.state = line_state(line)  # type: ignore[attr-defined]  # read by the page
    missing = sorted((r.agency for r in agency_rows if not r.reported), key=lambda a: sort_key(a.name))
    return Explanation(
        row,
        windows,
        used,
        not_applicable,
        not_counted,
        missing,
        demo_baseline=target.baseline_is_demo and target.comparator in BASELINE_COMPARATORS,
    )
