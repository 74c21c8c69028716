"""Word documents: paragraphs and tables in order, table rows as tab-separated lines."""

import docx
import pytest

from tiendo.ingest.readers import read_document
from tiendo.ingest.readers.legacy import encode_tcvn3


@pytest.fixture
def plan_docx(tmp_path):
    document = docx.Document()
    document.add_paragraph("CHƯƠNG TRÌNH HÀNH ĐỘNG")
    document.add_paragraph("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị")
    table = document.add_table(rows=3, cols=4)
    rows = [
        ("TT", "Chỉ tiêu", "Năm 2025", "Năm 2030"),
        ("1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "≥ 80%", "≥ 95%"),
        ("2", "Kinh tế số trong GRDP", "15%", "30%"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Tổ chức thực hiện")
    path = tmp_path / "ke-hoach.docx"
    document.save(path)
    return path


def test_paragraphs_and_table_rows_in_document_order(plan_docx):
    calls = []
    source = read_document(plan_docx, progress=lambda d, t, w: calls.append((d, t)))
    assert source.format == "docx"
    assert source.text.split("\n") == [
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
        "TT\tChỉ tiêu\tNăm 2025\tNăm 2030",
        "1\tTỷ lệ dịch vụ công trực tuyến toàn trình\t≥ 80%\t≥ 95%",
        "2\tKinh tế số trong GRDP\t15%\t30%",
        "Tổ chức thực hiện",
    ]
    assert calls == [(1, 1)]
    assert not source.repaired


def test_merged_cells_appear_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Mục tiêu đến năm 2030"
    for cell, value in zip(table.rows[1].cells, ("a", "b", "c"), strict=True):
        cell.text = value
    path = tmp_path / "gop.docx"
    document.save(path)
    assert read_document(path).text.split("\n") == ["Mục tiêu đến năm 2030", "a\tb\tc"]


def test_docx_typed_in_a_tcvn3_font_is_converted(tmp_path):
    document = docx.Document()
    surface = encode_tcvn3("Triển khai thực hiện Nghị quyết về chuyển đổi số quốc gia").decode(
        "cp1252"
    )
    document.add_paragraph(surface)
    path = tmp_path / "vntime.docx"
    document.save(path)
    source = read_document(path)
    assert source.text == "Triển khai thực hiện Nghị quyết về chuyển đổi số quốc gia"
    assert source.encoding == "tcvn3"
