"""Repair of English-OCR'd Vietnamese with the shipped model."""

import difflib
import re
import unicodedata

import pytest

from tiendo.ingest.repair import looks_mangled, repair_text
from tiendo.ingest.repair.model import default_model

# Written for this test. The mangled lines are what English tesseract made of
# the clean lines rendered on a page (one OCR line per clean line).
CLEAN = [
    "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan",
    "bố trí kinh phí để hoàn thành việc số hóa hồ sơ trước ngày 30/6/2026 theo Kế hoạch số 12/KH-UBND.",
    "Đẩy mạnh ứng dụng trí tuệ nhân tạo trong quản lý nhà nước, phấn đấu tỷ lệ dịch vụ công",
    "trực tuyến toàn trình đạt ≥ 95% vào năm 2030.",
]
MANGLED = [
    "Uy ban nhan dan tinh giao Sé Tai chinh cht tri, phdi hop véi cdc co quan lién quan",
    "b6 tri kinh phi dé hoan thanh viéc sé héa hé so truéc ngay 30/6/2026 theo Ké hoach s6 12/KH-UBND.",
    "Day manh tng dung tri tué nhan tao trong quan ly nha nuéc, phan dau ty 1é dich vu cong",
    "truc tuyén toan trinh dat ≥ 95% vao nam 2030.",
]


def syllable_accuracy(clean: str, candidate: str) -> float:
    def syl(text):
        return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())

    ref, cand = syl(clean), syl(candidate)
    sm = difflib.SequenceMatcher(None, ref, cand, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) / len(ref)


@pytest.fixture(scope="module")
def repaired():
    return repair_text("\n".join(MANGLED))


def test_model_loads_once():
    assert default_model() is default_model()


def test_mangled_sentence_is_restored(repaired):
    assert looks_mangled("\n".join(MANGLED)).mangled
    assert syllable_accuracy("\n".join(CLEAN), repaired.text) >= 0.9
    text = repaired.text
    for phrase in [
        "Ủy ban nhân dân tỉnh",
        "phối hợp với các cơ quan",
        "Kế hoạch số",
        "dịch vụ công",
    ]:
        assert phrase in text


def test_line_structure_is_kept(repaired):
    out = repaired.text.split("\n")
    assert len(out) == len(MANGLED)
    assert out[3].endswith("2030.")


def test_protected_tokens_survive_byte_for_byte(repaired):
    for token in ["30/6/2026", "12/KH-UBND.", "≥ 95%", "2030."]:
        assert token in repaired.text


@pytest.mark.parametrize(
    "code",
    ["57-NQ/TW", "09/01/2025", "≥ 95%", "03/NQ-CP", "441/KH-UBND", "1.234,5", "16-18%", "0,7"],
)
def test_codes_dates_and_numbers_are_kept(code):
    line = f"Thuc hién Nghi quyét s6 {code} cia Chinh phi"
    assert code in repair_text(line).text


def test_short_numbers_in_number_contexts_stay_numbers():
    text = repair_text("Co 16 tinh, thanh ph6 dat 12 chi tiéu trong nam 2025").text
    assert " 16 " in text and " 12 " in text and "2025" in text


@pytest.mark.parametrize(
    ("mangled", "expected"),
    [
        ("Nghi quyét s6 57-NQ/TW", "Nghị quyết số 57-NQ/TW"),
        ("ngay 09/01/2025 cia Chinh phi", "ngày 09/01/2025 của Chính phủ"),
        ("chuyén d6i s6 qudc gia", "chuyển đổi số quốc gia"),
        ("Chuwong trinh hanh déng", "Chương trình hành động"),
        ("gọi tắt 1a Nghị quyết", "gọi tắt là Nghị quyết"),
        ("ddi mdi sang tao", "đổi mới sáng tạo"),
    ],
)
def test_specific_confusions(mangled, expected):
    assert repair_text(mangled).text == expected


def test_case_pattern_of_source_token_is_restored():
    out = repair_text("MUC TIEU CU THE\nMuc tiéu cu thé cua Ké hoach").text.split("\n")
    assert out[0] == "MỤC TIÊU CỤ THỂ"
    assert out[1].startswith("Mục tiêu cụ thể của Kế hoạch")


