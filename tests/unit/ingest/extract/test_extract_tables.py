"""Target tables and task tables, tab-separated or markdown."""

import pytest

from tiendo.ingest.extract.lines import build_blocks
from tiendo.ingest.extract.tables import find_tables, read_value_cell, table_targets, table_tasks


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("≥ 60%", (">=", 60, None, "%", "level")),
        ("$\\geq 35\\%$", (">=", 35, None, "%", "level")),
        ("$>85\\%$", (">", 85, None, "%", "level")),
        ("$\\geq 1{,}5$", (">=", 1.5, None, None, "level")),
        ("$7{,}5\\%$", ("=", 7.5, None, "%", "level")),
        ("Có \\geq 65%", (">=", 65, None, "%", "level")),
        ("Có ≥ 40% (* ³)", (">=", 40, None, "%", "level")),
        ("5G (70%)", ("=", 70, None, "%", "level")),
        ("02-04", ("range", 2, 4, None, "level")),
        ("30% – 40%", ("range", 30, 40, "%", "level")),
        ("đạt 4% GRDP", ("=", 4, None, "% GRDP", "level")),
        ("0,35", ("=", 0.35, None, None, "level")),
        ("≥ 0.55", (">=", 0.55, None, None, "level")),
        ("= 25%", ("=", 25, None, "%", "level")),
        ("9 xã", ("=", 9, None, "số", "level")),
        ("Top 10", ("<=", 10, None, "hạng", "rank")),
        ("Có", ("=", None, None, "bool", "achieve")),
        ("Gấp 3 lần năm 2024", ("=", 3, None, "lần", "multiple")),
        ("ứng dụng", ("=", None, None, "bool", "achieve")),
    ],
)
def test_value_cells(cell, expected):
    c = read_value_cell(cell)
    assert (c.op.value, c.value, c.value_max, c.unit, c.kind.value) == expected


@pytest.mark.parametrize("cell", ["", "-", "(* ²)", "Chưa xác định"])
def test_open_cells(cell):
    assert read_value_cell(cell) is None


def table(text, plan_year=2025):
    found = find_tables(build_blocks(text), plan_year)
    assert len(found) == 1
    return found[0]


def test_tab_target_table_with_a_two_row_header():
    text = (
        "TT\tChỉ tiêu\tLộ trình\t\n"
        "\t\tNăm 2026\tNăm 2030\n"
        "1\tTỷ lệ xã có wifi công cộng\t≥ 40%\t100\n"
        "2\tXếp hạng chỉ số DTI\t12\t≤ 8\n"
        "3\tChỉ số năng lực số\t0,5\t≥ 0,6\n"
        "4\tNhóm chỉ tiêu dữ liệu\t\t\n"
        "4.1\tCơ sở dữ liệu chuyên ngành được kết nối\t60%\t90%\n"
    )
    t = table(text)
    assert t.is_target_table
    found = [(x.line, x.year, x.kind.value, x.op.value, x.value, x.unit) for x in table_targets(t)]
    assert found == [
        (3, 2026, "level", ">=", 40, "%"),
        (3, 2030, "level", "=", 100, "%"),
        (4, 2026, "rank", "=", 12, "hạng"),
        (4, 2030, "rank", "<=", 8, "hạng"),
        (5, 2026, "level", "=", 0.5, "số"),
        (5, 2030, "level", ">=", 0.6, "số"),
        (7, 2026, "level", "=", 60, "%"),
        (7, 2030, "level", "=", 90, "%"),
    ]
    assert all(x.core for x in table_targets(t))


def test_markdown_target_table_with_unit_and_baseline_columns():
    text = (
        "| STT | Chỉ tiêu | Đơn vị tính | Hiện trạng 2024 | Mục tiêu 2030 |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Kinh tế số | % GRDP | 11 | 25 |\n"
        "| 2 | Nhân lực R&D | Người/vạn dân | 6 | 10 |\n"
        "| 3 | Tăng trưởng doanh thu số | %/năm | 9 | 12 - 14 |\n"
    )
    found = table_targets(table(text))
    assert [(x.year, x.value, x.value_max, x.unit, x.kind.value) for x in found] == [
        (2030, 25, None, "% GRDP", "level"),
        (2030, 10, None, "người/vạn dân", "level"),
        (2030, 12, 14, "%/năm", "rate"),
    ]
    assert (found[0].baseline_value, found[0].baseline_year) == (11, 2024)


