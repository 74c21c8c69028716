"""Reminders by e-mail (a real SMTP server on loopback) and in-app notices:
the right people, the right day, never twice; the SMTP password never shown."""

import datetime as dt
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select

from tests.reporting_support import build_world
from tiendo.accounts.service import actor_of
from tiendo.reporting import reminders, reports, settings_store
from tiendo.store.tables import AuditRow, NotificationRow, PeriodRow, ReminderRow, UserRow
from tiendo.web import reminder_task


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"mat-khau-smtp-rat-bi-mat"
    return AuthResult(success=ok)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=_port(),
        authenticator=_authenticate,
        auth_require_tls=False,
    )
    controller.start()
    yield controller.port, inbox
    controller.stop()


SECRET = "khoa-bi-mat-kiem-thu"


@pytest.fixture
def world(runtime, smtp):
    port, _ = smtp
    w = build_world(runtime, email_a="baocao@sokhcn.example")
    admin = w.principal(runtime, "admin")
    with runtime.session() as s:
        settings_store.save_mail(
            s,
            admin,
            actor_of(admin),
            {
                "host": "127.0.0.1",
                "port": str(port),
                "security": "none",
                "username": "tiendo",
                "password": "mat-khau-smtp-rat-bi-mat",
                "sender": "tiendo@sokhcn.example",
            },
            SECRET,
        )
        s.commit()
        due = s.get(PeriodRow, w.period_id).due
    return w, due


def _run(runtime, today):
    return reminders.run(
        runtime.session_factory, secret_key=SECRET, base_url="https://tiendo.example", today=today
    )


def test_reminders_before_and_after_the_due_date_are_sent_once(runtime, world, smtp):
    w, due = world
    _, inbox = smtp
    first = _run(runtime, due - dt.timedelta(days=7))
    # Two agencies have something to report; only agency A's reporter has an address.
    assert (first.notices, first.emails) == (2, 1)
    rcpts, content = inbox.messages[0]
    assert rcpts == ["baocao@sokhcn.example"]
    assert "Nh=E1=BA=AFc" in content or "Nhắc" in content or "=?utf-8?" in content
    assert _run(runtime, due - dt.timedelta(days=7)).notices == 0
    assert _run(runtime, due - dt.timedelta(days=5)).notices == 0
    assert _run(runtime, due - dt.timedelta(days=2)).notices == 2
    # Agency A submits; only B is reminded after the due date.
    rep = w.principal(runtime, "rep_a")
    with runtime.session() as s:
        rid = reports.open_report(s, rep, actor_of(rep), w.period_id, w.agency_a).id
        reports.save(
            s,
            rep,
            actor_of(rep),
            rid,
            tasks={w.tasks[0]: {"status": "in_progress"}},
            values={t: {"note": "Chưa có số liệu"} for t in w.targets[:2]},
            expected_revision=None,
        )
        reports.submit(s, rep, actor_of(rep), rid, expected_revision=None)
        s.commit()
    late = _run(runtime, due + dt.timedelta(days=1))
    assert (late.notices, late.emails) == (1, 0)
    assert len(inbox.messages) == 2
    with runtime.session() as s:
        kinds = sorted(s.scalars(select(ReminderRow.kind)))
        assert kinds == ["after-1", "before-2", "before-2", "before-7", "before-7"]
        b_user = s.scalar(select(UserRow.id).where(UserRow.username == "baocao.stc"))
        titles = list(
            s.scalars(select(NotificationRow.title).where(NotificationRow.user_id == b_user))
        )
        assert any("Quá hạn nộp báo cáo" in t for t in titles)


def test_a_missed_run_sends_only_the_latest_reminder(runtime, world, smtp):
    _, due = world
    assert reminders.kind_for(due - dt.timedelta(days=1), due, [7, 2], [1, 7]) == "before-2"
    assert reminders.kind_for(due + dt.timedelta(days=9), due, [7, 2], [1, 7]) == "after-7"
    assert reminders.kind_for(due - dt.timedelta(days=9), due, [7, 2], [1, 7]) is None
    assert _run(runtime, due - dt.timedelta(days=1)).notices == 2
    assert _run(runtime, due - dt.timedelta(days=1)).notices == 0


def test_the_smtp_password_is_stored_encrypted_and_never_shown(runtime, world):
    with runtime.session() as s:
        public = settings_store.mail_public(s)
        assert public["password_set"] and "password_enc" not in public
        stored = settings_store.get(s, settings_store.MAIL)["password_enc"]
        assert "mat-khau-smtp" not in stored
        assert settings_store.mail_password(s, SECRET) == "mat-khau-smtp-rat-bi-mat"
        logged = " ".join(str(r.before) + str(r.after) for r in s.scalars(select(AuditRow)))
        assert "mat-khau-smtp" not in logged and stored not in logged


def test_a_failing_mail_server_is_recorded_not_raised(runtime, world):
    w, due = world
    admin = w.principal(runtime, "admin")
    with runtime.session() as s:
        settings_store.save_mail(
            s,
            admin,
            actor_of(admin),
            {
                "host": "127.0.0.1",
                "port": str(_port()),
                "security": "none",
                "sender": "tiendo@sokhcn.example",
            },
            SECRET,
        )
        s.commit()
    result = _run(runtime, due - dt.timedelta(days=2))
    assert result.notices == 2 and result.emails == 0 and len(result.email_errors) == 1
    assert "mat-khau" not in result.email_errors[0]
    assert _run(runtime, due - dt.timedelta(days=2)).notices == 0


def test_the_server_schedule_runs_only_when_enabled_and_due(runtime, world):
    w, _ = world
    admin = w.principal(runtime, "admin")
    assert reminder_task.run_if_due(runtime) is False
    with runtime.session() as s:
        settings_store.save_reminders(
            s,
            admin,
            actor_of(admin),
            {"days_before": "7, 2", "days_after": "1", "scheduler": "1", "interval_minutes": "60"},
        )
        s.commit()
    now = dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC)
    assert reminder_task.run_if_due(runtime, now) is True
    assert reminder_task.run_if_due(runtime, now + dt.timedelta(minutes=10)) is False
