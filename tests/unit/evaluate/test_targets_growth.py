"""Growth-rate, multiple and yes/no targets, on numbers worked out by hand.

Yearly figures are dated 31/12, so they lie exactly one year apart; the
2030 milestone is six years after a baseline at 31/12/2024.
"""

from __future__ import annotations

import math

import pytest
from eval_builders import day, obs

from tiendo.evaluate.model import TargetSpec
from tiendo.evaluate.targets import TargetStatus, Thresholds, evaluate_target


def rate(**fields) -> TargetSpec:
    values = {
        "id": "r1",
        "indicator": "Số doanh nghiệp đổi mới sáng tạo",
        "kind": "rate",
        "op": "=",
        "value": 10.0,
        "unit": "%/năm",
        "year": 2030,
        "direction": "higher",
        "baseline_value": 100.0,
        "baseline_date": day("2024-12-31"),
    }
    values.update(fields)
    return TargetSpec(**values)


def evaluate(spec, observations, today="2027-03-01", **kw):
    return evaluate_target(spec, observations, day(today), **kw)


REQUIRED_2030 = 100 * 1.1**6  # 177,1561


def test_rate_on_track():
    r = evaluate(rate(), obs(("2025-12-31", 110), ("2026-12-31", 121)))
    assert r.explanation.values["observed_rate"] == pytest.approx(0.10)
    assert r.ratio == pytest.approx(1.0)
    assert r.goal == pytest.approx(REQUIRED_2030)
    assert r.projected == pytest.approx(REQUIRED_2030)
    assert r.anticipated == pytest.approx(1.0)
    assert r.status is TargetStatus.ON_TRACK
    assert "tốc độ tăng bình quân từ 31/12/2024 đến 31/12/2026 là 10%/năm" in r.explanation.text


def test_rate_behind():
    r = evaluate(rate(), obs(("2025-12-31", 108), ("2026-12-31", 116.64)))
    assert r.ratio == pytest.approx(0.8)  # CAGR 8% ÷ 10%
    assert r.projected == pytest.approx(100 * 1.08**6)
    assert r.anticipated == pytest.approx((100 * 1.08**6 - 100) / (REQUIRED_2030 - 100))  # 0,76
    assert r.status is TargetStatus.BEHIND


def test_rate_at_risk():
    r = evaluate(rate(), obs(("2025-12-31", 105), ("2026-12-31", 110.25)))
    assert r.ratio == pytest.approx(0.5)
    assert r.status is TargetStatus.AT_RISK


def test_rate_secured_once_the_level_needed_by_the_milestone_is_reached():
    r = evaluate(rate(), obs(("2026-12-31", 180)))
    assert r.status is TargetStatus.ACHIEVED
    assert "đã đạt mức 177,16 cần có năm 2030 với tốc độ 10%/năm" in r.explanation.text


def test_rate_final_verdict_met():
    spec = rate(year=2026)
    r = evaluate(spec, obs(("2025-12-31", 110), ("2026-12-31", 121)), today="2027-02-01")
    assert r.status is TargetStatus.ACHIEVED
    assert r.explanation.rule == "target.rate_met"


def test_rate_final_verdict_missed():
    spec = rate(year=2026)
    r = evaluate(spec, obs(("2026-12-31", 115)), today="2027-02-01")
    assert r.explanation.values["observed_rate"] == pytest.approx(math.sqrt(1.15) - 1)  # 7,24%
    assert r.status is TargetStatus.MISSED
    assert "là 7,24%/năm, chưa đáp ứng mục tiêu" in r.explanation.text


@pytest.mark.parametrize(("end_value", "status"), [(100 * 1.17**2, "achieved"), (144, "missed")])
def test_rate_range_is_met_only_inside(end_value, status):
    spec = rate(year=2026, op="range", value=16, value_max=18)
    r = evaluate(spec, obs(("2026-12-31", end_value)), today="2027-02-01")
    assert r.status.value == status  # 144 is 20%/năm: above the range


def test_rate_ceiling_is_judged_by_its_condition():
    spec = rate(op="<=", value=4, direction=None)
    assert spec.resolved_direction.value == "lower"
    ok = evaluate(spec, obs(("2025-12-31", 103)))
    assert ok.ratio is None
    assert ok.status is TargetStatus.ON_TRACK
    over = evaluate(spec, obs(("2025-12-31", 106)))
    assert over.status is TargetStatus.AT_RISK


def test_rate_reduction_target():
    spec = rate(value=-5, direction="lower")
    r = evaluate(spec, obs(("2025-12-31", 95)))
    assert r.ratio == pytest.approx(1.0)
    assert r.projected == pytest.approx(100 * 0.95**6)
    assert r.status is TargetStatus.ON_TRACK


def test_rate_without_baseline_uses_the_first_observation():
    spec = rate(baseline_value=None, baseline_date=None)
    r = evaluate(spec, obs(("2024-12-31", 100), ("2025-12-31", 110), ("2026-12-31", 121)))
    assert r.ratio == pytest.approx(1.0)
    assert "lấy số liệu đầu tiên (100 ngày 31/12/2024) làm gốc" in r.explanation.text


