"""The settings evaluation runs with, in one object.

Every rule of the pure core takes its settings as a parameter; this object
gathers them so the service, the pages and the API use the same ones and
publish them with every result. The values come from the application
settings (``TIENDO_WEIGHT_TASKS`` and friends, or the TOML file), so a
province can publish its own weights without touching the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from tiendo.evaluate.scorecards import DEFAULT_WEIGHTS, Weights
from tiendo.evaluate.targets import DEFAULT_THRESHOLDS, Thresholds
from tiendo.evaluate.tasks import DEFAULT_TASK_RULES, TaskRules
from tiendo.evaluate.warnings import DEFAULT_WARNING_RULES, WarningRules

#: Report warnings (late, missing) look back this many days: older ones are
#: history, and an agency that stays silent is flagged as such instead.
RECENT_REPORT_DAYS = 120


@dataclass(frozen=True)
class EvaluationConfig:
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    task_rules: TaskRules = DEFAULT_TASK_RULES
    weights: Weights = DEFAULT_WEIGHTS
    warning_rules: WarningRules = DEFAULT_WARNING_RULES
    recent_report_days: int = RECENT_REPORT_DAYS

    @classmethod
    def from_settings(cls, settings) -> EvaluationConfig:
        """Build from ``tiendo.config.Settings``; missing fields keep the defaults."""

        def get(name, default):
            value = getattr(settings, name, None)
            return default if value is None else value

        return cls(
            thresholds=Thresholds(
                on_track=get("on_track_from", DEFAULT_THRESHOLDS.on_track),
                behind=get("behind_from", DEFAULT_THRESHOLDS.behind),
            ),
            task_rules=TaskRules(soon_days=get("due_soon_days", DEFAULT_TASK_RULES.soon_days)),
            weights=Weights(
                tasks=get("weight_tasks", DEFAULT_WEIGHTS.tasks),
                targets=get("weight_targets", DEFAULT_WEIGHTS.targets),
                reports=get("weight_reports", DEFAULT_WEIGHTS.reports),
            ),
            warning_rules=WarningRules(
                silent_periods=get("silent_periods", DEFAULT_WARNING_RULES.silent_periods)
            ),
        )

    def as_dict(self) -> dict:
        return {
            "thresholds": self.thresholds.as_dict(),
            "task_rules": {"soon_days": self.task_rules.soon_days},
            "weights": self.weights.as_dict(),
            "warning_rules": {
                "silent_periods": self.warning_rules.silent_periods,
                "outlier_z": self.warning_rules.outlier_z,
                "outlier_min_changes": self.warning_rules.outlier_min_changes,
            },
            "recent_report_days": self.recent_report_days,
        }


DEFAULT_CONFIG = EvaluationConfig()