def test_unit_written_after_the_indicator_name():
    text = "| TT | Chỉ tiêu | 2030 |\n|---|---|---|\n| 1 | Tỷ lệ trường có học liệu số (%) | 75 |\n"
    assert table_targets(table(text))[0].unit == "%"


def test_task_table_with_groups_continuations_and_deadlines():
    text = (
        "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
        "I\tTHỂ CHẾ\t\t\t\n"
        "1\tBan hành quy chế dữ liệu\tSở Tư pháp\tCác sở\tQuý III/2025\n"
        "\tvà quy trình chia sẻ\t\t\t\n"
        "2\tRà soát thủ tục\tVăn phòng UBND tỉnh\t\tThường xuyên\n"
        "II\tHẠ TẦNG\t\t\t\n"
        "1\tNâng cấp trung tâm dữ liệu\tCông an tỉnh\t\t2025 - 2027\n"
        "2\tXây dựng nền tảng số\tSở Xây dựng\t\t8/2026\n"
    )
    t = table(text)
    assert t.is_task_table
    found = [(x.line, x.group, x.lead, x.deadline.as_label()) for x in table_tasks(t)]
    assert found == [
        (3, "I", "Sở Tư pháp", "2025-09-30"),
        (5, "I", "Văn phòng UBND tỉnh", None),
        (7, "II", "Công an tỉnh", "2027"),
        (8, "II", "Sở Xây dựng", "2026-08-31"),
    ]
    assert table_tasks(t)[0].full_text == "Ban hành quy chế dữ liệu và quy trình chia sẻ"


def test_numbered_group_rows_above_decimal_rows():
    text = (
        "| TT | Nội dung | Đơn vị chủ trì | Thời hạn |\n|---|---|---|---|\n"
        "| 1 | Nhóm thể chế | | |\n"
        "| 1.1 | Ban hành quy định | Sở Nội vụ | Năm 2026 |\n"
    )
    assert [(x.group, x.deadline.as_label()) for x in table_tasks(table(text))] == [("1", "2026")]


def test_space_aligned_table_with_a_wrapped_indicator_name():
    text = (
        "  STT  Chỉ tiêu                                  Đơn vị    Năm 2026    Đến năm 2030\n"
        "  1    Tỷ lệ văn bản ký số trên tổng số văn      %         ≥ 85        100\n"
        "       bản đi của cơ quan nhà nước\n"
        "  2    Số sản phẩm số chủ lực                    Sản phẩm  -           12\n"
        "  3    Tỷ trọng thương mại số trong GRDP         %         4           ≤ 9\n"
    )
    found = table_targets(table(text))
    assert [(x.line, x.year, x.op.value, x.value, x.unit) for x in found] == [
        (2, 2026, ">=", 85, "%"),
        (2, 2030, "=", 100, "%"),
        (4, 2030, "=", 12, "số"),
        (5, 2026, "=", 4, "% GRDP"),
        (5, 2030, "<=", 9, "% GRDP"),
    ]
    assert found[0].indicator.endswith("văn bản đi của cơ quan nhà nước")


def test_a_column_gives_each_row_its_own_year():
    text = (
        "| TT | Chỉ tiêu | Đơn vị | Mục tiêu | Thời điểm | Cơ quan theo dõi |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Tỷ lệ cảng cá có hệ thống giám sát số | % | 90 | 2027 | Sở Nông nghiệp |\n"
        "| 2 | Số tàu cá lắp thiết bị định vị | Chiếc | Gấp 2 lần năm 2024 | 2029 | Sở Nông nghiệp |\n"
    )
    t = table(text)
    assert t.is_target_table and not t.is_task_table
    found = [(x.year, x.kind.value, x.value, x.unit, x.base_year) for x in table_targets(t)]
    assert found == [(2027, "level", 90, "%", None), (2029, "multiple", 2, "lần", 2024)]


