"""One indicator with several milestones (2025, 2030, 2035, 2040, 2045).

The indicator is judged against the next milestone not yet passed; the
milestones already passed are reported as met or missed (or without data).
A milestone is passed the day after 31/12 of its year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tiendo.evaluate.explanation import Explanation
from tiendo.evaluate.model import Observation, TargetSpec
from tiendo.evaluate.targets import (
    DEFAULT_THRESHOLDS,
    TARGET_STATUS_LABELS,
    TargetResult,
    TargetStatus,
    Thresholds,
    evaluate_target,
)


@dataclass(frozen=True)
class IndicatorResult:
    """``current`` is the next milestone's result (None once all have passed);
    ``passed`` the results of the milestones before it, oldest first.
    ``status`` is the current one's, or the last passed one's."""

    indicator: str
    status: TargetStatus
    current: TargetResult | None
    passed: tuple[TargetResult, ...]
    explanation: Explanation

    @property
    def label(self) -> str:
        return TARGET_STATUS_LABELS[self.status]

    def as_dict(self) -> dict:
        return {
            "indicator": self.indicator,
            "status": self.status.value,
            "label": self.label,
            "current": self.current.as_dict() if self.current else None,
            "passed": [r.as_dict() for r in self.passed],
            "explanation": self.explanation.as_dict(),
        }


def evaluate_milestones(
    specs: Sequence[TargetSpec],
    observations: Iterable[Observation],
    today: dt.date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> IndicatorResult:
    """Evaluate every milestone of one indicator; ``specs`` share the indicator."""
    if not specs:
        raise ValueError("at least one milestone is needed")
    observations = list(observations)
    ordered = sorted(specs, key=lambda s: (s.year, str(s.id)))
    passed_specs = [s for s in ordered if s.milestone_date < today]
    upcoming = [s for s in ordered if s.milestone_date >= today]
    passed = tuple(evaluate_target(s, observations, today, thresholds) for s in passed_specs)
    current = evaluate_target(upcoming[0], observations, today, thresholds) if upcoming else None
    deciding = current or passed[-1]
    indicator = ordered[0].indicator
    history = "; ".join(f"mốc {r.year}: {r.label}" for r in passed)
    if current is not None:
        text = f"So với mốc {current.year}: {current.explanation.text}"
    else:
        text = f"Đã qua mọi mốc. {deciding.explanation.text}"
    if history:
        text = f"{text} Các mốc đã qua — {history}."
    explanation = Explanation(
        rule="indicator.next_milestone",
        text=text,
        inputs={"milestones": [s.year for s in ordered], "today": today},
        values={
            "current_year": current.year if current else None,
            "passed": [{"year": r.year, "status": r.status, "label": r.label} for r in passed],
        },
        result={"status": deciding.status, "label": deciding.label},
    )
    return IndicatorResult(indicator, deciding.status, current, passed, explanation)
