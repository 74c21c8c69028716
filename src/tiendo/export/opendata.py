"""Open data: published plans, targets, tasks, values, task statuses and feedback as CSV and JSON.

Each dataset declares its columns (name, type, Vietnamese meaning): the
same declaration writes the files, the data dictionary page, the API
catalogue and docs/open-data.md. Only published plans appear, with their
live items; nothing identifies a feedback sender.

Files are produced as a stream: rows are read with ``yield_per`` (a
server-side cursor on PostgreSQL) and written in chunks, so a national
export never sits in memory. CSV is UTF-8 with a byte order mark (Excel
then reads Vietnamese correctly), comma-separated, CRLF line ends, one
header row. Numbers use a decimal point and dates ISO 8601 (yyyy-mm-dd) in
both formats, so programs read them without knowing the locale.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker

from tiendo.domain.units import PROVINCES
from tiendo.errors import NotFound
from tiendo.evaluate.tasks import TASK_STATUS_LABELS, TaskStatus
from tiendo.store.tables import (
    AgencyRow,
    ObservationRow,
    PeriodRow,
    PlanRow,
    ReportRow,
    TargetRow,
    TaskRow,
    TaskStatusRow,
)

BATCH = 500
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Session, str], Iterator[dict]]
    #: False while the data comes from a part of the system not yet in place
    has_data: bool = True

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _current(code: str | None) -> str | None:
    unit = PROVINCES.get(code or "")
    if unit is None:
        return None
    return unit.successor_code or unit.code


def _name(code: str | None) -> str | None:
    unit = PROVINCES.get(code or "")
    return unit.name if unit else None


_PUBLISHED = PlanRow.status == "published"


def _live(row_type):
    return and_(row_type.active.is_(True), row_type.deleted.is_(False))


def _stream(session: Session, stmt):
    return session.execute(stmt.execution_options(yield_per=BATCH))


PROVINCE_COLUMNS = (
    Column("province_code", "string", "Mã tỉnh, thành phố ban hành văn bản (mã thống kê 2004)"),
    Column("province_name", "string", "Tên tỉnh, thành phố ban hành văn bản"),
    Column(
        "current_province_code",
        "string",
        "Mã tỉnh, thành phố hiện nay (sau sắp xếp ngày 01/7/2025) mà văn bản thuộc về",
    ),
)


def _province(code: str | None) -> dict:
    return {
        "province_code": code,
        "province_name": _name(code),
        "current_province_code": _current(code),
    }


def _plan_rows(session: Session, base_url: str) -> Iterator[dict]:
    stmt = select(PlanRow).where(_PUBLISHED).order_by(PlanRow.id)
    for plan in _stream(session, stmt).scalars():
        yield {
            "plan_id": plan.id,
            **_province(plan.province_code),
            "issuer": plan.issuer,
            "doc_type": plan.doc_type,
            "number": plan.number,
            "issued_on": plan.issued_on,
            "signer": plan.signer,
            "title": plan.title,
            "implements": "; ".join(plan.implements or []),
            "published_at": plan.published_at,
            "url": f"{base_url}/ke-hoach/{plan.id}",
        }


def _target_rows(session: Session, base_url: str) -> Iterator[dict]:
    stmt = (
        select(TargetRow, PlanRow.province_code)
        .join(PlanRow, PlanRow.id == TargetRow.plan_id)
        .where(_PUBLISHED, _live(TargetRow))
        .order_by(TargetRow.plan_id, TargetRow.id)
    )
    for row, province in _stream(session, stmt):
        yield {
            "target_id": row.id,
            "plan_id": row.plan_id,
            "current_province_code": _current(province),
            "indicator": row.indicator,
            "kind": row.kind,
            "comparator": row.op,
            "value": row.value,
            "value_max": row.value_max,
            "unit": row.unit,
            "year": row.year,
            "base_year": row.base_year,
            "baseline_value": row.baseline_value,
            "baseline_year": row.baseline_year,
            "direction": row.direction,
            "text": row.text,
            "url": f"{base_url}/ke-hoach/{row.plan_id}#target-{row.id}",
        }


def _task_rows(session: Session, base_url: str) -> Iterator[dict]:
    stmt = (
        select(TaskRow, PlanRow.province_code)
        .join(PlanRow, PlanRow.id == TaskRow.plan_id)
        .where(_PUBLISHED, _live(TaskRow))
        .order_by(TaskRow.plan_id, TaskRow.id)
    )
    for row, province in _stream(session, stmt):
        yield {
            "task_id": row.id,
            "plan_id": row.plan_id,
            "current_province_code": _current(province),
            "group_no": row.group_no,
            "group_title": row.group_title,
            "text": row.text,
            "lead_agency": row.lead_text,
            "deadline": row.deadline_due if not row.continuing else None,
            "deadline_precision": row.deadline_precision if not row.continuing else None,
            "continuing": row.continuing,
            "deadline_text": row.deadline_text,
            "url": f"{base_url}/ke-hoach/{row.plan_id}#task-{row.id}",
        }


def _value_rows(session: Session, base_url: str) -> Iterator[dict]:
    """Values of approved reports (retracted ones, from reopened reports, left out)."""
    stmt = (
        select(
            ObservationRow,
            TargetRow.plan_id,
            PlanRow.province_code,
            PeriodRow.key,
            AgencyRow.name,
            ReportRow.approved_at,
        )
        .join(TargetRow, TargetRow.id == ObservationRow.target_id)
        .join(PlanRow, PlanRow.id == TargetRow.plan_id)
        .outerjoin(ReportRow, ReportRow.id == ObservationRow.report_id)
        .outerjoin(PeriodRow, PeriodRow.id == ReportRow.period_id)
        .outerjoin(AgencyRow, AgencyRow.id == ObservationRow.agency_id)
        .where(_PUBLISHED, _live(TargetRow), ObservationRow.retracted.is_(False))
        .order_by(
            TargetRow.plan_id, ObservationRow.target_id, ObservationRow.as_of, ObservationRow.id
        )
    )
    for obs, plan_id, province, period, agency, approved_at in _stream(session, stmt):
        yield {
            "target_id": obs.target_id,
            "plan_id": plan_id,
            "current_province_code": _current(province),
            "value": obs.value,
            "as_of": obs.as_of,
            "period": period,
            "source": obs.source,
            "agency": agency,
            "approved_at": approved_at,
        }


def _task_status_rows(session: Session, base_url: str) -> Iterator[dict]:
    """Each task's latest evaluated status (computed from approved reports and deadlines)."""
    stmt = (
        select(TaskStatusRow, TaskRow.plan_id, PlanRow.province_code)
        .join(TaskRow, TaskRow.id == TaskStatusRow.task_id)
        .join(PlanRow, PlanRow.id == TaskRow.plan_id)
        .where(_PUBLISHED, _live(TaskRow))
        .order_by(TaskRow.plan_id, TaskStatusRow.task_id)
    )
    for row, plan_id, province in _stream(session, stmt):
        yield {
            "task_id": row.task_id,
            "plan_id": plan_id,
            "current_province_code": _current(province),
            "status": row.status,
            "status_label": TASK_STATUS_LABELS.get(TaskStatus(row.status), row.status),
            "percent_done": row.percent_done,
            "days_overdue": row.days_overdue,
            "completed_on": row.completed_on,
            "period": row.period_key,
            "evaluated_at": row.computed_at,
        }


