"""Beam search for the most likely word sequence, and how sure each choice is.

The score of a sequence is the n-gram language model plus the channel
(weighted): log P(words) + λ·Σ log P(token | word). Every slot of the
sequence is a token of the text; punctuation, numbers and codes are slots with
one choice, so they still serve as context.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tiendo.ingest.repair.language_model import NgramModel
from tiendo.ingest.repair.model import Candidate

CHANNEL_WEIGHT = 1.0
BEAM_WIDTH = 10
# Hypotheses this far (in natural log) below the best are dropped: they are
# e^-10 times less likely and never recover in practice, and most slots are
# decided by their first candidate, so this keeps the search fast.
BEAM_MARGIN = 10.0


def best_path(
    lm: NgramModel,
    slots: Sequence[Sequence[Candidate]],
    *,
    beam: int = BEAM_WIDTH,
    weight: float = CHANNEL_WEIGHT,
) -> list[int]:
    """Index of the chosen candidate in each slot."""
    start = lm.start()
    states: dict[tuple[str, ...], float] = {start: 0.0}
    history: list[dict[tuple[str, ...], tuple[tuple[str, ...], int]]] = []
    logprob = lm.logprob
    for cands in slots:
        nxt: dict[tuple[str, ...], float] = {}
        back: dict[tuple[str, ...], tuple[tuple[str, ...], int]] = {}
        for ctx, score in states.items():
            tail = ctx[1:]
            for i, cand in enumerate(cands):
                total = score + logprob(ctx, cand.key) + weight * cand.channel
                state = (*tail, cand.key)
                for key in cand.more:
                    total += logprob(state, key)
                    state = (*state[1:], key)
                if total > nxt.get(state, -math.inf):
                    nxt[state] = total
                    back[state] = (ctx, i)
        if len(nxt) > 1:
            floor = max(nxt.values()) - BEAM_MARGIN
            kept = sorted((kv for kv in nxt.items() if kv[1] >= floor), key=lambda kv: -kv[1])
            nxt = dict(kept[:beam])
        states = nxt
        history.append(back)
    state = max(states, key=states.__getitem__)
    chosen: list[int] = []
    for back in reversed(history):
        state, i = back[state]
        chosen.append(i)
    chosen.reverse()
    return chosen


def local_posteriors(
    lm: NgramModel,
    slots: Sequence[Sequence[Candidate]],
    chosen: Sequence[int],
    *,
    weight: float = CHANNEL_WEIGHT,
) -> list[list[float]]:
    """For each slot, the probability of each candidate with its neighbours held fixed.

    This is the share of the score a candidate gets in its n-gram window: an
    honest, cheap measure of how much the context and the OCR token favour the
    choice over the alternatives.
    """
    span = lm.order - 1
    flat: list[str] = list(lm.start())
    starts = []
    for k, i in enumerate(chosen):
        starts.append(len(flat))
        flat.extend(slots[k][i].keys)
    starts.append(len(flat))
    out: list[list[float]] = []
    for k, cands in enumerate(slots):
        if len(cands) == 1:
            out.append([1.0])
            continue
        left = flat[starts[k] - span : starts[k]]
        right = flat[starts[k + 1] : starts[k + 1] + span]
        scores = []
        for cand in cands:
            window = [*left, *cand.keys, *right]
            s = weight * cand.channel
            for j in range(span, len(window)):
                s += lm.logprob(tuple(window[j - span : j]), window[j])
            scores.append(s)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        out.append([e / total for e in exps])
    return out
