"""Celery jobs for the report PDFs and the beat job that sends again what was left waiting.
Tasks take ids, are idempotent and only call services."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from cchc.jobs import TRANSIENT

from . import caching, jobs, services


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=2, soft_time_limit=50, time_limit=55)
def pending_jobs_dispatch() -> dict[str, int]:
    """Every minute (beat): send again the recomputes and renders the broker or a dead worker
    left waiting (``reports.jobs``)."""
    return jobs.pending_dispatch()


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=2, soft_time_limit=60, time_limit=90)
def plan_pages_warm(plan_id: int) -> int:
    """After a recompute of the plan (``reporting.jobs.pages_warm_send``): its most-read pages
    rendered into the cache for its province's readers. Idempotent: pages already cached at
    the plan's version are not rendered again."""
    return caching.plan_pages_warm(plan_id=plan_id)


#: what a report render retries: the database or the disk hiccuping
RENDER_TRANSIENT = (*TRANSIENT, OSError)
RENDER_SOFT_LIMIT = 5 * 60


@shared_task(bind=True, max_retries=3, soft_time_limit=RENDER_SOFT_LIMIT, time_limit=RENDER_SOFT_LIMIT + 60)
def report_render(self, report_id: int) -> bool:
    """Render a report's PDF (queue "reports"). A duplicate message finds nothing queued and
    does nothing; a transient error is retried with backoff, anything else fails with its
    reason shown on the report's page."""
    try:
        return services.report_render(report_id=report_id)
    except RENDER_TRANSIENT as exc:
        if self.request.retries < self.max_retries:
            services.report_render_retry_mark(report_id=report_id, error=_reason(exc))
            if self.request.is_eager:  # in-process (embedded default): try again here
                return self.apply(args=[report_id], retries=self.request.retries + 1).result
            raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
        error = _reason(exc)
    except SoftTimeLimitExceeded:
        error = _("Quá thời gian cho phép (%(minutes)s phút).") % {"minutes": RENDER_SOFT_LIMIT // 60}
    except Exception as exc:
        error = _reason(exc)
    services.report_render_fail(report_id=report_id, error=error)
    if self.request.is_eager:
        return False  # the page shows the reason; the web request itself goes on
    raise RenderFailed(error)


class RenderFailed(Exception):
    """The render failed for good; the reason is on the report."""


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


@shared_task(
    autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3, soft_time_limit=10 * 60, time_limit=11 * 60
)
def report_drafts_due() -> int:
    """Daily: a draft province report for each period whose deadline has passed."""
    return len(services.report_drafts_due())
