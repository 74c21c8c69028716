"""The reporting API with tokens: the same rules as the pages, documented in OpenAPI."""

import httpx
import pytest

from tests.reporting_support import build_world
from tiendo.accounts import service as accounts
from tiendo.domain.actor import Actor
from tiendo.store.tables import UserRow


def token_for(runtime, user_id, scopes):
    with runtime.session() as s:
        _, secret = accounts.create_token(
            s, s.get(UserRow, user_id), "kiểm thử", scopes, actor=Actor.system()
        )
        s.commit()
    return secret


@pytest.fixture
def api(live_server):
    rt = live_server.runtime
    world = build_world(rt)
    clients = []

    def client(name, scopes):
        secret = token_for(rt, world.users[name], scopes)
        c = httpx.Client(
            base_url=live_server.url, timeout=10, headers={"authorization": f"Bearer {secret}"}
        )
        clients.append(c)
        return c

    yield world, client
    for c in clients:
        c.close()


def test_the_cycle_through_the_api(api):
    world, client = api
    rep = client("rep_a", ["read", "reports:write"])
    coord = client("coord", ["read", "plans:write"])
    r = rep.post(
        "/api/v1/reports", json={"period_id": world.period_id, "agency_id": world.agency_a}
    )
    assert r.status_code == 200, r.text
    report = r.json()
    assert [t["task_id"] for t in report["tasks"]] == [world.tasks[0]]
    rid = report["id"]
    body = {
        "revision": report["revision"],
        "tasks": [
            {
                "task_id": world.tasks[0],
                "status": "done",
                "done_text": "Xong",
                "completed_on": "15/09/2026",
            }
        ],
        "targets": [
            {"target_id": world.targets[0], "value": 55.5, "as_of": "2026-09-30"},
            {"target_id": world.targets[1], "value": "1.200", "as_of": "30/09/2026"},
        ],
    }
    r = rep.put(f"/api/v1/reports/{rid}/values", json=body)
    assert r.status_code == 200, r.text
    saved = r.json()
    assert saved["tasks"][0]["percent_done"] == 100
    assert (
        rep.post(f"/api/v1/reports/{rid}/submit", json={"revision": saved["revision"]}).status_code
        == 200
    )
    r = coord.post(f"/api/v1/reports/{rid}/return", json={"revision": saved["revision"] + 1})
    assert r.status_code == 422 and "Ý kiến" in r.json()["message"]
    r = coord.post(f"/api/v1/reports/{rid}/approve", json={"revision": saved["revision"] + 1})
    assert r.status_code == 200 and r.json()["status"] == "approved"
    listed = coord.get("/api/v1/reports", params={"period_id": world.period_id}).json()
    assert {i["agency_id"]: i["status"] for i in listed["items"]} == {
        world.agency_a: "approved",
        world.agency_b: "missing",
    }


def test_a_reporter_gets_403_on_another_agencys_report(api):
    world, client = api
    rep_a = client("rep_a", ["read", "reports:write"])
    rid = rep_a.post(
        "/api/v1/reports", json={"period_id": world.period_id, "agency_id": world.agency_a}
    ).json()["id"]
    rep_b = client("rep_b", ["read", "reports:write"])
    assert rep_b.get(f"/api/v1/reports/{rid}").status_code == 403
    assert (
        rep_b.put(f"/api/v1/reports/{rid}/values", json={"revision": 1, "tasks": []}).status_code
        == 403
    )
    assert rep_b.post(f"/api/v1/reports/{rid}/submit", json={"revision": 1}).status_code == 403
    r = rep_b.post(
        "/api/v1/reports", json={"period_id": world.period_id, "agency_id": world.agency_a}
    )
    assert r.status_code == 403
    assert [a["id"] for a in rep_b.get("/api/v1/agencies").json()] == [world.agency_b]
    items = rep_b.get("/api/v1/reports").json()["items"]
    assert {i["agency_id"] for i in items} == {world.agency_b}


def test_scopes_limit_what_a_token_may_do(api):
    world, client = api
    read_only = client("rep_a", ["read"])
    r = read_only.post(
        "/api/v1/reports", json={"period_id": world.period_id, "agency_id": world.agency_a}
    )
    assert r.status_code == 403
    coord_read = client("coord", ["read"])
    r = coord_read.post(
        "/api/v1/periods/adhoc",
        json={
            "plan_id": world.plan_id,
            "start": "01/10/2026",
            "end": "15/10/2026",
            "due": "20/10/2026",
        },
    )
    assert r.status_code == 403
    other = client("coord_hn", ["read", "plans:write"])
    r = other.post(
        "/api/v1/periods/adhoc",
        json={
            "plan_id": world.plan_id,
            "start": "01/10/2026",
            "end": "15/10/2026",
            "due": "20/10/2026",
        },
    )
    assert r.status_code == 403


def test_bad_period_input_is_refused_with_field_messages(api):
    world, client = api
    coord = client("coord", ["read", "plans:write"])
    r = coord.post(
        "/api/v1/periods/adhoc",
        json={"plan_id": world.plan_id, "start": "15/10/2026", "end": "01/10/2026", "due": "abc"},
    )
    assert r.status_code == 422
    locs = {tuple(e["loc"]) for e in r.json()["errors"]}
    assert ("due",) in locs and ("end",) in locs
    periods = coord.get("/api/v1/periods", params={"plan_id": world.plan_id}).json()
    target = next(p for p in periods if p["id"] == world.period_id)
    r = coord.patch(
        f"/api/v1/periods/{world.period_id}",
        json={"due": "01/01/2020", "reason": "", "revision": target["revision"]},
    )
    assert r.status_code == 422
    r = coord.patch(
        f"/api/v1/periods/{world.period_id}",
        json={"due": "20/10/2026", "reason": "Nghỉ lễ", "revision": target["revision"]},
    )
    assert r.status_code == 200 and r.json()["due"] == "2026-10-20", r.text
    r = coord.patch(
        f"/api/v1/periods/{world.period_id}",
        json={"due": "21/10/2026", "reason": "Lần nữa", "revision": target["revision"]},
    )
    assert r.status_code == 409


def test_openapi_documents_the_reporting_resources_in_vietnamese(api):
    _world, client = api
    doc = client("coord", ["read"]).get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    for path in (
        "/api/v1/agencies",
        "/api/v1/periods",
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/reports/{report_id}/values",
        "/api/v1/reports/{report_id}/approve",
        "/api/v1/reports/{report_id}/return",
        "/api/v1/reports/{report_id}/reopen",
        "/api/v1/reports/{report_id}/submit",
    ):
        assert path in paths, path
    assert (
        paths["/api/v1/reports/{report_id}/approve"]["post"]["summary"]
        == "Duyệt báo cáo (điều phối)"
    )
