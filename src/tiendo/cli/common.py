"""What the commands share: the runtime, error reporting, the console."""

from __future__ import annotations

import functools
import sys

import click
from rich.console import Console

from tiendo.errors import TiendoError
from tiendo.runtime import Runtime, build_runtime
from tiendo.store.migrate import is_up_to_date

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class CliError(click.ClickException):
    """A command-line failure shown as “Lỗi: …” on stderr."""

    def show(self, file=None) -> None:
        err_console.print(f"[red]Lỗi:[/red] {self.format_message()}", soft_wrap=True)


def runtime(*, require_schema: bool = True) -> Runtime:
    """The runtime for a command; stops with a clear message if the database is behind."""
    rt = build_runtime()
    if require_schema and not is_up_to_date(rt.engine):
        raise CliError(
            "Cơ sở dữ liệu chưa được tạo hoặc chưa cập nhật: hãy chạy `tiendo db upgrade` trước."
        )
    return rt


def reports_errors(func):
    """Turn a TiendoError into a message on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except TiendoError as exc:
            err_console.print(f"[red]Lỗi:[/red] {exc}", soft_wrap=True)
            sys.exit(1)

    return wrapper
