"""The five example plans, loaded as a new user would, shown on the pages and through the API."""

import httpx
import pytest
from bs4 import BeautifulSoup

from tiendo.domain.actor import Actor
from tiendo.ingest.service import ingest_file

PROVINCES = ["Hà Nam", "Hải Dương", "Bắc Giang", "Hòa Bình", "Hà Tĩnh"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, sqlite_template, example_plans):
    from tests.conftest import LiveServer, _sqlite_runtime

    runtime = _sqlite_runtime(tmp_path_factory.mktemp("examples"), sqlite_template)
    ids = {}
    for path in example_plans:
        outcome = ingest_file(path, runtime.uow(), actor=Actor.command_line(), publish=True)
        ids[path.name[:3]] = outcome.plan_id
    with LiveServer(runtime) as server, httpx.Client(base_url=server.url, timeout=20) as client:
        yield client, ids
    runtime.engine.dispose()


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser").get_text(" ", strip=True)


def test_home_lists_the_five_provinces_with_their_merged_successors(site):
    client, _ = site
    text = text_of(client, "/")
    for province in PROVINCES:
        assert province in text
    for successor in ("Ninh Bình", "Hải Phòng", "Bắc Ninh", "Phú Thọ"):
        assert f"thuộc {successor}" in text
    assert "441/KH-UBND" in text and "42-CTr/TU" in text


def test_a_plan_page_shows_its_targets_by_year_and_tasks_by_group(site):
    client, ids = site
    page = BeautifulSoup(client.get(f"/ke-hoach/{ids['000']}").text, "html.parser")
    years = [th.get_text(strip=True) for th in page.select("#chi-tieu thead th[data-year]")]
    assert "2030" in years and "2045" in years
    digital = next(
        tr for tr in page.select("#chi-tieu tbody tr") if "Quy mô kinh tế số" in tr.th.get_text()
    )
    cells = " ".join(td.get_text(" ", strip=True) for td in digital.select("td"))
    assert "≥ 30% GRDP" in cells and "≥ 50% GRDP" in cells
    tasks = page.select_one("#nhiem-vu").get_text(" ", strip=True)
    assert "Nâng cao nhận thức" in tasks and "Xây dựng chuyên mục chuyên biệt" in tasks
    duties = page.select_one("#bao-cao").get_text(" ", strip=True)
    assert "Sở Khoa học và Công nghệ" in duties and "trước ngày 15" in duties


def test_the_target_table_of_a_long_plan_reads_across_milestone_years(site):
    client, ids = site
    page = BeautifulSoup(client.get(f"/ke-hoach/{ids['004']}").text, "html.parser")
    years = [th.get_text(strip=True) for th in page.select("#chi-tieu thead th[data-year]")]
    assert years[:5] == ["2025", "2030", "2035", "2040", "2045"]
    assert len(page.select("#chi-tieu tbody tr")) >= 60


def test_the_repaired_scan_reads_as_vietnamese(site):
    client, ids = site
    text = text_of(client, f"/ke-hoach/{ids['002']}")
    assert "Bắc Giang" in text and "chuyển đổi số" in text
    raw = text_of(client, f"/ke-hoach/{ids['002']}/van-ban?raw=1")
    assert "Nghi quyét s6" in raw
    source = BeautifulSoup(client.get(f"/ke-hoach/{ids['002']}/van-ban").text, "html.parser")
    marks = source.select(".src-line mark.uncertain")
    assert marks and all("Văn bản quét" in m["title"] for m in marks)


def test_search_without_diacritics_finds_items_in_every_plan(site):
    client, ids = site
    data = client.get("/api/v1/search", params={"q": "chuyen doi so", "limit": 500}).json()
    assert {h["plan_id"] for h in data["hits"]} == set(ids.values())
    assert data["total"] > 100


def test_the_api_gives_the_same_plans(site):
    client, ids = site
    listing = client.get("/api/v1/plans").json()
    assert sorted(p["province"]["name"] for p in listing["items"]) == sorted(PROVINCES)
    detail = client.get(f"/api/v1/plans/{ids['004']}").json()
    assert detail["number"] == "42-CTr/TU" and detail["issued_on"] == "2025-04-10"
    assert len(detail["targets"]) > 300 and len(detail["tasks"]) > 50
