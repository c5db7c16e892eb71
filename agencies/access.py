"""Who may see and change what: the roles and the agency rules. Each floor adds the rules that
need its models (``plans.access``, ``reporting.access``, ``reports.access``); views and
selectors call these helpers, none decides on its own, and tests walk every role through them.

- reporters and agency heads: their own agency's data only; reporters write it;
- area coordinators: every agency's data in their province, read-only, but only the lines of
  the reform areas their agency leads in the plan (``PlanArea.lead_agency``; see
  :func:`plans.access.readable_area_ids`);
- leadership: everything in their province, read-only;
- reviewers (Sở Nội vụ): everything in their province, read and write (a superuser: every
  province; a national deployment holds many provinces, and one's Sở Nội vụ must not approve
  or read another's figures).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from .models import Agency, User

ROLES_WITH_OWN_AGENCY_ONLY = {User.Role.REPORTER, User.Role.AGENCY_HEAD}


def own_agency_only(user) -> Agency | None:
    """The agency a reporter or an agency head is confined to (its own pages, reports and
    figures); None for every other role."""
    if user.is_authenticated and user.role in ROLES_WITH_OWN_AGENCY_ONLY and user.agency_id:
        return user.agency
    return None


def user_is_reviewer(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == User.Role.REVIEWER))


def require_reviewer(user) -> None:
    if not user_is_reviewer(user):
        raise PermissionDenied


def own_province(user) -> Agency | None:
    """The province of the user's agency, worked out once per user object (per request). The
    agency is read with the two levels above it (a sở, a xã under a huyện): one query, and the
    page's header shows the same object."""
    if not hasattr(user, "_cchc_province"):
        if user.agency_id and not User.agency.is_cached(user):
            user.agency = Agency.objects.select_related("parent__parent").get(pk=user.agency_id)
        user._cchc_province = province_of(user.agency) if user.agency_id else None
    return user._cchc_province


def reviews_province_of(user, agency: Agency | None) -> bool:
    """A reviewer of the province this agency sits in (a superuser reviews every province)."""
    if not user_is_reviewer(user):
        return False
    if user.is_superuser:
        return True
    own = own_province(user)
    return own is not None and agency is not None and own == province_of(agency)


def can_review_plan(user, plan) -> bool:
    """A reviewer changes the plans of their own province only (a superuser, any plan)."""
    return reviews_province_of(user, plan.issuer)


def require_plan_reviewer(user, plan) -> None:
    if not can_review_plan(user, plan):
        raise PermissionDenied


def province_of(agency: Agency | None) -> Agency | None:
    """The UBND tỉnh an agency sits under (itself for a UBND tỉnh)."""
    seen = 0
    while agency is not None and agency.kind != Agency.Kind.UBND_TINH and seen < 10:
        agency = agency.parent
        seen += 1
    return agency


def can_read_agency(user, agency: Agency) -> bool:
    if not user.is_authenticated:
        return False
    if user_is_reviewer(user):
        return reviews_province_of(user, agency)
    if user.role in ROLES_WITH_OWN_AGENCY_ONLY:
        return user.agency_id == agency.pk
    if user.role in (User.Role.LEADERSHIP, User.Role.COORDINATOR):
        return province_of(user.agency) == province_of(agency)
    return False


def leads_area(user, plan_area) -> bool:
    """An area coordinator whose agency leads this plan area (``PlanArea.lead_agency``): the
    rule :func:`plans.access.readable_area_ids` reads for a whole plan, for one area already read."""
    return bool(
        user.is_authenticated
        and user.role == User.Role.COORDINATOR
        and user.agency_id is not None
        and plan_area is not None
        and plan_area.lead_agency_id == user.agency_id
    )


def reviewed_province(user) -> Agency | None:
    """The province a reviewer works for: None for a superuser (every province) and for a
    reviewer of no province; see :func:`reviews_every_province`."""
    return None if user.is_superuser else own_province(user)


def reviews_every_province(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def province_bodies(user):
    """The bodies of the province the user reviews (every body for a superuser; none for a
    reviewer of no province), in force or not."""
    agencies = Agency.objects.all()
    if reviews_every_province(user):
        return agencies
    province = own_province(user)
    if province is None:
        return agencies.none()
    return agencies.filter(Q(pk=province.pk) | Q(parent=province))


def readable_provinces(user):
    """The provinces (their people's committees) whose plans the user may read: every one
    for a superuser, else their own (none without a role or an agency)."""
    provinces = Agency.objects.filter(kind=Agency.Kind.UBND_TINH)
    if user.is_authenticated and user.is_superuser:
        return provinces
    own = own_province(user) if user.is_authenticated and user.role else None
    return provinces.filter(pk=own.pk) if own is not None else provinces.none()


def can_write_agency(user, agency: Agency) -> bool:
    if user_is_reviewer(user):
        return reviews_province_of(user, agency)
    return user.role == User.Role.REPORTER and user.agency_id == agency.pk


def access_agency(user, agency: Agency, *, write: bool = False) -> Agency:
    """Return the agency if the user may read it (or write it); otherwise PermissionDenied."""
    allowed = can_write_agency(user, agency) if write else can_read_agency(user, agency)
    if not allowed:
        raise PermissionDenied
    if user.agency_id == agency.pk and not User.agency.is_cached(user):
        user.agency = agency  # their own agency, just read: the page's header shows it
    return agency
