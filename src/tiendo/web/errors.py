"""One error shape: JSON under /api, an error page elsewhere."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tiendo.errors import TiendoError, ValidationError

log = logging.getLogger("tiendo.web")

HTTP_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần đăng nhập.",
    403: "Bạn không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy trang hoặc dữ liệu yêu cầu.",
    405: "Phương thức không được hỗ trợ.",
    409: "Dữ liệu đã bị người khác thay đổi; hãy tải lại trang.",
    413: "Tệp hoặc yêu cầu quá lớn.",
    422: "Dữ liệu không hợp lệ.",
    429: "Bạn thao tác quá nhanh; hãy thử lại sau ít phút.",
    500: "Đã xảy ra lỗi hệ thống; dữ liệu của bạn không bị thay đổi. Hãy thử lại hoặc báo quản trị viên.",
}


def error_body(message: str, errors: list[dict] | None = None) -> dict:
    return {"ok": False, "message": message, "errors": errors or [{"msg": message, "loc": []}]}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def _render(request: Request, status: int, message: str, errors: list[dict] | None = None):
    if _wants_json(request):
        return JSONResponse(error_body(message, errors), status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message, "errors": errors or []},
        status_code=status,
    )


def _field_label(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form")]
    return ".".join(parts)


VALIDATION_MESSAGES = {
    "missing": "bắt buộc phải có",
    "int_parsing": "phải là số nguyên",
    "float_parsing": "phải là số",
    "string_too_long": "quá dài",
    "string_too_short": "quá ngắn",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "date_from_datetime_parsing": "phải là ngày hợp lệ",
    "date_parsing": "phải là ngày hợp lệ",
    "enum": "không thuộc các giá trị cho phép",
    "literal_error": "không thuộc các giá trị cho phép",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TiendoError)
    async def tiendo_error(request: Request, exc: TiendoError):
        if exc.status_code == 401 and not _wants_json(request) and request.method == "GET":
            # A page that needs an account: sign in first, then come back here.
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/dang-nhap?next={quote(target)}", status_code=303)
        errors = exc.errors if isinstance(exc, ValidationError) else None
        if not errors:
            errors = [{"msg": exc.message, "loc": [exc.where] if exc.where else []}]
        return _render(request, exc.status_code, str(exc), errors)

    @app.exception_handler(RequestValidationError)
    async def request_validation(request: Request, exc: RequestValidationError):
        errors = []
        for e in exc.errors():
            field = _field_label(e.get("loc", []))
            text = VALIDATION_MESSAGES.get(e.get("type", ""), "không hợp lệ")
            errors.append({"msg": f"Trường “{field}” {text}.", "loc": list(e.get("loc", []))})
        return _render(request, 422, HTTP_MESSAGES[422], errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = (
            exc.detail if isinstance(exc.detail, str) and exc.detail not in ("Not Found",) else None
        )
        return _render(
            request, exc.status_code, message or HTTP_MESSAGES.get(exc.status_code, "Lỗi.")
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return _render(request, 500, HTTP_MESSAGES[500])
