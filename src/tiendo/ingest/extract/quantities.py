"""Quantities stated in prose: a value, its comparator, unit and kind.

A plan states a target as an indicator, a qualifier and a number:
"tỷ lệ ... đạt tối thiểu 30% GRDP", "tăng bình quân 10%/năm", "thuộc nhóm
20 địa phương dẫn đầu", "tăng 2 (hai) lần so với năm 2025". This module
finds such quantities in one clause and reads each one; it does not decide
whether a quantity is a target (that depends on the section, see
``targets``). Keyword rules run on the OCR key of the text (see ``keys``),
numbers are read from the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tiendo.domain.plan import Comparator, TargetKind
from tiendo.ingest.extract.keys import fold_keep
from tiendo.text.numbers import NumberFormatError, parse_number

NUM = r"\d+(?:[.,]\d+)?"
_SYMBOLS = {
    "≥": Comparator.GE,
    ">=": Comparator.GE,
    "\\geq": Comparator.GE,
    "\\ge": Comparator.GE,
    "≤": Comparator.LE,
    "<=": Comparator.LE,
    "\\leq": Comparator.LE,
    "\\le": Comparator.LE,
    ">": Comparator.GT,
    "\\gt": Comparator.GT,
    "<": Comparator.LT,
    "\\lt": Comparator.LT,
    "=": Comparator.EQ,
}
SYMBOL = r"(?:≥|≤|>=|<=|\\geq|\\leq|\\ge|\\le|\\gt|\\lt|>|<|=)"

# Qualifiers in words, as folded word sequences, longest first.
_WORD_OPS: list[tuple[tuple[str, ...], Comparator | str]] = sorted(
    [
        (("khong", "thap", "hon"), Comparator.GE),
        (("khong", "duoi"), Comparator.GE),
        (("khong", "it", "hon"), Comparator.GE),
        (("toi", "thieu"), Comparator.GE),
        (("it", "nhat"), Comparator.GE),
        (("thap", "nhat"), Comparator.GE),
        (("khong", "vuot", "qua"), Comparator.LE),
        (("khong", "qua"), Comparator.LE),
        (("khong", "cao", "hon"), Comparator.LE),
        (("khong", "lon", "hon"), Comparator.LE),
        (("toi", "da"), Comparator.LE),
        (("cao", "nhat"), Comparator.LE),
        (("tren",), Comparator.GT),
        (("hon",), Comparator.GT),
        (("vuot",), Comparator.GT),
        (("cao", "hon"), Comparator.GT),
        (("lon", "hon"), Comparator.GT),
        (("duoi",), Comparator.LT),
        (("thap", "hon"), Comparator.LT),
        (("nho", "hon"), Comparator.LT),
        (("khoang",), Comparator.EQ),
        (("xap", "xi"), Comparator.EQ),
        (("tu",), "from"),
    ],
    key=lambda item: -len(item[0]),
)
# Words that may stand between the qualifier and the number ("đạt tối thiểu",
# "ở mức trên", "hướng tới tối thiểu đạt", "tăng bình quân").
_FILLERS = {
    "dat",
    "o",
    "muc",
    "chiem",
    "la",
    "duy",
    "tri",
    "len",
    "bang",
    "phan",
    "dau",
    "huong",
    "toi",
    "tang",
    "truong",
    "binh",
    "quan",
    "trung",
    "con",
    "giam",
    "xuong",
    "co",
    "nang",
    "cao",
    "thi",
    "se",
    "van",
    "duoc",
    "tiep",
    "tuc",
    "luy",
    "ke",
}
_ANNUAL = re.compile(
    r"\b(?:hang|hàng|moi|mot|binh quan|trung binh|/)\s*n\w?m\b|\bbinh quan\b|\btrung binh\b"
)

# What a counted noun must not be: units of time, ordinal uses, money.
_WORD_NUMBERS = {
    "doi": 2.0,
    "ruoi": 1.5,
    "hai": 2.0,
    "ba": 3.0,
    "bon": 4.0,
    "nam": 5.0,
    "muoi": 10.0,
}
# Durations, sums of money, areas and lengths: with a written bound ("không quá 24
# giờ", "tối thiểu 1.500 tỷ đồng", "ít nhất 500 ha", "không quá 80 km") they are
# levels to reach; without one they describe the task ("hỗ trợ 50 triệu đồng").
_MEASURES = {
    "gio",
    "ngay",
    "phut",
    "ty",
    "ti",
    "trieu",
    "nghin",
    "ngan",
    "ha",
    "km",
    "m",
    "kg",
    "tan",
    # durations in months and weeks: "không quá 9 tháng", "tối đa 2 tuần"
    "thang",
    "tuan",
}
_NOT_COUNTED = set(
    [
        "nam",
        "nim",
        "ndm",
        "thang",
        "ngay",
        "tuan",
        "gio",
        "phut",
        "giay",
        "quy",
        "tuoi",
        "lan",
        "cap",
        "khau",
        "tru",
        "ro",
        "buoc",
        "giai",
        "dot",
        "ky",
        "muc",
        "loai",
        "van",
        "trieu",
        "ty",
        "ti",
        "nghin",
        "ngan",
        "dong",
        "usd",
        "trang",
        "dieu",
        "khoan",
        "chuong",
        "phan",
        "nguoi/van",
        "km",
        "m",
        "ha",
        "mw",
        "kw",
        "tan",
        "lit",
        "kg",
        "thu",
        "ban",
        "so",
        "g",
        "nhom",
        "top",
        "phien",
        "khoa",
        "chi",
        "do",
        "diem",
        "gb",
        "mb",
        "cac",
        "nhung",
        "moi",
        "va",
        # words that follow a label, never a counted noun ("mức 2 được kích hoạt")
        "duoc",
        "la",
        "se",
        "dang",
    ]
)
# Words before a number that make it a reference, not a quantity.
_REFERENCE_BEFORE = re.compile(
    r"(?:\bso|\bde an|\bchi thi|\bquyet dinh|\bnghi quyet|\bnghi dinh|\bke hoach|\bcong van|\bthong tu|"
    r"\bchuong trinh|\bkhoa|\blan thu|\bdieu|\bkhoan|\bmuc|\bgiai doan|\bphien ban|\bphu luc|\bngay|"
    r"\bthang|\bquy|\bn\w?m|\bdu an|\bchuong|\bphan|\btap|\bthu|\bnhiem ky|\bcap|\bdoan|\bnhom|\bto|\btop|"
    # "định danh điện tử mức độ 2", "dịch vụ công cấp độ 4": a level of service, not a value
    r"\bmuc do|\bcap do|"
    # the number of a standard: "đạt chuẩn ISO/IEC 17025", "TCVN 9001"
    r"\biso(?:/iec)?|\btcvn|\bqcvn)\s*$"
)
# Verbs whose object is a result to count: "hình thành 03 nhóm nghiên cứu", "đào tạo
# 500 kỹ sư". Counts after verbs of activity ("tổ chức 02 hội nghị") describe the task.
# ("phát triển 3 trụ cột" names the scope of a task, so it is not among them.)
MAKES = re.compile(
    r"\b(?:hinh thanh|xay dung|thanh lap|dao tao|boi duong|thu hut|nhan rong|uom tao)\s*$"
)
# Events a task holds ("tổ chức 02 hội nghị trong năm 2025") are how it is done, not a result.
EVENTS = re.compile(
    r"\s*(?:\([^)]{1,20}\)\s*)?(?:hoi nghi|hoi thao|toa dam|dien dan|lop|khoa|dot|cuoc|buoi|phien|su kien)\b"
)
# Nouns that are counted only when a task makes them: "hình thành 03 nhóm nghiên cứu"
# (elsewhere "7 nhóm nhiệm vụ" describes the plan).
_MADE_ONLY = {"nhom"}
# Nouns counted only with a written bound: "ít nhất 03 nhóm nghiên cứu", "ít nhất 02 lần
# mỗi năm" (a multiple, "tăng 2 lần", is read before counts are).
# Scores too, with their bound: "PCI đạt trên 70 điểm" (unbounded, "5 điểm du lịch" are places).
# Events and courses too: "ít nhất 01 đợt tập huấn", "tối thiểu 200 khóa học trực tuyến".
_BOUNDED_ONLY = {"nhom", "lan", "diem", "dot", "khoa", "lop", "buoi", "phien", "cuoc"}
# A number in words after a written bound: "mỗi hộ có ít nhất một người biết ký số".
_BOUND_IN_WORDS = re.compile(
    r"\b(?:it nhat|toi thieu|khong it hon)\s+(?P<w>mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+"
    r"(?P<noun>[a-z][a-z/]*)"
)
_WRITTEN_NUMBERS = {
    "một": 1.0,
    "hai": 2.0,
    "ba": 3.0,
    "bốn": 4.0,
    "năm": 5.0,
    "sáu": 6.0,
    "bảy": 7.0,
    "tám": 8.0,
    "chín": 9.0,
    "mười": 10.0,
}


@dataclass
class Quantity:
    """A number with what qualifies it, at [start, end) of the clause's text."""

    start: int
    end: int
    value: float | None
    op: Comparator
    unit: str
    kind: TargetKind
    value_max: float | None = None
    base_year: int | None = None
    explicit: bool = False  # the comparator is written ("tối thiểu", "≥")
    counted: bool = False  # a count of things, "01 khu", "2 địa phương"


