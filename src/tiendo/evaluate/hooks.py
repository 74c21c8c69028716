"""What evaluation must learn from the reporting workflow.

The reporting service calls these inside the transaction of the change, so
derived data (observations of target values, statuses) stays consistent
with the approved reports.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def on_report_approved(session: Session, report_id: int) -> None:
    """A report was approved: its target values become observations; statuses are recomputed."""


def on_report_reopened(session: Session, report_id: int) -> None:
    """An approved report was reopened: its observations no longer count until approved again."""
