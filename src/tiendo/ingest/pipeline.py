"""From a file to an extracted plan, without touching the database.

read (format → text) → normalise (NFC) → repair mangled OCR text →
extract. Every failure is an ``IngestError`` naming the file and the problem.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tiendo.domain.plan import ExtractedPlan
from tiendo.errors import IngestError
from tiendo.ingest.extract import extract_plan
from tiendo.ingest.sources import SourceText, read_source

#: bumped when extraction rules change, so stored versions say what read them
EXTRACTOR_VERSION = "2026.11"


@dataclass
class LoadedPlan:
    path: Path
    checksum: str
    size_bytes: int
    source: SourceText
    extracted: ExtractedPlan
    warnings: list[str] = field(default_factory=list)


def checksum_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_plan(
    path: Path,
    *,
    max_bytes: int = 20 * 1024 * 1024,
    progress: Callable[[str, float], None] | None = None,
) -> LoadedPlan:
    """Read, repair and extract one plan file; raise ``IngestError`` if it cannot."""
    path = Path(path)
    if not path.exists():
        raise IngestError("Không tìm thấy tệp.", where=str(path))
    if path.is_dir():
        raise IngestError("Đây là một thư mục, không phải tệp văn bản.", where=str(path))
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(
            f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB); giới hạn là {max_bytes / 1024 / 1024:.0f} MB.",
            where=path.name,
        )
    data = path.read_bytes()
    source = read_source(path, data, progress=progress)
    if not source.text.strip():
        raise IngestError("Tệp không có nội dung văn bản.", where=path.name)
    if progress:
        progress("extract", 0.0)
    try:
        extracted = extract_plan(source.text, path.name)
    except Exception as exc:  # an extractor bug must not lose the user's file silently
        raise IngestError(
            f"Không trích xuất được nội dung kế hoạch ({type(exc).__name__}).", where=path.name
        ) from exc
    if progress:
        progress("extract", 1.0)
    return LoadedPlan(
        path=path,
        checksum=checksum_of(data),
        size_bytes=size,
        source=source,
        extracted=extracted,
        warnings=[*source.warnings, *extracted.warnings],
    )