_GRDP_SHARE = re.compile(
    r"\b(?:trong|tren|so voi)\s+(?:tong\s+)?(?:grdp|tong san pham(?: tren dia ban)?(?: cua tinh)?)\b"
)


def unit_of_share(unit: str, indicator: str) -> str:
    """ "%" of an indicator that is a share of GRDP is "% GRDP".

    "Tỷ trọng kinh tế số trong GRDP: 30%" states the same quantity as "kinh tế số
    chiếm 30% GRDP"; targets of different plans compare only in the same unit.
    Growth of GRDP ("tốc độ tăng trưởng GRDP") is not a share.
    """
    if unit != "%":
        return unit
    key = fold_keep(indicator).lower()
    return "% GRDP" if _GRDP_SHARE.search(key) else unit


def _number(text: str) -> float | None:
    try:
        return parse_number(text)
    except NumberFormatError:
        return None


# Folded alike, told apart by their marks: "mục 3" (a section) and "mức 42%" (a level),
# "số 5" (a number) and "5 sở" (departments).
_NOT_REFERENCE_WORDS = {"mức", "mực"}
# Before a percentage only a ranking group or a list label makes it a reference.
_PERCENT_REFERENCE = re.compile(r"(?:\bnhom|\btop|\bdieu|\bkhoan|\bmuc)\s*$")


