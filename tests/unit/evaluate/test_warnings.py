"""Early warnings and the robust rule for values far from history."""

from __future__ import annotations

import datetime as dt

import pytest
from eval_builders import day, level, obs

from tiendo.domain.plan import Deadline
from tiendo.evaluate.model import Observation, Submission, TaskSpec
from tiendo.evaluate.outliers import check_value, robust_z
from tiendo.evaluate.targets import evaluate_target
from tiendo.evaluate.tasks import evaluate_task
from tiendo.evaluate.timeliness import classify_submission
from tiendo.evaluate.warnings import (
    Severity,
    WarningRules,
    outlier_warning,
    report_warnings,
    silent_agencies,
    sort_warnings,
    target_warnings,
    task_warnings,
)

HISTORY = obs(
    ("2020-12-31", 10),
    ("2021-12-31", 21),
    ("2022-12-31", 30),
    ("2023-12-31", 42),
    ("2024-12-31", 50),
    ("2025-12-31", 61),
)


def test_robust_z_by_hand():
    # Changes 11, 9, 12, 8, 11: median 11, deviations 0, 2, 1, 3, 0 → MAD 1.
    z, median, scale = robust_z(50, [11, 9, 12, 8, 11])
    assert median == 11
    assert scale == pytest.approx(1.4826)
    assert z == pytest.approx(39 / 1.4826)  # 26,3


def test_robust_z_falls_back_to_the_mean_absolute_deviation():
    # Changes 10, 10, 10, 12: MAD 0; mean absolute deviation 0,5 → scale 0,62665.
    z, _, scale = robust_z(20, [10, 10, 10, 12])
    assert scale == pytest.approx(1.2533 * 0.5)
    assert z == pytest.approx(10 / (1.2533 * 0.5))


def test_robust_z_cannot_judge_a_perfectly_regular_history():
    assert robust_z(20, [10, 10, 10, 10]) is None
    assert robust_z(20, []) is None


def test_value_far_from_history_is_flagged():
    check = check_value(HISTORY, Observation(111, day("2026-12-31")))
    assert check.outlier
    assert check.change == 50
    assert check.explanation.text == (
        "Giá trị 111 ngày 31/12/2026 thay đổi +50 so với kỳ trước, khác xa mức thay đổi "
        "thường thấy (trung vị +11; điểm z 26,31, ngưỡng 3,5). Đề nghị kiểm tra lại số liệu."
    )


def test_value_in_line_with_a_growing_series_is_not_flagged():
    check = check_value(HISTORY, Observation(72, day("2026-12-31")))
    assert not check.outlier
    assert check.z == 0


def test_too_little_history_is_not_judged():
    check = check_value(HISTORY[:4], Observation(500, day("2026-12-31")))
    assert not check.outlier and check.z is None
    assert "cần 5 số liệu trước, có 4" in check.explanation.text


def test_outlier_warning():
    warning = outlier_warning("obs-7", HISTORY, Observation(111, day("2026-12-31")), agency="A")
    assert warning.kind == "value_outlier"
    assert warning.severity is Severity.MEDIUM
    assert warning.item_id == "obs-7"
    assert warning.message.startswith("Số liệu bất thường.")
    assert outlier_warning("obs-8", HISTORY, Observation(72, day("2026-12-31"))) is None
    lenient = WarningRules(outlier_z=30)
    assert outlier_warning("obs-7", HISTORY, Observation(111, day("2026-12-31")), lenient) is None


def test_target_warnings():
    today = day("2028-03-01")
    results = [
        evaluate_target(level(id="g1", agency="A"), obs(("2027-12-31", 45)), today),  # at risk
        evaluate_target(level(id="g2"), obs(("2027-12-31", 52)), today),  # behind
        evaluate_target(level(id="g3"), obs(("2027-12-31", 75)), today),  # achieved
        evaluate_target(level(id="g4", year=2025), obs(("2025-12-31", 50)), today),  # missed
    ]
    warnings = target_warnings(results)
    assert [(w.kind, w.severity, w.item_id) for w in warnings] == [
        ("target_at_risk", Severity.HIGH, ("g1", 2030)),
        ("target_missed", Severity.HIGH, ("g4", 2025)),
        ("target_behind", Severity.LOW, ("g2", 2030)),
    ]
    assert warnings[0].agency == "A"
    assert warnings[0].message.startswith(
        "Chỉ tiêu có nguy cơ không đạt «Tỷ lệ thử nghiệm» (mốc 2030). Nguy cơ không đạt:"
    )
    assert warnings[0].as_dict()["severity_label"] == "cao"


