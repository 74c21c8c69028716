"""Dashboards, lists, rankings, warnings, the catalogue and the API through a real server."""

import datetime as dt
import json

import httpx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from tests.evaluation_support import TODAY, record_facts, seed_plan
from tests.functional.test_auth import csrf_of, login, make_user
from tiendo.evaluate import facts
from tiendo.store.tables import AuditRow, IndicatorLinkRow


@pytest.fixture
def web(live_server):
    rt = live_server.runtime
    live_server.server.config.app.state.evaluation_today = TODAY
    seeded = seed_plan(rt)
    record_facts(rt, seeded)
    merged = seed_plan(
        rt, province="Hà Nam", number="441/KH-UBND", checksum="c" * 64, province_code="35"
    )
    record_facts(rt, merged)
    make_user(rt, "lanhdao.hatinh", "leader", province_code="42")
    make_user(rt, "dieuphoi.ninhbinh", "coordinator", province_code="37")
    make_user(rt, "quantri", "admin")
    make_user(rt, "baocao.a", "reporter", agency_id=seeded.agency_b)
    with httpx.Client(base_url=live_server.url, timeout=20) as client:
        yield client, seeded, merged, rt


def page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:800]
    return BeautifulSoup(response.text, "html.parser")


def test_dashboards_need_signing_in(web):
    client, *_ = web
    response = client.get("/danh-gia")
    assert response.status_code == 303 and response.headers["location"].startswith(
        "/dang-nhap?next="
    )
    assert client.get("/api/v1/evaluation/dashboard").status_code == 401
    assert "Đăng nhập" in client.get("/danh-gia", follow_redirects=True).text


def test_a_leader_sees_the_dashboard_of_their_province_with_charts_and_tables(web):
    client, seeded, _merged, rt = web
    with rt.session() as s:  # the next quarter is open: nothing is due yet
        facts.record_submission(
            s,
            facts.SubmissionFact(
                agency_id=seeded.agency_a,
                period_key="2026-Q3",
                due=dt.date(2026, 9, 15),
                plan_id=seeded.plan_id,
                province_code=seeded.province_code,
                report_id=None,
                submitted_at=None,
                approved_at=None,
            ),
            today=TODAY,
        )
        s.commit()
    login(client, "lanhdao.hatinh")
    response = client.get("/danh-gia")
    doc = page(response)
    assert "Hà Tĩnh" in doc.select_one("p.lead").get_text()
    assert "30/06/2026" in doc.select_one("p.lead").get_text()
    # each chart has a table saying the same in text
    canvases = doc.select("canvas[data-chart]")
    assert {c["data-chart"] for c in canvases} == {
        "targets",
        "tasks",
        "groups",
        "agencies",
        "timeliness",
    }
    assert all(c.get("aria-label") for c in canvases)
    tables = doc.select("table.data")
    assert len(tables) >= 5
    overdue = doc.find_all("a", href="/danh-gia/nhiem-vu?province=42&status=overdue")
    assert [a.get_text(strip=True) for a in overdue] == ["1 quá hạn", "1", "Nhiệm vụ quá hạn: 1"]
    data = json.loads(doc.find("script", id="evaluation-data").string)
    assert data["targets"]["total"] == 3
    # the timeliness card speaks of a period already due, never of one with nothing expected
    card = next(c for c in doc.select(".card") if "báo cáo đúng hạn kỳ" in c.get_text())
    assert "/0)" not in card.get_text()
    # no inline script: every script is a file or JSON data
    for script in doc.find_all("script"):
        assert script.get("src") or script.get("type") == "application/json"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert client.get("/static/vendor/chartjs/chart.umd.min.js").status_code == 200
    assert client.get("/static/js/evaluation-charts.js").status_code == 200


