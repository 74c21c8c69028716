"""What the evaluation read side returns: the same models feed the API and the pages.

Every count carries ``link``: the page listing the items behind it, with
the same filters, so a number on a dashboard or a scorecard always leads to
the tasks, targets or reports it was counted from.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from tiendo.store.readmodels import Model, ProvinceRef


class FiltersOut(Model):
    province: str | None = Field(None, description="Mã tỉnh (gồm các tỉnh đã sáp nhập vào)")
    plan: int | None = None
    group: str | None = Field(None, description="Nhóm nhiệm vụ")
    agency: int | None = None
    period: str | None = Field(None, description="Mã kỳ báo cáo, ví dụ 2026-Q2")


class StatusCount(Model):
    status: str
    label: str
    count: int
    link: str


class Distribution(Model):
    total: int
    items: list[StatusCount]


class GroupProgress(Model):
    """Tasks of one group (nhóm nhiệm vụ) or one agency, by status."""

    key: str | None
    label: str
    total: int
    counts: dict[str, int]
    categories: dict[str, int] = Field(
        default_factory=dict,
        description="done, ongoing, due_soon, late: các trạng thái gộp lại cho biểu đồ",
    )
    link: str


class PeriodTimeliness(Model):
    period_key: str
    label: str
    due: dt.date | None = None
    expected: int
    received: int
    on_time: int
    late: int
    missing: int
    not_due: int
    completeness: float | None = Field(None, description="Đã nhận / đến hạn")
    timeliness: float | None = Field(None, description="Đúng hạn / đến hạn")
    link: str


class TimelinessRow(Model):
    """Expected reports of one agency, plan, province or period, and how they came."""

    key: str | None
    label: str
    expected: int
    received: int
    on_time: int
    late: int
    missing: int
    not_due: int
    completeness: float | None = Field(None, description="Đã nhận / đến hạn")
    timeliness: float | None = Field(None, description="Đúng hạn / đến hạn")
    due: dt.date | None = Field(None, description="Hạn nộp (khi tổng hợp theo kỳ)")
    link: str


class TimelinessTable(Model):
    by: str = Field(description="agency, plan, province hoặc period")
    today: dt.date
    rows: list[TimelinessRow]


class WarningOut(Model):
    kind: str
    kind_label: str
    severity: str = Field(description="high, medium hoặc low")
    severity_label: str
    message: str
    item_type: str = Field(description="target, task, report, observation hoặc agency")
    item_id: str
    agency: int | None = None
    agency_name: str | None = None
    link: str


class WarningKind(Model):
    kind: str
    label: str
    severity: str
    severity_label: str
    count: int
    link: str


class WarningSummary(Model):
    total: int
    by_severity: dict[str, int]
    kinds: list[WarningKind]
    items: list[WarningOut] = Field(description="Những cảnh báo cần chú ý nhất")


class Dashboard(Model):
    today: dt.date
    computed_at: dt.datetime | None = Field(None, description="Lần tính trạng thái gần nhất")
    filters: FiltersOut
    targets: Distribution
    tasks: Distribution
    tasks_by_group: list[GroupProgress]
    tasks_by_agency: list[GroupProgress]
    timeliness: list[PeriodTimeliness]
    warnings: WarningSummary


class TargetStatusOut(Model):
    target_id: int
    plan_id: int
    plan_label: str
    province: ProvinceRef | None = None
    indicator: str
    year: int | None = None
    requirement: str = Field(description="Yêu cầu của chỉ tiêu, ví dụ “≥ 80%”")
    unit: str
    status: str
    label: str
    is_current: bool = Field(description="Mốc đang xét của chỉ tiêu")
    ratio: float | None = None
    anticipated: float | None = None
    progress_percent: float | None = None
    latest_value: float | None = None
    latest_as_of: dt.date | None = None
    agency: int | None = None
    agency_name: str | None = None
    explanation: str
    computed_at: dt.datetime | None = None
    link: str


class TaskStatusOut(Model):
    task_id: int
    plan_id: int
    plan_label: str
    province: ProvinceRef | None = None
    text: str
    group: str | None = None
    group_title: str | None = None
    deadline: str = ""
    status: str
    label: str
    due: dt.date | None = None
    days_left: int | None = None
    days_overdue: int | None = None
    period_key: str | None = None
    percent_done: float | None = None
    agency: int | None = None
    agency_name: str | None = None
    explanation: str
    link: str


class SubmissionOut(Model):
    id: int
    report_id: int | None = None
    agency: int
    agency_name: str | None = None
    plan_id: int | None = None
    period_key: str
    period_label: str
    due: dt.date
    submitted_on: dt.date | None = None
    approved_at: dt.datetime | None = None
    status: str
    label: str
    days_late: int | None = None
    explanation: str


class Page(Model):
    total: int
    limit: int
    offset: int


class TargetPage(Page):
    items: list[TargetStatusOut]


class TaskPage(Page):
    items: list[TaskStatusOut]


class SubmissionPage(Page):
    items: list[SubmissionOut]


class ChartPoint(Model):
    date: dt.date
    x: float = Field(description="Năm thập phân, 31/12/2025 = 2026,0")
    value: float


class Trajectory(Model):
    """What the trajectory chart draws, and its text alternative."""

    unit: str
    baseline: ChartPoint | None = None
    goal: ChartPoint | None = None
    expected_path: list[ChartPoint] = Field(default_factory=list)
    actual: list[ChartPoint] = Field(default_factory=list)
    projection: list[ChartPoint] = Field(default_factory=list)
    summary: str


class ObservationOut(Model):
    id: int
    target_id: int
    value: float
    as_of: dt.date
    source: str | None = None
    report_id: int | None = None
    outlier: bool = False


class TargetDetail(Model):
    target: TargetStatusOut
    milestones: list[TargetStatusOut]
    observations: list[ObservationOut]
    trajectory: Trajectory
    explanation: dict = Field(description="Đầu vào, công thức, các số đã tính và kết quả")
    indicator_explanation: dict | None = None


class ShareOut(Model):
    name: str
    label: str
    value: float | None = None
    numerator: int
    denominator: int
    numerator_link: str
    denominator_link: str


class ScorecardOut(Model):
    position: int
    key: str
    name: str
    province: ProvinceRef | None = None
    composite: float | None = None
    shares: list[ShareOut]
    explanation: str
    reasons: list[str]


class Ranking(Model):
    by: str = Field(description="agency hoặc province")
    today: dt.date
    weights: dict[str, float]
    formula: str
    total: int
    limit: int
    offset: int
    items: list[ScorecardOut]


class NationalTargetOut(Model):
    year: int
    op: str
    value: float
    value_max: float | None = None
    requirement: str
    text: str


class IndicatorOut(Model):
    code: str
    name: str
    theme: str
    unit: str
    kind: str
    direction: str
    targets: list[NationalTargetOut]
    source: str
    note: str | None = None
    linked_targets: int = Field(
        0, description="Số chỉ tiêu của các kế hoạch đã gắn với chỉ tiêu này"
    )
    link: str


class CatalogueOut(Model):
    title: str
    document: str
    note: str
    indicators: list[IndicatorOut]


class MatchOut(Model):
    code: str
    name: str
    score: float = Field(description="Độ giống 0–1 (không phân biệt dấu)")


class ProposalOut(Model):
    target_id: int
    indicator: str
    year: int | None = None
    requirement: str
    unit: str
    state: str = Field(description="confirmed, rejected hoặc proposed (chưa quyết định)")
    code: str | None = Field(
        None, description="Chỉ tiêu quốc gia đã xác nhận, hoặc đề xuất tốt nhất"
    )
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    matches: list[MatchOut]


class ComparisonRow(Model):
    province: ProvinceRef | None = None
    home: ProvinceRef | None = Field(
        None, description="Tỉnh hiện nay chịu trách nhiệm (sau sáp nhập 2025)"
    )
    plan_id: int
    plan_label: str
    lineage: str | None = Field(None, description="Kế hoạch của tỉnh đã sáp nhập, ghi rõ nguồn gốc")
    target_id: int
    indicator: str
    year: int | None = None
    requirement: str
    latest_value: float | None = None
    latest_as_of: dt.date | None = None
    status: str | None = None
    label: str | None = None
    progress_percent: float | None = None
    link: str


class ComparisonGroup(Model):
    home: ProvinceRef | None = None
    rows: list[ComparisonRow]


class ComparisonOut(Model):
    indicator: IndicatorOut
    provinces: int
    groups: list[ComparisonGroup]
    statuses: dict[str, int]
