"""Evidence files attached to reports.

The file's type is read from its first bytes (PDF, PNG, JPEG, Word .docx,
Excel .xlsx), never from the name or the type the browser sends; the file
is stored under ``<data dir>/uploads/evidence/`` with a random name, and
the name the user gave is kept only to show. Files are served back only to
those who may see the report, as downloads.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import unicodedata
import zipfile
from pathlib import Path

from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.config import Settings
from tiendo.domain.actor import Actor
from tiendo.errors import NotFound, ValidationError
from tiendo.reporting import access
from tiendo.reporting import reports as service
from tiendo.store import audit
from tiendo.store.tables import EvidenceRow, ReportRow

#: evidence files larger than this are refused (also capped by TIENDO_MAX_UPLOAD_MB)
MAX_EVIDENCE_MB = 10
MAX_FILES_PER_REPORT = 50
TYPES = {
    "pdf": ("application/pdf", "PDF"),
    "png": ("image/png", "ảnh PNG"),
    "jpg": ("image/jpeg", "ảnh JPEG"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (.docx)",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)"),
}
ALLOWED_TEXT = "PDF, ảnh PNG hoặc JPEG, Word (.docx), Excel (.xlsx)"


def max_bytes(settings: Settings) -> int:
    return min(MAX_EVIDENCE_MB, settings.max_upload_mb) * 1024 * 1024


def detect(data: bytes) -> str | None:
    """The kind of file from its content: pdf, png, jpg, docx, xlsx; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    return None


def display_name(raw: str | None, kind: str) -> str:
    """A safe name to show: no folders, no control characters, the detected extension."""
    name = unicodedata.normalize("NFC", str(raw or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", name).strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{(stem or 'minh-chung')[:150]}.{kind}"


def folder(settings: Settings) -> Path:
    path = settings.ensure_data_dir() / "uploads" / "evidence"
    path.mkdir(parents=True, exist_ok=True)
    return path


def attach(
    session: Session,
    settings: Settings,
    principal: Principal,
    actor: Actor,
    report_id: int,
    filename: str | None,
    data: bytes,
    *,
    task_id: int | None = None,
    expected_revision: int | None = None,
) -> EvidenceRow:
    """Check and store one evidence file for a report the principal is filling in."""
    view = service.load(session, principal, report_id)
    access.require_edit(principal, view.report.agency_id)
    service._require_editable(view)
    service.check_revision(view.report, expected_revision)
    where = "file"
    if not data:
        raise ValidationError("Tệp minh chứng rỗng.", errors=[{"msg": "Tệp rỗng.", "loc": [where]}])
    limit = max_bytes(settings)
    if len(data) > limit:
        message = f"Tệp minh chứng quá lớn ({len(data) / 1024 / 1024:.1f} MB); tối đa {limit // 1024 // 1024} MB."
        raise ValidationError(message, errors=[{"msg": message, "loc": [where]}])
    kind = detect(data)
    if kind is None:
        message = f"Loại tệp không được nhận (chỉ nhận {ALLOWED_TEXT}; tiendo xét nội dung tệp, không xét tên)."
        raise ValidationError(message, errors=[{"msg": message, "loc": [where]}])
    if task_id is not None and task_id not in {t.id for _, t, _ in view.tasks}:
        raise ValidationError(
            "Nhiệm vụ được chọn không thuộc báo cáo này.",
            errors=[{"msg": "Nhiệm vụ không hợp lệ.", "loc": ["task_id"]}],
        )
    if len(view.evidence) >= MAX_FILES_PER_REPORT:
        raise ValidationError(f"Mỗi báo cáo có tối đa {MAX_FILES_PER_REPORT} tệp minh chứng.")
    stored = f"{secrets.token_hex(16)}.{kind}"
    path = folder(settings) / stored
    path.write_bytes(data)
    path.chmod(0o600)
    row = EvidenceRow(
        report_id=view.report.id,
        task_id=task_id,
        stored_name=stored,
        display_name=display_name(filename, kind),
        content_type=TYPES[kind][0],
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=principal.user_id,
    )
    session.add(row)
    session.flush()
    view.report.revision += 1
    audit.record(
        session,
        actor,
        "evidence.add",
        "report",
        view.report.id,
        plan_id=view.plan.id,
        province_code=view.plan.province_code,
        after={
            "evidence_id": row.id,
            "name": row.display_name,
            "type": kind,
            "size": row.size_bytes,
            "sha256": row.sha256,
            "task_id": task_id,
        },
    )
    return row


def remove(
    session: Session,
    principal: Principal,
    actor: Actor,
    evidence_id: int,
    *,
    expected_revision: int | None = None,
) -> EvidenceRow:
    row = session.get(EvidenceRow, evidence_id)
    if row is None or row.deleted:
        raise NotFound("Không có tệp minh chứng này.")
    view = service.load(session, principal, row.report_id)
    access.require_edit(principal, view.report.agency_id)
    service._require_editable(view)
    service.check_revision(view.report, expected_revision)
    # The file stays on disk: the audit log may still point at it.
    row.deleted = True
    view.report.revision += 1
    audit.record(
        session,
        actor,
        "evidence.remove",
        "report",
        view.report.id,
        plan_id=view.plan.id,
        province_code=view.plan.province_code,
        before={"evidence_id": row.id, "name": row.display_name, "sha256": row.sha256},
    )
    return row


def open_for(
    session: Session, settings: Settings, principal: Principal | None, evidence_id: int
) -> tuple[EvidenceRow, Path]:
    """The evidence row and its file, for someone who may see the report."""
    row = session.get(EvidenceRow, evidence_id)
    if row is None or row.deleted:
        raise NotFound("Không có tệp minh chứng này.")
    report = session.get(ReportRow, row.report_id)
    service.load(session, principal, report.id)  # checks the right to see it
    path = folder(settings) / row.stored_name
    if not path.is_file():
        raise NotFound("Tệp minh chứng không còn trên máy chủ.")
    return row, path
