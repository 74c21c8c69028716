"""Page: one national indicator compared across provinces."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from tiendo.evaluate import catalogue
from tiendo.store.queries import Visibility
from tiendo.web.deps import get_session, get_visibility
from tiendo.web.pages._evaluation import today
from tiendo.web.templating import render

router = APIRouter()


@router.get("/chi-tieu-quoc-gia/{code}")
def compare_page(
    code: str,
    request: Request,
    session: Session = Depends(get_session),
    visibility: Visibility = Depends(get_visibility),
):
    result = catalogue.comparison(session, code, visibility, today(request))
    chart = [
        {
            "label": f"{(row.home.name if row.home else '—')} · {row.year or ''}",
            "value": row.progress_percent,
            "status": row.status,
        }
        for group in result.groups
        for row in group.rows
    ]
    return render(request, "evaluation/compare.html", {"result": result, "chart_data": chart})