def _is_reference(
    key: str, start: int, end: int, text: str | None = None, percent: bool = False
) -> bool:
    """The number at [start, end) is a date, a year, a document number or a label."""
    before = key[max(0, start - 20) : start]
    after = key[end : end + 3]
    if before.endswith("/") or re.match(r"\s*/\s*\d", after) or re.match(r"/[a-z]", after):
        return True
    if re.match(r"\s?[-–]\s?[a-z]{2}", after) and not re.match(r"\s?[-–]\s?\d", after):
        return True
    if before.endswith("(") and after.startswith(")"):
        return True
    if before.endswith("-") and re.search(r"[a-z]-$", before):
        return True
    m = (_PERCENT_REFERENCE if percent else _REFERENCE_BEFORE).search(before)
    if m and text is not None:
        word = text[max(0, start - 20) + m.start() : max(0, start - 20) + m.end()].strip().lower()
        if word in _NOT_REFERENCE_WORDS:
            return False
    return bool(m)


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", text))


def qualifier_before(
    key: str, lo: int, start: int, text: str | None = None
) -> tuple[Comparator | str | None, bool, int]:
    """The qualifier written before a number: (comparator or "from", growth, where).

    Walks back over the words of ``key[lo:start]`` from the number, past
    words that may stand between a qualifier and its number; stops at a
    word that may not. ``growth`` tells whether "tăng" was among them.
    With ``text``, words folded alike are told apart by their marks: "từ"
    (from) is a qualifier, "điện tử" is not.
    """
    head = key[lo:start].rstrip(" $")
    m = re.search(SYMBOL + r"\s*$", head)
    if m:
        return _SYMBOLS[m.group(0).strip()], False, lo + m.start()
    spans = [(w.group(0), w.start()) for w in re.finditer(r"[a-z]+|[^\sa-z]", head)]
    words = [w for w, _ in spans]
    growth = False
    i = len(words)
    steps = 0
    while i > 0 and steps < 7:
        for phrase, op in _WORD_OPS:
            n = len(phrase)
            if i - n >= 0 and tuple(words[i - n : i]) == phrase:
                if phrase == ("tu",) and text is not None:
                    at = lo + spans[i - 1][1]
                    if text[at : at + 2].lower() not in ("từ", "tu"):
                        continue
                if phrase == ("tu",) and i >= 2 and words[i - 2] == "tang":
                    growth = True
                return op, growth, start
        w = words[i - 1]
        if w == "tang":
            growth = True
        if w not in _FILLERS:
            break
        i -= 1
        steps += 1
    return None, growth, start


