"""Tell English-OCR'd Vietnamese from clean Vietnamese (and from other languages).

Clean Vietnamese is almost all well-formed syllables, most of them with
diacritics. An OCR engine set to English drops or garbles the diacritics, so
its output is full of letter strings that break the spelling rules ("quyét",
"thuc", "s6") while still spelling Vietnamese syllables once the diacritics
are ignored. Text in another language fails that second test too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiendo.ingest.repair.syllables import has_vietnamese_marks, is_skeleton, is_syllable
from tiendo.text.vietnamese import nfc

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]")
_MIN_WORDS = 8
# Clean plans: ≥ 97% valid syllables, ≥ 85% with diacritics; English-OCR'd ones: ~57% and ~25%.
_VALID_BELOW = 0.85
_MARKED_BELOW = 0.5
_SKELETON_AT_LEAST = 0.6


@dataclass(frozen=True, slots=True)
class MangleReport:
    """Why a text is, or is not, taken for English-OCR'd Vietnamese."""

    mangled: bool
    words: int  # word tokens looked at
    valid_share: float  # share that are well-formed Vietnamese syllables
    marked_share: float  # share carrying Vietnamese diacritics
    skeleton_share: float  # share that spell a syllable once diacritics are ignored
    reason: str  # a short Vietnamese explanation for the user


def looks_mangled(text: str) -> MangleReport:
    """Judge whether ``text`` is Vietnamese whose diacritics an OCR engine destroyed."""
    words = [w for w in _WORD.findall(nfc(text)) if _LETTER.search(w) and len(w) <= 12]
    n = len(words)
    if n < _MIN_WORDS:
        return MangleReport(False, n, 1.0, 1.0, 1.0, "Quá ít chữ để đánh giá.")
    valid = sum(is_syllable(w) for w in words) / n
    marked = sum(has_vietnamese_marks(w) for w in words) / n
    skeleton = sum(is_skeleton(_letters_only(w)) for w in words) / n
    mangled = (valid < _VALID_BELOW or marked < _MARKED_BELOW) and skeleton >= _SKELETON_AT_LEAST
    if mangled:
        reason = (
            f"Chỉ {valid:.0%} số chữ là âm tiết tiếng Việt hợp lệ và {marked:.0%} có dấu, "
            f"trong khi {skeleton:.0%} là âm tiết tiếng Việt nếu bỏ dấu: văn bản có vẻ đã qua "
            "OCR bằng ngôn ngữ khác và mất dấu."
        )
    elif skeleton < _SKELETON_AT_LEAST:
        reason = (
            f"Chỉ {skeleton:.0%} số chữ là âm tiết tiếng Việt: văn bản có vẻ không phải tiếng Việt."
        )
    else:
        reason = f"{valid:.0%} số chữ là âm tiết tiếng Việt hợp lệ, {marked:.0%} có dấu."
    return MangleReport(mangled, n, round(valid, 4), round(marked, 4), round(skeleton, 4), reason)


_GLYPHS = str.maketrans({"6": "o", "0": "o", "1": "l", "3": "o", "4": "a", "8": "a"})


def _letters_only(word: str) -> str:
    return "".join(ch for ch in word.translate(_GLYPHS) if ch.isalpha())
