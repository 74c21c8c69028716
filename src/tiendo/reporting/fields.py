"""Reading form and file values into checked Python values, collecting
field-level Vietnamese messages instead of stopping at the first one."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from tiendo.errors import ValidationError
from tiendo.text.numbers import NumberFormatError, format_date, parse_date, parse_number
from tiendo.text.vietnamese import nfc


class Errors:
    """Messages keyed by where they belong (``loc``), raised together."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, loc: list, message: str) -> None:
        self.items.append({"msg": message, "loc": list(loc)})

    def extend(self, items: list[dict]) -> None:
        self.items.extend(items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, summary: str) -> None:
        if self.items:
            raise ValidationError(f"{summary}: {self.items[0]['msg']}", errors=self.items)


def blank(raw) -> bool:
    return raw is None or str(raw).strip() == ""


def text(raw, errors: Errors, loc: list, label: str, *, required=False, max_len=4000) -> str | None:
    """Text as NFC, trimmed; stored as written (escaping is the page's job)."""
    value = nfc(str(raw if raw is not None else "")).strip()
    if "\x00" in value:
        errors.add(loc, f"“{label}” chứa ký tự không hợp lệ.")
        return None
    if not value:
        if required:
            errors.add(loc, f"“{label}” không được để trống.")
        return None
    if len(value) > max_len:
        errors.add(loc, f"“{label}” dài quá {max_len} ký tự (hiện có {len(value)}).")
        return None
    return value


def number(raw, errors: Errors, loc: list, label: str) -> float | None:
    """A number written the Vietnamese way ("1.234,5"); int/float pass through."""
    if blank(raw):
        return None
    if isinstance(raw, bool):
        errors.add(loc, f"“{label}” phải là số.")
        return None
    if isinstance(raw, int | float):
        value = float(raw)
        if value != value or value in (float("inf"), float("-inf")):
            errors.add(loc, f"“{label}” phải là số hữu hạn.")
            return None
        return value
    try:
        return parse_number(str(raw))
    except NumberFormatError:
        errors.add(
            loc, f"“{label}” phải là số viết kiểu Việt Nam, ví dụ 1.234,5 (nhận được “{raw}”)."
        )
        return None


def date(raw, errors: Errors, loc: list, label: str) -> dt.date | None:
    """A date as dd/mm/yyyy (or ISO); datetime/date values pass through."""
    if blank(raw):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        value = parse_date(str(raw))
    except ValueError:
        errors.add(loc, f"“{label}” phải là ngày dạng dd/mm/yyyy (nhận được “{raw}”).")
        return None
    if not 1990 <= value.year <= 2100:
        errors.add(
            loc, f"“{label}” phải trong khoảng năm 1990–2100 (nhận được {format_date(value)})."
        )
        return None
    return value


def web_link(raw, errors: Errors, loc: list, label: str) -> str | None:
    """An http or https address with a host; anything else (javascript:, file:) is refused."""
    value = text(raw, errors, loc, label, max_len=2000)
    if value is None:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        errors.add(loc, f"“{label}” phải là địa chỉ web bắt đầu bằng http:// hoặc https://.")
        return None
    if any(ch.isspace() for ch in value):
        errors.add(loc, f"“{label}” không được chứa khoảng trắng.")
        return None
    return value


def int_id(raw) -> int | None:
    """An id from a form field, or None when it is not a positive whole number."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if raw > 0 else None
    value = str(raw or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 and int(value) > 0 else None
