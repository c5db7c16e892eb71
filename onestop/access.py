"""Who brings the one-stop figures in: the plan's reviewer for every agency of the province,
an agency's reporter for its own agency only. Built on ``agencies.access`` and ``plans.access``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from agencies.access import can_review_plan
from agencies.models import Agency, User
from plans.access import belongs_together

from .selectors import plan_agencies


def importer_scope(user, plan) -> tuple[Agency | None, set[int]]:
    """(the agency the user imports for — None for the reviewer —, the agencies they may write
    figures for); PermissionDenied for anyone else."""
    if can_review_plan(user, plan):
        return None, set(plan_agencies(plan).values_list("pk", flat=True))
    if (
        user.is_authenticated
        and user.role == User.Role.REPORTER
        and user.agency_id
        and belongs_together(plan, user.agency)
    ):
        return user.agency, {user.agency_id}
    raise PermissionDenied
