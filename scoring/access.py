"""Who may read and write what of the scoring: the one place these rules live (views and
selectors call these helpers). Built on ``agencies.access``.

- The Sở Nội vụ of the province (its reviewers; a superuser: every province) runs the round: sets,
  windows, council, explanations asked, the council's decision, survey points, the final result
  and the published decision. It reads every unit's scores.
- The UBND tỉnh's leadership reads every unit's scores of its province, and the ranking.
- A unit's staff (its reporter and its head) read their own unit's scores only, until the
  decision is published; the reporter scores and answers, the head approves and sends.
- A council member (a user with a membership row of the round, whatever their role) reads and
  scores the units assigned to them, and only those.
- Once the decision is issued, its ranking is read by everyone with a role in the province.
- Criteria sets are public documents of the province: anyone with a role in it reads them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from agencies.access import (
    ROLES_WITH_OWN_AGENCY_ONLY,
    own_province,
    province_of,
    reviews_province_of,
    user_is_reviewer,
)
from agencies.models import User

from .models import CouncilMembership


def in_province(user, province) -> bool:
    """Anyone whose agency is in the province (a superuser: every province): its people with a
    role, and council members the Sở Nội vụ added without one."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.agency_id is not None and own_province(user) == province


def can_manage(user, province) -> bool:
    """The Sở Nội vụ of the province (its reviewers)."""
    return reviews_province_of(user, province)


def require_manager(user, province) -> None:
    if not can_manage(user, province):
        raise PermissionDenied


def can_read_sets(user, province) -> bool:
    return in_province(user, province) or can_manage(user, province)


def is_leader(user, province) -> bool:
    return (
        user.is_authenticated and user.role == User.Role.LEADERSHIP and province_of(user.agency) == province
    )


def is_unit_staff(user, unit_id: int) -> bool:
    return (
        user.is_authenticated
        and user.role in ROLES_WITH_OWN_AGENCY_ONLY
        and user.agency_id is not None
        and user.agency_id == unit_id
    )


def is_unit_reporter(user, unit_id: int) -> bool:
    return is_unit_staff(user, unit_id) and user.role == User.Role.REPORTER


def is_unit_head(user, unit_id: int) -> bool:
    return is_unit_staff(user, unit_id) and user.role == User.Role.AGENCY_HEAD


def council_units(user, round_) -> set[int]:
    """The units assigned to the user in the round's council (none when not a member). Read
    once per user and round."""
    if not user.is_authenticated:
        return set()
    cache = user.__dict__.setdefault("_scoring_council", {})
    if round_.pk not in cache:
        cache[round_.pk] = set(
            CouncilMembership.units.through.objects.filter(
                councilmembership__round_id=round_.pk, councilmembership__user_id=user.pk
            ).values_list("agency_id", flat=True)
        )
    return cache[round_.pk]


def is_council_member(user, round_) -> bool:
    if not user.is_authenticated:
        return False
    return CouncilMembership.objects.filter(round_id=round_.pk, user_id=user.pk).exists()


def can_read_round(user, round_) -> bool:
    """The round's page: its province's people, and its council members."""
    return (
        in_province(user, round_.province)
        or bool(council_units(user, round_))
        or is_council_member(user, round_)
    )


def sees_every_unit(user, round_) -> bool:
    """Every unit's scores before publication: the Sở Nội vụ and the leadership."""
    return can_manage(user, round_.province) or is_leader(user, round_.province)


def can_read_assessment(user, assessment) -> bool:
    round_ = assessment.round
    return (
        sees_every_unit(user, round_)
        or is_unit_staff(user, assessment.unit_id)
        or assessment.unit_id in council_units(user, round_)
    )


def require_assessment_reader(user, assessment) -> None:
    if not can_read_assessment(user, assessment):
        raise PermissionDenied


def can_appraise(user, assessment) -> bool:
    """A council member scores the units assigned to them, and only those."""
    return assessment.unit_id in council_units(user, assessment.round)


def can_ask_explanations(user, assessment) -> bool:
    return can_manage(user, assessment.round.province) or can_appraise(user, assessment)


def can_read_ranking(user, round_, published: bool) -> bool:
    """The ranking of every unit: the Sở Nội vụ and the leadership; once the decision is issued,
    everyone of the province."""
    if sees_every_unit(user, round_):
        return True
    return published and in_province(user, round_.province)


def readable_unit_ids(user, round_, unit_ids) -> set[int]:
    """Of ``unit_ids``, those whose scores the user may read (before publication)."""
    if sees_every_unit(user, round_):
        return set(unit_ids)
    own = {user.agency_id} if user.is_authenticated and user.role in ROLES_WITH_OWN_AGENCY_ONLY else set()
    return set(unit_ids) & (own | council_units(user, round_))


def can_read_file(user, scoring_file, assessments) -> bool:
    """A file attached to a leaf or an explanation: whoever may read one of the assessments it
    belongs to (``assessments``: those of the unit that attached it)."""
    return any(can_read_assessment(user, a) for a in assessments)


__all__ = [
    "can_appraise",
    "can_ask_explanations",
    "can_manage",
    "can_read_assessment",
    "can_read_file",
    "can_read_ranking",
    "can_read_round",
    "can_read_sets",
    "council_units",
    "in_province",
    "is_council_member",
    "is_leader",
    "is_unit_head",
    "is_unit_reporter",
    "is_unit_staff",
    "readable_unit_ids",
    "require_assessment_reader",
    "require_manager",
    "sees_every_unit",
    "user_is_reviewer",
]
