"""HTML pages: one router per area, rendered with Jinja2."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from tiendo.web.deps import get_principal
from tiendo.web.pages import (
    account,
    admin_users,
    apidocs,
    catalogue,
    compare,
    dashboard,
    plans,
    scorecards,
    search,
    warnings,
)
from tiendo.web.security import csrf_protect

# Every page knows who is asking; every unsafe request must carry a CSRF token.
router = APIRouter(
    include_in_schema=False, dependencies=[Depends(get_principal), Depends(csrf_protect)]
)
router.include_router(account.router)
router.include_router(admin_users.router)
router.include_router(plans.router)
router.include_router(search.router)
router.include_router(apidocs.router)
router.include_router(dashboard.router)
router.include_router(scorecards.router)
router.include_router(warnings.router)
router.include_router(catalogue.router)
router.include_router(compare.router)
