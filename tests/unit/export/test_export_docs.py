"""The documented data dictionary and the kept samples match the code."""

import io
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from tiendo.export.opendata import DATASETS

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_the_open_data_page_documents_every_column_of_every_dataset():
    text = (DOCS / "open-data.md").read_text(encoding="utf-8")
    for dataset in DATASETS.values():
        assert f"### `{dataset.slug}`" in text
        for column in dataset.columns:
            assert f"| `{column.name}` | {column.type} |" in text, (dataset.slug, column.name)


def test_the_sample_report_and_annex_are_kept_and_open():
    docx = DOCS / "samples" / "bao-cao-nq57-ninh-binh-2026-q3.docx"
    xlsx = DOCS / "samples" / "bao-cao-nq57-ninh-binh-2026-q3.xlsx"
    doc = Document(io.BytesIO(docx.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Kết quả thực hiện các kế hoạch" in text and "Hà Nam" in text
    assert doc.tables[0].cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    wb = load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert wb["Nhiệm vụ"].max_row > 50
