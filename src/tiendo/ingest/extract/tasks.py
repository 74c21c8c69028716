"""Tasks: the items of the tasks sections, and the rows of task tables.

Under a tasks section ("Nhiệm vụ và giải pháp", "Nội dung chương trình hành
động", ...) the first level of numbered headings are the task groups; every
item below a group, numbered or bulleted and at any depth, is a task, in
order. Plain paragraphs are explanations, not tasks. A "Mục tiêu" sub-heading
of a group holds objectives, not tasks; a "Nhiệm vụ và giải pháp" sub-heading
only introduces the tasks under it. When no item of the section has items of
its own, the section's items are the tasks themselves and have no group.
"""

from __future__ import annotations

import re

from tiendo.domain.plan import SectionKind, Task
from tiendo.ingest.extract.agencies import find_lead
from tiendo.ingest.extract.deadlines import read_prose
from tiendo.ingest.extract.lines import ORDINAL_VALUES, PROGRAMME
from tiendo.ingest.extract.sections import Node, Outline, is_container

# Lines that describe the item above them rather than being tasks of their own:
# "- Cơ quan chủ trì: Sở Nội vụ.", "- Thời gian hoàn thành: Quý II/2025."
_ATTRIBUTE = re.compile(
    r"^\s*(?:(?:co quan|don vi|cq)\s+(?:chu tri|phoi hop|thuc hien|theo doi)|chu tri(?: thuc hien)?|phoi hop(?: thuc hien)?|"
    r"thoi gian(?: hoan thanh| thuc hien)?|thoi han(?: hoan thanh)?|tien do(?: thuc hien)?|san pham(?: dau ra)?|"
    r"ket qua(?: dau ra| du kien| can dat)?|kinh phi(?: thuc hien)?|nguon kinh phi|nguon von)"
    # "Thời gian hoàn thành Đề án: tháng 3/2026": the thing to complete may be named
    r"(?:\s+(?:de an|ke hoach|du an|nhiem vu|chuong trinh|bao cao|san pham))?\s*[:：]"
)
_PROGRAMME = re.compile(PROGRAMME)


def section_tasks(outline: Outline, plan_year: int | None = None) -> list[Task]:
    tasks: list[Task] = []
    for section in _task_sections(outline.root):
        items = [c for c in section.children if c.block is not None and c.block.kind == "item"]
        grouped = any(_has_items(c) for c in items if not c.is_bullet) or any(
            c.style in ("programme",) for c in items
        )
        if not grouped:
            if _listed_in_appendix(section, items):
                continue
            for item in items:
                if is_pointer(item):
                    continue
                tasks.extend(_tasks_under_item(item, None, None, plan_year))
            continue
        for group in items:
            if group.own_kind == SectionKind.OBJECTIVES:
                continue
            if group.is_bullet and not _has_items(group):
                # A bullet between groups is a task of the group before, or of none.
                tasks.append(_task(group, None, None, plan_year))
                continue
            label = _group_label(group)
            title = _group_title(group)
            for node in group.walk():
                if _skipped(node, group):
                    continue
                tasks.append(_task(node, label, title, plan_year))
    return tasks


def _task_sections(root: Node) -> list[Node]:
    """The outermost nodes whose kind is TASKS."""
    found = []

    def visit(node: Node) -> None:
        for child in node.children:
            if child.own_kind == SectionKind.TASKS:
                found.append(child)
                continue
            visit(child)

    visit(root)
    return found


def _has_items(node: Node) -> bool:
    return any(c.block is not None and c.block.kind == "item" for c in node.children)


# Tasks are written as orders ("Tổ chức ...", "Xây dựng ..."); a bullet that describes
# how something should be ("Nội dung quán triệt cần ...", "Hình thức ... phải ...") is not one.
_DESCRIPTIVE = re.compile(
    r"^\s*(?:noi dung|hinh thuc|phuong thuc|doi tuong|pham vi|yeu cau)\b(?:[\s,]+[^\s,;.]+){0,6}?[\s,]+(?:can|phai|gom|bao gom|la)\b"
)
_POINTER = re.compile(
    r"\((?:chi tiet|cu the|danh muc)\s+(?:tai|theo|o)\s+phu luc\b[^)]*\)\s*[.;]?\s*$"
)


