"""Explain a stored figure: the approved results that produced it and the formula used."""

from __future__ import annotations

from dataclasses import dataclass

from cchc.collation import sort_key, vietnamese
from plans.models import ReportingPeriod
from plans.rules import windows_of
from reporting.models import ReviewStatus, TargetProgress, TargetResult
from targets.models import Target


@dataclass
class Explanation:
    row: TargetProgress
    windows: list[ReportingPeriod]
    used: list[TargetResult]  # approved lines that entered the figure
    not_counted: list[TargetResult]  # lines of the same agencies not (yet) approved
    missing: list  # assigned agencies without an approved line


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
        .select_related("submission__agency", "submission__period")
        .order_by(vietnamese("submission__agency__name"), "submission__period__position")
    )
    used = [x for x in lines if x.review_status == ReviewStatus.APPROVED and not x.not_applicable]
    missing = sorted((r.agency for r in agency_rows if not r.reported), key=lambda a: sort_key(a.name))
    return Explanation(row, windows, used, [x for x in lines if x not in used], missing)
