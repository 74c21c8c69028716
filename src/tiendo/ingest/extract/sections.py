"""The outline of a plan: which block belongs to which section, and what each section is.

Numbering styles nest in whatever order the author chose ("I." > "1." > "a)"
> "-", or "1." > "1.1." > "-", or "Phần I" > "A." ...), and markdown heading
levels in exported files do not follow the logic of the document. The
outline therefore follows the numbering alone: an item whose style is
already open closes everything opened after it and becomes a sibling;
an item of a new style opens one level deeper. A Roman numeral, a "Phần",
the "Nơi nhận" block and an appendix heading start again from the top.

Section kinds come from the usual titles ("Mục tiêu", "Nhiệm vụ và giải pháp",
"Tổ chức thực hiện"...), matched on OCR-tolerant keys. A sub-heading inherits
its parent's kind unless its own title names another one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from tiendo.domain.plan import Section, SectionKind
from tiendo.ingest.extract.keys import compact
from tiendo.ingest.extract.lines import Block

# Styles that may number the top level; which one does is the first met in the body.
_TOP_STYLES = ("part", "upper", "roman", "article")
_DOC_TITLE = re.compile(r"^(?:ke hoach|chuong trinh|de an|quy che|quy dinh|phuong an)\b")

# Section titles, as compact keys (no diacritics, OCR digits read as letters).
_KIND_RULES: list[tuple[SectionKind, re.Pattern[str]]] = [
    (
        SectionKind.ASSESSMENT,
        re.compile(
            r"^(?:danh gia )?(?:thuc trang|tinh hinh|ket qua (?:thuc hien|dat duoc)|danh gia (?:ket qua|viec|tinh))"
        ),
    ),
    (SectionKind.PURPOSE, re.compile(r"^(?:m[uy]c [dpb]ich|y[eo]u c[aa]u)")),
    (
        SectionKind.OBJECTIVES,
        re.compile(
            r"^(?:(?:quan d[il]em|boi canh),? (?:va )?)?(?:cac )?(?:m[uy]c t[il]eu|ch[il] t[il]eu|tam nhin|dinh huong (?:den|muc tieu))"
        ),
    ),
    (SectionKind.VIEWPOINT, re.compile(r"^quan d[il]em")),
    (
        SectionKind.TASKS,
        re.compile(
            r"^(?:cac |nhung |mot so )?(?:nh[il]?[ea]m v[uy]|giai phap|noi dung (?:chuong trinh|ke hoach|nhiem vu|thuc hien|trien khai)|cac chuong trinh)"
        ),
    ),
    (
        SectionKind.ORGANISATION,
        re.compile(
            r"^(?:to chuc (?:thuc h[il]en|trien khai)|trach nhiem (?:thuc hien|cua)|phan cong (?:nhiem vu|trach nhiem|thuc hien)|dieu khoan thi hanh"
            # "Chế độ báo cáo", "Chế độ họp, thông tin, báo cáo"
            r"|che do (?:hop )?(?:thong tin )?bao cao)"
        ),
    ),
    (
        SectionKind.FUNDING,
        re.compile(r"^(?:kinh phi|nguon (?:kinh phi|von|luc tai chinh)|kinh phi va)"),
    ),
    (SectionKind.APPENDIX, re.compile(r"^phu luc")),
]
# Inside a tasks section only a "Mục tiêu" sub-heading changes the kind:
# a group titled "Tổ chức thực hiện chuyển đổi số" is still a task group.
_SUBGOAL = re.compile(
    r"^(?:\d[\d.]*\s+)?(?:cac )?m[uy]c t[il]eu(?: (?:chung|cu the|tong quat|den nam \d{4}))?$"
)
_CONTAINER = re.compile(
    r"^(?:cac )?(?:nh[il]?[ea]m v[uy](?: (?:va|,)? ?giai phap| cu the| trong tam| chu yeu)?|giai phap(?: thuc hien| chu yeu)?)$"
)
_YEAR_TITLE = re.compile(
    r"(?:(?:den|toi|hết|het|vao) (?:het )?(?:n\w?m )?|tam nhin (?:den )?(?:n\w?m )?|\bn\w?m |(?:giai doan|nhiem ky) \d{4} ?-? ?)(?P<year>(?:19|20)\d\d)\b"
)


@dataclass
class Node:
    """A heading or item of the outline, with what is written under it."""

    block: Block | None
    style: str | None = None
    label: str | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    paras: list[Block] = field(default_factory=list)
    own_kind: SectionKind | None = None
    year: int | None = None
    heading: bool = False

    @property
    def title(self) -> str:
        if self.block is None:
            return ""
        return self.block.content.strip()

    @property
    def kind(self) -> SectionKind | None:
        node: Node | None = self
        while node is not None:
            if node.own_kind is not None:
                return node.own_kind
            node = node.parent
        return None

    @property
    def heading_year(self) -> int | None:
        node: Node | None = self
        while node is not None:
            if node.year is not None:
                return node.year
            node = node.parent
        return None

    @property
    def is_bullet(self) -> bool:
        return bool(self.style and self.style.startswith("bullet"))

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            yield child
            yield from child.walk()


@dataclass
class Outline:
    """The plan's outline: a root node and, for every block, the node it sits in."""

    root: Node
    blocks: list[Block]
    owner: dict[int, Node]  # id(block) -> the node whose item it is or under which it stands
    closing_line: int | None = None  # the "Nơi nhận" line, end of the body

    def node_of(self, block: Block) -> Node:
        return self.owner[id(block)]

    def nodes(self) -> Iterator[Node]:
        yield from self.root.walk()


