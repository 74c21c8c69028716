"""/api/v1/periods: reporting periods of plans."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.accounts.service import actor_of
from tiendo.errors import PermissionDenied
from tiendo.reporting import periods
from tiendo.store.tables import PeriodRow, PlanRow
from tiendo.web.api.v1.reporting_models import AdhocIn, GenerateIn, MoveDueIn, PeriodOut
from tiendo.web.deps import get_session, visibility_for
from tiendo.web.security import client_ip, require_principal

router = APIRouter(prefix="/periods", tags=["Kỳ báo cáo"])


@router.get("", response_model=list[PeriodOut], summary="Kỳ báo cáo của các kế hoạch")
def list_periods(
    request: Request, plan_id: int | None = Query(None), session: Session = Depends(get_session)
):
    principal = require_principal(request)
    if not (principal.has_scope("read") or principal.has_scope("reports:write")):
        raise PermissionDenied("Mã truy cập cần phạm vi read.")
    visibility = visibility_for(principal)
    stmt = (
        select(PeriodRow)
        .join(PlanRow, PlanRow.id == PeriodRow.plan_id)
        .where(visibility.condition())
    )
    if plan_id is not None:
        stmt = stmt.where(PeriodRow.plan_id == plan_id)
    return list(session.scalars(stmt.order_by(PeriodRow.plan_id, PeriodRow.due).limit(5000)))


@router.post(
    "/generate", response_model=list[PeriodOut], summary="Tạo các kỳ còn thiếu theo chế độ báo cáo"
)
def generate(body: GenerateIn, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    rows = periods.generate(
        session,
        principal,
        actor_of(principal, client_ip(request)),
        body.plan_id,
        until_year=body.until_year,
    )
    session.commit()
    return rows


@router.post(
    "/adhoc", response_model=PeriodOut, status_code=201, summary="Thêm kỳ báo cáo đột xuất"
)
def add_adhoc(body: AdhocIn, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    row = periods.add_adhoc(
        session, principal, actor_of(principal, client_ip(request)), body.plan_id, body.model_dump()
    )
    session.commit()
    return row


@router.patch("/{period_id}", response_model=PeriodOut, summary="Đổi hạn nộp của kỳ (ghi lý do)")
def move_due(
    period_id: int, body: MoveDueIn, request: Request, session: Session = Depends(get_session)
):
    principal = require_principal(request)
    row = periods.move_due(
        session,
        principal,
        actor_of(principal, client_ip(request)),
        period_id,
        {"due": body.due, "reason": body.reason},
        expected_revision=body.revision,
    )
    session.commit()
    return row
