"""Database tables (SQLAlchemy 2 declarative models).

These are storage records, not the domain model: repositories translate
between the two. Every text a user may search has a ``search_key`` column
holding its diacritic-free key (see ``tiendo.text.vietnamese.fold``), so the
same LIKE query works on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tiendo.clock import utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _now() -> dt.datetime:
    return utcnow()


class AdminUnitRow(Base):
    __tablename__ = "admin_units"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    successor_code: Mapped[str | None] = mapped_column(ForeignKey("admin_units.code"))


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: admin, coordinator, reporter, leader
    role: Mapped[str] = mapped_column(String(20))
    province_code: Mapped[str | None] = mapped_column(ForeignKey("admin_units.code"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AgencyRow(Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    province_code: Mapped[str | None] = mapped_column(ForeignKey("admin_units.code"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(120))
    #: sở, ban, ngành, UBND xã/phường, cơ quan Đảng, ...
    kind: Mapped[str | None] = mapped_column(String(60))
    aliases: Mapped[list] = mapped_column(JsonType, default=list)
    search_key: Mapped[str] = mapped_column(String(600), default="", index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: how a later file is recognised as a new version of this plan
    identity_key: Mapped[str] = mapped_column(String(300), unique=True)
    province_code: Mapped[str | None] = mapped_column(ForeignKey("admin_units.code"), index=True)
    province_name: Mapped[str | None] = mapped_column(String(120))
    issuer: Mapped[str | None] = mapped_column(String(200))
    doc_type: Mapped[str | None] = mapped_column(String(120))
    number: Mapped[str | None] = mapped_column(String(80))
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    signer: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    implements: Mapped[list] = mapped_column(JsonType, default=list)
    #: draft (being checked by a coordinator) or published
    status: Mapped[str] = mapped_column(String(20), default="draft")
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey(
            "plan_versions.id", use_alter=True, name="fk_plans_current_version_id_plan_versions"
        )
    )
    search_key: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now
    )

    versions: Mapped[list[PlanVersionRow]] = relationship(
        back_populates="plan",
        foreign_keys="PlanVersionRow.plan_id",
        order_by="PlanVersionRow.version_no",
    )


class PlanVersionRow(Base):
    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "version_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    source_name: Mapped[str] = mapped_column(String(300))
    source_format: Mapped[str] = mapped_column(String(20), default="txt")
    checksum: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    #: the text extraction ran on (NFC; repaired when the source was mangled)
    source_text: Mapped[str] = mapped_column(Text)
    #: the text as read, when it differs from ``source_text`` (e.g. before OCR repair)
    raw_text: Mapped[str | None] = mapped_column(Text)
    repaired: Mapped[bool] = mapped_column(Boolean, default=False)
    #: words the OCR repair was unsure of: [{"line", "start", "end", "original", "chosen"}]
    uncertain: Mapped[list] = mapped_column(JsonType, default=list)
    warnings: Mapped[list] = mapped_column(JsonType, default=list)
    extractor_version: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    plan: Mapped[PlanRow] = relationship(back_populates="versions", foreign_keys=[plan_id])


class SectionRow(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    end_line: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))


class _PlanItem:
    """Columns shared by targets, tasks and duties: provenance and correction state."""

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    first_version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    last_version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    #: false once the item is gone from the current version or deleted by a coordinator
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: deleted by a coordinator: stays deleted when a new version brings it back
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    #: extracted, or manual (added by a coordinator)
    origin: Mapped[str] = mapped_column(String(20), default="extracted")
    #: corrected by a coordinator: a new version does not overwrite it
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the key of the extracted item this row stands for (see store/signatures.py)
    signature: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    line: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    #: optimistic locking: incremented by every change
    revision: Mapped[int] = mapped_column(Integer, default=1)


class TargetRow(_PlanItem, Base):
    __tablename__ = "targets"

    indicator: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    op: Mapped[str] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40))
    year: Mapped[int | None] = mapped_column(Integer)
    base_year: Mapped[int | None] = mapped_column(Integer)
    core: Mapped[bool] = mapped_column(Boolean, default=True)
    section_title: Mapped[str | None] = mapped_column(Text)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    baseline_date: Mapped[dt.date | None] = mapped_column(Date)
    #: higher or lower is better; None until set or derived
    direction: Mapped[str | None] = mapped_column(String(10))
    data_source: Mapped[str | None] = mapped_column(Text)
    responsible_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)


class TaskRow(_PlanItem, Base):
    __tablename__ = "tasks"

    group_no: Mapped[str | None] = mapped_column(String(40))
    group_title: Mapped[str | None] = mapped_column(Text)
    full_text: Mapped[str | None] = mapped_column(Text)
    end_line: Mapped[int | None] = mapped_column(Integer)
    lead_text: Mapped[str | None] = mapped_column(Text)
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    deadline_due: Mapped[dt.date | None] = mapped_column(Date)
    deadline_precision: Mapped[str | None] = mapped_column(String(10))
    continuing: Mapped[bool] = mapped_column(Boolean, default=False)
    deadline_text: Mapped[str | None] = mapped_column(Text)


class DutyRow(_PlanItem, Base):
    __tablename__ = "duties"

    kind: Mapped[str] = mapped_column(String(10))
    who: Mapped[str | None] = mapped_column(Text)
    to_whom: Mapped[str | None] = mapped_column(Text)
    frequency: Mapped[list] = mapped_column(JsonType, default=list)
    due: Mapped[dict | None] = mapped_column(JsonType)


class AuditRow(Base):
    """Append-only log of every write: who, when, from where, what, before, after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: who acted, as shown (user name, "dòng lệnh", "hệ thống")
    actor_label: Mapped[str] = mapped_column(String(200))
    ip: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    plan_id: Mapped[int | None] = mapped_column(Integer, index=True)
    province_code: Mapped[str | None] = mapped_column(String(8), index=True)
    before: Mapped[dict | None] = mapped_column(JsonType)
    after: Mapped[dict | None] = mapped_column(JsonType)
    note: Mapped[str | None] = mapped_column(Text)


