"""Citizen feedback (phản ánh, kiến nghị): receive, moderate, forward, answer, publish.

Anyone may send feedback about a published plan, one of its targets or one
of its tasks, with optional contact details. It waits for moderation by a
coordinator of the plan's province, who publishes it, hides it as spam or
rejects it with a reason; forwards it to the agency responsible (each
forwarding recorded); and publishes a response. The public sees published
feedback with its status and the response, never the sender. Response
time runs from receipt to the first publication of the response.

Every change is audited. Contact details are kept out of the audit log on
purpose: the log is append-only, and a sender's details must stay
erasable from the one table that holds them.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterator

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal, Role
from tiendo.clock import as_utc, local, utcnow
from tiendo.domain.actor import Actor
from tiendo.domain.units import PROVINCES
from tiendo.errors import Conflict, NotFound, PermissionDenied, TiendoError, ValidationError
from tiendo.publish.antispam import FeedbackPolicy
from tiendo.publish.readmodels import (
    FeedbackAdmin,
    FeedbackPublic,
    ForwardOut,
    ResponseTimes,
)
from tiendo.store import audit
from tiendo.store.tables import (
    AgencyRow,
    FeedbackForwardRow,
    FeedbackRow,
    PlanRow,
    TargetRow,
    TaskRow,
    UserRow,
)
from tiendo.text.vietnamese import nfc

MODERATION_LABELS = {
    "pending": "Chờ kiểm duyệt",
    "published": "Đã công khai",
    "spam": "Thư rác (đã ẩn)",
    "rejected": "Từ chối",
}
STATUS_LABELS = {
    "received": "Đã tiếp nhận",
    "forwarded": "Đang xử lý (đã chuyển cơ quan có trách nhiệm)",
    "answered": "Đã trả lời",
}
SUBJECT_LABELS = {"plan": "kế hoạch", "target": "chỉ tiêu", "task": "nhiệm vụ"}
#: the fields of the public form
FORM_FIELDS = (
    "plan_id",
    "target_id",
    "task_id",
    "title",
    "body",
    "sender_name",
    "sender_email",
    "sender_phone",
)

TITLE_MAX, BODY_MIN, BODY_MAX = 200, 20, 5000
NAME_MAX, EMAIL_MAX, REASON_MAX, RESPONSE_MAX = 120, 200, 1000, 10000
_EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[^@\s<>\"']+\.[^@\s<>\"']{2,}$")
_PHONE = re.compile(r"^\+?[0-9 .\-]{8,20}$")
#: links are how spam advertises; people rarely need more than a few
MAX_LINKS = 3


class TooManySubmissions(TiendoError):
    status_code = 429


# ---------------------------------------------------------------- helpers


def _clean(raw, *, max_len: int) -> str:
    # NFC, no control characters except new lines, trimmed.
    text = nfc(str(raw or "")).replace("\r\n", "\n")
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or ch >= " ")
    return text.strip()[: max_len + 1]


def parse_id(raw) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isdigit() else None


def public_status(row: FeedbackRow, forwarded: bool) -> str:
    if row.response_published_at is not None:
        return "answered"
    return "forwarded" if forwarded else "received"


def plan_label(plan: PlanRow) -> str:
    label = plan.doc_type or "Văn bản"
    if plan.number:
        label += f" số {plan.number}"
    province = PROVINCES.get(plan.province_code or "")
    name = province.name if province else plan.province_name
    if name:
        label += f" — {name}"
    return label


def _published_plan(session: Session, plan_id: int | None) -> PlanRow:
    plan = session.get(PlanRow, plan_id) if plan_id else None
    if plan is None or plan.status != "published":
        raise NotFound(f"Không có kế hoạch đã công bố số {plan_id}.")
    return plan


def _forwarded_ids(session: Session, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return set(
        session.scalars(
            select(FeedbackForwardRow.feedback_id).where(FeedbackForwardRow.feedback_id.in_(ids))
        )
    )


def _subject_texts(session: Session, rows: list[FeedbackRow]) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    target_ids = [r.target_id for r in rows if r.target_id]
    task_ids = [r.task_id for r in rows if r.task_id]
    if target_ids:
        for tid, indicator in session.execute(
            select(TargetRow.id, TargetRow.indicator).where(TargetRow.id.in_(target_ids))
        ):
            out[("target", tid)] = indicator
    if task_ids:
        for tid, text in session.execute(
            select(TaskRow.id, TaskRow.text).where(TaskRow.id.in_(task_ids))
        ):
            out[("task", tid)] = text
    return out


def _public(
    row: FeedbackRow, plan: PlanRow, forwarded: bool, subjects: dict[tuple[str, int], str]
) -> dict:
    status = public_status(row, forwarded)
    subject = None
    if row.target_id:
        subject = subjects.get(("target", row.target_id))
    elif row.task_id:
        subject = subjects.get(("task", row.task_id))
    published = local(row.response_published_at)
    return {
        "id": row.id,
        "plan_id": row.plan_id,
        "plan_label": plan_label(plan),
        "target_id": row.target_id,
        "task_id": row.task_id,
        "subject_type": row.subject_type,
        "subject_text": subject,
        "title": row.title,
        "body": row.body,
        "received_on": local(row.received_at).date(),
        "status": status,
        "status_label": STATUS_LABELS[status],
        "response": row.response if row.response_published_at else None,
        "response_published_on": published.date() if published else None,
    }


# ---------------------------------------------------------------- receiving


def validate_submission(session: Session, data: dict) -> dict:
    """Check a submission; raise ``ValidationError`` with one message per field."""
    errors: list[dict] = []

    def add(field: str, message: str) -> None:
        errors.append({"msg": message, "loc": [field]})

    plan_id = parse_id(data.get("plan_id"))
    plan = session.get(PlanRow, plan_id) if plan_id else None
    if plan is None or plan.status != "published":
        add("plan_id", "Hãy chọn một kế hoạch đã công bố để phản ánh.")
        plan = None
    target_id, task_id = parse_id(data.get("target_id")), parse_id(data.get("task_id"))
    if target_id and task_id:
        add("target_id", "Mỗi phản ánh chỉ nói về một chỉ tiêu hoặc một nhiệm vụ.")
    for field, row_type, label, item_id in (
        ("target_id", TargetRow, "Chỉ tiêu", target_id),
        ("task_id", TaskRow, "Nhiệm vụ", task_id),
    ):
        if item_id and plan is not None:
            item = session.get(row_type, item_id)
            if item is None or item.plan_id != plan.id or not item.active or item.deleted:
                add(field, f"{label} được chọn không thuộc kế hoạch này.")
    title = _clean(data.get("title"), max_len=TITLE_MAX)
    if len(title) < 5:
        add("title", "Tiêu đề cần ít nhất 5 ký tự.")
    elif len(title) > TITLE_MAX:
        add("title", f"Tiêu đề dài quá {TITLE_MAX} ký tự.")
    body = _clean(data.get("body"), max_len=BODY_MAX)
    if len(body) < BODY_MIN:
        add("body", f"Nội dung cần ít nhất {BODY_MIN} ký tự để cơ quan có thể xem xét.")
    elif len(body) > BODY_MAX:
        add("body", f"Nội dung dài quá {BODY_MAX:,} ký tự.".replace(",", "."))
    elif len(re.findall(r"https?://|www\.", body, flags=re.IGNORECASE)) > MAX_LINKS:
        add("body", f"Nội dung có quá nhiều đường liên kết (tối đa {MAX_LINKS}).")
    name = _clean(data.get("sender_name"), max_len=NAME_MAX)
    if len(name) > NAME_MAX:
        add("sender_name", f"Họ tên dài quá {NAME_MAX} ký tự.")
    email = _clean(data.get("sender_email"), max_len=EMAIL_MAX).lower()
    if email and (len(email) > EMAIL_MAX or not _EMAIL.match(email)):
        add("sender_email", "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.vn.")
    phone = _clean(data.get("sender_phone"), max_len=20)
    if phone and (not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 8):
        add("sender_phone", "Số điện thoại chỉ gồm chữ số (8–15 số), có thể có dấu + ở đầu.")
    if errors:
        raise ValidationError("Phản ánh chưa gửi được: " + errors[0]["msg"], errors=errors)
    subject_type = "target" if target_id else "task" if task_id else "plan"
    return {
        "plan": plan,
        "target_id": target_id,
        "task_id": task_id,
        "subject_type": subject_type,
        "title": title,
        "body": body,
        "sender_name": name or None,
        "sender_email": email or None,
        "sender_phone": phone or None,
    }


def check_rate(session: Session, sender: str, policy: FeedbackPolicy, now: dt.datetime) -> None:
    """Accepted feedback per address, counted in the database."""
    day = session.scalar(
        select(func.count())
        .select_from(FeedbackRow)
        .where(
            FeedbackRow.sender_key == sender, FeedbackRow.received_at > now - dt.timedelta(days=1)
        )
    )
    hour = session.scalar(
        select(func.count())
        .select_from(FeedbackRow)
        .where(
            FeedbackRow.sender_key == sender, FeedbackRow.received_at > now - dt.timedelta(hours=1)
        )
    )
    if (hour or 0) >= policy.per_hour or (day or 0) >= policy.per_day:
        raise TooManySubmissions(
            "Địa chỉ của bạn đã gửi nhiều phản ánh trong thời gian ngắn; hãy thử lại sau."
        )


def submit(
    session: Session,
    data: dict,
    *,
    sender: str,
    actor: Actor,
    policy: FeedbackPolicy | None = None,
    now: dt.datetime | None = None,
) -> FeedbackRow:
    """Receive a feedback (the caller commits); it waits for moderation."""
    policy = policy or FeedbackPolicy()
    now = now or utcnow()
    clean = validate_submission(session, data)
    check_rate(session, sender, policy, now)
    plan: PlanRow = clean.pop("plan")
    row = FeedbackRow(
        plan_id=plan.id,
        province_code=plan.province_code,
        sender_key=sender,
        received_at=now,
        moderation="pending",
        **clean,
    )
    session.add(row)
    session.flush()
    # The sender's address is not logged: only its keyed hash is kept, in the row.
    audit.record(
        session,
        Actor(label=actor.label, user_id=actor.user_id),
        "feedback.submit",
        "feedback",
        row.id,
        plan_id=plan.id,
        province_code=plan.province_code,
        after={
            "subject_type": row.subject_type,
            "target_id": row.target_id,
            "task_id": row.task_id,
            "title": row.title,
            "has_name": bool(row.sender_name),
            "has_email": bool(row.sender_email),
            "has_phone": bool(row.sender_phone),
        },
    )
    return row


# ---------------------------------------------------------------- handling


def _moderator_row(
    session: Session, principal: Principal, feedback_id: int, expected_revision: int | None
) -> FeedbackRow:
    row = session.get(FeedbackRow, feedback_id)
    if row is None:
        raise NotFound(f"Không có phản ánh số {feedback_id}.")
    if not principal.manages_province(row.province_code):
        raise PermissionDenied(
            "Chỉ cán bộ điều phối của tỉnh, thành phố có kế hoạch được phản ánh mới xử lý phản ánh này."
        )
    if expected_revision is not None and expected_revision != row.revision:
        raise Conflict(
            f"Phản ánh số {feedback_id} vừa được người khác xử lý; hãy tải lại trang để xem thay đổi."
        )
    return row


def _snapshot(row: FeedbackRow) -> dict:
    return {
        "moderation": row.moderation,
        "reject_reason": row.reject_reason,
        "response": row.response,
        "response_published_at": row.response_published_at.isoformat()
        if row.response_published_at
        else None,
    }


def _touch(row: FeedbackRow) -> None:
    row.revision += 1


def moderate(
    session: Session,
    principal: Principal,
    actor: Actor,
    feedback_id: int,
    decision: str,
    reason: str | None = None,
    *,
    expected_revision: int | None = None,
) -> FeedbackRow:
    """Publish a feedback, hide it as spam, or reject it with a reason."""
    row = _moderator_row(session, principal, feedback_id, expected_revision)
    if decision not in ("published", "spam", "rejected"):
        raise ValidationError(
            "Quyết định không hợp lệ: chọn công khai, thư rác hoặc từ chối.",
            errors=[{"msg": "Quyết định không hợp lệ.", "loc": ["decision"]}],
        )
    reason = _clean(reason, max_len=REASON_MAX) or None
    if decision == "rejected" and (not reason or len(reason) < 5):
        raise ValidationError(
            "Từ chối phản ánh phải ghi lý do (ít nhất 5 ký tự).",
            errors=[{"msg": "Hãy ghi lý do từ chối (ít nhất 5 ký tự).", "loc": ["reason"]}],
        )
    if reason and len(reason) > REASON_MAX:
        raise ValidationError(
            f"Lý do dài quá {REASON_MAX} ký tự.",
            errors=[{"msg": f"Lý do dài quá {REASON_MAX} ký tự.", "loc": ["reason"]}],
        )
    before = _snapshot(row)
    row.moderation = decision
    row.reject_reason = reason if decision == "rejected" else None
    row.moderated_at = utcnow()
    row.moderated_by = principal.user_id
    _touch(row)
    audit.record(
        session,
        actor,
        f"feedback.{ {'published': 'publish', 'spam': 'spam', 'rejected': 'reject'}[decision] }",
        "feedback",
        row.id,
        plan_id=row.plan_id,
        province_code=row.province_code,
        before=before,
        after=_snapshot(row),
    )
    return row


def agencies_for(session: Session, principal: Principal) -> list[AgencyRow]:
    """Agencies a moderator may forward to: those of their provinces (all for admins)."""
    stmt = select(AgencyRow).where(AgencyRow.active.is_(True)).order_by(AgencyRow.name)
    if not principal.is_admin:
        stmt = stmt.where(AgencyRow.province_code.in_(sorted(principal.provinces)))
    return list(session.scalars(stmt))


def forward(
    session: Session,
    principal: Principal,
    actor: Actor,
    feedback_id: int,
    agency_id: int | None,
    note: str | None = None,
    *,
    expected_revision: int | None = None,
) -> FeedbackForwardRow:
    """Forward a feedback to the agency responsible; every forwarding is kept."""
    row = _moderator_row(session, principal, feedback_id, expected_revision)
    if row.moderation in ("spam", "rejected"):
        raise ValidationError(
            "Phản ánh đã bị ẩn hoặc từ chối, không chuyển cơ quan xử lý được.",
            errors=[{"msg": "Phản ánh đã bị ẩn hoặc từ chối.", "loc": ["agency_id"]}],
        )
    agency = session.get(AgencyRow, agency_id) if agency_id else None
    if agency is None or not (principal.is_admin or agency.province_code in principal.provinces):
        raise ValidationError(
            "Hãy chọn một cơ quan của tỉnh, thành phố để chuyển phản ánh.",
            errors=[{"msg": "Hãy chọn cơ quan nhận phản ánh.", "loc": ["agency_id"]}],
        )
    note = _clean(note, max_len=REASON_MAX) or None
    forwarding = FeedbackForwardRow(
        feedback_id=row.id,
        agency_id=agency.id,
        note=note[:REASON_MAX] if note else None,
        forwarded_at=utcnow(),
        forwarded_by=principal.user_id,
    )
    session.add(forwarding)
    _touch(row)
    session.flush()
    audit.record(
        session,
        actor,
        "feedback.forward",
        "feedback",
        row.id,
        plan_id=row.plan_id,
        province_code=row.province_code,
        after={"agency_id": agency.id, "agency": agency.name, "note": forwarding.note},
    )
    return forwarding


def respond(
    session: Session,
    principal: Principal,
    actor: Actor,
    feedback_id: int,
    text: str,
    *,
    expected_revision: int | None = None,
) -> FeedbackRow:
    """Publish (or correct) the response to a published feedback."""
    row = _moderator_row(session, principal, feedback_id, expected_revision)
    if row.moderation != "published":
        raise ValidationError(
            "Chỉ trả lời công khai phản ánh đã được công khai; hãy công khai phản ánh trước.",
            errors=[{"msg": "Phản ánh chưa được công khai.", "loc": ["response"]}],
        )
    response = _clean(text, max_len=RESPONSE_MAX)
    if len(response) < 10:
        raise ValidationError(
            "Nội dung trả lời cần ít nhất 10 ký tự.",
            errors=[{"msg": "Nội dung trả lời cần ít nhất 10 ký tự.", "loc": ["response"]}],
        )
    if len(response) > RESPONSE_MAX:
        raise ValidationError(
            f"Nội dung trả lời dài quá {RESPONSE_MAX:,} ký tự.".replace(",", "."),
            errors=[{"msg": "Nội dung trả lời quá dài.", "loc": ["response"]}],
        )
    before = _snapshot(row)
    now = utcnow()
    row.response = response
    if row.response_published_at is None:
        # The first publication ends the measured response time; corrections do not move it.
        row.response_published_at = now
    else:
        row.response_updated_at = now
    row.responded_by = principal.user_id
    _touch(row)
    audit.record(
        session,
        actor,
        "feedback.respond",
        "feedback",
        row.id,
        plan_id=row.plan_id,
        province_code=row.province_code,
        before=before,
        after=_snapshot(row),
    )
    return row


# ---------------------------------------------------------------- reading


def _public_condition():
    return and_(FeedbackRow.moderation == "published", PlanRow.status == "published")


def public_list(
    session: Session,
    *,
    province_codes: frozenset[str] | None = None,
    plan_id: int | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[int, list[FeedbackPublic]]:
    """Published feedback on published plans, newest first."""
    stmt = select(FeedbackRow, PlanRow).join(PlanRow, PlanRow.id == FeedbackRow.plan_id)
    stmt = stmt.where(_public_condition())
    if province_codes is not None:
        stmt = stmt.where(PlanRow.province_code.in_(sorted(province_codes)))
    if plan_id is not None:
        stmt = stmt.where(FeedbackRow.plan_id == plan_id)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pairs = session.execute(
        stmt.order_by(FeedbackRow.received_at.desc(), FeedbackRow.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    rows = [r for r, _ in pairs]
    forwarded = _forwarded_ids(session, [r.id for r in rows])
    subjects = _subject_texts(session, rows)
    return total, [FeedbackPublic(**_public(r, p, r.id in forwarded, subjects)) for r, p in pairs]


def public_get(session: Session, feedback_id: int) -> FeedbackPublic:
    pair = session.execute(
        select(FeedbackRow, PlanRow)
        .join(PlanRow, PlanRow.id == FeedbackRow.plan_id)
        .where(FeedbackRow.id == feedback_id, _public_condition())
    ).first()
    if pair is None:
        raise NotFound(f"Không có phản ánh công khai số {feedback_id}.")
    row, plan = pair
    return FeedbackPublic(
        **_public(
            row, plan, bool(_forwarded_ids(session, [row.id])), _subject_texts(session, [row])
        )
    )


def public_feedback_rows(session: Session, base_url: str, *, batch: int) -> Iterator[dict]:
    """Open-data rows of published feedback (no sender data), oldest first."""
    stmt = (
        select(
            FeedbackRow,
            PlanRow.province_code,
            exists().where(FeedbackForwardRow.feedback_id == FeedbackRow.id),
        )
        .join(PlanRow, PlanRow.id == FeedbackRow.plan_id)
        .where(_public_condition())
        .order_by(FeedbackRow.id)
        .execution_options(yield_per=batch)
    )
    for row, province, forwarded in session.execute(stmt):
        unit = PROVINCES.get(province or "")
        status = public_status(row, bool(forwarded))
        published = local(row.response_published_at)
        yield {
            "feedback_id": row.id,
            "plan_id": row.plan_id,
            "target_id": row.target_id,
            "task_id": row.task_id,
            "current_province_code": (unit.successor_code or unit.code) if unit else None,
            "title": row.title,
            "body": row.body,
            "received_on": local(row.received_at).date(),
            "status": status,
            "status_label": STATUS_LABELS[status],
            "response": row.response if row.response_published_at else None,
            "response_published_on": published.date() if published else None,
            "url": f"{base_url}/phan-anh/{row.id}",
        }


def can_view_handling(principal: Principal | None) -> bool:
    return principal is not None and (
        principal.is_admin
        or principal.role is Role.COORDINATOR
        or (principal.role is Role.REPORTER and principal.agency_id is not None)
    )


def _handling_scope(principal: Principal):
    """Which feedback a user handles: their provinces' (coordinators), forwarded to them (reporters)."""
    if principal.is_admin:
        return True
    if principal.role is Role.COORDINATOR:
        return FeedbackRow.province_code.in_(sorted(principal.provinces))
    if principal.role is Role.REPORTER and principal.agency_id:
        return exists().where(
            FeedbackForwardRow.feedback_id == FeedbackRow.id,
            FeedbackForwardRow.agency_id == principal.agency_id,
        )
    return False


