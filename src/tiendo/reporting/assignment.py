"""Assignment: each task gets a lead agency, co-agencies and a deadline (or
"thường xuyên"); each target a responsible agency, baseline, direction and
data source. Lead texts of the plan are matched to agencies and proposed;
the coordinator confirms, chooses another, or says none fits.

Every change is checked against the plan's province, locked on the item's
revision and audited with before and after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.clock import utcnow
from tiendo.domain.actor import Actor
from tiendo.errors import Conflict, NotFound, ValidationError
from tiendo.evaluate import hooks
from tiendo.reporting import access, matching
from tiendo.reporting.fields import Errors, blank, date, int_id, number, text
from tiendo.store import audit
from tiendo.store.tables import (
    AgencyRow,
    LeadDecisionRow,
    PlanRow,
    TargetRow,
    TaskCoAgencyRow,
    TaskRow,
)
from tiendo.text.numbers import parse_date

DIRECTIONS = {"higher": "Càng cao càng tốt", "lower": "Càng thấp càng tốt"}


def check_revision(row, expected: int | None, what: str) -> None:
    if expected is not None and row.revision != expected:
        raise Conflict(
            f"{what} vừa được người khác sửa (sau khi bạn mở trang). Thay đổi của bạn chưa được "
            "lưu; hãy tải lại trang để xem bản mới rồi sửa lại."
        )


def _plan(session: Session, plan_id: int) -> PlanRow:
    plan = session.get(PlanRow, plan_id)
    if plan is None:
        raise NotFound(f"Không có kế hoạch số {plan_id}.")
    return plan


def _live_item(session: Session, row_type, item_id: int, label: str):
    row = session.get(row_type, item_id)
    if row is None or row.deleted or not row.active:
        raise NotFound(f"Không có {label} số {item_id}.")
    return row


def province_agencies(session: Session, plan: PlanRow) -> list[AgencyRow]:
    """Active agencies that may be assigned the plan's items: those of its province family."""
    from tiendo.accounts.roles import province_family

    codes = province_family(plan.province_code) if plan.province_code else frozenset()
    # A plan of a province merged in 2025 is carried on by the receiving province.
    for code in list(codes):
        from tiendo.domain.units import PROVINCES

        unit = PROVINCES.get(code)
        if unit and unit.successor_code:
            codes = codes | province_family(unit.successor_code)
    if not codes:
        return []
    return list(
        session.scalars(
            select(AgencyRow)
            .where(AgencyRow.province_code.in_(sorted(codes)), AgencyRow.active.is_(True))
            .order_by(AgencyRow.name)
        )
    )


def _agency_in(agency_id, allowed: dict[int, AgencyRow], errors: Errors, loc, label) -> int | None:
    if blank(agency_id):
        return None
    found = int_id(agency_id)
    if found is None or found not in allowed:
        errors.add(loc, f"“{label}” phải là một cơ quan của tỉnh có kế hoạch này.")
        return None
    return found


def co_agency_ids(session: Session, task_id: int) -> list[int]:
    return list(
        session.scalars(select(TaskCoAgencyRow.agency_id).where(TaskCoAgencyRow.task_id == task_id))
    )


def task_snapshot(session: Session, row: TaskRow) -> dict:
    return {
        "lead_agency_id": row.lead_agency_id,
        "co_agency_ids": sorted(co_agency_ids(session, row.id)),
        "deadline_due": row.deadline_due.isoformat() if row.deadline_due else None,
        "deadline_precision": row.deadline_precision,
        "continuing": row.continuing,
    }


def _set_co_agencies(session: Session, task_id: int, ids: list[int]) -> None:
    session.execute(delete(TaskCoAgencyRow).where(TaskCoAgencyRow.task_id == task_id))
    for agency_id in dict.fromkeys(ids):
        session.add(TaskCoAgencyRow(task_id=task_id, agency_id=agency_id))
    session.flush()


def _deadline(data: dict, errors: Errors) -> dict | None:
    """{"deadline_due", "deadline_precision", "continuing"} from a form, or None to keep."""
    continuing = str(data.get("continuing") or "").strip().lower() in ("1", "true", "on", "có")
    if continuing:
        return {"deadline_due": None, "deadline_precision": None, "continuing": True}
    raw = str(data.get("deadline") or "").strip()
    if not raw:
        return {"deadline_due": None, "deadline_precision": None, "continuing": False}
    if raw.isdigit() and len(raw) == 4:
        year = int(raw)
        if not 2000 <= year <= 2100:
            errors.add(["deadline"], "“Thời hạn” phải là năm trong khoảng 2000–2100.")
            return None
        return {
            "deadline_due": dt.date(year, 12, 31),
            "deadline_precision": "year",
            "continuing": False,
        }
    try:
        due = parse_date(raw)
    except ValueError:
        errors.add(
            ["deadline"],
            f"“Thời hạn” phải là ngày dd/mm/yyyy, một năm (2027) hoặc chọn “thường xuyên” (nhận được “{raw}”).",
        )
        return None
    return {"deadline_due": due, "deadline_precision": "day", "continuing": False}


