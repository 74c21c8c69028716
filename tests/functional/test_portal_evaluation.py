"""The public province page shows the evaluation of published plans once reports are approved."""

import httpx
from bs4 import BeautifulSoup

from tests.reporting_support import build_world, good_entries
from tiendo.domain.actor import Actor
from tiendo.reporting import reports


def test_province_page_shows_statuses_after_an_approved_report(live_server):
    rt = live_server.runtime
    world = build_world(rt)
    with httpx.Client(base_url=live_server.url) as client:
        before = BeautifulSoup(client.get("/tinh-thanh/42").text, "html.parser")
        assert "Chưa có số liệu đánh giá được công bố." in before.select_one("#danh-gia").get_text()
        rep_a, coord = world.principal(rt, "rep_a"), world.principal(rt, "coord")
        tasks, values = good_entries(world)
        with rt.session() as s:
            report = reports.open_report(s, rep_a, Actor.system(), world.period_id, world.agency_a)
            reports.save(
                s,
                rep_a,
                Actor.system(),
                report.id,
                tasks=tasks,
                values=values,
                expected_revision=None,
            )
            reports.submit(s, rep_a, Actor.system(), report.id, expected_revision=None)
            reports.approve(s, coord, Actor.system(), report.id, expected_revision=None)
            s.commit()
        after = BeautifulSoup(client.get("/tinh-thanh/42").text, "html.parser")
        section = after.select_one("#danh-gia")
        captions = [c.get_text(" ", strip=True) for c in section.select("caption")]
        assert captions[0].startswith("Chỉ tiêu:") and captions[1].startswith("Nhiệm vụ:")
        # The tasks were due at the end of 2025 and are still in progress: overdue.
        assert section.select("meter") and "quá hạn" in section.get_text()
        score = section.select_one(".scorecard-box .score").get_text(" ", strip=True)
        assert "điểm · hạng 1/1 tỉnh, thành phố" in score