def handling_list(
    session: Session,
    principal: Principal,
    *,
    moderation: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[FeedbackAdmin]]:
    """Feedback a user handles, pending first, then newest."""
    if not can_view_handling(principal):
        raise PermissionDenied("Bạn không có quyền xem phản ánh đang xử lý.")
    stmt = (
        select(FeedbackRow, PlanRow)
        .join(PlanRow, PlanRow.id == FeedbackRow.plan_id)
        .where(_handling_scope(principal))
    )
    if moderation:
        stmt = stmt.where(FeedbackRow.moderation == moderation)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pending_first = (FeedbackRow.moderation != "pending").asc()
    pairs = session.execute(
        stmt.order_by(pending_first, FeedbackRow.received_at.desc(), FeedbackRow.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return total, _admin_models(session, pairs)


def _admin_models(session: Session, pairs) -> list[FeedbackAdmin]:
    rows = [r for r, _ in pairs]
    ids = [r.id for r in rows]
    forwards: dict[int, list[ForwardOut]] = {}
    if ids:
        stmt = (
            select(FeedbackForwardRow, AgencyRow.name, UserRow.username)
            .join(AgencyRow, AgencyRow.id == FeedbackForwardRow.agency_id)
            .outerjoin(UserRow, UserRow.id == FeedbackForwardRow.forwarded_by)
            .where(FeedbackForwardRow.feedback_id.in_(ids))
            .order_by(FeedbackForwardRow.forwarded_at, FeedbackForwardRow.id)
        )
        for fwd, agency_name, username in session.execute(stmt):
            forwards.setdefault(fwd.feedback_id, []).append(
                ForwardOut(
                    agency_id=fwd.agency_id,
                    agency_name=agency_name,
                    note=fwd.note,
                    forwarded_at=fwd.forwarded_at,
                    forwarded_by=username,
                )
            )
    subjects = _subject_texts(session, rows)
    out = []
    for row, plan in pairs:
        public = _public(row, plan, row.id in forwards, subjects)
        public["response"] = row.response
        out.append(
            FeedbackAdmin(
                **public,
                province_code=row.province_code,
                moderation=row.moderation,
                moderation_label=MODERATION_LABELS[row.moderation],
                reject_reason=row.reject_reason,
                received_at=row.received_at,
                moderated_at=row.moderated_at,
                sender_name=row.sender_name,
                sender_email=row.sender_email,
                sender_phone=row.sender_phone,
                forwards=forwards.get(row.id, []),
                response_published_at=row.response_published_at,
                revision=row.revision,
            )
        )
    return out


def handling_get(session: Session, principal: Principal, feedback_id: int) -> FeedbackAdmin:
    if not can_view_handling(principal):
        raise PermissionDenied("Bạn không có quyền xem phản ánh đang xử lý.")
    pair = session.execute(
        select(FeedbackRow, PlanRow)
        .join(PlanRow, PlanRow.id == FeedbackRow.plan_id)
        .where(FeedbackRow.id == feedback_id, _handling_scope(principal))
    ).first()
    if pair is None:
        raise NotFound(f"Không có phản ánh số {feedback_id} trong phạm vi của bạn.")
    return _admin_models(session, [pair])[0]


# ---------------------------------------------------------------- response time


def response_times(
    session: Session,
    *,
    province_codes: frozenset[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    within_days: int = 15,
    now: dt.datetime | None = None,
) -> list[ResponseTimes]:
    """Response times per province of feedback received in ``start``–``end`` (Vietnam dates).

    Spam is left out; rejected feedback counts as received but never as
    open. Days are elapsed time (hours / 24), so a same-day answer counts
    as a fraction of a day. The scorecards read this.
    """
    now = now or utcnow()
    stmt = select(
        FeedbackRow.province_code,
        FeedbackRow.received_at,
        FeedbackRow.response_published_at,
        FeedbackRow.moderation,
    ).where(FeedbackRow.moderation != "spam")
    if province_codes is not None:
        stmt = stmt.where(FeedbackRow.province_code.in_(sorted(province_codes)))
    if start is not None:
        stmt = stmt.where(FeedbackRow.received_at >= _vn_midnight(start))
    if end is not None:
        stmt = stmt.where(FeedbackRow.received_at < _vn_midnight(end + dt.timedelta(days=1)))
    groups: dict[str | None, list] = {}
    for code, received, answered, moderation in session.execute(stmt):
        unit = PROVINCES.get(code or "")
        key = (unit.successor_code or unit.code) if unit else code
        groups.setdefault(key, []).append((as_utc(received), as_utc(answered), moderation))
    out = []
    for code in sorted(groups, key=lambda c: (c is None, c or "")):
        items = groups[code]
        days = [(a - r).total_seconds() / 86400 for r, a, _ in items if a is not None]
        open_ages = [
            (now - r).total_seconds() / 86400 for r, a, m in items if a is None and m != "rejected"
        ]
        out.append(
            ResponseTimes(
                province_code=code,
                received=len(items),
                answered=len(days),
                open=len(open_ages),
                median_days=round(statistics.median(days), 2) if days else None,
                mean_days=round(statistics.fmean(days), 2) if days else None,
                max_days=round(max(days), 2) if days else None,
                within_days=within_days,
                answered_within=sum(1 for d in days if d <= within_days),
                oldest_open_days=round(max(open_ages), 2) if open_ages else None,
            )
        )
    return out


def _vn_midnight(day: dt.date) -> dt.datetime:
    from tiendo.clock import VIETNAM

    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=VIETNAM).astimezone(dt.UTC)


def describe_subject(row: FeedbackPublic) -> str:
    kind = SUBJECT_LABELS.get(row.subject_type, "kế hoạch")
    return f"Về {kind}" + (f": {row.subject_text}" if row.subject_text else "")
