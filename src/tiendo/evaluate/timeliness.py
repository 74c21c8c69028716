"""Report completeness and timeliness, from stored timestamps.

A report is on time when it was submitted (the stored ``submitted_at``, in
Vietnam time) on or before its due date, late when after, missing when its
due date has passed without a submission, and not yet due otherwise.
Expected reports are those due by ``today`` plus any submitted early.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from tiendo.evaluate import wording as w
from tiendo.evaluate.explanation import Explanation, local_date
from tiendo.evaluate.model import ItemId, Submission
from tiendo.text.numbers import format_date


class SubmissionStatus(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_DUE = "not_due"


SUBMISSION_STATUS_LABELS = {
    SubmissionStatus.ON_TIME: "đúng hạn",
    SubmissionStatus.LATE: "trễ hạn",
    SubmissionStatus.MISSING: "chưa nộp (quá hạn)",
    SubmissionStatus.NOT_DUE: "chưa đến hạn",
}


@dataclass(frozen=True)
class SubmissionResult:
    """One expected report judged on ``today``.

    ``days_late`` is how many days after the due date it came (late), or
    how many days it has been missing (missing).
    """

    submission: Submission
    status: SubmissionStatus
    explanation: Explanation
    submitted_on: dt.date | None = None
    approved_on: dt.date | None = None
    days_late: int | None = None

    @property
    def label(self) -> str:
        return SUBMISSION_STATUS_LABELS[self.status]

    @property
    def id(self) -> ItemId:
        return self.submission.id

    @property
    def agency(self) -> ItemId:
        return self.submission.agency

    @property
    def province(self) -> ItemId | None:
        return self.submission.province

    @property
    def plan(self) -> ItemId | None:
        return self.submission.plan

    @property
    def period_key(self) -> str:
        return self.submission.period_key

    @property
    def expected(self) -> bool:
        return self.status is not SubmissionStatus.NOT_DUE

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "agency": self.agency,
            "period_key": self.period_key,
            "status": self.status.value,
            "label": self.label,
            "due": self.submission.due.isoformat(),
            "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
            "approved_on": self.approved_on.isoformat() if self.approved_on else None,
            "days_late": self.days_late,
            "explanation": self.explanation.as_dict(),
        }


def _known_day(moment: dt.datetime | None, today: dt.date) -> dt.date | None:
    """The Vietnam-time day of a timestamp, or None if it is unset or after today."""
    if moment is None:
        return None
    day = local_date(moment)
    return day if day <= today else None


def classify_submission(submission: Submission, today: dt.date) -> SubmissionResult:
    """Whether one expected report is on time, late, missing or not yet due."""
    due = submission.due
    submitted = _known_day(submission.submitted_at, today)
    approved = _known_day(submission.approved_at, today)
    period = submission.period_label or submission.period_key
    if submitted is not None:
        late = (submitted - due).days
        status = SubmissionStatus.ON_TIME if late <= 0 else SubmissionStatus.LATE
        detail = f"nộp ngày {format_date(submitted)}, hạn {format_date(due)}"
        if late > 0:
            detail += f", trễ {late} ngày"
        days_late = max(late, 0)
    elif today > due:
        status = SubmissionStatus.MISSING
        days_late = (today - due).days
        detail = f"chưa nộp, quá hạn {format_date(due)} {days_late} ngày"
    else:
        status = SubmissionStatus.NOT_DUE
        days_late = None
        detail = f"chưa nộp, hạn {format_date(due)}"
    label = SUBMISSION_STATUS_LABELS[status]
    explanation = Explanation(
        rule=f"report.{status.value}",
        text=f"Báo cáo kỳ {period}: {label} ({detail}).",
        formula="đúng hạn khi ngày nộp (giờ Việt Nam) ≤ hạn; chưa nộp khi quá hạn mà chưa có ngày nộp",
        inputs={
            "submission": {
                "id": submission.id,
                "agency": submission.agency,
                "period_key": submission.period_key,
                "due": due,
                "submitted_at": submission.submitted_at,
                "approved_at": submission.approved_at,
            },
            "today": today,
        },
        values={"submitted_on": submitted, "approved_on": approved, "days_late": days_late},
        result={"status": status, "label": label},
    )
    return SubmissionResult(submission, status, explanation, submitted, approved, days_late)


@dataclass(frozen=True)
class TimelinessSummary:
    """Counts of one group's reports, each with the ids behind it."""

    key: object
    expected: tuple[ItemId, ...]
    received: tuple[ItemId, ...]
    on_time: tuple[ItemId, ...]
    late: tuple[ItemId, ...]
    missing: tuple[ItemId, ...]
    not_due: tuple[ItemId, ...]
    approved: tuple[ItemId, ...]
    explanation: Explanation

    @property
    def completeness(self) -> float | None:
        """Received ÷ expected."""
        return len(self.received) / len(self.expected) if self.expected else None

    @property
    def timeliness(self) -> float | None:
        """On time ÷ expected."""
        return len(self.on_time) / len(self.expected) if self.expected else None

    def as_dict(self) -> dict:
        counts = {
            name: {"count": len(ids), "ids": list(ids)}
            for name, ids in (
                ("expected", self.expected),
                ("received", self.received),
                ("on_time", self.on_time),
                ("late", self.late),
                ("missing", self.missing),
                ("not_due", self.not_due),
                ("approved", self.approved),
            )
        }
        return {
            "key": self.key,
            **counts,
            "completeness": self.completeness,
            "timeliness": self.timeliness,
            "explanation": self.explanation.as_dict(),
        }


