"""Read a plan file in any of the forms it comes in, as Vietnamese text with its line breaks.

``read_document(path)`` handles .txt/.md (UTF-8 with or without BOM, UTF-16,
Windows-1258, TCVN3, VNI), .docx, PDFs with a text layer, scanned PDFs and
page images (OCR with tesseract's Vietnamese model). Text that looks like
Vietnamese read by an English OCR engine is repaired; the text as read stays
in ``raw_text``. Anything unreadable raises ``IngestError`` naming the file.
"""

from __future__ import annotations

from pathlib import Path

from tiendo.errors import IngestError
from tiendo.ingest.readers.ocr import OcrEngine, TesseractEngine, require_engine
from tiendo.ingest.readers.pdf import read_pdf
from tiendo.ingest.readers.source import Progress, SourceText
from tiendo.ingest.readers.text_files import decode_bytes, fix_legacy_surface, looks_binary
from tiendo.ingest.readers.word import read_docx_lines
from tiendo.ingest.repair.detect import looks_mangled
from tiendo.ingest.repair.model import RepairModel
from tiendo.ingest.repair.repair import repair_text
from tiendo.text.vietnamese import nfc

__all__ = [
    "MAX_BYTES",
    "OcrEngine",
    "SourceText",
    "TesseractEngine",
    "read_document",
]

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt": "txt", ".md": "md"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
_SUPPORTED = ".txt, .md, .docx, .pdf, .png, .jpg, .tif"


def read_document(
    path: str | Path,
    *,
    progress: Progress | None = None,
    engine: OcrEngine | None = None,
    repair: bool = True,
    model: RepairModel | None = None,
    max_bytes: int = MAX_BYTES,
) -> SourceText:
    """Read ``path`` into a ``SourceText`` (NFC, original line breaks).

    ``progress(done, total, what)`` is called after each page of a PDF and once
    for other files. ``engine`` reads scanned pages (tesseract with the
    Vietnamese model by default). With ``repair``, text that looks
    English-OCR'd is repaired with ``model`` (the shipped one by default).
    """
    path = Path(path)
    where = str(path)
    _check_file(path, max_bytes)
    suffix = path.suffix.lower()
    engine = engine or TesseractEngine()
    warnings: list[str] = []
    encoding: str | None = None
    pages: int | None = None
    ocr_applied = False

    if suffix in TEXT_SUFFIXES:
        fmt = TEXT_SUFFIXES[suffix]
        text, encoding = decode_bytes(path.read_bytes(), where)
        if encoding in ("tcvn3", "vni", "cp1258"):
            warnings.append(f"Tệp dùng bảng mã cũ {encoding.upper()}, đã chuyển sang Unicode.")
        if progress:
            progress(1, 1, path.name)
    elif suffix == ".docx":
        fmt = "docx"
        text = nfc("\n".join(read_docx_lines(path)))
        text, encoding = _legacy_surface(text, warnings)
        if progress:
            progress(1, 1, path.name)
    elif suffix == ".pdf":
        page_texts, pages, ocr_pages = read_pdf(path, engine, progress)
        text = "\n".join(page_texts)
        ocr_applied = ocr_pages > 0
        if ocr_pages == 0:
            fmt = "pdf-text"
        elif ocr_pages == pages:
            fmt = "pdf-scan"
        else:
            fmt = "pdf-mixed"
            warnings.append(f"{ocr_pages}/{pages} trang là ảnh quét, đã nhận dạng chữ (OCR).")
        if not ocr_applied:
            text, encoding = _legacy_surface(text, warnings)
    elif suffix in IMAGE_SUFFIXES:
        fmt = "image"
        require_engine(engine, where)
        text = engine.image_to_text(path)
        pages, ocr_applied = 1, True
        if progress:
            progress(1, 1, path.name)
    elif suffix == ".doc":
        raise IngestError(
            "Tệp Word cũ (.doc) chưa được hỗ trợ; hãy mở bằng Word và lưu lại dưới dạng .docx.",
            where=where,
        )
    else:
        raise IngestError(
            f"Không hỗ trợ loại tệp '{suffix or '(không có phần mở rộng)'}'; "
            f"các loại đọc được: {_SUPPORTED}.",
            where=where,
        )

    if looks_binary(text):
        raise IngestError("Tệp không chứa văn bản đọc được (ký tự nhị phân).", where=where)
    if not text.strip():
        raise IngestError(_empty_message(fmt), where=where)

    result = SourceText(
        path=where,
        text=text,
        raw_text=text,
        format=fmt,
        encoding=encoding,
        pages=pages,
        ocr_applied=ocr_applied,
        warnings=warnings,
    )
    if repair:
        _repair_if_mangled(result, model)
    return result


def _check_file(path: Path, max_bytes: int) -> None:
    where = str(path)
    if not path.exists():
        raise IngestError("Không tìm thấy tệp.", where=where)
    if not path.is_file():
        raise IngestError("Đường dẫn không phải là một tệp.", where=where)
    size = path.stat().st_size
    if size == 0:
        raise IngestError("Tệp rỗng (0 byte).", where=where)
    if size > max_bytes:
        raise IngestError(
            f"Tệp quá lớn ({size / 1048576:.1f} MB); giới hạn là {max_bytes / 1048576:.0f} MB.",
            where=where,
        )


def _legacy_surface(text: str, warnings: list[str]) -> tuple[str, str | None]:
    fixed, legacy = fix_legacy_surface(text)
    if legacy:
        warnings.append(
            f"Văn bản gõ bằng phông chữ bảng mã cũ {legacy.upper()}, đã chuyển sang Unicode."
        )
    return fixed, legacy


def _empty_message(fmt: str) -> str:
    if fmt.startswith("pdf"):
        return "Tệp PDF không có chữ nào đọc được (cả lớp chữ lẫn nhận dạng ảnh)."
    if fmt == "image":
        return "Không nhận dạng được chữ nào trên ảnh."
    return "Tệp không có nội dung chữ."


def _repair_if_mangled(result: SourceText, model: RepairModel | None) -> None:
    report = looks_mangled(result.raw_text)
    result.mangle = report
    if not report.mangled:
        return
    repaired = repair_text(result.raw_text, model=model)
    result.text = repaired.text
    result.repair = repaired
    result.repaired = True
    result.warnings.append(
        "Văn bản có vẻ đã được nhận dạng chữ (OCR) bằng ngôn ngữ khác nên mất dấu; "
        f"đã khôi phục dấu tiếng Việt (độ tin cậy {repaired.confidence:.0%}, "
        f"{len(repaired.uncertain)} chữ cần kiểm tra)."
    )
