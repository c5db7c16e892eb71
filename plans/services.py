"""Writes for plans: their reporting periods. Keyword-only functions named <entity>_<action>.
The per-period reporting cycle's writes are in ``reporting.services``."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cchc.history import history_attribute

from .models import Plan, ReportingPeriod
from .rules import default_periods


@transaction.atomic
def plan_periods_create_defaults(*, plan: Plan) -> list[ReportingPeriod]:
    """Give an annual plan the national default periods it does not have yet. Periods the
    reviewer has already edited are left as they are."""
    if not plan.is_annual:
        return []
    existing = set(plan.periods.values_list("kind", flat=True))
    created = []
    for spec in default_periods(plan.year):
        if spec.kind in existing:
            continue
        period = ReportingPeriod(
            plan=plan,
            kind=spec.kind,
            position=spec.position,
            window_start=spec.window_start,
            window_end=spec.window_end,
            deadline=spec.deadline,
        )
        period.full_clean()
        period.save()
        created.append(period)
    return created


@transaction.atomic
def periods_update(*, periods: list[ReportingPeriod]) -> None:
    """Save the reviewer's windows, deadlines and grace days (validated row by row)."""
    for period in periods:
        period.full_clean()
        period.save(update_fields=["window_start", "window_end", "deadline", "grace_days"])


@transaction.atomic
def plan_publicity_set(*, plan: Plan, public: bool, user) -> Plan:
    """Open the plan's public CCHC page (no login) or close it; who did it is in the plan's
    history."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_public == public:
        return plan
    plan.is_public = public
    plan.public_since = timezone.now() if public else None
    history_attribute(plan, user=user)
    plan.save(update_fields=["is_public", "public_since", "updated_at"])
    return plan


def plan_progress_version_bump(*, plan_id: int) -> None:
    """The plan's stored progress has changed (a recompute of one of its periods): a new
    version, so every cached page of the plan is left behind (``reports.caching``). Runs in
    the recompute's transaction: the new figures and the new version are seen together."""
    Plan.objects.filter(pk=plan_id).update(progress_version=F("progress_version") + 1)
