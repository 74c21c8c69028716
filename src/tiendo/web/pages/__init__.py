"""HTML pages: one router per area, rendered with Jinja2."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from tiendo.web.deps import get_principal
from tiendo.web.pages import (
    account,
    admin_users,
    agencies,
    apidocs,
    audit,
    catalogue,
    compare,
    dashboard,
    exports,
    feedback,
    notifications,
    opendata,
    plans,
    portal,
    reporting,
    reporting_admin,
    reporting_setup,
    review,
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
router.include_router(review.router)
router.include_router(plans.router)
router.include_router(search.router)
router.include_router(apidocs.router)
router.include_router(portal.router)
router.include_router(feedback.router)
router.include_router(exports.router)
router.include_router(opendata.router)
router.include_router(reporting.router)
router.include_router(reporting_setup.router)
router.include_router(agencies.router)
router.include_router(notifications.router)
router.include_router(reporting_admin.router)
router.include_router(audit.router)
router.include_router(dashboard.router)
router.include_router(scorecards.router)
router.include_router(warnings.router)
router.include_router(catalogue.router)
router.include_router(compare.router)

#: the public feedback form's POST: its body size is checked before the CSRF check reads it
submit_router = feedback.submit_router
