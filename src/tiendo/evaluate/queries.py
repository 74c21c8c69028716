"""Read side of evaluation: who sees what, filters, buckets, and the item lists.

Every read starts from a ``Scope``: the plans the reader may see
(``Visibility``) narrowed by the filters (province with the provinces merged
into it, plan, group, agency, period). Counts and lists are built from the
same SQL conditions (the *buckets* below), so a count on a dashboard and
the list behind its link always agree. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from sqlalchemy import and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from tiendo.accounts.roles import province_family
from tiendo.domain import describe
from tiendo.domain.periods import Period
from tiendo.domain.units import PROVINCES, successor_on
from tiendo.errors import NotFound, ValidationError
from tiendo.evaluate import mapping
from tiendo.evaluate.buckets import TASK_BUCKETS
from tiendo.evaluate.readmodels import (
    SubmissionOut,
    SubmissionPage,
    TargetPage,
    TargetStatusOut,
    TaskPage,
    TaskStatusOut,
)
from tiendo.evaluate.targets import TARGET_STATUS_LABELS, TargetStatus
from tiendo.evaluate.tasks import TASK_STATUS_LABELS, TaskStatus
from tiendo.evaluate.timeliness import (
    SUBMISSION_STATUS_LABELS,
    SubmissionStatus,
    classify_submission,
)
from tiendo.store.queries import Visibility, province_ref
from tiendo.store.tables import (
    AgencyRow,
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
from tiendo.text.numbers import format_date

# ---------------------------------------------------------------- filters and scope


@dataclass(frozen=True)
class Filters:
    """What a reader narrowed the view to; None means no narrowing."""

    province: str | None = None
    plan: int | None = None
    group: str | None = None
    agency: int | None = None
    period: str | None = None

    def __post_init__(self) -> None:
        if self.province is not None and self.province not in PROVINCES:
            raise ValidationError(
                f"Không có tỉnh, thành phố mã «{self.province}».", where="province"
            )
        if self.period is not None and len(self.period) > 60:
            raise ValidationError("Mã kỳ báo cáo quá dài.", where="period")
        if self.group is not None and len(self.group) > 40:
            raise ValidationError("Mã nhóm nhiệm vụ quá dài.", where="group")

    def params(self, **extra) -> dict:
        values = {
            "province": self.province,
            "plan": self.plan,
            "group": self.group,
            "agency": self.agency,
            "period": self.period,
            **extra,
        }
        return {k: v for k, v in values.items() if v not in (None, "")}

    def link(self, path: str, **extra) -> str:
        query = urlencode(self.params(**extra))
        return f"{path}?{query}" if query else path

    def as_dict(self) -> dict:
        return {
            "province": self.province,
            "plan": self.plan,
            "group": self.group,
            "agency": self.agency,
            "period": self.period,
        }


#: Where the item lists live; every count links to one of them.
TARGETS_PAGE = "/danh-gia/chi-tieu"
TASKS_PAGE = "/danh-gia/nhiem-vu"
REPORTS_PAGE = "/danh-gia/bao-cao"


def home_of(code: str | None, today: dt.date) -> str | None:
    """The province that answers today for a province code (itself, or its 2025 successor)."""
    if not code or code not in PROVINCES:
        return None
    return successor_on(code, today).code


@dataclass(frozen=True)
class PlanInfo:
    id: int
    label: str
    province_code: str | None
    status: str

    def home(self, today: dt.date) -> str | None:
        """The province that answers for the plan today (after the 2025 merger)."""
        return home_of(self.province_code, today) or self.province_code


@dataclass(frozen=True)
class Scope:
    filters: Filters
    today: dt.date
    plans: dict[int, PlanInfo] = field(default_factory=dict)
    period: Period | None = None
    #: provinces whose reports not tied to a plan are counted (None: all)
    provinces: frozenset[str] | None = None

    @property
    def plan_ids(self) -> list[int]:
        return sorted(self.plans)


def plan_label(plan: PlanRow) -> str:
    parts = [plan.doc_type or "Văn bản", plan.number or ""]
    label = " ".join(p for p in parts if p).strip()
    where = province_ref(plan.province_code)
    name = where.name if where else plan.province_name
    if name:
        label += f" — {name}"
    if plan.issued_on:
        label += f" ({format_date(plan.issued_on)})"
    return label


def resolve_scope(
    session: Session, visibility: Visibility, filters: Filters, today: dt.date
) -> Scope:
    """The plans a reader may see that match the filters, and the period asked for."""
    stmt = select(PlanRow).where(visibility.condition())
    provinces = None
    if filters.province:
        provinces = province_family(filters.province)
        stmt = stmt.where(PlanRow.province_code.in_(sorted(provinces)))
    if filters.plan is not None:
        stmt = stmt.where(PlanRow.id == filters.plan)
    plans = {
        p.id: PlanInfo(p.id, plan_label(p), p.province_code, p.status)
        for p in session.scalars(stmt)
    }
    period = mapping.period_of(filters.period, today) if filters.period else None
    return Scope(filters, today, plans, period, provinces)


# ---------------------------------------------------------------- conditions


def task_scope(scope: Scope):
    """Task status rows in scope (plans, agency, group, period)."""
    f = scope.filters
    conditions = [TaskStatusRow.plan_id.in_(scope.plan_ids)]
    if f.agency is not None:
        conditions.append(TaskStatusRow.agency_id == f.agency)
    if f.group is not None:
        conditions.append(TaskStatusRow.group_no == f.group)
    if scope.period is not None:
        # A task belongs to a period when its deadline falls in it, or (a
        # continuing task) when it is judged in it.
        conditions.append(
            or_(
                and_(
                    TaskStatusRow.dated.is_(True),
                    TaskStatusRow.due.between(scope.period.start, scope.period.end),
                ),
                TaskStatusRow.period_key == scope.period.key,
            )
        )
    return and_(*conditions)


def tallies_apply(scope: Scope, by_agency: bool = False) -> bool:
    """Whether the task tallies can answer for this scope (no agency, no period;
    the agency tallies have no group either)."""
    f = scope.filters
    if f.agency is not None or scope.period is not None:
        return False
    return not (by_agency and f.group is not None)


def group_tally_scope(scope: Scope):
    conditions = [TaskGroupTallyRow.plan_id.in_(scope.plan_ids)]
    if scope.filters.group is not None:
        conditions.append(TaskGroupTallyRow.group_no == scope.filters.group)
    return and_(*conditions)


def agency_tally_scope(scope: Scope):
    return TaskAgencyTallyRow.plan_id.in_(scope.plan_ids)


def target_scope(scope: Scope, current_only: bool = True):
    """Target status rows in scope; by default only each indicator's current milestone."""
    f = scope.filters
    conditions = [TargetStatusRow.plan_id.in_(scope.plan_ids)]
    if current_only:
        conditions.append(TargetStatusRow.is_current.is_(True))
    if f.agency is not None:
        conditions.append(TargetStatusRow.agency_id == f.agency)
    return and_(*conditions)


