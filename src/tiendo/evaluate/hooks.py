"""What evaluation learns from the rest of the system: the glue into ``facts``.

The reporting workflow calls these inside the transaction of its change,
so the facts evaluation reads (observations of target values, task
progress, expected and received reports) and the statuses computed from
them stay consistent with the approved reports:

* a period is opened (or an agency is given something to report): one
  expected report per agency with something to report in the plan;
* a report is submitted: its expected report gets its submission time
  (the first one: a report returned and sent again still counts as on time
  if it was first sent on time);
* a report is approved: its target values become observations, its task
  lines task progress, and the expected report its approval time;
* an approved report is reopened: its facts are retracted until approved again.

Plans call ``on_plan_changed`` when their targets or tasks change, so new
items get a status before the nightly ``tiendo evaluate``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.clock import today_in_vietnam
from tiendo.evaluate import facts, service
from tiendo.store.tables import (
    PeriodRow,
    PlanRow,
    ReportRow,
    ReportTaskRow,
    ReportValueRow,
    SubmissionRow,
)


def _report_context(session: Session, report_id: int) -> tuple[ReportRow, PeriodRow, PlanRow]:
    report = session.get(ReportRow, report_id)
    period = session.get(PeriodRow, report.period_id)
    plan = session.get(PlanRow, period.plan_id)
    return report, period, plan


def _submission(
    report: ReportRow, period: PeriodRow, plan: PlanRow, *, approved: bool
) -> facts.SubmissionFact:
    return facts.SubmissionFact(
        agency_id=report.agency_id,
        period_key=period.key,
        due=period.due,
        plan_id=plan.id,
        province_code=plan.province_code,
        period_label=period.label,
        report_id=report.id,
        submitted_at=report.first_submitted_at or report.submitted_at,
        approved_at=report.approved_at if approved else None,
    )


def on_report_submitted(session: Session, report_id: int) -> None:
    """A report was sent: its expected report is received (timeliness counts from now)."""
    report, period, plan = _report_context(session, report_id)
    session.flush()
    facts.record_submission(session, _submission(report, period, plan, approved=False))


def on_report_approved(session: Session, report_id: int) -> None:
    """A report was approved: its values and task lines become facts; statuses are recomputed."""
    report, period, plan = _report_context(session, report_id)
    session.flush()
    reported_at = report.first_submitted_at or report.submitted_at or report.approved_at
    facts.record_submission(
        session, _submission(report, period, plan, approved=True), recompute=False
    )
    observations = [
        facts.ObservationFact(
            target_id=row.target_id,
            value=row.value,
            # A value with no date stands for the end of the period it was reported for.
            as_of=row.as_of or period.end,
            source=row.source,
            agency_id=report.agency_id,
            report_id=report.id,
        )
        for row in session.scalars(
            select(ReportValueRow).where(ReportValueRow.report_id == report.id)
        )
        if row.value is not None
    ]
    progress = [
        facts.TaskProgressFact(
            task_id=row.task_id,
            state=row.status,
            reported_at=reported_at,
            period_key=period.key,
            percent_done=row.percent_done,
            completed_on=row.completed_on,
            report_id=report.id,
            agency_id=report.agency_id,
        )
        for row in session.scalars(
            select(ReportTaskRow).where(ReportTaskRow.report_id == report.id)
        )
        if row.status
    ]
    facts.record_observations(session, observations)
    facts.record_task_progress(session, progress)


def on_report_reopened(session: Session, report_id: int) -> None:
    """An approved report was reopened: its observations no longer count until approved again."""
    facts.retract_report(session, report_id)


def on_periods_changed(session: Session, plan_id: int) -> int:
    """Expect a report from every agency with something to report, for every period of the plan.

    Only missing expectations are added, so received reports keep their
    times; returns how many were added.
    """
    from tiendo.reporting.reports import agencies_in_plan

    session.flush()
    plan = session.get(PlanRow, plan_id)
    periods = list(session.scalars(select(PeriodRow).where(PeriodRow.plan_id == plan_id)))
    agencies = agencies_in_plan(session, plan_id)
    if not periods or not agencies:
        return 0
    by_key = {p.key: p for p in periods}
    known = set()
    for row in session.scalars(select(SubmissionRow).where(SubmissionRow.plan_id == plan_id)):
        known.add((row.agency_id, row.period_key))
        period = by_key.get(row.period_key)
        if period is not None and row.due != period.due:
            # A coordinator moved the due date: timeliness is judged against the new one.
            row.due = period.due
    reports = {
        (r.agency_id, r.period_id): r
        for r in session.scalars(
            select(ReportRow).where(ReportRow.period_id.in_([p.id for p in periods]))
        )
    }
    missing = []
    for period in periods:
        for agency_id in sorted(agencies):
            if (agency_id, period.key) in known:
                continue
            report = reports.get((agency_id, period.id))
            missing.append(
                facts.SubmissionFact(
                    agency_id=agency_id,
                    period_key=period.key,
                    due=period.due,
                    plan_id=plan.id,
                    province_code=plan.province_code,
                    period_label=period.label,
                    report_id=report.id if report else None,
                    submitted_at=(report.first_submitted_at or report.submitted_at)
                    if report
                    else None,
                    approved_at=report.approved_at
                    if report and report.status == "approved"
                    else None,
                )
            )
    if missing:
        facts.record_submissions(session, missing)
    return len(missing)


def on_plan_changed(session: Session, plan_id: int, today: dt.date | None = None) -> None:
    """A plan was stored or corrected: recompute its statuses (flushes first)."""
    session.flush()
    service.recompute_plan(session, plan_id, today or today_in_vietnam())
