"""Who is asking (session cookie or API token) and CSRF protection of forms.

Browser sessions use an HttpOnly, SameSite=Lax cookie holding a random token
whose hash is stored. Every unsafe request made with cookies must carry a
CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``) derived
from the session (or, before sign-in, from an anonymous cookie). Requests
with an API token in the Authorization header carry no cookies and need no
CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from tiendo.accounts import service as accounts
from tiendo.accounts.roles import Principal
from tiendo.errors import PermissionDenied, TiendoError

SESSION_COOKIE = "tiendo_session"
ANON_COOKIE = "tiendo_anon"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class Unauthenticated(TiendoError):
    status_code = 401


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _secret(request: Request) -> bytes:
    return request.app.state.runtime.settings.resolved_secret_key().encode()


def csrf_token(request: Request) -> str:
    """The token forms of this request must send back."""
    basis = request.cookies.get(SESSION_COOKIE) or getattr(request.state, "anon_id", None) or ""
    if not basis:
        basis = request.state.anon_id = secrets.token_urlsafe(16)
    return hmac.new(_secret(request), f"csrf:{basis}".encode(), hashlib.sha256).hexdigest()


def _cookie_flags(request: Request) -> dict:
    secure = request.app.state.runtime.settings.base_url.startswith("https://")
    return {"httponly": True, "samesite": "lax", "secure": secure, "path": "/"}


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(accounts.SESSION_MAX.total_seconds()),
        **_cookie_flags(request),
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def persist_anon_cookie(request: Request, response: Response) -> None:
    """Keep the anonymous id a CSRF token was derived from, when one was made."""
    anon = getattr(request.state, "anon_id", None)
    if (
        anon
        and request.cookies.get(ANON_COOKIE) != anon
        and not request.cookies.get(SESSION_COOKIE)
    ):
        response.set_cookie(ANON_COOKIE, anon, max_age=86400, **_cookie_flags(request))


async def identify(request: Request) -> Principal | None:
    """Set ``request.state.principal`` from the API token or the session cookie."""
    if hasattr(request.state, "principal"):
        return request.state.principal
    request.state.anon_id = request.cookies.get(ANON_COOKIE)
    runtime = request.app.state.runtime
    principal = None
    auth = request.headers.get("authorization", "")
    with runtime.session() as session:
        if auth.lower().startswith("bearer "):
            principal = accounts.resolve_token(session, auth[7:].strip())
            if principal is None:
                raise Unauthenticated(
                    "Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."
                )
            request.state.via_token = True
        else:
            found = accounts.resolve_session(session, request.cookies.get(SESSION_COOKIE))
            if found:
                principal = accounts.principal_of(found[1])
        session.commit()
    request.state.principal = principal
    return principal


async def csrf_protect(request: Request) -> None:
    """Refuse unsafe cookie-authenticated requests without a valid CSRF token."""
    if request.method in SAFE_METHODS or getattr(request.state, "via_token", False):
        return
    sent = request.headers.get("x-csrf-token")
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            sent = form.get("csrf_token")
    if not sent or not hmac.compare_digest(str(sent), csrf_token(request)):
        raise PermissionDenied(
            "Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã CSRF). Hãy tải lại trang và gửi lại."
        )


def require_principal(request: Request) -> Principal:
    principal = getattr(request.state, "principal", None)
    if principal is None:
        raise Unauthenticated("Cần đăng nhập để thực hiện thao tác này.")
    return principal
