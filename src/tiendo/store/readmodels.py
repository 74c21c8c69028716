"""What the read side returns: the same models feed the JSON API and the pages."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ProvinceRef(Model):
    code: str
    name: str
    #: set when the province was merged in 2025: the province it now belongs to
    merged_into: ProvinceRef | None = None
    valid_to: dt.date | None = None


class PlanSummary(Model):
    id: int
    title: str | None = None
    province: ProvinceRef | None = None
    province_name: str | None = Field(
        None, description="Tỉnh như văn bản ghi, khi không nhận ra được"
    )
    issuer: str | None = None
    doc_type: str | None = None
    number: str | None = None
    issued_on: dt.date | None = None
    status: str
    version_no: int | None = None
    source_name: str | None = None
    targets_count: int = 0
    tasks_count: int = 0
    duties_count: int = 0


class TargetOut(Model):
    id: int
    indicator: str
    kind: str
    op: str
    value: float | None = None
    value_max: float | None = None
    unit: str
    year: int | None = None
    base_year: int | None = None
    core: bool
    line: int | None = None
    text: str
    display: str = Field(
        description="Giá trị chỉ tiêu viết như người đọc mong đợi, ví dụ “≥ 30% GRDP”"
    )
    baseline_value: float | None = None
    baseline_year: int | None = None
    direction: str | None = None
    origin: str
    edited: bool


class TaskOut(Model):
    id: int
    group: str | None = None
    group_title: str | None = None
    text: str
    full_text: str | None = None
    line: int | None = None
    lead: str | None = None
    deadline: str | None = Field(None, description="Hạn theo quy ước: ngày ISO, năm, hoặc null")
    deadline_display: str = ""
    continuing: bool = False
    origin: str
    edited: bool


class TaskGroup(Model):
    group: str | None
    title: str | None
    tasks: list[TaskOut]


class DutyOut(Model):
    id: int
    kind: str
    who: str | None = None
    to: str | None = None
    frequency: list[str] = []
    due: dict | None = None
    due_display: str = ""
    text: str
    line: int | None = None


class SectionOut(Model):
    number: str | None = None
    title: str
    line: int
    level: int
    kind: str


class VersionOut(Model):
    version_no: int
    source_name: str
    source_format: str
    checksum: str
    size_bytes: int
    repaired: bool
    extractor_version: str
    created_at: dt.datetime


class PlanDetail(PlanSummary):
    signer: str | None = None
    implements: list[str] = []
    published_at: dt.datetime | None = None
    versions: list[VersionOut] = []
    sections: list[SectionOut] = []
    targets: list[TargetOut] = []
    tasks: list[TaskOut] = []
    duties: list[DutyOut] = []


class SourceItem(Model):
    type: str
    id: int
    label: str


class Segment(Model):
    text: str
    #: set on a word the OCR repair was unsure of: what the scan said, and other readings
    original: str | None = None
    alternatives: list[str] = []


class SourceLine(Model):
    number: int
    text: str
    items: list[SourceItem] = []
    segments: list[Segment] = Field(
        default_factory=list, description="Dòng chia theo các chữ cần kiểm tra"
    )


class PlanSource(Model):
    plan_id: int
    version_no: int
    source_name: str
    repaired: bool
    uncertain_count: int = 0
    lines: list[SourceLine]


class SearchHit(Model):
    type: str = Field(description="plan, target, task hoặc duty")
    plan_id: int
    item_id: int | None = None
    plan_label: str
    province: str | None = None
    text: str
    line: int | None = None


class SearchResult(Model):
    query: str
    total: int
    hits: list[SearchHit]


class Page(Model):
    total: int
    limit: int
    offset: int
