"""Pages: signing in and out, one's own account, password and API tokens."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.accounts.roles import TOKEN_SCOPES, Principal
from tiendo.errors import TiendoError, ValidationError
from tiendo.store.tables import AgencyRow, ApiTokenRow, UserRow
from tiendo.web.deps import get_session
from tiendo.web.security import (
    clear_session_cookie,
    client_ip,
    require_principal,
    set_session_cookie,
)
from tiendo.web.templating import render

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only redirect inside this site (no open redirects)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/dang-nhap?next={quote(target)}", status_code=303)


@router.get("/dang-nhap")
def login_page(request: Request, next: str = "/"):
    return render(request, "login.html", {"next": _safe_next(next), "error": None, "username": ""})


@router.post("/dang-nhap")
def login(
    request: Request,
    username: str = Form(..., max_length=80),
    password: str = Form(..., max_length=200),
    next: str = Form("/"),
    session: Session = Depends(get_session),
):
    ip = client_ip(request)
    try:
        user = accounts.authenticate(
            session, username, password, ip=ip, throttle=request.app.state.login_throttle
        )
    except TiendoError as exc:
        return render(
            request,
            "login.html",
            {"next": _safe_next(next), "error": exc.message, "username": username},
            status_code=exc.status_code,
        )
    token = accounts.open_session(
        session, user, ip=ip, user_agent=request.headers.get("user-agent")
    )
    session.commit()
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_session_cookie(request, response, token)
    return response


@router.post("/dang-xuat")
def logout(request: Request, session: Session = Depends(get_session)):
    from tiendo.web.security import SESSION_COOKIE

    accounts.close_session(session, request.cookies.get(SESSION_COOKIE), ip=client_ip(request))
    session.commit()
    response = RedirectResponse("/?tb=logged_out", status_code=303)
    clear_session_cookie(request, response)
    return response


def _account_context(session: Session, principal: Principal) -> dict:
    user = session.get(UserRow, principal.user_id)
    agency = session.get(AgencyRow, user.agency_id) if user.agency_id else None
    tokens = list(
        session.scalars(
            select(ApiTokenRow)
            .where(ApiTokenRow.user_id == user.id)
            .order_by(ApiTokenRow.created_at.desc())
        )
    )
    return {
        "user": user,
        "agency": agency,
        "tokens": tokens,
        "scopes": TOKEN_SCOPES,
        "errors": [],
        "new_token": None,
    }


@router.get("/tai-khoan")
def account_page(request: Request, session: Session = Depends(get_session)):
    principal = getattr(request.state, "principal", None)
    if principal is None:
        return login_redirect(request)
    return render(request, "account.html", _account_context(session, principal))


@router.post("/tai-khoan/mat-khau")
def change_password(
    request: Request,
    current_password: str = Form(..., max_length=200),
    new_password: str = Form(..., max_length=200),
    confirm_password: str = Form(..., max_length=200),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    user = session.get(UserRow, principal.user_id)
    try:
        if new_password != confirm_password:
            raise ValidationError(
                "Mật khẩu nhập lại không khớp.",
                errors=[{"msg": "Mật khẩu nhập lại không khớp.", "loc": ["confirm_password"]}],
            )
        accounts.change_own_password(
            session,
            user,
            current_password,
            new_password,
            actor=accounts.actor_of(principal, client_ip(request)),
        )
    except ValidationError as exc:
        session.rollback()
        context = _account_context(session, principal) | {"errors": exc.errors}
        return render(request, "account.html", context, status_code=422)
    token = accounts.open_session(
        session, user, ip=client_ip(request), user_agent=request.headers.get("user-agent")
    )
    session.commit()
    response = RedirectResponse("/tai-khoan?tb=password_changed", status_code=303)
    set_session_cookie(request, response, token)
    return response


@router.post("/tai-khoan/ma-truy-cap")
async def create_token(request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    form = await request.form()
    name = str(form.get("name", ""))[:120]
    scopes = [str(s) for s in form.getlist("scopes")]
    user = session.get(UserRow, principal.user_id)
    try:
        _, secret = accounts.create_token(
            session, user, name, scopes, actor=accounts.actor_of(principal, client_ip(request))
        )
    except TiendoError as exc:
        session.rollback()
        context = _account_context(session, principal) | {
            "errors": [{"msg": exc.message, "loc": ["scopes"]}]
        }
        return render(request, "account.html", context, status_code=exc.status_code)
    session.commit()
    # The secret is shown once, on this response only.
    return render(
        request, "account.html", _account_context(session, principal) | {"new_token": secret}
    )


@router.post("/tai-khoan/ma-truy-cap/{token_id}/thu-hoi")
def revoke_token(token_id: int, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    row = session.get(ApiTokenRow, token_id)
    if row is None or (row.user_id != principal.user_id and not principal.is_admin):
        from tiendo.errors import NotFound

        raise NotFound("Không có mã truy cập này.")
    accounts.revoke_token(session, token_id, actor=accounts.actor_of(principal, client_ip(request)))
    session.commit()
    return RedirectResponse("/tai-khoan?tb=token_revoked", status_code=303)
