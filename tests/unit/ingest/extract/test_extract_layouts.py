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
    # "I/", "1/", "a/" as many typists write them
    "slashes": lambda m, t: f"{m.rstrip('.)')}/ {t}" if m and m != "-" else f"{m} {t}".strip(),
    # a markdown writer escapes what would read as markup
    "markdown-escaped": lambda m, t: (
        f"{m.replace('.', chr(92) + '.').replace('-', chr(92) + '-')} {t}".strip()
    ),
    # a Word bullet from a symbol font, exported as a private-use character
    "symbol-bullets": lambda m, t: f"{chr(0xF0B7) if m == '-' else m} {t}".strip(),
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


# --- a target table, exported in each way a table comes out of Word, PDF or markdown ---

TABLE_ROWS = [
    ("TT", "Chỉ tiêu", "Đơn vị", "Năm 2026", "Năm 2030"),
    ("1", "Tỷ lệ hồ sơ xử lý trực tuyến", "%", "≥ 70", "≥ 90"),
    ("2", "Tỷ trọng kinh tế số trong GRDP", "%", "18", "25"),
    ("3", "Xếp hạng chỉ số DTI", "Hạng", "Top 20", "Top 10"),
]
TABLE_TARGETS = [
    (2026, ">=", 70, "%", True),
    (2030, ">=", 90, "%", True),
    (2026, "=", 18, "% GRDP", True),
    (2030, "=", 25, "% GRDP", True),
    (2026, "<=", 20, "hạng", True),
    (2030, "<=", 10, "hạng", True),
]


def _grid(rows):
    widths = [max(len(r[j]) for r in rows) + 2 for j in range(len(rows[0]))]
    border = "+" + "+".join("-" * w for w in widths) + "+"
    out = [border]
    for i, r in enumerate(rows):
        out.append(
            "|" + "|".join(" " + c.ljust(w - 1) for c, w in zip(r, widths, strict=True)) + "|"
        )
        out.append(border.replace("-", "=") if i == 0 else border)
    return "\n".join(out)


