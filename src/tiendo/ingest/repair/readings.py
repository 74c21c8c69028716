"""The OCR channel run backwards: which letters an OCR token may have been read from.

"6" → o, "ir" → u (from ư), "P" → d (from Đ): each OCR character or pair is
read as the letters that produce it in training, so that candidates are found
by what the OCR does, not by plain edit distance.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from tiendo.ingest.repair.channel import VISUAL_CONFUSIONS, base_letter, family

SKIP_COST = 6.0  # a letter the OCR added from nothing
_SYMBOL_SKIP_COST = 2.0  # a symbol the OCR added (a speck, a tone mark read alone)
_VOWEL_LETTERS = "aeiouy"
_UNKNOWN_GLYPH = [(v, -4.0) for v in _VOWEL_LETTERS]
_OTHER_VOWELS = {v: [(w, -5.0) for w in _VOWEL_LETTERS if w != v] for v in _VOWEL_LETTERS}


class Readings:
    """For each OCR output of one or two characters, the letters it is read from."""

    def __init__(self, emissions: dict[str, dict[str, int]]):
        self._readings = self._learn(emissions)

    @staticmethod
    def _learn(emissions: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, float]]]:
        """For each OCR output (1–2 characters), the letters it is read from, with log weights.

        "6" → o, "ir" → u (from ư), "P" → d (from Đ): the channel run backwards,
        so that candidates are found by what the OCR does, not by edit distance.
        """
        readings: dict[str, dict[str, float]] = defaultdict(dict)
        for ch in "abcdefghijklmnopqrstuvwxyz":
            readings[ch][ch] = 0.0
        fam: dict[str, Counter] = defaultdict(Counter)
        for c, outs in emissions.items():
            if len(c) == 1 and c.isalpha():
                fam[family(c).lower()].update({o.lower(): n for o, n in outs.items() if o})
        for f, outs in fam.items():
            total = sum(outs.values())
            letter = base_letter(f).lower()
            for o, n in outs.items():
                if n >= 2 and n / total >= 0.005:
                    w = math.log(n / total)
                    if w > readings[o].get(letter, -math.inf):
                        readings[o][letter] = w
        for c, o in VISUAL_CONFUSIONS:
            letter = base_letter(family(c)).lower()
            readings[o.lower()].setdefault(letter, math.log(0.01))
        return {o: sorted(d.items(), key=lambda x: -x[1]) for o, d in readings.items()}

    def skeletons(self, token: str, limit: int = 40) -> list[tuple[str, float]]:
        """Letter strings ``token`` may have been read from, most likely first."""
        t = token.lower()
        layers: list[dict[str, float]] = [dict() for _ in range(len(t) + 1)]
        layers[0][""] = 0.0
        for j in range(len(t)):
            layer = layers[j]
            if len(layer) > limit:
                layer = dict(sorted(layer.items(), key=lambda x: -x[1])[:limit])
            # A character the OCR added from nothing (a speck, a stray quote); a
            # symbol more often so than a letter.
            skip = SKIP_COST if t[j].isalnum() else _SYMBOL_SKIP_COST
            for sk, w in layer.items():
                if w - skip > layers[j + 1].get(sk, -math.inf):
                    layers[j + 1][sk] = w - skip
                for size in (1, 2):
                    if j + size > len(t):
                        break
                    piece = t[j : j + size]
                    readings = self._readings.get(piece)
                    if size == 1 and not piece.isalnum():
                        # A glyph English OCR has no letter for ("€", "¢", "&", "}") stands
                        # for a toned vowel far more often than for what its training saw.
                        readings = [*(readings or ()), *_UNKNOWN_GLYPH]
                    elif readings is None and size == 1:
                        # A glyph never seen in training: most likely a vowel under a tone mark.
                        readings = _UNKNOWN_GLYPH
                    elif size == 1 and piece in _VOWEL_LETTERS:
                        # Scans blur vowels into each other (ơ read as a or e, ă as i).
                        readings = [*readings, *_OTHER_VOWELS[piece]]
                    for letter, lw in readings or ():
                        nk, nw = sk + letter, w + lw
                        if nw > layers[j + size].get(nk, -math.inf):
                            layers[j + size][nk] = nw
        return sorted(layers[-1].items(), key=lambda x: -x[1])
