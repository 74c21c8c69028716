"""Word documents (.docx): paragraphs and tables in document order.

A table row becomes one line with its cells separated by tabs, the shape of
the target tables in plan text files, so the extractor reads both alike.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from tiendo.errors import IngestError


def _cell_text(cell) -> str:
    # A cell may hold several paragraphs; on one line they are joined by spaces.
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _row_line(row) -> str:
    cells, seen = [], set()
    for cell in row.cells:
        # Merged cells appear once per grid column; keep each cell once.
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(_cell_text(cell))
    return "\t".join(cells)


def read_docx_lines(path: Path) -> list[str]:
    """The lines of a .docx: one per paragraph, one per table row."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise IngestError("Thiếu thư viện python-docx để đọc tệp Word.", where=str(path)) from exc
    if not zipfile.is_zipfile(path):
        raise IngestError(
            "Tệp .docx bị hỏng hoặc không phải tệp Word (không mở được như tệp nén .docx).",
            where=str(path),
        )
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise IngestError(f"Không mở được tệp Word: {exc}.", where=str(path)) from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append(_row_line(row))
    return lines
