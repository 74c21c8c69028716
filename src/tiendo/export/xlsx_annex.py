"""The report's Excel annex: the same tables as the Word appendices, one sheet each.

Each sheet has a title, a line saying which province, period and date the
figures are for (and, where a kind of fact does not exist yet, a line
saying so), then a table with Vietnamese headers that stay frozen while
scrolling and carry an AutoFilter. Numbers and dates are real cell values
with a display format, so they can be summed and sorted.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tiendo.export import narrative as n
from tiendo.export.report_model import ConsolidatedReport
from tiendo.text.numbers import format_date

FONT = "Times New Roman"
HEADER_ROW = 4
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "dd/mm/yyyy"

TASK_HEADERS = [
    ("TT", 6),
    ("Kế hoạch", 28),
    ("Nhóm nhiệm vụ", 30),
    ("Nhiệm vụ", 70),
    ("Cơ quan chủ trì", 28),
    ("Thời hạn", 14),
    ("Hạn hoàn thành", 14),
    ("Thường xuyên", 12),
    ("Tình trạng", 22),
    ("% hoàn thành", 12),
    ("Số ngày quá hạn", 12),
    ("Kết quả thực hiện", 40),
]
TARGET_HEADERS = [
    ("TT", 6),
    ("Kế hoạch", 28),
    ("Chỉ tiêu", 70),
    ("Yêu cầu", 18),
    ("Đơn vị", 12),
    ("Năm mốc", 10),
    ("Giá trị gốc", 16),
    ("Giá trị mới nhất", 14),
    ("Ngày của số liệu", 14),
    ("Tình trạng", 22),
    ("Cơ quan theo dõi", 28),
]
SUMMARY_HEADERS = [
    ("Kế hoạch", 34),
    ("Nhóm nhiệm vụ", 46),
    ("Số nhiệm vụ", 12),
    ("Hoàn thành đúng hạn", 14),
    ("Hoàn thành quá hạn", 14),
    ("Đang thực hiện", 14),
    ("Quá hạn", 12),
    ("Chưa triển khai", 14),
    ("Thường xuyên đã báo cáo", 16),
]


def _sheet(
    wb: Workbook, title: str, heading: str, report: ConsolidatedReport, headers, note: str | None
) -> Worksheet:
    ws = wb.create_sheet(title)
    ws["A1"] = heading
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    info = f"{report.province_title[:1].upper()}{report.province_title[1:]} — {report.period.label}"
    if report.as_of:
        info += f" — số liệu đến ngày {format_date(report.as_of)}"
    ws["A2"] = info
    ws["A2"].font = Font(name=FONT, italic=True, size=12)
    if note:
        ws["A3"] = note
        ws["A3"].font = Font(name=FONT, italic=True, size=12, color="9C0006")
    for col, (label, width) in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=label)
        cell.font = Font(name=FONT, bold=True, size=12)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _rows(ws: Worksheet, rows: Iterable[list], *, formats: dict[int, str], fill_if=None) -> None:
    last = HEADER_ROW
    for values in rows:
        last += 1
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=last, column=col, value=value)
            cell.font = Font(name=FONT, size=12, bold=bool(fill_if and fill_if(values)))
            cell.border = BORDER
            cell.alignment = WRAP
            if col in formats:
                cell.number_format = formats[col]
            if fill_if and fill_if(values):
                cell.fill = GROUP_FILL
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(ws.max_column)}{max(last, HEADER_ROW)}"


def _task_rows(report: ConsolidatedReport, tasks_filter=None) -> list[list]:
    rows = []
    index = 0
    for part in report.plans:
        for group in part.task_groups:
            for t in group.tasks:
                if tasks_filter and not tasks_filter(t):
                    continue
                index += 1
                rows.append(
                    [
                        index,
                        part.label,
                        group.label,
                        t.text,
                        t.lead or "",
                        t.deadline_display or "",
                        t.deadline,
                        "có" if t.continuing else "",
                        t.status_label or "",
                        t.percent_done,
                        t.days_overdue,
                        t.result or "",
                    ]
                )
    return rows


def render_xlsx(report: ConsolidatedReport) -> bytes:
    """The annex as the bytes of an .xlsx file."""
    wb = Workbook()
    wb.remove(wb.active)
    no_tasks = None if report.available.task_statuses else n.NO_TASK_DATA
    no_targets = None if report.available.target_statuses else n.NO_TARGET_DATA

    ws = _sheet(
        wb,
        "Tổng hợp",
        f"TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ {n.period_phrase(report.period).upper()}",
        report,
        SUMMARY_HEADERS,
        no_tasks,
    )
    summary = []
    for part in report.plans:
        for group in part.task_groups:
            counts = group.counts()
            known = report.available.task_statuses
            summary.append(
                [
                    part.label,
                    group.label,
                    len(group.tasks),
                    *(
                        (counts.get(s, 0) if known else None)
                        for s in (
                            "done_on_time",
                            "done_late",
                            "in_progress",
                            "overdue",
                            "not_started",
                            "continuing_reported",
                        )
                    ),
                ]
            )
    _rows(ws, summary, formats={})

    ws = _sheet(
        wb, "Nhiệm vụ", "PHỤ LỤC I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", report, TASK_HEADERS, no_tasks
    )
    _rows(ws, _task_rows(report), formats={7: DATE_FORMAT, 10: "0.0"})

    ws = _sheet(
        wb,
        "Chỉ tiêu",
        "PHỤ LỤC II. CÁC CHỈ TIÊU VÀ TÌNH TRẠNG THỰC HIỆN",
        report,
        TARGET_HEADERS,
        no_targets,
    )
    target_rows = []
    for part in report.plans:
        for t in part.targets:
            target_rows.append(
                [
                    len(target_rows) + 1,
                    part.label,
                    t.indicator,
                    t.requirement,
                    t.unit,
                    t.year,
                    t.baseline,
                    t.latest_value,
                    t.latest_as_of,
                    t.status_label or "",
                    t.agency or "",
                ]
            )
    _rows(ws, target_rows, formats={9: DATE_FORMAT})

    overdue_note = None if report.available.task_statuses else n.overdue_sentence(report)
    ws = _sheet(wb, "Quá hạn", "CÁC NHIỆM VỤ QUÁ HẠN", report, TASK_HEADERS, overdue_note)
    _rows(
        ws,
        _task_rows(report, lambda t: t.status == "overdue"),
        formats={7: DATE_FORMAT, 10: "0.0"},
    )

    notes_missing = None
    if not report.available.agency_notes or not report.agency_notes:
        notes_missing = n.NO_AGENCY_NOTES
    ws = _sheet(
        wb,
        "Khó khăn, kiến nghị",
        "KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT CỦA CÁC CƠ QUAN",
        report,
        [("Cơ quan", 36), ("Loại", 16), ("Nội dung", 100)],
        notes_missing,
    )
    note_rows = [
        [note.agency, "Khó khăn" if kind == "d" else "Kiến nghị", text]
        for note in report.agency_notes
        for kind, items in (("d", note.difficulties), ("r", note.recommendations))
        for text in items
    ]
    _rows(ws, note_rows, formats={})

    wb.properties.title = n.subject(report)
    wb.properties.creator = report.letterhead.issuing_body
    wb.properties.created = dt.datetime.combine(report.letterhead.date, dt.time(8, 0))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
