"""The outline: numbering styles, section kinds, milestone years of headings."""

from tiendo.domain.plan import SectionKind
from tiendo.ingest.extract.lines import build_blocks
from tiendo.ingest.extract.sections import build_outline, to_sections


def outline(text):
    return build_outline(build_blocks(text))


def kinds(text):
    return [(s.number, s.kind) for s in to_sections(outline(text))]


def test_section_kinds_from_usual_titles():
    text = (
        "I. ĐÁNH GIÁ TÌNH HÌNH\n\nNội dung.\n\n"
        "II. MỤC ĐÍCH, YÊU CẦU\n\nNội dung.\n\n"
        "III. MỤC TIÊU\n\nNội dung.\n\n"
        "IV. NHIỆM VỤ, GIẢI PHÁP\n\n1. Nhóm một\n\n- Việc một.\n\n"
        "V. KINH PHÍ THỰC HIỆN\n\nNội dung.\n\n"
        "VI. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ theo dõi.\n"
    )
    found = dict(kinds(text))
    assert found["I"] == SectionKind.ASSESSMENT
    assert found["II"] == SectionKind.PURPOSE
    assert found["III"] == SectionKind.OBJECTIVES
    assert found["IV"] == SectionKind.TASKS
    assert found["V"] == SectionKind.FUNDING
    assert found["VI"] == SectionKind.ORGANISATION


def test_ocr_titles_are_recognised():
    found = dict(
        kinds("Il. NHIEM VU CU THE\n\n1. Nhom\n\n- Viec.\n\nIV. TO CHUC THU'C HIEN\n\n1. Viec.\n")
    )
    assert found["II"] == SectionKind.TASKS
    assert found["IV"] == SectionKind.ORGANISATION


def test_the_first_top_style_met_numbers_the_top_level():
    text = "A. MỤC TIÊU\n\nI. Mục tiêu chung\n\nNội dung.\n\nB. NHIỆM VỤ\n\nI. Nhóm thể chế\n\n1. Ban hành quy định.\n"
    o = outline(text)
    tops = [n.label for n in o.root.children]
    assert tops == ["A", "B"]
    b = o.root.children[1]
    assert b.own_kind == SectionKind.TASKS
    assert [c.label for c in b.children] == ["I"]


def test_a_goal_sub_heading_inside_the_tasks_keeps_objectives():
    text = "III. NỘI DUNG CHƯƠNG TRÌNH\n\n1. Chương trình 1: Hạ tầng\n\n1.1. Mục tiêu\n\nĐạt 80%.\n\n1.2. Nhiệm vụ và giải pháp\n\n- Làm A.\n"
    o = outline(text)
    group = o.root.children[0].children[0]
    assert group.children[0].own_kind == SectionKind.OBJECTIVES
    assert group.children[1].kind == SectionKind.TASKS


def test_heading_years():
    text = "II. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\na) Đến hết năm 2026\n\n- Đạt 90%.\n\nb) Tầm nhìn đến năm 2050\n\nNội dung.\n"
    o = outline(text)
    sub = o.root.children[0].children[0]
    assert [c.year for c in sub.children] == [2026, 2050]


def test_a_plan_issued_by_a_decision_reopens_after_the_signature():
    text = (
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\nĐiều 2. Hiệu lực.\n\n"
        "Nơi nhận:\n- Như Điều 2;\n\nBỘ TRƯỞNG\n\nKẾ HOẠCH\n\nI. MỤC TIÊU\n\n- Đạt 50%.\n"
    )
    o = outline(text)
    assert [n.own_kind for n in o.root.children if n.style == "roman"] == [SectionKind.OBJECTIVES]


def test_appendix_restarts_the_outline():
    text = "I. TỔ CHỨC THỰC HIỆN\n\n1. Việc.\n\nNơi nhận:\n- Lưu.\n\nPHỤ LỤC\n\nSTT\tChỉ tiêu\n"
    o = outline(text)
    assert o.root.children[-1].own_kind == SectionKind.APPENDIX


def test_parts_named_in_words_with_section_titles_in_capitals():
    text = (
        "PHẦN THỨ NHẤT\nMỤC TIÊU\n\n- Đạt 50%.\n\nPHẦN THỨ HAI\nNHIỆM VỤ VÀ GIẢI PHÁP\n\n1. Nhóm\n\n- Việc.\n\n"
        "PHẦN THỨ BA\nTỔ CHỨC THỰC HIỆN\n\n1. Việc của sở.\n"
    )
    found = [k for _, k in kinds(text) if k not in (SectionKind.OTHER, SectionKind.TASK_GROUP)]
    assert found == [SectionKind.OBJECTIVES, SectionKind.TASKS, SectionKind.ORGANISATION]


