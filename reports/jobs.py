"""Background jobs that must not be lost when Redis or the workers are down.

Each job is first a durable record in the database, written with the change that asks for it:
a ``PendingRecompute`` row for the stored progress, a report's ``render_status = queued`` for a
PDF. Once the change is committed the job is sent to the broker at once, without waiting on it
(a broker that is down costs a request a fraction of a second and undoes nothing). Whatever the
broker never got, or a killed worker never finished, the beat job sends again every minute
(``pending_dispatch``) once the broker is back. A job that arrives twice does its work once: a
recompute is idempotent and removes only the requests it has seen, a render is claimed with a
conditional UPDATE."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from plans.models import ReportingPeriod

from .models import PendingRecompute, Report

log = logging.getLogger(__name__)

#: one quick retry, then give up and leave the job to the beat job
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
#: the immediate send has had its chance: the beat job sends again what is older than this
REDISPATCH_AFTER = timedelta(minutes=1)
#: a waiting recompute older than this means the workers are not keeping up (or are down)
STALE_WARNING_AFTER = timedelta(minutes=5)


def send(task, *args) -> bool:
    """Give ``task`` to the broker; False (logged) when the broker cannot take it. No result is
    asked for, so nothing waits on the result store either."""
    try:
        task.apply_async(args=args, ignore_result=True, retry=True, retry_policy=PUBLISH_RETRY)
    except Exception:  # noqa: BLE001 - the durable record is kept; the beat job sends it again
        log.warning("could not queue %s%r; the beat job will send it again", task.name, args,
                    exc_info=True)
        return False
    return True


def recompute_request(period_id: int) -> None:
    """Within the transaction of a change to official figures: record that the period (and the
    later ones of its plan) must be recomputed, and send the job once it is committed."""
    from .tasks import progress_recompute  # the tasks use this module

    now = timezone.now()
    PendingRecompute.objects.bulk_create(
        [PendingRecompute(period_id=period_id, first_requested_at=now, requested_at=now)],
        update_conflicts=True, unique_fields=["period"], update_fields=["requested_at"])
    transaction.on_commit(lambda: send(progress_recompute, period_id))


def recompute_requests_seen(period_ids) -> dict[int, datetime]:
    """The requests a recompute of these periods is about to satisfy (read before it reads the
    figures), for ``recompute_requests_done``."""
    return dict(PendingRecompute.objects.filter(period_id__in=list(period_ids))
                .values_list("period_id", "requested_at"))


def recompute_requests_done(seen: dict[int, datetime]) -> int:
    """Remove the requests seen before the recompute; one renewed meanwhile (its change may have
    come after the figures were read) stays for the next run. Returns how many were removed."""
    if not seen:
        return 0
    match = Q()
    for period_id, requested_at in seen.items():
        match |= Q(period_id=period_id, requested_at=requested_at)
    return PendingRecompute.objects.filter(match).delete()[0]


def pending_since(plan_id: int) -> datetime | None:
    """Since when a recompute of this plan's figures has been waiting (None: none waits)."""
    return (PendingRecompute.objects.filter(period__plan_id=plan_id)
            .aggregate(since=Min("first_requested_at"))["since"])


def stale_notice(plan_id: int) -> dict | None:
    """What a dashboard says about its figures: None when they are up to date, else since when
    a recompute waits and whether that is longer than the workers normally take."""
    since = pending_since(plan_id)
    if since is None:
        return None
    return {"since": since, "late": timezone.now() - since > STALE_WARNING_AFTER}


def pending_dispatch(*, now: datetime | None = None) -> dict[str, int]:
    """The beat job's part: send again the recomputes and renders left waiting, and put back in
    the queue a render whose worker died (still "running" past its time limit)."""
    from .services import RENDER_STALE_AFTER
    from .tasks import progress_recompute, report_render

    now = now or timezone.now()
    old = now - REDISPATCH_AFTER
    waiting = (PendingRecompute.objects.filter(requested_at__lt=old)
               .values_list("period_id", "period__plan_id", "period__position"))
    first_per_plan: dict[int, tuple[int, int]] = {}
    for period_id, plan_id, position in waiting:
        if plan_id not in first_per_plan or position < first_per_plan[plan_id][1]:
            first_per_plan[plan_id] = (period_id, position)
    recomputes = sum(send(progress_recompute, period_id)
                     for period_id, _ in first_per_plan.values())

    reclaimed = Report.objects.filter(   # one statement: a render claimed meanwhile is not lost
        render_status=Report.Render.RUNNING, render_started_at__lt=now - RENDER_STALE_AFTER,
    ).update(render_status=Report.Render.QUEUED, render_progress=0)
    queued = Report.objects.filter(render_status=Report.Render.QUEUED).filter(
        Q(render_requested_at__lt=old) | Q(render_requested_at=None))
    renders = sum(send(report_render, report_id)
                  for report_id in queued.values_list("pk", flat=True))
    return {"recomputes": recomputes, "renders": renders, "renders_reclaimed": reclaimed}


def periods_from(period_id: int) -> list[int]:
    """The period and the later ones of its plan, in order: what one recompute covers."""
    period = ReportingPeriod.objects.filter(pk=period_id).values("plan_id", "position").first()
    if period is None:
        return []
    return list(ReportingPeriod.objects.filter(plan_id=period["plan_id"],
                                               position__gte=period["position"])
                .order_by("position").values_list("pk", flat=True))