def qualifier_after(key: str, end: int, hi: int) -> str | None:
    tail = key[end:hi]
    if re.match(r"\s*(?:\\?%\$?)?\s*(?:/\s*n\w?m\s*)?(?:\S+\s+){0,3}?tro len\b", tail):
        return "up"
    if re.match(r"\s*(?:\\?%\$?)?\s*(?:\S+\s+){0,3}?tro xuong\b", tail):
        return "down"
    return None


def find_quantities(text: str, key: str, lo: int, hi: int) -> list[Quantity]:
    """Every quantity in ``text[lo:hi]`` (a clause), in order, without overlaps."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(q: Quantity) -> None:
        found.append(q)
        taken.append((q.start, q.end))

    seg = key[lo:hi]

    # x times a base year: "tăng 2 (hai) lần so với năm 2025", "gấp 3 lần", "tăng gấp đôi"
    for m in re.finditer(
        r"(?:tang|gap)\s+(?:len\s+)?(?:khoang\s+|it nhat\s+|toi thieu\s+|tren\s+)?(?:(?P<v>"
        + NUM
        + r")\s*(?:\([a-z ]+\)\s*)?lan\b|(?:gap\s+)?(?P<w>doi|ruoi|hai|ba|bon|nam|muoi)\b(?:\s+lan\b)?)"
        # "gấp đôi năm 2025": the base year may follow the multiple directly
        r"(?:\s+(?:(?:so voi|cua)\s+)?(?:"
        + r"n\w?m\s+)(?P<base>(?:19|20)\d\d)|\s+(?:so voi|cua)\s+(?P<base2>(?:19|20)\d\d))?",
        seg,
    ):
        word = m.group("w")
        if word and not re.search(r"\bgap\b|\blan\b", m.group(0)):
            continue  # "tăng hai" without "gấp" or "lần" is not a multiple
        vstart = m.start("v") if m.group("v") else m.start("w")
        s, e = lo + vstart, lo + m.end()
        value = _WORD_NUMBERS[word] if word else _number(text[lo + m.start("v") : lo + m.end("v")])
        if value is None:
            continue
        op, _, _ = qualifier_before(key, lo, lo + vstart, text)
        op = op if isinstance(op, Comparator) else Comparator.EQ
        base = m.group("base") or m.group("base2")
        base = int(base) if base else None
        add(
            Quantity(
                s,
                e,
                value,
                op,
                "lần",
                TargetKind.MULTIPLE,
                base_year=base,
                explicit=op != Comparator.EQ,
            )
        )

    # a place in a national ranking
    rank_patterns = [
        (
            r"\b(?:top|nh[aeo]m)\s+(?P<v>\d{1,3})\b(?:\s+(?!top\b|nh[aeo]m\b)[^\s\d.;]+){0,8}?\s+(?:dan dau|dung dau|hang dau|cao nhat|tot nhat|xuat sac|dau tien)",
            Comparator.LE,
        ),
        (r"\btop\s+(?P<v>\d{1,2})\b", Comparator.LE),
        (r"\b(?:thuoc|trong|vao)\s+nh[aeo]m\s+(?P<v>\d{1,2})\b", Comparator.LE),
        (
            r"\bmot trong\s+(?:so\s+)?(?P<v>\d{1,2})\s+(?:[^\s\d.;]+\s+){0,6}?(?:dan dau|dung dau|hang dau|tot nhat|cao nhat)",
            Comparator.LE,
        ),
        (r"\b(?:xep|dung|dat)\s+(?:hang\s+)?(?:thu|so)\s+(?P<v>\d{1,2})\b", Comparator.EQ),
        (r"\bvi tri\s+(?:thu|so)\s+(?P<v>\d{1,2})\b", Comparator.EQ),
        # "xếp hạng PII tăng ít nhất 5 bậc": a climb in the ranking, by so many places
        (
            r"\b(?:tang|nang|cai thien|vuot)\s+(?:(?:it nhat|toi thieu|tren|khoang|them)\s+)?"
            r"(?P<v>\d{1,2})\s+(?:bac|hang|thu hang)\b",
            None,
        ),
    ]
    for pattern, op in rank_patterns:
        for m in re.finditer(pattern, seg):
            s, e = lo + m.start("v"), lo + m.end("v")
            if not free(lo + m.start(), lo + m.end()):
                continue
            value = _number(text[s:e])
            if (
                value is not None
                and value >= 100
                and re.search(r"(?<![\d.,/])\d{1,3}(?![\d/])", key[lo : lo + m.start()])
            ):
                # "03 - 05 bệnh viện … trong nhóm 500 cơ sở hàng đầu": the group only
                # qualifies the count before it
                continue
            after = qualifier_after(key, e, hi)
            if op is None:
                written = qualifier_before(key, lo, s, text)[0]
                op = written if isinstance(written, Comparator) else Comparator.EQ
            rank_op = Comparator.LE if after == "up" else op
            add(
                Quantity(
                    lo + m.start(),
                    lo + m.end(),
                    value,
                    rank_op,
                    "hạng",
                    TargetKind.RANK,
                    explicit=True,
                )
            )

    # percentages, ranges of percentages
    pct = r"\s*\\?%\$?"
    for m in re.finditer(
        r"(?P<v>"
        + NUM
        + r")(?:"
        + pct
        + r")?\s*(?:-|–|—|den|toi)\s*(?:\$?\s*)?(?P<v2>"
        + NUM
        + r")"
        + pct,
        seg,
    ):
        _percent(text, key, lo, hi, m, found, taken, free)
    for m in re.finditer(r"(?P<v>" + NUM + r")" + pct, seg):
        _percent(text, key, lo, hi, m, found, taken, free)

    # bandwidth, researchers per ten thousand people
    for m in re.finditer(r"(?P<v>" + NUM + r")\s*(?P<u>gbps|gb/s|mbps)\b", seg):
        s, e = lo + m.start("v"), lo + m.end()
        if not free(s, e):
            continue
        value = _number(text[s : lo + m.end("v")])
        op, _, _ = qualifier_before(key, lo, s, text)
        unit = "Gbps" if m.group("u").startswith("g") else "số"
        add(_qualified(key, s, e, hi, value, None, op, unit, TargetKind.LEVEL))
    for m in re.finditer(
        r"(?P<v>"
        + NUM
        + r")(?:\s*(?:-|–|den)\s*(?P<v2>"
        + NUM
        + r"))?\$?\s+nguoi\s*(?:/|tren)\s*(?:mot\s+|01\s+|1\s+)?van\s+dan",
        seg,
    ):
        s, e = lo + m.start("v"), lo + m.end()
        if not free(s, e):
            continue
        value = _number(text[s : lo + m.end("v")])
        vmax = _number(text[lo + m.start("v2") : lo + m.end("v2")]) if m.group("v2") else None
        op, _, _ = qualifier_before(key, lo, s, text)
        add(_qualified(key, s, e, hi, value, vmax, op, "người/vạn dân", TargetKind.LEVEL))

    # counts: "ít nhất 01 khu", "2-3 chuyên gia", "tại 2 địa phương"
    for m in re.finditer(
        r"(?<![\w.,/%-])(?P<v>\d{1,3}(?:\.\d{3})+|\d{1,6})(?:\s*(?:-|–|den)\s*(?P<v2>\d{1,3}(?:\.\d{3})+|\d{1,6}))?\$?\s+(?:\([^)]{1,20}\)\s+)?(?P<noun>[a-z][a-z/]*)",
        seg,
    ):
        s, e = lo + m.start("v"), lo + m.end("v") if not m.group("v2") else lo + m.end("v2")
        noun = m.group("noun")
        # "kỳ" (a period) is not counted, "kỹ sư" (engineers) are.
        if noun == "ky" and re.match(r"\s+su\b", seg[m.end("noun") :]):
            noun = "ky su"
        written = text[lo + m.start("noun") : lo + m.end("noun")].lower()
        if noun == "quy" and written == "quỹ":
            noun = "quỹ"  # a fund, not a quarter
        if noun == "so" and written == "sở":
            noun = "sở"  # departments, not "số"
        op_before = qualifier_before(key, lo, s, text)[0]
        bounded = (
            noun in _MEASURES | _BOUNDED_ONLY
            and isinstance(op_before, Comparator)
            and op_before != Comparator.EQ
        )
        if noun in ("thang", "tuan") and re.match(
            r"\s*(?:/\s*(?:1\s+)?lan|(?:mot|1|01)\s+lan)\b", seg[m.end("noun") :]
        ):
            bounded = False  # "ít nhất 6 tháng một lần" is how often, not how long
        made = noun in _MADE_ONLY and MAKES.search(key[max(lo, s - 25) : s])
        if (
            not free(s, e)
            or (noun in _NOT_COUNTED and not bounded and not made)
            or _is_year(m.group("v"))
        ):
            continue
        if _is_reference(key, s, e, text):
            continue
        if key[e : e + 1].isalpha():
            continue
        value = _number(m.group("v"))
        vmax = _number(m.group("v2")) if m.group("v2") else None
        if value is None:
            continue
        op, _, _ = qualifier_before(key, lo, s, text)
        q = _qualified(key, s, e, hi, value, vmax, op, "số", TargetKind.LEVEL)
        q.counted = True
        add(q)

    for m in _BOUND_IN_WORDS.finditer(seg):
        s, e = lo + m.start("w"), lo + m.end("w")
        value = _WRITTEN_NUMBERS.get(text[s:e].lower())
        if value is None or not free(s, e) or m.group("noun") in _NOT_COUNTED:
            continue
        q = _qualified(key, s, e, hi, value, None, Comparator.GE, "số", TargetKind.LEVEL)
        q.counted = True
        add(q)

    # a bare value ending the clause: "chỉ số HDI duy trì ở mức trên 0,7"
    for m in re.finditer(
        r"(?<![\w.,/%-])(?P<v>\d{1,3}(?:[.,]\d+)?)(?![.,]?\d)"
        r"(?=\s*(?:tro (?:len|xuong)\s*)?(?:[.;,)]|$))",
        seg,
    ):
        s, e = lo + m.start("v"), lo + m.end("v")
        if not free(s, e) or _is_reference(key, s, e, text) or _is_year(m.group("v")):
            continue
        op, _, _ = qualifier_before(key, lo, s, text)
        before = key[max(lo, s - 12) : s]
        if op is None and not re.search(r"\b(?:dat|muc|la)\s*$", before):
            continue
        value = _number(text[s:e])
        add(_qualified(key, s, e, hi, value, None, op, "số", TargetKind.LEVEL))

    found.sort(key=lambda q: q.start)
    return _without_scopes(text, key, _without_starting_points(text, key, lo, found))


def _without_scopes(text: str, key: str, found: list[Quantity]) -> list[Quantity]:
    """ "100% sản phẩm OCOP từ 3 sao trở lên được bán trực tuyến", "80% hộ có ít nhất
    một thành viên dùng ví điện tử": the count names which things the share is of,
    it is no value to reach."""
    out: list[Quantity] = []
    for q in found:
        share = next((p for p in reversed(out) if p.unit == "%"), None)
        between = key[share.end : q.start] if share is not None else ""
        if (
            q.counted
            and share is not None
            and not re.search(r"[;]|\b(?:dat|la|chiem|tang|giam)\b", between)
            and (
                (
                    text[max(0, q.start - 4) : q.start].strip().lower().endswith("từ")
                    and qualifier_after(key, q.end, min(len(key), q.end + 40)) == "up"
                )
                or (
                    "," not in between
                    and re.search(r"\bco\s+(?:it nhat|toi thieu)\s*$", between)
                    and len(between.split()) <= 8
                )
            )
        ):
            continue
        out.append(q)
    return out


def _without_starting_points(text: str, key: str, lo: int, found: list[Quantity]) -> list[Quantity]:
    """ "tăng từ 40% lên 60%", "giảm từ 10% xuống dưới 5%": the value to reach is the
    second one; the first is where it starts from, not a target."""
    out = []
    for i, q in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        before = text[max(lo, q.start - 4) : q.start].strip().lower()
        if (
            nxt is not None
            and before.endswith("từ")
            and re.match(r"\s*(?:len|xuong)\b[^;,.]{0,20}$", key[q.end : nxt.start])
        ):
            continue
        out.append(q)
    return out


def _qualified(
    key: str,
    s: int,
    e: int,
    hi: int,
    value: float | None,
    vmax: float | None,
    op: Comparator | str | None,
    unit: str,
    kind: TargetKind,
) -> Quantity:
    explicit = op is not None and op != Comparator.EQ
    after = qualifier_after(key, e, hi)
    if vmax is not None and value is not None and vmax > value:
        comp = Comparator.RANGE
    elif after == "up":
        comp = Comparator.GE
        explicit = True
    elif after == "down":
        comp = Comparator.LE
        explicit = True
    elif op == "from":
        comp = Comparator.GE
    elif isinstance(op, Comparator):
        comp = op
    else:
        comp = Comparator.EQ
    if comp != Comparator.RANGE:
        vmax = None
    return Quantity(s, e, value, comp, unit, kind, value_max=vmax, explicit=explicit)


def _percent(text, key, lo, hi, m, found, taken, free) -> None:
    s, e = lo + m.start("v"), lo + m.end()
    if not free(s, e):
        return
    if _is_reference(key, s, lo + m.end("v"), text, percent=True):
        return
    value = _number(text[s : lo + m.end("v")])
    vmax = None
    if "v2" in m.groupdict() and m.group("v2"):
        vmax = _number(text[lo + m.start("v2") : lo + m.end("v2")])
        if value is None or vmax is None or vmax <= value:
            return
    if value is None:
        return
    op, _, _ = qualifier_before(key, lo, s, text)
    growth = bool(re.search(r"\btang(?: truong)?\b(?:\s+[a-z]+){0,4}\s*$", key[lo:s]))
    tail = key[e : e + 14]
    clause = key[lo:hi]
    unit = "%"
    kind = TargetKind.LEVEL
    if re.match(r"\s*grdp\b", tail):
        unit = "% GRDP"
        e += len(re.match(r"\s*grdp", tail).group(0))
    elif re.match(r"\s*(?:/\s*n\w?m|(?:mot|moi|1|hang)\s+n\w?m)\b", tail):
        unit = "%/năm"
        kind = TargetKind.RATE
        e += len(re.match(r"\s*(?:/\s*n\w?m|(?:mot|moi|1|hang)\s+n\w?m)", tail).group(0))
    elif growth and _ANNUAL.search(clause):
        unit = "%/năm"
        kind = TargetKind.RATE
    q = _qualified(key, s, e, hi, value, vmax, op, unit, kind)
    found.append(q)
    taken.append((q.start, q.end))
