"""Lines of a plan grouped into blocks: items, paragraphs, headings, table rows.

Plans reach us as plain text exported from Word or PDF, as markdown, or as
OCR output. Whatever the source, a reader sees the same units: a numbered or
bulleted item, a paragraph, a heading, a table row. This module recovers
those units from the lines, undoing what the export did to them: markdown
decoration, lines hard-wrapped at the page width, paragraphs cut by page
breaks (a blank line, then the sentence goes on in lower case), footnotes
dropped between two halves of a sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tiendo.ingest.extract.aligned import aligned_rows
from tiendo.ingest.extract.keys import fold_keep, ocr_key
from tiendo.ingest.extract.stacked import stacked_rows

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# Groups numbered in words: "Nhóm nhiệm vụ thứ nhất", "Chương trình thứ hai".
ORDINAL_VALUES = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10,
}  # fmt: skip
ORDINALS = "(?i:" + "|".join(sorted(ORDINAL_VALUES, key=len, reverse=True)) + r")\b"
#: a numbered programme or group of tasks: "Chương trình 3:", "Nhóm nhiệm vụ thứ hai:",
#: "Nhiệm vụ 1.", "Mục 2." (a numbered section under a "Phần"), "Mục A." (a lettered one)
PROGRAMME = (
    r"^(?:Chương trình|CHƯƠNG TRÌNH|Nhóm nhiệm vụ|NHÓM NHIỆM VỤ|Nhóm giải pháp|NHÓM GIẢI PHÁP|Nhóm|NHÓM"
    r"|Nhiệm vụ|NHIỆM VỤ|Giải pháp|GIẢI PHÁP|Lĩnh vực|LĨNH VỰC|Nội dung|NỘI DUNG|Mục|MỤC)"
    r"\s+(?:(?:số|thứ|THỨ)\s+)?(?P<label>\d+|[IVX]+|[A-HĐ](?=\s*[:.])|"
    + ORDINALS
    + r")\s*[:.\-–]\s*"
)

# Markers at the start of a line, most specific first. Each gives a style:
# items of the same style at the same place are siblings.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    (
        "part",
        re.compile(
            r"^(?:PHẦN|Phần)\s+(?:(?:thứ|THỨ)\s+)?(?P<label>[IVX]+\b|\d+|[^\W\d_]+)\s*[.:\-–]?\s*(?=\S|$)"
        ),
    ),
    # "Chương II. MỤC TIÊU": chapters of a ministry's plan are its parts (not "Chương trình 2")
    ("part", re.compile(r"^(?:CHƯƠNG|Chương)\s+(?P<label>[IVX]+|\d+)\s*[.:\-–]\s*(?=\S)")),
    ("article", re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<label>\d+)\s*[.:]\s*")),
    ("programme", re.compile(PROGRAMME)),
    # "I.1. Hoàn thiện …", "VI.3. …": the items of a Roman-numbered group
    ("romandec", re.compile(r"^(?P<label>(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})\.\d{1,2})\.?\s+(?=\S)")),
    # "II. MỤC TIÊU", "II- …", "II/ …"; "1. …", "1) …", "1- …", "1/ …"; "a) …", "a/ …"
    ("roman", re.compile(r"^(?P<label>(?=[IVX])[IVXl1|]{1,5})\s*(?:[.\-–:)]|/(?=\s))\s*(?=\S)")),
    # "A.1. Bối cảnh", "D.2. …": the numbered parts of a lettered section
    ("upperdec", re.compile(r"^(?P<label>[A-HĐ]\.\d{1,2})\.?\s+(?=\S)")),
    ("upper", re.compile(r"^(?P<label>[A-HĐ])\s*(?:[.)]|[-–/](?=\s))\s+(?=\S)")),
    ("dec", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s*[.):/\-–]?\s+(?=\S)")),
    # not "2.000 lượt …" (thousands) nor "2,5%": a number that wrapped to the line's start
    ("arabic", re.compile(r"^(?P<label>\d{1,2})\s*(?:\.(?!\d)|\)|\s-\s|-\s|/\s)\s*(?=\S)")),
    # "ii.", "iv)": lower-case Roman numerals; a lone "i.", "v." or "x." reads as a
    # letter here and as a numeral in the outline when it follows one
    ("lroman", re.compile(r"^(?P<label>i{2,3}|iv|vi{1,3}|ix)\s*[.)]\s+(?=\S)")),
    ("letter", re.compile(r"^(?P<label>[a-zđ])\s*(?:[).]|[-/](?=\s))\s+(?=\S)")),
    ("paren", re.compile(r"^\((?P<label>\d{1,2}|[a-zđ])\)\s*(?=\S)")),
    # enumerations in words: "Thứ nhất, …", "Một là, …"
    (
        "wordnum",
        re.compile(
            r"^(?:(?:Thứ|THỨ)\s+(?P<label>nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
            r"|(?P<alt>Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là)\s*[,:.]\s*(?=\S)"
        ),
    ),
    (
        "bullet",
        re.compile(
            r"^(?P<label>[-–—+•·○●▪■◦➢❖►✓➤➔→▸▹▶◆◇✔☐☑\uf000-\uf0ff])(?:\s+|(?=[A-ZĐÀ-Ỹa-zà-ỹ]))"
            # Word's second-level bullet exported as a letter o
            r"|^(?P<o>o)\s+(?=[A-ZĐÀ-Ỹ])|^(?P<star>\*)\s+"
        ),
    ),
]
_BULLET_STYLE = {"-": "dash", "–": "dash", "—": "dash"}

_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
# A page number left by a PDF export: "12", "- 12 -", "Trang 3", and a running footer
# with the page at one end, set off by a wide gap ("Kế hoạch số 03-KH/BCĐ      Trang 2/8").
_PAGE_NUMBER = re.compile(
    r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^(?:Trang|trang)\s+\d{1,3}(?:\s*/\s*\d{1,3})?$"
    r"|^[^\t]{4,100}?\S(?: {3,}|\t+)(?:Trang|trang)\s+\d{1,3}\s*/\s*\d{1,3}$"
    r"|^(?:Trang|trang)\s+\d{1,3}\s*/\s*\d{1,3}(?: {3,}|\t+)\S[^\t]{4,100}$"
)
_ROW_SPLIT = re.compile(r"\t")
_CLOSING = re.compile(r"^(?:nơi nhận|noi nhan)\b", re.IGNORECASE)
_END_PUNCT = re.compile(r"[.!?:;)]\s*$")


@dataclass
class Block:
    """One unit of the plan: an item, a paragraph, a heading or a table row."""

    kind: str  # "item", "para", "heading", "row", "closing"
    start: int  # first line, 1-based
    end: int  # last line
    text: str  # cleaned lines joined with single spaces
    line_starts: list[int] = field(default_factory=list)  # offset in text of each joined line
    line_numbers: list[int] = field(default_factory=list)
    style: str | None = None  # marker style of an item
    label: str | None = None  # the marker as written: "1", "1.2", "a", "III", "-"
    body: int = 0  # offset in text where the content after the marker begins
    markdown: bool = False  # a markdown heading ("#")
    bold: bool = False  # the whole line was bold
    cells: list[str] | None = None  # table cells of a row
    cell_lines: list[int] | None = (
        None  # the line of each cell, when cells stand on lines of their own
    )
    _key: str | None = None
    _fold: str | None = None

    @property
    def key(self) -> str:
        """OCR-tolerant folded key of ``text`` (same length)."""
        if self._key is None:
            self._key = ocr_key(self.text)
        return self._key

    @property
    def folded(self) -> str:
        """Plainly folded key of ``text`` (same length)."""
        if self._fold is None:
            self._fold = fold_keep(self.text)
        return self._fold

    @property
    def content(self) -> str:
        return self.text[self.body :]

    def line_at(self, offset: int) -> int:
        """The 1-based line of the character at ``offset`` in ``text``."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_numbers[max(i, 0)]


