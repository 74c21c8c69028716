"""Correcting plans through the JSON API with a scoped token."""

import httpx
import pytest

from tests import factories
from tests.functional.test_auth import make_user
from tests.functional.test_web import store
from tiendo.accounts import service as accounts
from tiendo.domain.actor import Actor


def token_for(runtime, username, scopes):
    with runtime.session() as s:
        _, secret = accounts.create_token(
            s, accounts.get_user(s, username), "kiểm thử", scopes, actor=Actor.system()
        )
        s.commit()
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def api(live_server):
    rt = live_server.runtime
    make_user(rt, "dieuphoi.hanam", "coordinator", province_code="35")
    plan = store(rt, factories.extracted_plan(), publish=False)
    client = httpx.Client(base_url=live_server.url, timeout=20)
    yield client, rt, plan.plan_id
    client.close()


def test_a_coordinator_token_corrects_and_publishes_a_plan(api):
    client, rt, plan_id = api
    headers = token_for(rt, "dieuphoi.hanam", ["read", "plans:write"])
    target = client.get(f"/api/v1/plans/{plan_id}", headers=headers).json()["targets"][0]
    edited = client.patch(
        f"/api/v1/targets/{target['id']}",
        headers=headers,
        json={
            "indicator": "Tỷ lệ hồ sơ trực tuyến",
            "kind": "level",
            "op": ">",
            "value": 90,
            "unit": "%",
            "year": 2030,
            "revision": 1,
        },
    )
    assert (
        edited.status_code == 200
        and edited.json()["display"] == "> 90%"
        and edited.json()["edited"]
    )
    stale = client.patch(
        f"/api/v1/targets/{target['id']}",
        headers=headers,
        json={"indicator": "x", "kind": "level", "op": ">", "value": 1, "unit": "%", "revision": 1},
    )
    assert stale.status_code == 409 and "người khác" in stale.json()["message"]
    added = client.post(
        f"/api/v1/plans/{plan_id}/tasks",
        headers=headers,
        json={"text": "Xây dựng kho dữ liệu dùng chung", "deadline": "2027"},
    )
    assert added.status_code == 201 and added.json()["deadline"] == "2027"
    bad = client.post(
        f"/api/v1/plans/{plan_id}/targets", headers=headers, json={"indicator": "", "value": "abc"}
    )
    assert bad.status_code == 422 and bad.json()["errors"]
    assert (
        client.post(f"/api/v1/plans/{plan_id}/publish", headers=headers).json()["status"]
        == "published"
    )
    assert client.get(f"/api/v1/plans/{plan_id}").status_code == 200
    history = client.get(f"/api/v1/plans/{plan_id}/history", headers=headers).json()
    assert {"target.edit", "task.add", "plan.publish"} <= {h["action"] for h in history}


def test_a_read_only_token_cannot_change_anything(api):
    client, rt, plan_id = api
    headers = token_for(rt, "dieuphoi.hanam", ["read"])
    response = client.post(f"/api/v1/plans/{plan_id}/publish", headers=headers)
    assert response.status_code == 403


def test_cookie_sessions_need_the_csrf_header_for_api_writes(api, live_server):
    from tests.functional.test_auth import login

    client, _, plan_id = api
    login(client, "dieuphoi.hanam")
    assert client.post(f"/api/v1/plans/{plan_id}/publish").status_code == 403
