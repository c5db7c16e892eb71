"""Explain a stored figure: the approved results that produced it and the formula used."""

from __future__ import annotations

from dataclasses import dataclass

from plans.models import ReportingPeriod, ReviewStatus
from targets.models import Target, TargetResult
from targets.selectors import plan_target_assignments, province_agencies

from .models import TargetProgress
from .progress import windows_of


@dataclass
class Explanation:
    row: TargetProgress
    windows: list[ReportingPeriod]
    used: list[TargetResult]          # approved lines that entered the figure
    not_counted: list[TargetResult]   # lines of the same agencies not (yet) approved
    missing: list                     # assigned agencies without an approved line


def explain_target(period: ReportingPeriod, target: Target, scope: str) -> Explanation | None:
    row = (TargetProgress.objects.select_related("agency", "level")
           .filter(period=period, target=target, scope=scope).first())
    if row is None:
        return None
    windows = windows_of(period, list(period.plan.periods.order_by("position")))
    agencies = {a.pk: a for a in province_agencies(period.plan)}
    assigned = plan_target_assignments(period.plan).get(target.pk, set())
    if scope.startswith("agency:"):
        members = {row.agency_id}
    elif scope.startswith("level:"):
        members = {a for a in assigned if agencies.get(a) and agencies[a].level_id == row.level_id}
    else:
        members = set(assigned)
    lines = list(TargetResult.objects.filter(
        target=target, submission__period__in=windows, submission__agency_id__in=members)
        .select_related("submission__agency", "submission__period")
        .order_by("submission__agency__name", "submission__period__position"))
    used = [x for x in lines if x.review_status == ReviewStatus.APPROVED and not x.not_applicable]
    with_data = {x.submission.agency_id for x in used}
    missing = sorted((agencies[a] for a in members - with_data if a in agencies),
                     key=lambda a: a.name)
    return Explanation(row, windows, used, [x for x in lines if x not in used], missing)
