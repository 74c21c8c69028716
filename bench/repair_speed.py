#!/usr/bin/env python3
"""Speed of OCR repair (KB of input per second) on real mangled text.

    python bench/repair_speed.py [--ocr FILE] [--repeat 3]

Measures ``repair_text`` with the shipped model on example plan 002 (a real
English-OCR'd scan) and on English-OCR'd text of a clean example plan (made
with scripts/repair/render_ocr.py and kept in bench/out/, or given with
--ocr). The model is loaded before timing; each figure is the best of
--repeat runs on a fresh model, so caches start empty every run.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "examples" / "plans"
OUT = ROOT / "bench" / "out"


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ocr_text_of_clean_plan() -> Path:
    out = OUT / "ocr-000.txt"
    if not out.exists():
        sys.path.insert(0, str(ROOT / "scripts" / "repair"))
        from render_ocr import render_and_ocr

        clean = next(PLANS.glob("000_*.txt")).read_text(encoding="utf-8")
        OUT.mkdir(parents=True, exist_ok=True)
        out.write_text(render_and_ocr(clean), encoding="utf-8")
    return out


def measure(path: Path, repeat: int) -> tuple[float, float, int]:
    from tiendo.ingest.repair.model import RepairModel
    from tiendo.ingest.repair.repair import repair_text

    model_path = ROOT / "src" / "tiendo" / "data" / "repair" / "model.json.gz"
    text = path.read_text(encoding="utf-8")
    size_kb = len(text.encode("utf-8")) / 1024
    best = float("inf")
    load = 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        model = RepairModel.load(model_path)
        load = time.perf_counter() - started
        started = time.perf_counter()
        repair_text(text, model=model)
        best = min(best, time.perf_counter() - started)
    return size_kb / best, load, len(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ocr", type=Path, help="English-OCR'd text of a clean plan")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"machine: {cpu_name()}, {platform.system()} {platform.machine()}")
    print(f"python: {platform.python_implementation()} {platform.python_version()}")
    inputs = [("example plan 002 (real scan)", next(PLANS.glob("002_*.txt")))]
    inputs.append(("English-OCR'd plan 000", args.ocr or ocr_text_of_clean_plan()))
    for label, path in inputs:
        speed, load, chars = measure(path, args.repeat)
        print(f"{label}: {chars} characters, {speed:.1f} KB/s (model load {load:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
