"""Reporting periods, checked against dates worked out by hand."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.periods import (
    adhoc_period,
    generate_periods,
    make_period,
    period_containing,
    periods_for_duty,
)
from tiendo.domain.plan import DutyKind, Frequency, ReportingDuty
from tiendo.errors import ValidationError

D = dt.date
BEFORE_15_OF_LAST_MONTH = {"day": 15, "month": "last_of_period"}


def test_quarter_three_with_the_plan_rule():
    q3 = make_period("quarterly", 2026, 3, BEFORE_15_OF_LAST_MONTH)
    assert q3.key == "2026-Q3"
    assert q3.label == "Quý III/2026"
    assert (q3.start, q3.end) == (D(2026, 7, 1), D(2026, 9, 30))
    assert q3.due == D(2026, 9, 15)
    assert (q3.cutoff_start, q3.cutoff_end) == (D(2026, 6, 15), D(2026, 9, 14))


def test_first_quarter_cutoff_opens_in_the_previous_year():
    q1 = make_period("quarterly", 2026, 1, BEFORE_15_OF_LAST_MONTH)
    assert (q1.cutoff_start, q1.cutoff_end) == (D(2025, 12, 15), D(2026, 3, 14))
    assert q1.due == D(2026, 3, 15)


def test_quarter_labels_use_roman_numerals():
    labels = [make_period("quarterly", 2025, n).label for n in (1, 2, 3, 4)]
    assert labels == ["Quý I/2025", "Quý II/2025", "Quý III/2025", "Quý IV/2025"]


def test_strict_rule_makes_the_day_before_the_last_day_on_time():
    q3 = make_period("quarterly", 2026, 3, {**BEFORE_15_OF_LAST_MONTH, "strict": True})
    assert q3.due == D(2026, 9, 14)


def test_monthly_january_period_crosses_the_year_boundary():
    jan = make_period("monthly", 2026, 1)
    assert jan.label == "Tháng 1/2026"
    assert jan.key == "2026-01"
    assert (jan.cutoff_start, jan.cutoff_end) == (D(2025, 12, 15), D(2026, 1, 14))
    assert jan.due == D(2026, 1, 25)  # national default: the 25th of the period's last month


def test_march_label_and_cutoff():
    march = make_period("monthly", 2026, 3)
    assert march.label == "Tháng 3/2026"
    assert (march.cutoff_start, march.cutoff_end) == (D(2026, 2, 15), D(2026, 3, 14))


def test_half_years_have_the_national_cutoffs_and_fixed_due_dates():
    rule = {"dates": ["06-15", "12-01"]}
    h1, h2 = generate_periods("semiannual", D(2026, 1, 1), D(2026, 12, 31), rule)
    assert h1.label == "6 tháng đầu năm 2026"
    assert (h1.cutoff_start, h1.cutoff_end) == (D(2025, 12, 15), D(2026, 6, 14))
    assert h1.due == D(2026, 6, 15)
    assert h2.label == "6 tháng cuối năm 2026"
    assert (h2.cutoff_start, h2.cutoff_end) == (D(2026, 6, 15), D(2026, 12, 14))
    assert h2.due == D(2026, 12, 1)


def test_annual_period():
    year = make_period("annual", 2026)
    assert year.label == "Năm 2026"
    assert year.key == "2026"
    assert (year.start, year.end) == (D(2026, 1, 1), D(2026, 12, 31))
    assert (year.cutoff_start, year.cutoff_end) == (D(2025, 12, 15), D(2026, 12, 14))
    assert year.due == D(2026, 12, 25)


def test_fixed_date_after_the_period_is_taken_when_none_falls_inside():
    year = make_period("annual", 2026, 1, {"dates": ["01-15"]})
    assert year.due == D(2027, 1, 15)


def test_quarterly_fixed_dates_and_a_yearly_rule_for_half_years():
    rule = {"dates": ["03-10", "06-10", "09-10", "12-10"]}
    dues = [p.due for p in generate_periods("quarterly", D(2026, 1, 1), D(2026, 12, 31), rule)]
    assert dues == [D(2026, 3, 10), D(2026, 6, 10), D(2026, 9, 10), D(2026, 12, 10)]
    year = make_period("annual", 2026, 1, {"dates": ["06-15", "12-01"]})
    assert year.due == D(2026, 12, 1)


def test_day_rule_in_the_month_after_the_period():
    q4 = make_period("quarterly", 2026, 4, {"day": 5, "month": "after_period"})
    assert q4.due == D(2027, 1, 5)


def test_due_day_beyond_the_month_is_clamped_leap_years_included():
    rule = {"day": 30, "month": "last_of_period"}
    assert make_period("monthly", 2026, 2, rule).due == D(2026, 2, 28)
    assert make_period("monthly", 2028, 2, rule).due == D(2028, 2, 29)


def test_generate_quarters_over_a_year_boundary():
    periods = generate_periods("quarterly", D(2025, 11, 1), D(2026, 4, 1))
    assert [p.key for p in periods] == ["2025-Q4", "2026-Q1", "2026-Q2"]


def test_generate_nothing_for_adhoc_or_an_empty_range():
    assert generate_periods("adhoc", D(2026, 1, 1), D(2026, 12, 31)) == []
    assert generate_periods("monthly", D(2026, 2, 1), D(2026, 1, 1)) == []


def test_period_containing_a_day():
    assert period_containing("semiannual", D(2026, 7, 1)).key == "2026-H2"
    assert period_containing(Frequency.MONTHLY, D(2024, 2, 29)).key == "2024-02"


def test_periods_of_a_duty_with_several_frequencies_are_sorted_by_due_date():
    duty = ReportingDuty(
        kind=DutyKind.REPORT,
        text="Định kỳ 3 tháng, 6 tháng, 1 năm hoặc đột xuất",
        line=1,
        frequency=[Frequency.QUARTERLY, Frequency.SEMIANNUAL, Frequency.ANNUAL, Frequency.ADHOC],
    )
    keys = [p.key for p in periods_for_duty(duty, D(2026, 1, 1), D(2026, 6, 30))]
    # Q1 due 25/03, Q2 and H1 due 25/06, the year 25/12.
    assert keys == ["2026-Q1", "2026-H1", "2026-Q2", "2026"]


def test_adhoc_period_is_created_on_request():
    period = adhoc_period(D(2026, 5, 1), D(2026, 5, 20), D(2026, 5, 25))
    assert period.frequency is Frequency.ADHOC
    assert period.label == "Đột xuất (01/05/2026 – 20/05/2026)"
    assert (period.cutoff_start, period.cutoff_end) == (D(2026, 5, 1), D(2026, 5, 20))
    assert period.as_dict()["due"] == "2026-05-25"
    named = adhoc_period(
        D(2026, 5, 1), D(2026, 5, 20), D(2026, 5, 25), key="k", label="Báo cáo nhanh"
    )
    assert (named.key, named.label) == ("k", "Báo cáo nhanh")


@pytest.mark.parametrize(
    "rule",
    [
        {"day": 0},
        {"day": "mười"},
        {"day": 5, "month": "giữa kỳ"},
        {"dates": ["13-40"]},
        {"dates": []},
        {},
    ],
)
def test_unreadable_due_rules_raise_a_vietnamese_error(rule):
    with pytest.raises(ValidationError) as err:
        make_period("quarterly", 2026, 1, rule)
    assert "hạn báo cáo" in err.value.message


def test_bad_period_numbers_and_adhoc_requests_are_refused():
    with pytest.raises(ValidationError):
        make_period("quarterly", 2026, 5)
    with pytest.raises(ValidationError):
        make_period("adhoc", 2026, 1)
    with pytest.raises(ValidationError):
        period_containing("adhoc", D(2026, 1, 1))
    with pytest.raises(ValidationError):
        adhoc_period(D(2026, 5, 2), D(2026, 5, 1), D(2026, 5, 3))


@given(
    frequency=st.sampled_from(["monthly", "quarterly", "semiannual", "annual"]),
    start=st.dates(D(2000, 1, 1), D(2090, 12, 31)),
    days=st.integers(0, 1500),
)
def test_periods_tile_the_range_and_cutoff_windows_follow_each_other(frequency, start, days):
    end = start + dt.timedelta(days=days)
    periods = generate_periods(frequency, start, end, BEFORE_15_OF_LAST_MONTH)
    assert periods[0].contains(start)
    assert periods[-1].contains(end)
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + dt.timedelta(days=1)
        assert after.cutoff_start == before.cutoff_end + dt.timedelta(days=1)
    for p in periods:
        assert p.cutoff_end.day == 14 and p.cutoff_end.month == p.end.month
        assert p.start <= p.due <= p.end
