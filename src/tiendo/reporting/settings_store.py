"""Settings an administrator changes in the UI: the mail server and reminders.

The SMTP password is stored encrypted with a key derived from the
application's secret key (Fernet: AES with an HMAC), is never shown back,
never written to the audit log and never logged: the audit log records only
that a password is set.
"""

from __future__ import annotations

import base64
import hashlib
import re

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.clock import utcnow
from tiendo.domain.actor import Actor
from tiendo.errors import PermissionDenied
from tiendo.reporting.fields import Errors, blank, text
from tiendo.store import audit
from tiendo.store.tables import AppSettingRow

MAIL = "mail"
REMINDERS = "reminders"
SECURITY = {
    "starttls": "STARTTLS (cổng 587)",
    "ssl": "SSL/TLS (cổng 465)",
    "none": "Không mã hóa (chỉ mạng nội bộ)",
}
MAIL_DEFAULTS = {
    "host": "",
    "port": 587,
    "security": "starttls",
    "username": "",
    "sender": "",
    "password_enc": "",
}
REMINDER_DEFAULTS = {
    "days_before": [7, 2],
    "days_after": [1, 7],
    "scheduler": False,
    "interval_minutes": 60,
    "last_run_at": None,
}
_HOST = re.compile(r"^[A-Za-z0-9.-]{1,253}$|^\[[0-9a-fA-F:.]+\]$")
_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}$")


def _fernet(secret_key: str) -> Fernet:
    key = hashlib.sha256(f"tiendo-mail:{secret_key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def get(session: Session, key: str) -> dict:
    defaults = MAIL_DEFAULTS if key == MAIL else REMINDER_DEFAULTS
    row = session.get(AppSettingRow, key)
    return {**defaults, **(row.value if row else {})}


def _put(session: Session, key: str, value: dict, user_id: int | None) -> None:
    row = session.get(AppSettingRow, key)
    if row is None:
        row = AppSettingRow(key=key, value={})
        session.add(row)
    row.value = dict(value)
    row.updated_at = utcnow()
    row.updated_by = user_id


def mail_public(session: Session) -> dict:
    """The mail settings to show: everything but the password, and whether one is set."""
    value = get(session, MAIL)
    password_set = bool(value.pop("password_enc", ""))
    return {**value, "password_set": password_set}


def mail_password(session: Session, secret_key: str) -> str | None:
    token = get(session, MAIL).get("password_enc")
    if not token:
        return None
    try:
        return _fernet(secret_key).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def mail_configured(session: Session) -> bool:
    value = get(session, MAIL)
    return bool(value.get("host") and value.get("sender"))


def _require_admin(principal: Principal) -> None:
    if not (principal.is_admin and principal.has_scope("plans:write")):
        raise PermissionDenied("Chỉ quản trị hệ thống được đổi cài đặt thư điện tử và nhắc nhở.")


def save_mail(
    session: Session, principal: Principal, actor: Actor, data: dict, secret_key: str
) -> dict:
    _require_admin(principal)
    errors = Errors()
    current = get(session, MAIL)
    host = text(data.get("host"), errors, ["host"], "Máy chủ SMTP", max_len=253)
    if host and not _HOST.match(host):
        errors.add(["host"], "“Máy chủ SMTP” chỉ gồm chữ không dấu, số, dấu chấm và gạch ngang.")
    port_raw = str(data.get("port") or "").strip()
    port = int(port_raw) if port_raw.isdigit() and len(port_raw) <= 5 else None
    if port is None or not 1 <= port <= 65535:
        errors.add(["port"], "“Cổng” phải là số từ 1 đến 65535.")
    security = str(data.get("security") or "starttls")
    if security not in SECURITY:
        errors.add(["security"], "Kiểu mã hóa không hợp lệ.")
    username = text(data.get("username"), errors, ["username"], "Tên đăng nhập SMTP", max_len=200)
    sender = text(data.get("sender"), errors, ["sender"], "Địa chỉ gửi", max_len=200)
    if sender and not _EMAIL.match(sender):
        errors.add(
            ["sender"], "“Địa chỉ gửi” phải là một địa chỉ thư điện tử, ví dụ tiendo@sokhcn.gov.vn."
        )
    if host and not sender:
        errors.add(["sender"], "Có máy chủ SMTP thì phải có “Địa chỉ gửi”.")
    password = data.get("password")
    if password is not None and len(str(password)) > 500:
        errors.add(["password"], "Mật khẩu SMTP dài quá 500 ký tự.")
    errors.raise_if_any("Chưa lưu được cài đặt thư")
    value = {
        "host": host or "",
        "port": port,
        "security": security,
        "username": username or "",
        "sender": sender or "",
        "password_enc": current.get("password_enc", ""),
    }
    if str(data.get("clear_password") or "") in ("1", "on", "true"):
        value["password_enc"] = ""
    elif not blank(password):
        value["password_enc"] = _fernet(secret_key).encrypt(str(password).encode()).decode()
    before = {k: v for k, v in current.items() if k != "password_enc"} | {
        "password_set": bool(current.get("password_enc"))
    }
    after = {k: v for k, v in value.items() if k != "password_enc"} | {
        "password_set": bool(value["password_enc"])
    }
    _put(session, MAIL, value, principal.user_id)
    audit.record(session, actor, "settings.mail", "settings", None, before=before, after=after)
    return after


def _days(raw, errors: Errors, field: str, label: str, low: int, high: int) -> list[int]:
    if isinstance(raw, list | tuple):
        parts = [str(p) for p in raw]
    else:
        parts = [p for p in str(raw or "").replace(";", ",").split(",")]
    out = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if not part.isdigit() or not low <= int(part) <= high:
            errors.add([field], f"“{label}”: “{part}” phải là số ngày từ {low} đến {high}.")
            continue
        out.append(int(part))
    if len(out) > 5:
        errors.add([field], f"“{label}”: tối đa 5 mốc.")
    return sorted(set(out), reverse=(field == "days_before"))


def save_reminders(session: Session, principal: Principal, actor: Actor, data: dict) -> dict:
    _require_admin(principal)
    errors = Errors()
    current = get(session, REMINDERS)
    before_days = _days(data.get("days_before"), errors, "days_before", "Nhắc trước hạn", 0, 60)
    after_days = _days(data.get("days_after"), errors, "days_after", "Nhắc sau hạn", 1, 90)
    interval_raw = str(data.get("interval_minutes") or "60").strip()
    interval = int(interval_raw) if interval_raw.isdigit() and len(interval_raw) < 6 else None
    if interval is None or not 5 <= interval <= 1440:
        errors.add(["interval_minutes"], "“Chu kỳ chạy” phải từ 5 đến 1440 phút.")
    errors.raise_if_any("Chưa lưu được cài đặt nhắc nhở")
    value = {
        **current,
        "days_before": before_days,
        "days_after": after_days,
        "scheduler": str(data.get("scheduler") or "") in ("1", "on", "true"),
        "interval_minutes": interval,
    }
    _put(session, REMINDERS, value, principal.user_id)
    audit.record(
        session, actor, "settings.reminders", "settings", None, before=current, after=value
    )
    return value


def mark_run(session: Session, at) -> None:
    value = get(session, REMINDERS)
    value["last_run_at"] = at.isoformat()
    _put(session, REMINDERS, value, None)