def clean_line(raw: str) -> tuple[str, bool, bool]:
    """A line without markdown decoration; also whether it was a heading or bold."""
    line = raw.replace("\u00a0", " ").rstrip()
    stripped = line.lstrip()
    markdown = bool(re.match(r"#{1,6}\s", stripped))
    if markdown:
        stripped = re.sub(r"^#{1,6}\s+", "", stripped)
    bold = stripped.startswith("**") and stripped.rstrip().endswith("**") and len(stripped) > 4
    text = stripped.replace("**", "").replace("\\*", "*").replace("__", "")
    # A markdown hard break ends in two spaces; emphasis stars may wrap a line.
    text = re.sub(r"^\*(?=\S)(.*)\*$", r"\1", text.strip()) if bold else text.strip()
    # Markdown writers escape what would read as markup: "1\\. Nâng cao", "\\- Tổ chức".
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~<])", r"\1", text)
    return text, markdown, bold


# Cells set off by " | " without the outer pipes of markdown: "1 | Tỷ lệ … | % | 80".
_INNER_PIPE = re.compile(r"\S\s+\|\s+\S")
# The borders of a grid table ("+-----+------+", "+=====+") hold no cells.
GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")


def is_table_row(raw: str) -> bool:
    """A tab-separated row, a markdown or grid pipe row, or cells set off by " | "."""
    if "\t" in raw.rstrip("\n"):
        # A cell may hold the end of the cell above: "\tvà quy trình\t\t" is still a row.
        return sum(1 for c in raw.split("\t") if c.strip()) >= 2 or raw.count("\t") >= 2
    s = raw.strip()
    if s.startswith("|"):
        return s.count("|") >= 3
    return len(_INNER_PIPE.findall(s)) >= 2


