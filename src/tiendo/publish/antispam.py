"""Keeping spam and floods out of the public feedback form, with no outside service.

Four checks, each cheap: a signed timestamp in the form (a submission
faster than a person can type, or from a form hours old, is refused); a
honeypot field people never see and scripts fill in; per-address limits,
both on attempts (in memory, for floods of bad requests) and on accepted
feedback (in the database, so they hold across restarts and workers); and
size limits on the request and every field. Addresses are kept only as a
keyed hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

from tiendo.errors import TiendoError

HONEYPOT_FIELD = "website"
STAMP_FIELD = "form_stamp"
_SALT = "tiendo.feedback.form"


class TooFast(TiendoError):
    status_code = 429


class FormExpired(TiendoError):
    status_code = 400


@dataclass(frozen=True)
class FeedbackPolicy:
    """The limits; defaults suit a province's portal."""

    #: a person needs at least this long to read and fill in the form
    min_fill_seconds: int = 3
    #: a form older than this must be reloaded
    max_form_age_seconds: int = 2 * 3600
    #: accepted feedback per address
    per_hour: int = 5
    per_day: int = 20
    #: attempts (valid or not) per address in ``attempt_window_seconds``
    attempts: int = 30
    attempt_window_seconds: int = 600
    #: largest request body accepted by the form, in bytes
    max_body_bytes: int = 64 * 1024


def _signer(secret: str) -> TimestampSigner:
    return TimestampSigner(secret, salt=_SALT)


def form_stamp(secret: str) -> str:
    """A token the form sends back: when it was served, signed."""
    return _signer(secret).sign(secrets.token_urlsafe(8)).decode()


def check_stamp(secret: str, token: str | None, policy: FeedbackPolicy) -> None:
    """Refuse a form sent too soon after it was served, too late, or tampered with."""
    if not token:
        raise FormExpired("Biểu mẫu không hợp lệ; hãy tải lại trang và gửi lại.")
    try:
        _, stamped = _signer(secret).unsign(
            token, max_age=policy.max_form_age_seconds, return_timestamp=True
        )
    except SignatureExpired as exc:
        raise FormExpired(
            "Biểu mẫu đã mở quá lâu; hãy tải lại trang, nội dung đã nhập vẫn được giữ lại."
        ) from exc
    except BadSignature as exc:
        raise FormExpired("Biểu mẫu không hợp lệ; hãy tải lại trang và gửi lại.") from exc
    elapsed = time.time() - stamped.timestamp()
    if elapsed < policy.min_fill_seconds:
        raise TooFast(
            "Biểu mẫu được gửi quá nhanh sau khi mở; hãy đọc lại nội dung và gửi lại sau vài giây."
        )


def honeypot_filled(form) -> bool:
    return bool(str(form.get(HONEYPOT_FIELD) or "").strip())


def sender_key(secret: str, address: str | None) -> str:
    """A keyed hash of the network address: enough to count, useless to identify."""
    data = f"feedback-sender:{address or 'unknown'}".encode()
    return hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()


class AttemptLimiter:
    """Attempts per key in a sliding window (per process)."""

    def __init__(self, limit: int, window_seconds: float) -> None:
        self.limit, self.window = limit, window_seconds
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> bool:
        """Count an attempt; False when the key is over its limit."""
        now = time.monotonic()
        with self._lock:
            if len(self._hits) > 10_000:
                # Forget idle keys so a spray of addresses cannot grow memory without bound.
                for k in [k for k, q in self._hits.items() if not q or q[-1] < now - self.window]:
                    del self._hits[k]
            q = self._hits.setdefault(key, deque())
            while q and q[0] < now - self.window:
                q.popleft()
            if len(q) >= self.limit:
                return False
            q.append(now)
            return True
