"""Pages: accounts — list, create, disable or enable, reset a password."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.accounts.roles import ROLE_LABELS, Principal, Role, can_manage_account
from tiendo.domain.units import PROVINCES
from tiendo.errors import NotFound, PermissionDenied, ValidationError
from tiendo.store.tables import AgencyRow, UserRow
from tiendo.web.deps import get_session
from tiendo.web.security import client_ip, require_principal
from tiendo.web.templating import render

router = APIRouter(prefix="/quan-tri/nguoi-dung")


def _manager(request: Request) -> Principal:
    principal = require_principal(request)
    if not (principal.is_admin or principal.role is Role.COORDINATOR):
        raise PermissionDenied("Chỉ quản trị viên hoặc cán bộ điều phối được quản lý tài khoản.")
    return principal


def _context(session: Session, principal: Principal, **extra) -> dict:
    users = [
        u
        for u in session.scalars(select(UserRow).order_by(UserRow.role, UserRow.username))
        if principal.is_admin or principal.covers_province(u.province_code)
    ]
    agencies = [
        a
        for a in session.scalars(
            select(AgencyRow).where(AgencyRow.active.is_(True)).order_by(AgencyRow.name)
        )
        if principal.is_admin or principal.covers_province(a.province_code)
    ]
    roles = [r for r in Role if principal.is_admin or r in (Role.REPORTER, Role.LEADER)]
    provinces = [
        u for u in PROVINCES.values() if principal.is_admin or principal.covers_province(u.code)
    ]
    agency_names = {a.id: a.name for a in agencies}
    return {
        "users": users,
        "agencies": agencies,
        "roles": roles,
        "role_labels": ROLE_LABELS,
        "provinces": provinces,
        "agency_names": agency_names,
        "errors": [],
        "form": {},
    } | extra


@router.get("")
def users_page(request: Request, session: Session = Depends(get_session)):
    principal = _manager(request)
    return render(request, "admin_users.html", _context(session, principal))


@router.post("")
def create_user(
    request: Request,
    username: str = Form(..., max_length=80),
    full_name: str = Form("", max_length=200),
    email: str = Form("", max_length=200),
    role: str = Form(...),
    province_code: str = Form(""),
    agency_id: str = Form(""),
    password: str = Form(..., max_length=200),
    session: Session = Depends(get_session),
):
    principal = _manager(request)
    form = {
        "username": username,
        "full_name": full_name,
        "email": email,
        "role": role,
        "province_code": province_code,
        "agency_id": agency_id,
    }
    agency = session.get(AgencyRow, int(agency_id)) if agency_id.isdigit() else None
    province = agency.province_code if agency and role == Role.REPORTER else (province_code or None)
    if not can_manage_account(principal, role, province):
        raise PermissionDenied("Bạn không được tạo tài khoản với vai trò hoặc tỉnh này.")
    new = accounts.NewUser(
        username=username,
        password=password,
        role=role,
        full_name=full_name,
        email=email or None,
        province_code=province or None,
        agency_id=agency.id if agency else None,
    )
    try:
        accounts.create_user(session, new, actor=accounts.actor_of(principal, client_ip(request)))
    except ValidationError as exc:
        session.rollback()
        return render(
            request,
            "admin_users.html",
            _context(session, principal, errors=exc.errors, form=form),
            status_code=422,
        )
    session.commit()
    return RedirectResponse("/quan-tri/nguoi-dung?tb=user_created", status_code=303)


def _target(session: Session, principal: Principal, user_id: int) -> UserRow:
    user = session.get(UserRow, user_id)
    if user is None:
        raise NotFound("Không có tài khoản này.")
    if (
        not can_manage_account(principal, user.role, user.province_code)
        or user.id == principal.user_id
    ):
        raise PermissionDenied("Bạn không được thay đổi tài khoản này.")
    return user


@router.post("/{user_id}/trang-thai")
def toggle_active(
    user_id: int, request: Request, active: str = Form(...), session: Session = Depends(get_session)
):
    principal = _manager(request)
    user = _target(session, principal, user_id)
    accounts.set_active(
        session, user, active == "1", actor=accounts.actor_of(principal, client_ip(request))
    )
    session.commit()
    return RedirectResponse("/quan-tri/nguoi-dung?tb=user_updated", status_code=303)


@router.post("/{user_id}/mat-khau")
def reset_password(
    user_id: int,
    request: Request,
    password: str = Form(..., max_length=200),
    session: Session = Depends(get_session),
):
    principal = _manager(request)
    user = _target(session, principal, user_id)
    try:
        accounts.set_password(
            session,
            user,
            password,
            actor=accounts.actor_of(principal, client_ip(request)),
            action="user.password_reset",
        )
    except ValidationError as exc:
        session.rollback()
        return render(
            request,
            "admin_users.html",
            _context(session, principal, errors=exc.errors),
            status_code=422,
        )
    session.commit()
    return RedirectResponse("/quan-tri/nguoi-dung?tb=user_updated", status_code=303)
