"""Tokens of OCR'd lines: words, protected codes and formulas, punctuation, sentence position."""

from tiendo.ingest.repair.tokens import Kind, mid_sentence, tokenize_line


def kinds(line):
    return [(t.kind, t.text) for t in tokenize_line(line)]


def test_markdown_marks_are_punctuation_around_words():
    assert kinds("**Ké hoach**") == [
        (Kind.PUNCT, "*"),
        (Kind.PUNCT, "*"),
        (Kind.WORD, "Ké"),
        (Kind.WORD, "hoach"),
        (Kind.PUNCT, "*"),
        (Kind.PUNCT, "*"),
    ]


def test_roman_heading_after_markdown_marks_is_protected():
    assert (Kind.PROTECTED, "II") in kinds("## II. NHIEM VU")


def test_word_glued_to_a_formula_is_split_off():
    assert kinds(r"Cé$\geq60\%$") == [(Kind.WORD, "Cé"), (Kind.PROTECTED, r"$\geq60\%$")]


def test_codes_stay_whole():
    assert (Kind.PROTECTED, "57-NQ/TW") in kinds("Nghi quyét s6 57-NQ/TW")


def test_mid_sentence_follows_a_word_or_a_comma_on_the_same_line():
    toks = tokenize_line("Tinh Ha Tinh, Bac Giang. Nam")
    flags = [(t.text, mid_sentence(toks, k)) for k, t in enumerate(toks) if t.kind is Kind.WORD]
    assert flags == [
        ("Tinh", False),
        ("Ha", True),
        ("Tinh", True),
        ("Bac", True),
        ("Giang", True),
        ("Nam", False),
    ]


def test_an_at_sign_is_a_letter_unless_in_an_email_address():
    assert kinds("x@ hdéi") == [(Kind.WORD, "x@"), (Kind.WORD, "hdéi")]
    assert kinds("sokhcn@tinh.gov.vn") == [(Kind.PROTECTED, "sokhcn@tinh.gov.vn")]
