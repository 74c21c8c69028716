"""Feedback through the real server: the form's defences, handling pages, the API."""

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from tests.feedback_support import SENDER, build_world, make_people, old_stamp
from tests.functional.test_auth import csrf_of, login
from tiendo.accounts import service as accounts
from tiendo.domain.actor import Actor
from tiendo.store.tables import FeedbackForwardRow, FeedbackRow


@pytest.fixture
def site(live_server):
    rt = live_server.runtime
    world = build_world(rt)
    make_people(rt, world)
    with httpx.Client(base_url=live_server.url, timeout=10) as client:
        yield client, rt, world


def form_fields(client, path):
    page = BeautifulSoup(client.get(path).text, "html.parser")
    return {
        i["name"]: i.get("value", "") for i in page.select("form.feedback-form input[type=hidden]")
    }


def send(client, rt, world, *, stamp=None, **overrides):
    fields = form_fields(client, f"/phan-anh/gui?ke_hoach={world.ha_nam}&nhiem_vu={world.task_id}")
    fields["form_stamp"] = stamp or old_stamp(rt.settings.resolved_secret_key())
    fields.update(
        {
            "title": "Đề nghị công khai tiến độ",
            "body": "Đề nghị công khai tiến độ triển khai nhiệm vụ tuyên truyền ở từng xã.",
            **SENDER,
            **overrides,
        }
    )
    return client.post("/phan-anh/gui", data=fields)


def count(rt) -> int:
    with rt.session() as s:
        return s.scalar(select(func.count()).select_from(FeedbackRow))


def test_the_form_names_the_plan_and_the_task_and_has_labelled_fields(site):
    client, _, world = site
    page = BeautifulSoup(
        client.get(f"/phan-anh/gui?ke_hoach={world.ha_nam}&nhiem_vu={world.task_id}").text,
        "html.parser",
    )
    assert "Tổ chức tuyên truyền về chuyển đổi số." in page.get_text()
    for field in ("title", "body", "sender_name", "sender_email", "sender_phone"):
        assert page.find("label", {"for": field}) is not None
    honeypot = page.find("input", {"name": "website"})
    assert (
        honeypot["tabindex"] == "-1" and honeypot.find_parent(class_="hp")["aria-hidden"] == "true"
    )
    assert client.get(f"/phan-anh/gui?ke_hoach={world.draft}").status_code == 404


def test_a_sent_feedback_waits_for_moderation(site):
    client, rt, world = site
    response = send(client, rt, world)
    assert response.status_code == 303 and response.headers["location"].startswith(
        "/phan-anh/da-gui?ma="
    )
    assert count(rt) == 1
    with rt.session() as s:
        row = s.scalars(select(FeedbackRow)).one()
        assert row.task_id == world.task_id and row.moderation == "pending"
        assert len(row.sender_key) == 64 and "127.0.0.1" not in row.sender_key
    assert "Đề nghị công khai tiến độ" not in client.get("/phan-anh").text


def test_a_form_sent_too_fast_is_refused_and_keeps_what_was_typed(site):
    client, rt, world = site
    fields = form_fields(client, f"/phan-anh/gui?ke_hoach={world.ha_nam}")
    response = send(client, rt, world, stamp=fields["form_stamp"])
    assert response.status_code == 429
    page = BeautifulSoup(response.text, "html.parser")
    assert "quá nhanh" in page.select_one(".form-errors").get_text()
    assert page.find("textarea", {"name": "body"}).get_text().startswith("Đề nghị công khai")
    assert count(rt) == 0


def test_forged_or_missing_stamps_csrf_and_oversized_bodies_are_refused(site):
    client, rt, world = site
    assert send(client, rt, world, stamp="gia-mao.123.abc").status_code == 400
    fields = form_fields(client, f"/phan-anh/gui?ke_hoach={world.ha_nam}")
    fields.update({"form_stamp": old_stamp(rt.settings.resolved_secret_key()), "csrf_token": "sai"})
    fields.update({"title": "Tiêu đề hợp lệ", "body": "Nội dung hợp lệ đủ dài để gửi đi."})
    assert client.post("/phan-anh/gui", data=fields).status_code == 403
    assert send(client, rt, world, body="x" * 70_000).status_code == 413
    assert count(rt) == 0


def test_a_filled_honeypot_looks_accepted_but_stores_nothing(site):
    client, rt, world = site
    response = send(client, rt, world, website="http://spam.example")
    assert response.status_code == 303
    assert count(rt) == 0


def test_field_errors_are_shown_next_to_their_fields(site):
    client, rt, world = site
    response = send(client, rt, world, body="ngắn", sender_email="sai")
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    assert page.find("textarea", {"name": "body"})["aria-invalid"] == "true"
    assert "body-error" in page.find("textarea", {"name": "body"})["aria-describedby"]
    assert "ít nhất 20 ký tự" in page.select_one("#body-error").get_text()
    assert page.select_one("#sender_email-error") is not None