GroupKey = str | Callable[[SubmissionResult], object] | None


def key_function(by: GroupKey) -> Callable[[object], object]:
    """An attribute name ("agency", "plan", "province", "period_key"), a function, or None (one group)."""
    if by is None:
        return lambda _item: None
    if callable(by):
        return by
    return lambda item: getattr(item, by)


def _sort_key(key: object) -> tuple[bool, str]:
    return (key is None, str(key))


def summarise_timeliness(
    submissions: Iterable[Submission | SubmissionResult],
    today: dt.date,
    by: GroupKey = "agency",
) -> list[TimelinessSummary]:
    """Expected, received, on time, late, missing — per group, sorted by key."""
    results = [
        s if isinstance(s, SubmissionResult) else classify_submission(s, today) for s in submissions
    ]
    keyed = key_function(by)
    groups: dict[object, list[SubmissionResult]] = {}
    for result in results:
        groups.setdefault(keyed(result), []).append(result)
    return [_summary(key, groups[key]) for key in sorted(groups, key=_sort_key)]


def _summary(key: object, results: list[SubmissionResult]) -> TimelinessSummary:
    def ids(*statuses: SubmissionStatus) -> tuple[ItemId, ...]:
        return tuple(r.id for r in results if r.status in statuses)

    expected = tuple(r.id for r in results if r.expected)
    received = ids(SubmissionStatus.ON_TIME, SubmissionStatus.LATE)
    on_time = ids(SubmissionStatus.ON_TIME)
    late = ids(SubmissionStatus.LATE)
    missing = ids(SubmissionStatus.MISSING)
    approved = tuple(r.id for r in results if r.approved_on is not None)
    n = len(expected)
    if n:
        text = (
            f"Đã nhận {len(received)}/{n} báo cáo đến hạn ({w.percent(len(received) / n)}), "
            f"đúng hạn {len(on_time)} ({w.percent(len(on_time) / n)}), trễ hạn {len(late)}, "
            f"chưa nộp {len(missing)}."
        )
    else:
        text = "Chưa có báo cáo nào đến hạn."
    explanation = Explanation(
        rule="report.summary",
        text=text,
        formula="tỷ lệ đầy đủ = đã nhận / đến hạn; tỷ lệ đúng hạn = đúng hạn / đến hạn",
        inputs={"key": key, "reports": [r.id for r in results]},
        values={
            "expected": n,
            "received": len(received),
            "on_time": len(on_time),
            "late": len(late),
            "missing": len(missing),
        },
        result={
            "completeness": len(received) / n if n else None,
            "timeliness": len(on_time) / n if n else None,
        },
    )
    return TimelinessSummary(
        key=key,
        expected=expected,
        received=received,
        on_time=on_time,
        late=late,
        missing=missing,
        not_due=ids(SubmissionStatus.NOT_DUE),
        approved=approved,
        explanation=explanation,
    )
