"""A word trigram language model with interpolated Kneser–Ney smoothing.

Words are syllables (lower case, old tone-mark style), punctuation, and the
classes ``<num>`` and ``<code>``. The model ships as raw n-gram counts; the
smoothed probabilities are derived when it is loaded, which keeps the data
small and the smoothing in one readable place.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

BOS = "<s>"
UNKNOWN = "<unk>"
_DISCOUNT = 0.75


def count_ngrams(streams: Iterable[list[str]]) -> dict[str, Counter]:
    """Count the 1-, 2- and 3-grams of word streams, each started by ``<s> <s>``."""
    counts = {"1": Counter(), "2": Counter(), "3": Counter()}
    for words in streams:
        seq = [BOS, BOS, *words]
        for i in range(2, len(seq)):
            counts["1"][seq[i]] += 1
            counts["2"][(seq[i - 1], seq[i])] += 1
            counts["3"][(seq[i - 2], seq[i - 1], seq[i])] += 1
    return counts


class TrigramModel:
    """Interpolated Kneser–Ney trigram probabilities from counts."""

    def __init__(self, trigrams: dict[tuple[str, str, str], int], vocab_floor: int = 20000):
        self._tri = trigrams
        ctx3_total: Counter = Counter()
        ctx3_types: Counter = Counter()
        cont2: Counter = Counter()  # distinct u before (v, w)
        for (u, v, w), c in trigrams.items():
            ctx3_total[(u, v)] += c
            ctx3_types[(u, v)] += 1
            cont2[(v, w)] += 1
        ctx2_total: Counter = Counter()
        ctx2_types: Counter = Counter()
        cont1: Counter = Counter()  # distinct v before w
        for (v, w), n in cont2.items():
            ctx2_total[v] += n
            ctx2_types[v] += 1
            cont1[w] += 1
        self._ctx3 = {k: (ctx3_total[k], ctx3_types[k]) for k in ctx3_total}
        self._cont2 = cont2
        self._ctx2 = {k: (ctx2_total[k], ctx2_types[k]) for k in ctx2_total}
        self._cont1 = cont1
        self._cont1_total = sum(cont1.values()) or 1
        # Mass kept for words never seen: spread over a vocabulary of plausible size.
        self._uniform = 1.0 / max(vocab_floor, len(cont1) + 1)
        self._cache: dict[tuple[str, str, str], float] = {}
        self.vocabulary = frozenset(cont1)

    @classmethod
    def from_counts(cls, counts: dict[str, Counter]) -> TrigramModel:
        return cls(dict(counts["3"]))

    def _p1(self, w: str) -> float:
        seen = self._cont1.get(w, 0) / self._cont1_total
        return 0.98 * seen + 0.02 * self._uniform

    def _p2(self, v: str, w: str) -> float:
        lower = self._p1(w)
        ctx = self._ctx2.get(v)
        if ctx is None:
            return lower
        total, types = ctx
        n = self._cont2.get((v, w), 0)
        return max(n - _DISCOUNT, 0.0) / total + _DISCOUNT * types / total * lower

    def logprob(self, u: str, v: str, w: str) -> float:
        """Natural log of P(w | u v)."""
        key = (u, v, w)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        lower = self._p2(v, w)
        ctx = self._ctx3.get((u, v))
        if ctx is None:
            p = lower
        else:
            total, types = ctx
            c = self._tri.get(key, 0)
            p = max(c - _DISCOUNT, 0.0) / total + _DISCOUNT * types / total * lower
        value = math.log(p)
        if len(self._cache) < 2_000_000:
            self._cache[key] = value
        return value

    def unigram_logprob(self, w: str) -> float:
        return math.log(self._p1(w))

    def to_counts(self) -> dict[tuple[str, str, str], int]:
        return dict(self._tri)


def trigrams_by_context(trigrams: dict[tuple[str, str, str], int]) -> dict[str, list]:
    """Group trigram counts as ``{u: [[v, w, count], ...]}`` to store them compactly."""
    grouped: dict[str, list] = defaultdict(list)
    for (u, v, w), c in sorted(trigrams.items()):
        grouped[u].append([v, w, c])
    return dict(grouped)
