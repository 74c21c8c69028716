"""Pages: send feedback (anyone), read published feedback, handle it (coordinators).

The form's POST has its own router (``submit_router``) whose first
dependency refuses oversized bodies before anything reads them (the CSRF
check reads the form).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.accounts.roles import province_family
from tiendo.domain.units import PROVINCES
from tiendo.errors import NotFound, PermissionDenied, TiendoError, ValidationError
from tiendo.publish import antispam, feedback
from tiendo.publish.antispam import FeedbackPolicy
from tiendo.store import queries
from tiendo.store.tables import PlanRow, TargetRow, TaskRow
from tiendo.web.deps import get_principal, get_session
from tiendo.web.security import client_ip, csrf_protect, require_principal
from tiendo.web.templating import render


class BodyTooLarge(TiendoError):
    status_code = 413


class LengthRequired(TiendoError):
    status_code = 411


def policy_of(request: Request) -> FeedbackPolicy:
    return getattr(request.app.state, "feedback_policy", None) or FeedbackPolicy()


def limiter_of(request: Request) -> antispam.AttemptLimiter:
    state = request.app.state
    if getattr(state, "feedback_limiter", None) is None:
        policy = policy_of(request)
        state.feedback_limiter = antispam.AttemptLimiter(
            policy.attempts, policy.attempt_window_seconds
        )
    return state.feedback_limiter


async def limit_body(request: Request) -> None:
    """Refuse a form body over the limit before it is read (the server honours Content-Length)."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise LengthRequired("Yêu cầu phải ghi rõ độ dài nội dung (Content-Length).")
    if int(length) > policy_of(request).max_body_bytes:
        raise BodyTooLarge("Nội dung gửi lên quá lớn; phản ánh chỉ gồm chữ, tối đa 5.000 ký tự.")


router = APIRouter()
submit_router = APIRouter(
    include_in_schema=False,
    dependencies=[Depends(limit_body), Depends(get_principal), Depends(csrf_protect)],
)


def _secret(request: Request) -> str:
    return request.app.state.runtime.settings.resolved_secret_key()


def _form_context(session: Session, request: Request, values: dict, errors: list[dict]) -> dict:
    plan_id = feedback.parse_id(values.get("plan_id"))
    plan = session.get(PlanRow, plan_id) if plan_id else None
    if plan is not None and plan.status != "published":
        plan = None
    subject = None
    for key, row_type in (("target_id", TargetRow), ("task_id", TaskRow)):
        item_id = feedback.parse_id(values.get(key))
        if plan is not None and item_id:
            item = session.get(row_type, item_id)
            if item is not None and item.plan_id == plan.id and item.active and not item.deleted:
                label = "Chỉ tiêu" if key == "target_id" else "Nhiệm vụ"
                text = item.indicator if key == "target_id" else item.text
                subject = {"key": key, "id": item.id, "label": label, "text": text}
    plans = []
    if plan is None:
        _, plans = queries.list_plans(session, visibility=queries.PUBLIC, limit=500)
    return {
        "values": values,
        "errors": errors,
        "field_errors": {e["loc"][-1]: e["msg"] for e in errors if e.get("loc")},
        "plan": plan,
        "plan_label": feedback.plan_label(plan) if plan else None,
        "plans": plans,
        "subject": subject,
        "stamp": antispam.form_stamp(_secret(request)),
        "honeypot": antispam.HONEYPOT_FIELD,
    }


@router.get("/phan-anh/gui")
def feedback_form(
    request: Request,
    ke_hoach: int | None = Query(None),
    chi_tieu: int | None = Query(None),
    nhiem_vu: int | None = Query(None),
    session: Session = Depends(get_session),
):
    values = {"plan_id": ke_hoach, "target_id": chi_tieu, "task_id": nhiem_vu}
    if ke_hoach is not None:
        plan = session.get(PlanRow, ke_hoach)
        if plan is None or plan.status != "published":
            raise NotFound(f"Không có kế hoạch đã công bố số {ke_hoach}.")
    return render(request, "feedback/form.html", _form_context(session, request, values, []))


@submit_router.post("/phan-anh/gui")
async def feedback_submit(request: Request, session: Session = Depends(get_session)):
    form = await request.form()
    values = {k: str(form.get(k) or "") for k in feedback.FORM_FIELDS}
    policy = policy_of(request)
    secret = _secret(request)
    sender = antispam.sender_key(secret, client_ip(request))
    if not limiter_of(request).hit(sender):
        raise feedback.TooManySubmissions(
            "Có quá nhiều lần gửi từ địa chỉ của bạn; hãy thử lại sau ít phút."
        )
    if antispam.honeypot_filled(form):
        # Scripts fill every field; answer as if accepted so they learn nothing.
        return RedirectResponse("/phan-anh/da-gui", status_code=303)
    try:
        antispam.check_stamp(secret, str(form.get(antispam.STAMP_FIELD) or ""), policy)
        row = feedback.submit(
            session,
            values,
            sender=sender,
            actor=accounts.actor_of(getattr(request.state, "principal", None)),
            policy=policy,
        )
    except (ValidationError, TiendoError) as exc:
        session.rollback()
        errors = (
            exc.errors
            if isinstance(exc, ValidationError) and exc.errors
            else [{"msg": exc.message, "loc": []}]
        )
        return render(
            request,
            "feedback/form.html",
            _form_context(session, request, values, errors),
            status_code=exc.status_code,
        )
    session.commit()
    return RedirectResponse(f"/phan-anh/da-gui?ma={row.id}", status_code=303)


