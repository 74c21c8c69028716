"""Recomputing statuses from the recorded facts.

``recompute_targets`` and ``recompute_tasks`` rebuild the status rows of the
items named (and, for targets, of every milestone of the same indicator);
``recompute_all`` rebuilds everything, plan by plan, for the nightly run and
``tiendo evaluate``. Status rows are replaced, not updated: a status is a
function of the facts and the day, and nothing else is kept in it.

All functions run inside the caller's transaction and never commit, so the
reporting workflow can record facts and statuses in the same transaction as
the approval that produced them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, delete, func, insert, select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import province_family
from tiendo.clock import utcnow
from tiendo.domain.periods import Period, generate_periods, periods_for_duty
from tiendo.domain.plan import Frequency, ReportingDuty
from tiendo.errors import ValidationError
from tiendo.evaluate import mapping
from tiendo.evaluate.buckets import TASK_BUCKETS
from tiendo.evaluate.config import DEFAULT_CONFIG, EvaluationConfig
from tiendo.evaluate.tasks import evaluate_continuing_task, evaluate_task
from tiendo.store.tables import (
    DutyRow,
    ObservationRow,
    PlanRow,
    SubmissionRow,
    TargetRow,
    TargetStatusRow,
    TaskAgencyTallyRow,
    TaskGroupTallyRow,
    TaskProgressRow,
    TaskRow,
    TaskStatusRow,
)

#: Rows written per INSERT: large enough to be fast, small enough for every driver.
CHUNK = 2000


@dataclass
class Recomputed:
    """How many status rows a recomputation wrote and removed."""

    targets: int = 0
    tasks: int = 0
    removed: int = 0

    def add(self, other: Recomputed) -> None:
        self.targets += other.targets
        self.tasks += other.tasks
        self.removed += other.removed


def _live(row_type):
    return and_(row_type.active.is_(True), row_type.deleted.is_(False))


def _chunks(items: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _replace(session: Session, table, key, ids: Sequence[int], rows: list[dict]) -> None:
    for chunk in _chunks(list(ids)):
        session.execute(delete(table).where(key.in_(chunk)))
    for chunk in _chunks(rows):
        session.execute(insert(table), list(chunk))


def _provinces(session: Session, plan_ids: Iterable[int]) -> dict[int, str | None]:
    ids = sorted(set(plan_ids))
    out: dict[int, str | None] = {}
    for chunk in _chunks(ids):
        out.update(
            session.execute(
                select(PlanRow.id, PlanRow.province_code).where(PlanRow.id.in_(chunk))
            ).all()
        )
    return out


# ---------------------------------------------------------------- targets


def target_groups(session: Session, plan_ids: Sequence[int]) -> dict[tuple[int, str], list]:
    groups: dict[tuple[int, str], list] = defaultdict(list)
    for chunk in _chunks(list(plan_ids)):
        stmt = (
            select(TargetRow)
            .where(TargetRow.plan_id.in_(chunk), _live(TargetRow))
            .order_by(TargetRow.plan_id, TargetRow.year, TargetRow.id)
        )
        for row in session.scalars(stmt):
            groups[(row.plan_id, mapping.indicator_key(row.indicator, row.unit))].append(row)
    return groups


#: What evaluation reads of an observation (plain rows: far cheaper than ORM objects).
_OBSERVATION_COLUMNS = (
    ObservationRow.id,
    ObservationRow.target_id,
    ObservationRow.value,
    ObservationRow.as_of,
    ObservationRow.source,
    ObservationRow.recorded_at,
)


def live_observations(session: Session, target_ids: Sequence[int]) -> dict[int, list]:
    """Live observations per target, in the order later entries win (date, then recording)."""
    out: dict[int, list] = defaultdict(list)
    for chunk in _chunks(list(target_ids)):
        stmt = (
            select(*_OBSERVATION_COLUMNS)
            .where(ObservationRow.target_id.in_(chunk), ObservationRow.retracted.is_(False))
            .order_by(ObservationRow.as_of, ObservationRow.recorded_at, ObservationRow.id)
        )
        for row in session.execute(stmt):
            out[row.target_id].append(row)
    return out


def group_observations(rows: Sequence, by_target: dict[int, list]) -> list:
    """The observations of every milestone of one indicator, as one series."""
    merged = [o for row in rows for o in by_target.get(row.id, [])]
    merged.sort(key=lambda o: (o.as_of, o.recorded_at, o.id))
    return [mapping.observation(o) for o in merged]


def _evaluate_target_groups(
    session: Session,
    groups: dict[tuple[int, str], list],
    today: dt.date,
    config: EvaluationConfig,
) -> list[dict]:
    provinces = _provinces(session, {plan_id for plan_id, _ in groups})
    ids = [row.id for rows in groups.values() for row in rows]
    by_target = live_observations(session, ids)
    now = utcnow()
    out = []
    for (plan_id, key), rows in groups.items():
        series = group_observations(rows, by_target)
        results = mapping.evaluate_indicator(
            rows, provinces.get(plan_id), series, today, config.thresholds
        )
        for row, result in zip(rows, results, strict=True):
            out.append(
                {
                    "plan_id": plan_id,
                    "agency_id": row.responsible_agency_id,
                    "indicator_key": key,
                    "year": row.year,
                    "computed_at": now,
                    "ratio": None,
                    "anticipated": None,
                    "progress_percent": None,
                    "latest_value": None,
                    "latest_as_of": None,
                    "goal": None,
                    "projected": None,
                    **result,
                }
            )
    return out


def recompute_targets(
    session: Session,
    target_ids: Iterable[int],
    today: dt.date,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> Recomputed:
    """Recompute the named targets and every other milestone of their indicators."""
    ids = sorted(set(target_ids))
    if not ids:
        return Recomputed()
    plan_ids: set[int] = set()
    for chunk in _chunks(ids):
        plan_ids.update(session.scalars(select(TargetRow.plan_id).where(TargetRow.id.in_(chunk))))
    groups = {
        key: rows
        for key, rows in target_groups(session, sorted(plan_ids)).items()
        if any(row.id in set(ids) for row in rows)
    }
    rows = _evaluate_target_groups(session, groups, today, config)
    live = {row["target_id"] for row in rows}
    gone = [i for i in ids if i not in live]
    _replace(
        session,
        TargetStatusRow.__table__,
        TargetStatusRow.target_id,
        sorted(live | set(gone)),
        rows,
    )
    return Recomputed(targets=len(rows), removed=len(gone))


# ---------------------------------------------------------------- tasks


#: What evaluation reads of a task and of its progress (plain rows, not ORM objects).
_TASK_COLUMNS = (
    TaskRow.id,
    TaskRow.plan_id,
    TaskRow.group_no,
    TaskRow.text,
    TaskRow.lead_agency_id,
    TaskRow.deadline_due,
    TaskRow.deadline_precision,
    TaskRow.deadline_text,
    TaskRow.continuing,
)
_PROGRESS_COLUMNS = (
    TaskProgressRow.task_id,
    TaskProgressRow.period_key,
    TaskProgressRow.state,
    TaskProgressRow.percent_done,
    TaskProgressRow.completed_on,
    TaskProgressRow.reported_at,
)


def _latest_progress(session: Session, task_ids: Sequence[int]) -> tuple[dict, dict]:
    """Per task: the latest live progress row, and the periods reported on (key → reported_at)."""
    latest: dict[int, object] = {}
    periods: dict[int, dict[str, dt.datetime]] = defaultdict(dict)
    for chunk in _chunks(list(task_ids)):
        stmt = (
            select(*_PROGRESS_COLUMNS)
            .where(TaskProgressRow.task_id.in_(chunk), TaskProgressRow.retracted.is_(False))
            .order_by(TaskProgressRow.reported_at, TaskProgressRow.id)
        )
        for row in session.execute(stmt):
            latest[row.task_id] = row
            if row.period_key:
                periods[row.task_id][row.period_key] = row.reported_at
    return latest, periods


def _fallback_periods(duties: list[DutyRow], today: dt.date) -> tuple[list[Period], str]:
    """Periods from the plan's reporting duties, else quarterly by the national rule."""
    start, end = today - dt.timedelta(days=400), today + dt.timedelta(days=200)
    periods: dict[str, Period] = {}
    for duty in duties:
        frequencies = [
            Frequency(f) for f in duty.frequency or [] if f in Frequency.__members__.values()
        ]
        rule = ReportingDuty(kind="report", text="", line=0, frequency=frequencies, due=duty.due)
        try:
            found = periods_for_duty(rule, start, end)
        except ValidationError:
            # A duty whose due rule cannot be read gives no periods; the
            # review page reports the rule itself.
            continue
        for period in found:
            periods.setdefault(period.key, period)
    if periods:
        return list(periods.values()), "Kỳ báo cáo theo chế độ báo cáo của kế hoạch."
    return (
        generate_periods(Frequency.QUARTERLY, start, end),
        "Chưa có kỳ báo cáo nào được mở: tạm xét theo quý, hạn ngày 25 tháng cuối quý.",
    )


