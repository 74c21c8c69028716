"""Pages and the JSON API through a real HTTP client against a running server."""

from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup

from tests import factories
from tiendo.domain.actor import Actor
from tiendo.domain.plan import DocumentMeta
from tiendo.ingest.pipeline import LoadedPlan
from tiendo.ingest.readers import SourceText
from tiendo.ingest.service import store_loaded_plan

SOURCE = "KẾ HOẠCH\nĐến năm 2030\n- Tỷ lệ sử dụng dịch vụ công trực tuyến đạt tối thiểu 80%.\n- Tổ chức tuyên truyền về chuyển đổi số."


def store(runtime, plan, *, publish=True, checksum="e" * 64):
    loaded = LoadedPlan(
        path=Path(plan.doc),
        checksum=checksum,
        size_bytes=len(SOURCE),
        source=SourceText(path=plan.doc, text=SOURCE, raw_text=SOURCE, format="txt"),
        extracted=plan,
    )
    return store_loaded_plan(loaded, runtime.uow(), actor=Actor(label="kiểm thử"), publish=publish)


@pytest.fixture
def site(live_server):
    plan = factories.extracted_plan(
        targets=[factories.target(line=3), factories.target(year=2045, value=95.0, line=3)],
        tasks=[factories.task(line=4, text="Tổ chức tuyên truyền về chuyển đổi số.")],
    )
    published = store(live_server.runtime, plan)
    draft = store(
        live_server.runtime,
        factories.extracted_plan(
            doc="nhap.txt", meta=DocumentMeta(province="Hà Tĩnh", number="9/KH-UBND")
        ),
        publish=False,
        checksum="f" * 64,
    )
    with httpx.Client(base_url=live_server.url, timeout=10) as client:
        yield client, published.plan_id, draft.plan_id


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def test_home_lists_published_plans_with_province_and_counts(site):
    client, plan_id, draft_id = site
    page = soup(client.get("/"))
    rows = page.select("table.data tbody tr")
    assert len(rows) == 1
    text = rows[0].get_text(" ", strip=True)
    assert (
        "Hà Nam" in text and "Ninh Bình" in text and "12/KH-UBND" in text and "01/03/2025" in text
    )
    assert page.find("a", href=f"/ke-hoach/{plan_id}")
    assert not page.find("a", href=f"/ke-hoach/{draft_id}")


def test_plan_page_shows_targets_by_year_tasks_by_group_and_duties(site):
    client, plan_id, _ = site
    page = soup(client.get(f"/ke-hoach/{plan_id}"))
    years = [th.get_text(strip=True) for th in page.select("#chi-tieu thead th[data-year]")]
    assert years == ["2030", "2045"]
    row = page.select_one("#chi-tieu tbody tr")
    assert "dịch vụ công trực tuyến" in row.th.get_text()
    values = [
        td.select_one("div[id^=target-] > a").get_text(strip=True) for td in row.select("td.value")
    ]
    assert values == ["≥ 80%", "≥ 95%"]
    assert "Nâng cao nhận thức" in page.select_one("#nhiem-vu").get_text()
    assert "Sở Khoa học và Công nghệ" in page.select_one("#bao-cao").get_text()
    link = page.select_one("#chi-tieu a[href*='/van-ban#L3']")
    assert link is not None


def test_source_page_numbers_lines_and_links_items_to_them(site):
    client, plan_id, _ = site
    page = soup(client.get(f"/ke-hoach/{plan_id}/van-ban"))
    line3 = page.select_one("#L3")
    assert "dịch vụ công trực tuyến" in line3.get_text()
    assert "has-items" in line3["class"]
    assert line3.select("a.item-target")


def test_search_ignores_diacritics_on_the_page_and_in_the_api(site):
    client, plan_id, _ = site
    page = soup(client.get("/tim-kiem", params={"q": "chuyen doi so"}))
    assert "Tổ chức tuyên truyền về chuyển đổi số." in page.get_text()
    data = client.get("/api/v1/search", params={"q": "DICH VU CONG"}).json()
    assert data["total"] >= 1 and data["hits"][0]["plan_id"] == plan_id


def test_api_lists_and_returns_plans_as_json(site):
    client, plan_id, _ = site
    listing = client.get("/api/v1/plans").json()
    assert listing["total"] == 1 and listing["items"][0]["province"]["name"] == "Hà Nam"
    detail = client.get(f"/api/v1/plans/{plan_id}").json()
    assert {t["year"] for t in detail["targets"]} == {2030, 2045}
    assert detail["tasks"][0]["deadline"] == "2025"
    assert client.get(f"/api/v1/plans/{plan_id}/targets").json()[0]["display"] == "≥ 80%"
    source = client.get(f"/api/v1/plans/{plan_id}/source").json()
    assert source["lines"][2]["items"]


def test_drafts_and_unknown_plans_are_not_found_for_the_public(site):
    client, _, draft_id = site
    for url in (f"/api/v1/plans/{draft_id}", "/api/v1/plans/999999"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["ok"] is False
    page = client.get(f"/ke-hoach/{draft_id}")
    assert page.status_code == 404 and "Không có kế hoạch" in page.text


def test_bad_parameters_get_a_vietnamese_message(site):
    client, _, _ = site
    response = client.get("/api/v1/plans", params={"limit": "nhiều"})
    assert response.status_code == 422
    assert "phải là số nguyên" in response.json()["errors"][0]["msg"]


def test_openapi_document_and_docs_page_are_served_without_external_resources(site):
    client, _, _ = site
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/plans/{plan_id}" in spec["paths"] and "/api/v1/search" in spec["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "http" not in " ".join(tag.get("src", "") for tag in soup(docs).find_all("script"))
    assert "default-src 'self'" in docs.headers["content-security-policy"]
