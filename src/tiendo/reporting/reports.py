"""Reports of agencies: open, save a draft, submit, approve, return, reopen.

States: draft → submitted → approved; a submitted report may be returned
with a comment (returned → corrected → submitted again); an approved report
changes only after the coordinator reopens it (reopened → submitted → …).
Submission and approval times are taken from the server clock, never from
the client. Every change names the revision it was made on: a stale one is
refused with a clear message, so two people never overwrite each other.
Approval and reopening call the evaluation hooks in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal, province_family
from tiendo.clock import local, today_in_vietnam, utcnow
from tiendo.domain.actor import Actor
from tiendo.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tiendo.evaluate import hooks
from tiendo.evaluate.model import Observation
from tiendo.reporting import access, validation
from tiendo.reporting.assignment import province_agencies
from tiendo.reporting.fields import Errors, text
from tiendo.reporting.notifications import coordinators_of, notify, reporters_of
from tiendo.store import audit
from tiendo.store.tables import (
    AgencyRow,
    EvidenceRow,
    PeriodRow,
    PlanRow,
    ReportRow,
    ReportTaskRow,
    ReportValueRow,
    TargetRow,
    TaskCoAgencyRow,
    TaskRow,
)

STATUS_LABELS = {
    "draft": "Đang soạn",
    "submitted": "Đã nộp, chờ duyệt",
    "returned": "Bị trả lại để sửa",
    "approved": "Đã duyệt",
    "reopened": "Mở lại để sửa",
}
EDITABLE = ("draft", "returned", "reopened")
TASK_FIELDS = (
    "status",
    "percent_done",
    "completed_on",
    "done_text",
    "difficulties",
    "recommendations",
    "evidence_url",
)
VALUE_FIELDS = ("value", "as_of", "source", "note")


def _jsonable(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _entry_snapshot(row, fields) -> dict:
    return {name: _jsonable(getattr(row, name)) for name in fields}


def report_snapshot(row: ReportRow) -> dict:
    return {
        "status": row.status,
        "revision": row.revision,
        "submitted_at": _jsonable(row.submitted_at),
        "approved_at": _jsonable(row.approved_at),
        "review_comment": row.review_comment,
    }


# ---------------------------------------------------------------- scope


def agency_tasks(session: Session, plan_id: int, agency_id: int) -> list[TaskRow]:
    """Live tasks of a plan the agency leads or co-operates on, in plan order."""
    co = select(TaskCoAgencyRow.task_id).where(TaskCoAgencyRow.agency_id == agency_id)
    return list(
        session.scalars(
            select(TaskRow)
            .where(
                TaskRow.plan_id == plan_id,
                TaskRow.active.is_(True),
                TaskRow.deleted.is_(False),
                or_(TaskRow.lead_agency_id == agency_id, TaskRow.id.in_(co)),
            )
            .order_by(TaskRow.position, TaskRow.id)
        )
    )


def agency_targets(session: Session, plan_id: int, agency_id: int) -> list[TargetRow]:
    return list(
        session.scalars(
            select(TargetRow)
            .where(
                TargetRow.plan_id == plan_id,
                TargetRow.active.is_(True),
                TargetRow.deleted.is_(False),
                TargetRow.responsible_agency_id == agency_id,
            )
            .order_by(TargetRow.year, TargetRow.position, TargetRow.id)
        )
    )


def agencies_in_plan(session: Session, plan_id: int) -> set[int]:
    """Agencies with something to report in a plan: leads, co-agencies, responsible agencies."""
    live_tasks = select(TaskRow.id).where(
        TaskRow.plan_id == plan_id, TaskRow.active.is_(True), TaskRow.deleted.is_(False)
    )
    ids = set(
        session.scalars(
            select(TaskRow.lead_agency_id).where(
                TaskRow.id.in_(live_tasks), TaskRow.lead_agency_id.is_not(None)
            )
        )
    )
    ids |= set(
        session.scalars(
            select(TaskCoAgencyRow.agency_id).where(TaskCoAgencyRow.task_id.in_(live_tasks))
        )
    )
    ids |= set(
        session.scalars(
            select(TargetRow.responsible_agency_id).where(
                TargetRow.plan_id == plan_id,
                TargetRow.active.is_(True),
                TargetRow.deleted.is_(False),
                TargetRow.responsible_agency_id.is_not(None),
            )
        )
    )
    return ids


@dataclass
class ReportView:
    """A report with everything a page, the API or the Excel template shows."""

    report: ReportRow
    period: PeriodRow
    plan: PlanRow
    agency: AgencyRow
    tasks: list[tuple[int, TaskRow, ReportTaskRow | None]] = field(default_factory=list)
    targets: list[tuple[int, TargetRow, ReportValueRow | None]] = field(default_factory=list)
    evidence: list[EvidenceRow] = field(default_factory=list)

    @property
    def editable(self) -> bool:
        return self.report.status in EDITABLE

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.report.status, self.report.status)


def _report(session: Session, report_id: int) -> ReportRow:
    row = session.get(ReportRow, report_id)
    if row is None:
        raise NotFound(f"Không có báo cáo số {report_id}.")
    return row


def _context(session: Session, report: ReportRow) -> tuple[PeriodRow, PlanRow, AgencyRow]:
    period = session.get(PeriodRow, report.period_id)
    plan = session.get(PlanRow, period.plan_id)
    agency = session.get(AgencyRow, report.agency_id)
    return period, plan, agency


def load(session: Session, principal: Principal | None, report_id: int) -> ReportView:
    """The report with its items, for someone allowed to see it."""
    report = _report(session, report_id)
    period, plan, agency = _context(session, report)
    access.require_view(principal, report.agency_id, plan.province_code)
    return build_view(session, report, period, plan, agency)


def build_view(session, report, period, plan, agency) -> ReportView:
    entries = {
        e.task_id: e
        for e in session.scalars(select(ReportTaskRow).where(ReportTaskRow.report_id == report.id))
    }
    values = {
        v.target_id: v
        for v in session.scalars(
            select(ReportValueRow).where(ReportValueRow.report_id == report.id)
        )
    }
    view = ReportView(report, period, plan, agency)
    view.tasks = [
        (i, t, entries.get(t.id))
        for i, t in enumerate(agency_tasks(session, plan.id, agency.id), start=1)
    ]
    view.targets = [
        (i, t, values.get(t.id))
        for i, t in enumerate(agency_targets(session, plan.id, agency.id), start=1)
    ]
    view.evidence = list(
        session.scalars(
            select(EvidenceRow)
            .where(EvidenceRow.report_id == report.id, EvidenceRow.deleted.is_(False))
            .order_by(EvidenceRow.id)
        )
    )
    return view


def find(session: Session, period_id: int, agency_id: int) -> ReportRow | None:
    return session.scalar(
        select(ReportRow).where(ReportRow.period_id == period_id, ReportRow.agency_id == agency_id)
    )


def open_report(
    session: Session,
    principal: Principal,
    actor: Actor,
    period_id: int,
    agency_id: int,
    *,
    is_demo: bool = False,
    now: dt.datetime | None = None,
) -> ReportRow:
    """The agency's report for the period, created as a draft when there is none yet."""
    period = session.get(PeriodRow, period_id)
    if period is None:
        raise NotFound(f"Không có kỳ báo cáo số {period_id}.")
    plan = session.get(PlanRow, period.plan_id)
    agency = session.get(AgencyRow, agency_id)
    if agency is None:
        raise NotFound(f"Không có cơ quan số {agency_id}.")
    if not (principal.reports_for(agency_id) or principal.manages_province(plan.province_code)):
        raise PermissionDenied("Bạn không được lập báo cáo cho cơ quan này.")
    if agency.id not in {a.id for a in province_agencies(session, plan)}:
        raise ValidationError("Cơ quan này không thuộc tỉnh có kế hoạch.")
    existing = find(session, period_id, agency_id)
    if existing is not None:
        return existing
    at = now or utcnow()
    row = ReportRow(
        period_id=period.id,
        agency_id=agency.id,
        status="draft",
        revision=1,
        updated_at=at,
        created_at=at,
        updated_by=principal.user_id,
        is_demo=is_demo,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "report.create",
        "report",
        row.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        after={"period": period.key, "agency_id": agency.id, **report_snapshot(row)},
    )
    return row


