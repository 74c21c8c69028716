"""``tiendo period``: reporting periods of the plans."""

from __future__ import annotations

import click
from rich.table import Table

from tiendo.cli.common import console, reports_errors, runtime
from tiendo.domain.actor import Actor
from tiendo.reporting import periods
from tiendo.reporting.system import COMMAND_LINE
from tiendo.text.numbers import format_date


@click.group("period")
def command() -> None:
    """Kỳ báo cáo theo chế độ báo cáo của các kế hoạch."""


@command.command("generate")
@click.option(
    "--plan",
    "plan_id",
    type=int,
    default=None,
    help="Chỉ kế hoạch này (mặc định: mọi kế hoạch đã công bố).",
)
@click.option(
    "--until", "until_year", type=int, default=None, help="Đến hết năm (mặc định: năm nay)."
)
@reports_errors
def generate(plan_id: int | None, until_year: int | None) -> None:
    """Tạo các kỳ báo cáo còn thiếu (chạy lại không tạo trùng)."""
    rt = runtime()
    with rt.session() as session:
        if plan_id is not None:
            added = {
                plan_id: len(
                    periods.generate(
                        session, COMMAND_LINE, Actor.command_line(), plan_id, until_year=until_year
                    )
                )
            }
        else:
            import datetime as dt

            until = dt.date(until_year, 12, 31) if until_year else None
            added = periods.generate_all(session, Actor.command_line(), until=until)
        session.commit()
    for pid, count in added.items():
        console.print(f"Kế hoạch #{pid}: thêm {count} kỳ báo cáo.")
    if not added:
        console.print("Không có kế hoạch nào đã công bố.")


@command.command("list")
@click.option("--plan", "plan_id", type=int, required=True)
def list_periods(plan_id: int) -> None:
    """Liệt kê kỳ báo cáo của một kế hoạch."""
    rt = runtime()
    with rt.session() as session:
        rows = periods.list_for_plan(session, plan_id)
    table = Table(title=f"{len(rows)} kỳ báo cáo của kế hoạch #{plan_id}")
    for header in ("Mã", "Kỳ", "Từ", "Đến", "Chốt số liệu", "Hạn nộp"):
        table.add_column(header)
    for p in rows:
        table.add_row(
            str(p.id),
            p.label,
            format_date(p.start),
            format_date(p.end),
            f"{format_date(p.cutoff_start)} – {format_date(p.cutoff_end)}",
            format_date(p.due),
        )
    console.print(table)
