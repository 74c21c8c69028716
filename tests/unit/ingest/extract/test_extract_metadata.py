"""What a plan says about itself."""

import datetime as dt

from tiendo.ingest.extract import extract_plan


def meta(text):
    return extract_plan(text, "plan.txt").meta


UBND = """ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH CAO BẰNG\tĐộc lập - Tự do - Hạnh phúc
Số: 77 /KH-UBND\tCao Bằng, ngày 09 tháng 4 năm 2025

KẾ HOẠCH
Thực hiện Chương trình hành động số 20-CTr/TU của Ban Thường vụ Tỉnh ủy

Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Chương trình hành động số 20-CTr/TU ngày 03/3/2025 của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch:

I. MỤC TIÊU

- Tỷ lệ xã có cáp quang đạt 100%.

Nơi nhận:
- Như trên;

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Bình
"""


def test_provincial_plan_header():
    m = meta(UBND)
    assert m.province == "Cao Bằng"
    assert m.issuer == "UBND tỉnh"
    assert m.doc_type == "Kế hoạch"
    assert m.number == "77/KH-UBND"
    assert m.date == dt.date(2025, 4, 9)
    assert m.signer == "Lê Văn Bình"
    assert m.implements == ["57-NQ/TW", "20-CTr/TU"]


PARTY = """TỈNH ỦY SƠN LA
Số 31-CTr/TU

CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị

Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy xây dựng Chương trình hành động:

I. MỤC TIÊU

- Kinh tế số đạt 20% GRDP.

T/M BAN THƯỜNG VỤ
BÍ THƯ

**NGUYỄN HỮU ĐÔNG**
"""


def test_party_programme_without_a_date():
    m = meta(PARTY)
    assert (m.province, m.issuer, m.doc_type, m.number, m.date) == (
        "Sơn La",
        "BTV Tỉnh ủy",
        "Chương trình hành động",
        "31-CTr/TU",
        None,
    )
    assert m.signer == "Nguyễn Hữu Đông"


MINISTRY = """BỘ KHOA HỌC VÀ CÔNG NGHỆ
Số: 300/QĐ-BKHCN
Hà Nội, ngày 3 tháng 3 năm 2025

QUYẾT ĐỊNH
Ban hành Kế hoạch của Bộ Khoa học và Công nghệ

Căn cứ Nghị định số 10/2025/NĐ-CP ngày 01/01/2025 quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Khoa học và Công nghệ;
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;

Điều 1. Ban hành Kế hoạch kèm theo Quyết định này.

Nơi nhận:
- Lưu: VT.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Trần Thị Hoa
"""


def test_ministry_decision():
    m = meta(MINISTRY)
    assert (m.province, m.issuer, m.doc_type, m.number) == (
        None,
        "Bộ Khoa học và Công nghệ",
        "Quyết định",
        "300/QĐ-BKHCN",
    )
    assert m.date == dt.date(2025, 3, 3)
    assert m.signer == "Trần Thị Hoa"
    assert m.implements == ["57-NQ/TW"]


def test_number_and_date_of_an_appendix_referring_to_the_plan():
    text = "CHƯƠNG TRÌNH HÀNH ĐỘNG\n\nI. MỤC TIÊU\n\nPHỤ LỤC\n(Kèm theo Chương trình hành động số 19 -CTr/TU, ngày 08 tháng 5 năm 2025)\n"
    m = meta(text)
    assert (m.number, m.date) == ("19-CTr/TU", dt.date(2025, 5, 8))


def test_dates_of_cited_documents_are_not_the_date_of_issue():
    text = "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị\n\nI. MỤC TIÊU\n"
    assert meta(text).date is None


def test_province_of_text_without_diacritics():
    text = "Thuc hien Nghi quyet s6 57-NQ/TW; UBND tinh Tuyén Quang ban hanh Ké hoach nhu sau:\n\nI. MUC TIEU\n\nTM. UY BAN NHAN DAN\n"
    m = meta(text)
    assert (m.province, m.issuer, m.doc_type) == ("Tuyên Quang", "UBND tỉnh", "Kế hoạch")


