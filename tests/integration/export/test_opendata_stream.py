"""Open-data files stream from both databases (server-side cursor on PostgreSQL)."""

import csv
import io
import json

from tests.feedback_support import build_world
from tiendo.export import opendata


def test_every_dataset_streams_published_rows_in_both_formats(runtime, monkeypatch):
    world = build_world(runtime)
    # Small batches, so the rows cross several fetches and several chunks.
    monkeypatch.setattr(opendata, "BATCH", 2)
    for slug in opendata.DATASETS:
        raw = b"".join(
            opendata.stream(runtime.session_factory, slug, "csv", base_url="https://x.vn/")
        )
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert rows[0] == opendata.DATASETS[slug].column_names
        records = json.loads(
            b"".join(
                opendata.stream(runtime.session_factory, slug, "json", base_url="https://x.vn")
            )
        )
        assert len(records) == len(rows) - 1
    tasks = json.loads(
        b"".join(
            opendata.stream(runtime.session_factory, "nhiem-vu", "json", base_url="https://x.vn")
        )
    )
    assert {t["plan_id"] for t in tasks} == {world.ha_nam, world.ha_tinh}
    assert len(tasks) == 5 and tasks[0]["url"].startswith("https://x.vn/ke-hoach/")
