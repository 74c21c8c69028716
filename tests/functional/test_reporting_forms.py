"""Bad input in every reporting form: a clear message where it belongs, nothing stored."""

import io

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from tests.functional.test_reporting_web import csrf_of, open_report, site  # noqa: F401
from tiendo.store.tables import AgencyRow, AppSettingRow, PeriodRow, ReportValueRow, TaskRow


def errors_of(response) -> str:
    page = BeautifulSoup(response.text, "html.parser")
    box = page.select_one(".form-errors")
    return box.get_text(" ", strip=True) if box else ""


def count(rt, row_type, *where):
    with rt.session() as s:
        return s.scalar(select(func.count()).select_from(row_type).where(*where))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"name": "", "kind": "so"}, "“Tên cơ quan” không được để trống"),
        ({"name": "Sở Khoa học và Công nghệ", "kind": "so"}, "Đã có cơ quan"),
        ({"name": "Sở Mới", "kind": "hanh-tinh"}, "Loại cơ quan"),
        ({"name": "Sở Mới", "kind": "so", "province_code": "99"}, "Tỉnh, thành phố"),
        ({"name": "x" * 301, "kind": "so"}, "dài quá 300"),
    ],
)
def test_agency_form(site, fields, expected):  # noqa: F811
    _world, client_for, rt = site
    c = client_for("dieuphoi.ht")
    before = count(rt, AgencyRow)
    data = {
        "province_code": "42",
        "short_name": "",
        "aliases": "",
        **fields,
        "csrf_token": csrf_of(c, "/co-quan"),
    }
    r = c.post("/co-quan", data=data)
    assert r.status_code == 422 and expected in errors_of(r)
    assert count(rt, AgencyRow) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "rỗng"), (b"PK\x03\x04broken", "Excel"), (b"Ten,Loai\n,so\n", "Dòng 2")],
)
def test_agency_import_form(site, content, expected):  # noqa: F811
    _world, client_for, rt = site
    c = client_for("dieuphoi.ht")
    before = count(rt, AgencyRow)
    r = c.post(
        "/co-quan/nhap",
        data={"province_code": "42", "csrf_token": csrf_of(c, "/co-quan")},
        files={"file": ("co-quan.csv", io.BytesIO(content), "text/csv")},
    )
    assert r.status_code == 422 and expected in errors_of(r)
    assert count(rt, AgencyRow) == before


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"start": "", "end": "", "due": ""}, "không được để trống"),
        ({"start": "15/10/2026", "end": "01/10/2026", "due": "20/10/2026"}, "trước “Từ ngày”"),
        ({"start": "01/10/2026", "end": "15/10/2026", "due": "10/10/2026"}, "Hạn nộp"),
        ({"start": "1/13/2026", "end": "15/10/2026", "due": "20/10/2026"}, "dd/mm/yyyy"),
    ],
)
def test_adhoc_period_form(site, fields, expected):  # noqa: F811
    world, client_for, rt = site
    c = client_for("dieuphoi.ht")
    before = count(rt, PeriodRow)
    path = f"/ke-hoach/{world.plan_id}/ky-bao-cao"
    r = c.post(f"{path}/dot-xuat", data={"label": "", **fields, "csrf_token": csrf_of(c, path)})
    assert r.status_code == 422 and expected in errors_of(r)
    assert count(rt, PeriodRow) == before


def test_move_due_and_assignment_forms(site):  # noqa: F811
    world, client_for, rt = site
    c = client_for("dieuphoi.ht")
    path = f"/ke-hoach/{world.plan_id}/ky-bao-cao"
    r = c.post(
        f"{path}/{world.period_id}/han",
        data={"due": "ngày mai", "reason": "", "revision": "1", "csrf_token": csrf_of(c, path)},
    )
    assert r.status_code == 422 and "Lý do" in errors_of(r) and "dd/mm/yyyy" in errors_of(r)
    assign = f"/ke-hoach/{world.plan_id}/phan-cong"
    token = csrf_of(c, assign)
    r = c.post(
        f"{assign}/nhiem-vu/{world.tasks[2]}",
        data={
            "lead_agency_id": "abc",
            "deadline": "31/02/2027",
            "revision": "1",
            "csrf_token": token,
        },
    )
    assert r.status_code == 422 and "Cơ quan chủ trì" in errors_of(r) and "Thời hạn" in errors_of(r)
    with rt.session() as s:
        assert s.get(TaskRow, world.tasks[2]).lead_agency_id is None
    r = c.post(
        f"{assign}/chi-tieu/{world.targets[0]}",
        data={
            "baseline_value": "1,2,3",
            "baseline_date": "x",
            "revision": "1",
            "csrf_token": token,
        },
    )
    assert r.status_code == 422 and "Giá trị nền" in errors_of(r)
    r = c.post(f"{assign}/de-xuat/{world.tasks[2]}", data={"choice": "999999", "csrf_token": token})
    assert r.status_code == 422


def test_mail_settings_form(site):  # noqa: F811
    _world, client_for, rt = site
    c = client_for("quantri")
    path = "/quan-tri/nhac-nho"
    r = c.post(
        f"{path}/thu",
        data={
            "host": "smtp bad host",
            "port": "99999",
            "security": "tls9",
            "sender": "không-phải-thư",
            "csrf_token": csrf_of(c, path),
        },
    )
    text = errors_of(r)
    assert (
        r.status_code == 422 and "Máy chủ SMTP" in text and "Cổng" in text and "Địa chỉ gửi" in text
    )
    r = c.post(
        f"{path}/lich",
        data={
            "days_before": "7, hai",
            "days_after": "0",
            "interval_minutes": "1",
            "csrf_token": csrf_of(c, path),
        },
    )
    assert r.status_code == 422 and "Nhắc trước hạn" in errors_of(r)
    assert count(rt, AppSettingRow) == 0
    r = c.post(
        f"{path}/thu",
        data={
            "host": "smtp.sokhcn.example",
            "port": "587",
            "security": "starttls",
            "username": "tiendo",
            "password": "mat-khau-rat-bi-mat",
            "sender": "tiendo@sokhcn.example",
            "csrf_token": csrf_of(c, path),
        },
    )
    assert r.status_code == 303
    page = c.get(path).text
    assert "mat-khau-rat-bi-mat" not in page and "đã lưu" in page
    assert client_for("dieuphoi.ht").get(path).status_code == 403


def test_excel_upload_form_shows_cell_errors(site):  # noqa: F811
    from openpyxl import load_workbook

    world, client_for, rt = site
    c = client_for("baocao.skhcn")
    rid = open_report(c, world)
    book = load_workbook(io.BytesIO(c.get(f"/bao-cao/{rid}/excel").content))
    book["Chỉ tiêu"]["D2"] = "nhiều"
    out = io.BytesIO()
    book.save(out)
    token = csrf_of(c, f"/bao-cao/{rid}")
    r = c.post(
        f"/bao-cao/{rid}/excel",
        data={"csrf_token": token, "revision": "1"},
        files={"file": ("bao-cao.xlsx", io.BytesIO(out.getvalue()), "application/octet-stream")},
    )
    assert r.status_code == 422 and "Trang Chỉ tiêu, ô D2" in errors_of(r)
    r = c.post(
        f"/bao-cao/{rid}/excel",
        data={"csrf_token": token, "revision": "1"},
        files={
            "file": (
                "bao-cao.xlsx",
                io.BytesIO(b"PK\x03\x04\x00\x00junk"),
                "application/octet-stream",
            )
        },
    )
    assert r.status_code == 422 and "hỏng" in errors_of(r)
    assert count(rt, ReportValueRow) == 0
