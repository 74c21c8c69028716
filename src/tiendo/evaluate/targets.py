"""Target status: achieved, on track, behind, at risk, missed, or not enough data.

The rules, in the order they are applied (see docs/evaluation.md):

1. No direction (higher or lower is better) → not enough data.
2. The latest value meets the target's condition → achieved.
3. The milestone (31/12 of its year) has passed and a closing figure exists
   (dated within ``final_window_days`` before it) → missed.
4. Otherwise two measures are computed and each is graded against the
   thresholds: the progress ratio on the straight path from the baseline to
   the target, and the anticipated achievement of the projected trend.
   The status is the worse of the two grades.

Rates compare the compound annual growth rate of the series with the target
rate; multiples become levels (base-year value × multiple); yes/no targets
not yet achieved turn "at risk" when fewer than ``achieve_at_risk_days``
remain.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tiendo.domain.plan import Comparator, TargetKind
from tiendo.evaluate import wording as w
from tiendo.evaluate.conditions import better_or_equal, condition_holds, goal_value, sign
from tiendo.evaluate.explanation import Explanation
from tiendo.evaluate.model import Direction, Growth, ItemId, Observation, TargetSpec
from tiendo.evaluate.projection import cagr, decimal_year, project
from tiendo.evaluate.trajectory import expected_value, progress_ratio, share_of_change
from tiendo.text.numbers import format_date


class TargetStatus(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NO_DATA = "no_data"


TARGET_STATUS_LABELS = {
    TargetStatus.ACHIEVED: "đã đạt",
    TargetStatus.ON_TRACK: "đúng tiến độ",
    TargetStatus.BEHIND: "chậm tiến độ",
    TargetStatus.AT_RISK: "nguy cơ không đạt",
    TargetStatus.MISSED: "không đạt",
    TargetStatus.NO_DATA: "chưa đủ dữ liệu",
}

_GRADE_ORDER = (TargetStatus.ON_TRACK, TargetStatus.BEHIND, TargetStatus.AT_RISK)


@dataclass(frozen=True)
class Thresholds:
    """Where the grades change, and the other settings of target evaluation.

    A ratio ≥ ``on_track`` is on track, ≥ ``behind`` is behind, lower is at
    risk. ``half_life_years``: a point's weight in the projection halves for
    every so many years it lies before the latest point. A passed milestone
    gets its final verdict from a figure dated no more than
    ``final_window_days`` before 31/12. A yes/no target not yet achieved is
    at risk when ``achieve_at_risk_days`` or fewer remain.
    """

    on_track: float = 0.95
    behind: float = 0.60
    half_life_years: float = 2.0
    final_window_days: int = 31
    achieve_at_risk_days: int = 180

    def __post_init__(self) -> None:
        if not self.behind <= self.on_track:
            raise ValueError("behind must not exceed on_track")
        if self.half_life_years <= 0 or self.final_window_days < 0:
            raise ValueError("half_life_years must be positive, final_window_days not negative")
        if self.achieve_at_risk_days < 0:
            raise ValueError("achieve_at_risk_days must not be negative")

    def grade(self, value: float) -> TargetStatus:
        # Rounded so that 0,6 computed as 0,5999999999 still counts as 0,6.
        value = round(value, 9)
        if value >= self.on_track:
            return TargetStatus.ON_TRACK
        if value >= self.behind:
            return TargetStatus.BEHIND
        return TargetStatus.AT_RISK

    def as_dict(self) -> dict:
        return {
            "on_track": self.on_track,
            "behind": self.behind,
            "half_life_years": self.half_life_years,
            "final_window_days": self.final_window_days,
            "achieve_at_risk_days": self.achieve_at_risk_days,
        }


DEFAULT_THRESHOLDS = Thresholds()


def _capped_percent(value: float | None) -> float | None:
    return None if value is None else min(100.0, max(0.0, value * 100.0))


@dataclass(frozen=True)
class TargetResult:
    """The status of one target (one milestone) and the numbers behind it.

    ``goal`` is the value progress is measured towards (for a multiple the
    base-year value × multiple, for a rate the level the target rate would
    reach by the milestone). ``ratio`` is the progress ratio on the path
    (for a rate: observed CAGR ÷ target rate); ``anticipated`` the share of
    the needed change the projection reaches; ``completion`` the share of the
    needed change already made.
    """

    target_id: ItemId
    indicator: str
    year: int
    status: TargetStatus
    explanation: Explanation
    direction: Direction | None = None
    latest: Observation | None = None
    baseline_value: float | None = None
    baseline_date: dt.date | None = None
    goal: float | None = None
    expected: float | None = None
    ratio: float | None = None
    projected: float | None = None
    anticipated: float | None = None
    completion: float | None = None
    agency: ItemId | None = None
    province: ItemId | None = None

    @property
    def label(self) -> str:
        return TARGET_STATUS_LABELS[self.status]

    @property
    def progress_percent(self) -> float | None:
        """The progress ratio as a percentage held within 0–100."""
        if self.status is TargetStatus.ACHIEVED:
            return 100.0
        return _capped_percent(self.ratio)

    @property
    def completion_percent(self) -> float | None:
        """The share of the needed change made so far, held within 0–100."""
        if self.status is TargetStatus.ACHIEVED:
            return 100.0
        return _capped_percent(self.completion)

    def as_dict(self) -> dict:
        return {
            "target_id": self.target_id,
            "indicator": self.indicator,
            "year": self.year,
            "status": self.status.value,
            "label": self.label,
            "direction": self.direction.value if self.direction else None,
            "ratio": self.ratio,
            "anticipated": self.anticipated,
            "progress_percent": self.progress_percent,
            "completion_percent": self.completion_percent,
            "explanation": self.explanation.as_dict(),
        }


@dataclass(frozen=True)
class _Baseline:
    value: float
    date: dt.date
    source: str  # "spec", "base_year" or "first_observation"


@dataclass
class _Trace:
    """What one evaluation collects on its way to a result."""

    spec: TargetSpec
    today: dt.date
    thresholds: Thresholds
    direction: Direction | None = None
    series: list[Observation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    numbers: dict[str, Any] = field(default_factory=dict)

    def inputs(self) -> dict:
        spec = self.spec
        return {
            "target": {
                "id": spec.id,
                "indicator": spec.indicator,
                "kind": spec.kind,
                "op": spec.op,
                "value": spec.value,
                "value_max": spec.value_max,
                "unit": spec.unit,
                "year": spec.year,
                "base_year": spec.base_year,
                "base_value": spec.base_value,
                "baseline_value": spec.baseline_value,
                "baseline_date": spec.baseline_date,
                "direction": self.direction,
                "growth": spec.resolved_growth,
            },
            "observations": [{"value": o.value, "as_of": o.as_of, "id": o.id} for o in self.series],
            "today": self.today,
            "thresholds": self.thresholds.as_dict(),
        }

    def finish(
        self, status: TargetStatus, rule: str, sentence: str, formula: str = ""
    ) -> TargetResult:
        spec = self.spec
        label = TARGET_STATUS_LABELS[status]
        text = " ".join([f"{label[0].upper()}{label[1:]}: {sentence}.", *self.notes])
        explanation = Explanation(
            rule=rule,
            text=text,
            formula=formula,
            inputs=self.inputs(),
            values=dict(self.values),
            result={"status": status, "label": label},
            notes=tuple(self.notes),
        )
        return TargetResult(
            target_id=spec.id,
            indicator=spec.indicator,
            year=spec.year,
            status=status,
            explanation=explanation,
            direction=self.direction,
            latest=self.series[-1] if self.series else None,
            agency=spec.agency,
            province=spec.province,
            **self.numbers,
        )

    def no_data(self, reason: str) -> TargetResult:
        return self.finish(TargetStatus.NO_DATA, "target.no_data", reason)


def _clean(observations: Iterable[Observation], today: dt.date, trace: _Trace) -> list[Observation]:
    """Observations known by ``today``, one per date (the later entry wins), by date."""
    by_date: dict[dt.date, Observation] = {}
    future = unreadable = 0
    for obs in observations:
        if obs.as_of > today:
            future += 1
        elif isinstance(obs.value, int | float) and math.isfinite(obs.value):
            by_date[obs.as_of] = obs
        else:
            unreadable += 1
    if future:
        trace.notes.append(f"Bỏ qua {future} số liệu có ngày sau ngày đánh giá.")
    if unreadable:
        trace.notes.append(f"Bỏ qua {unreadable} số liệu không phải là số.")
    return [by_date[day] for day in sorted(by_date)]


def evaluate_target(
    spec: TargetSpec,
    observations: Iterable[Observation],
    today: dt.date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> TargetResult:
    """The status of ``spec`` on ``today`` given the reported observations."""
    trace = _Trace(spec, today, thresholds, direction=spec.resolved_direction)
    series = _clean(observations, today, trace)
    milestone = spec.milestone_date
    passed = today > milestone
    final = False
    if passed:
        later = [o for o in series if o.as_of > milestone]
        series = [o for o in series if o.as_of <= milestone]
        if later:
            trace.notes.append(
                f"Mốc {format_date(milestone)} đã qua: không dùng {len(later)} số liệu sau mốc."
            )
        final = bool(series) and (milestone - series[-1].as_of).days <= thresholds.final_window_days
        if series and not final:
            trace.notes.append(
                f"Mốc {format_date(milestone)} đã qua nhưng chưa có số liệu chốt cuối năm {spec.year}."
            )
    trace.series = series
    trace.values.update({"milestone_date": milestone, "milestone_passed": passed, "final": final})
    if trace.direction is None:
        return trace.no_data(
            "chưa xác định chiều đánh giá của chỉ tiêu (càng cao càng tốt hay càng thấp càng tốt)"
        )
    if not series:
        return trace.no_data("chưa có số liệu thực hiện")
    if spec.kind is TargetKind.ACHIEVE:
        return _evaluate_achieve(trace, final)
    if spec.kind is TargetKind.RATE:
        return _evaluate_rate(trace, final)
    if spec.kind is TargetKind.MULTIPLE:
        return _evaluate_multiple(trace, final)
    assert spec.value is not None
    return _evaluate_level(
        trace, final, spec.value, spec.value_max, _spec_baseline(spec), spec.unit
    )


def _spec_baseline(spec: TargetSpec) -> _Baseline | None:
    if spec.baseline_value is None or spec.baseline_date is None:
        return None
    return _Baseline(spec.baseline_value, spec.baseline_date, "spec")


def _first_as_baseline(trace: _Trace, unit: str) -> _Baseline | None:
    """The first observation stands in for a missing baseline, if a later one exists."""
    if len(trace.series) < 2:
        return None
    first = trace.series[0]
    trace.notes.append(
        f"Không có giá trị gốc: lấy số liệu đầu tiên ({w.quantity(first.value, unit)} "
        f"ngày {format_date(first.as_of)}) làm gốc."
    )
    return _Baseline(first.value, first.as_of, "first_observation")


def _series_points(trace: _Trace, baseline: _Baseline) -> list[tuple[dt.date, float]]:
    """The baseline and every observation on another date, by date."""
    points = [(o.as_of, o.value) for o in trace.series if o.as_of != baseline.date]
    points.append((baseline.date, baseline.value))
    return sorted(points)


def _bounded(value: float, unit: str) -> float:
    """Keep a projection within what the unit allows: ranks from 1, shares 0–100."""
    if unit == "hạng":
        return max(1.0, value)
    if unit == "%":
        return min(100.0, max(0.0, value))
    return value


def _worst(grades: Sequence[TargetStatus]) -> TargetStatus:
    return max(grades, key=_GRADE_ORDER.index)


_LEVEL_FORMULA = (
    "kỳ vọng = gốc + (mục tiêu − gốc) × (ngày của số liệu − ngày gốc) / (ngày mốc − ngày gốc); "
    "tỷ lệ tiến độ = (thực tế − gốc) / (kỳ vọng − gốc); "
    "mức dự báo đạt được = (dự báo năm mốc − gốc) / (mục tiêu − gốc); "
    "trạng thái theo mức thấp hơn của hai tỷ lệ"
)


def _evaluate_level(
    trace: _Trace,
    final: bool,
    value: float,
    value_max: float | None,
    baseline: _Baseline | None,
    unit: str,
) -> TargetResult:
    """Levels and ranks (and multiples once turned into levels, in ``unit``)."""
    spec, thresholds = trace.spec, trace.thresholds
    direction = trace.direction
    assert direction is not None
    milestone = spec.milestone_date
    latest = trace.series[-1]
    goal = goal_value(spec.op, value, value_max, direction)
    condition = w.condition(spec.op, value, value_max, unit, direction)
    holds = condition_holds(spec.op, value, value_max, direction, latest.value)
    trace.values.update({"goal": goal, "condition_holds": holds, "latest": latest.value})
    trace.numbers["goal"] = goal
    if baseline is None and not holds:
        baseline = _first_as_baseline(trace, unit)
    if baseline is not None:
        _level_measures(trace, baseline, goal, unit)
    at = f"giá trị {w.quantity(latest.value, unit)} ngày {format_date(latest.as_of)}"
    if holds:
        return trace.finish(
            TargetStatus.ACHIEVED,
            "target.condition_met",
            f"{at} đáp ứng mục tiêu {condition} năm {spec.year}",
        )
    if final:
        return trace.finish(
            TargetStatus.MISSED,
            "target.milestone_missed",
            f"đến mốc {format_date(milestone)}, {at} chưa đáp ứng mục tiêu {condition}",
        )
    if baseline is None:
        return trace.no_data("chỉ có một số liệu và chưa có giá trị gốc để so sánh")
    ratio = trace.numbers.get("ratio")
    anticipated = trace.numbers.get("anticipated")
    grades = [thresholds.grade(x) for x in (ratio, anticipated) if x is not None]
    path = (
        f"lộ trình từ {w.quantity(baseline.value, unit)} ({format_date(baseline.date)}) "
        f"đến {w.quantity(goal, unit)} ({format_date(milestone)})"
    )
    if not grades:
        if sign(direction) * (goal - baseline.value) <= 0:
            worse = not better_or_equal(direction, latest.value, baseline.value)
            status = TargetStatus.AT_RISK if worse else TargetStatus.BEHIND
            return trace.finish(
                status,
                "target.no_gap_from_baseline",
                f"{at} chưa đáp ứng mục tiêu {condition}; giá trị gốc "
                f"{w.quantity(baseline.value, unit)} đã ở mức mục tiêu nên không tính được tỷ lệ tiến độ"
                + (", và giá trị đã xấu đi so với gốc" if worse else ""),
            )
        return trace.no_data(
            f"chưa có số liệu sau ngày gốc {format_date(baseline.date)} để đo tiến độ"
        )
    status = _worst(grades)
    parts = [f"{at}"]
    if ratio is not None:
        parts.append(
            f"theo {path} cần đạt {w.quantity(trace.numbers['expected'], unit)}, "
            f"tỷ lệ tiến độ {w.ratio(ratio)}"
        )
    if anticipated is not None:
        parts.append(
            f"dự báo năm {spec.year} đạt {w.quantity(trace.numbers['projected'], unit)}, "
            f"mức dự báo đạt được {w.ratio(anticipated)}"
        )
    parts.append(
        f"ngưỡng đúng tiến độ {w.ratio(thresholds.on_track)}, chậm tiến độ {w.ratio(thresholds.behind)}"
    )
    return trace.finish(status, "target.trajectory", "; ".join(parts), _LEVEL_FORMULA)


def _level_measures(trace: _Trace, baseline: _Baseline, goal: float, unit: str) -> None:
    """Expected value, progress ratio, projection and anticipated achievement."""
    spec, thresholds = trace.spec, trace.thresholds
    direction = trace.direction
    assert direction is not None
    latest = trace.series[-1]
    milestone = spec.milestone_date
    gap_ahead = sign(direction) * (goal - baseline.value) > 0
    expected = expected_value(baseline.value, baseline.date, goal, milestone, latest.as_of)
    ratio = None
    if gap_ahead and latest.as_of > baseline.date:
        ratio = progress_ratio(latest.value, baseline.value, expected)
    completion = share_of_change(latest.value, baseline.value, goal) if gap_ahead else None
    method = spec.resolved_growth
    points = _series_points(trace, baseline)
    projection = project(points, milestone, method, thresholds.half_life_years)
    if projection is None and method is Growth.COMPOUND:
        projection = project(points, milestone, Growth.LINEAR, thresholds.half_life_years)
        if projection is not None:
            trace.notes.append("Chuỗi có giá trị không dương: dự báo theo đường thẳng.")
    projected = _bounded(projection.value, unit) if projection else None
    anticipated = None
    if projected is not None and gap_ahead:
        anticipated = share_of_change(projected, baseline.value, goal)
    trace.values.update(
        {
            "baseline": baseline.value,
            "baseline_date": baseline.date,
            "baseline_source": baseline.source,
            "expected": expected,
            "ratio": ratio,
            "completion": completion,
            "projection": projection.as_dict() if projection else None,
            "projected": projected,
            "anticipated": anticipated,
        }
    )
    trace.numbers.update(
        {
            "baseline_value": baseline.value,
            "baseline_date": baseline.date,
            "expected": expected,
            "ratio": ratio,
            "completion": completion,
            "projected": projected,
            "anticipated": anticipated,
        }
    )


def _evaluate_multiple(trace: _Trace, final: bool) -> TargetResult:
    """x times the base-year value: the target level is base value × multiple."""
    spec = trace.spec
    assert spec.base_year is not None and spec.value is not None
    base_value, base_date = spec.base_value, dt.date(spec.base_year, 12, 31)
    if base_value is None:
        in_base_year = [o for o in trace.series if o.as_of.year == spec.base_year]
        if not in_base_year:
            return trace.no_data(f"chưa có giá trị năm gốc {spec.base_year}")
        base_value, base_date = in_base_year[-1].value, in_base_year[-1].as_of
    level = base_value * spec.value
    level_max = base_value * spec.value_max if spec.value_max is not None else None
    trace.values.update(
        {"base_value": base_value, "base_date": base_date, "multiple": spec.value, "level": level}
    )
    # The level is a count, not "lần": show it as a plain number.
    unit = "số" if spec.unit == "lần" else spec.unit
    trace.notes.insert(
        0,
        f"Mục tiêu gấp {w.num(spec.value)} lần giá trị năm {spec.base_year} "
        f"({w.quantity(base_value, unit)}), tức {w.quantity(level, unit)}.",
    )
    baseline = _spec_baseline(spec) or _Baseline(base_value, base_date, "base_year")
    return _evaluate_level(trace, final, level, level_max, baseline, unit)


_STRICT_OR_NOT = {
    (Direction.HIGHER, False): Comparator.GE,
    (Direction.HIGHER, True): Comparator.GT,
    (Direction.LOWER, False): Comparator.LE,
    (Direction.LOWER, True): Comparator.LT,
}

_RATE_FORMULA = (
    "CAGR = (v1/v0)^(1/(t1 − t0)) − 1; tỷ lệ = CAGR / tốc độ mục tiêu; "
    "mức cần có năm mốc = gốc × (1 + tốc độ mục tiêu)^(số năm từ gốc đến mốc); "
    "mức dự báo đạt được = (dự báo − gốc) / (mức cần có − gốc); "
    "trạng thái theo mức thấp hơn của hai tỷ lệ"
)


def _evaluate_rate(trace: _Trace, final: bool) -> TargetResult:
    """Growth per year: the series' CAGR against the target rate."""
    spec, thresholds = trace.spec, trace.thresholds
    direction = trace.direction
    assert direction is not None and spec.value is not None
    latest = trace.series[-1]
    rate = spec.value / 100.0
    rate_max = spec.value_max / 100.0 if spec.value_max is not None else None
    goal_rate = goal_value(spec.op, rate, rate_max, direction)
    condition = w.condition(spec.op, spec.value, spec.value_max, "%/năm", direction)
    baseline = _spec_baseline(spec) or _first_as_baseline(trace, "số")
    if baseline is None:
        return trace.no_data(
            "cần ít nhất hai số liệu (hoặc giá trị gốc và một số liệu) để tính tốc độ tăng"
        )
    if baseline.value <= 0:
        return trace.no_data(
            f"giá trị gốc {w.num(baseline.value)} không dương nên không tính được tốc độ tăng bình quân"
        )
    t0, t1 = decimal_year(baseline.date), decimal_year(latest.as_of)
    t_end = decimal_year(spec.milestone_date)
    observed = cagr(baseline.value, t0, latest.value, t1)
    required_level = baseline.value * (1.0 + goal_rate) ** (t_end - t0)
    rate_ratio = None
    if (
        observed is not None
        and goal_rate != 0
        and (goal_rate > 0) == (direction is Direction.HIGHER)
    ):
        rate_ratio = observed / goal_rate
    points = _series_points(trace, baseline)
    projection = project(points, spec.milestone_date, Growth.COMPOUND, thresholds.half_life_years)
    projected = projection.value if projection else None
    projected_rate = cagr(baseline.value, t0, projected, t_end) if projected is not None else None
    anticipated = None
    if projected is not None and sign(direction) * (required_level - baseline.value) > 0:
        anticipated = share_of_change(projected, baseline.value, required_level)
    trace.values.update(
        {
            "baseline": baseline.value,
            "baseline_date": baseline.date,
            "baseline_source": baseline.source,
            "target_rate": goal_rate,
            "observed_rate": observed,
            "years_observed": t1 - t0,
            "required_level": required_level,
            "ratio": rate_ratio,
            "projection": projection.as_dict() if projection else None,
            "projected": projected,
            "projected_rate": projected_rate,
            "anticipated": anticipated,
        }
    )
    trace.numbers.update(
        {
            "baseline_value": baseline.value,
            "baseline_date": baseline.date,
            "goal": required_level,
            "ratio": rate_ratio,
            "projected": projected,
            "anticipated": anticipated,
            "completion": share_of_change(latest.value, baseline.value, required_level)
            if sign(direction) * (required_level - baseline.value) > 0
            else None,
        }
    )
    since = f"từ {format_date(baseline.date)} đến {format_date(latest.as_of)}"
    if observed is None:
        if t1 <= t0:
            return trace.no_data(f"chưa có số liệu sau ngày gốc {format_date(baseline.date)}")
        return trace.no_data("giá trị âm nên không tính được tốc độ tăng bình quân")
    growth = f"tốc độ tăng bình quân {since} là {w.num(observed * 100)}%/năm"
    if final:
        holds = condition_holds(spec.op, spec.value, spec.value_max, direction, observed * 100)
        trace.values["condition_holds"] = holds
        if holds:
            return trace.finish(
                TargetStatus.ACHIEVED,
                "target.rate_met",
                f"{growth}, đáp ứng mục tiêu {condition}",
                _RATE_FORMULA,
            )
        return trace.finish(
            TargetStatus.MISSED,
            "target.milestone_missed",
            f"{growth}, chưa đáp ứng mục tiêu {condition}",
            _RATE_FORMULA,
        )
    # Only a target that asks for a move (growth, or a cut) can be secured early:
    # the level already reached gives the target rate over the whole period.
    # Ceilings and floors ("≤ 4%/năm") wait for the milestone.
    secured = (
        rate_ratio is not None
        and spec.op is not Comparator.RANGE
        and condition_holds(
            _STRICT_OR_NOT[direction, spec.op is Comparator.GT or spec.op is Comparator.LT],
            required_level,
            None,
            direction,
            latest.value,
        )
    )
    trace.values["condition_holds"] = secured
    if secured:
        return trace.finish(
            TargetStatus.ACHIEVED,
            "target.rate_level_reached",
            f"giá trị {w.num(latest.value)} ngày {format_date(latest.as_of)} đã đạt mức "
            f"{w.num(required_level)} cần có năm {spec.year} với tốc độ "
            f"{w.num(goal_rate * 100)}%/năm từ {w.num(baseline.value)} ({format_date(baseline.date)})",
            _RATE_FORMULA,
        )
    grades = [thresholds.grade(x) for x in (rate_ratio, anticipated) if x is not None]
    if not grades:
        # Ceilings ("≤ 4%/năm") and targets of no change: the condition itself decides.
        holds = condition_holds(spec.op, spec.value, spec.value_max, direction, observed * 100)
        status = TargetStatus.ON_TRACK if holds else TargetStatus.AT_RISK
        verdict = "đang đáp ứng" if holds else "chưa đáp ứng"
        return trace.finish(
            status,
            "target.rate_condition",
            f"{growth}, {verdict} mục tiêu {condition}",
            _RATE_FORMULA,
        )
    parts = [f"{growth} so với mục tiêu {condition}"]
    if rate_ratio is not None:
        parts.append(f"tỷ lệ {w.ratio(rate_ratio)}")
    if anticipated is not None:
        parts.append(
            f"dự báo năm {spec.year} đạt {w.num(projected)} so với mức cần có "
            f"{w.num(required_level)}, mức dự báo đạt được {w.ratio(anticipated)}"
        )
    parts.append(
        f"ngưỡng đúng tiến độ {w.ratio(thresholds.on_track)}, chậm tiến độ {w.ratio(thresholds.behind)}"
    )
    return trace.finish(_worst(grades), "target.rate_progress", "; ".join(parts), _RATE_FORMULA)


