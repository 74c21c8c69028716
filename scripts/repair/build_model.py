#!/usr/bin/env python3
"""Build the OCR repair model shipped as src/tiendo/data/repair/model.json.gz.

    build_model.py [--exclude 000 ...] [--out PATH] [--cache build/repair/ocr]

Sources (see src/tiendo/data/repair/README.md for their licences):

- language model and capital counts: the clean example plans in
  examples/plans/ (files that look English-OCR'd are skipped), the domain text
  in scripts/repair/corpus/, and the place and name sentences of names_text.py;
- syllable list: the word list inside tesseract's Vietnamese model
  (Debian package tesseract-ocr-vie, Apache-2.0), read with combine_tessdata
  and dawg2wordlist (Debian package tesseract-ocr);
- OCR channel: the same clean texts, and text made of random syllables from
  that list in lower case, title case and capitals, rendered in several fonts
  (the plans and the random text also as scan-like pages) and read back by
  English tesseract (render_ocr.py), then aligned word by word.

``--exclude`` leaves out every example plan whose name starts with a prefix,
from the language model, the capital counts and the channel alike: that is how
a plan is held out for measurement. OCR output is cached by content, so
rebuilding is quick (about a minute); a first build OCRs some 700 pages.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from names_text import people_text, places_text
from render_ocr import render_and_ocr

from tiendo.ingest.repair.detect import looks_mangled
from tiendo.ingest.repair.syllables import is_syllable
from tiendo.ingest.repair.training import align_pairs, build_model
from tiendo.text.vietnamese import nfc, normalize_tone_marks

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "examples" / "plans"
CORPUS = Path(__file__).resolve().parent / "corpus"
OUT = ROOT / "src" / "tiendo" / "data" / "repair" / "model.json.gz"
TESSDATA = [
    Path("/usr/share/tesseract-ocr/5/tessdata/vie.traineddata"),
    Path("/usr/share/tesseract-ocr/4.00/tessdata/vie.traineddata"),
]
FONTS = "/usr/share/fonts/truetype"
# (name, font file, size in px, blur radius, scan-like degradation): the first is
# the usual sample layout; the scan-like ones teach the channel what real scans
# do to tone marks and hooks (plan files arrive as scans of printed pages).
RENDERINGS = [
    ("dejavuserif-38", f"{FONTS}/dejavu/DejaVuSerif.ttf", 38, 0.0, False),
    ("liberationserif-40-blur", f"{FONTS}/liberation2/LiberationSerif-Regular.ttf", 40, 0.8, False),
    ("dejavusans-34", f"{FONTS}/dejavu/DejaVuSans.ttf", 34, 0.0, False),
    ("liberationserif-50-scan", f"{FONTS}/liberation2/LiberationSerif-Regular.ttf", 50, 0.0, True),
    ("liberationserif-42-scan", f"{FONTS}/liberation2/LiberationSerif-Regular.ttf", 42, 0.0, True),
]


def tesseract_syllables() -> list[str]:
    """Vietnamese syllables from the word list inside tesseract's Vietnamese model."""
    traineddata = next((p for p in TESSDATA if p.exists()), None)
    if traineddata is None:
        sys.exit("tesseract-ocr-vie is not installed (vie.traineddata not found)")
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "vie."
        run = ["combine_tessdata", "-u", str(traineddata), str(prefix)]
        subprocess.run(run, check=True, capture_output=True)  # noqa: S603
        words = Path(tmp) / "words.txt"
        subprocess.run(  # noqa: S603
            ["dawg2wordlist", f"{prefix}lstm-unicharset", f"{prefix}lstm-word-dawg", str(words)],  # noqa: S607
            check=True,
            capture_output=True,
        )
        entries = words.read_text(encoding="utf-8").split()
    out = {normalize_tone_marks(nfc(w).lower()) for w in entries}
    return sorted(w for w in out if is_syllable(w))


def synthetic_text(syllables: list[str], seed: int) -> str:
    """Lines of random syllables in the three case patterns, so every syllable is OCR'd."""
    rng = random.Random(seed)  # noqa: S311 - reproducible sample text, not security
    lines = []
    for shape in ("lower", "lower", "title", "upper"):
        pool = list(syllables)
        rng.shuffle(pool)
        for i in range(0, len(pool), 9):
            words = pool[i : i + 9]
            if shape == "title":
                words = [w[:1].upper() + w[1:] for w in words]
            elif shape == "upper":
                words = [w.upper() for w in words]
            lines.append(" ".join(words))
    return "\n".join(lines) + "\n"


def cached_ocr(text: str, rendering: tuple, cache: Path) -> str:
    name, font, size, blur, scan = rendering
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    path = cache / f"{digest}-{name}.txt"
    if not path.exists():
        # Larger type holds fewer characters a line, as on a real page.
        width = 80 * 38 // size if scan else 80
        ocr = render_and_ocr(text, font=font, size=size, blur=blur, scan=scan, width=width)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ocr, encoding="utf-8")
        print(f"  OCR {name}: {len(text)} chars", file=sys.stderr)
    return path.read_text(encoding="utf-8")


def corpus_texts() -> dict[str, str]:
    """The domain text written for tiendo, and the generated place and signer sentences."""
    texts = {p.name: nfc(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))}
    texts["names_text.places"] = places_text()
    texts["names_text.people"] = people_text()
    return texts


def clean_plans(exclude: list[str]) -> dict[str, str]:
    plans = {}
    for path in sorted(PLANS.glob("*.txt")):
        if any(path.name.startswith(prefix) for prefix in exclude):
            continue
        text = nfc(path.read_text(encoding="utf-8"))
        if looks_mangled(text).mangled:
            print(f"  skip {path.name}: looks English-OCR'd", file=sys.stderr)
            continue
        plans[path.name] = text
    return plans


def channel_pairs(
    plans: dict[str, str], corpus: dict[str, str], synthetic: str, cache: Path, jobs: int = 2
) -> list[tuple[str, str]]:
    """(clean word, OCR token) pairs from every text rendered and read back by English OCR.

    Every text goes through the clean layouts; the slow scan-like layouts only
    the plans and the random syllables, which between them hold every letter.
    """
    scanned = [*plans.values(), synthetic]
    texts = [*plans.values(), *corpus.values(), synthetic]
    work = [(text, r) for text in texts for r in RENDERINGS if not r[4]]
    work += [(text, r) for text in scanned for r in RENDERINGS if r[4]]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        ocrs = list(pool.map(lambda job: cached_ocr(job[0], job[1], cache), work))
    pairs = []
    for (text, _r), ocr in zip(work, ocrs, strict=True):
        pairs += align_pairs(text, ocr)
    return pairs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--exclude", nargs="*", default=[], help="leave out plans with these prefixes")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "repair" / "ocr")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    plans = clean_plans(args.exclude)
    corpus = corpus_texts()
    syllables = tesseract_syllables()
    synthetic = synthetic_text(syllables, seed=57)
    texts = {**plans, **corpus}
    print(
        f"plans: {sorted(plans)}; corpus files: {len(corpus)}; syllables: {len(syllables)}",
        file=sys.stderr,
    )

    pairs = channel_pairs(plans, corpus, synthetic, args.cache, args.jobs)
    print(f"aligned pairs: {len(pairs)}", file=sys.stderr)

    meta = {
        "plans": sorted(plans),
        "corpus": sorted(corpus),
        "excluded": args.exclude,
        "renderings": [r[0] for r in RENDERINGS],
        "tesseract_syllables": len(syllables),
    }
    model = build_model(texts.values(), pairs, extra_syllables=syllables, meta=meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"model -> {args.out} ({args.out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
