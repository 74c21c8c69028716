"""Numbers, values and conditions in explanations are written the Vietnamese way."""

from __future__ import annotations

import datetime as dt
import json
import math

from eval_builders import day, level, obs

from tiendo.domain.plan import Comparator
from tiendo.evaluate import wording as w
from tiendo.evaluate.explanation import Explanation, local_date
from tiendo.evaluate.model import Direction, Observation
from tiendo.evaluate.targets import evaluate_target


def test_numbers():
    assert w.num(1234.5) == "1.234,5"
    assert w.num(1234567.891) == "1.234.567,89"
    assert w.num(-0.001) == "0"
    assert w.num(None) == "—"
    assert w.ratio(0.953) == "0,95"
    assert w.ratio(-0.333) == "-0,33"
    assert w.percent(2 / 3) == "66,7%"


def test_values_with_units():
    assert w.quantity(80, "%") == "80%"
    assert w.quantity(5.5, "% GRDP") == "5,5% GRDP"
    assert w.quantity(10, "%/năm") == "10%/năm"
    assert w.quantity(20, "hạng") == "hạng 20"
    assert w.quantity(1500, "số") == "1.500"
    assert w.quantity(12, "người/vạn dân") == "12 người/vạn dân"
    assert w.quantity(1, "bool") == "có"
    assert w.quantity(0, "bool") == "chưa có"


def test_conditions():
    assert w.condition(Comparator.GE, 80, None, "%", Direction.HIGHER) == "≥ 80%"
    assert w.condition(Comparator.RANGE, 8, 10, "%", Direction.HIGHER) == "từ 8% đến 10%"
    assert w.condition(Comparator.EQ, 80, None, "%", Direction.HIGHER) == "đạt 80% trở lên"
    assert w.condition(Comparator.EQ, 5, None, "số", Direction.LOWER) == "đạt 5 trở xuống"
    assert (
        w.condition(Comparator.EQ, 23, None, "hạng", Direction.LOWER) == "đạt hạng 23 hoặc cao hơn"
    )


def test_explanation_as_dict_is_json_ready():
    exp = Explanation(
        rule="r",
        text="t",
        inputs={"when": dt.date(2026, 1, 2), "ids": {2, 1}, "pair": (1, "a")},
        values={"bad": math.nan, "direction": Direction.LOWER},
    )
    data = json.loads(json.dumps(exp.as_dict()))
    assert data["inputs"] == {"when": "2026-01-02", "ids": [1, 2], "pair": [1, "a"]}
    assert data["values"] == {"bad": None, "direction": "lower"}


def test_local_date_reads_zoned_timestamps_in_vietnam_time():
    moment = dt.datetime(2026, 3, 15, 17, 30, tzinfo=dt.UTC)
    assert local_date(moment) == dt.date(2026, 3, 16)
    assert local_date(dt.datetime(2026, 3, 15, 23, 59)) == dt.date(2026, 3, 15)


def test_values_that_are_not_numbers_are_left_out_and_said_so():
    series = [*obs(("2027-12-31", 52)), Observation(math.nan, day("2027-06-30"))]
    r = evaluate_target(level(), series, day("2028-03-01"))
    assert r.latest.value == 52
    assert "Bỏ qua 1 số liệu không phải là số." in r.explanation.text
