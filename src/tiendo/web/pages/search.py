"""Page: search across plans and items."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from tiendo.store import queries
from tiendo.store.queries import Visibility
from tiendo.web.deps import get_session, get_visibility

router = APIRouter()


@router.get("/tim-kiem")
def search_page(
    request: Request,
    q: str = Query("", max_length=200),
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    result = queries.search(session, q, visibility=visibility, limit=200) if q.strip() else None
    return request.app.state.templates.TemplateResponse(
        request, "search.html", {"q": q, "result": result}
    )
