"""Pages: the agencies' reports — list, fill in, submit, review, evidence."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.accounts.service import actor_of
from tiendo.errors import ValidationError
from tiendo.reporting import evidence, reports
from tiendo.reporting.fields import int_id
from tiendo.store.tables import PeriodRow
from tiendo.web.deps import get_session
from tiendo.web.security import client_ip, require_principal
from tiendo.web.templating import render

router = APIRouter()

_FIELD = re.compile(r"^(t|v)-(\d{1,11})-([a-z_]+)$")


def parse_report_form(form) -> tuple[dict, dict]:
    """Form fields "t-<task id>-<field>" and "v-<target id>-<field>" as two dicts of entries."""
    tasks: dict[int, dict] = {}
    values: dict[int, dict] = {}
    for key, value in form.multi_items():
        m = _FIELD.match(key)
        if not m or not isinstance(value, str):
            continue
        kind, item_id, name = m.group(1), int(m.group(2)), m.group(3)
        (tasks if kind == "t" else values).setdefault(item_id, {})[name] = value
    return tasks, values


def field_errors(errors: list[dict]) -> dict[str, list[str]]:
    """Messages keyed by the form field they belong to (t-12-status, v-3-value, file)."""
    out: dict[str, list[str]] = {}
    for e in errors:
        loc = e.get("loc") or []
        if len(loc) == 3 and loc[0] in ("tasks", "targets"):
            key = f"{'t' if loc[0] == 'tasks' else 'v'}-{loc[1]}-{loc[2]}"
        else:
            key = str(loc[-1]) if loc else ""
        out.setdefault(key, []).append(e["msg"])
    return out


def _actor(request: Request, principal: Principal):
    return actor_of(principal, client_ip(request))


def _revision(raw) -> int | None:
    return int_id(raw)


def _report_page(
    request,
    session,
    principal,
    report_id,
    *,
    errors=None,
    form=None,
    warnings=None,
    status_code=200,
):
    view = reports.load(session, principal, report_id)
    can_edit = view.editable and principal.reports_for(view.agency.id)
    can_review = principal.manages_province(view.plan.province_code)
    stored_warnings = {t.id: v.warning for _, t, v in view.targets if v and v.warning}
    return render(
        request,
        "reporting/report.html",
        {
            "view": view,
            "can_edit": can_edit,
            "can_review": can_review,
            "errors": errors or [],
            "field_errors": field_errors(errors or []),
            "form": form,
            "warnings": warnings if warnings is not None else stored_warnings,
            "max_mb": evidence.max_bytes(request.app.state.runtime.settings) // 1024 // 1024,
            "allowed_types": evidence.ALLOWED_TEXT,
        },
        status_code=status_code,
    )


@router.get("/bao-cao")
def report_list(
    request: Request,
    plan: int | None = Query(None),
    period: int | None = Query(None),
    status: str = Query("", max_length=20),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    rows = reports.expected_reports(session, principal, plan_id=plan, period_id=period)
    if status:
        rows = [r for r in rows if r.status == status]
    plans = sorted(
        {
            (r.plan.id, r.plan.number or f"Kế hoạch {r.plan.id}", r.plan.province_name or "")
            for r in reports.expected_reports(session, principal)
        }
    )
    return render(
        request,
        "reporting/list.html",
        {
            "rows": rows[:500],
            "total": len(rows),
            "plans": plans,
            "plan_id": plan,
            "status": status,
            "statuses": {**reports.STATUS_LABELS, "missing": "Chưa lập"},
        },
    )


@router.post("/bao-cao/mo")
def open_report(
    request: Request,
    period_id: int = Form(...),
    agency_id: int = Form(...),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    row = reports.open_report(session, principal, _actor(request, principal), period_id, agency_id)
    session.commit()
    return RedirectResponse(f"/bao-cao/{row.id}", status_code=303)


@router.get("/bao-cao/{report_id}")
def report_page(report_id: int, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    return _report_page(request, session, principal, report_id)


@router.post("/bao-cao/{report_id}/luu")
async def save_report(report_id: int, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    form = await request.form()
    tasks, values = parse_report_form(form)
    revision = _revision(form.get("revision"))
    action = form.get("action", "save")
    actor = _actor(request, principal)
    try:
        checked = reports.save(
            session,
            principal,
            actor,
            report_id,
            tasks=tasks,
            values=values,
            expected_revision=revision,
        )
        if action == "submit":
            reports.submit(
                session,
                principal,
                actor,
                report_id,
                expected_revision=revision + 1 if revision else None,
            )
    except ValidationError as exc:
        session.rollback()
        return _report_page(
            request,
            session,
            principal,
            report_id,
            errors=exc.errors,
            form=dict(form),
            status_code=422,
        )
    session.commit()
    if action != "submit" and checked.warnings:
        return _report_page(request, session, principal, report_id, warnings=checked.warnings)
    notice = "report_submitted" if action == "submit" else "report_saved"
    return RedirectResponse(f"/bao-cao/{report_id}?tb={notice}", status_code=303)


@router.post("/bao-cao/{report_id}/nop")
def submit_report(
    report_id: int,
    request: Request,
    revision: str = Form(""),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    try:
        reports.submit(
            session,
            principal,
            _actor(request, principal),
            report_id,
            expected_revision=_revision(revision),
        )
    except ValidationError as exc:
        session.rollback()
        return _report_page(
            request, session, principal, report_id, errors=exc.errors, status_code=422
        )
    session.commit()
    return RedirectResponse(f"/bao-cao/{report_id}?tb=report_submitted", status_code=303)


def _review_action(action):
    def handler(
        report_id: int,
        request: Request,
        revision: str = Form(""),
        comment: str = Form("", max_length=4000),
        session: Session = Depends(get_session),
    ):
        principal = require_principal(request)
        func, notice = {
            "approve": (reports.approve, "report_approved"),
            "return": (reports.return_report, "report_returned"),
            "reopen": (reports.reopen, "report_reopened"),
        }[action]
        try:
            func(
                session,
                principal,
                _actor(request, principal),
                report_id,
                expected_revision=_revision(revision),
                comment=comment,
            )
        except ValidationError as exc:
            session.rollback()
            return _report_page(
                request, session, principal, report_id, errors=exc.errors, status_code=422
            )
        session.commit()
        return RedirectResponse(f"/bao-cao/{report_id}?tb={notice}", status_code=303)

    return handler


router.add_api_route("/bao-cao/{report_id}/duyet", _review_action("approve"), methods=["POST"])
router.add_api_route("/bao-cao/{report_id}/tra-lai", _review_action("return"), methods=["POST"])
router.add_api_route("/bao-cao/{report_id}/mo-lai", _review_action("reopen"), methods=["POST"])


@router.post("/bao-cao/{report_id}/minh-chung")
async def add_evidence(
    report_id: int,
    request: Request,
    file: UploadFile | None = File(None),
    task_id: str = Form(""),
    revision: str = Form(""),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    settings = request.app.state.runtime.settings
    limit = evidence.max_bytes(settings)
    data = await file.read(limit + 1) if file is not None else b""
    try:
        evidence.attach(
            session,
            settings,
            principal,
            _actor(request, principal),
            report_id,
            file.filename if file else None,
            data,
            task_id=int_id(task_id),
            expected_revision=_revision(revision),
        )
    except ValidationError as exc:
        session.rollback()
        return _report_page(
            request, session, principal, report_id, errors=exc.errors, status_code=422
        )
    session.commit()
    return RedirectResponse(f"/bao-cao/{report_id}?tb=evidence_added#minh-chung", status_code=303)


@router.post("/bao-cao/{report_id}/minh-chung/{evidence_id}/xoa")
def remove_evidence(
    report_id: int,
    evidence_id: int,
    request: Request,
    revision: str = Form(""),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    evidence.remove(
        session,
        principal,
        _actor(request, principal),
        evidence_id,
        expected_revision=_revision(revision),
    )
    session.commit()
    return RedirectResponse(f"/bao-cao/{report_id}?tb=evidence_removed#minh-chung", status_code=303)


@router.get("/minh-chung/{evidence_id}")
def download_evidence(evidence_id: int, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    row, path = evidence.open_for(
        session, request.app.state.runtime.settings, principal, evidence_id
    )
    return FileResponse(
        path,
        media_type=row.content_type,
        filename=row.display_name,
        content_disposition_type="attachment",
    )


def period_of(session: Session, period_id: int) -> PeriodRow | None:
    return session.get(PeriodRow, period_id)


@router.get("/bao-cao/{report_id}/excel")
def excel_template(report_id: int, request: Request, session: Session = Depends(get_session)):
    from fastapi.responses import Response

    from tiendo.reporting import excel

    principal = require_principal(request)
    name, data = excel.template(session, principal, report_id)
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.post("/bao-cao/{report_id}/excel")
async def excel_upload(
    report_id: int,
    request: Request,
    file: UploadFile | None = File(None),
    revision: str = Form(""),
    session: Session = Depends(get_session),
):
    from tiendo.reporting import excel

    principal = require_principal(request)
    data = await file.read(excel.MAX_BYTES + 1) if file is not None else b""
    try:
        checked = excel.import_file(
            session,
            principal,
            _actor(request, principal),
            report_id,
            data,
            expected_revision=_revision(revision),
        )
    except ValidationError as exc:
        session.rollback()
        return _report_page(
            request, session, principal, report_id, errors=exc.errors, status_code=422
        )
    session.commit()
    if checked.warnings:
        return _report_page(request, session, principal, report_id, warnings=checked.warnings)
    return RedirectResponse(f"/bao-cao/{report_id}?tb=excel_imported", status_code=303)
