"""The reporting cycle through real HTTP: pages, permissions, CSRF, escaping, uploads."""

import io
import re

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from tests.reporting_support import PASSWORD, build_world
from tiendo.store.tables import EvidenceRow, ReportRow, ReportTaskRow, ReportValueRow

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def csrf_of(client: httpx.Client, path: str) -> str:
    page = BeautifulSoup(client.get(path).text, "html.parser")
    return page.find("input", {"name": "csrf_token"})["value"]


def login(client: httpx.Client, username: str) -> None:
    token = csrf_of(client, "/dang-nhap")
    r = client.post(
        "/dang-nhap",
        data={"username": username, "password": PASSWORD, "csrf_token": token, "next": "/"},
    )
    assert r.status_code in (200, 303), r.text[:300]


@pytest.fixture
def site(live_server):
    world = build_world(live_server.runtime)
    clients = []

    def client_for(username=None):
        c = httpx.Client(base_url=live_server.url, timeout=10)
        clients.append(c)
        if username:
            login(c, username)
        return c

    yield world, client_for, live_server.runtime
    for c in clients:
        c.close()


def open_report(client, world, agency_id=None) -> int:
    token = csrf_of(client, "/bao-cao")
    r = client.post(
        "/bao-cao/mo",
        data={
            "period_id": world.period_id,
            "agency_id": agency_id or world.agency_a,
            "csrf_token": token,
        },
    )
    assert r.status_code == 303, r.text[:500]
    return int(r.headers["location"].rsplit("/", 1)[-1])


