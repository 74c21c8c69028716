"""Level and rank targets: every comparator, both directions, and the edge cases.

Unless told otherwise the target is "≥ 70%" by 2030 from 40% at 31/12/2024.
The path 31/12/2024 → 31/12/2030 is 2191 days (29/02/2028 included);
31/12/2027 lies 1095 days along it.
"""

from __future__ import annotations

import json

import pytest
from eval_builders import day, level, obs

from tiendo.evaluate.targets import TargetStatus, Thresholds, evaluate_target

PATH_DAYS = 2191
EXPECTED_2027 = 40 + 30 * 1095 / PATH_DAYS  # 54,99…


def evaluate(spec, observations, today="2028-03-01", **kw):
    return evaluate_target(spec, observations, day(today), **kw)


def test_on_track_on_the_path():
    r = evaluate(level(), obs(("2027-12-31", 55)))
    assert r.expected == pytest.approx(EXPECTED_2027)
    assert r.ratio == pytest.approx(15 / (EXPECTED_2027 - 40))
    # Projection: 40 → 55 in 3 years is 5 a year, 70 by 2030: all of the change.
    assert r.projected == pytest.approx(70)
    assert r.anticipated == pytest.approx(1.0)
    assert r.status is TargetStatus.ON_TRACK
    assert r.label == "đúng tiến độ"


def test_behind():
    r = evaluate(level(), obs(("2027-12-31", 52)))
    assert r.ratio == pytest.approx(12 / (EXPECTED_2027 - 40))  # 0,80
    assert r.projected == pytest.approx(64)  # 4 a year
    assert r.anticipated == pytest.approx(0.8)
    assert r.status is TargetStatus.BEHIND
    assert r.explanation.text.startswith("Chậm tiến độ: giá trị 52% ngày 31/12/2027")
    assert "cần đạt 54,99%" in r.explanation.text
    assert "tỷ lệ tiến độ 0,80" in r.explanation.text


def test_at_risk():
    r = evaluate(level(), obs(("2027-12-31", 45)))
    assert r.ratio == pytest.approx(5 / (EXPECTED_2027 - 40))  # 0,33
    assert r.status is TargetStatus.AT_RISK
    assert r.label == "nguy cơ không đạt"


def test_the_worse_of_path_and_projection_decides():
    # On the path at the end of 2027, but the last two years were flat:
    # the projection (recent points weigh more) falls short.
    series = obs(("2025-12-31", 55), ("2026-12-31", 55), ("2027-12-31", 55))
    r = evaluate(level(), series)
    assert r.ratio >= 0.95
    assert r.anticipated < 0.95
    assert r.status in (TargetStatus.BEHIND, TargetStatus.AT_RISK)


def test_thresholds_are_configurable_and_reported():
    strict = Thresholds(on_track=0.99, behind=0.9)
    r = evaluate(level(), obs(("2027-12-31", 52)), thresholds=strict)
    assert r.status is TargetStatus.AT_RISK
    assert r.explanation.inputs["thresholds"]["on_track"] == 0.99
    assert "ngưỡng đúng tiến độ 0,99, chậm tiến độ 0,90" in r.explanation.text


def test_target_already_met():
    r = evaluate(level(), obs(("2026-12-31", 72)))
    assert r.status is TargetStatus.ACHIEVED
    assert r.label == "đã đạt"
    assert r.explanation.text == (
        "Đã đạt: giá trị 72% ngày 31/12/2026 đáp ứng mục tiêu ≥ 70% năm 2030."
    )


def test_value_beyond_target_caps_percentages_at_100():
    r = evaluate(level(), obs(("2026-12-31", 90)))
    assert r.status is TargetStatus.ACHIEVED
    assert r.completion == pytest.approx(50 / 30)
    assert r.completion_percent == 100.0
    assert r.progress_percent == 100.0


def test_ahead_of_the_path_but_not_met_caps_the_progress_percentage():
    r = evaluate(level(), obs(("2027-12-31", 65)))
    assert r.status is TargetStatus.ON_TRACK
    assert r.ratio == pytest.approx(25 / (EXPECTED_2027 - 40))  # 1,67
    assert r.progress_percent == 100.0
    assert r.completion_percent == pytest.approx(25 / 30 * 100)


def test_moving_the_wrong_way_gives_a_negative_ratio_and_zero_percent():
    r = evaluate(level(), obs(("2027-12-31", 35)))
    assert r.ratio < 0
    assert r.progress_percent == 0.0
    assert r.status is TargetStatus.AT_RISK


def test_no_baseline_uses_the_first_observation_and_says_so():
    spec = level(baseline_value=None, baseline_date=None)
    r = evaluate(spec, obs(("2024-12-31", 40), ("2027-12-31", 55)))
    assert r.baseline_value == 40
    assert r.baseline_date == day("2024-12-31")
    assert r.status is TargetStatus.ON_TRACK
    assert r.explanation.values["baseline_source"] == "first_observation"
    assert "lấy số liệu đầu tiên (40% ngày 31/12/2024) làm gốc" in r.explanation.text


