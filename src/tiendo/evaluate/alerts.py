"""Early warnings read from the stored statuses and facts.

The rules and the wording are those of ``warnings.py``: rows are turned
back into the core's results and passed to its functions, so a warning on a
dashboard reads exactly as one computed from scratch. Counts come from SQL;
items are fetched kind by kind, most urgent first, so the dashboards stay
fast however many warnings a nation has. ``warnings_for_agency`` gives
everything about one agency, for reminders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from tiendo.evaluate import mapping
from tiendo.evaluate.config import DEFAULT_CONFIG, EvaluationConfig
from tiendo.evaluate.explanation import Explanation
from tiendo.evaluate.queries import (
    REPORTS_PAGE,
    TARGETS_PAGE,
    TASKS_PAGE,
    Filters,
    Scope,
    agency_names,
    group_tally_scope,
    report_bucket,
    resolve_scope,
    submission_scope,
    tallies_apply,
    target_link,
    target_scope,
    task_scope,
)
from tiendo.evaluate.readmodels import WarningKind, WarningOut, WarningSummary
from tiendo.evaluate.targets import TargetResult, TargetStatus
from tiendo.evaluate.tasks import TaskResult, TaskStatus
from tiendo.evaluate.timeliness import classify_submission
from tiendo.evaluate.warnings import (
    SEVERITY_LABELS,
    EarlyWarning,
    Severity,
    report_warnings,
    silent_agencies,
    sort_warnings,
    target_warnings,
    task_warnings,
)
from tiendo.store.queries import Visibility
from tiendo.store.tables import (
    ObservationRow,
    SubmissionRow,
    TargetRow,
    TargetStatusRow,
    TaskGroupTallyRow,
    TaskStatusRow,
)

#: Outliers older than this are history, not warnings.
OUTLIER_DAYS = 400


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    severity: Severity
    #: the page listing every item of the kind (None: the warnings page itself)
    link: Callable[[Scope], str] | None = None


def _list(path: str, **extra):
    return lambda scope: scope.filters.link(path, **extra)


KINDS: tuple[Kind, ...] = (
    Kind(
        "target_missed", "Chỉ tiêu không đạt", Severity.HIGH, _list(TARGETS_PAGE, status="missed")
    ),
    Kind(
        "target_at_risk",
        "Chỉ tiêu có nguy cơ không đạt",
        Severity.HIGH,
        _list(TARGETS_PAGE, status="at_risk"),
    ),
    Kind("task_overdue", "Nhiệm vụ quá hạn", Severity.HIGH, _list(TASKS_PAGE, status="overdue")),
    Kind("agency_silent", "Cơ quan không gửi báo cáo nhiều kỳ liên tiếp", Severity.HIGH),
    Kind(
        "task_due_soon",
        "Nhiệm vụ sắp đến hạn",
        Severity.MEDIUM,
        _list(TASKS_PAGE, status="due_soon"),
    ),
    Kind(
        "task_unreported",
        "Nhiệm vụ thường xuyên chưa báo cáo trong kỳ",
        Severity.MEDIUM,
        _list(TASKS_PAGE, status="continuing_unreported"),
    ),
    Kind(
        "report_missing",
        "Báo cáo chưa nộp",
        Severity.MEDIUM,
        _list(REPORTS_PAGE, status="missing", recent=1),
    ),
    Kind("value_outlier", "Số liệu khác xa lịch sử", Severity.MEDIUM),
    Kind(
        "report_late",
        "Báo cáo nộp trễ hạn",
        Severity.LOW,
        _list(REPORTS_PAGE, status="late", recent=1),
    ),
    Kind(
        "target_behind", "Chỉ tiêu chậm tiến độ", Severity.LOW, _list(TARGETS_PAGE, status="behind")
    ),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
_TARGET_KINDS = {
    "target_missed": TargetStatus.MISSED,
    "target_at_risk": TargetStatus.AT_RISK,
    "target_behind": TargetStatus.BEHIND,
}
_TASK_KINDS = {
    "task_overdue": TaskStatus.OVERDUE,
    "task_due_soon": TaskStatus.DUE_SOON,
    "task_unreported": TaskStatus.CONTINUING_UNREPORTED,
}


def _recent(scope: Scope, config: EvaluationConfig) -> dt.date:
    return scope.today - dt.timedelta(days=config.recent_report_days)


# ---------------------------------------------------------------- counts


def _silent_query(scope: Scope, config: EvaluationConfig):
    """Agencies whose last N due reports (within the last year or so) are all missing."""
    n = config.warning_rules.silent_periods
    today = scope.today
    ranked = (
        select(
            SubmissionRow.agency_id,
            SubmissionRow.submitted_on,
            func.row_number()
            .over(
                partition_by=SubmissionRow.agency_id,
                order_by=(SubmissionRow.due.desc(), SubmissionRow.period_key.desc()),
            )
            .label("rn"),
        )
        .where(
            submission_scope(scope),
            SubmissionRow.due < today,
            SubmissionRow.due >= today - dt.timedelta(days=400 * n),
        )
        .subquery()
    )
    received = case(
        (and_(ranked.c.submitted_on.is_not(None), ranked.c.submitted_on <= today), 1), else_=0
    )
    return (
        select(ranked.c.agency_id)
        .where(ranked.c.rn <= n)
        .group_by(ranked.c.agency_id)
        .having(func.count() == n, func.sum(received) == 0)
    )


def warning_counts(
    session: Session, scope: Scope, config: EvaluationConfig = DEFAULT_CONFIG
) -> dict:
    """(kind, severity) → count, for every kind."""
    counts: dict[tuple[str, Severity], int] = {}
    targets = dict(
        session.execute(
            select(TargetStatusRow.status, func.count())
            .where(
                target_scope(scope),
                TargetStatusRow.status.in_([s.value for s in _TARGET_KINDS.values()]),
            )
            .group_by(TargetStatusRow.status)
        ).all()
    )
    for name, status in _TARGET_KINDS.items():
        counts[(name, KIND_BY_NAME[name].severity)] = targets.get(status.value, 0)
    if tallies_apply(scope):
        t, where, n = TaskGroupTallyRow, group_tally_scope(scope), func.sum(TaskGroupTallyRow.n)
    else:
        t, where, n = TaskStatusRow, task_scope(scope), func.count()
    task_rows = session.execute(
        select(t.status, t.started, n)
        .where(where, t.status.in_([s.value for s in _TASK_KINDS.values()]))
        .group_by(t.status, t.started)
    ).all()
    for name in _TASK_KINDS:
        counts[(name, KIND_BY_NAME[name].severity)] = 0
    counts[("task_due_soon", Severity.LOW)] = 0
    for status, started, n in task_rows:
        name = next(k for k, v in _TASK_KINDS.items() if v.value == status)
        severity = KIND_BY_NAME[name].severity
        if name == "task_due_soon" and started:
            severity = Severity.LOW  # started: it only needs watching
        counts[(name, severity)] += int(n)
    recent = _recent(scope, config)
    reports = session.execute(
        select(
            func.sum(case((report_bucket("missing", scope.today), 1), else_=0)),
            func.sum(case((report_bucket("late", scope.today), 1), else_=0)),
        ).where(submission_scope(scope), SubmissionRow.due >= recent)
    ).one()
    counts[("report_missing", Severity.MEDIUM)] = reports[0] or 0
    counts[("report_late", Severity.LOW)] = reports[1] or 0
    counts[("value_outlier", Severity.MEDIUM)] = len(_outliers(session, scope))
    counts[("agency_silent", Severity.HIGH)] = (
        session.scalar(select(func.count()).select_from(_silent_query(scope, config).subquery()))
        or 0
    )
    return counts


def _outliers(session: Session, scope: Scope) -> list[int]:
    """Ids of the recent values flagged far from history, in scope, latest first.

    Flagged values are few: they are found by their own index first, then
    kept if their target is in scope (a join would let the planner walk
    millions of values instead).
    """
    flagged = session.execute(
        select(ObservationRow.id, ObservationRow.target_id)
        .where(
            ObservationRow.outlier.is_(True),
            ObservationRow.as_of >= scope.today - dt.timedelta(days=OUTLIER_DAYS),
            ObservationRow.retracted.is_(False),
        )
        .order_by(ObservationRow.as_of.desc(), ObservationRow.id)
    ).all()
    if not flagged:
        return []
    plans = set(scope.plan_ids)
    targets: dict[int, tuple[int, int | None]] = {}
    wanted = sorted({t for _, t in flagged})
    for start in range(0, len(wanted), 2000):
        for target_id, plan_id, agency in session.execute(
            select(TargetRow.id, TargetRow.plan_id, TargetRow.responsible_agency_id).where(
                TargetRow.id.in_(wanted[start : start + 2000])
            )
        ):
            targets[target_id] = (plan_id, agency)
    agency = scope.filters.agency
    return [
        obs_id
        for obs_id, target_id in flagged
        if target_id in targets
        and targets[target_id][0] in plans
        and (agency is None or targets[target_id][1] == agency)
    ]


# ---------------------------------------------------------------- items


def _target_items(session: Session, scope: Scope, status: TargetStatus, limit: int, offset: int):
    stmt = (
        select(TargetStatusRow, TargetRow.indicator)
        .join(TargetRow, TargetRow.id == TargetStatusRow.target_id)
        .where(target_scope(scope), TargetStatusRow.status == status.value)
        .order_by(TargetStatusRow.ratio.asc().nulls_last(), TargetStatusRow.target_id)
        .limit(limit)
        .offset(offset)
    )
    results = []
    for row, indicator in session.execute(stmt):
        text = (row.explanation or {}).get("explanation", {}).get("text", "")
        results.append(
            TargetResult(
                target_id=row.target_id,
                indicator=indicator,
                year=row.year,
                status=TargetStatus(row.status),
                explanation=Explanation(rule="stored", text=text),
                ratio=row.ratio,
                anticipated=row.anticipated,
                agency=row.agency_id,
            )
        )
    return [(w, target_link(w.item_id[0])) for w in target_warnings(results)]


def _task_items(session: Session, scope: Scope, status: TaskStatus, limit: int, offset: int):
    # The most overdue first (an index on status, days overdue serves it); for
    # the others, those not started and with the fewest days left.
    order = (
        [TaskStatusRow.days_overdue.desc(), TaskStatusRow.task_id.desc()]
        if status is TaskStatus.OVERDUE
        else [
            TaskStatusRow.started,
            TaskStatusRow.days_left.asc().nulls_last(),
            TaskStatusRow.task_id,
        ]
    )
    stmt = (
        select(TaskStatusRow)
        .where(task_scope(scope), TaskStatusRow.status == status.value)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    out = []
    for row in session.scalars(stmt):
        text = (row.explanation or {}).get("explanation", {}).get("text", "")
        result = TaskResult(
            task_id=row.task_id,
            status=TaskStatus(row.status),
            explanation=Explanation(rule="stored", text=text),
            due=row.due,
            days_left=row.days_left,
            days_overdue=row.days_overdue,
            started=row.started,
            period_key=row.period_key,
            agency=row.agency_id,
        )
        for warning in task_warnings([result]):
            out.append((warning, f"/ke-hoach/{row.plan_id}#task-{row.task_id}"))
    return out


def _report_items(session: Session, scope: Scope, bucket: str, limit: int, offset: int, config):
    stmt = (
        select(SubmissionRow)
        .where(
            submission_scope(scope),
            report_bucket(bucket, scope.today),
            SubmissionRow.due >= _recent(scope, config),
        )
        .order_by(SubmissionRow.due, SubmissionRow.agency_id, SubmissionRow.id)
        .limit(limit)
        .offset(offset)
    )
    out = []
    for row in session.scalars(stmt):
        result = classify_submission(mapping.submission(row), scope.today)
        for warning in report_warnings([result]):
            link = Filters(agency=row.agency_id, period=row.period_key).link(REPORTS_PAGE)
            out.append((warning, link))
    return out


def _outlier_items(session: Session, scope: Scope, limit: int, offset: int):
    ids = _outliers(session, scope)[offset : offset + limit]
    rows = {
        o.id: o for o in session.scalars(select(ObservationRow).where(ObservationRow.id.in_(ids)))
    }
    out = []
    for obs in (rows[i] for i in ids):
        warning = EarlyWarning(
            "value_outlier",
            Severity.MEDIUM,
            f"Số liệu bất thường. {obs.outlier_note or ''}".strip(),
            "observation",
            obs.id,
            obs.agency_id,
            {"z": obs.outlier_z, "as_of": obs.as_of, "target_id": obs.target_id},
        )
        out.append((warning, target_link(obs.target_id)))
    return out


def _silent_items(session: Session, scope: Scope, limit: int, offset: int, config):
    silent = _silent_query(scope, config).subquery()
    agencies = list(
        session.scalars(
            select(silent.c.agency_id).order_by(silent.c.agency_id).limit(limit).offset(offset)
        )
    )
    if not agencies:
        return []
    rows = session.scalars(
        select(SubmissionRow).where(
            submission_scope(scope),
            SubmissionRow.agency_id.in_(agencies),
            SubmissionRow.due < scope.today,
        )
    )
    names = agency_names(session, agencies)
    warnings = silent_agencies(
        [mapping.submission(r) for r in rows], scope.today, config.warning_rules, names
    )
    return [(w, Filters(agency=w.item_id).link(REPORTS_PAGE, status="missing")) for w in warnings]


def kind_items(
    session: Session,
    scope: Scope,
    kind: str,
    *,
    limit: int = 50,
    offset: int = 0,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> list[tuple[EarlyWarning, str]]:
    """Warnings of one kind, most urgent first, each with the page of its item."""
    if kind in _TARGET_KINDS:
        return _target_items(session, scope, _TARGET_KINDS[kind], limit, offset)
    if kind in _TASK_KINDS:
        return _task_items(session, scope, _TASK_KINDS[kind], limit, offset)
    if kind == "report_missing":
        return _report_items(session, scope, "missing", limit, offset, config)
    if kind == "report_late":
        return _report_items(session, scope, "late", limit, offset, config)
    if kind == "value_outlier":
        return _outlier_items(session, scope, limit, offset)
    if kind == "agency_silent":
        return _silent_items(session, scope, limit, offset, config)
    raise KeyError(kind)


def warning_out(warning: EarlyWarning, link: str, names: dict) -> WarningOut:
    item = warning.item_id
    item_id = str(item[0] if isinstance(item, tuple) else item)
    return WarningOut(
        kind=warning.kind,
        kind_label=KIND_BY_NAME[warning.kind].label,
        severity=warning.severity.value,
        severity_label=SEVERITY_LABELS[warning.severity],
        message=warning.message,
        item_type=warning.item_type,
        item_id=item_id,
        agency=warning.agency if isinstance(warning.agency, int) else None,
        agency_name=names.get(warning.agency),
        link=link,
    )


def summary(
    session: Session,
    scope: Scope,
    *,
    top: int = 12,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> WarningSummary:
    """Counts per kind and severity, and the ``top`` most pressing warnings."""
    counts = warning_counts(session, scope, config)
    by_severity = {s.value: 0 for s in Severity}
    for (_, severity), n in counts.items():
        by_severity[severity.value] += n
    kinds = []
    for kind in KINDS:
        n = sum(v for (name, _), v in counts.items() if name == kind.name)
        link = (
            kind.link(scope)
            if kind.link
            else scope.filters.link("/danh-gia/canh-bao") + f"#{kind.name}"
        )
        kinds.append(
            WarningKind(
                kind=kind.name,
                label=kind.label,
                severity=kind.severity.value,
                severity_label=SEVERITY_LABELS[kind.severity],
                count=n,
                link=link,
            )
        )
    picked: list[tuple[EarlyWarning, str]] = []
    rank = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
    for kind in sorted(KINDS, key=lambda k: rank[k.severity]):
        if len(picked) >= top:
            break
        n = sum(v for (name, _), v in counts.items() if name == kind.name)
        if n:
            picked.extend(kind_items(session, scope, kind.name, limit=top, config=config))
    order = {k.name: i for i, k in enumerate(KINDS)}
    picked.sort(key=lambda p: (rank[p[0].severity], order[p[0].kind]))
    picked = picked[:top]
    names = agency_names(session, [w.agency for w, _ in picked if isinstance(w.agency, int)])
    return WarningSummary(
        total=sum(by_severity.values()),
        by_severity=by_severity,
        kinds=kinds,
        items=[warning_out(w, link, names) for w, link in picked],
    )


def warnings_for_agency(
    session: Session,
    agency_id: int,
    today: dt.date,
    config: EvaluationConfig = DEFAULT_CONFIG,
    visibility: Visibility | None = None,
) -> list[EarlyWarning]:
    """Everything an agency should be reminded of, most severe first (for reminders)."""
    scope = resolve_scope(
        session, visibility or Visibility.everything(), Filters(agency=agency_id), today
    )
    found: list[EarlyWarning] = []
    for kind in KINDS:
        offset = 0
        while True:
            batch = kind_items(session, scope, kind.name, limit=500, offset=offset, config=config)
            found.extend(w for w, _ in batch)
            if len(batch) < 500:
                break
            offset += 500
    return sort_warnings(found)