def _aligned(rows):
    widths = [max(len(r[j]) for r in rows) + 4 for j in range(len(rows[0]))]
    return "\n".join(
        "".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


TABLES = {
    "tabs": lambda rows: "\n".join("\t".join(r) for r in rows),
    "markdown": lambda rows: "\n".join(
        ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        + ["| " + " | ".join(r) + " |" for r in rows[1:]]
    ),
    "inner-pipes": lambda rows: "\n".join(" | ".join(r) for r in rows),
    "grid": _grid,
    "spaces": _aligned,
    "no-number-column": lambda rows: "\n".join("\t".join(r[1:]) for r in rows),
}


def table_plan(table: str) -> str:
    return (
        HEAD
        + "I. MỤC TIÊU\n\nCác chỉ tiêu chủ yếu như sau:\n\n"
        + table
        + "\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n1. Hạ tầng số\n\n- Nâng cấp mạng truyền số liệu.\n"
    )


@pytest.mark.parametrize("layout", list(TABLES))
def test_a_target_table_reads_the_same_in_every_export(layout):
    targets, _, _ = read(table_plan(TABLES[layout](TABLE_ROWS)))
    assert targets == TABLE_TARGETS


def test_a_year_per_row_in_a_column_or_in_the_cell():
    table = (
        "TT\tChỉ tiêu\tGiá trị\tLộ trình\n"
        "1\tTỷ lệ hồ sơ trực tuyến\t≥ 80%\tĐến năm 2027\n"
        "2\tKinh tế số trong GRDP\t25%\t2025 - 2030\n"
        "3\tTỷ lệ xã có sóng 5G\t100% (năm 2028)\t\n"
    )
    targets, _, _ = read(table_plan(table))
    assert targets == [
        (2027, ">=", 80, "%", True),
        (2030, "=", 25, "% GRDP", True),
        (2028, "=", 100, "%", True),
    ]


def test_a_list_laid_out_as_a_table_reads_as_prose():
    text = (
        HEAD + "I. MỤC TIÊU\n\nTT\tNội dung\n"
        "1\tĐến năm 2027, tỷ lệ hồ sơ trực tuyến đạt tối thiểu 80%.\n"
        "2\tĐến năm 2030, kinh tế số chiếm 25% GRDP.\n\n"
        "II. NHIỆM VỤ, GIẢI PHÁP\n\nTT\tNhiệm vụ\tGhi chú\n"
        "1\tBan hành quy chế dữ liệu\t\n2\tRà soát thủ tục hành chính\t\n"
    )
    targets, tasks, _ = read(text)
    assert targets == [(2027, ">=", 80, "%", True), (2030, "=", 25, "% GRDP", True)]
    assert [t[3] for t in tasks] == ["Ban hành quy chế dữ liệu", "Rà soát thủ tục hành chính"]


def test_a_milestone_sentence_in_a_section_of_no_usual_title():
    text = (
        HEAD + "I. QUAN ĐIỂM\n\nChuyển đổi số là nhiệm vụ trọng tâm của cả hệ thống chính trị.\n\n"
        "II. ĐỊNH HƯỚNG PHÁT TRIỂN\n\n"
        "Đến năm 2030, tỷ lệ hồ sơ trực tuyến đạt tối thiểu 90%; kinh tế số chiếm 25% GRDP. "
        "Năm 2024, kinh tế số chiếm 12% GRDP.\n\n"
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n1. Hạ tầng\n\n- Nâng cấp mạng.\n"
    )
    targets, _, _ = read(text)
    assert targets == [(2030, ">=", 90, "%", True), (2030, "=", 25, "% GRDP", True)]


TASK_ROWS = [
    ("TT", "Nhiệm vụ", "Đơn vị thực hiện", "Lộ trình"),
    ("I", "HẠ TẦNG SỐ", "", ""),
    ("1", "Nâng cấp Trung tâm dữ liệu tỉnh", "Sở Khoa học và Công nghệ", "Quý IV/2025"),
    ("2", "Phủ sóng 5G đến 100% xã", "Sở Khoa học và Công nghệ", "2025 - 2027"),
    ("II", "NHÂN LỰC SỐ", "", ""),
    ("3", "Đào tạo kỹ năng số cho công chức", "Sở Nội vụ", "Thường xuyên"),
]


@pytest.mark.parametrize("layout", ["tabs", "markdown", "inner-pipes", "grid"])
def test_a_task_table_reads_the_same_in_every_export(layout):
    text = (
        HEAD
        + "I. NHIỆM VỤ, GIẢI PHÁP\n\nCác nhiệm vụ cụ thể tại Phụ lục.\n\n"
        + "PHỤ LỤC\n\n"
        + TABLES[layout](TASK_ROWS)
        + "\n"
    )
    targets, tasks, _ = read(text)
    assert [t[:3] for t in tasks] == [
        ("I", "Sở Khoa học và Công nghệ", "2025-12-31"),
        ("I", "Sở Khoa học và Công nghệ", "2027"),
        ("II", "Sở Nội vụ", None),
    ]
    assert targets == [(None, "=", 100, "%", False)]


def test_a_table_whose_names_carry_their_own_numbers():
    rows = [("Chỉ tiêu", "Năm 2026", "Năm 2030")] + [
        (f"{r[0]}. {r[1]}", r[3], r[4]) for r in TABLE_ROWS[1:]
    ]
    targets, _, _ = read(table_plan("\n".join("\t".join(r) for r in rows)))
    assert [(t[0], t[1], t[2]) for t in targets] == [(t[0], t[1], t[2]) for t in TABLE_TARGETS]


# A table with a header over two rows and lettered group rows: the empty cells of the
# second header row and of the group rows must keep their columns in every export.
GROUPED_ROWS = [
    ("TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "", "Cơ quan theo dõi"),
    ("", "", "", "2026", "2030", ""),
    ("A", "KHOA HỌC, CÔNG NGHỆ", "", "", "", ""),
    ("1", "Chi cho nghiên cứu và phát triển so với GRDP", "%", "1,2", "≥ 2", "Sở Tài chính"),
    ("B", "CHUYỂN ĐỔI SỐ", "", "", "", ""),
    ("2", "Xếp hạng chỉ số DTI", "Hạng", "Top 20", "Top 10", "Sở Khoa học và Công nghệ"),
]
GROUPED_TARGETS = [
    (2026, "=", 1.2, "% GRDP", True),
    (2030, ">=", 2, "% GRDP", True),
    (2026, "<=", 20, "hạng", True),
    (2030, "<=", 10, "hạng", True),
]


@pytest.mark.parametrize("layout", ["tabs", "markdown", "inner-pipes", "spaces"])
def test_a_grouped_table_with_a_two_row_header_in_every_export(layout):
    targets, tasks, _ = read(table_plan(TABLES[layout](GROUPED_ROWS)))
    assert targets == GROUPED_TARGETS
    assert tasks == [("1", None, None, "Nâng cấp mạng truyền số liệu.")]


def test_a_milestone_bullet_heads_the_bullets_after_it():
    text = (
        HEAD + "I. MỤC TIÊU\n\n"
        "+ Đến năm 2026:\n+ Tỷ lệ hồ sơ trực tuyến đạt 80%;\n"
        "+ Đến năm 2030:\n+ Kinh tế số chiếm 25% GRDP.\n"
    )
    targets, _, _ = read(text)
    assert targets == [(2026, "=", 80, "%", True), (2030, "=", 25, "% GRDP", True)]


def test_group_rows_of_two_cells_in_a_table_set_off_by_pipes():
    text = (
        HEAD + "I. NHIỆM VỤ, GIẢI PHÁP\n\nChi tiết tại Phụ lục.\n\nPHỤ LỤC\n\n"
        "TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành\n"
        "I | Hạ tầng số\n"
        "1 | Nâng cấp Trung tâm dữ liệu tỉnh | Sở Khoa học và Công nghệ | 6/2025\n"
        "II | Nhân lực số\n"
        "2 | Đào tạo kỹ năng số cho công chức | Sở Nội vụ | Năm 2026\n"
    )
    _, tasks, _ = read(text)
    assert [t[:3] for t in tasks] == [
        ("I", "Sở Khoa học và Công nghệ", "2025-06-30"),
        ("II", "Sở Nội vụ", "2026"),
    ]


def _stacked(rows):
    """A table copied out of a PDF: one cell to a line, empty cells gone."""
    return "\n".join(c for r in rows for c in r if c.strip())


def test_a_target_table_with_one_cell_to_a_line():
    targets, _, _ = read(table_plan(_stacked(TABLE_ROWS)))
    assert targets == TABLE_TARGETS


def test_a_grouped_table_with_one_cell_to_a_line():
    targets, _, _ = read(table_plan(_stacked(GROUPED_ROWS)))
    assert targets == GROUPED_TARGETS


def test_a_task_table_with_one_cell_to_a_line():
    text = (
        HEAD
        + "I. NHIỆM VỤ, GIẢI PHÁP\n\nCác nhiệm vụ cụ thể tại Phụ lục.\n\nPHỤ LỤC\n\n"
        + _stacked(TASK_ROWS)
        + "\n"
    )
    _, tasks, _ = read(text)
    assert [t[:3] for t in tasks] == [
        ("I", "Sở Khoa học và Công nghệ", "2025-12-31"),
        ("I", "Sở Khoa học và Công nghệ", "2027"),
        ("II", "Sở Nội vụ", None),
    ]


def test_a_value_equal_to_the_next_row_number_stays_a_value():
    from tiendo.ingest.extract.stacked import stacked_rows

    lines = [
        "STT", "Chỉ tiêu", "Đơn vị", "2026", "2030",
        "1", "Xếp hạng chỉ số đổi mới sáng tạo", "Hạng", "2", "1",
        "2", "Tỷ lệ hồ sơ trực tuyến", "%", "80", "100",
    ]  # fmt: skip
    rows = stacked_rows(lines)
    assert [rows[k].cells for k in sorted(rows)] == [
        ["STT", "Chỉ tiêu", "Đơn vị", "2026", "2030"],
        ["1", "Xếp hạng chỉ số đổi mới sáng tạo", "Hạng", "2", "1"],
        ["2", "Tỷ lệ hồ sơ trực tuyến", "%", "80", "100"],
    ]
