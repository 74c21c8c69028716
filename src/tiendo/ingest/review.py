"""A coordinator's review of an extracted plan before it is published.

Every correction (edit, add, delete, merge, split, publish) is one audited
change with who, when, before and after. A corrected item is marked
``edited`` so a later version of the plan does not overwrite it; a deleted
extracted item stays deleted. Two people editing the same item never
overwrite each other silently: each change names the revision it was made
on, and a stale revision is refused with a clear message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.clock import utcnow
from tiendo.domain.actor import Actor
from tiendo.domain.plan import UNITS, Comparator, DutyKind, Frequency, TargetKind
from tiendo.domain.units import PROVINCES, find_province
from tiendo.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tiendo.store import audit
from tiendo.store.tables import DutyRow, PlanRow, TargetRow, TaskRow
from tiendo.text.numbers import NumberFormatError, parse_date, parse_number
from tiendo.text.vietnamese import fold, nfc

ITEM_TYPES = {"target": TargetRow, "task": TaskRow, "duty": DutyRow}
ITEM_LABELS = {"target": "chỉ tiêu", "task": "nhiệm vụ", "duty": "chế độ báo cáo"}

TARGET_FIELDS = ("indicator", "kind", "op", "value", "value_max", "unit", "year", "base_year", "core", "text",
                 "baseline_value", "baseline_year", "direction", "data_source")
TASK_FIELDS = ("group_no", "group_title", "text", "full_text", "lead_text", "deadline_due", "deadline_precision",
               "continuing", "deadline_text")
DUTY_FIELDS = ("kind", "who", "to_whom", "frequency", "due", "text")
PLAN_FIELDS = ("province_code", "issuer", "doc_type", "number", "issued_on", "signer", "title", "implements")
FIELDS = {"target": TARGET_FIELDS, "task": TASK_FIELDS, "duty": DUTY_FIELDS}


def snapshot(row, fields) -> dict:
    out = {}
    for name in fields:
        value = getattr(row, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


class _Errors:
    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, field: str, message: str) -> None:
        self.items.append({"msg": message, "loc": [field]})

    def raise_if_any(self, what: str) -> None:
        if self.items:
            raise ValidationError(f"Chưa lưu được {what}: {self.items[0]['msg']}", errors=self.items)


def _text(raw, errors: _Errors, field: str, label: str, *, required=False, max_len=4000) -> str | None:
    value = nfc(str(raw or "")).strip()
    if not value:
        if required:
            errors.add(field, f"“{label}” không được để trống.")
        return None
    if len(value) > max_len:
        errors.add(field, f"“{label}” dài quá {max_len} ký tự.")
    return value


def _number(raw, errors: _Errors, field: str, label: str) -> float | None:
    if raw is None or str(raw).strip() == "":
        return None
    if isinstance(raw, int | float):
        return float(raw)
    try:
        return parse_number(str(raw))
    except NumberFormatError:
        errors.add(field, f"“{label}” phải là số viết kiểu Việt Nam, ví dụ 1.234,5 (nhận được “{raw}”).")
        return None


def _year(raw, errors: _Errors, field: str, label: str) -> int | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        year = int(str(raw).strip())
    except ValueError:
        errors.add(field, f"“{label}” phải là một năm, ví dụ 2030.")
        return None
    if not 1990 <= year <= 2100:
        errors.add(field, f"“{label}” phải trong khoảng 1990–2100.")
    return year


def _choice(raw, allowed, errors: _Errors, field: str, label: str, *, default=None):
    value = str(raw).strip() if raw not in (None, "") else default
    if value not in allowed:
        errors.add(field, f"“{label}” không hợp lệ (các giá trị: {', '.join(map(str, allowed))}).")
        return default
    return value


def _bool(raw) -> bool:
    return str(raw).strip().lower() in ("1", "true", "on", "yes", "có")


def clean_target(data: dict) -> dict:
    """Validate target fields as a coordinator typed them; raise with field-level messages."""
    e = _Errors()
    out = {
        "indicator": _text(data.get("indicator"), e, "indicator", "Tên chỉ tiêu", required=True, max_len=1000),
        "kind": _choice(data.get("kind"), [k.value for k in TargetKind], e, "kind", "Loại chỉ tiêu", default="level"),
        "op": _choice(data.get("op"), [c.value for c in Comparator], e, "op", "Phép so sánh", default="="),
        "value": _number(data.get("value"), e, "value", "Giá trị"),
        "value_max": _number(data.get("value_max"), e, "value_max", "Giá trị cận trên"),
        "unit": _choice(data.get("unit"), list(UNITS), e, "unit", "Đơn vị", default="%"),
        "year": _year(data.get("year"), e, "year", "Năm mốc"),
        "base_year": _year(data.get("base_year"), e, "base_year", "Năm gốc"),
        "core": _bool(data.get("core", "1")),
        "text": _text(data.get("text"), e, "text", "Câu trong văn bản", max_len=4000) or "",
        "baseline_value": _number(data.get("baseline_value"), e, "baseline_value", "Giá trị nền"),
        "baseline_year": _year(data.get("baseline_year"), e, "baseline_year", "Năm của giá trị nền"),
        "direction": _choice(data.get("direction") or None, [None, "higher", "lower"], e, "direction", "Chiều tốt"),
        "data_source": _text(data.get("data_source"), e, "data_source", "Nguồn số liệu", max_len=500),
    }
    if out["kind"] == "achieve":
        out["value"], out["value_max"], out["unit"] = None, None, "bool"
    elif out["value"] is None and not e.items:
        e.add("value", "Chỉ tiêu định lượng phải có giá trị.")
    if out["op"] == "range":
        if out["value_max"] is None:
            e.add("value_max", "Chỉ tiêu dạng khoảng phải có cận trên.")
        elif out["value"] is not None and out["value_max"] < out["value"]:
            e.add("value_max", "Cận trên phải lớn hơn hoặc bằng cận dưới.")
    else:
        out["value_max"] = None
    if out["unit"] in ("%", "% GRDP") and out["value"] is not None and not 0 <= out["value"] <= 100 \
            and out["kind"] == "level":
        e.add("value", "Tỷ lệ phần trăm phải trong khoảng 0–100.")
    if out["kind"] == "multiple" and out["base_year"] is None:
        e.add("base_year", "Chỉ tiêu “gấp … lần” phải có năm gốc.")
    e.raise_if_any("chỉ tiêu")
    return out


def _deadline(data: dict, e: _Errors) -> dict:
    if _bool(data.get("continuing", "")):
        return {"deadline_due": None, "deadline_precision": None, "continuing": True}
    raw = str(data.get("deadline") or "").strip()
    if not raw:
        return {"deadline_due": None, "deadline_precision": None, "continuing": False}
    if raw.isdigit() and len(raw) == 4:
        year = _year(raw, e, "deadline", "Thời hạn")
        return {"deadline_due": dt.date(year, 12, 31) if year else None, "deadline_precision": "year",
                "continuing": False}
    try:
        due = parse_date(raw)
    except ValueError:
        e.add("deadline", f"“Thời hạn” phải là ngày dd/mm/yyyy hoặc một năm (nhận được “{raw}”).")
        return {}
    return {"deadline_due": due, "deadline_precision": "day", "continuing": False}


def clean_task(data: dict) -> dict:
    e = _Errors()
    out = {
        "group_no": _text(data.get("group_no"), e, "group_no", "Nhóm", max_len=40),
        "group_title": _text(data.get("group_title"), e, "group_title", "Tên nhóm", max_len=1000),
        "text": _text(data.get("text"), e, "text", "Nội dung nhiệm vụ", required=True, max_len=4000),
        "lead_text": _text(data.get("lead_text"), e, "lead_text", "Cơ quan chủ trì", max_len=500),
        **_deadline(data, e),
    }
    e.raise_if_any("nhiệm vụ")
    return out


def clean_duty(data: dict) -> dict:
    e = _Errors()
    freqs = data.get("frequency") or []
    if isinstance(freqs, str):
        freqs = [f for f in freqs.replace(",", " ").split() if f]
    allowed = [f.value for f in Frequency]
    bad = [f for f in freqs if f not in allowed]
    if bad:
        e.add("frequency", f"Định kỳ không hợp lệ: {', '.join(bad)} (các giá trị: {', '.join(allowed)}).")
    out = {
        "kind": _choice(data.get("kind"), [k.value for k in DutyKind], e, "kind", "Loại", default="report"),
        "who": _text(data.get("who"), e, "who", "Ai thực hiện", max_len=1000),
        "to_whom": _text(data.get("to_whom"), e, "to_whom", "Gửi đến", max_len=1000),
        "frequency": [f for f in freqs if f in allowed],
        "text": _text(data.get("text"), e, "text", "Nội dung", required=True, max_len=4000),
    }
    due_day = str(data.get("due_day") or "").strip()
    due_dates = str(data.get("due_dates") or "").strip()
    if due_day:
        if not due_day.isdigit() or not 1 <= int(due_day) <= 31:
            e.add("due_day", "“Hạn báo cáo (ngày)” phải là số từ 1 đến 31.")
        out["due"] = {"day": int(due_day), "month": "last_of_period"} if due_day.isdigit() else None
    elif due_dates:
        dates = []
        for part in due_dates.replace(";", ",").split(","):
            part = part.strip()
            try:
                d = parse_date(f"{part}/2000")
                dates.append(f"{d.month:02d}-{d.day:02d}")
            except ValueError:
                e.add("due_dates", f"“{part}” không phải ngày/tháng (dd/mm).")
        out["due"] = {"dates": dates}
    else:
        out["due"] = data.get("due") if isinstance(data.get("due"), dict) else None
    e.raise_if_any("chế độ báo cáo")
    return out


CLEANERS = {"target": clean_target, "task": clean_task, "duty": clean_duty}


def _search_key(item_type: str, fields: dict) -> str:
    if item_type == "target":
        return fold(f"{fields.get('indicator') or ''} {fields.get('text') or ''}")
    if item_type == "task":
        return fold(f"{fields.get('group_title') or ''} {fields.get('text') or ''} {fields.get('lead_text') or ''}")
    return fold(f"{fields.get('who') or ''} {fields.get('to_whom') or ''} {fields.get('text') or ''}")


@dataclass
class Reviewer:
    """Who reviews, checked against the plan's province for every change."""

    principal: Principal
    actor: Actor

    def check(self, plan: PlanRow) -> None:
        if not self.principal.manages_province(plan.province_code):
            raise PermissionDenied("Chỉ cán bộ điều phối của tỉnh được rà soát, sửa và công bố kế hoạch này.")


