"""Extending a reported series to the milestone year.

A straight line (``LINEAR``) or a constant growth rate (``COMPOUND``, a line
through the logarithms of the values) is fitted by weighted least squares.
Recent points weigh more: a point's weight halves for every ``half_life``
years it lies before the latest point, so a change of pace shows early
without letting one report decide alone.

Dates become decimal years counted at the end of the day: 31/12/2025 is
2026.0 and 30/06/2025 is 2025 + 181/365, so yearly figures dated 31/12 sit
exactly one year apart, leap years included.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from tiendo.evaluate.model import Growth

#: Beyond e**700 a float overflows.
_MAX_EXPONENT = 700.0


def decimal_year(day: dt.date) -> float:
    """The year as a number at the end of ``day``."""
    days_in_year = 366 if _is_leap(day.year) else 365
    return day.year + day.timetuple().tm_yday / days_in_year


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def cagr(v0: float, t0: float, v1: float, t1: float) -> float | None:
    """Compound annual growth rate (v1/v0)^(1/(t1−t0)) − 1, as a fraction.

    None when it is undefined: no time between the points, or a start value
    that is not positive, or a negative end value.
    """
    if t1 - t0 <= 0 or v0 <= 0 or v1 < 0:
        return None
    return (v1 / v0) ** (1.0 / (t1 - t0)) - 1.0


def recency_weights(times: Sequence[float], half_life: float) -> list[float]:
    """0.5 ** ((latest − t) / half_life) for every time t."""
    latest = max(times)
    return [0.5 ** ((latest - t) / half_life) for t in times]


def weighted_line(
    times: Sequence[float], values: Sequence[float], weights: Sequence[float]
) -> tuple[float, float, float] | None:
    """Weighted least squares line: (slope, weighted mean time, weighted mean value).

    None when all points share one time (no line can be drawn).
    """
    total = sum(weights)
    t_mean = sum(w * t for w, t in zip(weights, times, strict=True)) / total
    v_mean = sum(w * v for w, v in zip(weights, values, strict=True)) / total
    spread = sum(w * (t - t_mean) ** 2 for w, t in zip(weights, times, strict=True))
    if spread <= 1e-12:
        return None
    covariance = sum(
        w * (t - t_mean) * (v - v_mean) for w, t, v in zip(weights, times, values, strict=True)
    )
    return covariance / spread, t_mean, v_mean


@dataclass(frozen=True)
class Projection:
    """A series extended to ``at`` (a decimal year).

    ``per_year`` is the fitted change a year: an amount for ``LINEAR``, a
    rate (fraction) for ``COMPOUND``.
    """

    method: Growth
    at: float
    value: float
    per_year: float
    points: int
    weights: tuple[float, ...]

    def as_dict(self) -> dict:
        return {
            "method": self.method.value,
            "at": self.at,
            "value": self.value,
            "per_year": self.per_year,
            "points": self.points,
            "weights": list(self.weights),
        }


def project(
    points: Sequence[tuple[dt.date, float]],
    at: dt.date,
    method: Growth,
    half_life: float,
) -> Projection | None:
    """Fit ``points`` (date, value) and read the fitted value at ``at``.

    Needs at least two distinct dates; ``COMPOUND`` needs every value above
    zero. Returns None otherwise.
    """
    if len({day for day, _ in points}) < 2:
        return None
    times = [decimal_year(day) for day, _ in points]
    values = [value for _, value in points]
    if method is Growth.COMPOUND:
        if min(values) <= 0:
            return None
        values = [math.log(value) for value in values]
    weights = recency_weights(times, half_life)
    line = weighted_line(times, values, weights)
    if line is None:
        return None
    slope, t_mean, v_mean = line
    target = decimal_year(at)
    fitted = v_mean + slope * (target - t_mean)
    if method is Growth.COMPOUND:
        if max(fitted, slope) > _MAX_EXPONENT:
            return None  # growth so steep that the projection means nothing
        return Projection(
            method, target, math.exp(fitted), math.exp(slope) - 1.0, len(points), tuple(weights)
        )
    return Projection(method, target, fitted, slope, len(points), tuple(weights))
