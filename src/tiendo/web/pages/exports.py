"""Pages: the periodic consolidated report for coordinators and leaders (Word, Excel)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.clock import today_in_vietnam
from tiendo.domain.periods import period_containing
from tiendo.domain.units import PROVINCES
from tiendo.errors import PermissionDenied, ValidationError
from tiendo.export import report_service
from tiendo.text.numbers import parse_date
from tiendo.web.deps import get_session
from tiendo.web.security import client_ip, require_principal
from tiendo.web.templating import render

router = APIRouter()


def report_provinces(principal) -> list:
    """Current provinces whose report this user may produce."""
    units = [u for u in PROVINCES.values() if not u.successor_code]
    return sorted((u for u in units if principal.sees_drafts_of(u.code)), key=lambda u: u.name)


def attachment(result: report_service.ReportFile) -> Response:
    return Response(
        result.content,
        media_type=result.media_type,
        headers={
            "content-disposition": f'attachment; filename="{result.filename}"',
            "cache-control": "private, no-store",
        },
    )


def letterhead_from(query: dict) -> dict:
    """Letterhead fields typed in the form; blank ones keep the defaults."""
    fields = {
        "number": query.get("so"),
        "signer_name": query.get("nguoi_ky"),
        "signer_title": query.get("chuc_vu"),
        "signer_authority": query.get("quyen_han"),
        "issuing_body": query.get("co_quan"),
    }
    out = {k: v.strip() for k, v in fields.items() if v and v.strip()}
    if out.get("signer_authority") == "-":
        out["signer_authority"] = ""
    raw_date = (query.get("ngay") or "").strip()
    if raw_date:
        try:
            out["date"] = parse_date(raw_date)
        except ValueError as exc:
            message = f"Ngày báo cáo “{raw_date}” phải viết dd/mm/yyyy."
            raise ValidationError(message, errors=[{"msg": message, "loc": ["ngay"]}]) from exc
    return out


@router.get("/bao-cao-dinh-ky")
def report_form(request: Request):
    principal = require_principal(request)
    provinces = report_provinces(principal)
    if not provinces:
        raise PermissionDenied(
            "Chỉ cán bộ điều phối, lãnh đạo của tỉnh, thành phố được lập báo cáo định kỳ."
        )
    today = today_in_vietnam()
    # The last finished quarter is the usual report.
    current = period_containing("quarterly", today)
    last_quarter = period_containing("quarterly", current.start - dt.timedelta(days=1))
    return render(
        request,
        "exports/report.html",
        {
            "provinces": provinces,
            "default_period": last_quarter.key,
            "year": today.year,
            "errors": [],
        },
    )


@router.get("/bao-cao-dinh-ky/tai-ve")
def report_download(
    request: Request,
    tinh: str = Query(..., max_length=8),
    ky: str = Query(..., max_length=10),
    dinh_dang: str = Query("docx", max_length=4),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    report_service.check_access(principal, tinh)
    letterhead = letterhead_from(dict(request.query_params))
    # A plain (sync) endpoint: FastAPI runs it in the thread pool, so building
    # the document never blocks the event loop.
    result = report_service.produce_report(
        session,
        tinh,
        ky,
        dinh_dang,
        actor=accounts.actor_of(principal, client_ip(request)),
        today=today_in_vietnam(),
        letterhead=letterhead,
    )
    session.commit()
    return attachment(result)