def _plan(session: Session, plan_id: int) -> PlanRow:
    plan = session.get(PlanRow, plan_id)
    if plan is None:
        raise NotFound(f"Không có kế hoạch số {plan_id}.")
    return plan


def _item(session: Session, item_type: str, item_id: int):
    row_type = ITEM_TYPES.get(item_type)
    row = session.get(row_type, item_id) if row_type else None
    if row is None or row.deleted:
        raise NotFound(f"Không có {ITEM_LABELS.get(item_type, 'mục')} số {item_id}.")
    return row


def _check_revision(row, expected: int | None) -> None:
    if expected is not None and row.revision != expected:
        raise Conflict(
            "Mục này vừa được người khác sửa (sau khi bạn mở trang). Thay đổi của bạn chưa được lưu; "
            "hãy tải lại trang để xem bản mới rồi sửa lại."
        )


def update_item(session: Session, reviewer: Reviewer, item_type: str, item_id: int, data: dict,
                *, expected_revision: int | None) -> object:
    row = _item(session, item_type, item_id)
    plan = _plan(session, row.plan_id)
    reviewer.check(plan)
    _check_revision(row, expected_revision)
    fields = CLEANERS[item_type](data)
    before = snapshot(row, FIELDS[item_type])
    for key, value in fields.items():
        setattr(row, key, value)
    row.search_key = _search_key(item_type, fields)
    row.edited = True
    row.revision += 1
    audit.record(session, reviewer.actor, f"{item_type}.edit", item_type, row.id, plan_id=plan.id,
                 province_code=plan.province_code, before=before, after=snapshot(row, FIELDS[item_type]))
    return row


