"""Which values are targets, with their milestone year, core flag and baselines."""

from tiendo.ingest.extract.lines import build_blocks
from tiendo.ingest.extract.sections import build_outline
from tiendo.ingest.extract.targets import link_baselines, prose_targets


def targets(text, plan_year=2025, default_year=None):
    found, baselines = prose_targets(build_outline(build_blocks(text)), plan_year, default_year)
    link_baselines(found, baselines)
    return found


def rows(text, **kw):
    return [(t.year, t.op.value, t.value, t.unit, t.core) for t in targets(text, **kw)]


def test_year_from_the_governing_heading():
    text = "II. MỤC TIÊU\n\na) Đến năm 2028\n\n- Tỷ lệ hộ có Internet đạt 92%.\n\nb) Tầm nhìn đến năm 2040\n\nKinh tế số chiếm trên 45% GRDP.\n"
    assert rows(text) == [(2028, "=", 92, "%", True), (2040, ">", 45, "% GRDP", True)]


def test_year_from_the_phrase():
    text = (
        "II. MỤC TIÊU\n\n"
        "- Hết năm 2026, 100% trường học có kết nối cáp quang.\n"
        "- Chỉ số DTI vào top 8 vào năm 2028 và top 5 cả nước năm 2032.\n"
        "- Tăng trưởng dịch vụ số giai đoạn 2026-2030 đạt 11%/năm.\n"
        "- Phấn đấu đến năm 2029, tỷ lệ doanh nghiệp số đạt 35%; tỷ lệ hợp tác xã số đạt 20%.\n"
    )
    assert [(t.year, t.value) for t in targets(text)] == [
        (2026, 100),
        (2028, 8),
        (2032, 5),
        (2030, 11),
        (2029, 35),
        (2029, 20),
    ]


def test_a_document_title_year_is_not_a_milestone():
    text = "III. NHIỆM VỤ\n\n1. Nhóm\n\n- Triển khai Đề án dữ liệu số của tỉnh đến năm 2035; bố trí ít nhất 10% vốn cho dữ liệu.\n"
    assert rows(text) == [(None, ">=", 10, "%", False)]


def test_targets_in_tasks_are_not_core_and_bare_counts_there_are_not_targets():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n1. Hạ tầng\n\n"
        "- Xây dựng trung tâm dữ liệu cho 03 huyện miền núi.\n"
        "- Phấn đấu hình thành 02 vườn ươm khởi nghiệp.\n"
        "- Bảo đảm 100% xã có kết nối băng rộng.\n"
        "- Hỗ trợ tối đa 40% chi phí thuê chuyên gia.\n"
    )
    assert rows(text) == [(None, "=", 2, "số", False), (None, "=", 100, "%", False)]


def test_counts_in_the_objectives_are_targets():
    text = "II. MỤC TIÊU ĐẾN NĂM 2030\n\n- Hoàn thành chuyển đổi số tại 4 bệnh viện tuyến tỉnh.\n"
    assert rows(text) == [(2030, "=", 4, "số", True)]


def test_prose_without_a_number_is_not_a_target():
    assert targets("II. MỤC TIÊU\n\n- Phủ sóng di động toàn tỉnh, xây dựng chính quyền số.\n") == []


def test_past_results_are_baselines_linked_to_the_target():
    text = (
        "I. ĐÁNH GIÁ TÌNH HÌNH\n\nNăm 2024, tỷ lệ dịch vụ công trực tuyến toàn trình đạt 48%.\n\n"
        "II. MỤC TIÊU\n\n- Đến năm 2030, tỷ lệ dịch vụ công trực tuyến toàn trình đạt 95%.\n"
    )
    found = targets(text)
    assert [(t.year, t.value) for t in found] == [(2030, 95)]
    assert (found[0].baseline_value, found[0].baseline_year) == (48, 2024)


def test_a_past_year_in_the_objectives_marks_a_baseline():
    text = "II. MỤC TIÊU\n\n- Năm 2023 tỷ lệ hộ dùng ví điện tử đạt 40%; đến năm 2030 đạt 80%.\n"
    assert rows(text) == [(2030, "=", 80, "%", True)]