def _continuing_periods(
    session: Session, pairs: set[tuple[int | None, int]], today: dt.date
) -> dict[tuple[int | None, int], tuple[list[Period], str]]:
    """The periods each (agency, plan) reports in: the expected reports opened for it."""
    agencies = sorted({a for a, _ in pairs if a is not None})
    plans = sorted({p for _, p in pairs})
    found: dict[tuple[int | None, int], dict[str, Period]] = defaultdict(dict)
    for chunk in _chunks(agencies):
        stmt = select(
            SubmissionRow.agency_id,
            SubmissionRow.plan_id,
            SubmissionRow.period_key,
            SubmissionRow.period_label,
            SubmissionRow.due,
        ).where(SubmissionRow.agency_id.in_(chunk))
        for agency, plan, key, label, due in session.execute(stmt):
            targets = [(agency, plan)] if plan is not None else [(agency, p) for p in plans]
            for pair in targets:
                if pair in pairs:
                    found[pair].setdefault(key, mapping.period_of(key, due, label))
    duties: dict[int, list[DutyRow]] = defaultdict(list)
    missing = [pair for pair in pairs if not found.get(pair)]
    for chunk in _chunks(sorted({p for _, p in missing})):
        stmt = select(DutyRow).where(
            DutyRow.plan_id.in_(chunk), _live(DutyRow), DutyRow.kind == "report"
        )
        for duty in session.scalars(stmt):
            duties[duty.plan_id].append(duty)
    out = {}
    fallback_cache: dict[int, tuple[list[Period], str]] = {}
    for pair in pairs:
        if found.get(pair):
            out[pair] = (list(found[pair].values()), "")
        else:
            plan = pair[1]
            if plan not in fallback_cache:
                fallback_cache[plan] = _fallback_periods(duties.get(plan, []), today)
            out[pair] = fallback_cache[plan]
    return out


