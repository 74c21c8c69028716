"""One target in detail: its status with the whole calculation, and its trajectory.

The status shown is the stored one (what dashboards count); the trajectory
is drawn from the same facts evaluated again for the day asked, so the chart
and its text alternative show the baseline, the straight path to the
target, the values reported, and the projection to the milestone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.errors import ValidationError
from tiendo.evaluate import mapping, service
from tiendo.evaluate import wording as w
from tiendo.evaluate.config import DEFAULT_CONFIG, EvaluationConfig
from tiendo.evaluate.projection import decimal_year
from tiendo.evaluate.queries import agency_names, scope_for_plan, target_out, visible_target
from tiendo.evaluate.readmodels import ChartPoint, ObservationOut, TargetDetail, Trajectory
from tiendo.evaluate.targets import TargetResult, evaluate_target
from tiendo.store.queries import Visibility
from tiendo.store.tables import ObservationRow, TargetStatusRow
from tiendo.text.numbers import format_date


def _point(day: dt.date, value: float) -> ChartPoint:
    return ChartPoint(date=day, x=decimal_year(day), value=value)


def trajectory(result: TargetResult | None, spec_year: int | None, unit: str, series) -> Trajectory:
    """Points for the chart and one sentence saying the same for those who cannot see it."""
    actual = [_point(o.as_of, o.value) for o in series]
    if result is None or unit == "bool" or spec_year is None:
        text = "; ".join(f"{w.quantity(p.value, unit)} ({format_date(p.date)})" for p in actual)
        return Trajectory(
            unit=unit,
            actual=actual,
            summary=f"Số liệu đã báo cáo: {text}." if text else "Chưa có số liệu đã báo cáo.",
        )
    milestone = dt.date(spec_year, 12, 31)
    baseline = goal = None
    path: list[ChartPoint] = []
    projection: list[ChartPoint] = []
    parts = []
    if result.baseline_value is not None and result.baseline_date is not None:
        baseline = _point(result.baseline_date, result.baseline_value)
        parts.append(
            f"giá trị gốc {w.quantity(result.baseline_value, unit)} ({format_date(result.baseline_date)})"
        )
    if result.goal is not None:
        goal = _point(milestone, result.goal)
        parts.append(f"mục tiêu {w.quantity(result.goal, unit)} ({format_date(milestone)})")
        if baseline is not None:
            path = [baseline, goal]
    if result.latest is not None:
        parts.append(
            f"thực tế gần nhất {w.quantity(result.latest.value, unit)} "
            f"({format_date(result.latest.as_of)})"
        )
    if result.expected is not None:
        parts.append(f"theo lộ trình cần đạt {w.quantity(result.expected, unit)}")
    if result.projected is not None and result.latest is not None:
        projection = [
            _point(result.latest.as_of, result.latest.value),
            _point(milestone, result.projected),
        ]
        parts.append(f"dự báo năm {spec_year} đạt {w.quantity(result.projected, unit)}")
    summary = "; ".join(parts) if parts else "chưa đủ số liệu để vẽ lộ trình"
    return Trajectory(
        unit=unit,
        baseline=baseline,
        goal=goal,
        expected_path=path,
        actual=actual,
        projection=projection,
        summary=f"{summary[0].upper()}{summary[1:]}.",
    )


def target_detail(
    session: Session,
    target_id: int,
    visibility: Visibility,
    today: dt.date,
    config: EvaluationConfig = DEFAULT_CONFIG,
) -> TargetDetail:
    """The target, every milestone of its indicator, its values and its trajectory."""
    target, plan = visible_target(session, target_id, visibility)
    scope = scope_for_plan(plan, today)
    key = mapping.indicator_key(target.indicator, target.unit)
    rows = service.target_groups(session, [plan.id]).get((plan.id, key)) or [target]
    ids = [r.id for r in rows]
    stored = {
        r.target_id: r
        for r in session.scalars(select(TargetStatusRow).where(TargetStatusRow.target_id.in_(ids)))
    }
    by_target = service.live_observations(session, ids)
    series = service.group_observations(rows, by_target)
    live = None
    try:
        spec = mapping.target_spec(target, plan.province_code)
        live = evaluate_target(spec, series, today, config.thresholds)
    except ValidationError:
        spec = None
    names = agency_names(session, [r.agency_id for r in stored.values()])
    targets = {r.id: r for r in rows}
    milestones = [target_out(stored[i], targets[i], scope.plans, names) for i in ids if i in stored]
    mine = stored.get(target.id)
    if mine is None:
        raise ValidationError(
            "Chỉ tiêu chưa được đánh giá: hãy chạy `tiendo evaluate` hoặc chờ lần tính hằng đêm."
        )
    observations = [
        ObservationOut(
            id=o.id,
            target_id=o.target_id,
            value=o.value,
            as_of=o.as_of,
            source=o.source,
            report_id=o.report_id,
            outlier=o.outlier,
        )
        for o in session.scalars(
            select(ObservationRow)
            .where(ObservationRow.target_id.in_(ids), ObservationRow.retracted.is_(False))
            .order_by(ObservationRow.as_of, ObservationRow.id)
        )
    ]
    explanation = dict(mine.explanation or {})
    return TargetDetail(
        target=target_out(mine, target, scope.plans, names),
        milestones=milestones,
        observations=observations,
        trajectory=trajectory(live, spec.year if spec else None, target.unit, series),
        explanation=explanation.get("explanation") or {},
        indicator_explanation=explanation.get("indicator_explanation"),
    )
