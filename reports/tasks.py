"""Celery jobs for stored progress (and, later, the PDF reports). Tasks take ids, are
idempotent and only call services."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from plans.models import ReportingPeriod

from .progress import period_progress_compute

TRANSIENT = (OperationalError, InterfaceError)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5,
             soft_time_limit=120, time_limit=150)
def progress_recompute(period_id: int) -> int:
    """Recompute a period and every later period of its plan (task progress and year-to-date
    figures build on earlier periods). Returns how many periods were computed."""
    period = ReportingPeriod.objects.filter(pk=period_id).first()
    if period is None:
        return 0
    ids = list(ReportingPeriod.objects.filter(plan_id=period.plan_id,
                                              position__gte=period.position)
               .order_by("position").values_list("pk", flat=True))
    for pk in ids:
        period_progress_compute(period_id=pk)
    return len(ids)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3,
             soft_time_limit=50 * 60, time_limit=55 * 60)
def progress_recompute_all() -> int:
    """Nightly: every period of every plan not closed."""
    ids = list(ReportingPeriod.objects.exclude(plan__status="closed")
               .order_by("plan_id", "position").values_list("pk", flat=True))
    for pk in ids:
        period_progress_compute(period_id=pk)
    return len(ids)
