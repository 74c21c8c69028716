"""One indicator with several milestones: the next one decides, passed ones are met or missed."""

from __future__ import annotations

import pytest
from eval_builders import day, obs

from tiendo.evaluate.milestones import evaluate_milestones
from tiendo.evaluate.model import TargetSpec
from tiendo.evaluate.targets import TargetStatus


def pii(year: int, rank: float) -> TargetSpec:
    return TargetSpec(
        id=f"pii-{year}",
        indicator="Chỉ số đổi mới sáng tạo cấp địa phương (PII)",
        kind="rank",
        op="=",
        value=rank,
        unit="hạng",
        year=year,
        baseline_value=30,
        baseline_date=day("2024-12-31"),
    )


MILESTONES = [pii(2035, 20), pii(2025, 25), pii(2030, 23), pii(2045, 17), pii(2040, 18)]
SERIES = obs(("2025-12-31", 26), ("2026-12-31", 24))


def test_next_milestone_decides_and_passed_ones_are_reported():
    r = evaluate_milestones(MILESTONES, SERIES, day("2027-03-01"))
    assert [p.year for p in r.passed] == [2025]
    assert r.passed[0].status is TargetStatus.MISSED  # 26 at the end of 2025, 25 needed
    assert r.current.year == 2030
    # 2026: expected 30 − 7 × 730/2191 on the way to rank 23; 24 is well ahead.
    assert r.current.ratio == pytest.approx(6 / (7 * 730 / 2191))
    assert r.status is TargetStatus.ON_TRACK
    assert r.explanation.text.startswith("So với mốc 2030: Đúng tiến độ")
    assert r.explanation.text.endswith("Các mốc đã qua — mốc 2025: không đạt.")


def test_on_the_milestone_day_it_is_still_the_current_one():
    r = evaluate_milestones(MILESTONES, SERIES, day("2025-12-31"))
    assert r.passed == ()
    assert r.current.year == 2025


def test_after_the_last_milestone_the_last_verdict_stands():
    series = obs(("2045-12-31", 15))
    r = evaluate_milestones(MILESTONES, series, day("2046-02-01"))
    assert r.current is None
    assert [p.year for p in r.passed] == [2025, 2030, 2035, 2040, 2045]
    assert r.status is TargetStatus.ACHIEVED
    assert r.as_dict()["current"] is None


def test_at_least_one_milestone_is_needed():
    with pytest.raises(ValueError):
        evaluate_milestones([], [], day("2026-01-01"))
