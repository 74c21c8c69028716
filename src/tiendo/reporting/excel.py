"""The Excel round trip of a report: a pre-filled .xlsx template per agency
and period, filled in offline and uploaded back.

The template has an instructions sheet, a sheet of tasks and a sheet of
targets. Key columns (the item's code and text) are locked; the status
column offers a list; a hidden sheet names the report and the revision the
template was made from. On upload every cell is checked and each problem is
named by sheet and cell ("Trang Chỉ tiêu, ô D7: …"); nothing is stored
unless the whole file is valid, and a file made before someone else changed
the report is refused rather than overwriting their work.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.domain.actor import Actor
from tiendo.errors import ValidationError
from tiendo.reporting import reports as service
from tiendo.reporting.validation import TASK_STATUSES
from tiendo.text.numbers import format_date, format_number

TASK_SHEET = "Nhiệm vụ"
TARGET_SHEET = "Chỉ tiêu"
HELP_SHEET = "Hướng dẫn"
META_SHEET = "_tiendo"
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000

#: (field, header, width); the first columns are locked keys
TASK_COLUMNS = [
    ("id", "Mã (không sửa)", 10),
    ("text", "Nhiệm vụ (không sửa)", 60),
    ("role", "Vai trò", 10),
    ("status", "Trạng thái", 18),
    ("percent_done", "% hoàn thành", 12),
    ("completed_on", "Ngày hoàn thành (dd/mm/yyyy)", 16),
    ("done_text", "Kết quả thực hiện", 50),
    ("difficulties", "Khó khăn, vướng mắc", 40),
    ("recommendations", "Kiến nghị, đề xuất", 40),
    ("evidence_url", "Đường dẫn minh chứng (http/https)", 30),
]
TARGET_COLUMNS = [
    ("id", "Mã (không sửa)", 10),
    ("indicator", "Chỉ tiêu (không sửa)", 60),
    ("requirement", "Yêu cầu, đơn vị (không sửa)", 22),
    ("value", "Giá trị", 14),
    ("as_of", "Số liệu tính đến ngày (dd/mm/yyyy)", 18),
    ("source", "Nguồn số liệu", 30),
    ("note", "Ghi chú", 40),
]
LOCKED = {"id", "text", "role", "indicator", "requirement"}
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")

INSTRUCTIONS = [
    "Hướng dẫn điền mẫu báo cáo",
    "",
    "1. Điền vào trang “Nhiệm vụ” và trang “Chỉ tiêu”; không sửa các cột có nền xám (mã, nội dung).",
    "2. Trạng thái: chọn trong danh sách (Chưa triển khai, Đang thực hiện, Hoàn thành).",
    "   Nhiệm vụ “Hoàn thành” phải ghi Kết quả thực hiện; % hoàn thành là 100.",
    "3. Số viết kiểu Việt Nam: dấu phẩy thập phân, dấu chấm ngăn nghìn (ví dụ 1.234,5), hoặc nhập số trong Excel.",
    "   Tỷ lệ phần trăm trong khoảng 0–100; thứ hạng là số nguyên; chỉ tiêu có/không ghi “có” hoặc “không”.",
    "4. Ngày viết dd/mm/yyyy (ví dụ 30/09/2026). Có giá trị thì phải có ngày số liệu.",
    "5. Chưa có số liệu thì để trống giá trị và ghi lý do vào cột Ghi chú.",
    "6. Lưu tệp (.xlsx) rồi nhập lại ở trang báo cáo. Tệp chỉ được nhận khi mọi ô đều hợp lệ;",
    "   nếu có lỗi, tiendo liệt kê từng ô (ví dụ “Trang Chỉ tiêu, ô D7: …”) và không lưu gì.",
    "7. Mẫu gắn với phiên bản hiện tại của báo cáo: nếu báo cáo được sửa sau khi tải mẫu, hãy tải mẫu mới.",
]


def _percent(v) -> str | None:
    return format_number(v) if v is not None else None


def _requirement(target) -> str:
    parts = []
    if target.value is not None:
        parts.append(
            f"{target.op if target.op not in ('=', 'range') else ''}{format_number(target.value)}".strip()
        )
    parts.append(target.unit or "")
    if target.year:
        parts.append(f"năm {target.year}")
    return " ".join(p for p in parts if p)


def _sheet(book: Workbook, title: str, columns, rows: list[dict]):
    ws = book.create_sheet(title)
    for col, (_, header, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, data in enumerate(rows, start=2):
        for col, (field, _, _) in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=col, value=data.get(field))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            # Everything is text: a Vietnamese number or date must not be re-read by Excel.
            cell.number_format = "@"
            if field in LOCKED:
                cell.fill = _LOCKED_FILL
            else:
                cell.protection = Protection(locked=False)
    # Empty rows below stay editable too, so a stray paste does not fail on protection.
    ws.freeze_panes = "C2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    return ws


def template(session: Session, principal: Principal, report_id: int) -> tuple[str, bytes]:
    """(file name, .xlsx bytes) of the pre-filled template of a report."""
    view = service.load(session, principal, report_id)
    book = Workbook()
    help_sheet = book.active
    help_sheet.title = HELP_SHEET
    lines = [
        *INSTRUCTIONS,
        "",
        f"Cơ quan: {view.agency.name}",
        f"Kỳ báo cáo: {view.period.label} ({format_date(view.period.start)} – {format_date(view.period.end)}), "
        f"hạn nộp {format_date(view.period.due)}",
        f"Kế hoạch: {view.plan.number or view.plan.id} {view.plan.province_name or ''}".strip(),
    ]
    for i, line in enumerate(lines, start=1):
        help_sheet.cell(row=i, column=1, value=line).font = Font(bold=(i == 1))
    help_sheet.column_dimensions["A"].width = 110
    task_rows = []
    for _pos, t, e in view.tasks:
        task_rows.append(
            {
                "id": t.id,
                "text": t.text,
                "role": "Chủ trì" if t.lead_agency_id == view.agency.id else "Phối hợp",
                "status": TASK_STATUSES.get(e.status) if e and e.status else None,
                "percent_done": _percent(e.percent_done) if e else None,
                "completed_on": format_date(e.completed_on) if e and e.completed_on else None,
                "done_text": e.done_text if e else None,
                "difficulties": e.difficulties if e else None,
                "recommendations": e.recommendations if e else None,
                "evidence_url": e.evidence_url if e else None,
            }
        )
    ws = _sheet(book, TASK_SHEET, TASK_COLUMNS, task_rows)
    status_list = DataValidation(
        type="list",
        formula1='"' + ",".join(TASK_STATUSES.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Trạng thái",
        error="Chọn một trạng thái trong danh sách.",
    )
    ws.add_data_validation(status_list)
    status_list.add(f"D2:D{max(2, len(task_rows) + 1)}")
    target_rows = []
    for _pos, t, v in view.targets:
        value = None
        if v and v.value is not None:
            value = (
                ("có" if v.value == 1 else "không") if t.unit == "bool" else format_number(v.value)
            )
        target_rows.append(
            {
                "id": t.id,
                "indicator": t.indicator,
                "requirement": _requirement(t),
                "value": value,
                "as_of": format_date(v.as_of) if v and v.as_of else None,
                "source": (v.source if v else None) or t.data_source,
                "note": v.note if v else None,
            }
        )
    _sheet(book, TARGET_SHEET, TARGET_COLUMNS, target_rows)
    meta = book.create_sheet(META_SHEET)
    for i, (key, value) in enumerate(
        [
            ("report_id", view.report.id),
            ("agency_id", view.agency.id),
            ("period", view.period.key),
            ("revision", view.report.revision),
        ],
        start=1,
    ):
        meta.cell(row=i, column=1, value=key)
        meta.cell(row=i, column=2, value=value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    out = io.BytesIO()
    book.save(out)
    safe_period = view.period.key.replace("/", "-")
    return f"bao-cao-{view.report.id}-{safe_period}.xlsx", out.getvalue()


def _cell_text(cell):
    """A cell's value as the validators expect it: percent-formatted numbers as 0–100."""
    value = cell.value
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in (cell.number_format or "")
    ):
        return value * 100
    return value


