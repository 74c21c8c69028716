"""The report's sentences and documents, from hand-built data with every kind of fact."""

import datetime as dt
import io
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from tiendo.domain.periods import make_period
from tiendo.errors import ValidationError
from tiendo.export import narrative as n
from tiendo.export.docx_report import date_line, render_docx
from tiendo.export.report_model import (
    AgencyNote,
    Availability,
    ConsolidatedReport,
    Letterhead,
    PlanPart,
    TargetLine,
    TaskGroupPart,
    TaskLine,
)
from tiendo.export.report_service import parse_period
from tiendo.export.xlsx_annex import HEADER_ROW, render_xlsx

Q3 = make_period("quarterly", 2026, 3)
LETTERHEAD = Letterhead(
    governing_body="UBND TỈNH HÀ TĨNH",
    issuing_body="Sở Khoa học và Công nghệ",
    number="125/BC-SKHCN",
    place="Hà Tĩnh",
    date=dt.date(2026, 10, 5),
    recipients=("UBND tỉnh (để báo cáo)", "Lưu: VT"),
    signer_authority="KT. GIÁM ĐỐC",
    signer_title="PHÓ GIÁM ĐỐC",
    signer_name="Trần Văn Ký",
)


def _tasks(status: str, count: int, start: int, **extra) -> list[TaskLine]:
    return [
        TaskLine(
            id=start + i,
            text=f"Nhiệm vụ {start + i}",
            lead="Sở Thông tin và Truyền thông",
            deadline_display="2026",
            deadline=dt.date(2026, 6, 30),
            status=status,
            status_label=status,
            **extra,
        )
        for i in range(count)
    ]


def report(**overrides) -> ConsolidatedReport:
    tasks = (
        _tasks("done_on_time", 45, 1)
        + _tasks("done_late", 5, 100)
        + _tasks("in_progress", 6, 200)
        + _tasks("overdue", 4, 300, days_overdue=40)
    )
    fields = dict(
        province_code="42",
        province_name="Hà Tĩnh",
        province_kind="tỉnh",
        merged_provinces=(),
        period=Q3,
        letterhead=LETTERHEAD,
        plans=(
            PlanPart(
                plan_id=1,
                label="Chương trình hành động số 42-CTr/TU ngày 10/04/2025 của BTV Tỉnh ủy",
                title=None,
                former_province=None,
                task_groups=(
                    TaskGroupPart("1", "Nâng cao nhận thức", tuple(tasks[:30])),
                    TaskGroupPart("2", "Hoàn thiện thể chế", tuple(tasks[30:])),
                ),
                targets=(
                    TargetLine(
                        1,
                        "Quy mô kinh tế số",
                        "≥ 30% GRDP",
                        "% GRDP",
                        2030,
                        "20 (năm 2024)",
                        24.5,
                        dt.date(2026, 9, 30),
                        "on_track",
                        "đúng tiến độ",
                    ),
                    TargetLine(
                        2,
                        "Tỷ lệ dịch vụ công trực tuyến",
                        "≥ 80%",
                        "%",
                        2025,
                        "",
                        60.0,
                        dt.date(2026, 9, 30),
                        "at_risk",
                        "nguy cơ không đạt",
                    ),
                ),
            ),
        ),
        agency_notes=(AgencyNote("Sở Tài chính", ("Thiếu kinh phí.",), ("Bổ sung dự toán.",)),),
        available=Availability(True, True, True),
        as_of=dt.date(2026, 9, 30),
    )
    fields.update(overrides)
    return ConsolidatedReport(**fields)


def test_the_narrative_states_the_figures_in_vietnamese_format():
    text = n.tasks_sentence(report())
    assert text.startswith(
        "Trong quý III/2026, 45/60 nhiệm vụ hoàn thành đúng hạn (75%), 5 nhiệm vụ hoàn thành quá hạn"
    )
    assert "4 nhiệm vụ quá hạn" in text
    assert n.percent(2, 3) == "66,7%"
    assert n.targets_sentence(report()).startswith("Đến hết quý III/2026, 0/2 chỉ tiêu đã đạt (0%)")
    assert "quá 40 ngày" in n.overdue_sentence(report())


