"""The consolidated report read from the database, rendered, and opened by LibreOffice."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from tests.feedback_support import build_world, make_people, principal
from tiendo.domain.actor import Actor
from tiendo.errors import PermissionDenied, ValidationError
from tiendo.export import report_service
from tiendo.export.report_source import load_report
from tiendo.export.xlsx_annex import HEADER_ROW
from tiendo.ingest.service import ingest_file
from tiendo.store.tables import AuditRow

TODAY = dt.date(2026, 11, 24)
Q3 = report_service.parse_period("2026-Q3")


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_a_province_report_holds_its_published_plans_and_those_of_merged_provinces(runtime):
    world = build_world(runtime)
    with runtime.session() as s:
        report = load_report(s, "37", Q3, today=TODAY)
    assert [p.plan_id for p in report.plans] == [world.ha_nam]
    assert report.merged_provinces == ("Hà Nam",)
    assert report.plans[0].former_province == "Hà Nam"
    assert [g.label for g in report.plans[0].task_groups] == [
        "1. Nâng cao nhận thức",
        "2. Hoàn thiện thể chế",
    ]
    assert len(report.tasks) == 3 and len(report.targets) == 2
    assert not report.available.task_statuses and not report.available.target_statuses
    assert report.as_of == Q3.end


def test_both_files_are_produced_and_say_where_there_is_no_data(runtime):
    build_world(runtime)
    with runtime.session() as s:
        docx = report_service.produce_report(
            s, "37", "2026-Q3", "docx", actor=Actor(label="kiểm thử"), today=TODAY
        )
        xlsx = report_service.produce_report(
            s, "37", "2026-Q3", "xlsx", actor=Actor(label="kiểm thử"), today=TODAY
        )
        s.commit()
        audits = s.scalars(select(AuditRow).where(AuditRow.action == "report.export")).all()
    assert docx.filename == "bao-cao-nq57-ninh-binh-2026-q3.docx"
    text = docx_text(docx.content)
    assert "UBND TỈNH NINH BÌNH" in text and "Ninh Bình, ngày 24 tháng 11 năm 2026" in text
    assert "gồm cả kế hoạch do tỉnh Hà Nam ban hành trước ngày 01/7/2025" in text
    assert "Chưa có số liệu đánh giá tình hình thực hiện nhiệm vụ trong kỳ." in text
    assert "Chưa có số liệu đánh giá chỉ tiêu." in text
    assert "Tỷ lệ sử dụng dịch vụ công trực tuyến" in text
    assert "bản nháp bí mật" not in text
    wb = load_workbook(io.BytesIO(xlsx.content))
    tasks = wb["Nhiệm vụ"]
    assert tasks["A3"].value == "Chưa có số liệu đánh giá tình hình thực hiện nhiệm vụ trong kỳ."
    texts = [tasks.cell(r, 4).value for r in range(HEADER_ROW + 1, tasks.max_row + 1)]
    assert "Rà soát cơ chế, chính sách." in texts and len(texts) == 3
    continuing = [tasks.cell(r, 8).value for r in range(HEADER_ROW + 1, tasks.max_row + 1)]
    assert continuing.count("có") == 1
    assert [a.after["format"] for a in audits] == ["docx", "xlsx"]
    assert audits[0].province_code == "37"


def test_an_old_province_is_sent_to_the_province_that_received_it(runtime):
    with runtime.session() as s, pytest.raises(ValidationError, match="Ninh Bình"):
        load_report(s, "35", Q3, today=TODAY)
    with pytest.raises(ValidationError, match="2026-Q3"):
        report_service.parse_period("2026-Q5")


def test_only_coordinators_and_leaders_of_the_province_produce_it(sqlite_runtime):
    rt = sqlite_runtime
    world = build_world(rt)
    make_people(rt, world)
    report_service.check_access(principal(rt, "dieuphoi.ninhbinh"), "37")
    report_service.check_access(principal(rt, "lanhdao.ninhbinh"), "37")
    for name, code in (("dieuphoi.hatinh", "37"), ("baocao.nb", "37")):
        with pytest.raises(PermissionDenied):
            report_service.check_access(principal(rt, name), code)
    with pytest.raises(PermissionDenied):
        report_service.check_access(None, "37")


@pytest.mark.slow
def test_the_word_report_of_an_example_plan_opens_in_libreoffice(
    sqlite_runtime, example_plans, tmp_path
):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or shutil.which("pdftotext") is None:
        pytest.skip(
            "LibreOffice hoặc pdftotext chưa được cài (gói Debian libreoffice-writer-nogui, "
            "poppler-utils; xem scripts/system-packages.txt)."
        )
    ingest_file(example_plans[0], sqlite_runtime.uow(), actor=Actor(label="kiểm thử"), publish=True)
    with sqlite_runtime.session() as s:
        result = report_service.produce_report(
            s, "37", "2026-Q3", "docx", actor=Actor(label="kiểm thử"), today=TODAY
        )
    source = tmp_path / result.filename
    source.write_bytes(result.content)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = source.with_suffix(".pdf")
    assert pdf.exists()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    assert "Ninh Bình, ngày 24 tháng 11 năm 2026" in flat
    assert "Kế hoạch số 441/KH-UBND ngày 01/03/2025 của UBND tỉnh Hà Nam" in flat
    assert "Trong số 80 nhiệm vụ" in flat
    assert "PHỤ LỤC I" in flat and "PHỤ LỤC II" in flat
