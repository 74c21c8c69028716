"""Pages: a plan's assignment (lead agency proposals, tasks, targets) and its
reporting periods (generate, add ad-hoc, move a due date)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.accounts.service import actor_of
from tiendo.errors import NotFound, ValidationError
from tiendo.reporting import access, assignment, periods
from tiendo.reporting.fields import int_id
from tiendo.reporting.reports import agencies_in_plan
from tiendo.store.tables import DutyRow, PlanRow, ReportRow, TargetRow, TaskCoAgencyRow, TaskRow
from tiendo.web.deps import get_session
from tiendo.web.security import client_ip, require_principal
from tiendo.web.templating import render

router = APIRouter(prefix="/ke-hoach/{plan_id}")


def _plan(session: Session, request: Request, plan_id: int):
    principal = require_principal(request)
    plan = session.get(PlanRow, plan_id)
    if plan is None:
        raise NotFound(f"Không có kế hoạch số {plan_id}.")
    access.require_review(principal, plan.province_code)
    return principal, plan


def _assignment_context(session: Session, principal, plan: PlanRow, **extra) -> dict:
    _, agencies, proposals = assignment.proposals(session, principal, plan.id)
    live = (TaskRow.plan_id == plan.id, TaskRow.active.is_(True), TaskRow.deleted.is_(False))
    tasks = list(
        session.scalars(select(TaskRow).where(*live).order_by(TaskRow.position, TaskRow.id))
    )
    co: dict[int, list[int]] = {}
    for row in session.scalars(
        select(TaskCoAgencyRow).where(TaskCoAgencyRow.task_id.in_([t.id for t in tasks]))
    ):
        co.setdefault(row.task_id, []).append(row.agency_id)
    targets = list(
        session.scalars(
            select(TargetRow)
            .where(
                TargetRow.plan_id == plan.id,
                TargetRow.active.is_(True),
                TargetRow.deleted.is_(False),
            )
            .order_by(TargetRow.year, TargetRow.position, TargetRow.id)
        )
    )
    return {
        "plan": plan,
        "agencies": agencies,
        "agency_names": {a.id: a.name for a in agencies},
        "proposals": proposals,
        "tasks": tasks,
        "co": co,
        "targets": targets,
        "directions": assignment.DIRECTIONS,
        "errors": [],
        "error_item": None,
    } | extra


@router.get("/phan-cong")
def assignment_page(plan_id: int, request: Request, session: Session = Depends(get_session)):
    principal, plan = _plan(session, request, plan_id)
    return render(
        request, "reporting/assignment.html", _assignment_context(session, principal, plan)
    )


def _fail(request, session, principal, plan, exc: ValidationError, item: str):
    session.rollback()
    return render(
        request,
        "reporting/assignment.html",
        _assignment_context(session, principal, plan, errors=exc.errors, error_item=item),
        status_code=422,
    )


@router.post("/phan-cong/de-xuat/{task_id}")
def decide(
    plan_id: int,
    task_id: int,
    request: Request,
    choice: str = Form(""),
    revision: str = Form(""),
    session: Session = Depends(get_session),
):
    principal, plan = _plan(session, request, plan_id)
    try:
        assignment.decide_lead(
            session,
            principal,
            actor_of(principal, client_ip(request)),
            task_id,
            choice,
            expected_revision=int_id(revision),
        )
    except ValidationError as exc:
        return _fail(request, session, principal, plan, exc, f"p-{task_id}")
    session.commit()
    return RedirectResponse(
        f"/ke-hoach/{plan_id}/phan-cong?tb=assigned#p-{task_id}", status_code=303
    )


@router.post("/phan-cong/nhiem-vu/{task_id}")
async def assign_task(
    plan_id: int, task_id: int, request: Request, session: Session = Depends(get_session)
):
    principal, plan = _plan(session, request, plan_id)
    form = await request.form()
    data = {
        "lead_agency_id": form.get("lead_agency_id", ""),
        "co_agency_ids": form.getlist("co_agency_ids"),
        "deadline": form.get("deadline", ""),
        "continuing": form.get("continuing", ""),
    }
    try:
        assignment.assign_task(
            session,
            principal,
            actor_of(principal, client_ip(request)),
            task_id,
            data,
            expected_revision=int_id(form.get("revision")),
        )
    except ValidationError as exc:
        return _fail(request, session, principal, plan, exc, f"k-{task_id}")
    session.commit()
    return RedirectResponse(
        f"/ke-hoach/{plan_id}/phan-cong?tb=assigned#k-{task_id}", status_code=303
    )


@router.post("/phan-cong/chi-tieu/{target_id}")
async def assign_target(
    plan_id: int, target_id: int, request: Request, session: Session = Depends(get_session)
):
    principal, plan = _plan(session, request, plan_id)
    form = await request.form()
    data = {
        k: form.get(k, "")
        for k in (
            "responsible_agency_id",
            "baseline_value",
            "baseline_date",
            "direction",
            "data_source",
        )
    }
    try:
        assignment.assign_target(
            session,
            principal,
            actor_of(principal, client_ip(request)),
            target_id,
            data,
            expected_revision=int_id(form.get("revision")),
        )
    except ValidationError as exc:
        return _fail(request, session, principal, plan, exc, f"c-{target_id}")
    session.commit()
    return RedirectResponse(
        f"/ke-hoach/{plan_id}/phan-cong?tb=assigned#c-{target_id}", status_code=303
    )


def _periods_context(session: Session, plan: PlanRow, **extra) -> dict:
    rows = periods.list_for_plan(session, plan.id)
    counts: dict[int, dict[str, int]] = {}
    for period_id, status in session.execute(
        select(ReportRow.period_id, ReportRow.status).where(
            ReportRow.period_id.in_([p.id for p in rows])
        )
    ):
        counts.setdefault(period_id, {}).setdefault(status, 0)
        counts[period_id][status] += 1
    from tiendo.reporting.reports import STATUS_LABELS

    duties = list(session.scalars(select(DutyRow).where(DutyRow.plan_id == plan.id)))
    frequency, rule, origin = periods.schedule(duties)
    return {
        "plan": plan,
        "periods": rows,
        "counts": counts,
        "expected": len(agencies_in_plan(session, plan.id)),
        "status_labels": STATUS_LABELS,
        "frequency": frequency.value,
        "rule": rule,
        "origin": origin,
        "errors": [],
        "form": {},
    } | extra


@router.get("/ky-bao-cao")
def periods_page(plan_id: int, request: Request, session: Session = Depends(get_session)):
    _, plan = _plan(session, request, plan_id)
    return render(request, "reporting/periods.html", _periods_context(session, plan))


@router.post("/ky-bao-cao/tao")
def generate(
    plan_id: int,
    request: Request,
    until_year: str = Form(""),
    session: Session = Depends(get_session),
):
    principal, plan = _plan(session, request, plan_id)
    year = (
        int(until_year) if until_year.strip().isdigit() and len(until_year.strip()) == 4 else None
    )
    if until_year.strip() and year is None:
        return render(
            request,
            "reporting/periods.html",
            _periods_context(
                session,
                plan,
                errors=[{"msg": "“Đến năm” phải là năm có 4 chữ số.", "loc": ["until_year"]}],
            ),
            status_code=422,
        )
    try:
        periods.generate(
            session, principal, actor_of(principal, client_ip(request)), plan.id, until_year=year
        )
    except ValidationError as exc:
        session.rollback()
        return render(
            request,
            "reporting/periods.html",
            _periods_context(session, plan, errors=exc.errors),
            status_code=422,
        )
    session.commit()
    return RedirectResponse(f"/ke-hoach/{plan_id}/ky-bao-cao?tb=periods_generated", status_code=303)


@router.post("/ky-bao-cao/dot-xuat")
def add_adhoc(
    plan_id: int,
    request: Request,
    label: str = Form("", max_length=1000),
    start: str = Form("", max_length=40),
    end: str = Form("", max_length=40),
    due: str = Form("", max_length=40),
    session: Session = Depends(get_session),
):
    principal, plan = _plan(session, request, plan_id)
    data = {"label": label, "start": start, "end": end, "due": due}
    try:
        periods.add_adhoc(
            session, principal, actor_of(principal, client_ip(request)), plan.id, data
        )
    except ValidationError as exc:
        session.rollback()
        return render(
            request,
            "reporting/periods.html",
            _periods_context(session, plan, errors=exc.errors, form=data),
            status_code=422,
        )
    session.commit()
    return RedirectResponse(f"/ke-hoach/{plan_id}/ky-bao-cao?tb=period_added", status_code=303)


@router.post("/ky-bao-cao/{period_id}/han")
def move_due(
    plan_id: int,
    period_id: int,
    request: Request,
    due: str = Form("", max_length=40),
    reason: str = Form("", max_length=1000),
    revision: str = Form(""),
    session: Session = Depends(get_session),
):
    principal, plan = _plan(session, request, plan_id)
    row = periods.get(session, period_id)
    if row.plan_id != plan.id:
        raise NotFound("Kỳ báo cáo không thuộc kế hoạch này.")
    try:
        periods.move_due(
            session,
            principal,
            actor_of(principal, client_ip(request)),
            period_id,
            {"due": due, "reason": reason},
            expected_revision=int_id(revision),
        )
    except ValidationError as exc:
        session.rollback()
        return render(
            request,
            "reporting/periods.html",
            _periods_context(session, plan, errors=exc.errors),
            status_code=422,
        )
    session.commit()
    return RedirectResponse(f"/ke-hoach/{plan_id}/ky-bao-cao?tb=due_moved", status_code=303)
