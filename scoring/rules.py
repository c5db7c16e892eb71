"""The scoring rules as plain functions (no database): how a leaf's points follow from a figure,
the index of a unit and of each lĩnh vực, ranking with ties, bands, the median of a group, the
steps of the year's process and their windows (DOMAIN.md "PAR-index scoring").

A rule never turns missing data into 0: a figure that is not there gives ``points=None`` with
the reason, and the leaf is then scored by hand (self-assessment, council). Points are Decimals
with two places, rounded half up, and never below 0 nor above the leaf's maximum."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from targets.rules import format_number

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class RuleKind(models.TextChoices):
    YES_NO = "yes_no", _("Có / không")
    TIERED = "tiered", _("Theo mức (kịp thời / muộn / không)")
    BANDS = "bands", _("Theo khoảng tỷ lệ")
    RATIO = "ratio", _("Tỷ lệ × điểm tối đa")
    DEDUCTION = "deduction", _("Trừ điểm theo số lần")
    SURVEY = "survey", _("Điểm điều tra xã hội học")
    MANUAL = "manual", _("Hội đồng thẩm định chấm")


class Level(models.TextChoices):
    AREA = "area", _("Lĩnh vực")
    CRITERION = "criterion", _("Tiêu chí")
    SUB = "sub", _("Tiêu chí thành phần")


class Group(models.TextChoices):
    """The groups of units a criteria set applies to and that are ranked apart."""

    SO = "so", _("Sở, ban, ngành")
    XA = "xa", _("UBND xã, phường, đặc khu")
    HUYEN = "huyen", _("UBND cấp huyện (trước 01/7/2025)")


#: agency kind (``agencies.Agency.Kind``) → the group its units are scored in
GROUP_OF_KIND = {"so": Group.SO, "van_phong_ubnd": Group.SO, "ubnd_xa": Group.XA, "ubnd_huyen": Group.HUYEN}


def group_of_kind(kind: str) -> str | None:
    """The scoring group of a unit of this agency kind (None: not a scored unit)."""
    return GROUP_OF_KIND.get(kind)


# --- numbers ------------------------------------------------------------------------------------


def to_decimal(value) -> Decimal | None:
    """A number from data (JSON params, a cell): Decimal, int, float or "2,5" / "2.5"; None for
    anything else."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def clamp(value: Decimal, maximum: Decimal) -> Decimal:
    return min(max(value, ZERO), maximum)


def points_label(value: Decimal | None) -> str:
    """Points as printed: decimal comma, no trailing zeros ("2,5", "0,25", "10")."""
    return "—" if value is None else format_number(value)


def percent_label(value: Decimal | None) -> str:
    """An index as printed: two decimals at most, decimal comma ("87,35%")."""
    return "—" if value is None else f"{format_number(quantize(value))}%"


# --- one leaf ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a rule makes of a figure: the points (None when they cannot be computed) and the
    reason in words (how they came, or why there are none)."""

    points: Decimal | None
    reason: str = ""


def _missing(reason: str | None = None) -> Outcome:
    return Outcome(None, reason or gettext("Chưa có số liệu để tính."))


def in_interval(value: Decimal, band: Mapping) -> bool:
    """Whether ``value`` lies in a band ``{"min", "min_inclusive", "max", "max_inclusive"}``;
    a missing bound is open. Bounds are inclusive at the bottom and exclusive at the top unless
    the band says otherwise ("từ 70% – 90%": both inclusive; "trên 90%": min exclusive)."""
    low, high = to_decimal(band.get("min")), to_decimal(band.get("max"))
    if low is not None:
        if band.get("min_inclusive", True) and value < low:
            return False
        if not band.get("min_inclusive", True) and value <= low:
            return False
    if high is not None:
        if band.get("max_inclusive", False) and value > high:
            return False
        if not band.get("max_inclusive", False) and value >= high:
            return False
    return True


def interval_label(band: Mapping) -> str:
    """ "> 90%", "70% – 90%", "< 70%": a band's bounds as the rule prints them."""
    low, high = to_decimal(band.get("min")), to_decimal(band.get("max"))
    if low is not None and high is not None:
        left = "[" if band.get("min_inclusive", True) else "("
        right = "]" if band.get("max_inclusive", False) else ")"
        return f"{left}{format_number(low)}% – {format_number(high)}%{right}"
    if low is not None:
        return f"{'≥' if band.get('min_inclusive', True) else '>'} {format_number(low)}%"
    if high is not None:
        return f"{'≤' if band.get('max_inclusive', False) else '<'} {format_number(high)}%"
    return gettext("mọi giá trị")


