"""Tables laid out with spaces: what a PDF's text layer makes of a table.

A PDF export keeps a table's columns by padding cells with spaces:

     TT   Chỉ tiêu                              Đơn vị   Năm 2025   Năm 2030
     1    Tỷ lệ hồ sơ xử lý trực tuyến          %        ≥ 60       100
          toàn trình

A cell is text between runs of two or more spaces. A run of such lines is a
table when they hold three cells or more, several open with a row number, and
their cells line up in columns; lines with a single cell inside the run carry
on a cell of the row above (a wrapped indicator name). Each cell goes to the header column it lies
under, so an empty cell keeps its column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GAP = re.compile(r"\S+(?: \S+)*")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.?|[A-HĐ]\.?)$")


@dataclass
class _Cell:
    start: int
    end: int
    text: str


def _cells(line: str) -> list[_Cell]:
    """Cells of a line: text separated by two spaces or more, with their columns."""
    return [_Cell(m.start(), m.end(), m.group(0)) for m in _GAP.finditer(line.replace("\t", "  "))]


def _is_row(cells: list[_Cell]) -> bool:
    return len(cells) >= 3


def _numbered(cells: list[_Cell]) -> bool:
    return bool(cells) and bool(_ROW_NUMBER.match(cells[0].text))


def aligned_rows(lines: list[str]) -> dict[int, list[str]]:
    """Cells of the lines of space-aligned tables, by 0-based line index."""
    out: dict[int, list[str]] = {}
    i = 0
    n = len(lines)
    while i < n:
        cells = _cells(lines[i]) if "  " in lines[i].strip() else []
        if not _is_row(cells):
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < n and lines[j].strip():
            c = _cells(lines[j])
            # An indented line of fewer cells carries on the row above: a wrapped name,
            # or the second line of a header ("Giai đoạn" over "2026   2030"); a
            # numbered line of two cells is a group row ("1    Nhóm nhiệm vụ …").
            if not (_is_row(c) or (c and c[0].start > 0) or (len(c) == 2 and _numbered(c))):
                break
            run.append(j)
            j += 1
        while run and not _is_row(_cells(lines[run[-1]])):
            run.pop()
        table = _read(lines, run)
        out.update(table)
        i = max(j, i + 1)
    return out


def _read(lines: list[str], run: list[int]) -> dict[int, list[str]]:
    rows = [(k, _cells(lines[k])) for k in run]
    numbered = [k for k, c in rows if _is_row(c) and _numbered(c)]
    if len(numbered) < 2:
        return {}
    first_data = numbered[0]
    header = [c for k, c in rows if k < first_data]
    # Columns: the cells of the header lines, those that overlap taken as one
    # column; with no header, the cells of the widest row.
    spans = _columns(header) if header else []
    if len(spans) < 3:
        spans = [(c.start, c.end) for c in max((c for _, c in rows), key=len)]
    if not _aligned([c for k, c in rows if k in numbered], spans):
        return {}
    out: dict[int, list[str]] = {}
    for k, cells in rows:
        placed = [""] * len(spans)
        for cell in cells:
            j = _column(cell, spans)
            placed[j] = (placed[j] + " " + cell.text).strip()
        out[k] = placed
    return out


def _columns(header: list[list[_Cell]]) -> list[tuple[int, int]]:
    """Columns of a header of one or more lines.

    A cell over several cells of another line ("Mục tiêu" over "2026  2030")
    spans columns and does not make one; the other cells, overlapping ones
    taken together, do.
    """

    def overlap(a: _Cell, b: _Cell) -> bool:
        return a.start < b.end and b.start < a.end

    cells = []
    for i, line in enumerate(header):
        for c in line:
            under = [d for j, other in enumerate(header) if j != i for d in other if overlap(c, d)]
            if len(under) < 2:
                cells.append(c)
    spans: list[list[int]] = []
    for c in sorted(cells, key=lambda c: c.start):
        if spans and c.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], c.end)
        else:
            spans.append([c.start, c.end])
    return [(a, b) for a, b in spans]


def _aligned(rows: list[list[_Cell]], spans: list[tuple[int, int]]) -> bool:
    """Whether the cells of the rows stand in the model's columns.

    Cells of a table start (or, for right-aligned numbers, end) where its columns
    do; text with stray double spaces splits at random places.
    """
    edges = [x for span in spans for x in span]
    cells = [c for row in rows for c in row]
    hits = sum(1 for c in cells if any(abs(c.start - x) <= 2 or abs(c.end - x) <= 2 for x in edges))
    return hits >= 0.7 * len(cells)


def _column(cell: _Cell, spans: list[tuple[int, int]]) -> int:
    """The column a cell lies under: the last one that starts at or before it.

    Cells are written from the left edge of their column or centred in it; a
    couple of characters of slack allow for a value set just left of its header.
    """
    best = 0
    for j, (a, _) in enumerate(spans):
        if a <= cell.start + 2:
            best = j
    return best