def test_rate_with_one_point_and_no_baseline_is_no_data():
    spec = rate(baseline_value=None, baseline_date=None)
    assert evaluate(spec, obs(("2026-12-31", 121))).status is TargetStatus.NO_DATA


def test_rate_without_time_since_the_baseline_is_no_data():
    spec = rate(baseline_date=day("2026-12-31"))
    r = evaluate(spec, obs(("2026-12-31", 121)))
    assert r.status is TargetStatus.NO_DATA


def test_rate_from_a_zero_baseline_is_no_data():
    r = evaluate(rate(baseline_value=0.0), obs(("2026-12-31", 121)))
    assert r.status is TargetStatus.NO_DATA
    assert "không dương" in r.explanation.text


def test_rate_equal_without_direction_is_no_data():
    r = evaluate(rate(direction=None), obs(("2026-12-31", 121)))
    assert r.status is TargetStatus.NO_DATA


def multiple(**fields) -> TargetSpec:
    values = {
        "id": "m1",
        "indicator": "Số doanh nghiệp khoa học và công nghệ",
        "kind": "multiple",
        "op": "=",
        "value": 2.0,
        "unit": "lần",
        "year": 2030,
        "base_year": 2025,
    }
    values.update(fields)
    return TargetSpec(**values)


def test_multiple_of_the_base_year_from_observations():
    # Base 50 at 31/12/2025 → target 100 at 31/12/2030 (1826 days, 29/02/2028 included).
    r = evaluate(multiple(), obs(("2025-12-31", 50), ("2026-12-31", 60)))
    assert r.direction.value == "higher"
    assert r.goal == 100
    assert r.baseline_value == 50
    assert r.expected == pytest.approx(50 + 50 * 365 / 1826)
    assert r.ratio == pytest.approx(10 / (50 * 365 / 1826))
    # Compound growth: +20% a year for five more years.
    assert r.projected == pytest.approx(50 * 1.2**5)
    assert r.anticipated == pytest.approx((50 * 1.2**5 - 50) / 50)
    assert r.status is TargetStatus.ON_TRACK
    assert r.explanation.text.endswith("Mục tiêu gấp 2 lần giá trị năm 2025 (50), tức 100.")


def test_multiple_with_a_given_base_value():
    r = evaluate(multiple(base_value=40.0), obs(("2026-12-31", 80)))
    assert r.goal == 80
    assert r.status is TargetStatus.ACHIEVED


def test_multiple_without_a_base_value_is_no_data():
    r = evaluate(multiple(), obs(("2026-12-31", 80)))
    assert r.status is TargetStatus.NO_DATA
    assert "chưa có giá trị năm gốc 2025" in r.explanation.text


def test_multiple_below_one_is_a_cut():
    spec = multiple(value=0.5)
    assert spec.resolved_direction.value == "lower"
    r = evaluate(spec, obs(("2025-12-31", 200), ("2026-12-31", 90)))
    assert r.goal == 100
    assert r.status is TargetStatus.ACHIEVED


def achieve(**fields) -> TargetSpec:
    values = {
        "id": "a1",
        "indicator": "Trung tâm an ninh mạng cấp tỉnh",
        "kind": "achieve",
        "op": "=",
        "value": None,
        "unit": "bool",
        "year": 2025,
    }
    values.update(fields)
    return TargetSpec(**values)


def test_yes_no_without_report_is_no_data():
    assert evaluate(achieve(), [], today="2025-08-01").status is TargetStatus.NO_DATA


def test_yes_no_achieved():
    r = evaluate(achieve(), obs(("2025-03-31", 1)), today="2025-08-01")
    assert r.status is TargetStatus.ACHIEVED
    assert r.explanation.text == "Đã đạt: đã có theo báo cáo ngày 31/03/2025."


def test_yes_no_not_yet_close_to_the_deadline_is_at_risk():
    r = evaluate(achieve(), obs(("2025-03-31", 0)), today="2025-08-01")
    assert r.explanation.values["days_left"] == 152
    assert r.status is TargetStatus.AT_RISK


def test_yes_no_not_yet_with_time_left_is_on_track():
    r = evaluate(achieve(), obs(("2025-01-31", 0)), today="2025-03-01")
    assert r.explanation.values["days_left"] == 305
    assert r.status is TargetStatus.ON_TRACK
    wider = Thresholds(achieve_at_risk_days=365)
    assert evaluate(achieve(), obs(("2025-01-31", 0)), "2025-03-01", thresholds=wider).status is (
        TargetStatus.AT_RISK
    )


def test_yes_no_missed_at_the_milestone():
    r = evaluate(achieve(), obs(("2025-12-31", 0)), today="2026-01-10")
    assert r.status is TargetStatus.MISSED


def test_yes_no_past_milestone_without_closing_report():
    r = evaluate(achieve(), obs(("2025-06-30", 0)), today="2026-01-10")
    assert r.status is TargetStatus.AT_RISK
    assert "đã quá hạn 31/12/2025 10 ngày" in r.explanation.text