def submission_scope(scope: Scope):
    """Expected reports in scope: those of the plans in scope, and reports not tied
    to a plan from the provinces in scope (none when one plan is asked for)."""
    f = scope.filters
    if f.plan is not None:
        where = SubmissionRow.plan_id.in_(scope.plan_ids)
    elif scope.provinces is not None:
        where = or_(
            SubmissionRow.plan_id.in_(scope.plan_ids),
            and_(
                SubmissionRow.plan_id.is_(None),
                SubmissionRow.province_code.in_(sorted(scope.provinces)),
            ),
        )
    else:
        where = or_(SubmissionRow.plan_id.in_(scope.plan_ids), SubmissionRow.plan_id.is_(None))
    conditions = [where]
    if f.agency is not None:
        conditions.append(SubmissionRow.agency_id == f.agency)
    if f.period is not None:
        conditions.append(SubmissionRow.period_key == f.period)
    return and_(*conditions)


# Buckets: named sets of items whose counts the pages show (task buckets live
# in buckets.py, where the service also finds them for the tallies).

_S = TargetStatus
TARGET_BUCKETS = {
    "good": lambda: TargetStatusRow.status.in_([_S.ACHIEVED.value, _S.ON_TRACK.value]),
    "bad": lambda: TargetStatusRow.status.in_([_S.AT_RISK.value, _S.MISSED.value]),
    "all": lambda: true(),
}
TARGET_BUCKET_LABELS = {
    "good": "chỉ tiêu đã đạt hoặc đúng tiến độ",
    "bad": "chỉ tiêu nguy cơ không đạt hoặc không đạt",
    "all": "chỉ tiêu",
}


