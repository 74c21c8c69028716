"""Deadlines and lead agencies as items and table cells write them."""

import pytest

from tiendo.ingest.extract.agencies import find_lead
from tiendo.ingest.extract.deadlines import read_cell, read_prose


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Ban hành quy chế, hoàn thành trong tháng 5/2025.", "2025-05-31"),
        ("Ban hành quy chế, hoàn thành trong tháng 02 năm 2026.", "2026-02-28"),
        ("Số hóa hồ sơ (Quý III/2025).", "2025-09-30"),
        ("Số hóa hồ sơ, hoàn thành trong quý 4 năm 2025.", "2025-12-31"),
        ("Tổ chức hội nghị, hoàn thành trước ngày 15/8/2025.", "2025-08-15"),
        ("Hoàn thiện cơ sở dữ liệu trong năm 2027.", "2027"),
        ("Đến năm 2029, hoàn thành nâng cấp mạng.", "2029"),
        ("Hết năm 2025, 100% xã có cán bộ chuyên trách.", "2025"),
        ("Triển khai phần mềm, phấn đấu đến năm 2026 áp dụng toàn tỉnh.", "2026"),
        ("Xây dựng cơ sở dữ liệu y tế giai đoạn 2025 - 2026.", "2026"),
        ("Xây dựng quy chế (Sở Nội vụ chủ trì; năm 2025).", "2025"),
        ("Thời gian hoàn thành: Quý I/2026.", "2026-03-31"),
        ("Hoàn thành trong Quy IIl/2026.", "2026-09-30"),
        ("Số hóa hồ sơ lưu trữ; Sở Nội vụ chủ trì, thời gian 2026-2028.", "2028"),
        ("Bồi dưỡng kỹ năng số cho công chức trong năm 2025 - 2026; Sở Nội vụ chủ trì.", "2026"),
        ("Rà soát, ban hành chính sách hỗ trợ thống nhất trong năm 2027.", "2027"),
        ("Trình Hội đồng nhân dân tỉnh tại kỳ họp cuối năm 2025.", "2025"),
        ("Lập Quỹ đầu tư mạo hiểm của tỉnh; hoàn thành năm 2027.", "2027"),
        ("Xây dựng chính sách thu hút chuyên gia; hoàn thành 6 tháng đầu năm 2026.", "2026-06-30"),
        ("Số hóa học bạ, văn bằng; trong năm học 2025 - 2026.", "2026"),
        (
            "Triển khai sổ liên lạc điện tử (Sở Giáo dục và Đào tạo chủ trì; năm học 2026 - 2027).",
            "2027",
        ),
        (
            "Xây dựng Đề án phát triển nhân lực vi mạch, đến năm 2030 đào tạo 500 kỹ sư; "
            "Thời gian hoàn thành Đề án: tháng 9/2026.",
            "2026-09-30",
        ),
        (
            "Ban hành Nghị quyết về cơ chế thử nghiệm; trình tại kỳ họp thường lệ giữa năm 2026.",
            "2026",
        ),
        (
            "Tham mưu ban hành Nghị quyết về chính sách hỗ trợ giai đoạn 2026 - 2030. "
            "Giao Sở Tài chính chủ trì, trình tại kỳ họp cuối năm 2025.",
            "2025",
        ),
    ],
)
def test_deadlines_in_prose(text, label):
    assert read_prose(text).as_label() == label


def test_the_plans_own_period_after_a_programmes_name():
    text = (
        "Triển khai Chương trình hỗ trợ hợp tác xã số giai đoạn 2026-2030, mỗi năm 50 hợp tác xã."
    )
    assert read_prose(text, plan_year=2026).as_label() == "2030"
    assert (
        read_prose("Thực hiện Đề án đào tạo giai đoạn 2021-2025.", plan_year=2026).as_label()
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Triển khai Đề án chuyển đổi số của tỉnh đến năm 2030.",
        "Thực hiện Kế hoạch phát triển giai đoạn 2021-2030 của ngành.",
        "Triển khai nhiệm vụ theo Nghị quyết số 12-NQ/TU ngày 14 tháng 11 năm 2023.",
        "Tổ chức tuyên truyền thường xuyên trên báo chí.",
    ],
)
def test_no_deadline(text):
    assert read_prose(text).as_label() is None


def test_continuing_tasks():
    assert read_prose("Cập nhật dữ liệu (thực hiện thường xuyên).").continuing
    assert read_cell("Hằng năm").continuing
    assert read_cell("Thường xuyên").as_label() is None


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        ("6/2025", "2025-06-30"),
        ("Quý II/2025", "2025-06-30"),
        ("2025 - 2026", "2026"),
        ("Năm 2027", "2027"),
        ("Tháng 10/2025", "2025-10-31"),
    ],
)
def test_deadline_cells(cell, label):
    assert read_cell(cell).as_label() == label


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Ban hành quy chế (Sở Tư pháp chủ trì, phối hợp các sở).", "Sở Tư pháp"),
        ("Giao Sở Khoa học và Công nghệ chủ trì xây dựng đề án.", "Sở Khoa học và Công nghệ"),
        ("Giao Công an tỉnh triển khai nền tảng giám sát.", "Công an tỉnh"),
        ("Rà soát dữ liệu; Văn phòng UBND tỉnh chủ trì.", "Văn phòng UBND tỉnh"),
        (
            "Xây dựng kho dữ liệu. Cơ quan chủ trì: Sở Xây dựng; cơ quan phối hợp: các sở.",
            "Sở Xây dựng",
        ),
        ("Mở ngành đào tạo vi mạch; Đại học Vinh chủ trì, phối hợp các trường.", "Đại học Vinh"),
        ("Số hóa hồ sơ (Chủ trì: Sở Nội vụ; thời gian: năm 2026).", "Sở Nội vụ"),
        ("Chủ trì: Công an tỉnh; phối hợp: các sở; thời gian: Quý II/2026.", "Công an tỉnh"),
        (
            "Kiểm tra tiến độ tại các khối phố (Lãnh đạo UBND xã chủ trì; định kỳ).",
            "Lãnh đạo UBND xã",
        ),
        ("Mở lớp kỹ năng số cho học viên. [Đơn vị chủ trì: Phòng Đào tạo]", "Phòng Đào tạo"),
        ("Nâng cấp thư viện số. [Đơn vị chủ trì: Thư viện; thời hạn: 2026]", "Thư viện"),
    ],
)
def test_leads(text, lead):
    assert find_lead(text) == lead


def test_no_lead_without_an_agency_leading():
    assert find_lead("Tăng cường phối hợp giữa các bên trong triển khai.") is None


def test_a_known_name_with_a_comma_inside():
    text = "Số hóa di tích (Sở Văn hóa, Thể thao và Du lịch chủ trì; năm 2026)."
    assert find_lead(text) == "Sở Văn hóa, Thể thao và Du lịch"


def test_an_unknown_name_with_a_comma_inside():
    text = "Chuẩn hóa dữ liệu đất đai; Cục Đo đạc, Bản đồ chủ trì, hoàn thành trong năm 2026."
    assert find_lead(text) == "Cục Đo đạc, Bản đồ"


def test_chu_tri_without_a_colon_names_no_agency():
    assert find_lead("Chủ trì liên kết với các trường trong đào tạo kỹ sư.") is None


def test_a_month_the_task_starts_from_is_no_deadline():
    text = "Dùng chữ ký số trên điện thoại cho mọi văn bản đi; áp dụng từ tháng 12/2025."
    assert read_prose(text).as_label() is None