def add_item(session: Session, reviewer: Reviewer, plan_id: int, item_type: str, data: dict) -> object:
    plan = _plan(session, plan_id)
    reviewer.check(plan)
    fields = CLEANERS[item_type](data)
    version_id = plan.current_version_id
    line = data.get("line")
    row = ITEM_TYPES[item_type](
        plan_id=plan.id, first_version_id=version_id, last_version_id=version_id, origin="manual", edited=True,
        signature="", position=10_000, line=int(line) if str(line or "").isdigit() else None,
        search_key=_search_key(item_type, fields), **fields,
    )
    session.add(row)
    session.flush()
    audit.record(session, reviewer.actor, f"{item_type}.add", item_type, row.id, plan_id=plan.id,
                 province_code=plan.province_code, after=snapshot(row, FIELDS[item_type]))
    return row


def delete_item(session: Session, reviewer: Reviewer, item_type: str, item_id: int,
                *, expected_revision: int | None) -> None:
    row = _item(session, item_type, item_id)
    plan = _plan(session, row.plan_id)
    reviewer.check(plan)
    _check_revision(row, expected_revision)
    row.deleted, row.active = True, False
    row.revision += 1
    audit.record(session, reviewer.actor, f"{item_type}.delete", item_type, row.id, plan_id=plan.id,
                 province_code=plan.province_code, before=snapshot(row, FIELDS[item_type]))


