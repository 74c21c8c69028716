"""The whole extraction on a small plan written for the test."""

from tiendo.domain.plan import SectionKind
from tiendo.ingest.extract import extract_plan
from tiendo.ingest.extract.records import to_records

PLAN = """ỦY BAN NHÂN DÂN TỈNH LAI CHÂU
Số: 15/KH-UBND
Lai Châu, ngày 20 tháng 3 năm 2025

KẾ HOẠCH
Chuyển đổi số tỉnh Lai Châu giai đoạn 2025-2030

Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành Kế hoạch:

I. MỤC TIÊU

- Tỷ lệ thôn có sóng di động băng rộng đạt 100%.
- Kinh tế số chiếm tối thiểu 15% GRDP.

II. NHIỆM VỤ, GIẢI PHÁP

1. Hạ tầng số

- Phủ sóng các thôn vùng cao (Sở Khoa học và Công nghệ chủ trì; Quý IV/2026).

III. TỔ CHỨC THỰC HIỆN

1. Các sở, ngành định kỳ 6 tháng báo cáo kết quả về Sở Khoa học và Công nghệ.

Nơi nhận:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Giàng Páo Mỷ
"""


def test_extract_a_small_plan():
    plan = extract_plan(PLAN, "lai-chau.txt")
    assert plan.meta.province == "Lai Châu"
    assert [(t.line, t.year, t.value, t.unit) for t in plan.targets] == [
        (12, 2030, 100, "%"),
        (13, 2030, 15, "% GRDP"),
    ]
    assert [(t.line, t.group, t.lead, t.deadline.as_label()) for t in plan.tasks] == [
        (19, "1", "Sở Khoa học và Công nghệ", "2026-12-31")
    ]
    assert [(d.kind.value, d.line, [f.value for f in d.frequency]) for d in plan.duties] == [
        ("report", 23, ["semiannual"])
    ]
    kinds = {s.title: s.kind for s in plan.sections}
    assert kinds["MỤC TIÊU"] == SectionKind.OBJECTIVES
    assert kinds["NHIỆM VỤ, GIẢI PHÁP"] == SectionKind.TASKS
    assert kinds["Hạ tầng số"] == SectionKind.TASK_GROUP
    records = to_records(plan)
    assert {r["type"] for r in records} == {"document", "target", "task", "regime"}


def test_bad_input_does_not_crash():
    for text in ("", "\n\n\n", "| a |\n|---|", "1.\n-\n•", "II.\nIII.\nPHỤ LỤC\n\t\t\t"):
        plan = extract_plan(text, "x.txt")
        assert plan.targets == [] or isinstance(plan.targets, list)
        assert plan.warnings


def test_a_task_table_row_that_states_a_share_gives_a_target():
    text = (
        "II. NHIỆM VỤ, GIẢI PHÁP\n\nChi tiết tại Phụ lục.\n\n"
        "PHỤ LỤC\n\n"
        "TT\tTên nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
        "I\tCHUYỂN ĐỔI SỐ\t\t\n"
        "1\tCung cấp 100% dịch vụ công trực tuyến toàn trình\tVăn phòng Sở\t10/2025\n"
        "2\tĐào tạo 500 kỹ sư dữ liệu\tSở Nội vụ\t2027\n"
    )
    plan = extract_plan(text, "t.txt")
    assert [(t.line, t.group) for t in plan.tasks] == [(9, "I"), (10, "I")]
    # the share is a value to reach; the bare count names the task's scope
    assert [(t.line, t.value, t.unit, t.core) for t in plan.targets] == [(9, 100, "%", False)]
