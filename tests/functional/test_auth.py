"""Accounts through the web: sign-in, lock-out, CSRF, roles, tokens, escaping."""

import re

import httpx
import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.functional.test_web import store
from tiendo.accounts import service as accounts
from tiendo.domain.actor import Actor
from tiendo.domain.plan import DocumentMeta
from tiendo.store.tables import AgencyRow

PASSWORD = "mat-khau-du-dai-1"


def make_user(runtime, username, role, **kwargs):
    with runtime.session() as s:
        user = accounts.create_user(
            s,
            accounts.NewUser(username=username, password=PASSWORD, role=role, **kwargs),
            actor=Actor.system(),
        )
        s.commit()
        return user.id


def csrf_of(client: httpx.Client, path: str) -> str:
    page = BeautifulSoup(client.get(path).text, "html.parser")
    return page.find("input", {"name": "csrf_token"})["value"]


def login(client: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    token = csrf_of(client, "/dang-nhap")
    return client.post(
        "/dang-nhap",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
    )


@pytest.fixture
def web(live_server):
    rt = live_server.runtime
    with rt.session() as s:
        s.add(
            AgencyRow(
                name="Sở Khoa học và Công nghệ",
                province_code="42",
                search_key="so khoa hoc va cong nghe",
            )
        )
        s.commit()
        agency_id = s.query(AgencyRow.id).scalar()
    make_user(rt, "quantri", "admin", full_name="<script>alert(1)</script>")
    make_user(rt, "dieuphoi.hatinh", "coordinator", province_code="42")
    make_user(rt, "baocao.skhcn", "reporter", agency_id=agency_id)
    draft_ht = store(
        rt,
        factories.extracted_plan(
            doc="ht.txt", meta=DocumentMeta(province="Hà Tĩnh", number="1/KH")
        ),
        publish=False,
        checksum="1" * 64,
    )
    draft_hn = store(
        rt,
        factories.extracted_plan(doc="hn.txt", meta=DocumentMeta(province="Hà Nam", number="2/KH")),
        publish=False,
        checksum="2" * 64,
    )
    client = httpx.Client(base_url=live_server.url, timeout=10)
    yield client, rt, draft_ht.plan_id, draft_hn.plan_id
    client.close()


def test_signing_in_sets_a_protected_session_cookie(web):
    client, *_ = web
    response = login(client, "quantri")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert (
        "tiendo_session=" in cookie
        and "HttpOnly" in cookie
        and "SameSite=lax" in cookie.replace("Lax", "lax")
    )
    assert "Đăng xuất" in client.get("/").text


def test_wrong_password_says_nothing_about_which_part_was_wrong(web):
    client, *_ = web
    response = login(client, "quantri", "sai-mat-khau-123")
    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.text
    assert login(client, "khong-ton-tai", "sai-mat-khau-123").status_code == 401


def test_repeated_failures_lock_the_account_for_a_while(web):
    client, *_ = web
    for _ in range(5):
        login(client, "dieuphoi.hatinh", "sai-mat-khau-123")
    response = login(client, "dieuphoi.hatinh")
    assert response.status_code == 429
    assert "tạm khóa" in response.text


def test_a_form_without_csrf_token_is_refused(web):
    client, *_ = web
    response = client.post("/dang-nhap", data={"username": "quantri", "password": PASSWORD})
    assert response.status_code == 403
    assert "CSRF" in response.text
    login(client, "quantri")
    assert client.post("/dang-xuat").status_code == 403
    assert client.post("/dang-xuat", data={"csrf_token": "gia-mao"}).status_code == 403


def test_coordinators_see_drafts_of_their_province_only(web):
    client, _, draft_ht, draft_hn = web
    assert client.get(f"/ke-hoach/{draft_ht}").status_code == 404
    login(client, "dieuphoi.hatinh")
    assert client.get(f"/ke-hoach/{draft_ht}").status_code == 200
    assert client.get(f"/ke-hoach/{draft_hn}").status_code == 404
    assert client.get(f"/api/v1/plans/{draft_hn}").status_code == 404


def test_reporters_cannot_manage_accounts(web):
    client, *_ = web
    login(client, "baocao.skhcn")
    assert client.get("/quan-tri/nguoi-dung").status_code == 403


def test_api_tokens_authenticate_with_their_scopes_and_can_be_revoked(web):
    client, rt, draft_ht, _ = web
    with rt.session() as s:
        user = accounts.get_user(s, "dieuphoi.hatinh")
        row, secret = accounts.create_token(
            s, user, "hệ thống khác", ["read"], actor=Actor.system()
        )
        s.commit()
        token_id = row.id
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get(f"/api/v1/plans/{draft_ht}", headers=headers).status_code == 200
    assert (
        client.get("/api/v1/plans", headers={"Authorization": "Bearer td_sai"}).status_code == 401
    )
    with rt.session() as s:
        accounts.revoke_token(s, token_id, actor=Actor.system())
        s.commit()
    assert client.get(f"/api/v1/plans/{draft_ht}", headers=headers).status_code == 401


def test_admin_creates_an_account_and_markup_in_names_is_shown_as_text(web):
    client, *_ = web
    login(client, "quantri")
    token = csrf_of(client, "/quan-tri/nguoi-dung")
    response = client.post(
        "/quan-tri/nguoi-dung",
        data={
            "csrf_token": token,
            "username": "lanhdao.hatinh",
            "full_name": "Nguyễn Văn <b>B</b>",
            "role": "leader",
            "province_code": "42",
            "password": "mat-khau-lanh-dao-9",
        },
    )
    assert response.status_code == 303
    page = client.get("/quan-tri/nguoi-dung").text
    assert "lanhdao.hatinh" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "Nguyễn Văn &lt;b&gt;B&lt;/b&gt;" in page


def test_weak_passwords_are_refused_with_the_reasons(web):
    client, *_ = web
    login(client, "quantri")
    token = csrf_of(client, "/tai-khoan")
    response = client.post(
        "/tai-khoan/mat-khau",
        data={
            "csrf_token": token,
            "current_password": PASSWORD,
            "new_password": "123",
            "confirm_password": "123",
        },
    )
    assert response.status_code == 422
    assert "ít nhất 10 ký tự" in response.text


def test_changing_the_password_keeps_this_session_and_ends_the_others(web, live_server):
    client, *_ = web
    login(client, "quantri")
    other = httpx.Client(base_url=live_server.url)
    login(other, "quantri")
    token = csrf_of(client, "/tai-khoan")
    response = client.post(
        "/tai-khoan/mat-khau",
        data={
            "csrf_token": token,
            "current_password": PASSWORD,
            "new_password": "mat-khau-moi-cung-dai",
            "confirm_password": "mat-khau-moi-cung-dai",
        },
    )
    assert response.status_code == 303
    assert "Đăng xuất" in client.get("/tai-khoan").text
    assert "Đăng nhập" in other.get("/").text and "Đăng xuất" not in other.get("/").text
    other.close()


def test_login_redirects_only_inside_the_site(web):
    client, *_ = web
    token = csrf_of(client, "/dang-nhap")
    response = client.post(
        "/dang-nhap",
        data={
            "username": "quantri",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "https://evil.example/",
        },
    )
    assert response.headers["location"] == "/"
    assert re.search(r"tiendo_session=", response.headers["set-cookie"])
