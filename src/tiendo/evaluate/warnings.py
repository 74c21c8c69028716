"""Early warnings: what needs attention, how urgently, and about which item.

Sources: targets at risk, missed or behind; tasks overdue, due soon or,
for continuing tasks, not reported; reports late or missing; values far
from their history; agencies silent for several periods in a row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tiendo.evaluate.explanation import jsonable, local_date
from tiendo.evaluate.model import ItemId, Observation, Submission
from tiendo.evaluate.outliers import check_value
from tiendo.evaluate.targets import TargetResult, TargetStatus
from tiendo.evaluate.tasks import TaskResult, TaskStatus
from tiendo.evaluate.timeliness import SubmissionResult, SubmissionStatus
from tiendo.text.numbers import format_date


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


SEVERITY_LABELS = {Severity.HIGH: "cao", Severity.MEDIUM: "trung bình", Severity.LOW: "thấp"}
_SEVERITY_RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


@dataclass(frozen=True)
class WarningRules:
    """``silent_periods``: consecutive due reports missing before an agency is
    flagged as silent. ``outlier_z``/``outlier_min_changes``: see outliers.py."""

    silent_periods: int = 2
    outlier_z: float = 3.5
    outlier_min_changes: int = 4

    def __post_init__(self) -> None:
        if self.silent_periods < 1 or self.outlier_z <= 0 or self.outlier_min_changes < 2:
            raise ValueError("silent_periods ≥ 1, outlier_z > 0, outlier_min_changes ≥ 2")


DEFAULT_WARNING_RULES = WarningRules()


@dataclass(frozen=True)
class EarlyWarning:
    """One warning about one item (``item_type`` + ``item_id``)."""

    kind: str
    severity: Severity
    message: str
    item_type: str
    item_id: Any
    agency: ItemId | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "severity": self.severity.value,
            "severity_label": self.severity_label,
            "message": self.message,
            "item_type": self.item_type,
            "item_id": jsonable(self.item_id),
            "agency": self.agency,
            "details": jsonable(self.details),
        }


def sort_warnings(warnings: Iterable[EarlyWarning]) -> list[EarlyWarning]:
    """Most severe first; then by kind and item, so the order is stable."""
    return sorted(
        warnings, key=lambda x: (_SEVERITY_RANK[x.severity], x.kind, x.item_type, str(x.item_id))
    )


_TARGET_WARNINGS = {
    TargetStatus.MISSED: ("target_missed", Severity.HIGH, "Chỉ tiêu không đạt"),
    TargetStatus.AT_RISK: ("target_at_risk", Severity.HIGH, "Chỉ tiêu có nguy cơ không đạt"),
    TargetStatus.BEHIND: ("target_behind", Severity.LOW, "Chỉ tiêu chậm tiến độ"),
}


def target_warnings(results: Iterable[TargetResult]) -> list[EarlyWarning]:
    out = []
    for r in results:
        if r.status not in _TARGET_WARNINGS:
            continue
        kind, severity, title = _TARGET_WARNINGS[r.status]
        out.append(
            EarlyWarning(
                kind,
                severity,
                f"{title} «{r.indicator}» (mốc {r.year}). {r.explanation.text}",
                "target",
                (r.target_id, r.year),
                r.agency,
                {"status": r.status, "ratio": r.ratio, "anticipated": r.anticipated},
            )
        )
    return sort_warnings(out)


def task_warnings(results: Iterable[TaskResult]) -> list[EarlyWarning]:
    """Overdue (high), due soon (medium if not started, else low), continuing not reported (medium)."""
    out = []
    for r in results:
        if r.status is TaskStatus.OVERDUE:
            kind, severity = "task_overdue", Severity.HIGH
            title = f"Nhiệm vụ quá hạn {r.days_overdue} ngày"
        elif r.status is TaskStatus.DUE_SOON:
            kind = "task_due_soon"
            severity = Severity.LOW if r.started else Severity.MEDIUM
            title = "Nhiệm vụ sắp đến hạn" + ("" if r.started else " mà chưa triển khai")
        elif r.status is TaskStatus.CONTINUING_UNREPORTED:
            kind, severity = "task_unreported", Severity.MEDIUM
            title = "Nhiệm vụ thường xuyên chưa được báo cáo"
        else:
            continue
        out.append(
            EarlyWarning(
                kind,
                severity,
                f"{title}. {r.explanation.text}",
                "task",
                r.item_key,
                r.agency,
                {"status": r.status, "due": r.due, "days_left": r.days_left},
            )
        )
    return sort_warnings(out)


def report_warnings(results: Iterable[SubmissionResult]) -> list[EarlyWarning]:
    """Missing reports (medium) and late ones (low)."""
    out = []
    for r in results:
        if r.status is SubmissionStatus.MISSING:
            kind, severity, title = "report_missing", Severity.MEDIUM, "Chưa nộp báo cáo"
        elif r.status is SubmissionStatus.LATE:
            kind, severity, title = "report_late", Severity.LOW, "Báo cáo nộp trễ hạn"
        else:
            continue
        out.append(
            EarlyWarning(
                kind,
                severity,
                f"{title}. {r.explanation.text}",
                "report",
                r.id,
                r.agency,
                {"period_key": r.period_key, "days_late": r.days_late},
            )
        )
    return sort_warnings(out)


def outlier_warning(
    item_id: Any,
    history: Sequence[Observation],
    new: Observation,
    rules: WarningRules = DEFAULT_WARNING_RULES,
    agency: ItemId | None = None,
) -> EarlyWarning | None:
    """A warning when ``new`` is far from the history of its indicator (medium)."""
    check = check_value(history, new, rules.outlier_z, rules.outlier_min_changes)
    if not check.outlier:
        return None
    return EarlyWarning(
        "value_outlier",
        Severity.MEDIUM,
        f"Số liệu bất thường. {check.explanation.text}",
        "observation",
        item_id,
        agency,
        {"z": check.z, "change": check.change, "as_of": new.as_of},
    )


def silent_agencies(
    submissions: Iterable[Submission],
    today: dt.date,
    rules: WarningRules = DEFAULT_WARNING_RULES,
    agency_names: Mapping[ItemId, str] | None = None,
) -> list[EarlyWarning]:
    """Agencies whose last ``silent_periods`` due reports are all missing (high).

    ``agency_names`` gives the names to show; the id is shown otherwise.
    """
    names = agency_names or {}
    by_agency: dict[ItemId, list[Submission]] = {}
    for s in submissions:
        if s.due < today:
            by_agency.setdefault(s.agency, []).append(s)
    out = []
    for agency, items in by_agency.items():
        items.sort(key=lambda s: (s.due, s.period_key))
        run: list[Submission] = []
        for s in reversed(items):
            if s.submitted_at is not None and local_date(s.submitted_at) <= today:
                break
            run.append(s)
        if len(run) < rules.silent_periods:
            continue
        run.reverse()
        periods = ", ".join(s.period_label or s.period_key for s in run)
        out.append(
            EarlyWarning(
                "agency_silent",
                Severity.HIGH,
                f"{names.get(agency, f'Cơ quan {agency}')} không gửi báo cáo {len(run)} kỳ liên tiếp ({periods}); "
                f"hạn gần nhất {format_date(run[-1].due)} (ngưỡng {rules.silent_periods} kỳ).",
                "agency",
                agency,
                agency,
                {"periods": [s.period_key for s in run], "submissions": [s.id for s in run]},
            )
        )
    return sort_warnings(out)
