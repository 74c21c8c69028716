"""Page: the interactive API documentation, served from vendored files."""

from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/api/v1/docs")
def api_docs(request: Request):
    return request.app.state.templates.TemplateResponse(request, "apidocs.html", {})
