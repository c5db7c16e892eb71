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

``progress`` is the raw figure (over 1 means exceeded); roll-ups use :func:`clamp`. The verdict
on a target in a period (DOMAIN.md "Judgements"), one function each:

- :func:`expected_progress`: a cumulative target (``targets.rules.is_cumulative``) is expected to
  grow linearly to the year's end; a level (a rate, a quantity, a rank) to hold all year; a
  milestone to be done by the year's end, nothing before;
- :func:`status_of`: before the last period đúng tiến độ / có nguy cơ / chậm against what is
  expected; at the last period (and at the year's close) final: đạt / không đạt / chưa đủ căn
  cứ, nothing in between; a strict comparator stays strict;
- cannot judge (:attr:`Evaluation.no_basis`): a missing or zero baseline of an improvement, a
  level of a per-level target nobody reports (:func:`levels_evaluation`): chưa đủ căn cứ with
  the reason, never đạt;
- :func:`progress_label`: never "100%" for a target not met (floored, 99% at most), "vượt"
  above the target (:func:`verdict_label`);
- :func:`counts_in_mean` and :func:`progress_mean`: an area's mean leaves out stretch targets,
  targets without a figure and milestones before they are due;
- :func:`time_mean`: an average time (phút/lượt) weighted by transactions when every agency
  gave them;
- :func:`coverage_label`: how many of the expected agencies a figure stands on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import Comparator, Direction, Measure, TargetSpec, format_measured

ZERO, ONE = Decimal(0), Decimal(1)
HUNDRED = Decimal(100)
#: how far below the expected progress a target is still "có nguy cơ" rather than "chậm"
AT_RISK_TOLERANCE = Decimal("0.10")


class Status(models.TextChoices):
    MET = "met", _("Đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ")
    OFF_TRACK = "off_track", _("Chậm")
    NO_DATA = "no_data", _("Chưa có số liệu")
    NOT_MET = "not_met", _("Không đạt")
    NO_BASIS = "no_basis", _("Chưa đủ căn cứ")
    NOT_APPLICABLE = "na", _("Không phát sinh")


#: the only verdicts at the last period and at the year's close
FINAL_STATUSES = (Status.MET, Status.NOT_MET, Status.NO_BASIS)


@dataclass(frozen=True)
class Evaluation:
    """A target's figure judged against its goal. ``progress`` is None when it cannot be
    computed; ``reason`` then says why, and ``no_basis`` whether it can never be judged as it
    stands (a missing or zero baseline, a level nobody reports) rather than waiting for data."""

    progress: Decimal | None
    met: bool | None
    formula: str = ""
    reason: str = ""
    no_basis: bool = False

    @property
    def clamped(self) -> Decimal | None:
        return clamp(self.progress)


def clamp(progress: Decimal | None) -> Decimal | None:
    if progress is None:
        return None
    return max(ZERO, min(ONE, progress))


def counts_in_mean(*, stretch: bool, measure: str, expected: Decimal) -> bool:
    """Whether a target enters its area's mean progress: not a stretch target (DOMAIN.md: a
    stretch goal does not pull an area down, in the league either), and not a milestone before
    its date (nothing is expected of it yet: it is done or not, so it would count 0% while
    rightly "đúng tiến độ"). The mean is progress towards the year's goals: a cumulative target
    counts what it has reached so far."""
    return not stretch and not (measure == Measure.MILESTONE and expected < ONE)


def progress_mean(targets) -> Decimal | None:
    """The mean progress of a group of targets, given as (left out, progress) pairs (left out:
    not :func:`counts_in_mean`): each progress clamped to 0–100 %, targets without a figure
    left out too."""
    known = [clamp(progress) for left_out, progress in targets if not left_out and progress is not None]
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
                None,
                None,
                reason=str(_("Chỉ tiêu so với năm gốc nhưng chưa có giá trị năm gốc.")),
                no_basis=True,
            )
        if comparator == Comparator.IMPROVE_BY and not b:
            return Evaluation(
                None,
                None,
                reason=str(_("Giá trị năm gốc bằng 0: không tính được mức cải thiện so với năm gốc.")),
                no_basis=True,
            )
        gain = _better(direction, a, b)
        if comparator == Comparator.ABOVE_BASELINE:
            return Evaluation(ONE if gain > 0 else ZERO, gain > 0, "tốt hơn năm gốc: đạt / chưa")
        relative = spec.unit == "%" and spec.measure not in (Measure.RATE, Measure.PERCENT)
        if relative:
            gain = gain * HUNDRED / b
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


