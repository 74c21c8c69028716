"""Task status, after the Government Office's practice.

A task with a deadline is, in this order: completed on time or late;
overdue (not completed after its deadline, with the days overdue); due soon
(not completed, ``soon_days`` or fewer left); not started; in progress
within its deadline. The deadline day itself is still within the deadline.

A continuing task ("thường xuyên", "hằng năm") has no deadline and is judged
per reporting period: reported on in the period, not reported after the
period's due date (flagged), or still awaiting the period's report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from tiendo.domain.periods import Period
from tiendo.evaluate import wording as w
from tiendo.evaluate.explanation import Explanation, local_date
from tiendo.evaluate.model import ItemId, TaskSpec, TaskState
from tiendo.text.numbers import format_date


class TaskStatus(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NOT_STARTED = "not_started"
    CONTINUING_REPORTED = "continuing_reported"
    CONTINUING_UNREPORTED = "continuing_unreported"
    CONTINUING_AWAITING = "continuing_awaiting"


TASK_STATUS_LABELS = {
    TaskStatus.DONE_ON_TIME: "hoàn thành đúng hạn",
    TaskStatus.DONE_LATE: "hoàn thành quá hạn",
    TaskStatus.IN_PROGRESS: "đang thực hiện trong hạn",
    TaskStatus.DUE_SOON: "sắp đến hạn",
    TaskStatus.OVERDUE: "quá hạn",
    TaskStatus.NOT_STARTED: "chưa triển khai",
    TaskStatus.CONTINUING_REPORTED: "đang thực hiện (thường xuyên)",
    TaskStatus.CONTINUING_UNREPORTED: "chưa báo cáo trong kỳ (thường xuyên)",
    TaskStatus.CONTINUING_AWAITING: "chờ báo cáo trong kỳ (thường xuyên)",
}


@dataclass(frozen=True)
class TaskRules:
    """``soon_days``: a task not completed with this many days or fewer left is due soon."""

    soon_days: int = 15

    def __post_init__(self) -> None:
        if self.soon_days < 0:
            raise ValueError("soon_days must not be negative")


DEFAULT_TASK_RULES = TaskRules()


@dataclass(frozen=True)
class TaskResult:
    """The status of one task (for a continuing task: in one period).

    ``days_left`` counts to the deadline (0 on the day), ``days_overdue``
    the days past it while not completed, ``days_late`` how late a completed
    task was completed.
    """

    task_id: ItemId
    status: TaskStatus
    explanation: Explanation
    due: dt.date | None = None
    completed_on: dt.date | None = None
    days_left: int | None = None
    days_overdue: int | None = None
    days_late: int | None = None
    started: bool = False
    period_key: str | None = None
    agency: ItemId | None = None
    province: ItemId | None = None

    @property
    def label(self) -> str:
        return TASK_STATUS_LABELS[self.status]

    @property
    def item_key(self) -> ItemId | tuple[ItemId, str]:
        """The task id, paired with the period for a continuing task."""
        return self.task_id if self.period_key is None else (self.task_id, self.period_key)

    def as_dict(self) -> dict:
        return {
            "task_id": self.task_id,
            "period_key": self.period_key,
            "status": self.status.value,
            "label": self.label,
            "due": self.due.isoformat() if self.due else None,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "days_left": self.days_left,
            "days_overdue": self.days_overdue,
            "days_late": self.days_late,
            "explanation": self.explanation.as_dict(),
        }


@dataclass
class _Facts:
    spec: TaskSpec
    today: dt.date
    rules: TaskRules
    notes: list[str] = field(default_factory=list)

    def inputs(self) -> dict:
        spec = self.spec
        return {
            "task": {
                "id": spec.id,
                "due": spec.deadline.due,
                "continuing": spec.deadline.continuing,
                "completed_at": spec.completed_at,
                "reported_state": spec.reported_state,
                "percent_done": spec.percent_done,
                "reported_at": spec.reported_at,
            },
            "today": self.today,
            "rules": {"soon_days": self.rules.soon_days},
        }


def _started(spec: TaskSpec) -> bool:
    if spec.reported_state in (TaskState.IN_PROGRESS, TaskState.DONE):
        return True
    if spec.reported_state is TaskState.NOT_STARTED:
        return False
    return (spec.percent_done or 0) > 0


def _completion(facts: _Facts) -> tuple[bool, dt.date | None]:
    """Whether the task is completed, and on which day if known."""
    spec = facts.spec
    if spec.completed_at is not None:
        if spec.completed_at <= facts.today:
            return True, spec.completed_at
        facts.notes.append(
            f"Bỏ qua ngày hoàn thành {format_date(spec.completed_at)} vì sau ngày đánh giá."
        )
        return False, None
    if spec.reported_state is TaskState.DONE or spec.percent_done == 100:
        if spec.reported_at is not None and spec.reported_at <= facts.today:
            facts.notes.append(
                f"Không ghi ngày hoàn thành: lấy ngày báo cáo hoàn thành {format_date(spec.reported_at)}."
            )
            return True, spec.reported_at
        return True, None
    return False, None


def _finish(facts: _Facts, status: TaskStatus, rule: str, sentence: str, **numbers) -> TaskResult:
    label = TASK_STATUS_LABELS[status]
    text = " ".join([f"{label[0].upper()}{label[1:]}: {sentence}.", *facts.notes])
    explanation = Explanation(
        rule=rule,
        text=text,
        formula=_FORMULA,
        inputs=facts.inputs(),
        values={k: v for k, v in numbers.items() if k != "started"},
        result={"status": status, "label": label},
        notes=tuple(facts.notes),
    )
    spec = facts.spec
    return TaskResult(
        task_id=spec.id,
        status=status,
        explanation=explanation,
        agency=spec.agency,
        province=spec.province,
        **numbers,
    )


_FORMULA = (
    "số ngày còn lại = hạn − ngày đánh giá; sắp đến hạn khi 0 ≤ số ngày còn lại ≤ ngưỡng; "
    "quá hạn khi chưa hoàn thành và ngày đánh giá sau hạn; "
    "hoàn thành đúng hạn khi ngày hoàn thành ≤ hạn"
)


def _progress(spec: TaskSpec) -> str:
    if spec.percent_done is not None and spec.percent_done > 0:
        return f"đã thực hiện {w.num(spec.percent_done, 1)}%"
    return "đang thực hiện" if _started(spec) else "chưa triển khai"


def evaluate_task(
    spec: TaskSpec, today: dt.date, rules: TaskRules = DEFAULT_TASK_RULES
) -> TaskResult:
    """The status on ``today`` of a task with a deadline (or with none stated).

    Continuing tasks are judged per period by ``evaluate_continuing_task``.
    """
    if spec.deadline.continuing:
        raise ValueError("continuing tasks are judged per period: use evaluate_continuing_task")
    facts = _Facts(spec, today, rules)
    due = spec.deadline.due
    done, completed_on = _completion(facts)
    started = done or _started(spec)
    if due is None:
        facts.notes.append("Nhiệm vụ không ghi thời hạn.")
        if done:
            when = f" ngày {format_date(completed_on)}" if completed_on else ""
            return _finish(
                facts,
                TaskStatus.DONE_ON_TIME,
                "task.done_no_deadline",
                f"đã hoàn thành{when}",
                completed_on=completed_on,
                started=True,
            )
        status = TaskStatus.IN_PROGRESS if started else TaskStatus.NOT_STARTED
        return _finish(facts, status, "task.no_deadline", _progress(spec), started=started)
    if done:
        if completed_on is None:
            on_time = today <= due
            facts.notes.append(
                "Không rõ ngày hoàn thành: "
                + (
                    "chưa quá hạn nên tính là đúng hạn."
                    if on_time
                    else "tính là hoàn thành quá hạn."
                )
            )
            status = TaskStatus.DONE_ON_TIME if on_time else TaskStatus.DONE_LATE
            return _finish(
                facts,
                status,
                "task.done_date_unknown",
                f"đã hoàn thành, hạn {format_date(due)}",
                due=due,
                started=True,
            )
        late = (completed_on - due).days
        if late <= 0:
            return _finish(
                facts,
                TaskStatus.DONE_ON_TIME,
                "task.done_on_time",
                f"hoàn thành ngày {format_date(completed_on)}, hạn {format_date(due)}",
                due=due,
                completed_on=completed_on,
                days_late=0,
                started=True,
            )
        return _finish(
            facts,
            TaskStatus.DONE_LATE,
            "task.done_late",
            f"hoàn thành ngày {format_date(completed_on)}, chậm {late} ngày so với hạn {format_date(due)}",
            due=due,
            completed_on=completed_on,
            days_late=late,
            started=True,
        )
    days_left = (due - today).days
    if days_left < 0:
        return _finish(
            facts,
            TaskStatus.OVERDUE,
            "task.overdue",
            f"quá hạn {-days_left} ngày (hạn {format_date(due)}), {_progress(spec)}",
            due=due,
            days_left=days_left,
            days_overdue=-days_left,
            started=started,
        )
    remaining = "hạn là hôm nay" if days_left == 0 else f"còn {days_left} ngày đến hạn"
    if days_left <= rules.soon_days:
        return _finish(
            facts,
            TaskStatus.DUE_SOON,
            "task.due_soon",
            f"{remaining} {format_date(due)} (ngưỡng {rules.soon_days} ngày), {_progress(spec)}",
            due=due,
            days_left=days_left,
            started=started,
        )
    if not started:
        return _finish(
            facts,
            TaskStatus.NOT_STARTED,
            "task.not_started",
            f"{remaining} {format_date(due)}",
            due=due,
            days_left=days_left,
            started=False,
        )
    return _finish(
        facts,
        TaskStatus.IN_PROGRESS,
        "task.in_progress",
        f"{_progress(spec)}, {remaining} {format_date(due)}",
        due=due,
        days_left=days_left,
        started=True,
    )


def evaluate_continuing_task(
    spec: TaskSpec,
    period: Period,
    reported_at: dt.datetime | dt.date | None,
    today: dt.date,
) -> TaskResult:
    """A continuing task in one period: was it reported on in that period?

    ``reported_at`` is when the agency's report for ``period`` covering the
    task was submitted (None when it was not).
    """
    facts = _Facts(spec, today, DEFAULT_TASK_RULES)
    reported_on = local_date(reported_at) if reported_at is not None else None
    if reported_on is not None and reported_on > today:
        reported_on = None
    common = {"due": period.due, "period_key": period.key}
    if reported_on is not None:
        return _finish(
            facts,
            TaskStatus.CONTINUING_REPORTED,
            "task.continuing_reported",
            f"đã báo cáo kết quả kỳ {period.label} ngày {format_date(reported_on)}",
            completed_on=None,
            started=True,
            **common,
        )
    days_left = (period.due - today).days
    if days_left < 0:
        return _finish(
            facts,
            TaskStatus.CONTINUING_UNREPORTED,
            "task.continuing_unreported",
            f"chưa có báo cáo kỳ {period.label}, quá hạn báo cáo {format_date(period.due)} "
            f"{-days_left} ngày",
            days_left=days_left,
            days_overdue=-days_left,
            started=_started(spec),
            **common,
        )
    return _finish(
        facts,
        TaskStatus.CONTINUING_AWAITING,
        "task.continuing_awaiting",
        f"chờ báo cáo kỳ {period.label}, hạn {format_date(period.due)}",
        days_left=days_left,
        started=_started(spec),
        **common,
    )
