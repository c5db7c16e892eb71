"""Business rules for targets, as plain functions over plain data (no database), so the web
pages, the Celery jobs and the PDF reports all read a target the same way.

Vocabulary (shared with ``export_plan``):

- measure: rate, percent, count, quantity, rank, score, milestone
- comparator: ``>=``, ``>``, ``<=``, ``<``, ``=``, ``between``, ``improve_by`` (better than the
  baseline by at least ``value``, up to ``value_max``), ``above_baseline`` (better than the
  baseline), ``done`` (milestone)
- direction: which way is better, ``higher`` or ``lower`` (a rank: lower is better)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.text import has_foreign_digits


class Measure(models.TextChoices):
    RATE = "rate", _("Tỷ lệ (tử số/mẫu số)")
    PERCENT = "percent", _("Tỷ lệ % nhập trực tiếp")
    COUNT = "count", _("Số lượng")
    QUANTITY = "quantity", _("Đại lượng có đơn vị")
    RANK = "rank", _("Thứ hạng")
    SCORE = "score", _("Điểm số")
    MILESTONE = "milestone", _("Hoàn thành / chưa")


class Comparator(models.TextChoices):
    GTE = ">=", _("tối thiểu (≥)")
    GT = ">", _("trên (>)")
    LTE = "<=", _("tối đa (≤)")
    LT = "<", _("dưới (<)")
    EQ = "=", _("bằng (=)")
    BETWEEN = "between", _("trong khoảng")
    IMPROVE_BY = "improve_by", _("cải thiện so với gốc")
    ABOVE_BASELINE = "above_baseline", _("tốt hơn năm gốc")
    DONE = "done", _("hoàn thành")


class Direction(models.TextChoices):
    HIGHER = "higher", _("càng cao càng tốt")
    LOWER = "lower", _("càng thấp càng tốt")


PERCENT_UNIT = "%"
THRESHOLD_COMPARATORS = {Comparator.GTE, Comparator.GT, Comparator.LTE, Comparator.LT, Comparator.EQ}
BASELINE_COMPARATORS = {Comparator.IMPROVE_BY, Comparator.ABOVE_BASELINE}

_SYMBOLS: dict[str, str] = {Comparator.GTE: "≥", Comparator.GT: ">", Comparator.LTE: "≤", Comparator.LT: "<"}


@dataclass(frozen=True)
class TargetSpec:
    measure: str
    comparator: str
    direction: str = Direction.HIGHER
    value: Decimal | None = None
    value_max: Decimal | None = None
    unit: str = ""
    stretch: bool = False
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    cumulative: bool = False  # built up over the year towards the goal (``is_cumulative``)
    # Per-level thresholds; None when not known (a target being saved before its thresholds).
    levels: dict[str, Decimal] | None = field(default_factory=dict)


def accumulates(measure: str, comparator: str) -> bool:
    """Whether an agency reports what happened during each window (a count of things done,
    summed over the year's windows) rather than a level at the window's end. A count judged
    against a baseline ("giảm 2,5% số đơn vị so với năm 2021") is a level: the number now."""
    return measure == Measure.COUNT and comparator not in BASELINE_COMPARATORS


def is_cumulative(measure: str, comparator: str, flag: bool = False) -> bool:
    """Whether a target is built up over the year towards its goal, so that what is expected of
    it grows linearly to the year's end (DOMAIN.md "Target verdict"): one marked so
    (``Target.cumulative``: "hoàn thành 100% kế hoạch đào tạo", "giải ngân 100% vốn", a
    reduction of units against a baseline), and every count summed over the year's windows. What
    an agency reports for a marked percentage is its year-to-date figure (the engine takes the
    latest window's); a count is reported per window and the windows make the year to date
    (``plans.rules.windows_of``). A level ("trên 95% hồ sơ đúng hạn") is expected all year."""
    return flag or accumulates(measure, comparator)


#: the units of a time average (phút/lượt, ngày): weighted by transactions when they are given
TIME_UNITS = ("giây", "phút", "giờ", "ngày")


def is_time_unit(unit: str) -> bool:
    """Whether a quantity is an average time ("15 phút/lượt", "ngày"): the province figure is
    then weighted by the number of transactions each agency reports (DOMAIN.md "Averages")."""
    word = (unit or "").strip().lower().split("/")[0].strip()
    return word in TIME_UNITS


def implied_direction(measure: str, comparator: str) -> str | None:
    """The direction a comparator implies, or None where it must be stated (baseline targets)."""
    if comparator in (Comparator.LTE, Comparator.LT):
        return Direction.LOWER
    if comparator in (Comparator.GTE, Comparator.GT, Comparator.EQ, Comparator.BETWEEN, Comparator.DONE):
        return Direction.HIGHER
    return None


def validate_target(spec: TargetSpec) -> dict[str, list[str]]:
    """Every inconsistency in a target's structure, by field, in Vietnamese. Empty when valid.
    The checks run in this order, each adding its messages under the field it blames."""
    errors: dict[str, list[str]] = {}
    if not _check_choices(spec, errors):
        return errors  # an unknown comparator: nothing else can be judged
    levels = spec.levels or {}
    _check_signs(spec, levels, errors)
    _check_milestone(spec, levels, errors)
    _check_levels(spec, levels, errors)
    _check_values(spec, errors)
    _check_direction(spec, errors)
    _check_scale(spec, levels, errors)
    return errors


def _add(errors: dict[str, list[str]], name: str, message) -> None:
    errors.setdefault(name, []).append(str(message))


def _check_choices(spec: TargetSpec, errors: dict[str, list[str]]) -> bool:
    """The measure, comparator and direction are known ones; False when the comparator is not
    (the other checks depend on it)."""
    if spec.measure not in Measure.values:
        _add(errors, "measure", _("Loại số đo “%s” không hợp lệ.") % spec.measure)
    if spec.comparator not in Comparator.values:
        _add(errors, "comparator", _("Phép so sánh “%s” không hợp lệ.") % spec.comparator)
        return False
    if spec.direction not in Direction.values:
        _add(errors, "direction", _("Chiều đánh giá “%s” không hợp lệ.") % spec.direction)
    return True


def _check_signs(spec: TargetSpec, levels: dict[str, Decimal], errors: dict[str, list[str]]) -> None:
    """No value, upper value, baseline or level threshold is negative."""
    for name in ("value", "value_max", "baseline_value"):
        number = getattr(spec, name)
        if number is not None and number < 0:
            _add(errors, name, _("Giá trị không được âm."))
    for code, number in levels.items():
        if number < 0:
            _add(errors, "levels", _("Ngưỡng cấp %s không được âm.") % code)


def _check_milestone(spec: TargetSpec, levels: dict[str, Decimal], errors: dict[str, list[str]]) -> None:
    """A milestone (done or not) is judged with "done", has no number; "done" is for milestones."""
    is_milestone = spec.measure == Measure.MILESTONE
    if (spec.comparator == Comparator.DONE) != is_milestone:
        _add(
            errors,
            "comparator",
            _("Chỉ tiêu dạng hoàn thành/chưa dùng phép so sánh “hoàn thành” và ngược lại."),
        )
    if is_milestone and (spec.value is not None or levels):
        _add(errors, "value", _("Chỉ tiêu dạng hoàn thành/chưa không có giá trị số."))


def _check_levels(spec: TargetSpec, levels: dict[str, Decimal], errors: dict[str, list[str]]) -> None:
    """A threshold comparator has one value or per-level thresholds (not both, and one of them
    once the thresholds are known); other comparators have no per-level thresholds."""
    if spec.comparator in THRESHOLD_COMPARATORS:
        if spec.value is None and not levels and spec.levels is not None:
            _add(errors, "value", _("Cần giá trị chỉ tiêu hoặc ngưỡng theo từng cấp."))
        if spec.value is not None and levels:
            _add(errors, "levels", _("Chỉ tiêu theo cấp không có giá trị chung."))
    elif levels:
        _add(errors, "levels", _("Ngưỡng theo cấp chỉ dùng với so sánh ≥, >, ≤, <, =."))


def _check_values(spec: TargetSpec, errors: dict[str, list[str]]) -> None:
    """The values each comparator needs: both bounds of a range, the least improvement, none
    for "above the baseline"; an upper value only for a range or an improvement, not below
    the lower one."""
    if spec.comparator == Comparator.BETWEEN and (spec.value is None or spec.value_max is None):
        _add(errors, "value_max", _("Khoảng giá trị cần cả cận dưới và cận trên."))
    if spec.comparator == Comparator.IMPROVE_BY and spec.value is None:
        _add(errors, "value", _("Cần mức cải thiện tối thiểu."))
    if spec.comparator == Comparator.ABOVE_BASELINE and spec.value is not None:
        _add(errors, "value", _("Chỉ tiêu “tốt hơn năm gốc” không có giá trị số."))
    if spec.value_max is not None and spec.comparator not in (Comparator.BETWEEN, Comparator.IMPROVE_BY):
        _add(errors, "value_max", _("Giá trị trên chỉ dùng cho khoảng hoặc mức cải thiện."))
    if spec.value is not None and spec.value_max is not None and spec.value_max < spec.value:
        _add(errors, "value_max", _("Giá trị trên phải lớn hơn hoặc bằng giá trị dưới."))


def _check_direction(spec: TargetSpec, errors: dict[str, list[str]]) -> None:
    """The direction agrees with the one the comparator implies (≤ and < mean lower is better)."""
    implied = implied_direction(spec.measure, spec.comparator)
    if implied is not None and spec.direction != implied:
        _add(errors, "direction", _("Phép so sánh này đòi hỏi chiều “%s”.") % Direction(implied).label)


def _check_scale(spec: TargetSpec, levels: dict[str, Decimal], errors: dict[str, list[str]]) -> None:
    """A rate in percent stays within 100%; a rank is reached from above (≤, <: smaller is
    better) and starts at 1 (a rank of 0 in the baseline year is a typing slip)."""
    if spec.unit == PERCENT_UNIT and spec.comparator not in BASELINE_COMPARATORS:
        bounded = [v for v in (spec.value, spec.value_max, *levels.values()) if v is not None]
        if any(v > 100 for v in bounded) and spec.measure == Measure.RATE:
            _add(errors, "value", _("Tỷ lệ không vượt quá 100%."))
    if spec.measure == Measure.RANK and spec.comparator in (Comparator.GTE, Comparator.GT):
        _add(errors, "comparator", _("Thứ hạng càng nhỏ càng tốt: dùng ≤ (ví dụ nhóm 20 dẫn đầu)."))
    if spec.measure == Measure.RANK and spec.baseline_value is not None and spec.baseline_value < 1:
        _add(errors, "baseline_value", _("Thứ hạng năm gốc bắt đầu từ 1."))


def format_number(
    value: Decimal | int | float | None, decimal_sep: str = ",", thousand_sep: str = "."
) -> str:
    """A plain Vietnamese number: no trailing zeros, decimal comma (2,5; 1,38; 1.000)."""
    if value is None:
        return ""
    number = Decimal(str(value))
    integral = number == number.to_integral_value()
    number = number.quantize(Decimal(1)) if integral else number.normalize()
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _dot, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = thousand_sep.join(groups)
    if fraction:
        result += decimal_sep + fraction
    return sign + result


def format_quantity(value, unit: str, decimal_sep: str = ",", thousand_sep: str = ".") -> str:
    number = format_number(value, decimal_sep, thousand_sep)
    if not unit:
        return number
    return f"{number}{unit}" if unit == PERCENT_UNIT else f"{number} {unit}"


def round_places(value: Decimal | int | float, places: int = 2) -> Decimal:
    """A figure to at most ``places`` decimals, halves up (what reports print)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_measured(
    value: Decimal | int | float | None,
    unit: str,
    decimal_sep: str = ",",
    thousand_sep: str = ".",
    places: int = 2,
) -> str:
    """A measured figure as pages and reports print it: at most two decimals, the decimal comma,
    a space before any unit but "%" ("11,04 phút", "96,83%", "3 hoạt động")."""
    if value is None:
        return ""
    return format_quantity(round_places(value, places), unit, decimal_sep, thousand_sep)


def improvement_text(spec: TargetSpec, actual: Decimal | None, decimal_sep: str = ",") -> str | None:
    """What a target judged by its improvement over a baseline achieved, worded as that
    improvement (DOMAIN.md "Reductions"): "giảm 2,5%: 585 so với 600" for a share of a count
    ("giảm tối thiểu 2,5% số đơn vị"), "tăng 3 bậc: hạng 18 so với hạng 21" for a rank, never
    the raw count as a percentage. None when it is not such a target or a figure is missing."""
    if spec.comparator != Comparator.IMPROVE_BY or actual is None or spec.baseline_value is None:
        return None
    a, b = Decimal(actual), Decimal(spec.baseline_value)
    if spec.measure == Measure.RANK:
        places = b - a  # a smaller rank is better
        number = format_number(abs(places), decimal_sep)
        if not places:
            return str(_("giữ nguyên hạng %(b)s") % {"b": format_number(b, decimal_sep)})
        verb = _("tăng %(n)s bậc") if places > 0 else _("giảm %(n)s bậc")
        return str(verb % {"n": number}) + str(
            _(": hạng %(a)s so với hạng %(b)s")
            % {"a": format_number(a, decimal_sep), "b": format_number(b, decimal_sep)}
        )
    relative = spec.unit == PERCENT_UNIT and spec.measure not in (Measure.RATE, Measure.PERCENT)
    if relative and not b:
        return None
    change = (a - b) * 100 / b if relative else a - b
    unit = PERCENT_UNIT if relative else spec.unit
    amount = format_measured(abs(change), unit, decimal_sep)
    verb = _("tăng %(n)s") if change > 0 else _("giảm %(n)s") if change < 0 else _("không đổi")
    shown = "" if relative else spec.unit  # a share of a count compares counts
    return str(verb % {"n": amount} if change else verb) + str(
        _(": %(a)s so với %(b)s")
        % {"a": format_measured(a, shown, decimal_sep), "b": format_measured(b, shown, decimal_sep)}
    )


def format_figure(
    spec: TargetSpec,
    value: Decimal | None,
    *,
    met: bool | None = None,
    done: int | None = None,
    assigned: int = 1,
    decimal_sep: str = ",",
    thousand_sep: str = ".",
) -> str:
    """A target's figure as people read it, on pages, in PDFs, spreadsheets and frozen
    verdicts alike: a rate or percentage to one decimal ("93,4%"), a quantity to two at most
    with a space before its unit ("11,04 phút"), a count or rank whole ("hạng 18"), an
    improvement over a baseline as that improvement ("giảm 2,5%: 585 so với 600", never the
    raw count as a percentage), a milestone as done or not (``met``), or "3/5" agencies done
    (``done`` of ``assigned``)."""
    if spec.measure == Measure.MILESTONE:
        if assigned > 1 and done is not None:
            return f"{done}/{assigned}"
        if met is None:
            return "—"
        return str(_("Đã hoàn thành") if met else _("Chưa hoàn thành"))
    if value is None:
        return "—"
    improvement = improvement_text(spec, value, decimal_sep)
    if improvement is not None:
        return improvement
    if spec.measure == Measure.RANK:
        rank = format_number(round_places(value, 0), decimal_sep, thousand_sep)
        return str(_("hạng %(rank)s") % {"rank": rank})
    whole = spec.measure in (Measure.COUNT, Measure.RATE, Measure.PERCENT) and spec.unit != PERCENT_UNIT
    # a count against a baseline is the number now, not a percentage: no unit
    unit = "" if spec.measure == Measure.COUNT and spec.unit == PERCENT_UNIT else spec.unit
    places = 0 if whole else 1 if spec.unit == PERCENT_UNIT else 2
    return format_measured(value, unit, decimal_sep, thousand_sep, places=places)


def format_target(spec: TargetSpec, level_names: dict[str, str] | None = None, decimal_sep: str = ",") -> str:
    """How an officer reads a target: "> 95%", "≥ 90%", "≤ 15 phút", "95–100%", "Top 20",
    "tăng 2–5 bậc", "cấp tỉnh 60% · cấp huyện 50% · cấp xã 30%", "cao hơn năm 2022"."""
    unit, sep = spec.unit, decimal_sep
    comparator = spec.comparator

    if comparator == Comparator.DONE:
        return str(_("Hoàn thành"))
    if spec.levels:
        names = level_names or {}
        symbol = _SYMBOLS.get(comparator, "")
        prefix = f"{symbol} " if symbol and comparator != Comparator.GTE else ""
        return " · ".join(
            f"{names.get(code, code)} {prefix}{format_quantity(value, unit, sep)}"
            for code, value in spec.levels.items()
        )
    if spec.measure == Measure.RANK and comparator in (Comparator.LTE, Comparator.LT):
        return f"Top {format_number(spec.value, sep)}"
    if comparator == Comparator.BETWEEN:
        low = format_number(spec.value, sep)
        return f"{low}–{format_quantity(spec.value_max, unit, sep)}"
    if comparator in BASELINE_COMPARATORS:
        return _format_baseline_target(spec, sep)
    if comparator == Comparator.EQ:
        return format_quantity(spec.value, unit, sep)
    return f"{_SYMBOLS[comparator]} {format_quantity(spec.value, unit, sep)}"


def _format_baseline_target(spec: TargetSpec, sep: str) -> str:
    if spec.measure == Measure.RANK:
        verb = _("tăng") if spec.direction == Direction.LOWER else _("giảm")
    else:
        verb = _("tăng") if spec.direction == Direction.HIGHER else _("giảm")
    since = _("năm %s") % spec.baseline_year if spec.baseline_year else _("năm trước")

    if spec.comparator == Comparator.ABOVE_BASELINE:
        if spec.measure == Measure.RANK:
            return str(_("tăng hạng so với %s") % since)
        better = _("cao hơn") if spec.direction == Direction.HIGHER else _("thấp hơn")
        return f"{better} {since}"

    if spec.value_max is not None:
        amount = f"{format_number(spec.value, sep)}–{format_quantity(spec.value_max, spec.unit, sep)}"
    else:
        amount = f"≥ {format_quantity(spec.value, spec.unit, sep)}"
    text = f"{verb} {amount}"
    if spec.baseline_year:
        text += " " + str(_("so với %s") % since)
    return text


# --- who reports a target ------------------------------------------------------------------

#: Agency kinds that make up "all agencies" of a province: the sở, ban, ngành and the local
#: UBNDs directly under the UBND tỉnh (DOMAIN.md "Agencies").
REPORTING_KINDS = frozenset({"so", "van_phong_ubnd", "ubnd_huyen", "ubnd_xa"})


@dataclass(frozen=True)
class AgencyRef:
    id: int
    kind: str
    level: str


def assigned_agency_ids(
    scope: str,
    *,
    responsible_id: int | None,
    levels: set[str],
    named_ids: set[int],
    agencies: list[AgencyRef],
) -> set[int]:
    """Which of a province's agencies report a target, by its reporting scope."""
    if scope == "responsible":
        return {responsible_id} if responsible_id else set()
    if scope == "named":
        return set(named_ids)
    if scope == "levels":
        return {a.id for a in agencies if a.level in levels and a.kind in REPORTING_KINDS}
    if scope == "all":
        return {a.id for a in agencies if a.kind in REPORTING_KINDS}
    raise ValueError(f"unknown reporting scope {scope!r}")


# --- reading numbers as Vietnamese users type them ----------------------------------------

#: Nothing an agency reports comes near this; a larger figure is a typing slip.
MAX_REPORTED_NUMBER = Decimal("1000000000")

#: ``re.ASCII``: ``\d`` is 0-9 only (``int()`` and ``Decimal()`` read "٣٣" and "３３" as 33)
_GROUPED_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$", re.ASCII)
_GROUPED_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+\.\d+$", re.ASCII)
_PLAIN = re.compile(r"^\d+([.,]\d+)?$", re.ASCII)


class NumberInputError(ValueError):
    """A typed number that cannot be read; the message is for the user, in Vietnamese."""


def parse_vn_number(text: str) -> Decimal:
    """Read a number the way a Vietnamese officer types it: "2,5" and "2.5" are two and a
    half, "1.250" and "1.250,5" use the dot for thousands (as in every Vietnamese document),
    "1 250" has a space for thousands. Text ("N/A", "khoảng 90"), negatives and absurdly large
    figures are refused with a message saying why."""
    raw = (text or "").strip().replace("\u00a0", " ")
    if not raw:
        raise NumberInputError(str(_("Chưa nhập số.")))
    if raw.startswith("-"):
        raise NumberInputError(str(_("Không nhập số âm.")))
    if has_foreign_digits(raw):
        raise NumberInputError(
            str(
                _(
                    "“%s” có chữ số lạ, không phải 0–9 (chép từ văn bản khác "
                    "hoặc do bộ gõ): gõ lại bằng các phím số 0–9."
                )
                % raw
            )
        )
    compact = raw.replace(" ", "")
    if raw.count(" ") and not re.fullmatch(r"\d{1,3}( \d{3})+([.,]\d+)?", raw, re.ASCII):
        raise NumberInputError(str(_("“%s” không phải là một số.") % raw))
    if _GROUPED_DOTS.match(compact):  # 1.250 / 12.500.000
        normal = compact.replace(".", "")
    elif "." in compact and "," in compact:
        if _GROUPED_COMMAS.match(compact):  # 1,250.5 (typed the English way)
            normal = compact.replace(",", "")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+,\d+", compact, re.ASCII):  # 1.250,5
            normal = compact.replace(".", "").replace(",", ".")
        else:
            raise NumberInputError(str(_("“%s” không phải là một số.") % raw))
    elif _PLAIN.match(compact):
        normal = compact.replace(",", ".")
    else:
        raise NumberInputError(
            str(
                _("“%s” không phải là một số. Nhập chữ số, dùng dấu phẩy cho phần thập phân (ví dụ 2,5).")
                % raw
            )
        )
    number = Decimal(normal)
    if not number.is_finite():  # the patterns above let no NaN or Infinity through
        raise NumberInputError(str(_("“%s” không phải là một số.") % raw))
    if number > MAX_REPORTED_NUMBER:
        raise NumberInputError(str(_("Số quá lớn (tối đa %s).") % format_number(MAX_REPORTED_NUMBER)))
    return number
