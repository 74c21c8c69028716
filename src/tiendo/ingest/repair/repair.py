"""Repair Vietnamese text that an OCR engine set to English has mangled.

``repair_text`` keeps the line structure: line i of the result is the repair of
line i of the input, and every character that is not a repaired word (spaces,
punctuation, numbers, dates, document codes) stays exactly as it was. The
words it is not sure of are listed with their place and alternatives, so a
coordinator can check them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tiendo.ingest.repair.decode import best_path, local_posteriors
from tiendo.ingest.repair.model import RepairModel, default_model
from tiendo.ingest.repair.slots import Slot, build_slots
from tiendo.ingest.repair.tokens import tokenize_line
from tiendo.text.vietnamese import nfc

UNCERTAIN_BELOW = 0.8


@dataclass(frozen=True, slots=True)
class UncertainWord:
    """A repaired word the model is not sure of.

    ``line`` is 1-based; ``start``/``end`` are 0-based columns of the original
    token in the input line, ``out_start``/``out_end`` those of the chosen word
    in the repaired line. ``alternatives`` lists other readings with their
    probabilities, most likely first.
    """

    line: int
    start: int
    end: int
    out_start: int
    out_end: int
    original: str
    chosen: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class RepairResult:
    """Repaired text (same lines as the input) and how sure the repair is."""

    text: str
    uncertain: list[UncertainWord] = field(default_factory=list)
    confidence: float = 1.0  # mean probability of the chosen reading over all words
    words: int = 0  # words considered
    changed: int = 0  # words rewritten


def repair_text(
    text: str, *, model: RepairModel | None = None, uncertain_below: float = UNCERTAIN_BELOW
) -> RepairResult:
    """Restore the Vietnamese of English-OCR'd ``text``, line for line."""
    model = model or default_model()
    lines = nfc(text).split("\n")
    per_line = [tokenize_line(line) for line in lines]
    slots = build_slots(per_line, model)
    if not slots:
        return RepairResult(text=nfc(text))
    options = [slot.candidates for slot in slots]
    chosen = best_path(model.lm, options)
    posts = local_posteriors(model.lm, options, chosen)

    out_lines = list(lines)
    uncertain: list[UncertainWord] = []
    confidences: list[float] = []
    changed = 0
    by_line: dict[int, list[tuple[Slot, int, list[float]]]] = {}
    for slot, i, post in zip(slots, chosen, posts, strict=True):
        by_line.setdefault(slot.line, []).append((slot, i, post))
    for n, row in by_line.items():
        pieces, pos = [], 0
        line = lines[n]
        for slot, i, post in row:
            cands = slot.candidates
            pieces.append(line[pos : slot.start])
            out_start = sum(len(p) for p in pieces)
            word = cands[i].surface
            pieces.append(word)
            pos = slot.end
            if not slot.word:
                continue
            confidences.append(post[i])
            changed += word != slot.source
            if post[i] < uncertain_below:
                uncertain.append(_uncertain(slot, i, post, n, out_start, word))
        pieces.append(line[pos:])
        out_lines[n] = "".join(pieces)
    confidence = sum(confidences) / len(confidences) if confidences else 1.0
    return RepairResult(
        text="\n".join(out_lines),
        uncertain=uncertain,
        confidence=round(confidence, 4),
        words=len(confidences),
        changed=changed,
    )


def _uncertain(
    slot: Slot, i: int, post: list[float], n: int, out_start: int, word: str
) -> UncertainWord:
    alts = sorted(
        (
            (c.surface, p)
            for j, (c, p) in enumerate(zip(slot.candidates, post, strict=True))
            if j != i
        ),
        key=lambda a: -a[1],
    )
    return UncertainWord(
        line=n + 1,
        start=slot.start,
        end=slot.end,
        out_start=out_start,
        out_end=out_start + len(word),
        original=slot.source,
        chosen=word,
        confidence=round(post[i], 4),
        alternatives=tuple((s, round(p, 4)) for s, p in alts[:4] if p >= 0.01),
    )