def short_title(text: str, words: int = 14) -> bool:
    return len(text.split()) <= words


def title_kind(node: Node) -> SectionKind | None:
    """The section kind a heading's own title names, if any."""
    if node.block is None or (node.is_bullet and not node.heading):
        return None
    title = node.title
    key = compact(title)
    inside_tasks = any(a.own_kind == SectionKind.TASKS for a in node.ancestors())
    if inside_tasks:
        if short_title(title, 8) and _SUBGOAL.match(key):
            return SectionKind.OBJECTIVES
        return None
    if node.style not in _TOP_STYLES and not short_title(title, 16):
        return None
    for kind, pattern in _KIND_RULES:
        if pattern.match(key):
            if kind == SectionKind.VIEWPOINT and "muc tieu" in key:
                return SectionKind.OBJECTIVES
            return kind
    return None


def is_container(node: Node) -> bool:
    """A "Nhiệm vụ và giải pháp" sub-heading: its items are tasks, it is not."""
    return short_title(node.title, 8) and bool(_CONTAINER.match(compact(node.title)))


def title_year(title: str) -> int | None:
    """The milestone year a short heading names ("Đến năm 2030", "Tầm nhìn 2045")."""
    if not short_title(title, 16):
        return None
    years = [int(m.group("year")) for m in _YEAR_TITLE.finditer(compact(title))]
    return max(years) if years else None


def _heading_year(node: Node) -> int | None:
    """The milestone year of an item that heads others ("a) Đến năm 2030", "- Giai đoạn 2026-2030:").

    A bullet that states a target ("- Số doanh nghiệp tăng 2 lần so với năm 2020.")
    is not a heading, even when short.
    """
    title = node.title.strip()
    if node.is_bullet and not title.endswith(":") and len(title.split()) > 6:
        return None
    if "%" in title:
        return None
    return title_year(title)


# A lone "i", "v" or "x" is a Roman numeral when it opens a list or follows the one before it.
_ROMAN_BEFORE = {"i": None, "v": "iv", "x": "ix"}


def _lower_roman(block: Block, stack: list[Node]) -> str | None:
    """ "lroman" for an "i.", "v." or "x." that numbers like "ii.", "iii.", not like "h)", "u)"."""
    if block.style != "letter" or block.label not in _ROMAN_BEFORE:
        return None
    letters = [n for n in stack if n.style == "letter"]
    romans = [n for n in stack if n.style == "lroman"]
    before = _ROMAN_BEFORE[block.label]
    if before is None:
        # "i." opens a list of numerals unless it follows a lettered "h)"
        return None if letters and letters[-1].label == "h" else "lroman"
    if romans and romans[-1].label == before:
        return "lroman"
    return None