def score(kind: str, params: Mapping, max_points: Decimal, value) -> Outcome:
    """The points of a leaf of ``kind`` with ``params`` for the figure ``value``:

    - yes_no: ``value`` True/False, or a percentage that is "yes" from ``threshold`` (100 by
      default, inclusive); ``yes`` (default the maximum) and ``no`` (default 0) points;
    - tiered: ``value`` the key of one of ``tiers`` [{key, label, points}];
    - bands: ``value`` a percentage, the points of the band it lies in (``bands``: [{min,
      min_inclusive, max, max_inclusive, points}], bounds as data);
    - ratio: ``value`` a percentage; maximum × value / ``full_at`` (100), at most the maximum;
    - deduction: ``value`` a count; maximum − ``per`` × count, never below 0 nor above the max;
    - survey: ``value`` the points the survey gave, between 0 and the maximum;
    - manual: no figure computes it (the council's judgement).

    Missing data (``value`` None) is never 0: the outcome has no points and says why."""
    maximum = to_decimal(max_points) or ZERO
    if kind == RuleKind.MANUAL:
        return Outcome(None, gettext("Hội đồng thẩm định chấm, không tính tự động."))
    if value is None:
        return _missing()
    if kind == RuleKind.YES_NO:
        return _yes_no(params, maximum, value)
    if kind == RuleKind.TIERED:
        return _tiered(params, maximum, value)
    number = to_decimal(value)
    if number is None:
        return _missing(gettext("Số liệu không phải là số."))
    if kind == RuleKind.BANDS:
        return _bands(params, maximum, number)
    if kind == RuleKind.RATIO:
        return _ratio(params, maximum, number)
    if kind == RuleKind.DEDUCTION:
        return _deduction(params, maximum, number)
    if kind == RuleKind.SURVEY:
        return _survey(maximum, number)
    return _missing(gettext("Cách chấm không rõ."))


def _tiered(params: Mapping, maximum: Decimal, value) -> Outcome:
    """The points of the tier whose key is ``value``."""
    for tier in params.get("tiers", []):
        if tier.get("key") == value:
            points = to_decimal(tier.get("points")) or ZERO
            return Outcome(clamp(points, maximum), str(tier.get("label") or value))
    return _missing(gettext("Mức “%(value)s” không có trong cách chấm.") % {"value": value})


def _bands(params: Mapping, maximum: Decimal, number: Decimal) -> Outcome:
    """The points of the first band the percentage lies in."""
    for band in params.get("bands", []):
        if in_interval(number, band):
            points = to_decimal(band.get("points")) or ZERO
            return Outcome(
                clamp(points, maximum),
                gettext("%(value)s: %(band)s")
                % {"value": percent_label(number), "band": band.get("label") or interval_label(band)},
            )
    return _missing(
        gettext("%(value)s không thuộc khoảng nào của cách chấm.") % {"value": percent_label(number)}
    )


def _ratio(params: Mapping, maximum: Decimal, number: Decimal) -> Outcome:
    """The maximum × the percentage / ``full_at`` (100), at most the maximum."""
    full = to_decimal(params.get("full_at")) or HUNDRED
    share = clamp(number, full) / full
    return Outcome(
        quantize(maximum * share),
        gettext("%(max)s × %(value)s / %(full)s%%")
        % {"max": points_label(maximum), "value": percent_label(number), "full": format_number(full)},
    )


def _deduction(params: Mapping, maximum: Decimal, number: Decimal) -> Outcome:
    """The maximum − ``per`` × the count, between 0 and the maximum."""
    per = to_decimal(params.get("per")) or ZERO
    if number < 0:
        return _missing(gettext("Số lần không thể âm."))
    points = clamp(maximum - per * number, maximum)
    return Outcome(
        quantize(points),
        gettext("%(max)s − %(per)s × %(count)s")
        % {"max": points_label(maximum), "per": points_label(per), "count": format_number(number)},
    )


def _survey(maximum: Decimal, number: Decimal) -> Outcome:
    """The survey's points as given, when between 0 and the maximum."""
    if not ZERO <= number <= maximum:
        return _missing(
            gettext("Điểm điều tra %(value)s ngoài khoảng 0 – %(max)s.")
            % {"value": points_label(number), "max": points_label(maximum)}
        )
    return Outcome(quantize(number), gettext("Kết quả điều tra xã hội học"))


