"""Properties that must hold for any numbers, checked with generated cases."""

from __future__ import annotations

import datetime as dt

from eval_builders import day, level
from hypothesis import given, settings
from hypothesis import strategies as st

from tiendo.domain.plan import Comparator
from tiendo.evaluate.conditions import condition_holds
from tiendo.evaluate.model import Observation
from tiendo.evaluate.targets import TargetStatus, evaluate_target

values = st.floats(-1000, 1000, allow_nan=False)
TODAY = day("2028-03-01")


@given(baseline=values, gap=st.floats(0.01, 500), a=values, b=values)
def test_ratio_grows_with_the_value_when_higher_is_better(baseline, gap, a, b):
    spec = level(op=">=", value=baseline + gap, unit="số", baseline_value=baseline)
    low, high = sorted((a, b))
    r_low = evaluate_target(spec, [Observation(low, day("2027-12-31"))], TODAY)
    r_high = evaluate_target(spec, [Observation(high, day("2027-12-31"))], TODAY)
    if r_low.ratio is not None and r_high.ratio is not None:
        assert r_low.ratio <= r_high.ratio + 1e-9


@given(baseline=values, gap=st.floats(0.01, 500), a=values, b=values)
def test_ratio_grows_as_the_value_falls_when_lower_is_better(baseline, gap, a, b):
    spec = level(op="<=", value=baseline - gap, unit="số", baseline_value=baseline)
    low, high = sorted((a, b))
    r_low = evaluate_target(spec, [Observation(low, day("2027-12-31"))], TODAY)
    r_high = evaluate_target(spec, [Observation(high, day("2027-12-31"))], TODAY)
    if r_low.ratio is not None and r_high.ratio is not None:
        assert r_low.ratio >= r_high.ratio - 1e-9


targets = st.builds(
    lambda op, value, width, direction, baseline: level(
        op=op,
        value=value,
        value_max=value + width if op == "range" else None,
        direction=direction if op in ("=", "range") else None,
        unit="số",
        baseline_value=baseline,
    ),
    op=st.sampled_from([">=", ">", "<=", "<", "=", "range"]),
    value=values,
    width=st.floats(0, 100),
    direction=st.sampled_from(["higher", "lower"]),
    baseline=values,
)
series = st.lists(
    st.tuples(st.dates(dt.date(2020, 1, 1), dt.date(2028, 3, 1)), values), min_size=0, max_size=6
)


@settings(max_examples=200)
@given(spec=targets, points=series)
def test_achieved_exactly_when_the_latest_value_meets_the_condition(spec, points):
    observations = [Observation(v, d) for d, v in points]
    r = evaluate_target(spec, observations, TODAY)
    if r.latest is None:
        assert r.status is TargetStatus.NO_DATA
        return
    holds = condition_holds(
        Comparator(spec.op), spec.value, spec.value_max, spec.resolved_direction, r.latest.value
    )
    assert (r.status is TargetStatus.ACHIEVED) is holds
    for pct in (r.progress_percent, r.completion_percent):
        assert pct is None or 0 <= pct <= 100
    assert r.explanation.text
