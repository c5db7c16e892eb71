"""The target rules are pure functions: tested without a database."""

from decimal import Decimal as D

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from targets import rules
from targets.rules import AgencyRef, Comparator, Direction, Measure, TargetSpec


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


LEVEL_NAMES = {"tinh": "cấp tỉnh", "huyen": "cấp huyện", "xa": "cấp xã"}


def spec(measure="rate", comparator=">=", **kw):
    kw.setdefault("direction", rules.implied_direction(measure, comparator) or "higher")
    kw.setdefault("unit", "%")
    return TargetSpec(measure=measure, comparator=comparator, **kw)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (spec(comparator=">", value=D(95)), "> 95%"),
        (spec(comparator=">=", value=D(90)), "≥ 90%"),
        (spec(comparator="=", value=D(100)), "100%"),
        (spec("quantity", "<=", value=D(15), unit="phút"), "≤ 15 phút"),
        (spec("quantity", "<", value=D("2.5"), unit="ngày"), "< 2,5 ngày"),
        (spec(comparator="between", value=D(95), value_max=D(100)), "95–100%"),
        (spec("rank", "<=", value=D(20), unit="bậc"), "Top 20"),
        (
            spec("rank", "improve_by", direction="lower", value=D(2), value_max=D(5), unit="bậc"),
            "tăng 2–5 bậc",
        ),
        (spec("rank", "improve_by", direction="lower", value=D(1), unit="bậc"), "tăng ≥ 1 bậc"),
        (
            spec("count", "improve_by", direction="lower", value=D("2.5"), baseline_year=2021),
            "giảm ≥ 2,5% so với năm 2021",
        ),
        (
            spec("score", "above_baseline", direction="higher", unit="", baseline_year=2021),
            "cao hơn năm 2021",
        ),
        (spec("count", "above_baseline", direction="lower", unit="đơn vị"), "thấp hơn năm trước"),
        (spec("count", ">=", value=D(2), unit="hoạt động"), "≥ 2 hoạt động"),
        (spec("milestone", "done", unit=""), "Hoàn thành"),
        (
            spec(comparator=">=", levels={"tinh": D(60), "huyen": D(50), "xa": D(30)}),
            "cấp tỉnh 60% · cấp huyện 50% · cấp xã 30%",
        ),
        (spec(comparator=">", levels={"tinh": D("60.5")}), "cấp tỉnh > 60,5%"),
    ],
)
def test_format_target_reads_like_an_officer(target, expected):
    assert rules.format_target(target, LEVEL_NAMES) == expected


def test_format_target_english_decimal_point():
    assert rules.format_target(spec(comparator=">=", value=D("1.38")), decimal_sep=".") == "≥ 1.38%"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("2.5"), "2,5"),
        (D("1.38"), "1,38"),
        (D("100.0000"), "100"),
        (D(1000), "1.000"),
        (D("1234567.25"), "1.234.567,25"),
        (D("0.5"), "0,5"),
        (0, "0"),
        (None, ""),
        (D("-3.5"), "-3,5"),
    ],
)
def test_format_number_vietnamese(value, expected):
    assert rules.format_number(value) == expected


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
def test_format_number_round_trips(value):
    text = rules.format_number(value)
    assert D(text.replace(".", "").replace(",", ".")) == value


@pytest.mark.parametrize(
    ("comparator", "direction"),
    [
        (">=", "higher"),
        (">", "higher"),
        ("=", "higher"),
        ("between", "higher"),
        ("<=", "lower"),
        ("<", "lower"),
        ("done", "higher"),
        ("improve_by", None),
        ("above_baseline", None),
    ],
)
def test_implied_direction(comparator, direction):
    assert rules.implied_direction("rate", comparator) == direction


def test_valid_specs_have_no_errors():
    for target in [
        spec(comparator=">", value=D(95)),
        spec("rank", "<=", value=D(20), unit="bậc"),
        spec("rank", "improve_by", direction="lower", value=D(2), value_max=D(5), unit="bậc"),
        spec("milestone", "done", unit=""),
        spec(comparator=">=", levels={"tinh": D(60)}),
        spec("percent", "above_baseline", direction="higher", baseline_year=2022),
    ]:
        assert rules.validate_target(target) == {}


