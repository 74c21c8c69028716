"""Whether a value meets a target's condition, and which value to aim for.

"=" ("đạt 80%", "hạng 25") is read as "reach": the value or better in the
target's direction, since plans state where to arrive, not a point to hit
exactly. A range is met only inside it.
"""

from __future__ import annotations

from tiendo.domain.plan import Comparator
from tiendo.evaluate.model import Direction

#: Relative tolerance for comparisons, so 80 computed as 40 × 2 still meets "≥ 80".
_REL_TOL = 1e-9


def _tol(value: float) -> float:
    return _REL_TOL * max(1.0, abs(value))


def condition_holds(
    op: Comparator,
    value: float,
    value_max: float | None,
    direction: Direction,
    actual: float,
) -> bool:
    """True when ``actual`` satisfies ``op value [value_max]``."""
    eps = _tol(value)
    if op is Comparator.GE:
        return actual >= value - eps
    if op is Comparator.GT:
        return actual > value + eps
    if op is Comparator.LE:
        return actual <= value + eps
    if op is Comparator.LT:
        return actual < value - eps
    if op is Comparator.EQ:
        return actual >= value - eps if direction is Direction.HIGHER else actual <= value + eps
    assert value_max is not None
    return value - eps <= actual <= value_max + _tol(value_max)


def goal_value(
    op: Comparator, value: float, value_max: float | None, direction: Direction
) -> float:
    """The value progress is measured towards.

    For a range it is the end met first when moving in the target's
    direction: the low end when higher is better, the high end otherwise.
    """
    if op is Comparator.RANGE and direction is Direction.LOWER and value_max is not None:
        return value_max
    return value


def sign(direction: Direction) -> int:
    """+1 when higher is better, −1 when lower is better."""
    return 1 if direction is Direction.HIGHER else -1


def better_or_equal(direction: Direction, a: float, b: float) -> bool:
    """True when ``a`` is at least as good as ``b``."""
    return sign(direction) * (a - b) >= -_tol(b)
