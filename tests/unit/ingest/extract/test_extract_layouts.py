"""The same plan laid out in different ways reads the same.

Plans arrive as exports of Word, PDF or markdown; each export writes the same
paragraphs, lists and tables its own way. A plan written here once is rendered
in several layouts, and every rendering must give the same targets, tasks and
duties (line numbers aside).
"""

import pytest

from tiendo.ingest.extract import extract_plan

HEAD = (
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 15/KH-UBND\tLai Châu, ngày 20 tháng 3 năm 2025\n\n"
    "KẾ HOẠCH\nChuyển đổi số tỉnh Lai Châu giai đoạn 2025-2030\n\n"
)
# (marker, text) lines of the body; "" is a blank line
BODY = [
    ("I.", "MỤC TIÊU"),
    ("1.", "Đến năm 2027"),
    ("a)", "Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 80%."),
    ("b)", "Kinh tế số chiếm 20% GRDP."),
    ("II.", "NHIỆM VỤ, GIẢI PHÁP"),
    ("1.", "Hoàn thiện thể chế"),
    ("a)", "Ban hành quy chế dữ liệu (Sở Tư pháp chủ trì; Quý IV/2025)."),
    ("b)", "Rà soát thủ tục hành chính."),
    ("2.", "Hạ tầng số"),
    ("-", "Phủ sóng 5G đến 100% xã trong năm 2027."),
    ("III.", "TỔ CHỨC THỰC HIỆN"),
    (
        "",
        "Các sở định kỳ hằng quý báo cáo kết quả về Sở Khoa học và Công nghệ trước ngày 15 "
        "của tháng cuối quý.",
    ),
]


def render(item) -> str:
    return "\n\n".join(item(marker, text) for marker, text in BODY) + "\n"


LAYOUTS = {
    "plain": lambda m, t: f"{m} {t}".strip(),
    # a Word list: a tab between the number and the text
    "number-tab": lambda m, t: f"{m}\t{t}" if m else t,
    # every paragraph indented with one or two tabs
    "indented": lambda m, t: (
        f"\t\t{m} {t}".rstrip() if m not in ("I.", "II.", "III.") else f"{m} {t}"
    ),
    "indented-list": lambda m, t: f"\t{m}\t{t}" if m else f"\t{t}",
    # odd spaces a converter leaves: no-break, em and thin spaces
    "odd-spaces": lambda m, t: f"{m}\u2003{t}".replace(" đạt ", "\u00a0đạt\u2009").strip(),
}


def read(text):
    plan = extract_plan(text, "p.txt")
    return (
        [(t.year, t.op.value, t.value, t.unit, t.core) for t in plan.targets],
        [(t.group, t.lead, t.deadline.as_label(), t.text[:30]) for t in plan.tasks],
        [([f.value for f in d.frequency], d.due) for d in plan.duties],
    )


EXPECTED = read(HEAD + render(LAYOUTS["plain"]))


def test_the_plain_layout_reads_as_written():
    targets, tasks, duties = EXPECTED
    assert targets == [
        (2027, ">=", 80, "%", True),
        (2027, "=", 20, "% GRDP", True),
        (2027, "=", 100, "%", False),
    ]
    assert [t[:3] for t in tasks] == [
        ("1", "Sở Tư pháp", "2025-12-31"),
        ("1", None, None),
        ("2", None, "2027"),
    ]
    assert duties == [(["quarterly"], {"day": 15, "month": "last_of_period"})]


@pytest.mark.parametrize("layout", [k for k in LAYOUTS if k != "plain"])
def test_paragraph_layouts_read_the_same(layout):
    text = HEAD + render(LAYOUTS[layout])
    if layout == "odd-spaces":
        text = "\ufeff" + text
    assert read(text) == EXPECTED
