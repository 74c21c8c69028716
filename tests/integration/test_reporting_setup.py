"""Agencies, assignment, periods and the audit log through the services,
on SQLite and PostgreSQL: validated, scoped to the province, audited."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from tests.reporting_support import build_world
from tiendo.accounts.service import actor_of
from tiendo.errors import Conflict, PermissionDenied, ValidationError
from tiendo.reporting import agencies, assignment, auditlog, periods
from tiendo.store.tables import (
    AgencyRow,
    AuditRow,
    DutyRow,
    TargetRow,
    TaskCoAgencyRow,
    TaskRow,
)


@pytest.fixture
def world(runtime):
    return build_world(runtime)


CSV = (
    "\ufeffTên,Tên viết tắt,Loại,Tên khác\n"
    "Sở Nội vụ,,Sở,\n"
    "Văn phòng UBND tỉnh,VP UBND,ban,Văn phòng Ủy ban\n"
    "UBND huyện Kim Bảng,,UBND huyện,\n"
).encode()


def test_agencies_import_from_csv_and_excel_updating_same_names(runtime, world):
    coord = world.principal(runtime, "coord")
    with runtime.session() as s:
        result = agencies.import_rows(
            s, coord, actor_of(coord), "42", agencies.read_file("a.csv", CSV)
        )
        s.commit()
    assert result == {"created": 3, "updated": 0, "rows": 3}
    book = Workbook()
    book.active.append(["Tên", "Loại", "Tên khác"])
    book.active.append(["Sở Nội vụ", "Sở", "SNV; Sở NV"])
    data = io.BytesIO()
    book.save(data)
    with runtime.session() as s:
        result = agencies.import_rows(
            s, coord, actor_of(coord), "42", agencies.read_file("a.xlsx", data.getvalue())
        )
        s.commit()
        row = s.scalar(select(AgencyRow).where(AgencyRow.name == "Sở Nội vụ"))
    assert result["updated"] == 1 and row.aliases == ["SNV", "Sở NV"] and row.kind == "so"


def test_an_import_with_any_bad_row_stores_nothing_and_names_the_rows(runtime, world):
    coord = world.principal(runtime, "coord")
    bad = (
        "Tên,Loại\nSở Nội vụ,Sở\n,Sở\nSở Y tế,hành tinh\nsở nội vụ,Sở\n" + "Sở X" * 100 + ",Sở\n"
    ).encode()
    with runtime.session() as s:
        with pytest.raises(ValidationError) as caught:
            agencies.import_rows(s, coord, actor_of(coord), "42", agencies.read_file("b.csv", bad))
        s.rollback()
        assert s.scalar(select(AgencyRow.id).where(AgencyRow.name == "Sở Nội vụ")) is None
    messages = [e["msg"] for e in caught.value.errors]
    assert any(m.startswith("Dòng 3:") and "không được để trống" in m for m in messages)
    assert any(m.startswith("Dòng 4:") and "Loại cơ quan" in m for m in messages)
    assert any(m.startswith("Dòng 5:") and "trùng với dòng 2" in m for m in messages)
    assert any(m.startswith("Dòng 6:") and "dài quá" in m for m in messages)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "rỗng"),
        (b"Ten\n", "tiêu đề"),
        (b"Name\n", "chỉ có dòng tiêu đề"),
        (b"\xff\xfe\x00x", "UTF-8"),
        (b"PK\x03\x04garbage", "Excel"),
    ],
)
def test_bad_agency_files_get_a_clear_message(data, expected):
    with pytest.raises(ValidationError, match=expected):
        agencies.read_file("x", data)


def test_agencies_of_another_province_are_out_of_reach(runtime, world):
    coord_hn = world.principal(runtime, "coord_hn")
    with runtime.session() as s:
        with pytest.raises(PermissionDenied):
            agencies.create(s, coord_hn, actor_of(coord_hn), "42", {"name": "Sở Mới"})
        with pytest.raises(PermissionDenied):
            agencies.update(s, coord_hn, actor_of(coord_hn), world.agency_a, {"name": "Đổi tên"})


def test_assignment_with_co_agencies_deadline_baseline_is_validated_and_audited(runtime, world):
    coord = world.principal(runtime, "coord")
    with runtime.session() as s:
        task = s.get(TaskRow, world.tasks[2])
        rev = task.revision
        with pytest.raises(ValidationError) as caught:
            assignment.assign_task(
                s,
                coord,
                actor_of(coord),
                task.id,
                {"lead_agency_id": "999", "deadline": "năm sau"},
                expected_revision=rev,
            )
        assert {e["loc"][0] for e in caught.value.errors} == {"lead_agency_id", "deadline"}
        assignment.assign_task(
            s,
            coord,
            actor_of(coord),
            task.id,
            {
                "lead_agency_id": world.agency_a,
                "co_agency_ids": [world.agency_b, world.agency_a],
                "deadline": "2027",
            },
            expected_revision=rev,
        )
        s.commit()
        assert list(
            s.scalars(select(TaskCoAgencyRow.agency_id).where(TaskCoAgencyRow.task_id == task.id))
        ) == [world.agency_b]
        assert task.deadline_due == dt.date(2027, 12, 31)
        with pytest.raises(Conflict):
            assignment.assign_task(
                s, coord, actor_of(coord), task.id, {"continuing": "1"}, expected_revision=rev
            )
        target = s.get(TargetRow, world.targets[0])
        with pytest.raises(ValidationError) as caught:
            assignment.assign_target(
                s,
                coord,
                actor_of(coord),
                target.id,
                {"baseline_value": "150", "baseline_date": "", "direction": "sideways"},
                expected_revision=target.revision,
            )
        assert {e["loc"][0] for e in caught.value.errors} == {"baseline_value", "direction"}
        assignment.assign_target(
            s,
            coord,
            actor_of(coord),
            target.id,
            {
                "responsible_agency_id": str(world.agency_b),
                "baseline_value": "35,5",
                "baseline_date": "31/12/2024",
                "direction": "higher",
                "data_source": "Cổng DVC",
            },
            expected_revision=target.revision,
        )
        s.commit()
        entry = s.scalar(select(AuditRow).where(AuditRow.action == "target.assign"))
    assert entry.before["responsible_agency_id"] == world.agency_a
    assert entry.after["baseline_value"] == 35.5 and entry.after["baseline_date"] == "2024-12-31"


def test_lead_proposals_are_confirmed_or_declined(runtime, world):
    coord = world.principal(runtime, "coord")
    with runtime.session() as s:
        _plan, _, views = assignment.proposals(s, coord, world.plan_id)
        by_task = {v.task.id: v for v in views}
        assert by_task[world.tasks[0]].proposal.best.agency_id == world.agency_a  # "Sở KH&CN"
        assert by_task[world.tasks[1]].proposal.best.agency_id == world.agency_b  # "Sở Tài chính"
        s.get(TaskRow, world.tasks[0]).lead_agency_id = None
        assignment.decide_lead(
            s, coord, actor_of(coord), world.tasks[0], "proposed", expected_revision=None
        )
        assignment.decide_lead(
            s, coord, actor_of(coord), world.tasks[1], "none", expected_revision=None
        )
        s.commit()
        assert s.get(TaskRow, world.tasks[0]).lead_agency_id == world.agency_a
        assert s.get(TaskRow, world.tasks[1]).lead_agency_id is None
        _, _, pending = assignment.proposals(s, coord, world.plan_id, pending_only=True)
        assert {v.task.id for v in pending} == {world.tasks[2]}
        with pytest.raises(PermissionDenied):
            assignment.proposals(s, world.principal(runtime, "coord_hn"), world.plan_id)


def test_periods_follow_the_plan_rule_are_generated_once_and_changes_are_audited(runtime, world):
    coord = world.principal(runtime, "coord")
    with runtime.session() as s:
        rows = periods.list_for_plan(s, world.plan_id)
        q3 = next(p for p in rows if p.key == "2026-Q3")
        # "trước ngày 15 của tháng cuối quý"; cut-off 15/6 → 14/9 (Nghị định 09/2019).
        assert (q3.due, q3.cutoff_start, q3.cutoff_end) == (
            dt.date(2026, 9, 15),
            dt.date(2026, 6, 15),
            dt.date(2026, 9, 14),
        )
        assert rows[0].key == "2025-Q1"
        assert periods.generate(s, coord, actor_of(coord), world.plan_id, until_year=2026) == []
        added = periods.add_adhoc(
            s,
            coord,
            actor_of(coord),
            world.plan_id,
            {
                "label": "Báo cáo nhanh",
                "start": "01/10/2026",
                "end": "15/10/2026",
                "due": "20/10/2026",
            },
        )
        assert added.origin == "adhoc" and added.cutoff_end == dt.date(2026, 10, 15)
        periods.move_due(
            s,
            coord,
            actor_of(coord),
            q3.id,
            {"due": "20/09/2026", "reason": "Nghỉ lễ"},
            expected_revision=q3.revision,
        )
        s.commit()
        entry = s.scalar(select(AuditRow).where(AuditRow.action == "period.move_due"))
        assert (entry.before["due"], entry.after["due"], entry.note) == (
            "2026-09-15",
            "2026-09-20",
            "Nghỉ lễ",
        )
        with pytest.raises(ValidationError):
            periods.move_due(
                s,
                coord,
                actor_of(coord),
                q3.id,
                {"due": "01/01/2026", "reason": ""},
                expected_revision=None,
            )


def test_the_schedule_rules_for_duties():
    def duty(freq, due=None):
        return DutyRow(kind="report", frequency=freq, due=due, active=True, deleted=False)

    assert periods.schedule([])[0].value == "quarterly" and periods.schedule([])[2] == "default"
    freq, rule, _ = periods.schedule(
        [duty(["annual", "semiannual"]), duty([], {"dates": ["06-15", "12-01"]})]
    )
    assert freq.value == "semiannual" and rule == {"dates": ["06-15", "12-01"]}
    assert periods.schedule([duty(["monthly", "quarterly"])])[0].value == "quarterly"
    assert periods.schedule([duty(["adhoc"])])[0].value == "quarterly"


def test_the_audit_log_is_scoped_filtered_and_exported(runtime, world):
    coord, coord_hn = world.principal(runtime, "coord"), world.principal(runtime, "coord_hn")
    with runtime.session() as s:
        periods.add_adhoc(
            s,
            coord,
            actor_of(coord, "10.0.0.9"),
            world.plan_id,
            {
                "label": "=HYPERLINK(1)",
                "start": "01/10/2026",
                "end": "15/10/2026",
                "due": "20/10/2026",
            },
        )
        s.commit()
        f = auditlog.clean_filters({"action": "period."})
        mine = auditlog.search(s, coord, f)
        assert {r.action for r in mine} == {"period.generate", "period.add"}
        assert auditlog.search(s, coord_hn, f) == []
        by_user = auditlog.search(s, coord, auditlog.clean_filters({"user": "dieuphoi.ht"}))
        assert [r.action for r in by_user] == ["period.add"] and by_user[0].ip == "10.0.0.9"
        with pytest.raises(ValidationError):
            auditlog.clean_filters({"date_from": "32/01/2026"})
        with pytest.raises(PermissionDenied):
            auditlog.search(s, world.principal(runtime, "rep_a"), f)
    text = "".join(
        auditlog.export_csv(
            runtime.session_factory, coord, auditlog.clean_filters({"user": "dieuphoi.ht"})
        )
    )
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Thời gian,Người thực hiện") and len(lines) == 2
    assert "HYPERLINK" in lines[1]
    # Cells a spreadsheet would run as formulas are written as text.
    assert (
        auditlog._safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
        and auditlog._safe("bình thường") == "bình thường"
    )
