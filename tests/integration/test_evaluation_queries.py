"""Dashboards, scorecards, warnings and the catalogue on both databases."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from tests.evaluation_support import TODAY, record_facts, seed_plan
from tiendo.accounts.roles import Principal
from tiendo.domain.actor import Actor
from tiendo.errors import PermissionDenied, ValidationError
from tiendo.evaluate import alerts, catalogue, mapping
from tiendo.evaluate.dashboard import dashboard
from tiendo.evaluate.explanation import Explanation
from tiendo.evaluate.queries import (
    Filters,
    list_reports,
    list_targets,
    list_tasks,
    resolve_scope,
)
from tiendo.evaluate.ranking import ranking
from tiendo.evaluate.scorecards import build_scorecards
from tiendo.evaluate.targets import TargetResult, TargetStatus
from tiendo.evaluate.tasks import TaskResult, TaskStatus
from tiendo.evaluate.timeliness import classify_submission
from tiendo.store.queries import Visibility
from tiendo.store.tables import AuditRow, SubmissionRow, TargetStatusRow, TaskStatusRow

EVERYTHING = Visibility.everything()


@pytest.fixture
def seeded(runtime):
    seeded = seed_plan(runtime)
    record_facts(runtime, seeded)
    return seeded


def _list_for(session, link, today=TODAY):
    """Follow a drill-down link: the list it names, with its filters."""
    parts = urlsplit(link)
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    bucket, status = params.pop("bucket", None), params.pop("status", None)
    extra = {}
    if params.pop("recent", None):
        extra["since"] = today - dt.timedelta(days=120)
    for key in ("plan", "agency"):
        if key in params:
            params[key] = int(params[key])
    scope = resolve_scope(session, EVERYTHING, Filters(**params), today)
    lister = {
        "/danh-gia/nhiem-vu": list_tasks,
        "/danh-gia/chi-tieu": list_targets,
        "/danh-gia/bao-cao": list_reports,
    }[parts.path]
    return lister(session, scope, bucket=bucket, status=status, limit=500, **extra)


def test_dashboard_counts_match_the_hand_computed_scenario(runtime, seeded):
    with runtime.session() as s:
        board = dashboard(s, EVERYTHING, Filters(), TODAY)
    targets = {i.status: i.count for i in board.targets.items}
    assert board.targets.total == 3  # T1b is a later milestone of T1, not counted again
    assert (targets["achieved"], targets["behind"], targets["no_data"]) == (1, 1, 1)
    tasks = {i.status: i.count for i in board.tasks.items}
    assert (tasks["done_on_time"], tasks["overdue"], tasks["due_soon"]) == (1, 1, 1)
    assert tasks["continuing_unreported"] == 1
    assert [g.key for g in board.tasks_by_group] == ["1", "2"]
    assert board.tasks_by_agency[0].key == str(seeded.agency_a)  # the one with an overdue task
    q1, q2 = board.timeliness
    assert (q1.period_key, q1.on_time, q1.late, q1.label) == ("2026-Q1", 1, 1, "Quý I/2026")
    assert (q2.on_time, q2.missing, q2.timeliness) == (1, 1, 0.5)
    kinds = {k.kind: k.count for k in board.warnings.kinds}
    assert kinds["task_overdue"] == 1 and kinds["report_missing"] == 1
    assert kinds["target_behind"] == 1 and kinds["report_late"] == 1
    assert board.warnings.items[0].severity == "high"


def test_every_dashboard_count_leads_to_a_list_of_exactly_those_items(runtime, seeded):
    with runtime.session() as s:
        board = dashboard(s, EVERYTHING, Filters(), TODAY)
        for item in [*board.targets.items, *board.tasks.items]:
            assert _list_for(s, item.link).total == item.count, item.link
        for group in [*board.tasks_by_group, *board.tasks_by_agency]:
            assert _list_for(s, group.link).total == group.total
        for period in board.timeliness:
            assert _list_for(s, period.link).total == period.expected + period.not_due
        for kind in board.warnings.kinds:
            if not kind.link.startswith("/danh-gia/canh-bao"):
                assert _list_for(s, kind.link).total == kind.count, kind.link


@pytest.mark.parametrize("by", ["agency", "plan", "province", "period"])
def test_report_timeliness_per_group_drills_down_to_the_reports(runtime, seeded, by):
    from tiendo.evaluate.dashboard import timeliness_by

    with runtime.session() as s:
        scope = resolve_scope(s, EVERYTHING, Filters(), TODAY)
        table = timeliness_by(s, scope, by)
        assert sum(r.expected for r in table.rows) == 4
        assert sum(r.on_time for r in table.rows) == 2
        for row in table.rows:
            assert _list_for(s, row.link).total == row.expected + row.not_due


@pytest.mark.parametrize("by", ["agency", "province"])
def test_scorecard_numbers_drill_down_to_the_items_counted(runtime, seeded, by):
    with runtime.session() as s:
        result = ranking(s, EVERYTHING, Filters(), TODAY, by=by)
        assert result.total >= 1
        for card in result.items:
            for share in card.shares:
                assert _list_for(s, share.numerator_link).total == share.numerator
                assert _list_for(s, share.denominator_link).total == share.denominator


def test_a_page_of_the_ranking_is_that_part_of_the_whole_ranking(runtime, seeded):
    second = seed_plan(
        runtime, province="Hà Nam", number="2/KH", checksum="d" * 64, province_code="35"
    )
    record_facts(runtime, second)
    with runtime.session() as s:
        whole = ranking(s, EVERYTHING, Filters(), TODAY, by="agency")
        pages = [
            ranking(s, EVERYTHING, Filters(), TODAY, by="agency", limit=1, offset=i).items[0]
            for i in range(whole.total)
        ]
    assert whole.total == 4
    assert [(c.position, c.key, c.reasons) for c in pages] == [
        (c.position, c.key, c.reasons) for c in whole.items
    ]
    assert any(len(c.reasons) == 2 for c in whole.items)  # the two identical agencies tie


def _pure_scorecards(session):
    """The same scorecards from the pure core, with ids, from the stored rows."""
    tasks = [
        TaskResult(
            r.task_id,
            TaskStatus(r.status),
            Explanation("x", ""),
            due=r.due,
            period_key=r.period_key,
            agency=r.agency_id,
        )
        for r in session.scalars(select(TaskStatusRow))
    ]
    targets = [
        TargetResult(
            r.target_id,
            "",
            r.year,
            TargetStatus(r.status),
            Explanation("x", ""),
            agency=r.agency_id,
        )
        for r in session.scalars(
            select(TargetStatusRow).where(TargetStatusRow.is_current.is_(True))
        )
    ]
    reports = [
        classify_submission(mapping.submission(r), TODAY)
        for r in session.scalars(select(SubmissionRow))
    ]
    return {c.key: c for c in build_scorecards(tasks, targets, reports, by="agency")}


def test_scores_counted_in_the_database_equal_the_pure_core(runtime, seeded):
    with runtime.session() as s:
        pure = _pure_scorecards(s)
        result = ranking(s, EVERYTHING, Filters(), TODAY, by="agency")
    assert len(result.items) == len(pure)
    for card in result.items:
        expected = pure[int(card.key)]
        assert card.composite == pytest.approx(expected.composite)
        shares = {sh.name: (sh.numerator, sh.denominator) for sh in card.shares}
        assert shares["tasks_on_time"] == (
            len(expected.tasks_on_time.numerator),
            len(expected.tasks_on_time.denominator),
        )
        assert shares["reports_on_time"] == (
            len(expected.reports_on_time.numerator),
            len(expected.reports_on_time.denominator),
        )
    # A: 1 of 3 tasks come due on time (K1; K2 overdue, K4 unreported), 1 of 3 targets good
    # (T2; T1 behind, T3 no data), 1 of 2 reports on time: 100 × (0,4/3 + 0,4/3 + 0,2/2) = 36,7.
    a = next(c for c in result.items if int(c.key) == seeded.agency_a)
    assert a.composite == pytest.approx(100 * (0.4 / 3 + 0.4 / 3 + 0.2 / 2))


def test_the_public_sees_published_plans_only_and_leaders_their_province(runtime, seeded):
    draft = seed_plan(
        runtime,
        province="Hà Nam",
        number="1/KH",
        checksum="b" * 64,
        publish=False,
        province_code="35",
    )
    with runtime.session() as s:
        public = dashboard(s, Visibility.public(), Filters(), TODAY)
        assert public.tasks.total == 4  # only Hà Tĩnh's published plan
        ninh_binh = Visibility(draft_provinces=frozenset({"37", "35", "36"}))
        leader = dashboard(s, ninh_binh, Filters(province="37"), TODAY)
        assert leader.tasks.total == 4  # Hà Nam's draft rolls up into Ninh Bình
        assert dashboard(s, Visibility.public(), Filters(province="37"), TODAY).tasks.total == 0
        scope = resolve_scope(s, ninh_binh, Filters(province="37"), TODAY)
        assert list(scope.plans) == [draft.plan_id]


def test_warnings_for_an_agency_are_what_reminders_need(runtime, seeded):
    with runtime.session() as s:
        found = alerts.warnings_for_agency(s, seeded.agency_a, TODAY)
    kinds = [w.kind for w in found]
    assert kinds[0] == "task_overdue"
    assert {"report_missing", "task_unreported", "target_behind"} <= set(kinds)
    assert all(w.agency == seeded.agency_a for w in found if w.item_type != "observation")


def test_an_agency_silent_for_two_periods_is_flagged(runtime, seeded):
    from tiendo.evaluate import facts

    with runtime.session() as s:
        facts.record_submission(
            s,
            facts.SubmissionFact(
                seeded.agency_a, "2026-03", dt.date(2026, 6, 20), seeded.plan_id, "42"
            ),
            today=TODAY,
        )
        s.commit()
        scope = resolve_scope(s, EVERYTHING, Filters(), TODAY)
        counts = alerts.warning_counts(s, scope)
        items = alerts.kind_items(s, scope, "agency_silent")
    assert sum(v for (k, _), v in counts.items() if k == "agency_silent") == 1
    assert len(items) == 1 and "2 kỳ liên tiếp" in items[0][0].message


def test_values_far_from_history_are_warned_about_in_their_scope(runtime, seeded):
    from tiendo.evaluate import facts

    t2 = seeded.targets["T2"]
    with runtime.session() as s:
        history = [
            facts.ObservationFact(t2, 100.0 + 10 * i + (i % 2), dt.date(2019 + i, 12, 31))
            for i in range(6)
        ]
        facts.record_observations(s, history, today=TODAY)
        facts.record_observations(
            s, [facts.ObservationFact(t2, 900.0, dt.date(2026, 3, 31))], today=TODAY
        )
        s.commit()
        scope = resolve_scope(s, EVERYTHING, Filters(), TODAY)
        counts = alerts.warning_counts(s, scope)
        items = alerts.kind_items(s, scope, "value_outlier")
        elsewhere = resolve_scope(s, EVERYTHING, Filters(province="01"), TODAY)
        assert alerts.warning_counts(s, elsewhere)[("value_outlier", alerts.Severity.MEDIUM)] == 0
    assert counts[("value_outlier", alerts.Severity.MEDIUM)] == 1
    assert "Đề nghị kiểm tra lại số liệu" in items[0][0].message
    assert items[0][1] == f"/danh-gia/chi-tieu/{t2}"


def test_coordinators_confirm_links_and_provinces_are_compared(runtime, seeded):
    merged = seed_plan(
        runtime, province="Hà Nam", number="441/KH-UBND", checksum="c" * 64, province_code="35"
    )
    record_facts(runtime, merged)
    coordinator = Principal.of(user_id=None, username="dp", role="coordinator", province_code="37")
    outsider = Principal.of(user_id=None, username="dp2", role="coordinator", province_code="42")
    with runtime.session() as s:
        proposals = {p.target_id: p for p in catalogue.proposals(s, merged.plan_id)}
        online = proposals[merged.targets["T1"]]
        assert online.state == "proposed" and online.code == "NQ57-07"
        with pytest.raises(PermissionDenied):
            catalogue.decide(
                s, outsider, Actor(label="dp2"), merged.targets["T1"], "confirm", "NQ57-07"
            )
        with pytest.raises(ValidationError):
            catalogue.decide(
                s, coordinator, Actor(label="dp"), merged.targets["T1"], "confirm", "NQ57-99"
            )
        catalogue.decide(
            s, coordinator, Actor(label="dp"), merged.targets["T1"], "confirm", "NQ57-07"
        )
        catalogue.decide(
            s,
            Principal.of(user_id=None, username="a", role="admin"),
            Actor(label="a"),
            seeded.targets["T1"],
            "confirm",
            "NQ57-07",
        )
        s.commit()
        audits = s.scalars(
            select(AuditRow).where(AuditRow.action == "indicator_link.confirm")
        ).all()
        assert len(audits) == 2 and audits[0].after == {
            "indicator_code": "NQ57-07",
            "state": "confirmed",
        }
        result = catalogue.comparison(s, "NQ57-07", EVERYTHING, TODAY)
        assert result.provinces == 2
        homes = {g.home.code: g for g in result.groups}
        assert set(homes) == {"37", "42"}
        row = homes["37"].rows[0]
        assert row.province.code == "35" and "Hà Nam" in row.lineage and "Ninh Bình" in row.lineage
        assert row.status == "behind" and row.latest_value == 46
        assert result.statuses == {"behind": 2}
        assert catalogue.catalogue_out(s, EVERYTHING).indicators[6].linked_targets == 2
        catalogue.decide(s, coordinator, Actor(label="dp"), merged.targets["T1"], "clear")
        s.commit()
        assert catalogue.comparison(s, "NQ57-07", EVERYTHING, TODAY).provinces == 1
