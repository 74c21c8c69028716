"""Reporting periods of each plan, stored so that due dates can be moved and
ad-hoc periods added with a trace.

Which periods a plan gets:

* its report duties' frequencies, shortest first: a plan that asks for
  "3 tháng, 6 tháng, 1 năm" gets quarterly periods, because each longer
  report is compiled from the quarterly ones (the coordinator adds any
  other period by hand). Monthly reports are used only when a plan asks
  for nothing else; ad-hoc ("đột xuất") reports are added when requested.
* the due rule of the duty that set the frequency, else of any report duty
  (e.g. "trước ngày 15 của tháng cuối quý" written apart from the
  frequency), else the national rule (the 25th of the period's last month);
* a plan without any report duty: quarterly, with the national due rule
  (``DEFAULT_FREQUENCY``).

Periods run from the quarter of the plan's issue date to the end of the
current year (or the year asked for); generating again adds only what is
missing and never changes a stored period.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.clock import today_in_vietnam
from tiendo.domain import periods as rules
from tiendo.domain.actor import Actor
from tiendo.domain.plan import Frequency
from tiendo.errors import NotFound, ValidationError
from tiendo.evaluate import hooks
from tiendo.reporting import access
from tiendo.reporting.assignment import check_revision
from tiendo.reporting.fields import Errors, date, text
from tiendo.store import audit
from tiendo.store.tables import DutyRow, PeriodRow, PlanRow
from tiendo.text.numbers import format_date

DEFAULT_FREQUENCY = Frequency.QUARTERLY
#: shortest first; monthly last because plans rarely mean it for agencies' reports
_PREFERENCE = [Frequency.QUARTERLY, Frequency.SEMIANNUAL, Frequency.ANNUAL, Frequency.MONTHLY]


def schedule(duties: list[DutyRow]) -> tuple[Frequency, dict | None, str]:
    """(frequency, due rule, origin) for a plan's live report duties."""
    reports = [d for d in duties if d.kind == "report" and d.active and not d.deleted]
    any_rule = next(
        (d.due for d in reports if d.due and ("day" in d.due or "dates" in d.due)), None
    )
    for frequency in _PREFERENCE:
        for duty in reports:
            if frequency.value in (duty.frequency or []):
                rule = (
                    duty.due
                    if duty.due and ("day" in duty.due or "dates" in duty.due)
                    else any_rule
                )
                return frequency, rule, "duty"
    if any_rule is not None:
        # "trước ngày 15 của tháng cuối quý" without a stated frequency: quarterly.
        return DEFAULT_FREQUENCY, any_rule, "duty"
    return DEFAULT_FREQUENCY, None, "default"


def _start_of(plan: PlanRow) -> dt.date:
    issued = plan.issued_on or (plan.created_at.date() if plan.created_at else today_in_vietnam())
    return issued


def snapshot(row: PeriodRow) -> dict:
    return {
        "key": row.key,
        "label": row.label,
        "frequency": row.frequency,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "due": row.due.isoformat(),
        "cutoff_start": row.cutoff_start.isoformat(),
        "cutoff_end": row.cutoff_end.isoformat(),
    }


def _row(plan: PlanRow, period: rules.Period, origin: str, is_demo: bool = False) -> PeriodRow:
    return PeriodRow(
        plan_id=plan.id,
        key=period.key,
        frequency=period.frequency.value,
        year=period.year,
        number=period.number,
        label=period.label,
        start=period.start,
        end=period.end,
        due=period.due,
        cutoff_start=period.cutoff_start,
        cutoff_end=period.cutoff_end,
        origin=origin,
        is_demo=is_demo,
    )


def generate_for_plan(
    session: Session,
    actor: Actor,
    plan: PlanRow,
    *,
    until: dt.date | None = None,
    since: dt.date | None = None,
) -> list[PeriodRow]:
    """Add the plan's missing periods up to ``until`` (default: 31/12 of this year)."""
    until = until or dt.date(today_in_vietnam().year, 12, 31)
    duties = list(session.scalars(select(DutyRow).where(DutyRow.plan_id == plan.id)))
    frequency, rule, origin = schedule(duties)
    existing = set(session.scalars(select(PeriodRow.key).where(PeriodRow.plan_id == plan.id)))
    created = []
    for period in rules.generate_periods(frequency, since or _start_of(plan), until, rule):
        if period.key in existing:
            continue
        row = _row(plan, period, origin)
        session.add(row)
        created.append(row)
    if created:
        session.flush()
        audit.record(
            session,
            actor,
            "period.generate",
            "plan",
            plan.id,
            plan_id=plan.id,
            province_code=plan.province_code,
            after={
                "frequency": frequency.value,
                "due_rule": rule,
                "origin": origin,
                "periods": [r.key for r in created],
            },
        )
    hooks.on_periods_changed(session, plan.id)
    return created


def generate_all(
    session: Session, actor: Actor, *, until: dt.date | None = None, province_codes=None
) -> dict[int, int]:
    """Generate for every published plan (of the given provinces); {plan id: periods added}."""
    stmt = select(PlanRow).where(PlanRow.status == "published").order_by(PlanRow.id)
    if province_codes is not None:
        stmt = stmt.where(PlanRow.province_code.in_(sorted(province_codes)))
    return {
        plan.id: len(generate_for_plan(session, actor, plan, until=until))
        for plan in session.scalars(stmt)
    }


