"""HTML pages: one router per area, rendered with Jinja2."""

from __future__ import annotations

from fastapi import APIRouter

from tiendo.web.pages import apidocs, plans, search

router = APIRouter(include_in_schema=False)
router.include_router(plans.router)
router.include_router(search.router)
router.include_router(apidocs.router)
