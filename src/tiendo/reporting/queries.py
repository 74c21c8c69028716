"""Read side of reporting that other pages show: the latest approved values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.store.tables import ReportRow, ReportValueRow, TargetRow


@dataclass(frozen=True)
class LatestValue:
    value: float
    as_of: dt.date
    unit: str

    @property
    def display(self) -> str:
        from tiendo.text.numbers import format_number

        if self.unit == "bool":
            return "có" if self.value == 1 else "không"
        return f"{format_number(self.value)} {self.unit}".strip()


def latest_approved_values(session: Session, plan_id: int) -> dict[int, LatestValue]:
    """Per target of the plan, the latest value of an approved report (never a draft)."""
    rows = session.execute(
        select(ReportValueRow.target_id, ReportValueRow.value, ReportValueRow.as_of, TargetRow.unit)
        .join(ReportRow, ReportRow.id == ReportValueRow.report_id)
        .join(TargetRow, TargetRow.id == ReportValueRow.target_id)
        .where(
            TargetRow.plan_id == plan_id,
            ReportRow.status == "approved",
            ReportValueRow.value.is_not(None),
            ReportValueRow.as_of.is_not(None),
        )
        .order_by(ReportValueRow.as_of, ReportRow.approved_at, ReportValueRow.id)
    ).all()
    out: dict[int, LatestValue] = {}
    for target_id, value, as_of, unit in rows:
        out[target_id] = LatestValue(value, as_of, unit)
    return out
