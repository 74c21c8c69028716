"""What a plan says about itself: issuer, kind, number, date, signer, province, basis.

An administrative document carries these in fixed places: the header (issuing
body, "Số: 441/KH-UBND", "Hà Nam, ngày 01 tháng 3 năm 2025"), the title
("KẾ HOẠCH ..."), the preamble ("Thực hiện Nghị quyết số 57-NQ/TW ..."),
and the signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / name"). Text
exports lose some of them (a header in a table may vanish, an OCR'd page may
lose its first lines), so each field has fallbacks: the number and date of an
appendix's "Kèm theo ... số 42-CTr/TU, ngày 10 tháng 4 năm 2025", the kind
the preamble announces ("ban hành Kế hoạch"), the province most often named.
Dates and numbers of documents the plan cites are never taken for its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from tiendo.domain.plan import DocumentMeta
from tiendo.domain.units import find_province, province_names
from tiendo.ingest.extract.dates import YEAR_WORD, safe_date
from tiendo.ingest.extract.keys import compact, fold_keep, ocr_key
from tiendo.ingest.extract.lines import Block, clean_line

_DOC_TYPES = [
    ("chuong trinh hanh dong", "Chương trình hành động"),
    ("ke hoach", "Kế hoạch"),
    ("quyet dinh", "Quyết định"),
    ("nghi quyet", "Nghị quyết"),
    ("chi thi", "Chỉ thị"),
    ("de an", "Đề án"),
    ("chuong trinh", "Chương trình"),
    ("ket luan", "Kết luận"),
    ("huong dan", "Hướng dẫn"),
]
_NUMBER = re.compile(
    r"(?P<n>\d{1,5})\s*(?:/\s*(?P<y>(?:19|20)\d\d)\s*)?(?P<sep>[/-])\s*(?P<t>[A-ZĐ][A-Za-zĐđ&]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9&]*){0,3})"
)
_CODE_KINDS = re.compile(r"(?:NQ|CTr|CTR|KH|QĐ|QD|CT|KL|NĐ|ND|TT|HD|HĐ|ĐA|DA)")
_SURNAMES = {
    "nguyen",
    "tran",
    "le",
    "pham",
    "hoang",
    "huynh",
    "phan",
    "vu",
    "vo",
    "dang",
    "bui",
    "do",
    "ho",
    "ngo",
    "duong",
    "ly",
    "truong",
    "mai",
    "dinh",
    "lam",
    "cao",
    "dao",
    "doan",
    "luong",
    "ha",
    "to",
    "ta",
    "vuong",
    "trinh",
    "chu",
    "kieu",
    "luu",
    "quach",
    "thai",
    "trieu",
    "nong",
    "lo",
    "hau",
    "giang",
    "la",
    "tong",
    "khuat",
    "than",
    "lai",
    "dam",
    "quan",
    "bach",
    "au",
    "van",
    "ung",
    "tang",
    "nghiem",
    "mac",
    "son",
    "tieu",
    "hua",
    "ong",
    "kim",
    "lu",
    "ninh",
    "phung",
    "u",
    "y",
    "thach",
    "danh",
    "khong",
}
_SIGN_TITLES = re.compile(
    r"^(?:kt\.?\s*|tm\.?\s*|t/m\s*|q\.?\s*|tl\.?\s*)?(?:pho\s+)?(?:chu tich|bi thu|bo truong|thu truong|giam doc|thu tuong|truong ban|chanh van phong)\b"
)
_ISSUER_SIGNS = [
    (re.compile(r"\b(?:uy ban nhan dan|ubnd)\b"), "UBND tỉnh"),
    (re.compile(r"\bban thuong vu\b|\bbtv\b"), "BTV Tỉnh ủy"),
    (re.compile(r"\bthu tuong\b"), "Thủ tướng Chính phủ"),
    (re.compile(r"\bchinh phu\b"), "Chính phủ"),
    (re.compile(r"\bbo chinh tri\b"), "Bộ Chính trị"),
    (re.compile(r"\bhoi dong nhan dan\b|\bhdnd\b"), "HĐND tỉnh"),
    (re.compile(r"^ban chi dao\b(?!.*\btrung uong\b)"), "Ban Chỉ đạo tỉnh"),
]
# The national motto a flattened header puts on the issuer's line.
_MOTTO = re.compile(r"\s+(?=CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|ĐẢNG CỘNG SẢN)")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _clean(raw: str) -> str:
    return clean_line(raw)[0]


def read_metadata(
    text: str, blocks: list[Block], body_start: int, closing_line: int | None
) -> DocumentMeta:
    """Document metadata; ``body_start`` is the first line of the first section."""
    lines = _lines(text)
    head_end = max(1, body_start - 1) if body_start else min(len(lines), 40)
    head_end = min(head_end, 60)
    head = [_clean(line) for line in lines[:head_end]]
    meta = DocumentMeta()
    meta.doc_type, meta.title = _doc_type(head, text)
    meta.number = _number(head, text)
    meta.date = _date(head, text, meta.number)
    tail = _signature_lines(lines, closing_line)
    meta.issuer = _issuer(head, tail, meta.number, text)
    meta.signer = _signer(tail)
    meta.province = None if _is_national(meta.issuer) else _province(head, text)
    meta.implements = _implements(head, meta.number)
    return meta


def _is_national(issuer: str | None) -> bool:
    """A national body (a ministry, the Government) has no province; a department has one."""
    local = (
        "UBND tỉnh", "UBND huyện", "UBND xã", "BTV Tỉnh ủy", "HĐND tỉnh", "Tỉnh ủy",
        "Ban Chỉ đạo tỉnh", "Ủy ban MTTQ Việt Nam tỉnh", "BTV Huyện ủy",
    )  # fmt: skip
    # a department, or a university or college under the people's committee
    return bool(issuer) and issuer not in local and not issuer.startswith(("Sở ", "Trường "))


def _doc_type(head: list[str], text: str) -> tuple[str | None, str | None]:
    for i, line in enumerate(head):
        key = fold_keep(line).lower()
        for words, name in _DOC_TYPES:
            if key.startswith(words) and line[: len(words)].isupper():
                title = " ".join(x for x in head[i : i + 4] if x)[:300]
                return name, title
    key = ocr_key(" ".join(head))
    # "UBND tỉnh ... ban hành Kế hoạch": the issuer announcing its own document,
    # not a cited one ("Nghị quyết số 03/NQ-CP ... ban hành Chương trình hành động").
    m = re.search(
        r"\b(?:ubnd|uy ban nhan dan|ban thuong vu|tinh uy|thanh uy|bo)\b[^.;]{0,50}?\b(?:ban hanh|xay dung|trien khai)\s+"
        r"(chuong trinh hanh dong|ke hoach|de an|chuong trinh)\b",
        key,
    )
    if m:
        return dict(_DOC_TYPES)[m.group(1)], None
    whole = ocr_key(text)
    counts = Counter()
    for words, name in _DOC_TYPES:
        counts[name] = len(
            re.findall(r"\b" + words + r"\s+(?:nay|cua (?:tinh|bo|uy ban))\b", whole)
        )
    if counts and counts.most_common(1)[0][1] > 0:
        return counts.most_common(1)[0][0], None
    return None, None


def _normal_number(m: re.Match[str]) -> str:
    return re.sub(r"\s+", "", m.group(0))


def _number(head: list[str], text: str) -> str | None:
    """ "Số: 441/KH-UBND", "Số 25-CTr/TU" at the start of a header line or cell."""
    for line in head[:30]:
        key = ocr_key(line)
        for m in re.finditer(r"(?:^|\t|\s{2,}|[—|])\s*so\s*[:.]?\s*(?=\d)", key):
            start = m.end()
            # the word must be written "Số", not "số" inside a sentence
            word = line[m.start() : m.end()].strip(" \t—|")
            if not word[:1].isupper():
                continue
            n = _NUMBER.match(line, start)
            if n:
                return _normal_number(n)
    key = fold_keep(text)
    m = re.search(r"\((?:ban hanh )?kem theo\s+[^()]{0,60}?\bso\s+", key, re.IGNORECASE)
    if m:
        n = _NUMBER.match(text, m.end())
        if n:
            return _normal_number(n)
    return None


_PLACE_DATE = re.compile(
    r",\s*ngay\s+(?P<d>\d{1,2})(?:\s+thang\s+|\s*[/.-]\s*)(?P<m>\d{1,2})(?:\s+"
    + YEAR_WORD
    + r"\s+|\s*[/.-]\s*)"
    r"(?P<y>(?:19|20)\d\d)"
)


_PLACE_KINDS = {"phố", "tỉnh", "xã", "phường", "huyện", "quận", "thị", "trấn", "khu"}


def _date(head: list[str], text: str, number: str | None) -> dt.date | None:
    """The date of the header line "Hà Nam, ngày 01 tháng 3 năm 2025" (not of cited documents)."""
    for line in head[:30]:
        key = ocr_key(line)
        for m in _PLACE_DATE.finditer(key):
            before = line[: m.start()]
            place = re.search(r"(?:(?<=[\s*_(])|^)((?:[^\W\d_]+\.?[ \t]*){1,6})$", before)
            # A place name is capitalised, after the kind of place ("Thành phố Hồ Chí Minh").
            words = [w for w in place.group(1).split() if w not in _PLACE_KINDS] if place else []
            if not words or not all(w[0].isupper() for w in words):
                continue
            prefix = before[: place.start()]
            # The place opens the line or a cell: nothing but a separator or the number before it.
            if prefix.strip() and not re.search(
                r"(?:[\t—–|*]\s*|\s{2,}|\d+\s*/\s*[A-ZĐ][\w-]*\s*)$", prefix
            ):
                continue
            found = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if found:
                return found
    key = fold_keep(text).lower()
    m = re.search(
        r"\((?:ban hanh )?kem theo\s+[^()]{0,80}?,?\s*ngay\s+(\d{1,2})(?:\s+thang\s+|\s*/\s*)(\d{1,2})(?:\s+nam\s+|\s*/\s*)((?:19|20)\d\d)",
        key,
    )
    if m:
        return safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def _signature_lines(lines: list[str], closing_line: int | None) -> list[str]:
    """The lines where the signature block is: after "Nơi nhận", else the last ones.

    The block is often laid out in two columns, the recipients on the left and
    the signature on the right, exported with tabs, runs of spaces or as a
    table row whose cells hold "<br>" line breaks. The right-hand column is read
    first, top to bottom, so that the title and the name follow each other.
    """
    tail = lines[closing_line - 1 : closing_line + 40] if closing_line else lines[-40:]
    left: list[str] = []
    right: list[str] = []
    for raw in tail:
        if raw.strip().startswith("|"):
            cells = [c for c in raw.strip().strip("|").split("|")]
        else:
            # columns set off by tabs, runs of spaces or " | "
            cells = re.split(r"\t+|\s{3,}|\s\|\s", raw.strip())
        cells = [c for c in cells if c.strip() and not re.fullmatch(r"\s*:?-{3,}:?\s*", c)]
        for j, cell in enumerate(cells):
            parts = [_clean(x) for x in re.split(r"<br\s*/?>", cell)]
            (right if j else left).extend(parts)
    return right + left


def _issuer(head: list[str], tail: list[str], number: str | None, text: str) -> str | None:
    category = _issuer_category(head, tail, number, text)
    if category == "UBND tỉnh":
        return _lower_level(head, text) or category
    if category == "BTV Tỉnh ủy":
        return _district_party(head) or category
    return category


def _district_party(head: list[str]) -> str | None:
    """A party committee's header naming a district's committee ("HUYỆN ỦY CẦN GIUỘC")
    under the provincial party organisation: its standing committee issues."""
    for part in _header_left(head)[:4]:
        if re.match(r"^(?:huyen|quan|thi)\s+uy\s+[a-z]", ocr_key(part).strip()):
            return "BTV Huyện ủy"
    return None


# The left column of the header names the body and, below it, the body that issues
# when that is a unit of it: "UBND TỈNH PHÚ THỌ / SỞ KHOA HỌC VÀ CÔNG NGHỆ",
# "ỦY BAN NHÂN DÂN / PHƯỜNG HỘI AN".
_COMMUNE = re.compile(r"^(?:uy ban nhan dan |ubnd )?(?:phuong|xa|dac khu|thi tran)\s+[a-z]")
_DISTRICT = re.compile(r"^(?:uy ban nhan dan |ubnd )?(?:huyen|quan|thi xa)\s+[a-z]")


def _header_left(head: list[str]) -> list[str]:
    out = []
    for line in head[:8]:
        cell = re.split(r"\t|\s{3,}|\|", line.strip().strip("|"))[0]
        cell = _MOTTO.split(cell)[0].replace("*", "").strip()
        for part in re.split(r"<br\s*/?>", cell):
            part = part.strip()
            if re.match(r"(?i)^số\s*:", part) or re.match(r"^(?:Số|SỐ)\s+\d", part):
                return out
            if part and not re.fullmatch(r"[-_*\s]+", part):
                out.append(part)
    return out


def _lower_level(head: list[str], text: str) -> str | None:
    """The issuer when the people's committee's header names a unit below the province."""
    left = _header_left(head)
    for part in left[:4]:
        key = compact(part)
        if part.isupper() and re.match(r"^SỞ\s", part):
            return _as_written(part, text) or "Sở " + " ".join(part.split()[1:]).lower()
        if part.isupper() and re.match(r"^TRƯỜNG\s+(?:ĐẠI HỌC|CAO ĐẲNG)\s", part):
            # a university or college of the province issues under its own name
            return _as_written(part, text, "Trường") or _proper(part)
        if part.isupper() and _COMMUNE.match(key):
            return "UBND xã"
        if part.isupper() and _DISTRICT.match(key):
            return "UBND huyện"
    return None


def _as_written(upper: str, text: str, head: str = "Sở|Bộ") -> str | None:
    """A name written in capitals, as the body text writes it ("Sở Khoa học và Công nghệ")."""
    target = fold_keep(upper).lower()
    n = len(upper.split())
    for found in re.finditer(
        r"(?:" + head + r") [A-ZĐÀ-Ỹ][^\s,;.()]*(?:\s+[^\s,;.()]+){0,10}", text
    ):
        words = found.group(0).split()
        if len(words) >= n and fold_keep(" ".join(words[:n])).lower() == target:
            return " ".join(words[:n])
    return None


def _issuer_category(head: list[str], tail: list[str], number: str | None, text: str) -> str | None:
    for line in tail:
        key = ocr_key(line)
        m = re.search(r"\b(?:tm|t/m|kt|q|tl)\s*\.?\s+(.+)$", key)
        if m:
            body = m.group(1)
            for pattern, name in _ISSUER_SIGNS:
                if pattern.search(body):
                    return name
            if re.match(r"bo truong\b", body):
                bo = _ministry(head, text)
                if bo:
                    return bo
    for line in head[:12]:
        key = ocr_key(line)
        if re.search(r"^(?:uy ban nhan dan|ubnd)\s+(?:tinh|thanh pho)\b", key):
            return "UBND tỉnh"
        if re.search(r"^(?:tinh uy|thanh uy)\b", key) or re.search(r"^ban thuong vu tinh uy", key):
            return "BTV Tỉnh ủy"
        if re.match(r"^(?:hoi dong nhan dan|hdnd)\b", key):
            return "HĐND tỉnh"
        if re.match(r"^(?:uy ban )?mat tran to quoc viet nam\b", key) and "trung uong" not in key:
            return "Ủy ban MTTQ Việt Nam tỉnh"
        if re.match(r"^bo\s+[a-z]", key) and not key.startswith("bo chinh tri"):
            return _ministry(head, text)
        if re.match(r"^thu tuong chinh phu", key):
            return "Thủ tướng Chính phủ"
        if re.match(r"^chinh phu\b", key):
            return "Chính phủ"
    if number:
        if re.search(r"-UBND$|/UBND", number):
            return "UBND tỉnh"
        if re.search(r"/(?:TU|ThU)$", number):
            return "BTV Tỉnh ủy"
        if re.search(r"-HĐND$|/HĐND|-HDND$", number):
            return "HĐND tỉnh"
    key = ocr_key(" ".join(head))
    if re.search(
        r"\b(?:uy ban nhan dan|ubnd) (?:tinh|thanh pho)\b[^.;]{0,40}\b(?:ban hanh|xay dung)\b", key
    ):
        return "UBND tỉnh"
    if re.search(r"\bban thuong vu (?:tinh|thanh) uy\b[^.;]{0,40}\b(?:ban hanh|xay dung)\b", key):
        return "BTV Tỉnh ủy"
    return None


def _ministry(head: list[str], text: str) -> str | None:
    for line in head[:12]:
        # the header's left cell, whether tabs, spaces or pipes set it off
        part = re.split(r"\t|\s{3,}|\s*\|\s*|<br\s*/?>", line.strip().strip("|").strip())[0]
        part = _MOTTO.split(part)[0].replace("*", "").strip()
        folded = fold_keep(part).lower()
        if folded.startswith("bo ") and not folded.startswith("bo truong") and part.isupper():
            target = fold_keep(part).lower()
            m = re.search(re.escape(target), fold_keep(text).lower())
            # Prefer the name as the body text writes it ("Bộ Khoa học và Công nghệ").
            for found in re.finditer(r"Bộ [A-ZĐÀ-Ỹ][^\s,;.()]*(?:\s+[^\s,;.()]+){0,8}", text):
                candidate = found.group(0)
                for k in range(len(candidate.split()), 1, -1):
                    sub = " ".join(candidate.split()[:k])
                    if fold_keep(sub).lower() == target:
                        return sub
            del m
            words = part.split()
            return " ".join([words[0].capitalize()] + [w.lower() for w in words[1:]])
    return None


_NOT_NAMES = re.compile(r"^(?:" + "|".join(w for w, _ in _DOC_TYPES) + r"|phu luc|noi nhan)\b")


def _looks_like_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in line):
        return False
    if _NOT_NAMES.match(fold_keep(line).lower()):
        # a document's title in capitals ("PHỤ LỤC", "CHƯƠNG TRÌNH HÀNH ĐỘNG")
        return False
    if re.search(r"[,;:()/]", line):
        return False
    return all(w[0].isupper() for w in words)


def _proper(name: str) -> str:
    if name.isupper():
        return " ".join(w.capitalize() for w in name.split())
    return name


def _signer(tail: list[str]) -> str | None:
    for i, line in enumerate(tail):
        key = ocr_key(line).strip()
        if not _SIGN_TITLES.search(key) and not re.search(
            r"\b(?:chu tich|bi thu|bo truong|thu truong|giam doc)\s*$", key
        ):
            continue
        for nxt in tail[i + 1 : i + 8]:
            cand = nxt.strip().strip("*").strip()
            if not cand or re.search(r"(?i)đã ký|ky boi|\[|chữ ký", fold_keep(cand) + cand):
                continue
            if _SIGN_TITLES.search(ocr_key(cand).strip()):
                continue
            if _looks_like_name(cand):
                return _proper(cand)
    # OCR may scatter the block: a name at the end of a line, opening with a surname.
    for line in reversed(tail):
        m = re.search(r"([A-ZĐ][^\s\d,;:()]*(?:\s+[A-ZĐ][^\s\d,;:()]*){1,3})\s*\.?$", line.strip())
        if m and fold_keep(m.group(1).split()[0]).lower() in _SURNAMES:
            return _proper(m.group(1))
    return None


def _province(head: list[str], text: str) -> str | None:
    """The province the plan names most, as the issuer's territory or in its header."""
    keys: dict[str, list[tuple[str, ...]]] = {}
    units = {}
    for name in province_names():
        unit = find_province(name)
        if unit is None:
            continue
        words = tuple(compact(name).split())
        keys.setdefault(words[0], []).append(words)
        units[words] = unit.name
    scores: Counter[str] = Counter()
    for text_part, weight in ((text, 1), (" ".join(head[:12]), 5)):
        words = compact(text_part).split()
        for i, word in enumerate(words):
            for name in keys.get(word, ()):
                if tuple(words[i : i + len(name)]) != name:
                    continue
                prefixed = i > 0 and words[i - 1] in ("tinh", "pho", "tp")
                scores[units[name]] += weight * (4 if prefixed and weight == 1 else 1)
    if not scores:
        return _fuzzy_province(ocr_key(text))
    best, score = scores.most_common(1)[0]
    return best if score >= 2 else None


