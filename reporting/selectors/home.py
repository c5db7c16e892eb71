"""Each user's home page: what they have to do now. Read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from agencies.access import (
    own_agency_only,
    province_of,
    reviewed_province,
    reviews_every_province,
    user_is_reviewer,
)
from agencies.models import User
from cchc import clock
from plans.models import Plan, PlanArea, ReportingPeriod
from plans.rules import LockState
from targets.progress import Status

from ..models import Submission, TargetProgress
from .locks import agency_locks


@dataclass
class AgencyPeriodRow:
    period: ReportingPeriod
    submission: Submission | None
    lock: LockState

    @property
    def state(self) -> str:
        return self.submission.status if self.submission else "missing"

    @property
    def needs_action(self) -> bool:
        """Returned, or not yet sent while the agency may still send."""
        if self.state == Submission.Status.RETURNED:
            return True
        return self.state in ("missing", Submission.Status.DRAFT) and not self.lock.locked


def agency_home(agency) -> list[AgencyPeriodRow]:
    """Every period of the in-force plans of the agency's province, newest first, with the
    agency's submission and lock state."""
    province = province_of(agency)
    periods = list(
        ReportingPeriod.objects.filter(plan__issuer=province, plan__end_year__isnull=True)
        .select_related("plan")
        .order_by("-plan__year", "-position")
    )
    submissions = {
        s.period_id: s
        for s in Submission.objects.filter(agency=agency, period__in=periods).select_related("submitted_by")
    }
    locks = agency_locks(agency.pk, periods)
    return [AgencyPeriodRow(p, submissions.get(p.pk), locks[p.pk]) for p in periods]


def reviewer_home(province=None) -> list[ReportingPeriod]:
    """Periods with submissions waiting for review, or due within the coming weeks: of the
    reviewer's province's plans (every province's for ``None``, a superuser)."""
    periods = ReportingPeriod.objects.filter(plan__end_year__isnull=True)
    if province is not None:
        periods = periods.filter(plan__issuer=province)
    return list(
        periods.select_related("plan", "plan__issuer")
        .annotate(waiting=Count("submissions", filter=Q(submissions__status=Submission.Status.SUBMITTED)))
        .filter(Q(waiting__gt=0) | Q(deadline__gte=clock.today()))
        .order_by("deadline")
    )


def home_context(user) -> dict:
    if user_is_reviewer(user):
        province = reviewed_province(user)
        if province is None and not reviews_every_province(user):
            return {"mode": "reviewer", "review_periods": []}  # a reviewer of no province
        return {"mode": "reviewer", "review_periods": reviewer_home(province)}
    own = own_agency_only(user)
    if own is not None:
        rows = agency_home(own)
        # a decision stands until the report is sent again: a resent report waits (its status
        # is in the periods' list), it is no longer a review result
        decided = (Submission.Status.RETURNED, Submission.Status.APPROVED)
        reviewed = [
            (r.submission.reviewed_at, r)
            for r in rows
            if r.submission and r.submission.reviewed_at and r.submission.status in decided
        ]
        return {
            "mode": "agency",
            "rows": rows,
            # the agency's head: the reports waiting for their approval (issue 22)
            "head_todo": [r for r in rows if r.state == Submission.Status.AWAITING_HEAD]
            if user.role == User.Role.AGENCY_HEAD
            else [],
            "todo": sorted(
                (r for r in rows if r.needs_action), key=lambda r: r.state != Submission.Status.RETURNED
            ),
            "recent": [r for _when, r in sorted(reviewed, key=lambda pair: pair[0], reverse=True)[:5]],
        }
    province = province_of(user.agency) if user.agency_id else None
    plans = list(
        Plan.objects.filter(issuer=province, end_year__isnull=True)
        .prefetch_related(Prefetch("periods", queryset=ReportingPeriod.objects.order_by("position")))
        .order_by("-year")
    )
    context = {"mode": "province", "plans": plans}
    if user.role == User.Role.COORDINATOR and user.agency_id:
        context.update(coordinator_home(user.agency, plans))
    return context


#: what an area coordinator is shown as awaiting them: the targets of their areas not on track
WATCHED = (Status.AT_RISK, Status.OFF_TRACK, Status.NOT_MET)


def coordinator_home(agency, plans: list[Plan]) -> dict:
    """An area coordinator's home: the plan areas their agency leads (each with its page) and,
    in each plan's current period, the targets of those areas at risk, off track or not met,
    and the reports of the period still awaited or awaiting review."""
    areas = list(
        PlanArea.objects.filter(plan__in=plans, lead_agency=agency)
        .select_related("plan", "area")
        .order_by("-plan__year", "position")
    )
    current = {}
    today = clock.today()
    for plan in plans:
        periods = list(plan.periods.all())
        started = [p for p in periods if p.window_start <= today]
        if periods:
            current[plan.pk] = started[-1] if started else periods[0]
    watched = list(
        TargetProgress.objects.filter(
            period__in=current.values(),
            scope="province",
            status__in=WATCHED,
            target__statement__plan_area__in=areas,
        )
        .select_related("target", "period")
        .order_by(
            "period__plan__year",
            "target__statement__plan_area__position",
            "target__statement__position",
            "target__position",
        )
    )
    waiting = dict(
        Submission.objects.filter(period__in=current.values(), status=Submission.Status.SUBMITTED)
        .values_list("period")
        .annotate(n=Count("pk"))
    )
    return {
        "lead_areas": areas,
        "watched_targets": watched,
        "current_periods": [(p, waiting.get(p.pk, 0)) for p in current.values()],
    }