def test_confident_repair_lists_no_uncertain_words():
    result = repair_text("Trién khai cac nhiém vu\nva bao cao két qua thuc hién")
    assert result.text == "Triển khai các nhiệm vụ\nvà báo cáo kết quả thực hiện"
    assert result.words == 12 and result.changed == 11
    assert result.confidence > 0.95


def test_uncertain_words_carry_place_and_alternatives():
    source = "Thuc hién\nban tinh"
    result = repair_text(source)
    assert result.uncertain
    for word in result.uncertain:
        line = result.text.split("\n")[word.line - 1]
        assert line[word.out_start : word.out_end] == word.chosen
        assert source.split("\n")[word.line - 1][word.start : word.end] == word.original
        assert 0 <= word.confidence < 0.8
        assert word.alternatives and all(0 < p <= 1 for _w, p in word.alternatives)


def test_empty_and_blank_text():
    assert repair_text("").text == ""
    assert repair_text("\n\n").text == "\n\n"


def test_text_without_words_is_unchanged():
    assert repair_text("1.\t2025\t≥ 95%").text == "1.\t2025\t≥ 95%"


@pytest.mark.parametrize(
    ("mangled", "expected"),
    [
        # A mark glued to a word stands for part of a letter (the dot of ị).
        ("sau day goi tat 1a Ngh; quyét s6 03/NQ-CP", "sau đây gọi tắt là Nghị quyết số 03/NQ-CP"),
        # A quote before a capital is a tone mark read on its own.
        ("‘UY BAN NHAN DAN TINH", "ỦY BAN NHÂN DÂN TỈNH"),
        # Words the OCR glued together are read apart.
        ("dao tao canbé céng chic va nguoi lao dong", "đào tạo cán bộ công chức và người lao động"),
        ("cac dy an tronggiaidoan 2025 - 2030", "các dự án trong giai đoạn 2025 - 2030"),
        # A lone digit shaped like a letter between words is a word.
        ("giao cac nhiém vu 6 cap xa va cap tinh", "giao các nhiệm vụ ở cấp xã và cấp tỉnh"),
        # "ư" or "ú" written as three strokes.
        ("giai phap ctiia Nghi quyét", "giải pháp của Nghị quyết"),
        ("thtiic day phat trién", "thúc đẩy phát triển"),
        # An @ that is no e-mail address is a letter.
        ("kinh té - x@ hdéi", "kinh tế - xã hội"),
        # A word glued to a formula is repaired, the formula kept.
        ("Cé$\\geq 60\\%$ doanh nghiép", "Có$\\geq 60\\%$ doanh nghiệp"),
        ("**Ké hoach trién khai**", "**Kế hoạch triển khai**"),
    ],
)
def test_glued_and_disguised_words(mangled, expected):
    assert repair_text(mangled).text == expected


@pytest.mark.parametrize(
    ("mangled", "expected"),
    [
        # A capital in mid-sentence marks a name: Hà Tĩnh, not "Hà tỉnh".
        ("UBND tinh Ha Tinh va tinh Bac Giang", "UBND tỉnh Hà Tĩnh và tỉnh Bắc Giang"),
        ("Ban hanh Ké hoach cua tinh Quang Ngai", "Ban hành Kế hoạch của tỉnh Quảng Ngãi"),
        ("KT. CHU TICH\nPHO CHU TICH\nMai Son", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nMai Sơn"),
        ("Dong chi Truong Quéc Huy, Phé Chu tich", "Đồng chí Trương Quốc Huy, Phó Chủ tịch"),
        # A capital the OCR put on a look-alike letter of a common word is dropped.
        ("thuong Xuyén tang cuong kiém tra", "thường xuyên tăng cường kiểm tra"),
    ],
)
def test_capitals_as_evidence(mangled, expected):
    assert repair_text(mangled).text == expected


def test_letters_lost_by_the_scan_are_restored():
    text = repair_text("hé thng chinh tri, ddng thai tich cuc ho trg doanh nghiép khai nghiép").text
    assert text == "hệ thống chính trị, đồng thời tích cực hỗ trợ doanh nghiệp khởi nghiệp"


def test_unknown_acronyms_are_kept():
    assert repair_text("Trung tam IOC cua tinh").text == "Trung tâm IOC của tỉnh"
