"""Task deadlines: "hoàn thành trong tháng 3/2025", "Quý II/2025", "Đến năm 2028, ...".

A month or a quarter gives its last day, a year gives the year, a range of
years its last year; "thường xuyên" and "hằng năm" mean a continuing task.
In prose only a year that the sentence ties to completion counts: one after
"hoàn thành", or one opening a sentence ("Đến năm 2028, hoàn thành ...",
"Hết năm 2025, 100% ..."). A year inside a document's title ("Đề án ... đến
năm 2030") is not a deadline.
"""

from __future__ import annotations

import datetime as dt
import re

from tiendo.domain.plan import Deadline
from tiendo.ingest.extract.clauses import sentences
from tiendo.ingest.extract.dates import (
    BARE_MONTH_YEAR,
    DATE_NUMERIC,
    DATE_WORDS,
    HALF_YEAR,
    MONTH_YEAR,
    QUARTER,
    YEAR,
    YEAR_RANGE,
    YEAR_WORD,
    month_end,
    quarter_end,
    safe_date,
)
from tiendo.ingest.extract.keys import ocr_key

_CONTINUING = re.compile(
    r"\b(?:thuong xuyen|hang n\w?m|hang quy|hang thang|lien tuc|dinh ky|moi n\w?m)\b"
)
# ... and the council session an item is submitted at ("trình tại kỳ họp cuối năm 2025")
_COMPLETE = re.compile(r"\b(?:hoan thanh|xong|hoan tat|ket thuc|truoc|cham nhat|ky hop)\b")
# "Thời gian hoàn thành: Quý II/2025", also without the colon when a date follows
# ("…; Sở X chủ trì, thời gian 2025-2027").
_LABEL = re.compile(
    r"\b(?:thoi gian|thoi han|tien do)(?: hoan thanh| thuc hien)?"
    # "Thời gian hoàn thành Đề án: tháng 3/2026": the thing to complete may be named
    r"(?:\s+(?:de an|ke hoach|du an|nhiem vu|chuong trinh|bao cao|san pham)(?=\s*:))?"
    r"(?:\s*:\s*|\s+(?=(?:quy|thang|n\w?m|truoc|trong)?\s*\d))"
)
_LEADING = re.compile(
    r"[\s\-–+•*]*(?:ph[a-z]n d[a-z]{0,2}u\s+)?(?:den het|den cuoi|den|het|trong|cuoi|truoc|vao)\s+(?:"
    + YEAR_WORD
    + r"\s+)?(?P<year>"
    + YEAR
    + r")\b\s*,"
)
# A year the item is to be done by, written in passing ("... phấn đấu đến năm 2026 phủ
# sóng ...", "... vào năm 2027.", "... giai đoạn 2025 - 2027."), unless it belongs to the
# title of a document or a policy ("Đề án ... đến năm 2030", "Kế hoạch ... giai đoạn 2021-2025").
_FREE_YEAR = re.compile(
    r"\b(?:(?P<prep>den|vao|trong|truoc|cuoi|het|giua)\s+(?:het\s+)?(?:"
    + YEAR_WORD
    + r"(?:\s+hoc)?\s+)?(?P<year>"
    + YEAR
    + r")(?:\s*[-–]\s*(?P<last>"
    + YEAR
    + r"))?|"
    r"giai doan\s+(?P<begin>" + YEAR + r")\s*(?:-|–|den)\s*(?P<end>" + YEAR + r"))\b"
)
_TITLE_WORDS = re.compile(
    r"\b(?:ke hoach|de an|chien luoc|chuong trinh|quy hoach|dinh huong|tam nhin|nghi quyet|quyet dinh|"
    r"chi thi|ket luan|chinh sach|co che|du an|muc tieu|so voi)\b(?:[\s,]+[^\s,;.]+){0,22}\s*$"
)
_YEAR_AFTER = re.compile(
    r"(?:vao|trong|truoc|den|het|cuoi|giua)\s+(?:het\s+)?(?:"
    + YEAR_WORD
    + r"\s+)?(?P<year>"
    + YEAR
    + r")\b"
)


def _year(year: int, text: str | None) -> Deadline:
    return Deadline(due=dt.date(year, 12, 31), precision="year", text=text)


def read_expression(key: str, text: str | None = None) -> Deadline | None:
    """A deadline written as a value: a date, a month, a quarter or a year."""
    for pattern in (DATE_NUMERIC, DATE_WORDS):
        m = pattern.search(key)
        if m:
            d = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if d:
                return Deadline(due=d, precision="day", text=text)
    m = HALF_YEAR.search(key)
    if m:
        d = month_end(int(m.group("y")), 6 if m.group("h") == "dau" else 12)
        if d:
            return Deadline(due=d, precision="month", text=text)
    m = QUARTER.search(key)
    if m:
        d = quarter_end(int(m.group("y")), m.group("q"))
        if d:
            return Deadline(due=d, precision="quarter", text=text)
    for pattern in (MONTH_YEAR, BARE_MONTH_YEAR):
        m = pattern.search(key)
        if m:
            d = month_end(int(m.group("y")), int(m.group("m")))
            if d:
                return Deadline(due=d, precision="month", text=text)
    m = YEAR_RANGE.search(key)
    if m:
        return _year(max(int(m.group("y1")), int(m.group("y2"))), text)
    m = re.search(r"\b(?P<y>" + YEAR + r")\b", key)
    if m:
        return _year(int(m.group("y")), text)
    return None


