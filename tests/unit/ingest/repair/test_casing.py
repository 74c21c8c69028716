"""Case patterns, and what a capital in mid-sentence says about a word."""

import pytest

from tiendo.ingest.repair.casing import CaseModel, apply_shape, case_shape


@pytest.mark.parametrize(
    ("token", "shape"),
    [("ha", "lower"), ("Ha", "title"), ("X", "title"), ("UBND", "upper"), ("IoT", "mixed")],
)
def test_case_shape(token, shape):
    assert case_shape(token) == shape


def test_apply_shape():
    assert apply_shape("tĩnh", "title") == "Tĩnh"
    assert apply_shape("mục tiêu", "upper") == "MỤC TIÊU"


@pytest.fixture(scope="module")
def case():
    # (key, written, mid-sentence): names are capitalised, common words are not.
    lines = [
        [("tỉnh", "tỉnh", True), ("hà", "Hà", True), ("tĩnh", "Tĩnh", True)] for _ in range(30)
    ]
    lines += [[("xuyên", "xuyên", True), ("tỉnh", "Tỉnh", False)] for _ in range(30)]
    return CaseModel.learn(lines)


def test_a_capital_favours_words_written_as_names(case):
    assert case.title_logprob("tĩnh") > 0 > case.title_logprob("tỉnh")
    assert case.lower_logprob("tỉnh") > case.lower_logprob("tĩnh")


def test_the_penalty_of_a_capital_is_capped(case):
    # Table cells and headings capitalise ordinary words too.
    assert case.title_logprob("xuyên") >= -2.5


def test_line_start_capitals_are_not_counted(case):
    assert case.counts["tỉnh"] == [30, 0]


def test_a_capital_on_a_never_capitalised_word_is_a_slip(case):
    assert case.is_slip("xuyên")
    assert not case.is_slip("tĩnh")
    assert not case.is_slip("chưa thấy")
