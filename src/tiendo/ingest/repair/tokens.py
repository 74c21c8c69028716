"""Split a line of (possibly OCR-mangled) text into words, protected tokens and punctuation.

Every token keeps its column span in the line, so a repair can put each word
back where it was and leave spaces, punctuation, numbers and document codes
exactly as they came. OCR of Vietnamese with an English engine writes letters
as digits and symbols ("s6" for "số", "|a" for "là", "k¥" for "kỹ"), so a word
here is any run that holds a letter, not only letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from tiendo.text.vietnamese import fold


class Kind(Enum):
    WORD = "word"  # may be repaired
    PROTECTED = "protected"  # numbers, dates, codes, Roman numerals, formulas: kept byte for byte
    PUNCT = "punct"  # punctuation and symbols: kept, used as context


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str
    start: int  # column of the first character in the line (0-based)
    end: int  # column after the last character


_CHUNK = re.compile(r"\S+")
# Markdown emphasis and heading marks ("**Kế hoạch**", "## I.") count as punctuation too.
_LEADING = "([\"“‘'«<{*#_"
_TRAILING = ",.;:!?)]\"”’'»>…}*_"
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
# Dates, numbers, percentages, ranges, decimal commas and thousands separators.
_NUMBERISH = re.compile(r"^[+\-±≥≤<>~]?\d[\d.,/:\-–%x×]*%?$")
# Document numbers and codes: "57-NQ/TW", "03/NQ-CP", "441/KH-UBND", "NQ/TW".
_CODE = re.compile(r"^\d*[/\-]?(?:[A-ZĐ&]+[/\-])+[A-ZĐ&0-9]+$|^\d+[/\-][A-ZĐ&][A-ZĐ&0-9/\-]*$")
_ROMAN = re.compile(r"^(?=[IVXLC]{2,}$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_HEADING = re.compile(r"^[IVXLC]+\.$")
_FORMULA = re.compile(r"[$\\]|://|^www\.|\w@\w+\.\w")  # formulas, URLs, e-mail addresses
_WORD_SPLIT = re.compile(r"([\-–/])")
_DISGUISED_WORD = re.compile(r"^\d[&¢€¥]$|^[&¢€¥]\d$")
_WORD_BEFORE_FORMULA = re.compile(r"^([^\W\d_]{1,7})(?=[$\\])")


def _protected(chunk: str) -> bool:
    if _FORMULA.search(chunk):
        return True
    if _NUMBERISH.match(chunk):
        return True
    if _DIGIT.search(chunk) and _CODE.match(chunk):
        return True
    return bool(_ROMAN.match(chunk))


def _split_chunk(chunk: str, offset: int, line_start: bool) -> list[Token]:
    if line_start and _ROMAN_HEADING.match(chunk):
        return [
            Token(Kind.PROTECTED, chunk[:-1], offset, offset + len(chunk) - 1),
            Token(Kind.PUNCT, ".", offset + len(chunk) - 1, offset + len(chunk)),
        ]
    lead = 0
    while lead < len(chunk) and chunk[lead] in _LEADING:
        lead += 1
    trail = len(chunk)
    while trail > lead and chunk[trail - 1] in _TRAILING:
        trail -= 1
    out = [Token(Kind.PUNCT, chunk[i], offset + i, offset + i + 1) for i in range(lead)]
    core = chunk[lead:trail]
    if core:
        out += _split_core(core, offset + lead)
    out += [
        Token(Kind.PUNCT, chunk[i], offset + i, offset + i + 1) for i in range(trail, len(chunk))
    ]
    return out


def _split_core(core: str, offset: int) -> list[Token]:
    lead = _WORD_BEFORE_FORMULA.match(core)
    if lead:
        # A word the OCR glued to a formula ("Có$\geq 60\%$" read as "Cé$\geq60\%$").
        word = lead.group(1)
        rest = _split_core(core[len(word) :], offset + len(word))
        return [Token(Kind.WORD, word, offset, offset + len(word)), *rest]
    if _protected(core):
        return [Token(Kind.PROTECTED, core, offset, offset + len(core))]
    if _DISGUISED_WORD.match(core):
        # A digit and a symbol no number has: a word English OCR lost ("1&" for "lộ").
        return [Token(Kind.WORD, core, offset, offset + len(core))]
    if not _LETTER.search(core):
        kind = Kind.PROTECTED if _DIGIT.search(core) else Kind.PUNCT
        return [Token(kind, core, offset, offset + len(core))]
    out = []
    pos = offset
    for part in _WORD_SPLIT.split(core):
        if not part:
            continue
        if _WORD_SPLIT.fullmatch(part):
            out.append(Token(Kind.PUNCT, part, pos, pos + 1))
        elif _LETTER.search(part):
            out.append(Token(Kind.WORD, part, pos, pos + len(part)))
        else:
            out.append(Token(Kind.PROTECTED, part, pos, pos + len(part)))
        pos += len(part)
    return out


def tokenize_line(line: str) -> list[Token]:
    """Tokens of one line, in order, with their column spans."""
    tokens: list[Token] = []
    for m in _CHUNK.finditer(line):
        # A heading's Roman numeral may follow Markdown marks ("## II.").
        line_start = all(t.kind is Kind.PUNCT for t in tokens)
        tokens += _split_chunk(m.group(0), m.start(), line_start=line_start)
    return tokens


def lm_key(token: Token) -> str:
    """The language-model word a token stands for once it is repaired.

    Words are lower case with their tone marks placed the old way, so "Hoà"
    and "hòa" are one word; numbers and codes are classes, since their exact
    value says little about the words around them.
    """
    from tiendo.text.vietnamese import normalize_tone_marks

    if token.kind is Kind.WORD:
        return normalize_tone_marks(token.text.lower())
    if token.kind is Kind.PROTECTED:
        return "<code>" if _LETTER.search(token.text) else "<num>"
    return token.text


def skeleton(text: str) -> str:
    """Lower-case ASCII letters of ``text``: the shape shared by a syllable and its OCR."""
    return fold(text)


# Punctuation after which the next word is still inside the sentence.
_MID_SENTENCE_PUNCT = frozenset(",;(")


def mid_sentence(tokens: list[Token], k: int) -> bool:
    """True when token ``k`` follows something of its own sentence on the same line.

    Only then does a capital say something about the word: at the start of a
    line, a list item or a sentence every word may be capitalised.
    """
    if k == 0:
        return False
    prev = tokens[k - 1]
    return prev.kind is not Kind.PUNCT or prev.text in _MID_SENTENCE_PUNCT
