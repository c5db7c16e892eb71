"""Who may read what of a plan: the access rules that need the plans' models (the agency rules
they build on are in ``agencies.access``). Views and selectors call these helpers; none decides
on its own.

- A plan and its items (areas, targets, tasks, the task appendix) are read by the people of the
  plan's province (any role); another province's plan is refused to every role but a
  superuser.
- A line (a target's result or figure, a task's update, their history and evidence) of an
  agency is read by whoever may read the agency, an area coordinator only for the lines of the
  reform areas their agency leads (a plan-wide goal belongs to no area: not theirs).
- Ids that come together in one request (a period and an agency, a plan and an agency, a
  period and a target…) must belong together: the agency sits in the plan's province.
- The plan's dashboards (every agency's standing) are read by its province's reviewers and
  leadership; a province- or level-wide figure also by the coordinator of its area.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from agencies.access import (
    ROLES_WITH_OWN_AGENCY_ONLY,
    can_read_agency,
    can_review_plan,
    own_province,
    province_of,
    user_is_reviewer,
)
from agencies.models import Agency, User

from .models import PlanArea


def can_read_plan(user, plan) -> bool:
    """The plan, its areas, targets, tasks and appendix: anyone with a role in the plan's
    province (a superuser: every plan)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    own = own_province(user) if user.role else None
    return own is not None and own == province_of(plan.issuer)


def require_plan_reader(user, plan) -> None:
    if not can_read_plan(user, plan):
        raise PermissionDenied


def readable_plans(user, plans: QuerySet) -> QuerySet:
    """The plans of ``plans`` the user may read (as :func:`can_read_plan`): issued by their
    province's people's committee or a body under it."""
    if user.is_superuser:
        return plans
    province = own_province(user) if user.is_authenticated and user.role else None
    if province is None:
        return plans.none()
    return plans.filter(Q(issuer=province) | Q(issuer__parent=province) | Q(issuer__parent__parent=province))


def belongs_together(plan, agency: Agency | None) -> bool:
    """An agency and a plan (or a period of it) named in one request: the agency sits in the
    plan's province. A period of one province and an agency of another are no report at all,
    whoever asks (a superuser too)."""
    return agency is not None and province_of(agency) == province_of(plan.issuer)


def require_together(plan, *agencies: Agency) -> None:
    """404 when an agency of the request is not of the plan's province: such a pair does not
    exist, whatever the user may read."""
    for agency in agencies:
        if not belongs_together(plan, agency):
            raise Http404


def line_in_areas(area_ids: set[int] | None, plan_area_id: int | None) -> bool:
    """A line of ``plan_area_id`` (None: a plan-wide goal) among the readable areas
    (``readable_area_ids``: None for every area)."""
    return area_ids is None or (plan_area_id is not None and plan_area_id in area_ids)


#: ``can_read_line``'s ``area_ids`` when the caller has not read them
_NOT_READ = object()


def can_read_line(user, plan, agency: Agency, plan_area_id: int | None, *, area_ids=_NOT_READ) -> bool:
    """One line of an agency in a plan (a target's result or figure, a task's update): whoever
    may read the agency, when agency and plan belong together; an area coordinator only in the
    areas their agency leads. ``area_ids``: the user's readable areas, when already read."""
    if not can_read_agency(user, agency) or not belongs_together(plan, agency):
        return False
    if area_ids is _NOT_READ:
        area_ids = readable_area_ids(user, plan)
    return line_in_areas(area_ids, plan_area_id)


def require_line_reader(user, plan, agency: Agency, plan_area_id: int | None) -> None:
    """As :func:`can_read_line`, refusing: a pair that does not belong together is 404, a line
    the user may not read 403."""
    require_together(plan, agency)
    if not can_read_line(user, plan, agency, plan_area_id):
        raise PermissionDenied


def readable_area_ids(user, plan) -> set[int] | None:
    """The plan areas whose lines the user may see: ``None`` for all of them; for an area
    coordinator, the areas their agency leads (possibly none; a plan-wide goal, in no area,
    is never theirs)."""
    if user_is_reviewer(user) or user.role != User.Role.COORDINATOR:
        return None
    return set(PlanArea.objects.filter(plan=plan, lead_agency_id=user.agency_id).values_list("pk", flat=True))


def can_read_area_figures(user, plan, plan_area_id: int | None) -> bool:
    """A province- or level-wide figure (it lists every agency's lines): reviewers, the plan's
    province's leadership and coordinators, a coordinator only for an area they lead."""
    if user_is_reviewer(user):
        return can_review_plan(user, plan)
    if user.role not in (User.Role.LEADERSHIP, User.Role.COORDINATOR) or province_of(
        user.agency
    ) != province_of(plan.issuer):
        return False
    areas = readable_area_ids(user, plan)
    return areas is None or plan_area_id in areas


def can_read_plan_dashboard(user, plan) -> bool:
    """The plan's overview and leadership page (every agency's standing): reviewers and the
    leadership of the plan's province."""
    if user_is_reviewer(user):
        return can_review_plan(user, plan)
    return (
        user.is_authenticated
        and user.role == User.Role.LEADERSHIP
        and province_of(user.agency) == province_of(plan.issuer)
    )


def viewer_scope(user, plan_id: int) -> tuple:
    """What the user may see of a plan's pages, as a value for a cache key (``reports.caching``):
    every access rule above decides from the role, the province, the own agency (reporters,
    agency heads) and the areas led (coordinators), never from who the user is; two users with
    one scope are shown the same pages, so they share cached ones, and users of different scopes
    never do. A superuser sees every province."""
    if not user.is_authenticated:
        return ("anonymous",)
    if user.is_superuser:
        return ("superuser",)
    province = own_province(user) if user.role else None
    own_agency = user.agency_id if user.role in ROLES_WITH_OWN_AGENCY_ONLY else None
    areas = sorted(readable_area_ids(user, plan_id) or ()) if user.role == User.Role.COORDINATOR else None
    return (user.role, province.pk if province else None, own_agency, areas)
