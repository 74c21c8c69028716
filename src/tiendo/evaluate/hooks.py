"""What evaluation must learn from the rest of the system.

The reporting service calls these inside the transaction of the change, so
derived data (observations of target values, statuses) stays consistent
with the approved reports. The glue from the workflow's own tables to the
fact dataclasses of ``facts`` belongs here:

* on approval: one ``facts.SubmissionFact`` (with ``submitted_at`` and
  ``approved_at``) for the report, one ``facts.ObservationFact`` per target
  value, one ``facts.TaskProgressFact`` per task line, all carrying the
  report's id, then ``facts.record_submission``, ``record_observations`` and
  ``record_task_progress``;
* on reopening: ``facts.retract_report(session, report_id)``;
* when a period opens: ``facts.record_submissions`` with one row per
  expected report (``submitted_at`` None), and again on each submission.

Plans call ``on_plan_changed`` when their targets or tasks change, so new
items get a status before the nightly ``tiendo evaluate``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from tiendo.clock import today_in_vietnam
from tiendo.evaluate import facts, service


def on_report_approved(session: Session, report_id: int) -> None:
    """A report was approved: its target values become observations; statuses are recomputed.

    Written with the reporting workflow: it maps the report's rows to the
    dataclasses of ``facts`` and records them (see the module docstring).
    """


def on_report_reopened(session: Session, report_id: int) -> None:
    """An approved report was reopened: its observations no longer count until approved again."""
    facts.retract_report(session, report_id)


def on_plan_changed(session: Session, plan_id: int, today: dt.date | None = None) -> None:
    """A plan was stored or corrected: recompute its statuses (flushes first)."""
    session.flush()
    service.recompute_plan(session, plan_id, today or today_in_vietnam())
