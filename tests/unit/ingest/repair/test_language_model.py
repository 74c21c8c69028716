"""The n-gram language model: counts, modified Kneser–Ney smoothing, storage."""

import math

import pytest

from tiendo.ingest.repair.language_model import (
    BOS,
    NgramModel,
    count_ngrams,
    group_by_first,
    ungroup,
)

# Written for this test.
SENTENCES = [
    "sở khoa học và công nghệ chủ trì",
    "sở tài chính chủ trì bố trí kinh phí",
    "sở nội vụ phối hợp với sở khoa học và công nghệ",
    "các sở ngành chủ động phối hợp",
]
STREAMS = [sentence.split() for sentence in SENTENCES]


@pytest.fixture(scope="module")
def model():
    return NgramModel(count_ngrams(STREAMS, order=3))


def test_counts_are_padded_with_sentence_starts():
    counts = count_ngrams([["a", "b"]], order=3)
    assert counts == {(BOS, BOS, "a"): 1, (BOS, "a", "b"): 1}


@pytest.mark.parametrize("context", [("sở", "khoa"), ("chủ",), ("không", "có"), ()])
def test_probabilities_over_the_vocabulary_sum_to_at_most_one(model, context):
    total = sum(math.exp(model.logprob(context, w)) for w in model.vocabulary)
    # The rest of the mass is kept for words never seen.
    assert 0.95 < total <= 1.0 + 1e-9


def test_seen_continuation_beats_an_unseen_one(model):
    assert model.logprob(("khoa", "học"), "và") > model.logprob(("khoa", "học"), "phí")
    assert model.logprob(("sở",), "khoa") > model.logprob(("sở",), "trì")


def test_unknown_word_gets_a_small_probability(model):
    assert model.logprob(("sở",), "xyz") < model.logprob(("sở",), "trì")
    assert math.isfinite(model.logprob(("sở",), "xyz"))


def test_order_and_start_context(model):
    assert model.order == 3
    assert model.start() == (BOS, BOS)


def test_counts_survive_the_storage_format():
    counts = count_ngrams(STREAMS, order=4)
    assert ungroup(group_by_first(counts)) == counts
