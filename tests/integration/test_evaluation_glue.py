"""The reporting workflow feeds evaluation: expected reports, submissions, approvals, reopening."""

import datetime as dt

from sqlalchemy import select

from tests.reporting_support import build_world, good_entries
from tiendo.domain.actor import Actor
from tiendo.reporting import reports
from tiendo.store.tables import ObservationRow, SubmissionRow, TargetStatusRow, TaskProgressRow

ACTOR = Actor.system()


def submissions_of(s, world, period_key):
    return {
        r.agency_id: r
        for r in s.scalars(
            select(SubmissionRow).where(
                SubmissionRow.plan_id == world.plan_id, SubmissionRow.period_key == period_key
            )
        )
    }


def test_opening_periods_expects_a_report_from_every_assigned_agency(runtime):
    world = build_world(runtime)
    with runtime.session() as s:
        expected = submissions_of(s, world, "2026-Q3")
        assert set(expected) == {world.agency_a, world.agency_b}
        assert all(r.submitted_at is None for r in expected.values())


def test_submission_approval_and_reopening_reach_the_facts(runtime):
    world = build_world(runtime)
    rep_a = world.principal(runtime, "rep_a")
    coord = world.principal(runtime, "coord")
    tasks, values = good_entries(world)
    with runtime.session() as s:
        report = reports.open_report(s, rep_a, ACTOR, world.period_id, world.agency_a)
        reports.save(s, rep_a, ACTOR, report.id, tasks=tasks, values=values, expected_revision=None)
        sent_at = dt.datetime(2026, 9, 20, 3, 0, tzinfo=dt.UTC)
        reports.submit(s, rep_a, ACTOR, report.id, expected_revision=None, now=sent_at)
        s.commit()
        row = submissions_of(s, world, "2026-Q3")[world.agency_a]
        assert (
            row.report_id == report.id and row.submitted_at is not None and row.approved_at is None
        )
        assert not s.scalars(select(ObservationRow)).all()

        reports.approve(s, coord, ACTOR, report.id, expected_revision=None)
        s.commit()
        observed = {
            o.target_id: o.value
            for o in s.scalars(select(ObservationRow).where(ObservationRow.retracted.is_(False)))
        }
        assert observed == {world.targets[0]: 45.5, world.targets[1]: 1234.0}
        progress = s.scalars(
            select(TaskProgressRow).where(TaskProgressRow.report_id == report.id)
        ).one()
        assert progress.state == "in_progress" and progress.percent_done == 40
        assert submissions_of(s, world, "2026-Q3")[world.agency_a].approved_at is not None
        # One value and no baseline: not enough data yet, and the status says which value it saw.
        status = s.get(TargetStatusRow, world.targets[0])
        assert status.status == "no_data" and "45.5" in str(
            status.explanation["explanation"]["inputs"]
        )

        reports.reopen(
            s, coord, ACTOR, report.id, expected_revision=None, comment="Sửa số liệu quý III"
        )
        s.commit()
        assert all(
            o.retracted
            for o in s.scalars(select(ObservationRow).where(ObservationRow.report_id == report.id))
        )


def test_the_periodic_report_shows_approved_progress_statuses_and_difficulties(runtime):
    from tiendo.export import report_service
    from tiendo.export.report_source import load_report
    from tiendo.store.tables import PlanRow

    world = build_world(runtime)
    rep_a = world.principal(runtime, "rep_a")
    coord = world.principal(runtime, "coord")
    tasks, values = good_entries(world)
    tasks[world.tasks[0]]["difficulties"] = "Thiếu kinh phí cho hội nghị trực tuyến."
    with runtime.session() as s:
        s.get(PlanRow, world.plan_id).status = "published"
        report = reports.open_report(s, rep_a, ACTOR, world.period_id, world.agency_a)
        reports.save(s, rep_a, ACTOR, report.id, tasks=tasks, values=values, expected_revision=None)
        reports.submit(s, rep_a, ACTOR, report.id, expected_revision=None)
        reports.approve(s, coord, ACTOR, report.id, expected_revision=None)
        s.commit()
        result = load_report(
            s, "42", report_service.parse_period("2026-Q3"), today=dt.date(2026, 10, 20)
        )
    assert result.available.task_statuses and result.available.target_statuses
    line = next(t for t in result.tasks if t.id == world.tasks[0])
    assert line.percent_done == 40 and line.result == "Đã tổ chức 3 hội nghị."
    target = next(t for t in result.targets if t.id == world.targets[0])
    assert target.latest_value == 45.5 and target.status_label
    assert result.agency_notes[0].agency == "Sở Khoa học và Công nghệ"
    assert result.agency_notes[0].difficulties == ("Thiếu kinh phí cho hội nghị trực tuyến.",)


def test_open_data_publishes_approved_values_and_task_statuses_of_published_plans(runtime):
    from tiendo.export.opendata import DATASETS
    from tiendo.store.tables import PlanRow

    world = build_world(runtime)
    rep_a = world.principal(runtime, "rep_a")
    coord = world.principal(runtime, "coord")
    tasks, values = good_entries(world)
    with runtime.session() as s:
        report = reports.open_report(s, rep_a, ACTOR, world.period_id, world.agency_a)
        reports.save(s, rep_a, ACTOR, report.id, tasks=tasks, values=values, expected_revision=None)
        reports.submit(s, rep_a, ACTOR, report.id, expected_revision=None)
        reports.approve(s, coord, ACTOR, report.id, expected_revision=None)
        s.get(PlanRow, world.plan_id).status = "draft"
        s.commit()
        assert list(DATASETS["gia-tri-chi-tieu"].rows(s, "http://x")) == []
        s.get(PlanRow, world.plan_id).status = "published"
        s.commit()
        rows = list(DATASETS["gia-tri-chi-tieu"].rows(s, "http://x"))
        assert {(r["target_id"], r["value"], r["period"]) for r in rows} == {
            (world.targets[0], 45.5, "2026-Q3"),
            (world.targets[1], 1234.0, "2026-Q3"),
        }
        assert rows[0]["agency"] == "Sở Khoa học và Công nghệ"
        statuses = {r["task_id"]: r for r in DATASETS["tinh-trang-nhiem-vu"].rows(s, "http://x")}
        assert (
            statuses[world.tasks[0]]["percent_done"] == 40
            and statuses[world.tasks[0]]["status_label"]
        )
