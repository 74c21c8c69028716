"""The straight path from a baseline to a target, and progress along it.

Time is counted in days, so leap years need no special care: the share of
the path covered by a date is days elapsed ÷ days in the whole path.
"""

from __future__ import annotations

import datetime as dt
import math


def path_share(start: dt.date, end: dt.date, at: dt.date) -> float:
    """The share of ``start``–``end`` covered at ``at``, held within [0, 1]."""
    total = (end - start).days
    if total <= 0:
        return 1.0
    return min(1.0, max(0.0, (at - start).days / total))


def expected_value(
    baseline_value: float,
    baseline_date: dt.date,
    target_value: float,
    target_date: dt.date,
    at: dt.date,
) -> float:
    """Where the straight path from baseline to target stands at ``at``.

    Before the baseline date the path is at the baseline; after the target
    date it is at the target.
    """
    total = (target_date - baseline_date).days
    if total <= 0:
        return target_value
    elapsed = min(total, max(0, (at - baseline_date).days))
    # Multiply before dividing so that whole numbers stay whole.
    return baseline_value + (target_value - baseline_value) * elapsed / total


def progress_ratio(actual: float, baseline: float, expected: float) -> float | None:
    """(actual − baseline) / (expected − baseline); None when expected = baseline.

    1 means exactly on the path, 0 no change since the baseline, negative a
    move the wrong way. The same formula serves lower-is-better indicators:
    numerator and denominator are then both negative when things improve.
    """
    if math.isclose(expected, baseline, rel_tol=1e-12, abs_tol=1e-12):
        return None
    return (actual - baseline) / (expected - baseline)


def share_of_change(value: float, baseline: float, target: float) -> float | None:
    """(value − baseline) / (target − baseline); None when target = baseline."""
    return progress_ratio(value, baseline, target)