def build_outline(blocks: list[Block]) -> Outline:
    root = Node(block=None)
    stack: list[Node] = [root]
    owner: dict[int, Node] = {}
    closing_line = None
    closed = False
    top_style: str | None = None
    milestone: dict[int, int] = {}  # id(node) -> year of the last "Đến năm 2030:" line under it

    def reset() -> None:
        del stack[1:]

    for block in blocks:
        if block.kind == "closing":
            closing_line = closing_line or block.start
            closed = True
            reset()
            node = Node(block=block, heading=True)
            node.parent = root
            root.children.append(node)
            owner[id(block)] = node
            continue
        if block.kind == "row":
            owner[id(block)] = stack[-1]
            continue
        key = compact(block.text)
        if (
            closed
            and block.kind == "heading"
            and _DOC_TITLE.match(key)
            and block.text[:8].isupper()
        ):
            # A decision's signature is followed by the plan it issues: a new document.
            closed = False
            top_style = None
            reset()
            root.paras.append(block)
            owner[id(block)] = root
            continue
        if (
            block.kind in ("heading", "para")
            and re.match(r"^phu luc\b", key)
            and short_title(block.text, 12)
        ):
            # An appendix starts the outline again, after the signature or not.
            closed = False
            top_style = None
            reset()
            node = Node(block=block, heading=True, own_kind=SectionKind.APPENDIX)
            node.parent = root
            root.children.append(node)
            stack.append(node)
            owner[id(block)] = node
            continue
        if closed:
            owner[id(block)] = root.children[-1]
            continue
        if block.kind == "item":
            style = _lower_roman(block, stack) or block.style
            if style in _TOP_STYLES and top_style is None:
                top_style = style
            if style == top_style:
                reset()
            else:
                styles = [n.style for n in stack]
                if style in styles:
                    del stack[styles.index(style) :]
                elif style in ("roman", "part"):
                    # A Roman numeral or a "Phần" heads a section; it never sits
                    # under a numbered item or a bullet, whatever came before it.
                    while len(stack) > 1 and stack[-1].style not in (None, *_TOP_STYLES):
                        stack.pop()
                elif style in ("programme", "wordnum"):
                    # "Giải pháp 3:", "Ba là, …" head groups of items, never a bullet's.
                    while len(stack) > 1 and stack[-1].is_bullet:
                        stack.pop()
            parent = stack[-1]
            node = Node(block=block, style=style, label=block.label, parent=parent)
            node.heading = block.markdown or block.bold
            parent.children.append(node)
            stack.append(node)
            owner[id(block)] = node
            node.own_kind = title_kind(node)
            node.year = _heading_year(node) or milestone.get(id(parent))
            if (
                node.title.rstrip().endswith(":")
                and short_title(node.title, 12)
                and title_year(node.title) is not None
            ):
                # "- Đến năm 2025:" heads the items after it, also when they are
                # bullets of its own kind ("- Đến năm 2025:" / "- Tỷ lệ …").
                milestone[id(parent)] = title_year(node.title)
            continue
        if block.kind == "heading" and short_title(block.text, 16):
            # A heading in capitals names a top section wherever it stands.
            caps = block.text.upper() == block.text
            kind_probe = Node(block=block, heading=True, parent=None if caps else stack[-1])
            kind = title_kind(kind_probe)
            if kind is not None:
                # An unnumbered heading naming a section ("MỤC TIÊU") stands at the top.
                reset()
                node = Node(block=block, heading=True, parent=root, own_kind=kind)
                node.year = title_year(block.text)
                root.children.append(node)
                stack.append(node)
                owner[id(block)] = node
                continue
        year = (
            title_year(block.text)
            if block.kind == "para"
            and block.text.rstrip().endswith(":")
            and short_title(block.text, 12)
            else None
        )
        if year is not None:
            # "Đến năm 2030:" on its own line heads the items that follow it; after
            # the bullets of the milestone before, it ends their list.
            while len(stack) > 1 and stack[-1].is_bullet:
                stack.pop()
        parent = stack[-1]
        parent.paras.append(block)
        owner[id(block)] = parent
        if year is not None:
            milestone[id(parent)] = year
        if parent.block is not None and parent.year is None and block.kind == "heading":
            parent.year = title_year(block.text)
    return Outline(root=root, blocks=blocks, owner=owner, closing_line=closing_line)


def to_sections(outline: Outline) -> list[Section]:
    """The heading tree for display: sections, sub-sections and task groups."""
    sections: list[Section] = []

    def visit(node: Node, level: int) -> None:
        for child in node.children:
            if child.block is None or child.block.kind == "closing":
                continue
            has_items = any(not c.is_bullet or c.children for c in child.children) or bool(
                child.children
            )
            headingish = child.style in _TOP_STYLES or child.heading or child.own_kind is not None
            if not (headingish or (has_items and not child.is_bullet)):
                continue
            kind = child.own_kind
            if kind is None and child.parent is not None and child.parent.kind == SectionKind.TASKS:
                kind = SectionKind.TASK_GROUP if has_items else None
            title = child.title
            sections.append(
                Section(
                    number=child.label if not child.is_bullet else None,
                    title=title[:200],
                    line=child.block.start,
                    level=level,
                    kind=kind or child.kind or SectionKind.OTHER,
                    end_line=_last_line(child),
                )
            )
            visit(child, level + 1)

    visit(outline.root, 1)
    return sections


def _last_line(node: Node) -> int:
    last = node.block.end if node.block else 0
    for b in node.paras:
        last = max(last, b.end)
    for child in node.children:
        last = max(last, _last_line(child))
    return last
