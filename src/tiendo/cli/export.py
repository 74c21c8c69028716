"""``tiendo export``: write an open-data set as CSV or JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tiendo.cli.common import console, reports_errors, runtime
from tiendo.export import opendata


@click.command("export")
@click.argument("dataset", type=click.Choice(list(opendata.DATASETS)))
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Tệp ghi ra (mặc định: đầu ra chuẩn).",
)
@reports_errors
def command(dataset: str, fmt: str, output: Path | None) -> None:
    """Xuất một bộ dữ liệu mở (DATASET) ra CSV (UTF-8 có BOM) hoặc JSON."""
    rt = runtime()
    chunks = opendata.stream(rt.session_factory, dataset, fmt, base_url=rt.settings.base_url)
    if output is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        return
    size = 0
    with output.open("wb") as fh:
        for chunk in chunks:
            fh.write(chunk)
            size += len(chunk)
    console.print(f"Đã ghi {output} ({size:,} byte)".replace(",", "."))
