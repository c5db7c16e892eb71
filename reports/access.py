"""Who may read and write report documents (the rules they build on are in ``agencies.access``
and ``plans.access``)."""

from __future__ import annotations

from agencies.access import (
    can_review_plan,
    can_write_agency,
    own_agency_only,
    user_is_reviewer,
)
from agencies.models import Agency
from plans.access import can_read_plan_dashboard


def can_read_report(user, report) -> bool:
    """A report document: reviewers and the plan's province's leadership read any; an
    agency's staff read their agency's own."""
    if can_read_plan_dashboard(user, report.period.plan):
        return True
    own = own_agency_only(user)
    return report.agency_id is not None and own is not None and own.pk == report.agency_id


def can_write_report(user, plan, agency: Agency | None = None) -> bool:
    """Drafting, editing and issuing a report of the plan: its province's reviewer; an
    agency's own report, also its reporters."""
    if user_is_reviewer(user):
        return can_review_plan(user, plan)
    return agency is not None and can_write_agency(user, agency)
