"""Page: scorecards and the ranking of agencies or provinces, with the published weights."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from tiendo.evaluate.queries import resolve_scope
from tiendo.evaluate.ranking import ranking
from tiendo.publish.feedback import response_times
from tiendo.web.deps import get_session, visibility_for
from tiendo.web.pages._evaluation import (
    FilterParams,
    config,
    filter_options,
    page_args,
    today,
    viewer,
)
from tiendo.web.templating import render

router = APIRouter(prefix="/danh-gia")


@router.get("/xep-hang")
def ranking_page(
    request: Request,
    params: FilterParams = Depends(),
    by: str = Query("agency", pattern="^(agency|province)$"),
    page: int = Query(1, ge=1, le=10_000),
    session: Session = Depends(get_session),
):
    principal = viewer(request)
    filters = params.for_viewer(principal)
    day = today(request)
    settings = config(request)
    limit, offset = page_args(page)
    result = ranking(
        session, visibility_for(principal), filters, day, by, settings, limit=limit, offset=offset
    )
    scope = resolve_scope(session, visibility_for(principal), filters, day)
    # Provinces are also judged on how fast they answer citizens' feedback (last 12 months).
    feedback = {}
    if by == "province" and result.items:
        rows = response_times(
            session,
            province_codes=frozenset(c.key for c in result.items),
            start=day - dt.timedelta(days=365),
            end=day,
        )
        feedback = {r.province_code: r for r in rows}
    return render(
        request,
        "evaluation/ranking.html",
        {
            "ranking": result,
            "feedback": feedback,
            "by": by,
            "config": settings,
            "page": page,
            "pages": max(1, -(-result.total // limit)),
            "query": filters.params(by=by),
            **filter_options(session, filters, scope.plans),
        },
    )