def _evaluate_tasks(
    session: Session, rows: Sequence, today: dt.date, config: EvaluationConfig
) -> list[dict]:
    provinces = _provinces(session, {row.plan_id for row in rows})
    latest, reported = _latest_progress(session, [row.id for row in rows])
    continuing = {(row.lead_agency_id, row.plan_id) for row in rows if row.continuing}
    periods = _continuing_periods(session, continuing, today) if continuing else {}
    now = utcnow()
    out = []
    for row in rows:
        spec = mapping.task_spec(row, latest.get(row.id), provinces.get(row.plan_id))
        extra = None
        if row.continuing:
            candidates, note = periods[(row.lead_agency_id, row.plan_id)]
            done_in = reported.get(row.id, {})
            period = mapping.judged_period(candidates, set(done_in), today)
            if period is None:  # pragma: no cover - the fallback always yields periods
                continue
            result = evaluate_continuing_task(spec, period, done_in.get(period.key), today)
            if note:
                extra = {"period_note": note}
        else:
            result = evaluate_task(spec, today, config.task_rules)
        out.append(
            {
                "plan_id": row.plan_id,
                "agency_id": row.lead_agency_id,
                "group_no": row.group_no,
                "computed_at": now,
                **mapping.task_status_row(row, result, spec, extra),
            }
        )
    return out


def refresh_tallies(session: Session, plan_ids) -> None:
    """Count the task statuses of these plans again, by group and by lead agency."""
    ids = sorted({p for p in plan_ids if p is not None})
    for chunk in _chunks(ids, 200):
        session.execute(delete(TaskGroupTallyRow).where(TaskGroupTallyRow.plan_id.in_(chunk)))
        session.execute(delete(TaskAgencyTallyRow).where(TaskAgencyTallyRow.plan_id.in_(chunk)))
        t = TaskStatusRow
        by_group = (t.plan_id, t.group_no, t.status, t.dated, t.started)
        session.execute(
            insert(TaskGroupTallyRow).from_select(
                ["plan_id", "group_no", "status", "dated", "started", "n"],
                select(*by_group, func.count()).where(t.plan_id.in_(chunk)).group_by(*by_group),
            )
        )
        buckets = [
            func.sum(case((TASK_BUCKETS[name](t), 1), else_=0))
            for name in ("on_time", "counted", "overdue", "dated")
        ]
        session.execute(
            insert(TaskAgencyTallyRow).from_select(
                ["plan_id", "agency_id", "total", "on_time", "counted", "overdue", "dated"],
                select(t.plan_id, t.agency_id, func.count(), *buckets)
                .where(t.plan_id.in_(chunk))
                .group_by(t.plan_id, t.agency_id),
            )
        )