def _known_submitted(today: dt.date):
    return and_(SubmissionRow.submitted_on.is_not(None), SubmissionRow.submitted_on <= today)


def report_status_case(today: dt.date):
    """The status of an expected report on ``today``, in SQL (as timeliness.py)."""
    known = _known_submitted(today)
    return case(
        (
            and_(known, SubmissionRow.submitted_on <= SubmissionRow.due),
            SubmissionStatus.ON_TIME.value,
        ),
        (known, SubmissionStatus.LATE.value),
        (SubmissionRow.due < today, SubmissionStatus.MISSING.value),
        else_=SubmissionStatus.NOT_DUE.value,
    )


def report_bucket(name: str, today: dt.date):
    known = _known_submitted(today)
    buckets = {
        "on_time": and_(known, SubmissionRow.submitted_on <= SubmissionRow.due),
        "late": and_(known, SubmissionRow.submitted_on > SubmissionRow.due),
        "missing": and_(~known, SubmissionRow.due < today),
        "not_due": and_(~known, SubmissionRow.due >= today),
        "expected": or_(known, SubmissionRow.due < today),
        "received": known,
    }
    if name not in buckets:
        raise ValidationError(f"Không có nhóm báo cáo «{name}».", where="bucket")
    return buckets[name]


REPORT_BUCKET_LABELS = {
    "on_time": "báo cáo đúng hạn",
    "late": "báo cáo trễ hạn",
    "missing": "báo cáo chưa nộp (quá hạn)",
    "not_due": "báo cáo chưa đến hạn",
    "expected": "báo cáo đã đến hạn",
    "received": "báo cáo đã nhận",
}


def count_case(condition):
    return func.sum(case((condition, 1), else_=0))


# ---------------------------------------------------------------- names


#: Above this many agencies, reading every name is cheaper than a long IN list.
_ALL_NAMES_FROM = 300


def agency_names(session: Session, ids) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if len(wanted) > _ALL_NAMES_FROM:
        chosen = set(wanted)
        rows = session.execute(select(AgencyRow.id, AgencyRow.name))
        return {i: name for i, name in rows if i in chosen}
    out: dict[int, str] = {}
    for start in range(0, len(wanted), 2000):
        chunk = wanted[start : start + 2000]
        out.update(
            session.execute(
                select(AgencyRow.id, AgencyRow.name).where(AgencyRow.id.in_(chunk))
            ).all()
        )
    return out


def _explanation_text(data: dict | None) -> str:
    if not data:
        return ""
    inner = data.get("explanation") or {}
    return inner.get("text", "") if isinstance(inner, dict) else ""


# ---------------------------------------------------------------- lists


def _page_args(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, 500)), max(0, offset)


def target_link(target_id: int) -> str:
    return f"{TARGETS_PAGE}/{target_id}"


def target_out(row: TargetStatusRow, target: TargetRow, scope_plans: dict, names: dict):
    plan = scope_plans.get(row.plan_id)
    return TargetStatusOut(
        target_id=row.target_id,
        plan_id=row.plan_id,
        plan_label=plan.label if plan else "",
        province=province_ref(plan.province_code) if plan else None,
        indicator=target.indicator,
        year=row.year,
        requirement=describe.target_value(
            target.op, target.value, target.value_max, target.unit, target.kind
        ),
        unit=target.unit,
        status=row.status,
        label=TARGET_STATUS_LABELS.get(TargetStatus(row.status), row.status),
        is_current=row.is_current,
        ratio=row.ratio,
        anticipated=row.anticipated,
        progress_percent=row.progress_percent,
        latest_value=row.latest_value,
        latest_as_of=row.latest_as_of,
        agency=row.agency_id,
        agency_name=names.get(row.agency_id),
        explanation=_explanation_text(row.explanation),
        computed_at=row.computed_at,
        link=target_link(row.target_id),
    )


