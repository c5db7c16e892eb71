"""Recomputes of the stored progress that must not be lost when Redis or the workers are down.

A recompute is first a ``PendingRecompute`` row, written in the transaction of the change that
asks for it; once the change is committed the job is sent to the broker at once
(``cchc.jobs.send``). Whatever the broker never got, or a killed worker never finished, the beat
job sends again every minute (``recomputes_dispatch``) once the broker is back. A recompute is
idempotent and removes only the requests it has seen, so a job that arrives twice does its work
once and a change made during a run is not dropped."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from cchc.jobs import send
from plans.models import ReportingPeriod

from .models import PendingRecompute

#: the immediate send has had its chance: the beat job sends again what is older than this
REDISPATCH_AFTER = timedelta(minutes=1)
#: a waiting recompute older than this means the workers are not keeping up (or are down)
STALE_WARNING_AFTER = timedelta(minutes=5)
#: the job that recomputes a period and the later ones of its plan (``reporting.tasks``)
RECOMPUTE_TASK = "reporting.tasks.progress_recompute"
#: the job that renders a plan's most-read pages again once its figures changed (issue 26)
PAGES_WARM_TASK = "reports.tasks.plan_pages_warm"


def recompute_request(period_id: int) -> None:
    """Within the transaction of a change to official figures: record that the period (and the
    later ones of its plan) must be recomputed, and send the job once it is committed."""
    now = timezone.now()
    PendingRecompute.objects.bulk_create(
        [PendingRecompute(period_id=period_id, first_requested_at=now, requested_at=now)],
        update_conflicts=True,
        unique_fields=["period"],
        update_fields=["requested_at"],
    )
    transaction.on_commit(lambda: send(RECOMPUTE_TASK, period_id))


def recompute_requests_seen(period_ids) -> dict[int, datetime]:
    """The requests a recompute of these periods is about to satisfy (read before it reads the
    figures), for ``recompute_requests_done``."""
    return dict(
        PendingRecompute.objects.filter(period_id__in=list(period_ids)).values_list(
            "period_id", "requested_at"
        )
    )


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
    return PendingRecompute.objects.filter(period__plan_id=plan_id).aggregate(
        since=Min("first_requested_at")
    )["since"]


def stale_notice(plan_id: int) -> dict | None:
    """What a dashboard says about its figures: None when they are up to date, else since when
    a recompute waits and whether that is longer than the workers normally take."""
    return stale_since(pending_since(plan_id))


def stale_since(since: datetime | None) -> dict | None:
    """The notice for a recompute waiting since ``since`` (read by the caller with what else it
    reads: ``reports.caching`` with the plan's version); None when none waits."""
    if since is None:
        return None
    return {"since": since, "late": timezone.now() - since > STALE_WARNING_AFTER}


def recomputes_dispatch(*, now: datetime) -> int:
    """The beat job's part for recomputes: send again, once per plan, the earliest period of
    each plan whose request has waited too long (a recompute carries on through the later
    periods). Returns how many were sent."""
    old = now - REDISPATCH_AFTER
    waiting = PendingRecompute.objects.filter(requested_at__lt=old).values_list(
        "period_id", "period__plan_id", "period__position"
    )
    first_per_plan: dict[int, tuple[int, int]] = {}
    for period_id, plan_id, position in waiting:
        if plan_id not in first_per_plan or position < first_per_plan[plan_id][1]:
            first_per_plan[plan_id] = (period_id, position)
    return sum(send(RECOMPUTE_TASK, period_id) for period_id, _ in first_per_plan.values())


def periods_from(period_id: int) -> list[int]:
    """The period and the later ones of its plan, in order: what one recompute covers."""
    period = ReportingPeriod.objects.filter(pk=period_id).values("plan_id", "position").first()
    if period is None:
        return []
    return list(
        ReportingPeriod.objects.filter(plan_id=period["plan_id"], position__gte=period["position"])
        .order_by("position")
        .values_list("pk", flat=True)
    )


def pages_warm_send(period_ids) -> int:
    """After a recompute: the pages of the plans of these periods are rendered again at once
    (``reports.caching.plan_pages_warm``), so their first readers do not wait. Returns how many
    jobs were sent."""
    if not settings.PAGE_CACHE_WARM:
        return 0
    plan_ids = ReportingPeriod.objects.filter(pk__in=list(period_ids)).values_list("plan_id", flat=True)
    return sum(send(PAGES_WARM_TASK, plan_id) for plan_id in sorted(set(plan_ids)))
