"""A word n-gram language model with interpolated, modified Kneser–Ney smoothing.

Words are syllables (lower case, old tone-mark style), punctuation, and the
classes ``<num>`` and ``<code>``. The model ships as raw counts of its highest
order; lower orders (continuation counts) and the smoothed probabilities are
derived when it is loaded, which keeps the data small and the smoothing in one
readable place.

Modified Kneser–Ney (Chen and Goodman, 1998) discounts n-grams seen once, twice
and three or more times by different amounts, estimated from the counts of
counts of each order; on small domain corpora like ours it predicts held-out
text better than one fixed discount.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

BOS = "<s>"
UNKNOWN = "<unk>"
DEFAULT_ORDER = 4
_CACHE_LIMIT = 2_000_000


def count_ngrams(streams: Iterable[list[str]], order: int = DEFAULT_ORDER) -> Counter:
    """Counts of the ``order``-grams of word streams, each started by ``order - 1`` × ``<s>``."""
    counts: Counter = Counter()
    pad = [BOS] * (order - 1)
    for words in streams:
        seq = [*pad, *words]
        for i in range(order - 1, len(seq)):
            counts[tuple(seq[i - order + 1 : i + 1])] += 1
    return counts


def _discounts(table: dict[tuple[str, ...], int]) -> tuple[float, float, float]:
    """D1, D2, D3+ from the counts of counts (Chen and Goodman's estimates)."""
    n = Counter(c for c in table.values() if c <= 4)
    n1, n2, n3, n4 = (n.get(k, 0) for k in (1, 2, 3, 4))
    if not (n1 and n2 and n3 and n4):
        return 0.5, 1.0, 1.5
    y = n1 / (n1 + 2 * n2)
    d1 = 1 - 2 * y * n2 / n1
    d2 = 2 - 3 * y * n3 / n2
    d3 = 3 - 4 * y * n4 / n3
    # Guard against odd counts of counts on tiny corpora.
    return max(d1, 0.1), max(d2, 0.2), max(d3, 0.3)


class NgramModel:
    """Interpolated modified Kneser–Ney probabilities from the counts of the highest order."""

    def __init__(self, counts: dict[tuple[str, ...], int], vocab_floor: int = 20000):
        self.order = len(next(iter(counts))) if counts else DEFAULT_ORDER
        self._top = dict(counts)
        # tables[n]: n-gram → count (highest order) or continuation count (lower orders).
        tables: dict[int, dict[tuple[str, ...], int]] = {self.order: self._top}
        for n in range(self.order - 1, 0, -1):
            cont: Counter = Counter()
            for gram in tables[n + 1]:
                cont[gram[1:]] += 1
            tables[n] = dict(cont)
        self._tables = tables
        self._disc = {n: _discounts(t) for n, t in tables.items()}
        # context → (total, backoff mass) for every order above 1.
        self._ctx: dict[int, dict[tuple[str, ...], tuple[int, float]]] = {}
        for n in range(2, self.order + 1):
            d1, d2, d3 = self._disc[n]
            total: Counter = Counter()
            mass: Counter = Counter()
            for gram, c in tables[n].items():
                ctx = gram[:-1]
                total[ctx] += c
                mass[ctx] += d1 if c == 1 else d2 if c == 2 else d3
            self._ctx[n] = {k: (total[k], mass[k]) for k in total}
        uni = tables[1]
        self._uni_total = sum(uni.values()) or 1
        # Mass kept for words never seen: spread over a vocabulary of plausible size.
        self._uniform = 1.0 / max(vocab_floor, len(uni) + 1)
        self._unseen = 0.02 * self._uniform
        # Unigram probabilities and their logs, computed once: the decoder asks for them often.
        self._unigram = {w: 0.98 * c / self._uni_total + self._unseen for (w,), c in uni.items()}
        self._unigram_log = {w: math.log(p) for w, p in self._unigram.items()}
        self._unseen_log = math.log(self._unseen)
        self.vocabulary = frozenset(w for (w,) in uni)
        self._cache: dict[tuple[str, ...], float] = {}

    def _p1(self, w: str) -> float:
        return self._unigram.get(w, self._unseen)

    def _p(self, gram: tuple[str, ...]) -> float:
        """Interpolated probability of the last word of ``gram``, built up from the unigram."""
        n = len(gram)
        p = self._p1(gram[-1])
        for k in range(2, n + 1):
            sub = gram[n - k :]
            ctx = self._ctx[k].get(sub[:-1])
            if ctx is None:
                continue  # an unseen context passes the lower order on unchanged
            total, mass = ctx
            c = self._tables[k].get(sub, 0)
            if c:
                d1, d2, d3 = self._disc[k]
                c -= d1 if c == 1 else d2 if c == 2 else d3
            p = c / total + mass / total * p
        return p

    def logprob(self, context: tuple[str, ...], w: str) -> float:
        """Natural log of P(w | context); only the last ``order - 1`` words of context count."""
        key = (*context[len(context) - self.order + 1 :], w)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        value = math.log(self._p(key))
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[key] = value
        return value

    def unigram_logprob(self, w: str) -> float:
        return self._unigram_log.get(w, self._unseen_log)

    def start(self) -> tuple[str, ...]:
        """The context at the start of a text."""
        return (BOS,) * (self.order - 1)

    def to_counts(self) -> dict[tuple[str, ...], int]:
        return dict(self._top)


def group_by_first(counts: dict[tuple[str, ...], int]) -> dict[str, list]:
    """Group n-gram counts as ``{w1: [[w2, ..., wn, count], ...]}`` to store them compactly."""
    grouped: dict[str, list] = defaultdict(list)
    for gram, c in sorted(counts.items()):
        grouped[gram[0]].append([*gram[1:], c])
    return dict(grouped)


def ungroup(grouped: dict[str, list]) -> dict[tuple[str, ...], int]:
    """The inverse of ``group_by_first``."""
    return {(first, *row[:-1]): row[-1] for first, rows in grouped.items() for row in rows}
