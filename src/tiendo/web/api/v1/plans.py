"""/api/v1/plans: plans with their targets, tasks, duties and source text."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from tiendo.store import queries
from tiendo.store.queries import Visibility
from tiendo.store.readmodels import (
    DutyOut,
    Page,
    PlanDetail,
    PlanSource,
    PlanSummary,
    TargetOut,
    TaskOut,
)
from tiendo.web.deps import get_session, get_visibility

router = APIRouter(prefix="/plans", tags=["Kế hoạch"])


class PlanPage(Page):
    items: list[PlanSummary]


@router.get("", response_model=PlanPage, summary="Danh sách kế hoạch")
def list_plans(
    province: str | None = Query(
        None, description="Mã tỉnh; tỉnh đã sáp nhập gộp vào tỉnh tiếp nhận"
    ),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    total, items = queries.list_plans(
        session,
        visibility=visibility,
        province_code=province,
        limit=limit,
        offset=offset,
    )
    return PlanPage(total=total, limit=limit, offset=offset, items=items)


@router.get(
    "/{plan_id}",
    response_model=PlanDetail,
    summary="Một kế hoạch với chỉ tiêu, nhiệm vụ, chế độ báo cáo",
)
def get_plan(
    plan_id: int,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    return queries.plan_detail(session, plan_id, visibility=visibility)


@router.get("/{plan_id}/targets", response_model=list[TargetOut], summary="Chỉ tiêu của kế hoạch")
def get_targets(
    plan_id: int,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    return queries.plan_detail(session, plan_id, visibility=visibility).targets


@router.get("/{plan_id}/tasks", response_model=list[TaskOut], summary="Nhiệm vụ của kế hoạch")
def get_tasks(
    plan_id: int,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    return queries.plan_detail(session, plan_id, visibility=visibility).tasks


@router.get(
    "/{plan_id}/duties", response_model=list[DutyOut], summary="Chế độ báo cáo của kế hoạch"
)
def get_duties(
    plan_id: int,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    return queries.plan_detail(session, plan_id, visibility=visibility).duties


@router.get(
    "/{plan_id}/source",
    response_model=PlanSource,
    summary="Văn bản gốc theo dòng, kèm các mục đã trích",
)
def get_source(
    plan_id: int,
    raw: bool = Query(False, description="Văn bản như khi đọc vào, trước khi sửa lỗi nhận dạng"),
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    return queries.plan_source(session, plan_id, visibility=visibility, raw=raw)
