"""Builders shared by the evaluation tests: a test states only what matters."""

from __future__ import annotations

import datetime as dt

from tiendo.evaluate.model import Observation, TargetSpec


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def obs(*pairs: tuple[str, float]) -> list[Observation]:
    """Observations from ("2025-12-31", 45) pairs."""
    return [Observation(value, day(date)) for date, value in pairs]


def level(**fields) -> TargetSpec:
    """A level target: "≥ 70%" by 2030 from 40% at 31/12/2024 unless told otherwise."""
    values = {
        "id": "t1",
        "indicator": "Tỷ lệ thử nghiệm",
        "kind": "level",
        "op": ">=",
        "value": 70.0,
        "unit": "%",
        "year": 2030,
        "baseline_value": 40.0,
        "baseline_date": day("2024-12-31"),
    }
    values.update(fields)
    return TargetSpec(**values)