def check_revision(report: ReportRow, expected: int | None) -> None:
    if expected is not None and report.revision != expected:
        raise Conflict(
            f"Báo cáo vừa được người khác thay đổi (phiên bản {report.revision}, bạn đang sửa phiên "
            f"bản {expected}). Thay đổi của bạn chưa được lưu; hãy tải lại trang, xem bản mới rồi "
            "nhập lại phần của mình."
        )


def value_history(
    session: Session, target_id: int, before: dt.date, exclude_report: int | None = None
) -> list[Observation]:
    """Approved values of a target dated before ``before``."""
    rows = session.execute(
        select(ReportValueRow.value, ReportValueRow.as_of)
        .join(ReportRow, ReportRow.id == ReportValueRow.report_id)
        .where(
            ReportValueRow.target_id == target_id,
            ReportRow.status == "approved",
            ReportValueRow.value.is_not(None),
            ReportValueRow.as_of.is_not(None),
            ReportValueRow.as_of < before,
            ReportRow.id != (exclude_report or 0),
        )
        .order_by(ReportValueRow.as_of)
    ).all()
    return [Observation(value=v, as_of=d) for v, d in rows]


def check_entries(
    session: Session, view: ReportView, tasks_in: dict, values_in: dict, *, today: dt.date
) -> validation.Checked:
    """Validate the given entries against the report's scope; nothing is stored."""
    checked = validation.Checked()
    in_scope_tasks = {t.id: (pos, t) for pos, t, _ in view.tasks}
    in_scope_targets = {t.id: (pos, t) for pos, t, _ in view.targets}
    for key, raw in tasks_in.items():
        task_id = key if isinstance(key, int) else validation_int(key)
        if task_id not in in_scope_tasks:
            checked.errors.add(
                ["tasks", key], f"Nhiệm vụ số {key} không thuộc báo cáo của cơ quan này."
            )
            continue
        pos, task = in_scope_tasks[task_id]
        checked.tasks[task_id] = validation.clean_task(
            raw or {}, task_id, validation.task_label(pos, task.text), checked.errors, today=today
        )
    for key, raw in values_in.items():
        target_id = key if isinstance(key, int) else validation_int(key)
        if target_id not in in_scope_targets:
            checked.errors.add(
                ["targets", key], f"Chỉ tiêu số {key} không thuộc báo cáo của cơ quan này."
            )
            continue
        pos, target = in_scope_targets[target_id]
        history = value_history(
            session,
            target_id,
            view.period.end + dt.timedelta(days=400),
            exclude_report=view.report.id,
        )
        fields, warning = validation.clean_value(
            raw or {},
            target,
            validation.target_label(pos, target.indicator),
            checked.errors,
            period=view.period,
            today=today,
            history=history,
        )
        checked.values[target_id] = fields
        if warning:
            checked.warnings[target_id] = warning
    return checked


