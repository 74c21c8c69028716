"""Plain-text plans (.txt, .md): Unicode with or without a byte-order mark, or a legacy encoding."""

from __future__ import annotations

import codecs
import re

from tiendo.errors import IngestError
from tiendo.ingest.readers.legacy import DECODERS
from tiendo.ingest.repair.syllables import is_syllable
from tiendo.text.vietnamese import nfc

_WORD = re.compile(r"[^\W\d_]+")
# Below this share of Vietnamese syllables, no legacy decoding made sense of the bytes.
MIN_LEGACY_SHARE = 0.3
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def vietnamese_share(text: str) -> float:
    """Share of the words of ``text`` that are well-formed Vietnamese syllables."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(is_syllable(w) for w in words) / len(words)


def looks_binary(text: str) -> bool:
    """True when decoded text is full of control characters: not a text file."""
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in text or controls / len(text) > 0.01


def decode_bytes(data: bytes, where: str) -> tuple[str, str]:
    """Text (NFC, ``\\n`` line ends) and the encoding name of a plain-text file's bytes."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(name), where), name
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"Tệp có dấu hiệu mã {name.upper()} nhưng nội dung bị hỏng ở byte {exc.start}.",
                    where=where,
                ) from exc
    try:
        return _finish(data.decode("utf-8"), where), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        # NUL bytes without a UTF-16 mark: no text encoding produces these.
        raise IngestError(
            "Tệp không phải là văn bản (có ký tự nhị phân); hãy kiểm tra lại định dạng tệp.",
            where=where,
        )
    # Not UTF-8: try the legacy Vietnamese encodings and keep the one that reads best.
    best_name, best_text, best_share = "", "", -1.0
    for name, decode in DECODERS.items():
        text = decode(data)
        share = vietnamese_share(text)
        if share > best_share:
            best_name, best_text, best_share = name, text, share
    if best_share < MIN_LEGACY_SHARE:
        raise IngestError(
            "Không nhận ra bảng mã của tệp (không phải UTF-8, UTF-16, Windows-1258, TCVN3 hay VNI); "
            "hãy mở tệp và lưu lại với mã UTF-8.",
            where=where,
        )
    return _finish(best_text, where), best_name


def _finish(text: str, where: str) -> str:
    if looks_binary(text):
        raise IngestError(
            "Tệp không phải là văn bản (có ký tự nhị phân); hãy kiểm tra lại định dạng tệp.",
            where=where,
        )
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def fix_legacy_surface(text: str) -> tuple[str, str | None]:
    """Convert text extracted from a .docx or PDF typed in a TCVN3 or VNI font.

    Such text arrives as Windows-1252 look-alikes ("Ch\u00ad¬ng", "Chöông"); it
    is converted only when the converted text reads clearly better as Vietnamese.
    """
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return text, None
    base = vietnamese_share(text)
    best, best_name, best_share = text, None, base
    for name in ("tcvn3", "vni"):
        converted = nfc(DECODERS[name](data))
        share = vietnamese_share(converted)
        if share > best_share + 0.1:
            best, best_name, best_share = converted, name, share
    return best, best_name
