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
