"""Pages: the catalogue of national indicators, and linking a plan's targets to it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.errors import PermissionDenied, ValidationError
from tiendo.evaluate import catalogue
from tiendo.store.queries import Visibility, get_visible_plan, plan_detail
from tiendo.web.deps import get_session, get_visibility
from tiendo.web.security import client_ip, require_principal
from tiendo.web.templating import render

router = APIRouter()


@router.get("/chi-tieu-quoc-gia")
def catalogue_page(
    request: Request,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    return render(
        request,
        "evaluation/catalogue.html",
        {"catalogue": catalogue.catalogue_out(session, visibility)},
    )


def _coordinator(request: Request, session: Session, plan_id: int, visibility: Visibility):
    principal = require_principal(request)
    plan = get_visible_plan(session, plan_id, visibility)
    if not principal.manages_province(plan.province_code):
        raise PermissionDenied(
            "Chỉ cán bộ điều phối của tỉnh được gắn chỉ tiêu của kế hoạch với chỉ tiêu quốc gia."
        )
    return principal, plan


def _render_links(request, session, plan_id, visibility, errors=None, status_code=200):
    return render(
        request,
        "evaluation/links.html",
        {
            "plan": plan_detail(session, plan_id, visibility=visibility),
            "proposals": catalogue.proposals(session, plan_id),
            "indicators": catalogue.load_catalogue().indicators,
            "errors": errors or [],
        },
        status_code=status_code,
    )


@router.get("/ke-hoach/{plan_id}/chi-tieu-quoc-gia")
def links_page(
    plan_id: int,
    request: Request,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    _coordinator(request, session, plan_id, visibility)
    return _render_links(request, session, plan_id, visibility)


@router.post("/ke-hoach/{plan_id}/chi-tieu-quoc-gia")
def decide_link(
    plan_id: int,
    request: Request,
    target_id: int = Form(...),
    decision: str = Form(..., pattern="^(confirm|reject|clear)$"),
    code: str = Form("", max_length=40),
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    principal, plan = _coordinator(request, session, plan_id, visibility)
    proposals = {p.target_id: p for p in catalogue.proposals(session, plan_id)}
    if target_id not in proposals:
        raise ValidationError(f"Chỉ tiêu số {target_id} không thuộc kế hoạch này.")
    scores = {m.code: m.score for m in proposals[target_id].matches}
    try:
        catalogue.decide(
            session,
            principal,
            accounts.actor_of(principal, client_ip(request)),
            target_id,
            decision,
            code or None,
            scores.get(code),
        )
    except ValidationError as exc:
        session.rollback()
        return _render_links(request, session, plan.id, visibility, exc.errors, 422)
    session.commit()
    return RedirectResponse(
        f"/ke-hoach/{plan.id}/chi-tieu-quoc-gia?tb=saved#target-{target_id}", status_code=303
    )
