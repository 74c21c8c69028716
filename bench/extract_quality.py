"""Extraction quality on a folder of plans with hand labels.

Usage: python bench/extract_quality.py [PLANS_DIR] [--gold GOLD_DIR] [--json]

Extracts every .txt and .md plan of PLANS_DIR (default: the held-out plans
of the tests) and scores the records against the labels in GOLD_DIR
(default: PLANS_DIR/gold), printing the same figures as the reference
scorer, then the bars that are missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tiendo.ingest.extract import extract_plan
from tiendo.ingest.extract.records import to_records
from tiendo.ingest.extract.scoring import format_report, load_labels, score, shortfalls
from tiendo.text.vietnamese import nfc

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PLANS = ROOT / "tests" / "data" / "heldout"


def plan_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md") and p.is_file())


def extract_folder(folder: Path) -> list[dict]:
    records: list[dict] = []
    for path in plan_files(folder):
        plan = extract_plan(nfc(path.read_text(encoding="utf-8")), path.name)
        records.extend(to_records(plan))
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("plans", nargs="?", type=Path, default=DEFAULT_PLANS)
    parser.add_argument("--gold", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    args = parser.parse_args(argv)
    gold = args.gold or args.plans / "gold"
    report = score(extract_folder(args.plans), load_labels(gold))
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_report(report))
        missed = shortfalls(report)
        print("bars: all met" if not missed else "below the bar: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
