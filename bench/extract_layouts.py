"""Extraction quality when the labelled plans are laid out again in other ways.

Usage: python bench/extract_layouts.py [PLANS_DIR ...] [--layout NAME ...]

Each plan of each PLANS_DIR (default: the held-out plans and both blind sets)
is rewritten as another export would have written it — other bullets, tabs in
paragraphs, other numbering, its tables as " | " cells, space-aligned columns or
markdown, odd spaces, Windows line ends, hard-wrapped lines, no blank lines —
and scored against its labels (line numbers moved with the lines). A layout
that scores well below "as written" is one the extractor does not read yet.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from tiendo.ingest.extract import extract_plan
from tiendo.ingest.extract.records import to_records
from tiendo.ingest.extract.scoring import load_labels, score
from tiendo.text.vietnamese import nfc

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PLANS = [ROOT / "tests" / "data" / d for d in ("heldout", "blind", "blind2")]

_MARK = re.compile(r"^(\s*)(\d{1,2}|[IVX]{1,4}|[a-zđ])([.)])\s+")
# a dash that opens a bullet: not a page number "- 3 -", not a wrapped range "- 2030."
_DASH = re.compile(r"^(\s*)-\s+(?=[^\d\s])")


def _is_row(line: str) -> bool:
    return "\t" in line.strip("\t ") or line.count("\t") >= 2 or line.strip().startswith("|")


Lines = list[str]
# where an old line went: (offset in the old line, new line number) of each of its pieces
Pieces = list[tuple[int, int]]
# a layout: the new lines, and where each old line went
Layout = Callable[[Lines], tuple[Lines, list[Pieces]]]


def _same_lines(lines: Lines) -> list[Pieces]:
    return [[(0, i)] for i in range(1, len(lines) + 1)]


def _per_line(f: Callable[[str], str]) -> Layout:
    return lambda lines: ([f(x) for x in lines], _same_lines(lines))


def _tables(render: Callable[[list[list[str]]], Lines]) -> Layout:
    def layout(lines: Lines) -> tuple[Lines, list[Pieces]]:
        out: Lines = []
        run: Lines = []

        def flush() -> None:
            if run:
                out.extend(render([r.split("\t") for r in run]))
            run.clear()

        for x in lines:
            if "\t" in x.strip("\t ") or (x.startswith("\t") and x.count("\t") >= 2):
                run.append(x)
            else:
                flush()
                out.append(x)
        flush()
        return out, _same_lines(lines)

    return layout


def _spaces(rows: list[list[str]]) -> Lines:
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    widths = [max(len(r[j].strip()) for r in rows) + 3 for j in range(n)]
    return ["".join(c.strip().ljust(widths[j]) for j, c in enumerate(r)).rstrip() for r in rows]


def _markdown(rows: list[list[str]]) -> Lines:
    return ["| " + " | ".join(c.strip() for c in r) + " |" for r in rows]


def _inner_pipes(rows: list[list[str]]) -> Lines:
    return [" | ".join(c.strip() or " " for c in r) for r in rows]


def _wrap(lines: Lines, width: int = 95) -> tuple[Lines, list[Pieces]]:
    """Hard-wrapped like a PDF's text layer."""
    out: Lines = []
    pieces: list[Pieces] = []
    for x in lines:
        if len(x) <= width or _is_row(x) or x.startswith("#") or re.search(r"\S {3,}\S", x):
            out.append(x)
            pieces.append([(0, len(out))])
            continue
        here: Pieces = []
        offset, rest = 0, x
        while len(rest) > width and rest.rfind(" ", 0, width) > 0:
            cut = rest.rfind(" ", 0, width)
            out.append(rest[:cut])
            here.append((offset, len(out)))
            offset, rest = offset + cut + 1, rest[cut + 1 :]
        out.append(rest)
        here.append((offset, len(out)))
        pieces.append(here)
    return out, pieces


def _no_blank_lines(lines: Lines) -> tuple[Lines, list[Pieces]]:
    out: Lines = []
    pieces: list[Pieces] = []
    for x in lines:
        if x.strip():
            out.append(x)
        pieces.append([(0, max(len(out), 1))])
    return out, pieces


def _cell_per_line(lines: Lines) -> tuple[Lines, list[Pieces]]:
    """Tables copied out of a PDF viewer: each cell on a line of its own, empty ones gone."""
    out: Lines = []
    pieces: list[Pieces] = []
    for x in lines:
        if not (_is_row(x) and "\t" in x):
            out.append(x)
            pieces.append([(0, len(out))])
            continue
        here: Pieces = []
        offset = 0
        for cell in x.split("\t"):
            if cell.strip():
                out.append(cell.strip())
                here.append((offset, len(out)))
            offset += len(cell) + 1
        pieces.append(here or [(0, max(len(out), 1))])
    return out, pieces


