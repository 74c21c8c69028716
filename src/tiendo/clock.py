"""Time: stored in UTC, shown in Vietnam's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes for stored UTC values; make them aware."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def local(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time in Vietnam's time zone, for display."""
    value = as_utc(value)
    return value.astimezone(VIETNAM) if value else None


def today_in_vietnam() -> dt.date:
    return utcnow().astimezone(VIETNAM).date()