def _yes_no(params: Mapping, maximum: Decimal, value) -> Outcome:
    yes = to_decimal(params.get("yes"))
    yes = maximum if yes is None else yes
    no = to_decimal(params.get("no")) or ZERO
    if isinstance(value, bool):
        met = value
    else:
        number = to_decimal(value)
        if number is None:
            return _missing(gettext("Số liệu không phải là số."))
        threshold = to_decimal(params.get("threshold"))
        threshold = HUNDRED if threshold is None else threshold
        met = number >= threshold if params.get("threshold_inclusive", True) else number > threshold
    return Outcome(
        clamp(yes if met else no, maximum), gettext("Đạt yêu cầu") if met else gettext("Không đạt yêu cầu")
    )


def validate_rule(kind: str, params: Mapping, max_points) -> list[str]:
    """What is wrong with a leaf's rule, in Vietnamese (empty: nothing)."""
    errors: list[str] = []
    maximum = to_decimal(max_points)
    if kind not in RuleKind.values:
        return [gettext("Cách chấm “%(kind)s” không có.") % {"kind": kind}]
    if maximum is None or maximum <= 0:
        errors.append(gettext("Điểm tối đa của tiêu chí phải lớn hơn 0."))
        maximum = ZERO
    if not isinstance(params, Mapping):
        return [*errors, gettext("Tham số cách chấm phải là một bảng khóa – giá trị.")]
    if kind == RuleKind.YES_NO:
        errors += _yes_no_problems(params, maximum)
    elif kind == RuleKind.TIERED:
        errors += _tiered_problems(params, maximum)
    elif kind == RuleKind.BANDS:
        errors += _bands_problems(params, maximum)
    elif kind == RuleKind.RATIO:
        errors += _ratio_problems(params)
    elif kind == RuleKind.DEDUCTION:
        errors += _deduction_problems(params)
    return errors


def _points_problems(raw, what: str, maximum: Decimal) -> list[str]:
    """Points of a rule must be a number from 0 to the leaf's maximum (any, when the maximum
    itself is wrong: 0)."""
    points = to_decimal(raw)
    if points is None or points < 0 or (maximum and points > maximum):
        return [
            gettext("%(what)s: điểm “%(points)s” phải từ 0 đến %(max)s.")
            % {"what": what, "points": raw, "max": points_label(maximum)}
        ]
    return []


def _yes_no_problems(params: Mapping, maximum: Decimal) -> list[str]:
    """The points for "yes" and for "no", when given."""
    errors: list[str] = []
    if params.get("yes") is not None:
        errors += _points_problems(params["yes"], gettext("Đạt"), maximum)
    if params.get("no") is not None:
        errors += _points_problems(params["no"], gettext("Không đạt"), maximum)
    return errors


def _tiered_problems(params: Mapping, maximum: Decimal) -> list[str]:
    """Two tiers at least, each with a key of its own and its points."""
    errors: list[str] = []
    tiers = params.get("tiers") or []
    keys = [t.get("key") for t in tiers if isinstance(t, Mapping)]
    if len(tiers) < 2 or len(keys) != len(tiers):
        errors.append(gettext("Cách chấm theo mức cần ít nhất hai mức."))
    if len(set(keys)) != len(keys) or not all(keys):
        errors.append(gettext("Mỗi mức cần một mã riêng."))
    for tier in tiers:
        if isinstance(tier, Mapping):
            errors += _points_problems(tier.get("points"), str(tier.get("label") or tier.get("key")), maximum)
    return errors


def _bands_problems(params: Mapping, maximum: Decimal) -> list[str]:
    """One band at least, each with its points and its bounds in order, no two overlapping."""
    bands = params.get("bands") or []
    if not bands or not all(isinstance(b, Mapping) for b in bands):
        return [gettext("Cách chấm theo khoảng cần ít nhất một khoảng.")]
    errors: list[str] = []
    for band in bands:
        errors += _points_problems(band.get("points"), interval_label(band), maximum)
        low, high = to_decimal(band.get("min")), to_decimal(band.get("max"))
        if low is not None and high is not None and low > high:
            errors.append(
                gettext("Khoảng %(band)s: cận dưới lớn hơn cận trên.") % {"band": interval_label(band)}
            )
    for i, first in enumerate(bands):
        for second in bands[i + 1 :]:
            if bands_overlap(first, second):
                errors.append(
                    gettext("Hai khoảng %(a)s và %(b)s chồng lên nhau.")
                    % {"a": interval_label(first), "b": interval_label(second)}
                )
    return errors


