"""The scoring rules from the domain (DOMAIN.md "PAR-index scoring", issue 23), without a
database: every rule kind with its boundary values, missing data, the index per unit and per
lĩnh vực, ranking with ties, bands, the median, the steps and their windows."""

from datetime import date
from decimal import Decimal as D

import pytest

from scoring import rules
from scoring.rules import RuleKind, State

#: "Thực hiện trên 90% kế hoạch: 2; từ 70% - 90% kế hoạch: 1; dưới 70% kế hoạch: 0" (Cà Mau
#: 1880/QĐ-UBND, 1.1.4): 90 itself falls in the middle band, 70 too
PLAN_BANDS = {
    "bands": [
        {"min": "90", "min_inclusive": False, "points": "2"},
        {"min": "70", "min_inclusive": True, "max": "90", "max_inclusive": True, "points": "1"},
        {"max": "70", "max_inclusive": False, "points": "0"},
    ]
}
#: "Ban hành kịp thời: 1; Ban hành không kịp thời: 0,5; Không ban hành: 0"
ON_TIME_TIERS = {
    "tiers": [
        {"key": "dung_han", "label": "Ban hành kịp thời", "points": "1"},
        {"key": "muon", "label": "Ban hành không kịp thời", "points": "0,5"},
        {"key": "khong", "label": "Không ban hành", "points": "0"},
    ]
}


@pytest.mark.parametrize(
    ("value", "points"),
    [
        (D("100"), D(2)),
        (D("90.01"), D(2)),
        (D("90"), D(1)),
        (D("89.99"), D(1)),
        (D("70"), D(1)),
        (D("69.99"), D(0)),
        (D("0"), D(0)),
    ],
)
def test_bands_of_a_percentage_at_their_bounds(value, points):
    assert rules.score(RuleKind.BANDS, PLAN_BANDS, D(2), value).points == points


def test_bands_with_the_other_inclusion_move_the_boundary():
    """The same printed numbers with "từ 90% trở lên: 2; từ 70% đến dưới 90%: 1": now 90 gives 2."""
    params = {
        "bands": [{"min": 90, "points": 2}, {"min": 70, "max": 90, "points": 1}, {"max": 70, "points": 0}]
    }
    assert rules.score(RuleKind.BANDS, params, D(2), D(90)).points == 2
    assert rules.score(RuleKind.BANDS, params, D(2), D("89.9")).points == 1
    assert rules.score(RuleKind.BANDS, params, D(2), D(70)).points == 1


def test_missing_data_is_never_zero():
    for kind, params in (
        (RuleKind.BANDS, PLAN_BANDS),
        (RuleKind.TIERED, ON_TIME_TIERS),
        (RuleKind.YES_NO, {}),
        (RuleKind.RATIO, {}),
        (RuleKind.DEDUCTION, {"per": "0.5"}),
        (RuleKind.SURVEY, {}),
    ):
        outcome = rules.score(kind, params, D(2), None)
        assert outcome.points is None, kind
        assert outcome.reason == "Chưa có số liệu để tính.", kind


def test_a_value_outside_every_band_has_no_points_and_says_so():
    params = {"bands": [{"min": 50, "points": 1}]}
    outcome = rules.score(RuleKind.BANDS, params, D(1), D(20))
    assert outcome.points is None and "không thuộc khoảng nào" in outcome.reason


@pytest.mark.parametrize(("value", "points"), [("dung_han", D(1)), ("muon", D("0.5")), ("khong", D(0))])
def test_tiered_on_time_late_none(value, points):
    outcome = rules.score(RuleKind.TIERED, ON_TIME_TIERS, D(1), value)
    assert outcome.points == points
    assert outcome.reason in {"Ban hành kịp thời", "Ban hành không kịp thời", "Không ban hành"}


def test_tiered_unknown_tier_is_missing():
    assert rules.score(RuleKind.TIERED, ON_TIME_TIERS, D(1), "khac").points is None


@pytest.mark.parametrize(
    ("value", "points"),
    [
        (True, D(1)),
        (False, D(0)),
        (D(100), D(1)),
        (D("99.99"), D(0)),
        (D(0), D(0)),
    ],
)
def test_yes_no_from_a_flag_or_all_of_a_share(value, points):
    """ "Tất cả báo cáo được gửi đúng thời gian": yes only at 100% (4 of 4)."""
    assert rules.score(RuleKind.YES_NO, {}, D(1), value).points == points


def test_yes_no_with_its_own_points_and_threshold():
    params = {"yes": "0,75", "no": "0,25", "threshold": 80, "threshold_inclusive": False}
    assert rules.score(RuleKind.YES_NO, params, D(1), D(80)).points == D("0.25")
    assert rules.score(RuleKind.YES_NO, params, D(1), D("80.1")).points == D("0.75")


