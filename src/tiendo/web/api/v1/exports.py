"""/api/v1/reports: the periodic consolidated report as .docx or .xlsx (coordinators, leaders)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.clock import today_in_vietnam
from tiendo.export import report_service
from tiendo.web.deps import get_session
from tiendo.web.pages.exports import attachment
from tiendo.web.security import client_ip, require_principal

router = APIRouter(prefix="/reports", tags=["Báo cáo định kỳ"])


@router.get(
    "/consolidated",
    summary="Báo cáo định kỳ tổng hợp của một tỉnh (Word theo Nghị định 30/2020/NĐ-CP, hoặc phụ lục Excel)",
    description=(
        "Dành cho cán bộ điều phối, lãnh đạo của tỉnh (phạm vi read). Kỳ: `2026-Q3` (quý), "
        "`2026-H1` (6 tháng), `2026` (năm). Chỉ gồm các kế hoạch đã công bố của tỉnh và của các "
        "tỉnh đã hợp nhất vào tỉnh đó."
    ),
    responses={
        200: {"content": {f: {} for f in report_service.FORMATS.values()}},
    },
)
def consolidated(
    request: Request,
    province: str = Query(..., max_length=8, description="Mã tỉnh hiện nay, ví dụ 42"),
    period: str = Query(..., max_length=10, description="Kỳ báo cáo, ví dụ 2026-Q3"),
    format: Literal["docx", "xlsx"] = Query("docx"),
    date: dt.date | None = Query(None, description="Ngày của báo cáo (mặc định hôm nay)"),
    number: str | None = Query(None, max_length=40, description="Số, ký hiệu"),
    signer_name: str | None = Query(None, max_length=120),
    signer_title: str | None = Query(None, max_length=120),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    report_service.check_access(principal, province)
    letterhead = {
        "date": date,
        "number": number,
        "signer_name": signer_name,
        "signer_title": signer_title,
    }
    result = report_service.produce_report(
        session,
        province,
        period,
        format,
        actor=accounts.actor_of(principal, client_ip(request)),
        today=date or today_in_vietnam(),
        letterhead=letterhead,
    )
    session.commit()
    return attachment(result)