def assign_task(
    session: Session,
    principal: Principal,
    actor: Actor,
    task_id: int,
    data: dict,
    *,
    expected_revision: int | None,
) -> TaskRow:
    """Set a task's lead agency, co-agencies and deadline from ``data``."""
    row = _live_item(session, TaskRow, task_id, "nhiệm vụ")
    plan = _plan(session, row.plan_id)
    access.require_review(principal, plan.province_code)
    check_revision(row, expected_revision, "Nhiệm vụ này")
    allowed = {a.id: a for a in province_agencies(session, plan)}
    errors = Errors()
    lead = _agency_in(
        data.get("lead_agency_id"), allowed, errors, ["lead_agency_id"], "Cơ quan chủ trì"
    )
    raw_co = data.get("co_agency_ids") or []
    if isinstance(raw_co, str):
        raw_co = [p for p in raw_co.replace(";", ",").split(",") if p.strip()]
    co = []
    for value in raw_co:
        found = _agency_in(value, allowed, errors, ["co_agency_ids"], "Cơ quan phối hợp")
        if found is not None and found != lead:
            co.append(found)
    deadline = _deadline(data, errors)
    errors.raise_if_any("Chưa lưu được phân công nhiệm vụ")
    before = task_snapshot(session, row)
    row.lead_agency_id = lead
    _set_co_agencies(session, row.id, co)
    if deadline is not None:
        for key, value in deadline.items():
            setattr(row, key, value)
    row.revision += 1
    audit.record(
        session,
        actor,
        "task.assign",
        "task",
        row.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        before=before,
        after=task_snapshot(session, row),
    )
    # A newly assigned agency is expected to report from now on.
    hooks.on_periods_changed(session, plan.id)
    return row


def target_snapshot(row: TargetRow) -> dict:
    return {
        "responsible_agency_id": row.responsible_agency_id,
        "baseline_value": row.baseline_value,
        "baseline_date": row.baseline_date.isoformat() if row.baseline_date else None,
        "baseline_year": row.baseline_year,
        "direction": row.direction,
        "data_source": row.data_source,
    }


def assign_target(
    session: Session,
    principal: Principal,
    actor: Actor,
    target_id: int,
    data: dict,
    *,
    expected_revision: int | None,
) -> TargetRow:
    """Set a target's responsible agency, baseline (value and date), direction, data source."""
    row = _live_item(session, TargetRow, target_id, "chỉ tiêu")
    plan = _plan(session, row.plan_id)
    access.require_review(principal, plan.province_code)
    check_revision(row, expected_revision, "Chỉ tiêu này")
    allowed = {a.id: a for a in province_agencies(session, plan)}
    errors = Errors()
    agency = _agency_in(
        data.get("responsible_agency_id"),
        allowed,
        errors,
        ["responsible_agency_id"],
        "Cơ quan chịu trách nhiệm",
    )
    value = number(data.get("baseline_value"), errors, ["baseline_value"], "Giá trị nền")
    if (
        value is not None
        and row.unit in ("%", "% GRDP")
        and row.kind == "level"
        and not 0 <= value <= 100
    ):
        errors.add(["baseline_value"], "Giá trị nền là tỷ lệ phần trăm, phải trong khoảng 0–100.")
    when = date(data.get("baseline_date"), errors, ["baseline_date"], "Ngày của giá trị nền")
    if value is not None and when is None and not errors:
        errors.add(["baseline_date"], "Giá trị nền phải có ngày (dd/mm/yyyy), ví dụ 31/12/2024.")
    if value is None and when is not None:
        errors.add(["baseline_value"], "Đã nhập ngày nhưng chưa nhập giá trị nền.")
    direction = str(data.get("direction") or "").strip() or None
    if direction not in (None, *DIRECTIONS):
        errors.add(["direction"], "“Chiều tốt” phải là càng cao càng tốt hoặc càng thấp càng tốt.")
    source = text(data.get("data_source"), errors, ["data_source"], "Nguồn số liệu", max_len=500)
    errors.raise_if_any("Chưa lưu được phân công chỉ tiêu")
    before = target_snapshot(row)
    row.responsible_agency_id = agency
    row.baseline_value = value
    row.baseline_date = when
    row.baseline_year = when.year if when else row.baseline_year if value is None else None
    row.direction = direction
    row.data_source = source
    row.revision += 1
    audit.record(
        session,
        actor,
        "target.assign",
        "target",
        row.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        before=before,
        after=target_snapshot(row),
    )
    # A newly assigned agency is expected to report from now on.
    hooks.on_periods_changed(session, plan.id)
    return row