@pytest.mark.parametrize(
    ("value", "points"),
    [
        (D(100), D(3)),
        (D(50), D("1.5")),
        (D("33.33"), D("1.00")),
        (D(0), D(0)),
        (D(120), D(3)),  # above full marks: the maximum, never more
    ],
)
def test_ratio_times_the_maximum(value, points):
    assert rules.score(RuleKind.RATIO, {}, D(3), value).points == points


def test_ratio_full_at_less_than_hundred():
    assert rules.score(RuleKind.RATIO, {"full_at": 80}, D(2), D(40)).points == D(1)
    assert rules.score(RuleKind.RATIO, {"full_at": 80}, D(2), D(95)).points == D(2)


@pytest.mark.parametrize(
    ("count", "points"),
    [
        (0, D(2)),
        (1, D("1.5")),
        (4, D(0)),
        (5, D(0)),  # five would be −0,5: never below 0
    ],
)
def test_deduction_never_below_zero_nor_above_the_maximum(count, points):
    assert rules.score(RuleKind.DEDUCTION, {"per": "0,5"}, D(2), count).points == points


def test_deduction_refuses_a_negative_count():
    assert rules.score(RuleKind.DEDUCTION, {"per": "0,5"}, D(2), -1).points is None


@pytest.mark.parametrize(
    ("value", "points"), [(D("2.5"), D("2.5")), (D(0), D(0)), (D(3), D(3)), (D("3.01"), None), (D(-1), None)]
)
def test_survey_points_between_zero_and_the_maximum(value, points):
    assert rules.score(RuleKind.SURVEY, {}, D(3), value).points == points


def test_manual_is_never_computed():
    outcome = rules.score(RuleKind.MANUAL, {}, D(1), D(100))
    assert outcome.points is None and "Hội đồng" in outcome.reason


# --- validation of a leaf's rule ----------------------------------------------------------------


def test_valid_rules_have_no_errors():
    assert rules.validate_rule(RuleKind.BANDS, PLAN_BANDS, D(2)) == []
    assert rules.validate_rule(RuleKind.TIERED, ON_TIME_TIERS, D(1)) == []
    assert rules.validate_rule(RuleKind.DEDUCTION, {"per": 0.25}, D(1)) == []
    assert rules.validate_rule(RuleKind.MANUAL, {}, D(1)) == []


def test_overlapping_bands_are_refused():
    params = {"bands": [{"min": 70, "max": 90, "max_inclusive": True, "points": 1}, {"min": 90, "points": 2}]}
    errors = rules.validate_rule(RuleKind.BANDS, params, D(2))
    assert any("chồng lên nhau" in e for e in errors)


def test_points_above_the_maximum_are_refused():
    errors = rules.validate_rule(RuleKind.TIERED, ON_TIME_TIERS, D("0.5"))
    assert any("phải từ 0 đến 0,5" in e for e in errors)


def test_rules_that_cannot_score():
    assert rules.validate_rule(RuleKind.DEDUCTION, {}, D(1))
    assert rules.validate_rule(RuleKind.TIERED, {"tiers": [{"key": "a", "points": 1}]}, D(1))
    assert rules.validate_rule("guess", {}, D(1))
    assert rules.validate_rule(RuleKind.YES_NO, {}, D(0))  # a leaf of 0 points


# --- final points, the projection ---------------------------------------------------------------


def test_final_points_council_then_appraisal_then_self():
    common = {"kind": RuleKind.BANDS, "survey": None}
    assert rules.final_points(self_points=D(2), appraised=D(1), council=D("1.5"), **common) == (
        D("1.5"),
        "council",
    )
    assert rules.final_points(self_points=D(2), appraised=D(1), council=None, **common) == (D(1), "appraised")
    assert rules.final_points(self_points=D(2), appraised=None, council=None, **common) == (D(2), "self")
    assert rules.final_points(self_points=None, appraised=None, council=None, **common) == (None, "none")


def test_final_points_of_a_survey_leaf_are_the_survey_s():
    assert rules.final_points(
        kind=RuleKind.SURVEY, self_points=D(3), appraised=D(3), council=None, survey=D("2.4")
    ) == (D("2.4"), "survey")


def test_projection_bound_leaves_from_data_others_from_last_year_or_blank():
    assert rules.projected_points(computed=D(1), bound=True, last_year=D(2)) == (D(1), "computed")
    assert rules.projected_points(computed=None, bound=True, last_year=D(2)) == (D(2), "last_year")
    assert rules.projected_points(computed=None, bound=False, last_year=None) == (None, "none")


