"""Pages: the signed-in user's notices (reminders, reviews)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tiendo.reporting import notifications
from tiendo.web.deps import get_session
from tiendo.web.security import require_principal
from tiendo.web.templating import render

router = APIRouter(prefix="/thong-bao")


@router.get("")
def notices(request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    rows = notifications.list_for(session, principal.user_id)
    return render(request, "reporting/notifications.html", {"rows": rows})


@router.post("/da-doc")
def mark_read(request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    notifications.mark_all_read(session, principal.user_id)
    session.commit()
    return RedirectResponse("/thong-bao?tb=notices_read", status_code=303)