def recompute_tasks(
    session: Session,
    task_ids: Iterable[int],
    today: dt.date,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> Recomputed:
    """Recompute the named tasks; tasks no longer live lose their status."""
    ids = sorted(set(task_ids))
    if not ids:
        return Recomputed()
    rows: list = []
    for chunk in _chunks(ids):
        rows.extend(
            session.execute(select(*_TASK_COLUMNS).where(TaskRow.id.in_(chunk), _live(TaskRow)))
        )
    out = _evaluate_tasks(session, rows, today, config)
    gone = len(ids) - len(out)
    plans = {row.plan_id for row in rows}
    for chunk in _chunks(ids):
        plans.update(
            session.scalars(select(TaskStatusRow.plan_id).where(TaskStatusRow.task_id.in_(chunk)))
        )
    _replace(session, TaskStatusRow.__table__, TaskStatusRow.task_id, ids, out)
    refresh_tallies(session, plans)
    return Recomputed(tasks=len(out), removed=gone)


def continuing_tasks_of(session: Session, agency_id: int, plan_id: int | None) -> list[int]:
    """Continuing tasks led by an agency (in one plan, or in any when ``plan_id`` is None)."""
    stmt = select(TaskRow.id).where(
        TaskRow.lead_agency_id == agency_id, TaskRow.continuing.is_(True), _live(TaskRow)
    )
    if plan_id is not None:
        stmt = stmt.where(TaskRow.plan_id == plan_id)
    return list(session.scalars(stmt))


# ---------------------------------------------------------------- everything


def _plan_ids(session: Session, province: str | None) -> list[int]:
    stmt = select(PlanRow.id).order_by(PlanRow.id)
    if province:
        stmt = stmt.where(PlanRow.province_code.in_(sorted(province_family(province))))
    return list(session.scalars(stmt))


def recompute_all(
    session: Session,
    today: dt.date,
    province: str | None = None,
    config: EvaluationConfig = DEFAULT_CONFIG,
    *,
    plans_per_batch: int = 4,
    progress=None,
) -> Recomputed:
    """Rebuild every status (of one province and the provinces merged into it, when given).

    Works a few plans at a time so memory stays bounded at national scale;
    ``progress(done, total)`` is called after each batch when given.
    """
    plan_ids = _plan_ids(session, province)
    total = Recomputed()
    for index, batch in enumerate(_chunks(plan_ids, plans_per_batch)):
        total.add(_recompute_plans(session, list(batch), today, config))
        if progress is not None:
            progress(min((index + 1) * plans_per_batch, len(plan_ids)), len(plan_ids))
    return total


def _recompute_plans(
    session: Session, plan_ids: list[int], today: dt.date, config: EvaluationConfig
) -> Recomputed:
    groups = target_groups(session, plan_ids)
    target_rows = _evaluate_target_groups(session, groups, today, config)
    session.execute(delete(TargetStatusRow).where(TargetStatusRow.plan_id.in_(plan_ids)))
    for chunk in _chunks(target_rows):
        session.execute(insert(TargetStatusRow.__table__), list(chunk))
    tasks = list(
        session.scalars(
            select(TaskRow)
            .where(TaskRow.plan_id.in_(plan_ids), _live(TaskRow))
            .order_by(TaskRow.id)
        )
    )
    task_rows = _evaluate_tasks(session, tasks, today, config)
    session.execute(delete(TaskStatusRow).where(TaskStatusRow.plan_id.in_(plan_ids)))
    for chunk in _chunks(task_rows):
        session.execute(insert(TaskStatusRow.__table__), list(chunk))
    refresh_tallies(session, plan_ids)
    session.expunge_all()  # rows of finished plans are not needed again
    return Recomputed(targets=len(target_rows), tasks=len(task_rows))


def recompute_plan(
    session: Session, plan_id: int, today: dt.date, config: EvaluationConfig = DEFAULT_CONFIG
) -> Recomputed:
    """Rebuild the statuses of one plan (after it was stored or corrected)."""
    return _recompute_plans(session, [plan_id], today, config)
