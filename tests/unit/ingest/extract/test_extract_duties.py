"""Reporting and planning duties: who, how often, when."""

import datetime as dt

import pytest

from tiendo.ingest.extract.duties import due_rule, frequencies, read_duties
from tiendo.ingest.extract.keys import ocr_key
from tiendo.ingest.extract.lines import build_blocks
from tiendo.ingest.extract.sections import build_outline


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("định kỳ hằng quý báo cáo kết quả", ["quarterly"]),
        ("báo cáo định kỳ 6 tháng và hằng năm", ["semiannual", "annual"]),
        (
            "báo cáo theo tháng, quý, 6 tháng, 1 năm",
            ["monthly", "quarterly", "semiannual", "annual"],
        ),
        (
            "định kỳ 3 tháng, 6 tháng, 1 năm hoặc đột xuất báo cáo",
            ["quarterly", "semiannual", "annual", "adhoc"],
        ),
        ("báo cáo tiến độ định kỳ hoặc đột xuất", ["adhoc"]),
        ("báo cáo kết quả thực hiện 6 tháng, năm", ["semiannual", "annual"]),
        ("định kỳ báo cáo theo quy định", []),
        ("báo cáo trước ngày 10 của tháng cuối quý", ["quarterly"]),
        ("báo cáo trước ngày 20/6 và 20/12 hằng năm", []),
    ],
)
def test_frequencies(clause, expected):
    assert [f.value for f in frequencies(ocr_key(clause))] == expected


@pytest.mark.parametrize(
    ("clause", "due"),
    [
        ("báo cáo trước ngày 20 của tháng cuối quý", {"day": 20, "month": "last_of_period"}),
        ("báo cáo trước ngày 5 tháng đầu của quý tiếp theo", {"day": 5, "month": "first_of_next"}),
        ("báo cáo trước ngày 25 hằng tháng", {"day": 25, "month": "last_of_period"}),
        ("báo cáo trước ngày 10/6 và trước ngày 05/12", {"dates": ["06-10", "12-05"]}),
        ("báo cáo trước ngày 10 tháng 6 và trước ngày 05 tháng 12", {"dates": ["06-10", "12-05"]}),
        ("báo cáo trudc ngay 10/6 va 05/12", {"dates": ["06-10", "12-05"]}),
        ("báo cáo kết quả theo quy định", None),
    ],
)
def test_due_rules(clause, due):
    assert due_rule(ocr_key(clause)) == due


def duties(text):
    return read_duties(build_outline(build_blocks(text)))


def test_report_and_plan_duties_in_the_implementation_section():
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Các sở, ngành xây dựng kế hoạch chi tiết, hoàn thành trước ngày 30/4/2025; "
        "định kỳ hằng quý báo cáo kết quả về Sở Khoa học và Công nghệ trước ngày 15 của tháng cuối quý.\n\n"
        "2. Sở Tài chính bố trí kinh phí.\n"
    )
    found = duties(text)
    assert [(d.kind.value, d.line) for d in found] == [("report", 3), ("plan", 3)]
    report, plan = found
    assert [f.value for f in report.frequency] == ["quarterly"]
    assert report.due == {"day": 15, "month": "last_of_period"}
    assert report.to == "Sở Khoa học và Công nghệ"
    assert report.who == "Các sở, ngành"
    assert plan.due == {"date": "2025-04-30"}


def test_report_dates_imply_the_frequency_and_each_reporting_clause_is_a_duty():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n1. Các huyện báo cáo kết quả về Văn phòng UBND tỉnh trước ngày 15/6 và 15/12; "
        "báo cáo năm gửi trước ngày 08/12 hằng năm; báo cáo đột xuất khi có yêu cầu.\n"
    )
    found = duties(text)
    assert [([f.value for f in d.frequency], d.due) for d in found] == [
        (["semiannual"], {"dates": ["06-15", "12-15"]}),
        (["annual"], {"dates": ["12-08"]}),
        (["adhoc"], None),
    ]


def test_two_bodies_reported_to_in_one_sentence_and_an_adhoc_report_alone():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Đảng ủy các xã định kỳ hằng quý báo cáo Thường trực Huyện ủy; 6 tháng, năm báo cáo "
        "Ban Thường vụ Huyện ủy kết quả thực hiện.\n\n"
        "2. Văn phòng Huyện ủy theo dõi việc thực hiện; báo cáo Thường trực Huyện ủy khi có yêu cầu.\n"
    )
    assert [[f.value for f in d.frequency] for d in duties(text)] == [
        ["quarterly"],
        ["semiannual", "annual"],
        ["adhoc"],
    ]


