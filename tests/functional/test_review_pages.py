"""A coordinator loads a plan through the browser, corrects it and publishes it."""

import httpx
import pytest
from bs4 import BeautifulSoup

from tests.functional.test_auth import PASSWORD, csrf_of, login, make_user

PLAN = """KẾ HOẠCH
Thực hiện Nghị quyết số 57-NQ/TW
I. MỤC TIÊU
Đến năm 2030:
- Tỷ lệ sử dụng dịch vụ công trực tuyến đạt trên 80%.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Nâng cao nhận thức
- Tổ chức tuyên truyền về chuyển đổi số.
"""


@pytest.fixture
def coordinator(live_server):
    make_user(live_server.runtime, "admin1", "admin")
    client = httpx.Client(base_url=live_server.url, timeout=20)
    login(client, "admin1")
    yield client
    client.close()


def upload(client, name: str, content: bytes) -> httpx.Response:
    token = csrf_of(client, "/ke-hoach/tai-len")
    return client.post(
        "/ke-hoach/tai-len",
        data={"csrf_token": token},
        files={"file": (name, content, "text/plain")},
    )


def test_upload_opens_the_review_page_and_a_bad_file_gets_a_message(coordinator):
    response = upload(coordinator, "ke-hoach-moi.txt", PLAN.encode())
    assert response.status_code == 303 and "/ra-soat" in response.headers["location"]
    page = coordinator.get(response.headers["location"])
    assert page.status_code == 200 and "Rà soát" in page.text
    bad = upload(coordinator, "hong.txt", b"\x00\x01\x02" * 50)
    assert bad.status_code == 422 and "nhị phân" in bad.text
    wrong = upload(coordinator, "virus.exe", b"MZ")
    assert wrong.status_code == 422 and "định dạng" in wrong.text


def test_adding_editing_and_publishing_through_the_pages(coordinator):
    location = upload(coordinator, "ke-hoach-2.txt", PLAN.encode()).headers["location"]
    plan_id = int(location.split("/")[2])
    review_url = f"/ke-hoach/{plan_id}/ra-soat"
    token = csrf_of(coordinator, review_url)
    added = coordinator.post(
        f"{review_url}/task/them",
        data={
            "csrf_token": token,
            "group_no": "2",
            "group_title": "Hoàn thiện thể chế",
            "text": "Ban hành quy chế chia sẻ dữ liệu <script>x()</script>",
            "lead_text": "Sở Khoa học và Công nghệ",
            "deadline": "30/06/2026",
            "continuing": "0",
        },
    )
    assert added.status_code == 303
    bad = coordinator.post(
        f"{review_url}/task/them", data={"csrf_token": token, "text": "", "deadline": "31/02/2026"}
    )
    assert bad.status_code == 422
    assert "không được để trống" in bad.text and "dd/mm/yyyy" in bad.text
    meta = coordinator.post(
        f"{review_url}/thong-tin",
        data={
            "csrf_token": token,
            "province": "42",
            "issuer": "UBND tỉnh",
            "doc_type": "Kế hoạch",
            "number": "99/KH-UBND",
            "issued_on": "15/03/2025",
            "implements": "57-NQ/TW, 03/NQ-CP",
        },
    )
    assert meta.status_code == 303
    published = coordinator.post(
        f"{review_url}/cong-bo", data={"csrf_token": token, "published": "1"}
    )
    assert published.status_code == 303
    public = httpx.get(f"{coordinator.base_url}/ke-hoach/{plan_id}")
    assert public.status_code == 200
    text = BeautifulSoup(public.text, "html.parser").get_text(" ")
    assert "99/KH-UBND" in text and "Hà Tĩnh" in text and "30/06/2026" in text
    assert "<script>x()</script>" not in public.text
    history = coordinator.get(f"/ke-hoach/{plan_id}/lich-su").text
    assert (
        "Thêm nhiệm vụ" in history and "Công bố" in history and "Sửa thông tin văn bản" in history
    )


def test_the_review_page_is_closed_to_the_public_and_to_reporters(coordinator, live_server):
    location = upload(coordinator, "ke-hoach-3.txt", PLAN.encode()).headers["location"]
    anonymous = httpx.get(f"{live_server.url}{location.split('?')[0]}")
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith(
        "/dang-nhap?next="
    )
    with httpx.Client(base_url=live_server.url) as leader:
        make_user(live_server.runtime, "lanhdao1", "leader", province_code="42")
        login(leader, "lanhdao1", PASSWORD)
        assert leader.get(location.split("?")[0]).status_code == 403
