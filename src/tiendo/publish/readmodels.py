"""What the publishing side returns to pages and the API.

``FeedbackPublic`` is all anyone may see of a feedback: it has no field for
the sender, so no page or API built on it can leak one. ``FeedbackAdmin``
adds the contact details and the handling, for the plan's moderators.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from tiendo.store.readmodels import PlanSummary, ProvinceRef


class Model(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class FeedbackPublic(Model):
    id: int
    plan_id: int
    plan_label: str
    target_id: int | None = None
    task_id: int | None = None
    subject_type: str = Field(description="plan, target hoặc task")
    subject_text: str | None = Field(None, description="Chỉ tiêu hoặc nhiệm vụ được phản ánh")
    title: str
    body: str
    received_on: dt.date
    status: str = Field(description="received, forwarded hoặc answered")
    status_label: str
    response: str | None = None
    response_published_on: dt.date | None = None


class ForwardOut(Model):
    agency_id: int
    agency_name: str
    note: str | None = None
    forwarded_at: dt.datetime
    forwarded_by: str | None = None


class FeedbackAdmin(FeedbackPublic):
    province_code: str | None = None
    moderation: str = Field(description="pending, published, spam hoặc rejected")
    moderation_label: str
    reject_reason: str | None = None
    received_at: dt.datetime
    moderated_at: dt.datetime | None = None
    sender_name: str | None = None
    sender_email: str | None = None
    sender_phone: str | None = None
    forwards: list[ForwardOut] = []
    response_published_at: dt.datetime | None = None
    revision: int


class FeedbackPage(Model):
    total: int
    limit: int
    offset: int
    items: list[FeedbackPublic]


class ResponseTimes(Model):
    """How fast a province answers feedback: received → response published."""

    province_code: str | None
    received: int = Field(description="Phản ánh tiếp nhận trong khoảng (trừ thư rác)")
    answered: int = Field(description="Đã công bố trả lời")
    open: int = Field(description="Chưa trả lời (trừ bị từ chối)")
    median_days: float | None = Field(None, description="Trung vị số ngày đến khi công bố trả lời")
    mean_days: float | None = None
    max_days: float | None = None
    within_days: int = Field(description="Ngưỡng trả lời đúng hạn, số ngày")
    answered_within: int = Field(description="Số phản ánh được trả lời trong ngưỡng")
    oldest_open_days: float | None = Field(
        None, description="Phản ánh chưa trả lời lâu nhất, số ngày"
    )


class FormerProvince(Model):
    code: str
    name: str
    valid_to: dt.date | None = None
    plans: int = 0


class ProvinceEntry(Model):
    code: str
    name: str
    full_name: str
    plans: int
    former: list[FormerProvince] = []


class ProvincePage(Model):
    province: ProvinceRef
    full_name: str
    former: list[FormerProvince] = []
    plans: list[PlanSummary] = []
    feedback: list[FeedbackPublic] = []
    feedback_total: int = 0
