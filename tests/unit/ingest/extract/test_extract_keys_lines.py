"""Keys that keep offsets, and the grouping of lines into blocks."""

from tiendo.ingest.extract.keys import compact, fold_keep, ocr_key
from tiendo.ingest.extract.lines import build_blocks, find_marker, roman_value, row_cells


def test_folded_key_keeps_length_and_offsets():
    text = "Đẩy mạnh  chuyển đổi số"
    key = fold_keep(text)
    assert len(key) == len(text)
    assert key == "day manh  chuyen doi so"


def test_ocr_key_reads_digits_inside_words_as_letters():
    assert ocr_key("Nghi quyét s6 12") == "nghi quyet so 12"
    assert ocr_key("d6i mói") == "doi moi"
    # a number with its unit stays a number
    assert ocr_key("trên 2Gbps") == "tren 2gbps"


def test_compact_key_drops_punctuation():
    assert compact("IV. TỔ CHỨC THU'C HIỆN") == "iv to chuc thuc hien"


def test_markers_of_each_numbering_style():
    assert find_marker("III. NHIỆM VỤ")[:2] == ("roman", "III")
    assert find_marker("Il. MUC TIEU")[:2] == ("roman", "II")  # OCR "l" for "I"
    assert find_marker("2.3. Ban hành quy chế")[:2] == ("dec2", "2.3")
    assert find_marker("4. Phát triển")[:2] == ("arabic", "4")
    assert find_marker("b) Xây dựng")[:2] == ("letter", "b")
    assert find_marker("(2) Rà soát")[:2] == ("paren", "2")
    assert find_marker("- Tổ chức")[:2] == ("bullet:dash", "-")
    assert find_marker("• Công bố")[:2] == ("bullet:•", "•")
    assert find_marker("Chương trình 3: Hạ tầng số")[:2] == ("programme", "3")
    assert find_marker("Nhóm nhiệm vụ 2: Nhân lực")[:2] == ("programme", "2")
    assert find_marker("*Hà Nội, ngày 2 tháng 5 năm 2025*") is None


def test_roman_values_tolerate_ocr():
    assert roman_value("IV") == 4
    assert roman_value("I11") == 3
    assert roman_value("ABC") is None


def test_a_page_break_does_not_end_a_paragraph_that_goes_on_in_lower_case():
    text = "- Xây dựng cổng thông tin của các\n\nsở, ngành và địa phương.\n\n- Tổ chức tập huấn."
    blocks = build_blocks(text)
    assert [(b.start, b.end) for b in blocks] == [(1, 3), (5, 5)]
    assert blocks[0].line_at(blocks[0].text.index("ngành")) == 3


def test_hard_wrapped_lines_join_and_numbers_mid_sentence_do_not_start_items():
    text = "1. Mục tiêu\n- Phấn đấu đến hết năm\n2030. Tỷ lệ hộ có cáp quang đạt 90%."
    blocks = build_blocks(text)
    assert len(blocks) == 2
    assert blocks[1].text.endswith("đạt 90%.")


def test_a_sub_item_the_numbering_expects_starts_a_block_without_a_blank_line():
    text = "1. Hoàn thiện thể chế\n1.1. Ban hành quy chế dữ liệu\nvà hướng dẫn thực hiện.\n1.2. Rà soát thủ tục"
    blocks = build_blocks(text)
    assert [b.label for b in blocks] == ["1", "1.1", "1.2"]


def test_headings_in_capitals_take_no_continuation_line():
    blocks = build_blocks("II. MỤC TIÊU\nPhấn đấu đến năm 2030 đạt 80%.")
    assert [b.kind for b in blocks] == ["item", "para"]


def test_page_numbers_and_footnotes_are_skipped():
    text = "- Tỷ lệ người dùng đạt\n12\n¹ Ghi chú\ntrên 60%."
    blocks = build_blocks(text)
    assert len(blocks) == 1
    assert blocks[0].text == "- Tỷ lệ người dùng đạt trên 60%."


def test_table_rows_tab_and_pipe():
    assert row_cells("1\tTỷ lệ\t≥ 50%") == ["1", "Tỷ lệ", "≥ 50%"]
    assert row_cells("| 2 | **Số doanh nghiệp** | 30 |") == ["2", "Số doanh nghiệp", "30"]
    blocks = build_blocks("STT\tChỉ tiêu\n1\tTỷ lệ\t80%")
    assert [b.kind for b in blocks] == ["row", "row"]


def test_closing_block():
    blocks = build_blocks("3. Giao Sở Tài chính bố trí kinh phí.\n\nNơi nhận:\n- Như trên;")
    assert blocks[1].kind == "closing"