def test_recipients_beside_the_signature_close_the_decision():
    text = (
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n\n"
        "Nơi nhận:\tKT. BỘ TRƯỞNG\n"
        "- Như Điều 2;\tTHỨ TRƯỞNG\n"
        "- Lưu: VT.\tNguyễn Văn An\n\n"
        "KẾ HOẠCH HÀNH ĐỘNG\n\n"
        "I. MỤC TIÊU\n\n- Đến năm 2030, 100% hồ sơ được số hóa.\n\n"
        "II. NHIỆM VỤ, GIẢI PHÁP\n\n1. Hoàn thiện thể chế\n\n- Rà soát quy định.\n"
    )
    o = outline(text)
    assert o.closing_line == 5
    tops = [(n.label, n.own_kind) for n in o.root.children if n.style == "roman"]
    assert tops == [("I", SectionKind.OBJECTIVES), ("II", SectionKind.TASKS)]


def test_a_roman_numeral_never_nests_under_a_bullet():
    text = (
        "Điều 1. Ban hành Kế hoạch.\n\n"
        "- Gửi các sở;\n- Lưu: VT.\n\n"
        "I. MỤC TIÊU\n\n- Đến năm 2030, 100% hồ sơ được số hóa.\n"
    )
    roman = next(n for n in outline(text).nodes() if n.style == "roman")
    assert roman.parent.style in (None, "article")


def test_lettered_sections_with_numbered_parts():
    text = (
        "**Mục A. BỐI CẢNH, MỤC TIÊU**\n\n"
        "A.1. Tình hình chung\n\nHuyện còn khó khăn.\n\n"
        "A.2. Mục tiêu cụ thể giai đoạn 2026 - 2028\n\na) Tỷ lệ hộ dùng điện thoại thông minh đạt 80%.\n\n"
        "**Mục B. NHIỆM VỤ VÀ GIẢI PHÁP**\n\n1. Hạ tầng\n\n- Lắp đặt trạm thu phát sóng.\n\n"
        "**Mục C. TỔ CHỨC THỰC HIỆN**\n\nC.1. Các phòng báo cáo hằng quý.\n"
    )
    o = outline(text)
    tops = [(n.label, n.own_kind) for n in o.root.children]
    assert tops == [
        ("A", SectionKind.OBJECTIVES),
        ("B", SectionKind.TASKS),
        ("C", SectionKind.ORGANISATION),
    ]
    a = o.root.children[0]
    assert [c.label for c in a.children] == ["A.1", "A.2"]
    assert a.children[1].year == 2028
    assert [c.label for c in o.root.children[1].children] == ["1"]


def test_background_and_goals_is_an_objectives_title():
    assert dict(kinds("I. BỐI CẢNH VÀ MỤC TIÊU\n\nNội dung.\n"))["I"] == SectionKind.OBJECTIVES


def test_lower_case_roman_numerals_number_the_parts_of_a_section():
    text = (
        "PHẦN THỨ NHẤT. NHIỆM VỤ\n\n"
        "i. Đào tạo\n\n- Mở lớp tập huấn.\n\n"
        "ii. Nghiên cứu\n\n- Giao đề tài.\n\n"
        "iii. Hợp tác\n\n- Ký thỏa thuận.\n\n"
        "iv. Hạ tầng\n\n- Nâng cấp mạng.\n\n"
        "v. Quản trị\n\n- Số hóa hồ sơ.\n"
    )
    part = outline(text).root.children[0]
    assert [(c.style, c.label) for c in part.children] == [
        ("lroman", "i"),
        ("lroman", "ii"),
        ("lroman", "iii"),
        ("lroman", "iv"),
        ("lroman", "v"),
    ]


def test_a_letter_i_after_h_stays_a_letter():
    text = "1. Nhóm\n\ng) Việc bảy.\n\nh) Việc tám.\n\ni) Việc chín.\n"
    group = outline(text).root.children[0]
    assert [(c.style, c.label) for c in group.children][-1] == ("letter", "i")


def test_a_milestone_line_after_bullets_heads_the_bullets_below_it():
    text = (
        "II. MỤC TIÊU\n\n"
        "Trong năm 2026:\n\n- Tỷ lệ A đạt 50%.\n\n"
        "Đến năm 2031:\n\n- Tỷ lệ B đạt 90%.\n\n- Tỷ lệ C đạt 70%.\n"
    )
    section = outline(text).root.children[0]
    assert [c.year for c in section.children] == [2026, 2031, 2031]


def test_a_reporting_rules_section_is_part_of_the_implementation():
    text = "IV. CHẾ ĐỘ THÔNG TIN, BÁO CÁO\n\n1. Các phòng báo cáo hằng tháng.\n"
    assert dict(kinds(text))["IV"] == SectionKind.ORGANISATION


def test_items_numbered_after_their_roman_group():
    text = (
        "C. NHIỆM VỤ, GIẢI PHÁP\n\n"
        "I. HOÀN THIỆN THỂ CHẾ\n\n"
        "I.1. Sửa đổi quy chế quản lý đề tài.\nĐơn vị chủ trì: Vụ Pháp chế; thời hạn: tháng 8/2026.\n\n"
        "I.2. Ban hành hướng dẫn khoán chi.\n\n"
        "II. HẠ TẦNG\n\nII.1. Nâng cấp trung tâm dữ liệu.\n"
    )
    o = outline(text)
    groups = o.root.children[0].children
    assert [(g.label, [c.label for c in g.children]) for g in groups] == [
        ("I", ["I.1", "I.2"]),
        ("II", ["II.1"]),
    ]
