"""Request and response bodies of the reporting API."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

Scalar = str | float | int | None


class Model(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AgencyOut(Model):
    id: int
    province_code: str | None
    name: str
    short_name: str | None = None
    kind: str | None = None
    aliases: list[str] = []
    active: bool


class AgencyIn(BaseModel):
    province_code: str | None = Field(None, description="Mã tỉnh (khi tạo mới)")
    name: str = Field(..., max_length=1000)
    short_name: str | None = Field(None, max_length=500)
    kind: str | None = Field(
        None, max_length=100, description="so, ban, nganh, huyen, xa, dang, doan-the, khac"
    )
    aliases: list[str] = Field(default_factory=list, max_length=50)
    active: bool | None = None


class PeriodOut(Model):
    id: int
    plan_id: int
    key: str
    frequency: str
    label: str
    start: dt.date
    end: dt.date
    due: dt.date
    cutoff_start: dt.date
    cutoff_end: dt.date
    origin: str
    revision: int


class AdhocIn(BaseModel):
    plan_id: int
    label: str | None = Field(None, max_length=1000)
    start: str = Field(..., max_length=40, description="dd/mm/yyyy hoặc yyyy-mm-dd")
    end: str = Field(..., max_length=40)
    due: str = Field(..., max_length=40)


class GenerateIn(BaseModel):
    plan_id: int
    until_year: int | None = None


class MoveDueIn(BaseModel):
    due: str = Field(..., max_length=40, description="Hạn nộp mới, dd/mm/yyyy")
    reason: str = Field(..., max_length=1000)
    revision: int | None = Field(None, description="Phiên bản kỳ đã đọc (khóa lạc quan)")


class TaskEntry(BaseModel):
    task_id: int
    status: str | None = Field(None, description="not_started, in_progress, done")
    percent_done: Scalar = None
    completed_on: str | None = Field(None, max_length=40)
    done_text: str | None = Field(None, max_length=10000)
    difficulties: str | None = Field(None, max_length=10000)
    recommendations: str | None = Field(None, max_length=10000)
    evidence_url: str | None = Field(None, max_length=4000)


class TargetEntry(BaseModel):
    target_id: int
    value: Scalar = Field(
        None, description="Số (hoặc chuỗi kiểu Việt Nam “1.234,5”); có/không cho chỉ tiêu có/không"
    )
    as_of: str | None = Field(None, max_length=40)
    source: str | None = Field(None, max_length=2000)
    note: str | None = Field(None, max_length=4000)


class ValuesIn(BaseModel):
    revision: int = Field(..., description="Phiên bản báo cáo đã đọc (khóa lạc quan)")
    tasks: list[TaskEntry] = Field(default_factory=list, max_length=5000)
    targets: list[TargetEntry] = Field(default_factory=list, max_length=5000)


class OpenIn(BaseModel):
    period_id: int
    agency_id: int


class ActionIn(BaseModel):
    revision: int
    comment: str | None = Field(None, max_length=4000)


class TaskEntryOut(Model):
    task_id: int
    position: int
    text: str
    role: str
    status: str | None = None
    percent_done: float | None = None
    completed_on: dt.date | None = None
    done_text: str | None = None
    difficulties: str | None = None
    recommendations: str | None = None
    evidence_url: str | None = None


class TargetEntryOut(Model):
    target_id: int
    position: int
    indicator: str
    unit: str
    target_value: float | None = None
    year: int | None = None
    value: float | None = None
    as_of: dt.date | None = None
    source: str | None = None
    note: str | None = None
    warning: str | None = None


class EvidenceOut(Model):
    id: int
    display_name: str
    content_type: str
    size_bytes: int
    task_id: int | None = None
    url: str


class ReportSummary(Model):
    id: int | None
    period_id: int
    period_label: str
    due: dt.date
    plan_id: int
    agency_id: int
    agency_name: str
    status: str
    status_label: str
    revision: int | None = None
    first_submitted_at: dt.datetime | None = None
    submitted_at: dt.datetime | None = None
    approved_at: dt.datetime | None = None


class ReportDetail(ReportSummary):
    review_comment: str | None = None
    tasks: list[TaskEntryOut] = []
    targets: list[TargetEntryOut] = []
    evidence: list[EvidenceOut] = []
    warnings: dict[int, str] = {}


class ReportList(BaseModel):
    total: int
    items: list[ReportSummary]
