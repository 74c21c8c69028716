"""What a reader returns: the text of a plan file and how it was obtained."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tiendo.ingest.repair.detect import MangleReport
from tiendo.ingest.repair.repair import RepairResult

# progress(done, total, what): called after each page (or the whole file) is read.
Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class SourceText:
    """The text of one plan file, NFC, with its original line breaks.

    ``text`` is what extraction reads: the repaired text when the file's text
    looked English-OCR'd, else the text as read. ``raw_text`` is always the
    text as read, before any repair. Line i of ``text`` is the repair of line
    i of ``raw_text``.
    """

    path: str
    text: str
    raw_text: str
    format: str  # "txt", "md", "docx", "pdf-text", "pdf-scan", "pdf-mixed", "image"
    encoding: str | None = None  # "utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni"
    pages: int | None = None
    ocr_applied: bool = False  # some page was read by OCR
    repaired: bool = False  # the text was repaired as English-OCR'd Vietnamese
    mangle: MangleReport | None = None
    repair: RepairResult | None = None
    warnings: list[str] = field(default_factory=list)
