"""The consolidated periodic report as plain data, before it becomes a document.

``tiendo.export.report_source`` fills these dataclasses from the database;
``narrative`` writes the sentences; ``docx_report`` and ``xlsx_annex``
render them. Nothing here reads the database or the clock, so the
renderers are tested on hand-built reports.

Facts that come from the reporting cycle and the evaluation (task and
target statuses, reported values, agencies' difficulties and
recommendations) are optional: ``None`` means "no data of this kind
exists", which the document states in words instead of showing empty
tables or zeros.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from tiendo.domain.periods import Period

#: Task statuses of the evaluation (``tiendo.evaluate.tasks.TaskStatus``),
#: in the order the report lists them.
TASK_STATUS_ORDER = (
    "done_on_time",
    "done_late",
    "in_progress",
    "due_soon",
    "overdue",
    "not_started",
    "continuing_reported",
    "continuing_unreported",
    "continuing_awaiting",
)

#: Target statuses of the evaluation (``tiendo.evaluate.targets.TargetStatus``).
TARGET_STATUS_ORDER = ("achieved", "on_track", "behind", "at_risk", "missed", "no_data")

DONE = ("done_on_time", "done_late")


@dataclass(frozen=True)
class Letterhead:
    """What Nghị định 30/2020/NĐ-CP puts around the body of an administrative document."""

    #: cơ quan chủ quản, e.g. "UBND TỈNH HÀ TĨNH" (may be empty)
    governing_body: str
    #: cơ quan ban hành as named in a sentence, e.g. "Sở Khoa học và Công nghệ" (upper case in the header)
    issuing_body: str
    #: số, ký hiệu after "Số: ", e.g. "      /BC-SKHCN" (the number is given at registration)
    number: str
    #: địa danh, e.g. "Hà Tĩnh"
    place: str
    date: dt.date
    #: nơi nhận, each line as written, e.g. "UBND tỉnh (để báo cáo)"
    recipients: tuple[str, ...]
    #: quyền hạn of the signer, e.g. "KT. GIÁM ĐỐC" (may be empty)
    signer_authority: str
    #: chức vụ of the signer, e.g. "PHÓ GIÁM ĐỐC"
    signer_title: str
    #: họ tên of the signer (may be empty: signed on paper)
    signer_name: str = ""


@dataclass(frozen=True)
class TaskLine:
    """One task as the report shows it."""

    id: int
    text: str
    lead: str | None
    deadline_display: str
    deadline: dt.date | None = None
    continuing: bool = False
    #: evaluation status (see ``TASK_STATUS_ORDER``) and its Vietnamese label
    status: str | None = None
    status_label: str | None = None
    percent_done: float | None = None
    days_overdue: int | None = None
    #: what the agency reported doing in the period
    result: str | None = None


@dataclass(frozen=True)
class TaskGroupPart:
    number: str | None
    title: str
    tasks: tuple[TaskLine, ...]

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    def counts(self) -> Counter:
        return Counter(t.status for t in self.tasks if t.status)


@dataclass(frozen=True)
class TargetLine:
    """One target (one milestone) with what is known of its progress."""

    id: int
    indicator: str
    requirement: str
    unit: str
    year: int | None
    baseline: str = ""
    latest_value: float | None = None
    latest_as_of: dt.date | None = None
    status: str | None = None
    status_label: str | None = None
    agency: str | None = None


@dataclass(frozen=True)
class PlanPart:
    """One published plan of the province with its targets and tasks."""

    plan_id: int
    label: str
    title: str | None
    #: set when the plan was issued by a province merged in 2025, e.g. "Hà Nam"
    former_province: str | None
    task_groups: tuple[TaskGroupPart, ...]
    targets: tuple[TargetLine, ...]

    @property
    def tasks(self) -> list[TaskLine]:
        return [t for g in self.task_groups for t in g.tasks]


@dataclass(frozen=True)
class AgencyNote:
    """Difficulties and recommendations an agency reported for the period."""

    agency: str
    difficulties: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Availability:
    """Which kinds of facts exist for this report (False: the document says there are none)."""

    task_statuses: bool = False
    target_statuses: bool = False
    agency_notes: bool = False


@dataclass(frozen=True)
class ConsolidatedReport:
    province_code: str
    province_name: str
    #: "tỉnh" or "thành phố"
    province_kind: str
    #: provinces merged into this one in 2025 whose plans are included
    merged_provinces: tuple[str, ...]
    period: Period
    letterhead: Letterhead
    plans: tuple[PlanPart, ...]
    agency_notes: tuple[AgencyNote, ...] = ()
    available: Availability = field(default_factory=Availability)
    #: when the facts were read; the document says "số liệu đến ngày …"
    as_of: dt.date | None = None

    @property
    def tasks(self) -> list[TaskLine]:
        return [t for p in self.plans for t in p.tasks]

    @property
    def targets(self) -> list[TargetLine]:
        return [t for p in self.plans for t in p.targets]

    def task_counts(self) -> Counter:
        return Counter(t.status for t in self.tasks if t.status)

    def target_counts(self) -> Counter:
        return Counter(t.status for t in self.targets if t.status)

    def overdue_tasks(self) -> list[TaskLine]:
        """Overdue tasks, longest overdue first (only when statuses exist)."""
        overdue = [t for t in self.tasks if t.status == "overdue"]
        return sorted(overdue, key=lambda t: (-(t.days_overdue or 0), t.id))

    def tasks_due_by_period_end(self) -> list[TaskLine]:
        """Tasks with a deadline on or before the period's last day."""
        return [
            t
            for t in self.tasks
            if not t.continuing and t.deadline is not None and t.deadline <= self.period.end
        ]

    @property
    def province_title(self) -> str:
        return (
            f"{'thành phố' if self.province_kind == 'thành phố' else 'tỉnh'} {self.province_name}"
        )
