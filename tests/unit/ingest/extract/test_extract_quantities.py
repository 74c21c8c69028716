"""Values with their qualifier, unit and kind, as prose states them."""

import pytest

from tiendo.ingest.extract.keys import ocr_key
from tiendo.ingest.extract.quantities import find_quantities


def read(text):
    key = ocr_key(text)
    return [
        (q.op.value, q.value, q.value_max, q.unit, q.kind.value)
        for q in find_quantities(text, key, 0, len(text))
    ]


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("tỷ lệ hộ dùng cáp quang đạt tối thiểu 70%", ">=", 70),
        ("tỷ lệ xã có điểm phục vụ đạt ít nhất 85%", ">=", 85),
        ("tỷ lệ chi thường xuyên không thấp hơn 12%", ">=", 12),
        ("tỷ lệ văn bản điện tử đạt trên 95%", ">", 95),
        ("doanh thu dịch vụ số tăng hơn 15%", ">", 15),
        ("tỷ lệ hồ sơ trễ hạn không quá 3%", "<=", 3),
        ("tỷ lệ lỗi tối đa 2%", "<=", 2),
        ("tỷ lệ sự cố dưới 1%", "<", 1),
        ("tỷ lệ thanh toán số khoảng 60%", "=", 60),
        ("tỷ lệ chữ ký số đạt 45%", "=", 45),
        ("tỷ lệ đơn vị dùng dữ liệu mở ở mức từ 35% trở lên", ">=", 35),
        ("tỷ lệ học sinh học STEM 20%", "=", 20),
    ],
)
def test_qualifiers_in_words(text, op, value):
    assert read(text)[0][:2] == (op, value)


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("tỷ lệ người dùng ≥ 75%", ">=", 75),
        ("tỷ lệ lỗi ≤ 4%", "<=", 4),
        ("tỷ lệ hài lòng > 90%", ">", 90),
        ("tỷ lệ thất thoát < 5%", "<", 5),
        ("tỷ lệ kết nối = 100%", "=", 100),
        ("tỷ lệ dân số có ví điện tử $\\geq 65\\%$", ">=", 65),
        ("tỷ lệ trễ hạn $\\leq 2\\%$", "<=", 2),
    ],
)
def test_symbols_and_latex(text, op, value):
    assert read(text)[0][:2] == (op, value)


def test_decimal_comma_and_plain_index_value():
    assert read("chỉ số năng lực số của tỉnh duy trì trên 0,65.") == [
        (">", 0.65, None, "số", "level")
    ]


def test_ranges():
    assert read("tỷ lệ tự động hóa đạt 25-30%") == [("range", 25, 30, "%", "level")]
    assert read("tỷ lệ đổi mới đạt từ 35% đến 45%") == [("range", 35, 45, "%", "level")]
    assert read("tỷ lệ đổi mới đạt 35% – 45%") == [("range", 35, 45, "%", "level")]


def test_growth_rates():
    assert read("doanh thu công nghệ tăng bình quân 12%/năm") == [("=", 12, None, "%/năm", "rate")]
    assert read("giá trị xuất khẩu phần mềm hằng năm tăng khoảng 9%") == [
        ("=", 9, None, "%/năm", "rate")
    ]
    assert read("năng suất lao động tăng bình quân khoảng 7% mỗi năm") == [
        ("=", 7, None, "%/năm", "rate")
    ]
    assert read("sáng chế tăng 20-22%/năm") == [("range", 20, 22, "%/năm", "rate")]
    assert read("tăng trưởng kinh tế số đạt 15%/năm trở lên") == [(">=", 15, None, "%/năm", "rate")]


def test_a_budget_share_per_year_is_a_level_not_a_rate():
    assert read("bố trí ít nhất 2% tổng chi ngân sách hằng năm") == [(">=", 2, None, "%", "level")]


