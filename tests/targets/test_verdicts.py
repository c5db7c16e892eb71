"""Target verdicts, written from DOMAIN.md "Judgements" ("Target verdict", "Reductions", "Cannot
judge", "Averages of time", "Coverage"), not from the code: before the last period đúng tiến độ
/ có nguy cơ / chậm against the progress expected by that date; a level is expected all year, a
cumulative target grows linearly to the year's end; at the last period the verdict is final
(đạt / không đạt / chưa đủ căn cứ); a strict comparator stays strict; progress shown is never
"100%" for a target not met."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.rules import default_periods
from targets.progress import (
    FINAL_STATUSES,
    Evaluation,
    LevelFigure,
    Status,
    counts_in_mean,
    coverage_label,
    evaluate,
    expected_progress,
    levels_evaluation,
    progress_label,
    progress_mean,
    status_of,
    time_mean,
    verdict_label,
)
from targets.rules import (
    TargetSpec,
    format_measured,
    improvement_text,
    is_cumulative,
    is_time_unit,
    validate_target,
)

PERIODS = {p.kind: p for p in default_periods(2024)}
YEAR_START, YEAR_END = PERIODS["year"].window_start, PERIODS["year"].window_end  # 15/12/2023 → 14/12/2024
CUT_OFFS = {kind: p.window_end for kind, p in PERIODS.items()}


def spec(measure="rate", comparator=">=", value=None, **kw):
    direction = kw.pop("direction", "lower" if comparator in ("<=", "<") or measure == "rank" else "higher")
    return TargetSpec(
        measure=measure,
        comparator=comparator,
        direction=direction,
        value=None if value is None else D(str(value)),
        **kw,
    )


def expected(measure, kind, cumulative=False):
    return expected_progress(
        measure, cumulative=cumulative, year_start=YEAR_START, year_end=YEAR_END, as_of=CUT_OFFS[kind]
    )


# --- what is expected by a period's cut-off ---------------------------------------------------


@pytest.mark.parametrize("kind", ["q1", "h1", "q3", "year"])
def test_a_level_is_expected_at_its_level_all_year(kind):
    assert expected("rate", kind) == 1
    assert expected("percent", kind) == 1
    assert expected("quantity", kind) == 1


def test_a_cumulative_target_is_expected_to_grow_linearly_to_the_years_end():
    # 2024 is a leap year: 15/12/2023 → 14/12/2024 is 366 days
    assert expected("percent", "q1", cumulative=True) == D(91) / D(366)
    assert expected("percent", "h1", cumulative=True) == D(183) / D(366)
    assert expected("percent", "q3", cumulative=True) == D(275) / D(366)  # 6 tháng + Quý III
    assert expected("percent", "year", cumulative=True) == 1


def test_a_milestone_is_expected_only_at_the_years_end():
    assert [expected("milestone", k) for k in ("q1", "h1", "q3", "year")] == [0, 0, 0, 1]


@pytest.mark.parametrize(
    ("measure", "comparator", "flag", "cumulative"),
    [
        ("count", ">=", False, True),  # a count of things done, summed over the windows
        ("count", "improve_by", False, False),  # units now, against a baseline: a level…
        ("count", "improve_by", True, True),  # …unless the plan reduces them through the year
        ("percent", "=", True, True),  # "hoàn thành 100% kế hoạch đào tạo", "giải ngân 100% vốn"
        ("percent", "=", False, False),
        ("rate", ">", False, False),  # "trên 95% hồ sơ đúng hạn": a level
    ],
)
def test_which_targets_are_cumulative(measure, comparator, flag, cumulative):
    assert is_cumulative(measure, comparator, flag) is cumulative


# --- the verdict before the last period and at it -------------------------------------------------


def test_a_cumulative_percentage_on_schedule_at_six_months_is_on_track():
    # "giải ngân 100% vốn": 50,8% at 6 tháng where about 50% is expected
    training = spec("percent", "=", 100, unit="%", cumulative=True)
    evaluation = evaluate(training, D("50.8"))
    assert status_of(evaluation, expected("percent", "h1", cumulative=True)) == Status.ON_TRACK
    # judged as a level it would be behind: that is the defect of finding 6
    assert status_of(evaluation, expected("percent", "h1")) == Status.OFF_TRACK


def test_a_cumulative_percentage_behind_schedule_is_at_risk_then_off_track():
    training = spec("percent", "=", 100, unit="%", cumulative=True)
    at_h1 = expected("percent", "h1", cumulative=True)  # ≈ 0,5
    assert status_of(evaluate(training, D(45)), at_h1) == Status.AT_RISK
    assert status_of(evaluate(training, D(30)), at_h1) == Status.OFF_TRACK


@pytest.mark.parametrize("kind", ["q1", "h1", "q3"])
def test_before_the_last_period_the_verdict_is_about_the_schedule(kind):
    rate = spec("rate", ">", 95)
    near = evaluate(rate, D(95))  # exactly 95% against "trên 95%"
    assert near.met is False
    assert status_of(near, expected("rate", kind)) == Status.AT_RISK


@pytest.mark.parametrize(
    ("target", "actual", "status"),
    [
        (spec("rate", ">", 95), D(95), Status.NOT_MET),  # strict stays strict
        (spec("rate", ">", 95), D("95.01"), Status.MET),
        (spec("rate", ">=", 95), D(95), Status.MET),  # exactly the target
        (spec("rate", "=", 100), D("99.7"), Status.NOT_MET),
        (spec("rate", ">=", 90), D(50), Status.NOT_MET),  # far behind: still only không đạt
        (spec("percent", "=", 100, unit="%", cumulative=True), D(80), Status.NOT_MET),
        (spec("rate", ">=", 90), None, Status.NO_BASIS),  # no approved data
        (spec("rank", "<=", 20), D(20), Status.MET),
        (spec("quantity", "<=", 15, unit="phút"), D("15.01"), Status.NOT_MET),
    ],
)
def test_at_the_last_period_the_verdict_is_final(target, actual, status):
    evaluation = evaluate(target, actual)
    final = status_of(evaluation, expected(target.measure, "year", target.cumulative), final=True)
    assert final == status
    assert final in FINAL_STATUSES


@given(
    progress=st.one_of(st.none(), st.decimals(min_value=-2, max_value=3, places=3)),
    met=st.one_of(st.none(), st.booleans()),
    expected_share=st.decimals(min_value=0, max_value=1, places=3),
    no_basis=st.booleans(),
)
def test_no_at_risk_or_on_track_at_the_years_end(progress, met, expected_share, no_basis):
    met = None if progress is None else bool(met)
    status = status_of(Evaluation(progress, met, no_basis=no_basis), expected_share, final=True)
    assert status in FINAL_STATUSES


# --- cannot judge: chưa đủ căn cứ, never đạt ------------------------------------------------------


def test_a_missing_or_zero_baseline_of_an_improvement_cannot_be_judged():
    reduction = dict(unit="%", direction="lower")
    missing = evaluate(spec("count", "improve_by", "2.5", **reduction), D(585))
    zero = evaluate(spec("count", "improve_by", "2.5", baseline_value=D(0), **reduction), D(0))
    rank_zero = evaluate(spec("rank", "improve_by", 2, baseline_value=D(0)), D(5))
    for evaluation in (missing, zero, rank_zero):
        assert evaluation.progress is None and evaluation.met is None and evaluation.no_basis
        assert evaluation.reason
        for kind in ("q1", "year"):
            assert status_of(evaluation, D(1), final=kind == "year") == Status.NO_BASIS
    assert "bằng 0" in zero.reason


def test_a_rank_baseline_of_zero_is_refused():
    errors = validate_target(spec("rank", "improve_by", 2, value_max=D(5), baseline_value=D(0)))
    assert "baseline_value" in errors
    assert not validate_target(spec("rank", "improve_by", 2, value_max=D(5), baseline_value=D(1)))


def level(name, agencies, actual=None, goal=60, na=False, comparator=">="):
    evaluation = None if actual is None else evaluate(spec("rate", comparator, goal), D(actual), goal=D(goal))
    return LevelFigure(name, agencies, evaluation, not_applicable=na)


def test_per_level_target_met_when_every_level_meets_its_threshold():
    result = levels_evaluation(
        [level("cấp tỉnh", 14, 65, 60), level("cấp huyện", 10, 52, 50), level("cấp xã", 3, 31, 30)]
    )
    assert result.met is True and result.progress == 1


def test_per_level_target_not_met_when_one_level_falls_short_and_progress_is_the_lowest():
    result = levels_evaluation([level("cấp tỉnh", 14, 65, 60), level("cấp huyện", 10, 40, 50)])
    assert result.met is False and result.progress == D("0.8")


def test_a_level_with_no_agency_reporting_cannot_be_judged():
    # "60% cấp tỉnh, 50% cấp huyện, 30% cấp xã" with no cấp xã agency at all: not đạt
    result = levels_evaluation(
        [level("cấp tỉnh", 14, 65, 60), level("cấp huyện", 10, 52, 50), level("cấp xã", 0)]
    )
    assert result.progress is None and result.met is None and result.no_basis
    assert "cấp xã" in result.reason
    assert status_of(result, D(1), final=True) == Status.NO_BASIS
    assert status_of(result, D(1)) == Status.NO_BASIS


def test_a_level_marked_not_applicable_is_left_out_explicitly():
    result = levels_evaluation(
        [level("cấp tỉnh", 14, 65, 60), level("cấp huyện", 0, na=True), level("cấp xã", 3, 31, 30)]
    )
    assert result.met is True
    assert "không áp dụng: cấp huyện" in result.formula


def test_a_level_whose_agencies_have_not_reported_leaves_the_target_without_a_figure():
    result = levels_evaluation([level("cấp tỉnh", 14, 65, 60), level("cấp huyện", 10)])
    assert result.progress is None and not result.no_basis
    assert status_of(result, D(1)) == Status.NO_DATA
    assert status_of(result, D(1), final=True) == Status.NO_BASIS


def test_every_level_not_applicable_cannot_be_judged():
    result = levels_evaluation([level("cấp huyện", 0, na=True)])
    assert result.no_basis and status_of(result, D(1)) == Status.NO_BASIS


# --- progress as shown -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("progress", "met", "label"),
    [
        (D(1), False, "99%"),  # "trên 95%" at exactly 95%: never "100%" when not met
        (D("0.997"), False, "99%"),  # 99,7%: floored, not rounded up
        (D("0.999999"), False, "99%"),
        (D("0.5"), False, "50%"),
        (D("0.509"), False, "50%"),
        (D("1.3"), False, "99%"),  # a range exceeded above its upper bound
        (D(1), True, "100%"),
        (D("1.019"), True, "101%"),
        (None, None, "—"),
    ],
)
def test_progress_shown_is_never_100_percent_for_a_target_not_met(progress, met, label):
    assert progress_label(progress, met) == label


def test_above_the_target_the_verdict_reads_dat_vuot():
    assert verdict_label(Status.MET, D("1.05"), True) == "Đạt, vượt 5%"
    assert verdict_label(Status.MET, D(1), True) == "Đạt"
    assert verdict_label(Status.NOT_MET, D("0.99"), False) == "Không đạt"
    assert verdict_label(Status.NO_BASIS, None, None) == "Chưa đủ căn cứ"


# --- reductions: the achievement as the reduction -------------------------------------------------


def test_a_reduction_shows_what_was_achieved_as_the_reduction():
    # "giảm tối thiểu 2,5% … (tương ứng 15 đơn vị)" against 600 units in 2021
    units = spec("count", "improve_by", "2.5", unit="%", direction="lower", baseline_value=D(600))
    assert improvement_text(units, D(585)) == "giảm 2,5%: 585 so với 600"
    assert improvement_text(units, D(597)) == "giảm 0,5%: 597 so với 600"
    assert improvement_text(units, D(606)) == "tăng 1%: 606 so với 600"
    assert "585%" not in improvement_text(units, D(585))


def test_a_rank_improvement_shows_the_places_gained():
    pci = spec("rank", "improve_by", 2, value_max=D(5), baseline_value=D(21))
    assert improvement_text(pci, D(18)) == "tăng 3 bậc: hạng 18 so với hạng 21"
    assert improvement_text(pci, D(23)) == "giảm 2 bậc: hạng 23 so với hạng 21"


def test_other_targets_have_no_improvement_text():
    assert improvement_text(spec("rate", ">", 95), D(96)) is None
    assert improvement_text(spec("count", "improve_by", "2.5", unit="%", direction="lower"), D(585)) is None


# --- averages of time, numbers as printed --------------------------------------------------------


def test_time_units():
    assert is_time_unit("phút") and is_time_unit("phút/lượt") and is_time_unit("ngày")
    assert not is_time_unit("%") and not is_time_unit("đơn vị") and not is_time_unit("")


def test_a_time_average_is_weighted_by_transactions_when_every_agency_gives_them():
    # 10 phút over 1.000 transactions and 20 phút over 10: 10,099 phút, not 15
    weighted = time_mean([(D(10), 1000), (D(20), 10)])
    assert weighted.weighted and abs(weighted.value - D("10.0990099")) < D("0.0001")
    assert "gia quyền" in weighted.formula


def test_a_time_average_is_the_plain_mean_when_an_agency_gave_no_transactions():
    plain = time_mean([(D(10), 1000), (D(20), None)])
    assert not plain.weighted and plain.value == 15
    assert "trung bình cộng" in plain.formula
    assert time_mean([]).value is None


def test_measured_figures_print_two_decimals_at_most_with_a_space_before_the_unit():
    assert format_measured(D("11.0417"), "phút") == "11,04 phút"
    assert format_measured(D("96.8"), "%") == "96,8%"
    assert format_measured(D(3), "hoạt động") == "3 hoạt động"


# --- the area mean ------------------------------------------------------------------------------


def test_milestones_before_their_date_and_stretch_targets_stay_out_of_the_mean():
    assert counts_in_mean(stretch=False, measure="milestone", expected=D(0)) is False
    assert counts_in_mean(stretch=False, measure="milestone", expected=D(1)) is True
    assert counts_in_mean(stretch=True, measure="rate", expected=D(1)) is False
    assert counts_in_mean(stretch=False, measure="rate", expected=D(1)) is True
    rows = [(False, D("0.9")), (not counts_in_mean(stretch=False, measure="milestone", expected=D(0)), D(0))]
    assert progress_mean(rows) == D("0.9")


def test_coverage_says_how_many_agencies_a_figure_stands_on():
    assert coverage_label(10, 18) == "10/18 cơ quan"
