"""Plan files as text: the bridge between file readers and the extractor.

``read_source`` picks the reader for a file and returns its text in NFC with
the original line breaks, plus what was done to it (repair of text OCR'd in
the wrong language) so the UI can show the raw and the repaired text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tiendo.errors import IngestError
from tiendo.text.vietnamese import nfc

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


@dataclass
class SourceText:
    text: str
    format: str
    encoding: str | None = None
    raw_text: str | None = None
    repaired: bool = False
    uncertain: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _decode_text(name: str, data: bytes) -> tuple[str, str]:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(
            "Tệp chứa dữ liệu nhị phân, không phải văn bản; hãy tải lên tệp .txt, .md, .docx hoặc .pdf.",
            where=name,
        )
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"Tệp không ở mã UTF-8 (byte lạ ở vị trí {exc.start}); hãy lưu lại tệp với mã UTF-8.",
            where=name,
        ) from exc


def read_source(
    path: Path, data: bytes, *, progress: Callable[[str, float], None] | None = None
) -> SourceText:
    """Text of a plan file in NFC; raise ``IngestError`` for what cannot be read."""
    if not data:
        raise IngestError("Tệp trống.", where=path.name)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise IngestError(
            f"Chưa hỗ trợ định dạng “{suffix or 'không có phần mở rộng'}”; hãy dùng .txt hoặc .md.",
            where=path.name,
        )
    text, encoding = _decode_text(path.name, data)
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    return SourceText(text=text, format=suffix.lstrip("."), encoding=encoding)