def _feedback_rows(session: Session, base_url: str) -> Iterator[dict]:
    from tiendo.publish.feedback import public_feedback_rows

    yield from public_feedback_rows(session, base_url, batch=BATCH)


DATASETS: dict[str, Dataset] = {
    d.slug: d
    for d in (
        Dataset(
            "ke-hoach",
            "Kế hoạch, chương trình hành động",
            "Các văn bản đã công bố, mỗi dòng một văn bản.",
            (
                Column("plan_id", "integer", "Mã kế hoạch trong tiendo"),
                *PROVINCE_COLUMNS,
                Column("issuer", "string", "Cơ quan ban hành, ví dụ “UBND tỉnh”"),
                Column("doc_type", "string", "Loại văn bản, ví dụ “Kế hoạch”"),
                Column("number", "string", "Số, ký hiệu, ví dụ “441/KH-UBND”"),
                Column("issued_on", "date", "Ngày ban hành"),
                Column("signer", "string", "Người ký"),
                Column("title", "string", "Trích yếu"),
                Column("implements", "string", "Văn bản được thực hiện, cách nhau bởi “; ”"),
                Column("published_at", "datetime", "Thời điểm công bố trên tiendo (UTC)"),
                Column("url", "string", "Trang của kế hoạch"),
            ),
            _plan_rows,
        ),
        Dataset(
            "chi-tieu",
            "Chỉ tiêu",
            "Các chỉ tiêu của kế hoạch đã công bố, mỗi dòng một chỉ tiêu ở một năm mốc.",
            (
                Column("target_id", "integer", "Mã chỉ tiêu"),
                Column("plan_id", "integer", "Mã kế hoạch (xem bộ dữ liệu ke-hoach)"),
                Column("current_province_code", "string", "Mã tỉnh, thành phố hiện nay"),
                Column("indicator", "string", "Tên chỉ tiêu"),
                Column(
                    "kind",
                    "string",
                    "Loại: level (mức cần đạt), rate (tốc độ tăng/năm), multiple (gấp lần năm gốc), rank (thứ hạng), achieve (có/không)",
                ),
                Column("comparator", "string", "So sánh: >=, >, <=, <, =, range (khoảng)"),
                Column("value", "number", "Giá trị yêu cầu (cận dưới nếu là khoảng)"),
                Column("value_max", "number", "Cận trên khi so sánh là range"),
                Column("unit", "string", "Đơn vị, ví dụ “%”, “% GRDP”, “hạng”"),
                Column("year", "integer", "Năm mốc"),
                Column("base_year", "integer", "Năm gốc (chỉ tiêu gấp lần)"),
                Column("baseline_value", "number", "Giá trị nền"),
                Column("baseline_year", "integer", "Năm của giá trị nền"),
                Column("direction", "string", "Chiều tốt: higher (càng cao càng tốt), lower"),
                Column("text", "string", "Câu trong văn bản"),
                Column("url", "string", "Vị trí chỉ tiêu trên trang kế hoạch"),
            ),
            _target_rows,
        ),
        Dataset(
            "nhiem-vu",
            "Nhiệm vụ",
            "Các nhiệm vụ của kế hoạch đã công bố, theo nhóm.",
            (
                Column("task_id", "integer", "Mã nhiệm vụ"),
                Column("plan_id", "integer", "Mã kế hoạch"),
                Column("current_province_code", "string", "Mã tỉnh, thành phố hiện nay"),
                Column("group_no", "string", "Số thứ tự nhóm nhiệm vụ"),
                Column("group_title", "string", "Tên nhóm nhiệm vụ"),
                Column("text", "string", "Nội dung nhiệm vụ"),
                Column("lead_agency", "string", "Cơ quan chủ trì như văn bản ghi"),
                Column("deadline", "date", "Hạn hoàn thành (năm: ngày 31/12 của năm đó)"),
                Column(
                    "deadline_precision",
                    "string",
                    "Độ chính xác của hạn: day, month, quarter, year",
                ),
                Column("continuing", "boolean", "Nhiệm vụ thường xuyên, hằng năm (không có hạn)"),
                Column("deadline_text", "string", "Thời hạn như văn bản ghi"),
                Column("url", "string", "Vị trí nhiệm vụ trên trang kế hoạch"),
            ),
            _task_rows,
        ),
        Dataset(
            "gia-tri-chi-tieu",
            "Giá trị thực hiện chỉ tiêu",
            "Giá trị các cơ quan báo cáo cho từng chỉ tiêu, đã được duyệt.",
            (
                Column("target_id", "integer", "Mã chỉ tiêu"),
                Column("plan_id", "integer", "Mã kế hoạch"),
                Column("current_province_code", "string", "Mã tỉnh, thành phố hiện nay"),
                Column("value", "number", "Giá trị thực hiện, theo đơn vị của chỉ tiêu"),
                Column("as_of", "date", "Ngày của số liệu"),
                Column("period", "string", "Kỳ báo cáo, ví dụ 2026-Q3"),
                Column("source", "string", "Nguồn số liệu"),
                Column("agency", "string", "Cơ quan báo cáo"),
                Column("approved_at", "datetime", "Thời điểm báo cáo được duyệt (UTC)"),
            ),
            _value_rows,
        ),
        Dataset(
            "tinh-trang-nhiem-vu",
            "Tình trạng thực hiện nhiệm vụ",
            "Tình trạng của từng nhiệm vụ theo đánh giá gần nhất.",
            (
                Column("task_id", "integer", "Mã nhiệm vụ"),
                Column("plan_id", "integer", "Mã kế hoạch"),
                Column("current_province_code", "string", "Mã tỉnh, thành phố hiện nay"),
                Column(
                    "status",
                    "string",
                    "done_on_time, done_late, in_progress, due_soon, overdue, not_started, continuing_reported, continuing_unreported, continuing_awaiting",
                ),
                Column("status_label", "string", "Tình trạng bằng tiếng Việt"),
                Column("percent_done", "number", "Tỷ lệ hoàn thành báo cáo gần nhất (0–100)"),
                Column("days_overdue", "integer", "Số ngày quá hạn"),
                Column("completed_on", "date", "Ngày hoàn thành"),
                Column("period", "string", "Kỳ đánh giá (nhiệm vụ thường xuyên)"),
                Column("evaluated_at", "datetime", "Thời điểm đánh giá (UTC)"),
            ),
            _task_status_rows,
        ),
        Dataset(
            "phan-anh",
            "Phản ánh, kiến nghị đã công khai",
            "Phản ánh, kiến nghị của người dân, doanh nghiệp đã được kiểm duyệt và công khai, "
            "kèm trả lời. Không có thông tin cá nhân của người gửi.",
            (
                Column("feedback_id", "integer", "Mã phản ánh"),
                Column("plan_id", "integer", "Mã kế hoạch được phản ánh"),
                Column("target_id", "integer", "Mã chỉ tiêu (nếu phản ánh về một chỉ tiêu)"),
                Column("task_id", "integer", "Mã nhiệm vụ (nếu phản ánh về một nhiệm vụ)"),
                Column("current_province_code", "string", "Mã tỉnh, thành phố hiện nay"),
                Column("title", "string", "Tiêu đề"),
                Column("body", "string", "Nội dung"),
                Column("received_on", "date", "Ngày tiếp nhận"),
                Column(
                    "status",
                    "string",
                    "received (đã tiếp nhận), forwarded (đang xử lý), answered (đã trả lời)",
                ),
                Column("status_label", "string", "Tình trạng bằng tiếng Việt"),
                Column("response", "string", "Nội dung trả lời"),
                Column("response_published_on", "date", "Ngày công bố trả lời"),
                Column("url", "string", "Trang của phản ánh"),
            ),
            _feedback_rows,
        ),
    )
}

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def get_dataset(slug: str) -> Dataset:
    dataset = DATASETS.get(slug)
    if dataset is None:
        raise NotFound(f"Không có bộ dữ liệu “{slug}”. Các bộ dữ liệu: {', '.join(DATASETS)}.")
    return dataset


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _json_value(value):
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def iter_csv(rows: Iterator[dict], columns: list[str]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(columns)
    for count, row in enumerate(rows, start=1):
        writer.writerow([_csv_value(row.get(c)) for c in columns])
        if count % BATCH == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def iter_json(rows: Iterator[dict], columns: list[str]) -> Iterator[bytes]:
    """A JSON array of objects, one per row, written piece by piece."""
    parts = ["["]
    for count, row in enumerate(rows):
        record = {c: _json_value(row.get(c)) for c in columns}
        parts.append(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
        if len(parts) >= BATCH:
            yield "".join(parts).encode("utf-8")
            parts = []
    parts.append("\n]\n")
    yield "".join(parts).encode("utf-8")


def stream(
    session_factory: sessionmaker[Session], slug: str, fmt: str, *, base_url: str
) -> Iterator[bytes]:
    """The file of a dataset as chunks of bytes; the session lives as long as the stream."""
    dataset = get_dataset(slug)
    if fmt not in FORMATS:
        raise NotFound(f"Không có định dạng “{fmt}”: chọn csv hoặc json.")
    writer = iter_csv if fmt == "csv" else iter_json
    base = base_url.rstrip("/")
    with session_factory() as session:
        yield from writer(dataset.rows(session, base), dataset.column_names)


def file_name(slug: str, fmt: str) -> str:
    return f"tiendo-{slug}.{fmt}"