def validation_int(key) -> int | None:
    value = str(key).strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def _require_editable(view: ReportView) -> None:
    if not view.editable:
        label = STATUS_LABELS.get(view.report.status, view.report.status)
        raise Conflict(
            f"Báo cáo đang ở trạng thái “{label}”, không sửa được. "
            + (
                "Cần cán bộ điều phối mở lại báo cáo trước khi sửa."
                if view.report.status == "approved"
                else "Hãy chờ cán bộ điều phối xem xét."
            )
        )


def save(
    session: Session,
    principal: Principal,
    actor: Actor,
    report_id: int,
    *,
    tasks: dict,
    values: dict,
    expected_revision: int | None,
    now: dt.datetime | None = None,
) -> validation.Checked:
    """Store a draft's entries (all valid or nothing); returns the warnings found."""
    report = _report(session, report_id)
    period, plan, agency = _context(session, report)
    access.require_edit(principal, report.agency_id)
    view = build_view(session, report, period, plan, agency)
    _require_editable(view)
    check_revision(report, expected_revision)
    at = now or utcnow()
    today = local(at).date() if now else today_in_vietnam()
    checked = check_entries(session, view, tasks, values, today=today)
    checked.errors.raise_if_any("Chưa lưu được báo cáo")
    changes = _apply(session, view, checked)
    report.revision += 1
    report.updated_at = at
    report.updated_by = principal.user_id
    audit.record(
        session,
        actor,
        "report.save",
        "report",
        report.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        before=changes["before"],
        after={**changes["after"], "revision": report.revision},
    )
    return checked


