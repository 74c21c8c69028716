"""Language-model text about places and people, generated for the repair model.

Plans name their province, its bodies and their signers everywhere, and an
English OCR engine makes those names look like common words ("Hà Tĩnh" as
"Ha Tinh", read back as "Hà tỉnh"; "Mai Sơn" as "Mại Sơn"). The language model
only knows a name from the text it was built from, so this module writes short
administrative sentences about every province in ``tiendo.domain.units`` and
about signers with common Vietnamese names, the same for every plan.

The sentences are generated from fixed templates with a fixed random seed, so
the build is reproducible; nothing here is taken from any plan.
"""

from __future__ import annotations

import random

from tiendo.domain.units import PROVINCES


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Common family names, middle names and given names (written for tiendo).
FAMILY = _words(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Mai Đinh "
    "Trịnh Đào Cao Lương Tạ Hà Lưu Chu Tô Thái Lâm Văn Triệu Kiều Quách La Vương Đoàn Nghiêm "
    "Trương Phùng Giáp Khúc Đàm Lò Hứa Mạc Tăng Thân Nông Lục Ninh Âu Doãn Khổng Ông Viên"
)
MIDDLE = _words(
    "Văn Thị Đức Minh Hữu Quang Thanh Ngọc Xuân Hồng Quốc Anh Thế Đình Công Tiến Trọng Bá "
    "Kim Thu Như Hải Mạnh Duy Tuấn Việt Trung Khánh Phương Thành Hoài Gia Bảo Sỹ Sĩ"
)
GIVEN = _words(
    "An Anh Bình Cường Chiến Dũng Dương Đạt Định Đông Giang Hà Hải Hạnh Hằng Hiền Hiếu Hòa "
    "Hoàng Hùng Hưng Hương Huy Khải Khánh Khoa Lâm Lan Linh Long Lực Mai Minh My Nam Nga "
    "Ngọc Nhung Phong Phúc Phương Quân Quang Quý Sơn Tâm Tân Thắng Thành Thảo Thịnh Thu "
    "Thủy Tiến Toàn Trang Trung Tuấn Tùng Vân Việt Vinh Xuân Yến Lộc Lợi Nghĩa Thái "
    "Tú Tuyết Oanh Ánh Bằng Chung Cảnh Diệp Đức Huệ Kiên Luân Nhân Phú Sáng Tài Thuận"
)

TITLES = (
    "Chủ tịch Ủy ban nhân dân tỉnh",
    "Phó Chủ tịch Ủy ban nhân dân tỉnh",
    "Bí thư Tỉnh ủy",
    "Phó Bí thư Thường trực Tỉnh ủy",
    "Chủ tịch Hội đồng nhân dân tỉnh",
    "Giám đốc Sở Khoa học và Công nghệ",
    "Giám đốc Sở Tài chính",
    "Giám đốc Sở Nội vụ",
    "Chánh Văn phòng Ủy ban nhân dân tỉnh",
    "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Phó Giám đốc Sở Khoa học và Công nghệ",
    "Trưởng phòng Chuyển đổi số",
)

PROVINCE_SENTENCES = (
    "Ủy ban nhân dân tỉnh {p} ban hành Kế hoạch thực hiện nhiệm vụ chuyển đổi số năm 2025.",
    "Ban Thường vụ Tỉnh ủy {p} ban hành Chương trình hành động về phát triển khoa học, công nghệ.",
    "Hội đồng nhân dân tỉnh {p} thông qua nghị quyết về chính sách hỗ trợ đổi mới sáng tạo.",
    "Trên địa bàn tỉnh {p}, các xã, phường đã triển khai dịch vụ công trực tuyến toàn trình.",
    "Báo {p} điện tử và Đài Phát thanh và Truyền hình {p} mở chuyên mục về chuyển đổi số.",
    "Cổng thông tin điện tử tỉnh {p} công khai kết quả giải quyết thủ tục hành chính.",
    "Sở Khoa học và Công nghệ tỉnh {p} là cơ quan thường trực của Ban Chỉ đạo.",
    "Tỉnh {p} phấn đấu thuộc nhóm các tỉnh dẫn đầu cả nước về chỉ số chuyển đổi số.",
    "Người dân và doanh nghiệp tỉnh {p} được hỗ trợ sử dụng các nền tảng số.",
    "{p}, ngày 15 tháng 3 năm 2025",
    "Đoàn công tác của tỉnh {p} làm việc với các doanh nghiệp công nghệ.",
    "Kinh tế số của {p} tăng trưởng nhanh trong giai đoạn vừa qua.",
)
CITY_SENTENCES = (
    "Ủy ban nhân dân thành phố {p} ban hành Kế hoạch thực hiện nhiệm vụ chuyển đổi số.",
    "Thành ủy {p} lãnh đạo, chỉ đạo phát triển khoa học, công nghệ và đổi mới sáng tạo.",
    "Trên địa bàn thành phố {p}, dịch vụ công trực tuyến được sử dụng rộng rãi.",
    "{p}, ngày 20 tháng 4 năm 2025",
)
MERGER_SENTENCE = "Từ ngày 01 tháng 7 năm 2025, tỉnh {old} được sắp xếp vào {kind} {new}."
SIGNATURE_BLOCKS = (
    "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n{name}",
    "TM. BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n{name}",
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n{name}",
    "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n{name}",
    "Nơi nhận:\nNhư trên;\nLưu: VT.\nGIÁM ĐỐC\n{name}",
)


def _name(rng: random.Random) -> str:
    parts = [rng.choice(FAMILY)]
    if rng.random() < 0.9:
        parts.append(rng.choice(MIDDLE))
    parts.append(rng.choice(GIVEN))
    return " ".join(parts)


def places_text(per_place: int = 4, seed: int = 63) -> str:
    """Sentences naming every province and city, before and after the 2025 merger.

    Each place gets a few templates drawn at random, not all of them, so the
    templates' own wording does not outweigh real text in the language model.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible sample text, not security
    lines = []
    for unit in PROVINCES.values():
        templates = CITY_SENTENCES if unit.kind == "thành phố" else PROVINCE_SENTENCES
        lines += [t.format(p=unit.name) for t in rng.sample(templates, per_place)]
        if unit.successor_code:
            new = PROVINCES[unit.successor_code]
            lines.append(MERGER_SENTENCE.format(old=unit.name, kind=new.kind, new=new.name))
    return "\n".join(lines) + "\n"


def people_text(count: int = 250, seed: int = 57) -> str:
    """Signature blocks and mentions of officials with common Vietnamese names."""
    rng = random.Random(seed)  # noqa: S311 - reproducible sample text, not security
    lines = []
    for _ in range(count):
        name = _name(rng)
        if rng.random() < 0.5:
            lines.append(rng.choice(SIGNATURE_BLOCKS).format(name=name))
        else:
            lines.append(f"Đồng chí {name}, {rng.choice(TITLES)}, phát biểu tại hội nghị.")
    return "\n".join(lines) + "\n"
