"""PDF plans: the text layer when there is one, OCR for scanned pages."""

from __future__ import annotations

import re
from pathlib import Path

from tiendo.errors import IngestError
from tiendo.ingest.readers.ocr import OcrEngine, ocr_pdf_page, require_engine
from tiendo.ingest.readers.source import Progress
from tiendo.text.vietnamese import nfc

# A page with fewer letters than this in its text layer is taken for a scan.
_MIN_LETTERS = 25
_LETTER = re.compile(r"[^\W\d_]")


def _open(path: Path):
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError as exc:  # pragma: no cover - pdfplumber is a dependency
        raise IngestError("Thiếu thư viện pdfplumber để đọc tệp PDF.", where=str(path)) from exc
    try:
        return pdfplumber.open(str(path))
    except PDFPasswordIncorrect as exc:
        raise IngestError(
            "Tệp PDF được đặt mật khẩu (mã hóa) nên không đọc được; hãy gửi bản không mật khẩu.",
            where=str(path),
        ) from exc
    except PDFSyntaxError as exc:
        raise IngestError(
            "Tệp PDF bị hỏng hoặc không đúng định dạng PDF.", where=str(path)
        ) from exc
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        # pdfplumber wraps pdfminer's errors; the wrapped one says what happened.
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        name = type(inner).__name__
        if "Password" in name or "Encrypt" in name:
            raise IngestError(
                "Tệp PDF được đặt mật khẩu (mã hóa) nên không đọc được; hãy gửi bản không mật khẩu.",
                where=str(path),
            ) from exc
        raise IngestError(f"Không mở được tệp PDF ({name}).", where=str(path)) from exc


def read_pdf(
    path: Path, engine: OcrEngine, progress: Progress | None = None
) -> tuple[list[str], int, int]:
    """Text of each page (text layer or OCR), the page count and how many pages were OCR'd."""
    pages_text: list[str] = []
    ocr_pages = 0
    with _open(path) as pdf:
        total = len(pdf.pages)
        if total == 0:
            raise IngestError("Tệp PDF không có trang nào.", where=str(path))
        for number, page in enumerate(pdf.pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as exc:  # a broken content stream on one page
                raise IngestError(
                    f"Không đọc được nội dung trang {number} của tệp PDF ({type(exc).__name__}).",
                    where=str(path),
                ) from exc
            if len(_LETTER.findall(text)) < _MIN_LETTERS and page.images:
                require_engine(engine, str(path))
                text = ocr_pdf_page(path, number, engine)
                ocr_pages += 1
            pages_text.append(nfc(text).rstrip("\n"))
            if progress:
                progress(number, total, f"trang {number}/{total}")
    return pages_text, total, ocr_pages