def _fuzzy_province(key: str) -> str | None:
    """A province named after "tỉnh" with one letter wrong (OCR)."""
    counts: Counter[str] = Counter()
    units = {compact(n): find_province(n) for n in province_names()}
    for m in re.finditer(r"\b(?:tinh|thanh pho)\s+([a-z]+\s+[a-z]+(?:\s+[a-z]+)?)", key):
        words = m.group(1).split()
        for k in (2, 3):
            cand = " ".join(words[:k])
            for name, unit in units.items():
                if (
                    unit
                    and len(name) >= 6
                    and name.count(" ") == k - 1
                    and _distance(cand, name) <= 1
                ):
                    counts[unit.name] += 1
    if counts:
        return counts.most_common(1)[0][0]
    return None


def _distance(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > 1:
        return 2
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _implements(head: list[str], own: str | None) -> list[str]:
    """Codes of the higher documents the title and preamble cite, in order of the preamble."""
    found: list[str] = []
    own_key = re.sub(r"\s", "", own or "")
    preamble = [
        x for x in head if re.match(r"^(?:thuc hien|can cu|trien khai)\b", ocr_key(x).strip())
    ]
    # The last "Thực hiện ..." paragraph is the preamble proper; earlier ones belong to the title.
    based = [x for x in preamble if ocr_key(x).strip().startswith("can cu")]
    ordered = (
        [x for x in preamble if x not in based][::-1]
        + based
        + [x for x in head if not re.match(r"^\W*so\s*[:.]?\s*\d", ocr_key(x))]
    )
    for line in ordered:
        for clause in re.split(r";", line):
            ck = fold_keep(clause).lower()
            if "chuc nang, nhiem vu" in ck or "co cau to chuc" in ck:
                continue
            for m in _NUMBER.finditer(clause):
                code = _normal_number(m)
                kind = m.group("t")
                if not _CODE_KINDS.search(kind) or code == own_key:
                    continue
                if kind.startswith("TTr"):
                    # the submission the plan was proposed in ("Tờ trình số 12/TTr-SNV")
                    continue
                if m.start() > 0 and clause[m.start() - 1] in "/-":
                    continue
                if code not in found:
                    found.append(code)
    return found