def test_numbers_lead_to_the_items_behind_them(web):
    client, _seeded, *_ = web
    login(client, "lanhdao.hatinh")
    tasks = page(client.get("/danh-gia/nhiem-vu?province=42&status=overdue"))
    rows = tasks.select("table.data tbody tr:not(.why)")
    assert len(rows) == 1 and "Số hóa hồ sơ" in rows[0].get_text()
    assert "quá hạn 91 ngày" in tasks.select_one("tr.why").get_text()
    targets = page(client.get("/danh-gia/chi-tieu?province=42&status=behind"))
    assert "Tỷ lệ sử dụng dịch vụ công trực tuyến" in targets.get_text()
    reports = page(client.get("/danh-gia/bao-cao?province=42&status=missing&recent=1"))
    assert "Quý II/2026" in reports.get_text() and "chưa nộp" in reports.get_text()
    by_period = page(client.get("/danh-gia/bao-cao?province=42&by=period"))
    rows = by_period.select("#h-summary ~ div table tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["Quý I/2026", "Quý II/2026"]


def test_ranking_publishes_weights_and_every_share_drills_down(web):
    client, _seeded, *_ = web
    login(client, "lanhdao.hatinh")
    doc = page(client.get("/danh-gia/xep-hang"))
    assert "0,4" in doc.select_one(".weights").get_text()
    first = doc.select("table.ranking tbody tr")[0]
    links = first.select("a")
    assert links and all(a["href"].startswith("/danh-gia/") for a in links)
    for a in links:
        listed = page(client.get(a["href"]))
        assert listed.select_one("p.lead").get_text().strip().startswith(a.get_text(strip=True))
    provinces = page(client.get("/danh-gia/xep-hang?by=province&province=all"))
    names = [th.get_text(strip=True) for th in provinces.select("table.ranking tbody th")]
    assert set(names) == {"Hà Tĩnh", "Ninh Bình"}
    headers = [th.get_text(strip=True) for th in provinces.select("table.ranking thead th")]
    assert headers[-1] == "Trả lời phản ánh (12 tháng)"


def test_warnings_page_lists_each_kind(web):
    client, *_ = web
    login(client, "lanhdao.hatinh")
    doc = page(client.get("/danh-gia/canh-bao"))
    assert doc.find(id="task_overdue") is not None
    assert "Nhiệm vụ quá hạn 91 ngày" in doc.get_text()


def test_a_reporter_sees_their_own_agency_only(web):
    client, seeded, *_ = web
    login(client, "baocao.a")
    data = client.get("/api/v1/evaluation/tasks?agency=" + str(seeded.agency_a)).json()
    assert data["total"] == 1 and data["items"][0]["agency"] == seeded.agency_b


def test_the_api_returns_the_same_data_with_vietnamese_summaries(web):
    client, seeded, _merged, _ = web
    login(client, "quantri")
    board = client.get("/api/v1/evaluation/dashboard?province=all").json()
    assert board["tasks"]["total"] == 8 and board["targets"]["total"] == 6
    ninh_binh = client.get("/api/v1/evaluation/dashboard?province=37").json()
    assert ninh_binh["tasks"]["total"] == 4  # Hà Nam's plan rolls up into Ninh Bình
    scores = client.get("/api/v1/evaluation/scorecards?by=province&province=all").json()
    assert {c["key"] for c in scores["items"]} == {"42", "37"}
    assert scores["weights"] == {"tasks": 0.4, "targets": 0.4, "reports": 0.2}
    detail = client.get(f"/api/v1/evaluation/targets/{seeded.targets['T1']}").json()
    assert detail["target"]["status"] == "behind"
    assert detail["explanation"]["formula"] and detail["trajectory"]["projection"]
    by_agency = client.get("/api/v1/evaluation/timeliness?by=agency&province=42").json()
    assert {r["label"] for r in by_agency["rows"]} == {
        "Sở Khoa học và Công nghệ Hà Tĩnh",
        "Sở Nội vụ Hà Tĩnh",
    }
    a = next(r for r in by_agency["rows"] if r["label"].startswith("Sở Khoa học"))
    assert (a["expected"], a["on_time"], a["missing"], a["timeliness"]) == (2, 1, 1, 0.5)
    by_province = client.get("/api/v1/evaluation/timeliness?by=province&province=all").json()
    assert {r["key"] for r in by_province["rows"]} == {"42", "37"}
    warnings = client.get("/api/v1/evaluation/warnings/task_overdue?province=all").json()
    assert len(warnings) == 2
    bad = client.get("/api/v1/evaluation/tasks?status=xong")
    assert bad.status_code == 422 and "xong" in bad.json()["message"]
    spec = client.get("/api/v1/openapi.json").json()
    summary = spec["paths"]["/api/v1/evaluation/dashboard"]["get"]["summary"]
    assert summary.startswith("Bảng điều khiển")
    assert "/api/v1/indicators/{code}/comparison" in spec["paths"]


def test_target_detail_is_public_for_published_plans_with_its_trajectory(web):
    client, seeded, *_ = web
    doc = page(client.get(f"/danh-gia/chi-tieu/{seeded.targets['T1']}"))
    assert "Chậm tiến độ" in doc.get_text()
    figure = doc.select_one("figure.chart figcaption").get_text()
    assert "Giá trị gốc 40%" in figure and "dự báo năm 2030 đạt 76%" in figure
    data = json.loads(doc.find("script", id="evaluation-data").string)
    assert data["goal"]["value"] == 80 and len(data["actual"]) == 1
    plan_page = page(client.get(f"/ke-hoach/{seeded.plan_id}"))
    badge = plan_page.select_one(f"#target-{seeded.targets['T1']} .st")
    assert badge.get_text() == "chậm tiến độ"


def test_a_coordinator_confirms_a_link_and_provinces_are_compared(web):
    client, _seeded, merged, rt = web
    assert client.get(f"/ke-hoach/{merged.plan_id}/chi-tieu-quoc-gia").status_code == 303
    login(client, "lanhdao.hatinh")
    assert client.get(f"/ke-hoach/{merged.plan_id}/chi-tieu-quoc-gia").status_code == 403
    client.post("/dang-xuat", data={"csrf_token": csrf_of(client, "/")})
    login(client, "dieuphoi.ninhbinh")
    path = f"/ke-hoach/{merged.plan_id}/chi-tieu-quoc-gia"
    doc = page(client.get(path))
    assert "NQ57-07" in doc.select_one(f"#target-{merged.targets['T1']}").get_text()
    form = {"target_id": merged.targets["T1"], "decision": "confirm", "code": "NQ57-07"}
    assert client.post(path, data=form).status_code == 403  # no CSRF token
    form["csrf_token"] = csrf_of(client, path)
    response = client.post(path, data=form)
    assert response.status_code == 303
    with rt.session() as s:
        assert s.get(IndicatorLinkRow, merged.targets["T1"]).state == "confirmed"
        audit = s.scalars(select(AuditRow).where(AuditRow.action == "indicator_link.confirm")).one()
        assert audit.province_code == "35"
    bad = dict(form, code="NQ57-99", csrf_token=csrf_of(client, path))
    assert client.post(path, data=bad).status_code == 422
    compare = page(client.get("/chi-tieu-quoc-gia/NQ57-07"))
    text = compare.get_text(" ", strip=True)
    assert "Ninh Bình" in text and "Kế hoạch của tỉnh Hà Nam" in text and "chậm tiến độ" in text
    assert compare.select_one("canvas[data-chart=compare]") is not None
    api = client.get("/api/v1/indicators/NQ57-07/comparison").json()
    assert api["provinces"] == 1 and api["groups"][0]["home"]["code"] == "37"
    catalogue = page(client.get("/chi-tieu-quoc-gia"))
    assert "Nghị quyết 57-NQ/TW, mục II.2" in catalogue.get_text()
    assert client.get("/chi-tieu-quoc-gia/KHONG-CO").status_code == 404