@pytest.mark.parametrize(
    ("target", "field"),
    [
        (spec(comparator=">="), "value"),  # no number at all
        (spec(comparator="between", value=D(95)), "value_max"),  # open range
        (spec(comparator="between", value=D(95), value_max=D(90)), "value_max"),
        (spec("count", "improve_by", direction="lower"), "value"),
        (spec("milestone", ">=", value=D(1), unit=""), "comparator"),  # milestone needs done
        (spec("rate", "done", unit=""), "comparator"),
        (spec("milestone", "done", value=D(1), unit=""), "value"),
        (spec(comparator=">=", value=D(-1)), "value"),
        (spec(comparator=">=", value=D(120)), "value"),  # a rate above 100%
        (spec(comparator=">=", value=D(90), direction="lower"), "direction"),
        (spec("rank", ">=", value=D(20), unit="bậc"), "comparator"),  # rank: lower is better
        (spec(comparator=">=", value=D(60), levels={"tinh": D(60)}), "levels"),
        (spec("percent", "above_baseline", direction="higher", value=D(5)), "value"),
        (spec(comparator=">=", value=D(5), value_max=D(9)), "value_max"),
        (spec(comparator="nhỏ hơn", value=D(5)), "comparator"),
        (spec("foo", ">=", value=D(5)), "measure"),
    ],
)
def test_invalid_specs_are_rejected_with_a_vietnamese_message(target, field):
    errors = rules.validate_target(target)
    assert field in errors
    assert all(isinstance(m, str) and m for m in errors[field])


def test_levels_unknown_skips_level_checks():
    assert rules.validate_target(spec(comparator=">=", levels=None)) == {}


AGENCIES = [
    AgencyRef(1, "so", "tinh"),
    AgencyRef(2, "van_phong_ubnd", "tinh"),
    AgencyRef(3, "ubnd_huyen", "huyen"),
    AgencyRef(4, "bao_dai", "tinh"),
    AgencyRef(5, "don_vi_su_nghiep", "tinh"),
    AgencyRef(6, "ubnd_xa", "xa"),
]


@pytest.mark.parametrize(
    ("scope", "kwargs", "expected"),
    [
        ("responsible", {"responsible_id": 2}, {2}),
        ("responsible", {"responsible_id": None}, set()),
        ("all", {}, {1, 2, 3, 6}),
        ("levels", {"levels": {"huyen"}}, {3}),
        ("levels", {"levels": {"tinh", "xa"}}, {1, 2, 6}),
        ("named", {"named_ids": {4, 5}}, {4, 5}),
    ],
)
def test_assigned_agencies_by_scope(scope, kwargs, expected):
    args = {"responsible_id": None, "levels": set(), "named_ids": set(), "agencies": AGENCIES}
    args.update(kwargs)
    assert rules.assigned_agency_ids(scope, **args) == expected


def test_assigned_agencies_unknown_scope():
    with pytest.raises(ValueError):
        rules.assigned_agency_ids(
            "everyone", responsible_id=None, levels=set(), named_ids=set(), agencies=AGENCIES
        )


def test_vocabulary_is_the_export_vocabulary():
    assert set(Measure.values) == {"rate", "percent", "count", "quantity", "rank", "score", "milestone"}
    assert set(Comparator.values) == {
        ">=",
        ">",
        "<=",
        "<",
        "=",
        "between",
        "improve_by",
        "above_baseline",
        "done",
    }
    assert set(Direction.values) == {"higher", "lower"}


@pytest.mark.parametrize(
    "measure,comparator,expected",
    [
        ("count", ">=", True),  # "ban hành 4 văn bản": what was done, summed
        ("count", "improve_by", False),  # "giảm 2,5% số đơn vị so với 2021": units now
        ("count", "above_baseline", False),
        ("rate", ">", False),
        ("percent", ">=", False),
        ("rank", "<=", False),
        ("score", "above_baseline", False),
        ("milestone", "done", False),
    ],
)
def test_only_counts_of_things_done_accumulate_over_the_windows(measure, comparator, expected):
    assert rules.accumulates(measure, comparator) is expected
