"""Extraction quality on a folder of plans with hand labels.

Usage: python bench/extract_quality.py [PLANS_DIR ...] [--gold GOLD_DIR] [--json]

Extracts every .txt and .md plan of each PLANS_DIR (default: the held-out plans
and every blind set of the tests) and scores the records against the labels in
GOLD_DIR (default: PLANS_DIR/gold), printing for each folder the same figures
as the reference scorer, then the bars that are missed.
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
DEFAULT_PLANS = [
    ROOT / "tests" / "data" / "heldout",
    ROOT / "tests" / "data" / "blind",
    ROOT / "tests" / "data" / "blind2",
    *(ROOT / "tests" / "data" / f"blind{n}" for n in range(3, 8)),
]


def plan_files(folder: Path) -> list[Path]:
    """The plans of a folder; its own notes (README.md, NOTES.md, RESULTS.md) are not plans."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".txt", ".md") and not p.stem.isupper() and p.is_file()
    )


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
    parser.add_argument("plans", nargs="*", type=Path)
    parser.add_argument("--gold", type=Path, default=None, help="labels (one plans folder only)")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    args = parser.parse_args(argv)
    folders = args.plans or DEFAULT_PLANS
    if args.gold and len(folders) > 1:
        parser.error("--gold goes with a single plans folder")
    reports = {}
    for folder in folders:
        report = score(extract_folder(folder), load_labels(args.gold or folder / "gold"))
        reports[str(folder)] = report.as_dict()
        if args.json:
            continue
        if len(folders) > 1:
            print(f"== {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
        print(format_report(report))
        missed = shortfalls(report)
        print("bars: all met" if not missed else "below the bar: " + "; ".join(missed))
    if args.json:
        # one folder: its report, as before; several: the reports by folder
        out = next(iter(reports.values())) if len(reports) == 1 else reports
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
