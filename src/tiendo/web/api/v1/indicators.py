"""/api/v1/indicators: the national indicators, links to them, comparisons of provinces."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.errors import PermissionDenied
from tiendo.evaluate import catalogue
from tiendo.evaluate.readmodels import CatalogueOut, ComparisonOut, ProposalOut
from tiendo.store.queries import Visibility, get_visible_plan
from tiendo.store.tables import TargetRow
from tiendo.web.deps import get_session, get_visibility
from tiendo.web.pages._evaluation import today
from tiendo.web.security import client_ip, require_principal

router = APIRouter(tags=["Chỉ tiêu quốc gia"])


@router.get(
    "/indicators",
    response_model=CatalogueOut,
    summary="Danh mục chỉ tiêu quốc gia của Nghị quyết 57-NQ/TW",
)
def get_catalogue(
    session: Session = Depends(get_session), visibility: Visibility = Depends(get_visibility)
):
    return catalogue.catalogue_out(session, visibility)


@router.get(
    "/indicators/{code}/comparison",
    response_model=ComparisonOut,
    summary="So sánh các tỉnh theo một chỉ tiêu quốc gia",
)
def get_comparison(
    code: str,
    request: Request,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    return catalogue.comparison(session, code, visibility, today(request))


@router.get(
    "/plans/{plan_id}/indicator-links",
    response_model=list[ProposalOut],
    summary="Chỉ tiêu của kế hoạch với chỉ tiêu quốc gia đề xuất hoặc đã xác nhận",
)
def get_links(
    plan_id: int,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    get_visible_plan(session, plan_id, visibility)
    return catalogue.proposals(session, plan_id)


class LinkDecision(BaseModel):
    decision: str = Field(
        pattern="^(confirm|reject|clear)$", description="confirm, reject hoặc clear"
    )
    code: str | None = Field(None, max_length=40, description="Mã chỉ tiêu quốc gia, ví dụ NQ57-07")


@router.put(
    "/targets/{target_id}/indicator-link",
    response_model=list[ProposalOut],
    summary="Xác nhận, bác bỏ hoặc bỏ liên kết chỉ tiêu với chỉ tiêu quốc gia (cán bộ điều phối)",
)
def put_link(
    target_id: int,
    body: LinkDecision,
    request: Request,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    principal = require_principal(request)
    if not principal.has_scope("plans:write"):
        raise PermissionDenied("Mã truy cập này không có quyền sửa kế hoạch.")
    target = session.get(TargetRow, target_id)
    plan = get_visible_plan(session, target.plan_id if target else 0, visibility)
    catalogue.decide(
        session,
        principal,
        accounts.actor_of(principal, client_ip(request)),
        target_id,
        body.decision,
        body.code,
    )
    session.commit()
    return catalogue.proposals(session, plan.id)
