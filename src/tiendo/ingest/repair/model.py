"""The repair model: language model, OCR channel and lexicon, stored as one gzip'd JSON file.

The shipped model is ``tiendo/data/repair/model.json.gz``, built by
``scripts/repair/build_model.py``; its sources and licences are listed in
``tiendo/data/repair/README.md``.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tiendo.errors import IngestError
from tiendo.ingest.repair.casing import MIXED, CaseModel, apply_shape, case_shape
from tiendo.ingest.repair.channel import (
    VISUAL_CONFUSIONS,
    Channel,
    CharChannel,
    base_letter,
    family,
)
from tiendo.ingest.repair.language_model import NgramModel, group_by_first, ungroup
from tiendo.ingest.repair.merged import split_readings
from tiendo.ingest.repair.syllables import is_syllable
from tiendo.text.vietnamese import fold

FORMAT_VERSION = 2
_MAX_CANDIDATES = 10
_MAX_SKELETONS = 6
_NEAR_READINGS = 4  # likeliest readings of a weak token whose one-letter neighbours are tried
_MAX_SCORED = 30
_STROKES = re.compile(r"[itrfl]{3}")
_STROKE_COST = -3.0
_MAX_STROKE_READINGS = 3
_POOR_SINGLE = -9.0  # no one-word reading scores above this: the token is badly garbled  # words aligned with the channel for one token
_SKIP_COST = 6.0
_SYMBOL_SKIP_COST = 2.0
_CLEAR_READING = -2.0  # a token read this well needs no words one letter away
_UNKNOWN_COST = -4.0
_ACRONYM_COST = -1.0  # keeping an unknown all-capitals token (an acronym, most likely)  # keeping a letters-only token that is no known word
_GARBLED_COST = -8.0  # keeping a token with digits or symbols among its letters
_VOWEL_LETTERS = "aeiouy"
_UNKNOWN_GLYPH = [(v, -4.0) for v in _VOWEL_LETTERS]
_OTHER_VOWELS = {v: [(w, -5.0) for w in _VOWEL_LETTERS if w != v] for v in _VOWEL_LETTERS}


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str  # language-model word (lower case)
    surface: str  # the word as it will be written, in the case of the source token
    channel: float  # log P(token | word)
    # Language-model words that follow ``key`` inside the same reading: the other
    # words of a token the OCR glued together ("toanthéngtin" → toàn thông tin),
    # or punctuation written beside the word.
    more: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.more)


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
        self._readings = self._learn_readings()
        self._cache: dict[tuple[str, bool], list[Candidate]] = {}

    def _learn_readings(self) -> dict[str, list[tuple[str, float]]]:
        """For each OCR output (1–2 characters), the letters it is read from, with log weights.

        "6" → o, "ir" → u (from ư), "P" → d (from Đ): the channel run backwards,
        so that candidates are found by what the OCR does, not by edit distance.
        """
        readings: dict[str, dict[str, float]] = defaultdict(dict)
        for ch in "abcdefghijklmnopqrstuvwxyz":
            readings[ch][ch] = 0.0
        fam: dict[str, Counter] = defaultdict(Counter)
        for c, outs in self.channel.chars.emissions.items():
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
            skip = _SKIP_COST if t[j].isalnum() else _SYMBOL_SKIP_COST
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
                offer(self._index.get(k, []), -_SKIP_COST)
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
            out += self._stroke_readings(token, out)
            out += split_readings(self, token, out)
        self._cache[(token, split)] = out
        return out

    def _stroke_readings(self, token: str, singles: list[Candidate]) -> list[Candidate]:
        """Readings of a token where one letter came out as three strokes.

        English OCR sometimes writes "ư" or "ú" as three thin strokes ("ctiia"
        for "của", "chttrc" for "chức"), which the channel, letting a letter
        become at most two characters, cannot explain. Each run of three such
        strokes is read as two, and the words found for the shorter token are
        offered at a cost.
        """
        own = token.lower()
        if self.is_known(own) or any(c.channel > _POOR_SINGLE for c in singles if c.key != own):
            return []
        found: dict[str, Candidate] = {}
        for m in _STROKES.finditer(token):
            run = m.group(0)
            for k in range(len(run) - 1):
                shorter = token[: m.start()] + run[k : k + 2] + token[m.end() :]
                for c in self.candidates(shorter, split=False):
                    if c.key != shorter.lower() and self.is_known(c.key):
                        cand = Candidate(c.key, c.surface, c.channel + _STROKE_COST)
                        if c.key not in found or cand.channel > found[c.key].channel:
                            found[c.key] = cand
        return sorted(found.values(), key=lambda c: -c.channel)[:_MAX_STROKE_READINGS]

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
