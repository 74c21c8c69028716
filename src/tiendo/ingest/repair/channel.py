"""The OCR channel: how likely an OCR engine set to English writes token t for syllable s.

Two parts, learned from aligned (clean syllable, OCR token) pairs:

- a character model, where each letter of the syllable is written as zero,
  one or two characters ("ố" as "6", "é" or "o"; "ư" as "w" or "uw"; "Đ" as
  "P" or "D"), which scores any pair, even one never seen;
- a token table of the pairs seen in training, which captures what the
  character model cannot ("của" read as "cia").

P(t | s) mixes the two: (n(s, t) + β·P_char(t | s)) / (n(s) + β).
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

START = "^"  # emits whatever the OCR put before the first letter
_ALPHA = 4.0  # weight of the prior in the character model
# Share of every emission kept for the prior, so that a confusion no rendering
# showed (real scans are noisier than rendered pages) stays possible.
_FLOOR = 0.03
# Look-alike glyphs an English OCR engine is known to confuse with Vietnamese
# letters (tone marks read as digits or other letters, the bar of Đ lost or
# read as P). They are added to the learned counts as a few pseudo-observations
# so the channel allows them even when the training renderings never showed them.
VISUAL_CONFUSIONS = [
    ("Đ", "P"), ("Đ", "D"), ("đ", "d"), ("ư", "w"), ("Ư", "W"), ("ư", "u"), ("ơ", "o"),
    ("ố", "6"), ("ộ", "6"), ("ô", "6"), ("ơ", "6"), ("ớ", "6"), ("ỗ", "3"), ("ã", "4"),
    ("ế", "é"), ("ệ", "é"), ("ê", "é"), ("ệ", "¢"), ("ê", "¢"), ("ễ", "€"), ("ị", "j"),
    ("ị", ";"), ("l", "1"), ("l", "|"), ("l", "I"), ("i", "l"), ("í", "l"), ("ụ", "y"),
    ("ự", "y"), ("ủ", "i"), ("ỹ", "¥"), ("ơ", "a"), ("ơ", "e"), ("ă", "i"), ("ắ", "i"),
    # The horn of ư runs into the next n, and "ưn" comes out "tm" or "im" ("tmg" for "ứng").
    ("n", "m"),
    # "ố" is read as "6", and a blurred 6 as "b" ("sb" for "số").
    ("ố", "b"),
]  # fmt: skip
_VISUAL_COUNT = 3
_STRAY_SYMBOL = 0.02  # a symbol added beside a letter's reading (a speck, a tone mark)
_BETA = 3.0  # weight of the character model against the token table
_NEG_INF = float("-inf")


def base_letter(ch: str) -> str:
    """The letter without diacritics, keeping its case ("Ố" → "O", "đ" → "d")."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


def _prior(c: str, o: str) -> float:
    """What the character model assumes before it sees data."""
    if c == START:
        return 0.97 if o == "" else 0.03 / (100 if len(o) == 1 else 10000)
    if o == "":
        return 0.01
    if len(o) == 1:
        if not o.isalnum() and family(c).lower() in _VOWELS:
            # A symbol English OCR put for a toned vowel ("€" for "â", "&" for "ớ").
            return 0.01
        if o == c:
            return 0.4
        if o == base_letter(c):
            return 0.4
        if o.lower() == base_letter(c).lower():
            return 0.05
        return 0.1 / 150
    return 0.04 / 20000


def family(ch: str) -> str:
    """The letter without its tone mark ("ữ" → "ư", "Ế" → "Ê"): letters that OCR alike."""
    if ch == START:
        return ch
    kept = [c for c in unicodedata.normalize("NFD", ch) if c not in _TONE_MARKS]
    return unicodedata.normalize("NFC", "".join(kept))


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưy")


