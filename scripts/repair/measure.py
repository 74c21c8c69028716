#!/usr/bin/env python3
"""Measure OCR repair on held-out plans, and OCR of a scanned PDF.

    measure.py --ocr-tool PATH/ocr_sample.py [--plans 000 001 003 004] [--scan 000]

For each clean example plan: build a model without it (build_model.py
--exclude), make English-OCR'd text of it with the sample tool's ``make``,
repair that text with the held-out model, and score the raw and repaired text
with the tool's ``score``. With --scan, render a plan as an image-only PDF,
read it with tiendo's scanned-PDF reader (tesseract, Vietnamese model) and
score that text too. Results go to stdout and build/repair/measure.json.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
OUT = ROOT / "build" / "repair" / "measure"


def score(tool: Path, clean: Path, candidate: Path) -> float:
    res = subprocess.run(  # noqa: S603
        [sys.executable, str(tool), "score", str(clean), str(candidate)],
        capture_output=True,
        text=True,
        check=True,
    )
    m = re.search(r"syllable accuracy ([0-9.]+)", res.stdout)
    if not m:
        sys.exit(f"unexpected score output: {res.stdout}")
    return float(m.group(1))


def plan_path(prefix: str) -> Path:
    found = sorted((ROOT / "examples" / "plans").glob(f"{prefix}_*.txt"))
    if not found:
        sys.exit(f"no example plan {prefix}")
    return found[0]


def held_out(tool: Path, prefix: str) -> dict:
    from tiendo.ingest.repair.model import RepairModel
    from tiendo.ingest.repair.repair import repair_text

    clean = plan_path(prefix)
    work = OUT / prefix
    work.mkdir(parents=True, exist_ok=True)
    model_path = work / "model.json.gz"
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(HERE / "build_model.py"),
            "--exclude",
            prefix,
            "--out",
            str(model_path),
        ],
        check=True,
    )
    ocr = work / "sample" / "ocr.txt"
    if not ocr.exists():
        subprocess.run(  # noqa: S603
            [sys.executable, str(tool), "make", str(clean), str(work / "sample")], check=True
        )
    model = RepairModel.load(model_path)
    raw = ocr.read_text(encoding="utf-8")
    started = time.perf_counter()
    result = repair_text(raw, model=model)
    seconds = time.perf_counter() - started
    repaired = work / "repaired.txt"
    repaired.write_text(result.text, encoding="utf-8")
    return {
        "plan": clean.name,
        "raw": score(tool, clean, ocr),
        "repaired": score(tool, clean, repaired),
        "confidence": result.confidence,
        "uncertain": len(result.uncertain),
        "kb_per_s": round(len(raw.encode("utf-8")) / 1024 / seconds, 1),
    }


def scanned_pdf(tool: Path, prefix: str) -> dict:
    sys.path.insert(0, str(HERE))
    from render_ocr import render_pages, wrap_lines

    from tiendo.ingest.readers import read_document

    clean = plan_path(prefix)
    work = OUT / f"scan-{prefix}"
    (work / "pages").mkdir(parents=True, exist_ok=True)
    text = clean.read_text(encoding="utf-8")
    pngs = render_pages(
        wrap_lines(text.splitlines()),
        work / "pages",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        38,
        0.0,
    )
    from PIL import Image

    images = [Image.open(p).convert("L") for p in pngs]
    pdf = work / f"{prefix}-scan.pdf"
    images[0].save(pdf, save_all=True, append_images=images[1:], resolution=300.0)
    started = time.perf_counter()
    source = read_document(pdf, progress=lambda d, t, w: print(f"  {w}", file=sys.stderr))
    seconds = time.perf_counter() - started
    out = work / "ocr-vie.txt"
    out.write_text(source.text, encoding="utf-8")
    return {
        "plan": clean.name,
        "pages": source.pages,
        "format": source.format,
        "repaired": source.repaired,
        "accuracy": score(tool, clean, out),
        "seconds": round(seconds, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ocr-tool", type=Path, required=True, help="path of ocr_sample.py")
    ap.add_argument("--plans", nargs="*", default=["000", "001", "003", "004"])
    ap.add_argument("--scan", nargs="*", default=[], help="plans to measure as scanned PDFs")
    args = ap.parse_args()
    results: dict = {"held_out": [], "scan": []}
    for prefix in args.plans:
        row = held_out(args.ocr_tool, prefix)
        results["held_out"].append(row)
        print(
            f"{row['plan']}: raw {row['raw']:.4f} -> repaired {row['repaired']:.4f} "
            f"(confidence {row['confidence']:.3f}, {row['uncertain']} uncertain, {row['kb_per_s']} KB/s)",
            flush=True,
        )
    if results["held_out"]:
        rows = results["held_out"]
        mean_raw = sum(r["raw"] for r in rows) / len(rows)
        mean_rep = sum(r["repaired"] for r in rows) / len(rows)
        results["mean"] = {"raw": round(mean_raw, 4), "repaired": round(mean_rep, 4)}
        print(f"mean: raw {mean_raw:.4f} -> repaired {mean_rep:.4f}")
    for prefix in args.scan:
        row = scanned_pdf(args.ocr_tool, prefix)
        results["scan"].append(row)
        print(
            f"scanned PDF {row['plan']}: {row['pages']} pages, {row['format']}, "
            f"accuracy {row['accuracy']:.4f} in {row['seconds']} s",
            flush=True,
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT.parent / "measure.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