def list_targets(
    session: Session,
    scope: Scope,
    *,
    status: str | None = None,
    bucket: str | None = None,
    all_milestones: bool = False,
    limit: int = 50,
    offset: int = 0,
):
    """Targets in scope with their status, worst first, then by plan and indicator."""
    limit, offset = _page_args(limit, offset)
    where = [target_scope(scope, current_only=not all_milestones)]
    if status:
        if status not in {s.value for s in TargetStatus}:
            raise ValidationError(f"Không có trạng thái chỉ tiêu «{status}».", where="status")
        where.append(TargetStatusRow.status == status)
    if bucket:
        if bucket not in TARGET_BUCKETS:
            raise ValidationError(f"Không có nhóm chỉ tiêu «{bucket}».", where="bucket")
        where.append(TARGET_BUCKETS[bucket]())
    condition = and_(*where)
    total = session.scalar(select(func.count()).select_from(TargetStatusRow).where(condition)) or 0
    severity = case(
        {
            s.value: i
            for i, s in enumerate(
                (_S.MISSED, _S.AT_RISK, _S.BEHIND, _S.NO_DATA, _S.ON_TRACK, _S.ACHIEVED)
            )
        },
        value=TargetStatusRow.status,
        else_=9,
    )
    stmt = (
        select(TargetStatusRow, TargetRow)
        .join(TargetRow, TargetRow.id == TargetStatusRow.target_id)
        .where(condition)
        .order_by(severity, TargetStatusRow.plan_id, TargetRow.position, TargetRow.id)
        .limit(limit)
        .offset(offset)
    )
    pairs = session.execute(stmt).all()
    names = agency_names(session, (r.agency_id for r, _ in pairs))
    items = [target_out(r, t, scope.plans, names) for r, t in pairs]
    return TargetPage(total=total, limit=limit, offset=offset, items=items)


def task_out(row: TaskStatusRow, task: TaskRow, scope_plans: dict, names: dict):
    plan = scope_plans.get(row.plan_id)
    return TaskStatusOut(
        task_id=row.task_id,
        plan_id=row.plan_id,
        plan_label=plan.label if plan else "",
        province=province_ref(plan.province_code) if plan else None,
        text=task.text,
        group=row.group_no,
        group_title=task.group_title,
        deadline=describe.deadline(task.deadline_due, task.deadline_precision, task.continuing),
        status=row.status,
        label=TASK_STATUS_LABELS.get(TaskStatus(row.status), row.status),
        due=row.due,
        days_left=row.days_left,
        days_overdue=row.days_overdue,
        period_key=row.period_key,
        percent_done=row.percent_done,
        agency=row.agency_id,
        agency_name=names.get(row.agency_id),
        explanation=_explanation_text(row.explanation),
        link=f"/ke-hoach/{row.plan_id}#task-{row.task_id}",
    )


