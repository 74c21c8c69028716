"""/api/v1/feedback: published feedback (anyone), handling (coordinators), response times."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.accounts.roles import province_family
from tiendo.domain.units import PROVINCES
from tiendo.errors import PermissionDenied
from tiendo.publish import feedback
from tiendo.publish.readmodels import FeedbackAdmin, FeedbackPage, FeedbackPublic, ResponseTimes
from tiendo.web.deps import get_session
from tiendo.web.security import client_ip, require_principal

router = APIRouter(prefix="/feedback", tags=["Phản ánh, kiến nghị"])


class HandlingPage(BaseModel):
    total: int
    items: list[FeedbackAdmin]


class Moderation(BaseModel):
    decision: Literal["published", "spam", "rejected"]
    reason: str | None = Field(None, max_length=1000, description="Bắt buộc khi từ chối")
    revision: int | None = Field(None, description="Phiên bản đã đọc, để phát hiện sửa đồng thời")


class Forwarding(BaseModel):
    agency_id: int
    note: str | None = Field(None, max_length=1000)
    revision: int | None = None


class Answer(BaseModel):
    response: str = Field(..., max_length=10000)
    revision: int | None = None


def _writer(request: Request):
    principal = require_principal(request)
    if not principal.has_scope("plans:write"):
        raise PermissionDenied("Mã truy cập không có phạm vi plans:write.")
    return principal, accounts.actor_of(principal, client_ip(request))


@router.get("", response_model=FeedbackPage, summary="Phản ánh đã công khai, mới nhất trước")
def list_public(
    province: str | None = Query(None, description="Mã tỉnh; gồm cả tỉnh đã hợp nhất vào"),
    plan_id: int | None = Query(None),
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0),
    session: Session = Depends(get_session),
):
    codes = province_family(province) if province in PROVINCES else None
    total, items = feedback.public_list(
        session, province_codes=codes, plan_id=plan_id, limit=limit, offset=offset
    )
    return FeedbackPage(total=total, limit=limit, offset=offset, items=items)


@router.get(
    "/response-times",
    response_model=list[ResponseTimes],
    summary="Thời gian trả lời phản ánh theo tỉnh (tiếp nhận → công bố trả lời)",
)
def get_response_times(
    province: str | None = Query(None),
    start: dt.date | None = Query(None, description="Tiếp nhận từ ngày (ISO)"),
    end: dt.date | None = Query(None, description="Tiếp nhận đến ngày (ISO)"),
    within_days: int = Query(15, ge=1, le=365),
    session: Session = Depends(get_session),
):
    codes = province_family(province) if province in PROVINCES else None
    return feedback.response_times(
        session, province_codes=codes, start=start, end=end, within_days=within_days
    )


@router.get("/handling", response_model=HandlingPage, summary="Phản ánh trong phạm vi xử lý")
def list_handling(
    request: Request,
    moderation: Literal["pending", "published", "spam", "rejected"] | None = Query(None),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    if not principal.has_scope("read"):
        raise PermissionDenied("Mã truy cập không có phạm vi read.")
    total, items = feedback.handling_list(
        session, principal, moderation=moderation, limit=limit, offset=offset
    )
    return HandlingPage(total=total, items=items)


@router.get(
    "/handling/{feedback_id:int}", response_model=FeedbackAdmin, summary="Một phản ánh đang xử lý"
)
def get_handling(feedback_id: int, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    if not principal.has_scope("read"):
        raise PermissionDenied("Mã truy cập không có phạm vi read.")
    return feedback.handling_get(session, principal, feedback_id)


@router.get(
    "/{feedback_id:int}", response_model=FeedbackPublic, summary="Một phản ánh đã công khai"
)
def get_public(feedback_id: int, session: Session = Depends(get_session)):
    return feedback.public_get(session, feedback_id)


@router.post(
    "/{feedback_id:int}/moderation",
    response_model=FeedbackAdmin,
    summary="Kiểm duyệt: công khai, thư rác, từ chối (điều phối; phạm vi plans:write)",
)
def post_moderation(
    feedback_id: int, body: Moderation, request: Request, session: Session = Depends(get_session)
):
    principal, actor = _writer(request)
    feedback.moderate(
        session,
        principal,
        actor,
        feedback_id,
        body.decision,
        body.reason,
        expected_revision=body.revision,
    )
    session.commit()
    return feedback.handling_get(session, principal, feedback_id)


@router.post(
    "/{feedback_id:int}/forwards",
    response_model=FeedbackAdmin,
    status_code=201,
    summary="Chuyển phản ánh đến cơ quan có trách nhiệm",
)
def post_forward(
    feedback_id: int, body: Forwarding, request: Request, session: Session = Depends(get_session)
):
    principal, actor = _writer(request)
    feedback.forward(
        session,
        principal,
        actor,
        feedback_id,
        body.agency_id,
        body.note,
        expected_revision=body.revision,
    )
    session.commit()
    return feedback.handling_get(session, principal, feedback_id)


@router.post(
    "/{feedback_id:int}/response",
    response_model=FeedbackAdmin,
    summary="Công bố (hoặc sửa) trả lời phản ánh",
)
def post_response(
    feedback_id: int, body: Answer, request: Request, session: Session = Depends(get_session)
):
    principal, actor = _writer(request)
    feedback.respond(
        session, principal, actor, feedback_id, body.response, expected_revision=body.revision
    )
    session.commit()
    return feedback.handling_get(session, principal, feedback_id)