def merge_items(session: Session, reviewer: Reviewer, item_type: str, item_ids: list[int]) -> object:
    """Join items read as several into the first one; the others are deleted."""
    if item_type not in ("target", "task") or len(set(item_ids)) < 2:
        raise ValidationError("Hãy chọn ít nhất hai chỉ tiêu hoặc hai nhiệm vụ để gộp.")
    rows = sorted((_item(session, item_type, i) for i in set(item_ids)), key=lambda r: (r.line or 0, r.id))
    plan = _plan(session, rows[0].plan_id)
    reviewer.check(plan)
    if any(r.plan_id != plan.id for r in rows):
        raise ValidationError("Chỉ gộp được các mục của cùng một kế hoạch.")
    keep, others = rows[0], rows[1:]
    before = [snapshot(r, FIELDS[item_type]) for r in rows]
    keep.text = " ".join(r.text for r in rows if r.text)
    if item_type == "task":
        keep.full_text = " ".join((r.full_text or r.text) for r in rows)
        keep.lead_text = keep.lead_text or next((r.lead_text for r in others if r.lead_text), None)
    keep.search_key = _search_key(item_type, snapshot(keep, FIELDS[item_type]))
    keep.edited = True
    keep.revision += 1
    for r in others:
        r.deleted, r.active = True, False
        r.revision += 1
    audit.record(session, reviewer.actor, f"{item_type}.merge", item_type, keep.id, plan_id=plan.id,
                 province_code=plan.province_code, before={"items": before},
                 after={"kept": snapshot(keep, FIELDS[item_type]), "deleted_ids": [r.id for r in others]})
    return keep


