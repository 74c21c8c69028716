#!/usr/bin/env python3
"""Render clean Vietnamese text onto page images and OCR them with English tesseract.

This reproduces how plan files reach tiendo mangled: a Vietnamese page read by
an OCR engine set to English. The pair (clean text, OCR text) is what the repair
model's channel is learned from.

    render_ocr.py CLEAN.txt OUT.txt [--font PATH] [--size 38] [--blur 0] [--lang eng] [--scan]

The default layout (DejaVu Serif 38 px on A4 at 300 dpi, lines wrapped at 80
characters) is the common way of making such samples; other fonts, sizes, a
blur and a scan-like degradation (--scan) give the channel model the variety
of real scans.

Needs Pillow and the Debian packages tesseract-ocr, tesseract-ocr-eng and a font
(fonts-dejavu-core, fonts-liberation2).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
from pathlib import Path

DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
PAGE_WIDTH, PAGE_HEIGHT, LEFT, TOP = 2480, 3508, 220, 200


def wrap_lines(lines: list[str], width: int = 80) -> list[str]:
    """Wrap long lines the way a page layout would; blank lines stay blank."""
    wrapped: list[str] = []
    for line in lines:
        wrapped += textwrap.wrap(line, width) or [""]
    return wrapped


def _speckle_tile(seed: int, size: int = 257):
    """A grey tile of seeded random noise (mean 128), tiled over a page to imitate a scan."""
    import random

    from PIL import Image

    rng = random.Random(seed)  # noqa: S311 - reproducible noise, not security
    tile = Image.new("L", (size, size))
    tile.putdata([max(0, min(255, int(rng.gauss(128, 40)))) for _ in range(size * size)])
    return tile


def scan_like(img, seed: int = 0):
    """Make a clean page look scanned: lower resolution, noise, then black and white.

    Real scans lose thin strokes (tone marks, the bar of đ, the hook of ư and
    ơ) and thicken others; a half-resolution pass, speckle and a threshold do
    the same, so the channel learns the confusions a clean rendering never shows.
    """
    from PIL import Image, ImageChops

    w, h = img.size
    img = img.resize((w // 2, h // 2), Image.BILINEAR).resize((w, h), Image.BILINEAR)
    tile = _speckle_tile(seed)
    noise = Image.new("L", (w, h))
    for x in range(0, w, tile.width):
        for y in range(0, h, tile.height):
            noise.paste(tile, (x, y))
    img = ImageChops.add(img, noise, scale=1.0, offset=-128)
    return img.point(lambda v: 0 if v < 150 else 255)


def render_pages(
    lines: list[str], outdir: Path, font_path: str, size: int, blur: float, scan: bool = False
):
    """Draw ``lines`` on A4 pages at 300 dpi and return the PNG paths."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(font_path, size)
    step = int(size * 1.5)
    per_page = (PAGE_HEIGHT - 2 * TOP) // step
    pages = []
    for n, start in enumerate(range(0, len(lines), per_page)):
        img = Image.new("L", (PAGE_WIDTH, PAGE_HEIGHT), 255)
        draw = ImageDraw.Draw(img)
        y = TOP
        for line in lines[start : start + per_page]:
            draw.text((LEFT, y), line, font=font, fill=0)
            y += step
        if blur:
            img = img.filter(ImageFilter.GaussianBlur(blur))
        if scan:
            img = scan_like(img, seed=n)
        path = outdir / f"page-{n:03d}.png"
        img.save(path)
        pages.append(path)
    return pages


def ocr_page(path: Path, lang: str) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    res = subprocess.run(  # noqa: S603 - fixed program, arguments we built
        ["tesseract", str(path), "-", "-l", lang],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=600,
    )
    return res.stdout


def render_and_ocr(
    text: str,
    *,
    font: str = DEFAULT_FONT,
    size: int = 38,
    blur: float = 0.0,
    lang: str = "eng",
    scan: bool = False,
    width: int = 80,
) -> str:
    """Return the English-OCR text of ``text`` rendered with the given layout."""
    text = unicodedata.normalize("NFC", text)
    with tempfile.TemporaryDirectory() as tmp:
        lines = wrap_lines(text.splitlines(), width)
        pages = render_pages(lines, Path(tmp), font, size, blur, scan)
        return "\n".join(ocr_page(page, lang) for page in pages)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clean", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--font", default=DEFAULT_FONT)
    ap.add_argument("--size", type=int, default=38)
    ap.add_argument("--blur", type=float, default=0.0)
    ap.add_argument("--lang", default="eng")
    ap.add_argument("--scan", action="store_true", help="degrade pages like a scan")
    args = ap.parse_args()
    text = args.clean.read_text(encoding="utf-8")
    ocr = render_and_ocr(
        text, font=args.font, size=args.size, blur=args.blur, lang=args.lang, scan=args.scan
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(ocr, encoding="utf-8")
    print(f"{args.clean} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
