"""Plan rules as plain functions (no database): reporting periods of the national regime."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PeriodSpec:
    kind: str
    position: int
    window_start: date
    window_end: date
    deadline: date


def default_periods(year: int) -> list[PeriodSpec]:
    """The Bộ Nội vụ reporting regime (DOMAIN.md "Reporting periods"). Data windows start on
    15/12 of the previous year, so a year's first three windows cross the year boundary; Quý III
    is one quarter (15/6 → 14/9), so year-to-date = 6 tháng + Quý III without overlap."""
    previous_dec_15 = date(year - 1, 12, 15)
    return [
        PeriodSpec("q1", 1, previous_dec_15, date(year, 3, 14), date(year, 3, 20)),
        PeriodSpec("h1", 2, previous_dec_15, date(year, 6, 14), date(year, 6, 20)),
        PeriodSpec("q3", 3, date(year, 6, 15), date(year, 9, 14), date(year, 9, 20)),
        PeriodSpec("year", 4, previous_dec_15, date(year, 12, 14), date(year, 12, 20)),
    ]
