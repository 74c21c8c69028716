"""Matching keys that keep character offsets.

Rules match on a diacritic-free, lower-case key of the text, but report spans
of the text as written. ``tiendo.text.vietnamese.fold`` collapses spaces, so
the keys here are built character by character instead: the key of a string
has exactly its length, and a match in the key is a match at the same offsets
in the text.

Text OCR'd with the wrong language model loses diacritics and confuses some
letters with digits ("s6" for "số", "d6i" for "đổi", "1a" for "là"). The OCR
key also maps digits inside words back to the letters they usually stand for,
so keyword rules written for clean text still find such words. Numbers that
stand alone are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Digits that OCR puts in place of letters inside a word.
_DIGIT_AS_LETTER = str.maketrans(
    {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "6": "o", "8": "b"}
)
# Symbols OCR puts for a vowel with marks ("s¢" for "sở", "K& hoạch" for "Kế hoạch").
_SYMBOL_LETTERS = {"¢": "o", "&": "e", "@": "a"}
_SYMBOL_IN_WORD = re.compile(r"(?<=[a-z])[¢&@]|[¢&@](?=[a-z])")
_MIXED_TOKEN = re.compile(r"[a-z0-9]*(?:[a-z][0-9]|[0-9][a-z])[a-z0-9]*")


_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character without diacritics, lower case; always one character."""
    if ch in "đĐ":
        return "d"
    if ch in _SUPERSCRIPTS:
        # A footnote marker ("25% GRDP³") is not part of the word it follows.
        return " "
    if ch.isascii():
        return ch.lower()
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    base = base.lower()
    if len(base) != 1:
        return ch.lower()[:1] or ch
    if base in "\u00a0\u2009\u202f":
        return " "
    return base


class _FoldTable(dict):
    """A ``str.translate`` table that learns each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_keep(text: str) -> str:
    """``text`` folded character by character: same length, same offsets."""
    return text.translate(_FOLD_TABLE)


def ocr_key(text: str) -> str:
    """Folded key in which digits inside words read as the letters they replace."""
    key = fold_keep(text)
    key = _SYMBOL_IN_WORD.sub(lambda m: _SYMBOL_LETTERS[m.group(0)], key)
    return _MIXED_TOKEN.sub(lambda m: _letters(m.group(0)), key)


def _letters(token: str) -> str:
    # A token like "1gbps" or "5g" is a number with a unit, not a mangled word.
    if re.fullmatch(r"\d+(?:[.,]\d+)?[a-z]{1,5}", token):
        return token
    return token.translate(_DIGIT_AS_LETTER)


def compact(text: str) -> str:
    """Letters and digits of the OCR key, single-spaced: for short titles."""
    key = ocr_key(text)
    key = re.sub(r"['’`´]", "", key)
    key = re.sub(r"[^a-z0-9]+", " ", key)
    return key.strip()