COUNCIL = """HỘI ĐỒNG NHÂN DÂN
TỈNH KON TUM
Số: 12/NQ-HĐND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Kon Tum, ngày 15 tháng 7 năm 2025
NGHỊ QUYẾT
Về phát triển chuyển đổi số của tỉnh
HỘI ĐỒNG NHÂN DÂN TỈNH KON TUM
Xét Tờ trình của Ủy ban nhân dân tỉnh; Ủy ban nhân dân tỉnh ban hành kèm theo dự thảo;
QUYẾT NGHỊ:
Điều 1. Mục tiêu
Đến năm 2030, 90% hồ sơ được giải quyết trực tuyến.
Nơi nhận:
- Như Điều 3;
CHỦ TỊCH
Phan Văn Khải
"""


def test_peoples_council_resolution():
    m = meta(COUNCIL)
    assert (m.province, m.issuer, m.doc_type, m.number, m.date) == (
        "Kon Tum",
        "HĐND tỉnh",
        "Nghị quyết",
        "12/NQ-HĐND",
        dt.date(2025, 7, 15),
    )
    assert m.signer == "Phan Văn Khải"


DEPARTMENT = """UBND TỈNH LAI CHÂU                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ KHOA HỌC VÀ CÔNG NGHỆ                   Độc lập - Tự do - Hạnh phúc

Số: 31/KH-SKHCN                             Lai Châu, ngày 12 tháng 9 năm 2025

KẾ HOẠCH
Triển khai Kế hoạch số 40/KH-UBND của UBND tỉnh

Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Sở Khoa học và Công nghệ ban hành Kế hoạch:

I. MỤC TIÊU

- Tỷ lệ hồ sơ trực tuyến đạt 90%.

Nơi nhận:                                                 GIÁM ĐỐC
- UBND tỉnh (b/c);
- Lưu: VT.                                                Đỗ Thu Trang
"""


def test_a_departments_plan_in_two_space_aligned_columns():
    m = meta(DEPARTMENT)
    assert m.issuer == "Sở Khoa học và Công nghệ"
    assert m.province == "Lai Châu"
    assert m.signer == "Đỗ Thu Trang"


WARD = """**ỦY BAN NHÂN DÂN**
**PHƯỜNG THANH KHÊ**

Số: 12/KH-UBND

*Đà Nẵng, ngày 03 tháng 10 năm 2025*

# KẾ HOẠCH
## Chuyển đổi số trên địa bàn phường Thanh Khê, thành phố Đà Nẵng

I. MỤC TIÊU

- 100% hồ sơ được tiếp nhận trực tuyến.

| **Nơi nhận:**<br>- UBND thành phố;<br>- Lưu: VT. | **TM. ỦY BAN NHÂN DÂN<br>CHỦ TỊCH**<br><br>**Hồ Văn Lâm** |
|---|---|
"""


def test_a_wards_plan_with_the_signature_in_a_table_row():
    m = meta(WARD)
    assert m.issuer == "UBND xã"
    assert m.province == "Đà Nẵng"
    assert m.signer == "Hồ Văn Lâm"


def test_a_place_named_with_its_kind_dates_the_plan():
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 12/KH-UBND\n"
        "Thành phố Hồ Chí Minh, ngày 5 tháng 4 năm 2025\n\nKẾ HOẠCH\n\n"
        "I. MỤC TIÊU\n\n- Đến năm 2030, 100% hồ sơ được số hóa.\n"
    )
    m = meta(text)
    assert m.date == dt.date(2025, 4, 5)
    assert m.province == "Hồ Chí Minh"


def test_a_ministry_in_a_markdown_header_and_its_ministers_title():
    text = (
        "| BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "| Số: 15/QĐ-BNNMT | Hà Nội, ngày 26 tháng 5 năm 2025 |\n\n"
        "QUYẾT ĐỊNH\n\nBỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n\n"
        "Điều 1. Ban hành Kế hoạch của Bộ Nông nghiệp và Môi trường.\n\n"
        "| Nơi nhận:<br>- Lưu: VT. | KT. BỘ TRƯỞNG<br>THỨ TRƯỞNG<br><br>Lê Văn An |\n"
    )
    m = meta(text)
    assert m.issuer == "Bộ Nông nghiệp và Môi trường"
    assert m.province is None
    assert m.signer == "Lê Văn An"


