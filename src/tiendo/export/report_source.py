"""Reads a province's published plans from the database into a ``ConsolidatedReport``.

This is the only module of the report that knows the tables. Plans,
targets, tasks and agencies are read now. Statuses, reported values and
the agencies' difficulties and recommendations come from the reporting
cycle and the evaluation; they are read in the three functions under
"INTEGRATION POINTS" below, which return ``None`` (no such data) until
those tables exist, so the document says "Chưa có số liệu đánh giá"
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
from tiendo.store.tables import AgencyRow, PlanRow, TargetRow, TaskRow
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


# ---------------------------------------------------------------- INTEGRATION POINTS
#
# The three readers below are where the report meets the reporting cycle
# and the evaluation. Each returns None while its tables do not exist in
# this schema, and the document then says that no data exists. At
# integration, replace the body of each (and nothing else in the report):
#
# * read_task_facts   <- evaluation table ``task_status`` (status, label,
#   days_overdue, as of the period's end) joined with the approved
#   ``report_tasks`` of the period (percent_done, what was done).
# * read_target_facts <- evaluation table ``target_status`` (current status,
#   label, latest value and its date) for the milestone of each target.
# * read_agency_notes <- ``report_tasks.difficulties`` and
#   ``.recommendations`` of the period's approved reports, grouped by the
#   reporting agency (``reports.agency_id`` -> ``agencies.name``).


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


def read_task_facts(
    session: Session, task_ids: list[int], period: Period
) -> dict[int, TaskFacts] | None:
    """Status and reported progress of each task in the period; None: not recorded yet."""
    return None


def read_target_facts(
    session: Session, target_ids: list[int], period: Period
) -> dict[int, TargetFacts] | None:
    """Status and latest reported value of each target; None: not recorded yet."""
    return None


def read_agency_notes(
    session: Session, plan_ids: list[int], period: Period
) -> list[AgencyNote] | None:
    """Difficulties and recommendations from the agencies' approved reports; None: not recorded yet."""
    return None