def untab(raw: str) -> str:
    """A line without the tabs a word processor puts in paragraphs rather than tables.

    Word exports indent paragraphs with tabs ("\\tNội dung …") and put a tab
    between a list's number and its text ("a)\\tTổ chức …", "1.\\tNâng cao …"). Such
    tabs do not make table cells: the line is a paragraph or an item. A line
    that ends with tabs keeps them, as a table row with empty cells does
    ("\\t(tiếp theo của ô trên)\\t\\t").
    """
    if "\t" not in raw:
        return raw
    line = raw.rstrip("\n\r ")
    if line.endswith("\t"):
        return raw
    body = line.lstrip(" \t")
    if "\t" not in body:
        return body
    head, _, rest = body.partition("\t")
    marker = find_marker(head + " " + rest.lstrip())
    if marker and marker[2] >= len(head) and "\t" not in rest and head.strip():
        return head + " " + rest.lstrip()
    return raw


def _short_pipe_rows(lines: list[str]) -> set[int]:
    """Rows of two cells ("I | Hạ tầng số") among rows set off by " | ".

    One " | " alone is too little to call a line a row, except next to lines
    that are rows of that kind: the group rows of such a table.
    """
    rows = {i for i, x in enumerate(lines) if "|" in x and is_table_row(x)}
    if not rows:
        return set()
    return {
        i
        for i, x in enumerate(lines)
        if i not in rows and _INNER_PIPE.search(x) and (i - 1 in rows or i + 1 in rows)
    }


def row_cells(raw: str) -> list[str]:
    """The cells of a table row, stripped of markdown decoration."""
    s = raw.rstrip("\n")
    if s.strip().startswith("|"):
        s = s.strip()
        s = s[1:-1] if s.endswith("|") else s[1:]
        cells = s.split("|")
    elif "\t" not in s and _INNER_PIPE.search(s):
        cells = s.split("|")
    else:
        cells = _ROW_SPLIT.split(s)
    # "<br>" breaks a line inside an exported cell.
    cells = [re.sub(r"<br\s*/?>", " ", c) for c in cells]
    return [c.replace("**", "").replace("\\*", "*").strip() for c in cells]


def is_separator_row(cells: list[str]) -> bool:
    """The ``|---|:---:|`` line under a markdown table header."""
    return bool(cells) and all(re.fullmatch(r":?-{2,}:?", c) or not c for c in cells) and any(cells)