def read_cell(cell: str) -> Deadline:
    """The deadline in a table's deadline cell ("Quý II/2025", "Thường xuyên")."""
    key = ocr_key(cell)
    found = read_expression(key, cell.strip() or None)
    if found is not None:
        return found
    if _CONTINUING.search(key):
        return Deadline(continuing=True, text=cell.strip())
    return Deadline(text=cell.strip() or None)


def read_prose(text: str, key: str | None = None, plan_year: int | None = None) -> Deadline:
    """The deadline a task item's text states, or an empty deadline.

    ``plan_year`` tells the plan's own period ("giai đoạn 2025-2030" in a plan of
    2025) from the period of a document it cites ("giai đoạn 2021-2025").
    """
    key = key if key is not None else ocr_key(text)
    labelled = _labelled(text, key)
    if labelled is not None:
        return labelled
    spans = sentences(text)
    for s_lo, s_hi in spans:
        found = _in_sentence(text, key, s_lo, s_hi)
        if found is not None:
            return found
    # "(Văn phòng UBND tỉnh chủ trì; năm 2025)": a year closing the item's note.
    m = re.search(
        r"[;(]\s*(?:trong\s+)?(?:"
        + YEAR_WORD
        + r"(?:\s+hoc)?\s+)?(?P<y>"
        + YEAR
        + r")(?:\s*[-–]\s*(?P<y2>"
        + YEAR
        + r"))?\s*\)",
        key,
    )
    if m:
        return _year(int(m.group("y2") or m.group("y")), text[m.start() : m.end()])
    for s_lo, s_hi in spans:
        for m in _FREE_YEAR.finditer(key, s_lo, s_hi):
            clause_start = key.rfind(";", s_lo, m.start()) + 1
            if m.group("end") and int(m.group("end")) - int(m.group("begin")) > 5:
                # "giai đoạn 2021-2030" is the horizon of a programme, not a deadline.
                continue
            # Titles end in "đến năm 2030" or a period ("Đề án ... đến năm 2030"); "trong",
            # "vào", "trước" a year date an action. The plan's own period is no title's.
            own = m.group("begin") and plan_year is not None and int(m.group("begin")) >= plan_year
            titled = m.group("prep") in (None, "den") and not own
            if titled and _TITLE_WORDS.search(key[max(clause_start, s_lo) : m.start()]):
                continue
            year = int(m.group("last") or m.group("year") or m.group("end"))
            return _year(year, text[m.start() : m.end()])
    if re.search(
        r"\((?:thuc hien )?(?:thuong xuyen|hang n\w?m)\)|\bthuc hien (?:thuong xuyen|hang n\w?m)\s*[.;]?\s*$",
        key,
    ):
        return Deadline(continuing=True, text=None)
    return Deadline()


def _labelled(text: str, key: str) -> Deadline | None:
    """ "Thời gian hoàn thành: Quý II/2025", "thời hạn: thường xuyên"."""
    m = _LABEL.search(key)
    if not m:
        return None
    tail = key[m.end() : m.end() + 40]
    tail = re.split(r"[;)]", tail, maxsplit=1)[0]
    found = read_expression(tail, text[m.start() : m.end() + len(tail)])
    if found:
        return found
    if _CONTINUING.match(tail.strip()):
        return Deadline(continuing=True, text=text[m.end() : m.end() + len(tail)].strip())
    return None


def _in_sentence(text: str, key: str, s_lo: int, s_hi: int) -> Deadline | None:
    lead = _LEADING.match(key, s_lo)
    if lead:
        return _year(int(lead.group("year")), text[s_lo : lead.end()].strip(" ,-"))
    sentence = key[s_lo:s_hi]
    for c in _COMPLETE.finditer(sentence):
        window = sentence[c.end() : c.end() + 110]
        window = re.split(r"[;.]\s", window, maxsplit=1)[0]
        # "hoàn thành năm 2026": the year right after the completion
        bare = re.match(
            r"\s*(?P<year>" + YEAR + r")\b|\s*" + YEAR_WORD + r"\s+(?P<y>" + YEAR + r")\b", window
        )
        for pattern in (DATE_NUMERIC, DATE_WORDS, HALF_YEAR, QUARTER, MONTH_YEAR, BARE_MONTH_YEAR):
            m = pattern.search(window)
            if m:
                found = read_expression(
                    window[m.start() : m.end()], text[s_lo + c.start() : s_lo + c.end() + m.end()]
                )
                if found:
                    return found
        m = _YEAR_AFTER.search(window) or bare
        if m:
            year = int(m.group("year") or m.group("y"))
            return _year(year, text[s_lo + c.start() : s_lo + c.end() + m.end()])
    # A quarter or a month written anywhere ("(Quý II/2025)"), unless it is part
    # of the full date of a cited document ("ngày 24 tháng 11 năm 2023").
    for pattern in (QUARTER, MONTH_YEAR):
        for m in pattern.finditer(sentence):
            if re.search(r"ngay\s+\d{1,2}\s*$", sentence[max(0, m.start() - 12) : m.start()]):
                continue
            # "thực hiện từ tháng 11/2025": when the task starts, not when it ends
            if re.search(r"\b(?:tu|bat dau)\s*$", sentence[max(0, m.start() - 10) : m.start()]):
                continue
            found = read_expression(m.group(0), text[s_lo + m.start() : s_lo + m.end()])
            if found:
                return found
    return None
