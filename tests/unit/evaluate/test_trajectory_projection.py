"""The straight path, the projection and CAGR, on numbers worked out by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tiendo.evaluate.model import Growth
from tiendo.evaluate.projection import cagr, decimal_year, project, recency_weights
from tiendo.evaluate.trajectory import expected_value, path_share, progress_ratio

D = dt.date


def test_expected_value_counts_days_including_the_leap_day():
    # 31/12/2023 → 31/12/2024 is 366 days; 29/02/2024 is day 60 of them.
    assert expected_value(0, D(2023, 12, 31), 366, D(2024, 12, 31), D(2024, 2, 29)) == 60


def test_expected_value_is_held_at_both_ends_of_the_path():
    assert expected_value(40, D(2024, 12, 31), 70, D(2030, 12, 31), D(2020, 1, 1)) == 40
    assert expected_value(40, D(2024, 12, 31), 70, D(2030, 12, 31), D(2031, 6, 1)) == 70


def test_path_without_length_is_complete():
    assert path_share(D(2025, 1, 1), D(2025, 1, 1), D(2024, 1, 1)) == 1.0


def test_progress_ratio_for_both_directions():
    assert progress_ratio(52, 40, 55) == pytest.approx(12 / 15)
    # A rank from 30 towards 20: expected 25, actual 27 → 3/5 of the way.
    assert progress_ratio(27, 30, 25) == pytest.approx(0.6)


def test_progress_ratio_is_undefined_when_expected_equals_baseline():
    assert progress_ratio(45, 40, 40) is None


def test_decimal_year_counts_at_the_end_of_the_day():
    assert decimal_year(D(2025, 12, 31)) == 2026.0
    assert decimal_year(D(2024, 12, 31)) == 2025.0  # a leap year ends at 366/366
    assert decimal_year(D(2025, 6, 30)) == pytest.approx(2025 + 181 / 365)
    assert decimal_year(D(2024, 2, 29)) == pytest.approx(2024 + 60 / 366)


def test_cagr():
    assert cagr(100, 2020, 133.1, 2023) == pytest.approx(0.10)
    assert cagr(100, 2020, 81, 2022) == pytest.approx(-0.10)
    assert cagr(0, 2020, 10, 2022) is None
    assert cagr(100, 2020, 110, 2020) is None
    assert cagr(100, 2020, -1, 2021) is None


def test_recency_weights_halve_every_half_life():
    assert recency_weights([2025.0, 2026.0, 2027.0], 1.0) == [0.25, 0.5, 1.0]


def test_two_points_give_the_line_through_them():
    p = project([(D(2024, 12, 31), 40), (D(2027, 12, 31), 52)], D(2030, 12, 31), Growth.LINEAR, 2.0)
    assert p.value == pytest.approx(64)  # 4 a year for 6 years from 40
    assert p.per_year == pytest.approx(4)


def test_weighted_least_squares_by_hand():
    # t = 0, 1, 2 (years after 31/12/2024), values 0, 0, 7, weights 1/4, 1/2, 1.
    # Weighted means: t̄ = 2,5/1,75 = 10/7, v̄ = 7/1,75 = 4.
    # Σw(t−t̄)² = 45,5/49, Σw(t−t̄)(v−v̄) = 4, slope = 56/13.
    # At t = 3: 4 + 56/13 × (3 − 10/7) = 140/13 (unweighted: 28/3).
    points = [(D(2024, 12, 31), 0.0), (D(2025, 12, 31), 0.0), (D(2026, 12, 31), 7.0)]
    p = project(points, D(2027, 12, 31), Growth.LINEAR, half_life=1.0)
    assert p.per_year == pytest.approx(56 / 13)
    assert p.value == pytest.approx(140 / 13)
    assert p.weights == (0.25, 0.5, 1.0)


def test_compound_projection_follows_a_constant_rate():
    points = [(D(2024, 12, 31), 100.0), (D(2026, 12, 31), 121.0)]
    p = project(points, D(2029, 12, 31), Growth.COMPOUND, 2.0)
    assert p.per_year == pytest.approx(0.10)
    assert p.value == pytest.approx(100 * 1.1**5)


def test_projection_needs_two_dates_and_positive_values_for_compound():
    assert project([(D(2025, 12, 31), 5.0)], D(2030, 12, 31), Growth.LINEAR, 2.0) is None
    same_day = [(D(2025, 12, 31), 5.0), (D(2025, 12, 31), 6.0)]
    assert project(same_day, D(2030, 12, 31), Growth.LINEAR, 2.0) is None
    with_zero = [(D(2024, 12, 31), 0.0), (D(2025, 12, 31), 6.0)]
    assert project(with_zero, D(2030, 12, 31), Growth.COMPOUND, 2.0) is None


def test_runaway_compound_growth_gives_no_projection():
    points = [(D(2025, 1, 1), 1.0), (D(2025, 1, 2), math.exp(5))]
    assert project(points, D(2045, 12, 31), Growth.COMPOUND, 2.0) is None
