"""The name of the indicator a stated value belongs to.

A plan writes "Tỷ lệ hộ gia đình có cáp quang đạt trên 90%": the indicator is
the noun phrase before the qualifier. Some values come after a verb of the task
("bố trí ít nhất 3% tổng chi ngân sách ...", "thu hút ít nhất 01 tổ chức ...")
or inside a longer sentence ("... góp phần nâng chỉ số HDI lên trên 0,7"); the
name is then built from the noun phrase after the value, or started at the
indicator's head noun ("tỷ lệ", "chỉ số", "quy mô" ...).
"""

from __future__ import annotations

import re

from tiendo.domain.plan import TargetKind
from tiendo.ingest.extract.keys import fold_keep
from tiendo.ingest.extract.quantities import Quantity

# Words between an indicator and its value, as written (with diacritics).
_QUALIFIER_WORDS = {
    "phấn đấu", "đạt", "ở mức", "mức", "tối thiểu", "ít nhất", "trên", "dưới", "khoảng", "chiếm", "duy trì",
    "là", "từ", "tăng", "tăng trưởng", "bình quân", "trung bình", "hằng năm", "hàng năm", "không quá",
    "tối đa", "hướng tới", "lên", "đến", "bằng", "không thấp hơn", "không dưới", "còn", "giảm", "xuống",
    "trong", "thuộc", "vào", "nằm", "nằm trong", "phần đầu", "đạt mức", "ở", "có", "được", "nâng", "nâng lên",
    "đưa", "giữ", "giữ vững", "đứng", "thứ", "là một",
}  # fmt: skip
_QUALIFIER_FOLDED = {fold_keep(w) for w in _QUALIFIER_WORDS}
_HEADS = re.compile(
    r"\b(?:ty le|ti le|ty trong|chi so|quy mo|so luong|toc do|gia tri|kinh phi|nhan luc|doanh thu|nang suat)\b"
)
_VERBS = re.compile(
    r"^(?:bo tri|ho tro|dao tao|thu hut|hinh thanh|xay dung|phan dau|bao dam|dam bao|hoan thanh|duy tri|"
    r"phat trien|mo rong|nang|boi duong|dua|to chuc|trien khai|phu song|so hoa)\b"
)
_OPENERS = re.compile(
    r"^[\s,;:.\-–+•*]*(?:(?:va|trong do|dong thoi|phan dau|nham|de|dam bao|bao dam|ngoai ra|ngoai cac chi tieu tren)[\s,]+)*"
    r"(?:(?:den het|den|het|vao|trong|nam)\s+(?:n\w?m\s+)?\d{4}\s*[,:]?\s*)?"
)
_YEAR_TAIL = re.compile(r"[\s,]*(?:vao|den|trong)?\s*(?:n\w?m\s+)?(?:19|20)\d\d\s*$")


def _strip_qualifiers(text: str, start: int, end: int) -> int:
    """Where the indicator ends, once the qualifier words before the value are dropped."""
    while end > start:
        seg = text[start:end].rstrip()
        if not seg:
            return start
        if seg[-1] in "$≥≤<>=:,;\\" or seg.endswith(("\\geq", "\\leq")):
            end = start + len(seg) - (4 if seg.endswith(("\\geq", "\\leq")) else 1)
            continue
        words = seg.split()
        for n in (3, 2, 1):
            if len(words) < n:
                continue
            tail = " ".join(words[-n:]).lower()
            # Written without diacritics (OCR) or with the wrong ones ("phân đầu"): compare keys,
            # for single words only when there are no marks to tell "từ" from "tử".
            plain = tail == fold_keep(tail) or n > 1
            if tail in _QUALIFIER_WORDS or (plain and fold_keep(tail) in _QUALIFIER_FOLDED):
                end = start + seg.rfind(words[-n])
                break
        else:
            return start + len(seg)
    return start


def _suffix(text: str, q: Quantity, hi: int) -> str:
    tail = re.split(r"[;.(]", text[q.end : hi], maxsplit=1)[0]
    words = tail.split()[:16]
    while words and fold_keep(words[-1].lower().strip(",")) in (
        "va",
        "hoac",
        "cua",
        "cho",
        "ve",
        "de",
        "voi",
        "tai",
    ):
        words.pop()
    name = " ".join(words).strip(" ,")
    return _YEAR_TAIL.sub("", name) if _YEAR_TAIL.search(fold_keep(name)) else name


def name_indicator(
    text: str, key: str, lo: int, q: Quantity, prev_end: int, hi: int, prev_name: str | None
) -> tuple[str, tuple[int, int]]:
    """The indicator of ``q`` in the clause ``text[lo:hi]``, and the span of the phrase stating it."""
    start = max(lo, prev_end)
    phrase_end = q.end
    end = _strip_qualifiers(text, start, q.start)
    opener = _OPENERS.match(key[start:end])
    cut = start + (opener.end() if opener else 0)
    name = text[cut:end].strip(" ,;:.-–")
    phrase_start = cut
    # In a long sentence the indicator starts at its head noun: "... vào chỉ số HDI".
    fold = fold_keep(name).lower()
    heads = [
        h
        for h in _HEADS.finditer(fold)
        if not re.search(r"\b(?:cua|ve|trong)\s*$", fold[: h.start()])
    ]
    if heads and heads[-1].start() > 0 and len(fold[: heads[-1].start()].split()) > 4:
        name = name[heads[-1].start() :]
        phrase_start = cut + heads[-1].start()
    fold = fold_keep(name).lower()
    if _YEAR_TAIL.search(fold):
        name = name[: _YEAR_TAIL.search(fold).start()]
    after = _suffix(text, q, hi)
    if q.counted:
        name = "Số " + after if after else name
        phrase_end = q.end + len(text[q.end :]) - len(text[q.end :].lstrip()) + len(after)
    elif q.kind == TargetKind.RANK:
        # "thuộc nhóm 20 địa phương dẫn đầu cả nước về X": the ranking is about X.
        about = re.search(r"\bve\s+(?=\S)", fold_keep(after).lower())
        if not _HEADS.search(fold) and about:
            name = "Xếp hạng về " + after[about.end() :]
    elif (not name or (len(name.split()) <= 3 and _VERBS.match(fold))) and after:
        name = ("Tỷ lệ " if q.unit.startswith("%") else "") + after
        phrase_end = q.end + len(text[q.end :]) - len(text[q.end :].lstrip()) + len(after)
    if not name or fold.strip() in ("va", "hoac"):
        name = prev_name or after
    name = re.sub(r"\s+", " ", name).strip(" ,;:.-–$")
    if name and name[0].islower():
        name = name[0].upper() + name[1:]
    return name[:200], (phrase_start, phrase_end)
