"""Provinces with their history: the 2025 merger of 63 provinces into 34.

Nghị quyết 202/2025/QH15 merged provinces from 1 July 2025. A plan issued by
a province that no longer exists stays in force until the receiving province
replaces it (Nghị quyết 190/2025/QH15), so tiendo keeps every unit with its
validity dates and its successor: an old plan keeps its issuing province and
rolls up into the province that received it.

A receiving province that kept its name (Ninh Bình receiving Hà Nam and Nam
Định) is modelled as the same unit, enlarged on 1 July 2025; the provinces
it absorbed end on 30 June 2025 with it as successor. Codes are the national
statistical codes of the 63 provinces (Quyết định 124/2004/QĐ-TTg).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tiendo.text.vietnamese import fold

MERGER_DATE = dt.date(2025, 7, 1)
LAST_DAY_BEFORE_MERGER = dt.date(2025, 6, 30)


@dataclass(frozen=True)
class AdminUnit:
    code: str
    name: str
    #: "tỉnh" or "thành phố" (centrally-run city)
    kind: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor_code: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{'Thành phố' if self.kind == 'thành phố' else 'Tỉnh'} {self.name}"

    def is_valid_on(self, day: dt.date) -> bool:
        starts = self.valid_from is None or self.valid_from <= day
        ends = self.valid_to is None or day <= self.valid_to
        return starts and ends


# code, name, kind, receiving province's code (None: still exists), aliases
_TABLE: list[tuple[str, str, str, str | None, tuple[str, ...]]] = [
    ("01", "Hà Nội", "thành phố", None, ()),
    ("02", "Hà Giang", "tỉnh", "08", ()),
    ("04", "Cao Bằng", "tỉnh", None, ()),
    ("06", "Bắc Kạn", "tỉnh", "19", ("Bắc Cạn",)),
    ("08", "Tuyên Quang", "tỉnh", None, ()),
    ("10", "Lào Cai", "tỉnh", None, ()),
    ("11", "Điện Biên", "tỉnh", None, ()),
    ("12", "Lai Châu", "tỉnh", None, ()),
    ("14", "Sơn La", "tỉnh", None, ()),
    ("15", "Yên Bái", "tỉnh", "10", ()),
    ("17", "Hòa Bình", "tỉnh", "25", ()),
    ("19", "Thái Nguyên", "tỉnh", None, ()),
    ("20", "Lạng Sơn", "tỉnh", None, ()),
    ("22", "Quảng Ninh", "tỉnh", None, ()),
    ("24", "Bắc Giang", "tỉnh", "27", ()),
    ("25", "Phú Thọ", "tỉnh", None, ()),
    ("26", "Vĩnh Phúc", "tỉnh", "25", ()),
    ("27", "Bắc Ninh", "tỉnh", None, ()),
    ("30", "Hải Dương", "tỉnh", "31", ()),
    ("31", "Hải Phòng", "thành phố", None, ()),
    ("33", "Hưng Yên", "tỉnh", None, ()),
    ("34", "Thái Bình", "tỉnh", "33", ()),
    ("35", "Hà Nam", "tỉnh", "37", ()),
    ("36", "Nam Định", "tỉnh", "37", ()),
    ("37", "Ninh Bình", "tỉnh", None, ()),
    ("38", "Thanh Hóa", "tỉnh", None, ()),
    ("40", "Nghệ An", "tỉnh", None, ()),
    ("42", "Hà Tĩnh", "tỉnh", None, ()),
    ("44", "Quảng Bình", "tỉnh", "45", ()),
    ("45", "Quảng Trị", "tỉnh", None, ()),
    ("46", "Huế", "thành phố", None, ("Thừa Thiên Huế", "Thừa Thiên - Huế")),
    ("48", "Đà Nẵng", "thành phố", None, ()),
    ("49", "Quảng Nam", "tỉnh", "48", ()),
    ("51", "Quảng Ngãi", "tỉnh", None, ()),
    ("52", "Bình Định", "tỉnh", "64", ()),
    ("54", "Phú Yên", "tỉnh", "66", ()),
    ("56", "Khánh Hòa", "tỉnh", None, ()),
    ("58", "Ninh Thuận", "tỉnh", "56", ()),
    ("60", "Bình Thuận", "tỉnh", "68", ()),
    ("62", "Kon Tum", "tỉnh", "51", ()),
    ("64", "Gia Lai", "tỉnh", None, ()),
    ("66", "Đắk Lắk", "tỉnh", None, ("Đắc Lắc", "Daklak")),
    ("67", "Đắk Nông", "tỉnh", "68", ()),
    ("68", "Lâm Đồng", "tỉnh", None, ()),
    ("70", "Bình Phước", "tỉnh", "75", ()),
    ("72", "Tây Ninh", "tỉnh", None, ()),
    ("74", "Bình Dương", "tỉnh", "79", ()),
    ("75", "Đồng Nai", "tỉnh", None, ()),
    ("77", "Bà Rịa - Vũng Tàu", "tỉnh", "79", ("Bà Rịa – Vũng Tàu", "Bà Rịa Vũng Tàu")),
    ("79", "Hồ Chí Minh", "thành phố", None, ("TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "Sài Gòn")),
    ("80", "Long An", "tỉnh", "72", ()),
    ("82", "Tiền Giang", "tỉnh", "87", ()),
    ("83", "Bến Tre", "tỉnh", "86", ()),
    ("84", "Trà Vinh", "tỉnh", "86", ()),
    ("86", "Vĩnh Long", "tỉnh", None, ()),
    ("87", "Đồng Tháp", "tỉnh", None, ()),
    ("89", "An Giang", "tỉnh", None, ()),
    ("91", "Kiên Giang", "tỉnh", "89", ()),
    ("92", "Cần Thơ", "thành phố", None, ()),
    ("93", "Hậu Giang", "tỉnh", "92", ()),
    ("94", "Sóc Trăng", "tỉnh", "92", ()),
    ("95", "Bạc Liêu", "tỉnh", "96", ()),
    ("96", "Cà Mau", "tỉnh", None, ()),
]


def _build() -> dict[str, AdminUnit]:
    units = {}
    for code, name, kind, successor, aliases in _TABLE:
        units[code] = AdminUnit(
            code=code,
            name=name,
            kind=kind,
            valid_to=LAST_DAY_BEFORE_MERGER if successor else None,
            successor_code=successor,
            aliases=aliases,
        )
    return units


PROVINCES: dict[str, AdminUnit] = _build()

_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?|t\.p\.?)\s+")


def _key(name: str) -> str:
    key = fold(name).replace("–", "-")
    key = _PREFIX.sub("", key)
    return re.sub(r"\s*-\s*", " - ", key).strip()


_BY_KEY: dict[str, AdminUnit] = {}
for _unit in PROVINCES.values():
    for _name in (_unit.name, *_unit.aliases):
        _BY_KEY[_key(_name)] = _unit


def find_province(name: str) -> AdminUnit | None:
    """The province a name refers to, ignoring diacritics, case and "Tỉnh"/"TP."."""
    return _BY_KEY.get(_key(name))


def province_names() -> list[str]:
    """Every name and alias of every province, longest first (for text search)."""
    names = {n for u in PROVINCES.values() for n in (u.name, *u.aliases)}
    return sorted(names, key=len, reverse=True)


def successor_on(code: str, day: dt.date) -> AdminUnit:
    """The unit that answers for province ``code`` on ``day`` (itself if still valid)."""
    unit = PROVINCES[code]
    while not unit.is_valid_on(day) and unit.successor_code:
        unit = PROVINCES[unit.successor_code]
    return unit


def current_provinces() -> list[AdminUnit]:
    """The 34 provinces that exist after the 2025 merger, in code order."""
    return [u for u in PROVINCES.values() if u.valid_to is None]


def absorbed_by(code: str) -> list[AdminUnit]:
    """The provinces merged into ``code`` in 2025."""
    return [u for u in PROVINCES.values() if u.successor_code == code]
