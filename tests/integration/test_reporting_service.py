"""The report workflow through the service layer, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import select

from tests.reporting_support import build_world, good_entries
from tiendo.accounts.service import actor_of
from tiendo.errors import Conflict, PermissionDenied, ValidationError
from tiendo.evaluate import hooks
from tiendo.reporting import reports
from tiendo.store.tables import AuditRow, ReportRow, ReportTaskRow, ReportValueRow

NOW = dt.datetime(2026, 10, 10, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(runtime):
    return build_world(runtime)


def _open(runtime, world, who="rep_a", agency=None):
    p = world.principal(runtime, who)
    with runtime.session() as s:
        row = reports.open_report(s, p, actor_of(p), world.period_id, agency or world.agency_a)
        s.commit()
        return row.id


def test_the_whole_cycle_with_return_and_reopen_calls_the_hooks(runtime, world, monkeypatch):
    calls = []
    monkeypatch.setattr(hooks, "on_report_approved", lambda s, rid: calls.append(("approved", rid)))
    monkeypatch.setattr(hooks, "on_report_reopened", lambda s, rid: calls.append(("reopened", rid)))
    rep, coord = world.principal(runtime, "rep_a"), world.principal(runtime, "coord")
    report_id = _open(runtime, world)
    tasks, values = good_entries(world)
    with runtime.session() as s:
        reports.save(
            s,
            rep,
            actor_of(rep),
            report_id,
            tasks=tasks,
            values=values,
            expected_revision=1,
            now=NOW,
        )
        reports.submit(s, rep, actor_of(rep), report_id, expected_revision=2, now=NOW)
        s.commit()
    with runtime.session() as s:
        reports.return_report(
            s, coord, actor_of(coord), report_id, expected_revision=3, comment="Thiếu minh chứng"
        )
        s.commit()
    with runtime.session() as s:
        tasks[world.tasks[0]]["percent_done"] = "50"
        reports.save(
            s, rep, actor_of(rep), report_id, tasks=tasks, values=values, expected_revision=4
        )
        reports.submit(s, rep, actor_of(rep), report_id, expected_revision=5)
        reports.approve(s, coord, actor_of(coord), report_id, expected_revision=6)
        s.commit()
    with runtime.session() as s:
        row = s.get(ReportRow, report_id)
        assert row.status == "approved"
        assert row.first_submitted_at is not None and row.approved_at is not None
        assert row.first_submitted_at.replace(tzinfo=dt.UTC) == NOW
        entry = s.scalar(select(ReportTaskRow).where(ReportTaskRow.report_id == report_id))
        assert entry.percent_done == 50
        value = s.scalar(select(ReportValueRow).where(ReportValueRow.target_id == world.targets[1]))
        assert value.value == 1234
        with pytest.raises(Conflict):
            reports.save(
                s, rep, actor_of(rep), report_id, tasks=tasks, values=values, expected_revision=7
            )
        reports.reopen(
            s, coord, actor_of(coord), report_id, expected_revision=7, comment="Sửa số liệu"
        )
        s.commit()
    assert calls == [("approved", report_id), ("reopened", report_id)]
    with runtime.session() as s:
        actions = list(
            s.scalars(
                select(AuditRow.action)
                .where(AuditRow.entity_type == "report", AuditRow.entity_id == report_id)
                .order_by(AuditRow.id)
            )
        )
    assert actions == [
        "report.create",
        "report.save",
        "report.submit",
        "report.return",
        "report.save",
        "report.submit",
        "report.approve",
        "report.reopen",
    ]


def test_a_stale_revision_is_refused_and_nothing_changes(runtime, world):
    rep = world.principal(runtime, "rep_a")
    report_id = _open(runtime, world)
    tasks, values = good_entries(world)
    with runtime.session() as s:
        reports.save(
            s, rep, actor_of(rep), report_id, tasks=tasks, values=values, expected_revision=1
        )
        s.commit()
    with runtime.session() as s:
        values[world.targets[0]]["value"] = "99"
        with pytest.raises(Conflict, match="người khác"):
            reports.save(
                s, rep, actor_of(rep), report_id, tasks=tasks, values=values, expected_revision=1
            )
        s.rollback()
        value = s.scalar(select(ReportValueRow).where(ReportValueRow.target_id == world.targets[0]))
        assert value.value == 45.5


def test_another_agency_or_province_is_refused(runtime, world):
    report_id = _open(runtime, world)
    rep_b, coord_hn = world.principal(runtime, "rep_b"), world.principal(runtime, "coord_hn")
    tasks, values = good_entries(world)
    with runtime.session() as s:
        with pytest.raises(PermissionDenied):
            reports.load(s, rep_b, report_id)
        with pytest.raises(PermissionDenied):
            reports.save(
                s,
                rep_b,
                actor_of(rep_b),
                report_id,
                tasks=tasks,
                values=values,
                expected_revision=None,
            )
        with pytest.raises(PermissionDenied):
            reports.open_report(s, rep_b, actor_of(rep_b), world.period_id, world.agency_a)
        with pytest.raises(PermissionDenied):
            reports.load(s, coord_hn, report_id)


def test_submitting_needs_every_status_and_a_value_or_a_note(runtime, world):
    rep = world.principal(runtime, "rep_a")
    report_id = _open(runtime, world)
    with runtime.session() as s, pytest.raises(ValidationError) as caught:
        reports.submit(s, rep, actor_of(rep), report_id, expected_revision=1)
    messages = " ".join(e["msg"] for e in caught.value.errors)
    assert "chưa chọn trạng thái" in messages and "Ghi chú" in messages


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        ("percent_done", "150", "0–100"),
        ("percent_done", "abc", "số viết kiểu Việt Nam"),
        ("status", "xong rồi", "không hợp lệ"),
        ("evidence_url", "javascript:alert(1)", "http://"),
        ("completed_on", "31/02/2026", "dd/mm/yyyy"),
    ],
)
def test_bad_task_input_names_the_task_and_field(runtime, world, field, raw, expected):
    rep = world.principal(runtime, "rep_a")
    report_id = _open(runtime, world)
    tasks, values = good_entries(world)
    tasks[world.tasks[0]][field] = raw
    with runtime.session() as s:
        with pytest.raises(ValidationError) as caught:
            reports.save(
                s, rep, actor_of(rep), report_id, tasks=tasks, values=values, expected_revision=1
            )
        s.rollback()
        assert s.scalar(select(ReportTaskRow.id)) is None
    error = caught.value.errors[0]
    assert error["loc"] == ["tasks", world.tasks[0], field]
    assert expected in error["msg"] and error["msg"].startswith("Nhiệm vụ 1")


@pytest.mark.parametrize(
    ("target", "field", "raw", "expected"),
    [
        (0, "value", "120", "0–100"),
        (0, "value", "45 lần", "khác đơn vị"),
        (1, "value", "1,234.5", "số viết kiểu Việt Nam"),
        (1, "value", "-3", "không được âm"),
        (0, "as_of", "01/01/2030", "không được sau"),
        (0, "as_of", "01/01/2020", "quá cũ"),
        (0, "as_of", "", "tính đến ngày"),
    ],
)
def test_bad_target_values_are_refused_with_a_field_message(
    runtime, world, target, field, raw, expected
):
    rep = world.principal(runtime, "rep_a")
    report_id = _open(runtime, world)
    tasks, values = good_entries(world)
    values[world.targets[target]][field] = raw
    with runtime.session() as s:
        with pytest.raises(ValidationError) as caught:
            reports.save(
                s,
                rep,
                actor_of(rep),
                report_id,
                tasks=tasks,
                values=values,
                expected_revision=1,
                now=NOW,
            )
        s.rollback()
        assert s.scalar(select(ReportValueRow.id)) is None
    assert any(expected in e["msg"] for e in caught.value.errors), caught.value.errors


def test_done_needs_a_completion_note_and_units_may_be_written(runtime, world):
    rep = world.principal(runtime, "rep_a")
    report_id = _open(runtime, world)
    tasks, values = good_entries(world)
    tasks[world.tasks[0]] = {"status": "Hoàn thành", "done_text": ""}
    with runtime.session() as s:
        with pytest.raises(ValidationError, match="kết quả đã đạt"):
            reports.save(
                s,
                rep,
                actor_of(rep),
                report_id,
                tasks=tasks,
                values=values,
                expected_revision=1,
                now=NOW,
            )
        s.rollback()
        tasks[world.tasks[0]]["done_text"] = "Đã hoàn thành"
        values[world.targets[0]]["value"] = "45,5 %"
        reports.save(
            s,
            rep,
            actor_of(rep),
            report_id,
            tasks=tasks,
            values=values,
            expected_revision=1,
            now=NOW,
        )
        s.commit()
        entry = s.scalar(select(ReportTaskRow))
        assert (entry.status, entry.percent_done) == ("done", 100)