def test_stray_double_spaces_in_numbered_prose_are_not_a_table():
    text = (
        "1.  Tổ chức  tuyên truyền về chuyển đổi số  cho người dân ở các xã vùng sâu.\n"
        "2. Xây dựng kho  dữ liệu dùng chung  của tỉnh và kết nối với hệ thống quốc gia, bảo đảm  an toàn.\n"
        "3. Triển khai   nền tảng số cho doanh nghiệp  nhỏ  và vừa.\n"
    )
    assert [b.kind for b in build_blocks(text)] == ["item", "item", "item"]


def test_space_aligned_table_with_a_two_line_header_and_a_spanning_cell():
    text = (
        " TT   Chỉ tiêu                              Đơn vị    Mục tiêu phấn đấu\n"
        "                                                      2027        2030\n"
        " 1    Tỷ lệ trạm y tế có bệnh án điện tử     %         ≥ 60        100\n"
        " 2    Số phòng khám từ xa                    Phòng     40          120\n"
    )
    found = table_targets(table(text))
    assert [(x.line, x.year, x.value, x.unit) for x in found] == [
        (3, 2027, 60, "%"),
        (3, 2030, 100, "%"),
        (4, 2027, 40, "số"),
        (4, 2030, 120, "số"),
    ]


def test_a_value_column_named_chi_tieu_phan_dau():
    text = (
        "| STT | Tên chỉ tiêu | Đơn vị tính | Chỉ tiêu phấn đấu | Năm |\n|---|---|---|---|---|\n"
        "| 1 | Tỷ lệ trường học số | % | ≥ 80 | 2028 |\n"
    )
    t = table(text)
    assert [(x.year, x.op.value, x.value) for x in table_targets(t)] == [(2028, ">=", 80)]


def test_a_target_table_that_names_who_follows_each_indicator():
    # "Cơ quan chủ trì theo dõi" is not a task table's lead column: the cells are values.
    text = (
        "TT\tChỉ tiêu\tĐơn vị tính\tMục tiêu\t\tCơ quan chủ trì theo dõi\n"
        "\t\t\t2026\t2030\t\n"
        "1\tTỷ lệ hồ sơ xử lý trực tuyến\t%\t≥ 70\t≥ 90\tVăn phòng UBND tỉnh\n"
        "2\tSố doanh nghiệp công nghệ số\tDoanh nghiệp\t1.200\t2.000\tSở Tài chính\n"
    )
    t = table(text)
    assert t.is_target_table and not t.is_task_table
    found = [(x.line, x.year, x.op.value, x.value, x.unit) for x in table_targets(t)]
    assert found == [
        (3, 2026, ">=", 70, "%"),
        (3, 2030, ">=", 90, "%"),
        (4, 2026, "=", 1200, "số"),
        (4, 2030, "=", 2000, "số"),
    ]


def test_a_task_table_stays_a_task_table():
    text = (
        "TT\tNhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
        "1\tXây dựng cơ sở dữ liệu đất đai\tSở Nông nghiệp và Môi trường\t2026\n"
        "2\tBan hành quy chế dữ liệu\tSở Tư pháp\tQuý IV/2025\n"
    )
    t = table(text)
    assert t.is_task_table


def test_a_second_column_named_chi_tieu_holds_the_values():
    text = (
        "| STT | Chỉ tiêu | Đơn vị tính | Hiện trạng năm 2024 | Chỉ tiêu | Năm đạt | Cơ quan theo dõi |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 1 | Tỷ lệ xã có wifi công cộng | % | 40 | ≥ 80 | 2027 | Sở Khoa học và Công nghệ |\n"
        "| 2 | Xếp hạng chỉ số DTI | Hạng | - | Top 15 | 2030 | Sở Khoa học và Công nghệ |\n"
        "| 3 | Trung tâm dữ liệu đạt chuẩn | Có/Không | Không | Có | 2026 | Sở Tài chính |\n"
    )
    t = table(text)
    assert t.is_target_table
    found = [(x.line, x.year, x.op.value, x.value, x.unit) for x in table_targets(t)]
    assert found == [
        (3, 2027, ">=", 80, "%"),
        (4, 2030, "<=", 15, "hạng"),
        (5, 2026, "=", None, "bool"),
    ]


