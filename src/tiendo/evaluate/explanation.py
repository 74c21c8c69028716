"""The reasons that go with every result.

Each result carries an ``Explanation``: which rule decided, the inputs, the
formula, the numbers computed, the result, and one short Vietnamese sentence
for the pages. ``as_dict`` gives a JSON-ready form an API can return as is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

#: Offset of Vietnam time; stored timestamps without a zone are Vietnam time.
VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Explanation:
    rule: str
    text: str
    formula: str = ""
    inputs: Mapping[str, Any] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)
    result: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "text": self.text,
            "formula": self.formula,
            "inputs": jsonable(self.inputs),
            "values": jsonable(self.values),
            "result": jsonable(self.result),
            "notes": list(self.notes),
        }


_PLAIN = (str, int, bool, type(None))


def jsonable(obj: Any) -> Any:
    """Dates as ISO text, enums as their value, tuples as lists, NaN as None."""
    # Exact types first: explanations hold many plain values, and an enum
    # (a str subclass) must not take this path.
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    if kind is float:
        return obj if math.isfinite(obj) else None
    if kind is dict:
        return {str(jsonable(k)): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, dt.date | dt.datetime):
        return obj.isoformat()
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, Mapping):
        return {str(jsonable(k)): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        items = [jsonable(v) for v in obj]
        return sorted(items, key=repr) if isinstance(obj, set | frozenset) else items
    if hasattr(obj, "as_dict"):
        return obj.as_dict()
    return obj


def local_date(moment: dt.datetime | dt.date) -> dt.date:
    """The calendar day of a timestamp in Vietnam time."""
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(VIETNAM_TZ)
        return moment.date()
    return moment
