"""Build a repair model from clean Vietnamese text and (clean, English-OCR) text pairs.

Used by ``scripts/repair/build_model.py`` and by the held-out measurement; the
runtime never calls it.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

from tiendo.ingest.repair.casing import CaseModel
from tiendo.ingest.repair.channel import train_channel
from tiendo.ingest.repair.language_model import DEFAULT_ORDER, count_ngrams
from tiendo.ingest.repair.model import RepairModel, surfaces_from_counts
from tiendo.ingest.repair.syllables import is_syllable
from tiendo.ingest.repair.tokens import Kind, Token, lm_key, mid_sentence, tokenize_line
from tiendo.text.vietnamese import fold, nfc, normalize_tone_marks

# Rough letter guesses used only to line OCR tokens up with clean ones.
_ANCHOR_GLYPHS = str.maketrans({"6": "o", "0": "o", "1": "l", "|": "l", "4": "a", "3": "o"})


def tokens_of(text: str) -> list[Token]:
    return [tok for line in nfc(text).split("\n") for tok in tokenize_line(line)]


def lm_stream(text: str) -> list[str]:
    """The language-model words of one clean document, in order."""
    return [lm_key(tok) for tok in tokens_of(text)]


def _alignable(token: Token) -> bool:
    # Short bare numbers too: English OCR writes some words as digits ("lệ" as "16").
    return token.kind is Kind.WORD or (token.text.isdigit() and len(token.text) <= 2)


def _anchor(word: str) -> str:
    return fold(word.translate(_ANCHOR_GLYPHS))


def align_pairs(clean: str, ocr: str) -> list[tuple[str, str]]:
    """(clean word, OCR token) pairs of two renderings of the same text.

    Words are lined up by their diacritic-free letters; where the OCR split,
    merged or lost words the stretch is skipped, since a wrong pair would teach
    the channel a confusion that does not exist.
    """
    a = [t.text for t in tokens_of(clean) if _alignable(t)]
    b = [t.text for t in tokens_of(ocr) if _alignable(t)]
    ka = [fold(w) for w in a]
    kb = [_anchor(w) for w in b]
    pairs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if op == "equal" or difflib.SequenceMatcher(None, ka[i], kb[j]).ratio() >= 0.5:
                    pairs.append((normalize_tone_marks(a[i]), b[j]))
    return pairs


def build_model(
    clean_texts: Iterable[str],
    ocr_pairs: Iterable[tuple[str, str]],
    *,
    extra_syllables: Iterable[str] = (),
    meta: dict | None = None,
    em_iterations: int = 3,
    order: int = DEFAULT_ORDER,
) -> RepairModel:
    """A repair model from clean texts (language model) and aligned OCR pairs (channel)."""
    streams = []
    written: Counter = Counter()
    case_lines = []
    for text in clean_texts:
        toks = tokens_of(text)
        streams.append([lm_key(t) for t in toks])
        written.update(t.text for t in toks if t.kind is Kind.WORD)
        for line in nfc(text).split("\n"):
            line_toks = tokenize_line(line)
            case_lines.append(
                [
                    (lm_key(t), t.text, mid_sentence(line_toks, k))
                    for k, t in enumerate(line_toks)
                    if t.kind is Kind.WORD
                ]
            )
    counts = count_ngrams(streams, order)
    syllables = {w for gram in counts for w in gram if is_syllable(w)}
    syllables.update(
        normalize_tone_marks(s.lower()) for s in extra_syllables if is_syllable(s.lower())
    )
    channel = train_channel(ocr_pairs, iterations=em_iterations)
    surfaces = surfaces_from_counts(written)
    case = CaseModel.learn(case_lines)
    return RepairModel(dict(counts), channel, syllables, surfaces, meta, case)