def test_a_table_with_a_row_per_year_and_a_column_per_indicator():
    text = (
        "| Năm | Tỷ lệ hộ dùng cáp quang (%) | Tỷ trọng kinh tế số trong GRDP (%) "
        "| Số hợp tác xã bán hàng trực tuyến (hợp tác xã) | Xếp hạng chỉ số PII (thứ hạng) |\n"
        "|---|---|---|---|---|\n"
        "| 2024 (thực hiện) | 52 | 6,1 | 14 | 40 |\n"
        "| 2026 | ≥ 70 | 9 | 30 | ≤ 35 |\n"
        "| Năm 2030 | 100 | 12 - 15 | 60 | ≤ 25 |\n"
    )
    t = table(text)
    assert t.is_target_table
    found = [
        (x.line, x.year, x.kind.value, x.op.value, x.value, x.value_max, x.unit, x.indicator)
        for x in table_targets(t)
    ]
    assert found == [
        (4, 2026, "level", ">=", 70, None, "%", "Tỷ lệ hộ dùng cáp quang"),
        (5, 2030, "level", "=", 100, None, "%", "Tỷ lệ hộ dùng cáp quang"),
        (4, 2026, "level", "=", 9, None, "% GRDP", "Tỷ trọng kinh tế số trong GRDP"),
        (5, 2030, "level", "range", 12, 15, "% GRDP", "Tỷ trọng kinh tế số trong GRDP"),
        (4, 2026, "level", "=", 30, None, "số", "Số hợp tác xã bán hàng trực tuyến"),
        (5, 2030, "level", "=", 60, None, "số", "Số hợp tác xã bán hàng trực tuyến"),
        (4, 2026, "rank", "<=", 35, None, "hạng", "Xếp hạng chỉ số PII"),
        (5, 2030, "rank", "<=", 25, None, "hạng", "Xếp hạng chỉ số PII"),
    ]
    # the row of what was done is the baseline of each indicator, not a target
    assert {(x.baseline_value, x.baseline_year) for x in table_targets(t)[:2]} == {(52, 2024)}


def test_a_table_of_prose_years_is_not_turned():
    text = (
        "| Năm | Nội dung | Ghi chú |\n|---|---|---|\n"
        "| 2025 | Hoàn thiện hạ tầng dữ liệu | Ưu tiên vùng cao |\n"
        "| 2026 | Mở rộng dịch vụ công | |\n"
    )
    t = table(text)
    assert not t.source


def test_a_table_cut_by_a_page_break_reads_as_one():
    text = (
        "TT\tChỉ tiêu\tĐơn vị tính\tNăm 2026\tNăm 2030\n"
        "1\tTỷ lệ thôn có Internet cáp quang\t%\t80\t100\n"
        "2\tSố điểm wifi công cộng\tĐiểm\t120\t300\n"
        "\n"
        "Chương trình số 12/CTr-UBND                                  Trang 3/9\n"
        "ỦY BAN NHÂN DÂN HUYỆN MINH SƠN\n"
        "\n"
        "TT\tChỉ tiêu\tĐơn vị tính\tNăm 2026\tNăm 2030\n"
        "3\tTỷ lệ hồ sơ nộp trực tuyến\t%\t≥ 60\t≥ 90\n"
    )
    t = table(text)
    found = [(x.line, x.year, x.op.value, x.value, x.unit) for x in table_targets(t)]
    assert found == [
        (2, 2026, "=", 80, "%"),
        (2, 2030, "=", 100, "%"),
        (3, 2026, "=", 120, "số"),
        (3, 2030, "=", 300, "số"),
        (9, 2026, ">=", 60, "%"),
        (9, 2030, ">=", 90, "%"),
    ]


def test_a_task_table_cut_by_a_page_break_keeps_its_groups():
    text = (
        "STT\tNhiệm vụ\tCơ quan chủ trì\tThời gian\n"
        "I\tNăm 2026\n"
        "1\tTập huấn kỹ năng số cho cán bộ\tSở Nội vụ\tQuý I/2026\n"
        "2\tKiểm tra thực hiện kế hoạch\tSở Tài chính\tQuý II/2026\n"
        "\n"
        "- 4 -\n"
        "KẾ HOẠCH HOẠT ĐỘNG NĂM 2026\n"
        "\n"
        "3\tSơ kết một năm thực hiện\tVăn phòng UBND tỉnh\tTháng 12/2026\n"
    )
    found = [(x.line, x.group, x.lead, x.deadline.as_label()) for x in table_tasks(table(text))]
    assert found == [
        (3, "I", "Sở Nội vụ", "2026-03-31"),
        (4, "I", "Sở Tài chính", "2026-06-30"),
        (9, "I", "Văn phòng UBND tỉnh", "2026-12-31"),
    ]