def test_plan_duties_phrased_otherwise():
    text = (
        "Điều 3. Tổ chức thực hiện\n"
        "1. Giao Ủy ban nhân dân huyện tổ chức thực hiện; ban hành kế hoạch thực hiện trong tháng 11/2025.\n"
        "2. Sở Nội vụ xây dựng, trình ban hành Bộ tiêu chí đánh giá cán bộ số, hoàn thành trong Quý I/2026.\n"
        "3. Trong thời hạn 45 ngày kể từ ngày ban hành Kế hoạch này, các sở xây dựng kế hoạch của đơn vị.\n"
    )
    found = read_duties(build_outline(build_blocks(text)), dt.date(2025, 10, 1))
    assert [(d.kind.value, d.line, d.due) for d in found] == [
        ("plan", 2, {"date": "2025-11-30"}),
        ("plan", 3, {"date": "2026-03-31"}),
        ("plan", 4, {"date": "2025-11-15"}),
    ]


def test_principles_in_the_purpose_section_are_not_duties():
    assert duties("I. MỤC ĐÍCH, YÊU CẦU\n\n- Thực hiện chế độ báo cáo định kỳ nghiêm túc.\n") == []


def test_who_from_the_heading_of_the_item():
    text = "V. TỔ CHỨC THỰC HIỆN\n\n1. Trách nhiệm của Sở Nội vụ\n\n- Định kỳ 6 tháng báo cáo Ủy ban nhân dân tỉnh.\n"
    (report,) = duties(text)
    assert report.who == "Sở Nội vụ"


def test_a_labelled_clause_and_a_monthly_day():
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n\n1. Chế độ báo cáo: các huyện báo cáo kết quả hằng tháng (trước ngày 22), "
        "quý và năm gửi Sở Nội vụ.\n"
    )
    (report,) = duties(text)
    assert [f.value for f in report.frequency] == ["monthly", "quarterly", "annual"]
    assert report.due == {"day": 22, "month": "last_of_period"}


def test_last_month_of_the_quarter_written_with_cua():
    assert due_rule(ocr_key("báo cáo trước ngày 18 tháng cuối của quý")) == {
        "day": 18,
        "month": "last_of_period",
    }


def test_one_duty_per_frequency_when_each_has_its_own_due_rule():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Các xã báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện định kỳ hằng quý (trước ngày 12 "
        "của tháng cuối quý), 6 tháng (trước ngày 12/6) và hằng năm (trước ngày 12/12).\n\n"
        "2. Các sở định kỳ 6 tháng, hằng năm (trước ngày 20/6 và ngày 20/12) báo cáo Sở Nội vụ.\n"
    )
    assert [([f.value for f in d.frequency], d.due) for d in duties(text)] == [
        (["quarterly"], {"day": 12, "month": "last_of_period"}),
        (["semiannual"], {"dates": ["06-12"]}),
        (["annual"], {"dates": ["12-12"]}),
        # the frequencies share their dates: one duty
        (["semiannual", "annual"], {"dates": ["06-20", "12-20"]}),
    ]


def test_one_duty_per_frequency_when_each_reports_to_its_own_body():
    text = (
        "Điều 4. Tổ chức thực hiện\n\n"
        "1. Giao Ủy ban nhân dân tỉnh định kỳ 6 tháng báo cáo Thường trực Hội đồng nhân dân tỉnh "
        "và hằng năm báo cáo Hội đồng nhân dân tỉnh kết quả thực hiện.\n"
    )
    found = duties(text)
    assert [[f.value for f in d.frequency] for d in found] == [["semiannual"], ["annual"]]
    assert [d.to for d in found] == ["Thường trực Hội đồng nhân dân tỉnh", "Hội đồng nhân dân tỉnh"]


def test_monthly_progress_updates_and_a_first_half_year_report():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Các sở định kỳ hằng tháng, trước ngày 20, cập nhật tiến độ thực hiện trên Hệ thống theo dõi; "
        "báo cáo 6 tháng đầu năm trước ngày 15/6 và báo cáo năm trước ngày 15/12.\n"
    )
    assert [([f.value for f in d.frequency], d.due) for d in duties(text)] == [
        (["monthly"], {"day": 20, "month": "last_of_period"}),
        (["semiannual"], {"dates": ["06-15"]}),
        (["annual"], {"dates": ["12-15"]}),
    ]


def test_a_reporting_system_or_regime_as_a_tasks_object_is_no_duty():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n1. Chính quyền số\n\n"
        "- Số hóa chế độ báo cáo định kỳ của các cơ quan hành chính (Chủ trì: Văn phòng UBND tỉnh).\n"
        "- Kết nối Hệ thống thông tin báo cáo định kỳ của tỉnh với quốc gia.\n"
    )
    assert duties(text) == []


