"""Version 1 of the JSON API: one router per resource."""

from __future__ import annotations

from fastapi import APIRouter

from tiendo.web.api.v1 import plans, provinces, search

router = APIRouter(prefix="/api/v1")
router.include_router(plans.router)
router.include_router(search.router)
router.include_router(provinces.router)
