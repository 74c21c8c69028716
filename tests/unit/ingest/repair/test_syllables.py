"""The generated syllable inventory follows Vietnamese spelling rules."""

import pytest

from tiendo.ingest.repair.syllables import has_vietnamese_marks, inventory, is_skeleton, is_syllable


@pytest.mark.parametrize(
    "word",
    [
        "quyết",
        "nghiệp",
        "Chương",
        "khuyến",
        "giữa",
        "gì",
        "ươm",
        "yêu",
        "hoà",
        "hòa",
        "thuỷ",
        "quốc",
        "đổi",
    ],
)
def test_real_syllables_are_valid(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["quyét", "thuc", "hién", "s6", "cia", "ngh", "kac", "ghe̊"])
def test_ocr_output_is_not_a_syllable(word):
    assert not is_syllable(word)


def test_stop_finals_take_only_two_tones():
    assert is_syllable("thực") and is_syllable("thức")
    assert not is_syllable("thừc") and not is_syllable("thuc")


def test_skeletons_ignore_diacritics():
    assert is_skeleton("quyet") and is_skeleton("thuc")
    assert is_skeleton("the")  # thé, thè, thẻ...
    assert not is_skeleton("brown")


def test_inventory_size_is_plausible():
    assert 10_000 < len(inventory()) < 30_000
    assert has_vietnamese_marks("số") and not has_vietnamese_marks("so")