def test_tables_under_headings_of_their_own_stay_apart():
    text = (
        "1. Hạ tầng số\n\n"
        "TT\tNhiệm vụ\tChủ trì\tThời hạn\n"
        "1\tPhủ sóng 5G các xã\tSở Khoa học và Công nghệ\t2026\n"
        "2. Dữ liệu số\n\n"
        "TT\tNhiệm vụ\tChủ trì\tThời hạn\n"
        "3\tXây dựng kho dữ liệu\tSở Tài chính\t2027\n"
    )
    assert len(find_tables(build_blocks(text), 2025)) == 2


def test_a_table_of_targets_handed_out_per_unit():
    text = (
        "CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026 GIAO CHO CÁC XÃ\n"
        "\n"
        "| STT | Đơn vị | Hồ sơ nộp trực/ | Tổ công nghệ số |\n"
        "|  |  | tuyến (%) | cộng đồng (tổ) |\n"
        "|---|---|---|---|\n"
        "| 1 | Xã Đông Hưng | ≥ 70 | 12 |\n"
        "| 2 | Xã Tây Sơn | 50 - 60 | 0 |\n"
        "| 3 | Phường Nam Thành | 90 | - |\n"
    )
    t = table(text)
    found = [
        (x.line, x.year, x.op.value, x.value, x.value_max, x.unit, x.indicator)
        for x in table_targets(t)
    ]
    assert found == [
        (6, 2026, ">=", 70, None, "%", "Hồ sơ nộp trực/tuyến - Xã Đông Hưng"),
        (6, 2026, "=", 12, None, "số", "Tổ công nghệ số cộng đồng - Xã Đông Hưng"),
        (7, 2026, "range", 50, 60, "%", "Hồ sơ nộp trực/tuyến - Xã Tây Sơn"),
        (7, 2026, "=", 0, None, "số", "Tổ công nghệ số cộng đồng - Xã Tây Sơn"),
        (8, 2026, "=", 90, None, "%", "Hồ sơ nộp trực/tuyến - Phường Nam Thành"),
    ]


def test_a_table_of_counts_per_unit_without_a_target_title_holds_no_targets():
    text = (
        "PHÂN CÔNG CÁN BỘ PHỤ TRÁCH THEO CỤM\n"
        "\n"
        "| STT | Đơn vị | Số hộ | Số thôn |\n|---|---|---|---|\n"
        "| 1 | Xã Đông Hưng | 842 | 6 |\n"
        "| 2 | Xã Tây Sơn | 731 | 5 |\n"
    )
    assert not table(text).source


def test_task_tables_under_numbered_headings_take_them_as_groups():
    from tiendo.ingest.extract import extract_plan

    text = (
        "KẾ HOẠCH\nPhát triển khoa học, công nghệ năm 2026\n\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "1. Phát triển hạ tầng số\n\n"
        "| TT | Nhiệm vụ | Chủ trì | Thời hạn |\n|---|---|---|---|\n"
        "| 1.1 | Phủ sóng 5G tại các xã vùng cao | Sở Khoa học và Công nghệ | 2026 |\n"
        "| 1.2 | Nâng cấp trung tâm dữ liệu tỉnh | Văn phòng UBND tỉnh | Quý IV/2026 |\n\n"
        "2. Phát triển nhân lực số\n\n"
        "| TT | Nhiệm vụ | Chủ trì | Thời hạn |\n|---|---|---|---|\n"
        "| 2.1 | Bồi dưỡng kỹ năng số cho công chức xã | Sở Nội vụ | Hằng năm |\n"
    )
    tasks = extract_plan(text, "t.md").tasks
    assert [(t.group, t.group_title, t.text[:20], t.lead) for t in tasks] == [
        ("1", "Phát triển hạ tầng số", "Phủ sóng 5G tại các ", "Sở Khoa học và Công nghệ"),
        ("1", "Phát triển hạ tầng số", "Nâng cấp trung tâm d", "Văn phòng UBND tỉnh"),
        ("2", "Phát triển nhân lực số", "Bồi dưỡng kỹ năng số", "Sở Nội vụ"),
    ]