def test_multiples_with_their_base_year():
    key = "số hợp tác xã ứng dụng thương mại điện tử tăng 3 (ba) lần so với năm 2024"
    q = find_quantities(key, ocr_key(key), 0, len(key))[0]
    assert (q.kind.value, q.op.value, q.value, q.unit, q.base_year) == (
        "multiple",
        "=",
        3,
        "lần",
        2024,
    )
    assert read("doanh thu gấp 2 lần")[0][:4] == ("=", 2, None, "lần")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tỉnh thuộc nhóm 25 địa phương dẫn đầu cả nước về chuyển đổi số", 25),
        ("chỉ số PCI nằm trong top 12 cả nước", 12),
        ("là một trong 4 tỉnh, thành phố đứng đầu về đổi mới sáng tạo", 4),
    ],
)
def test_rankings(text, value):
    assert read(text)[0] == ("<=", value, None, "hạng", "rank")


def test_units():
    assert read("kinh tế số chiếm 22% GRDP")[0][3] == "% GRDP"
    assert read("nhân lực R&D đạt 9 người trên một vạn dân")[0][3] == "người/vạn dân"
    assert read("nhân lực R&D đạt 9 người/vạn dân")[0][3] == "người/vạn dân"
    assert read("tốc độ truy cập trên 2 Gbps")[0][:4] == (">", 2, None, "Gbps")
    assert read("thu hút ít nhất 03 quỹ đầu tư")[0] == (">=", 3, None, "số", "level")
    assert read("đào tạo 1.500 kỹ sư")[0][1] == 1500


def test_several_values_in_one_clause():
    found = read("tỷ lệ phủ sóng 4G đạt 100% và phủ sóng 5G đạt 90%")
    assert [f[1] for f in found] == [100, 90]


def test_references_are_not_values():
    assert read("theo Quyết định số 45/QĐ-UBND ngày 12/3/2025 và Kế hoạch 88-KH/TU") == []
    assert read("phủ sóng 5G toàn tỉnh, thử nghiệm 6G") == []
    assert read("thời gian 5 năm, cả 3 cấp chính quyền, người từ 18 tuổi") == []
    assert read("nằm trong top 300 trường đại học") == []


def test_a_bounded_duration_is_a_value():
    assert read("thời gian khôi phục hệ thống không quá 4 giờ") == [("<=", 4, None, "số", "level")]


def test_multiples_in_words():
    assert read("doanh thu số tăng gấp đôi so với năm 2023")[0][:4] == ("=", 2, None, "lần")
    assert read("sản lượng tăng hai lần")[0][:4] == ("=", 2, None, "lần")
    assert read("tăng năm 2025 và năm 2026") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "mức" (a level) is not "mục" (a section number)
        ("độ phủ cây xanh đô thị ổn định ở mức 38%", [("=", 38, None, "%", "level")]),
        # "số" before a percentage is not a document number
        ("phê duyệt số 90% hồ sơ trên môi trường mạng", [("=", 90, None, "%", "level")]),
        (
            "kỹ sư phần mềm đạt $\\geq 12$ người/vạn dân",
            [(">=", 12, None, "người/vạn dân", "level")],
        ),
        ("giữ vững xếp hạng số 2 toàn quốc", [("=", 2, None, "hạng", "rank")]),
        ("chỉ số hài lòng tăng ít nhất 4 bậc so với năm 2024", [(">=", 4, None, "hạng", "rank")]),
        ("vốn của quỹ tối thiểu 800 tỷ đồng", [(">=", 800, None, "số", "level")]),
        ("sai lệch định vị không quá 15 km", [("<=", 15, None, "số", "level")]),
        ("mỗi năm trồng mới ít nhất 300 ha", [(">=", 300, None, "số", "level")]),
        ("thí điểm tại 4 sở, ngành", [("=", 4, None, "số", "level")]),
        ("thành lập 02 nhóm chuyên gia dữ liệu", [("=", 2, None, "số", "level")]),
    ],
)
def test_levels_counts_and_rank_climbs(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "người dân có tài khoản định danh điện tử mức độ 2",
        "kế hoạch gồm 07 nhóm nhiệm vụ",
        "hỗ trợ 50 triệu đồng cho mỗi doanh nghiệp",
    ],
)
def test_not_values(text):
    assert read(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "điện tử" folds like "từ" (from) but is not a qualifier
        ("số hộ bán hàng qua thương mại điện tử đạt 450 hộ", [("=", 450, None, "số", "level")]),
        ("doanh thu thương mại điện tử tăng bình quân 18%/năm", [("=", 18, None, "%/năm", "rate")]),
        ("tỷ lệ hộ dùng ví điện tử từ 40% trở lên", [(">=", 40, None, "%", "level")]),
        # a value held at a level "trở lên"
        (
            "chỉ số năng lực cạnh tranh duy trì ở mức 0,68 trở lên.",
            [(">=", 0.68, None, "số", "level")],
        ),
        # a range of researchers per ten thousand people
        (
            "nhân lực nghiên cứu đạt 9 - 12 người/vạn dân",
            [("range", 9, 12, "người/vạn dân", "level")],
        ),
        # groups and times counted when a bound is written
        ("hình thành ít nhất 04 nhóm nghiên cứu mạnh", [(">=", 4, None, "số", "level")]),
        ("tổ chức diễn đàn kết nối ít nhất 03 lần mỗi năm", [(">=", 3, None, "số", "level")]),
        ("tăng 3 lần so với năm 2024", [("=", 3, None, "lần", "multiple")]),
    ],
)
def test_words_folded_alike_ranges_and_bounded_counts(text, expected):
    assert read(text) == expected


