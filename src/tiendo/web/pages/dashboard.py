"""Pages: the leaders' dashboard, the lists behind its numbers, one target in detail."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from tiendo.evaluate import dashboard as board
from tiendo.evaluate.buckets import TASK_BUCKET_LABELS
from tiendo.evaluate.detail import target_detail
from tiendo.evaluate.queries import (
    REPORT_BUCKET_LABELS,
    TARGET_BUCKET_LABELS,
    list_reports,
    list_targets,
    list_tasks,
    resolve_scope,
)
from tiendo.evaluate.targets import TARGET_STATUS_LABELS
from tiendo.evaluate.tasks import TASK_STATUS_LABELS
from tiendo.evaluate.timeliness import SUBMISSION_STATUS_LABELS
from tiendo.store.queries import Visibility
from tiendo.web.deps import get_principal, get_session, get_visibility, visibility_for
from tiendo.web.pages._evaluation import (
    FilterParams,
    config,
    filter_options,
    page_args,
    today,
    viewer,
)
from tiendo.web.templating import render

router = APIRouter(prefix="/danh-gia")


@router.get("")
def dashboard_page(
    request: Request, params: FilterParams = Depends(), session: Session = Depends(get_session)
):
    principal = viewer(request)
    filters = params.for_viewer(principal)
    day = today(request)
    data = board.dashboard(session, visibility_for(principal), filters, day, config(request))
    scope = resolve_scope(session, visibility_for(principal), filters, day)
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "board": data,
            "chart_data": {
                "targets": data.targets.model_dump(mode="json"),
                "tasks": data.tasks.model_dump(mode="json"),
                "groups": [g.model_dump(mode="json") for g in data.tasks_by_group],
                "agencies": [g.model_dump(mode="json") for g in data.tasks_by_agency],
                "timeliness": [p.model_dump(mode="json") for p in data.timeliness],
                "categories": [
                    {"key": key, "label": label, "statuses": list(statuses)}
                    for key, label, statuses in board.TASK_CATEGORIES
                ],
            },
            "categories": board.TASK_CATEGORIES,
            "task_labels": {k.value: v for k, v in TASK_STATUS_LABELS.items()},
            **filter_options(session, filters, scope.plans, data.timeliness),
        },
    )


def _list_page(
    request,
    session,
    params,
    lister,
    template,
    labels,
    buckets,
    status,
    bucket,
    page,
    summary_by=None,
    **extra,
):
    principal = viewer(request)
    filters = params.for_viewer(principal)
    scope = resolve_scope(session, visibility_for(principal), filters, today(request))
    summary = board.timeliness_by(session, scope, summary_by, 50) if summary_by else None
    limit, offset = page_args(page)
    result = lister(
        session,
        scope,
        status=status or None,
        bucket=bucket or None,
        limit=limit,
        offset=offset,
        **extra,
    )
    return render(
        request,
        template,
        {
            "result": result,
            "status": status,
            "bucket": bucket,
            "status_label": labels.get(status) if status else None,
            "bucket_label": buckets.get(bucket) if bucket else None,
            "page": max(page, 1),
            "pages": max(1, -(-result.total // limit)),
            "query": filters.params(
                status=status, bucket=bucket, recent=1 if extra.get("since") else None
            ),
            "since": extra.get("since"),
            "summary": summary,
            **filter_options(session, filters, scope.plans),
        },
    )


@router.get("/chi-tieu")
def targets_page(
    request: Request,
    params: FilterParams = Depends(),
    status: str = Query("", max_length=30),
    bucket: str = Query("", max_length=30),
    page: int = Query(1, ge=1, le=100_000),
    session: Session = Depends(get_session),
):
    return _list_page(
        request,
        session,
        params,
        list_targets,
        "evaluation/targets.html",
        {k.value: v for k, v in TARGET_STATUS_LABELS.items()},
        TARGET_BUCKET_LABELS,
        status,
        bucket,
        page,
    )


@router.get("/nhiem-vu")
def tasks_page(
    request: Request,
    params: FilterParams = Depends(),
    status: str = Query("", max_length=30),
    bucket: str = Query("", max_length=30),
    page: int = Query(1, ge=1, le=100_000),
    session: Session = Depends(get_session),
):
    return _list_page(
        request,
        session,
        params,
        list_tasks,
        "evaluation/tasks.html",
        {k.value: v for k, v in TASK_STATUS_LABELS.items()},
        TASK_BUCKET_LABELS,
        status,
        bucket,
        page,
    )


@router.get("/bao-cao")
def reports_page(
    request: Request,
    params: FilterParams = Depends(),
    status: str = Query("", max_length=30),
    bucket: str = Query("", max_length=30),
    recent: int = Query(0, ge=0, le=1, description="1: chỉ các báo cáo đến hạn gần đây"),
    by: str = Query("agency", pattern="^(agency|plan|province|period)$"),
    page: int = Query(1, ge=1, le=100_000),
    session: Session = Depends(get_session),
):
    since = None
    if recent:
        since = today(request) - dt.timedelta(days=config(request).recent_report_days)
    return _list_page(
        request,
        session,
        params,
        list_reports,
        "evaluation/reports.html",
        {k.value: v for k, v in SUBMISSION_STATUS_LABELS.items()},
        REPORT_BUCKET_LABELS,
        status,
        bucket,
        page,
        since=since,
        summary_by=by,
    )


@router.get("/chi-tieu/{target_id}")
def target_page(
    target_id: int,
    request: Request,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
    principal=Depends(get_principal),
):
    """Open to all for published plans: the public portal will link here."""
    detail = target_detail(session, target_id, visibility, today(request), config(request))
    return render(
        request,
        "evaluation/target.html",
        {
            "detail": detail,
            "chart_data": detail.trajectory.model_dump(mode="json"),
        },
    )
