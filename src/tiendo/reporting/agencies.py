"""Agencies of a province (sở, ban, ngành, UBND xã/phường…): create, edit,
import from CSV or Excel (checked row by row, all or nothing)."""

from __future__ import annotations

import csv
import io
import zipfile

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.domain.actor import Actor
from tiendo.domain.units import PROVINCES
from tiendo.errors import NotFound, ValidationError
from tiendo.reporting import access
from tiendo.reporting.fields import Errors, text
from tiendo.store import audit
from tiendo.store.tables import AgencyRow
from tiendo.text.vietnamese import fold

#: kinds of agency and how they are shown
KINDS = {
    "so": "Sở",
    "ban": "Ban",
    "nganh": "Ngành, cơ quan ngành dọc",
    "huyen": "UBND cấp huyện (trước 01/7/2025)",
    "xa": "UBND xã, phường, đặc khu",
    "dang": "Cơ quan Đảng",
    "doan-the": "Mặt trận, đoàn thể",
    "khac": "Khác",
}
#: how people write a kind in a file, folded, to the code above
_KIND_WORDS = {
    "so": "so",
    "ban": "ban",
    "nganh": "nganh",
    "huyen": "huyen",
    "ubnd huyen": "huyen",
    "ubnd cap huyen": "huyen",
    "xa": "xa",
    "phuong": "xa",
    "ubnd xa": "xa",
    "ubnd xa phuong": "xa",
    "ubnd cap xa": "xa",
    "dang": "dang",
    "co quan dang": "dang",
    "doan the": "doan-the",
    "doan-the": "doan-the",
    "mat tran doan the": "doan-the",
    "khac": "khac",
}
for _code, _label in KINDS.items():
    _KIND_WORDS.setdefault(fold(_label), _code)

FIELDS = ("name", "short_name", "kind", "aliases", "active")
MAX_IMPORT_ROWS = 5000


def snapshot(row: AgencyRow) -> dict:
    return {
        "name": row.name,
        "short_name": row.short_name,
        "kind": row.kind,
        "aliases": list(row.aliases or []),
        "province_code": row.province_code,
        "active": row.active,
    }


def kind_code(raw) -> str | None:
    """The kind code for what a user wrote ("Sở", "ubnd xã", "so"), or None."""
    key = fold(str(raw or "")).replace(",", " ").replace("/", " ")
    key = " ".join(key.split())
    return _KIND_WORDS.get(key)


def search_key(name: str, short_name: str | None, aliases: list[str]) -> str:
    return fold(" ".join([name, short_name or "", *aliases]))[:600]


def _aliases(raw, errors: Errors, loc: list) -> list[str]:
    if isinstance(raw, list | tuple):
        parts = [str(p) for p in raw]
    else:
        parts = str(raw or "").replace("\n", ";").split(";")
    out = []
    for part in parts:
        value = text(part, errors, loc, "Tên khác", max_len=200)
        if value and value not in out:
            out.append(value)
    if len(out) > 30:
        errors.add(loc, "Một cơ quan có tối đa 30 tên khác.")
    return out


def clean(data: dict, errors: Errors, prefix: list | None = None) -> dict:
    """Check one agency's fields; messages go to ``errors`` under ``prefix``."""
    prefix = prefix or []
    out = {
        "name": text(
            data.get("name"), errors, [*prefix, "name"], "Tên cơ quan", required=True, max_len=300
        ),
        "short_name": text(
            data.get("short_name"), errors, [*prefix, "short_name"], "Tên viết tắt", max_len=120
        ),
        "aliases": _aliases(data.get("aliases"), errors, [*prefix, "aliases"]),
    }
    raw_kind = data.get("kind")
    code = kind_code(raw_kind) if str(raw_kind or "").strip() else "khac"
    if code is None:
        errors.add(
            [*prefix, "kind"],
            f"Loại cơ quan “{raw_kind}” không hợp lệ (dùng một trong: {', '.join(KINDS.values())}).",
        )
    out["kind"] = code
    return out


def _province(code: str | None) -> str:
    if code not in PROVINCES:
        raise ValidationError(
            "Hãy chọn tỉnh, thành phố của cơ quan.",
            errors=[{"msg": "Tỉnh, thành phố không hợp lệ.", "loc": ["province_code"]}],
        )
    return code


def _same_name(session: Session, province_code: str, name: str, exclude: int | None = None):
    key = fold(name)
    for row in session.scalars(select(AgencyRow).where(AgencyRow.province_code == province_code)):
        if fold(row.name) == key and row.id != exclude:
            return row
    return None


def create(
    session: Session, principal: Principal, actor: Actor, province_code: str, data: dict
) -> AgencyRow:
    province_code = _province(province_code)
    access.require_review(principal, province_code)
    errors = Errors()
    fields = clean(data, errors)
    if fields["name"] and _same_name(session, province_code, fields["name"]):
        errors.add(["name"], f"Đã có cơ quan “{fields['name']}” trong tỉnh này.")
    errors.raise_if_any("Chưa lưu được cơ quan")
    row = AgencyRow(
        province_code=province_code,
        search_key=search_key(fields["name"], fields["short_name"], fields["aliases"]),
        active=True,
        **fields,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "agency.create",
        "agency",
        row.id,
        after=snapshot(row),
        province_code=province_code,
    )
    return row


def get(session: Session, agency_id: int) -> AgencyRow:
    row = session.get(AgencyRow, agency_id)
    if row is None:
        raise NotFound(f"Không có cơ quan số {agency_id}.")
    return row


