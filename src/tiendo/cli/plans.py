"""``tiendo plans``: list the stored plans."""

from __future__ import annotations

import click
from rich.table import Table

from tiendo.cli.common import console, runtime
from tiendo.store.queries import Visibility, list_plans
from tiendo.text.numbers import format_date


@click.command("plans")
def command() -> None:
    """Liệt kê các kế hoạch đã nạp."""
    rt = runtime()
    with rt.session() as session:
        total, plans = list_plans(session, visibility=Visibility.everything(), limit=10_000)
    table = Table(title=f"{total} kế hoạch")
    for header in (
        "#",
        "Tỉnh",
        "Cơ quan ban hành",
        "Loại",
        "Số",
        "Ngày",
        "Chỉ tiêu",
        "Nhiệm vụ",
        "Trạng thái",
    ):
        table.add_column(header)
    for p in plans:
        table.add_row(
            str(p.id),
            p.province.name if p.province else (p.province_name or ""),
            p.issuer or "",
            p.doc_type or "",
            p.number or "",
            format_date(p.issued_on),
            str(p.targets_count),
            str(p.tasks_count),
            "đã công bố" if p.status == "published" else "bản nháp",
        )
    console.print(table)
