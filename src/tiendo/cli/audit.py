"""``tiendo audit``: read or export the audit log."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tiendo.cli.common import CliError, reports_errors, runtime
from tiendo.errors import ValidationError
from tiendo.reporting import auditlog
from tiendo.reporting.system import COMMAND_LINE


@click.command("audit")
@click.option("--user", default=None, help="Tên đăng nhập của người thực hiện.")
@click.option("--action", default=None, help="Thao tác (hoặc phần đầu, ví dụ report.).")
@click.option(
    "--entity", default=None, help="Loại đối tượng: report, task, target, period, agency, user…"
)
@click.option("--from", "date_from", default=None, help="Từ ngày dd/mm/yyyy.")
@click.option("--to", "date_to", default=None, help="Đến ngày dd/mm/yyyy.")
@click.option(
    "--csv",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Ghi ra tệp CSV (mặc định: in ra màn hình).",
)
@reports_errors
def command(user, action, entity, date_from, date_to, out: Path | None) -> None:
    """Xuất nhật ký thay đổi dạng CSV, lọc theo người, thao tác, đối tượng, khoảng ngày."""
    rt = runtime()
    try:
        filters = auditlog.clean_filters(
            {
                "user": user,
                "action": action,
                "entity": entity,
                "date_from": date_from,
                "date_to": date_to,
            }
        )
    except ValidationError as exc:
        raise CliError("; ".join(e["msg"] for e in exc.errors)) from exc
    chunks = auditlog.export_csv(rt.session_factory, COMMAND_LINE, filters)
    if out is None:
        for chunk in chunks:
            sys.stdout.write(chunk.lstrip("\ufeff"))
        return
    with out.open("w", encoding="utf-8", newline="") as fh:
        for chunk in chunks:
            fh.write(chunk)
