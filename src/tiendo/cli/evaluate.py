"""``tiendo evaluate``: recompute every status (the nightly run), or list warnings."""

from __future__ import annotations

import datetime as dt
import time

import click
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table

from tiendo.cli.common import CliError, console, reports_errors, runtime
from tiendo.clock import today_in_vietnam
from tiendo.domain.units import PROVINCES
from tiendo.evaluate import alerts, service
from tiendo.evaluate.config import EvaluationConfig
from tiendo.evaluate.dashboard import dashboard
from tiendo.evaluate.queries import Filters
from tiendo.store.queries import Visibility
from tiendo.text.numbers import format_date, parse_date


def _day(text: str | None) -> dt.date:
    if not text:
        return today_in_vietnam()
    try:
        return parse_date(text)
    except ValueError as exc:
        raise CliError(f"Ngày «{text}» không đúng dạng dd/mm/yyyy.") from exc


def _province(code: str | None) -> str | None:
    if code and code not in PROVINCES:
        raise CliError(f"Không có tỉnh, thành phố mã «{code}».")
    return code


@click.group("evaluate", invoke_without_command=True)
@click.option("--date", "day", help="Ngày đánh giá, dd/mm/yyyy (mặc định: hôm nay).")
@click.option("--province", help="Chỉ tính cho một tỉnh (mã, gồm cả các tỉnh đã sáp nhập vào).")
@click.pass_context
@reports_errors
def command(ctx: click.Context, day: str | None, province: str | None) -> None:
    """Tính lại trạng thái mọi chỉ tiêu và nhiệm vụ (chạy hằng đêm hoặc khi cần)."""
    if ctx.invoked_subcommand is not None:
        return
    rt = runtime()
    when, code = _day(day), _province(province)
    config = EvaluationConfig.from_settings(rt.settings)
    started = time.perf_counter()
    with (
        rt.session() as session,
        Progress(
            TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), console=console
        ) as progress,
    ):
        task = progress.add_task("Tính trạng thái", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(
                task, completed=done, total=total, description=f"Kế hoạch {done}/{total}"
            )

        result = service.recompute_all(session, when, code, config, progress=advance)
        session.commit()
    seconds = time.perf_counter() - started
    console.print(
        f"Đã tính {result.targets} chỉ tiêu và {result.tasks} nhiệm vụ cho ngày {format_date(when)} "
        f"trong {seconds:.1f} giây."
    )
    with rt.session() as session:
        board = dashboard(session, Visibility.everything(), Filters(province=code), when, config)
    table = Table(title="Tình hình")
    table.add_column("Trạng thái")
    table.add_column("Số lượng", justify="right")
    for item in board.targets.items:
        table.add_row(f"Chỉ tiêu {item.label}", str(item.count))
    for item in board.tasks.items:
        table.add_row(f"Nhiệm vụ {item.label}", str(item.count))
    table.add_row("Cảnh báo", str(board.warnings.total))
    console.print(table)


@command.command("warnings")
@click.option("--agency", type=int, required=True, help="Số của cơ quan.")
@click.option("--date", "day", help="Ngày, dd/mm/yyyy (mặc định: hôm nay).")
@reports_errors
def warnings_command(agency: int, day: str | None) -> None:
    """In các cảnh báo của một cơ quan (nội dung nhắc việc)."""
    rt = runtime()
    with rt.session() as session:
        found = alerts.warnings_for_agency(
            session, agency, _day(day), EvaluationConfig.from_settings(rt.settings)
        )
    if not found:
        console.print("Không có cảnh báo nào.")
    for warning in found:
        console.print(f"[{warning.severity_label}] {warning.message}", soft_wrap=True)
