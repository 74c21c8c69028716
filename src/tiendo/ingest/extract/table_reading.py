"""How each table of a plan is read: as targets, as tasks, or as prose.

A table is a target table when columns of milestones or values hold numbers,
a task table when it names a lead agency or a deadline per row; a table of
numbered task names in a tasks section is a task table too, whatever its other
columns. A table that is neither, or a target table whose cells give nothing
to read, is read row by row as prose in the section it stands in: exports turn
lists into tables ("TT | Nội dung") as often as they keep real tables.
"""

from __future__ import annotations

import re

from tiendo.domain.plan import SectionKind, Target, Task
from tiendo.ingest.extract.sections import Node, Outline
from tiendo.ingest.extract.tables import Table, table_targets, table_tasks
from tiendo.ingest.extract.targets import Baseline, row_targets, section_of, task_row_targets


def read_tables(
    tables: list[Table],
    outline: Outline,
    plan_year: int | None,
    default_year: int | None,
    prose_tasks: list[Task] | None = None,
) -> tuple[list[Target], list[Task], list[Baseline]]:
    """Targets, tasks and baselines of the tables.

    A task table under a numbered heading of the tasks section ("1. Hạ tầng số"
    over "TT | Nhiệm vụ | Chủ trì ...") takes that heading as the group of its
    rows; the heading, then, is no task: it leaves ``prose_tasks``.
    """
    targets: list[Target] = []
    tasks: list[Task] = []
    baselines: list[Baseline] = []
    for table in tables:
        if not table.rows:
            continue
        node = outline.node_of(table.first_block)
        section = section_of(node)
        if table.is_task_table or (section == SectionKind.TASKS and table.lists_names()):
            rows = table_tasks(table)
            if _heads_group(node) and rows and all(t.group is None for t in rows):
                assert node.block is not None
                title = re.split(r"[;:]", node.title, maxsplit=1)[0].strip(" .")[:200]
                for t in rows:
                    t.group, t.group_title = node.label, title
                if prose_tasks is not None:
                    prose_tasks[:] = [t for t in prose_tasks if t.line != node.block.start]
            tasks.extend(rows)
            for row in rows:
                targets.extend(task_row_targets(row, plan_year))
            continue
        found = table_targets(table, default_year) if table.is_target_table else []
        if found:
            targets.extend(found)
            continue
        for row in table.source or table.rows:
            t, b = row_targets(row, outline.node_of(row), plan_year, default_year)
            targets.extend(t)
            baselines.extend(b)
    return targets, tasks, baselines


def _heads_group(node: Node) -> bool:
    """Whether ``node`` is a numbered group heading inside the tasks section."""
    return (
        node.block is not None
        and node.block.kind == "item"
        and not node.is_bullet
        and node.label is not None
        and node.own_kind is None
        and node.kind == SectionKind.TASKS
    )