def _apply(session: Session, view: ReportView, checked: validation.Checked) -> dict:
    before: dict = {"tasks": {}, "targets": {}}
    after: dict = {"tasks": {}, "targets": {}}
    entries = {t.id: e for _, t, e in view.tasks}
    for task_id, fields in checked.tasks.items():
        row = entries.get(task_id)
        old = _entry_snapshot(row, TASK_FIELDS) if row else None
        if row is None:
            row = ReportTaskRow(report_id=view.report.id, task_id=task_id)
            session.add(row)
        for name in TASK_FIELDS:
            setattr(row, name, fields.get(name))
        new = _entry_snapshot(row, TASK_FIELDS)
        if new != old:
            before["tasks"][str(task_id)] = old
            after["tasks"][str(task_id)] = new
    values = {t.id: v for _, t, v in view.targets}
    for target_id, fields in checked.values.items():
        row = values.get(target_id)
        old = _entry_snapshot(row, VALUE_FIELDS) if row else None
        if row is None:
            row = ReportValueRow(report_id=view.report.id, target_id=target_id)
            session.add(row)
        for name in VALUE_FIELDS:
            setattr(row, name, fields.get(name))
        row.warning = checked.warnings.get(target_id)
        new = _entry_snapshot(row, VALUE_FIELDS)
        if new != old:
            before["targets"][str(target_id)] = old
            after["targets"][str(target_id)] = new
    session.flush()
    return {"before": before, "after": after}


def _stored_entries(view: ReportView) -> tuple[dict, dict, dict, dict]:
    tasks = {t.id: _entry_snapshot(e, TASK_FIELDS) for _, t, e in view.tasks if e}
    values = {t.id: _entry_snapshot(v, VALUE_FIELDS) for _, t, v in view.targets if v}
    task_labels = {t.id: validation.task_label(p, t.text) for p, t, _ in view.tasks}
    target_labels = {t.id: validation.target_label(p, t.indicator) for p, t, _ in view.targets}
    return tasks, values, task_labels, target_labels


def _link(report: ReportRow) -> str:
    return f"/bao-cao/{report.id}"


def submit(
    session: Session,
    principal: Principal,
    actor: Actor,
    report_id: int,
    *,
    expected_revision: int | None,
    now: dt.datetime | None = None,
) -> ReportRow:
    report = _report(session, report_id)
    period, plan, agency = _context(session, report)
    access.require_edit(principal, report.agency_id)
    view = build_view(session, report, period, plan, agency)
    _require_editable(view)
    check_revision(report, expected_revision)
    if not view.tasks and not view.targets:
        raise ValidationError(
            "Cơ quan chưa được giao nhiệm vụ hay chỉ tiêu nào trong kế hoạch này; "
            "không có gì để nộp."
        )
    missing = validation.completeness(*_stored_entries(view))
    missing.raise_if_any("Chưa nộp được báo cáo")
    before = report_snapshot(report)
    at = now or utcnow()
    report.status = "submitted"
    report.submitted_at = at
    report.first_submitted_at = report.first_submitted_at or at
    report.submitted_by = principal.user_id
    report.revision += 1
    report.updated_at, report.updated_by = at, principal.user_id
    hooks.on_report_submitted(session, report.id)
    audit.record(
        session,
        actor,
        "report.submit",
        "report",
        report.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        before=before,
        after=report_snapshot(report),
    )
    notify(
        session,
        [u.id for u in coordinators_of(session, plan.province_code)],
        "report.submitted",
        f"{agency.name} đã nộp báo cáo {period.label}",
        "Báo cáo đang chờ duyệt.",
        _link(report),
        is_demo=report.is_demo,
        at=at,
    )
    return report


def _review(
    session, principal, report_id, expected_revision, allowed_from: tuple[str, ...], verb: str
):
    report = _report(session, report_id)
    period, plan, agency = _context(session, report)
    access.require_review(principal, plan.province_code)
    check_revision(report, expected_revision)
    if report.status not in allowed_from:
        label = STATUS_LABELS.get(report.status, report.status)
        raise Conflict(f"Không thể {verb} báo cáo đang ở trạng thái “{label}”.")
    return report, period, plan, agency


def _record_review(session, actor, report, plan, agency, before, action, notice, title, note, at):
    """Audit a coordinator's decision on a report and tell the agency's reporters."""
    audit.record(
        session,
        actor,
        action,
        "report",
        report.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        before=before,
        after=report_snapshot(report),
        note=note,
    )
    notify(
        session,
        [u.id for u in reporters_of(session, agency.id)],
        notice,
        title,
        note or "",
        _link(report),
        is_demo=report.is_demo,
        at=at,
    )


def _comment(raw, required: bool) -> str | None:
    errors = Errors()
    value = text(raw, errors, ["comment"], "Ý kiến", required=required, max_len=4000)
    errors.raise_if_any("Chưa thực hiện được")
    return value


