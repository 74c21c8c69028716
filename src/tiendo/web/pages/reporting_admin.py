"""Pages: the administrator's mail server and reminder settings."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from tiendo.accounts.service import actor_of
from tiendo.errors import PermissionDenied, ValidationError
from tiendo.reporting import mail, reminders, settings_store
from tiendo.web.deps import get_session
from tiendo.web.security import client_ip, require_principal
from tiendo.web.templating import render

router = APIRouter(prefix="/quan-tri/nhac-nho")


def _admin(request: Request):
    principal = require_principal(request)
    if not principal.is_admin:
        raise PermissionDenied(
            "Chỉ quản trị hệ thống được xem và đổi cài đặt thư điện tử, nhắc nhở."
        )
    return principal


def _context(session: Session, **extra) -> dict:
    return {
        "mail": settings_store.mail_public(session),
        "reminders": settings_store.get(session, settings_store.REMINDERS),
        "security": settings_store.SECURITY,
        "errors": [],
        "result": None,
    } | extra


@router.get("")
def settings_page(request: Request, session: Session = Depends(get_session)):
    _admin(request)
    return render(request, "reporting/admin_settings.html", _context(session))


@router.post("/thu")
def save_mail(
    request: Request,
    host: str = Form("", max_length=300),
    port: str = Form("587", max_length=10),
    security: str = Form("starttls", max_length=20),
    username: str = Form("", max_length=300),
    password: str = Form("", max_length=600),
    clear_password: str = Form(""),
    sender: str = Form("", max_length=300),
    session: Session = Depends(get_session),
):
    principal = _admin(request)
    data = {
        "host": host,
        "port": port,
        "security": security,
        "username": username,
        "password": password,
        "clear_password": clear_password,
        "sender": sender,
    }
    try:
        settings_store.save_mail(
            session,
            principal,
            actor_of(principal, client_ip(request)),
            data,
            request.app.state.runtime.settings.resolved_secret_key(),
        )
    except ValidationError as exc:
        session.rollback()
        return render(
            request,
            "reporting/admin_settings.html",
            _context(session, errors=exc.errors),
            status_code=422,
        )
    session.commit()
    return RedirectResponse("/quan-tri/nhac-nho?tb=settings_saved", status_code=303)


@router.post("/lich")
def save_schedule(
    request: Request,
    days_before: str = Form("", max_length=100),
    days_after: str = Form("", max_length=100),
    scheduler: str = Form(""),
    interval_minutes: str = Form("60", max_length=10),
    session: Session = Depends(get_session),
):
    principal = _admin(request)
    data = {
        "days_before": days_before,
        "days_after": days_after,
        "scheduler": scheduler,
        "interval_minutes": interval_minutes,
    }
    try:
        settings_store.save_reminders(
            session, principal, actor_of(principal, client_ip(request)), data
        )
    except ValidationError as exc:
        session.rollback()
        return render(
            request,
            "reporting/admin_settings.html",
            _context(session, errors=exc.errors),
            status_code=422,
        )
    session.commit()
    return RedirectResponse("/quan-tri/nhac-nho?tb=settings_saved", status_code=303)


@router.post("/thu-thu")
async def test_mail(
    request: Request, to: str = Form("", max_length=200), session: Session = Depends(get_session)
):
    _admin(request)
    secret = request.app.state.runtime.settings.resolved_secret_key()
    if "@" not in to:
        return render(
            request,
            "reporting/admin_settings.html",
            _context(session, errors=[{"msg": "Hãy nhập địa chỉ nhận thư thử.", "loc": ["to"]}]),
            status_code=422,
        )
    try:
        await run_in_threadpool(reminders.send_test, session, secret, to.strip())
    except mail.MailError as exc:
        return render(
            request,
            "reporting/admin_settings.html",
            _context(session, errors=[{"msg": f"Không gửi được thư thử: {exc}", "loc": ["to"]}]),
            status_code=422,
        )
    return RedirectResponse("/quan-tri/nhac-nho?tb=mail_test_sent", status_code=303)


@router.post("/chay")
async def run_now(request: Request, session: Session = Depends(get_session)):
    principal = _admin(request)
    runtime = request.app.state.runtime
    result = await run_in_threadpool(
        reminders.run,
        runtime.session_factory,
        secret_key=runtime.settings.resolved_secret_key(),
        base_url=runtime.settings.base_url,
    )
    from tiendo.store import audit

    audit.record(
        session,
        actor_of(principal, client_ip(request)),
        "reminders.run",
        "settings",
        None,
        after={
            "notices": result.notices,
            "emails": result.emails,
            "email_errors": len(result.email_errors),
        },
    )
    session.commit()
    return render(request, "reporting/admin_settings.html", _context(session, result=result))
