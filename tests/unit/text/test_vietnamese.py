from hypothesis import given
from hypothesis import strategies as st

from tiendo.text.vietnamese import fold, match_key, nfc, normalize_tone_marks, place_tone


def test_fold_removes_diacritics_case_and_d_stroke():
    assert fold("Chuyển Đổi Số") == "chuyen doi so"
    assert fold("  Kinh   tế  số ") == "kinh te so"


def test_fold_finds_the_same_key_for_decomposed_text():
    decomposed = "chuye\u0302\u0309n đo\u0302\u0309i so\u0302\u0301"
    assert fold(decomposed) == fold("chuyển đổi số")


def test_old_style_puts_the_tone_on_the_first_vowel_of_open_oa_oe_uy():
    assert normalize_tone_marks("hoà thuỷ khoẻ", style="old") == "hòa thủy khỏe"


def test_new_style_puts_the_tone_on_the_second_vowel_of_open_oa_oe_uy():
    assert normalize_tone_marks("hòa thủy khỏe", style="new") == "hoà thuỷ khoẻ"


def test_closed_syllables_and_marked_vowels_are_the_same_in_both_styles():
    for word in ("hoàn", "toán", "người", "quyết", "giữa", "khuyến", "thuở"):
        assert place_tone(word, "old") == place_tone(word, "new") == nfc(word)


def test_qu_and_gi_belong_to_the_initial_consonant():
    assert place_tone("quý") == "quý"
    assert place_tone("giá") == "giá"
    assert place_tone("gì") == "gì"


def test_case_is_kept_when_placing_tones():
    assert normalize_tone_marks("Hoà Bình", style="old") == "Hòa Bình"


def test_match_key_equates_tone_styles_and_case():
    assert match_key("UBND tỉnh Hoà Bình") == match_key("ubnd tỉnh hòa bình")


vietnamese_text = st.text(
    alphabet="aăâeêioôơuưyđhkltnmgqrsvxcbpàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ HOÀ",
    max_size=40,
)


@given(vietnamese_text)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_tone_placement_never_changes_the_folded_text(text):
    assert fold(normalize_tone_marks(text)) == fold(text)


@given(vietnamese_text)
def test_tone_placement_is_idempotent(text):
    once = normalize_tone_marks(text)
    assert normalize_tone_marks(once) == once
