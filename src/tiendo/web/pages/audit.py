"""Pages: the audit log, filtered and exported as CSV (streamed)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from tiendo.errors import ValidationError
from tiendo.reporting import auditlog
from tiendo.web.deps import get_session
from tiendo.web.security import require_principal
from tiendo.web.templating import render

router = APIRouter(prefix="/nhat-ky")
PAGE = 100


def _raw(request: Request) -> dict:
    keys = ("user", "action", "entity", "entity_id", "date_from", "date_to")
    return {k: request.query_params.get(k, "")[:100] for k in keys}


@router.get("")
def audit_page(
    request: Request, page: int = Query(1, ge=1, le=10000), session: Session = Depends(get_session)
):
    principal = auditlog.require_reader(require_principal(request))
    raw = _raw(request)
    try:
        filters = auditlog.clean_filters(raw)
    except ValidationError as exc:
        return render(
            request,
            "reporting/audit.html",
            {
                "rows": [],
                "raw": raw,
                "errors": exc.errors,
                "actions": auditlog.actions(session),
                "page": 1,
                "more": False,
            },
            status_code=422,
        )
    rows = auditlog.search(session, principal, filters, limit=PAGE, offset=(page - 1) * PAGE)
    return render(
        request,
        "reporting/audit.html",
        {
            "rows": rows[:PAGE],
            "more": len(rows) > PAGE,
            "raw": raw,
            "errors": [],
            "page": page,
            "actions": auditlog.actions(session),
            "query": str(request.url.query),
        },
    )


@router.get("/xuat.csv")
def audit_csv(request: Request):
    principal = auditlog.require_reader(require_principal(request))
    filters = auditlog.clean_filters(_raw(request))
    runtime = request.app.state.runtime
    return StreamingResponse(
        auditlog.export_csv(runtime.session_factory, principal, filters),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="nhat-ky-thay-doi.csv"'},
    )
