"""The facts evaluation works on, independent of how they are stored.

The service layer maps stored rows to these dataclasses; the rules in the
other modules of this package take them and return statuses with their
reasons. Specs check themselves when built and raise ``ValidationError``
with a Vietnamese message, so a bad row is reported, not silently evaluated.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import StrEnum

from tiendo.domain.plan import Comparator, Deadline, TargetKind
from tiendo.errors import ValidationError

ItemId = str | int


class Direction(StrEnum):
    """Which way an indicator improves."""

    HIGHER = "higher"  # higher is better (shares, counts, growth)
    LOWER = "lower"  # lower is better (ranks, costs, times)


DIRECTION_LABELS = {
    Direction.HIGHER: "càng cao càng tốt",
    Direction.LOWER: "càng thấp càng tốt",
}


class Growth(StrEnum):
    """How a series is extended to the milestone year."""

    LINEAR = "linear"  # the same amount each year (shares, ranks, indices)
    COMPOUND = "compound"  # the same rate each year (a count that grows by a rate)


def derive_direction(kind: TargetKind, op: Comparator, value: float | None) -> Direction | None:
    """The direction the target itself implies, or None when it does not say.

    A rank improves downwards; "≥"/">" ask for more, "≤"/"<" for less; a
    multiple above 1 asks for growth and below 1 for a cut; a yes/no target
    wants "yes". "=" and ranges on levels and rates ("đạt 80%", "tăng khoảng
    10%/năm", "8–10%") do not tell which side is better: the direction must
    then be given.
    """
    if kind is TargetKind.RANK:
        return Direction.LOWER
    if kind is TargetKind.ACHIEVE:
        return Direction.HIGHER
    if op in (Comparator.GE, Comparator.GT):
        return Direction.HIGHER
    if op in (Comparator.LE, Comparator.LT):
        return Direction.LOWER
    if kind is TargetKind.MULTIPLE and value is not None and value != 1:
        return Direction.HIGHER if value > 1 else Direction.LOWER
    return None


@dataclass(frozen=True)
class TargetSpec:
    """One target of one milestone year, as evaluation needs it.

    ``value``/``value_max`` are in the target's unit; a rate is in %/year
    ("10" for 10%/năm); a multiple is the factor ("2" for "gấp 2 lần") of the
    value in ``base_year`` (``base_value`` when known, else read from the
    observations of that year). The baseline (``baseline_value`` at
    ``baseline_date``) is where the straight path to the target starts; a
    yearly figure is dated 31/12 of its year. ``direction`` may be left None
    only where ``derive_direction`` can tell it.
    """

    id: ItemId
    indicator: str
    kind: TargetKind
    op: Comparator
    value: float | None
    unit: str
    year: int
    value_max: float | None = None
    base_year: int | None = None
    base_value: float | None = None
    baseline_value: float | None = None
    baseline_date: dt.date | None = None
    direction: Direction | None = None
    growth: Growth | None = None
    agency: ItemId | None = None
    province: ItemId | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        where = f"chỉ tiêu {self.id}"
        try:
            set_(self, "kind", TargetKind(self.kind))
            set_(self, "op", Comparator(self.op))
            if self.direction is not None:
                set_(self, "direction", Direction(self.direction))
            if self.growth is not None:
                set_(self, "growth", Growth(self.growth))
        except ValueError as exc:
            raise ValidationError(f"Giá trị không hợp lệ: {exc}.", where=where) from exc
        for name in ("value", "value_max", "base_value", "baseline_value"):
            number = getattr(self, name)
            if number is not None and not math.isfinite(number):
                raise ValidationError(f"Trường {name} không phải là số hữu hạn.", where=where)
        if self.kind is not TargetKind.ACHIEVE and self.value is None:
            raise ValidationError("Chỉ tiêu định lượng phải có giá trị mục tiêu.", where=where)
        if self.op is Comparator.RANGE and (
            self.value_max is None or self.value is None or self.value_max < self.value
        ):
            raise ValidationError(
                "Chỉ tiêu dạng khoảng phải có cận dưới và cận trên, cận trên không nhỏ hơn cận dưới.",
                where=where,
            )
        if self.kind is TargetKind.MULTIPLE and self.base_year is None:
            raise ValidationError("Chỉ tiêu gấp lần phải có năm gốc.", where=where)
        if (self.baseline_value is None) != (self.baseline_date is None):
            raise ValidationError("Giá trị gốc phải đi cùng ngày của giá trị gốc.", where=where)
        implied = derive_direction(self.kind, self.op, self.value)
        if implied is not None and self.direction is not None and self.direction != implied:
            raise ValidationError(
                f"Chiều đánh giá «{DIRECTION_LABELS[self.direction]}» trái với "
                f"chỉ tiêu, vốn {DIRECTION_LABELS[implied]}.",
                where=where,
            )

    @property
    def milestone_date(self) -> dt.date:
        """Targets of a year are due by 31/12 of that year."""
        return dt.date(self.year, 12, 31)

    @property
    def resolved_direction(self) -> Direction | None:
        return self.direction or derive_direction(self.kind, self.op, self.value)

    @property
    def resolved_growth(self) -> Growth:
        """Rates and multiples describe a level that grows by a rate."""
        if self.growth is not None:
            return self.growth
        if self.kind in (TargetKind.RATE, TargetKind.MULTIPLE):
            return Growth.COMPOUND
        return Growth.LINEAR


@dataclass(frozen=True)
class Observation:
    """A reported value of an indicator as of a date (1/0 for yes/no targets)."""

    value: float
    as_of: dt.date
    id: ItemId | None = None
    source: str | None = None


class TaskState(StrEnum):
    """What the responsible agency last reported about a task."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class TaskSpec:
    """A task with its deadline and the latest facts reported about it.

    ``completed_at`` is the day the task was completed as recorded; when a
    report says "done" without a day, ``reported_at`` (the day of that
    report) stands in as the latest possible completion day.
    """

    id: ItemId
    deadline: Deadline = field(default_factory=Deadline)
    title: str = ""
    completed_at: dt.date | None = None
    reported_state: TaskState | None = None
    percent_done: float | None = None
    reported_at: dt.date | None = None
    agency: ItemId | None = None
    province: ItemId | None = None

    def __post_init__(self) -> None:
        if self.reported_state is not None:
            try:
                object.__setattr__(self, "reported_state", TaskState(self.reported_state))
            except ValueError as exc:
                raise ValidationError(
                    f"Trạng thái báo cáo «{self.reported_state}» không hợp lệ.",
                    where=f"nhiệm vụ {self.id}",
                ) from exc
        if self.percent_done is not None and not 0 <= self.percent_done <= 100:
            raise ValidationError(
                "Tỷ lệ hoàn thành phải từ 0 đến 100.", where=f"nhiệm vụ {self.id}"
            )


@dataclass(frozen=True)
class Submission:
    """One expected report of one agency for one period, and what happened.

    ``submitted_at`` and ``approved_at`` are the stored timestamps (naive
    ones are read as Vietnam time); None when it has not happened.
    """

    id: ItemId
    agency: ItemId
    period_key: str
    due: dt.date
    submitted_at: dt.datetime | None = None
    approved_at: dt.datetime | None = None
    period_label: str = ""
    plan: ItemId | None = None
    province: ItemId | None = None
