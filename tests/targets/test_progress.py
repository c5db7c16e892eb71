"""Target progress and status (DOMAIN.md "Targets"): direction, baselines, ranges, ranks,
reductions, milestones, per-level goals, stretch, expected progress by date."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.progress import (
    Evaluation,
    Status,
    clamp,
    evaluate,
    expected_progress,
    progress_mean,
    status_of,
)
from targets.rules import TargetSpec


def spec(measure="rate", comparator=">=", value=None, **kw):
    direction = kw.pop("direction", "lower" if comparator in ("<=", "<") or measure == "rank" else "higher")
    return TargetSpec(
        measure=measure,
        comparator=comparator,
        direction=direction,
        value=None if value is None else D(str(value)),
        **kw,
    )


@pytest.mark.parametrize(
    ("target", "actual", "progress", "met"),
    [
        # higher is better, no baseline: a / t
        (spec("rate", ">=", 90), 90, D(1), True),
        (spec("rate", ">=", 90), 45, D("0.5"), False),
        (spec("rate", ">=", 90), 99, D(99) / D(90), True),  # exceeded: raw over 100%
        (spec("rate", ">", 95), 95, D(1), False),  # "trên 95%": 95 is not above
        (spec("rate", ">", 95), D("95.1"), D("95.1") / D(95), True),
        (spec("rate", "=", 100), 100, D(1), True),  # "100%" means ≥ 100
        (spec("rate", "=", 100), D("99.5"), D("0.995"), False),
        # higher with a baseline: (a − b) / (t − b)
        (spec("percent", ">=", 90, baseline_value=D(80)), 85, D("0.5"), False),
        (spec("percent", ">=", 90, baseline_value=D(80)), 78, D("-0.2"), False),  # went backwards
        # lower is better: met or not without a baseline, (b − a) / (b − t) with one
        (spec("quantity", "<=", 15, unit="phút"), 15, D(1), True),
        (spec("quantity", "<=", 15, unit="phút"), 20, D(0), False),
        (spec("quantity", "<=", 15, unit="phút", baseline_value=D(25)), 20, D("0.5"), False),
        (spec("quantity", "<", 15, unit="phút"), 15, D(0), False),
        # rank: "nhóm 20 địa phương dẫn đầu"
        (spec("rank", "<=", 20), 20, D(1), True),
        (spec("rank", "<=", 20), 21, D(0), False),
        (spec("rank", "<=", 20, baseline_value=D(30)), 25, D("0.5"), False),
        (spec("rank", "<=", 20, baseline_value=D(30)), 12, D("1.8"), True),
        # range "từ 95% - 100%"
        (spec("rate", "between", 95, value_max=D(100)), 97, D(1), True),
        (spec("rate", "between", 95, value_max=D(100)), 95, D(1), True),
        (spec("rate", "between", 95, value_max=D(100)), 76, D("0.8"), False),
        (spec("quantity", "between", 10, value_max=D(20)), 25, D("0.8"), False),
        # "tăng từ 2 đến 5 bậc" (PCI): rank improvement over the baseline rank
        (spec("rank", "improve_by", 2, value_max=D(5), baseline_value=D(40)), 37, D("1.5"), True),
        (spec("rank", "improve_by", 2, value_max=D(5), baseline_value=D(40)), 39, D("0.5"), False),
        (spec("rank", "improve_by", 2, value_max=D(5), baseline_value=D(40)), 42, D(-1), False),
        # "giảm tối thiểu 2,5% số đơn vị sự nghiệp so với năm 2021": relative to the baseline
        (
            spec("count", "improve_by", "2.5", unit="%", direction="lower", baseline_value=D(600)),
            585,
            D(1),
            True,
        ),  # 15 of 600 = 2,5%
        (
            spec("count", "improve_by", "2.5", unit="%", direction="lower", baseline_value=D(600)),
            594,
            D("0.4"),
            False,
        ),  # 6 of 600 = 1%
        # "cao hơn năm 2021": better than the baseline, or not
        (spec("score", "above_baseline", None, baseline_value=D("85.5")), D("86.1"), D(1), True),
        (spec("score", "above_baseline", None, baseline_value=D("85.5")), D("85.5"), D(0), False),
        (spec("count", "above_baseline", None, direction="lower", baseline_value=D(120)), 118, D(1), True),
    ],
)
def test_progress_respects_direction_baselines_ranges_and_ranks(target, actual, progress, met):
    result = evaluate(target, D(str(actual)))
    assert (result.progress, result.met) == (progress, met)
    assert result.formula


def test_milestones_are_done_or_not():
    milestone = spec("milestone", "done")
    assert (evaluate(milestone, done=True).progress, evaluate(milestone, done=True).met) == (1, True)
    assert (evaluate(milestone, done=False).progress, evaluate(milestone, done=False).met) == (0, False)
    assert evaluate(milestone).progress is None


def test_a_per_level_goal_replaces_the_plan_wide_value():
    # "60% cấp tỉnh, 50% cấp huyện, 30% cấp xã": a commune at 30% has met its own goal
    target = spec("rate", ">=", 60)
    assert evaluate(target, D(30), goal=D(30)).met is True
    assert evaluate(target, D(30)).met is False
    assert evaluate(target, D(45), goal=D(50)).progress == D("0.9")


def test_no_data_and_missing_baseline_cannot_be_judged():
    assert evaluate(spec("rate", ">=", 90), None).progress is None
    assert status_of(evaluate(spec("rate", ">=", 90), None), D(1)) == Status.NO_DATA
    missing = evaluate(spec("count", "improve_by", "2.5", unit="%", direction="lower"), D(10))
    assert missing.progress is None and "năm gốc" in missing.reason
    # DOMAIN.md "Cannot judge": a missing baseline is "chưa đủ căn cứ", not waiting for data
    assert status_of(missing, D(1)) == Status.NO_BASIS


def test_stretch_targets_are_judged_the_same_way():
    plain, stretch = spec("rate", ">=", 80), spec("rate", ">=", 80, stretch=True)
    assert evaluate(plain, D(70)) == evaluate(stretch, D(70))


# --- expected progress by date and status -----------------------------------------------

YEAR = (date(2023, 12, 15), date(2024, 12, 14))  # the "Năm" window of a 2024 plan


@pytest.mark.parametrize(
    ("measure", "as_of", "expected"),
    [
        ("count", date(2024, 3, 14), D(91) / D(366)),  # Quý I: 15/12 → 14/3, leap year
        ("count", date(2024, 6, 14), D(183) / D(366)),  # 6 tháng
        ("count", date(2024, 12, 14), D(1)),
        ("count", date(2025, 1, 10), D(1)),
        ("count", date(2023, 12, 1), D(0)),
        ("rate", date(2024, 3, 14), D(1)),  # a level holds all year
        ("rank", date(2024, 3, 14), D(1)),
        ("milestone", date(2024, 9, 14), D(0)),  # due by the year's end
        ("milestone", date(2024, 12, 14), D(1)),
    ],
)
def test_expected_progress_by_date(measure, as_of, expected):
    # a count summed over the windows is cumulative (targets.rules.is_cumulative)
    cumulative = measure == "count"
    assert (
        expected_progress(measure, cumulative=cumulative, year_start=YEAR[0], year_end=YEAR[1], as_of=as_of)
        == expected
    )


def test_window_crossing_the_year_boundary_counts_from_15_december():
    early = expected_progress(
        "count",
        cumulative=True,
        year_start=date(2022, 12, 15),
        year_end=date(2023, 12, 14),
        as_of=date(2023, 1, 13),
    )
    assert early == D(30) / D(365)


@pytest.mark.parametrize(
    ("progress", "met", "expected", "status"),
    [
        (None, None, D("0.5"), Status.NO_DATA),
        (D("1.2"), True, D("0.5"), Status.MET),
        (D("0.6"), False, D("0.5"), Status.ON_TRACK),
        (D("0.45"), False, D("0.5"), Status.AT_RISK),
        (D("0.3"), False, D("0.5"), Status.OFF_TRACK),
        (D("0.95"), False, D(1), Status.AT_RISK),  # a level just under its goal
        (D(1), False, D(1), Status.AT_RISK),  # "trên 95%" at exactly 95%
        (D("0.5"), False, D(1), Status.OFF_TRACK),
        (D(0), False, D(0), Status.ON_TRACK),  # a milestone before the year's end
    ],
)
def test_status(progress, met, expected, status):
    assert status_of(Evaluation(progress, met), expected) == status


# --- properties ---------------------------------------------------------------------------

numbers = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.01"), max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@given(t=positive, a1=numbers, a2=numbers)
def test_higher_is_better_progress_never_falls_when_the_actual_rises(t, a1, a2):
    low, high = sorted([a1, a2])
    target = spec("count", ">=", t)
    assert evaluate(target, low).progress <= evaluate(target, high).progress


@given(t=positive, b=positive, a1=numbers, a2=numbers)
def test_lower_is_better_progress_never_rises_when_the_actual_rises(t, b, a1, a2):
    low, high = sorted([a1, a2])
    target = spec("quantity", "<=", t, baseline_value=b)
    assert evaluate(target, low).progress >= evaluate(target, high).progress


@given(
    t=positive,
    a=numbers,
    comparator=st.sampled_from([">=", "<=", ">", "<", "="]),
    b=st.one_of(st.none(), numbers),
)
def test_clamped_progress_is_within_bounds_and_met_means_full(t, a, comparator, b):
    result = evaluate(spec("quantity", comparator, t, baseline_value=b), a)
    assert D(0) <= clamp(result.progress) <= D(1)
    if result.met and comparator in (">=", "="):
        assert result.progress >= 1 or (b is not None and b >= t)


@given(low=positive, width=positive, a=numbers)
def test_a_range_is_met_exactly_inside_it(low, width, a):
    result = evaluate(spec("rate", "between", low, value_max=low + width), a)
    assert result.met == (low <= a <= low + width)
    assert (result.progress == 1) == result.met or (a == 0 and not result.met)


@given(
    progress=st.one_of(st.none(), st.decimals(min_value=-5, max_value=5, places=3)),
    expected=st.decimals(min_value=0, max_value=1, places=3),
)
def test_status_is_monotonic_in_progress(progress, expected):
    order = [Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK]
    status = status_of(Evaluation(progress, False if progress is not None else None), expected)
    if progress is None:
        assert status == Status.NO_DATA
        return
    better = status_of(Evaluation(progress + D("0.2"), False), expected)
    assert order.index(better) >= order.index(status)


def test_progress_mean_clamps_and_leaves_out_stretch_targets_and_missing_figures():
    assert progress_mean([]) is None
    assert progress_mean([(False, None), (True, D("0.5"))]) is None
    # 1,3 counts as 100 %, -0,2 as 0 %; the stretch target's 0,1 is not counted
    assert progress_mean(
        [(False, D("1.3")), (False, D("0.5")), (False, D("-0.2")), (True, D("0.1")), (False, None)]
    ) == D("0.5")
    assert progress_mean([(False, D("1")), (False, D("0")), (False, D("0"))]) == D("0.333333")
