"""Case patterns of source tokens, so a repaired word keeps the case it was written in."""

from __future__ import annotations

LOWER, TITLE, UPPER, MIXED = "lower", "title", "upper", "mixed"


def case_shape(token: str) -> str:
    """``lower``, ``title``, ``upper`` or ``mixed``, judged on the letters of ``token``."""
    letters = [ch for ch in token if ch.isalpha()]
    if not letters:
        return LOWER
    if all(ch.islower() for ch in letters):
        return LOWER
    if all(ch.isupper() for ch in letters):
        # A single capital ("Xay") is a title; two or more capitals ("UBND") are upper.
        return UPPER if len(letters) > 1 else TITLE
    if letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
        return TITLE
    return MIXED


def apply_shape(word: str, shape: str) -> str:
    """Write lower-case ``word`` in the case pattern ``shape``."""
    if shape == UPPER:
        return word.upper()
    if shape == TITLE:
        return word[:1].upper() + word[1:]
    return word
