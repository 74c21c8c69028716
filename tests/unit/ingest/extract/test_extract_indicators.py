"""Indicator names and stated phrases of targets."""

from tiendo.ingest.extract.lines import build_blocks
from tiendo.ingest.extract.sections import build_outline
from tiendo.ingest.extract.targets import prose_targets


def named(text):
    found, _ = prose_targets(build_outline(build_blocks("II. MỤC TIÊU\n\n" + text)), 2025, 2030)
    return [(t.indicator, t.text) for t in found]


def test_the_noun_phrase_before_the_qualifier():
    assert named("- Tỷ lệ trạm y tế có hồ sơ bệnh án điện tử đạt tối thiểu 85%.") == [
        (
            "Tỷ lệ trạm y tế có hồ sơ bệnh án điện tử",
            "Tỷ lệ trạm y tế có hồ sơ bệnh án điện tử đạt tối thiểu 85%",
        )
    ]


def test_a_verb_before_the_value_takes_the_noun_phrase_after_it():
    ((name, phrase),) = named("- Bố trí ít nhất 4% tổng chi đầu tư công cho hạ tầng số.")
    assert name == "Tỷ lệ tổng chi đầu tư công cho hạ tầng số"
    assert phrase == "Bố trí ít nhất 4% tổng chi đầu tư công cho hạ tầng số"


def test_counts_are_named_by_what_they_count():
    assert named("- Thu hút ít nhất 02 viện nghiên cứu đặt chi nhánh tại tỉnh.")[0][0] == (
        "Số viện nghiên cứu đặt chi nhánh tại tỉnh"
    )


def test_a_long_sentence_starts_the_name_at_its_head_noun():
    text = "- Văn hóa số phát triển, đóng góp vào chỉ số hạnh phúc của người dân duy trì trên 6,5."
    assert named(text)[0][0] == "Chỉ số hạnh phúc của người dân"


def test_a_ranking_is_named_by_what_it_ranks():
    assert (
        named("- Tỉnh thuộc nhóm 12 địa phương dẫn đầu cả nước về kinh tế số.")[0][0]
        == "Xếp hạng về kinh tế số"
    )


def test_a_second_value_in_the_clause_keeps_the_indicator():
    names = [n for n, _ in named("- Chỉ số PII vào top 20 năm 2027 và top 12 năm 2030.")]
    assert names == ["Chỉ số PII", "Chỉ số PII"]
