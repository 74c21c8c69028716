"""Account use cases: users, signing in and out, sessions, API tokens.

Repeated failed sign-ins lock the account for a while that doubles with
each further failure (from one minute up to an hour), and an address that
keeps failing is slowed down whatever names it tries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.accounts.passwords import (
    check_new_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from tiendo.accounts.roles import ROLE_LABELS, TOKEN_SCOPES, Principal, Role
from tiendo.clock import as_utc, utcnow
from tiendo.domain.actor import Actor
from tiendo.domain.units import PROVINCES
from tiendo.errors import NotFound, PermissionDenied, TiendoError, ValidationError
from tiendo.store import audit
from tiendo.store.tables import AgencyRow, ApiTokenRow, SessionRow, UserRow

SESSION_IDLE = dt.timedelta(hours=8)
SESSION_MAX = dt.timedelta(days=7)
LOCK_AFTER = 5
LOCK_MAX = dt.timedelta(hours=1)
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


class LoginFailed(TiendoError):
    status_code = 401


class TooManyAttempts(TiendoError):
    status_code = 429


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def principal_of(user: UserRow, scopes: list[str] | None = None) -> Principal:
    return Principal.of(
        user_id=user.id,
        username=user.username,
        role=user.role,
        full_name=user.full_name,
        province_code=user.province_code,
        agency_id=user.agency_id,
        scopes=scopes,
    )


def actor_of(principal: Principal | None, ip: str | None = None) -> Actor:
    if principal is None:
        return Actor(label="khách", ip=ip)
    return Actor(
        label=principal.username,
        user_id=principal.user_id,
        ip=ip,
        role=str(principal.role),
        province_code=principal.province_code,
        agency_id=principal.agency_id,
    )


def user_snapshot(user: UserRow) -> dict:
    """What the audit log records of a user (never the password hash)."""
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "role": user.role,
        "province_code": user.province_code,
        "agency_id": user.agency_id,
        "active": user.active,
    }


# ---------------------------------------------------------------- users


@dataclass
class NewUser:
    username: str
    password: str
    role: str
    full_name: str = ""
    email: str | None = None
    province_code: str | None = None
    agency_id: int | None = None
    is_demo: bool = False


def validate_new_user(session: Session, new: NewUser) -> None:
    errors = []
    name = new.username.strip().lower()
    if not (3 <= len(name) <= 80) or not set(name) <= USERNAME_CHARS:
        errors.append(
            {
                "msg": "Tên đăng nhập dài 3–80 ký tự, chỉ gồm chữ không dấu, số, “.”, “_”, “-”.",
                "loc": ["username"],
            }
        )
    elif session.scalar(select(UserRow.id).where(UserRow.username == name)):
        errors.append({"msg": f"Tên đăng nhập “{name}” đã có người dùng.", "loc": ["username"]})
    try:
        role = Role(new.role)
    except ValueError:
        errors.append({"msg": "Vai trò không hợp lệ.", "loc": ["role"]})
        role = None
    if role in (Role.COORDINATOR, Role.LEADER) and new.province_code not in PROVINCES:
        errors.append(
            {
                "msg": "Tài khoản điều phối hoặc lãnh đạo phải gắn với một tỉnh, thành phố.",
                "loc": ["province_code"],
            }
        )
    if role is Role.REPORTER:
        agency = session.get(AgencyRow, new.agency_id) if new.agency_id else None
        if agency is None:
            errors.append(
                {
                    "msg": "Báo cáo viên phải gắn với một cơ quan đã có trong hệ thống.",
                    "loc": ["agency_id"],
                }
            )
    if new.email and ("@" not in new.email or len(new.email) > 200):
        errors.append({"msg": "Địa chỉ thư điện tử không hợp lệ.", "loc": ["email"]})
    try:
        check_new_password(new.password, username=name)
    except ValidationError as exc:
        errors.extend(exc.errors)
    if errors:
        raise ValidationError("Thông tin tài khoản chưa hợp lệ.", errors=errors)


def create_user(session: Session, new: NewUser, *, actor: Actor) -> UserRow:
    """Create an account (the caller commits)."""
    validate_new_user(session, new)
    province = new.province_code
    if new.role == Role.REPORTER and new.agency_id:
        province = session.get(AgencyRow, new.agency_id).province_code
    user = UserRow(
        username=new.username.strip().lower(),
        full_name=new.full_name.strip(),
        email=(new.email or "").strip() or None,
        password_hash=hash_password(new.password),
        role=str(Role(new.role)),
        province_code=province,
        agency_id=new.agency_id if new.role == Role.REPORTER else None,
        password_changed_at=utcnow(),
        is_demo=new.is_demo,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        "user.create",
        "user",
        user.id,
        after=user_snapshot(user),
        province_code=province,
    )
    return user


def get_user(session: Session, username: str) -> UserRow:
    user = session.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))
    if user is None:
        raise NotFound(f"Không có tài khoản “{username}”.")
    return user


def set_active(session: Session, user: UserRow, active: bool, *, actor: Actor) -> None:
    before = user_snapshot(user)
    user.active = active
    if not active:
        for row in session.scalars(select(SessionRow).where(SessionRow.user_id == user.id)):
            row.revoked = True
    audit.record(
        session,
        actor,
        "user.enable" if active else "user.disable",
        "user",
        user.id,
        before=before,
        after=user_snapshot(user),
    )


def set_password(
    session: Session, user: UserRow, password: str, *, actor: Actor, action: str
) -> None:
    """Change a password (own change or an administrator's reset); ends other sessions."""
    check_new_password(password, username=user.username)
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.failed_logins = 0
    user.locked_until = None
    for row in session.scalars(select(SessionRow).where(SessionRow.user_id == user.id)):
        row.revoked = True
    audit.record(session, actor, action, "user", user.id, note="đổi mật khẩu")


def change_own_password(
    session: Session, user: UserRow, current: str, new: str, *, actor: Actor
) -> None:
    if not verify_password(user.password_hash, current):
        raise ValidationError(
            "Mật khẩu hiện tại không đúng.",
            errors=[{"msg": "Mật khẩu hiện tại không đúng.", "loc": ["current_password"]}],
        )
    set_password(session, user, new, actor=actor, action="user.password_change")


def role_label(role: str) -> str:
    try:
        return ROLE_LABELS[Role(role)]
    except ValueError:
        return role


# ---------------------------------------------------------------- signing in


class AddressThrottle:
    """Failed sign-ins per network address in a sliding window (per process)."""

    def __init__(self, limit: int = 20, window_seconds: float = 600) -> None:
        self.limit, self.window = limit, window_seconds
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, ip: str, now: float) -> deque[float]:
        q = self._failures.setdefault(ip, deque())
        while q and q[0] < now - self.window:
            q.popleft()
        return q

    def blocked(self, ip: str | None) -> bool:
        if not ip:
            return False
        with self._lock:
            return len(self._recent(ip, time.monotonic())) >= self.limit

    def failed(self, ip: str | None) -> None:
        if ip:
            with self._lock:
                self._recent(ip, time.monotonic()).append(time.monotonic())