def split_item(session: Session, reviewer: Reviewer, item_type: str, item_id: int, new_text: str,
               *, expected_revision: int | None) -> object:
    """Make a second item from part of one: ``new_text`` leaves the original and becomes its own item."""
    row = _item(session, item_type, item_id)
    plan = _plan(session, row.plan_id)
    reviewer.check(plan)
    _check_revision(row, expected_revision)
    part = nfc(new_text or "").strip()
    if not part:
        raise ValidationError("Hãy nhập phần nội dung tách thành mục mới.",
                              errors=[{"msg": "Phần tách ra không được để trống.", "loc": ["new_text"]}])
    before = snapshot(row, FIELDS[item_type])
    fields = {name: getattr(row, name) for name in FIELDS[item_type]}
    fields["text"] = part
    if item_type == "task":
        fields["full_text"] = part
    if part in row.text:
        row.text = nfc(row.text.replace(part, " ")).strip(" ;,.") or row.text
        if item_type == "task" and row.full_text:
            row.full_text = row.full_text.replace(part, " ").strip(" ;,.")
    row.edited = True
    row.revision += 1
    row.search_key = _search_key(item_type, snapshot(row, FIELDS[item_type]))
    new = ITEM_TYPES[item_type](
        plan_id=plan.id, first_version_id=row.first_version_id, last_version_id=row.last_version_id,
        origin="manual", edited=True, signature="", position=row.position, line=row.line,
        search_key=_search_key(item_type, fields), **fields,
    )
    session.add(new)
    session.flush()
    audit.record(session, reviewer.actor, f"{item_type}.split", item_type, row.id, plan_id=plan.id,
                 province_code=plan.province_code, before=before,
                 after={"kept": snapshot(row, FIELDS[item_type]), "new_id": new.id})
    return new


def update_plan(session: Session, reviewer: Reviewer, plan_id: int, data: dict) -> PlanRow:
    plan = _plan(session, plan_id)
    reviewer.check(plan)
    e = _Errors()
    province_raw = str(data.get("province") or "").strip()
    province = None
    if province_raw:
        province = PROVINCES.get(province_raw) or find_province(province_raw)
        if province is None:
            e.add("province", f"Không nhận ra tỉnh, thành phố “{province_raw}”.")
    issued = str(data.get("issued_on") or "").strip()
    issued_on = None
    if issued:
        try:
            issued_on = parse_date(issued)
        except ValueError:
            e.add("issued_on", f"“Ngày ban hành” phải có dạng dd/mm/yyyy (nhận được “{issued}”).")
    implements = [p.strip() for p in str(data.get("implements") or "").replace(";", ",").split(",") if p.strip()]
    fields = {
        "issuer": _text(data.get("issuer"), e, "issuer", "Cơ quan ban hành", max_len=200),
        "doc_type": _text(data.get("doc_type"), e, "doc_type", "Loại văn bản", max_len=120),
        "number": _text(data.get("number"), e, "number", "Số, ký hiệu", max_len=80),
        "signer": _text(data.get("signer"), e, "signer", "Người ký", max_len=200),
        "title": _text(data.get("title"), e, "title", "Trích yếu", max_len=4000),
        "issued_on": issued_on,
        "implements": implements,
    }
    e.raise_if_any("thông tin văn bản")
    if province is not None or not province_raw:
        # A plan moved to another province needs the new province's coordinator too.
        target_code = province.code if province else None
        if target_code != plan.province_code:
            Reviewer(reviewer.principal, reviewer.actor).check(PlanRow(province_code=target_code))
        fields["province_code"] = target_code
        fields["province_name"] = province.name if province else None
    before = snapshot(plan, PLAN_FIELDS)
    for key, value in fields.items():
        setattr(plan, key, value)
    plan.search_key = fold(" ".join(str(v) for v in (plan.doc_type, plan.number, plan.issuer, plan.province_name,
                                                     plan.title, plan.signer) if v))
    audit.record(session, reviewer.actor, "plan.edit", "plan", plan.id, plan_id=plan.id,
                 province_code=plan.province_code, before=before, after=snapshot(plan, PLAN_FIELDS))
    return plan


def set_published(session: Session, reviewer: Reviewer, plan_id: int, published: bool) -> PlanRow:
    plan = _plan(session, plan_id)
    reviewer.check(plan)
    before = {"status": plan.status}
    plan.status = "published" if published else "draft"
    plan.published_at = utcnow() if published else None
    audit.record(session, reviewer.actor, "plan.publish" if published else "plan.unpublish", "plan", plan.id,
                 plan_id=plan.id, province_code=plan.province_code, before=before, after={"status": plan.status})
    return plan


def plan_history(session: Session, plan_id: int, limit: int = 500) -> list:
    from tiendo.store.tables import AuditRow

    return list(session.scalars(select(AuditRow).where(AuditRow.plan_id == plan_id)
                                .order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit)))
