"""The beat job that sends again what the broker or a dead worker left waiting: the stored
progress's recomputes (``reporting.jobs``) and the report renders. A render is first a report
marked "queued", written with the request; a duplicate message finds nothing queued (it is
claimed with a conditional UPDATE)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from cchc.jobs import send
from reporting.jobs import REDISPATCH_AFTER, recomputes_dispatch

from .models import Report
from .services import RENDER_STALE_AFTER, RENDER_TASK


def pending_dispatch(*, now: datetime | None = None) -> dict[str, int]:
    """Send again the recomputes and renders left waiting, and put back in the queue a render
    whose worker died (still "running" past its time limit)."""
    now = now or timezone.now()
    recomputes = recomputes_dispatch(now=now)
    reclaimed = Report.objects.filter(  # one statement: a render claimed meanwhile is not lost
        render_status=Report.Render.RUNNING,
        render_started_at__lt=now - RENDER_STALE_AFTER,
    ).update(render_status=Report.Render.QUEUED, render_progress=0)
    queued = Report.objects.filter(render_status=Report.Render.QUEUED).filter(
        Q(render_requested_at__lt=now - REDISPATCH_AFTER) | Q(render_requested_at=None)
    )
    renders = sum(send(RENDER_TASK, report_id) for report_id in queued.values_list("pk", flat=True))
    return {"recomputes": recomputes, "renders": renders, "renders_reclaimed": reclaimed}
