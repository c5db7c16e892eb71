"""Background jobs of the scoring that must not be lost when Redis or the workers are down, as
``reporting.jobs`` and ``reports.jobs`` do for the reporting cycle: each is first a durable
record written with the change that asks for it (a ``RecomputeRequest`` row, a publication's
``render_status = queued``), sent to the broker once committed without waiting on it, and sent
again by the beat job (``dispatch``) while it waits. A job that arrives twice does its work once."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cchc.jobs import send

from . import sources
from .models import Publication, RecomputeRequest, ScoringRound

REDISPATCH_AFTER = timedelta(minutes=1)
RENDER_STALE_AFTER = timedelta(minutes=10)
#: the jobs (``scoring.tasks``), named: this module does not import the one that runs them
RECOMPUTE_TASK = "scoring.tasks.scores_recompute"
RENDER_TASK = "scoring.tasks.publication_render"


def recompute_request(round_id: int) -> None:
    """Within the transaction of a change: record that the round's bound leaves must be
    computed again, and send the job once committed."""
    now = timezone.now()
    RecomputeRequest.objects.bulk_create(
        [RecomputeRequest(round_id=round_id, first_requested_at=now, requested_at=now)],
        update_conflicts=True,
        unique_fields=["round"],
        update_fields=["requested_at"],
    )
    transaction.on_commit(lambda: send(RECOMPUTE_TASK, round_id))


def recompute_requests_seen(round_id: int) -> datetime | None:
    return RecomputeRequest.objects.filter(round_id=round_id).values_list("requested_at", flat=True).first()


def recompute_request_done(round_id: int, seen: datetime | None) -> None:
    """Remove the request the run satisfied; one renewed meanwhile stays for the next run."""
    if seen is not None:
        RecomputeRequest.objects.filter(round_id=round_id, requested_at=seen).delete()


def pending_since(round_id: int) -> datetime | None:
    return (
        RecomputeRequest.objects.filter(round_id=round_id)
        .values_list("first_requested_at", flat=True)
        .first()
    )


def render_request(publication_id: int) -> None:
    transaction.on_commit(lambda: send(RENDER_TASK, publication_id))


def rounds_to_refresh() -> list[int]:
    """Rounds not yet final whose plan's stored progress was recomputed after their last
    scoring (an approval, a return, a changed line, the nightly run): their bound leaves may
    have changed."""

    rounds = list(
        ScoringRound.objects.filter(finalized_at__isnull=True).values_list(
            "pk", "province_id", "year", "computed_at"
        )
    )
    plans, since = {}, {}
    for pk, province_id, year, computed_at in rounds:
        plan = sources.year_plan(province_id, year)
        if plan is not None:
            plans[pk] = plan.id
            since[plan.id] = (
                computed_at
                if plan.id not in since
                else min(filter(None, (since[plan.id], computed_at)), default=None)
            )
    changed = sources.plans_updated_since(set(plans.values()), since)
    return [pk for pk, plan_id in plans.items() if plan_id in changed]


def dispatch(*, now: datetime | None = None) -> dict[str, int]:
    """The beat job's part: ask for the recompute of rounds whose data changed, send again the
    recomputes and renders left waiting, and put back in the queue a render whose worker died."""
    now = now or timezone.now()
    for round_id in rounds_to_refresh():
        with transaction.atomic():
            recompute_request(round_id)
    old = now - REDISPATCH_AFTER
    recomputes = sum(
        send(RECOMPUTE_TASK, pk)
        for pk in RecomputeRequest.objects.filter(requested_at__lt=old).values_list("round_id", flat=True)
    )
    reclaimed = Publication.objects.filter(
        render_status=Publication.Render.RUNNING,
        render_started_at__lt=now - RENDER_STALE_AFTER,
    ).update(render_status=Publication.Render.QUEUED)
    queued = Publication.objects.filter(render_status=Publication.Render.QUEUED).filter(
        Q(render_requested_at__lt=old) | Q(render_requested_at=None)
    )
    renders = sum(send(RENDER_TASK, pk) for pk in queued.values_list("pk", flat=True))
    return {"recomputes": recomputes, "renders": renders, "renders_reclaimed": reclaimed}
