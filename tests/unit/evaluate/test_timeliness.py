"""Completeness and timeliness of reports, from stored timestamps."""

from __future__ import annotations

import datetime as dt

from eval_builders import day
from hypothesis import given
from hypothesis import strategies as st

from tiendo.evaluate.model import Submission
from tiendo.evaluate.timeliness import (
    SubmissionStatus,
    classify_submission,
    summarise_timeliness,
)

UTC = dt.UTC
TODAY = day("2026-07-01")


def sub(id, agency="A", period="2026-Q1", due="2026-03-15", at=None, approved=None, **kw):
    return Submission(
        id=id,
        agency=agency,
        period_key=period,
        due=day(due),
        submitted_at=at,
        approved_at=approved,
        **kw,
    )


def test_submitted_on_the_due_day_is_on_time():
    r = classify_submission(sub(1, at=dt.datetime(2026, 3, 15, 23, 59)), TODAY)
    assert r.status is SubmissionStatus.ON_TIME
    assert r.label == "đúng hạn"
    assert r.days_late == 0


def test_late_by_days():
    r = classify_submission(
        sub(1, at=dt.datetime(2026, 3, 18, 8, 0), period_label="Quý I/2026"), TODAY
    )
    assert r.status is SubmissionStatus.LATE
    assert r.days_late == 3
    assert r.explanation.text == (
        "Báo cáo kỳ Quý I/2026: trễ hạn (nộp ngày 18/03/2026, hạn 15/03/2026, trễ 3 ngày)."
    )


def test_timestamps_with_a_zone_are_read_in_vietnam_time():
    # 17:30 UTC on 15/03 is 00:30 on 16/03 in Vietnam.
    r = classify_submission(sub(1, at=dt.datetime(2026, 3, 15, 17, 30, tzinfo=UTC)), TODAY)
    assert r.status is SubmissionStatus.LATE
    assert r.submitted_on == day("2026-03-16")


def test_missing_after_the_due_date():
    r = classify_submission(sub(1), day("2026-03-20"))
    assert r.status is SubmissionStatus.MISSING
    assert r.days_late == 5
    assert r.label == "chưa nộp (quá hạn)"


def test_not_yet_due_is_not_expected():
    r = classify_submission(sub(1), day("2026-03-15"))
    assert r.status is SubmissionStatus.NOT_DUE
    assert not r.expected


def test_submission_after_today_is_not_yet_known():
    r = classify_submission(sub(1, at=dt.datetime(2026, 3, 10)), day("2026-03-01"))
    assert r.status is SubmissionStatus.NOT_DUE


def test_summary_per_agency_keeps_the_ids():
    reports = [
        sub(1, at=dt.datetime(2026, 3, 14)),
        sub(2, period="2026-Q2", due="2026-06-15", at=dt.datetime(2026, 6, 18)),
        sub(3, period="2025-Q4", due="2025-12-15"),
        sub(4, period="2026-Q3", due="2026-09-15"),
        sub(5, agency="B", at=dt.datetime(2026, 3, 1), approved=dt.datetime(2026, 3, 2)),
    ]
    a, b = summarise_timeliness(reports, TODAY, by="agency")
    assert a.key == "A"
    assert a.expected == (1, 2, 3)
    assert a.received == (1, 2)
    assert a.on_time == (1,)
    assert a.late == (2,)
    assert a.missing == (3,)
    assert a.not_due == (4,)
    assert a.completeness == 2 / 3
    assert a.timeliness == 1 / 3
    assert a.explanation.text == (
        "Đã nhận 2/3 báo cáo đến hạn (66,7%), đúng hạn 1 (33,3%), trễ hạn 1, chưa nộp 1."
    )
    assert b.approved == (5,)
    assert a.as_dict()["missing"] == {"count": 1, "ids": [3]}


def test_summary_by_period_by_function_and_overall():
    reports = [sub(1, at=dt.datetime(2026, 3, 14)), sub(2, agency="B")]
    by_period = summarise_timeliness(reports, TODAY, by="period_key")
    assert [s.key for s in by_period] == ["2026-Q1"]
    by_letter = summarise_timeliness(reports, TODAY, by=lambda r: r.agency.lower())
    assert [s.key for s in by_letter] == ["a", "b"]
    (overall,) = summarise_timeliness(reports, TODAY, by=None)
    assert overall.key is None and len(overall.expected) == 2


def test_summary_with_nothing_due():
    (s,) = summarise_timeliness([sub(1, due="2026-12-15")], TODAY)
    assert s.completeness is None
    assert s.explanation.text == "Chưa có báo cáo nào đến hạn."


@given(
    st.lists(
        st.tuples(st.integers(-60, 60), st.one_of(st.none(), st.integers(-90, 90))), max_size=30
    )
)
def test_counts_add_up(rows):
    base = day("2026-03-15")
    reports = [
        sub(
            i,
            due=(base + dt.timedelta(days=due_shift)).isoformat(),
            at=None
            if at is None
            else dt.datetime.combine(base + dt.timedelta(days=at), dt.time(9)),
        )
        for i, (due_shift, at) in enumerate(rows)
    ]
    for s in summarise_timeliness(reports, base, by=None):
        assert len(s.on_time) + len(s.late) + len(s.missing) == len(s.expected)
        assert len(s.expected) + len(s.not_due) == len(reports)
        assert set(s.received) <= set(s.expected)