def _lock_duration(failures: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** (failures - LOCK_AFTER)), LOCK_MAX)


def authenticate(
    session: Session, username: str, password: str, *, ip: str | None, throttle: AddressThrottle
) -> UserRow:
    """The user whose credentials these are; raises with a message that reveals nothing more."""
    if throttle.blocked(ip):
        raise TooManyAttempts(
            "Có quá nhiều lần đăng nhập sai từ địa chỉ này; hãy thử lại sau 10 phút."
        )
    now = utcnow()
    user = session.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))
    if user is not None and user.locked_until and as_utc(user.locked_until) > now:
        minutes = max(1, int((as_utc(user.locked_until) - now).total_seconds() // 60) + 1)
        raise TooManyAttempts(
            f"Tài khoản tạm khóa do đăng nhập sai nhiều lần; hãy thử lại sau {minutes} phút."
        )
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        throttle.failed(ip)
        if user is not None:
            user.failed_logins += 1
            if user.failed_logins >= LOCK_AFTER:
                user.locked_until = now + _lock_duration(user.failed_logins)
            audit.record(
                session,
                Actor(label=user.username, user_id=user.id, ip=ip),
                "auth.login_failed",
                "user",
                user.id,
                note=f"lần sai thứ {user.failed_logins}",
            )
            session.commit()
        raise LoginFailed("Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def open_session(session: Session, user: UserRow, *, ip: str | None, user_agent: str | None) -> str:
    """Start a browser session; returns the token for the cookie (stored only as a hash)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        SessionRow(
            token_hash=_hash_token(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + SESSION_MAX,
            ip=ip,
            user_agent=(user_agent or "")[:300],
        )
    )
    audit.record(
        session, Actor(label=user.username, user_id=user.id, ip=ip), "auth.login", "user", user.id
    )
    return token


def resolve_session(session: Session, token: str | None) -> tuple[SessionRow, UserRow] | None:
    """The live session and user of a cookie token, or None; extends the idle window."""
    if not token:
        return None
    row = session.scalar(select(SessionRow).where(SessionRow.token_hash == _hash_token(token)))
    if row is None or row.revoked:
        return None
    now = utcnow()
    if as_utc(row.expires_at) < now or as_utc(row.last_seen_at) + SESSION_IDLE < now:
        return None
    user = session.get(UserRow, row.user_id)
    if user is None or not user.active:
        return None
    if now - as_utc(row.last_seen_at) > dt.timedelta(minutes=5):
        row.last_seen_at = now
    return row, user


def close_session(session: Session, token: str | None, *, ip: str | None) -> None:
    found = resolve_session(session, token)
    if found:
        row, user = found
        row.revoked = True
        audit.record(
            session,
            Actor(label=user.username, user_id=user.id, ip=ip),
            "auth.logout",
            "user",
            user.id,
        )


# ---------------------------------------------------------------- API tokens


def create_token(
    session: Session,
    user: UserRow,
    name: str,
    scopes: list[str],
    *,
    actor: Actor,
    days: int | None = 365,
) -> tuple[ApiTokenRow, str]:
    """A new API token; the secret is returned once and stored only as a hash."""
    unknown = [s for s in scopes if s not in TOKEN_SCOPES]
    if unknown or not scopes:
        raise ValidationError(
            "Phạm vi không hợp lệ: "
            + (", ".join(unknown) or "chưa chọn phạm vi nào")
            + f". Các phạm vi: {', '.join(TOKEN_SCOPES)}.",
            errors=[{"msg": "Phạm vi không hợp lệ.", "loc": ["scopes"]}],
        )
    if "plans:write" in scopes and user.role not in (Role.ADMIN, Role.COORDINATOR):
        raise PermissionDenied("Chỉ tài khoản điều phối mới được cấp phạm vi plans:write.")
    if "reports:write" in scopes and user.role != Role.REPORTER:
        raise PermissionDenied("Chỉ báo cáo viên mới được cấp phạm vi reports:write.")
    secret = "td_" + secrets.token_urlsafe(32)
    row = ApiTokenRow(
        user_id=user.id,
        name=name.strip()[:120] or "API",
        token_hash=_hash_token(secret),
        prefix=secret[:10],
        scopes=sorted(set(scopes)),
        expires_at=utcnow() + dt.timedelta(days=days) if days else None,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "token.create",
        "api_token",
        row.id,
        after={"user": user.username, "name": row.name, "scopes": row.scopes, "prefix": row.prefix},
    )
    return row, secret


def resolve_token(session: Session, secret: str) -> Principal | None:
    row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == _hash_token(secret)))
    now = utcnow()
    if (
        row is None
        or row.revoked_at is not None
        or (row.expires_at and as_utc(row.expires_at) < now)
    ):
        return None
    user = session.get(UserRow, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = now
    return principal_of(user, scopes=row.scopes)


def revoke_token(session: Session, token_id: int, *, actor: Actor) -> None:
    row = session.get(ApiTokenRow, token_id)
    if row is None:
        raise NotFound(f"Không có mã truy cập số {token_id}.")
    row.revoked_at = utcnow()
    audit.record(session, actor, "token.revoke", "api_token", row.id)
