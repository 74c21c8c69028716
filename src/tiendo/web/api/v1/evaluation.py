"""/api/v1/evaluation: statuses, dashboards, scorecards and warnings as JSON.

The same read functions as the pages, with the same filters and limits:
a signed-in user (or an API token with the "read" scope) sees published
plans everywhere and drafts of their own province; a reporter sees their
agency's items; one target's status is public when its plan is published.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from tiendo.errors import NotFound
from tiendo.evaluate import alerts
from tiendo.evaluate.dashboard import dashboard, timeliness_by
from tiendo.evaluate.detail import target_detail
from tiendo.evaluate.queries import list_reports, list_targets, list_tasks, resolve_scope
from tiendo.evaluate.ranking import ranking
from tiendo.evaluate.readmodels import (
    Dashboard,
    Ranking,
    SubmissionPage,
    TargetDetail,
    TargetPage,
    TaskPage,
    TimelinessTable,
    WarningOut,
    WarningSummary,
)
from tiendo.store.queries import Visibility
from tiendo.web.deps import get_session, get_visibility, visibility_for
from tiendo.web.pages._evaluation import FilterParams, config, today, viewer

router = APIRouter(prefix="/evaluation", tags=["Đánh giá"])

STATUS = Query(None, max_length=30, description="Lọc theo một trạng thái")
BUCKET = Query(
    None,
    max_length=30,
    description="Nhóm mục được đếm trong bảng điểm (ví dụ on_time, counted, overdue, good, all, expected)",
)
LIMIT = Query(50, ge=1, le=500)
OFFSET = Query(0, ge=0)


def _scope(request: Request, session: Session, params: FilterParams):
    principal = viewer(request)
    filters = params.for_viewer(principal)
    return resolve_scope(session, visibility_for(principal), filters, today(request))


@router.get(
    "/dashboard",
    response_model=Dashboard,
    summary="Bảng điều khiển: trạng thái, tiến độ, báo cáo, cảnh báo",
)
def get_dashboard(
    request: Request, params: FilterParams = Depends(), session: Session = Depends(get_session)
):
    principal = viewer(request)
    return dashboard(
        session,
        visibility_for(principal),
        params.for_viewer(principal),
        today(request),
        config(request),
    )


@router.get("/targets", response_model=TargetPage, summary="Chỉ tiêu với trạng thái và lý do")
def get_targets(
    request: Request,
    params: FilterParams = Depends(),
    status: str | None = STATUS,
    bucket: str | None = BUCKET,
    all_milestones: bool = Query(False, description="Gồm cả các mốc chưa đến lượt xét"),
    limit: int = LIMIT,
    offset: int = OFFSET,
    session: Session = Depends(get_session),
):
    scope = _scope(request, session, params)
    return list_targets(
        session,
        scope,
        status=status,
        bucket=bucket,
        all_milestones=all_milestones,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/targets/{target_id}",
    response_model=TargetDetail,
    summary="Một chỉ tiêu: trạng thái, cách tính, số liệu và lộ trình",
)
def get_target(
    target_id: int,
    request: Request,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    return target_detail(session, target_id, visibility, today(request), config(request))


@router.get("/tasks", response_model=TaskPage, summary="Nhiệm vụ với trạng thái và lý do")
def get_tasks(
    request: Request,
    params: FilterParams = Depends(),
    status: str | None = STATUS,
    bucket: str | None = BUCKET,
    limit: int = LIMIT,
    offset: int = OFFSET,
    session: Session = Depends(get_session),
):
    scope = _scope(request, session, params)
    return list_tasks(session, scope, status=status, bucket=bucket, limit=limit, offset=offset)


@router.get(
    "/reports",
    response_model=SubmissionPage,
    summary="Báo cáo phải nộp: đúng hạn, trễ hạn, chưa nộp",
)
def get_reports(
    request: Request,
    params: FilterParams = Depends(),
    status: str | None = STATUS,
    bucket: str | None = BUCKET,
    recent: bool = Query(False, description="Chỉ các báo cáo đến hạn gần đây (như cảnh báo)"),
    limit: int = LIMIT,
    offset: int = OFFSET,
    session: Session = Depends(get_session),
):
    scope = _scope(request, session, params)
    since = None
    if recent:
        since = scope.today - dt.timedelta(days=config(request).recent_report_days)
    return list_reports(
        session, scope, status=status, bucket=bucket, since=since, limit=limit, offset=offset
    )


@router.get(
    "/timeliness",
    response_model=TimelinessTable,
    summary="Báo cáo đầy đủ và đúng hạn theo cơ quan, kế hoạch, tỉnh hoặc kỳ",
)
def get_timeliness(
    request: Request,
    params: FilterParams = Depends(),
    by: str = Query("agency", pattern="^(agency|plan|province|period)$"),
    limit: int = Query(500, ge=1, le=5000),
    session: Session = Depends(get_session),
):
    scope = _scope(request, session, params)
    return timeliness_by(session, scope, by, limit)


@router.get(
    "/scorecards",
    response_model=Ranking,
    summary="Bảng điểm và xếp hạng cơ quan hoặc tỉnh, với trọng số và lý do",
)
def get_scorecards(
    request: Request,
    params: FilterParams = Depends(),
    by: str = Query("agency", pattern="^(agency|province)$", description="agency hoặc province"),
    limit: int = LIMIT,
    offset: int = OFFSET,
    session: Session = Depends(get_session),
):
    principal = viewer(request)
    return ranking(
        session,
        visibility_for(principal),
        params.for_viewer(principal),
        today(request),
        by,
        config(request),
        limit=limit,
        offset=offset,
    )


@router.get(
    "/warnings",
    response_model=WarningSummary,
    summary="Cảnh báo sớm: số lượng theo loại và các cảnh báo cần chú ý nhất",
)
def get_warnings(
    request: Request,
    params: FilterParams = Depends(),
    top: int = Query(20, ge=0, le=200),
    session: Session = Depends(get_session),
):
    scope = _scope(request, session, params)
    return alerts.summary(session, scope, top=top, config=config(request))


@router.get(
    "/warnings/{kind}",
    response_model=list[WarningOut],
    summary="Cảnh báo của một loại, khẩn cấp nhất trước",
)
def get_warnings_of_kind(
    kind: str,
    request: Request,
    params: FilterParams = Depends(),
    limit: int = LIMIT,
    offset: int = OFFSET,
    session: Session = Depends(get_session),
):
    if kind not in alerts.KIND_BY_NAME:
        raise NotFound(f"Không có loại cảnh báo «{kind}».")
    scope = _scope(request, session, params)
    items = alerts.kind_items(
        session, scope, kind, limit=limit, offset=offset, config=config(request)
    )
    names = alerts.agency_names(session, [w.agency for w, _ in items if isinstance(w.agency, int)])
    return [alerts.warning_out(w, link, names) for w, link in items]
