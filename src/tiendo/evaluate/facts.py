"""Recording the facts evaluation works on; what the reporting workflow calls.

When a coordinator approves a report, the workflow turns it into plain
facts — the values of targets, what was reported about tasks, and the
report's own timestamps — and calls the functions here inside the same
transaction. They validate the facts, store them, and recompute the
statuses they affect, so the dashboards are right as soon as the approval
commits. ``retract_report`` undoes a report's facts when it is reopened;
nothing is deleted, the rows are marked retracted and kept for history.

The inputs are small dataclasses, so the glue in ``hooks.py`` only maps the
workflow's rows to them. The approval itself is audited by the workflow;
these facts are derived from it and are never overwritten in place.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from tiendo.clock import VIETNAM, as_utc, today_in_vietnam, utcnow
from tiendo.errors import ValidationError
from tiendo.evaluate import mapping, service
from tiendo.evaluate.config import DEFAULT_CONFIG, EvaluationConfig
from tiendo.evaluate.explanation import local_date
from tiendo.evaluate.model import Observation, TaskState
from tiendo.evaluate.outliers import check_value
from tiendo.store.tables import (
    AgencyRow,
    ObservationRow,
    SubmissionRow,
    TargetRow,
    TaskProgressRow,
    TaskRow,
)
from tiendo.text.numbers import format_date, format_number

#: Dates outside these years are typing mistakes, not facts about the plans.
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


@dataclass(frozen=True)
class ObservationFact:
    """The value of a target's indicator as of a date, from an approved report."""

    target_id: int
    value: float
    as_of: dt.date
    source: str | None = None
    agency_id: int | None = None
    report_id: int | None = None


@dataclass(frozen=True)
class TaskProgressFact:
    """What a report said about a task: state (not_started, in_progress, done),
    % done, the completion day if any, and when it was reported (aware, or naive
    in Vietnam time)."""

    task_id: int
    state: str
    reported_at: dt.datetime
    period_key: str | None = None
    percent_done: float | None = None
    completed_on: dt.date | None = None
    report_id: int | None = None
    agency_id: int | None = None


@dataclass(frozen=True)
class SubmissionFact:
    """One expected report of an agency for a period, and what happened to it.

    Times may be aware, or naive in Vietnam time; they are stored in UTC.

    The workflow records one when a period opens (``submitted_at`` None: not
    yet sent), and again when the report is submitted and when approved.
    Rows are matched by ``report_id`` when known, else by agency, plan and
    period.
    """

    agency_id: int
    period_key: str
    due: dt.date
    plan_id: int | None = None
    province_code: str | None = None
    period_label: str = ""
    report_id: int | None = None
    submitted_at: dt.datetime | None = None
    approved_at: dt.datetime | None = None


@dataclass
class Recorded:
    """What a recording did: the rows written and the statuses recomputed."""

    ids: list[int] = field(default_factory=list)
    retracted: int = 0
    recomputed: service.Recomputed = field(default_factory=service.Recomputed)
    #: observations far from their indicator's history: (observation id, message)
    outliers: list[tuple[int, str]] = field(default_factory=list)


class _Errors:
    def __init__(self, what: str) -> None:
        self.what = what
        self.items: list[dict] = []

    def add(self, index: int, name: str, message: str) -> None:
        self.items.append({"msg": f"Dòng {index + 1}: {message}", "loc": [index, name]})

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(
                f"Không ghi được {self.what}: {self.items[0]['msg']}", errors=self.items
            )


def _check_date(errors: _Errors, index: int, name: str, label: str, day) -> None:
    if not isinstance(day, dt.date):
        errors.add(index, name, f"{label} phải là một ngày.")
    elif not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        errors.add(
            index,
            name,
            f"{label} {format_date(day)} nằm ngoài khoảng {EARLIEST_YEAR}–{LATEST_YEAR}.",
        )


def _existing(session: Session, row_type, ids: Iterable[int]) -> dict[int, object]:
    wanted = sorted(set(ids))
    found: dict[int, object] = {}
    for start in range(0, len(wanted), service.CHUNK):
        chunk = wanted[start : start + service.CHUNK]
        for row in session.scalars(select(row_type).where(row_type.id.in_(chunk))):
            found[row.id] = row
    return found


