"""Specs check themselves; directions are derived only where the target tells them."""

from __future__ import annotations

import pytest
from eval_builders import day, level

from tiendo.domain.plan import Comparator, TargetKind
from tiendo.errors import ValidationError
from tiendo.evaluate.model import Direction, Growth, TaskSpec, derive_direction


@pytest.mark.parametrize(
    ("kind", "op", "value", "direction"),
    [
        ("rank", "<=", 20, Direction.LOWER),
        ("rank", "=", 25, Direction.LOWER),
        ("achieve", "=", None, Direction.HIGHER),
        ("level", ">=", 80, Direction.HIGHER),
        ("level", ">", 80, Direction.HIGHER),
        ("level", "<=", 5, Direction.LOWER),
        ("level", "<", 5, Direction.LOWER),
        ("rate", ">=", 12, Direction.HIGHER),
        ("multiple", "=", 2, Direction.HIGHER),
        ("multiple", "=", 0.5, Direction.LOWER),
        ("multiple", "=", 1, None),
        ("level", "=", 80, None),
        ("level", "range", 8, None),
        ("rate", "=", 10, None),
        ("rate", "range", 16, None),
    ],
)
def test_direction_is_derived_only_where_unambiguous(kind, op, value, direction):
    assert derive_direction(TargetKind(kind), Comparator(op), value) is direction


def test_given_direction_is_kept_and_strings_become_enums():
    spec = level(op="=", direction="lower", growth="compound")
    assert spec.resolved_direction is Direction.LOWER
    assert spec.resolved_growth is Growth.COMPOUND
    assert spec.op is Comparator.EQ


def test_growth_defaults_to_compound_for_rates_and_multiples():
    assert level().resolved_growth is Growth.LINEAR
    assert (
        level(kind="multiple", op="=", value=2, base_year=2025).resolved_growth is Growth.COMPOUND
    )


def test_milestone_is_the_last_day_of_the_year():
    assert level(year=2030).milestone_date == day("2030-12-31")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "rank", "op": "<=", "direction": "higher"}, "trái với chỉ tiêu"),
        ({"op": ">=", "direction": "lower"}, "trái với chỉ tiêu"),
        ({"op": "range", "value_max": None}, "cận trên"),
        ({"op": "range", "value": 10, "value_max": 8}, "cận trên"),
        ({"value": None}, "phải có giá trị mục tiêu"),
        ({"kind": "multiple", "op": "=", "value": 2}, "năm gốc"),
        ({"baseline_date": None}, "ngày của giá trị gốc"),
        ({"value": float("nan")}, "số hữu hạn"),
        ({"kind": "cấp độ"}, "không hợp lệ"),
    ],
)
def test_bad_specs_are_refused_in_vietnamese(fields, message):
    with pytest.raises(ValidationError) as err:
        level(**fields)
    assert message in err.value.message
    assert err.value.where == "chỉ tiêu t1"


def test_bad_task_specs_are_refused():
    with pytest.raises(ValidationError):
        TaskSpec(id=1, percent_done=120)
    with pytest.raises(ValidationError):
        TaskSpec(id=1, reported_state="xong")
