"""Reminders to agencies that have not submitted their report.

Before the due date (by default 7 and 2 days before) and after it (1 and 7
days after), each active reporter of an agency with something to report and
no submission yet gets an in-app notice and, when the mail server is set
and the reporter has an address, an e-mail. A reminder is recorded before
it is sent (one row per period, agency, reporter and kind), so running
again — from cron, the server's schedule, or both — never sends the same
reminder twice. When a run was missed, only the latest reminder that
applies is sent, not every one skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tiendo.clock import today_in_vietnam, utcnow
from tiendo.domain.actor import Actor
from tiendo.reporting import mail, settings_store
from tiendo.reporting.notifications import notify, reporters_of
from tiendo.reporting.reports import agencies_in_plan
from tiendo.store import audit
from tiendo.store.tables import AgencyRow, PeriodRow, PlanRow, ReminderRow, ReportRow
from tiendo.text.numbers import format_date

#: after the last "after" reminder, a period is no longer reminded about
STOP_AFTER_DAYS = 30


@dataclass
class RunResult:
    notices: int = 0
    emails: int = 0
    email_errors: list[str] = field(default_factory=list)
    skipped_no_mail: int = 0


def kind_for(
    today: dt.date, due: dt.date, days_before: list[int], days_after: list[int]
) -> str | None:
    """The reminder that applies today for a due date: the closest one, or None."""
    left = (due - today).days
    if left >= 0:
        hits = [d for d in days_before if left <= d]
        return f"before-{min(hits)}" if hits else None
    late = -left
    if late > max(days_after, default=0) + STOP_AFTER_DAYS:
        return None
    hits = [d for d in days_after if late >= d]
    return f"after-{max(hits)}" if hits else None


def _text(kind: str, period: PeriodRow, plan: PlanRow, agency: AgencyRow, base_url: str, report_id):
    path = "/bao-cao" + (f"/{report_id}" if report_id else "")
    link = f"{base_url.rstrip('/')}{path}"
    plan_name = plan.number or f"kế hoạch {plan.id}"
    if kind.startswith("before"):
        days = int(kind.split("-")[1])
        when = "hôm nay" if days == 0 else f"còn {days} ngày"
        title = f"Nhắc nộp báo cáo {period.label}: hạn {format_date(period.due)} ({when})"
    else:
        title = f"Quá hạn nộp báo cáo {period.label} (hạn {format_date(period.due)})"
    body = (
        f"Kính gửi {agency.name},\n\n"
        f"Báo cáo {period.label} theo {plan_name} chưa được nộp; hạn nộp là {format_date(period.due)}.\n"
        f"Xin vui lòng lập và nộp báo cáo tại: {link}\n\n"
        "Thư này do hệ thống tiendo gửi tự động; xin đừng trả lời thư này."
    )
    return title, body, path


def due_reminders(session: Session, today: dt.date, days_before: list[int], days_after: list[int]):
    """(kind, period, plan, agency, report) for every unsubmitted report a reminder applies to today."""
    horizon_before = max(days_before, default=0)
    horizon_after = max(days_after, default=0)
    periods = session.scalars(
        select(PeriodRow)
        .join(PlanRow, PlanRow.id == PeriodRow.plan_id)
        .where(
            PlanRow.status == "published",
            PeriodRow.due >= today - dt.timedelta(days=horizon_after + 400),
            PeriodRow.due <= today + dt.timedelta(days=horizon_before),
        )
        .order_by(PeriodRow.due, PeriodRow.id)
    )
    out = []
    for period in periods:
        kind = kind_for(today, period.due, days_before, days_after)
        if kind is None:
            continue
        plan = session.get(PlanRow, period.plan_id)
        for agency_id in sorted(agencies_in_plan(session, plan.id)):
            report = session.scalar(
                select(ReportRow).where(
                    ReportRow.period_id == period.id, ReportRow.agency_id == agency_id
                )
            )
            if report is not None and report.first_submitted_at is not None:
                continue
            agency = session.get(AgencyRow, agency_id)
            if agency is None or not agency.active:
                continue
            out.append((kind, period, plan, agency, report))
    return out


def run(
    session_factory: sessionmaker, *, secret_key: str, base_url: str, today: dt.date | None = None
) -> RunResult:
    """Send every reminder due today that was not sent yet; each is committed on its own."""
    today = today or today_in_vietnam()
    result = RunResult()
    with session_factory() as session:
        config = settings_store.get(session, settings_store.REMINDERS)
        mail_config = settings_store.get(session, settings_store.MAIL)
        mail_ready = settings_store.mail_configured(session)
        password = settings_store.mail_password(session, secret_key) if mail_ready else None
        work = [
            (kind, period.id, plan.id, agency.id, report.id if report else None)
            for kind, period, plan, agency, report in due_reminders(
                session, today, config["days_before"], config["days_after"]
            )
        ]
    for kind, period_id, plan_id, agency_id, report_id in work:
        with session_factory() as session:
            period, plan = session.get(PeriodRow, period_id), session.get(PlanRow, plan_id)
            agency = session.get(AgencyRow, agency_id)
            title, body, path = _text(kind, period, plan, agency, base_url, report_id)
            for user in reporters_of(session, agency_id):
                exists = session.scalar(
                    select(ReminderRow.id).where(
                        ReminderRow.period_id == period_id,
                        ReminderRow.agency_id == agency_id,
                        ReminderRow.user_id == user.id,
                        ReminderRow.kind == kind,
                    )
                )
                if exists:
                    continue
                reminder = ReminderRow(
                    period_id=period_id, agency_id=agency_id, user_id=user.id, kind=kind
                )
                session.add(reminder)
                notify(session, [user.id], "reminder", title, body, path)
                audit.record(
                    session,
                    Actor.system(),
                    "reminder.send",
                    "report",
                    report_id,
                    plan_id=plan_id,
                    province_code=plan.province_code,
                    after={
                        "period": period.key,
                        "agency_id": agency_id,
                        "user": user.username,
                        "kind": kind,
                        "email": bool(user.email and mail_ready),
                    },
                )
                # Recorded before sending: a crash after sending cannot cause a second copy.
                session.commit()
                result.notices += 1
                if not user.email:
                    continue
                if not mail_ready:
                    result.skipped_no_mail += 1
                    continue
                try:
                    mail.send(mail_config, password, user.email, title, body)
                    reminder.emailed_at = utcnow()
                    result.emails += 1
                except mail.MailError as exc:
                    reminder.email_error = str(exc)[:300]
                    result.email_errors.append(f"{user.username}: {exc}")
                session.commit()
    with session_factory() as session:
        settings_store.mark_run(session, utcnow())
        session.commit()
    return result


def send_test(session: Session, secret_key: str, to: str) -> None:
    """A test message to check the mail settings (raises MailError)."""
    config = settings_store.get(session, settings_store.MAIL)
    mail.send(
        config,
        settings_store.mail_password(session, secret_key),
        to,
        "tiendo: thư thử",
        "Cài đặt thư điện tử của tiendo hoạt động.",
    )
