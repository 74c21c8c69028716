"""Agencies named in a task: the lead ("Sở X chủ trì", "giao Sở X ...", "Cơ quan chủ trì: X").

Agency names run from a head word ("Sở", "Ban", "Văn phòng", "Ủy ban nhân
dân", "Công an"...) to the word that ends the naming ("chủ trì", a comma, a
verb of the task); they contain lower-case words and "và" ("Sở Khoa học và
Công nghệ"), so capitals alone cannot delimit them.
"""

from __future__ import annotations

import re

from tiendo.ingest.extract.keys import fold_keep, ocr_key

_HEADS = (
    r"(?:cac\s+)?(?:so|ban|van phong|uy ban|ubnd|hdnd|hoi dong|cong an|bo chi huy|bo|cuc|tong cuc|vu|dai|bao|truong|"
    r"vien|trung tam|hoi|lien minh|lien doan|tinh doan|thanh doan|doan|kho bac|ngan hang|bao hiem|thanh tra|quy|"
    r"mat tran|dang uy|dang doan|toa an|chi nhanh|cong ty|tap doan|tong cong ty|thu truong|chu tich|giam doc|ubmttq|"
    r"phong|hiep hoi|khu|vien kiem sat|bch|huyen uy|thanh uy|tinh uy|dai hoc|hoc vien|benh vien|doanh nghiep|"
    r"co quan|don vi|to|lanh dao)"
)
#: text that opens with an agency's name
AGENCY_START = re.compile(_HEADS + r"\b")
# "Cơ quan chủ trì: X", and the bare label "(Chủ trì: X; thời gian: …)" that opens a
# note or a clause; "chủ trì liên kết với …" (no colon) names no agency.
_LABELLED = re.compile(r"(?:\b(?:co quan|don vi|cq)\s+|(?:^|(?<=[(;,.]))\s*)chu tri\s*[:：]\s*")
_GIVEN = re.compile(r"\bgiao\s+(?:cho\s+)?(?=" + _HEADS + r"\b)")
_LEADS = re.compile(r"\s+(?:la\s+)?(?:co quan\s+|don vi\s+)?chu tri\b")
_STOP = re.compile(
    r"\s*(?:[,;:.()\[\]]|\s(?:chu tri|phoi hop|tham muu|trien khai|xay dung|thuc hien|huong dan|chiu trach nhiem|theo doi|"
    r"to chuc|nghien cuu|ban hanh|ra soat|co trach nhiem|la co quan|lam dau moi|chu dong|de xuat|tong hop|"
    r"kiem tra|danh gia|bao cao|phu trach|dau tu|nang cap|hoan thanh)\b)"
)


# The names of provincial departments and ministries, before and after the 2025
# reorganisation: a name like "Sở Xây dựng" or "Sở Tài chính" cannot be told from
# the verb after it ("giao Sở Tài chính bố trí vốn") by its letters alone.
_DEPARTMENTS = [
    "Nội vụ", "Tư pháp", "Tài chính", "Kế hoạch và Đầu tư", "Khoa học và Công nghệ",
    "Thông tin và Truyền thông", "Công Thương", "Xây dựng", "Giao thông vận tải",
    "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường", "Tài nguyên và Môi trường",
    "Y tế", "Giáo dục và Đào tạo", "Lao động - Thương binh và Xã hội", "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao", "Du lịch", "Ngoại vụ", "Dân tộc và Tôn giáo", "Quy hoạch - Kiến trúc",
    "Công an", "Quốc phòng", "Ngoại giao",
]  # fmt: skip
_KNOWN = sorted(
    {fold_keep(f"{head} {name}").lower() for head in ("Sở", "Bộ") for name in _DEPARTMENTS},
    key=len,
    reverse=True,
)


def _known_name(text: str, key: str, start: int) -> str | None:
    for name in _KNOWN:
        end = start + len(name)
        if key.startswith(name, start) and (end == len(key) or not key[end].isalnum()):
            return text[start:end]
    return None


def _cut(text: str, key: str, start: int, limit: int = 90) -> str | None:
    known = _known_name(text, key, start)
    if known:
        return known
    end = min(len(text), start + limit)
    for m in _STOP.finditer(key, start, min(len(key), start + limit)):
        word = text[m.start() : m.end()].strip()
        # A capitalised word belongs to the name ("Sở Xây dựng"), a verb is in lower case.
        if word[:1].isupper():
            continue
        end = m.start()
        break
    name = text[start:end].strip(" ,;:.-–[]")
    if not name or len(name.split()) > 14:
        return None
    return name


def find_lead(text: str, key: str | None = None) -> str | None:
    """The lead agency the text names, as written, or None."""
    key = key if key is not None else ocr_key(text)
    m = _LABELLED.search(key)
    if m:
        return _cut(text, key, m.end())
    m = _GIVEN.search(key)
    if m:
        return _cut(text, key, m.end())
    for m in _LEADS.finditer(key):
        end = m.start()
        for name in _KNOWN:
            if key[:end].endswith(name) and (
                end == len(name) or not key[end - len(name) - 1].isalnum()
            ):
                return text[end - len(name) : end]
        # The name runs from the last break before "chủ trì": "(Sở Tư pháp chủ trì, ...)",
        # "...; Văn phòng Tỉnh ủy chủ trì.", "Sở Nội vụ chủ trì tham mưu"; a name may hold
        # a comma ("Cục Quản lý Khám, chữa bệnh chủ trì"), so earlier commas are tried too.
        hard = max(key.rfind(d, 0, m.start()) for d in "(;:.") + 1
        breaks = [hard] + [i + 1 for i, ch in enumerate(key[hard : m.start()], hard) if ch == ","]
        for start in reversed(breaks[-3:] if len(breaks) > 3 else breaks):
            name = _named_before(text, key, start, m.start())
            if name:
                return name
    return None


# Words whose key reads as an agency's head but whose marks say otherwise: "Bản đồ"
# is not a "Ban", "Số liệu" not a "Sở".
_NOT_HEADS = {"bản", "bàn", "bán", "bạn", "sổ", "số", "hồi", "hỏi", "quy", "bổ"}


def _named_before(text: str, key: str, start: int, end: int) -> str | None:
    seg = key[start:end]
    lead = re.match(r"\s*(?:[-+•*]\s*)?(?:giao\s+(?:cho\s+)?|do\s+)?", seg)
    begin = start + (lead.end() if lead else 0)
    name = text[begin:end].strip(" ,;:.-–(")
    if not name or len(name.split()) > 14:
        return None
    if name.split()[0].lower() in _NOT_HEADS:
        return None
    if AGENCY_START.match(key[begin:]) and (name[0].isupper() or name.lower().startswith("các")):
        return name
    return None
