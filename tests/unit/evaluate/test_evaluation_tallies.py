"""Scorecards from counts alone give what scorecards from ids give, page by page."""

import datetime as dt

import pytest

from tiendo.evaluate.explanation import Explanation
from tiendo.evaluate.scorecards import (
    Tally,
    Weights,
    build_scorecards,
    composite_of,
    order_key,
    rank_ordered,
    rank_scorecards,
    scorecard_from_tallies,
)
from tiendo.evaluate.targets import TargetResult, TargetStatus
from tiendo.evaluate.tasks import TaskResult, TaskStatus


def _tasks(agency, on_time, late):
    due = dt.date(2026, 3, 31)
    out = [
        TaskResult(
            f"{agency}-ok{i}", TaskStatus.DONE_ON_TIME, Explanation("x", ""), due=due, agency=agency
        )
        for i in range(on_time)
    ]
    out += [
        TaskResult(
            f"{agency}-late{i}", TaskStatus.OVERDUE, Explanation("x", ""), due=due, agency=agency
        )
        for i in range(late)
    ]
    return out


def _targets(agency, good, bad):
    out = [
        TargetResult(
            f"{agency}-g{i}", "", 2030, TargetStatus.ON_TRACK, Explanation("x", ""), agency=agency
        )
        for i in range(good)
    ]
    out += [
        TargetResult(
            f"{agency}-b{i}", "", 2030, TargetStatus.AT_RISK, Explanation("x", ""), agency=agency
        )
        for i in range(bad)
    ]
    return out


# Agencies with ties on the score, broken by targets, then by name.
PLAN = {
    "A": (3, 1, 2, 2),
    "B": (2, 2, 3, 1),
    "C": (3, 1, 2, 2),
    "D": (0, 0, 0, 0),
    "E": (1, 3, 1, 3),
}


def _cards_from_ids():
    tasks, targets = [], []
    for agency, (ok, late, good, bad) in PLAN.items():
        tasks += _tasks(agency, ok, late)
        targets += _targets(agency, good, bad)
    return build_scorecards(tasks, targets, by="agency")


def _cards_from_counts():
    cards = []
    for agency, (ok, late, good, bad) in PLAN.items():
        cards.append(
            scorecard_from_tallies(
                agency,
                {
                    "tasks_on_time": (ok, ok + late),
                    "tasks_overdue": (late, ok + late),
                    "targets_on_track": (good, good + bad),
                    "targets_at_risk": (bad, good + bad),
                },
            )
        )
    return cards


def test_counts_give_the_same_scores_explanations_and_ranking_as_ids():
    by_ids = {c.key: c for c in _cards_from_ids()}
    by_counts = {c.key: c for c in _cards_from_counts()}
    for key, card in by_counts.items():
        if key not in by_ids:  # D has no items at all: no scorecard from ids
            assert card.composite is None
            continue
        assert card.composite == by_ids[key].composite
        assert card.explanation.text == by_ids[key].explanation.text
    ranked_ids = [(r.position, r.key, r.reasons) for r in rank_scorecards(by_ids.values())]
    ranked_counts = [
        (r.position, r.key, r.reasons)
        for r in rank_scorecards(c for c in by_counts.values() if c.key in by_ids)
    ]
    assert ranked_ids == ranked_counts


@pytest.mark.parametrize(("offset", "limit"), [(0, 2), (1, 2), (2, 3), (4, 5)])
def test_a_page_of_a_ranking_equals_that_slice_of_the_whole(offset, limit):
    cards = _cards_from_counts()
    whole = rank_scorecards(cards)
    ordered = sorted(
        cards,
        key=lambda c: order_key(
            c.composite,
            {
                n: getattr(c, n).value
                for n in ("targets_on_track", "tasks_on_time", "reports_on_time")
            },
            c.key,
        ),
    )
    above = ordered[offset - 1] if offset else None
    page = rank_ordered(ordered[offset : offset + limit], first_position=offset + 1, above=above)
    assert [(r.position, r.key, r.reasons) for r in page] == [
        (r.position, r.key, r.reasons) for r in whole[offset : offset + limit]
    ]


def test_ties_are_explained_and_groups_without_a_score_come_last():
    ranked = rank_scorecards(_cards_from_counts())
    keys = [r.key for r in ranked]
    assert keys[-1] == "D"
    a, c = keys.index("A"), keys.index("C")
    assert c == a + 1 and "Bằng điểm" in ranked[c].reasons[-1]


def test_composite_uses_only_known_shares_with_positive_weights():
    assert composite_of([(0.5, 0.4), (None, 0.4), (1.0, 0.2)]) == pytest.approx(
        100 * (0.2 + 0.2) / 0.6
    )
    assert composite_of([(None, 1.0)]) is None
    assert composite_of([(1.0, 0.0)]) is None
    with pytest.raises(ValueError):
        Tally("x", "x", 3, 2)
    custom = scorecard_from_tallies("k", {"tasks_on_time": (1, 2)}, Weights(1, 0, 0))
    assert custom.composite == 50.0