class CharChannel:
    """Per-letter emission probabilities, trained by hard EM over alignments.

    A letter seen rarely borrows from its family (the same letter with any
    tone), so "ữ" learns from every "ư", "ứ", "ừ" the training saw.
    """

    def __init__(self, emissions: dict[str, dict[str, int]] | None = None):
        self.emissions: dict[str, dict[str, int]] = emissions or {}
        self._totals = {c: sum(d.values()) for c, d in self.emissions.items()}
        fam: dict[str, Counter] = defaultdict(Counter)
        for c, outs in self.emissions.items():
            fam[family(c)].update(outs)
        self._family = {f: dict(d) for f, d in fam.items()}
        self._family_totals = {f: sum(d.values()) for f, d in fam.items()}
        self._lp: dict[tuple[str, str], float] = {}

    def prob(self, c: str, o: str) -> float:
        f = family(c)
        p_family = (self._family.get(f, {}).get(o, 0) + _ALPHA * _prior(c, o)) / (
            self._family_totals.get(f, 0) + _ALPHA
        )
        n = self.emissions.get(c, {}).get(o, 0)
        learned = (n + _ALPHA * p_family) / (self._totals.get(c, 0) + _ALPHA)
        p = (1 - _FLOOR) * learned + _FLOOR * _prior(c, o)
        if len(o) == 2 and o[0].isalnum() != o[1].isalnum() and c != START:
            # The letter's usual reading with a stray symbol beside it ("ớ" as "a&").
            kept = o[0] if o[0].isalnum() else o[1]
            p = max(p, _STRAY_SYMBOL * self.prob(c, kept))
        return p

    def logp(self, c: str, o: str) -> float:
        key = (c, o)
        v = self._lp.get(key)
        if v is None:
            v = math.log(self.prob(c, o))
            self._lp[key] = v
        return v

    def align(self, s: str, t: str) -> tuple[float, list[tuple[str, str]]]:
        """Best alignment of syllable ``s`` to OCR token ``t``: (log prob, [(letter, output)])."""
        src = START + s
        n, m = len(src), len(t)
        score = [[_NEG_INF] * (m + 1) for _ in range(n + 1)]
        back: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
        score[0][0] = 0.0
        logp = self.logp
        for i in range(1, n + 1):
            c = src[i - 1]
            prev, row, brow = score[i - 1], score[i], back[i]
            for j in range(m + 1):
                best, arg = prev[j] + logp(c, ""), 0
                if j >= 1 and prev[j - 1] > _NEG_INF:
                    v = prev[j - 1] + logp(c, t[j - 1])
                    if v > best:
                        best, arg = v, 1
                if j >= 2 and prev[j - 2] > _NEG_INF:
                    v = prev[j - 2] + logp(c, t[j - 2 : j])
                    if v > best:
                        best, arg = v, 2
                row[j], brow[j] = best, arg
        pairs = []
        j = m
        for i in range(n, 0, -1):
            k = back[i][j]
            pairs.append((src[i - 1], t[j - k : j]))
            j -= k
        pairs.reverse()
        return score[n][m], pairs

    def logprob(self, s: str, t: str) -> float:
        return self.align(s, t)[0]

    @classmethod
    def train(cls, pairs: Counter, iterations: int = 3) -> CharChannel:
        """Hard EM: align every (syllable, token) pair, count emissions, repeat."""
        model = cls()
        for _ in range(iterations):
            counts: dict[str, Counter] = defaultdict(Counter)
            for (s, t), n in pairs.items():
                for c, o in model.align(s, t)[1]:
                    counts[c][o] += n
            model = cls({c: dict(d) for c, d in counts.items()})
        return model


class Channel:
    """P(OCR token | syllable), from the token table backed off to the character model."""

    def __init__(self, chars: CharChannel, table: dict[str, dict[str, int]]):
        self.chars = chars
        self.table = table
        self._totals = {s: sum(d.values()) for s, d in table.items()}
        self._cache: dict[tuple[str, str], float] = {}
        reverse: dict[str, list[str]] = defaultdict(list)
        for s, outs in table.items():
            for t in outs:
                reverse[t].append(s)
        self.reverse = dict(reverse)

    def logprob(self, s: str, t: str) -> float:
        """Natural log of P(t | s) for the cased syllable ``s`` and cased token ``t``."""
        key = (s, t)
        v = self._cache.get(key)
        if v is None:
            lp_char = self.chars.logprob(s, t)
            n = self.table.get(s, {}).get(t, 0)
            total = self._totals.get(s, 0)
            if n:
                v = math.log((n + _BETA * math.exp(lp_char)) / (total + _BETA))
            else:
                v = math.log(_BETA / (total + _BETA)) + lp_char
            self._cache[key] = v
        return v

    def seen_sources(self, t: str) -> list[str]:
        """Cased syllables that were written as ``t`` in training."""
        return self.reverse.get(t, [])


def train_channel(pairs: Iterable[tuple[str, str]], iterations: int = 3) -> Channel:
    """Learn both parts of the channel from (clean syllable, OCR token) pairs."""
    counted = Counter(pairs)
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for (s, t), n in counted.items():
        table[s][t] = n
    chars = CharChannel.train(counted, iterations)
    emissions = {c: dict(d) for c, d in chars.emissions.items()}
    for c, o in VISUAL_CONFUSIONS:
        emissions.setdefault(c, {})
        emissions[c][o] = emissions[c].get(o, 0) + _VISUAL_COUNT
    return Channel(CharChannel(emissions), dict(table))