class SessionRow(Base):
    """A signed-in browser; the cookie holds a random token, the table its hash."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class ApiTokenRow(Base):
    """A token another system uses to call the API on behalf of a user, with scopes."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: first characters of the token, to recognise it in lists
    prefix: Mapped[str] = mapped_column(String(16))
    scopes: Mapped[list] = mapped_column(JsonType, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# ---------------------------------------------------------------- publishing
# Citizen feedback (phản ánh, kiến nghị). The sender's contact details live
# only in this table and are never copied to the audit log, a public page,
# the API or an export: the public sees the text, its status and the
# response.


class FeedbackRow(Base):
    """One piece of feedback about a plan, one of its targets or one of its tasks."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_province_moderation", "province_code", "moderation"),
        Index("ix_feedback_sender_received", "sender_key", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("targets.id", ondelete="SET NULL"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    #: the plan's province when the feedback arrived: whose coordinators moderate it
    province_code: Mapped[str | None] = mapped_column(String(8))
    #: plan, target or task
    subject_type: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    sender_name: Mapped[str | None] = mapped_column(String(120))
    sender_email: Mapped[str | None] = mapped_column(String(200))
    sender_phone: Mapped[str | None] = mapped_column(String(20))
    #: keyed hash of the sender's network address, for rate limits (never the address)
    sender_key: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    #: pending, published, spam or rejected
    moderation: Mapped[str] = mapped_column(String(12), default="pending")
    reject_reason: Mapped[str | None] = mapped_column(Text)
    moderated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    moderated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    response: Mapped[str | None] = mapped_column(Text)
    #: first publication of the response: the end of the measured response time
    response_published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    response_updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    responded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: optimistic locking: incremented by every change
    revision: Mapped[int] = mapped_column(Integer, default=1)


class FeedbackForwardRow(Base):
    """A feedback forwarded by a coordinator to the agency responsible for the matter."""

    __tablename__ = "feedback_forwards"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(
        ForeignKey("feedback.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    forwarded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    forwarded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


# ---------------------------------------------------------------- reporting cycle
# Agencies report on their tasks and targets per period; coordinators review.
# Report rows carry a revision for optimistic locking and server-side times.


class TaskCoAgencyRow(Base):
    """A co-operating agency (cơ quan phối hợp) of a task."""

    __tablename__ = "task_co_agencies"

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    agency_id: Mapped[int] = mapped_column(
        ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class LeadDecisionRow(Base):
    """A coordinator's answer to the proposed match of a task's lead text."""

    __tablename__ = "lead_decisions"

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    #: agency (confirmed or chosen) or none (no agency of the province fits)
    decision: Mapped[str] = mapped_column(String(10))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="SET NULL"))
    #: the proposal's confidence when it was decided (0–1)
    confidence: Mapped[float | None] = mapped_column(Float)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class PeriodRow(Base):
    """A reporting period of a plan (kỳ báo cáo) with its due date and cut-off window."""

    __tablename__ = "reporting_periods"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    frequency: Mapped[str] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    due: Mapped[dt.date] = mapped_column(Date, index=True)
    cutoff_start: Mapped[dt.date] = mapped_column(Date)
    cutoff_end: Mapped[dt.date] = mapped_column(Date)
    #: duty (from the plan's reporting duty), default (plan without one), adhoc
    origin: Mapped[str] = mapped_column(String(10), default="duty")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ReportRow(Base):
    """One agency's report for one period."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("period_id", "agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_periods.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: draft, submitted, returned, approved, reopened
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    #: optimistic locking: incremented by every change
    revision: Mapped[int] = mapped_column(Integer, default=1)
    #: first submission (timeliness) and latest submission, server time
    first_submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    returned_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    review_comment: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ReportTaskRow(Base):
    """What a report says about one task."""

    __tablename__ = "report_tasks"
    __table_args__ = (UniqueConstraint("report_id", "task_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    #: not_started, in_progress, done (evaluate.model.TaskState)
    status: Mapped[str | None] = mapped_column(String(20))
    percent_done: Mapped[float | None] = mapped_column(Float)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    done_text: Mapped[str | None] = mapped_column(Text)
    difficulties: Mapped[str | None] = mapped_column(Text)
    recommendations: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(2000))


class ReportValueRow(Base):
    """A reported value of one target."""

    __tablename__ = "report_values"
    __table_args__ = (UniqueConstraint("report_id", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    #: the number (1/0 for yes/no targets)
    value: Mapped[float | None] = mapped_column(Float)
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    #: the warning shown when the value was saved (far from history), if any
    warning: Mapped[str | None] = mapped_column(Text)


class EvidenceRow(Base):
    """An evidence file attached to a report (stored under the data dir, random name)."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    #: the name as sent, cleaned; shown only, never used as a path
    display_name: Mapped[str] = mapped_column(String(200))
    #: detected from the content, not from the client
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class NotificationRow(Base):
    """An in-app notice for one user (reminders, reviews)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class ReminderRow(Base):
    """A reminder sent to one reporter about one agency's report: never sent twice."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("period_id", "agency_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_periods.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: before-7, before-2, after-1, …: days before or after the due date
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    emailed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    email_error: Mapped[str | None] = mapped_column(String(300))


class AppSettingRow(Base):
    """Settings an administrator changes in the UI (mail server, reminders)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict] = mapped_column(JsonType, default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


# ---------------------------------------------------------------- evaluation
#
# Evaluation keeps its own facts, written when a report is approved, and the
# statuses computed from them. The reporting workflow's tables are not read at
# evaluation time: these rows are a read model, so that dashboards stay fast at
# national scale. ``report_id`` names the report a fact came from without a
# foreign key, so the two sides can evolve separately.


class ObservationRow(Base):
    """A reported value of a target's indicator as of a date."""

    __tablename__ = "observations"
    __table_args__ = (
        Index("ix_observations_target_live", "target_id", "retracted", "as_of"),
        Index("ix_observations_outlier", "outlier", "as_of"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    value: Mapped[float] = mapped_column(Float)
    as_of: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    report_id: Mapped[int | None] = mapped_column(Integer, index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    #: true once the report it came from was reopened; kept for history
    retracted: Mapped[bool] = mapped_column(Boolean, default=False)
    #: far from the indicator's history when recorded (see evaluate/outliers.py)
    outlier: Mapped[bool] = mapped_column(Boolean, default=False)
    outlier_z: Mapped[float | None] = mapped_column(Float)
    #: why the value was flagged, in the words shown to users
    outlier_note: Mapped[str | None] = mapped_column(Text)


class TaskProgressRow(Base):
    """What an agency reported about a task in a period."""

    __tablename__ = "task_progress"
    __table_args__ = (Index("ix_task_progress_task_live", "task_id", "retracted", "reported_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    period_key: Mapped[str | None] = mapped_column(String(60))
    #: not_started, in_progress or done
    state: Mapped[str] = mapped_column(String(20))
    percent_done: Mapped[float | None] = mapped_column(Float)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    report_id: Mapped[int | None] = mapped_column(Integer, index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    retracted: Mapped[bool] = mapped_column(Boolean, default=False)


class SubmissionRow(Base):
    """One expected report of one agency for one period; submitted or not."""

    __tablename__ = "submissions"
    __table_args__ = (
        Index("ix_submissions_agency_due", "agency_id", "due"),
        Index("ix_submissions_plan_period", "plan_id", "period_key"),
        Index("ix_submissions_province_period", "province_code", "period_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    province_code: Mapped[str | None] = mapped_column(String(8))
    period_key: Mapped[str] = mapped_column(String(60))
    period_label: Mapped[str] = mapped_column(String(120), default="")
    due: Mapped[dt.date] = mapped_column(Date)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: the day of ``submitted_at`` in Vietnam time, so SQL can compare it with ``due``
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now
    )


class TargetStatusRow(Base):
    """The computed status of one target (one milestone) with its reasons.

    ``plan_id`` and ``agency_id`` are copied from the target so that the
    dashboards count without joins; ``is_current`` marks the milestone that
    decides its indicator's status (the next one not yet passed), which is
    the one counted on dashboards and scorecards.
    """

    __tablename__ = "target_status"
    __table_args__ = (
        Index("ix_target_status_plan", "plan_id", "is_current", "status"),
        Index("ix_target_status_agency", "agency_id", "is_current", "status"),
        Index("ix_target_status_computed", "plan_id", "computed_at"),
    )

    target_id: Mapped[int] = mapped_column(
        ForeignKey("targets.id", ondelete="CASCADE"), primary_key=True
    )
    plan_id: Mapped[int] = mapped_column(Integer)
    agency_id: Mapped[int | None] = mapped_column(Integer)
    #: the indicator within its plan (folded name and unit): milestones sharing it are one indicator
    indicator_key: Mapped[str] = mapped_column(String(400), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(20))
    ratio: Mapped[float | None] = mapped_column(Float)
    anticipated: Mapped[float | None] = mapped_column(Float)
    progress_percent: Mapped[float | None] = mapped_column(Float)
    latest_value: Mapped[float | None] = mapped_column(Float)
    latest_as_of: Mapped[dt.date | None] = mapped_column(Date)
    goal: Mapped[float | None] = mapped_column(Float)
    projected: Mapped[float | None] = mapped_column(Float)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    explanation: Mapped[dict] = mapped_column(JsonType, default=dict)


class TaskStatusRow(Base):
    """The computed status of one task (a continuing task: in its latest period)."""

    __tablename__ = "task_status"
    __table_args__ = (
        Index("ix_task_status_plan", "plan_id", "group_no", "status"),
        Index("ix_task_status_agency", "agency_id", "status"),
        Index("ix_task_status_status", "status", "days_overdue", "task_id"),
    )

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    plan_id: Mapped[int] = mapped_column(Integer)
    agency_id: Mapped[int | None] = mapped_column(Integer)
    group_no: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(30))
    #: a task with a deadline, judged once (not a continuing task judged per period)
    dated: Mapped[bool] = mapped_column(Boolean, default=False)
    due: Mapped[dt.date | None] = mapped_column(Date)
    days_left: Mapped[int | None] = mapped_column(Integer)
    days_overdue: Mapped[int | None] = mapped_column(Integer)
    period_key: Mapped[str | None] = mapped_column(String(60))
    started: Mapped[bool] = mapped_column(Boolean, default=False)
    percent_done: Mapped[float | None] = mapped_column(Float)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    explanation: Mapped[dict] = mapped_column(JsonType, default=dict)


class TaskGroupTallyRow(Base):
    """How many tasks of a plan and group have each status: the task statuses
    counted ahead, so that a dashboard over the whole country reads thousands
    of rows instead of hundreds of thousands. Rebuilt with the statuses."""

    __tablename__ = "task_group_tallies"
    __table_args__ = (Index("ix_task_group_tallies_plan", "plan_id", "group_no", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(Integer)
    group_no: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(30))
    dated: Mapped[bool] = mapped_column(Boolean)
    started: Mapped[bool] = mapped_column(Boolean)
    n: Mapped[int] = mapped_column(Integer)


class TaskAgencyTallyRow(Base):
    """Each lead agency's tasks in a plan, counted the way scorecards count them:
    all, overdue, and the tasks in and under the "on time" share (see
    evaluate/queries.py, TASK_BUCKETS). Rebuilt with the statuses."""

    __tablename__ = "task_agency_tallies"
    __table_args__ = (
        Index("ix_task_agency_tallies_plan", "plan_id", "agency_id"),
        Index("ix_task_agency_tallies_agency", "agency_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(Integer)
    agency_id: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    on_time: Mapped[int] = mapped_column(Integer)
    counted: Mapped[int] = mapped_column(Integer)
    overdue: Mapped[int] = mapped_column(Integer)
    dated: Mapped[int] = mapped_column(Integer)


class IndicatorLinkRow(Base):
    """A coordinator's decision that a plan's target measures a national indicator (or not)."""

    __tablename__ = "indicator_links"

    target_id: Mapped[int] = mapped_column(
        ForeignKey("targets.id", ondelete="CASCADE"), primary_key=True
    )
    indicator_code: Mapped[str] = mapped_column(String(40), index=True)
    #: confirmed or rejected
    state: Mapped[str] = mapped_column(String(12))
    score: Mapped[float | None] = mapped_column(Float)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