def _check_agencies(session: Session, errors: _Errors, rows: Sequence) -> None:
    wanted = {r.agency_id for r in rows if getattr(r, "agency_id", None) is not None}
    known = set(_existing(session, AgencyRow, wanted))
    for index, row in enumerate(rows):
        if row.agency_id is not None and row.agency_id not in known:
            errors.add(index, "agency_id", f"không có cơ quan số {row.agency_id}.")


def stored_time(moment: dt.datetime | None) -> dt.datetime | None:
    """A time as stored: aware, in UTC. A naive time is read as Vietnam time, as
    the evaluation rules read it (SQLite keeps no zone, so all times are kept in UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(dt.UTC)


def _today(today: dt.date | None) -> dt.date:
    return today or today_in_vietnam()


# ---------------------------------------------------------------- observations


def _validate_observations(session: Session, rows: Sequence[ObservationFact]) -> dict[int, object]:
    errors = _Errors("số liệu chỉ tiêu")
    targets = _existing(session, TargetRow, (r.target_id for r in rows))
    for index, row in enumerate(rows):
        target = targets.get(row.target_id)
        if target is None or not target.active or target.deleted:
            errors.add(index, "target_id", f"không có chỉ tiêu số {row.target_id} đang theo dõi.")
        if isinstance(row.value, bool) or not isinstance(row.value, int | float):
            errors.add(index, "value", f"giá trị «{row.value}» không phải là số.")
        elif not math.isfinite(row.value):
            errors.add(index, "value", "giá trị không phải là số hữu hạn.")
        elif target is not None and target.unit == "%" and not -100 <= row.value <= 100_000:
            errors.add(index, "value", f"tỷ lệ {format_number(row.value)}% không hợp lệ.")
        _check_date(errors, index, "as_of", "Ngày của số liệu", row.as_of)
        if row.source is not None and len(row.source) > 2000:
            errors.add(index, "source", "nguồn số liệu dài quá 2.000 ký tự.")
    _check_agencies(session, errors, rows)
    errors.raise_if_any()
    return targets


def _history(session: Session, targets: dict[int, object]) -> dict[int, list]:
    """Per target: the live observations of its whole indicator, for the outlier check."""
    plan_ids = sorted({t.plan_id for t in targets.values()})
    groups = service.target_groups(session, plan_ids)
    wanted = {}
    for rows in groups.values():
        if any(r.id in targets for r in rows):
            for r in rows:
                wanted[r.id] = rows
    by_target = service.live_observations(session, list(wanted))
    return {
        tid: service.group_observations(wanted[tid], by_target) for tid in targets if tid in wanted
    }


def record_observations(
    session: Session,
    rows: Iterable[ObservationFact],
    *,
    today: dt.date | None = None,
    recompute: bool = True,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> Recorded:
    """Store target values from an approved report and recompute the targets.

    Recording the same report again (approved after being reopened) retracts
    that report's earlier values for the same targets first, so a value is
    never counted twice. Each value is checked against its indicator's
    history; one far from it is stored, flagged, and returned in
    ``outliers`` so the reviewer can be told.
    """
    rows = list(rows)
    if not rows:
        return Recorded()
    targets = _validate_observations(session, rows)
    today = _today(today)
    outcome = Recorded()
    outcome.retracted = _retract_same_report(
        session,
        ObservationRow,
        ObservationRow.target_id,
        {(r.report_id, r.target_id) for r in rows if r.report_id is not None},
    )
    history = _history(session, targets)
    now = utcnow()
    stored_rows = []
    for row in rows:
        past = history.get(row.target_id, [])
        check = check_value(
            past,
            Observation(row.value, row.as_of),
            config.warning_rules.outlier_z,
            config.warning_rules.outlier_min_changes,
        )
        stored_rows.append(
            (
                ObservationRow(
                    target_id=row.target_id,
                    value=float(row.value),
                    as_of=row.as_of,
                    source=row.source,
                    agency_id=row.agency_id,
                    report_id=row.report_id,
                    recorded_at=now,
                    outlier=check.outlier,
                    outlier_z=check.z,
                    outlier_note=check.explanation.text if check.outlier else None,
                ),
                check,
            )
        )
    session.add_all([stored for stored, _ in stored_rows])
    session.flush()
    for stored, check in stored_rows:
        outcome.ids.append(stored.id)
        if check.outlier:
            outcome.outliers.append((stored.id, check.explanation.text))
    if recompute:
        outcome.recomputed = service.recompute_targets(
            session, {r.target_id for r in rows}, today, config
        )
    return outcome


def _retract_same_report(session: Session, row_type, item_column, pairs: set) -> int:
    """Retract the live rows a report recorded earlier for the same items."""
    by_report: dict[int, set[int]] = defaultdict(set)
    for report_id, item_id in pairs:
        by_report[report_id].add(item_id)
    count = 0
    for report_id, items in by_report.items():
        result = session.execute(
            update(row_type)
            .where(
                row_type.report_id == report_id,
                item_column.in_(sorted(items)),
                row_type.retracted.is_(False),
            )
            .values(retracted=True)
        )
        count += result.rowcount or 0
    return count


# ---------------------------------------------------------------- task progress


def _validate_progress(session: Session, rows: Sequence[TaskProgressFact]) -> None:
    errors = _Errors("tiến độ nhiệm vụ")
    tasks = _existing(session, TaskRow, (r.task_id for r in rows))
    states = [s.value for s in TaskState]
    for index, row in enumerate(rows):
        task = tasks.get(row.task_id)
        if task is None or not task.active or task.deleted:
            errors.add(index, "task_id", f"không có nhiệm vụ số {row.task_id} đang theo dõi.")
        if row.state not in states:
            errors.add(
                index,
                "state",
                f"trạng thái «{row.state}» không hợp lệ (dùng: {', '.join(states)}).",
            )
        if row.percent_done is not None and (
            isinstance(row.percent_done, bool)
            or not isinstance(row.percent_done, int | float)
            or not 0 <= row.percent_done <= 100
        ):
            errors.add(index, "percent_done", "tỷ lệ hoàn thành phải là số từ 0 đến 100.")
        if not isinstance(row.reported_at, dt.datetime):
            errors.add(index, "reported_at", "thời điểm báo cáo phải là ngày giờ.")
        if row.completed_on is not None:
            _check_date(errors, index, "completed_on", "Ngày hoàn thành", row.completed_on)
        if row.period_key is not None and len(row.period_key) > 60:
            errors.add(index, "period_key", "mã kỳ báo cáo dài quá 60 ký tự.")
    _check_agencies(session, errors, rows)
    errors.raise_if_any()


def record_task_progress(
    session: Session,
    rows: Iterable[TaskProgressFact],
    *,
    today: dt.date | None = None,
    recompute: bool = True,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> Recorded:
    """Store what an approved report said about tasks and recompute those tasks."""
    rows = list(rows)
    if not rows:
        return Recorded()
    _validate_progress(session, rows)
    outcome = Recorded()
    outcome.retracted = _retract_same_report(
        session,
        TaskProgressRow,
        TaskProgressRow.task_id,
        {(r.report_id, r.task_id) for r in rows if r.report_id is not None},
    )
    stored_rows = [
        TaskProgressRow(
            task_id=row.task_id,
            period_key=row.period_key,
            state=row.state,
            percent_done=row.percent_done,
            completed_on=row.completed_on,
            reported_at=stored_time(row.reported_at),
            report_id=row.report_id,
            agency_id=row.agency_id,
        )
        for row in rows
    ]
    session.add_all(stored_rows)
    session.flush()
    outcome.ids.extend(stored.id for stored in stored_rows)
    if recompute:
        outcome.recomputed = service.recompute_tasks(
            session, {r.task_id for r in rows}, _today(today), config
        )
    return outcome


# ---------------------------------------------------------------- submissions


def _validate_submission(session: Session, row: SubmissionFact) -> None:
    errors = _Errors("báo cáo")
    if session.get(AgencyRow, row.agency_id) is None:
        errors.add(0, "agency_id", f"không có cơ quan số {row.agency_id}.")
    if not row.period_key or len(row.period_key) > 60:
        errors.add(0, "period_key", "mã kỳ báo cáo phải có, dài không quá 60 ký tự.")
    if len(row.period_label or "") > 120:
        errors.add(0, "period_label", "tên kỳ báo cáo dài quá 120 ký tự.")
    _check_date(errors, 0, "due", "Hạn báo cáo", row.due)
    for name in ("submitted_at", "approved_at"):
        moment = getattr(row, name)
        if moment is not None and not isinstance(moment, dt.datetime):
            errors.add(0, name, "phải là ngày giờ.")
    if row.approved_at is not None and row.submitted_at is None:
        errors.add(0, "approved_at", "báo cáo chưa nộp thì chưa thể được duyệt.")
    errors.raise_if_any()


def _find_submission(session: Session, row: SubmissionFact) -> SubmissionRow | None:
    if row.report_id is not None:
        found = session.scalars(
            select(SubmissionRow).where(SubmissionRow.report_id == row.report_id)
        ).first()
        if found is not None:
            return found
    plan = (
        SubmissionRow.plan_id.is_(None)
        if row.plan_id is None
        else SubmissionRow.plan_id == row.plan_id
    )
    candidates = session.scalars(
        select(SubmissionRow)
        .where(
            and_(
                SubmissionRow.agency_id == row.agency_id,
                SubmissionRow.period_key == row.period_key,
                plan,
            )
        )
        .order_by(SubmissionRow.id)
    )
    for candidate in candidates:
        if candidate.report_id is None or candidate.report_id == row.report_id:
            return candidate
    return None


def submitted_day(moment: dt.datetime | None) -> dt.date | None:
    """The day in Vietnam of a stored time (naive times are UTC, as stored)."""
    return local_date(as_utc(moment)) if moment is not None else None


def record_submission(
    session: Session,
    row: SubmissionFact,
    *,
    today: dt.date | None = None,
    recompute: bool = True,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> int:
    """Store (or update) one expected report; returns the submission row's id.

    The agency's continuing tasks are recomputed: their periods come from
    the reports expected of the agency.
    """
    _validate_submission(session, row)
    stored = _find_submission(session, row)
    if stored is not None and stored.agency_id != row.agency_id:
        raise ValidationError(
            f"Báo cáo số {row.report_id} đã được ghi cho cơ quan số {stored.agency_id}, "
            f"không phải cơ quan số {row.agency_id}.",
            errors=[
                {"msg": "Số báo cáo trùng với báo cáo của cơ quan khác.", "loc": ["report_id"]}
            ],
        )
    if stored is None:
        stored = SubmissionRow(agency_id=row.agency_id, period_key=row.period_key)
        session.add(stored)
    stored.report_id = row.report_id if row.report_id is not None else stored.report_id
    stored.plan_id = row.plan_id
    stored.province_code = row.province_code
    stored.period_label = (
        row.period_label or stored.period_label or mapping.period_of(row.period_key, row.due).label
    )
    stored.due = row.due
    stored.submitted_at = stored_time(row.submitted_at)
    stored.submitted_on = submitted_day(stored.submitted_at)
    stored.approved_at = stored_time(row.approved_at)
    session.flush()
    if recompute:
        tasks = service.continuing_tasks_of(session, row.agency_id, row.plan_id)
        service.recompute_tasks(session, tasks, _today(today), config)
    return stored.id


def record_submissions(
    session: Session,
    rows: Iterable[SubmissionFact],
    *,
    today: dt.date | None = None,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> list[int]:
    """Record the expected reports of a newly opened period, then recompute once."""
    rows = list(rows)
    ids = [record_submission(session, r, recompute=False) for r in rows]
    tasks: set[int] = set()
    for agency, plan in {(r.agency_id, r.plan_id) for r in rows}:
        tasks.update(service.continuing_tasks_of(session, agency, plan))
    service.recompute_tasks(session, tasks, _today(today), config)
    return ids


# ---------------------------------------------------------------- retraction


def retract_report(
    session: Session,
    report_id: int,
    *,
    today: dt.date | None = None,
    recompute: bool = True,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> Recorded:
    """A report was reopened: its facts stop counting until it is approved again.

    Its values and task progress are marked retracted (kept, not deleted),
    its approval time is cleared, and the targets and tasks it touched are
    recomputed.
    """
    outcome = Recorded()
    targets = set(
        session.scalars(
            select(ObservationRow.target_id).where(
                ObservationRow.report_id == report_id, ObservationRow.retracted.is_(False)
            )
        )
    )
    tasks = set(
        session.scalars(
            select(TaskProgressRow.task_id).where(
                TaskProgressRow.report_id == report_id, TaskProgressRow.retracted.is_(False)
            )
        )
    )
    for row_type in (ObservationRow, TaskProgressRow):
        result = session.execute(
            update(row_type)
            .where(row_type.report_id == report_id, row_type.retracted.is_(False))
            .values(retracted=True)
        )
        outcome.retracted += result.rowcount or 0
    session.execute(
        update(SubmissionRow).where(SubmissionRow.report_id == report_id).values(approved_at=None)
    )
    if recompute:
        today = _today(today)
        outcome.recomputed.add(service.recompute_targets(session, targets, today, config))
        outcome.recomputed.add(service.recompute_tasks(session, tasks, today, config))
    return outcome
