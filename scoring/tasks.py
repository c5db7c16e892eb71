"""Celery jobs of the scoring. They take ids, are idempotent, have time limits and only call
services."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from . import jobs, services

TRANSIENT = (OperationalError, InterfaceError)


@shared_task(
    autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, soft_time_limit=10 * 60, time_limit=11 * 60
)
def scores_recompute(round_id: int) -> dict:
    """Every bound leaf of every unit of a province's round (``services.round_scores_compute``),
    then remove the request it satisfied. Returns what it computed."""
    seen = jobs.recompute_requests_seen(round_id)
    summary = services.round_scores_compute(round_id=round_id)
    jobs.recompute_request_done(round_id, seen)
    return {
        "assessments": summary.assessments,
        "leaves": summary.leaves,
        "changed": summary.changed,
        "ms": summary.milliseconds,
    }


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=2, soft_time_limit=50, time_limit=55)
def scoring_jobs_dispatch() -> dict[str, int]:
    """Every few minutes (beat): rounds whose plan's figures changed are recomputed, and what
    the broker or a dead worker left waiting is sent again (``scoring.jobs``)."""
    return jobs.dispatch()


RENDER_SOFT_LIMIT = 5 * 60


@shared_task(bind=True, max_retries=3, soft_time_limit=RENDER_SOFT_LIMIT, time_limit=RENDER_SOFT_LIMIT + 60)
def publication_render(self, publication_id: int) -> bool:
    """The PDF of a Quyết định công bố (queue "reports"); a duplicate finds nothing queued."""
    try:
        return services.publication_render(publication_id=publication_id)
    except (*TRANSIENT, OSError) as exc:
        if self.request.retries < self.max_retries and not self.request.is_eager:
            raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
        error = f"{type(exc).__name__}: {exc}"
    except SoftTimeLimitExceeded:
        error = _("Quá thời gian cho phép (%(minutes)s phút).") % {"minutes": RENDER_SOFT_LIMIT // 60}
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
    services.publication_render_fail(publication_id=publication_id, error=error)
    return False
