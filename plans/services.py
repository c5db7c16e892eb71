"""Writes for plans: their reporting periods. Keyword-only functions named <entity>_<action>.
The per-period reporting cycle's writes are in ``reporting.services``."""

from django.db import transaction

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
