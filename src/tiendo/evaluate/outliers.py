"""Values far from an indicator's history, by a robust rule.

The rule looks at changes, not levels: a count that grows every year would
otherwise make every new record look extreme. The change from the last
value is compared with the past changes by the modified z-score of
Iglewicz and Hoaglin, z = 0,6745 × (x − median) / MAD, which one wild past
value cannot distort the way a mean and standard deviation can. When MAD is
0 (at least half the past changes equal), the mean absolute deviation times
1,2533 stands in for 1,4826 × MAD; when that is 0 too, the history is too
regular to judge.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from tiendo.evaluate import wording as w
from tiendo.evaluate.explanation import Explanation
from tiendo.evaluate.model import Observation
from tiendo.text.numbers import format_date

#: 1/0,6745: makes MAD comparable to a standard deviation for normal data.
MAD_SCALE = 1.4826
#: sqrt(pi/2): the same for the mean absolute deviation.
MEAN_AD_SCALE = 1.2533


def robust_z(value: float, reference: Sequence[float]) -> tuple[float, float, float] | None:
    """(z, median, scale) of ``value`` against ``reference``; None when scale is 0."""
    if not reference:
        return None
    median = statistics.median(reference)
    mad = statistics.median(abs(x - median) for x in reference)
    scale = MAD_SCALE * mad
    if scale == 0:
        scale = MEAN_AD_SCALE * statistics.fmean(abs(x - median) for x in reference)
    if scale == 0:
        return None
    return (value - median) / scale, median, scale


@dataclass(frozen=True)
class OutlierCheck:
    """``z`` is None when the rule could not judge (too little or too regular history)."""

    outlier: bool
    z: float | None
    change: float | None
    explanation: Explanation


def check_value(
    history: Sequence[Observation],
    new: Observation,
    threshold: float = 3.5,
    min_changes: int = 4,
) -> OutlierCheck:
    """Is ``new`` far from ``history`` (observations dated before it)?

    Needs ``min_changes`` past changes, i.e. ``min_changes`` + 1 past values.
    """
    past = sorted((o for o in history if o.as_of < new.as_of), key=lambda o: o.as_of)
    changes = [b.value - a.value for a, b in pairwise(past)]
    inputs = {
        "new": {"value": new.value, "as_of": new.as_of},
        "history": [{"value": o.value, "as_of": o.as_of} for o in past],
        "threshold": threshold,
        "min_changes": min_changes,
    }
    formula = "z = (thay đổi mới − trung vị các thay đổi) / (1,4826 × MAD)"

    def result(outlier: bool, z, change, text: str, values: dict) -> OutlierCheck:
        return OutlierCheck(
            outlier,
            z,
            change,
            Explanation(
                rule="value.robust_z",
                text=text,
                formula=formula,
                inputs=inputs,
                values=values,
                result={"outlier": outlier},
            ),
        )

    if len(changes) < min_changes:
        return result(
            False,
            None,
            None,
            f"Chưa đủ lịch sử để kiểm tra (cần {min_changes + 1} số liệu trước, có {len(past)}).",
            {"changes": changes},
        )
    change = new.value - past[-1].value
    scored = robust_z(change, changes)
    if scored is None:
        return result(
            False,
            None,
            change,
            "Các thay đổi trước đây đều như nhau: không đánh giá được mức bất thường.",
            {"changes": changes, "change": change},
        )
    z, median, scale = scored
    outlier = abs(z) > threshold
    verdict = "khác xa" if outlier else "phù hợp với"
    text = (
        f"Giá trị {w.num(new.value)} ngày {format_date(new.as_of)} thay đổi {_signed(change)} "
        f"so với kỳ trước, {verdict} mức thay đổi thường thấy (trung vị {_signed(median)}; "
        f"điểm z {w.num(z)}, ngưỡng {w.num(threshold)})."
    )
    if outlier:
        text += " Đề nghị kiểm tra lại số liệu."
    return result(
        outlier,
        z,
        change,
        text,
        {"changes": changes, "change": change, "median": median, "scale": scale, "z": z},
    )


def _signed(value: float) -> str:
    return f"+{w.num(value)}" if value > 0 else w.num(value)
