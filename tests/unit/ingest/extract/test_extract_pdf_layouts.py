"""Layouts of plans exported from PDF and other uncommon forms."""

from tiendo.ingest.extract.lines import build_blocks
from tiendo.ingest.extract.sections import build_outline
from tiendo.ingest.extract.tasks import section_tasks


def tasks(text):
    return [(t.line, t.group) for t in section_tasks(build_outline(build_blocks(text)))]


def test_lettered_caps_heading_after_an_unfinished_table_line_starts_a_section():
    # A flattened table's last row wraps its name onto a line with no full stop;
    # the lettered part heading in capitals right below still opens the tasks.
    text = (
        "B. MỤC TIÊU\n"
        "TT   Chỉ tiêu                         Đơn vị     Năm 2026\n"
        "1    Tỷ lệ thư viện trường có         %          80\n"
        "     tài liệu điện tử dùng chung\n"
        "C. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Bồi dưỡng đội ngũ\n"
        "a) Mở lớp tập huấn kỹ năng số cho nhân viên thư viện các trường.\n"
        "Đơn vị chủ trì: Phòng Tổ chức; thời gian: năm 2026.\n"
        "b) Biên soạn tài liệu hướng dẫn khai thác kho sách điện tử.\n"
        "D. TỔ CHỨC THỰC HIỆN\n"
    )
    assert tasks(text) == [(7, "1"), (9, "1")]


def test_chapters_are_parts_and_appendix_listed_groups_are_not_tasks():
    # A ministry's plan numbers its parts "Chương I."; its tasks chapter gives group
    # paragraphs only and sends the reader to the appendix for the tasks.
    text = (
        "## Chương I. MỤC TIÊU\n\n"
        "1. Đến năm 2026, 90% hồ sơ được xử lý trực tuyến.\n\n"
        "## Chương II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "1. Hoàn thiện thể chế\n\n"
        "Rà soát các thông tư về quản lý cảng cá.\n\n"
        "2. Phát triển dữ liệu\n\n"
        "Xây dựng cơ sở dữ liệu tàu cá dùng chung.\n\n"
        "Nhiệm vụ cụ thể và cơ quan chủ trì tại Phụ lục kèm theo Kế hoạch này.\n\n"
        "## Chương III. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Các đơn vị báo cáo hằng quý về Văn phòng trước ngày 15 của tháng cuối quý.\n"
    )
    outline = build_outline(build_blocks(text))
    assert [(n.style, n.label) for n in outline.root.children] == [
        ("part", "I"),
        ("part", "II"),
        ("part", "III"),
    ]
    assert section_tasks(outline) == []


def test_chapter_marker_is_not_a_programme():
    text = "III. NỘI DUNG CHƯƠNG TRÌNH HÀNH ĐỘNG\n\nChương trình 1: Dữ liệu số\n\n- Xây dựng kho dữ liệu.\n"
    assert [t[1] for t in tasks(text)] == ["1"]


def test_district_party_committee_issues_as_btv_huyen_uy():
    from tiendo.ingest.extract import extract_plan

    text = (
        "ĐẢNG BỘ TỈNH BẾN TRE\nHUYỆN ỦY CHỢ LÁCH\n*\nSố 12-CTr/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Chợ Lách, ngày 05 tháng 3 năm 2025\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
        "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị\n\n"
        "I. MỤC TIÊU\n\n1. Đến năm 2030, 100% xã có cáp quang.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn Tám\n"
    )
    meta = extract_plan(text, "x").meta
    assert meta.issuer == "BTV Huyện ủy"
    assert meta.province == "Bến Tre"
