from decimal import Decimal as D

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from targets.rules import NumberInputError, format_number, parse_vn_number


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2,5", D("2.5")),
        ("2.5", D("2.5")),
        ("95", D(95)),
        ("1,38", D("1.38")),
        ("1.250", D(1250)),
        ("12.500.000", D(12500000)),
        ("1.250,5", D("1250.5")),
        ("1,250.5", D("1250.5")),
        ("1 250", D(1250)),
        (" 90 ", D(90)),
        ("0", D(0)),
        ("100,00", D(100)),
        ("0,5", D("0.5")),
    ],
)
def test_reads_numbers_as_typed_in_vietnam(typed, expected):
    assert parse_vn_number(typed) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("N/A", "không phải là một số"),
        ("khoảng 90", "không phải là một số"),
        ("90%", "không phải là một số"),
        ("-5", "âm"),
        ("", "Chưa nhập"),
        ("1e9999", "không phải là một số"),
        ("99999999999", "quá lớn"),
        ("1.2.3,4,5", "không phải là một số"),
        ("12 5", "không phải là một số"),
    ],
)
def test_refuses_what_is_not_a_number_with_a_reason(typed, says):
    with pytest.raises(NumberInputError) as exc:
        parse_vn_number(typed)
    assert says in str(exc.value)


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False))
def test_what_the_app_prints_it_reads_back(value):
    assert parse_vn_number(format_number(value)) == value