def _open(data: bytes):
    if not data:
        raise ValidationError(
            "Tệp rỗng: hãy chọn tệp .xlsx đã điền.", errors=[{"msg": "Tệp rỗng.", "loc": ["file"]}]
        )
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"Tệp quá lớn (tối đa {MAX_BYTES // 1024 // 1024} MB).",
            errors=[{"msg": "Tệp quá lớn.", "loc": ["file"]}],
        )
    if data[:4] != b"PK\x03\x04":
        raise ValidationError(
            "Tệp không phải Excel .xlsx (tiendo chỉ nhận mẫu .xlsx đã tải về).",
            errors=[{"msg": "Không phải tệp .xlsx.", "loc": ["file"]}],
        )
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
    ) as exc:
        # openpyxl reports a damaged package through many exception types.
        raise ValidationError(
            "Tệp Excel bị hỏng hoặc không đọc được; hãy lưu lại dạng .xlsx rồi thử lại.",
            errors=[{"msg": "Tệp hỏng.", "loc": ["file"]}],
        ) from exc


def _read_sheet(book, title, columns, errors: list[dict], in_scope: set[int], kind: str):
    if title not in book.sheetnames:
        errors.append(
            {"msg": f"Thiếu trang “{title}”: tệp không theo mẫu của tiendo.", "loc": ["file"]}
        )
        return {}, {}
    ws = book[title]
    expected = [header for _, header, _ in columns]
    got = [str(c.value or "").strip() for c in ws[1][: len(columns)]] if ws.max_row >= 1 else []
    if got != expected:
        errors.append(
            {
                "msg": f"Trang {title}: dòng tiêu đề không đúng mẫu; hãy tải lại mẫu.",
                "loc": ["file"],
            }
        )
        return {}, {}
    entries: dict[int, dict] = {}
    cells: dict[tuple[int, str], str] = {}
    seen: dict[int, int] = {}
    for row in ws.iter_rows(min_row=2, max_row=min(ws.max_row, MAX_ROWS + 1)):
        values = {
            field: _cell_text(row[i]) if i < len(row) else None
            for i, (field, _, _) in enumerate(columns)
        }
        if all(values[f] in (None, "") for f, _, _ in columns):
            continue
        r = row[0].row
        raw_id = values["id"]
        item_id = (
            int(raw_id)
            if isinstance(raw_id, int | float) and raw_id == int(raw_id)
            else (
                int(raw_id)
                if isinstance(raw_id, str) and raw_id.isdigit() and len(raw_id) < 12
                else None
            )
        )
        if item_id is None or item_id not in in_scope:
            errors.append(
                {
                    "msg": f"Trang {title}, ô A{r}: mã “{raw_id or ''}” không thuộc báo cáo này "
                    "(không sửa cột Mã, không thêm dòng).",
                    "loc": [title, f"A{r}"],
                }
            )
            continue
        if item_id in seen:
            errors.append(
                {
                    "msg": f"Trang {title}, ô A{r}: mã {item_id} đã có ở dòng {seen[item_id]}.",
                    "loc": [title, f"A{r}"],
                }
            )
            continue
        seen[item_id] = r
        entries[item_id] = {f: values[f] for f, _, _ in columns if f not in LOCKED}
        for i, (field, _, _) in enumerate(columns):
            cells[(item_id, field)] = f"{get_column_letter(i + 1)}{r}"
    return entries, cells


