"""The dashboard: status distributions, task progress by group and by agency,
report timeliness over the periods, and the warnings that matter most.

A handful of grouped counts over the status tables, each served by an
index (see tables.py), so the same page answers for one province or for the
whole country. Every number links to the list of the items behind it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tiendo.clock import as_utc
from tiendo.domain.units import PROVINCES
from tiendo.errors import ValidationError
from tiendo.evaluate import alerts
from tiendo.evaluate.config import DEFAULT_CONFIG, EvaluationConfig
from tiendo.evaluate.queries import (
    REPORTS_PAGE,
    TARGETS_PAGE,
    TASKS_PAGE,
    Filters,
    Scope,
    agency_names,
    agency_tally_scope,
    group_tally_scope,
    home_of,
    report_bucket,
    resolve_scope,
    submission_scope,
    tallies_apply,
    target_scope,
    task_scope,
)
from tiendo.evaluate.readmodels import (
    Dashboard,
    Distribution,
    FiltersOut,
    GroupProgress,
    PeriodTimeliness,
    StatusCount,
    TimelinessRow,
    TimelinessTable,
)
from tiendo.evaluate.targets import TARGET_STATUS_LABELS, TargetStatus
from tiendo.evaluate.tasks import TASK_STATUS_LABELS, TaskStatus
from tiendo.store.queries import Visibility
from tiendo.store.tables import (
    SubmissionRow,
    TargetStatusRow,
    TaskAgencyTallyRow,
    TaskGroupTallyRow,
    TaskRow,
    TaskStatusRow,
)

#: Statuses in the order charts and tables show them: good first.
TARGET_ORDER = (
    TargetStatus.ACHIEVED,
    TargetStatus.ON_TRACK,
    TargetStatus.BEHIND,
    TargetStatus.AT_RISK,
    TargetStatus.MISSED,
    TargetStatus.NO_DATA,
)
TASK_ORDER = (
    TaskStatus.DONE_ON_TIME,
    TaskStatus.DONE_LATE,
    TaskStatus.IN_PROGRESS,
    TaskStatus.CONTINUING_REPORTED,
    TaskStatus.NOT_STARTED,
    TaskStatus.CONTINUING_AWAITING,
    TaskStatus.DUE_SOON,
    TaskStatus.CONTINUING_UNREPORTED,
    TaskStatus.OVERDUE,
)
#: Task statuses folded into four for the stacked charts (done, under way, due soon, late).
TASK_CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("done", "Đã hoàn thành", (TaskStatus.DONE_ON_TIME.value, TaskStatus.DONE_LATE.value)),
    (
        "ongoing",
        "Đang thực hiện, chưa đến hạn",
        (
            TaskStatus.IN_PROGRESS.value,
            TaskStatus.NOT_STARTED.value,
            TaskStatus.CONTINUING_REPORTED.value,
            TaskStatus.CONTINUING_AWAITING.value,
        ),
    ),
    ("due_soon", "Sắp đến hạn", (TaskStatus.DUE_SOON.value,)),
    (
        "late",
        "Quá hạn hoặc chưa báo cáo",
        (TaskStatus.OVERDUE.value, TaskStatus.CONTINUING_UNREPORTED.value),
    ),
)

#: Agencies shown on the "by agency" chart: those with the most overdue tasks.
TOP_AGENCIES = 10
#: Periods shown on the timeliness chart, the latest ones.
PERIODS_SHOWN = 8

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _group_order(key: str | None) -> tuple:
    """Groups "1", "2", …, "10" and "I", "II", … in their natural order; none last."""
    if key is None:
        return (2, 0, "")
    if key.isdigit():
        return (0, int(key), key)
    if re.fullmatch(r"[IVXL]+", key):
        values = [_ROMAN[c] for c in key]
        total = sum(
            -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
        )
        return (0, total, key)
    return (1, 0, key)


def categorise(counts: dict[str, int]) -> dict[str, int]:
    """Counts per status folded into the four categories of ``TASK_CATEGORIES``."""
    return {key: sum(counts.get(s, 0) for s in statuses) for key, _, statuses in TASK_CATEGORIES}


def _distribution(counts: dict[str, int], order, labels, link) -> Distribution:
    items = [
        StatusCount(
            status=s.value, label=labels[s], count=counts.get(s.value, 0), link=link(s.value)
        )
        for s in order
    ]
    return Distribution(total=sum(counts.values()), items=items)


def _group_titles(session: Session, scope: Scope) -> dict[str | None, str]:
    """Titles of the task groups, when one plan is shown (numbers differ between plans)."""
    if len(scope.plans) != 1:
        return {}
    rows = session.execute(
        select(TaskRow.group_no, func.min(TaskRow.group_title))
        .where(TaskRow.plan_id == scope.plan_ids[0])
        .group_by(TaskRow.group_no)
    ).all()
    return {g: t for g, t in rows if t}


def tasks_by_group(session: Session, scope: Scope) -> tuple[dict[str, int], list[GroupProgress]]:
    if tallies_apply(scope):
        t = TaskGroupTallyRow
        stmt = select(t.group_no, t.status, func.sum(t.n)).where(group_tally_scope(scope))
    else:
        t = TaskStatusRow
        stmt = select(t.group_no, t.status, func.count()).where(task_scope(scope))
    rows = session.execute(stmt.group_by(t.group_no, t.status)).all()
    totals: dict[str, int] = {}
    groups: dict[str | None, dict[str, int]] = {}
    for group, status, n in rows:
        totals[status] = totals.get(status, 0) + int(n)
        groups.setdefault(group, {})[status] = int(n)
    titles = _group_titles(session, scope)
    out = []
    for group in sorted(groups, key=_group_order):
        counts = groups[group]
        label = f"Nhóm {group}" if group else "Chưa xếp nhóm"
        if titles.get(group):
            label = f"{label}. {titles[group]}"
        out.append(
            GroupProgress(
                key=group,
                label=label,
                total=sum(counts.values()),
                counts=counts,
                categories=categorise(counts),
                link=scope.filters.link(TASKS_PAGE, group=group)
                if group
                else scope.filters.link(TASKS_PAGE),
            )
        )
    return totals, out


def tasks_by_agency(
    session: Session, scope: Scope, limit: int = TOP_AGENCIES
) -> list[GroupProgress]:
    """The agencies with the most overdue tasks (then the most tasks), by status."""
    if tallies_apply(scope, by_agency=True):
        t = TaskAgencyTallyRow
        total, overdue = func.sum(t.total), func.sum(t.overdue)
        where = agency_tally_scope(scope)
    else:
        t, where = TaskStatusRow, task_scope(scope)
        total = func.count()
        overdue = func.sum(case((t.status == TaskStatus.OVERDUE.value, 1), else_=0))
    top = session.execute(
        select(t.agency_id, total, overdue)
        .where(where, t.agency_id.is_not(None))
        .group_by(t.agency_id)
        .order_by(overdue.desc(), total.desc(), t.agency_id)
        .limit(limit)
    ).all()
    ids = [agency for agency, _, _ in top]
    if not ids:
        return []
    # The statuses of these few agencies' tasks, from the status rows (an index serves it).
    counts: dict[int, dict[str, int]] = {i: {} for i in ids}
    for agency, status, n in session.execute(
        select(TaskStatusRow.agency_id, TaskStatusRow.status, func.count())
        .where(task_scope(scope), TaskStatusRow.agency_id.in_(ids))
        .group_by(TaskStatusRow.agency_id, TaskStatusRow.status)
    ):
        counts[agency][status] = n
    names = agency_names(session, ids)
    return [
        GroupProgress(
            key=str(agency),
            label=names.get(agency, f"Cơ quan {agency}"),
            total=int(total),
            counts=counts[agency],
            categories=categorise(counts[agency]),
            link=replace(scope.filters, agency=agency).link(TASKS_PAGE),
        )
        for agency, total, _ in top
    ]


def timeliness(
    session: Session, scope: Scope, limit: int = PERIODS_SHOWN
) -> list[PeriodTimeliness]:
    """Expected, received, on time, late and missing reports of the latest periods."""
    today = scope.today

    def count(bucket: str):
        return func.sum(case((report_bucket(bucket, today), 1), else_=0))

    rows = session.execute(
        select(
            SubmissionRow.period_key,
            func.min(SubmissionRow.period_label),
            func.min(SubmissionRow.due),
            count("on_time"),
            count("late"),
            count("missing"),
            count("not_due"),
        )
        .where(submission_scope(scope))
        .group_by(SubmissionRow.period_key)
        .order_by(func.min(SubmissionRow.due).desc(), SubmissionRow.period_key.desc())
        .limit(limit)
    ).all()
    out = []
    for key, label, due, on_time, late, missing, not_due in reversed(rows):
        on_time, late, missing, not_due = (int(x or 0) for x in (on_time, late, missing, not_due))
        expected = on_time + late + missing
        out.append(
            PeriodTimeliness(
                period_key=key,
                label=label or key,
                due=due,
                expected=expected,
                received=on_time + late,
                on_time=on_time,
                late=late,
                missing=missing,
                not_due=not_due,
                completeness=(on_time + late) / expected if expected else None,
                timeliness=on_time / expected if expected else None,
                link=replace(scope.filters, period=key).link(REPORTS_PAGE),
            )
        )
    return out


TIMELINESS_GROUPS = ("agency", "plan", "province", "period")


def timeliness_by(session: Session, scope: Scope, by: str, limit: int = 500) -> TimelinessTable:
    """Completeness and timeliness of the expected reports per agency, plan, province or period.

    Reports not tied to a plan count under their province; a plan's reports
    count under the province that answers for the plan today.
    """
    if by not in TIMELINESS_GROUPS:
        raise ValidationError(f"Chỉ tổng hợp theo {', '.join(TIMELINESS_GROUPS)}.", where="by")
    today = scope.today

    def count(bucket: str):
        return func.sum(case((report_bucket(bucket, today), 1), else_=0))

    keys = {
        "agency": (SubmissionRow.agency_id,),
        "plan": (SubmissionRow.plan_id,),
        "province": (SubmissionRow.plan_id, SubmissionRow.province_code),
        "period": (SubmissionRow.period_key,),
    }[by]
    rows = session.execute(
        select(
            *keys,
            func.min(SubmissionRow.period_label),
            func.min(SubmissionRow.due),
            count("on_time"),
            count("late"),
            count("missing"),
            count("not_due"),
        )
        .where(submission_scope(scope))
        .group_by(*keys)
    ).all()
    merged: dict[object, list] = {}
    for *key, label, due, on_time, late, missing, not_due in rows:
        if by == "province":
            plan = scope.plans.get(key[0]) if key[0] is not None else None
            k = plan.home(today) if plan else home_of(key[1], today)
        else:
            k = key[0]
        entry = merged.setdefault(k, [label, due, 0, 0, 0, 0])
        for i, n in enumerate((on_time, late, missing, not_due)):
            entry[2 + i] += int(n or 0)
    names: dict = {}
    if by == "agency":
        names = agency_names(session, merged)
    elif by == "plan":
        names = {p.id: p.label for p in scope.plans.values()}
    elif by == "province":
        names = {code: PROVINCES[code].name for code in merged if code in PROVINCES}
    out = []
    for k, (label, due, on_time, late, missing, not_due) in merged.items():
        due = due if by == "period" else None
        expected = on_time + late + missing
        if by == "period":
            name, link = label or k, replace(scope.filters, period=k).link(REPORTS_PAGE)
        elif k is None:
            name, link = (
                "Không gắn với kế hoạch" if by == "plan" else "—",
                scope.filters.link(REPORTS_PAGE),
            )
        else:
            name = names.get(k, str(k))
            link = replace(scope.filters, **{by: k}).link(REPORTS_PAGE)
        out.append(
            TimelinessRow(
                key=None if k is None else str(k),
                label=name,
                expected=expected,
                received=on_time + late,
                on_time=on_time,
                late=late,
                missing=missing,
                not_due=not_due,
                completeness=(on_time + late) / expected if expected else None,
                timeliness=on_time / expected if expected else None,
                due=due,
                link=link,
            )
        )
    # Worst first: those that leave the most reports missing, then by name.
    out.sort(key=lambda r: (-(r.missing), -(r.late), r.label))
    if by == "period":
        out.sort(key=lambda r: (r.due or dt.date.min, r.key or ""))
    return TimelinessTable(by=by, today=today, rows=out[:limit])


def dashboard(
    session: Session,
    visibility: Visibility,
    filters: Filters,
    today: dt.date,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> Dashboard:
    """Everything the leaders' dashboard shows, for the plans the reader may see."""
    scope = resolve_scope(session, visibility, filters, today)
    target_counts = dict(
        session.execute(
            select(TargetStatusRow.status, func.count())
            .where(target_scope(scope))
            .group_by(TargetStatusRow.status)
        ).all()
    )
    task_counts, groups = tasks_by_group(session, scope)
    newest = session.scalar(
        select(func.max(TargetStatusRow.computed_at)).where(
            TargetStatusRow.plan_id.in_(scope.plan_ids)
        )
    )
    return Dashboard(
        today=today,
        computed_at=as_utc(newest),
        filters=FiltersOut(**filters.as_dict()),
        targets=_distribution(
            target_counts,
            TARGET_ORDER,
            TARGET_STATUS_LABELS,
            lambda s: filters.link(TARGETS_PAGE, status=s),
        ),
        tasks=_distribution(
            task_counts,
            TASK_ORDER,
            TASK_STATUS_LABELS,
            lambda s: filters.link(TASKS_PAGE, status=s),
        ),
        tasks_by_group=groups,
        tasks_by_agency=tasks_by_agency(session, scope),
        timeliness=timeliness(session, scope),
        warnings=alerts.summary(session, scope, config=config),
    )
