"""Pages: the list of plans, one plan, its source text."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from tiendo.store import queries
from tiendo.web.deps import Viewer, get_session, get_viewer

router = APIRouter()


@router.get("/")
def home(
    request: Request, session: Session = Depends(get_session), viewer: Viewer = Depends(get_viewer)
):
    total, plans = queries.list_plans(session, published_only=not viewer.sees_drafts, limit=500)
    return request.app.state.templates.TemplateResponse(
        request, "home.html", {"plans": plans, "total": total}
    )


@router.get("/ke-hoach/{plan_id}")
def plan_page(
    plan_id: int,
    request: Request,
    session: Session = Depends(get_session),
    viewer: Viewer = Depends(get_viewer),
):
    plan = queries.plan_detail(session, plan_id, published_only=not viewer.sees_drafts)
    return request.app.state.templates.TemplateResponse(
        request,
        "plan.html",
        {
            "plan": plan,
            "targets_by_year": queries.targets_by_year(plan.targets),
            "task_groups": queries.tasks_by_group(plan.tasks),
        },
    )


@router.get("/ke-hoach/{plan_id}/van-ban")
def source_page(
    plan_id: int,
    request: Request,
    raw: bool = Query(False),
    session: Session = Depends(get_session),
    viewer: Viewer = Depends(get_viewer),
):
    plan = queries.plan_detail(session, plan_id, published_only=not viewer.sees_drafts)
    source = queries.plan_source(session, plan_id, published_only=not viewer.sees_drafts, raw=raw)
    return request.app.state.templates.TemplateResponse(
        request, "source.html", {"plan": plan, "source": source, "raw": raw}
    )