def approve(
    session: Session,
    principal: Principal,
    actor: Actor,
    report_id: int,
    *,
    expected_revision: int | None,
    comment: str | None = None,
    now: dt.datetime | None = None,
) -> ReportRow:
    report, period, plan, agency = _review(
        session, principal, report_id, expected_revision, ("submitted",), "duyệt"
    )
    note = _comment(comment, required=False)
    before = report_snapshot(report)
    at = now or utcnow()
    report.status = "approved"
    report.approved_at, report.approved_by = at, principal.user_id
    report.review_comment = note
    report.revision += 1
    report.updated_at, report.updated_by = at, principal.user_id
    hooks.on_report_approved(session, report.id)
    _record_review(
        session,
        actor,
        report,
        plan,
        agency,
        before,
        "report.approve",
        "report.approved",
        f"Báo cáo {period.label} đã được duyệt",
        note,
        at,
    )
    return report


def return_report(
    session: Session,
    principal: Principal,
    actor: Actor,
    report_id: int,
    *,
    expected_revision: int | None,
    comment: str | None,
    now: dt.datetime | None = None,
) -> ReportRow:
    report, period, plan, agency = _review(
        session, principal, report_id, expected_revision, ("submitted",), "trả lại"
    )
    note = _comment(comment, required=True)
    before = report_snapshot(report)
    at = now or utcnow()
    report.status = "returned"
    report.returned_at = at
    report.review_comment = note
    report.revision += 1
    report.updated_at, report.updated_by = at, principal.user_id
    _record_review(
        session,
        actor,
        report,
        plan,
        agency,
        before,
        "report.return",
        "report.returned",
        f"Báo cáo {period.label} bị trả lại để sửa",
        note,
        at,
    )
    return report


def reopen(
    session: Session,
    principal: Principal,
    actor: Actor,
    report_id: int,
    *,
    expected_revision: int | None,
    comment: str | None,
    now: dt.datetime | None = None,
) -> ReportRow:
    report, period, plan, agency = _review(
        session, principal, report_id, expected_revision, ("approved",), "mở lại"
    )
    note = _comment(comment, required=True)
    before = report_snapshot(report)
    at = now or utcnow()
    report.status = "reopened"
    report.approved_at, report.approved_by = None, None
    report.review_comment = note
    report.revision += 1
    report.updated_at, report.updated_by = at, principal.user_id
    hooks.on_report_reopened(session, report.id)
    _record_review(
        session,
        actor,
        report,
        plan,
        agency,
        before,
        "report.reopen",
        "report.reopened",
        f"Báo cáo {period.label} được mở lại để sửa",
        note,
        at,
    )
    return report


# ---------------------------------------------------------------- lists


@dataclass
class ExpectedReport:
    period: PeriodRow
    plan: PlanRow
    agency: AgencyRow
    report: ReportRow | None

    @property
    def status(self) -> str:
        return self.report.status if self.report else "missing"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "Chưa lập")


def expected_reports(
    session: Session,
    principal: Principal,
    *,
    plan_id: int | None = None,
    period_id: int | None = None,
    limit: int = 2000,
) -> list[ExpectedReport]:
    """Reports the principal may see: each (period, agency with items) with its report, if any."""
    stmt = select(PlanRow).where(PlanRow.status == "published")
    if plan_id is not None:
        stmt = stmt.where(PlanRow.id == plan_id)
    out = []
    for plan in session.scalars(stmt.order_by(PlanRow.id)):
        agency_ids = agencies_in_plan(session, plan.id)
        if principal.role.value == "reporter":
            agency_ids &= {principal.agency_id}
        elif not principal.sees_drafts_of(plan.province_code):
            continue
        if not agency_ids:
            continue
        agencies = {
            a.id: a for a in session.scalars(select(AgencyRow).where(AgencyRow.id.in_(agency_ids)))
        }
        pstmt = select(PeriodRow).where(PeriodRow.plan_id == plan.id)
        if period_id is not None:
            pstmt = pstmt.where(PeriodRow.id == period_id)
        periods = list(session.scalars(pstmt.order_by(PeriodRow.due.desc())))
        reports = (
            {
                (r.period_id, r.agency_id): r
                for r in session.scalars(
                    select(ReportRow).where(
                        ReportRow.period_id.in_([p.id for p in periods]),
                        ReportRow.agency_id.in_(agency_ids),
                    )
                )
            }
            if periods
            else {}
        )
        for period in periods:
            for agency in sorted(agencies.values(), key=lambda a: a.name):
                out.append(
                    ExpectedReport(period, plan, agency, reports.get((period.id, agency.id)))
                )
                if len(out) >= limit:
                    return out
    return out


def provinces_of(principal: Principal):
    return None if principal.is_admin else province_family(principal.province_code)
