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
from tiendo.ingest.repair.model import Candidate, RepairModel, default_model
from tiendo.ingest.repair.tokens import Kind, Token, lm_key, tokenize_line
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


def _letter_in_disguise(tokens: list[Token], k: int) -> bool:
    """A short bare number between two words on one line may be an OCR'd word ("tỷ 16" = "tỷ lệ").

    It is only offered to the decoder as a word; the number itself stays a
    choice, and the language model keeps it unless the words around it say
    otherwise.
    """
    tok = tokens[k]
    if tok.kind is not Kind.PROTECTED or not (tok.text.isdigit() and len(tok.text) <= 2):
        return False
    before = tokens[k - 1] if k > 0 else None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return (
        before is not None
        and after is not None
        and (before.kind is Kind.WORD or before.text in ",;(")
        and after.kind is Kind.WORD
    )


def _slots(per_line: list[list[Token]], model: RepairModel) -> list[list[Candidate]]:
    slots = []
    for toks in per_line:
        for k, tok in enumerate(toks):
            if tok.kind is Kind.WORD:
                slots.append(model.candidates(tok.text))
            elif _letter_in_disguise(toks, k):
                keep = Candidate(lm_key(tok), tok.text, 0.0)
                words = [c for c in model.candidates(tok.text) if c.key != tok.text]
                slots.append([keep, *words])
            else:
                slots.append([Candidate(lm_key(tok), tok.text, 0.0)])
    return slots


def repair_text(
    text: str, *, model: RepairModel | None = None, uncertain_below: float = UNCERTAIN_BELOW
) -> RepairResult:
    """Restore the Vietnamese of English-OCR'd ``text``, line for line."""
    model = model or default_model()
    lines = nfc(text).split("\n")
    per_line = [tokenize_line(line) for line in lines]
    slots = _slots(per_line, model)
    if not slots:
        return RepairResult(text=nfc(text))
    chosen = best_path(model.lm, slots)
    posts = local_posteriors(model.lm, slots, chosen)

    out_lines = list(lines)
    uncertain: list[UncertainWord] = []
    confidences: list[float] = []
    changed = 0
    k = 0
    for n, toks in enumerate(per_line):
        pieces, pos = [], 0
        line = lines[n]
        for tok in toks:
            cands, i, post = slots[k], chosen[k], posts[k]
            k += 1
            pieces.append(line[pos : tok.start])
            out_start = sum(len(p) for p in pieces)
            word = cands[i].surface
            pieces.append(word)
            pos = tok.end
            if len(cands) == 1 and tok.kind is not Kind.WORD:
                continue
            confidences.append(post[i])
            changed += word != tok.text
            if post[i] < uncertain_below:
                alts = sorted(
                    (
                        (c.surface, p)
                        for j, (c, p) in enumerate(zip(cands, post, strict=True))
                        if j != i
                    ),
                    key=lambda a: -a[1],
                )
                uncertain.append(
                    UncertainWord(
                        line=n + 1,
                        start=tok.start,
                        end=tok.end,
                        out_start=out_start,
                        out_end=out_start + len(word),
                        original=tok.text,
                        chosen=word,
                        confidence=round(post[i], 4),
                        alternatives=tuple((s, round(p, 4)) for s, p in alts[:4] if p >= 0.01),
                    )
                )
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
