"""The web application: JSON API under /api/v1 and Vietnamese pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from tiendo.accounts.service import AddressThrottle
from tiendo.config import Settings
from tiendo.runtime import Runtime, build_runtime
from tiendo.web.api.v1 import router as api_v1
from tiendo.web.errors import install_error_handlers
from tiendo.web.pages import router as pages
from tiendo.web.pages import submit_router as public_forms
from tiendo.web.reminder_task import lifespan as reminder_lifespan
from tiendo.web.security import persist_anon_cookie
from tiendo.web.templating import make_templates

STATIC = Path(__file__).parent / "static"

API_DESCRIPTION = """
API của tiendo: các kế hoạch, chương trình hành động thực hiện Nghị quyết 57-NQ/TW,
chỉ tiêu, nhiệm vụ, chế độ báo cáo, tìm kiếm; đánh giá tiến độ, bảng điểm, cảnh báo sớm
và so sánh các tỉnh theo chỉ tiêu quốc gia.

* Mọi phản hồi là JSON, mã UTF-8, chữ tiếng Việt ở dạng NFC.
* Danh sách có phân trang bằng `limit` và `offset`; trường `total` cho biết tổng số.
* Lỗi có dạng `{"ok": false, "message": "...", "errors": [{"msg": "...", "loc": [...]}]}`.
* Ngày theo ISO 8601 (`2025-03-31`); hạn nhiệm vụ theo năm ghi là `"2028"`.
"""

# Everything the pages need is served from this origin: no external resource.
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> FastAPI:
    runtime = runtime or build_runtime(settings)
    app = FastAPI(
        title="tiendo API",
        version="1",
        description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=reminder_lifespan,
    )
    app.state.runtime = runtime
    app.state.templates = make_templates()
    app.state.login_throttle = AddressThrottle()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_v1)
    app.include_router(public_forms)
    app.include_router(pages)
    install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if getattr(request.state, "principal", None) is not None:
            # Pages of a signed-in user must not be kept by shared caches.
            response.headers.setdefault("cache-control", "private, no-store")
        persist_anon_cookie(request, response)
        return response

    return app
