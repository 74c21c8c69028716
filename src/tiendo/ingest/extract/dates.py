"""Dates, months, quarters and years as plans write them, read on folded keys.

Patterns run on the OCR key (no diacritics, lower case), so "năm", "nam" and
OCR's "nim"/"ndm" all read as the word for year; numbers are read from the
same offsets of the text.
"""

from __future__ import annotations

import datetime as dt
import re

from tiendo.text.numbers import last_day_of_month

#: the word "năm" (year) with the vowel OCR often gets wrong
YEAR_WORD = r"n[a-z]?m"
YEAR = r"(?:19|20)\d\d"
#: the word "trước" (before), with OCR's "trudc", "trwoc"
BEFORE = r"tr[uw][a-z]{0,2}[ce]"
_QUARTERS = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "l": 1,
    "ll": 2,
    "lll": 3,
    "lv": 4,
}

DATE_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>" + YEAR + r")\b")
DATE_WORDS = re.compile(
    r"\bngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+(?:"
    + YEAR_WORD
    + r")\s+(?P<y>"
    + YEAR
    + r")\b"
)
MONTH_YEAR = re.compile(
    r"\bthang\s+(?P<m>\d{1,2})\s*(?:/|-|\s+" + YEAR_WORD + r"\s+|\s+)(?P<y>" + YEAR + r")\b"
)
BARE_MONTH_YEAR = re.compile(r"(?<![\d/])(?P<m>\d{1,2})\s*/\s*(?P<y>" + YEAR + r")\b")
QUARTER = re.compile(
    r"\bquy\s+(?P<q>iv|lv|1v|[il1|]{1,3}|[1-4])\s*(?:/|-|\s+"
    + YEAR_WORD
    + r"\s+|\s+)(?P<y>"
    + YEAR
    + r")\b"
)
#: "6 tháng đầu năm 2026" (by 30 June), "6 tháng cuối năm 2025" (by 31 December)
HALF_YEAR = re.compile(
    r"\b(?:6|sau)\s+thang\s+(?P<h>dau|cuoi)\s+" + YEAR_WORD + r"\s+(?P<y>" + YEAR + r")\b"
)
YEAR_RANGE = re.compile(r"\b(?P<y1>" + YEAR + r")\s*(?:-|–|—|den)\s*(?P<y2>" + YEAR + r")\b")


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return last_day_of_month(year, month)


def quarter_end(year: int, quarter: str) -> dt.date | None:
    q = _QUARTERS.get(quarter.lower())
    if q is None and re.fullmatch(r"[il1|]{1,3}", quarter.lower()):
        # OCR reads the Roman I as "l", "1" or "|": count the strokes.
        q = len(quarter)
    if q is None:
        return None
    return last_day_of_month(year, q * 3)


def find_dates(key: str) -> list[tuple[int, int, dt.date]]:
    """Full dates in ``key``: (start, end, date), in order."""
    found = []
    for pattern in (DATE_NUMERIC, DATE_WORDS):
        for m in pattern.finditer(key):
            d = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if d:
                found.append((m.start(), m.end(), d))
    found.sort()
    return found
