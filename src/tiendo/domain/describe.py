"""Short Vietnamese descriptions of targets and deadlines for pages and exports."""

from __future__ import annotations

import datetime as dt

from tiendo.text.numbers import format_date, format_number

_OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": ""}


def _with_unit(text: str, unit: str) -> str:
    if unit in ("số", "", None):
        return text
    if unit == "hạng":
        return f"hạng {text}"
    if unit.startswith("%"):
        return (
            f"{text}{unit}"
            if unit == "%"
            else f"{text}{unit[0]} {unit[1:].strip()}".replace("% /", "%/")
        )
    return f"{text} {unit}"


def target_value(
    op: str, value: float | None, value_max: float | None, unit: str, kind: str = "level"
) -> str:
    """ "≥ 30% GRDP", "16–18%/năm", "gấp 2 lần", "Có" — the value as a reader expects it."""
    if kind == "achieve" or value is None:
        return "Có (đạt/không đạt)"
    if op == "range" and value_max is not None:
        return _with_unit(f"{format_number(value)}–{format_number(value_max)}", unit)
    if kind == "multiple":
        return f"gấp {format_number(value)} lần"
    if kind == "rank" and op in ("<=", "<"):
        return (
            f"trong nhóm {format_number(value)} dẫn đầu"
            if op == "<="
            else f"trên hạng {format_number(value)}"
        )
    prefix = _OPS.get(op, op)
    number = _with_unit(format_number(value), unit)
    return f"{prefix} {number}".strip()


def deadline(due: dt.date | None, precision: str | None, continuing: bool) -> str:
    """ "31/03/2025", "Năm 2028", "Thường xuyên" or "" (none stated)."""
    if continuing:
        return "Thường xuyên"
    if due is None:
        return ""
    if precision == "year":
        return f"Năm {due.year}"
    if precision == "quarter":
        return f"Quý {(due.month - 1) // 3 + 1}/{due.year}"
    if precision == "month":
        return f"Tháng {due.month}/{due.year}"
    return format_date(due)
