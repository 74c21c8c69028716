"""Tables whose cells stand one to a line: what copying a table out of a PDF gives.

    STT
    Chỉ tiêu
    Đơn vị tính
    Năm 2030
    1
    Tỷ lệ hồ sơ xử lý trực tuyến
    %
    ≥ 90

The header runs from a line "STT"/"TT" to the first row number; each row from
its number to the next one in sequence. A row number is told from a value
equal to it by what follows (a row opens with a name in words) and by the cells
gathered so far (a row has about as many as the header). Empty cells leave no
line, so a short row keeps its number and name on the left and its last cells
under the last columns, where the values of a target table and the deadline of
a task table stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STT = re.compile(r"^(?:stt|tt|số tt|số thứ tự)\.?$", re.IGNORECASE)
_GROUP = re.compile(r"^(?:[IVX]{1,5}|[A-HĐ])\.?$")
_WORDS = re.compile(r"[^\W\d_]{2,}")


@dataclass
class StackedRow:
    cells: list[str]
    lines: list[int]  # 0-based line of each cell ("" cells: the row's first line)
    end: int = 0  # 0-based last line of the row


def _arabic(text: str) -> int | None:
    m = re.fullmatch(r"(\d{1,3})\.?", text)
    return int(m.group(1)) if m else None


def _named(text: str) -> bool:
    return len(_WORDS.findall(text)) >= 2


def stacked_rows(lines: list[str]) -> dict[int, StackedRow]:
    """Rows of one-cell-per-line tables, by the 0-based line of the row's first cell."""
    out: dict[int, StackedRow] = {}
    i = 0
    while i < len(lines):
        if _STT.match(lines[i].strip()):
            found, end = _read(lines, i)
            out.update(found)
            i = max(end, i + 1)
        else:
            i += 1
    return out


def _cells_from(lines: list[str], start: int) -> list[tuple[int, str]]:
    """Lines from ``start`` until a long paragraph; a blank line is an empty text."""
    cells = []
    for k in range(start, len(lines)):
        text = lines[k].strip()
        if "\t" in text or len(text.split()) > 60:
            break
        cells.append((k, text))
    return cells


def _read(lines: list[str], top: int) -> tuple[dict[int, StackedRow], int]:
    cells = _cells_from(lines, top)
    header: list[tuple[int, str]] = []
    j = 0
    while j < len(cells) and len(header) < 12:
        text = cells[j][1]
        if not text:
            return {}, top + 1
        opens = _arabic(text) == 1 or _GROUP.match(text)
        if header and opens and j + 1 < len(cells) and _named(cells[j + 1][1]):
            break
        if len(text.split()) > 12:
            return {}, top + 1
        header.append(cells[j])
        j += 1
    width = len(header)
    if width < 3 or j >= len(cells):
        return {}, top + 1
    rows: list[list[tuple[int, str]]] = []
    expected = 1
    current: list[tuple[int, str]] = []
    while j < len(cells):
        k, text = cells[j]
        if not text:
            # a blank line after a whole row ends the table; inside one it is nothing
            if current and len(current) >= width - 2:
                break
            j += 1
            continue
        nxt = cells[j + 1][1] if j + 1 < len(cells) else ""
        if _named(nxt) and _opens_row(text, current, width, expected):
            if current:
                rows.append(current)
            current = [(k, text)]
            if _arabic(text) == expected:
                expected += 1
        elif current:
            if len(current) >= width + 2:
                break  # ran past the table
            current.append((k, text))
        else:
            break
        j += 1
    if current:
        rows.append(current)
    numbered = [r for r in rows if _arabic(r[0][1]) is not None]
    if len(numbered) < 2:
        return {}, top + 1
    header = _one_header_row(header)
    width = len(header)
    out: dict[int, StackedRow] = {}
    head = [t for _, t in header]
    out[header[0][0]] = StackedRow(head, [k for k, _ in header])
    for row in rows:
        placed = _placed(row, width)
        placed.end = row[-1][0]
        out[row[0][0]] = placed
    out[header[0][0]].end = max(k for k, _ in header)
    last = rows[-1][-1][0]
    return out, last + 1


_YEAR_HEAD = re.compile(
    r"^(?:(?:năm|đến năm|đến|giai đoạn)\s+)?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?$", re.I
)
_SPANNING = re.compile(r"^(?:mục tiêu|lộ trình|chỉ tiêu|kế hoạch|giai đoạn|phấn đấu)", re.I)


def _one_header_row(header: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A header of two rows read as one: the milestones under "Mục tiêu" take its place.

    Copied line by line, "TT | Chỉ tiêu | Mục tiêu | Cơ quan" over "2025 | 2030"
    comes out as TT, Chỉ tiêu, Mục tiêu, Cơ quan, 2025, 2030.
    """
    k = len(header)
    while k > 0 and _YEAR_HEAD.match(header[k - 1][1]):
        k -= 1
    years = header[k:]
    if len(years) < 2 or k == len(header):
        return header
    spans = [i for i, (_, t) in enumerate(header[:k]) if _SPANNING.match(t) and i > 1]
    if not spans:
        return header
    i = spans[-1]
    return header[:i] + years + header[i + 1 : k]


_DOTTED = re.compile(r"^(\d{1,2})(?:\.\d{1,2})+\.?$")


def _opens_row(text: str, current: list[tuple[int, str]], width: int, expected: int) -> bool:
    """Whether ``text`` is the number of a new row rather than a value of the current one."""
    number = _arabic(text)
    dotted = _DOTTED.match(text)
    if number != expected and not dotted and not _GROUP.match(text):
        return False
    if not current:
        return True
    first = current[0][1]
    # a group row ("I", "Hạ tầng số"; "1", "Nhóm nhiệm vụ …") holds two cells
    if len(current) >= 2 and (
        _GROUP.match(first) or (dotted and dotted.group(1) == first.rstrip("."))
    ):
        return True
    return len(current) >= width - 2


def _placed(row: list[tuple[int, str]], width: int) -> StackedRow:
    first = row[0][0]
    tail: list[tuple[int, str]] = []
    while len(row) > width and (row[-1][1][:1] == "(" or row[-1][1][:1].islower()):
        # the continuation row of a task ("(bao gồm …)") came after the row's last cell
        tail.insert(0, row[-1])
        row = row[:-1]
    if tail:
        row = [row[0], (row[1][0], " ".join([row[1][1]] + [t for _, t in tail])), *row[2:]]
    if len(row) <= 2 or len(row) == width:
        cells = [t for _, t in row] + [""] * (width - len(row))
        lines = [k for k, _ in row] + [first] * (width - len(row))
        return StackedRow(cells[:width], lines[:width])
    if len(row) > width:
        # a name over several lines: the cells beyond the header's count join it
        extra = len(row) - width
        name = " ".join(t for _, t in row[1 : 2 + extra])
        rest = row[2 + extra :]
        return StackedRow(
            [row[0][1], name] + [t for _, t in rest], [first, row[1][0]] + [k for k, _ in rest]
        )
    # empty cells left no line: number and name on the left, the rest on the right
    gap = width - len(row)
    cells = [row[0][1], row[1][1]] + [""] * gap + [t for _, t in row[2:]]
    lines = [first, row[1][0]] + [first] * gap + [k for k, _ in row[2:]]
    return StackedRow(cells, lines)
