"""The decoder's slots: each a stretch of a line with the readings it may take.

Most slots are one token. A word with a mark glued to it that English OCR
makes of a Vietnamese letter ("Ngh;" for "Nghị", "‘Uy" for "Ủy") is one slot
covering both, with two kinds of readings: the word followed by the mark as
punctuation, and the whole as one word. The language model settles which.
"""

from __future__ import annotations

from dataclasses import dataclass

from tiendo.ingest.repair.casing import LOOKALIKE_CAPITALS, LOWER, TITLE, case_shape
from tiendo.ingest.repair.model import Candidate, RepairModel
from tiendo.ingest.repair.tokens import Kind, Token, lm_key, mid_sentence

# Marks that stand for part of a letter as often as for punctuation: ";" for the
# dot of ị, "|" and "!" for l or i, quotes for a tone mark read on its own.
_GLUE_AFTER = frozenset(";|!'’")
_GLUE_BEFORE = frozenset("‘'")
_LOOKALIKE_DIGITS = frozenset({"0", "1", "3", "4", "6", "16", "14"})
_LOOKALIKE_DIGIT_COST = -3.0
CASE_WEIGHT = 1.0  # weight of the capital-letter evidence against the channel


@dataclass(frozen=True, slots=True)
class Slot:
    line: int  # 0-based line number
    start: int  # first column covered
    end: int  # column after the last one covered
    source: str  # the text covered, as read
    candidates: list[Candidate]
    word: bool  # holds a word to repair (counts for the confidence)


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


def _glued(word: Token, mark: Token, model: RepairModel, mark_first: bool) -> list[Candidate]:
    """Readings of a word and a mark touching it: apart, or as one mangled word."""
    key = lm_key(mark)
    out = []
    for c in model.candidates(word.text):
        if mark_first:
            out.append(Candidate(key, mark.text + c.surface, c.channel, c.keys))
        else:
            out.append(Candidate(c.key, c.surface + mark.text, c.channel, (*c.more, key)))
    whole = mark.text + word.text if mark_first else word.text + mark.text
    out += [c for c in model.candidates(whole, split=False) if model.is_known(c.key)]
    return out


def _word_key(cand: Candidate) -> str:
    return next((k for k in cand.keys if k[:1].isalpha()), cand.key)


def _with_case(cands: list[Candidate], token: str, model: RepairModel) -> list[Candidate]:
    """Add the evidence of a mid-sentence capital (or its absence) to each reading.

    A capital the OCR put on a look-alike letter of a word that is never
    capitalised ("thường Xuyên") is written back in lower case.
    """
    shape = case_shape(token)
    if shape not in (TITLE, LOWER):
        return cands
    case = model.case
    slip = shape == TITLE and token[:1] in LOOKALIKE_CAPITALS
    out = []
    for c in cands:
        key = _word_key(c)
        evidence = case.title_logprob(key) if shape == TITLE else case.lower_logprob(key)
        surface = c.surface
        if slip and case.is_slip(key):
            surface = surface.lower()
        out.append(Candidate(c.key, surface, c.channel + CASE_WEIGHT * evidence, c.more))
    return out


def _one(line: int, tok: Token, cands: list[Candidate], word: bool) -> Slot:
    return Slot(line, tok.start, tok.end, tok.text, cands, word)


def build_slots(per_line: list[list[Token]], model: RepairModel) -> list[Slot]:
    """The slots of a text, line after line, in order."""
    slots: list[Slot] = []
    adjusted: dict[tuple[str, bool], list[Candidate]] = {}
    for n, toks in enumerate(per_line):
        k = 0
        while k < len(toks):
            tok = toks[k]
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            mid = mid_sentence(toks, k)
            if tok.kind is Kind.WORD and nxt is not None and _touching(tok, nxt, _GLUE_AFTER):
                cands = _glued(tok, nxt, model, mark_first=False)
                if mid:
                    cands = _with_case(cands, tok.text, model)
                slots.append(Slot(n, tok.start, nxt.end, tok.text + nxt.text, cands, True))
                k += 2
                continue
            if (
                tok.kind is Kind.PUNCT
                and nxt is not None
                and nxt.kind is Kind.WORD
                and _touching(nxt, tok, _GLUE_BEFORE, before=True)
            ):
                cands = _glued(nxt, tok, model, mark_first=True)
                slots.append(Slot(n, tok.start, nxt.end, tok.text + nxt.text, cands, True))
                k += 2
                continue
            if tok.kind is Kind.WORD:
                cands = model.candidates(tok.text)
                if mid:
                    key = (tok.text, True)
                    if key not in adjusted:
                        adjusted[key] = _with_case(cands, tok.text, model)
                    cands = adjusted[key]
                slots.append(_one(n, tok, cands, True))
            elif _letter_in_disguise(toks, k):
                # A lone digit shaped like a letter ("6" for "ở", "1" for "l") between two
                # words is more often a word than a count.
                cost = _LOOKALIKE_DIGIT_COST if tok.text in _LOOKALIKE_DIGITS else 0.0
                keep = Candidate(lm_key(tok), tok.text, cost)
                words = [c for c in model.candidates(tok.text) if c.key != tok.text]
                slots.append(_one(n, tok, [keep, *words], True))
            else:
                slots.append(_one(n, tok, [Candidate(lm_key(tok), tok.text, 0.0)], False))
            k += 1
    return slots


def _touching(word: Token, mark: Token, marks: frozenset[str], *, before: bool = False) -> bool:
    """``mark`` is a single glue mark written right against ``word`` (after it, or before)."""
    if mark.kind is not Kind.PUNCT or mark.text not in marks:
        return False
    return mark.end == word.start if before else word.end == mark.start
