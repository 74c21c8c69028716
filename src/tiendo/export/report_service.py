"""The periodic consolidated report: one use case from a request to a file.

``assemble_report`` builds the plain ``ConsolidatedReport`` (through the
adapter in ``report_source``); ``produce_report`` renders it as .docx or
.xlsx. The web page, the API and ``tiendo report`` all call these.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.domain.actor import Actor
from tiendo.domain.periods import Period, make_period
from tiendo.domain.plan import Frequency
from tiendo.errors import PermissionDenied, ValidationError
from tiendo.export.docx_report import render_docx
from tiendo.export.report_model import ConsolidatedReport, Letterhead
from tiendo.export.report_source import load_report
from tiendo.export.xlsx_annex import render_xlsx
from tiendo.store import audit
from tiendo.text.vietnamese import fold

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]))?$")


def parse_period(text: str) -> Period:
    """ "2026-Q3" (quarter), "2026-H1" (6 months), "2026" (year) -> the period."""
    match = _PERIOD.match((text or "").strip().upper())
    if not match:
        message = (
            f"Kỳ báo cáo “{text}” không hợp lệ: viết 2026-Q3 cho quý III/2026, "
            "2026-H1 cho 6 tháng đầu năm 2026, 2026 cho cả năm 2026."
        )
        raise ValidationError(message, errors=[{"msg": message, "loc": ["period"]}])
    year, part = int(match.group(1)), match.group(2)
    if not 2000 <= year <= 2100:
        message = f"Năm {year} của kỳ báo cáo phải trong khoảng 2000–2100."
        raise ValidationError(message, errors=[{"msg": message, "loc": ["period"]}])
    if part is None:
        return make_period(Frequency.ANNUAL, year)
    if part.startswith("Q"):
        return make_period(Frequency.QUARTERLY, year, int(part[1]))
    return make_period(Frequency.SEMIANNUAL, year, int(part[1]))


def check_access(principal: Principal | None, province_code: str) -> None:
    """Coordinators and leaders of the province (and administrators) produce its report."""
    if principal is None or not principal.sees_drafts_of(province_code):
        raise PermissionDenied(
            "Chỉ cán bộ điều phối, lãnh đạo của tỉnh, thành phố này được lập báo cáo định kỳ."
        )


def assemble_report(
    session: Session,
    province_code: str,
    period: Period,
    *,
    today: dt.date,
    letterhead: dict | None = None,
) -> ConsolidatedReport:
    """The report's data; ``letterhead`` overrides fields of the default letterhead (None: keep)."""
    report = load_report(session, province_code, period, today=today)
    if letterhead:
        clean = {k: v for k, v in letterhead.items() if v is not None}
        if "recipients" in clean and isinstance(clean["recipients"], str):
            clean["recipients"] = tuple(
                line.strip(" -;.") for line in clean["recipients"].splitlines() if line.strip()
            )
        unknown = set(clean) - {f.name for f in dataclasses.fields(Letterhead)}
        if unknown:
            raise ValidationError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}.")
        report = dataclasses.replace(
            report, letterhead=dataclasses.replace(report.letterhead, **clean)
        )
    return report


@dataclass(frozen=True)
class ReportFile:
    filename: str
    media_type: str
    content: bytes


def file_name(report: ConsolidatedReport, fmt: str) -> str:
    slug = fold(report.province_name).replace(" ", "-")
    return f"bao-cao-nq57-{slug}-{report.period.key.lower()}.{fmt}"


def render(report: ConsolidatedReport, fmt: str) -> ReportFile:
    if fmt not in FORMATS:
        message = f"Định dạng “{fmt}” không hợp lệ: chọn docx (Word) hoặc xlsx (Excel)."
        raise ValidationError(message, errors=[{"msg": message, "loc": ["format"]}])
    content = render_docx(report) if fmt == "docx" else render_xlsx(report)
    return ReportFile(file_name(report, fmt), FORMATS[fmt], content)


def produce_report(
    session: Session,
    province_code: str,
    period_key: str,
    fmt: str,
    *,
    actor: Actor,
    today: dt.date,
    letterhead: dict | None = None,
) -> ReportFile:
    """Assemble, render and record in the audit log who produced which report."""
    period = parse_period(period_key)
    report = assemble_report(session, province_code, period, today=today, letterhead=letterhead)
    out = render(report, fmt)
    audit.record(
        session,
        actor,
        "report.export",
        "report",
        None,
        province_code=report.province_code,
        after={"period": period.key, "format": fmt, "plans": [p.plan_id for p in report.plans]},
    )
    return out