def _ratio_problems(params: Mapping) -> list[str]:
    """The percentage that earns the maximum, when given, is above 0."""
    full = params.get("full_at")
    if full is not None and ((to_decimal(full) or ZERO) <= 0):
        return [gettext("Tỷ lệ đạt điểm tối đa phải lớn hơn 0.")]
    return []


def _deduction_problems(params: Mapping) -> list[str]:
    """The points taken off each time, above 0."""
    per = to_decimal(params.get("per"))
    if per is None or per <= 0:
        return [gettext("Cần số điểm trừ mỗi lần, lớn hơn 0.")]
    return []


def bands_overlap(first: Mapping, second: Mapping) -> bool:
    """Whether some value lies in both bands."""

    def bound(band, key, default):
        value = to_decimal(band.get(key))
        return default if value is None else value

    low1, high1 = bound(first, "min", Decimal("-Infinity")), bound(first, "max", Decimal("Infinity"))
    low2, high2 = bound(second, "min", Decimal("-Infinity")), bound(second, "max", Decimal("Infinity"))
    low, high = max(low1, low2), min(high1, high2)
    if low < high:
        return True
    if low > high:
        return False
    # they touch at one point: shared only when both include it
    return in_interval(low, first) and in_interval(low, second)


# --- a unit's points -----------------------------------------------------------------------------


class Source(models.TextChoices):
    """Where a leaf's final points came from."""

    COUNCIL = "council", _("Hội đồng quyết định")
    APPRAISED = "appraised", _("Điểm thẩm định")
    SELF = "self", _("Điểm tự chấm")
    SURVEY = "survey", _("Điều tra xã hội học")
    COMPUTED = "computed", _("Tính từ dữ liệu kế hoạch")
    LAST_YEAR = "last_year", _("Điểm thẩm định năm trước")
    NONE = "none", _("Chưa có điểm")


def final_points(
    *,
    kind: str,
    self_points: Decimal | None,
    appraised: Decimal | None,
    council: Decimal | None,
    survey: Decimal | None,
) -> tuple[Decimal | None, str]:
    """A leaf's points in the final index and where they came from: a survey leaf takes the
    survey's points; any other the council's decision, else the appraisal, else the unit's own
    score (a leaf the council did not look at keeps what the unit gave it)."""
    if kind == RuleKind.SURVEY:
        return (survey, Source.SURVEY) if survey is not None else (None, Source.NONE)
    for points, source in (
        (council, Source.COUNCIL),
        (appraised, Source.APPRAISED),
        (self_points, Source.SELF),
    ):
        if points is not None:
            return points, source
    return None, Source.NONE


def projected_points(
    *, computed: Decimal | None, bound: bool, last_year: Decimal | None
) -> tuple[Decimal | None, str]:
    """A leaf in the projection while the year runs: a leaf bound to the plan's data at what the
    data give today; any other at last year's final points for the same leaf, or blank."""
    if bound and computed is not None:
        return computed, Source.COMPUTED
    if last_year is not None:
        return last_year, Source.LAST_YEAR
    return None, Source.NONE


def index_percent(points: Decimal | None, maximum: Decimal | None) -> Decimal | None:
    """The index: points obtained as a percentage of the maximum, two decimals."""
    if points is None or not maximum:
        return None
    return quantize(Decimal(points) / Decimal(maximum) * HUNDRED)


@dataclass(frozen=True)
class LeafPoints:
    """One leaf of a unit, as the index reads it."""

    area: str  # the code of its lĩnh vực
    max_points: Decimal
    points: Decimal | None


@dataclass(frozen=True)
class UnitIndex:
    points: Decimal
    max_points: Decimal
    index: Decimal | None
    areas: dict[str, tuple[Decimal, Decimal, Decimal | None]]  # code → (points, max, index)
    scored: int  # leaves with points
    leaves: int


def unit_index(leaves: Iterable[LeafPoints]) -> UnitIndex:
    """The unit's index and each lĩnh vực's: Σ points / Σ maximum (a leaf without points counts
    0 of its maximum: the index is of the whole set). ``scored`` says how many had points."""
    total = maximum = ZERO
    areas: dict[str, list[Decimal]] = {}
    scored = count = 0
    for leaf in leaves:
        count += 1
        got = leaf.points if leaf.points is not None else ZERO
        scored += leaf.points is not None
        total += got
        maximum += leaf.max_points
        area = areas.setdefault(leaf.area, [ZERO, ZERO])
        area[0] += got
        area[1] += leaf.max_points
    return UnitIndex(
        points=total,
        max_points=maximum,
        index=index_percent(total, maximum),
        areas={code: (p, m, index_percent(p, m)) for code, (p, m) in areas.items()},
        scored=scored,
        leaves=count,
    )


