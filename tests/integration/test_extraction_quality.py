"""Extraction quality against hand labels: the bars the extractor must reach.

The held-out plans of ``tests/data/heldout`` are always scored. The example
plans are scored too when their labels are available: set TIENDO_GOLD_DIR to
the folder that holds documents.jsonl, targets.jsonl, tasks.jsonl and
regimes.jsonl for the files of ``examples/plans``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tiendo.ingest.extract import extract_plan
from tiendo.ingest.extract.records import to_records
from tiendo.ingest.extract.scoring import format_report, load_labels, score, shortfalls
from tiendo.text.vietnamese import nfc

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "data" / "heldout"
EXAMPLES = ROOT / "examples" / "plans"


def _records(folder: Path) -> list[dict]:
    records: list[dict] = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".md"):
            records.extend(
                to_records(extract_plan(nfc(path.read_text(encoding="utf-8")), path.name))
            )
    return records


def test_heldout_plans_meet_the_bars():
    report = score(_records(HELDOUT), load_labels(HELDOUT / "gold"))
    missed = shortfalls(report)
    assert not missed, "\n" + format_report(report) + "\nbelow the bar: " + "; ".join(missed)


def test_every_heldout_plan_is_labelled():
    labelled = {row["doc"] for row in load_labels(HELDOUT / "gold")["documents"]}
    plans = {p.name for p in HELDOUT.iterdir() if p.suffix in (".txt", ".md")}
    assert plans == labelled


def test_example_plans_meet_the_bars():
    gold = os.environ.get("TIENDO_GOLD_DIR")
    if not gold:
        pytest.skip("TIENDO_GOLD_DIR is not set: no labels for the example plans")
    if not (Path(gold) / "targets.jsonl").exists():
        pytest.skip(f"TIENDO_GOLD_DIR={gold} holds no targets.jsonl")
    report = score(_records(EXAMPLES), load_labels(Path(gold)))
    missed = shortfalls(report)
    assert not missed, "\n" + format_report(report) + "\nbelow the bar: " + "; ".join(missed)
