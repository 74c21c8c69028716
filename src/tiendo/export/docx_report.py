"""The consolidated report as a Word document in the administrative format.

Layout after Nghị định 30/2020/NĐ-CP, Phụ lục I: the issuing body top left
with a short rule; the national name and motto top right, the motto
underlined by a rule of its own length; "Số:" under the issuing body and
the place and date, in italics, under the motto; the document kind and its
subject centred; the body; "Nơi nhận" bottom left and the signature block
(authority, title, name) bottom right; appendices after a page break.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Mm, Pt

from tiendo.export import narrative as n
from tiendo.export.docx_layout import (
    TEXT_WIDTH,
    add_rule,
    body,
    cell_text,
    heading,
    no_borders,
    para,
    repeat_header,
    set_widths,
    setup_document,
    shade,
)
from tiendo.export.report_model import ConsolidatedReport, Letterhead
from tiendo.text.numbers import format_date, format_number

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT_COL, RIGHT_COL = Cm(7.0), TEXT_WIDTH - Cm(7.0)
#: the cells' inner width: Word's default cell margins are 0,19 cm each side
CELL_PAD = Cm(0.38)


def date_line(letterhead: Letterhead) -> str:
    """ "Hà Tĩnh, ngày 05 tháng 10 năm 2026": days below 10 and months 1–2 take a leading zero."""
    day, month = letterhead.date.day, letterhead.date.month
    month_text = f"{month:02d}" if month < 3 else str(month)
    return f"{letterhead.place}, ngày {day:02d} tháng {month_text} năm {letterhead.date.year}"


def _letterhead(doc, letterhead: Letterhead) -> None:
    table = doc.add_table(rows=2, cols=2)
    no_borders(table)
    set_widths(table, [LEFT_COL, RIGHT_COL])
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = left.paragraphs[0]
    if letterhead.governing_body:
        run = first.add_run(letterhead.governing_body.upper())
        run.font.size = Pt(12)
        first.alignment = CENTER
        para(left, letterhead.issuing_body.upper(), size=12, bold=True, align=CENTER)
    else:
        run = first.add_run(letterhead.issuing_body.upper())
        run.font.size, run.bold = Pt(12), True
        first.alignment = CENTER
    add_rule(left, width=Cm(2.2), available=LEFT_COL - CELL_PAD)
    national = right.paragraphs[0]
    run = national.add_run(NATIONAL_NAME)
    run.font.size, run.bold = Pt(12), True
    national.alignment = CENTER
    para(right, MOTTO, size=13, bold=True, align=CENTER)
    # The motto is about 6,1 cm long in 13 pt bold Times New Roman.
    add_rule(right, width=Cm(6.1), available=RIGHT_COL - CELL_PAD)
    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    number = number_cell.paragraphs[0]
    number.alignment = CENTER
    number.paragraph_format.space_before = Pt(6)
    number.add_run(f"Số: {letterhead.number}").font.size = Pt(13)
    date = date_cell.paragraphs[0]
    date.alignment = CENTER
    date.paragraph_format.space_before = Pt(6)
    run = date.add_run(date_line(letterhead))
    run.font.size, run.italic = Pt(14), True


def _title(doc, report: ConsolidatedReport) -> None:
    para(doc, "BÁO CÁO", size=14, bold=True, align=CENTER, space_before=18)
    para(doc, n.subject(report), size=14, bold=True, align=CENTER, space_after=4)
    add_rule(doc, width=Cm(4), available=TEXT_WIDTH, space_after=12)


def _body(doc, report: ConsolidatedReport) -> None:
    period = n.period_phrase(report.period)
    body(
        doc,
        f"{report.letterhead.issuing_body} báo cáo kết quả thực hiện các kế hoạch, "
        f"chương trình hành động thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị "
        f"về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia "
        f"{period} trên địa bàn {report.province_title} như sau:",
    )
    heading(doc, "I. TÌNH HÌNH CHUNG")
    body(doc, n.overview(report))
    for part in report.plans:
        text = f"- {part.label}"
        if part.former_province:
            text += f" (tỉnh {part.former_province} trước ngày 01/7/2025)"
        body(doc, text + ";")
    if report.as_of:
        body(
            doc,
            f"Số liệu trong báo cáo được tổng hợp từ hệ thống theo dõi, đánh giá đến ngày "
            f"{format_date(report.as_of)}.",
            italic=True,
        )

    heading(doc, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    body(doc, n.tasks_sentence(report))
    for index, part in enumerate(report.plans, start=1):
        heading(doc, f"{index}. {part.label}")
        for group in part.task_groups:
            body(doc, f"- {group.label}: {n.group_sentence(group, report.available.task_statuses)}")

    heading(doc, "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    body(doc, n.targets_sentence(report))
    if report.targets:
        body(doc, "Danh mục chỉ tiêu và tình trạng thực hiện tại Phụ lục II kèm theo.")

    heading(doc, "IV. NHIỆM VỤ QUÁ HẠN")
    body(doc, n.overdue_sentence(report))
    overdue = report.overdue_tasks()
    if overdue:
        _task_table(doc, overdue[:20], with_status=True)

    heading(doc, "V. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT")
    if not report.available.agency_notes or not report.agency_notes:
        body(doc, n.NO_AGENCY_NOTES)
    else:
        heading(doc, "1. Khó khăn, vướng mắc")
        for note in report.agency_notes:
            for item in note.difficulties:
                body(doc, f"- {note.agency}: {item}")
        heading(doc, "2. Kiến nghị, đề xuất")
        for note in report.agency_notes:
            for item in note.recommendations:
                body(doc, f"- {note.agency}: {item}")
    body(doc, f"Trên đây là báo cáo kết quả thực hiện {period}./.")


def _signature(doc, letterhead: Letterhead) -> None:
    para(doc, "", space_after=6)
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [Cm(8.0), TEXT_WIDTH - Cm(8.0)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = left.paragraphs[0]
    run = first.add_run("Nơi nhận:")
    run.font.size, run.bold, run.italic = Pt(12), True, True
    lines = list(letterhead.recipients)
    for i, line in enumerate(lines):
        end = "." if i == len(lines) - 1 else ";"
        para(left, f"- {line}{end}", size=11)
    top = right.paragraphs[0]
    top.alignment = CENTER
    if letterhead.signer_authority:
        run = top.add_run(letterhead.signer_authority.upper())
        run.font.size, run.bold = Pt(14), True
        para(right, letterhead.signer_title.upper(), size=14, bold=True, align=CENTER)
    else:
        run = top.add_run(letterhead.signer_title.upper())
        run.font.size, run.bold = Pt(14), True
    for _ in range(4):
        para(right, "")
    if letterhead.signer_name:
        para(right, letterhead.signer_name, size=14, bold=True, align=CENTER)


def _table(
    doc,
    headers: list[str],
    widths,
    rows: list[list[str]],
    numeric: set[int],
    group_rows: frozenset[int] = frozenset(),
) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell_text(cell, text, bold=True, align=CENTER)
        shade(cell, "D9E2F3")
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        group = index in group_rows
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if i in numeric and not group else None
            cell_text(cell, text, bold=group, align=align)
            if group:
                shade(cell, "F2F2F2")
    set_widths(table, widths)


def _task_table(doc, tasks, *, with_status: bool) -> None:
    rows = [
        [
            str(i),
            t.text,
            t.lead or "",
            t.deadline_display or "",
            (t.status_label or "") if with_status else "",
            format_number(t.days_overdue) if t.days_overdue else "",
        ]
        for i, t in enumerate(tasks, start=1)
    ]
    _table(
        doc,
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng", "Số ngày quá hạn"],
        [Cm(1), Cm(6.2), Cm(3.3), Cm(2.2), Cm(2.2), Cm(1.6)],
        rows,
        {0, 5},
    )


def _appendices(doc, report: ConsolidatedReport) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(20)
    section.top_margin, section.bottom_margin = Mm(30), Mm(15)
    # The header (page number) is linked to the first section's: no second field.
    section.different_first_page_header_footer = False
    letterhead = report.letterhead
    attached = (
        f"(Kèm theo Báo cáo số {letterhead.number.strip()} ngày {format_date(letterhead.date)})"
    )

    para(doc, "PHỤ LỤC I", size=14, bold=True, align=CENTER)
    para(
        doc,
        f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ {n.period_phrase(report.period).upper()}",
        size=14,
        bold=True,
        align=CENTER,
    )
    para(doc, attached, size=13, italic=True, align=CENTER, space_after=6)
    if not report.available.task_statuses:
        para(doc, n.NO_TASK_DATA, size=13, italic=True, space_after=6)
    headers = [
        "TT",
        "Nhiệm vụ",
        "Cơ quan chủ trì",
        "Thời hạn",
        "Tình trạng",
        "% hoàn thành",
        "Kết quả thực hiện",
    ]
    widths = [Mm(12), Mm(95), Mm(40), Mm(25), Mm(30), Mm(22), Mm(33)]
    for part in report.plans:
        para(
            doc, part.label, size=13, bold=True, space_before=6, space_after=3, keep_with_next=True
        )
        rows, groups = [], set()
        for group in part.task_groups:
            groups.add(len(rows))
            rows.append([group.number or "", group.title, "", "", "", "", ""])
            for i, t in enumerate(group.tasks, start=1):
                rows.append(
                    [
                        str(i),
                        t.text,
                        t.lead or "",
                        t.deadline_display or "",
                        t.status_label or "Chưa có số liệu",
                        format_number(t.percent_done) if t.percent_done is not None else "",
                        t.result or "",
                    ]
                )
        if rows:
            _table(doc, headers, widths, rows, {0, 5}, frozenset(groups))
        else:
            para(doc, "Kế hoạch không có nhiệm vụ nào.", size=13, italic=True)

    paragraph = para(doc, "")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "PHỤ LỤC II", size=14, bold=True, align=CENTER)
    para(doc, "CÁC CHỈ TIÊU VÀ TÌNH TRẠNG THỰC HIỆN", size=14, bold=True, align=CENTER)
    para(doc, attached, size=13, italic=True, align=CENTER, space_after=6)
    if not report.available.target_statuses:
        para(doc, n.NO_TARGET_DATA, size=13, italic=True, space_after=6)
    headers = [
        "TT",
        "Chỉ tiêu",
        "Yêu cầu",
        "Năm mốc",
        "Giá trị gốc",
        "Giá trị mới nhất",
        "Tình trạng",
    ]
    widths = [Mm(12), Mm(110), Mm(35), Mm(18), Mm(25), Mm(27), Mm(30)]
    for part in report.plans:
        para(
            doc, part.label, size=13, bold=True, space_before=6, space_after=3, keep_with_next=True
        )
        rows = [
            [
                str(i),
                t.indicator,
                t.requirement,
                str(t.year or ""),
                t.baseline,
                (
                    f"{format_number(t.latest_value)} ({format_date(t.latest_as_of)})"
                    if t.latest_value is not None
                    else ""
                ),
                t.status_label or "Chưa có số liệu",
            ]
            for i, t in enumerate(part.targets, start=1)
        ]
        if rows:
            _table(doc, headers, widths, rows, {0, 3})
        else:
            para(doc, "Kế hoạch không có chỉ tiêu nào.", size=13, italic=True)


def render_docx(report: ConsolidatedReport) -> bytes:
    """The report as the bytes of a .docx file."""
    doc = Document()
    setup_document(doc)
    doc.core_properties.title = n.subject(report)
    doc.core_properties.author = report.letterhead.issuing_body
    _letterhead(doc, report.letterhead)
    _title(doc, report)
    _body(doc, report)
    _signature(doc, report.letterhead)
    _appendices(doc, report)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