def rank_with_ties(values: Mapping) -> dict:
    """Rank keys by value, highest first; equal values share a rank and the next rank skips
    ("1, 2, 2, 4"). A key whose value is None is not ranked (None)."""
    known = sorted(
        ((v, k) for k, v in values.items() if v is not None), key=lambda pair: pair[0], reverse=True
    )
    ranks: dict = dict.fromkeys(values)
    previous, rank = None, 0
    for position, (value, key) in enumerate(known, start=1):
        if value != previous:
            rank, previous = position, value
        ranks[key] = rank
    return ranks


#: the bands a set starts with (DOMAIN.md): Tốt ≥ 90%, Khá 80–90%, Trung bình 65–80%, Yếu < 65%
DEFAULT_BANDS = [
    {"label": "Tốt", "min": "90", "min_inclusive": True},
    {"label": "Khá", "min": "80", "min_inclusive": True, "max": "90", "max_inclusive": False},
    {"label": "Trung bình", "min": "65", "min_inclusive": True, "max": "80", "max_inclusive": False},
    {"label": "Yếu", "max": "65", "max_inclusive": False},
]


def band_of(index: Decimal | None, bands: Iterable[Mapping]) -> str | None:
    """The label of the band an index lies in (None: no index, or in no band)."""
    if index is None:
        return None
    for band in bands:
        if in_interval(Decimal(index), band):
            return str(band.get("label", ""))
    return None


def validate_bands(bands) -> list[str]:
    errors = []
    if not isinstance(bands, list) or not all(isinstance(b, Mapping) for b in bands):
        return [gettext("Xếp loại phải là một danh sách các khoảng.")]
    for band in bands:
        if not str(band.get("label", "")).strip():
            errors.append(gettext("Mỗi mức xếp loại cần một tên."))
    for i, first in enumerate(bands):
        for second in bands[i + 1 :]:
            if bands_overlap(first, second):
                errors.append(
                    gettext("Hai mức xếp loại %(a)s và %(b)s chồng lên nhau.")
                    % {"a": first.get("label"), "b": second.get("label")}
                )
    return errors


def median(values: Iterable[Decimal | None]) -> Decimal | None:
    """The median of the known values (the middle one, or the mean of the two middle ones)."""
    known = sorted(Decimal(v) for v in values if v is not None)
    if not known:
        return None
    return quantize(Decimal(statistics.median(known)))


# --- the year's process --------------------------------------------------------------------------


class State(models.TextChoices):
    SELF = "self_assessment", _("Đang tự chấm")
    HEAD = "head_approval", _("Chờ thủ trưởng duyệt")
    SENT = "sent", _("Đã gửi Sở Nội vụ")
    APPRAISAL = "appraisal", _("Đang thẩm định")
    EXPLANATION = "explanation", _("Đang giải trình")
    COUNCIL = "council_decided", _("Hội đồng đã quyết định")
    FINAL = "final", _("Đã có kết quả")


#: (state, action) → the next state. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (State.SELF, "submit"): State.HEAD,  # the reporter sends it to the head
    (State.HEAD, "approve"): State.SENT,  # the head approves: sent to the Sở Nội vụ
    (State.HEAD, "return"): State.SELF,  # the head sends it back
    (State.SENT, "appraise"): State.APPRAISAL,  # a council member scores a first leaf
    (State.APPRAISAL, "appraise"): State.APPRAISAL,
    (State.SENT, "ask"): State.EXPLANATION,  # explanations asked on chosen leaves
    (State.APPRAISAL, "ask"): State.EXPLANATION,
    (State.EXPLANATION, "ask"): State.EXPLANATION,
    (State.EXPLANATION, "appraise"): State.EXPLANATION,
    (State.SENT, "decide"): State.COUNCIL,  # the council decides
    (State.APPRAISAL, "decide"): State.COUNCIL,
    (State.EXPLANATION, "decide"): State.COUNCIL,
    (State.COUNCIL, "decide"): State.COUNCIL,
    (State.COUNCIL, "finalize"): State.FINAL,
}


def next_state(state: str, action: str) -> str | None:
    """The state after ``action``, or None when the action is not allowed in ``state``."""
    return TRANSITIONS.get((state, action))


def window_open(start: date | None, end: date | None, today: date) -> bool:
    """A step's window (inclusive; a bound not set is open)."""
    return (start is None or start <= today) and (end is None or today <= end)
