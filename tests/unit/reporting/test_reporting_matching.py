"""Matching the lead agencies a plan names to agency records."""

from dataclasses import dataclass, field

import pytest

from tiendo.reporting.matching import collective_kind, name_key, propose, similarity, split_leads


@dataclass
class Agency:
    id: int
    name: str
    short_name: str | None = None
    aliases: list = field(default_factory=list)
    kind: str = "so"


AGENCIES = [
    Agency(1, "Sở Khoa học và Công nghệ"),
    Agency(2, "Sở Thông tin và Truyền thông"),
    Agency(3, "Sở Kế hoạch và Đầu tư"),
    Agency(4, "Văn phòng Ủy ban nhân dân tỉnh", short_name="VP UBND tỉnh"),
    Agency(5, "Sở Tài chính"),
    Agency(6, "Ban Chỉ đạo tỉnh về KH, CN, ĐMST và CĐS", aliases=["BCĐ tỉnh"]),
    Agency(7, "UBND huyện Kim Bảng", kind="huyen"),
    Agency(8, "UBND thị xã Duy Tiên", kind="huyen"),
    Agency(9, "Sở Giáo dục và Đào tạo"),
]


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("SỞ KH&CN", "sở khoa hoc va cong nghe"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("BCĐ", "Ban Chỉ đạo"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ],
)
def test_abbreviations_and_accents_do_not_matter(written, full):
    assert name_key(written) == name_key(full)
    assert similarity(written, full) == 1.0


def test_different_departments_do_not_match():
    assert similarity("Sở KH&CN", "Sở Kế hoạch và Đầu tư") < 0.55
    assert similarity("Sở Tài chính", "Sở Tư pháp") < 0.55


def test_several_leads_are_split_and_collective_authorities_recognised():
    assert split_leads("Sở KH&CN; Sở Tài chính, Sở Nội vụ") == [
        "Sở KH&CN",
        "Sở Tài chính",
        "Sở Nội vụ",
    ]
    assert split_leads("Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính") == [
        "Sở Khoa học và Công nghệ",
        "Sở Tài chính",
    ]
    assert collective_kind("UBND các huyện, thị xã, thành phố") == "huyen"
    assert collective_kind("Ủy ban nhân dân các xã, phường") == "xa"
    assert collective_kind("Sở Tài chính") is None


def test_proposals_rank_candidates_with_confidence():
    p = propose(10, "Sở KH&CN", AGENCIES)
    assert p.best.agency_id == 1 and p.confidence == 1.0
    p = propose(11, "Sở KH&CN chủ trì, phối hợp với Sở Tài chính", AGENCIES)
    assert p.best.agency_id == 1 and [c.agency_id for c in p.co_agencies] == [5]
    p = propose(12, "UBND các huyện, thị xã, thành phố", AGENCIES)
    assert {c.agency_id for c in p.collective} == {7, 8} and p.best is None
    p = propose(13, "BCĐ tỉnh", AGENCIES)
    assert p.best.agency_id == 6
    p = propose(14, "Sở Khoa hoc va Cong nghe", AGENCIES)  # OCR without marks
    assert p.best.agency_id == 1
    assert propose(15, "Liên đoàn Lao động tỉnh", AGENCIES).best is None
