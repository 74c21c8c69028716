"""Legacy Vietnamese 8-bit encodings: TCVN3 (ABC), VNI-Windows and Windows-1258.

Older government files were typed with the ".Vn" fonts (TCVN3, standard TCVN
5712:1993) or the "VNI-" fonts (VNI-Windows, from VNI Software), where a
Vietnamese letter is stored as one byte (TCVN3) or as a base letter followed by
one mark byte (VNI). Read as Windows-1252 they show as "Ch\u00ad¬ng tr×nh" or
"Chöông trình"; these tables turn them back into Unicode.

The tables follow the published layouts of the two encodings; they were
checked letter by letter against the MIT-licensed tables of the viparse
package (0.1.31), which are derived from real government documents.
Windows-1258 stores tone marks as combining characters, so its text is
normalised to NFC.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3: byte → letter. TCVN3 has no capital toned letters (the ".VnTimeH" fonts
# draw lower-case bytes as capitals), so such headings come back in lower case.
_TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# VNI-Windows, as Windows-1252 characters: marks that follow a base vowel.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_VNI_TONE = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# Letters VNI writes as one character: đ, ơ, ư and the toned i's and ỵ.
_VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for lower in (True, False):

        def cased(s: str, lower: bool = lower) -> str:
            return s if lower else s.upper()

        for base in "aeouy":
            for mark, tone in _VNI_TONE.items():
                table[cased(base) + cased(mark)] = cased(_compose(base, tone))
        for base in "aeo":
            for mark, tone in _VNI_CIRCUMFLEX.items():
                table[cased(base) + cased(mark)] = cased(_compose(base, "\u0302", tone))
        for mark, tone in _VNI_BREVE.items():
            table[cased("a") + cased(mark)] = cased(_compose("a", "\u0306", tone))
        for horned, letter in (("ô", "ơ"), ("ö", "ư")):
            for mark, tone in _VNI_TONE.items():
                table[cased(horned) + cased(mark)] = cased(_compose(letter, tone))
        for single, letter in _VNI_SINGLE.items():
            table[cased(single)] = cased(letter)
        # Some VNI files also write ì and í as i + mark.
        for mark in "øù":
            table[cased("i") + cased(mark)] = cased(_compose("i", _VNI_TONE[mark]))
    return table


_VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))


def decode_tcvn3(data: bytes) -> str:
    """Unicode (NFC) text of TCVN3 bytes; bytes outside the table are read as Windows-1252."""
    out = []
    for b in data:
        ch = _TCVN3.get(b)
        out.append(ch if ch is not None else bytes([b]).decode("cp1252", errors="replace"))
    return unicodedata.normalize("NFC", "".join(out))


def decode_vni(data: bytes) -> str:
    """Unicode (NFC) text of VNI-Windows bytes."""
    surface = data.decode("cp1252", errors="replace")
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: _VNI[m.group(0)], surface))


def decode_cp1258(data: bytes) -> str:
    """Unicode (NFC) text of Windows-1258 bytes (tone marks stored as combining characters)."""
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


DECODERS = {"cp1258": decode_cp1258, "tcvn3": decode_tcvn3, "vni": decode_vni}


def encode_tcvn3(text: str) -> bytes:
    """TCVN3 bytes of ``text`` (for tests and sample files); capitals toned letters are lowered."""
    reverse = {ch: b for b, ch in _TCVN3.items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse and ch not in "ĂÂÊÔƠƯĐ":
            out.append(reverse[ch.lower()])
        else:
            out += ch.encode("cp1252")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """VNI-Windows bytes of ``text`` (for tests and sample files)."""
    reverse = {letter: seq for seq, letter in _VNI.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(reverse.get(ch, ch))
    return "".join(out).encode("cp1252")