def test_the_period_of_the_title_is_the_default_milestone():
    text = "II. MỤC TIÊU CỤ THỂ\n\n- Tỷ lệ hồ sơ số hóa đạt 100%.\n"
    assert rows(text, default_year=2027) == [(2027, "=", 100, "%", True)]


def test_the_purpose_section_sets_core_targets():
    text = "I. MỤC ĐÍCH, YÊU CẦU\n\n- Phấn đấu đến năm 2030 tỉnh thuộc nhóm 15 địa phương dẫn đầu về PII.\n"
    assert rows(text) == [(2030, "<=", 15, "hạng", True)]


def test_a_heading_naming_a_year_and_a_bullet_naming_a_base_year():
    text = (
        "I. MỤC TIÊU\n\n1. Mục tiêu năm 2026\n\n- Tỷ lệ văn bản ký số: 100%.\n\n"
        "2. Mục tiêu đến năm 2031\n\n- Số hợp tác xã số tăng 1,5 lần so với năm 2021.\n"
    )
    found = targets(text)
    assert [(t.year, t.value, t.base_year) for t in found] == [(2026, 100, None), (2031, 1.5, 2021)]


def test_a_year_before_the_first_value_governs_the_sentence():
    text = "II. MỤC TIÊU\n\nNgoài ra, đến năm 2029 tỷ lệ hồ sơ trễ hạn dưới 2%; thời gian phản hồi không quá 8 giờ.\n"
    assert rows(text) == [(2029, "<", 2, "%", True), (2029, "<=", 8, "số", True)]


def test_milestone_written_as_the_paragraph_heading():
    text = (
        "II. MỤC TIÊU\n\nĐến năm 2030:\n\n- Tỷ lệ hộ có Internet đạt 92%.\n\n"
        "Tầm nhìn đến năm 2045: tỉnh thuộc nhóm 10 địa phương dẫn đầu; kinh tế số chiếm trên 40% GRDP.\n"
    )
    assert [(t.year, t.value) for t in targets(text)] == [(2030, 92), (2045, 10), (2045, 40)]


def test_year_from_a_deadline_or_a_range_in_the_sentence():
    text = (
        "III. NHIỆM VỤ\n\n1. Nhân lực\n\n"
        "- Bồi dưỡng kỹ năng số cho 100% công chức cấp xã trong năm 2026 - 2027.\n"
        "- Phổ biến Kế hoạch đến 100% chi bộ, hoàn thành trong Quý III/2025.\n"
        "- Thực hiện Chương trình hỗ trợ doanh nghiệp giai đoạn 2026-2030, mỗi năm hỗ trợ ít nhất 200 doanh nghiệp.\n"
        "- Triển khai Đề án nâng cao năng lực số đến năm 2030, bảo đảm 100% cán bộ được bồi dưỡng.\n"
    )
    assert [(t.year, t.value) for t in targets(text)] == [
        (2027, 100),
        (2025, 100),
        (2030, 200),
        (None, 100),
    ]


def test_counts_in_tasks_due_by_a_date_or_made_by_the_task():
    text = (
        "III. NHIỆM VỤ\n\n1. Nhân lực\n\n"
        "- Đào tạo 2.000 kỹ sư dữ liệu và 500 chuyên gia an toàn thông tin đến năm 2029.\n"
        "- Hình thành 04 trung tâm dữ liệu vùng.\n"
        "- Tổ chức 03 hội thảo giới thiệu công nghệ mới.\n"
        "- Thí điểm tại 3 sở, ngành trong Quý II/2026.\n"
    )
    assert [(t.year, t.value, t.unit, t.core) for t in targets(text)] == [
        (2029, 2000, "số", False),
        (2029, 500, "số", False),
        (None, 4, "số", False),
        (2026, 3, "số", False),
    ]


def test_a_share_of_grdp_written_with_a_percent_sign():
    text = "II. MỤC TIÊU\n\n- Đến năm 2030, tỷ trọng kinh tế số trong GRDP đạt 25%.\n"
    assert rows(text) == [(2030, "=", 25, "% GRDP", True)]


def test_events_a_task_holds_are_not_targets_unless_bounded():
    text = (
        "III. NHIỆM VỤ\n\n1. Truyền thông\n\n"
        "- Tổ chức 02 hội thảo chuyên đề mỗi năm.\n"
        "- Tổ chức ít nhất 01 diễn đàn khởi nghiệp mỗi năm.\n"
    )
    assert [(t.op.value, t.value) for t in targets(text)] == [(">=", 1)]


