"""Page: early warnings, kind by kind, most urgent first."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from tiendo.evaluate import alerts
from tiendo.evaluate.queries import agency_names, resolve_scope
from tiendo.web.deps import get_session, visibility_for
from tiendo.web.pages._evaluation import FilterParams, config, filter_options, today, viewer
from tiendo.web.templating import render

router = APIRouter(prefix="/danh-gia")

#: Warnings listed per kind on the page; the kind's own list has them all.
PER_KIND = 50


@router.get("/canh-bao")
def warnings_page(
    request: Request, params: FilterParams = Depends(), session: Session = Depends(get_session)
):
    principal = viewer(request)
    filters = params.for_viewer(principal)
    settings = config(request)
    scope = resolve_scope(session, visibility_for(principal), filters, today(request))
    summary = alerts.summary(session, scope, top=0, config=settings)
    sections = []
    for kind in summary.kinds:
        if not kind.count:
            continue
        items = alerts.kind_items(session, scope, kind.kind, limit=PER_KIND, config=settings)
        names = agency_names(session, [w.agency for w, _ in items if isinstance(w.agency, int)])
        sections.append(
            {"kind": kind, "items": [alerts.warning_out(w, link, names) for w, link in items]}
        )
    return render(
        request,
        "evaluation/warnings.html",
        {
            "summary": summary,
            "sections": sections,
            "per_kind": PER_KIND,
            **filter_options(session, filters, scope.plans),
        },
    )
