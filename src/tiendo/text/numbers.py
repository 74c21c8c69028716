"""Numbers and dates as Vietnamese documents and users write them.

Vietnamese writes the decimal comma and the thousands dot ("1.234,5"); dates
are dd/mm/yyyy. Plans also contain a few decimal dots ("≥ 0.60"), which are
read as decimals when they cannot be thousands groups.
"""

from __future__ import annotations

import datetime as dt
import math
import re

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+([.,]\d+)?$")


class NumberFormatError(ValueError):
    """The text is not a number in a form this module reads."""


def parse_number(text: str) -> float:
    """Read "1.234,5", "0,7", "12", "-3", "1.234" (=1234) or "0.60" (=0.6)."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    sign = 1.0
    if raw[:1] and raw[0] in "+-−":
        sign = -1.0 if raw[0] in "-−" else 1.0
        raw = raw[1:]
    if not raw:
        raise NumberFormatError(text)
    if "," in raw and "." in raw:
        if raw.rfind(",") < raw.rfind("."):
            raise NumberFormatError(text)
        whole, frac = raw.rsplit(",", 1)
        if not _GROUPED.match(whole) and not whole.isdigit():
            raise NumberFormatError(text)
        raw = whole.replace(".", "") + "." + frac
    elif "," in raw:
        if raw.count(",") > 1:
            raise NumberFormatError(text)
        raw = raw.replace(",", ".")
    elif _GROUPED.match(raw):
        raw = raw.replace(".", "")
    if not _PLAIN.match(raw):
        raise NumberFormatError(text)
    value = sign * float(raw)
    if not math.isfinite(value):
        raise NumberFormatError(text)
    return value


def format_number(value: float | int | None, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: 1234.5 -> "1.234,5"; None -> ""."""
    if value is None:
        return ""
    if decimals is None:
        text = f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    else:
        text = f"{value:.{decimals}f}"
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" if negative else "") + out


def format_date(value: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy, or "" for None."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def format_datetime(value: dt.datetime | None) -> str:
    """HH:MM dd/mm/yyyy, or "" for None."""
    if value is None:
        return ""
    return value.strftime("%H:%M %d/%m/%Y")


def parse_date(text: str) -> dt.date:
    """Read dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy) or ISO yyyy-mm-dd."""
    raw = text.strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", raw)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return dt.date(year, month, day)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(text)


def last_day_of_month(year: int, month: int) -> dt.date:
    """The last calendar day of a month (leap years included)."""
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)
