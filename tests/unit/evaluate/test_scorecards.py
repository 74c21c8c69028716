"""Scorecards, the composite score and the ranking, on counts worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from eval_builders import day, level, obs
from hypothesis import given
from hypothesis import strategies as st

from tiendo.domain.periods import make_period
from tiendo.domain.plan import Deadline
from tiendo.evaluate.model import Submission, TaskSpec
from tiendo.evaluate.scorecards import Weights, build_scorecards, rank_scorecards
from tiendo.evaluate.targets import TargetStatus, evaluate_target
from tiendo.evaluate.tasks import evaluate_continuing_task, evaluate_task
from tiendo.evaluate.timeliness import classify_submission

TODAY = day("2026-07-10")
DUE = Deadline(due=day("2026-06-30"), precision="month")
LATER = Deadline(due=day("2026-12-31"), precision="year")


def task_result(id, agency, **fields):
    return evaluate_task(TaskSpec(id=id, agency=agency, **fields), TODAY)


def target_result(id, agency, value, **fields):
    spec = level(id=id, agency=agency, **fields)
    return evaluate_target(spec, obs(("2025-12-31", value)) if value is not None else [], TODAY)


def report(id, agency, at):
    submitted = None if at is None else dt.datetime.fromisoformat(at)
    return classify_submission(
        Submission(
            id=id, agency=agency, period_key=f"p{id}", due=day("2026-03-15"), submitted_at=submitted
        ),
        TODAY,
    )


def agency_a():
    q1 = make_period("quarterly", 2026, 1)
    continuing = TaskSpec(id="c1", agency="A", deadline=Deadline(continuing=True))
    tasks = [
        task_result("t1", "A", deadline=DUE, completed_at=day("2026-06-20")),
        task_result("t2", "A", deadline=DUE, completed_at=day("2026-07-05")),
        task_result("t3", "A", deadline=DUE, reported_state="in_progress"),
        task_result("t4", "A", deadline=LATER, reported_state="in_progress"),
        evaluate_continuing_task(continuing, q1, dt.datetime(2026, 3, 20), TODAY),
    ]
    targets = [
        target_result("g1", "A", 75),  # achieved
        target_result("g2", "A", 45.5),  # on the path: 40 + 30 × 365/2191 = 45,0
        target_result("g3", "A", 44),  # behind
        target_result("g4", "A", None),  # no data
    ]
    reports = [
        report(1, "A", "2026-03-10T08:00"),
        report(2, "A", "2026-03-15T16:00"),
        report(3, "A", "2026-03-20T08:00"),
    ]
    return tasks, targets, reports


def test_statuses_used_by_the_example_are_as_intended():
    _, targets, _ = agency_a()
    assert [t.status for t in targets] == [
        TargetStatus.ACHIEVED,
        TargetStatus.ON_TRACK,
        TargetStatus.BEHIND,
        TargetStatus.NO_DATA,
    ]


def test_scorecard_shares_keep_their_ids():
    tasks, targets, reports = agency_a()
    (card,) = build_scorecards(tasks, targets, reports, by="agency")
    assert card.key == "A"
    assert card.tasks_on_time.numerator == ("t1", ("c1", "2026-Q1"))
    assert card.tasks_on_time.denominator == ("t1", "t2", "t3", ("c1", "2026-Q1"))
    assert card.tasks_on_time.value == 0.5
    assert card.tasks_overdue.numerator == ("t3",)
    assert card.tasks_overdue.value == 0.25
    assert card.targets_on_track.numerator == (("g1", 2030), ("g2", 2030))
    assert card.targets_on_track.value == 0.5  # no-data targets count in the denominator
    assert card.targets_at_risk.value == 0.0
    assert card.reports_on_time.numerator == (1, 2)
    assert card.reports_on_time.value == pytest.approx(2 / 3)
    # 100 × (0,4 × 0,5 + 0,4 × 0,5 + 0,2 × 2/3)
    assert card.composite == pytest.approx(100 * (0.2 + 0.2 + 0.2 * 2 / 3))
    assert card.explanation.text.startswith(
        "Điểm tổng hợp 53,3 = 100 × (0,4 × nhiệm vụ đúng hạn 50% (2/4)"
    )
    data = card.as_dict()
    assert data["shares"]["tasks_overdue"]["numerator"] == {"count": 1, "ids": ["t3"]}


def test_weights_are_rescaled_over_the_shares_with_data():
    (card,) = build_scorecards(
        [task_result("t5", "B", deadline=DUE, completed_at=day("2026-06-01"))]
    )
    assert card.composite == 100.0
    assert card.explanation.text.startswith(
        "Điểm tổng hợp 100 = 100 × (1 × nhiệm vụ đúng hạn 100% (1/1))."
    )
    assert card.targets_on_track.value is None


def test_tasks_without_deadline_do_not_count_for_timeliness():
    free = Deadline()
    tasks = [
        task_result("t1", "A", deadline=free, completed_at=day("2026-06-01")),
        task_result("t2", "A", deadline=free),
        task_result("t3", "A", deadline=DUE),
    ]
    (card,) = build_scorecards(tasks)
    assert card.tasks_on_time.denominator == ("t3",)
    assert card.tasks_overdue.denominator == ("t3",)


def test_custom_weights():
    tasks, targets, reports = agency_a()
    (card,) = build_scorecards(
        tasks, targets, reports, weights=Weights(tasks=1, targets=0, reports=0)
    )
    assert card.composite == 50.0
    with pytest.raises(ValueError):
        Weights(tasks=-1)
    with pytest.raises(ValueError):
        Weights(0, 0, 0)


def test_group_without_any_data_has_no_score():
    not_due = task_result("t9", "C", deadline=LATER)
    (card,) = build_scorecards([not_due])
    assert card.composite is None
    assert card.explanation.text.startswith("Chưa có dữ liệu để tính điểm tổng hợp.")


def test_scorecards_per_province():
    tasks = [
        task_result("t1", "A", deadline=DUE, completed_at=day("2026-06-20"), province="Hà Tĩnh"),
        task_result("t2", "B", deadline=DUE, province="Hà Tĩnh"),
        task_result("t3", "C", deadline=DUE, province="Ninh Bình"),
    ]
    cards = build_scorecards(tasks, by="province")
    assert [(c.key, c.tasks_on_time.value) for c in cards] == [("Hà Tĩnh", 0.5), ("Ninh Bình", 0.0)]


def test_ranking_orders_by_score_with_reasons():
    tasks, targets, reports = agency_a()
    tasks.append(task_result("t5", "B", deadline=DUE, completed_at=day("2026-06-01")))
    ranked = rank_scorecards(build_scorecards(tasks, targets, reports))
    assert [(r.position, r.key) for r in ranked] == [(1, "B"), (2, "A")]
    assert ranked[1].reasons[0].startswith("Điểm tổng hợp 53,3")


def test_ties_are_broken_by_targets_then_tasks_then_reports_then_name():
    # A: tasks 1/1, targets 1/2 → 0,75; B: tasks 1/2, targets 2/2 → 0,75.
    tasks = [
        task_result("a1", "A", deadline=DUE, completed_at=day("2026-06-01")),
        task_result("b1", "B", deadline=DUE, completed_at=day("2026-06-01")),
        task_result("b2", "B", deadline=DUE),
        task_result("z1", "Z", deadline=DUE, completed_at=day("2026-06-01")),
        task_result("y1", "Y", deadline=DUE, completed_at=day("2026-06-01")),
    ]
    targets = [
        target_result("ga1", "A", 75),
        target_result("ga2", "A", 41),
        target_result("gb1", "B", 75),
        target_result("gb2", "B", 80),
    ]
    ranked = rank_scorecards(build_scorecards(tasks, targets))
    assert [r.key for r in ranked] == ["Y", "Z", "B", "A"]
    assert ranked[0].scorecard.composite == ranked[1].scorecard.composite == 100.0
    assert ranked[1].reasons[-1] == "Bằng điểm và bằng mọi tiêu chí phụ với Y; xếp theo tên."
    assert ranked[2].scorecard.composite == pytest.approx(ranked[3].scorecard.composite)
    assert ranked[3].reasons[-1] == (
        "Bằng điểm với B; xếp sau vì tỷ lệ chỉ tiêu đã đạt hoặc đúng tiến độ thấp hơn (50% so với 100%)."
    )


def test_groups_without_score_come_last():
    tasks = [
        task_result("t1", "A", deadline=LATER),
        task_result("t2", "B", deadline=DUE),
    ]
    ranked = rank_scorecards(build_scorecards(tasks))
    assert [(r.key, r.scorecard.composite) for r in ranked] == [("B", 0.0), ("A", None)]


@given(st.permutations(["A", "B", "C", "D", "E"]), st.lists(st.booleans(), min_size=5, max_size=5))
def test_ranking_does_not_depend_on_input_order(order, done):
    tasks = [
        task_result(f"t{name}", name, deadline=DUE, completed_at=day("2026-06-01") if d else None)
        for name, d in zip(order, done, strict=True)
    ]
    ranked = rank_scorecards(build_scorecards(tasks))
    again = rank_scorecards(reversed(build_scorecards(tasks)))
    assert [r.key for r in ranked] == [r.key for r in again]
    assert [r.position for r in ranked] == [1, 2, 3, 4, 5]
    scores = [r.scorecard.composite for r in ranked]
    assert scores == sorted(scores, reverse=True)
