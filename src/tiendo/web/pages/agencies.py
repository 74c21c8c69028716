"""Pages: the agencies of a province — list, add, edit, import from CSV or Excel."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal, Role
from tiendo.accounts.service import actor_of
from tiendo.domain.units import PROVINCES
from tiendo.errors import PermissionDenied, ValidationError
from tiendo.reporting import agencies
from tiendo.web.deps import get_session
from tiendo.web.security import client_ip, require_principal
from tiendo.web.templating import render

router = APIRouter(prefix="/co-quan")
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _manager(request: Request) -> Principal:
    principal = require_principal(request)
    if not (principal.is_admin or principal.role is Role.COORDINATOR):
        raise PermissionDenied(
            "Chỉ quản trị viên hoặc cán bộ điều phối được quản lý danh sách cơ quan."
        )
    return principal


def _context(session: Session, principal: Principal, **extra) -> dict:
    provinces = [u for u in PROVINCES.values() if principal.covers_province(u.code)]
    scope = None if principal.is_admin else principal.provinces
    return {
        "agencies": agencies.list_for(session, scope, include_inactive=True),
        "kinds": agencies.KINDS,
        "provinces": provinces,
        "province_names": {u.code: u.name for u in PROVINCES.values()},
        "errors": [],
        "form": {},
        "default_province": principal.province_code or "",
    } | extra


@router.get("")
def agency_list(request: Request, session: Session = Depends(get_session)):
    principal = _manager(request)
    return render(request, "reporting/agencies.html", _context(session, principal))


@router.post("")
def create_agency(
    request: Request,
    province_code: str = Form(""),
    name: str = Form("", max_length=1000),
    short_name: str = Form("", max_length=500),
    kind: str = Form("", max_length=100),
    aliases: str = Form("", max_length=6000),
    session: Session = Depends(get_session),
):
    principal = _manager(request)
    data = {"name": name, "short_name": short_name, "kind": kind, "aliases": aliases}
    try:
        agencies.create(
            session, principal, actor_of(principal, client_ip(request)), province_code, data
        )
    except ValidationError as exc:
        session.rollback()
        return render(
            request,
            "reporting/agencies.html",
            _context(
                session, principal, errors=exc.errors, form=data | {"province_code": province_code}
            ),
            status_code=422,
        )
    session.commit()
    return RedirectResponse("/co-quan?tb=agency_saved", status_code=303)


@router.get("/{agency_id}")
def agency_page(agency_id: int, request: Request, session: Session = Depends(get_session)):
    principal = _manager(request)
    row = agencies.get(session, agency_id)
    if not principal.covers_province(row.province_code):
        raise PermissionDenied("Cơ quan này không thuộc tỉnh của bạn.")
    return render(
        request,
        "reporting/agency.html",
        {"agency": row, "kinds": agencies.KINDS, "errors": [], "form": None},
    )


@router.post("/{agency_id}/sua")
def update_agency(
    agency_id: int,
    request: Request,
    name: str = Form("", max_length=1000),
    short_name: str = Form("", max_length=500),
    kind: str = Form("", max_length=100),
    aliases: str = Form("", max_length=6000),
    active: str = Form(""),
    session: Session = Depends(get_session),
):
    principal = _manager(request)
    data = {
        "name": name,
        "short_name": short_name,
        "kind": kind,
        "aliases": aliases,
        "active": active or "0",
    }
    try:
        agencies.update(
            session, principal, actor_of(principal, client_ip(request)), agency_id, data
        )
    except ValidationError as exc:
        session.rollback()
        return render(
            request,
            "reporting/agency.html",
            {
                "agency": agencies.get(session, agency_id),
                "kinds": agencies.KINDS,
                "errors": exc.errors,
                "form": data,
            },
            status_code=422,
        )
    session.commit()
    return RedirectResponse("/co-quan?tb=agency_saved", status_code=303)


@router.post("/nhap")
async def import_agencies(
    request: Request,
    province_code: str = Form(""),
    file: UploadFile | None = File(None),
    session: Session = Depends(get_session),
):
    principal = _manager(request)
    data = await file.read(MAX_IMPORT_BYTES + 1) if file is not None else b""
    try:
        if len(data) > MAX_IMPORT_BYTES:
            raise ValidationError("Tệp quá lớn (tối đa 2 MB).")
        rows = agencies.read_file(file.filename if file else "", data)
        result = agencies.import_rows(
            session, principal, actor_of(principal, client_ip(request)), province_code, rows
        )
    except ValidationError as exc:
        session.rollback()
        errors = exc.errors or [{"msg": exc.message, "loc": ["file"]}]
        return render(
            request,
            "reporting/agencies.html",
            _context(session, principal, errors=errors, import_failed=True),
            status_code=422,
        )
    session.commit()
    return RedirectResponse(
        f"/co-quan?tb=agencies_imported&tao={result['created']}&sua={result['updated']}",
        status_code=303,
    )


@router.get("/mau/tep-mau.csv")
def sample_csv(request: Request, _: str = Query("")):
    from fastapi.responses import Response

    _manager(request)
    body = (
        "\ufeffTên,Tên viết tắt,Loại,Tên khác\n"
        "Sở Khoa học và Công nghệ,Sở KH&CN,Sở,Sở KHCN\n"
        "Văn phòng UBND tỉnh,VP UBND,Ban,\n"
        "UBND phường Trần Phú,,UBND xã phường,\n"
    )
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="co-quan-mau.csv"'},
    )