def import_file(
    session: Session,
    principal: Principal,
    actor: Actor,
    report_id: int,
    data: bytes,
    *,
    expected_revision: int | None = None,
    now: dt.datetime | None = None,
):
    """Check every cell and store the whole file as the report's draft, or nothing."""
    view = service.load(session, principal, report_id)
    from tiendo.reporting import access

    access.require_edit(principal, view.report.agency_id)
    service._require_editable(view)
    service.check_revision(view.report, expected_revision)
    book = _open(data)
    errors: list[dict] = []
    if META_SHEET not in book.sheetnames:
        raise ValidationError(
            "Tệp không phải mẫu báo cáo của tiendo (thiếu thông tin nhận dạng); hãy tải mẫu từ trang báo cáo.",
            errors=[{"msg": "Không phải mẫu của tiendo.", "loc": ["file"]}],
        )
    meta = {
        str(r[0].value): r[1].value
        for r in book[META_SHEET].iter_rows(min_row=1, max_row=10)
        if len(r) > 1
    }
    if str(meta.get("report_id")) != str(view.report.id):
        raise ValidationError(
            "Tệp này là mẫu của một báo cáo khác (khác cơ quan hoặc kỳ báo cáo).",
            errors=[{"msg": "Mẫu của báo cáo khác.", "loc": ["file"]}],
        )
    if str(meta.get("revision")) != str(view.report.revision):
        raise ValidationError(
            f"Báo cáo đã được thay đổi sau khi tải mẫu (mẫu ở phiên bản {meta.get('revision')}, hiện là "
            f"{view.report.revision}). Để không ghi đè thay đổi đó, hãy tải mẫu mới và điền lại.",
            errors=[{"msg": "Mẫu đã cũ.", "loc": ["file"]}],
        )
    tasks, task_cells = _read_sheet(
        book, TASK_SHEET, TASK_COLUMNS, errors, {t.id for _, t, _ in view.tasks}, "tasks"
    )
    values, value_cells = _read_sheet(
        book, TARGET_SHEET, TARGET_COLUMNS, errors, {t.id for _, t, _ in view.targets}, "targets"
    )
    if errors:
        raise ValidationError(
            f"Tệp có {len(errors)} lỗi; chưa lưu gì. {errors[0]['msg']}", errors=errors
        )
    try:
        return service.save(
            session,
            principal,
            actor,
            report_id,
            tasks=tasks,
            values=values,
            expected_revision=view.report.revision,
            now=now,
        )
    except ValidationError as exc:
        located = []
        for e in exc.errors:
            loc = e.get("loc") or []
            if len(loc) == 3 and loc[0] in ("tasks", "targets"):
                sheet, cells = (
                    (TASK_SHEET, task_cells) if loc[0] == "tasks" else (TARGET_SHEET, value_cells)
                )
                cell = cells.get((loc[1], loc[2]), "?")
                message = e["msg"].split(": ", 1)[-1]
                located.append({"msg": f"Trang {sheet}, ô {cell}: {message}", "loc": [sheet, cell]})
            else:
                located.append(e)
        raise ValidationError(
            f"Tệp có {len(located)} lỗi; chưa lưu gì. {located[0]['msg']}", errors=located
        ) from exc
