"""The catalogue of national indicators and the matcher that proposes links to it."""

import pytest

from tiendo.evaluate.catalogue import PROPOSE_FROM, Matcher, load_catalogue, tokens

# How the plans word the national indicators (from the example plans).
WORDINGS = [
    ("Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp", "%", "NQ57-07"),
    ("Ti le su dung dich vu cong truc tuyen", "%", "NQ57-07"),
    ("Tỉ lệ sử dụng dịch vụ công trực tuyến của người dân", "%", "NQ57-07"),
    ("Quy mô kinh tế số", "% GRDP", "NQ57-06"),
    (
        "Tỷ trọng giá trị tăng thêm của kinh tế số trong tổng sản phẩm trên địa bàn",
        "% GRDP",
        "NQ57-06",
    ),
    ("Tỷ lệ đóng góp của năng suất nhân tố tổng hợp (TFP) vào tăng trưởng kinh tế", "%", "NQ57-05"),
    ("Kinh phí chi cho nghiên cứu phát triển (R&D)", "% GRDP", "NQ57-01"),
    (
        "Tỷ trọng kinh phí từ xã hội trên kinh phí chi cho nghiên cứu phát triển (R&D)",
        "%",
        "NQ57-02",
    ),
    ("Tỷ lệ chi ngân sách Hà Tĩnh chi cho khoa học, công nghệ, đổi mới sáng tạo", "%", "NQ57-03"),
    (
        "Số người thực hiện công tác nghiên cứu khoa học, phát triển công nghệ, đổi mới sáng tạo trên 01 vạn dân",
        "người/vạn dân",
        "NQ57-04",
    ),
    ("Tỷ lệ giao dịch không dùng tiền mặt", "%", "NQ57-08"),
    ("Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo", "%", "NQ57-09"),
    (
        "Số lượng đơn đăng ký sáng chế, văn bằng bảo hộ sáng chế, giải pháp hữu ích",
        "%/năm",
        "NQ57-10",
    ),
    ("Tỷ lệ khai thác thương mại", "%", "NQ57-11"),
    ("Tỷ lệ phủ sóng 5G trên địa bàn", "%", "NQ57-15"),
    ("Số bài báo khoa học có địa chỉ tác giả tại tỉnh (Scopus/ISI)/năm", "số", "NQ57-12"),
]
UNRELATED = [
    ("Tỷ lệ người dân có hồ sơ sức khỏe điện tử", "%"),
    ("Cán bộ, công chức cấp xã được bồi dưỡng kỹ năng số căn bản", "%"),
    ("Xây dựng đô thị thông minh tại các phường có đủ điều kiện", "số"),
    ("Tăng trưởng GRDP bình quân", "%/năm"),
]


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_catalogue())


def test_the_catalogue_has_stable_unique_codes_and_the_resolutions_targets():
    catalogue = load_catalogue()
    codes = [i.code for i in catalogue.indicators]
    assert len(codes) == len(set(codes)) and all(c.startswith("NQ57-") for c in codes)
    by_code = {i.code: i for i in catalogue.indicators}
    rd = by_code["NQ57-01"]
    assert (rd.targets[0].year, rd.targets[0].op, rd.targets[0].value) == (2030, ">=", 2)
    economy = {t.year: t.value for t in by_code["NQ57-06"].targets}
    assert economy == {2030: 30, 2045: 50}
    patents = by_code["NQ57-10"].targets[0]
    assert (patents.value, patents.value_max, by_code["NQ57-10"].unit) == (16, 18, "%/năm")
    assert by_code["NQ57-17"].direction == "lower"
    assert all(i.source == "Nghị quyết 57-NQ/TW, mục II.2" for i in catalogue.indicators)


@pytest.mark.parametrize(("text", "unit", "code"), WORDINGS)
def test_each_wording_is_matched_to_its_national_indicator(matcher, text, unit, code):
    best = matcher.propose(text, unit)
    assert best is not None and best.code == code, matcher.score(text, unit)[:3]


@pytest.mark.parametrize(("text", "unit"), UNRELATED)
def test_targets_the_resolution_does_not_set_get_no_proposal(matcher, text, unit):
    assert matcher.propose(text, unit) is None
    assert matcher.score(text, unit)[0].score < PROPOSE_FROM


def test_matching_ignores_diacritics_case_and_spelling_of_ty_le(matcher):
    a = matcher.score("TỶ LỆ GIAO DỊCH KHÔNG DÙNG TIỀN MẶT")[0]
    b = matcher.score("ti le giao dich khong dung tien mat")[0]
    assert a.code == b.code == "NQ57-08"
    assert tokens("Kinh tế số") == {"kinh", "te", "so", "kinh te", "te so"}


def test_scores_are_ordered_and_stable(matcher):
    ranked = matcher.score("Quy mô kinh tế số đạt tối thiểu 30% GRDP", "% GRDP")
    scores = [m.score for m in ranked]
    assert scores == sorted(scores, reverse=True)
    assert ranked == matcher.score("Quy mô kinh tế số đạt tối thiểu 30% GRDP", "% GRDP")
    assert len(ranked) == len(load_catalogue().indicators)
