"""Bad or odd input never crashes the extractor."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tiendo.ingest.extract import extract_plan
from tiendo.ingest.extract.records import to_records

FRAGMENTS = [
    "I.", "II-", "1.", "1.1.", "a)", "(1)", "- ", "+ ", "• ", "* ", "**", "## ", "\t", "| ", " |", "|---|",
    "MỤC TIÊU", "NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN", "PHỤ LỤC", "Nơi nhận:", "KẾ HOẠCH", "Chương trình 2:",
    "đạt", "tối thiểu", "trên", "từ", "trở lên", "khoảng", "không quá", "nhóm", "top", "dẫn đầu", "lần",
    "so với năm", "Đến năm", "Hết năm", "giai đoạn", "2025", "2030", "2045", "-", "–", "%", "% GRDP",
    "%/năm", "$\\geq", "\\%$", "≥", "≤", "0,7", "01-02", "16-18%", "5.000", "Có", "ứng dụng", "6G (50%)",
    "Quý II/2025", "tháng 3/2025", "trước ngày 15/6", "của tháng cuối quý", "báo cáo", "định kỳ",
    "hằng quý", "6 tháng", "đột xuất", "Sở Tư pháp chủ trì", "giao", "Số: 12/KH-UBND", "ngày 01 tháng 3 năm 2025",
    "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A", "s6", "nim", "¹", "12", "(", ")", ";", ",", ".", ":",
    "STT", "TT", "1", "2", "I", "A", "Chỉ tiêu", "Năm 2030", "+---+---+", " | ", "1/", "a/", "Thứ nhất,",
    "Một là,", "\uf0b7", "&nbsp;", "<br>", "\ufeff", "Trang 2", "Giải pháp 1:",
]  # fmt: skip

line = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join)
document = st.lists(line, max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(document)
def test_any_arrangement_of_plan_fragments_extracts_without_error(text):
    plan = extract_plan(text, "x.txt")
    for record in to_records(plan):
        assert record["doc"] == "x.txt"
    for target in plan.targets:
        assert target.line >= 1
    for task in plan.tasks:
        assert task.line >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_extracts_without_error(text):
    extract_plan(text, "x.txt")
