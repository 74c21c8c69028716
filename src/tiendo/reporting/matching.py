"""Match the lead agencies named in a plan ("Sở KH&CN", "UBND các huyện, thị
xã, thành phố") to the agency records of the province.

Names are compared on a key that ignores diacritics, case and punctuation
and spells out the usual abbreviations, so "Sở KH&CN" and "Sở Khoa học và
Công nghệ" give the same key. A score from 0 to 1 says how sure the match
is; the coordinator confirms every proposal, so a wrong guess costs a click,
never a wrong assignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from tiendo.text.vietnamese import fold

#: abbreviations in plans, folded, spelled out (folded)
ABBREVIATIONS = {
    "kh&cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "tt&tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "kh&dt": "ke hoach va dau tu",
    "khdt": "ke hoach va dau tu",
    "gd&dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao",
    "nn&ptnt": "nong nghiep va phat trien nong thon",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "nn&mt": "nong nghiep va moi truong",
    "tn&mt": "tai nguyen va moi truong",
    "tnmt": "tai nguyen va moi truong",
    "ldtb&xh": "lao dong thuong binh va xa hoi",
    "ld-tb&xh": "lao dong thuong binh va xa hoi",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "vh,tt&dl": "van hoa the thao va du lich",
    "vhtt&dl": "van hoa the thao va du lich",
    "vhttdl": "van hoa the thao va du lich",
    "gtvt": "giao thong van tai",
    "xd": "xay dung",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "bcd": "ban chi dao",
    "btv": "ban thuong vu",
    "tu": "tinh uy",
    "ub": "uy ban",
    "vp": "van phong",
    "tp": "thanh pho",
    "tx": "thi xa",
    "cds": "chuyen doi so",
    "dmst": "doi moi sang tao",
    "cntt": "cong nghe thong tin",
    "ch": "chi huy",
    "bchqs": "bo chi huy quan su",
}
# Longest first, so "ld-tb&xh" is spelled out before "xh" could be looked at.
_ABBREV_RE = re.compile(
    r"(?<![\w&])("
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w&])"
)
_PUNCT = re.compile(r"[^\w\s]")
#: words that do not tell one agency from another
_FILLER = {"tinh", "cac", "co", "quan", "don", "vi", "lien", "thuoc", "truc"}

#: phrases that name every local authority rather than one agency
COLLECTIVE = [
    (re.compile(r"uy ban nhan dan (cac|cap) (huyen|quan)"), "huyen"),
    (re.compile(r"uy ban nhan dan (cac|cap) (xa|phuong)"), "xa"),
    (re.compile(r"(cac|cap) (huyen|xa|phuong)(,? thi xa)?(,? thanh pho)?$"), None),
]
_JOINT = re.compile(r"\s+(?:chủ trì,?\s+)?phối hợp (?:với\s+)?|\s+chủ trì$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*[;,]\s*")
_AGENCY_START = re.compile(
    r"^(sở|ban|văn phòng|ubnd|ủy ban|uỷ ban|công an|bộ chỉ huy|đài|báo|trường|liên đoàn|"
    r"hội|tỉnh đoàn|đảng ủy|đảng uỷ|cục|chi cục|ngân hàng|kho bạc|viện|trung tâm|bưu điện|"
    r"các sở|thanh tra|hđnd|mttq|ubmttq|bảo hiểm|thuế|hải quan)",
    re.IGNORECASE,
)


def name_key(name: str) -> str:
    """Diacritic-free, abbreviation-free, punctuation-free key of an agency name."""
    key = fold(name)
    key = _ABBREV_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], key)
    key = _PUNCT.sub(" ", key.replace("&", " va "))
    return " ".join(key.split())


def _tokens(key: str) -> set[str]:
    return {t for t in key.split() if t not in _FILLER}


def similarity(a: str, b: str) -> float:
    """0–1: equal keys 1; otherwise token overlap blended with character similarity."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    ta, tb = _tokens(ka), _tokens(kb)
    dice = 2 * len(ta & tb) / (len(ta) + len(tb)) if ta and tb else 0.0
    ratio = SequenceMatcher(None, ka, kb).ratio()
    return round(0.6 * dice + 0.4 * ratio, 3)


def split_leads(lead_text: str) -> list[str]:
    """The agencies a lead text names, in order ("Sở KH&CN; Sở Tài chính" → two)."""
    text = " ".join(str(lead_text or "").split())
    if not text:
        return []
    if collective_kind(text) is not None:
        return [text]
    pieces = [p for chunk in _JOINT.split(text) for p in _SPLIT.split(chunk)]
    parts = [p.strip(" .") for p in pieces if p and p.strip(" .")]
    # Rejoin pieces that do not start like an agency name ("thị xã, thành phố").
    out: list[str] = []
    for part in parts:
        if out and not _AGENCY_START.match(part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def collective_kind(text: str) -> str | None:
    """ "huyen" or "xa" when the text names all local authorities of that level, else None."""
    key = name_key(text)
    for pattern, kind in COLLECTIVE[:2]:
        if pattern.search(key):
            return kind
    return None


@dataclass(frozen=True)
class Candidate:
    agency_id: int
    name: str
    score: float


@dataclass
class Proposal:
    """What tiendo proposes for one task's lead text."""

    task_id: int
    lead_text: str
    #: best candidates for the lead, best first
    candidates: list[Candidate] = field(default_factory=list)
    #: other agencies named after the first (proposed as co-agencies)
    co_agencies: list[Candidate] = field(default_factory=list)
    #: all local authorities of a level, for "UBND các huyện, xã…"
    collective: list[Candidate] = field(default_factory=list)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def confidence(self) -> float:
        if self.collective:
            return 0.9
        return self.best.score if self.best else 0.0


#: below this a candidate is not proposed at all
MIN_SCORE = 0.55


def rank(name: str, agencies, limit: int = 3) -> list[Candidate]:
    """Agencies (objects with id, name, short_name, aliases) most like ``name``."""
    scored = []
    for agency in agencies:
        names = [agency.name, agency.short_name or "", *(agency.aliases or [])]
        score = max(similarity(name, n) for n in names if n)
        if score >= MIN_SCORE:
            scored.append(Candidate(agency.id, agency.name, score))
    scored.sort(key=lambda c: (-c.score, c.name))
    return scored[:limit]


def propose(task_id: int, lead_text: str, agencies) -> Proposal:
    agencies = list(agencies)
    proposal = Proposal(task_id=task_id, lead_text=lead_text)
    kind = collective_kind(lead_text)
    if kind is not None:
        proposal.collective = [Candidate(a.id, a.name, 0.9) for a in agencies if a.kind == kind]
        return proposal
    names = split_leads(lead_text)
    if not names:
        return proposal
    proposal.candidates = rank(names[0], agencies)
    lead_id = proposal.best.agency_id if proposal.best else None
    for other in names[1:]:
        found = rank(other, agencies, limit=1)
        if found and found[0].agency_id != lead_id and found[0] not in proposal.co_agencies:
            proposal.co_agencies.append(found[0])
    return proposal
