"""Task status: every status, the deadline day, and continuing tasks per period."""

from __future__ import annotations

import datetime as dt

import pytest
from eval_builders import day

from tiendo.domain.periods import make_period
from tiendo.domain.plan import Deadline
from tiendo.evaluate.model import TaskSpec
from tiendo.evaluate.tasks import (
    TaskRules,
    TaskStatus,
    evaluate_continuing_task,
    evaluate_task,
)

DUE = Deadline(due=day("2026-06-30"), precision="month", text="6/2026")


def task(**fields) -> TaskSpec:
    values = {"id": "n1", "deadline": DUE, "agency": "Sở KH&CN"}
    values.update(fields)
    return TaskSpec(**values)


def status_on(spec: TaskSpec, today: str, **kw):
    return evaluate_task(spec, day(today), **kw)


def test_completed_on_the_deadline_is_on_time():
    r = status_on(task(completed_at=day("2026-06-30")), "2026-07-10")
    assert r.status is TaskStatus.DONE_ON_TIME
    assert r.label == "hoàn thành đúng hạn"
    assert r.explanation.text == (
        "Hoàn thành đúng hạn: hoàn thành ngày 30/06/2026, hạn 30/06/2026."
    )


def test_completed_after_the_deadline_is_late_with_days():
    r = status_on(task(completed_at=day("2026-07-02")), "2026-07-10")
    assert r.status is TaskStatus.DONE_LATE
    assert r.days_late == 2
    assert r.label == "hoàn thành quá hạn"
    assert "chậm 2 ngày so với hạn 30/06/2026" in r.explanation.text


def test_overdue_with_days_overdue():
    r = status_on(task(reported_state="in_progress", percent_done=40), "2026-07-10")
    assert r.status is TaskStatus.OVERDUE
    assert r.days_overdue == 10
    assert r.explanation.text == ("Quá hạn: quá hạn 10 ngày (hạn 30/06/2026), đã thực hiện 40%.")


def test_overdue_and_never_started():
    r = status_on(task(), "2026-07-01")
    assert r.status is TaskStatus.OVERDUE
    assert r.days_overdue == 1
    assert r.explanation.text.endswith("chưa triển khai.")


def test_the_deadline_day_is_within_the_deadline():
    r = status_on(task(reported_state="in_progress"), "2026-06-30")
    assert r.status is TaskStatus.DUE_SOON
    assert r.days_left == 0
    assert "hạn là hôm nay" in r.explanation.text


@pytest.mark.parametrize(
    ("today", "started", "status"),
    [
        ("2026-06-15", True, TaskStatus.DUE_SOON),  # 15 days left
        ("2026-06-15", False, TaskStatus.DUE_SOON),
        ("2026-06-14", True, TaskStatus.IN_PROGRESS),  # 16 days left
        ("2026-06-14", False, TaskStatus.NOT_STARTED),
    ],
)
def test_due_soon_boundary_is_fifteen_days(today, started, status):
    spec = task(reported_state="in_progress" if started else "not_started")
    assert status_on(spec, today).status is status


def test_due_soon_window_is_configurable():
    spec = task(reported_state="in_progress")
    assert (
        status_on(spec, "2026-06-01", rules=TaskRules(soon_days=30)).status is TaskStatus.DUE_SOON
    )
    with pytest.raises(ValueError):
        TaskRules(soon_days=-1)


def test_in_progress_within_deadline():
    r = status_on(task(percent_done=25.5), "2026-05-01")
    assert r.status is TaskStatus.IN_PROGRESS
    assert r.label == "đang thực hiện trong hạn"
    assert r.explanation.text == (
        "Đang thực hiện trong hạn: đã thực hiện 25,5%, còn 60 ngày đến hạn 30/06/2026."
    )


def test_not_started():
    r = status_on(task(reported_state="not_started"), "2026-05-01")
    assert r.status is TaskStatus.NOT_STARTED
    assert r.label == "chưa triển khai"
    assert not r.started


def test_overdue_across_a_leap_day():
    spec = task(deadline=Deadline(due=day("2028-02-28"), precision="day"))
    assert status_on(spec, "2028-03-01").days_overdue == 2


