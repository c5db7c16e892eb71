"""How far a target has progressed, as plain functions over plain data (DOMAIN.md "Targets").

With actual a, target t and optional baseline b:

- higher is better: progress = (a − b) / (t − b), b defaults to 0;
- lower is better: progress = (b − a) / (b − t) with a baseline, otherwise met (1) or not (0);
- a range [t, t_max] is met inside it; below it progress = a / t, above it t_max / a;
- a rank target ("nhóm 20 dẫn đầu") is lower-is-better: met when rank ≤ N;
- ``improve_by`` (tăng 2–5 bậc, giảm tối thiểu 2,5% so với năm 2021): the improvement over the
  baseline, as a share of the baseline when the unit is "%" and the measure is not itself a
  percentage, divided by the required improvement;
- ``above_baseline`` (cao hơn năm 2021): met (1) or not (0);
- a milestone: done (1) or not (0).

``progress`` is the raw figure (over 1 means exceeded); roll-ups use :func:`clamp`. The status
of a target in a period compares progress with what is expected by the end of the period's
window (:func:`expected_progress`): cumulative targets (counts, milestones) are expected to grow
through the year; a level (a rate, a quantity, a rank) is expected to hold all year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import Comparator, Direction, Measure, TargetSpec

ZERO, ONE = Decimal(0), Decimal(1)
HUNDRED = Decimal(100)
#: how far below the expected progress a target is still "có nguy cơ" rather than "chậm"
AT_RISK_TOLERANCE = Decimal("0.10")
CUMULATIVE_MEASURES = {Measure.COUNT}


class Status(models.TextChoices):
    MET = "met", _("Đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ")
    OFF_TRACK = "off_track", _("Chậm")
    NO_DATA = "no_data", _("Chưa có số liệu")


@dataclass(frozen=True)
class Evaluation:
    """A target's figure judged against its goal. ``progress`` is None when it cannot be
    computed (no data, or a baseline target without a baseline); ``reason`` then says why."""

    progress: Decimal | None
    met: bool | None
    formula: str = ""
    reason: str = ""

    @property
    def clamped(self) -> Decimal | None:
        return clamp(self.progress)


def clamp(progress: Decimal | None) -> Decimal | None:
    if progress is None:
        return None
    return max(ZERO, min(ONE, progress))


def progress_mean(targets) -> Decimal | None:
    """The mean progress of a group of targets, given as (stretch, progress) pairs: each
    progress clamped to 0–100 %, stretch targets and targets without a figure left out
    (DOMAIN.md: a stretch goal does not pull an area down)."""
    known = [clamp(progress) for stretch, progress in targets if not stretch and progress is not None]
    if not known:
        return None
    return (sum(known, ZERO) / len(known)).quantize(Decimal("0.000001"))


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator if denominator else (ONE if numerator >= 0 else ZERO)


def _better(direction: str, a: Decimal, b: Decimal) -> Decimal:
    """How much better a is than b, in the target's direction."""
    return a - b if direction == Direction.HIGHER else b - a


def evaluate(
    spec: TargetSpec, actual: Decimal | None = None, *, done: bool | None = None, goal: Decimal | None = None
) -> Evaluation:
    """Judge an actual figure against a target. ``goal`` overrides ``spec.value`` (the
    threshold of the agency's administrative level); ``done`` is a milestone's answer."""
    if spec.measure == Measure.MILESTONE or spec.comparator == Comparator.DONE:
        if done is None:
            return Evaluation(None, None, reason=str(_("Chưa có số liệu.")))
        return Evaluation(ONE if done else ZERO, bool(done), "hoàn thành = 100%, chưa = 0%")
    if actual is None:
        return Evaluation(None, None, reason=str(_("Chưa có số liệu.")))
    a = Decimal(actual)
    t = (
        Decimal(goal if goal is not None else spec.value)
        if (goal is not None or spec.value is not None)
        else None
    )
    b = Decimal(spec.baseline_value) if spec.baseline_value is not None else None
    comparator, direction = spec.comparator, spec.direction

    if comparator == Comparator.BETWEEN:
        low, high = t, Decimal(spec.value_max)
        if a < low:
            return Evaluation(_ratio(a, low), False, "thực hiện / cận dưới")
        if a > high:
            return Evaluation(_ratio(high, a), False, "cận trên / thực hiện")
        return Evaluation(ONE, True, "trong khoảng")

    if comparator in (Comparator.IMPROVE_BY, Comparator.ABOVE_BASELINE):
        if b is None:
            return Evaluation(
                None, None, reason=str(_("Chỉ tiêu so với năm gốc nhưng chưa có giá trị năm gốc."))
            )
        gain = _better(direction, a, b)
        if comparator == Comparator.ABOVE_BASELINE:
            return Evaluation(ONE if gain > 0 else ZERO, gain > 0, "tốt hơn năm gốc: đạt / chưa")
        relative = spec.unit == "%" and spec.measure not in (Measure.RATE, Measure.PERCENT)
        if relative:
            gain = _ratio(gain * HUNDRED, b) if b else ZERO
        return Evaluation(
            _ratio(gain, t),
            gain >= t,
            "mức cải thiện (% so với gốc) / mức yêu cầu"
            if relative
            else "mức cải thiện so với gốc / mức yêu cầu",
        )

    met = {
        Comparator.GTE: a >= t,
        Comparator.GT: a > t,
        Comparator.LTE: a <= t,
        Comparator.LT: a < t,
        Comparator.EQ: a >= t if direction == Direction.HIGHER else a <= t,
    }[comparator]
    # A baseline counts only on the side of the goal still to be reached; one that already
    # meets the goal gives nothing to measure progress from, so the target is met or not.
    if direction == Direction.HIGHER:
        base = b if b is not None else ZERO
        if base >= t:
            return Evaluation(ONE if met else ZERO, met, "đạt / chưa")
        return Evaluation(
            (a - base) / (t - base),
            met,
            "(thực hiện − gốc) / (chỉ tiêu − gốc)" if b is not None else "thực hiện / chỉ tiêu",
        )
    if b is None or b <= t:
        return Evaluation(ONE if met else ZERO, met, "đạt / chưa (không có giá trị gốc)")
    return Evaluation((b - a) / (b - t), met, "(gốc − thực hiện) / (gốc − chỉ tiêu)")


def expected_progress(measure: str, *, year_start: date, year_end: date, as_of: date) -> Decimal:
    """The progress a target should have reached by ``as_of``: the elapsed share of the year for
    cumulative targets (counts), the whole target for levels (rates, quantities, ranks); a
    milestone is due by the year's end, so nothing is expected of it before."""
    if measure == Measure.MILESTONE:
        return ONE if as_of >= year_end else ZERO
    if measure not in CUMULATIVE_MEASURES:
        return ONE
    if as_of >= year_end:
        return ONE
    if as_of <= year_start:
        return ZERO
    elapsed = (as_of - year_start).days + 1
    return Decimal(elapsed) / Decimal((year_end - year_start).days + 1)


def status_of(evaluation: Evaluation, expected: Decimal) -> str:
    """đạt / đúng tiến độ / có nguy cơ / chậm / chưa có số liệu."""
    if evaluation.progress is None:
        return Status.NO_DATA
    if evaluation.met:
        return Status.MET
    progress = evaluation.progress
    if expected < ONE and progress >= expected:
        return Status.ON_TRACK
    if progress >= expected - AT_RISK_TOLERANCE:
        return Status.AT_RISK
    return Status.OFF_TRACK
