"""Version 1 of the JSON API: one router per resource."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from tiendo.web.api.v1 import (
    agencies,
    evaluation,
    exports,
    feedback,
    indicators,
    opendata,
    periods,
    plans,
    provinces,
    reports,
    review,
    search,
)
from tiendo.web.deps import get_principal
from tiendo.web.security import csrf_protect

router = APIRouter(prefix="/api/v1", dependencies=[Depends(get_principal), Depends(csrf_protect)])
router.include_router(review.router)
router.include_router(plans.router)
router.include_router(search.router)
router.include_router(provinces.router)
router.include_router(feedback.router)
router.include_router(opendata.router)
router.include_router(exports.router)
router.include_router(agencies.router)
router.include_router(periods.router)
router.include_router(reports.router)
router.include_router(evaluation.router)
router.include_router(indicators.router)
