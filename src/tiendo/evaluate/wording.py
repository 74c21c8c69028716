"""Numbers, values and conditions written the Vietnamese way for explanations."""

from __future__ import annotations

from tiendo.domain.plan import COMPARATOR_SYMBOLS, Comparator
from tiendo.evaluate.model import Direction
from tiendo.text.numbers import format_number


def num(value: float | None, digits: int = 2) -> str:
    """A number rounded to ``digits`` decimals, trailing zeros dropped: 1234.5 -> "1.234,5"."""
    if value is None:
        return "—"
    rounded = round(value, digits)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    return format_number(rounded)


def ratio(value: float | None) -> str:
    """A ratio with two decimals: 0.953 -> "0,95"."""
    if value is None:
        return "—"
    return format_number(round(value, 2) + 0.0, decimals=2)


def percent(value: float | None, digits: int = 1) -> str:
    """A share as a percentage: 0.8 -> "80%"."""
    if value is None:
        return "—"
    return f"{num(value * 100, digits)}%"


def quantity(value: float | None, unit: str) -> str:
    """A value with its unit: "80%", "5% GRDP", "hạng 20", "12", "có"."""
    if value is None:
        return "—"
    if unit == "bool":
        return "có" if value else "chưa có"
    if unit == "hạng":
        return f"hạng {num(value)}"
    if unit in ("số", ""):
        return num(value)
    if unit.startswith("%"):
        return f"{num(value)}{unit}"
    return f"{num(value)} {unit}"


def condition(
    op: Comparator,
    value: float | None,
    value_max: float | None,
    unit: str,
    direction: Direction | None,
) -> str:
    """The target's condition: "≥ 80%", "từ 8% đến 10%", "đạt hạng 20 trở lên"."""
    if unit == "bool":
        return "có"
    if op is Comparator.RANGE:
        return f"từ {quantity(value, unit)} đến {quantity(value_max, unit)}"
    if op is Comparator.EQ:
        if unit == "hạng":
            return f"đạt {quantity(value, unit)} hoặc cao hơn"
        side = {Direction.HIGHER: " trở lên", Direction.LOWER: " trở xuống"}.get(direction, "")
        return f"đạt {quantity(value, unit)}{side}"
    return f"{COMPARATOR_SYMBOLS[op]} {quantity(value, unit)}"
