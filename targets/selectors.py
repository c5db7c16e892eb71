"""Reads for targets."""

from collections import defaultdict
from datetime import date

from django.db.models import Prefetch, Q

from agencies.models import Agency
from agencies.succession import accountable_ids, succession_edges
from plans.models import Plan

from . import rules
from .models import Target, TargetLevelThreshold


def _province_bodies(plan: Plan):
    """The bodies under the plan's issuer that existed at some time during the plan's years."""
    start, end = date(plan.year, 1, 1), date(plan.end_year or plan.year, 12, 31)
    return (
        Agency.objects.filter(parent=plan.issuer_id)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    )


def with_level_thresholds(lookup: str = "level_thresholds") -> Prefetch:
    """The targets' thresholds by administrative level with their levels, for
    ``prefetch_related``: one query, the level joined (``"level_thresholds__level"`` reads them
    in two). ``lookup``: the path to the thresholds from the rows read."""
    return Prefetch(lookup, queryset=TargetLevelThreshold.objects.select_related("level"))


def province_agencies(plan: Plan) -> list[Agency]:
    """The bodies under the plan's issuer that existed at some time during the plan's years."""
    return list(_province_bodies(plan).select_related("level"))


def plan_target_assignments(
    plan: Plan, *, on: date | None = None, edges: list | None = None, among: set[int] | None = None
) -> dict[int, set[int]]:
    """target id → ids of the agencies that report it (by each target's reporting scope).

    With ``on`` (a period's data cut-off), under the structure of that day: work moved to a
    successor by a later restructuring is still the predecessor's, and a body not in force
    that day reports nothing (:func:`agencies.succession.accountable_ids`). Without it, today's
    assignments. ``edges``: the succession records, when the caller has read them already.
    ``among``: only these agencies judged, each target's agencies cut to them
    (:func:`agency_target_ids`)."""
    bodies = list(_province_bodies(plan).values_list("pk", "kind", "level__code", "valid_from", "valid_to"))
    refs = [
        rules.AgencyRef(pk, kind, level)
        for pk, kind, level, _start, _end in bodies
        if among is None or pk in among
    ]
    # read as values in one query, not as targets with their two lists prefetched: the entry
    # page asks this on every request, for every target of the plan. A target's row comes once
    # per pair of its levels and named agencies (a scope names one or the other: few rows)
    rows = Target.objects.filter(statement__plan=plan).values_list(
        "pk", "reporting_scope", "responsible_agency_id", "reporting_levels__code", "reporting_agencies"
    )
    scopes, levels, named = {}, defaultdict(set), defaultdict(set)
    for pk, scope, responsible_id, level, agency_id in rows:
        scopes[pk] = (scope, responsible_id)
        if level is not None:
            levels[pk].add(level)
        if agency_id is not None:
            named[pk].add(agency_id)
    result = {
        pk: rules.assigned_agency_ids(
            scope, responsible_id=responsible_id, levels=levels[pk], named_ids=named[pk], agencies=refs
        )
        for pk, (scope, responsible_id) in scopes.items()
    }
    if among is not None:
        result = {pk: ids & among for pk, ids in result.items()}
    if on is None:
        return result
    involved = {pk for ids in result.values() for pk in ids}
    # only records after the cut-off change who answers then (accountable_ids): thousands of
    # them nation-wide after 2025, few after a current period's cut-off
    edges = succession_edges(after=on) if edges is None else [edge for edge in edges if edge[3] > on]
    involved |= {pk for edge in edges for pk in edge[:2]}
    validity = {pk: (start, end) for pk, _kind, _level, start, end in bodies if pk in involved}
    if involved - validity.keys():  # a body of another province named, or one a record names
        validity |= {
            pk: (start, end)
            for pk, start, end in Agency.objects.filter(pk__in=involved - validity.keys()).values_list(
                "pk", "valid_from", "valid_to"
            )
        }
    # who answers for an agency is the same for every target it is assigned (accountable_ids
    # of a set is the union over its members): asked once per agency, not once per target
    answers = {pk: accountable_ids([pk], edges=edges, validity=validity, on=on) for pk in involved}
    return {target: set().union(*(answers[pk] for pk in ids)) for target, ids in result.items()}


def agency_target_ids(plan: Plan, agency_id: int, *, on: date | None = None) -> set[int]:
    """The plan's targets one agency reports: the targets whose :func:`plan_target_assignments`
    name it, worked out for it instead of for every body of the province (the entry page asks
    on every request). A target assigned to a body makes the agency answer for it only when
    the body is the agency itself, or a body not yet in force on ``on`` that the agency's work
    passes to through succession records taking effect after ``on``
    (:func:`agencies.succession.accountable_ids`: the forerunners of a body not yet in force
    answer for it). So only the agency and the bodies those records name (both ends of each:
    a few more than needed) are judged."""
    edges = succession_edges(after=on) if on is not None else []
    among = {agency_id} | {pk for edge in edges for pk in edge[:2]}
    assignments = plan_target_assignments(plan, on=on, edges=edges, among=among)
    return {target for target, ids in assignments.items() if agency_id in ids}
