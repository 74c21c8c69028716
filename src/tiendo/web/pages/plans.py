"""Pages: the list of plans, one plan, its source text."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from tiendo.evaluate import queries as evaluation
from tiendo.publish import feedback
from tiendo.reporting.queries import latest_approved_values
from tiendo.store import queries
from tiendo.store.queries import Visibility
from tiendo.web.deps import get_session, get_visibility

router = APIRouter()


@router.get("/")
def home(
    request: Request,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    total, plans = queries.list_plans(session, visibility=visibility, limit=500)
    return request.app.state.templates.TemplateResponse(
        request, "home.html", {"plans": plans, "total": total}
    )


@router.get("/ke-hoach/{plan_id}")
def plan_page(
    plan_id: int,
    request: Request,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    plan = queries.plan_detail(session, plan_id, visibility=visibility)
    feedback_total, feedback_items = feedback.public_list(session, plan_id=plan.id, limit=10)
    target_status, task_status = evaluation.plan_statuses(session, plan.id)
    return request.app.state.templates.TemplateResponse(
        request,
        "plan.html",
        {
            "plan": plan,
            "target_matrix": queries.target_matrix(plan.targets),
            "task_groups": queries.tasks_by_group(plan.tasks),
            "feedback": feedback_items,
            "feedback_total": feedback_total,
            "latest_values": latest_approved_values(session, plan.id),
            "target_status": evaluation.status_views(target_status, "target"),
            "task_status": evaluation.status_views(task_status, "task"),
        },
    )


@router.get("/ke-hoach/{plan_id}/van-ban")
def source_page(
    plan_id: int,
    request: Request,
    raw: bool = Query(False),
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    plan = queries.plan_detail(session, plan_id, visibility=visibility)
    source = queries.plan_source(session, plan_id, visibility=visibility, raw=raw)
    return request.app.state.templates.TemplateResponse(
        request, "source.html", {"plan": plan, "source": source, "raw": raw}
    )
