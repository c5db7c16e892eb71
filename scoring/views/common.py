"""Loading the objects a URL names, with the access check first."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from .. import access
from ..models import Assessment, CriteriaSet, Publication, ScoringRound


def criteria_set_for(request, pk) -> CriteriaSet:
    criteria_set = get_object_or_404(CriteriaSet.objects.select_related("province", "copied_from"), pk=pk)
    if not access.can_read_sets(request.user, criteria_set.province):
        raise PermissionDenied
    return criteria_set


def round_for(request, pk) -> ScoringRound:
    round_ = get_object_or_404(ScoringRound.objects.select_related("province"), pk=pk)
    if not access.can_read_round(request.user, round_):
        raise PermissionDenied
    return round_


def managed_round(request, pk) -> ScoringRound:
    round_ = get_object_or_404(ScoringRound.objects.select_related("province"), pk=pk)
    access.require_manager(request.user, round_.province)
    return round_


def assessment_for(request, pk) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("round__province", "unit", "criteria_set"), pk=pk
    )
    access.require_assessment_reader(request.user, assessment)
    return assessment


def publication_for(request, pk, *, manage: bool = False) -> Publication:
    publication = get_object_or_404(Publication.objects.select_related("round__province"), pk=pk)
    round_ = publication.round
    if manage or not publication.is_issued:
        # a draft is the Sở Nội vụ's (and the leadership's, who read every unit's result)
        if not (
            access.can_manage(request.user, round_.province)
            or (not manage and access.is_leader(request.user, round_.province))
        ):
            raise PermissionDenied
    elif not access.can_read_ranking(request.user, round_, published=True):
        raise PermissionDenied
    return publication


def error_messages(error: ValidationError) -> list[str]:
    """Every message of a service's refusal, flat (for the top of a page)."""
    return list(error.messages)
