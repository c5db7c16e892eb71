"""Celery jobs of the reporting cycle: the stored progress's recomputes, the daily reminders,
the nightly clean-up of evidence files never saved, the daily year close (chốt năm). Tasks take
ids, are idempotent and only call services."""

from celery import shared_task
from django.db import OperationalError

from cchc.jobs import TRANSIENT
from plans.models import ReportingPeriod

from . import jobs
from .progress import period_progress_compute
from .reminders.services import reminders_send
from .services.submissions import evidence_orphans_delete
from .services.year_close import years_close_due


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, soft_time_limit=120, time_limit=150)
def progress_recompute(period_id: int) -> int:
    """Recompute a period and every later period of its plan (task progress and year-to-date
    figures build on earlier periods), then remove the requests it has satisfied. Returns how
    many periods were computed."""
    ids = jobs.periods_from(period_id)
    seen = jobs.recompute_requests_seen(ids)
    for pk in ids:
        period_progress_compute(period_id=pk)
    jobs.recompute_requests_done(seen)
    jobs.pages_warm_send(ids)
    return len(ids)


@shared_task(
    autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3, soft_time_limit=50 * 60, time_limit=55 * 60
)
def progress_recompute_all() -> int:
    """Nightly: every period of every plan not closed."""
    ids = list(
        ReportingPeriod.objects.exclude(plan__status="closed")
        .order_by("plan_id", "position")
        .values_list("pk", flat=True)
    )
    seen = jobs.recompute_requests_seen(ids)
    for pk in ids:
        period_progress_compute(period_id=pk)
    jobs.recompute_requests_done(seen)
    jobs.pages_warm_send(ids)
    return len(ids)


@shared_task(
    autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3, soft_time_limit=10 * 60, time_limit=11 * 60
)
def reminders_daily() -> dict:
    """Daily (beat, 07:00): today's reminders and the reviewers' digest. A retry, or a second
    run the same day, sends nothing twice (the ledger)."""
    return reminders_send().as_dict()


@shared_task(
    autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3, soft_time_limit=300, time_limit=360
)
def evidence_orphans_cleanup() -> int:
    """Nightly: remove evidence files of pages that were never saved (older than two days)."""
    return evidence_orphans_delete()


@shared_task(
    autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3, soft_time_limit=20 * 60, time_limit=25 * 60
)
def years_close_daily() -> int:
    """Daily: close the year of every plan whose year has ended and was never closed (its
    final verdicts frozen); a year the reviewer reopened waits for the reviewer. Returns how
    many were closed."""
    return len(years_close_due())
