"""/api/v1/reports: agencies' reports — open, fill in, submit, approve, return, reopen."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from tiendo.accounts.service import actor_of
from tiendo.reporting import reports
from tiendo.web.api.v1.reporting_models import (
    ActionIn,
    EvidenceOut,
    OpenIn,
    ReportDetail,
    ReportList,
    ReportSummary,
    TargetEntryOut,
    TaskEntryOut,
    ValuesIn,
)
from tiendo.web.deps import get_session
from tiendo.web.security import client_ip, require_principal

router = APIRouter(prefix="/reports", tags=["Báo cáo"])


def _summary(r: reports.ExpectedReport) -> ReportSummary:
    rep = r.report
    return ReportSummary(
        id=rep.id if rep else None,
        period_id=r.period.id,
        period_label=r.period.label,
        due=r.period.due,
        plan_id=r.plan.id,
        agency_id=r.agency.id,
        agency_name=r.agency.name,
        status=r.status,
        status_label=r.status_label,
        revision=rep.revision if rep else None,
        first_submitted_at=rep.first_submitted_at if rep else None,
        submitted_at=rep.submitted_at if rep else None,
        approved_at=rep.approved_at if rep else None,
    )


def _detail(view: reports.ReportView, warnings: dict | None = None) -> ReportDetail:
    rep = view.report
    return ReportDetail(
        id=rep.id,
        period_id=view.period.id,
        period_label=view.period.label,
        due=view.period.due,
        plan_id=view.plan.id,
        agency_id=view.agency.id,
        agency_name=view.agency.name,
        status=rep.status,
        status_label=view.status_label,
        revision=rep.revision,
        first_submitted_at=rep.first_submitted_at,
        submitted_at=rep.submitted_at,
        approved_at=rep.approved_at,
        review_comment=rep.review_comment,
        tasks=[
            TaskEntryOut(
                task_id=t.id,
                position=pos,
                text=t.text,
                role="lead" if t.lead_agency_id == view.agency.id else "co",
                **({k: getattr(e, k) for k in reports.TASK_FIELDS} if e else {}),
            )
            for pos, t, e in view.tasks
        ],
        targets=[
            TargetEntryOut(
                target_id=t.id,
                position=pos,
                indicator=t.indicator,
                unit=t.unit,
                target_value=t.value,
                year=t.year,
                **({k: getattr(v, k) for k in (*reports.VALUE_FIELDS, "warning")} if v else {}),
            )
            for pos, t, v in view.targets
        ],
        evidence=[
            EvidenceOut(
                id=f.id,
                display_name=f.display_name,
                content_type=f.content_type,
                size_bytes=f.size_bytes,
                task_id=f.task_id,
                url=f"/minh-chung/{f.id}",
            )
            for f in view.evidence
        ],
        warnings=warnings or {},
    )


@router.get(
    "", response_model=ReportList, summary="Báo cáo trong phạm vi tài khoản (kể cả chưa lập)"
)
def list_reports(
    request: Request,
    plan_id: int | None = Query(None),
    period_id: int | None = Query(None),
    status: str | None = Query(None, max_length=20),
    session: Session = Depends(get_session),
):
    principal = require_principal(request)
    rows = reports.expected_reports(session, principal, plan_id=plan_id, period_id=period_id)
    if status:
        rows = [r for r in rows if r.status == status]
    return ReportList(total=len(rows), items=[_summary(r) for r in rows])


@router.post(
    "", response_model=ReportDetail, summary="Mở (hoặc tạo bản nháp) báo cáo của cơ quan cho một kỳ"
)
def open_report(body: OpenIn, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    row = reports.open_report(
        session, principal, actor_of(principal, client_ip(request)), body.period_id, body.agency_id
    )
    session.commit()
    return _detail(reports.load(session, principal, row.id))


@router.get(
    "/{report_id}",
    response_model=ReportDetail,
    summary="Một báo cáo với nhiệm vụ, chỉ tiêu, minh chứng",
)
def get_report(report_id: int, request: Request, session: Session = Depends(get_session)):
    principal = require_principal(request)
    return _detail(reports.load(session, principal, report_id))


@router.put(
    "/{report_id}/values",
    response_model=ReportDetail,
    summary="Lưu bản nháp: tình hình nhiệm vụ và giá trị chỉ tiêu (báo cáo viên)",
)
def save_values(
    report_id: int, body: ValuesIn, request: Request, session: Session = Depends(get_session)
):
    principal = require_principal(request)
    tasks = {e.task_id: e.model_dump(exclude={"task_id"}) for e in body.tasks}
    values = {e.target_id: e.model_dump(exclude={"target_id"}) for e in body.targets}
    checked = reports.save(
        session,
        principal,
        actor_of(principal, client_ip(request)),
        report_id,
        tasks=tasks,
        values=values,
        expected_revision=body.revision,
    )
    session.commit()
    return _detail(reports.load(session, principal, report_id), checked.warnings)


def _action(name: str):
    func = {
        "submit": reports.submit,
        "approve": reports.approve,
        "return": reports.return_report,
        "reopen": reports.reopen,
    }[name]

    def handler(
        report_id: int, body: ActionIn, request: Request, session: Session = Depends(get_session)
    ):
        principal = require_principal(request)
        kwargs = {} if name == "submit" else {"comment": body.comment}
        func(
            session,
            principal,
            actor_of(principal, client_ip(request)),
            report_id,
            expected_revision=body.revision,
            **kwargs,
        )
        session.commit()
        return _detail(reports.load(session, principal, report_id))

    return handler


for _name, _summary_text in (
    ("submit", "Nộp báo cáo (báo cáo viên)"),
    ("approve", "Duyệt báo cáo (điều phối)"),
    ("return", "Trả lại báo cáo kèm ý kiến (điều phối)"),
    ("reopen", "Mở lại báo cáo đã duyệt để sửa (điều phối)"),
):
    router.add_api_route(
        f"/{{report_id}}/{_name}",
        _action(_name),
        methods=["POST"],
        response_model=ReportDetail,
        summary=_summary_text,
    )