def test_a_budget_estimate_due_by_a_date_is_a_plan_duty():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Tài chính chủ trì tham mưu bố trí kinh phí thực hiện Kế hoạch năm 2026, trình Ủy ban "
        "nhân dân tỉnh trong tháng 11/2025.\n\n"
        "2. Phòng Kinh tế tham mưu dự toán kinh phí năm 2026, trình UBND xã trước ngày 31/10/2025.\n\n"
        "3. Sở Tài chính bố trí kinh phí trong dự toán ngân sách hằng năm.\n"
    )
    assert [(d.kind.value, d.due) for d in duties(text)] == [
        ("plan", {"date": "2025-11-30"}),
        ("plan", {"date": "2025-10-31"}),
    ]


def test_a_budget_summary_due_by_a_date_is_a_plan_duty():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Tài chính tổng hợp dự toán năm 2027 của các sở, trình UBND tỉnh trước ngày 20/10/2026.\n\n"
        "2. Phòng Tài chính tổng hợp nhu cầu kinh phí của các xã, trình UBND huyện chậm nhất ngày 15/9/2026.\n"
    )
    assert [(d.kind.value, d.due) for d in duties(text)] == [
        ("plan", {"date": "2026-10-20"}),
        ("plan", {"date": "2026-09-15"}),
    ]


def test_the_latest_day_allowed_is_a_due_date():
    text = (
        "IV. CHẾ ĐỘ BÁO CÁO\n\n"
        "1. Các phòng báo cáo kết quả định kỳ hằng quý, trước ngày 16 của tháng cuối quý; "
        "báo cáo năm chậm nhất ngày 08/12.\n"
    )
    assert [([f.value for f in d.frequency], d.due) for d in duties(text)] == [
        (["quarterly"], {"day": 16, "month": "last_of_period"}),
        (["annual"], {"dates": ["12-08"]}),
    ]


def test_a_yearly_report_and_an_ad_hoc_report_in_one_clause_are_two_duties():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Các xã gửi báo cáo năm trước ngày 25/11 và báo cáo đột xuất khi có yêu cầu về UBND huyện.\n"
    )
    assert [[f.value for f in d.frequency] for d in duties(text)] == [["annual"], ["adhoc"]]


def test_figures_updated_onto_a_system_each_month_are_a_monthly_report():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Văn phòng UBND huyện cập nhật số liệu hồ sơ trực tuyến lên Hệ thống giám sát hằng tháng, "
        "trước ngày 22.\n"
    )
    assert [([f.value for f in d.frequency], d.due) for d in duties(text)] == [
        (["monthly"], {"day": 22, "month": "last_of_period"})
    ]
    task = (
        "III. NHIỆM VỤ\n\n1. Nền tảng\n\n"
        "- Xây dựng kho dữ liệu của huyện; cập nhật số liệu chỉ tiêu hằng tháng.\n"
    )
    assert duties(task) == []


def test_a_report_named_by_its_frequency_alone_shares_the_terms_that_follow():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Các phòng chuyên môn gửi báo cáo quý trước ngày 18 của tháng cuối quý; "
        "báo cáo 6 tháng và báo cáo năm gửi trước ngày 12/6 và ngày 12/12.\n"
    )
    assert [([f.value for f in d.frequency], d.due) for d in duties(text)] == [
        (["quarterly"], {"day": 18, "month": "last_of_period"}),
        (["semiannual", "annual"], {"dates": ["06-12", "12-12"]}),
    ]


def test_a_budget_to_draw_up_in_the_funding_section_is_a_plan_duty():
    text = (
        "IV. KINH PHÍ THỰC HIỆN\n\n"
        "Kinh phí bố trí từ ngân sách nhà nước. Sở Tài chính chủ trì, tổng hợp dự toán kinh phí "
        "năm 2027 thực hiện Kế hoạch, trình Ủy ban nhân dân tỉnh trước ngày 20/10/2026.\n"
    )
    found = duties(text)
    assert [(d.kind.value, d.due) for d in found] == [("plan", {"date": "2026-10-20"})]


def test_a_budget_drawn_up_by_a_unit_for_approval_is_a_plan_duty():
    text = (
        "III. KINH PHÍ\n\n"
        "Kinh phí từ nguồn thu sự nghiệp và ngân sách hỗ trợ. Phòng Kế hoạch lập dự toán "
        "kinh phí năm 2027, trình Thủ trưởng đơn vị phê duyệt trước ngày 05/11/2026.\n"
    )
    found = duties(text)
    assert [(d.kind.value, d.due) for d in found] == [("plan", {"date": "2026-11-05"})]


def test_a_budget_line_without_a_date_is_not_a_duty():
    text = (
        "III. KINH PHÍ\n\n"
        "Các đơn vị lập dự toán kinh phí thực hiện nhiệm vụ trong dự toán ngân sách hằng năm.\n"
    )
    assert duties(text) == []
