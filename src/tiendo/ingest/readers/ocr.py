"""OCR of scanned pages: a small engine interface, tesseract behind it, and PDF rasterising.

tesseract and pdftoppm run as subprocesses with time limits, so a bad page
cannot hang an import. Tests use a fake engine that follows the same Protocol.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Protocol

from tiendo.errors import IngestError
from tiendo.text.vietnamese import nfc

PAGE_TIMEOUT = 180  # seconds for one page, either step
DPI = 300


class OcrEngine(Protocol):
    """Reads the text of one page image."""

    name: str

    def available(self) -> bool: ...

    def image_to_text(self, image: Path) -> str: ...


class TesseractEngine:
    """tesseract 4/5 with the Vietnamese model (Debian: tesseract-ocr, tesseract-ocr-vie)."""

    name = "tesseract"

    def __init__(self, lang: str = "vie", binary: str = "tesseract", timeout: int = PAGE_TIMEOUT):
        self.lang = lang
        self.binary = binary
        self.timeout = timeout

    def available(self) -> bool:
        if shutil.which(self.binary) is None:
            return False
        try:
            res = subprocess.run(  # noqa: S603 - fixed program and arguments
                [self.binary, "--list-langs"], capture_output=True, text=True, timeout=30
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
        return self.lang in res.stdout.split()

    def image_to_text(self, image: Path) -> str:
        # One thread per page: pages are OCR'd one after another, and OpenMP
        # threads only fight each other on a small machine.
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        try:
            res = subprocess.run(  # noqa: S603 - fixed program, arguments we built
                [self.binary, str(image), "-", "-l", self.lang],
                capture_output=True,
                text=True,
                timeout=self.timeout,
                env=env,
            )
        except FileNotFoundError as exc:
            raise IngestError(
                "Không tìm thấy chương trình tesseract để nhận dạng chữ (OCR); "
                "hãy cài gói tesseract-ocr và tesseract-ocr-vie.",
                where=str(image),
            ) from exc
        except subprocess.TimeoutExpired as exc:
            raise IngestError(
                f"Nhận dạng chữ (OCR) một trang quá {self.timeout} giây nên đã dừng.",
                where=str(image),
            ) from exc
        if res.returncode != 0:
            detail = res.stderr.strip().splitlines()[-1:] or [""]
            raise IngestError(f"Không nhận dạng được chữ trên ảnh ({detail[0]}).", where=str(image))
        return nfc(res.stdout)


def require_engine(engine: OcrEngine, where: str) -> None:
    if not engine.available():
        raise IngestError(
            "Tệp là bản quét, cần nhận dạng chữ (OCR) nhưng máy chưa có tesseract với "
            "dữ liệu tiếng Việt; hãy cài gói tesseract-ocr và tesseract-ocr-vie.",
            where=where,
        )


def rasterise_page(pdf: Path, page: int, outdir: Path, timeout: int = PAGE_TIMEOUT) -> Path:
    """Render page ``page`` (1-based) of ``pdf`` as a 300 dpi grey PNG with pdftoppm."""
    if shutil.which("pdftoppm") is None:
        raise IngestError(
            "Không tìm thấy chương trình pdftoppm để đọc trang PDF quét; hãy cài gói poppler-utils.",
            where=str(pdf),
        )
    prefix = outdir / f"page-{page:04d}"
    cmd = ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile"]
    cmd += ["-f", str(page), "-l", str(page), str(pdf), str(prefix)]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)  # noqa: S603
    except subprocess.TimeoutExpired as exc:
        raise IngestError(
            f"Chuyển trang {page} của tệp PDF thành ảnh quá {timeout} giây nên đã dừng.",
            where=str(pdf),
        ) from exc
    out = prefix.with_suffix(".png")
    if res.returncode != 0 or not out.exists():
        raise IngestError(
            f"Không chuyển được trang {page} của tệp PDF thành ảnh để nhận dạng chữ.",
            where=str(pdf),
        )
    return out


def ocr_pdf_page(pdf: Path, page: int, engine: OcrEngine) -> str:
    with tempfile.TemporaryDirectory(prefix="tiendo-ocr-") as tmp:
        return engine.image_to_text(rasterise_page(pdf, page, Path(tmp)))