def test_programme_markers_numbered_in_words():
    assert find_marker("Nhóm nhiệm vụ thứ ba: Hạ tầng")[:2] == ("programme", "3")
    assert find_marker("Nhiệm vụ 4: Nhân lực")[:2] == ("programme", "4")


def test_a_short_heading_line_ends_its_paragraph():
    text = (
        "3. Định hướng đến năm 2040\nDoanh thu dịch vụ số chiếm 30%.\nCác chỉ tiêu khác giữ nguyên."
    )
    blocks = build_blocks(text)
    assert [(b.kind, b.start) for b in blocks] == [("item", 1), ("para", 2), ("para", 3)]


def test_wrapped_lines_join_unless_the_line_is_short():
    filler = "Nội dung kế hoạch được viết kín dòng theo khổ giấy của bản in ra tệp văn bản"
    lines = [f"{filler} số {i:02d}," for i in range(24)]
    lines += [
        "Câu cuối của đoạn.",
        "Đoạn mới bắt đầu ở đây và viết kín dòng theo khổ giấy của bản in",
    ]
    lines += ["tiếp tục đoạn mới."]
    blocks = build_blocks("\n".join(lines))
    assert [(b.start, b.end) for b in blocks] == [(1, 25), (26, 27)]


def test_a_footnote_marker_is_not_part_of_the_word():
    assert fold_keep("25% GRDP³;") == "25% grdp ;"


def test_muc_numbers_a_section():
    assert find_marker("Mục 3. PHÁT TRIỂN HẠ TẦNG SỐ")[:2] == ("programme", "3")
    assert find_marker("Mục tiêu cụ thể") is None


def items(text):
    return [(b.start, b.label) for b in build_blocks(text) if b.kind == "item"]


def test_a_lettered_item_right_under_a_heading_that_wraps():
    # hard-wrapped text: the heading runs over two lines, its first item follows at once
    filler = (
        "Các cấp ủy, chính quyền tập trung chỉ đạo thực hiện đồng bộ, quyết liệt, hiệu quả\n" * 19
    )
    text = (
        filler
        + "các nhóm nhiệm vụ, giải pháp chủ yếu sau đây, có trọng tâm, trọng điểm:\n"
        + (
            "1- Nâng cao nhận thức, đổi mới tư duy, quyết tâm chính trị trong toàn xã hội\n"
            "về phát triển khoa học, công nghệ và chuyển đổi số\n"
            "a) Tổ chức quán triệt Nghị quyết đến tất cả các chi bộ.\n"
            "b) Tuyên truyền trên nền tảng số.\n"
        )
    )
    assert items(text)[-3:] == [(21, "1"), (23, "a"), (24, "b")]


def test_lettered_items_follow_the_vietnamese_alphabet():
    text = (
        "1. Nhóm một\na) Việc một\nb) Việc hai\nc) Việc ba\nd) Việc bốn\nđ) Việc năm\ne) Việc sáu\n"
    )
    assert [label for _, label in items(text)] == ["1", "a", "b", "c", "d", "đ", "e"]


def test_a_running_header_between_pages_is_dropped():
    page = "Kế hoạch số 21/KH-SKHCN ngày 02/6/2025 của Sở Khoa học và Công nghệ"
    text = (
        "1. Phòng Chuyển đổi số chủ trì triển khai nền tảng trợ lý ảo. Thời hạn:\n\n"
        "Trang 1\n\n" + page + "\n\ntháng 6/2026.\n"
        "2. Phòng Quản lý khoa học chủ trì rà soát quy định.\n\n"
        "Trang 2\n\n" + page + "\n\n"
        "3. Văn phòng Sở chủ trì tổng hợp báo cáo.\n"
    )
    blocks = build_blocks(text)
    assert not any(page in b.text for b in blocks)
    assert blocks[0].text.endswith("Thời hạn: tháng 6/2026.")


def test_a_dash_that_a_wrap_put_inside_a_range_is_not_a_bullet():
    text = (
        "5.3. Phát triển nhãn hiệu cho đặc sản. Thời hạn: 2025\n- 2030.\n5.4. Nâng cao năng lực.\n"
    )
    blocks = build_blocks(text)
    assert [(b.start, b.label) for b in blocks] == [(1, "5.3"), (3, "5.4")]
    assert blocks[0].text.endswith("Thời hạn: 2025 - 2030.")


def test_a_page_break_before_a_bracket_does_not_end_the_paragraph():
    text = (
        "1- Các sở định kỳ 6 tháng (trước ngày 15/6) và hằng năm\n\n"
        "                    6\n\n"
        "(trước ngày 15/12) báo cáo kết quả thực hiện.\n"
    )
    (block,) = build_blocks(text)
    assert block.text.endswith("hằng năm (trước ngày 15/12) báo cáo kết quả thực hiện.")


