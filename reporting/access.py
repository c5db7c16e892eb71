"""Who may read what of the reporting cycle (the rules it builds on are in ``agencies.access``
and ``plans.access``):

- an evidence file: whoever may read its agency; a coordinator only when it backs a task of an
  area they coordinate;
- a task's deadline extension is asked by the staff of one of its lead agencies, and its
  request (who asked, why, the decision's note) is read by the plan's province's reviewers and
  leadership, the staff of the agency that asked, and the coordinator of the task's area;
- a report sent is taken back (rút lại) only by its agency's reporter: the reviewer returns it
  instead;
- where the province asks for it (``Agency.head_approval_required`` on its UBND tỉnh), a report
  goes to the Sở Nội vụ only once its agency's head (thủ trưởng) approves it; the head of that
  agency alone approves or returns it.
"""

from __future__ import annotations

from agencies.access import (
    ROLES_WITH_OWN_AGENCY_ONLY,
    can_read_agency,
    can_review_plan,
    leads_area,
    province_of,
    user_is_reviewer,
)
from agencies.models import User
from plans.access import can_read_plan


def can_read_evidence(user, evidence) -> bool:
    """An evidence file: whoever may read its agency; a coordinator only when it backs a task
    of an area they coordinate."""
    if not can_read_agency(user, evidence.agency):
        return False
    if user_is_reviewer(user) or user.role != User.Role.COORDINATOR:
        return True
    return evidence.task_updates.filter(task__plan_area__lead_agency_id=user.agency_id).exists()


def can_request_extension(user, lead_agency_ids) -> bool:
    """A task's deadline extension is asked by the staff of one of its lead agencies (its
    reporters and its head), for their own agency; reviewers decide, they do not ask."""
    return bool(
        user.is_authenticated
        and user.role in ROLES_WITH_OWN_AGENCY_ONLY
        and user.agency_id is not None
        and user.agency_id in set(lead_agency_ids)
    )


def can_read_extension(user, extension) -> bool:
    """A deadline extension request (who asked, why, the decision's note): the reviewers and
    the leadership of the plan's province, the staff of the agency that asked (reporters and
    head), the coordinator of the task's reform area. ``extension.task`` is read with its
    plan's issuer and its area."""
    task = extension.task
    plan = task.plan
    if not can_read_plan(user, plan):
        return False
    if user_is_reviewer(user):
        return can_review_plan(user, plan)
    if user.role == User.Role.LEADERSHIP:
        return True
    if user.role in ROLES_WITH_OWN_AGENCY_ONLY:
        return user.agency_id is not None and user.agency_id == extension.agency_id
    return leads_area(user, task.plan_area)


def can_withdraw_submission(user, agency) -> bool:
    """Whether the user may take back the agency's report (``submission_withdraw`` says when):
    the agency's own reporter; a reviewer returns a report rather than withdrawing it."""
    return user.is_authenticated and user.role == User.Role.REPORTER and user.agency_id == agency.pk


def head_must_approve(agency) -> bool:
    """Whether the agency's reports wait for its head's approval before they reach the Sở Nội vụ:
    a setting of its province (``Agency.head_approval_required`` of the UBND tỉnh), off unless
    the province turns it on."""
    province = province_of(agency)
    return bool(province is not None and province.head_approval_required)


def can_approve_as_head(user, agency) -> bool:
    """Whether the user approves (or returns) the agency's report as its head: the agency's own
    head (``User.Role.AGENCY_HEAD`` of that agency), nobody else: not another agency's head, not
    the reporter, not the Sở Nội vụ (``submission_head_approve`` says when)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == User.Role.AGENCY_HEAD
        and user.agency_id is not None
        and user.agency_id == agency.pk
    )
