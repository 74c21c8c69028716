"""Extraction speed over the example plans.

Usage: python bench/extract_speed.py [--rounds N] [PLANS_DIR]

Extracts every plan of PLANS_DIR (default: examples/plans) N times and
prints kilobytes of text per second, plans per second, and the machine the
figures were measured on.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

from tiendo.ingest.extract import extract_plan
from tiendo.text.vietnamese import nfc

ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("plans", nargs="?", type=Path, default=ROOT / "examples" / "plans")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)

    texts = [
        (p.name, nfc(p.read_text(encoding="utf-8")))
        for p in sorted(args.plans.iterdir())
        if p.suffix in (".txt", ".md")
    ]
    size_kb = sum(len(t.encode("utf-8")) for _, t in texts) / 1024
    for name, text in texts:  # warm caches and compiled patterns
        extract_plan(text, name)

    times = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for name, text in texts:
            extract_plan(text, name)
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)

    print(
        f"machine   {cpu_model()}, {platform.system()} {platform.machine()}, Python {platform.python_version()}"
    )
    print(f"input     {len(texts)} plans, {size_kb:.1f} KB of UTF-8 text, {args.rounds} rounds")
    print(
        f"median    {size_kb / median:8.1f} KB/s  {len(texts) / median:7.2f} plans/s  ({median * 1000:.1f} ms a round)"
    )
    print(
        f"best      {size_kb / best:8.1f} KB/s  {len(texts) / best:7.2f} plans/s  ({best * 1000:.1f} ms a round)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
