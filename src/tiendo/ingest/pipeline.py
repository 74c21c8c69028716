"""From a file to an extracted plan, without touching the database.

read (format → text, OCR for scans) → repair text OCR'd in the wrong
language → extract. Every failure is an ``IngestError`` naming the file and
the problem.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tiendo.domain.plan import ExtractedPlan
from tiendo.errors import IngestError
from tiendo.ingest.extract import extract_plan
from tiendo.ingest.readers import SourceText, read_document

#: bumped when extraction rules change, so stored versions say what read them
EXTRACTOR_VERSION = "2026.11"

#: progress(stage, done, total): stage is "read" (pages), "extract"
Progress = Callable[[str, int, int], None]


@dataclass
class LoadedPlan:
    path: Path
    checksum: str
    size_bytes: int
    source: SourceText
    extracted: ExtractedPlan
    warnings: list[str] = field(default_factory=list)

    @property
    def uncertain_words(self) -> list[dict]:
        """Words the OCR repair was unsure of, for the coordinator to check."""
        repair = self.source.repair
        if repair is None:
            return []
        return [
            {
                "line": w.line,
                "start": w.out_start,
                "end": w.out_end,
                "original": w.original,
                "chosen": w.chosen,
                "confidence": round(w.confidence, 3),
                "alternatives": [alt for alt, _score in w.alternatives][:5],
            }
            for w in repair.uncertain
        ]


def checksum_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_plan(
    path: Path, *, max_bytes: int = 20 * 1024 * 1024, progress: Progress | None = None
) -> LoadedPlan:
    """Read, repair and extract one plan file; raise ``IngestError`` if it cannot."""
    path = Path(path)
    if path.is_dir():
        raise IngestError("Đây là một thư mục, không phải tệp văn bản.", where=path.name)
    pages = None if progress is None else (lambda done, total, _what: progress("read", done, total))
    source = read_document(path, progress=pages, max_bytes=max_bytes)
    if progress:
        progress("extract", 0, 1)
    try:
        extracted = extract_plan(source.text, path.name)
    except Exception as exc:  # an extractor bug must not lose the user's file silently
        raise IngestError(
            f"Không trích xuất được nội dung kế hoạch ({type(exc).__name__}).", where=path.name
        ) from exc
    if progress:
        progress("extract", 1, 1)
    return LoadedPlan(
        path=path,
        checksum=checksum_of(path),
        size_bytes=path.stat().st_size,
        source=source,
        extracted=extracted,
        warnings=[*source.warnings, *extracted.warnings],
    )
