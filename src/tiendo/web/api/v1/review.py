"""/api/v1: load plans and correct what was read (coordinators; scope plans:write)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, File, Query, Request, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tiendo.accounts import service as accounts
from tiendo.errors import IngestError, PermissionDenied
from tiendo.ingest import review
from tiendo.ingest.service import ingest_file
from tiendo.store import queries
from tiendo.store.readmodels import DutyOut, PlanDetail, TargetOut, TaskOut
from tiendo.web.deps import get_session, visibility_for
from tiendo.web.security import client_ip, require_principal

router = APIRouter(tags=["Rà soát kế hoạch"])

ItemType = Literal["target", "task", "duty"]
PLURAL = {"targets": "target", "tasks": "task", "duties": "duty"}


class IngestResult(BaseModel):
    plan_id: int
    version_no: int
    status: str = Field(description="new, new_version hoặc unchanged")
    targets: int
    tasks: int
    duties: int


class AuditEntry(BaseModel):
    at: dt.datetime
    actor: str
    action: str
    entity_type: str
    entity_id: int | None
    before: dict | None
    after: dict | None


def _reviewer(request: Request) -> review.Reviewer:
    principal = require_principal(request)
    if not principal.has_scope("plans:write"):
        raise PermissionDenied("Mã truy cập không có phạm vi plans:write.")
    return review.Reviewer(principal, accounts.actor_of(principal, client_ip(request)))


def _out(item_type: str, row):
    return {"target": queries.target_out, "task": queries.task_out, "duty": queries.duty_out}[
        item_type
    ](row)


@router.post("/plans", response_model=IngestResult, status_code=201, summary="Nạp một tệp kế hoạch")
async def upload_plan(request: Request, file: UploadFile = File(...)):
    reviewer = _reviewer(request)
    if not (reviewer.principal.is_admin or str(reviewer.principal.role) == "coordinator"):
        raise PermissionDenied("Chỉ cán bộ điều phối được nạp kế hoạch.")
    runtime = request.app.state.runtime
    limit = runtime.settings.max_upload_mb * 1024 * 1024
    name = Path(file.filename or "").name
    if not name:
        raise IngestError("Thiếu tên tệp.")
    with tempfile.TemporaryDirectory(dir=runtime.settings.ensure_data_dir() / "uploads") as folder:
        path = Path(folder) / name
        size = 0
        with path.open("wb") as out:
            while chunk := await file.read(1024 * 1024):
                size += len(chunk)
                if size > limit:
                    raise IngestError(
                        f"Tệp lớn hơn giới hạn {runtime.settings.max_upload_mb} MB.", where=name
                    )
                out.write(chunk)
        try:
            outcome = ingest_file(path, runtime.uow(), actor=reviewer.actor, max_bytes=limit)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return IngestResult(
        plan_id=outcome.plan_id,
        version_no=outcome.version_no,
        status=outcome.status,
        targets=outcome.targets,
        tasks=outcome.tasks,
        duties=outcome.duties,
    )


LABELS = {"target": "chỉ tiêu", "task": "nhiệm vụ", "duty": "chế độ báo cáo"}


def _register_item_routes(collection: str, item_type: str) -> None:
    """Edit, delete (all kinds), merge and split (targets and tasks) under literal paths.

    Literal paths per collection keep these routes from catching other
    resources' paths such as /periods/{id}.
    """
    label = LABELS[item_type]
    out_model = {"target": TargetOut, "task": TaskOut, "duty": DutyOut}[item_type]

    @router.patch(
        f"/{collection}/{{item_id}}",
        response_model=out_model,
        name=f"edit_{item_type}",
        summary=f"Sửa {label}; gửi kèm `revision` để phát hiện sửa đồng thời (409 nếu đã có người sửa)",
    )
    def edit_item(
        item_id: int,
        request: Request,
        data: dict[str, Any] = Body(...),
        session: Session = Depends(get_session),
    ):
        reviewer = _reviewer(request)
        revision = data.pop("revision", None)
        row = review.update_item(
            session,
            reviewer,
            item_type,
            item_id,
            data,
            expected_revision=int(revision) if revision is not None else None,
        )
        session.commit()
        return _out(item_type, row)

    @router.delete(
        f"/{collection}/{{item_id}}",
        status_code=204,
        name=f"delete_{item_type}",
        summary=f"Xóa {label}",
    )
    def delete_item(
        item_id: int,
        request: Request,
        revision: int | None = Query(None),
        session: Session = Depends(get_session),
    ):
        reviewer = _reviewer(request)
        review.delete_item(session, reviewer, item_type, item_id, expected_revision=revision)
        session.commit()

    if item_type == "duty":
        return

    @router.post(
        f"/{collection}/merge",
        response_model=out_model,
        name=f"merge_{item_type}",
        summary=f"Gộp nhiều {label}",
    )
    def merge(
        request: Request,
        ids: list[int] = Body(..., embed=True),
        session: Session = Depends(get_session),
    ):
        reviewer = _reviewer(request)
        row = review.merge_items(session, reviewer, item_type, ids)
        session.commit()
        return _out(item_type, row)

    @router.post(
        f"/{collection}/{{item_id}}/split",
        response_model=out_model,
        status_code=201,
        name=f"split_{item_type}",
        summary=f"Tách một phần thành {label} mới",
    )
    def split(
        item_id: int,
        request: Request,
        new_text: str = Body(..., embed=True),
        revision: int | None = Body(None, embed=True),
        session: Session = Depends(get_session),
    ):
        reviewer = _reviewer(request)
        row = review.split_item(
            session, reviewer, item_type, item_id, new_text, expected_revision=revision
        )
        session.commit()
        return _out(item_type, row)


for _collection, _item_type in PLURAL.items():
    _register_item_routes(_collection, _item_type)


@router.post("/plans/{plan_id}/publish", response_model=PlanDetail, summary="Công bố kế hoạch")
def publish(plan_id: int, request: Request, session: Session = Depends(get_session)):
    reviewer = _reviewer(request)
    review.set_published(session, reviewer, plan_id, True)
    session.commit()
    return queries.plan_detail(session, plan_id, visibility=visibility_for(reviewer.principal))


@router.post(
    "/plans/{plan_id}/unpublish", response_model=PlanDetail, summary="Thôi công bố kế hoạch"
)
def unpublish(plan_id: int, request: Request, session: Session = Depends(get_session)):
    reviewer = _reviewer(request)
    review.set_published(session, reviewer, plan_id, False)
    session.commit()
    return queries.plan_detail(session, plan_id, visibility=visibility_for(reviewer.principal))


@router.post(
    "/plans/{plan_id}/{collection}",
    response_model=TargetOut | TaskOut | DutyOut,
    status_code=201,
    summary="Thêm chỉ tiêu (targets), nhiệm vụ (tasks) hoặc chế độ báo cáo (duties)",
)
def add_item(
    plan_id: int,
    collection: Literal["targets", "tasks", "duties"],
    request: Request,
    data: dict[str, Any] = Body(...),
    session: Session = Depends(get_session),
):
    reviewer = _reviewer(request)
    item_type = PLURAL[collection]
    row = review.add_item(session, reviewer, plan_id, item_type, data)
    session.commit()
    return _out(item_type, row)


@router.get(
    "/plans/{plan_id}/history",
    response_model=list[AuditEntry],
    summary="Lịch sử thay đổi của kế hoạch",
)
def history(plan_id: int, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    plan = queries.plan_detail(session, plan_id, visibility=visibility_for(principal))
    if not principal.sees_drafts_of(plan.province.code if plan.province else None):
        raise PermissionDenied("Chỉ cán bộ điều phối, lãnh đạo của tỉnh được xem lịch sử thay đổi.")
    return [
        AuditEntry(
            at=e.at,
            actor=e.actor_label,
            action=e.action,
            entity_type=e.entity_type,
            entity_id=e.entity_id,
            before=e.before,
            after=e.after,
        )
        for e in review.plan_history(session, plan_id)
    ]
