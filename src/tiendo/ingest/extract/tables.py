"""Tables of a plan: target tables (a row per indicator, a column per milestone)
and task tables (STT / Nhiệm vụ / Cơ quan chủ trì / ... / Thời gian hoàn thành).

Rows arrive tab-separated (exports of Word tables) or as markdown pipe rows.
Headers may take two rows ("Phấn đấu theo từng giai đoạn" over "Năm 2025",
"Năm 2030"...), so each column's header is the text of all header rows in
that column. A column's role comes from its header; a target column's
milestone year from the year in its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tiendo.domain.plan import Comparator, Deadline, Target, TargetKind, Task
from tiendo.ingest.extract.deadlines import read_cell
from tiendo.ingest.extract.keys import compact, ocr_key
from tiendo.ingest.extract.lines import Block, is_separator_row, roman_value
from tiendo.ingest.extract.quantities import unit_of_share
from tiendo.text.numbers import NumberFormatError, parse_number

_NUMBERED = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[IVXLivx]{1,5}|[A-Za-zĐđ])[.)]?$")
_ARABIC = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_YES = re.compile(
    r"^(?:co|ung dung|dat|hoan thanh|trien khai|duy tri|van hanh|thuc hien|x|✓|✔|co ap dung|da co)$"
)
_FOOTNOTE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\s*\*+\s*[¹²³⁴⁵⁶⁷⁸⁹⁰\d]*\s*\)|\*+$")


@dataclass
class Column:
    role: str  # "stt", "name", "unit", "year", "baseline", "value", "lead", "co", "result", "deadline", "other"
    header: str = ""
    year: int | None = None


@dataclass
class Table:
    rows: list[Block]  # data rows, in order
    columns: list[Column] = field(default_factory=list)
    # the blocks of the document the table was read from, when its rows are not
    # those blocks (a table turned on its side)
    source: list[Block] = field(default_factory=list)

    @property
    def first_block(self) -> Block:
        return self.source[0] if self.source else self.rows[0]

    def has(self, role: str) -> bool:
        return any(c.role == role for c in self.columns)

    def index(self, role: str) -> int | None:
        for i, c in enumerate(self.columns):
            if c.role == role:
                return i
        return None

    @property
    def is_target_table(self) -> bool:
        return (
            self.has("name")
            and any(c.role in ("year", "value") for c in self.columns)
            and not self.is_task_table
        )

    @property
    def is_task_table(self) -> bool:
        # A target table may name the agency that follows each indicator up
        # ("Cơ quan chủ trì theo dõi"); its value columns, full of numbers, say
        # what it is.
        return (
            self.has("name")
            and (self.has("lead") or self.has("deadline"))
            and not self.holds_values()
        )

    def lists_names(self) -> bool:
        """Whether the table lists numbered names (of tasks, say) in a column of its own."""
        j = self.index("name")
        rows = [r.cells or [] for r in self.rows]
        numbered = [c for c in rows if c and _NUMBERED.match(c[0].strip())]
        return j not in (None, 0) and len(numbered) >= 2

    def holds_values(self) -> bool:
        """Whether most numbered rows hold a number in a milestone or value column."""
        cols = [j for j, c in enumerate(self.columns) if c.role in ("year", "value")]
        rows = [r.cells or [] for r in self.rows if r.cells and _ARABIC.match(r.cells[0].strip())]
        if not cols or not rows:
            return False
        full = sum(1 for cells in rows if any(_is_number_cell(cells, j) for j in cols))
        return full * 2 > len(rows)


def find_tables(blocks: list[Block], plan_year: int | None = None) -> list[Table]:
    """Runs of table rows, each with its header read into column roles."""
    runs: list[list[Block]] = []
    gaps: list[list[Block]] = []  # the blocks between a run and the one before it
    run: list[Block] = []
    gap: list[Block] = []
    for block in blocks:
        if block.kind == "row":
            if not run:
                gaps.append(gap)
                gap = []
            run.append(block)
            continue
        if (
            run
            and block.kind == "para"
            and len(block.text.split()) <= 12
            and not block.text.rstrip().endswith(":")
        ):
            # A line break inside a cell leaves its end on a line of its own.
            continue
        if run:
            runs.append(run)
            run = []
        gap.append(block)
    if run:
        runs.append(run)
    merged: list[list[Block]] = []
    titles: list[str] = []
    for k, run in enumerate(runs):
        if merged and _page_furniture(gaps[k]):
            rest = _continuation(merged[-1], run)
            if rest is not None:
                merged[-1].extend(rest)
                continue
        merged.append(run)
        # the table's title: the short lines right above it
        above = []
        for b in reversed(gaps[k]):
            if len(above) == 3 or len(b.text.split()) > 30:
                break
            above.insert(0, b.text)
        titles.append(" ".join(above))
    tables = [_read(run, plan_year, title) for run, title in zip(merged, titles, strict=True)]
    return [t for t in tables if t.columns]


def _page_furniture(gap: list[Block]) -> bool:
    """Whether the lines between two runs of rows are what a page break leaves.

    A running footer ("Kế hoạch số 03/KH  Trang 2/8"), a running header (the
    issuer in capitals), a page number: a few short lines that open no section.
    """
    if not gap or len(gap) > 4:
        return False
    for b in gap:
        if b.markdown or len(b.text.split()) > 16 or b.text.rstrip().endswith(":"):
            return False
        if b.kind == "item" and re.search(r"[^\W\d_]", b.text):
            return False
        if b.kind not in ("para", "heading", "item"):
            return False
    return True


def _row_key(block: Block) -> str:
    return " ".join(compact(c) for c in (block.cells or []) if c.strip())


def _continuation(before: list[Block], after: list[Block]) -> list[Block] | None:
    """The rows of ``after`` that carry on the table ``before``, or None if it is another table.

    A table cut by a page break goes on with the row numbered next, perhaps
    under its header repeated, perhaps with the end of a cell cut at the break.
    """
    heads = {_row_key(b) for b in before[:3]} - {""}
    k = 0
    while k < len(after) and (
        _row_key(after[k]) in heads or is_separator_row(after[k].cells or [])
    ):
        k += 1
    rest = after[k:]
    numbers = [
        (b.cells or [""])[0].strip().rstrip(".")
        for b in before
        if b.cells and _NUMBERED.match(b.cells[0].strip())
    ]
    first = next(
        ((b.cells or [""])[0].strip().rstrip(".") for b in rest if (b.cells or [""])[0].strip()),
        None,
    )
    if not numbers or first is None or not _follows(numbers[-1], first, numbers):
        return None
    width = max(len(b.cells or []) for b in before)
    if any(len(b.cells or []) > width + 1 for b in rest):
        return None
    return rest


def _follows(last: str, first: str, numbers: list[str]) -> bool:
    """Whether the row number ``first`` comes next after ``last``."""
    if re.fullmatch(r"\d+", last) and re.fullmatch(r"\d+", first):
        return int(first) == int(last) + 1
    m, n = re.fullmatch(r"(\d+)\.(\d+)", last), re.fullmatch(r"(\d+)\.(\d+)", first)
    if m and n:
        a, b, c, d = (int(x) for x in (*m.groups(), *n.groups()))
        return (a == c and d == b + 1) or (c == a + 1 and d == 1)
    romans = [roman_value(x) for x in numbers if roman_value(x)]
    return bool(romans) and roman_value(first) == romans[-1] + 1


def _is_data(cells: list[str]) -> bool:
    first = cells[0].strip() if cells else ""
    return bool(first) and bool(_NUMBERED.match(first)) and any(c.strip() for c in cells[1:])


def _is_value_row(cells: list[str]) -> bool:
    """A row of an unnumbered table that states values: a name, then a value not a year."""
    first = cells[0].strip() if cells else ""
    # the name of what is measured: words, maybe after its own number ("1. Tỷ lệ …")
    if len(re.findall(r"[^\W\d_]{2,}", first)) < 2:
        return False
    for c in cells[1:]:
        v = read_value_cell(c)
        if v is not None and not re.fullmatch(r"(?:(?:năm|Năm|NĂM)\s+)?(?:19|20)\d\d", c.strip()):
            return True
    return False


def _restore_first_cells(run: list[Block]) -> None:
    """Rows of a " | " table whose first cell is empty look like markdown rows.

    "1 | Tỷ lệ … | 80" has no outer pipes; its header's second line " | | 2026 |
    2030" opens with a pipe only because its first cells are empty. Read as a
    markdown row it would lose that cell and shift the columns.
    """
    inner = [r for r in run if "|" in r.text and not r.text.startswith("|")]
    outer = [r for r in run if r.text.startswith("|")]
    if inner and len(inner) >= len(outer):
        for r in outer:
            r.cells = ["", *(r.cells or [])]


def _page_mark(row: Block) -> bool:
    """A footer that a page break left among the rows: "Kế hoạch số 03/KH  Trang 2/8", "- 4 -"."""
    cells = [c.strip() for c in row.cells or [] if c.strip()]
    if len(cells) > 3:
        return False
    text = compact(" ".join(cells))
    return bool(re.search(r"\btrang \d{1,3}(?: \d{1,3})?$", text)) or bool(
        re.fullmatch(r"-\s*\d{1,3}\s*-", " ".join(cells))
    )


def _drop_empty_first_column(rows: list[Block]) -> None:
    """Word text indented with a tab before every line gives every row an empty first cell."""
    if (
        rows
        and all(r.cells and not r.cells[0].strip() for r in rows)
        and any(len(r.cells or []) > 2 for r in rows)
    ):
        for r in rows:
            r.cells = (r.cells or [])[1:]
            if r.cell_lines:
                r.cell_lines = r.cell_lines[1:]


def _read(run: list[Block], plan_year: int | None, title: str = "") -> Table:
    header_rows: list[list[str]] = []
    data: list[Block] = []
    _restore_first_cells(run)
    rows = [r for r in run if not is_separator_row(r.cells or []) and not _page_mark(r)]
    _drop_empty_first_column(rows)
    turned = _years_as_rows(rows, plan_year) or _per_unit(rows, title, plan_year)
    if turned is not None:
        return turned
    # Rows open with their number ("1", "I", "a"); a table without a number column
    # starts its data at the first row that states a value under its header.
    is_data = _is_data
    if not any(_is_data(r.cells or []) for r in rows):
        is_data = _is_value_row
    seen_data = False
    for row in rows:
        cells = row.cells or []
        if not seen_data and not is_data(cells):
            header_rows.append(cells)
            continue
        seen_data = True
        data.append(row)
    width = max([len(r) for r in header_rows] + [len(b.cells or []) for b in data] + [0])
    headers = []
    for j in range(width):
        parts = [r[j] for r in header_rows if j < len(r) and r[j].strip()]
        headers.append(" ".join(parts))
    columns = [_column(h, j, plan_year) for j, h in enumerate(headers)]
    if not any(c.role == "lead" for c in columns):
        # With no "chủ trì" column, the agency that carries the task out leads it.
        for c in columns:
            if c.role == "other" and re.search(
                r"\b(?:co quan|don vi)\s+(?:thuc hien|phu trach|chu quan|dau moi)\b",
                compact(c.header),
            ):
                c.role = "lead"
                break
    _find_value_columns(columns, data)
    _find_year_column(columns, data)
    if columns and not any(c.role == "name" for c in columns):
        # No header named it: the indicator or task is the widest text column.
        widths = [0] * width
        for b in data:
            for j, c in enumerate(b.cells or []):
                if not re.search(r"\d", c):
                    widths[j] += len(c)
        if any(widths):
            j = max(range(width), key=lambda i: widths[i])
            if columns[j].role == "other":
                columns[j].role = "name"
    return Table(rows=data, columns=columns)


# The first header of a table whose rows are years: "Năm", "Thời điểm", "Mốc", "Giai đoạn".
_WHEN_FIRST = re.compile(
    r"^(?:(?:chi tieu|muc tieu)\s+)?(?:nam|thoi diem|thoi gian|moc(?: thoi gian)?|giai doan|lo trinh)"
    r"(?:\s+(?:chi tieu|muc tieu))?$"
)
# A row that is a year: "2025", "Năm 2030", "Đến năm 2030", "2026 - 2030", "2024 (ước TH)",
# "Ước thực hiện 2024".
_YEAR_ROW = re.compile(
    r"^(?:(?:uoc|uoc th|uoc thuc hien|thuc hien|hien trang|ke hoach|muc tieu)\s+)?"
    r"(?:(?:den|het|trong)\s+)?(?:(?:nam|giai doan)\s+)?(?:19|20)\d\d"
    r"(?:\s*(?:-|den)?\s*(?:19|20)\d\d)?\b"
)


def _years_as_rows(rows: list[Block], plan_year: int | None) -> Table | None:
    """A target table turned on its side: a row per year, a column per indicator.

        | Năm           | Tỷ lệ … (%) | Số doanh nghiệp … (doanh nghiệp) |
        | 2024 (ước TH) | 38,5        | 5                                |
        | 2025          | ≥ 55        | 7                                |
        | 2030          | ≥ 80        | 20                               |

    Each indicator column becomes a row of an ordinary target table whose columns
    are the years (a row that states what was done, "ước TH", or a year before the
    plan's, is a baseline); each value keeps the line of its year's row. The unit
    is written after the indicator's name in its header, or on a header row of
    its own.
    """
    if len(rows) < 3:
        return None
    first = next(
        (i for i, r in enumerate(rows) if r.cells and _YEAR_ROW.match(compact(r.cells[0]))), None
    )
    if not first or first > 3:
        return None
    width = max(len(r.cells or []) for r in rows[:first])
    head = [
        " ".join(
            r.cells[j].strip()
            for r in rows[:first]
            if j < len(r.cells or []) and r.cells[j].strip()
        )
        for j in range(width)
    ]
    if len(head) < 2 or not _WHEN_FIRST.match(compact(head[0])):
        return None
    years = [r for r in rows[first:] if r.cells and _YEAR_ROW.match(compact(r.cells[0]))]
    if len(years) < 2 or any(not re.search(r"[^\W\d_]{2,}", h) for h in head[1:] if h.strip()):
        return None
    cells = [c for r in years for c in (r.cells or [])[1:] if c.strip()]
    if not cells or sum(1 for c in cells if read_value_cell(c) is not None) * 2 < len(cells):
        return None
    columns = [Column("stt"), Column("name"), Column("unit")]
    columns += [_column(r.cells[0], 0, plan_year) for r in years]
    for c in columns[3:]:
        if c.role not in ("year", "baseline"):
            c.role, c.year = "year", _row_year(c.header)
    data: list[Block] = []
    for j, header in enumerate(head[1:], start=1):
        if not header.strip():
            continue
        m = re.search(r"\(\s*([^()]{1,30})\s*\)\s*$", header)
        name = header[: m.start()].strip() if m else header.strip()
        unit = m.group(1) if m else ""
        values = [(r.cells or [])[j] if j < len(r.cells or []) else "" for r in years]
        data.append(
            Block(
                kind="row",
                start=rows[0].start,
                end=rows[-1].end,
                text=" ".join([name, *values]),
                cells=[str(len(data) + 1), name, unit, *values],
                cell_lines=[rows[0].start] * 3 + [r.start for r in years],
            )
        )
    return Table(rows=data, columns=columns, source=rows)


# The header of a column that names who each row is for: "Đơn vị", "Địa phương", "Xã, phường".
_WHO_HEADER = re.compile(
    r"^(?:ten\s+)?(?:don vi|dia phuong|co quan(?: don vi)?|xa(?: phuong)?(?: dac khu)?|"
    r"huyen|khoa|phong|truong)(?: (?:thuc hien|truc thuoc))?$"
)


def _per_unit(rows: list[Block], title: str, plan_year: int | None) -> Table | None:
    """A table of targets handed out per unit: a row per unit, a column per indicator.

        CHỈ TIÊU NĂM 2026 GIAO CHO CÁC XÃ
        | TT | Đơn vị  | Hồ sơ trực tuyến (%) | Tổ công nghệ số (tổ) |
        | 1  | Xã Đông | 80                   | 12                   |

    Its title names it ("chỉ tiêu ... giao ...") and gives the year. Every number
    is a target of that unit, 0 included, its indicator the column's name and the
    unit's; the table is read as an ordinary one of a row per unit and indicator.
    """
    key = compact(title)
    if not re.search(r"\b(?:chi tieu|muc tieu)\b", key):
        return None
    first = next((i for i, r in enumerate(rows) if _is_data(r.cells or [])), None)
    if not first:
        return None
    heads, data = rows[:first], [r for r in rows[first:] if _is_data(r.cells or [])]
    width = max(len(r.cells or []) for r in rows)
    headers = [
        re.sub(
            r"(/)\s+(?=\S)",
            r"\1",
            " ".join(
                h.cells[j].strip() for h in heads if j < len(h.cells or []) and h.cells[j].strip()
            ),
        )
        for j in range(width)
    ]
    if len(headers) < 4 or not _WHO_HEADER.match(compact(headers[1])):
        return None
    values = []
    for j in range(2, width):
        cells = [(r.cells or [])[j] if j < len(r.cells or []) else "" for r in data]
        numbers = [
            c for c in cells if (v := read_value_cell(c)) is not None and v.value is not None
        ]
        role = _column(headers[j], j, plan_year).role
        # a column of notes or of what was done (a baseline) holds no targets
        if headers[j] and role != "baseline" and len(numbers) * 2 > len(cells):
            values.append(j)
    if len(data) < 2 or not values:
        return None
    years = _YEAR.findall(title)
    columns = [
        Column("stt"),
        Column("name"),
        Column("unit"),
        Column("year", title, int(years[-1]) if years else None),
        Column("when"),
    ]
    # the title names the indicator of columns that are years ("Năm 2026 | Năm 2030")
    topic = re.sub(r"\((?:kèm|ban hành)[^)]*\)", "", title, flags=re.IGNORECASE)
    topic = re.sub(r"^\s*phụ lục(?:\s+(?:[IVX]+|\d+))?\b\W*", "", topic, flags=re.IGNORECASE)
    out: list[Block] = []
    for r in data:
        cells = r.cells or []
        for j in values:
            header = headers[j] if not _YEAR.search(headers[j]) else topic.strip()
            m = re.search(r"\(\s*([^()]{1,30})\s*\)\s*$", header)
            name = (header[: m.start()] if m else header).strip()[:150]
            name = f"{name} - {cells[1].strip()}"
            value = cells[j] if j < len(cells) else ""
            when = headers[j] if _YEAR.search(headers[j]) else ""
            out.append(
                Block(
                    kind="row",
                    start=r.start,
                    end=r.end,
                    text=f"{name} {value}",
                    cells=[str(len(out) + 1), name, m.group(1) if m else "", value, when],
                    cell_lines=[r.start] * 5,
                )
            )
    return Table(rows=out, columns=columns, source=rows)


def _is_number_cell(cells: list[str], j: int) -> bool:
    if j >= len(cells):
        return False
    cell = read_value_cell(cells[j])
    return cell is not None and cell.value is not None


def _find_value_columns(columns: list[Column], data: list[Block]) -> None:
    """A second column named like the indicator ("Chỉ tiêu" over "100", "≥ 80") holds values.

    Headers may repeat a word for two roles ("Chỉ tiêu" for the indicator, then
    "Chỉ tiêu" for the value to reach); the cells tell them apart.
    """
    names = [j for j, c in enumerate(columns) if c.role == "name"]
    if len(names) < 2:
        return
    rows = [b.cells or [] for b in data if b.cells and _ARABIC.match(b.cells[0].strip())]
    if not rows:
        return
    for j in names:
        filled = [cells for cells in rows if j < len(cells) and cells[j].strip()]
        numbers = sum(1 for cells in filled if _is_number_cell(cells, j))
        if filled and numbers * 2 > len(filled):
            columns[j].role = "value"


_WHEN_HEADER = re.compile(
    r"^(?:thoi diem|thoi gian|thoi han|nam|moc|moc thoi gian|nam dat|nam hoan thanh|thoi diem dat|"
    r"thoi diem (?:phai )?dat|thoi gian (?:dat|hoan thanh)|nam thuc hien|lo trinh|lo trinh thuc hien|"
    r"nam dat muc tieu|thoi han dat)\b(?: (?:nam|dat|hoan thanh))?$"
)
# A cell that names when: "2027", "Năm 2028", "Đến năm 2030", "2025 - 2030".
_WHEN_CELL = re.compile(
    r"^(?:(?:den|trong|vao|het|truoc)\s+)?(?:(?:het|cuoi)\s+)?(?:nam\s+)?(?:19|20)\d\d"
    r"(?:\s*(?:-|–|den)?\s*(?:19|20)\d\d)?$"
)


def _find_year_column(columns: list[Column], data: list[Block]) -> None:
    """A column that gives each row its own milestone year ("Thời điểm": 2030).

    A table of targets may put the value in one column ("Mục tiêu") and the year
    it is due in another; such a column is not a task deadline. It is told by its
    header and by its cells, which are years.
    """
    if not any(c.role == "value" for c in columns):
        return
    for j, column in enumerate(columns):
        if column.role not in ("deadline", "other"):
            continue
        cells = [(b.cells or [])[j].strip() for b in data if j < len(b.cells or [])]
        cells = [c for c in cells if c]
        years = [c for c in cells if _WHEN_CELL.match(compact(c))]
        named = _WHEN_HEADER.match(compact(re.sub(r"\(.*?\)", "", column.header)))
        # Named so, most cells are years; unnamed, every cell is (a column of years
        # beside a value column says when each value is due).
        if cells and (len(years) * 2 > len(cells) if named else len(years) == len(cells) >= 2):
            column.role = "when"


def _column(header: str, j: int, plan_year: int | None) -> Column:
    key = compact(header)
    years = [int(y) for y in _YEAR.findall(header)]
    if re.search(r"\b(?:stt|tt|so tt|so thu tu)\b", key) and len(key) <= 12:
        return Column("stt", header)
    if re.search(r"\bchu tri\b", key):
        return Column("lead", header)
    if re.search(r"\bphoi hop\b", key):
        return Column("co", header)
    # "Thời gian hoàn thành", "Tiến độ", "Lộ trình": a deadline per row; over milestone
    # columns ("Lộ trình" over "2026  2030") the years make them milestones instead.
    if re.search(r"\b(?:thoi gian|thoi han|tien do|lo trinh)\b", key) and not years:
        return Column("deadline", header)
    if re.search(r"\bhoan thanh\b", key) and not years:
        return Column("deadline", header)
    if re.search(r"\b(?:san pham|ket qua)\b", key) and not years:
        return Column("result", header)
    if re.search(r"\b(?:don vi tinh|dvt)\b", key) or key == "don vi":
        return Column("unit", header)
    if years:
        year = max(years)
        if re.search(r"\b(?:hien trang|thuc hien|uoc|co so|nam goc|thuc te|da dat)\b", key) or (
            plan_year is not None and year < plan_year
        ):
            return Column("baseline", header, year)
        return Column("year", header, year)
    if re.search(r"\b(?:chi tieu|muc tieu|gia tri) (?:phan dau|can dat|dat duoc)\b", key):
        # "Chỉ tiêu phấn đấu": the value to reach, not the indicator's name.
        return Column("value", header)
    if re.search(
        r"\b(?:chi tieu|noi dung|nhiem vu|ten|danh muc|giai phap|hoat dong)\b", key
    ) and not re.search(r"\b(?:muc tieu|gia tri)\b", key):
        return Column("name", header)
    if re.search(r"\b(?:muc tieu|gia tri|chi tieu phan dau|ke hoach)\b", key):
        return Column("value", header)
    if re.search(r"\b(?:hien trang|thuc trang)\b", key):
        return Column("baseline", header)
    return Column("other", header)


# --- target tables -------------------------------------------------------------------------

_CELL_SYMBOLS = (
    ("{,}", ","),  # LaTeX's decimal comma: "$7{,}5$"
    ("{.}", "."),
    ("\\geq", "≥"),
    ("\\ge", "≥"),
    ("\\leq", "≤"),
    ("\\le", "≤"),
    ("\\gt", ">"),
    ("\\lt", "<"),
    ("\\%", "%"),
    ("$", ""),
    ("\\,", ""),
    (">=", "≥"),
    ("<=", "≤"),
)
_OPS = {
    "≥": Comparator.GE,
    "≤": Comparator.LE,
    ">": Comparator.GT,
    "<": Comparator.LT,
    "=": Comparator.EQ,
}


@dataclass
class Cell:
    op: Comparator
    value: float | None
    value_max: float | None
    unit: str | None  # None: to be inferred from the row
    kind: TargetKind
    base_year: int | None = None  # the year a multiple is compared with


def _num(text: str) -> float | None:
    try:
        return parse_number(text)
    except NumberFormatError:
        return None


def read_value_cell(cell: str) -> Cell | None:
    """A target value as a table cell writes it, or None for an empty or open cell."""
    raw = _FOOTNOTE.sub("", cell)
    for a, b in _CELL_SYMBOLS:
        raw = raw.replace(a, b)
    raw = raw.strip()
    if not raw or (
        re.fullmatch(r"[-–—x*/.]*|\(.*\)", raw, re.IGNORECASE) and not re.search(r"\d", raw)
    ):
        key = compact(raw)
        if key in ("x",):
            return Cell(Comparator.EQ, None, None, "bool", TargetKind.ACHIEVE)
        return None
    key = ocr_key(raw)
    if _YES.match(compact(raw)):
        return Cell(Comparator.EQ, None, None, "bool", TargetKind.ACHIEVE)
    # "Có ≥ 70%": the yes-word before a value adds nothing.
    key = re.sub(r"^(?:co|dat|dat muc|phan dau)\s+", lambda m: " " * len(m.group(0)), key)
    m = re.search(r"\b(?:top|nhom|tốp)\s*(\d{1,2})\b", key)
    if m:
        return Cell(Comparator.LE, float(m.group(1)), None, "hạng", TargetKind.RANK)
    # "Gấp 2 lần năm 2025", "Tăng 1,5 lần so với 2024": a multiple of a base year.
    m = re.search(
        r"\b(?:gap|tang)\s+(\d+(?:[.,]\d+)?)\s*lan\b(?:\s+(?:so voi\s+)?(?:n\w?m\s+)?((?:19|20)\d\d))?",
        key,
    )
    if m:
        value = _num(raw[m.start(1) : m.end(1)])
        if value is not None:
            base = int(m.group(2)) if m.group(2) else None
            return Cell(Comparator.EQ, value, None, "lần", TargetKind.MULTIPLE, base)
    # "40% – 50%", "01-02", "từ 40 đến 50%"
    m = re.search(r"(\d+(?:[.,]\d+)?)\s*%?\s*(?:-|–|—|den)\s*(\d+(?:[.,]\d+)?)\s*(%?)", key)
    if m and not re.search(r"/", key[m.start() : m.end()]):
        lo, hi = _num(raw[m.start(1) : m.end(1)]), _num(raw[m.start(2) : m.end(2)])
        if lo is not None and hi is not None and hi > lo:
            unit = "%" if "%" in raw else None
            return Cell(
                Comparator.RANGE, lo, hi, _suffix_unit(key, m.end(), unit), TargetKind.LEVEL
            )
    # a percentage anywhere ("6G (50%)"), else the first number that is not a label ("5G")
    m = re.search(r"(?P<op>[≥≤<>=])?\s*(?P<v>\d+(?:[.,]\d+)?)\s*%", key)
    if not m:
        m = re.search(r"(?P<op>[≥≤<>=])?\s*(?P<v>\d+(?:[.,]\d+)?)(?![\d.,]*[a-z])", key)
        if not m:
            return None
    value = _num(raw[m.start("v") : m.end("v")])
    if value is None:
        return None
    op = _OPS.get(m.group("op") or "")
    if op is None:
        head = key[: m.start("v")]
        op = Comparator.EQ
        for words, comp in (
            ("toi thieu", Comparator.GE),
            ("it nhat", Comparator.GE),
            ("tren", Comparator.GT),
            ("toi da", Comparator.LE),
            ("khong qua", Comparator.LE),
            ("duoi", Comparator.LT),
        ):
            if re.search(r"\b" + words + r"\s*$", head):
                op = comp
        if re.search(r"\btro len\b", key[m.end() :]):
            op = Comparator.GE
    unit = (
        "%"
        if key[m.end("v") : m.end()].strip().startswith("%") or re.match(r"\s*%", key[m.end("v") :])
        else None
    )
    unit = _suffix_unit(key, m.end(), unit)
    if unit is None and re.match(r"\s+[a-z]", key[m.end("v") :]):
        # "6 phường", "10 doanh nghiệp": a count of the things named.
        unit = "số"
    return Cell(op, value, None, unit, TargetKind.LEVEL)


def _suffix_unit(key: str, end: int, unit: str | None) -> str | None:
    tail = key[end : end + 12]
    if unit == "%" and re.match(r"\s*grdp", tail):
        return "% GRDP"
    if unit == "%" and re.match(r"\s*/\s*n\w?m", tail):
        return "%/năm"
    if re.match(r"\s*gbps", tail) or re.match(r"\s*gbps", key[max(0, end - 5) : end + 6]):
        return "Gbps"
    return unit


def _unit_from_column(text: str) -> tuple[str | None, TargetKind | None]:
    key = compact(text)
    if not key and "%" not in text:
        return None, None
    if key.startswith("grdp") or ("grdp" in key and "%" in text):
        return "% GRDP", None
    if "%/n" in text.replace(" ", "") or ("nam" in key and "%" in text):
        return "%/năm", TargetKind.RATE
    if "%" in text:
        return "%", None
    if "van dan" in key:
        return "người/vạn dân", None
    if "gbps" in key:
        return "Gbps", None
    if re.search(r"\b(?:hang|thu hang|xep hang)\b", key):
        return "hạng", TargetKind.RANK
    if re.search(r"\blan\b", key):
        return "lần", TargetKind.MULTIPLE
    return "số", None


def table_targets(table: Table, default_year: int | None = None) -> list[Target]:
    """One target per value cell of a target table."""
    name_j = table.index("name")
    unit_j = table.index("unit")
    value_cols = [(j, c) for j, c in enumerate(table.columns) if c.role in ("year", "value")]
    baseline_cols = [(j, c) for j, c in enumerate(table.columns) if c.role == "baseline"]
    when_j = table.index("when")
    targets: list[Target] = []
    previous: list[Target] = []
    held = ""  # the name of the numbered row above, while no value has been read for it
    for row in table.rows:
        cells = row.cells or []
        name = (
            _FOOTNOTE.sub("", cells[name_j]).strip(" ;:")
            if name_j is not None and name_j < len(cells)
            else ""
        )
        first = cells[0].strip() if cells else ""
        if (
            not first
            and name
            and not any(j < len(cells) and cells[j].strip() for j, _ in value_cols)
        ):
            # A wrapped indicator name goes on in the row below.
            for t in previous:
                t.indicator = (t.indicator + " " + name)[:200]
            continue
        previous = []
        if first:
            held = name
        elif held:
            # A name wrapped onto the row that holds its values ("2 | Tỷ lệ hồ sơ", then
            # " | xử lý trực tuyến | % | 70"): the row carries on the numbered one above.
            name = f"{held} {name}".strip()
        row_year = _row_year(cells[when_j]) if when_j is not None and when_j < len(cells) else None
        if (
            first
            and not _ARABIC.match(first)
            and not any(j < len(cells) and cells[j].strip() for j, _ in value_cols)
        ):
            continue
        read = [
            (j, c, read_value_cell(cells[j]) if j < len(cells) else None) for j, c in value_cols
        ]
        read = [(j, c, v) for j, c, v in read if v is not None]
        if not read:
            continue
        held = ""
        col_unit, col_kind = (
            _unit_from_column(cells[unit_j])
            if unit_j is not None and unit_j < len(cells)
            else (None, None)
        )
        row_unit, row_kind = _row_unit([v for _, _, v in read], name, col_unit, col_kind)
        base_value, base_year = None, None
        for j, c in baseline_cols:
            if j < len(cells):
                b = read_value_cell(cells[j])
                if b is not None and b.value is not None:
                    base_value, base_year = b.value, c.year
        for j, c, v in read:
            kind = v.kind
            unit = v.unit
            if kind == TargetKind.ACHIEVE:
                unit = "bool"
            elif kind == TargetKind.MULTIPLE:
                unit = "lần"
            elif row_kind == TargetKind.RANK and v.unit != "%":
                kind, unit = TargetKind.RANK, "hạng"
            elif kind == TargetKind.RANK:
                unit = "hạng"
            else:
                if row_kind in (TargetKind.RATE, TargetKind.MULTIPLE):
                    kind = row_kind
                if unit is None:
                    unit = row_unit if (row_unit != "%" or _inherits_percent(v)) else "số"
                if kind == TargetKind.RATE and unit == "%":
                    unit = "%/năm"
                unit = unit_of_share(unit, name)
            target = Target(
                indicator=name[:200],
                kind=kind,
                op=v.op,
                value=v.value,
                unit=unit,
                year=(_cell_year(cells[j]) if kind != TargetKind.MULTIPLE else None)
                or row_year
                or (c.year if c.year is not None else default_year),
                line=row.cell_lines[j] if row.cell_lines and j < len(row.cell_lines) else row.start,
                text=cells[j].strip(),
                value_max=v.value_max,
                base_year=v.base_year,
                core=True,
                baseline_value=base_value,
                baseline_year=base_year,
            )
            targets.append(target)
        previous = targets[-len(read) :] if read else []
    return targets


def _row_year(cell: str) -> int | None:
    # "2025 - 2030": the milestone is the end of the period
    years = _YEAR.findall(cell)
    return int(years[-1]) if years else None


def _cell_year(cell: str) -> int | None:
    """A year the value cell gives itself: "100% (năm 2028)", "≥ 80% vào năm 2027"."""
    m = re.search(r"(?:\bn[aă]m|\bđến|\bvào|\btrong|\()\s*((?:19|20)\d\d)\b", cell, re.IGNORECASE)
    return int(m.group(1)) if m else None


def _inherits_percent(v: Cell) -> bool:
    # A bare "100" among percentages is a percentage; a bare "0" is nothing counted.
    return v.value is not None and 0 < v.value <= 100


def _row_unit(values: list[Cell], name: str, col_unit: str | None, col_kind: TargetKind | None):
    key = compact(name)
    # "Tỷ lệ ... (%)": the unit written after the indicator's name
    named = re.search(r"\(\s*([^()]{1,20})\s*\)\s*$", name)
    if (
        (col_unit is None or col_unit == "số")
        and named
        and ("%" in named.group(1) or "van dan" in compact(named.group(1)))
    ):
        col_unit, col_kind = _unit_from_column(named.group(1))
    if col_unit is not None and col_unit != "số":
        return col_unit, col_kind
    if re.search(r"\bvan dan\b", key):
        return "người/vạn dân", None
    # "Xếp hạng ...", "Thứ hạng ...": the row is a ranking; "Tổ chức được xếp hạng ..." counts things.
    ranking = re.match(r"(?:xep hang|thu hang|vi tri xep hang|hang)\b", key) or (
        re.search(r"\b(?:xep hang|thu hang)\b", key) and not re.search(r"\bduoc xep hang\b", key)
    )
    if ranking and not any(v.unit == "%" for v in values):
        return "hạng", TargetKind.RANK
    numeric = [v for v in values if v.value is not None and v.kind == TargetKind.LEVEL]
    if (
        re.search(r"\bchi so\b", key)
        and numeric
        and all(
            v.unit is None and float(v.value).is_integer() and 1 <= v.value <= 63 for v in numeric
        )
    ):
        return "hạng", TargetKind.RANK
    units = [v.unit for v in values if v.unit]
    if units:
        top = max(set(units), key=units.count)
        if top in ("%", "% GRDP", "%/năm") and units.count(top) * 2 >= len(numeric):
            return top, col_kind
    if re.search(r"\bgbps\b", key):
        return "Gbps", None
    if col_unit is not None:
        return col_unit, col_kind
    return "số", None


# --- task tables -------------------------------------------------------------------------


def table_tasks(table: Table) -> list[Task]:
    """One task per numbered row of a task table, grouped by its group rows."""
    name_j = table.index("name")
    lead_j = table.index("lead")
    co_j = table.index("co")
    dl_j = table.index("deadline")
    tasks: list[Task] = []
    group: str | None = None
    group_title: str | None = None
    last: Task | None = None

    def cell(cells: list[str], j: int | None) -> str:
        return cells[j].strip() if j is not None and j < len(cells) else ""

    firsts = [(r.cells or [""])[0].strip().rstrip(".") for r in table.rows]
    for i, row in enumerate(table.rows):
        cells = row.cells or []
        first = firsts[i]
        name = cell(cells, name_j)
        others = [cell(cells, j) for j in (lead_j, co_j, dl_j) if j is not None]
        # A group row names no agency and no deadline, and is either not a plain
        # number ("I", "A"), in capitals, or the parent of the rows after it ("1" > "1.1").
        parent = any(f.startswith(first + ".") for f in firsts[i + 1 : i + 3] if f)
        if (
            first
            and not any(others)
            and (
                not _ARABIC.match(first + ".")
                or name.isupper()
                or parent
                or _is_group_label(first, tasks)
            )
        ):
            group, group_title = first, _first_clause(name)
            last = None
            continue
        if not first:
            if last is not None and name:
                last.full_text = (last.full_text or last.text) + " " + name
                if not last.lead and cell(cells, lead_j):
                    last.lead = cell(cells, lead_j)
                if last.deadline.due is None and cell(cells, dl_j):
                    last.deadline = read_cell(cell(cells, dl_j))
            continue
        if not name:
            continue
        deadline = read_cell(cell(cells, dl_j)) if dl_j is not None else Deadline()
        co = cell(cells, co_j)
        last = Task(
            group=group,
            group_title=group_title,
            text=_first_sentence(name),
            line=row.start,
            lead=cell(cells, lead_j) or None,
            co_agencies=[c.strip() for c in re.split(r"[;,]\s*(?=[A-ZĐÀ-Ỹ])", co) if c.strip()]
            if co
            else [],
            deadline=deadline,
            full_text=name,
        )
        tasks.append(last)
    return tasks


def _is_group_label(first: str, tasks: list[Task]) -> bool:
    # Roman numerals and capital letters head groups; so do bare numbers when tasks are "1.1".
    return bool(re.fullmatch(r"[IVXLA-HĐ]+", first))


def _first_clause(text: str) -> str:
    text = re.sub(
        r"^(?:nhóm\s+)?(?:nhiệm vụ|NHIỆM VỤ)\s*(?:\d+|[IVX]+)?\s*[:.]\s*", "", text.strip()
    )
    return re.split(r";", text, maxsplit=1)[0].strip()[:200]


def _first_sentence(text: str) -> str:
    m = re.search(r"[.!?](?=\s+[A-ZĐÀ-Ỹ])", text)
    sentence = text[: m.start() + 1] if m else text
    return sentence.strip()[:200]