def test_a_steering_committee_of_the_provincial_party():
    text = (
        "TỈNH ỦY QUẢNG TRỊ                       ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ              Quảng Trị, ngày 02 tháng 10 năm 2025\n"
        "Số 05-KH/BCĐ\n\nKẾ HOẠCH\nhoạt động năm 2026\n\n"
        "I. MỤC TIÊU\n\n- Tỷ lệ hồ sơ trực tuyến đạt 90%.\n\n"
        "Nơi nhận:                              T/M BAN CHỈ ĐẠO\n"
        "- Như trên,                            TRƯỞNG BAN\n"
        "- Lưu.                                 Hoàng Văn Sơn\n"
    )
    m = meta(text)
    assert (m.issuer, m.province, m.signer) == ("Ban Chỉ đạo tỉnh", "Quảng Trị", "Hoàng Văn Sơn")


def test_a_provincial_fatherland_front_committee():
    text = (
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH NGHỆ AN\nBAN THƯỜNG TRỰC\n"
        "Số: 40/KH-MTTQ-BTT                      Nghệ An, ngày 03 tháng 11 năm 2025\n\n"
        "KẾ HOẠCH\nvận động Nhân dân học kỹ năng số\n\n"
        "I. MỤC TIÊU\n\n- 100% khu dân cư có tổ công nghệ số.\n\n"
        "Nơi nhận:                               TM. BAN THƯỜNG TRỰC\n"
        "- Lưu: VT.                              CHỦ TỊCH\n\n"
        "                                        Lê Thị Hoa\n"
    )
    m = meta(text)
    assert (m.issuer, m.province) == ("Ủy ban MTTQ Việt Nam tỉnh", "Nghệ An")


def test_a_provincial_university_issues_under_its_name():
    text = (
        "UBND TỈNH ĐỒNG THÁP                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TRƯỜNG ĐẠI HỌC ĐỒNG THÁP                Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 88/KH-ĐHĐT                          Đồng Tháp, ngày 05 tháng 6 năm 2025\n\n"
        "KẾ HOẠCH\nchuyển đổi số của Trường Đại học Đồng Tháp\n\n"
        "I. MỤC TIÊU\n\n- 100% giảng viên dùng học liệu số.\n\n"
        "Nơi nhận:                               HIỆU TRƯỞNG\n"
        "- Lưu: VT.\n\n                                        Trần Văn Dũng\n"
    )
    m = meta(text)
    assert (m.issuer, m.province) == ("Trường Đại học Đồng Tháp", "Đồng Tháp")


def test_a_ministry_header_flattened_onto_one_line_with_the_motto():
    text = (
        "BỘ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
        "Số: 300/KH-BNV Hà Nội, ngày 10 tháng 6 năm 2025\n\n"
        "KẾ HOẠCH\n\nHành động của Bộ Nội vụ về chuyển đổi số\n\n"
        "I. MỤC TIÊU\n\n- 100% hồ sơ công chức được số hóa.\n\n"
        "Nơi nhận: KT. BỘ TRƯỞNG\n- Văn phòng Chính phủ; THỨ TRƯỞNG\n"
        "- Các đơn vị thuộc Bộ; Vũ Đức Long\n- Lưu: VT.\n\nPHỤ LỤC\n"
    )
    m = meta(text)
    assert (m.issuer, m.province, m.signer) == ("Bộ Nội vụ", None, "Vũ Đức Long")


def test_the_recipients_and_the_signature_set_off_by_a_pipe():
    text = (
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/QĐ-UBND | Đắk Lắk, ngày 04 tháng 9 năm 2025\n\n"
        "QUYẾT ĐỊNH\nBan hành Kế hoạch chuyển đổi số\n\n"
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n"
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 90/TTr-SNV ngày 01/9/2025.\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n"
        "Nơi nhận: | TM. ỦY BAN NHÂN DÂN\n- Như Điều 1; | CHỦ TỊCH\n"
        "- Lưu: VT. | Đinh Văn Khoa\n\n---\n\nKẾ HOẠCH HÀNH ĐỘNG\nchuyển đổi số\n\n"
        "I. MỤC TIÊU\n\n- Tỷ lệ hồ sơ trực tuyến đạt 80%.\n"
    )
    m = meta(text)
    assert m.signer == "Đinh Văn Khoa"
    assert m.implements == ["57-NQ/TW"]
