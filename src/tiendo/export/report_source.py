"""Reads a province's published plans from the database into a ``ConsolidatedReport``.

This is the only module of the report that knows the tables: plans,
targets, tasks and agencies; the evaluation's statuses; and the period's
approved reports (progress, results, difficulties, recommendations). Where
nothing has been recorded the document says "Chưa có số liệu đánh giá"
rather than showing invented figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import province_family
from tiendo.domain.periods import Period
from tiendo.domain.units import PROVINCES, AdminUnit
from tiendo.errors import ValidationError
from tiendo.evaluate.targets import TARGET_STATUS_LABELS, TargetStatus
from tiendo.evaluate.tasks import TASK_STATUS_LABELS, TaskStatus
from tiendo.export.report_model import (
    AgencyNote,
    Availability,
    ConsolidatedReport,
    Letterhead,
    PlanPart,
    TargetLine,
    TaskGroupPart,
    TaskLine,
)
from tiendo.store import queries
from tiendo.store.tables import (
    AgencyRow,
    PeriodRow,
    PlanRow,
    ReportRow,
    ReportTaskRow,
    TargetRow,
    TargetStatusRow,
    TaskProgressRow,
    TaskRow,
    TaskStatusRow,
)
from tiendo.text.numbers import format_date, format_number


def current_province(code: str) -> AdminUnit:
    """The province a report is made for: one of the 34 that exist after 1 July 2025."""
    unit = PROVINCES.get(code or "")
    if unit is None:
        raise ValidationError(
            f"Không có tỉnh, thành phố mã “{code}”.",
            errors=[{"msg": f"Không có tỉnh, thành phố mã “{code}”.", "loc": ["province"]}],
        )
    if unit.successor_code:
        successor = PROVINCES[unit.successor_code]
        kind = "thành phố" if successor.kind == "thành phố" else "tỉnh"
        message = (
            f"Tỉnh {unit.name} đã hợp nhất vào {kind} {successor.name} từ ngày 01/07/2025; "
            f"hãy lập báo cáo cho {kind} {successor.name} (mã {successor.code}), "
            "báo cáo đó gồm cả các kế hoạch của tỉnh cũ."
        )
        raise ValidationError(message, errors=[{"msg": message, "loc": ["province"]}])
    return unit


def default_letterhead(unit: AdminUnit, day: dt.date) -> Letterhead:
    """The usual sender of the consolidated report: the Department of Science and Technology."""
    prefix = "UBND THÀNH PHỐ" if unit.kind == "thành phố" else "UBND TỈNH"
    return Letterhead(
        governing_body=f"{prefix} {unit.name.upper()}",
        issuing_body="Sở Khoa học và Công nghệ",
        number="        /BC-SKHCN",
        place=unit.name,
        date=day,
        recipients=(
            "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
            f"{'thành phố' if unit.kind == 'thành phố' else 'tỉnh'} (để báo cáo)",
            f"UBND {'thành phố' if unit.kind == 'thành phố' else 'tỉnh'} (để báo cáo)",
            "Các sở, ban, ngành",
            "Lưu: VT",
        ),
        signer_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="",
    )


def _plan_label(plan: PlanRow) -> str:
    label = plan.doc_type or "Văn bản"
    if plan.number:
        label += f" số {plan.number}"
    if plan.issued_on:
        label += f" ngày {format_date(plan.issued_on)}"
    if plan.issuer:
        issuer = plan.issuer
        if plan.province_name and plan.province_name not in issuer:
            issuer += f" {plan.province_name}"
        label += f" của {issuer}"
    return label


def _live(row_type):
    return and_(row_type.active.is_(True), row_type.deleted.is_(False))


def _agency_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(AgencyRow.id, AgencyRow.name).where(AgencyRow.id.in_(ids)))
    return dict(rows.all())


def _baseline(row: TargetRow) -> str:
    if row.baseline_value is None:
        return ""
    text = format_number(row.baseline_value)
    return f"{text} (năm {row.baseline_year})" if row.baseline_year else text


def load_report(
    session: Session,
    province_code: str,
    period: Period,
    *,
    letterhead: Letterhead | None = None,
    today: dt.date,
) -> ConsolidatedReport:
    """The consolidated report of a province for a period, from its published plans."""
    unit = current_province(province_code)
    family = province_family(unit.code)
    plans = list(
        session.scalars(
            select(PlanRow)
            .where(PlanRow.status == "published", PlanRow.province_code.in_(sorted(family)))
            .order_by(PlanRow.issued_on.nulls_last(), PlanRow.id)
        )
    )
    plan_ids = [p.id for p in plans]
    tasks = list(
        session.scalars(
            select(TaskRow)
            .where(TaskRow.plan_id.in_(plan_ids), _live(TaskRow))
            .order_by(TaskRow.plan_id, TaskRow.line.nulls_last(), TaskRow.position, TaskRow.id)
        )
    )
    targets = list(
        session.scalars(
            select(TargetRow)
            .where(TargetRow.plan_id.in_(plan_ids), _live(TargetRow))
            .order_by(TargetRow.plan_id, TargetRow.year.nulls_last(), TargetRow.line, TargetRow.id)
        )
    )
    agencies = _agency_names(
        session,
        {t.lead_agency_id for t in tasks if t.lead_agency_id}
        | {t.responsible_agency_id for t in targets if t.responsible_agency_id},
    )
    task_facts = read_task_facts(session, [t.id for t in tasks], period)
    target_facts = read_target_facts(session, [t.id for t in targets], period)
    notes = read_agency_notes(session, plan_ids, period)

    parts = []
    for plan in plans:
        plan_tasks = [_task_line(t, agencies, task_facts) for t in tasks if t.plan_id == plan.id]
        groups: dict[str | None, list[TaskLine]] = {}
        titles: dict[str | None, str] = {}
        for row, line in zip([t for t in tasks if t.plan_id == plan.id], plan_tasks, strict=True):
            groups.setdefault(row.group_no, []).append(line)
            titles.setdefault(row.group_no, row.group_title or "Nhiệm vụ khác")
        former = (
            PROVINCES[plan.province_code].name
            if plan.province_code and plan.province_code != unit.code
            else None
        )
        parts.append(
            PlanPart(
                plan_id=plan.id,
                label=_plan_label(plan),
                title=plan.title,
                former_province=former,
                task_groups=tuple(
                    TaskGroupPart(number=key, title=titles[key], tasks=tuple(lines))
                    for key, lines in groups.items()
                ),
                targets=tuple(
                    _target_line(t, agencies, target_facts) for t in targets if t.plan_id == plan.id
                ),
            )
        )
    merged = tuple(
        sorted(
            {PROVINCES[p.province_code].name for p in plans if p.province_code != unit.code},
        )
    )
    return ConsolidatedReport(
        province_code=unit.code,
        province_name=unit.name,
        province_kind=unit.kind,
        merged_provinces=merged,
        period=period,
        letterhead=letterhead or default_letterhead(unit, today),
        plans=tuple(parts),
        agency_notes=tuple(notes or ()),
        available=Availability(
            task_statuses=task_facts is not None,
            target_statuses=target_facts is not None,
            agency_notes=notes is not None,
        ),
        as_of=min(today, period.end),
    )


def _task_line(row: TaskRow, agencies: dict[int, str], facts: dict | None) -> TaskLine:
    out = queries.task_out(row)
    fact = (facts or {}).get(row.id)
    return TaskLine(
        id=row.id,
        text=row.text,
        lead=agencies.get(row.lead_agency_id) or row.lead_text,
        deadline_display=out.deadline_display,
        deadline=None if row.continuing else row.deadline_due,
        continuing=row.continuing,
        status=fact.status if fact else None,
        status_label=fact.status_label if fact else None,
        percent_done=fact.percent_done if fact else None,
        days_overdue=fact.days_overdue if fact else None,
        result=fact.result if fact else None,
    )


def _target_line(row: TargetRow, agencies: dict[int, str], facts: dict | None) -> TargetLine:
    out = queries.target_out(row)
    fact = (facts or {}).get(row.id)
    return TargetLine(
        id=row.id,
        indicator=row.indicator,
        requirement=out.display,
        unit=row.unit,
        year=row.year,
        baseline=_baseline(row),
        latest_value=fact.latest_value if fact else None,
        latest_as_of=fact.latest_as_of if fact else None,
        status=fact.status if fact else None,
        status_label=fact.status_label if fact else None,
        agency=agencies.get(row.responsible_agency_id),
    )


# ---------------------------------------------------------------- facts of the period
#
# Statuses come from the evaluation (computed from approved reports, as of
# the day the report is made); reported progress, results, difficulties and
# recommendations from the period's approved reports. Each reader returns
# None when nothing of its kind has been recorded, and the document then
# says that no data exists rather than showing zeros.


@dataclass(frozen=True)
class TaskFacts:
    status: str
    status_label: str
    percent_done: float | None = None
    days_overdue: int | None = None
    result: str | None = None


@dataclass(frozen=True)
class TargetFacts:
    status: str
    status_label: str
    latest_value: float | None = None
    latest_as_of: dt.date | None = None


def _approved_lines(
    session: Session, plan_ids: list[int] | None, task_ids: list[int] | None, period: Period
):
    """Task lines of the period's approved reports, with their agency."""
    stmt = (
        select(ReportTaskRow, ReportRow.agency_id)
        .join(ReportRow, ReportRow.id == ReportTaskRow.report_id)
        .join(PeriodRow, PeriodRow.id == ReportRow.period_id)
        .where(ReportRow.status == "approved", PeriodRow.key == period.key)
    )
    if plan_ids is not None:
        stmt = stmt.where(PeriodRow.plan_id.in_(plan_ids))
    if task_ids is not None:
        stmt = stmt.where(ReportTaskRow.task_id.in_(task_ids))
    return session.execute(stmt.order_by(ReportRow.agency_id, ReportTaskRow.id)).all()


