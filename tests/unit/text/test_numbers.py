import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.text.numbers import (
    NumberFormatError,
    format_date,
    format_number,
    last_day_of_month,
    parse_date,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,5", 1234.5),
        ("0,7", 0.7),
        ("12", 12),
        ("1.234", 1234),
        ("0.60", 0.6),
        ("-3,25", -3.25),
        ("1.000.000", 1_000_000),
        (" 95 ", 95),
    ],
)
def test_parse_number_reads_vietnamese_forms(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", "abc", "1,2,3", "1.2.3,4,5", "12a", "1.234.5,6.7", "nan", "inf"]
)
def test_parse_number_rejects_what_is_not_a_number(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_format_number_writes_thousands_dots_and_decimal_comma():
    assert format_number(1234.5) == "1.234,5"
    assert format_number(1_000_000) == "1.000.000"
    assert format_number(0.7) == "0,7"
    assert format_number(-1234) == "-1.234"
    assert format_number(3.14159, decimals=2) == "3,14"
    assert format_number(None) == ""


@given(
    st.decimals(
        min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False
    )
)
def test_format_then_parse_gives_the_number_back(value):
    assert parse_number(format_number(float(value))) == pytest.approx(float(value), abs=1e-6)


def test_dates_are_dd_mm_yyyy():
    assert format_date(dt.date(2025, 3, 1)) == "01/03/2025"
    assert parse_date("1/3/2025") == dt.date(2025, 3, 1)
    assert parse_date("2025-03-01") == dt.date(2025, 3, 1)
    with pytest.raises(ValueError):
        parse_date("31/02/2025")


def test_last_day_of_month_knows_leap_years():
    assert last_day_of_month(2024, 2) == dt.date(2024, 2, 29)
    assert last_day_of_month(2025, 2) == dt.date(2025, 2, 28)
    assert last_day_of_month(2025, 12) == dt.date(2025, 12, 31)