def test_without_evaluation_the_sentences_say_there_is_no_data():
    bare = report(available=Availability())
    assert n.NO_TASK_DATA in n.tasks_sentence(bare)
    assert "60 nhiệm vụ có thời hạn hoàn thành đến hết ngày 30/09/2026" in n.tasks_sentence(bare)
    assert n.NO_TARGET_DATA in n.targets_sentence(bare)
    assert "chưa xác định được nhiệm vụ quá hạn" in n.overdue_sentence(bare)


def test_periods_and_dates_are_written_as_the_decree_wants():
    assert n.period_phrase(Q3) == "quý III năm 2026"
    assert n.period_phrase(parse_period("2026-H1")) == "6 tháng đầu năm 2026"
    assert n.period_phrase(parse_period("2025")) == "năm 2025"
    assert date_line(LETTERHEAD) == "Hà Tĩnh, ngày 05 tháng 10 năm 2026"
    feb = Letterhead(**{**LETTERHEAD.__dict__, "date": dt.date(2027, 2, 9)})
    assert date_line(feb) == "Hà Tĩnh, ngày 09 tháng 02 năm 2027"
    with pytest.raises(ValidationError, match="2026-Q3"):
        parse_period("quý 3")


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_the_word_document_follows_the_administrative_format():
    content = render_docx(report())
    doc = Document(io.BytesIO(content))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.styles["Normal"].font.size.pt == 14
    head = doc.tables[0]
    left, right = head.cell(0, 0).text, head.cell(0, 1).text
    assert "UBND TỈNH HÀ TĨNH" in left and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    motto = next(p for p in head.cell(0, 1).paragraphs if p.text == "Độc lập - Tự do - Hạnh phúc")
    assert all(r.bold for r in motto.runs)
    assert head.cell(1, 0).text == "Số: 125/BC-SKHCN"
    date = head.cell(1, 1).paragraphs[0]
    assert date.text == "Hà Tĩnh, ngày 05 tháng 10 năm 2026" and all(r.italic for r in date.runs)
    # The short rules under the issuing body, the motto and the subject are paragraph borders.
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert xml.count("<w:pBdr>") >= 3
    text = _docx_text(content)
    assert "BÁO CÁO" in text
    assert (
        "Kết quả thực hiện các kế hoạch, chương trình hành động thực hiện Nghị quyết số 57-NQ/TW"
        in text
    )
    assert "Trong quý III/2026, 45/60 nhiệm vụ hoàn thành đúng hạn (75%)" in text
    assert "Sở Tài chính: Thiếu kinh phí." in text and "Sở Tài chính: Bổ sung dự toán." in text
    assert "Nơi nhận:" in text and "- UBND tỉnh (để báo cáo);" in text and "- Lưu: VT." in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Trần Văn Ký" in text
    assert "PHỤ LỤC I" in text and "PHỤ LỤC II" in text
    assert "24,5 (30/09/2026)" in text


def test_the_excel_annex_has_the_same_tables_with_frozen_vietnamese_headers():
    wb = load_workbook(io.BytesIO(render_xlsx(report())))
    assert wb.sheetnames == ["Tổng hợp", "Nhiệm vụ", "Chỉ tiêu", "Quá hạn", "Khó khăn, kiến nghị"]
    tasks = wb["Nhiệm vụ"]
    assert tasks.freeze_panes == f"A{HEADER_ROW + 1}"
    headers = [c.value for c in tasks[HEADER_ROW]]
    assert headers[:4] == ["TT", "Kế hoạch", "Nhóm nhiệm vụ", "Nhiệm vụ"]
    assert tasks.max_row == HEADER_ROW + 60
    assert tasks.cell(HEADER_ROW + 1, 7).number_format == "dd/mm/yyyy"
    summary = wb["Tổng hợp"]
    first = [c.value for c in summary[HEADER_ROW + 1]]
    assert first[1] == "1. Nâng cao nhận thức" and first[2] == 30 and first[3] == 30
    overdue = wb["Quá hạn"]
    assert overdue.max_row == HEADER_ROW + 4
    assert overdue.cell(HEADER_ROW + 1, 11).value == 40
    targets = wb["Chỉ tiêu"]
    assert targets.cell(HEADER_ROW + 1, 8).value == 24.5
    assert targets.cell(HEADER_ROW + 2, 10).value == "nguy cơ không đạt"