def update(
    session: Session, principal: Principal, actor: Actor, agency_id: int, data: dict
) -> AgencyRow:
    row = get(session, agency_id)
    access.require_review(principal, row.province_code)
    errors = Errors()
    fields = clean(data, errors)
    if fields["name"] and _same_name(session, row.province_code, fields["name"], exclude=row.id):
        errors.add(["name"], f"Đã có cơ quan “{fields['name']}” trong tỉnh này.")
    errors.raise_if_any("Chưa lưu được cơ quan")
    before = snapshot(row)
    for key, value in fields.items():
        setattr(row, key, value)
    if "active" in data:
        row.active = str(data["active"]).strip().lower() in ("1", "true", "on", "có")
    row.search_key = search_key(row.name, row.short_name, row.aliases or [])
    audit.record(
        session,
        actor,
        "agency.edit",
        "agency",
        row.id,
        before=before,
        after=snapshot(row),
        province_code=row.province_code,
    )
    return row


def list_for(
    session: Session, province_codes, *, include_inactive: bool = False
) -> list[AgencyRow]:
    stmt = select(AgencyRow).order_by(AgencyRow.kind, AgencyRow.name)
    if province_codes is not None:
        stmt = stmt.where(AgencyRow.province_code.in_(sorted(province_codes)))
    if not include_inactive:
        stmt = stmt.where(AgencyRow.active.is_(True))
    return list(session.scalars(stmt))


# ---------------------------------------------------------------- import

_HEADERS = {
    "ten": "name",
    "ten co quan": "name",
    "name": "name",
    "ten viet tat": "short_name",
    "viet tat": "short_name",
    "short name": "short_name",
    "short_name": "short_name",
    "loai": "kind",
    "loai co quan": "kind",
    "kind": "kind",
    "ten khac": "aliases",
    "aliases": "aliases",
    "ten goi khac": "aliases",
}


def _rows_from_csv(data: bytes) -> list[list[str]]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("Tệp CSV phải mã hóa UTF-8.") from exc
    if "\x00" in content:
        raise ValidationError("Tệp không phải CSV (có ký tự nhị phân).")
    sample = content[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [list(r) for r in csv.reader(io.StringIO(content), delimiter=delimiter)]


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError("Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx).") from exc
    sheet = book.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else str(v) for v in row])
        if len(rows) > MAX_IMPORT_ROWS + 1:
            break
    book.close()
    return rows


def read_file(filename: str, data: bytes) -> list[tuple[int, dict]]:
    """(row number, fields) for each non-empty row of a CSV or .xlsx file with a header row."""
    if not data:
        raise ValidationError("Tệp rỗng.")
    rows = _rows_from_xlsx(data) if data[:4] == b"PK\x03\x04" else _rows_from_csv(data)
    rows = [r for r in rows]
    if not rows:
        raise ValidationError("Tệp không có dòng nào.")
    header = [_HEADERS.get(fold(h).strip()) for h in rows[0]]
    if "name" not in header:
        raise ValidationError(
            "Dòng đầu phải là tiêu đề cột, có cột “Tên” (và tùy chọn “Tên viết tắt”, “Loại”, “Tên khác”)."
        )
    out = []
    for number, raw in enumerate(rows[1:], start=2):
        if not any(str(v).strip() for v in raw):
            continue
        fields = {}
        for key, value in zip(header, raw, strict=False):
            if key:
                fields[key] = value
        out.append((number, fields))
    if len(out) > MAX_IMPORT_ROWS:
        raise ValidationError(f"Tệp có quá {MAX_IMPORT_ROWS} dòng.")
    if not out:
        raise ValidationError("Tệp chỉ có dòng tiêu đề, không có cơ quan nào.")
    return out


def import_rows(
    session: Session,
    principal: Principal,
    actor: Actor,
    province_code: str,
    rows: list[tuple[int, dict]],
) -> dict:
    """Create or update every row, or nothing: errors name the row ("Dòng 3: …")."""
    province_code = _province(province_code)
    access.require_review(principal, province_code)
    errors = Errors()
    cleaned = []
    seen: dict[str, int] = {}
    for number, data in rows:
        row_errors = Errors()
        fields = clean(data, row_errors, prefix=[f"dòng {number}"])
        for item in row_errors.items:
            errors.add(item["loc"], f"Dòng {number}: {item['msg']}")
        if fields["name"]:
            key = fold(fields["name"])
            if key in seen:
                errors.add(
                    [f"dòng {number}", "name"],
                    f"Dòng {number}: “{fields['name']}” trùng với dòng {seen[key]}.",
                )
            seen[key] = number
        cleaned.append(fields)
    errors.raise_if_any("Không nhập tệp nào (cả tệp bị từ chối)")
    created = updated = 0
    for fields in cleaned:
        existing = _same_name(session, province_code, fields["name"])
        if existing is None:
            row = AgencyRow(
                province_code=province_code,
                active=True,
                search_key=search_key(fields["name"], fields["short_name"], fields["aliases"]),
                **fields,
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                actor,
                "agency.create",
                "agency",
                row.id,
                after=snapshot(row),
                province_code=province_code,
                note="nhập từ tệp",
            )
            created += 1
        else:
            before = snapshot(existing)
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.search_key = search_key(existing.name, existing.short_name, existing.aliases)
            if before != snapshot(existing):
                audit.record(
                    session,
                    actor,
                    "agency.edit",
                    "agency",
                    existing.id,
                    before=before,
                    after=snapshot(existing),
                    province_code=province_code,
                    note="nhập từ tệp",
                )
                updated += 1
    return {"created": created, "updated": updated, "rows": len(cleaned)}
