"""The Excel round trip: a pre-filled template, every cell checked on upload,
errors by sheet and cell, nothing stored unless the whole file is valid."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.reporting_support import build_world
from tiendo.accounts.service import actor_of
from tiendo.errors import Conflict, PermissionDenied, ValidationError
from tiendo.reporting import excel, reports
from tiendo.store.tables import ReportTaskRow, ReportValueRow

NOW = dt.datetime(2026, 10, 10, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def setup(runtime):
    world = build_world(runtime)
    rep = world.principal(runtime, "rep_a")
    with runtime.session() as s:
        rid = reports.open_report(s, rep, actor_of(rep), world.period_id, world.agency_a).id
        s.commit()
    return world, rep, rid


def template(runtime, rep, rid):
    with runtime.session() as s:
        name, data = excel.template(s, rep, rid)
    return name, load_workbook(io.BytesIO(data))


def to_bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(runtime, rep, rid, data):
    with runtime.session() as s:
        try:
            return excel.import_file(s, rep, actor_of(rep), rid, data, now=NOW)
        finally:
            s.commit()


def test_the_template_has_instructions_locked_keys_and_a_status_list(runtime, setup):
    world, rep, rid = setup
    name, book = template(runtime, rep, rid)
    assert name.endswith(".xlsx")
    assert book.sheetnames[:3] == ["Hướng dẫn", "Nhiệm vụ", "Chỉ tiêu"]
    tasks, targets = book["Nhiệm vụ"], book["Chỉ tiêu"]
    assert tasks.protection.sheet and targets.protection.sheet
    assert tasks["A2"].value == world.tasks[0] and tasks["A2"].protection.locked
    assert not tasks["D2"].protection.locked
    lists = [dv for dv in tasks.data_validations.dataValidation if dv.type == "list"]
    assert lists and "Hoàn thành" in lists[0].formula1
    assert [targets[f"A{r}"].value for r in (2, 3)] == world.targets[:2]
    assert "Hướng dẫn" in book["Hướng dẫn"]["A1"].value


def test_a_filled_template_round_trips_into_the_draft(runtime, setup):
    world, rep, rid = setup
    _, book = template(runtime, rep, rid)
    tasks, targets = book["Nhiệm vụ"], book["Chỉ tiêu"]
    tasks["D2"], tasks["G2"] = "Hoàn thành", "Đã ban hành kế hoạch tuyên truyền"
    targets["D2"] = 0.455
    targets["D2"].number_format = "0.0%"  # a percentage typed in Excel is 0,455
    targets["E2"] = dt.datetime(2026, 9, 30)
    targets["D3"], targets["E3"] = "1.234,5", "30/09/2026"
    upload(runtime, rep, rid, to_bytes(book))
    with runtime.session() as s:
        entry = s.scalar(select(ReportTaskRow))
        assert (entry.status, entry.percent_done) == ("done", 100)
        values = {v.target_id: v.value for v in s.scalars(select(ReportValueRow))}
    assert values == {world.targets[0]: pytest.approx(45.5), world.targets[1]: 1234.5}
    # The next template is made from the stored values and the new revision.
    _, again = template(runtime, rep, rid)
    assert again["Chỉ tiêu"]["D3"].value == "1.234,5"


def test_every_bad_cell_is_named_and_nothing_is_stored(runtime, setup):
    _world, rep, rid = setup
    _, book = template(runtime, rep, rid)
    tasks, targets = book["Nhiệm vụ"], book["Chỉ tiêu"]
    tasks["D2"], tasks["E2"] = "Xong", "150"
    targets["D2"], targets["E2"] = "45 lần", "30/09/2026"
    targets["D3"], targets["E3"] = "abc", "31/02/2026"
    with pytest.raises(ValidationError) as caught:
        upload(runtime, rep, rid, to_bytes(book))
    messages = [e["msg"] for e in caught.value.errors]
    assert any(m.startswith("Trang Nhiệm vụ, ô D2:") for m in messages)
    assert any(m.startswith("Trang Nhiệm vụ, ô E2:") and "0–100" in m for m in messages)
    assert any(m.startswith("Trang Chỉ tiêu, ô D2:") and "đơn vị" in m for m in messages)
    assert any(m.startswith("Trang Chỉ tiêu, ô D3:") for m in messages)
    assert any(m.startswith("Trang Chỉ tiêu, ô E3:") for m in messages)
    with runtime.session() as s:
        assert (
            s.scalar(select(ReportValueRow.id)) is None
            and s.scalar(select(ReportTaskRow.id)) is None
        )


def test_changed_codes_are_refused(runtime, setup):
    world, rep, rid = setup
    _, book = template(runtime, rep, rid)
    book["Chỉ tiêu"]["A3"] = world.targets[2]  # another agency's target
    with pytest.raises(ValidationError, match="Trang Chỉ tiêu, ô A3"):
        upload(runtime, rep, rid, to_bytes(book))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "rỗng"),
        (b"Ten,Gia tri\n1,2\n", "không phải Excel"),
        (b"PK\x03\x04" + b"\x00" * 200, "hỏng"),
        (b"%PDF-1.4 not a workbook", "không phải Excel"),
    ],
)
def test_empty_corrupt_and_wrong_files_get_a_clear_message(runtime, setup, data, expected):
    _, rep, rid = setup
    with pytest.raises(ValidationError, match=expected):
        upload(runtime, rep, rid, data)


def test_a_workbook_that_is_not_the_template_is_refused(runtime, setup):
    from openpyxl import Workbook

    _, rep, rid = setup
    with pytest.raises(ValidationError, match="không phải mẫu"):
        upload(runtime, rep, rid, to_bytes(Workbook()))


def test_an_old_template_never_overwrites_newer_changes(runtime, setup):
    world, rep, rid = setup
    _, old = template(runtime, rep, rid)
    with runtime.session() as s:
        reports.save(
            s,
            rep,
            actor_of(rep),
            rid,
            tasks={world.tasks[0]: {"status": "in_progress"}},
            values={},
            expected_revision=None,
        )
        s.commit()
    old["Nhiệm vụ"]["D2"] = "Hoàn thành"
    with pytest.raises(ValidationError, match="tải mẫu mới"):
        upload(runtime, rep, rid, to_bytes(old))


def test_only_the_agency_may_download_or_upload(runtime, setup):
    world, rep, rid = setup
    other = world.principal(runtime, "rep_b")
    with runtime.session() as s, pytest.raises(PermissionDenied):
        excel.template(s, other, rid)
    _, book = template(runtime, rep, rid)
    with pytest.raises(PermissionDenied):
        upload(runtime, other, rid, to_bytes(book))
    coord = world.principal(runtime, "coord")
    with runtime.session() as s:
        assert excel.template(s, coord, rid)[1][:2] == b"PK"
    with runtime.session() as s:
        reports.save(
            s,
            rep,
            actor_of(rep),
            rid,
            tasks={world.tasks[0]: {"status": "in_progress"}},
            values={t: {"note": "Chưa có"} for t in world.targets[:2]},
            expected_revision=None,
        )
        reports.submit(s, rep, actor_of(rep), rid, expected_revision=None)
        s.commit()
    _, book = template(runtime, rep, rid)
    with pytest.raises(Conflict, match="không sửa được"):
        upload(runtime, rep, rid, to_bytes(book))
