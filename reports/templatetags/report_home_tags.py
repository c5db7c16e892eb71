"""The reports' part of a home page (``reporting/home.html`` is on a lower floor and cannot read
report documents): the province reports still drafts, for whom they await."""

from django import template

from agencies.access import province_of, reviewed_province, reviews_every_province, user_is_reviewer
from agencies.models import User

from ..models import Report

register = template.Library()


@register.inclusion_tag("reports/_home_drafts.html")
def reports_awaiting_issue(user):
    """The draft province reports of the plans in force that the user's province issues (every
    province for a reviewer of all of them): the reviewer issues them, leadership reads them
    before they are issued. Nothing for anyone else."""
    reports = Report.objects.none()
    if user_is_reviewer(user):
        province = reviewed_province(user)
        if province is not None or reviews_every_province(user):
            reports = Report.objects.filter(agency=None, state=Report.State.DRAFT)
            if province is not None:
                reports = reports.filter(period__plan__issuer=province)
    elif user.role == User.Role.LEADERSHIP and user.agency_id:
        reports = Report.objects.filter(
            agency=None, state=Report.State.DRAFT, period__plan__issuer=province_of(user.agency)
        )
    drafts = list(
        reports.filter(period__plan__end_year__isnull=True)
        .select_related("period", "period__plan", "period__plan__issuer")
        .order_by("-period__plan__year", "-period__position")
    )
    reads = user_is_reviewer(user) or user.role == User.Role.LEADERSHIP
    # a reviewer of every province is told whose report each is ("— UBND tỉnh" says nothing)
    every = reviews_every_province(user)
    return {"drafts": drafts, "issues": user_is_reviewer(user), "shown": reads, "every_province": every}
