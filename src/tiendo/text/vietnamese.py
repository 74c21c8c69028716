"""Vietnamese text: Unicode normalisation, tone-mark placement, search keys.

Plans mix the old tone-mark style ("hòa", "thủy") with the new one ("hoà",
"thuỷ") inside the same document, and NFC alone does not move a tone mark.
Displayed text is kept as written; matching and search use keys built here.
"""

from __future__ import annotations

import re
import unicodedata

# The five tone marks as combining characters (NFD).
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Vowel letters once tone marks are removed (NFC, lower case).
_VOWELS = set("aăâeêioôơuưy")
_MARKED_VOWELS = set("ăâêôơư")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored text uses."""
    return unicodedata.normalize("NFC", text)


def strip_tone(syllable: str) -> tuple[str, str | None]:
    """Split a syllable into its letters without tone mark and the tone mark."""
    tone = None
    kept = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONES:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _nucleus(letters: str) -> tuple[int, int]:
    """Return the [start, end) span of the vowel nucleus of a toneless syllable."""
    low = letters.lower()
    start = 0
    # "qu" and "gi" (before another vowel) belong to the initial consonant.
    if (low.startswith("qu") and len(low) > 2 and low[2] in _VOWELS) or (
        low.startswith("gi") and len(low) > 2 and low[2] in _VOWELS
    ):
        start = 2
    while start < len(low) and low[start] not in _VOWELS:
        start += 1
    end = start
    while end < len(low) and low[end] in _VOWELS:
        end += 1
    return start, end


def tone_position(letters: str, style: str = "old") -> int | None:
    """Index in ``letters`` (toneless syllable) that carries the tone mark.

    ``style`` is "old" ("hòa", "thủy") or "new" ("hoà", "thuỷ"); the two only
    differ for the open syllables ending in oa, oe and uy.
    """
    start, end = _nucleus(letters)
    if start == end:
        return None
    low = letters.lower()
    nucleus = low[start:end]
    has_final = end < len(low)
    marked = [i for i, ch in enumerate(nucleus) if ch in _MARKED_VOWELS]
    if marked:
        # "ươ" carries the tone on ơ, the last marked vowel.
        return start + marked[-1]
    if len(nucleus) == 1:
        return start
    if has_final:
        return end - 1
    if len(nucleus) == 2:
        if style == "new" and nucleus in ("oa", "oe", "uy"):
            return start + 1
        return start
    return start + 1


def place_tone(syllable: str, style: str = "old") -> str:
    """Rewrite one syllable with its tone mark on the conventional vowel."""
    letters, tone = strip_tone(syllable)
    if tone is None:
        return letters
    pos = tone_position(letters, style)
    if pos is None:
        return nfc(syllable)
    return nfc(letters[: pos + 1] + tone + letters[pos + 1 :])


def normalize_tone_marks(text: str, style: str = "old") -> str:
    """Put every tone mark of ``text`` on the vowel the chosen style wants."""
    return _WORD.sub(lambda m: place_tone(m.group(0), style), nfc(text))


def fold(text: str) -> str:
    """Search key: lower case, no diacritics, đ as d, single spaces.

    "Chuyển Đổi Số" and "chuyen doi so" give the same key.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.lower()).strip()


def match_key(text: str) -> str:
    """Key for comparing names that may differ in tone-mark style and case."""
    return _SPACES.sub(" ", normalize_tone_marks(text).lower()).strip()