def read_task_facts(
    session: Session, task_ids: list[int], period: Period
) -> dict[int, TaskFacts] | None:
    """Status and reported progress of each task in the period; None: not recorded yet."""
    if not task_ids:
        return None
    statuses = {
        row.task_id: row
        for row in session.scalars(select(TaskStatusRow).where(TaskStatusRow.task_id.in_(task_ids)))
    }
    # Statuses computed before any agency reported on these tasks say nothing about progress.
    reported_ever = session.scalar(
        select(TaskProgressRow.id)
        .where(TaskProgressRow.task_id.in_(task_ids), TaskProgressRow.retracted.is_(False))
        .limit(1)
    )
    if not statuses or reported_ever is None:
        return None
    reported = {
        line.task_id: line for line, _agency in _approved_lines(session, None, task_ids, period)
    }
    out = {}
    for task_id, row in statuses.items():
        line = reported.get(task_id)
        status = TaskStatus(row.status)
        out[task_id] = TaskFacts(
            status=row.status,
            status_label=TASK_STATUS_LABELS.get(status, row.status),
            percent_done=line.percent_done
            if line and line.percent_done is not None
            else row.percent_done,
            days_overdue=row.days_overdue,
            result=(line.done_text or None) if line else None,
        )
    return out


def read_target_facts(
    session: Session, target_ids: list[int], period: Period
) -> dict[int, TargetFacts] | None:
    """Status and latest reported value of each target; None: not recorded yet."""
    if not target_ids:
        return None
    rows = list(
        session.scalars(select(TargetStatusRow).where(TargetStatusRow.target_id.in_(target_ids)))
    )
    if not any(row.latest_value is not None for row in rows):
        # No value has been reported for any of these targets yet.
        return None
    return {
        row.target_id: TargetFacts(
            status=row.status,
            status_label=TARGET_STATUS_LABELS.get(TargetStatus(row.status), row.status),
            latest_value=row.latest_value,
            latest_as_of=row.latest_as_of,
        )
        for row in rows
    }


def read_agency_notes(
    session: Session, plan_ids: list[int], period: Period
) -> list[AgencyNote] | None:
    """Difficulties and recommendations from the agencies' approved reports; None: not recorded yet."""
    if not plan_ids:
        return None
    by_agency: dict[int, tuple[list[str], list[str]]] = {}
    for line, agency_id in _approved_lines(session, plan_ids, None, period):
        difficulties, recommendations = by_agency.setdefault(agency_id, ([], []))
        for text, bucket in (
            (line.difficulties, difficulties),
            (line.recommendations, recommendations),
        ):
            text = (text or "").strip()
            if text and text not in bucket:
                bucket.append(text)
    notes = {k: v for k, v in by_agency.items() if v[0] or v[1]}
    if not notes:
        return None
    names = _agency_names(session, set(notes))
    return [
        AgencyNote(
            agency=names.get(agency_id, f"Cơ quan số {agency_id}"),
            difficulties=tuple(d),
            recommendations=tuple(r),
        )
        for agency_id, (d, r) in sorted(notes.items(), key=lambda item: names.get(item[0], ""))
    ]
