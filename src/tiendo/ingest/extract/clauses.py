"""Sentences and clauses of a block, as spans of its text.

A sentence ends at ".", "!" or "?" before a capital letter (or the end); a
clause ends at ";" or at an enumerator "(2)" inside the sentence. Decimal
points, abbreviations such as "TP." and document numbers do not end a
sentence because the next character is not a space and a capital.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’*)]*\s+(?=[\"“(*\-–]?\s*[A-ZĐÀ-ỸẠ-Ỹ0-9])")
_CLAUSE_END = re.compile(r";\s*|\s(?=\(\d{1,2}\)\s)")


def _is_upper_start(text: str, pos: int) -> bool:
    for ch in text[pos : pos + 4]:
        if ch.isalpha():
            return ch.isupper()
        if ch.isdigit():
            return True
    return False


def sentences(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text[lo:hi]``."""
    hi = len(text) if hi is None else hi
    spans = []
    start = lo
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if not _is_upper_start(text, m.end()):
            continue
        # "TP. Hồ Chí Minh", "v.v. Các": a one- or two-letter word is not a sentence.
        word = re.search(
            r"(\S+)[.!?…][\"”’*)]*$", text[start : m.start() + 1] if m.start() >= start else ""
        )
        if (
            word
            and len(word.group(1)) <= 2
            and word.group(1).isalpha()
            and word.group(1)[0].isupper()
        ):
            continue
        spans.append((start, m.start()))
        start = m.end()
    if start < hi:
        spans.append((start, hi))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def clauses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of the clauses of the sentence ``text[lo:hi]``."""
    spans = []
    start = lo
    for m in _CLAUSE_END.finditer(text, lo, hi):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, hi))
    return [(a, b) for a, b in spans if text[a:b].strip()]
