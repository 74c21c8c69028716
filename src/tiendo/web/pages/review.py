"""Pages: a coordinator loads a plan, reviews and corrects what was read, publishes it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.accounts.roles import Principal, Role
from tiendo.domain.plan import UNITS, Comparator, DutyKind, Frequency, TargetKind
from tiendo.domain.units import PROVINCES
from tiendo.errors import PermissionDenied, TiendoError, ValidationError
from tiendo.ingest import review
from tiendo.ingest.service import ingest_file
from tiendo.store import queries
from tiendo.store.tables import PlanRow
from tiendo.web.deps import get_session, visibility_for
from tiendo.web.security import client_ip, require_principal
from tiendo.web.templating import render

router = APIRouter()

ACCEPTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _reviewer(request: Request) -> review.Reviewer:
    principal = require_principal(request)
    return review.Reviewer(principal, accounts.actor_of(principal, client_ip(request)))


def _coordinator(request: Request) -> Principal:
    principal = require_principal(request)
    if not (principal.is_admin or principal.role is Role.COORDINATOR) or not principal.has_scope(
        "plans:write"
    ):
        raise PermissionDenied("Chỉ cán bộ điều phối được nạp và rà soát kế hoạch.")
    return principal


def _review_context(session: Session, request: Request, plan_id: int, **extra) -> dict:
    principal = require_principal(request)
    plan_row = session.get(PlanRow, plan_id)
    if plan_row is not None:
        review.Reviewer(principal, accounts.actor_of(principal)).check(plan_row)
    plan = queries.plan_detail(session, plan_id, visibility=visibility_for(principal))
    revisions = queries.item_revisions(session, plan_id)
    return {
        "plan": plan,
        "plan_row": plan_row,
        "revisions": revisions,
        "kinds": [k.value for k in TargetKind],
        "ops": [c.value for c in Comparator],
        "units": list(UNITS),
        "frequencies": [f.value for f in Frequency],
        "duty_kinds": [k.value for k in DutyKind],
        "provinces": list(PROVINCES.values()),
        "errors": [],
        "task_groups": queries.tasks_by_group(plan.tasks),
        "targets_by_year": queries.targets_by_year(plan.targets),
    } | extra


@router.get("/ke-hoach/tai-len")
def upload_page(request: Request):
    _coordinator(request)
    return render(request, "review/upload.html", {"errors": [], "accepted": ACCEPTED_SUFFIXES})


@router.post("/ke-hoach/tai-len")
async def upload(request: Request, session: Session = Depends(get_session)):
    principal = _coordinator(request)
    form = await request.form()
    upload: UploadFile | None = form.get("file") if hasattr(form.get("file"), "filename") else None
    runtime = request.app.state.runtime
    limit = runtime.settings.max_upload_mb * 1024 * 1024
    name = Path(upload.filename or "").name if upload else ""
    if not upload or not name:
        return render(
            request,
            "review/upload.html",
            {
                "errors": [{"msg": "Hãy chọn tệp kế hoạch để tải lên."}],
                "accepted": ACCEPTED_SUFFIXES,
            },
            status_code=422,
        )
    if not name.lower().endswith(ACCEPTED_SUFFIXES):
        return render(
            request,
            "review/upload.html",
            {
                "errors": [
                    {
                        "msg": f"Tệp “{name}” không thuộc các định dạng nhận được: {', '.join(ACCEPTED_SUFFIXES)}."
                    }
                ],
                "accepted": ACCEPTED_SUFFIXES,
            },
            status_code=422,
        )
    with tempfile.TemporaryDirectory(dir=runtime.settings.ensure_data_dir() / "uploads") as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            copied = 0
            while chunk := await upload.read(1024 * 1024):
                copied += len(chunk)
                if copied > limit:
                    return render(
                        request,
                        "review/upload.html",
                        {
                            "errors": [
                                {
                                    "msg": f"Tệp “{name}” lớn hơn giới hạn {runtime.settings.max_upload_mb} MB."
                                }
                            ],
                            "accepted": ACCEPTED_SUFFIXES,
                        },
                        status_code=413,
                    )
                out.write(chunk)
        try:
            outcome = ingest_file(
                path,
                runtime.uow(),
                actor=accounts.actor_of(principal, client_ip(request)),
                max_bytes=limit,
            )
        except TiendoError as exc:
            return render(
                request,
                "review/upload.html",
                {"errors": [{"msg": str(exc)}], "accepted": ACCEPTED_SUFFIXES},
                status_code=exc.status_code,
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    plan = session.get(PlanRow, outcome.plan_id)
    if plan is not None and not principal.manages_province(plan.province_code):
        # Stored, but in another province: tell the user instead of opening a page they cannot use.
        return render(
            request,
            "review/upload.html",
            {
                "errors": [
                    {
                        "msg": (
                            f"Đã nạp tệp “{name}” nhưng kế hoạch thuộc tỉnh khác ({plan.province_name or 'không rõ'}); "
                            "cán bộ điều phối của tỉnh đó sẽ rà soát."
                        )
                    }
                ],
                "accepted": ACCEPTED_SUFFIXES,
            },
            status_code=403,
        )
    return RedirectResponse(f"/ke-hoach/{outcome.plan_id}/ra-soat?tb=saved", status_code=303)


@router.get("/ke-hoach/{plan_id}/ra-soat")
def review_page(plan_id: int, request: Request, session: Session = Depends(get_session)):
    _coordinator(request)
    return render(request, "review/review.html", _review_context(session, request, plan_id))


def _back(plan_id: int, anchor: str = "", notice: str = "saved") -> RedirectResponse:
    return RedirectResponse(f"/ke-hoach/{plan_id}/ra-soat?tb={notice}{anchor}", status_code=303)


def _revision(form) -> int | None:
    raw = str(form.get("revision") or "")
    return int(raw) if raw.isdigit() else None


async def _handle(request: Request, session: Session, plan_id: int, action, anchor: str = ""):
    try:
        action()
    except (ValidationError, TiendoError) as exc:
        session.rollback()
        errors = (
            exc.errors
            if isinstance(exc, ValidationError) and exc.errors
            else [{"msg": exc.message}]
        )
        status = exc.status_code
        return render(
            request,
            "review/review.html",
            _review_context(session, request, plan_id, errors=errors),
            status_code=status,
        )
    session.commit()
    return _back(plan_id, anchor)


@router.post("/ke-hoach/{plan_id}/ra-soat/thong-tin")
async def edit_meta(plan_id: int, request: Request, session: Session = Depends(get_session)):
    reviewer = _reviewer(request)
    form = dict(await request.form())
    return await _handle(
        request, session, plan_id, lambda: review.update_plan(session, reviewer, plan_id, form)
    )


@router.post("/ke-hoach/{plan_id}/ra-soat/cong-bo")
async def publish(plan_id: int, request: Request, session: Session = Depends(get_session)):
    reviewer = _reviewer(request)
    form = await request.form()
    published = str(form.get("published", "1")) == "1"
    try:
        review.set_published(session, reviewer, plan_id, published)
    except TiendoError:
        session.rollback()
        raise
    session.commit()
    return RedirectResponse(
        f"/ke-hoach/{plan_id}?tb={'published' if published else 'saved'}", status_code=303
    )


@router.post("/ke-hoach/{plan_id}/ra-soat/{item_type}/them")
async def add_item(
    plan_id: int, item_type: str, request: Request, session: Session = Depends(get_session)
):
    reviewer = _reviewer(request)
    if item_type not in review.ITEM_TYPES:
        raise PermissionDenied("Loại mục không hợp lệ.")
    form = await request.form()
    data = {k: (form.getlist(k) if k == "frequency" else v) for k, v in form.items()}
    return await _handle(
        request,
        session,
        plan_id,
        lambda: review.add_item(session, reviewer, plan_id, item_type, data),
    )


@router.post("/ke-hoach/{plan_id}/ra-soat/{item_type}/{item_id}/sua")
async def edit_item(
    plan_id: int,
    item_type: str,
    item_id: int,
    request: Request,
    session: Session = Depends(get_session),
):
    reviewer = _reviewer(request)
    form = await request.form()
    data = {k: (form.getlist(k) if k == "frequency" else v) for k, v in form.items()}
    return await _handle(
        request,
        session,
        plan_id,
        lambda: review.update_item(
            session, reviewer, item_type, item_id, data, expected_revision=_revision(form)
        ),
        f"#{item_type}-{item_id}",
    )


@router.post("/ke-hoach/{plan_id}/ra-soat/{item_type}/{item_id}/xoa")
async def delete_item(
    plan_id: int,
    item_type: str,
    item_id: int,
    request: Request,
    session: Session = Depends(get_session),
):
    reviewer = _reviewer(request)
    form = await request.form()
    return await _handle(
        request,
        session,
        plan_id,
        lambda: review.delete_item(
            session, reviewer, item_type, item_id, expected_revision=_revision(form)
        ),
    )


@router.post("/ke-hoach/{plan_id}/ra-soat/{item_type}/{item_id}/tach")
async def split_item(
    plan_id: int,
    item_type: str,
    item_id: int,
    request: Request,
    session: Session = Depends(get_session),
):
    reviewer = _reviewer(request)
    form = await request.form()
    return await _handle(
        request,
        session,
        plan_id,
        lambda: review.split_item(
            session,
            reviewer,
            item_type,
            item_id,
            str(form.get("new_text") or ""),
            expected_revision=_revision(form),
        ),
    )


@router.post("/ke-hoach/{plan_id}/ra-soat/{item_type}/gop")
async def merge_items(
    plan_id: int, item_type: str, request: Request, session: Session = Depends(get_session)
):
    reviewer = _reviewer(request)
    form = await request.form()
    ids = [int(i) for i in form.getlist("ids") if str(i).isdigit()]
    return await _handle(
        request, session, plan_id, lambda: review.merge_items(session, reviewer, item_type, ids)
    )


@router.get("/ke-hoach/{plan_id}/lich-su")
def history_page(plan_id: int, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    plan = queries.plan_detail(session, plan_id, visibility=visibility_for(principal))
    if not (principal.sees_drafts_of(plan.province.code if plan.province else None)):
        raise PermissionDenied("Chỉ cán bộ điều phối, lãnh đạo của tỉnh được xem lịch sử thay đổi.")
    return render(
        request,
        "review/history.html",
        {"plan": plan, "entries": review.plan_history(session, plan_id)},
    )