# "Danh mục nhiệm vụ … tại Phụ lục", "Nhiệm vụ cụ thể, cơ quan chủ trì … tại Phụ lục kèm theo".
_LIST_IN_APPENDIX = re.compile(
    r"(?:\b(?:danh muc|chi tiet)\s+(?:cac\s+)?nhiem vu|^\s*(?:cac\s+)?nhiem vu cu the)\b"
    r".{0,160}?\b(?:tai|theo|o)\s+(?:cac\s+)?phu luc\b"
)


def _listed_in_appendix(section: Node, items: list[Node]) -> bool:
    """A tasks section whose text sends the reader to an appendix for its tasks: its
    numbered paragraphs (without items of their own) are the groups, explained in
    prose, and the tasks are the appendix's rows."""
    if any(_has_items(item) for item in items):
        return False
    paras = [p for n in (section, *section.walk()) for p in n.paras]
    return any(_LIST_IN_APPENDIX.search(p.key) for p in paras)


def is_pointer(node: Node) -> bool:
    """A numbered heading whose tasks are listed in an appendix: "(chi tiết tại Phụ lục)"."""
    block = node.block
    return block is not None and not node.is_bullet and bool(_POINTER.search(block.key))


def is_attribute(node: Node) -> bool:
    """An item that gives the lead, partners, deadline or output of the item above it."""
    block = node.block
    return block is not None and bool(_ATTRIBUTE.match(block.key[block.body :]))


def _skipped(node: Node, group: Node) -> bool:
    if node.block is None or node.block.kind != "item" or is_attribute(node):
        return True
    if node.is_bullet and _DESCRIPTIVE.match(node.block.key[node.block.body :]):
        return True
    for n in (node, *node.ancestors()):
        if n is group:
            break
        if n.own_kind == SectionKind.OBJECTIVES:
            return True
    return is_container(node) and _has_items(node)


def _tasks_under_item(
    item: Node, label: str | None, title: str | None, plan_year: int | None
) -> list[Task]:
    out = []
    if not (is_container(item) and _has_items(item)):
        out.append(_task(item, label, title, plan_year))
    for node in item.walk():
        if not _skipped(node, item):
            out.append(_task(node, label, title, plan_year))
    return out


def _group_label(group: Node) -> str | None:
    m = _PROGRAMME.match(group.title)
    if group.style == "programme":
        return group.label
    if m and group.is_bullet:
        label = m.group("label")
        return str(ORDINAL_VALUES.get(label.lower(), label))
    return group.label if not group.is_bullet else None


def _group_title(group: Node) -> str:
    title = _PROGRAMME.sub("", group.title).strip()
    title = re.split(r";", title, maxsplit=1)[0]
    return title.strip(" .:")[:200]


def _task(node: Node, label: str | None, title: str | None, plan_year: int | None) -> Task:
    block = node.block
    assert block is not None
    content = block.content.strip()
    key = block.key[block.body :]
    key = key[len(block.content) - len(block.content.lstrip()) :]
    # What the lines under the item say about it counts as said by the item.
    details = [
        c.block.content.strip() for c in node.children if c.block is not None and is_attribute(c)
    ]
    details += [p.text.strip() for p in node.paras if _ATTRIBUTE.match(p.key)]
    if details:
        content_all = content + " " + "; ".join(details)
        lead = find_lead(content_all)
        deadline = read_prose(content_all, plan_year=plan_year)
    else:
        lead = find_lead(content, key)
        deadline = read_prose(content, key, plan_year)
    return Task(
        group=label,
        group_title=title,
        text=first_sentence(content),
        line=block.start,
        lead=lead,
        deadline=deadline,
        full_text=content,
        end_line=block.end,
    )


def first_sentence(text: str) -> str:
    """The first sentence of an item, up to 200 characters."""
    m = re.search(r"[.!?](?=\s+[A-ZĐÀ-ỸẠ-Ỹ])", text)
    sentence = text[: m.start() + 1] if m else text
    return sentence.strip()[:200]
