"""The repair model: language model, OCR channel and lexicon, stored as one gzip'd JSON file.

The shipped model is ``tiendo/data/repair/model.json.gz``, built by
``scripts/repair/build_model.py``; its sources and licences are listed in
``tiendo/data/repair/README.md``.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tiendo.errors import IngestError
from tiendo.ingest.repair.candidate import Candidate
from tiendo.ingest.repair.casing import MIXED, CaseModel, apply_shape, case_shape
from tiendo.ingest.repair.channel import Channel, CharChannel
from tiendo.ingest.repair.language_model import NgramModel, group_by_first, ungroup
from tiendo.ingest.repair.merged import split_readings, stroke_readings
from tiendo.ingest.repair.readings import SKIP_COST, Readings
from tiendo.ingest.repair.syllables import is_syllable
from tiendo.text.vietnamese import fold

FORMAT_VERSION = 2
_MAX_CANDIDATES = 10
_MAX_SKELETONS = 6
_NEAR_READINGS = 4  # likeliest readings of a weak token whose one-letter neighbours are tried
_MAX_SCORED = 30  # words aligned with the channel for one token
_CLEAR_READING = -2.0  # a token read this well needs no words one letter away
_UNKNOWN_COST = -4.0  # keeping a letters-only token that is no known word
_ACRONYM_COST = -1.0  # keeping an unknown all-capitals token (an acronym, most likely)
_GARBLED_COST = -8.0  # keeping a token with digits or symbols among its letters


class RepairModel:
    """Everything the decoder needs, with the candidate index built at load time."""

    def __init__(
        self,
        ngrams: dict[tuple[str, ...], int],
        channel: Channel,
        syllables: set[str],
        surfaces: dict[str, str],
        meta: dict | None = None,
        case: CaseModel | None = None,
    ):
        self.lm = NgramModel(ngrams)
        self.channel = channel
        self.syllables = frozenset(syllables)
        # Written form of non-syllable words ("ubnd" → "UBND", "iot" → "IoT").
        self.surfaces = surfaces
        self.meta = meta or {}
        self.case = case or CaseModel()
        index: dict[str, set[str]] = defaultdict(set)
        for word in self.syllables | set(surfaces):
            index[fold(word)].add(word)
        self._index = {k: sorted(v) for k, v in index.items()}
        deletions: dict[str, set[str]] = defaultdict(set)
        for skel in self._index:
            if len(skel) >= 2:
                for i in range(len(skel)):
                    deletions[skel[:i] + skel[i + 1 :]].add(skel)
        self._deletions = {k: sorted(v) for k, v in deletions.items()}
        self._readings = Readings(channel.chars.emissions)
        self._cache: dict[tuple[str, bool], list[Candidate]] = {}

    def skeletons(self, token: str) -> list[tuple[str, float]]:
        """Letter strings ``token`` may have been read from, most likely first."""
        return self._readings.skeletons(token)

    def skeleton(self, token: str) -> str:
        """The most likely letters of ``token`` that spell a known word, else its folded form."""
        for sk, _w in self.skeletons(token):
            if sk in self._index:
                return sk
        return fold(token)

    def candidates(self, token: str, *, split: bool = True) -> list[Candidate]:
        """The words ``token`` may stand for, best first by channel and word frequency.

        With ``split``, a token no single word explains is also read as several
        words the OCR glued together (see ``merged.py``).
        """
        cached = self._cache.get((token, split))
        if cached is not None:
            return cached
        shape = case_shape(token)
        # Each possible word with how well the token's letters read as it, before
        # the (slower) channel alignment scores the most promising ones.
        keys: dict[str, float] = {}

        def offer(words: list[str], weight: float) -> None:
            for word in words:
                if weight > keys.get(word, -math.inf):
                    keys[word] = weight

        offer([source.lower() for source in self.channel.seen_sources(token)], 0.0)
        ranked = [(sk, w) for sk, w in self.skeletons(token) if sk in self._index]
        for sk, w in ranked[:_MAX_SKELETONS]:
            offer(self._index[sk], w)
        skel = fold(token)
        offer(self._index.get(skel, []), 0.0)
        found = [sk for sk, _w in ranked[:_MAX_SKELETONS]]
        spells_syllable = any(k in self.syllables for sk in found for k in self._index[sk])
        weak = not spells_syllable or ranked[0][1] < _CLEAR_READING
        if skel and weak:
            # Letters the scan lost or added ("thng" for "thống", "glam" for "giám",
            # "tg" for "ứng"): words one letter away from the token, or from its
            # likeliest readings, are offered too, and the channel judges them.
            near: set[str] = set()
            readings = [skel] + [r for r, _w in self.skeletons(token)[:_NEAR_READINGS] if r != skel]
            for reading in readings:
                near.update(self._deletions.get(reading, []))
                for i in range(len(reading)):
                    shorter = reading[:i] + reading[i + 1 :]
                    if shorter in self._index:
                        near.add(shorter)
                    near.update(self._deletions.get(shorter, []))
            for k in near:
                offer(self._index.get(k, []), -SKIP_COST)
        unigram = self.lm.unigram_logprob
        if len(keys) > _MAX_SCORED:
            best = sorted(keys, key=lambda k: -(keys[k] + unigram(k)))[:_MAX_SCORED]
            keys = {k: keys[k] for k in best}
        own = token.lower()
        keys[own] = 0.0
        scored = []
        for key in keys:
            surface = self.surface(key, token, shape)
            target = token if shape != MIXED else token.lower()
            source = surface if shape != MIXED else surface.lower()
            ch = self.channel.logprob(source, target)
            if key == own:
                ch += self._unknown_cost(token)
            scored.append((ch + unigram(key), Candidate(key, surface, ch)))
        scored.sort(key=lambda x: -x[0])
        out = [c for _s, c in scored[:_MAX_CANDIDATES]]
        if not any(c.key == own for c in out):
            # The token as written always stays a choice, so nothing unknown is forced away.
            out.append(next(c for _s, c in scored if c.key == own))
        if split:
            out += stroke_readings(self, token, out)
            out += split_readings(self, token, out)
        self._cache[(token, split)] = out
        return out

    def is_known(self, word: str) -> bool:
        """True for a syllable or a written form (acronym, foreign word) the model knows."""
        return word in self.syllables or word in self.surfaces

    def _unknown_cost(self, token: str) -> float:
        """Log-cost of keeping a token as written when it is no known word.

        In English-OCR'd Vietnamese a token that spells no syllable is almost
        always a mangled one ("cdac", "x€y"), rarely a new acronym or foreign
        word; one with digits or symbols inside even less often. Capitals
        alone ("IOC", "KGVX") are most likely an acronym the model has not seen.
        """
        own = token.lower()
        if self.is_known(own):
            return 0.0
        if any(not ch.isalpha() for ch in own):
            return _GARBLED_COST
        if len(token) >= 2 and token.isupper():
            return _ACRONYM_COST
        return _UNKNOWN_COST

    def surface(self, key: str, token: str, shape: str) -> str:
        if key == token.lower() and not is_syllable(key):
            return token
        written = self.surfaces.get(key)
        if written is not None and (shape == MIXED or written != written.lower()):
            return written if shape != "upper" else written.upper()
        return apply_shape(key, shape) if shape != MIXED else key

    # -- storage -------------------------------------------------------------

    def to_json(self) -> dict:
        return {
            "format": FORMAT_VERSION,
            "meta": self.meta,
            "ngrams": group_by_first(self.lm.to_counts()),
            "char_emissions": self.channel.chars.emissions,
            "token_table": self.channel.table,
            "syllables": sorted(self.syllables),
            "surfaces": self.surfaces,
            "case": self.case.counts,
        }

    @classmethod
    def from_json(cls, data: dict) -> RepairModel:
        channel = Channel(CharChannel(data["char_emissions"]), data["token_table"])
        return cls(
            ungroup(data["ngrams"]),
            channel,
            set(data["syllables"]),
            data["surfaces"],
            data.get("meta"),
            CaseModel(data.get("case")),
        )

    def save(self, path: Path) -> None:
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
            json.dump(self.to_json(), fh, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def load(cls, path: Path) -> RepairModel:
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise IngestError(
                f"Không đọc được mô hình sửa lỗi OCR ({exc}).", where=str(path)
            ) from exc
        if data.get("format") != FORMAT_VERSION:
            raise IngestError(
                "Mô hình sửa lỗi OCR không đúng phiên bản; hãy dựng lại bằng scripts/repair/build_model.py.",
                where=str(path),
            )
        return cls.from_json(data)


def surfaces_from_counts(counts: Counter) -> dict[str, str]:
    """Most frequent written form of each non-syllable word, keyed by its lower case."""
    best: dict[str, tuple[int, str]] = {}
    for written, n in counts.items():
        key = written.lower()
        if is_syllable(key):
            continue
        if n > best.get(key, (0, ""))[0]:
            best[key] = (n, written)
    return {k: w for k, (_n, w) in best.items()}


@lru_cache(maxsize=1)
def default_model() -> RepairModel:
    """The model shipped with tiendo (loaded once per process)."""
    ref = resources.files("tiendo").joinpath("data", "repair", "model.json.gz")
    with resources.as_file(ref) as path:
        if not path.exists():
            raise IngestError(
                "Thiếu mô hình sửa lỗi OCR; hãy dựng bằng scripts/repair/build_model.py.",
                where=str(path),
            )
        return RepairModel.load(path)