def test_tabs_a_word_processor_puts_in_paragraphs_are_not_cells():
    from tiendo.ingest.extract.lines import untab

    assert untab("\tNăm 2024, tỷ lệ đạt 40%.") == "Năm 2024, tỷ lệ đạt 40%."
    assert untab("\t\t- Ban hành quy chế.") == "- Ban hành quy chế."
    assert untab("a)\tTổ chức quán triệt.") == "a) Tổ chức quán triệt."
    assert untab("\t1.\tNâng cao nhận thức") == "1. Nâng cao nhận thức"
    # table rows keep their cells, also a continuation row with empty cells
    assert untab("1\tTỷ lệ hồ sơ\t%\t80") == "1\tTỷ lệ hồ sơ\t%\t80"
    assert untab("\t(tiếp theo)\t\t\t") == "\t(tiếp theo)\t\t\t"
    assert untab("I.\tHẠ TẦNG SỐ\t\t") == "I.\tHẠ TẦNG SỐ\t\t"


def test_numbers_a_wrap_puts_at_a_line_start_are_not_markers():
    assert find_marker("2.000 lượt người được bồi dưỡng.") is None
    assert find_marker("2.2- Mục tiêu đến năm 2030")[:2] == ("dec2", "2.2")


def test_the_end_of_a_wrapped_sentence_is_not_a_title_in_capitals():
    text = "- Kinh tế số chiếm tỷ trọng trên\n20-25% GRDP.\n"
    (block,) = build_blocks(text)
    assert block.text == "- Kinh tế số chiếm tỷ trọng trên 20-25% GRDP."


def test_dashes_a_wrap_puts_at_a_line_start():
    text = (
        "• Số hóa học bạ, bảo đảm 100% trường học thu học phí không dùng tiền mặt (Phòng Văn hóa\n"
        "- Xã hội chủ trì; thời gian: năm học 2025 - 2026).\n"
        "• Tổ chức sàn giao dịch công nghệ, kết nối cung\n"
        "- cầu công nghệ giữa viện, trường và doanh nghiệp.\n"
        "a) Trong năm 2025\n"
        "- 100% hồ sơ được xử lý trực tuyến.\n"
    )
    assert [(b.start, b.label) for b in build_blocks(text)] == [
        (1, "•"),
        (3, "•"),
        (5, "a"),
        (6, "-"),
    ]


def test_items_right_under_a_markdown_heading():
    text = "### Nhóm nhiệm vụ thứ nhất: Nâng cao nhận thức của cả hệ thống chính trị\n(1) Tổ chức học tập.\n(2) Tuyên truyền.\n"
    assert [(b.start, b.kind, b.label) for b in build_blocks(text)] == [
        (1, "item", "1"),
        (2, "item", "1"),
        (3, "item", "2"),
    ]


def test_a_running_footer_with_the_page_on_the_same_line_and_its_header_are_dropped():
    header = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH AN GIANG"
    text = (
        "a) Phòng Trồng trọt chủ trì xây dựng bản đồ số vùng trồng lúa, cập nhật dữ liệu\n\n"
        "Kế hoạch số 77/KH-SNNMT" + " " * 30 + "Trang 1/3\n" + header + "\n\n"
        "sâu bệnh theo mùa vụ.\n\n"
        "b) Chi cục Thủy lợi chủ trì lắp cảm biến mực nước.\n\n"
        "Trang 2/3" + " " * 12 + "Kế hoạch số 77/KH-SNNMT\n" + header + "\n\n"
        "c) Văn phòng Sở tổng hợp kết quả.\n"
    )
    blocks = build_blocks(text)
    assert [b.label for b in blocks] == ["a", "b", "c"]
    assert blocks[0].text.endswith("cập nhật dữ liệu sâu bệnh theo mùa vụ.")
    assert not any("Trang" in b.text or header in b.text for b in blocks)


def test_a_count_after_a_page_break_goes_on_with_the_cut_item():
    header = "UBND xã An Hòa - Kế hoạch chuyển đổi số năm 2026"
    text = (
        "a) Cập nhật dữ liệu đất đai của các\n\n   1\n\n" + header + "\n\n"
        "05 thôn cũ, hoàn thành trong năm 2026.\n"
        "b) Rà soát hồ sơ một cửa\n\n   2\n\n" + header + "\n\n"
        "- Lập kế hoạch chuyển đổi số.\n"
    )
    blocks = build_blocks(text)
    assert blocks[0].text.endswith("05 thôn cũ, hoàn thành trong năm 2026.")