def expected_progress(
    measure: str, *, cumulative: bool = False, year_start: date, year_end: date, as_of: date
) -> Decimal:
    """The progress a target should have reached by ``as_of`` (a period's data cut-off): the
    elapsed share of the year for a cumulative target (``targets.rules.is_cumulative``), the
    whole target for a level (a rate, a quantity, a rank); a milestone is due by the year's end,
    so nothing is expected of it before."""
    if measure == Measure.MILESTONE:
        return ONE if as_of >= year_end else ZERO
    if not cumulative:
        return ONE
    if as_of >= year_end:
        return ONE
    if as_of <= year_start:
        return ZERO
    elapsed = (as_of - year_start).days + 1
    return Decimal(elapsed) / Decimal((year_end - year_start).days + 1)


def status_of(evaluation: Evaluation, expected: Decimal, *, final: bool = False) -> str:
    """The verdict on a target in a period. ``final``: the last period of the year (or the
    year's close): đạt, không đạt or chưa đủ căn cứ, nothing in between. Before it: đạt, đúng
    tiến độ, có nguy cơ (within 10 points of what is expected), chậm, or chưa có số liệu (chưa
    đủ căn cứ when it can never be judged as it stands)."""
    if evaluation.progress is None:
        return Status.NO_BASIS if evaluation.no_basis or final else Status.NO_DATA
    if evaluation.met:
        return Status.MET
    if final:
        return Status.NOT_MET
    progress = evaluation.progress
    if expected < ONE and progress >= expected:
        return Status.ON_TRACK
    if progress >= expected - AT_RISK_TOLERANCE:
        return Status.AT_RISK
    return Status.OFF_TRACK


def final_verdict(status: str, reason: str = "") -> tuple[str, str]:
    """A target's verdict at the year's close, and why (DOMAIN.md "Year close"): đạt, không đạt
    or chưa đủ căn cứ. "Không phát sinh" (nothing arose) and no approved data cannot be judged."""
    if status in (Status.MET, Status.NOT_MET, Status.NO_BASIS):
        return status, reason
    if status == Status.NOT_APPLICABLE:
        return Status.NO_BASIS, str(_("Không phát sinh."))
    if status == Status.NO_DATA:
        return Status.NO_BASIS, reason or str(_("Chưa có số liệu được duyệt."))
    # a period not final (judged on schedule): what the year's close makes of it
    return Status.NOT_MET, reason


def progress_shown(progress: Decimal | None, met: bool | None) -> Decimal | None:
    """The share a target's progress is shown as, in whole percent (0,99 for 99%): never 100%
    for a target not met (floored, 99% at most: "trên 95%" at exactly 95%, 99,7% of the goal);
    a target met shows its share floored too (over 100% when exceeded)."""
    if progress is None:
        return None
    whole = (Decimal(progress) * HUNDRED).quantize(ONE, rounding=ROUND_FLOOR)
    if not met:
        whole = min(whole, HUNDRED - ONE)
    return whole / HUNDRED


def progress_label(progress: Decimal | None, met: bool | None) -> str:
    """A target's progress as a whole percentage (``progress_shown``): "99%", "100%", "—"."""
    shown = progress_shown(progress, met)
    if shown is None:
        return "—"
    return f"{format_measured(shown * HUNDRED, '')}%"


def exceeded_by(progress: Decimal | None, met: bool | None) -> int:
    """Whole percentage points a met target is beyond its goal (0 when not beyond it)."""
    if not met or progress is None:
        return 0
    return max(int((Decimal(progress) * HUNDRED - HUNDRED).quantize(ONE, rounding=ROUND_FLOOR)), 0)


