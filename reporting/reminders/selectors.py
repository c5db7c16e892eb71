"""Reads for the reminder job, each one query (or a fixed few) whatever the number of
agencies."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from agencies.models import Agency, User
from notifications.models import Notification, SentReminder
from plans.models import Plan, ReportingPeriod, Task

from ..models import Submission
from ..selectors.review import review_queue

#: a report counts as sent once it left the agency: a returned one was sent (the dashboards
#: count it so, and its return e-mailed the reporters with the reason)
#: (a report waiting for its agency's head has not reached the Sở Nội vụ either)
NOT_SENT = ("missing", Submission.Status.DRAFT, Submission.Status.AWAITING_HEAD)


# --- the reminder job -----------------------------------------------------------------------


def periods_in_force() -> list[ReportingPeriod]:
    """The reporting periods of the plans in force (a draft or closed plan chases nobody)."""
    return list(
        ReportingPeriod.objects.filter(plan__status=Plan.Status.IN_FORCE)
        .select_related("plan__issuer")
        .order_by("deadline", "pk")
    )


def agencies_not_sent(period: ReportingPeriod) -> list[tuple[Agency, Submission | None]]:
    """The agencies expected to report the period (the reviewer's queue: those assigned a
    target or leading a task of the plan) that have not sent it: no report, or a draft."""
    return [(row.agency, row.submission) for row in review_queue(period) if row.state in NOT_SENT]


def tasks_due_by(day: date) -> list[Task]:
    """The dated, non-recurring tasks of plans in force whose effective due date (an approved
    extension, else the printed date) is on or before ``day``, with their lead agencies."""
    return list(
        Task.objects.filter(plan__status=Plan.Status.IN_FORCE, recurring=False)
        .annotate(effective_due=Coalesce("extended_due_date", "due_date"))
        .filter(effective_due__lte=day)
        .select_related("plan")
        .prefetch_related("lead_agencies")
        .order_by("effective_due", "plan_id", "position")
    )


def recipients(agency_ids) -> list[User]:
    """The active reporters and heads of these agencies, and every active reviewer, with their
    e-mail preference and agency (one query)."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(agency_id__in=list(agency_ids), role__in=[User.Role.REPORTER, User.Role.AGENCY_HEAD])
            | Q(role=User.Role.REVIEWER)
        )
        # the agency with two levels above it: a reviewer's province without a query
        .select_related("notification_preference", "agency__parent__parent")
        .order_by("pk")
    )


def last_digest_day(today: date) -> date | None:
    """The day of the latest digest sent before ``today``."""
    return SentReminder.objects.filter(kind=Notification.Kind.REVIEW_DIGEST, day__lt=today).aggregate(
        day=Max("day")
    )["day"]


def submissions_waiting(first: date, last: date) -> list[Submission]:
    """Submissions sent on the days ``first``…``last`` (inclusive, local time) that still wait
    for review."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    return list(
        Submission.objects.filter(
            status=Submission.Status.SUBMITTED, submitted_at__gte=start, submitted_at__lt=end
        )
        .select_related("agency", "period__plan__issuer")
        .order_by("submitted_at", "pk")
    )