def test_one_observation_without_baseline_is_not_enough():
    spec = level(baseline_value=None, baseline_date=None)
    r = evaluate(spec, obs(("2027-12-31", 55)))
    assert r.status is TargetStatus.NO_DATA
    assert r.label == "chưa đủ dữ liệu"
    assert "chưa có giá trị gốc" in r.explanation.text


def test_one_observation_without_baseline_that_meets_the_target_is_achieved():
    spec = level(baseline_value=None, baseline_date=None)
    assert evaluate(spec, obs(("2027-12-31", 75))).status is TargetStatus.ACHIEVED


def test_one_observation_with_a_baseline_is_enough():
    r = evaluate(level(), obs(("2027-12-31", 55)))
    assert r.ratio is not None and r.anticipated is not None


def test_no_observation_is_no_data():
    r = evaluate(level(), [])
    assert r.status is TargetStatus.NO_DATA
    assert r.explanation.text == "Chưa đủ dữ liệu: chưa có số liệu thực hiện."


def test_observation_on_the_baseline_date_only_cannot_measure_progress():
    # expected = baseline at the baseline date: no division by zero, no status.
    spec = level(baseline_date=day("2027-12-31"), baseline_value=50)
    r = evaluate(spec, obs(("2027-12-31", 50)))
    assert r.expected == 50
    assert r.ratio is None
    assert r.status is TargetStatus.NO_DATA
    assert "chưa có số liệu sau ngày gốc 31/12/2027" in r.explanation.text


def test_target_equal_to_baseline_with_a_strict_comparator():
    spec = level(op=">", value=50, baseline_value=50)
    flat = evaluate(spec, obs(("2027-12-31", 50)))
    assert flat.ratio is None and flat.anticipated is None
    assert flat.status is TargetStatus.BEHIND
    worse = evaluate(spec, obs(("2027-12-31", 49)))
    assert worse.status is TargetStatus.AT_RISK


def test_baseline_already_beyond_target_but_value_fell_below():
    spec = level(value=80, baseline_value=90)
    r = evaluate(spec, obs(("2027-12-31", 70)))
    assert r.ratio is None
    assert r.status is TargetStatus.AT_RISK
    assert "xấu đi so với gốc" in r.explanation.text


@pytest.mark.parametrize(
    ("op", "value", "value_max", "direction", "actual", "met"),
    [
        (">=", 70, None, None, 70, True),
        (">=", 70, None, None, 69.9, False),
        (">", 70, None, None, 70, False),
        (">", 70, None, None, 70.1, True),
        ("<=", 5, None, None, 5, True),
        ("<=", 5, None, None, 5.1, False),
        ("<", 5, None, None, 5, False),
        ("<", 5, None, None, 4.9, True),
        ("=", 70, None, "higher", 70, True),
        ("=", 70, None, "higher", 75, True),  # "đạt 70%": more is fine
        ("=", 70, None, "higher", 69, False),
        ("=", 5, None, "lower", 4, True),
        ("=", 5, None, "lower", 6, False),
        ("range", 8, 10, "higher", 8, True),
        ("range", 8, 10, "higher", 10, True),
        ("range", 8, 10, "higher", 7.9, False),
        ("range", 8, 10, "higher", 10.1, False),  # a range is met only inside
    ],
)
def test_comparators(op, value, value_max, direction, actual, met):
    spec = level(op=op, value=value, value_max=value_max, direction=direction, baseline_value=0)
    r = evaluate(spec, obs(("2027-12-31", actual)))
    assert (r.status is TargetStatus.ACHIEVED) is met


def test_above_a_range_is_not_achieved_but_on_track():
    spec = level(op="range", value=8, value_max=10, direction="higher", baseline_value=4)
    r = evaluate(spec, obs(("2027-12-31", 12)))
    assert r.status is TargetStatus.ON_TRACK
    assert r.goal == 8


def test_lower_is_better_range_aims_at_its_upper_end():
    spec = level(op="range", value=8, value_max=10, direction="lower", baseline_value=16)
    r = evaluate(spec, obs(("2027-12-31", 13)))
    assert r.goal == 10
    expected = 16 - 6 * 1095 / PATH_DAYS
    assert r.ratio == pytest.approx(3 / (16 - expected))
    assert r.status is TargetStatus.ON_TRACK


def test_equals_without_a_direction_is_not_evaluated():
    r = evaluate(level(op="="), obs(("2027-12-31", 75)))
    assert r.status is TargetStatus.NO_DATA
    assert "chưa xác định chiều đánh giá" in r.explanation.text


def test_lower_is_better_cost_with_ratio():
    # Cost "≤ 100" from 160: expected at 31/12/2027 is 160 − 60 × 1095/2191.
    spec = level(op="<=", value=100, unit="số", baseline_value=160)
    r = evaluate(spec, obs(("2027-12-31", 142)))
    expected = 160 - 60 * 1095 / PATH_DAYS
    assert r.expected == pytest.approx(expected)
    assert r.ratio == pytest.approx(18 / (160 - expected))  # 0,60
    assert r.status is TargetStatus.BEHIND