def verdict_label(status: str, progress: Decimal | None, met: bool | None) -> str:
    """The verdict as it is printed: the status's label, and "đạt, vượt 5%" above the goal."""
    beyond = exceeded_by(progress, met)
    if status == Status.MET and beyond:
        return str(_("Đạt, vượt %(n)s%%") % {"n": beyond})
    return str(Status(status).label)


@dataclass(frozen=True)
class LevelFigure:
    """One administrative level of a per-level target ("60% cấp tỉnh, 50% cấp huyện, 30% cấp
    xã"): its name, how many of its agencies are assigned the target, and their evaluation
    against the level's threshold (None: none of them has an approved figure). A level the
    reviewer marked not applicable for the plan (no cấp huyện after 1/7/2025) is left out."""

    name: str
    agencies: int
    evaluation: Evaluation | None
    not_applicable: bool = False


def levels_evaluation(levels: list[LevelFigure]) -> Evaluation:
    """A per-level target for the province: met when every applicable level meets its threshold,
    progress the lowest level's. A level without any agency assigned cannot be judged (chưa đủ
    căn cứ, naming it) unless marked not applicable; a level whose agencies have not reported
    leaves the target without a figure (chưa có số liệu) until they do: a level is never skipped."""
    applicable = [lv for lv in levels if not lv.not_applicable]
    skipped = [lv.name for lv in levels if lv.not_applicable]
    formula = "thấp nhất trong các cấp (mỗi cấp so với ngưỡng của cấp)"
    if skipped:
        formula += "; " + str(_("không áp dụng: %(levels)s") % {"levels": ", ".join(skipped)})
    empty = [lv.name for lv in applicable if not lv.agencies]
    if empty:
        return Evaluation(
            None,
            None,
            formula,
            str(_("Không có cơ quan nào báo cáo ở %(levels)s.") % {"levels": ", ".join(empty)}),
            no_basis=True,
        )
    unknown = [lv.name for lv in applicable if lv.evaluation is None or lv.evaluation.progress is None]
    if unknown or not applicable:
        return Evaluation(
            None,
            None,
            formula,
            str(_("Chưa có số liệu đã duyệt ở %(levels)s.") % {"levels": ", ".join(unknown)})
            if unknown
            else str(_("Không cấp nào áp dụng.")),
            no_basis=not applicable,
        )
    evaluations = [lv.evaluation for lv in applicable if lv.evaluation is not None]
    return Evaluation(
        min(clamp(e.progress) for e in evaluations if e.progress is not None),
        all(e.met for e in evaluations),
        formula,
    )


@dataclass(frozen=True)
class TimeMean:
    value: Decimal | None
    weighted: bool
    formula: str


def time_mean(figures: list[tuple[Decimal, int | None]]) -> TimeMean:
    """The province's average time (phút/lượt, ngày) from each agency's (average, number of
    transactions): Σ(average × transactions) / Σ transactions when every agency gave its number
    of transactions, else the plain mean of the agencies' averages, and the formula says which."""
    if not figures:
        return TimeMean(None, False, "")
    if all(n for _value, n in figures):
        total = sum(Decimal(n or 0) for _value, n in figures)
        weighted = sum((Decimal(v) * Decimal(n or 0) for v, n in figures), ZERO)
        return TimeMean(
            weighted / total,
            True,
            f"bình quân gia quyền theo số lượt của {len(figures)} cơ quan: Σ(thời gian × số lượt) / "
            f"Σ số lượt = {format_measured(weighted, '')} / {format_measured(total, '')}",
        )
    value = sum((Decimal(v) for v, _n in figures), ZERO) / len(figures)
    return TimeMean(
        value,
        False,
        f"trung bình cộng của {len(figures)} cơ quan (chưa đủ số lượt giao dịch để tính bình quân gia quyền)",
    )


def coverage_label(reported: int, expected: int) -> str:
    """How many of the agencies expected to report a figure it stands on: "10/18 cơ quan"."""
    return str(_("%(reported)s/%(expected)s cơ quan") % {"reported": reported, "expected": expected})