def test_floods_from_one_address_are_cut_off(site, live_server):
    client, rt, world = site
    from tiendo.publish.antispam import AttemptLimiter

    app = live_server.server.config.app
    app.state.feedback_limiter = AttemptLimiter(3, 600)
    statuses = [send(client, rt, world, body="ngắn").status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]


def test_the_coordinator_moderates_forwards_and_answers_and_the_public_sees_no_contact(site):
    client, rt, world = site
    send(client, rt, world)
    with rt.session() as s:
        fid = s.scalar(select(FeedbackRow.id))
    assert client.get("/phan-anh/xu-ly").status_code in (200, 303)
    login(client, "dieuphoi.ninhbinh")
    listing = client.get("/phan-anh/xu-ly")
    assert listing.status_code == 200 and "Đề nghị công khai tiến độ" in listing.text
    page = client.get(f"/phan-anh/xu-ly/{fid}")
    assert SENDER["sender_email"] in page.text  # moderators see how to reach the sender
    token = csrf_of(client, f"/phan-anh/xu-ly/{fid}")
    r = client.post(
        f"/phan-anh/xu-ly/{fid}/kiem-duyet",
        data={"csrf_token": token, "decision": "published", "revision": "1"},
    )
    assert r.status_code == 303
    r = client.post(
        f"/phan-anh/xu-ly/{fid}/chuyen",
        data={"csrf_token": token, "agency_id": str(world.agency_nb), "revision": "2"},
    )
    assert r.status_code == 303
    stale = client.post(
        f"/phan-anh/xu-ly/{fid}/tra-loi",
        data={"csrf_token": token, "response": "Trả lời dựa trên bản cũ.", "revision": "1"},
    )
    assert stale.status_code == 409 and "người khác" in stale.text
    r = client.post(
        f"/phan-anh/xu-ly/{fid}/tra-loi",
        data={
            "csrf_token": token,
            "response": "Sở đã chỉ đạo công khai tiến độ hằng quý.",
            "revision": "3",
        },
    )
    assert r.status_code == 303
    with rt.session() as s:
        assert s.scalar(select(func.count()).select_from(FeedbackForwardRow)) == 1
    with httpx.Client(base_url=str(client.base_url)) as public:
        for path in (
            "/phan-anh",
            f"/phan-anh/{fid}",
            f"/ke-hoach/{world.ha_nam}",
            "/tinh-thanh/37",
            "/api/v1/feedback",
            f"/api/v1/feedback/{fid}",
            "/api/v1/open-data/phan-anh.csv",
            "/api/v1/open-data/phan-anh.json",
        ):
            body = public.get(path).text
            assert "Sở đã chỉ đạo công khai tiến độ hằng quý." in body, path
            for value in SENDER.values():
                assert value not in body, (path, value)
        assert public.get("/api/v1/feedback/handling").status_code == 401
        assert public.get("/api/v1/feedback/response-times").json()[0]["answered"] == 1


def test_coordinators_of_another_province_cannot_handle_it(site):
    client, rt, world = site
    send(client, rt, world)
    with rt.session() as s:
        fid = s.scalar(select(FeedbackRow.id))
    login(client, "dieuphoi.hatinh")
    assert client.get(f"/phan-anh/xu-ly/{fid}").status_code == 404
    token = csrf_of(client, "/phan-anh/xu-ly")
    r = client.post(
        f"/phan-anh/xu-ly/{fid}/kiem-duyet", data={"csrf_token": token, "decision": "published"}
    )
    assert r.status_code == 403


def test_moderation_through_the_api_needs_the_write_scope(site):
    client, rt, world = site
    send(client, rt, world)
    with rt.session() as s:
        fid = s.scalar(select(FeedbackRow.id))
        user = accounts.get_user(s, "dieuphoi.ninhbinh")
        _, reader = accounts.create_token(s, user, "đọc", ["read"], actor=Actor.system())
        _, writer = accounts.create_token(
            s, user, "ghi", ["read", "plans:write"], actor=Actor.system()
        )
        s.commit()
    listing = client.get("/api/v1/feedback/handling", headers={"authorization": f"Bearer {reader}"})
    assert (
        listing.status_code == 200
        and listing.json()["items"][0]["sender_email"] == SENDER["sender_email"]
    )
    denied = client.post(
        f"/api/v1/feedback/{fid}/moderation",
        json={"decision": "published"},
        headers={"authorization": f"Bearer {reader}"},
    )
    assert denied.status_code == 403
    ok = client.post(
        f"/api/v1/feedback/{fid}/moderation",
        json={"decision": "published", "revision": 1},
        headers={"authorization": f"Bearer {writer}"},
    )
    assert ok.status_code == 200 and ok.json()["moderation"] == "published"
    answer = client.post(
        f"/api/v1/feedback/{fid}/response",
        json={"response": "Đã tiếp thu, sẽ thực hiện."},
        headers={"authorization": f"Bearer {writer}"},
    )
    assert answer.json()["status"] == "answered"
    assert "sender_email" not in client.get(f"/api/v1/feedback/{fid}").json()
