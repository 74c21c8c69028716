"""Readings of a token the OCR glued together from several words, or stretched.

English OCR loses the spaces between words in table cells and tight lines:
"toanthéngtinmang" for "toàn thông tin mạng", "1échicho" for "lệ chi cho",
"dat3" for "đạt 3". When no single word explains such a token well, it is
read as two to four pieces, each piece a word the model knows (or a number),
and the best few splits are offered to the decoder beside the one-word
readings; the language model then judges them in context.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tiendo.ingest.repair.candidate import Candidate

if TYPE_CHECKING:
    from tiendo.ingest.repair.model import RepairModel

_MIN_LENGTH = 5  # shorter tokens are one word with a few stray marks, not several words
_MAX_PIECE = 8  # the longest syllable ("nghiêng") and a stray mark
_MAX_PARTS = 4
_PER_PIECE = 2  # readings kept for each piece
_KEEP = 6  # partial splits kept at each position
_SPLIT_COST = -3.0  # per space the OCR lost: merged words are rarer than misread ones
_POOR_SINGLE = -9.0  # try splitting only when no one-word reading scores above this
_NUMBER = re.compile(r"\d{1,4}")
_STROKES = re.compile(r"[itrfl]{3}")  # thin strokes, three where a letter makes two
_STROKE_COST = -3.0
_MAX_STROKE_READINGS = 3


def _piece_readings(model: RepairModel, piece: str) -> list[Candidate]:
    if _NUMBER.fullmatch(piece):
        return [Candidate("<num>", piece, 0.0)]
    if not any(ch.isalpha() for ch in piece):
        return []
    known = [c for c in model.candidates(piece, split=False) if model.is_known(c.key)]
    return known[:_PER_PIECE]


def split_readings(model: RepairModel, token: str, singles: list[Candidate]) -> list[Candidate]:
    """Readings of ``token`` as several words, best first; empty when one word explains it."""
    if len(token) < _MIN_LENGTH or model.is_known(token.lower()):
        return []
    if any(c.channel > _POOR_SINGLE for c in singles if c.key != token.lower()):
        return []
    lm = model.lm
    n = len(token)
    # partial[i]: best splits of token[:i] as (score, pieces).
    partial: dict[int, list[tuple[float, tuple[Candidate, ...]]]] = {0: [(0.0, ())]}
    for i in range(n):
        if i not in partial:
            continue
        for j in range(i + 1, min(n, i + _MAX_PIECE) + 1):
            for cand in _piece_readings(model, token[i:j]):
                gain = cand.channel + lm.unigram_logprob(cand.key) + _SPLIT_COST
                for score, pieces in partial[i]:
                    if len(pieces) < _MAX_PARTS:
                        partial.setdefault(j, []).append((score + gain, (*pieces, cand)))
        for j in range(i + 1, min(n, i + _MAX_PIECE) + 1):
            if j in partial:
                partial[j] = sorted(partial[j], key=lambda x: -x[0])[:_KEEP]
    out = []
    for _score, pieces in partial.get(n, []):
        if len(pieces) < 2:
            continue
        channel = sum(p.channel for p in pieces) + _SPLIT_COST * (len(pieces) - 1)
        out.append(
            Candidate(
                pieces[0].key,
                " ".join(p.surface for p in pieces),
                channel,
                tuple(p.key for p in pieces[1:]),
            )
        )
    return out


def stroke_readings(model: RepairModel, token: str, singles: list[Candidate]) -> list[Candidate]:
    """Readings of a token where one letter came out as three strokes.

    English OCR sometimes writes "ư" or "ú" as three thin strokes ("ctiia"
    for "của", "chttrc" for "chức"), which the channel, letting a letter
    become at most two characters, cannot explain. Each run of three such
    strokes is read as two, and the words found for the shorter token are
    offered at a cost.
    """
    own = token.lower()
    if model.is_known(own) or any(c.channel > _POOR_SINGLE for c in singles if c.key != own):
        return []
    found: dict[str, Candidate] = {}
    for m in _STROKES.finditer(token):
        run = m.group(0)
        for k in range(len(run) - 1):
            shorter = token[: m.start()] + run[k : k + 2] + token[m.end() :]
            for c in model.candidates(shorter, split=False):
                if c.key != shorter.lower() and model.is_known(c.key):
                    cand = Candidate(c.key, c.surface, c.channel + _STROKE_COST)
                    if c.key not in found or cand.channel > found[c.key].channel:
                        found[c.key] = cand
    return sorted(found.values(), key=lambda c: -c.channel)[:_MAX_STROKE_READINGS]
