"""Tasks from the tasks sections: groups, items, leads, deadlines."""

from tiendo.ingest.extract.lines import build_blocks
from tiendo.ingest.extract.sections import build_outline
from tiendo.ingest.extract.tasks import section_tasks


def tasks(text):
    return [
        (t.line, t.group, t.lead, t.deadline.as_label())
        for t in section_tasks(build_outline(build_blocks(text)))
    ]


def test_bullets_under_numbered_groups():
    text = (
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "1. Hoàn thiện thể chế\n\nĐoạn giải thích không phải nhiệm vụ.\n\n"
        "- Ban hành quy chế chia sẻ dữ liệu.\n\n- Rà soát thủ tục hành chính.\n\n"
        "2. Phát triển hạ tầng\n\n- Nâng cấp mạng truyền số liệu.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ theo dõi.\n"
    )
    assert tasks(text) == [(7, "1", None, None), (9, "1", None, None), (13, "2", None, None)]


def test_numbered_sub_items_and_their_bullets_are_tasks():
    text = "II. NHIỆM VỤ\n\n1. Nhân lực\n\n1.1. Đào tạo kỹ năng số\n\n- Mở lớp cho cán bộ xã.\n\n1.2. Thu hút chuyên gia\n"
    assert [t[:2] for t in tasks(text)] == [(5, "1"), (7, "1"), (9, "1")]


def test_programme_headings_and_goal_sub_headings():
    text = (
        "III. NỘI DUNG CHƯƠNG TRÌNH HÀNH ĐỘNG\n\n"
        "Chương trình 2: Dữ liệu số\n\na) Mục tiêu\n\n- Có 100% dữ liệu số hóa.\n\n"
        "b) Nhiệm vụ, giải pháp\n\n- Xây dựng kho dữ liệu.\n"
    )
    assert tasks(text) == [(11, "2", None, None)]


def test_groups_written_as_task_groups():
    text = "II. NHIỆM VỤ\n\nNhóm nhiệm vụ 3: Doanh nghiệp\n- Hỗ trợ doanh nghiệp nhỏ.\n"
    assert tasks(text) == [(4, "3", None, None)]


def test_lead_and_deadline_in_the_item():
    text = (
        "III. NHIỆM VỤ\n\n1. Thể chế\n\n"
        "a) Ban hành quy chế (Sở Tư pháp chủ trì; hoàn thành trong Quý I/2026).\n\n"
        "b) Giao Sở Tài chính bố trí vốn, hoàn thành trong tháng 9/2025.\n\n"
        "c) Xây dựng bộ tiêu chí; Ban Tổ chức Tỉnh ủy chủ trì.\n\n"
        "d) Cập nhật dữ liệu dân cư (thực hiện thường xuyên).\n\n"
        "đ) Đến năm 2027, hoàn thành số hóa hồ sơ đất đai.\n"
    )
    assert tasks(text) == [
        (5, "1", "Sở Tư pháp", "2026-03-31"),
        (7, "1", "Sở Tài chính", "2025-09-30"),
        (9, "1", "Ban Tổ chức Tỉnh ủy", None),
        (11, "1", None, None),
        (13, "1", None, "2027"),
    ]


def test_attribute_lines_belong_to_the_item_above():
    text = (
        "III. NHIỆM VỤ\n\n1. Hạ tầng\n\n1.1. Xây dựng kho dữ liệu dùng chung.\n"
        "- Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n- Thời gian hoàn thành: năm 2026.\n"
    )
    assert tasks(text) == [(5, "1", "Sở Khoa học và Công nghệ", "2026")]


def test_ungrouped_items_have_no_group_and_pointers_to_an_appendix_are_not_tasks():
    text = "III. NHIỆM VỤ\n\n- Lồng ghép chuyển đổi số vào kế hoạch hằng năm.\n\n- Ưu tiên vốn cho dự án số.\n"
    assert tasks(text) == [(3, None, None, None), (5, None, None, None)]
    pointer = "III. NHIỆM VỤ\n\n1. Thể chế (chi tiết tại Phụ lục).\n\n2. Hạ tầng (chi tiết tại Phụ lục).\n"
    assert tasks(pointer) == []