def list_tasks(
    session: Session,
    scope: Scope,
    *,
    status: str | None = None,
    bucket: str | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Tasks in scope with their status, most urgent first."""
    limit, offset = _page_args(limit, offset)
    where = [task_scope(scope)]
    if status:
        if status not in {s.value for s in TaskStatus}:
            raise ValidationError(f"Không có trạng thái nhiệm vụ «{status}».", where="status")
        where.append(TaskStatusRow.status == status)
    if bucket:
        if bucket not in TASK_BUCKETS:
            raise ValidationError(f"Không có nhóm nhiệm vụ «{bucket}».", where="bucket")
        where.append(TASK_BUCKETS[bucket]())
    condition = and_(*where)
    total = session.scalar(select(func.count()).select_from(TaskStatusRow).where(condition)) or 0
    # Overdue first by days overdue (an index serves it); other lists by what is
    # due soonest, or in the plans' order when no status is asked for.
    if status == TaskStatus.OVERDUE.value:
        order = [TaskStatusRow.days_overdue.desc(), TaskStatusRow.task_id.desc()]
    elif status:
        order = [TaskStatusRow.days_left.asc().nulls_last(), TaskStatusRow.task_id]
    else:
        order = [TaskStatusRow.task_id]
    stmt = (
        select(TaskStatusRow, TaskRow)
        .join(TaskRow, TaskRow.id == TaskStatusRow.task_id)
        .where(condition)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    pairs = session.execute(stmt).all()
    names = agency_names(session, (r.agency_id for r, _ in pairs))
    return TaskPage(
        total=total,
        limit=limit,
        offset=offset,
        items=[task_out(r, t, scope.plans, names) for r, t in pairs],
    )


def list_reports(
    session: Session,
    scope: Scope,
    *,
    status: str | None = None,
    bucket: str | None = None,
    since: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Expected reports in scope with their status on the scope's day, latest period first.

    ``since`` keeps the reports due on or after that day (the recent ones warnings count).
    """
    limit, offset = _page_args(limit, offset)
    where = [submission_scope(scope)]
    if status:
        if status not in {s.value for s in SubmissionStatus}:
            raise ValidationError(f"Không có trạng thái báo cáo «{status}».", where="status")
        where.append(report_bucket(status, scope.today))
    if bucket:
        where.append(report_bucket(bucket, scope.today))
    if since is not None:
        where.append(SubmissionRow.due >= since)
    condition = and_(*where)
    total = session.scalar(select(func.count()).select_from(SubmissionRow).where(condition)) or 0
    rows = list(
        session.scalars(
            select(SubmissionRow)
            .where(condition)
            .order_by(SubmissionRow.due.desc(), SubmissionRow.agency_id, SubmissionRow.id)
            .limit(limit)
            .offset(offset)
        )
    )
    names = agency_names(session, (r.agency_id for r in rows))
    items = []
    for row in rows:
        result = classify_submission(mapping.submission(row), scope.today)
        items.append(
            SubmissionOut(
                id=row.id,
                report_id=row.report_id,
                agency=row.agency_id,
                agency_name=names.get(row.agency_id),
                plan_id=row.plan_id,
                period_key=row.period_key,
                period_label=row.period_label or row.period_key,
                due=row.due,
                submitted_on=row.submitted_on,
                approved_at=row.approved_at,
                status=result.status.value,
                label=SUBMISSION_STATUS_LABELS[result.status],
                days_late=result.days_late,
                explanation=result.explanation.text,
            )
        )
    return SubmissionPage(total=total, limit=limit, offset=offset, items=items)


def visible_target(
    session: Session, target_id: int, visibility: Visibility
) -> tuple[TargetRow, PlanRow]:
    target = session.get(TargetRow, target_id)
    plan = session.get(PlanRow, target.plan_id) if target else None
    if target is None or plan is None or not visibility.allows(plan) or target.deleted:
        raise NotFound(f"Không có chỉ tiêu số {target_id}.")
    return target, plan


def scope_for_plan(plan: PlanRow, today: dt.date) -> Scope:
    info = PlanInfo(plan.id, plan_label(plan), plan.province_code, plan.status)
    return Scope(Filters(plan=plan.id), today, {plan.id: info})


def plan_statuses(
    session: Session, plan_id: int
) -> tuple[dict[int, TargetStatusRow], dict[int, TaskStatusRow]]:
    """Every status of one plan's targets and tasks (for the plan page)."""
    targets = {
        r.target_id: r
        for r in session.scalars(select(TargetStatusRow).where(TargetStatusRow.plan_id == plan_id))
    }
    tasks = {
        r.task_id: r
        for r in session.scalars(select(TaskStatusRow).where(TaskStatusRow.plan_id == plan_id))
    }
    return targets, tasks


@dataclass(frozen=True)
class StatusView:
    """A status as a plan page shows it next to its item."""

    status: str
    label: str
    text: str
    current: bool = True


def status_views(rows: dict, kind: str) -> dict[int, StatusView]:
    """Status rows (of ``plan_statuses``) as labels and sentences, by item id."""
    labels = TARGET_STATUS_LABELS if kind == "target" else TASK_STATUS_LABELS
    enum = TargetStatus if kind == "target" else TaskStatus
    return {
        item_id: StatusView(
            row.status,
            labels.get(enum(row.status), row.status),
            _explanation_text(row.explanation),
            getattr(row, "is_current", True),
        )
        for item_id, row in rows.items()
    }


def has_reported_facts(session: Session, plan_ids) -> bool:
    """Whether any approved report has given these plans a value or task progress.

    Before that, statuses only restate deadlines and the absence of data, and
    public pages and documents say there is no evaluation yet.
    """
    plan_ids = list(plan_ids)
    if not plan_ids:
        return False
    value = session.scalar(
        select(ObservationRow.id)
        .join(TargetRow, TargetRow.id == ObservationRow.target_id)
        .where(TargetRow.plan_id.in_(plan_ids), ObservationRow.retracted.is_(False))
        .limit(1)
    )
    if value is not None:
        return True
    progress = session.scalar(
        select(TaskProgressRow.id)
        .join(TaskRow, TaskRow.id == TaskProgressRow.task_id)
        .where(TaskRow.plan_id.in_(plan_ids), TaskProgressRow.retracted.is_(False))
        .limit(1)
    )
    return progress is not None