def test_rank_target_lower_is_better():
    # "Top 20" from rank 30; 25 at the end of 2027 is on the path.
    spec = level(kind="rank", op="<=", value=20, unit="hạng", baseline_value=30)
    r = evaluate(spec, obs(("2027-12-31", 25)))
    assert r.direction.value == "lower"
    assert r.ratio == pytest.approx(5 / (30 - (30 - 10 * 1095 / PATH_DAYS)))
    assert r.projected == pytest.approx(20)
    assert r.status is TargetStatus.ON_TRACK
    assert "hạng 25" in r.explanation.text


def test_rank_equal_means_that_rank_or_better():
    spec = level(kind="rank", op="=", value=23, unit="hạng", baseline_value=30)
    assert evaluate(spec, obs(("2027-12-31", 21))).status is TargetStatus.ACHIEVED
    assert evaluate(spec, obs(("2027-12-31", 29))).status is TargetStatus.AT_RISK


def test_rank_projection_never_goes_above_first_place():
    spec = level(kind="rank", op="<=", value=2, unit="hạng", baseline_value=30)
    r = evaluate(spec, obs(("2025-12-31", 10)))
    assert r.projected == 1.0


def test_share_projection_stays_within_100_percent():
    spec = level(value=99, baseline_value=10)
    r = evaluate(spec, obs(("2025-12-31", 60)))
    assert r.projected == 100.0


def test_past_milestone_missed_with_a_closing_figure():
    spec = level(year=2025, value=80, baseline_value=60)
    r = evaluate(spec, obs(("2025-12-31", 75)), today="2026-03-01")
    assert r.status is TargetStatus.MISSED
    assert r.label == "không đạt"
    assert r.explanation.text.startswith(
        "Không đạt: đến mốc 31/12/2025, giá trị 75% ngày 31/12/2025 chưa đáp ứng mục tiêu ≥ 80%"
    )


def test_past_milestone_met():
    spec = level(year=2025, value=80, baseline_value=60)
    r = evaluate(spec, obs(("2025-12-14", 81)), today="2026-03-01")
    assert r.status is TargetStatus.ACHIEVED


def test_past_milestone_ignores_later_figures():
    spec = level(year=2025, value=80, baseline_value=60)
    r = evaluate(spec, obs(("2025-12-31", 75), ("2026-06-30", 85)), today="2026-08-01")
    assert r.status is TargetStatus.MISSED
    assert r.latest.value == 75
    assert "không dùng 1 số liệu sau mốc" in r.explanation.text


def test_past_milestone_without_a_closing_figure_is_still_graded():
    spec = level(year=2025, value=80, baseline_value=60)
    r = evaluate(spec, obs(("2025-06-30", 70)), today="2026-01-10")
    assert r.status in (TargetStatus.ON_TRACK, TargetStatus.BEHIND, TargetStatus.AT_RISK)
    assert "chưa có số liệu chốt cuối năm 2025" in r.explanation.text


def test_milestone_day_itself_is_not_passed():
    spec = level(year=2027, value=80, baseline_value=60)
    r = evaluate(spec, obs(("2027-12-31", 75)), today="2027-12-31")
    assert r.status is not TargetStatus.MISSED


def test_future_dated_observations_are_ignored():
    r = evaluate(level(), obs(("2027-12-31", 52), ("2029-12-31", 90)), today="2028-03-01")
    assert r.status is TargetStatus.BEHIND
    assert "Bỏ qua 1 số liệu có ngày sau ngày đánh giá." in r.explanation.text


def test_the_later_entry_for_one_date_wins():
    r = evaluate(level(), obs(("2027-12-31", 90), ("2027-12-31", 52)))
    assert r.latest.value == 52


def test_leap_year_observation_on_29_february():
    # Baseline 0 at 31/12/2027, target 366 at 31/12/2028: 29/02/2028 is day 60.
    spec = level(
        op=">=", value=366, unit="số", year=2028, baseline_value=0, baseline_date=day("2027-12-31")
    )
    r = evaluate(spec, obs(("2028-02-29", 60)), today="2028-03-01")
    assert r.expected == 60
    assert r.ratio == 1.0


def test_explanation_is_json_ready_and_complete():
    r = evaluate(level(), obs(("2027-12-31", 1234.5)), today="2028-03-01")
    data = json.loads(json.dumps(r.as_dict(), ensure_ascii=False))
    exp = data["explanation"]
    assert set(exp) == {"rule", "text", "formula", "inputs", "values", "result", "notes"}
    assert exp["inputs"]["target"]["op"] == ">="
    assert exp["inputs"]["observations"][0]["as_of"] == "2027-12-31"
    assert exp["result"]["label"] == "đã đạt"
    assert "1.234,5%" in exp["text"]


def test_level_formula_is_given():
    r = evaluate(level(), obs(("2027-12-31", 52)))
    assert "tỷ lệ tiến độ = (thực tế − gốc) / (kỳ vọng − gốc)" in r.explanation.formula