def test_task_warnings():
    today = day("2026-06-20")
    due = Deadline(due=day("2026-06-30"))
    past = Deadline(due=day("2026-06-10"))
    results = [
        evaluate_task(TaskSpec(id="n1", deadline=past, agency="A"), today),
        evaluate_task(TaskSpec(id="n2", deadline=due), today),
        evaluate_task(TaskSpec(id="n3", deadline=due, reported_state="in_progress"), today),
        evaluate_task(TaskSpec(id="n4", deadline=Deadline(due=day("2026-12-31"))), today),
    ]
    warnings = task_warnings(results)
    assert [(w.kind, w.severity, w.item_id) for w in warnings] == [
        ("task_overdue", Severity.HIGH, "n1"),
        ("task_due_soon", Severity.MEDIUM, "n2"),
        ("task_due_soon", Severity.LOW, "n3"),
    ]
    assert warnings[0].message.startswith("Nhiệm vụ quá hạn 10 ngày. Quá hạn:")
    assert warnings[1].message.startswith("Nhiệm vụ sắp đến hạn mà chưa triển khai.")


def submission(id, agency, due, at=None, label=""):
    return Submission(
        id=id,
        agency=agency,
        period_key=f"k{id}",
        due=day(due),
        submitted_at=at,
        period_label=label,
    )


def test_report_warnings():
    today = day("2026-07-01")
    results = [
        classify_submission(submission(1, "A", "2026-06-15"), today),
        classify_submission(submission(2, "A", "2026-06-15", dt.datetime(2026, 6, 20)), today),
        classify_submission(submission(3, "A", "2026-06-15", dt.datetime(2026, 6, 10)), today),
    ]
    warnings = report_warnings(results)
    assert [(w.kind, w.severity, w.item_id) for w in warnings] == [
        ("report_missing", Severity.MEDIUM, 1),
        ("report_late", Severity.LOW, 2),
    ]


def test_silent_agencies():
    today = day("2026-10-01")
    reports = [
        submission(1, "A", "2026-03-15", dt.datetime(2026, 3, 10), "Quý I/2026"),
        submission(2, "A", "2026-06-15", None, "Quý II/2026"),
        submission(3, "A", "2026-09-15", None, "Quý III/2026"),
        submission(4, "B", "2026-06-15", None, "Quý II/2026"),
        submission(5, "B", "2026-09-15", dt.datetime(2026, 9, 30), "Quý III/2026"),
        submission(6, "C", "2026-09-15", None, "Quý III/2026"),
        submission(7, "C", "2026-10-01", None, "Tháng 9/2026"),  # due today: not yet missing
    ]
    (warning,) = silent_agencies(reports, today, agency_names={"A": "Sở Tư pháp"})
    assert warning.kind == "agency_silent"
    assert warning.severity is Severity.HIGH
    assert warning.item_id == "A"
    assert warning.message == (
        "Sở Tư pháp không gửi báo cáo 2 kỳ liên tiếp (Quý II/2026, Quý III/2026); "
        "hạn gần nhất 15/09/2026 (ngưỡng 2 kỳ)."
    )
    assert warning.details["submissions"] == [2, 3]
    assert silent_agencies(reports, today, WarningRules(silent_periods=3)) == []
    (c_only,) = [w for w in silent_agencies(reports, day("2026-10-02")) if w.item_id == "C"]
    assert c_only.message.startswith("Cơ quan C không gửi báo cáo 2 kỳ liên tiếp")


def test_warnings_sort_most_severe_first_and_stably():
    today = day("2026-07-01")
    mixed = report_warnings(
        [classify_submission(submission(i, "A", "2026-06-15"), today) for i in (3, 1, 2)]
    ) + task_warnings(
        [evaluate_task(TaskSpec(id="n1", deadline=Deadline(due=day("2026-06-01"))), today)]
    )
    ordered = sort_warnings(mixed)
    assert [w.item_id for w in ordered] == ["n1", 1, 2, 3]
    assert sort_warnings(reversed(ordered)) == ordered


def test_warning_rules_are_checked():
    with pytest.raises(ValueError):
        WarningRules(silent_periods=0)
