"""Public portal pages: the provinces and each province's published plans.

A plan itself is shown by the plan page (``/ke-hoach/{id}``), which shows
the public only published plans.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tiendo.clock import today_in_vietnam
from tiendo.evaluate.dashboard import dashboard
from tiendo.evaluate.queries import Filters, has_reported_facts
from tiendo.evaluate.ranking import ranking
from tiendo.publish import portal
from tiendo.store.queries import Visibility
from tiendo.web.deps import get_session
from tiendo.web.templating import render

router = APIRouter()


@router.get("/tinh-thanh")
def provinces_page(request: Request, session: Session = Depends(get_session)):
    entries = portal.province_directory(session)
    return render(
        request,
        "portal/provinces.html",
        {
            "with_plans": [e for e in entries if e.plans],
            "without_plans": [e for e in entries if not e.plans],
        },
    )


@router.get("/tinh-thanh/{code}")
def province_page(code: str, request: Request, session: Session = Depends(get_session)):
    try:
        page = portal.province_page(session, code)
    except portal.ProvinceMoved as moved:
        return RedirectResponse(f"/tinh-thanh/{moved.successor}", status_code=301)
    # Statuses of the published plans only: the public sees what was approved and published.
    evaluation = scorecard = None
    if page.plans and has_reported_facts(session, [p.id for p in page.plans]):
        day = today_in_vietnam()
        board = dashboard(session, Visibility.public(), Filters(province=page.province.code), day)
        if board.targets.total or board.tasks.total:
            evaluation = board
            # The province's place among all provinces, on published plans only.
            table = ranking(session, Visibility.public(), Filters(), day, by="province", limit=500)
            card = next((c for c in table.items if c.key == page.province.code), None)
            if card is not None:
                scorecard = {"card": card, "total": table.total, "weights": table.weights}
    return render(
        request,
        "portal/province.html",
        {"page": page, "evaluation": evaluation, "scorecard": scorecard},
    )
