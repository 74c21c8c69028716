"""Case patterns of source tokens, and what a capital letter says about the word.

A repaired word keeps the case it was written in. And the case is evidence:
in the middle of a sentence a capital marks a name ("Hà Tĩnh", "Mai Sơn",
"Nam Cao"), so a title-case token there is far more likely a word that is
often capitalised ("tĩnh", "mai") than one that never is ("tỉnh" after a
lower-case word, "mại"). ``CaseModel`` learns, for each word, how often it is
written with a capital in mid-sentence, from the language-model text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

LOWER, TITLE, UPPER, MIXED = "lower", "title", "upper", "mixed"
_PRIOR_WEIGHT = 2.0  # pseudo-counts of the overall capital rate given to every word
# Capitals an OCR engine writes for a lower-case letter of the same shape.
LOOKALIKE_CAPITALS = frozenset("CIKOPSUVWXZ")  # "I" for a lower-case l
_SLIP_BELOW = 0.02  # a word this rarely capitalised in mid-sentence is a case slip
_SLIP_EVIDENCE = 20  # ... when seen at least this often
_TITLE_PENALTY_CAP = -2.5


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


class CaseModel:
    """P(written with a capital | word, mid-sentence), from counts of [lower, title] per word."""

    def __init__(self, counts: dict[str, list[int]] | None = None):
        self.counts = counts or {}
        lower = sum(c[0] for c in self.counts.values())
        title = sum(c[1] for c in self.counts.values())
        self._p0 = (title + 1) / (lower + title + 2)
        self._cache: dict[str, float] = {}

    def p_title(self, key: str) -> float:
        p = self._cache.get(key)
        if p is None:
            lower, title = self.counts.get(key, (0, 0))
            p = (title + _PRIOR_WEIGHT * self._p0) / (lower + title + _PRIOR_WEIGHT)
            self._cache[key] = p
        return p

    def title_logprob(self, key: str) -> float:
        """Log-odds evidence a mid-sentence capital gives for ``key``, against an average word.

        The penalty is capped: table rows and headings capitalise common words
        ("Có Có Có" in a row of cells) where no sentence tells them apart.
        """
        return max(math.log(self.p_title(key) / self._p0), _TITLE_PENALTY_CAP)

    def lower_logprob(self, key: str) -> float:
        """Log-odds evidence a mid-sentence lower-case token gives for ``key``."""
        return math.log((1 - self.p_title(key)) / (1 - self._p0))

    def is_slip(self, key: str) -> bool:
        """True when ``key`` is almost never capitalised in mid-sentence (the capital is an OCR slip)."""
        lower, title = self.counts.get(key, (0, 0))
        return lower + title >= _SLIP_EVIDENCE and title < _SLIP_BELOW * (lower + title)

    @classmethod
    def learn(cls, lines: Iterable[list[tuple[str, str, bool]]]) -> CaseModel:
        """Count from lines of (key, written form, mid-sentence) for each word token."""
        counts: dict[str, Counter] = {}
        for line in lines:
            for key, written, mid in line:
                if not mid:
                    continue
                shape = case_shape(written)
                if shape in (LOWER, TITLE):
                    counts.setdefault(key, Counter())[shape] += 1
        return cls({k: [c[LOWER], c[TITLE]] for k, c in counts.items()})