# --- the index, ranking, bands, median ------------------------------------------------------------


def test_index_per_unit_and_per_area():
    leaves = [
        rules.LeafPoints("1", D(2), D(2)),
        rules.LeafPoints("1", D(3), D("1.5")),
        rules.LeafPoints("2", D(5), None),
    ]
    result = rules.unit_index(leaves)
    assert result.points == D("3.5") and result.max_points == D(10)
    assert result.index == D("35.00")
    assert result.areas["1"] == (D("3.5"), D(5), D("70.00"))
    assert result.areas["2"] == (D(0), D(5), D("0.00"))
    assert (result.scored, result.leaves) == (2, 3)


def test_index_of_nothing_is_none():
    assert rules.index_percent(D(0), D(0)) is None
    assert rules.index_percent(None, D(10)) is None
    assert rules.index_percent(D(2), D(3)) == D("66.67")


def test_ranking_with_ties():
    ranks = rules.rank_with_ties({"a": D("91.5"), "b": D("88"), "c": D("88"), "d": D("70"), "e": None})
    assert ranks == {"a": 1, "b": 2, "c": 2, "d": 4, "e": None}


@pytest.mark.parametrize(
    ("index", "band"),
    [
        (D(100), "Tốt"),
        (D(90), "Tốt"),
        (D("89.99"), "Khá"),
        (D(80), "Khá"),
        (D("79.99"), "Trung bình"),
        (D(65), "Trung bình"),
        (D("64.99"), "Yếu"),
        (D(0), "Yếu"),
        (None, None),
    ],
)
def test_default_bands(index, band):
    assert rules.band_of(index, rules.DEFAULT_BANDS) == band


def test_group_bands_as_data():
    """Nam Định's khối sở: Nhóm I ≥ 90%, Nhóm II 80–<90%; below 80 no group."""
    bands = [{"label": "Nhóm I", "min": 90}, {"label": "Nhóm II", "min": 80, "max": 90}]
    assert rules.band_of(D(90), bands) == "Nhóm I"
    assert rules.band_of(D(85), bands) == "Nhóm II"
    assert rules.band_of(D(79), bands) is None
    assert rules.validate_bands(bands) == []
    assert rules.validate_bands([{"label": "A", "min": 80}, {"label": "B", "min": 85}])


def test_median_of_a_group():
    assert rules.median([D(80), D(90), D(70)]) == D(80)
    assert rules.median([D(80), D(90), D(70), D(100)]) == D(85)
    assert rules.median([D(1), None]) == D(1)
    assert rules.median([]) is None


def test_display_uses_decimal_commas():
    assert rules.points_label(D("0.50")) == "0,5"
    assert rules.points_label(D("2.00")) == "2"
    assert rules.percent_label(D("87.349")) == "87,35%"
    assert rules.percent_label(None) == "—"


def test_numbers_read_from_data():
    assert rules.to_decimal("0,5") == D("0.5")
    assert rules.to_decimal(2) == D(2)
    assert rules.to_decimal("nan") is None and rules.to_decimal("x") is None
    assert rules.to_decimal(True) is None


def test_groups_of_agency_kinds():
    assert rules.group_of_kind("so") == "so" and rules.group_of_kind("van_phong_ubnd") == "so"
    assert rules.group_of_kind("ubnd_xa") == "xa" and rules.group_of_kind("ubnd_huyen") == "huyen"
    assert rules.group_of_kind("bao_dai") is None


# --- the year's process ---------------------------------------------------------------------------


def test_the_steps_in_order():
    state = State.SELF
    for action, expected in (
        ("submit", State.HEAD),
        ("approve", State.SENT),
        ("appraise", State.APPRAISAL),
        ("ask", State.EXPLANATION),
        ("decide", State.COUNCIL),
        ("finalize", State.FINAL),
    ):
        state = rules.next_state(state, action)
        assert state == expected


def test_steps_out_of_order_are_refused():
    assert rules.next_state(State.SELF, "approve") is None
    assert rules.next_state(State.SELF, "appraise") is None
    assert rules.next_state(State.FINAL, "appraise") is None
    assert rules.next_state(State.SENT, "finalize") is None
    assert rules.next_state(State.HEAD, "return") == State.SELF


def test_windows_are_inclusive_and_open_when_not_set():
    start, end = date(2024, 1, 5), date(2024, 1, 15)
    assert rules.window_open(start, end, start) and rules.window_open(start, end, end)
    assert not rules.window_open(start, end, date(2024, 1, 4))
    assert not rules.window_open(start, end, date(2024, 1, 16))
    assert rules.window_open(None, None, date(2030, 1, 1))
    assert rules.window_open(None, end, date(2000, 1, 1))
