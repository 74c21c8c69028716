"""Read a plan's text into targets, tasks, reporting duties and metadata.

The text is cut into blocks (``lines``), the blocks into an outline of
sections (``sections``); metadata come from the header, title, preamble and
signature (``metadata``); targets from the objectives and tasks in prose
(``quantities``, ``targets``, ``indicators``) and from target tables (``tables``); tasks from the task
sections (``tasks``) and task tables; reporting and planning duties from the
tasks and implementation sections (``duties``). Every rule works on the
language and layout of such plans, on keys without diacritics so that text
OCR'd without them is read too.
"""

from __future__ import annotations

import html
import re

from tiendo.domain.plan import ExtractedPlan, SectionKind
from tiendo.ingest.extract.duties import read_duties
from tiendo.ingest.extract.keys import ocr_key
from tiendo.ingest.extract.lines import build_blocks
from tiendo.ingest.extract.metadata import read_metadata
from tiendo.ingest.extract.sections import build_outline, to_sections
from tiendo.ingest.extract.table_reading import read_tables
from tiendo.ingest.extract.tables import find_tables
from tiendo.ingest.extract.targets import link_baselines, prose_targets
from tiendo.ingest.extract.tasks import section_tasks
from tiendo.text.vietnamese import nfc

__all__ = ["extract_plan"]


def extract_plan(text: str, doc: str) -> ExtractedPlan:
    """Extract everything tiendo tracks from the text of one plan.

    ``text`` is the plan as stored (NFC, original line breaks); ``doc`` names
    the source file. Line numbers in the result are 1-based lines of ``text``.
    """
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        # HTML entities a converter left: "&nbsp;", "&ge; 80%".
        text = re.sub(r"&(?:[a-zA-Z]{2,8}|#\d{2,5});", lambda m: html.unescape(m.group(0)), text)
    text = text.translate(_INVISIBLE)
    blocks = build_blocks(text)
    outline = build_outline(blocks)
    first_section = next(
        (
            n.block.start
            for n in outline.root.children
            if n.block is not None and n.own_kind is not None
        ),
        0,
    )
    meta = read_metadata(text, blocks, first_section, outline.closing_line)
    plan_year = meta.date.year if meta.date else _latest_cited_year(text, first_section)
    default_year = _period_end(meta.title)

    targets, baselines = prose_targets(outline, plan_year, default_year)
    tasks = section_tasks(outline, plan_year)
    tables = find_tables(blocks, plan_year)
    table_found, table_tasks_found, table_baselines = read_tables(
        tables, outline, plan_year, default_year, tasks
    )
    targets.extend(table_found)
    tasks.extend(table_tasks_found)
    link_baselines(targets, baselines + table_baselines)
    targets.sort(key=lambda t: t.line)
    tasks.sort(key=lambda t: t.line)

    plan = ExtractedPlan(
        doc=doc,
        meta=meta,
        sections=to_sections(outline),
        targets=targets,
        tasks=tasks,
        duties=read_duties(outline, meta.date),
    )
    if not any(s.kind == SectionKind.TASKS for s in plan.sections) and not any(
        t.is_task_table for t in tables
    ):
        plan.warnings.append("Không tìm thấy phần nhiệm vụ, giải pháp trong văn bản.")
    if not plan.targets:
        plan.warnings.append("Không tìm thấy chỉ tiêu nào trong văn bản.")
    return plan


# A byte-order mark, zero-width characters and soft hyphens are invisible in the
# document and split words for every rule; the many widths of space are spaces.
_INVISIBLE = {
    0xFEFF: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None, 0x00AD: None,
    **{c: " " for c in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)},
}  # fmt: skip


def _latest_cited_year(text: str, first_section: int) -> int | None:
    """When the plan gives no date, the latest year of the documents it cites."""
    head = "\n".join(text.split("\n")[: max(first_section, 30)])
    years = [int(y) for y in re.findall(r"\b\d{1,2}\s*/\s*\d{1,2}\s*/\s*((?:19|20)\d\d)\b", head)]
    return max(years) if years else None


def _period_end(title: str | None) -> int | None:
    """The last year of the period a title names ("giai đoạn 2025-2030", "đến năm 2030")."""
    if not title:
        return None
    key = ocr_key(title)
    m = re.search(r"(?:giai doan|nhiem ky)\s+(?:19|20)\d\d\s*(?:-|–|den)\s*((?:19|20)\d\d)", key)
    if m:
        return int(m.group(1))
    m = re.search(r"\bden\s+(?:n\w?m\s+)?((?:19|20)\d\d)\b", key)
    if m:
        return int(m.group(1))
    return None
