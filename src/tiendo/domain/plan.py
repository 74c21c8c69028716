"""What a plan is made of: metadata, sections, targets, tasks, reporting duties.

The vocabulary (kinds, comparators, units, frequencies, deadline and due
conventions) is that of the hand labels the extractor is measured against,
so one object serves the extractor, storage, the web pages and the exports.
Nothing here does I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class TargetKind(StrEnum):
    LEVEL = "level"  # a level to reach
    RATE = "rate"  # growth per year
    MULTIPLE = "multiple"  # x times a base year
    RANK = "rank"  # a position in a national ranking
    ACHIEVE = "achieve"  # yes/no, no number


class Comparator(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "="
    RANGE = "range"


#: Units a target may carry; "số" is a count or a plain index value.
UNITS: tuple[str, ...] = (
    "%",
    "% GRDP",
    "%/năm",
    "lần",
    "hạng",
    "người/vạn dân",
    "Gbps",
    "số",
    "bool",
)

KIND_LABELS = {
    TargetKind.LEVEL: "mức cần đạt",
    TargetKind.RATE: "tốc độ tăng/năm",
    TargetKind.MULTIPLE: "gấp lần năm gốc",
    TargetKind.RANK: "thứ hạng",
    TargetKind.ACHIEVE: "có/không",
}

COMPARATOR_SYMBOLS = {
    Comparator.GE: "≥",
    Comparator.GT: ">",
    Comparator.LE: "≤",
    Comparator.LT: "<",
    Comparator.EQ: "=",
    Comparator.RANGE: "từ … đến",
}


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"
    ADHOC = "adhoc"


FREQUENCY_LABELS = {
    Frequency.MONTHLY: "hằng tháng",
    Frequency.QUARTERLY: "hằng quý",
    Frequency.SEMIANNUAL: "6 tháng",
    Frequency.ANNUAL: "hằng năm",
    Frequency.ADHOC: "đột xuất",
}


class DutyKind(StrEnum):
    REPORT = "report"  # a periodic progress report
    PLAN = "plan"  # a duty to issue a plan or document by a date


class SectionKind(StrEnum):
    PURPOSE = "purpose"  # Mục đích, yêu cầu
    VIEWPOINT = "viewpoint"  # Quan điểm
    OBJECTIVES = "objectives"  # Mục tiêu
    TASKS = "tasks"  # Nhiệm vụ và giải pháp
    TASK_GROUP = "task_group"  # one numbered group of tasks
    ORGANISATION = "organisation"  # Tổ chức thực hiện
    FUNDING = "funding"  # Kinh phí
    ASSESSMENT = "assessment"  # Đánh giá tình hình
    APPENDIX = "appendix"  # Phụ lục
    OTHER = "other"


@dataclass(frozen=True)
class Deadline:
    """When a task is due, as the plan states it.

    ``due`` is the last day the plan allows: a month or quarter gives its last
    day, a year gives 31 December. ``precision`` says which: "day", "month",
    "quarter", "year". Continuing tasks ("thường xuyên", "hằng năm") have no
    due date and ``continuing`` set.
    """

    due: dt.date | None = None
    precision: str | None = None
    continuing: bool = False
    text: str | None = None

    @property
    def label(self) -> str:
        """The deadline in the hand-label convention: ISO day, a year, or None."""
        if self.due is None:
            return ""
        if self.precision == "year":
            return str(self.due.year)
        return self.due.isoformat()

    def as_label(self) -> str | None:
        return self.label or None


@dataclass
class DocumentMeta:
    province: str | None = None
    issuer: str | None = None
    doc_type: str | None = None
    number: str | None = None
    date: dt.date | None = None
    signer: str | None = None
    implements: list[str] = field(default_factory=list)
    title: str | None = None


@dataclass
class Section:
    number: str | None
    title: str
    line: int
    level: int
    kind: SectionKind = SectionKind.OTHER
    end_line: int | None = None


@dataclass
class Target:
    indicator: str
    kind: TargetKind
    op: Comparator
    value: float | None
    unit: str
    year: int | None
    line: int
    text: str
    value_max: float | None = None
    base_year: int | None = None
    core: bool = True
    baseline_value: float | None = None
    baseline_year: int | None = None
    section: str | None = None


@dataclass
class Task:
    group: str | None
    group_title: str | None
    text: str
    line: int
    lead: str | None = None
    co_agencies: list[str] = field(default_factory=list)
    deadline: Deadline = field(default_factory=Deadline)
    full_text: str | None = None
    end_line: int | None = None


@dataclass
class ReportingDuty:
    kind: DutyKind
    text: str
    line: int
    who: str | None = None
    to: str | None = None
    frequency: list[Frequency] = field(default_factory=list)
    #: for reports: {"day": 15, "month": "last_of_period"} or {"dates": ["06-15", "12-01"]};
    #: for plans: {"date": "2025-03-31"}; None when the plan gives no rule.
    due: dict | None = None


@dataclass
class ExtractedPlan:
    """Everything the extractor read out of one plan's text."""

    doc: str
    meta: DocumentMeta
    sections: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    duties: list[ReportingDuty] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
