"""``tiendo agency``: list and import the agencies of a province."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from tiendo.cli.common import CliError, console, reports_errors, runtime
from tiendo.domain.actor import Actor
from tiendo.domain.units import PROVINCES, find_province
from tiendo.errors import ValidationError
from tiendo.reporting import agencies
from tiendo.reporting.system import COMMAND_LINE


def _province_code(text: str) -> str:
    if text in PROVINCES:
        return text
    unit = find_province(text)
    if unit is None:
        raise CliError(f"Không nhận ra tỉnh, thành phố “{text}”.")
    return unit.code


@click.group("agency")
def command() -> None:
    """Cơ quan báo cáo của các tỉnh."""


@command.command("list")
@click.option("--province", default=None, help="Tên hoặc mã tỉnh.")
def list_agencies(province: str | None) -> None:
    """Liệt kê cơ quan."""
    rt = runtime()
    scope = {_province_code(province)} if province else None
    with rt.session() as session:
        rows = agencies.list_for(session, scope, include_inactive=True)
    table = Table(title=f"{len(rows)} cơ quan")
    for header in ("Mã", "Tên", "Viết tắt", "Loại", "Tỉnh", "Trạng thái"):
        table.add_column(header)
    for a in rows:
        table.add_row(
            str(a.id),
            a.name,
            a.short_name or "",
            agencies.KINDS.get(a.kind, a.kind or ""),
            PROVINCES[a.province_code].name if a.province_code in PROVINCES else "",
            "đang dùng" if a.active else "ngừng",
        )
    console.print(table)


@command.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--province", required=True, help="Tên hoặc mã tỉnh của các cơ quan.")
@reports_errors
def import_agencies(file: Path, province: str) -> None:
    """Nhập cơ quan từ tệp CSV hoặc .xlsx (cột Tên, Tên viết tắt, Loại, Tên khác); lỗi ở một dòng thì không nhập gì."""
    rt = runtime()
    code = _province_code(province)
    with rt.session() as session:
        try:
            rows = agencies.read_file(file.name, file.read_bytes())
            result = agencies.import_rows(session, COMMAND_LINE, Actor.command_line(), code, rows)
        except ValidationError as exc:
            raise CliError(
                "\n".join([exc.message, *(f"  - {e['msg']}" for e in exc.errors[:50])])
            ) from exc
        session.commit()
    console.print(
        f"Đã nhập {result['rows']} dòng: tạo {result['created']}, cập nhật {result['updated']} cơ quan."
    )