def test_a_year_in_brackets_dates_only_the_bracket():
    text = (
        "II. MỤC TIÊU\n\na) Đến năm 2026\n\n"
        "- Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 70% (năm 2024 đạt 48,5%); tỷ lệ ký số đạt 90%.\n"
    )
    assert rows(text) == [(2026, ">=", 70, "%", True), (2026, "=", 90, "%", True)]


def test_a_sentence_opening_with_a_past_year_reports_baselines():
    text = (
        "II. MỤC TIÊU\n\n1. Mục tiêu chung\n\n"
        "Năm 2024, tỷ lệ hồ sơ trực tuyến đạt 61,5%; kinh tế số ước chiếm 14,2% GRDP.\n\n"
        "Đến năm 2030, kinh tế số chiếm 30% GRDP.\n"
    )
    assert rows(text) == [(2030, "=", 30, "% GRDP", True)]


def test_milestone_at_the_end_of_a_term_of_office():
    text = (
        "II. MỤC TIÊU\n\n"
        "1. Chỉ tiêu đến hết nhiệm kỳ 2026 - 2031\n\n"
        "Tỷ lệ hội viên dùng ví điện tử đạt 60%.\n\n"
        "2. Mục tiêu khác\n\n"
        "Đến hết nhiệm kỳ 2026 - 2031, 95% chi hội có nhóm Zalo.\n"
    )
    assert [(t.year, t.value) for t in targets(text)] == [(2031, 60), (2031, 95)]


def test_a_date_in_the_phrase_gives_the_year_over_the_heading():
    text = (
        "II. MỤC TIÊU\n\n1. Mục tiêu giai đoạn 2025 - 2028\n\n"
        "a) Số hóa 100% hồ sơ địa chính trước ngày 30/6/2026.\n\n"
        "b) Tỷ lệ hộ dùng cáp quang đạt 85%.\n"
    )
    assert [(t.year, t.value) for t in targets(text)] == [(2026, 100), (2028, 85)]


def test_a_count_of_whose_things_is_no_target():
    text = "III. NHIỆM VỤ\n\n1. Nhóm\n\n- Số hóa hồ sơ của 05 xã cũ, hoàn thành trong năm 2026.\n"
    assert rows(text) == []


def test_a_results_paragraph_inside_the_objectives_holds_baselines():
    text = (
        "II. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\n"
        "2.1. Kết quả đã đạt được: đến hết năm 2024, có 310 trường dùng học bạ số; "
        "tỷ lệ hồ sơ trực tuyến đạt khoảng 52%.\n\n"
        "2.2. Đến năm 2027, tỷ lệ hồ sơ trực tuyến đạt 90%.\n"
    )
    assert rows(text) == [(2027, "=", 90, "%", True)]


def test_a_note_sets_no_target_and_a_standards_number_is_no_count():
    text = (
        "II. MỤC TIÊU\n\n"
        "- Đến năm 2028, có ít nhất 03 phòng thử nghiệm đạt chuẩn ISO/IEC 17025.\n\n"
        "Ghi chú: Chỉ tiêu 5 tính trong 34 tỉnh, thành phố từ năm 2026.\n"
    )
    assert rows(text) == [(2028, ">=", 3, "số", True)]


def test_a_list_of_values_shares_the_year_that_closes_it():
    text = (
        "II. MỤC TIÊU ĐẾN NĂM 2030\n\n"
        "- Giảm tối thiểu 20% hồ sơ giấy, giảm tối thiểu 25% thời gian chờ và "
        "tối thiểu 15% chi phí đi lại ngay trong năm 2026.\n"
    )
    assert [(t.year, t.value) for t in targets(text)] == [(2026, 20), (2026, 25), (2026, 15)]


def test_the_year_of_the_base_compared_with_is_not_the_milestone():
    text = (
        "II. MỤC TIÊU\n\n"
        "- Năm 2026, xếp hạng PII của tỉnh tăng ít nhất 4 bậc so với thứ hạng năm 2025.\n"
    )
    assert [(t.year, t.kind.value, t.value) for t in targets(text)] == [(2026, "rank", 4)]