LAYOUTS: dict[str, Layout] = {
    "as written": _per_line(lambda x: x),
    "• bullets": _per_line(lambda x: _DASH.sub(r"\1• ", x)),
    "symbol bullets": _per_line(lambda x: _DASH.sub("\\1\uf0b7 ", x)),
    "+ bullets": _per_line(lambda x: _DASH.sub(r"\1+ ", x)),
    "tab indent": _per_line(lambda x: x if not x.strip() or _is_row(x) else "\t" + x),
    "number⇥text": _per_line(
        lambda x: x if _is_row(x) else _MARK.sub(lambda m: "".join(m.groups()) + "\t", x)
    ),
    "1/ a/ I/": _per_line(
        lambda x: x if _is_row(x) else _MARK.sub(lambda m: m.group(1) + m.group(2) + "/ ", x)
    ),
    "1) a)": _per_line(
        lambda x: x if _is_row(x) else re.sub(r"^(\s*)(\d{1,2})\.\s+", r"\1\2) ", x)
    ),
    "no markdown": _per_line(
        lambda x: x if _is_row(x) else re.sub(r"^#{1,6}\s+", "", x).replace("**", "")
    ),
    "odd spaces": _per_line(
        lambda x: x.replace(" đạt ", "\u00a0đạt\u2009").replace(" năm ", " năm\u00a0")
    ),
    "CRLF": _per_line(lambda x: x + "\r"),
    "tables ' | '": _tables(_inner_pipes),
    "tables markdown": _tables(_markdown),
    "tables spaces": _tables(_spaces),
    "tables cell/line": _cell_per_line,
    "hard wrap": _wrap,
    "no blank lines": _no_blank_lines,
}


def _new_line(pieces: Pieces, old: str, row: dict, kind: str) -> int:
    """The new line of a label: for a target, the piece its value fell in."""
    if kind != "targets" or len(pieces) == 1:
        return pieces[0][1]
    phrase = (row.get("text") or "").split("\n")[0]
    at = old.find(phrase[:25]) if phrase else -1
    if "\t" in old and phrase:
        # a table cell: the value's own cell
        cells = old.split("\t")
        offset = 0
        for cell in cells:
            if cell.strip() == phrase.strip():
                at = offset
            offset += len(cell) + 1
        return [n for o, n in pieces if o <= max(at, 0)][-1]
    if at < 0:
        return pieces[0][1]
    # the value ends the phrase that states it
    end = at + min(len(phrase), len(old) - at) - 1
    return [n for o, n in pieces if o <= end][-1]


def _moved(labels: dict, moves: dict[str, tuple[Lines, list[Pieces]]]) -> dict:
    moved = {"documents": labels["documents"]}
    for kind in ("targets", "tasks", "regimes"):
        moved[kind] = []
        for row in labels[kind]:
            new = dict(row)
            if row["doc"] in moves:
                old_lines, pieces = moves[row["doc"]]
                if 1 <= row["line"] <= len(pieces):
                    i = row["line"] - 1
                    new["line"] = _new_line(pieces[i], old_lines[i], row, kind)
            moved[kind].append(new)
    return moved


def run(folder: Path, layout: Layout) -> dict:
    records: list[dict] = []
    moves: dict[str, tuple[Lines, list[Pieces]]] = {}
    for path in sorted(
        p for p in folder.iterdir() if p.suffix in (".txt", ".md") and not p.stem.isupper()
    ):
        old = nfc(path.read_text(encoding="utf-8")).split("\n")
        lines, pieces = layout(old)
        moves[path.name] = (old, pieces)
        records.extend(to_records(extract_plan("\n".join(lines), path.name)))
    return score(records, _moved(load_labels(folder / "gold"), moves)).as_dict()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("plans", nargs="*", type=Path)
    parser.add_argument("--layout", action="append", choices=list(LAYOUTS))
    args = parser.parse_args(argv)
    folders = args.plans or DEFAULT_PLANS
    print(f"{'layout':18s}" + "".join(f"{f.name:>34s}" for f in folders))
    print(f"{'':18s}" + "".join(f"{'target task lead regime':>34s}" for _ in folders))
    for name in args.layout or list(LAYOUTS):
        cells = []
        for folder in folders:
            r = run(folder, LAYOUTS[name])
            lead = r["tasks"]["lead_accuracy"]
            cells.append(
                f"{r['targets']['f1']:.3f}  {r['tasks']['f1']:.3f}  "
                f"{'-' if lead is None else f'{lead:.2f}'}  {r['regimes']['f1']:.3f}"
            )
        print(f"{name:18s}" + "".join(f"{c:>34s}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