def test_year_deadline_is_the_last_day_of_the_year():
    spec = task(deadline=Deadline(due=day("2026-12-31"), precision="year", text="2026"))
    assert status_on(spec, "2026-12-31").status is TaskStatus.DUE_SOON
    assert status_on(spec, "2027-01-01").status is TaskStatus.OVERDUE


def test_done_without_a_day_takes_the_day_of_the_report():
    spec = task(reported_state="done", reported_at=day("2026-07-03"))
    r = status_on(spec, "2026-07-10")
    assert r.status is TaskStatus.DONE_LATE
    assert r.completed_on == day("2026-07-03")
    assert "lấy ngày báo cáo hoàn thành 03/07/2026" in r.explanation.text


def test_done_at_one_hundred_percent_without_any_day():
    before = status_on(task(percent_done=100), "2026-06-20")
    assert before.status is TaskStatus.DONE_ON_TIME
    after = status_on(task(percent_done=100), "2026-07-20")
    assert after.status is TaskStatus.DONE_LATE
    assert "Không rõ ngày hoàn thành" in after.explanation.text


def test_completion_day_after_today_is_ignored():
    r = status_on(task(completed_at=day("2026-06-20")), "2026-06-01")
    assert r.status is not TaskStatus.DONE_ON_TIME
    assert "sau ngày đánh giá" in r.explanation.text


def test_task_without_deadline():
    no_deadline = Deadline()
    assert status_on(task(deadline=no_deadline), "2026-01-01").status is TaskStatus.NOT_STARTED
    busy = task(deadline=no_deadline, reported_state="in_progress")
    assert status_on(busy, "2026-01-01").status is TaskStatus.IN_PROGRESS
    done = task(deadline=no_deadline, completed_at=day("2025-12-01"))
    r = status_on(done, "2026-01-01")
    assert r.status is TaskStatus.DONE_ON_TIME
    assert "không ghi thời hạn" in r.explanation.text


def test_explanation_is_json_ready():
    data = status_on(task(completed_at=day("2026-07-02")), "2026-07-10").as_dict()
    assert data["status"] == "done_late"
    assert data["explanation"]["inputs"]["task"]["due"] == "2026-06-30"
    assert data["explanation"]["values"]["days_late"] == 2


CONTINUING = task(deadline=Deadline(continuing=True, text="Thường xuyên"))
Q3 = make_period("quarterly", 2026, 3, {"day": 15, "month": "last_of_period"})


def test_continuing_task_is_not_judged_by_a_deadline():
    with pytest.raises(ValueError):
        evaluate_task(CONTINUING, day("2026-07-01"))


def test_continuing_task_reported_in_the_period():
    r = evaluate_continuing_task(CONTINUING, Q3, dt.datetime(2026, 9, 10, 9, 30), day("2026-10-01"))
    assert r.status is TaskStatus.CONTINUING_REPORTED
    assert r.label == "đang thực hiện (thường xuyên)"
    assert r.period_key == "2026-Q3"
    assert r.item_key == ("n1", "2026-Q3")
    assert "đã báo cáo kết quả kỳ Quý III/2026 ngày 10/09/2026" in r.explanation.text


def test_continuing_task_not_reported_after_the_due_date_is_flagged():
    r = evaluate_continuing_task(CONTINUING, Q3, None, day("2026-09-20"))
    assert r.status is TaskStatus.CONTINUING_UNREPORTED
    assert r.days_overdue == 5
    assert "chưa có báo cáo kỳ Quý III/2026, quá hạn báo cáo 15/09/2026 5 ngày" in (
        r.explanation.text
    )


def test_continuing_task_before_the_due_date_awaits_its_report():
    r = evaluate_continuing_task(CONTINUING, Q3, None, day("2026-09-15"))
    assert r.status is TaskStatus.CONTINUING_AWAITING


def test_continuing_task_report_dated_after_today_does_not_count():
    r = evaluate_continuing_task(CONTINUING, Q3, day("2026-09-30"), day("2026-09-20"))
    assert r.status is TaskStatus.CONTINUING_UNREPORTED
