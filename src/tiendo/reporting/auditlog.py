"""Reading the audit log: filters scoped to the reader's province, CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal, Role
from tiendo.clock import VIETNAM, local
from tiendo.errors import PermissionDenied
from tiendo.reporting.fields import Errors, date, text
from tiendo.store.tables import AuditRow

CSV_HEADER = [
    "Thời gian",
    "Người thực hiện",
    "Địa chỉ IP",
    "Thao tác",
    "Đối tượng",
    "Mã đối tượng",
    "Kế hoạch",
    "Tỉnh",
    "Trước",
    "Sau",
    "Ghi chú",
]


@dataclass
class Filters:
    user: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def require_reader(principal: Principal | None) -> Principal:
    if (
        principal is None
        or not principal.has_scope("read")
        or not (principal.is_admin or principal.role is Role.COORDINATOR)
    ):
        raise PermissionDenied(
            "Chỉ quản trị hệ thống và cán bộ điều phối được xem nhật ký thay đổi."
        )
    return principal


def clean_filters(data: dict) -> Filters:
    errors = Errors()
    out = Filters(
        user=text(data.get("user"), errors, ["user"], "Người thực hiện", max_len=80),
        action=text(data.get("action"), errors, ["action"], "Thao tác", max_len=60),
        entity=text(data.get("entity"), errors, ["entity"], "Đối tượng", max_len=40),
        date_from=date(data.get("date_from"), errors, ["date_from"], "Từ ngày"),
        date_to=date(data.get("date_to"), errors, ["date_to"], "Đến ngày"),
    )
    raw_id = str(data.get("entity_id") or "").strip()
    if raw_id:
        if raw_id.isdigit() and len(raw_id) < 12:
            out.entity_id = int(raw_id)
        else:
            errors.add(["entity_id"], "“Mã đối tượng” phải là số nguyên dương.")
    if out.date_from and out.date_to and out.date_to < out.date_from:
        errors.add(["date_to"], "“Đến ngày” phải từ “Từ ngày” trở đi.")
    errors.raise_if_any("Bộ lọc chưa hợp lệ")
    return out


def _statement(principal: Principal, f: Filters) -> Select:
    stmt = select(AuditRow)
    if not principal.is_admin:
        stmt = stmt.where(AuditRow.province_code.in_(sorted(principal.provinces)))
    if f.user:
        stmt = stmt.where(AuditRow.actor_label == f.user.strip().lower())
    if f.action:
        stmt = stmt.where(AuditRow.action.startswith(f.action.strip(), autoescape=True))
    if f.entity:
        stmt = stmt.where(AuditRow.entity_type == f.entity.strip())
    if f.entity_id is not None:
        stmt = stmt.where(AuditRow.entity_id == f.entity_id)
    # Dates are Vietnam days: from 00:00 of the first to 24:00 of the last, in UTC.
    if f.date_from:
        start = dt.datetime.combine(f.date_from, dt.time(), tzinfo=VIETNAM).astimezone(dt.UTC)
        stmt = stmt.where(AuditRow.at >= start)
    if f.date_to:
        end = dt.datetime.combine(
            f.date_to + dt.timedelta(days=1), dt.time(), tzinfo=VIETNAM
        ).astimezone(dt.UTC)
        stmt = stmt.where(AuditRow.at < end)
    return stmt


def search(
    session: Session, principal: Principal, f: Filters, *, limit: int = 200, offset: int = 0
):
    require_reader(principal)
    stmt = _statement(principal, f).order_by(AuditRow.at.desc(), AuditRow.id.desc())
    return list(session.scalars(stmt.limit(limit + 1).offset(offset)))


def actions(session: Session) -> list[str]:
    return sorted(set(session.scalars(select(AuditRow.action).distinct())))


def _safe(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text_value = "" if value is None else str(value)
    return "'" + text_value if text_value[:1] in ("=", "+", "-", "@", "\t", "\r") else text_value


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def export_csv(
    session_factory, principal: Principal, f: Filters, *, batch: int = 500
) -> Iterator[str]:
    """The filtered log as CSV text chunks (UTF-8 with BOM for spreadsheets), newest first."""
    require_reader(principal)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(CSV_HEADER)
    yield buffer.getvalue()
    last: tuple | None = None
    with session_factory() as session:
        while True:
            stmt = _statement(principal, f).order_by(AuditRow.id.desc()).limit(batch)
            if last is not None:
                stmt = stmt.where(AuditRow.id < last)
            rows = list(session.scalars(stmt))
            if not rows:
                break
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            for r in rows:
                at = local(r.at)
                writer.writerow(
                    [
                        _safe(v)
                        for v in (
                            at.strftime("%d/%m/%Y %H:%M:%S") if at else "",
                            r.actor_label,
                            r.ip,
                            r.action,
                            r.entity_type,
                            r.entity_id,
                            r.plan_id,
                            r.province_code,
                            _json(r.before),
                            _json(r.after),
                            r.note,
                        )
                    ]
                )
            yield buffer.getvalue()
            last = rows[-1].id