def form_of(client, report_id) -> dict:
    page = BeautifulSoup(client.get(f"/bao-cao/{report_id}").text, "html.parser")
    form = page.find("form", id="report-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


def test_reporter_sees_only_own_tasks_and_targets(site):
    world, client_for, _rt = site
    c = client_for("baocao.skhcn")
    report_id = open_report(c, world)
    page = c.get(f"/bao-cao/{report_id}")
    assert page.status_code == 200
    html = page.text
    assert "Tổ chức tuyên truyền" in html and "Rà soát cơ chế" not in html
    assert "Số doanh nghiệp công nghệ số" in html and "Chỉ số PII" not in html


def test_another_agencys_report_is_forbidden_in_pages(site):
    world, client_for, _rt = site
    a = client_for("baocao.skhcn")
    report_id = open_report(a, world)
    b = client_for("baocao.stc")
    assert b.get(f"/bao-cao/{report_id}").status_code == 403
    token = csrf_of(b, "/bao-cao")
    r = b.post(
        f"/bao-cao/{report_id}/luu",
        data={"csrf_token": token, "revision": "1", f"t-{world.tasks[0]}-status": "done"},
    )
    assert r.status_code == 403
    r = b.post(
        "/bao-cao/mo",
        data={"period_id": world.period_id, "agency_id": world.agency_a, "csrf_token": token},
    )
    assert r.status_code == 403
    assert b.get(f"/bao-cao/{report_id}/excel").status_code == 403
    other_province = client_for("dieuphoi.hn")
    assert other_province.get(f"/bao-cao/{report_id}").status_code == 403


def test_a_form_without_csrf_token_is_refused_and_nothing_is_stored(site):
    world, client_for, rt = site
    c = client_for("baocao.skhcn")
    report_id = open_report(c, world)
    data = form_of(c, report_id)
    data.pop("csrf_token")
    data[f"t-{world.tasks[0]}-status"] = "in_progress"
    r = c.post(f"/bao-cao/{report_id}/luu", data=data)
    assert r.status_code == 403 and "CSRF" in r.text
    with rt.session() as s:
        assert s.scalar(select(ReportTaskRow.id)) is None


def test_script_and_sql_are_stored_as_text_and_shown_escaped(site):
    world, client_for, rt = site
    c = client_for("baocao.skhcn")
    report_id = open_report(c, world)
    data = form_of(c, report_id)
    nasty = "<script>alert('x')</script>'; DROP TABLE reports; --"
    data[f"t-{world.tasks[0]}-status"] = "in_progress"
    data[f"t-{world.tasks[0]}-done_text"] = nasty
    data[f"v-{world.targets[0]}-note"] = nasty
    r = c.post(f"/bao-cao/{report_id}/luu", data=data)
    assert r.status_code == 303, r.text[:800]
    with rt.session() as s:
        assert s.scalar(select(ReportTaskRow.done_text)) == nasty
        assert s.scalar(select(ReportValueRow.note)) == nasty
        assert s.scalar(select(ReportRow.id)) == report_id
    html = c.get(f"/bao-cao/{report_id}").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html


def test_bad_values_show_field_messages_and_store_nothing(site):
    world, client_for, rt = site
    c = client_for("baocao.skhcn")
    report_id = open_report(c, world)
    data = form_of(c, report_id)
    data[f"t-{world.tasks[0]}-percent_done"] = "120"
    data[f"v-{world.targets[0]}-value"] = "abc"
    data[f"v-{world.targets[1]}-value"] = "12"
    data[f"v-{world.targets[1]}-as_of"] = "32/13/2026"
    r = c.post(f"/bao-cao/{report_id}/luu", data=data)
    assert r.status_code == 422
    page = BeautifulSoup(r.text, "html.parser")
    messages = {p["id"]: p.get_text() for p in page.select("p.field-error")}
    assert "0–100" in messages[f"err-t-{world.tasks[0]}-percent_done"]
    assert "kiểu Việt Nam" in messages[f"err-v-{world.targets[0]}-value"]
    assert "dd/mm/yyyy" in messages[f"err-v-{world.targets[1]}-as_of"]
    # What was typed is kept in the form so it can be corrected.
    assert page.find("input", id=f"v-{world.targets[0]}-value")["value"] == "abc"
    with rt.session() as s:
        assert s.scalar(select(ReportValueRow.id)) is None
        assert s.get(ReportRow, report_id).revision == 1


def test_two_people_editing_never_overwrite_each_other(site):
    world, client_for, rt = site
    first = client_for("baocao.skhcn")
    report_id = open_report(first, world)
    with rt.session() as s:
        from tests.reporting_support import make_user

        make_user(s, "baocao.skhcn2", "reporter", agency_id=world.agency_a)
        s.commit()
    second = client_for("baocao.skhcn2")
    form_a, form_b = form_of(first, report_id), form_of(second, report_id)
    form_a[f"v-{world.targets[0]}-value"], form_a[f"v-{world.targets[0]}-as_of"] = (
        "40",
        "30/09/2026",
    )
    form_b[f"v-{world.targets[0]}-value"], form_b[f"v-{world.targets[0]}-as_of"] = (
        "41",
        "30/09/2026",
    )
    assert first.post(f"/bao-cao/{report_id}/luu", data=form_a).status_code == 303
    r = second.post(f"/bao-cao/{report_id}/luu", data=form_b)
    assert r.status_code == 409 and "người khác" in r.text
    with rt.session() as s:
        assert s.scalar(select(ReportValueRow.value)) == 40


def test_evidence_upload_checks_type_by_content_and_size(site):
    world, client_for, rt = site
    c = client_for("baocao.skhcn")
    report_id = open_report(c, world)

    def upload(name, data, content_type):
        token = csrf_of(c, f"/bao-cao/{report_id}")
        rev = rt.session().get(ReportRow, report_id).revision
        return c.post(
            f"/bao-cao/{report_id}/minh-chung",
            data={"csrf_token": token, "revision": str(rev)},
            files={"file": (name, io.BytesIO(data), content_type)},
        )

    r = upload("virus.pdf", b"MZ\x90\x00 this is an executable", "application/pdf")
    assert r.status_code == 422 and "Loại tệp không được nhận" in r.text
    r = upload("trang.html", b"<html><script>alert(1)</script></html>", "text/html")
    assert r.status_code == 422
    r = upload("lon.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 10), "application/pdf")
    assert r.status_code == 422 and "quá lớn" in r.text
    r = upload("../../etc/passwd<b>.exe", PDF, "application/x-msdownload")
    assert r.status_code == 303
    with rt.session() as s:
        rows = list(s.scalars(select(EvidenceRow)))
    assert len(rows) == 1
    assert rows[0].display_name == "passwdb.pdf" and rows[0].content_type == "application/pdf"
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", rows[0].stored_name)
    download = c.get(f"/minh-chung/{rows[0].id}")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-disposition"].startswith("attachment")
    assert client_for("baocao.stc").get(f"/minh-chung/{rows[0].id}").status_code == 403
    assert_sign_in_required(client_for().get(f"/minh-chung/{rows[0].id}"))


def assert_sign_in_required(response) -> None:
    """Pages send visitors without an account to the sign-in page and show nothing else."""
    assert response.status_code == 303, response.url
    assert response.headers["location"].startswith("/dang-nhap?next=")


def test_the_public_sees_no_report_and_no_unapproved_value(site):
    world, client_for, _rt = site
    c = client_for("baocao.skhcn")
    report_id = open_report(c, world)
    data = form_of(c, report_id)
    data[f"t-{world.tasks[0]}-status"] = "in_progress"
    data[f"v-{world.targets[0]}-value"], data[f"v-{world.targets[0]}-as_of"] = "77,7", "30/09/2026"
    data[f"v-{world.targets[1]}-note"] = "Chưa có số liệu"
    data["action"] = "submit"
    assert c.post(f"/bao-cao/{report_id}/luu", data=data).status_code == 303
    public = client_for()
    for path in (
        f"/bao-cao/{report_id}",
        "/bao-cao",
        f"/bao-cao/{report_id}/excel",
        "/thong-bao",
        "/nhat-ky",
        "/co-quan",
        f"/ke-hoach/{world.plan_id}/phan-cong",
        f"/ke-hoach/{world.plan_id}/ky-bao-cao",
    ):
        assert_sign_in_required(public.get(path))
    for path in (
        f"/api/v1/reports/{report_id}",
        "/api/v1/reports",
        "/api/v1/agencies",
        "/api/v1/periods",
    ):
        assert public.get(path).status_code == 401, path
    plan_page = public.get(f"/ke-hoach/{world.plan_id}").text
    assert "77,7" not in plan_page
    leader = client_for("lanhdao.ht")
    assert leader.get(f"/bao-cao/{report_id}").status_code == 200
    assert (
        leader.post(
            f"/bao-cao/{report_id}/duyet",
            data={"csrf_token": csrf_of(leader, f"/bao-cao/{report_id}"), "revision": "3"},
        ).status_code
        == 403
    )