def get(session: Session, period_id: int) -> PeriodRow:
    row = session.get(PeriodRow, period_id)
    if row is None:
        raise NotFound(f"Không có kỳ báo cáo số {period_id}.")
    return row


def plan_of(session: Session, period: PeriodRow) -> PlanRow:
    return session.get(PlanRow, period.plan_id)


def generate(
    session: Session,
    principal: Principal,
    actor: Actor,
    plan_id: int,
    *,
    until_year: int | None = None,
) -> list[PeriodRow]:
    plan = session.get(PlanRow, plan_id)
    if plan is None:
        raise NotFound(f"Không có kế hoạch số {plan_id}.")
    access.require_review(principal, plan.province_code)
    if until_year is not None and not 2000 <= until_year <= 2100:
        raise ValidationError(
            "Năm phải trong khoảng 2000–2100.",
            errors=[{"msg": "Năm không hợp lệ.", "loc": ["until_year"]}],
        )
    until = dt.date(until_year, 12, 31) if until_year else None
    return generate_for_plan(session, actor, plan, until=until)


def add_adhoc(
    session: Session, principal: Principal, actor: Actor, plan_id: int, data: dict
) -> PeriodRow:
    """An ad-hoc ("đột xuất") period the coordinator asks for."""
    plan = session.get(PlanRow, plan_id)
    if plan is None:
        raise NotFound(f"Không có kế hoạch số {plan_id}.")
    access.require_review(principal, plan.province_code)
    errors = Errors()
    start = date(data.get("start"), errors, ["start"], "Từ ngày")
    end = date(data.get("end"), errors, ["end"], "Đến ngày")
    due = date(data.get("due"), errors, ["due"], "Hạn nộp")
    label = text(data.get("label"), errors, ["label"], "Tên kỳ", max_len=200)
    for value, field, name in (
        (start, "start", "Từ ngày"),
        (end, "end", "Đến ngày"),
        (due, "due", "Hạn nộp"),
    ):
        if value is None and not any(e["loc"] == [field] for e in errors.items):
            errors.add([field], f"“{name}” không được để trống.")
    if start and end and end < start:
        errors.add(
            ["end"], f"“Đến ngày” ({format_date(end)}) trước “Từ ngày” ({format_date(start)})."
        )
    if end and due and due < end:
        errors.add(
            ["due"],
            f"“Hạn nộp” ({format_date(due)}) phải từ ngày kết thúc kỳ ({format_date(end)}) trở đi.",
        )
    if start and end and (end - start).days > 366:
        errors.add(["end"], "Một kỳ đột xuất dài tối đa một năm.")
    errors.raise_if_any("Chưa tạo được kỳ báo cáo")
    period = rules.adhoc_period(start, end, due, label=label)
    key = period.key
    taken = set(session.scalars(select(PeriodRow.key).where(PeriodRow.plan_id == plan.id)))
    n = 2
    while key in taken:
        key, n = f"{period.key}-{n}", n + 1
    row = _row(plan, period, "adhoc")
    row.key = key
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "period.add",
        "period",
        row.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        after=snapshot(row),
    )
    hooks.on_periods_changed(session, plan.id)
    return row


def move_due(
    session: Session,
    principal: Principal,
    actor: Actor,
    period_id: int,
    data: dict,
    *,
    expected_revision: int | None,
) -> PeriodRow:
    """Move a period's due date; the reason is kept in the audit log."""
    row = get(session, period_id)
    plan = plan_of(session, row)
    access.require_review(principal, plan.province_code)
    check_revision(row, expected_revision, "Kỳ báo cáo này")
    errors = Errors()
    due = date(data.get("due"), errors, ["due"], "Hạn nộp mới")
    reason = text(data.get("reason"), errors, ["reason"], "Lý do", required=True, max_len=500)
    if due is None and not errors:
        errors.add(["due"], "“Hạn nộp mới” không được để trống.")
    # Plans often want reports before the period ends ("trước ngày 15 của tháng cuối quý"),
    # but never before the data close.
    if due and due <= row.cutoff_end:
        errors.add(["due"], f"Hạn nộp phải sau ngày chốt số liệu ({format_date(row.cutoff_end)}).")
    if due and due > row.end + dt.timedelta(days=366):
        errors.add(["due"], "Hạn nộp không được quá một năm sau ngày kết thúc kỳ.")
    errors.raise_if_any("Chưa đổi được hạn nộp")
    before = snapshot(row)
    row.due = due
    row.revision += 1
    audit.record(
        session,
        actor,
        "period.move_due",
        "period",
        row.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        before=before,
        after=snapshot(row),
        note=reason,
    )
    hooks.on_periods_changed(session, plan.id)
    return row


def list_for_plan(session: Session, plan_id: int) -> list[PeriodRow]:
    return list(
        session.scalars(
            select(PeriodRow)
            .where(PeriodRow.plan_id == plan_id)
            .order_by(PeriodRow.due, PeriodRow.key)
        )
    )
