"""The Vietnamese syllable inventory, generated from initials, rhymes and tones.

A written Vietnamese syllable is an optional initial consonant, a rhyme (an
optional medial, a vowel nucleus, an optional final) and one of six tones. The
spelling rules below (which initials go before which vowels, which tones a
stop-final rhyme allows) are what lets OCR output like "quyét" or "thuc" be
recognised as not Vietnamese at all.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from tiendo.text.vietnamese import fold, place_tone, strip_tone

INITIALS = (
    "",
    "b",
    "c",
    "ch",
    "d",
    "đ",
    "g",
    "gh",
    "gi",
    "h",
    "k",
    "kh",
    "l",
    "m",
    "n",
    "ng",
    "ngh",
    "nh",
    "p",
    "ph",
    "qu",
    "r",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
)

# Rhymes without tone, spelled as after an ordinary initial.
_OPEN_RHYMES = [
    "a",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iu",
    "iêu",
    "yêu",
    "oa",
    "oai",
    "oao",
    "oay",
    "oe",
    "oeo",
    "oi",
    "ôi",
    "ơi",
    "ua",
    "uây",
    "uê",
    "ui",
    "uy",
    "uya",
    "uyu",
    "uơ",
    "ưa",
    "ưi",
    "ưu",
    "ươi",
    "ươu",
    "uôi",
]
_CLOSED_RHYMES = [
    "ac",
    "ach",
    "am",
    "an",
    "ang",
    "anh",
    "ap",
    "at",
    "ăc",
    "ăm",
    "ăn",
    "ăng",
    "ăp",
    "ăt",
    "âc",
    "âm",
    "ân",
    "âng",
    "âp",
    "ât",
    "ec",
    "em",
    "en",
    "eng",
    "ep",
    "et",
    "êch",
    "êm",
    "ên",
    "ênh",
    "êp",
    "êt",
    "ich",
    "im",
    "in",
    "inh",
    "ip",
    "it",
    "oc",
    "om",
    "on",
    "ong",
    "op",
    "ot",
    "ôc",
    "ôm",
    "ôn",
    "ông",
    "ôp",
    "ôt",
    "ơm",
    "ơn",
    "ơp",
    "ơt",
    "uc",
    "um",
    "un",
    "ung",
    "up",
    "ut",
    "ưc",
    "ưm",
    "ưn",
    "ưng",
    "ưp",
    "ưt",
    "iêc",
    "iêm",
    "iên",
    "iêng",
    "iêp",
    "iêt",
    "yêm",
    "yên",
    "yêng",
    "yêt",
    "oac",
    "oach",
    "oam",
    "oan",
    "oang",
    "oanh",
    "oap",
    "oat",
    "oăc",
    "oăm",
    "oăn",
    "oăng",
    "oăt",
    "oen",
    "oet",
    "oong",
    "uân",
    "uâng",
    "uât",
    "uêch",
    "uênh",
    "uych",
    "uyn",
    "uynh",
    "uyp",
    "uyt",
    "uyên",
    "uyêt",
    "uôc",
    "uôm",
    "uôn",
    "uông",
    "uôt",
    "ươc",
    "ươm",
    "ươn",
    "ương",
    "ươp",
    "ươt",
]
RHYMES = tuple(_OPEN_RHYMES + _CLOSED_RHYMES)

_STOP_FINALS = ("c", "ch", "p", "t")
# Combining tone marks: none (ngang), grave, acute, hook, tilde, dot below.
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_FRONT = ("i", "e", "ê", "y")


def _initial_fits(initial: str, rhyme: str) -> bool:
    """Spelling rules that tie an initial to the first letter of the rhyme."""
    first = rhyme[0]
    front = (rhyme.startswith(_FRONT) and not rhyme.startswith(("ia", "iu"))) or first in "ieêy"
    if initial in ("k", "gh", "ngh"):
        return front
    if initial in ("c", "g", "ng"):
        return not front
    if initial == "qu":
        # "qu" already holds the medial u: qua, quân, quê, quy, quyết; never "quo" or "quu".
        if first == "u":
            return len(rhyme) > 1 and rhyme[1] in "aăâeêyôơ"
        return first not in "oôuư" and not rhyme.startswith(("ia", "iê", "yê"))
    if initial == "gi":
        # gi + i is written "gi" (gì, gìn); gi + iê is "giê" (giếng).
        return not rhyme.startswith(("y", "ia", "iu", "iê"))
    if rhyme.startswith("y") and len(rhyme) > 1:
        # "yêu", "yên" only stand without an initial (or after qu/u: "quyên").
        return initial == ""
    # Without an initial, iê is spelled yê ("yên"), never "iên".
    return not (initial == "" and rhyme.startswith("iê"))


def _rhyme_for_initial(initial: str, rhyme: str) -> str:
    if initial == "qu" and rhyme.startswith("u") and len(rhyme) > 1:
        return rhyme[1:]
    if initial == "gi" and rhyme.startswith("i") and len(rhyme) > 1 and rhyme[1] not in "aêu":
        return rhyme[1:]
    return rhyme


def _tones_for(rhyme: str) -> tuple[str, ...]:
    if rhyme.endswith(_STOP_FINALS):
        return ("\u0301", "\u0323")
    return TONES


def _with_tone(letters: str, tone: str, style: str) -> str:
    if not tone:
        return letters
    # place_tone needs a toned syllable: put the mark anywhere, then move it.
    return place_tone(unicodedata.normalize("NFC", letters[0] + tone + letters[1:]), style)


@lru_cache(maxsize=1)
def toneless_syllables() -> frozenset[str]:
    """Every spelling of initial + rhyme allowed by the spelling rules (lower case)."""
    out = set()
    for initial in INITIALS:
        for rhyme in RHYMES:
            if not _initial_fits(initial, rhyme):
                continue
            out.add(initial + _rhyme_for_initial(initial, rhyme))
    # "gi" alone and with a final stands for gi + i: gì, gìn, gịt.
    out.update({"gi", "gin", "gim", "git", "gich", "ginh", "gip"})
    return frozenset(out)


@lru_cache(maxsize=1)
def inventory() -> frozenset[str]:
    """Every toned syllable (lower case, NFC) in both tone-mark styles."""
    out = set()
    for letters in toneless_syllables():
        rhyme = letters
        for initial in sorted(INITIALS, key=len, reverse=True):
            if initial and letters.startswith(initial) and len(letters) > len(initial):
                rhyme = letters[len(initial) :]
                break
        for tone in _tones_for(rhyme):
            out.add(_with_tone(letters, tone, "old"))
            out.add(_with_tone(letters, tone, "new"))
    return frozenset(out)


@lru_cache(maxsize=1)
def skeletons() -> frozenset[str]:
    """ASCII skeletons (no diacritics, đ as d) of every syllable in the inventory."""
    return frozenset(fold(s) for s in toneless_syllables())


def is_syllable(word: str) -> bool:
    """True when ``word`` (any case) is a well-formed Vietnamese syllable."""
    return unicodedata.normalize("NFC", word.lower()) in inventory()


def is_skeleton(word: str) -> bool:
    """True when ``word`` without its diacritics spells some Vietnamese syllable."""
    return fold(word) in skeletons()


def has_vietnamese_marks(word: str) -> bool:
    """True when ``word`` carries a tone mark or one of ă â ê ô ơ ư đ."""
    letters, tone = strip_tone(word.lower())
    return tone is not None or any(ch in "ăâêôơưđ" for ch in letters)
