"""/api/v1/search: find plans and items, ignoring diacritics and case."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from tiendo.store import queries
from tiendo.store.queries import Visibility
from tiendo.store.readmodels import SearchResult
from tiendo.web.deps import get_session, get_visibility

router = APIRouter(tags=["Tìm kiếm"])


@router.get(
    "/search", response_model=SearchResult, summary="Tìm kiếm không phân biệt dấu và hoa thường"
)
def search(
    q: str = Query(..., min_length=1, max_length=200, description="Từ khóa, ví dụ “chuyen doi so”"),
    limit: int = Query(50, ge=1, le=500),
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    return queries.search(session, q, visibility=visibility, limit=limit)
