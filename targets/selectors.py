"""Reads for targets."""

from collections import defaultdict
from datetime import date

from django.db.models import Q

from agencies.models import Agency
from agencies.succession import accountable_ids, succession_edges
from plans.models import Plan

from . import rules
from .models import Target


def province_agencies(plan: Plan) -> list[Agency]:
    """The bodies under the plan's issuer that existed at some time during the plan's years."""
    start, end = date(plan.year, 1, 1), date(plan.end_year or plan.year, 12, 31)
    return list(
        Agency.objects.filter(parent=plan.issuer_id)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .select_related("level")
    )


def plan_target_assignments(
    plan: Plan, *, on: date | None = None, edges: list | None = None
) -> dict[int, set[int]]:
    """target id → ids of the agencies that report it (by each target's reporting scope).

    With ``on`` (a period's data cut-off), under the structure of that day: work moved to a
    successor by a later restructuring is still the predecessor's, and a body not in force
    that day reports nothing (:func:`agencies.succession.accountable_ids`). Without it, today's
    assignments. ``edges``: the succession records, when the caller has read them already."""
    refs = [rules.AgencyRef(a.pk, a.kind, a.level.code) for a in province_agencies(plan)]
    targets = Target.objects.filter(statement__plan=plan).prefetch_related(
        "reporting_levels", "reporting_agencies"
    )
    result = defaultdict(set)
    for target in targets:
        result[target.pk] = rules.assigned_agency_ids(
            target.reporting_scope,
            responsible_id=target.responsible_agency_id,
            levels={lv.code for lv in target.reporting_levels.all()},
            named_ids={a.pk for a in target.reporting_agencies.all()},
            agencies=refs,
        )
    if on is None:
        return dict(result)
    involved = {pk for ids in result.values() for pk in ids}
    edges = succession_edges() if edges is None else edges
    # only records after the cut-off change who answers then (accountable_ids): thousands of
    # them nation-wide after 2025, few after a current period's cut-off
    edges = [edge for edge in edges if edge[3] > on]
    involved |= {pk for edge in edges for pk in edge[:2]}
    validity = {
        pk: (start, end)
        for pk, start, end in Agency.objects.filter(pk__in=involved).values_list(
            "pk", "valid_from", "valid_to"
        )
    }
    return {
        target: accountable_ids(ids, edges=edges, validity=validity, on=on) for target, ids in result.items()
    }
