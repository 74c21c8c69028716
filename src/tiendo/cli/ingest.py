"""``tiendo ingest``: load plan files into the database."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

from tiendo.cli.common import console, err_console, runtime
from tiendo.domain.actor import Actor
from tiendo.errors import TiendoError
from tiendo.ingest.service import ingest_file

STATUS = {"new": "kế hoạch mới", "new_version": "phiên bản mới", "unchanged": "không thay đổi"}


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--publish", is_flag=True, help="Công bố ngay (bỏ qua bước rà soát).")
def command(files: tuple[Path, ...], publish: bool) -> None:
    """Nạp các tệp kế hoạch (FILE...) vào cơ sở dữ liệu."""
    rt = runtime()
    failures = 0
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=console,
        transient=False,
    ) as progress:
        overall = progress.add_task("Nạp kế hoạch", total=len(files))
        pages = progress.add_task("", total=1, visible=False)

        def show(stage: str, done: int, total: int) -> None:
            # Long files (scans read page by page) get their own bar.
            if stage == "read" and total > 1:
                progress.update(
                    pages, description="  đọc trang", completed=done, total=total, visible=True
                )
            elif stage == "extract" and done == 0:
                progress.update(
                    pages, description="  trích xuất", completed=0, total=1, visible=True
                )

        for path in files:
            progress.update(overall, description=f"Nạp {path.name}")
            try:
                outcome = ingest_file(
                    path,
                    rt.uow(),
                    actor=Actor.command_line(),
                    publish=publish,
                    max_bytes=rt.settings.max_upload_mb * 1024 * 1024,
                    progress=show,
                )
            except TiendoError as exc:
                failures += 1
                err_console.print(f"[red]✗[/red] {exc}")
            else:
                progress.console.print(
                    f"[green]✓[/green] {path.name}: {STATUS[outcome.status]} (kế hoạch #{outcome.plan_id}, "
                    f"phiên bản {outcome.version_no}; {outcome.targets} chỉ tiêu, {outcome.tasks} nhiệm vụ, "
                    f"{outcome.duties} chế độ báo cáo)"
                )
            progress.update(pages, visible=False)
            progress.advance(overall)
    if failures:
        raise SystemExit(1)
