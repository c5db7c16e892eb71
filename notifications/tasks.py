"""Celery jobs for notifications. Tasks take ids, are idempotent and only call services."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .services import reminders_send


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True,
             max_retries=3, soft_time_limit=10 * 60, time_limit=11 * 60)
def reminders_daily() -> dict:
    """Daily (beat, 07:00): today's reminders and the reviewers' digest. A retry, or a second
    run the same day, sends nothing twice (the ledger)."""
    return reminders_send().as_dict()