@router.get("/phan-anh/da-gui")
def feedback_sent(request: Request, ma: int | None = Query(None)):
    return render(request, "feedback/sent.html", {"number": ma})


@router.get("/phan-anh")
def feedback_list(
    request: Request,
    tinh: str | None = Query(None, max_length=8),
    ke_hoach: int | None = Query(None),
    trang: int = Query(1, ge=1, le=10_000),
    session: Session = Depends(get_session),
):
    limit = 20
    codes = province_family(tinh) if tinh in PROVINCES else None
    total, items = feedback.public_list(
        session, province_codes=codes, plan_id=ke_hoach, limit=limit, offset=(trang - 1) * limit
    )
    provinces = [u for u in PROVINCES.values() if not u.successor_code]
    return render(
        request,
        "feedback/list.html",
        {
            "items": items,
            "total": total,
            "page": trang,
            "pages": max(1, -(-total // limit)),
            "tinh": tinh if codes else None,
            "ke_hoach": ke_hoach,
            "provinces": sorted(provinces, key=lambda u: u.name),
        },
    )


@router.get("/phan-anh/{feedback_id:int}")
def feedback_detail(feedback_id: int, request: Request, session: Session = Depends(get_session)):
    item = feedback.public_get(session, feedback_id)
    return render(request, "feedback/detail.html", {"item": item})


# ---------------------------------------------------------------- handling


def _handler(request: Request):
    principal = require_principal(request)
    if not feedback.can_view_handling(principal):
        raise PermissionDenied(
            "Chỉ cán bộ điều phối và cơ quan được chuyển phản ánh xem được trang này."
        )
    return principal


@router.get("/phan-anh/xu-ly")
def handling_list(
    request: Request,
    trang_thai: str | None = Query(None, max_length=12),
    session: Session = Depends(get_session),
):
    principal = _handler(request)
    moderation = trang_thai if trang_thai in feedback.MODERATION_LABELS else None
    total, items = feedback.handling_list(session, principal, moderation=moderation, limit=200)
    return render(
        request,
        "feedback/handling_list.html",
        {
            "items": items,
            "total": total,
            "moderation": moderation,
            "labels": feedback.MODERATION_LABELS,
        },
    )


def _handling_context(session: Session, request: Request, feedback_id: int, errors=None) -> dict:
    principal = _handler(request)
    item = feedback.handling_get(session, principal, feedback_id)
    can_act = principal.manages_province(item.province_code)
    return {
        "item": item,
        "can_act": can_act,
        "agencies": feedback.agencies_for(session, principal) if can_act else [],
        "errors": errors or [],
        "field_errors": {e["loc"][-1]: e["msg"] for e in (errors or []) if e.get("loc")},
    }


@router.get("/phan-anh/xu-ly/{feedback_id:int}")
def handling_page(feedback_id: int, request: Request, session: Session = Depends(get_session)):
    return render(
        request, "feedback/handling.html", _handling_context(session, request, feedback_id)
    )


async def _act(request: Request, session: Session, feedback_id: int, action) -> object:
    principal = require_principal(request)
    actor = accounts.actor_of(principal, client_ip(request))
    form = await request.form()
    revision = feedback.parse_id(form.get("revision"))
    try:
        action(principal, actor, form, revision)
    except (ValidationError, TiendoError) as exc:
        session.rollback()
        if exc.status_code in (403, 404):
            raise
        errors = (
            exc.errors
            if isinstance(exc, ValidationError) and exc.errors
            else [{"msg": exc.message, "loc": []}]
        )
        return render(
            request,
            "feedback/handling.html",
            _handling_context(session, request, feedback_id, errors),
            status_code=exc.status_code,
        )
    session.commit()
    return RedirectResponse(f"/phan-anh/xu-ly/{feedback_id}?tb=saved", status_code=303)


@router.post("/phan-anh/xu-ly/{feedback_id:int}/kiem-duyet")
async def handling_moderate(
    feedback_id: int, request: Request, session: Session = Depends(get_session)
):
    return await _act(
        request,
        session,
        feedback_id,
        lambda p, a, form, rev: feedback.moderate(
            session,
            p,
            a,
            feedback_id,
            str(form.get("decision") or ""),
            str(form.get("reason") or ""),
            expected_revision=rev,
        ),
    )


@router.post("/phan-anh/xu-ly/{feedback_id:int}/chuyen")
async def handling_forward(
    feedback_id: int, request: Request, session: Session = Depends(get_session)
):
    return await _act(
        request,
        session,
        feedback_id,
        lambda p, a, form, rev: feedback.forward(
            session,
            p,
            a,
            feedback_id,
            feedback.parse_id(form.get("agency_id")),
            str(form.get("note") or ""),
            expected_revision=rev,
        ),
    )


@router.post("/phan-anh/xu-ly/{feedback_id:int}/tra-loi")
async def handling_respond(
    feedback_id: int, request: Request, session: Session = Depends(get_session)
):
    return await _act(
        request,
        session,
        feedback_id,
        lambda p, a, form, rev: feedback.respond(
            session, p, a, feedback_id, str(form.get("response") or ""), expected_revision=rev
        ),
    )