def test_a_service_level_label_is_not_a_count():
    text = "tỷ lệ người dân có tài khoản định danh điện tử mức 2 được kích hoạt đạt trên 85%"
    assert read(text) == [(">", 85, None, "%", "level")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tỷ lệ hộ có cáp quang tăng từ 45% lên 70%", [("=", 70, None, "%", "level")]),
        ("tỷ lệ hồ sơ trễ hạn giảm từ 8% xuống dưới 3%", [("<", 3, None, "%", "level")]),
        ("tỷ lệ hộ có cáp quang từ 45% đến 70%", [("range", 45, 70, "%", "level")]),
    ],
)
def test_the_starting_point_of_a_change_is_not_a_value_to_reach(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chỉ số PII đứng ở vị trí thứ 5 cả nước", [("=", 5, None, "hạng", "rank")]),
        ("Chỉ số PCI đạt trên 70 điểm", [(">", 70, None, "số", "level")]),
        ("xây dựng 5 điểm du lịch thông minh", []),
    ],
)
def test_positions_and_scores(text, expected):
    assert read(text) == expected


def test_a_multiple_of_a_year_written_without_so_voi():
    text = "số hợp tác xã bán hàng trực tuyến gấp đôi năm 2024"
    q = find_quantities(text, ocr_key(text), 0, len(text))[0]
    assert (q.kind.value, q.value, q.base_year) == ("multiple", 2, 2024)


def test_a_group_of_hundreds_in_a_ranking():
    assert read("học viện nằm trong nhóm 300 cơ sở đào tạo hàng đầu Đông Nam Á") == [
        ("<=", 300, None, "hạng", "rank")
    ]
    # after a count, the group only qualifies it
    assert read("có 02 - 04 trường được xếp trong nhóm 400 trường hàng đầu khu vực") == [
        ("range", 2, 4, "số", "level")
    ]


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("thời gian giải quyết hồ sơ đất đai không quá $3$ giờ", "<=", 3),
        ("thời gian cấp phép xây dựng bình quân không quá 5 tháng", "<=", 5),
        ("mỗi hội tổ chức ít nhất 02 đợt tuyên truyền", ">=", 2),
        ("xây dựng tối thiểu 150 khóa học trực tuyến", ">=", 150),
        ("mỗi thôn có ít nhất một người làm tổ trưởng tổ công nghệ số", ">=", 1),
        ("mỗi trường có tối thiểu hai giáo viên tin học", ">=", 2),
    ],
)
def test_bounded_durations_events_and_numbers_in_words(text, op, value):
    assert read(text)[0][:4] == (op, value, None, "số")


def test_how_often_is_not_a_duration_to_reach():
    assert read("kiểm tra ít nhất 6 tháng một lần") == []


def test_a_class_of_things_in_tu_tro_len_after_a_share_is_no_value():
    assert read("100% sản phẩm OCOP từ 4 sao trở lên có tem truy xuất nguồn gốc") == [
        ("=", 100, None, "%", "level")
    ]
    assert read("từ 60% đến 70% hộ có ít nhất một thành viên dùng ví điện tử") == [
        ("range", 60, 70, "%", "level")
    ]