def roman_value(label: str) -> int | None:
    """Value of a Roman numeral, reading OCR's "l", "1" and "|" as "I"."""
    s = re.sub(r"[l1|]", "I", label).upper()
    if not re.fullmatch(r"[IVX]+", s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[s[i + 1]] if i + 1 < len(s) else 0
        total += -v if v < nxt else v
    return total if 0 < total <= 30 else None


def to_roman(value: int) -> str:
    out = ""
    for v, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= v:
            out += s
            value -= v
    return out


def find_marker(text: str) -> tuple[str, str, int] | None:
    """The item marker at the start of ``text``: (style, label, content offset)."""
    for style, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        label = (
            groups.get("label") or groups.get("alt") or groups.get("o") or groups.get("star") or ""
        )
        if style == "wordnum":
            label = str(ORDINAL_VALUES.get(label.lower(), 1 if label.lower() == "một" else label))
        if style == "roman":
            value = roman_value(label)
            if value is None:
                continue
            label = to_roman(value)
        if style == "bullet":
            style = "bullet:" + _BULLET_STYLE.get(label, label)
            if label == "*" and text.startswith("**"):
                continue
        if style == "dec":
            style = f"dec{label.count('.') + 1}"
        if style == "programme" and label.lower() in ORDINAL_VALUES:
            label = str(ORDINAL_VALUES[label.lower()])
        return style, label, m.end()
    return None


def _is_caps_title(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if line.lstrip()[:1].isdigit() or "%" in line:
        # "20-25% GRDP.": the end of a wrapped sentence, not a title in capitals
        return False
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(line.split()) <= 14


def _starts_block(
    style: str, prev_text: str | None, after_blank: bool, expected: bool = False
) -> bool:
    """Whether a line with a marker starts an item or goes on the line before it.

    Hard-wrapped text can put a number at the start of a line mid-sentence
    ("... đến năm\\n2030. Tiếp tục"); an item marker counts only after a blank
    line, a line that ends a sentence or a heading, or when its number is the
    one the outline expects next ("1.1." under "1.", "1.2." after "1.1.").
    Bullets and Roman numerals always count.
    """
    if style.startswith("bullet") or style in ("roman", "part", "article", "programme") or expected:
        return True
    if after_blank or prev_text is None:
        return True
    if _is_caps_title(prev_text) or _is_caps_title(_strip_marker(prev_text)):
        return True
    return bool(_END_PUNCT.search(prev_text))


# Words a line cannot end a heading or a paragraph on: the sentence goes on below.
_OPEN_ENDINGS = {
    "va", "cua", "cac", "cho", "voi", "ve", "trong", "theo", "de", "den", "tu", "tai", "la", "duoc",
    "nhung", "co", "hoac", "nham", "nhu", "o", "tren", "duoi", "vao", "bang", "khi", "neu", "thi",
    "ma", "mot", "nam", "thang", "ngay", "quy", "giai", "doan", "dat", "muc", "nhat", "phan",
}  # fmt: skip


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at (PDF export, OCR), or None when lines are paragraphs.

    Wrapped text fills its lines to about the same length, so the longest lines
    are barely longer than the usual long line; paragraphs written one to a line
    vary widely in length.
    """
    lengths = sorted(len(x.rstrip()) for x in lines if x.strip() and "\t" not in x and "|" not in x)
    if len(lengths) < 20:
        return None
    p90 = lengths[int(len(lengths) * 0.9)]
    if p90 <= 130 and lengths[-1] <= p90 * 1.15:
        return p90
    return None


def heading_like(line: str) -> bool:
    """A short line that names what follows instead of running on into it.

    "1. Hoàn thiện thể chế", "3. Định hướng đến năm 2035", "a) Mục tiêu":
    no sentence end, few words, and no word that needs the next line
    ("... của", "... đến năm").
    """
    marker = find_marker(line)
    body = line[marker[2] :] if marker else line
    words = body.split()
    if not words or len(words) > (16 if marker else 10):
        return False
    if not marker and not body[:1].isupper():
        return False
    if re.search(r"[,;\-–(/]\s*$", body):
        return False
    if body.rstrip().endswith(":"):
        return True
    return fold_keep(words[-1]).lower().strip(".") not in _OPEN_ENDINGS


# Lettered items follow the Vietnamese alphabet ("d)", "đ)", "e)", "g)"); some
# authors follow the Latin one ("d)", "e)", "f)").
_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _caps_heading(marker: tuple[str, str, int], line: str) -> bool:
    """A numbered title in capitals ("C. NHIỆM VỤ VÀ GIẢI PHÁP") starts its own block
    even after a line that does not end a sentence (the last row of a flattened table)."""
    style, _label, body = marker
    return not style.startswith("bullet") and _is_caps_title(line[body:])


def _successors(label: str) -> set[str]:
    """Labels that may come after ``label``: its first child, next sibling, next uncle."""
    if re.fullmatch(r"[a-zđ]", label):
        i = _LETTERS.find(label)
        out = {_LETTERS[i + 1]} if 0 <= i < len(_LETTERS) - 1 else set()
        if label != "z" and label != "đ":
            out.add(chr(ord(label) + 1))
        return out
    if not re.fullmatch(r"\d+(?:\.\d+)*", label):
        return set()
    parts = [int(p) for p in label.split(".")]
    # A numbered heading may open its items with "a)" on the very next line.
    out = {label + ".1", "a"}
    for k in range(len(parts), 0, -1):
        head = [*parts[: k - 1], parts[k - 1] + 1]
        out.add(".".join(str(p) for p in head))
    return out


def _opens_sentence(line: str) -> bool:
    first = line.lstrip('"“*([')[:1]
    return first.isupper()


def _strip_marker(line: str) -> str:
    marker = find_marker(line)
    return line[marker[2] :] if marker else line


def _wrapped_dash(
    marker: tuple[str, str, int], line: str, prev_text: str | None, so_far: str
) -> bool:
    """A dash that goes on the line before rather than opening a bullet.

    A range or a compound cut by the line's end ("… Thời hạn: 2025" / "- 2030.",
    "… kết nối cung" / "- cầu công nghệ") puts its dash at the start of a line.
    """
    if marker[0] != "bullet:dash" or prev_text is None:
        return False
    rest = line[marker[2] :]
    if so_far.count("(") > so_far.count(")"):
        # inside a bracket: "(Phòng Văn hóa" / "- Xã hội chủ trì; …)"
        return True
    if re.search(r"\b(?:19|20)\d\d\s*$", prev_text) and re.match(r"(?:19|20)\d\d\b", rest):
        return True
    prev_marker = find_marker(prev_text)
    if heading_like(prev_text) and not (prev_marker and prev_marker[0].startswith("bullet")):
        # "a) Mục tiêu" / "- tỷ lệ …": the items of a heading, even in lower case
        return False
    # "… vịnh Hạ Long" / "- quần đảo Cát Bà.": a bullet opens with a capital; a dash
    # before a word in lower case, after a line that ends no sentence, is a wrapped one.
    return rest[:1].islower() and not re.search(r"[.:;!?]\s*$", prev_text)


def running_headers(lines: list[str]) -> set[str]:
    """Lines a PDF export repeats at every page break ("Kế hoạch số 215/KH-SKHCN ngày …").

    A running header or footer is the same line next to page numbers again and
    again; a line that merely repeats ("Chủ trì: Sở Y tế; thời gian: 2026.") is
    not one, as it stands away from page numbers.
    """
    pages = [i for i, x in enumerate(lines) if _PAGE_NUMBER.match(x.strip())]
    if len(pages) < 2:
        return set()
    near: dict[str, set[int]] = {}
    for i in pages:
        # the two nearest lines with text on each side of the page number
        for side in (range(i - 1, max(i - 6, -1), -1), range(i + 1, min(i + 6, len(lines)))):
            seen = 0
            for j in side:
                s = lines[j].strip()
                if not s or _PAGE_NUMBER.match(s):
                    continue
                seen += 1
                if seen > 2:
                    break
                if len(s) >= 15 and "\t" not in s and re.search(r"[^\W\d_]{2}", s):
                    # a line between two close page numbers counts once, not once for each
                    near.setdefault(s, set()).add(j)
    return {s for s, n in near.items() if len(n) >= 2 and find_marker(s) is None}


def build_blocks(text: str) -> list[Block]:
    """Group the lines of ``text`` into blocks, in document order."""
    blocks: list[Block] = []
    current: Block | None = None
    after_blank = True
    prev_text: str | None = None
    expected: set[str] = set()  # item numbers that may come next

    def close() -> None:
        nonlocal current
        if current is not None:
            blocks.append(current)
        current = None

    def open_block(kind: str, number: int, line: str, **kw) -> Block:
        nonlocal current
        close()
        current = Block(
            kind=kind,
            start=number,
            end=number,
            text=line,
            line_starts=[0],
            line_numbers=[number],
            **kw,
        )
        return current

    def extend(number: int, line: str) -> None:
        assert current is not None
        current.line_starts.append(len(current.text) + 1)
        current.line_numbers.append(number)
        current.text += " " + line
        current.end = number

    lines = text.split("\n")
    wrap = wrap_width(lines)
    running = running_headers(lines)
    aligned = aligned_rows(lines)
    short_rows = _short_pipe_rows(lines)
    stacked = stacked_rows(lines)
    inside_stacked = {k for row in stacked.values() for k in range(min(row.lines), row.end + 1)}
    prev_len = 0
    page_break = False  # a page number or running header was skipped since the last line

    def ended(prev: str | None) -> bool:
        """The line before ended its paragraph, so a capital or a marker starts a new one."""
        if prev is None:
            return True
        if wrap is not None and prev_len >= 0.8 * wrap:
            return False  # a full line of wrapped text goes on below
        if heading_like(prev):
            return True
        return bool(re.search(r"[.!?:;]\s*$", prev))

    for number, raw in enumerate(lines, start=1):
        if number - 1 in stacked:
            row = stacked[number - 1]
            open_block("row", number, " ".join(c for c in row.cells if c), cells=row.cells)
            current.cell_lines = [k + 1 for k in row.lines]
            current.end = row.end + 1
            close()
            after_blank, prev_text = False, None
            continue
        if number - 1 in inside_stacked:
            continue
        raw = untab(raw)
        if GRID_BORDER.match(raw):
            # The rows of a grid table go on across its borders.
            continue
        if not raw.strip():
            after_blank = True
            if current is not None and current.kind in ("heading", "row"):
                close()
            continue
        if (
            _FOOTNOTE.match(raw.strip())
            or _PAGE_NUMBER.match(raw.strip())
            or raw.strip() in running
        ):
            # A footnote sits between two halves of a paragraph; it ends nothing.
            page_break = page_break or not _FOOTNOTE.match(raw.strip())
            continue
        first_cell = row_cells(raw)[0] if is_table_row(raw) else raw
        if _CLOSING.match(fold_keep(clean_line(first_cell)[0])):
            # "Nơi nhận:" beside the signature, the two columns of the block
            # exported with a tab or as a table row: it ends the body like the plain form.
            open_block("closing", number, clean_line(first_cell)[0])
            close()
            after_blank, prev_text = False, None
            continue
        if is_table_row(raw) or number - 1 in aligned or number - 1 in short_rows:
            cells = aligned.get(number - 1) or row_cells(raw)
            open_block("row", number, raw.strip(), cells=cells)
            close()
            after_blank, prev_text = False, None
            continue
        line, markdown, bold = clean_line(raw)
        if not line:
            after_blank = True
            continue
        if _CLOSING.match(fold_keep(line)):
            open_block("closing", number, line)
            close()
            after_blank, prev_text = False, line
            continue
        marker = find_marker(line)
        joinable = (
            current is not None
            and current.kind in ("item", "para", "heading")
            and not (current.markdown or current.bold)
            and not markdown
        )
        if (
            marker
            and joinable
            and not after_blank
            and current is not None
            and _wrapped_dash(marker, line, prev_text, current.text)
        ):
            # "Thời hạn: 2025" / "- 2030.": a wrap put the dash of a range first.
            marker = None
        if marker and (
            _starts_block(marker[0], prev_text, after_blank, marker[1] in expected)
            or ended(prev_text)
            or _caps_heading(marker, line)
            # a heading ("### Nhóm nhiệm vụ thứ nhất: …") ends its line: its items follow
            or (current is not None and (current.markdown or current.bold))
        ):
            style, label, body = marker
            # A numbered heading in capitals ("II. MỤC TIÊU") takes no continuation lines.
            caps = _is_caps_title(line[body:]) and not style.startswith("bullet")
            open_block(
                "item",
                number,
                line,
                style=style,
                label=label,
                body=body,
                markdown=markdown,
                bold=bold or caps,
            )
            if style == "roman":
                expected.clear()
            expected.update(_successors(label))
        elif markdown or (bold and not joinable):
            open_block("heading", number, line, markdown=markdown, bold=bold)
        elif _is_caps_title(line):
            # A title in capitals ("KẾ HOẠCH", "PHỤ LỤC") stands alone.
            open_block("heading", number, line, markdown=markdown, bold=True)
        elif joinable and not after_blank and not (ended(prev_text) and _opens_sentence(line)):
            extend(number, line)
        elif (
            joinable
            and after_blank
            and current is not None
            and current.kind in ("item", "para")
            and not re.search(r"[.!?]\s*$", current.text)
            and (
                line.lstrip('"“*([')[:1].islower()
                # "… còn hiệu lực của" / page 2 / "07 phường cũ, …": a count goes on too
                or (page_break and line[:1].isdigit() and not re.search(r"[:;]\s*$", current.text))
            )
        ):
            # A page break cut the paragraph: it goes on in lower case.
            extend(number, line)
        else:
            open_block("para", number, line, markdown=markdown, bold=bold)
        if current is not None and (markdown or bold):
            current.markdown = current.markdown or markdown
            current.bold = current.bold or bold
        after_blank = False
        page_break = False
        prev_text = line
        prev_len = len(raw.rstrip())
    close()
    return blocks
