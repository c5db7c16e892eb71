"""Reads for period locking: the lock state of one agency's page, or of every agency of a
period in one query (the reviewer's queue)."""

from __future__ import annotations

from datetime import date

from cchc import clock
from plans.models import ReportingPeriod
from plans.rules import LockState, period_lock_state

from ..models import PeriodReopening


def _state(period: ReportingPeriod, reopening: PeriodReopening | None, on: date) -> LockState:
    return period_lock_state(
        deadline=period.deadline,
        grace_days=period.grace_days,
        today=on,
        reopened_until=reopening.until if reopening else None,
    )


def agency_lock(period: ReportingPeriod, agency_id: int, on: date | None = None) -> LockState:
    """The lock state of one agency's page; the latest reopening for the agency decides."""
    return agency_locks(agency_id, [period], on)[period.pk]


def _latest(reopenings, key) -> dict:
    """The latest reopening per ``key`` (the latest one decides)."""
    latest = {}
    for reopening in reopenings.order_by("created_at", "pk"):
        latest[key(reopening)] = reopening
    return latest


def period_locks(
    period: ReportingPeriod, on: date | None = None
) -> tuple[LockState, dict[int, tuple[LockState, PeriodReopening]]]:
    """The period's own lock state, and per reopened agency its state and latest reopening."""
    on = on or clock.today()
    latest = _latest(
        PeriodReopening.objects.filter(period=period).select_related("created_by"), lambda r: r.agency_id
    )
    return _state(period, None, on), {
        agency_id: (_state(period, r, on), r) for agency_id, r in latest.items()
    }


def agency_locks(
    agency_id: int, periods: list[ReportingPeriod], on: date | None = None
) -> dict[int, LockState]:
    """One agency's lock state in each of the periods, by period id (one query)."""
    on = on or clock.today()
    latest = _latest(
        PeriodReopening.objects.filter(agency_id=agency_id, period__in=periods), lambda r: r.period_id
    )
    return {p.pk: _state(p, latest.get(p.pk), on) for p in periods}