def test_a_tab_before_every_line_leaves_no_empty_first_column():
    text = (
        "\tSTT\tNhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
        "\tI\tNhiệm vụ về dữ liệu\n"
        "\t1\tKho dữ liệu dùng chung của tỉnh\tSở Tài chính\tQuý II/2026\n"
        "\t2\tBản đồ số vùng trồng\tSở Nông nghiệp và Môi trường\t2027\n"
    )
    t = table(text)
    assert t.is_task_table
    found = [(x.line, x.group, x.lead, x.deadline.as_label()) for x in table_tasks(t)]
    assert found == [
        (3, "I", "Sở Tài chính", "2026-06-30"),
        (4, "I", "Sở Nông nghiệp và Môi trường", "2027"),
    ]


def test_a_footer_among_the_rows_is_no_group_row():
    text = (
        "STT\tNhiệm vụ\tCơ quan chủ trì\tThời gian\n"
        "I\tDữ liệu số\n"
        "1\tKho dữ liệu dùng chung\tSở Tài chính\t2026\n"
        "Kế hoạch số 15/KH-UBND\tTrang 4/7\n"
        "2\tBản đồ số vùng trồng\tSở Nông nghiệp và Môi trường\t2027\n"
    )
    found = [(x.line, x.group) for x in table_tasks(table(text))]
    assert found == [(3, "I"), (5, "I")]


def test_a_row_cut_by_a_page_break_goes_on_after_it():
    text = (
        "TT\tChỉ tiêu\tĐơn vị tính\tNăm 2026\tNăm 2030\n"
        "1\tTỷ lệ thôn có Internet cáp quang\t%\t80\t100\n"
        "2\tTỷ lệ hồ sơ công việc xử lý\n"
        "Trang 3/9\n"
        "ỦY BAN NHÂN DÂN TỈNH BẮC SƠN\n"
        "\ttrên môi trường mạng\t%\t≥ 70\t≥ 90\n"
        "3\tSố điểm wifi công cộng\tĐiểm\t120\t300\n"
    )
    t = table(text)
    found = [(x.line, x.year, x.value, x.indicator) for x in table_targets(t)]
    assert found[2:4] == [
        (6, 2026, 70, "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng"),
        (6, 2030, 90, "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng"),
    ]
    assert [x.line for x in table_targets(t)][4:] == [7, 7]


def test_a_table_of_years_as_rows_with_its_units_on_a_header_row_of_their_own():
    text = (
        "Năm\tTỷ lệ xã có điểm wifi công cộng\tSố sản phẩm OCOP bán trực tuyến\n"
        "\t(%)\t(sản phẩm)\n"
        "Ước thực hiện 2024\t35\t12\n"
        "Năm 2026\t≥ 60\t20\n"
        "Đến năm 2030\t100\t45\n"
    )
    found = [(x.line, x.year, x.op.value, x.value, x.unit) for x in table_targets(table(text))]
    assert found == [
        (4, 2026, ">=", 60, "%"),
        (5, 2030, "=", 100, "%"),
        (4, 2026, "=", 20, "số"),
        (5, 2030, "=", 45, "số"),
    ]


def test_a_table_per_unit_with_a_column_per_year_and_a_column_of_notes():
    text = (
        "PHỤ LỤC II\n"
        "CHỈ TIÊU TỶ LỆ HỒ SƠ TRỰC TUYẾN GIAO CHO CÁC XÃ (%)\n"
        "\n"
        "| STT | Địa phương | Thực hiện 2024 | Năm 2026 | Năm 2030 | Ghi chú |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Xã Đông Hưng | 41 | ≥ 60 | 90 | Xã vùng cao |\n"
        "| 2 | Xã Tây Sơn | 55 | 70 | ≥ 95 | |\n"
    )
    found = [(x.line, x.year, x.op.value, x.value, x.unit) for x in table_targets(table(text))]
    assert found == [
        (6, 2026, ">=", 60, "%"),
        (6, 2030, "=", 90, "%"),
        (7, 2026, "=", 70, "%"),
        (7, 2030, ">=", 95, "%"),
    ]
    assert table_targets(table(text))[0].indicator.endswith(" - Xã Đông Hưng")
