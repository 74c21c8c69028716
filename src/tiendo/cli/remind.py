"""``tiendo remind``: send the reminders due today (run it from cron)."""

from __future__ import annotations

import click

from tiendo.cli.common import CliError, console, reports_errors, runtime
from tiendo.reporting import reminders
from tiendo.text.numbers import parse_date


@click.command("remind")
@click.option("--date", "on", default=None, help="Coi hôm nay là ngày này (dd/mm/yyyy), để thử.")
@reports_errors
def command(on: str | None) -> None:
    """Nhắc các cơ quan chưa nộp báo cáo (thư điện tử và thông báo); không gửi trùng."""
    rt = runtime()
    today = None
    if on:
        try:
            today = parse_date(on)
        except ValueError as exc:
            raise CliError(f"Ngày “{on}” phải có dạng dd/mm/yyyy.") from exc
    result = reminders.run(
        rt.session_factory,
        secret_key=rt.settings.resolved_secret_key(),
        base_url=rt.settings.base_url,
        today=today,
    )
    console.print(f"Đã tạo {result.notices} thông báo, gửi {result.emails} thư.")
    if result.skipped_no_mail:
        console.print(
            f"{result.skipped_no_mail} thư chưa gửi vì chưa cài máy chủ thư (trang Quản trị › Thư, nhắc nhở)."
        )
    for error in result.email_errors:
        console.print(f"[red]Không gửi được:[/red] {error}")
