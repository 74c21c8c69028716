"""``tiendo extract``: print what the extractor reads out of plan files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tiendo.cli.common import reports_errors
from tiendo.ingest.extract import extract_plan
from tiendo.ingest.extract.records import to_records
from tiendo.ingest.readers import read_document


def _read_text(path: Path, repair: bool) -> str:
    # The same reading as `tiendo ingest`: any format, OCR'd text repaired first.
    return read_document(path, repair=repair).text


@click.command("extract")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "--no-repair",
    is_flag=True,
    help="Không sửa văn bản bị nhận dạng sai ngôn ngữ (đọc nguyên văn).",
)
@reports_errors
def command(files: tuple[Path, ...], fmt: str, no_repair: bool) -> None:
    """Đọc chỉ tiêu, nhiệm vụ, chế độ báo cáo và thông tin văn bản từ FILE."""
    all_rows = []
    for path in files:
        plan = extract_plan(_read_text(path, not no_repair), path.name)
        rows = to_records(plan)
        if fmt == "jsonl":
            for row in rows:
                click.echo(json.dumps(row, ensure_ascii=False))
        else:
            all_rows.extend(rows)
    if fmt == "json":
        click.echo(json.dumps(all_rows, ensure_ascii=False, indent=1))
    elif fmt == "table":
        for row in all_rows:
            kind = row["type"]
            if kind == "document":
                click.echo(
                    f"== {row['doc']}: {row['doc_type']} {row['number'] or ''} — {row['province'] or ''}"
                )
            elif kind == "target":
                click.echo(
                    f"  chỉ tiêu  L{row['line']:<4} {row['year'] or '':<5} {row['op']:<5} {row['value']} {row['unit']}  {row['indicator'][:70]}"
                )
            elif kind == "task":
                click.echo(
                    f"  nhiệm vụ  L{row['line']:<4} nhóm {row['group']:<5} {row['text'][:80]}"
                )
            else:
                click.echo(f"  báo cáo   L{row['line']:<4} {row['kind']:<6} {row['text'][:80]}")
