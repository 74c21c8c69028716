"""The public portal, open data and report downloads through the real server."""

import csv
import io
import json

import httpx
import pytest
from bs4 import BeautifulSoup
from docx import Document

from tests.feedback_support import build_world, make_people
from tests.functional.test_auth import login


@pytest.fixture
def site(live_server):
    rt = live_server.runtime
    world = build_world(rt)
    make_people(rt, world)
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client, rt, world


def soup(response):
    assert response.status_code == 200, response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def test_provinces_are_listed_after_the_merger_with_their_lineage(site):
    client, _, _ = site
    page = soup(client.get("/tinh-thanh"))
    cards = {
        c.h2.get_text(strip=True): c.get_text(" ", strip=True)
        for c in page.select(".province-card")
    }
    assert set(cards) == {"Tỉnh Ninh Bình", "Tỉnh Hà Tĩnh"}
    assert (
        "Hà Nam (1 kế hoạch)" in cards["Tỉnh Ninh Bình"] and "Nam Định" in cards["Tỉnh Ninh Bình"]
    )
    assert len(page.select(".inline-list li")) == 32


def test_a_province_page_lists_published_plans_of_merged_provinces_only(site):
    client, _, world = site
    page = soup(client.get("/tinh-thanh/37"))
    text = page.get_text(" ", strip=True)
    assert page.find("a", href=f"/ke-hoach/{world.ha_nam}")
    assert not page.find("a", href=f"/ke-hoach/{world.draft}") and "99/KH-NHAP" not in text
    assert "tỉnh cũ, đến 30/06/2025" in text
    assert "Chưa có số liệu đánh giá được công bố." in text
    old = client.get("/tinh-thanh/35", follow_redirects=False)
    assert old.status_code == 301 and old.headers["location"] == "/tinh-thanh/37"
    assert client.get("/tinh-thanh/99").status_code == 404


def test_open_data_csv_has_a_bom_and_json_parses_and_drafts_stay_out(site):
    client, _, world = site
    response = client.get("/api/v1/open-data/chi-tieu.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="tiendo-chi-tieu.csv"' in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["plan_id"] for r in rows} == {str(world.ha_nam), str(world.ha_tinh)}
    assert rows[0]["value"] == "80" and rows[0]["year"] == "2030" and rows[0]["unit"] == "%"
    assert "bản nháp bí mật" not in response.text
    tasks = json.loads(client.get("/api/v1/open-data/nhiem-vu.json").content)
    continuing = [t for t in tasks if t["continuing"]]
    assert len(continuing) == 1 and continuing[0]["deadline"] is None
    plans = json.loads(client.get("/du-lieu-mo/ke-hoach.json").content)
    ha_nam = next(p for p in plans if p["plan_id"] == world.ha_nam)
    assert ha_nam["province_name"] == "Hà Nam" and ha_nam["current_province_code"] == "37"
    assert ha_nam["issued_on"] == "2025-03-01"
    empty = client.get("/api/v1/open-data/gia-tri-chi-tieu.csv").content.decode("utf-8-sig")
    assert (
        empty.strip()
        == "target_id,plan_id,current_province_code,value,as_of,period,source,agency,approved_at"
    )
    assert client.get("/api/v1/open-data/khong-co.csv").status_code == 404
    assert client.get("/api/v1/open-data/ke-hoach.xml").status_code == 404


def test_the_data_dictionary_is_on_a_page_and_in_the_api(site):
    client, _, _ = site
    page = soup(client.get("/du-lieu-mo"))
    assert page.select_one("#chi-tieu table caption") is not None
    assert "current_province_code" in page.get_text()
    catalogue = client.get("/api/v1/open-data").json()
    slugs = [d["slug"] for d in catalogue]
    assert slugs == [
        "ke-hoach",
        "chi-tieu",
        "nhiem-vu",
        "gia-tri-chi-tieu",
        "tinh-trang-nhiem-vu",
        "phan-anh",
    ]
    feedback = next(d for d in catalogue if d["slug"] == "phan-anh")
    assert not any("sender" in c["name"] for c in feedback["columns"])
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/open-data/{dataset}.{fmt}" in spec["paths"]
    assert "/api/v1/reports/consolidated" in spec["paths"]


def test_coordinators_and_leaders_download_the_report_others_cannot(site):
    client, _, _ = site
    anonymous = client.get("/bao-cao-dinh-ky/tai-ve?tinh=37&ky=2026-Q3", follow_redirects=False)
    assert anonymous.status_code == 303 and "/dang-nhap" in anonymous.headers["location"]
    assert client.get("/api/v1/reports/consolidated?province=37&period=2026-Q3").status_code == 401
    login(client, "lanhdao.ninhbinh")
    form = soup(client.get("/bao-cao-dinh-ky"))
    assert [o["value"] for o in form.select("#tinh option")] == ["37"]
    docx = client.get(
        "/bao-cao-dinh-ky/tai-ve?tinh=37&ky=2026-Q3&dinh_dang=docx&so=125/BC-SKHCN&ngay=05/10/2026"
    )
    assert docx.status_code == 200
    assert 'filename="bao-cao-nq57-ninh-binh-2026-q3.docx"' in docx.headers["content-disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "quý III năm 2026" in text
    xlsx = client.get("/api/v1/reports/consolidated?province=37&period=2026-H1&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    denied = client.get("/bao-cao-dinh-ky/tai-ve?tinh=42&ky=2026-Q3")
    assert denied.status_code == 403
    bad = client.get("/bao-cao-dinh-ky/tai-ve?tinh=37&ky=quy-3")
    assert bad.status_code == 422 and "2026-Q3" in bad.text


def test_a_reporter_has_no_report_page(site):
    client, _, _ = site
    login(client, "baocao.nb")
    assert client.get("/bao-cao-dinh-ky").status_code == 403