# ---------------------------------------------------------------- proposals


@dataclass
class ProposalView:
    task: TaskRow
    proposal: matching.Proposal
    decision: LeadDecisionRow | None


def proposals(session: Session, principal: Principal, plan_id: int, *, pending_only: bool = False):
    """Every task of the plan with a lead text, its proposal and the decision taken, if any."""
    plan = _plan(session, plan_id)
    access.require_review(principal, plan.province_code)
    agencies = province_agencies(session, plan)
    decisions = {
        d.task_id: d
        for d in session.scalars(
            select(LeadDecisionRow)
            .join(TaskRow, TaskRow.id == LeadDecisionRow.task_id)
            .where(TaskRow.plan_id == plan.id)
        )
    }
    out = []
    tasks = session.scalars(
        select(TaskRow)
        .where(TaskRow.plan_id == plan.id, TaskRow.active.is_(True), TaskRow.deleted.is_(False))
        .order_by(TaskRow.position, TaskRow.id)
    )
    for task in tasks:
        if not (task.lead_text or "").strip():
            continue
        decision = decisions.get(task.id)
        if pending_only and decision is not None:
            continue
        out.append(
            ProposalView(task, matching.propose(task.id, task.lead_text, agencies), decision)
        )
    return plan, agencies, out


def decide_lead(
    session: Session,
    principal: Principal,
    actor: Actor,
    task_id: int,
    choice: str,
    *,
    expected_revision: int | None,
) -> TaskRow:
    """Confirm the proposal ("proposed"), choose an agency (its id), or "none"."""
    row = _live_item(session, TaskRow, task_id, "nhiệm vụ")
    plan = _plan(session, row.plan_id)
    access.require_review(principal, plan.province_code)
    check_revision(row, expected_revision, "Nhiệm vụ này")
    agencies = province_agencies(session, plan)
    allowed = {a.id: a for a in agencies}
    proposal = matching.propose(row.id, row.lead_text or "", agencies)
    before = task_snapshot(session, row)
    choice = str(choice or "").strip()
    lead, co = row.lead_agency_id, co_agency_ids(session, row.id)
    if choice == "none":
        decision, lead = "none", None
    elif choice == "proposed":
        if proposal.collective:
            decision, co = "agency", [c.agency_id for c in proposal.collective]
        elif proposal.best:
            decision, lead = "agency", proposal.best.agency_id
            co = [c.agency_id for c in proposal.co_agencies]
        else:
            raise ValidationError(
                "Không có đề xuất nào để xác nhận; hãy chọn cơ quan khác.",
                errors=[{"msg": "Không có đề xuất để xác nhận.", "loc": ["choice"]}],
            )
    else:
        chosen = int_id(choice)
        if chosen not in allowed:
            raise ValidationError(
                "Cơ quan được chọn không thuộc tỉnh có kế hoạch này.",
                errors=[{"msg": "Cơ quan không hợp lệ.", "loc": ["choice"]}],
            )
        decision, lead = "agency", chosen
    row.lead_agency_id = lead
    _set_co_agencies(session, row.id, [c for c in co if c != lead])
    row.revision += 1
    existing = session.get(LeadDecisionRow, row.id)
    if existing is None:
        existing = LeadDecisionRow(task_id=row.id)
        session.add(existing)
    existing.decision = decision
    existing.agency_id = lead
    existing.confidence = proposal.confidence
    existing.decided_by = principal.user_id
    existing.decided_at = utcnow()
    audit.record(
        session,
        actor,
        "task.lead_decision",
        "task",
        row.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        before=before,
        after={
            **task_snapshot(session, row),
            "decision": decision,
            "choice": choice,
            "confidence": proposal.confidence,
        },
        note=row.lead_text,
    )
    # A newly assigned agency is expected to report from now on.
    hooks.on_periods_changed(session, plan.id)
    return row
