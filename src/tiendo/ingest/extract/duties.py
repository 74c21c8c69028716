"""Reporting and planning duties the plan imposes.

A report duty is a clause that orders a report ("báo cáo") and says when:
"định kỳ", a frequency ("hằng quý", "6 tháng", "3 tháng, 6 tháng, 1 năm
hoặc đột xuất", "khi có yêu cầu") or a due rule ("trước ngày 15 của tháng
cuối quý", "trước ngày 15/6 và trước ngày 01/12"); each clause of a sentence
that orders its own report is a duty of its own. A plan duty, in the
implementation section, orders a plan or document ("xây dựng kế hoạch", "rà
soát các chương trình, kế hoạch", "ban hành Bộ tiêu chí") to be finished by a
date: a month, a quarter, a day, or so many days from the plan's date. Both are read only in the tasks and
implementation sections: the purpose section's "chế độ báo cáo định kỳ" is a
principle, not a duty.

Conventions of ``due``: {"day": 15, "month": "last_of_period"} (before the
15th of the period's last month), {"day": 10, "month": "first_of_next"} (of
the first month of the next period; for a monthly report the period is the
month, so "trước ngày 20 hằng tháng" is {"day": 20, "month": "last_of_period"}),
{"dates": ["06-15", "12-01"]} (fixed days of the year, month-day), and for
plan duties {"date": "2025-03-31"}.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from tiendo.domain.plan import DutyKind, Frequency, ReportingDuty, SectionKind
from tiendo.ingest.extract.agencies import AGENCY_START
from tiendo.ingest.extract.clauses import sentences
from tiendo.ingest.extract.dates import BEFORE
from tiendo.ingest.extract.deadlines import read_expression
from tiendo.ingest.extract.lines import Block
from tiendo.ingest.extract.sections import Node, Outline

_REPORT = re.compile(r"\bbao cao\b")
# "trước ngày 10/12", and the latest day allowed: "chậm nhất ngày 10/12"
_BY = r"(?:" + BEFORE + r"|cham nhat(?:\s+la)?(?:\s+vao)?)"
# "quý" is a quarter; "quy định", "quy chế", "quy trình" are not.
_QUARTER = r"quy\b(?!\s+(?:dinh|che|trinh|hoach|mo|luat|tac|chuan|pham|uoc|doi|dat|von|tien))"
_PERIODIC = re.compile(
    r"\b(?:dinh ky|hang (?:thang|n\w?m)|hang "
    + _QUARTER
    + r"|(?:3|6|9|ba|sau) thang|"
    + _BY
    + r" ngay|"
    r"theo thang|theo "
    + _QUARTER
    + r"|moi thang|moi "
    + _QUARTER
    + r"|cuoi n\w?m|cuoi "
    + _QUARTER
    + r")"
)
_DUE_PERIOD = re.compile(
    _BY
    + r" ngay\s+(?P<d>\d{1,2})\s+(?:cua\s+|hang\s+)?(?P<which>thang cuoi (?:cua\s+)?(?:quy|ky|thang)|thang dau (?:cua\s+)?(?:quy|ky) (?:sau|tiep theo)|hang thang|thang bao cao|cua thang)"
)
_PLAN_DOC = re.compile(
    r"\b(?:xay dung|ban hanh|ra soat|hoan thien|cu the hoa|dieu chinh)\s+(?:[^\s;.]+\s+){0,6}?"
    r"(?:ke hoach|chuong trinh|van ban|de an|quy che|bo tieu chi|bo chi so)\b"
    # a budget estimate to submit: "tham mưu (bố trí kinh phí …) dự toán …, trình … trước ngày"
    r"|\b(?:tham muu|lap|xay dung|tong hop)\s+(?:bo tri kinh phi|du toan|nhu cau kinh phi)\b"
)
# "hoàn thành trong tháng 4/2025", "trước ngày 15/9/2025", and "ban hành kế hoạch …
# trong tháng 10/2025" where the month or quarter itself says when.
_PLAN_DUE = re.compile(
    r"\b(?:hoan thanh|xong|truoc|cham nhat)\b\s*(?:trong|truoc|vao|xong)?\s*(?:ngay|thang|quy|n\w?m)?\s*[^;.]{0,30}?\b(?:(?:19|20)\d\d)\b"
    r"|\btrong\s+(?:thang\s+\d{1,2}|quy\s+[ivx1-4]+)\s*(?:/|-|\s+n\w?m\s+)(?:19|20)\d\d\b"
)
_RELATIVE_DUE = re.compile(
    r"\b(?:trong (?:thoi han|vong)|cham nhat(?: la)?|sau)\s+(?P<n>\d{1,3})\s+ngay\s+"
    r"(?:lam viec\s+)?(?:ke tu|tu|sau)\s+(?:ngay\s+)?(?:ban hanh|ky|co hieu luc)"
)
_WHO_END = re.compile(
    r"\s(?:co trach nhiem|chu tri|phoi hop|theo chuc nang|can cu|truc tiep|tap trung|chu dong|thuc hien|xay dung|"
    r"to chuc|chi dao|lanh dao|huong dan|bao cao|dinh ky|ra soat|kip thoi|theo doi|tham muu)\b"
)


def read_duties(outline: Outline, issued: dt.date | None = None) -> list[ReportingDuty]:
    """Report and plan duties; ``issued`` (the plan's date) dates "30 ngày kể từ ngày ban hành"."""
    duties: list[ReportingDuty] = []
    for block in outline.blocks:
        if block.kind not in ("item", "para"):
            continue
        node = outline.node_of(block)
        kind = node.kind
        if kind not in (SectionKind.TASKS, SectionKind.ORGANISATION, SectionKind.FUNDING):
            continue
        duties.extend(_block_duties(block, node, kind, issued))
    return duties


def _clauses(text: str, key: str, lo: int, hi: int) -> list[tuple[int, int]]:
    spans = []
    start = lo
    for m in re.finditer(r";|:\s|\s\(\d{1,2}\)\s", key[lo:hi]):
        spans.append((start, lo + m.start()))
        start = lo + m.end()
    spans.append((start, hi))
    return [(a, b) for a, b in spans if text[a:b].strip()]


# "báo cáo" as the name of a thing, not an order: a reporting system ("Hệ thống thông tin
# báo cáo"), or the reporting regime as the object of a task ("số hóa chế độ báo cáo định
# kỳ"); "thực hiện chế độ báo cáo …" does order reports.
_REPORT_AS_NOUN = re.compile(
    r"(?:\bhe thong(?: thong tin)?|\bthong tin|(?<!thuc hien )(?<!duy tri )(?<!tuan thu )"
    r"(?<!chap hanh )(?<!theo )\bche do)\s+$"
)
# Updating progress on the monitoring system each month is the monthly report.
# Figures count when sent somewhere ("cập nhật số liệu … lên Hệ thống"), not as a feature of
# a platform to build ("nền tảng …; cập nhật số liệu chỉ tiêu hằng tháng").
_UPDATE = re.compile(
    r"\bcap nhat (?:tien do|ket qua|tinh hinh)\b|\bcap nhat so lieu\b[^;.]{0,80}?\blen\b"
)


def _orders_report(clause: str) -> bool:
    for m in _REPORT.finditer(clause):
        if not _REPORT_AS_NOUN.search(clause[max(0, m.start() - 30) : m.start()]):
            return True
    return bool(_UPDATE.search(clause))


def _report_clauses(key: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clauses of a sentence that each order a report of their own.

    "…hằng quý trước ngày 12 của tháng cuối quý; báo cáo năm trước ngày 12/12;
    báo cáo đột xuất khi có yêu cầu" holds three duties. A clause that only names
    the duty ("Báo cáo định kỳ: các sở báo cáo hằng tháng …") heads the one that
    says when, and is not a duty of its own.
    """
    found = [
        (a, b)
        for a, b in spans
        if _orders_report(key[a:b]) and (_PERIODIC.search(key[a:b]) or _ADHOC.search(key[a:b]))
    ]
    timed = [(a, b) for a, b in found if frequencies(key[a:b]) or due_rule(key[a:b])]
    return timed or found[:1]


def _block_duties(
    block: Block, node: Node, kind: SectionKind, issued: dt.date | None
) -> list[ReportingDuty]:
    text, key = block.text, block.key
    out: list[ReportingDuty] = []
    for s_lo, s_hi in sentences(text, block.body, len(text)):
        spans = _clauses(text, key, s_lo, s_hi)
        reports = _report_clauses(key, spans)
        for c_lo, c_hi in (part for span in reports for part in _per_frequency(key, *span)):
            clause = key[c_lo:c_hi]
            freq = frequencies(clause)
            due = due_rule(clause)
            if not freq and due and "dates" in due:
                # Fixed days of the year say how often: twice a year is every six months.
                freq = {
                    1: [Frequency.ANNUAL],
                    2: [Frequency.SEMIANNUAL],
                    4: [Frequency.QUARTERLY],
                }.get(len(due["dates"]), [])
            written = text[c_lo:c_hi]
            out.append(
                ReportingDuty(
                    kind=DutyKind.REPORT,
                    text=written.strip(" ,.;"),
                    line=block.line_at(c_lo + len(written) - len(written.lstrip())),
                    who=_who(block, node, s_lo),
                    to=_recipient(text, key, c_lo, c_hi),
                    frequency=freq,
                    due=due,
                )
            )
        # In the funding section only a budget to draw up by a date is a duty:
        # "Sở Tài chính tổng hợp dự toán kinh phí năm 2026, trình … trước ngày 15/10/2025",
        # "Phòng Tài chính lập dự toán …, trình Giám đốc phê duyệt trước ngày …".
        budget = kind == SectionKind.FUNDING and re.search(
            r"\b(?:tong hop|lap)\s+(?:du toan|nhu cau kinh phi)\b", key[s_lo:s_hi]
        )
        if kind != SectionKind.ORGANISATION and not budget:
            continue
        # The report clauses of the sentence are not part of a duty to issue a plan.
        sentence = list(key[s_lo:s_hi])
        for a, b in reports:
            sentence[a - s_lo : b - s_lo] = " " * (b - a)
        plan = _plan_duty(text, "".join(sentence), s_lo, block, node, issued)
        if plan is not None:
            out.append(plan)
    return out


# Where a list of frequencies goes on: ", 6 tháng", " và hằng năm", " và báo cáo năm".
_NEXT_FREQUENCY = re.compile(
    r"(?:,|\bva\b)\s+(?=bao cao\s+dot xuat\b|(?:bao cao\s+)?(?:dinh ky\s+)?(?:hang\s+(?:quy|thang|n\w?m)\b|"
    r"(?:3|6|9|ba|sau)\s+thang\b|n\w?m\b(?!\s*\d)|quy\b(?!\s*[ivx\d])))"
)


def _per_frequency(key: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """A report clause cut into one duty per frequency, when each has its own terms.

    "định kỳ hằng quý (trước ngày 18 của tháng cuối quý) và hằng năm (trước
    ngày 05/12) báo cáo …" orders two reports, each with its own due rule;
    "định kỳ 6 tháng báo cáo Thường trực HĐND và hằng năm báo cáo HĐND" two
    reports to two bodies. "6 tháng, hằng năm (trước ngày 10/6 và 10/12)" is one
    duty with its dates: the frequencies share them.
    """
    cuts = [
        m.start()
        for m in _NEXT_FREQUENCY.finditer(key, lo, hi)
        if key.count("(", lo, m.start()) == key.count(")", lo, m.start())
    ]
    if not cuts:
        return [(lo, hi)]
    bounds = [lo, *cuts, hi]
    parts = list(pairwise(bounds))
    own_due = all(frequencies(key[a:b]) and due_rule(key[a:b]) for a, b in parts)
    # "báo cáo 6 tháng và báo cáo năm gửi trước ngày 10/6 và ngày 10/12": a part that
    # ends at its frequency has no terms of its own; it shares those that follow.
    bare = any(
        re.search(r"\b(?:thang|quy|n\w?m)\s*$", key[a:b].rstrip(" ,")) and not due_rule(key[a:b])
        for a, b in parts[:-1]
    )
    own_report = not bare and all(
        frequencies(key[a:b]) and _orders_report(key[a:b]) for a, b in parts
    )
    return parts if own_due or own_report else [(lo, hi)]


def _plan_duty(
    text: str, sentence: str, s_lo: int, block: Block, node: Node, issued: dt.date | None
) -> ReportingDuty | None:
    doc = _PLAN_DOC.search(sentence)
    if not doc:
        return None
    due = _PLAN_DUE.search(sentence, doc.start())
    deadline = read_expression(sentence[due.start() : due.end()]) if due else None
    start, end = s_lo + doc.start(), s_lo + (due.end() if due else doc.end())
    if deadline is None or deadline.due is None:
        # "Trong thời hạn 30 ngày kể từ ngày ban hành Kế hoạch này, …": counted from the plan's date.
        rel = _RELATIVE_DUE.search(sentence)
        if not rel or issued is None:
            return None
        date = (issued + dt.timedelta(days=int(rel.group("n")))).isoformat()
        start = s_lo + min(rel.start(), doc.start())
        end = s_lo + max(rel.end(), doc.end())
    else:
        date = deadline.due.isoformat()
    return ReportingDuty(
        kind=DutyKind.PLAN,
        text=text[start:end].strip(" ,.;()*"),
        line=block.line_at(start),
        who=_who(block, node, s_lo),
        due={"date": date},
    )


_DAY_MONTH = r"(?P<d>\d{1,2})\s*(?:/|-|\s+thang\s+)(?P<m>\d{1,2})(?!\s*/\s*\d)"
_DUE_DATE = re.compile(_BY + r" ngay\s+" + _DAY_MONTH)
_MORE_DATES = re.compile(r"\s*\)?\s*(?:va|,)\s*(?:ngay\s+)?" + _DAY_MONTH)
_DUE_EXPRESSION = re.compile(
    _BY
    + r" ngay\s+\d{1,2}(?:\s*(?:/|-|\s+thang\s+)\d{1,2})?(?:\s*(?:va|,)\s*(?:"
    + BEFORE
    + r"\s+)?(?:ngay\s+)?"
    r"\d{1,2}\s*(?:/|-|\s+thang\s+)\d{1,2})*(?:\s+(?:hang|moi)\s+n\w?m)?"
)
_ADHOC = re.compile(r"\bdot xuat\b|\bkhi co yeu cau\b|\btheo yeu cau\b")


def frequencies(clause: str) -> list[Frequency]:
    """Reporting frequencies named in a clause, in the order of the calendar."""
    # Due dates are not frequencies: "trước ngày 15/6 và 01/12 hằng năm", "tháng cuối quý".
    quarter_rule = re.search(r"thang (?:cuoi|dau) (?:cua )?quy", clause)
    c = _DUE_EXPRESSION.sub(" ", clause)
    c = re.sub(r"(?<!6 )(?<!sau )thang (?:cuoi|dau)(?: cua)? (?:quy|ky|n\w?m)", " ", c)
    found: set[Frequency] = set()
    if quarter_rule or re.search(r"\b(?:3|ba) thang\b|\b" + _QUARTER, c):
        found.add(Frequency.QUARTERLY)
    if re.search(r"\b(?:6|sau) thang\b|\bnua n\w?m\b", c):
        found.add(Frequency.SEMIANNUAL)
    if re.search(
        r"\bbao cao (?:hang )?n\w?m\b|\b(?:thang|quy),? va n\w?m\b(?!\s+\d)|\b(?:1|mot) n\w?m\b|\b(?:hang|moi|cuoi|ca) n\w?m\b|(?:^|[,(:]|\bva)\s*n\w?m\s*(?:[,;.)]|$|hoac\b|bao cao\b)",
        c,
    ):
        found.add(Frequency.ANNUAL)
    if re.search(r"\b(?:hang|moi|theo) thang\b|\bbao cao thang\b|(?:^|[,(:]\s*)thang\s*,", c):
        found.add(Frequency.MONTHLY)
    if _ADHOC.search(c):
        found.add(Frequency.ADHOC)
    order = [
        Frequency.MONTHLY,
        Frequency.QUARTERLY,
        Frequency.SEMIANNUAL,
        Frequency.ANNUAL,
        Frequency.ADHOC,
    ]
    return [f for f in order if f in found]


def due_rule(clause: str) -> dict | None:
    """The due rule of a report clause, in the conventions of the module docstring."""
    m = _DUE_PERIOD.search(clause)
    if m:
        which = m.group("which")
        day = int(m.group("d"))
        if "cuoi" in which:
            return {"day": day, "month": "last_of_period"}
        if "dau" in which:
            return {"day": day, "month": "first_of_next"}
        # A monthly report's period is the month: its day falls in the period's (only) month.
        return {"day": day, "month": "last_of_period"}
    dates: list[str] = []
    for m in _DUE_DATE.finditer(clause):
        found = [m]
        pos = m.end()
        while True:
            more = _MORE_DATES.match(clause, pos)
            if not more:
                break
            found.append(more)
            pos = more.end()
        for f in found:
            day, month = int(f.group("d")), int(f.group("m"))
            if 1 <= day <= 31 and 1 <= month <= 12:
                stamp = f"{month:02d}-{day:02d}"
                if stamp not in dates:
                    dates.append(stamp)
    if dates:
        return {"dates": dates}
    m = re.search(BEFORE + r" ngay\s+(?P<d>\d{1,2})\b(?!\s*(?:/|-|thang)\s*\d)", clause)
    if m and re.search(r"\b(?:hang|moi|theo) thang\b", clause):
        # "hằng tháng (trước ngày 20)": the day of each month.
        return {"day": int(m.group("d")), "month": "last_of_period"}
    return None


def _recipient(text: str, key: str, lo: int, hi: int) -> str | None:
    m = re.search(
        r"\bbao cao(?:\s+(?:ket qua|tien do|tinh hinh)(?:\s+(?:thuc hien|trien khai))?)?\s+(?:ve|len|cho|voi|gui)?\s*",
        key[lo:hi],
    )
    if not m:
        return None
    start = lo + m.end()
    stop = re.search(
        r"\s(?:de|truoc|dinh ky|theo|ve ket qua|ve tien do|ket qua|khi|trong)\b|[,;.(]",
        key[start:hi],
    )
    end = start + stop.start() if stop else hi
    name = text[start:end].strip(" ,;:.")
    if not name or not name[0].isupper() or len(name.split()) > 16:
        return None
    return name


def _who(block: Block, node: Node, s_lo: int) -> str | None:
    """Who must do it: the agency opening the item, or the agency its heading names."""
    text, key = block.text, block.key
    head = text[block.body : block.body + 200]
    m = re.match(r"\s*([^:;,.]{3,80}):\s", head)
    if m and AGENCY_START.match(key[block.body :].lstrip()):
        return m.group(1).strip()
    body = len(text[: block.body]) + len(head) - len(head.lstrip())
    if AGENCY_START.match(key[body:]):
        stop = _WHO_END.search(key, body, body + 200)
        if stop:
            who = text[body : stop.start()].strip(" ,;:.")
            if who and len(who.split()) <= 20:
                return who
    for n in (
        node if node.block is not block else node.parent,
        *(node.ancestors() if node.block is block else ()),
    ):
        if n is None or n.block is None:
            continue
        title = n.title.strip(" :")
        m = re.match(r"(?:Trách nhiệm của|TRÁCH NHIỆM CỦA)\s+(.+)", title)
        if m:
            return m.group(1).strip()
        if n.title.rstrip().endswith(":") and len(title.split()) <= 12:
            return title
        break
    return None
