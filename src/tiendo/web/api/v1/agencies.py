"""/api/v1/agencies: the agencies of a province."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Role
from tiendo.accounts.service import actor_of
from tiendo.errors import PermissionDenied
from tiendo.reporting import agencies
from tiendo.web.api.v1.reporting_models import AgencyIn, AgencyOut
from tiendo.web.deps import get_session
from tiendo.web.security import client_ip, require_principal

router = APIRouter(prefix="/agencies", tags=["Cơ quan"])


@router.get("", response_model=list[AgencyOut], summary="Danh sách cơ quan trong phạm vi tài khoản")
def list_agencies(
    request: Request,
    province: str | None = Query(None, max_length=8),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    if not principal.has_scope("read"):
        raise PermissionDenied("Mã truy cập cần phạm vi read.")
    if principal.role is Role.REPORTER:
        return [a for a in agencies.list_for(session, None) if a.id == principal.agency_id]
    scope = None if principal.is_admin else principal.provinces
    if province:
        if scope is not None and province not in scope:
            raise PermissionDenied("Tỉnh này ngoài phạm vi của tài khoản.")
        scope = {province}
    return agencies.list_for(session, scope, include_inactive=True)


@router.post("", response_model=AgencyOut, status_code=201, summary="Thêm cơ quan (điều phối)")
def create_agency(body: AgencyIn, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    row = agencies.create(
        session,
        principal,
        actor_of(principal, client_ip(request)),
        body.province_code or principal.province_code or "",
        body.model_dump(),
    )
    session.commit()
    return row


@router.patch("/{agency_id}", response_model=AgencyOut, summary="Sửa cơ quan (điều phối)")
def update_agency(
    agency_id: int, body: AgencyIn, request: Request, session: Session = Depends(get_session)
):
    principal = require_principal(request)
    data = body.model_dump()
    if body.active is None:
        data.pop("active")
    else:
        data["active"] = "1" if body.active else "0"
    row = agencies.update(
        session, principal, actor_of(principal, client_ip(request)), agency_id, data
    )
    session.commit()
    return row
