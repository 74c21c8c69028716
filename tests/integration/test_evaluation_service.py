"""The evaluation service on both databases: facts in, statuses out."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.evaluation_support import TODAY, at, record_facts, seed_plan
from tiendo.errors import ValidationError
from tiendo.evaluate import facts, service
from tiendo.store.tables import (
    ObservationRow,
    SubmissionRow,
    TargetStatusRow,
    TaskAgencyTallyRow,
    TaskGroupTallyRow,
    TaskStatusRow,
)


def assert_tallies_match(runtime):
    """The task tallies always equal the task statuses counted afresh."""
    t = TaskStatusRow
    with runtime.session() as s:
        fresh = {
            (p, g, st, d, sd): n
            for p, g, st, d, sd, n in s.execute(
                select(t.plan_id, t.group_no, t.status, t.dated, t.started, func.count()).group_by(
                    t.plan_id, t.group_no, t.status, t.dated, t.started
                )
            )
        }
        kept = {
            (r.plan_id, r.group_no, r.status, r.dated, r.started): r.n
            for r in s.scalars(select(TaskGroupTallyRow))
        }
        by_agency = {
            (r.plan_id, r.agency_id): (r.total, r.on_time, r.counted, r.overdue, r.dated)
            for r in s.scalars(select(TaskAgencyTallyRow))
        }
        fresh_agency = {}
        for row in s.scalars(select(t)):
            total, on_time, counted, overdue, dated = fresh_agency.get(
                (row.plan_id, row.agency_id), (0,) * 5
            )
            fresh_agency[(row.plan_id, row.agency_id)] = (
                total + 1,
                on_time
                + (
                    (row.status in ("done_on_time",) and row.dated)
                    or row.status == "continuing_reported"
                ),
                counted
                + (
                    (row.status in ("done_on_time", "done_late", "overdue") and row.dated)
                    or row.status in ("continuing_reported", "continuing_unreported")
                ),
                overdue + (row.status == "overdue" and row.dated),
                dated + bool(row.dated),
            )
    assert kept == fresh and by_agency == fresh_agency


def statuses(runtime, table, key):
    with runtime.session() as s:
        return {getattr(r, key): r for r in s.scalars(select(table))}


@pytest.fixture
def seeded(runtime):
    seeded = seed_plan(runtime)
    record_facts(runtime, seeded)
    return seeded


def test_recording_facts_computes_target_statuses_with_their_reasons(runtime, seeded):
    rows = statuses(runtime, TargetStatusRow, "target_id")
    t1 = rows[seeded.targets["T1"]]
    assert t1.status == "behind" and t1.is_current
    assert t1.ratio == pytest.approx(6 / (40 * 365 / 2191), rel=1e-9)
    assert t1.anticipated == pytest.approx(0.9, rel=1e-9)
    assert t1.latest_value == 46 and t1.latest_as_of == dt.date(2025, 12, 31)
    assert "Chậm tiến độ" in t1.explanation["explanation"]["text"]
    assert "mốc 2030" in t1.explanation["indicator_explanation"]["text"]
    assert t1.explanation["explanation"]["formula"]
    later = rows[seeded.targets["T1b"]]
    assert not later.is_current and later.year == 2045
    assert rows[seeded.targets["T2"]].status == "achieved"
    t3 = rows[seeded.targets["T3"]]
    assert t3.status == "no_data" and t3.is_current


def test_recording_progress_computes_task_statuses(runtime, seeded):
    rows = statuses(runtime, TaskStatusRow, "task_id")
    k = seeded.tasks
    assert rows[k["K1"]].status == "done_on_time" and rows[k["K1"]].dated
    assert rows[k["K2"]].status == "overdue" and rows[k["K2"]].days_overdue == 91
    assert rows[k["K3"]].status == "due_soon" and rows[k["K3"]].days_left == 10
    assert_tallies_match(runtime)
    k4 = rows[k["K4"]]
    assert k4.status == "continuing_unreported" and k4.period_key == "2026-Q2"
    assert not k4.dated
    assert "Quý II/2026" in k4.explanation["explanation"]["text"]


def test_submissions_store_the_vietnam_day_of_submission(runtime, seeded):
    with runtime.session() as s:
        late_night = s.scalars(select(SubmissionRow).where(SubmissionRow.report_id == 202)).one()
        # 23:30 in Vietnam on the due day is still on time, though it is 16:30 UTC.
        assert late_night.submitted_on == dt.date(2026, 6, 15)


def test_a_reopened_report_stops_counting_and_counts_again_once_approved(runtime, seeded):
    with runtime.session() as s:
        outcome = facts.retract_report(s, 101, today=TODAY)
        s.commit()
    assert outcome.retracted == 5
    rows = statuses(runtime, TargetStatusRow, "target_id")
    assert rows[seeded.targets["T1"]].status == "no_data"
    tasks = statuses(runtime, TaskStatusRow, "task_id")
    assert tasks[seeded.tasks["K1"]].status == "overdue"
    assert_tallies_match(runtime)
    with runtime.session() as s:
        assert (
            s.scalars(select(SubmissionRow).where(SubmissionRow.report_id == 101)).one().approved_at
            is None
        )
        # approved again: the same facts, recorded once more, count once
        for _ in range(2):
            facts.record_observations(
                s,
                [
                    facts.ObservationFact(
                        seeded.targets["T1"], 46.0, dt.date(2025, 12, 31), None, None, 101
                    )
                ],
                today=TODAY,
            )
        s.commit()
        live = s.scalars(
            select(ObservationRow).where(
                ObservationRow.report_id == 101, ObservationRow.retracted.is_(False)
            )
        ).all()
        assert len(live) == 1
    assert statuses(runtime, TargetStatusRow, "target_id")[seeded.targets["T1"]].status == "behind"


def test_bad_facts_are_refused_with_vietnamese_messages_and_nothing_is_stored(runtime, seeded):
    with runtime.session() as s:
        with pytest.raises(ValidationError) as caught:
            facts.record_observations(
                s,
                [
                    facts.ObservationFact(seeded.targets["T1"], float("nan"), dt.date(2026, 1, 1)),
                    facts.ObservationFact(999_999, 1.0, dt.date(1900, 1, 1)),
                ],
                today=TODAY,
            )
        messages = [e["msg"] for e in caught.value.errors]
        assert any("Dòng 1" in m and "hữu hạn" in m for m in messages)
        assert any("Dòng 2" in m and "999999" in m for m in messages)
        assert any("Dòng 2" in m and "01/01/1900" in m for m in messages)
        with pytest.raises(ValidationError, match="trạng thái"):
            facts.record_task_progress(
                s, [facts.TaskProgressFact(seeded.tasks["K1"], "xong", at("2026-03-10 09:00"))]
            )
        with pytest.raises(ValidationError, match="chưa nộp"):
            facts.record_submission(
                s,
                facts.SubmissionFact(
                    seeded.agency_a,
                    "2026-Q3",
                    dt.date(2026, 9, 15),
                    approved_at=at("2026-09-01 08:00"),
                ),
            )
        s.rollback()
        assert (
            s.scalar(select(ObservationRow.id).where(ObservationRow.value != ObservationRow.value))
            is None
        )


def test_a_value_far_from_history_is_flagged_when_recorded(runtime, seeded):
    t2 = seeded.targets["T2"]
    with runtime.session() as s:
        history = [
            facts.ObservationFact(t2, 100.0 + 10 * i + (i % 2), dt.date(2019 + i, 12, 31))
            for i in range(6)
        ]
        facts.record_observations(s, history, today=TODAY)
        outcome = facts.record_observations(
            s, [facts.ObservationFact(t2, 900.0, dt.date(2026, 3, 31))], today=TODAY
        )
        s.commit()
        assert len(outcome.outliers) == 1
        assert "Đề nghị kiểm tra lại số liệu" in outcome.outliers[0][1]
        assert s.get(ObservationRow, outcome.ids[0]).outlier


def test_recompute_all_rebuilds_the_same_statuses_and_drops_retired_items(runtime, seeded):
    before = {
        k: (r.status, r.ratio) for k, r in statuses(runtime, TargetStatusRow, "target_id").items()
    }
    tasks_before = {k: r.status for k, r in statuses(runtime, TaskStatusRow, "task_id").items()}
    with runtime.session() as s:
        from tiendo.store.tables import TaskRow

        s.get(TaskRow, seeded.tasks["K3"]).active = False
        s.flush()
        result = service.recompute_all(s, TODAY)
        s.commit()
    assert result.targets == 4 and result.tasks == 3
    assert {
        k: (r.status, r.ratio) for k, r in statuses(runtime, TargetStatusRow, "target_id").items()
    } == before
    after = {k: r.status for k, r in statuses(runtime, TaskStatusRow, "task_id").items()}
    tasks_before.pop(seeded.tasks["K3"])
    assert after == tasks_before
    assert_tallies_match(runtime)


def test_statuses_follow_the_day_they_are_computed_for(runtime, seeded):
    with runtime.session() as s:
        service.recompute_all(s, dt.date(2026, 7, 11))
        s.commit()
    tasks = statuses(runtime, TaskStatusRow, "task_id")
    assert tasks[seeded.tasks["K3"]].status == "overdue"
    assert tasks[seeded.tasks["K3"]].days_overdue == 1