def _evaluate_achieve(trace: _Trace, final: bool) -> TargetResult:
    """Yes/no: achieved once reported "có"; at risk when time runs short."""
    spec, thresholds = trace.spec, trace.thresholds
    latest = trace.series[-1]
    milestone = spec.milestone_date
    days_left = (milestone - trace.today).days
    holds = bool(latest.value)
    trace.values.update({"condition_holds": holds, "days_left": days_left})
    reported = f"báo cáo ngày {format_date(latest.as_of)}"
    if holds:
        return trace.finish(TargetStatus.ACHIEVED, "target.condition_met", f"đã có theo {reported}")
    if final:
        return trace.finish(
            TargetStatus.MISSED,
            "target.milestone_missed",
            f"đến mốc {format_date(milestone)} vẫn chưa có ({reported})",
        )
    at_risk = days_left <= thresholds.achieve_at_risk_days
    status = TargetStatus.AT_RISK if at_risk else TargetStatus.ON_TRACK
    timing = (
        f"còn {days_left} ngày đến hạn {format_date(milestone)}"
        if days_left >= 0
        else f"đã quá hạn {format_date(milestone)} {-days_left} ngày"
    )
    return trace.finish(
        status,
        "target.achieve_pending",
        f"chưa có ({reported}), {timing}; ngưỡng cảnh báo {thresholds.achieve_at_risk_days} ngày",
    )
