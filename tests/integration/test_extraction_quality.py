"""Extraction quality against hand labels: the bars the extractor must reach.

The held-out plans of ``tests/data/heldout`` and the plans of every blind set
(``tests/data/blind*``) are always scored. The example plans are scored too when
their labels are available: set TIENDO_GOLD_DIR to the folder that holds
documents.jsonl, targets.jsonl, tasks.jsonl and regimes.jsonl for the files of
``examples/plans``.
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
BLIND = ROOT / "tests" / "data" / "blind"
BLIND2 = ROOT / "tests" / "data" / "blind2"
#: Sets measured once before any work on them (their RESULTS.md), then worked on.
LATER_BLIND = [ROOT / "tests" / "data" / f"blind{n}" for n in (3, 4, 5, 6, 7)]
EXAMPLES = ROOT / "examples" / "plans"


def _plans(folder: Path) -> list[Path]:
    # A set's own notes (README.md, NOTES.md, RESULTS.md) are not plans.
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".txt", ".md") and not p.stem.isupper() and p.is_file()
    )


def _records(folder: Path) -> list[dict]:
    records: list[dict] = []
    for path in _plans(folder):
        records.extend(to_records(extract_plan(nfc(path.read_text(encoding="utf-8")), path.name)))
    return records


def test_heldout_plans_meet_the_bars():
    report = score(_records(HELDOUT), load_labels(HELDOUT / "gold"))
    missed = shortfalls(report)
    assert not missed, "\n" + format_report(report) + "\nbelow the bar: " + "; ".join(missed)


@pytest.mark.parametrize("folder", [BLIND, BLIND2, *LATER_BLIND], ids=lambda p: p.name)
def test_blind_plans_meet_the_bars(folder):
    report = score(_records(folder), load_labels(folder / "gold"))
    missed = shortfalls(report)
    assert not missed, "\n" + format_report(report) + "\nbelow the bar: " + "; ".join(missed)


@pytest.mark.parametrize("folder", [HELDOUT, BLIND, BLIND2, *LATER_BLIND], ids=lambda p: p.name)
def test_every_plan_is_labelled(folder):
    labelled = {row["doc"] for row in load_labels(folder / "gold")["documents"]}
    plans = {p.name for p in _plans(folder)}
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
