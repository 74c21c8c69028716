"""Rejoining lines broken in the middle of a sentence."""

from tiendo.ingest.repair import reflow

LINES = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "",
    "- Tổ chức thực hiện Nghị quyết số 03/NQ-",
    "CP ngày 09/01/2025 của Chính phủ và",
    "các văn bản hướng dẫn.",
    "- Bảo đảm đồng bộ.",
    "1. Chỉ tiêu\t2025\t2030",
    "Chương trình hành động được ban hành",
    "Chương II",
]


def test_broken_sentences_are_rejoined_with_a_map_to_source_lines():
    paras = reflow(LINES)
    texts = [p.text for p in paras]
    assert texts[0] == "I. MỤC ĐÍCH, YÊU CẦU"
    assert texts[1] == (
        "- Tổ chức thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ và "
        "các văn bản hướng dẫn."
    )
    assert paras[1].lines == (3, 4, 5)
    offset = texts[1].index("các văn bản")
    assert paras[1].line_at(offset) == 5
    assert paras[1].line_at(0) == 3
    assert paras[1].line_at(texts[1].index("CP ngày")) == 4


def test_items_table_rows_and_headings_stay_apart():
    texts = [p.text for p in reflow(LINES)]
    assert "- Bảo đảm đồng bộ." in texts
    assert "1. Chỉ tiêu\t2025\t2030" in texts
    assert "Chương trình hành động được ban hành" in texts
    assert texts[-1] == "Chương II"


def test_empty_input():
    assert reflow([]) == []
