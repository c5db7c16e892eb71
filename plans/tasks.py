"""Celery tasks for plans. Tasks take ids, are idempotent and only call services."""

from celery import shared_task
from django.db import OperationalError

from .models import Plan
from .services import plan_periods_create_defaults


@shared_task(
    autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, soft_time_limit=60, time_limit=90
)
def plan_periods_ensure(plan_id: int) -> int:
    """Give a plan the default reporting periods it lacks; returns how many were created."""
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        return 0
    return len(plan_periods_create_defaults(plan=plan))