def test_descriptive_bullets_are_not_tasks():
    text = "II. NHIỆM VỤ\n\n1. Tuyên truyền\n\n- Nội dung tuyên truyền cần ngắn gọn.\n\n- Tổ chức tọa đàm.\n"
    assert tasks(text) == [(7, "1", None, None)]


def test_groups_numbered_in_words_and_task_headings_in_markdown():
    text = (
        "IV. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "Nhóm nhiệm vụ thứ nhất: Nâng cao nhận thức về dữ liệu\n\n- Tổ chức hội thảo cho cán bộ.\n\n"
        "Nhóm nhiệm vụ thứ hai: Phát triển hạ tầng\n\n- Nâng cấp mạng nội bộ.\n\n"
        "### Nhiệm vụ 3: Nhân lực số\n\n+ Mở lớp bồi dưỡng kỹ năng.\n"
    )
    assert [t[:2] for t in tasks(text)] == [(5, "1"), (9, "2"), (13, "3")]


def test_items_right_under_their_group_line_without_blank_lines():
    text = (
        "Điều 2. Nhiệm vụ, giải pháp\n"
        "1. Hoàn thiện chính sách\n"
        "a) Sửa đổi quy định về quỹ phát triển khoa học.\n"
        "b) Ban hành cơ chế đặt hàng, hoàn thành trong năm 2026.\n"
        "2. Hạ tầng và dữ liệu số\n"
        "a) Nâng cấp trung tâm dữ liệu.\n"
        "Điều 3. Tổ chức thực hiện\n"
    )
    assert tasks(text) == [(3, "1", None, None), (4, "1", None, "2026"), (6, "2", None, None)]


def test_goal_paragraph_glued_to_its_sub_heading_is_not_a_task():
    text = (
        "III. NỘI DUNG KẾ HOẠCH\n\n"
        "Chương trình 1: Chính quyền số\n"
        "a) Mục tiêu\n"
        "Đến năm 2027, 90% hồ sơ được xử lý trực tuyến.\n"
        "b) Nhiệm vụ\n"
        "- Xây dựng kho dữ liệu dùng chung.\n"
    )
    assert tasks(text) == [(7, "1", None, None)]


def test_groups_numbered_in_words_or_named_giai_phap():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n"
        "Một là, nâng cao nhận thức về chuyển đổi số.\n\n- Tổ chức quán triệt Nghị quyết.\n\n"
        "Hai là, phát triển hạ tầng số.\n\n- Phủ sóng 5G các xã.\n\n"
        "Ba là, phát triển nhân lực.\n\n- Đào tạo kỹ năng số.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ theo dõi.\n"
    )
    assert [t[:2] for t in tasks(text)] == [(5, "1"), (9, "2"), (13, "3")]
    named = text.replace("Một là, n", "Giải pháp 1: N").replace("Hai là, p", "Giải pháp 2: P")
    named = named.replace("Ba là, p", "Giải pháp 3: P")
    assert [t[:2] for t in tasks(named)] == [(5, "1"), (9, "2"), (13, "3")]


def test_group_paragraphs_are_no_tasks_when_the_list_of_tasks_is_in_an_appendix():
    text = (
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "Nhiệm vụ gồm 2 nhóm; danh mục nhiệm vụ chi tiết, đơn vị chủ trì và thời hạn tại Phụ lục kèm theo.\n\n"
        "1. Phát triển dữ liệu ngành giáo dục.\n"
        "Tập trung số hóa học bạ, văn bằng, kết nối dữ liệu dân cư.\n\n"
        "2. Phát triển nhân lực số.\n"
        "Bồi dưỡng giáo viên tin học, thu hút chuyên gia.\n\n"
        "IV. KINH PHÍ\n"
    )
    assert tasks(text) == []
