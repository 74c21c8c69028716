"""``tiendo db``: create and upgrade the database."""

from __future__ import annotations

import click

from tiendo.cli.common import console, runtime
from tiendo.store.migrate import current_revision, head_revision, upgrade


@click.group("db")
def command() -> None:
    """Tạo và nâng cấp cơ sở dữ liệu."""


@command.command("upgrade")
def db_upgrade() -> None:
    """Tạo hoặc nâng cấp cơ sở dữ liệu lên phiên bản mới nhất."""
    rt = runtime(require_schema=False)
    upgrade(rt.engine)
    console.print(
        f"Cơ sở dữ liệu đã ở phiên bản {head_revision()}: {rt.settings.safe_database_url()}"
    )


@command.command("current")
def db_current() -> None:
    """In phiên bản hiện tại của cơ sở dữ liệu."""
    rt = runtime(require_schema=False)
    current = current_revision(rt.engine)
    state = "mới nhất" if current == head_revision() else f"cần nâng cấp lên {head_revision()}"
    console.print(f"{rt.settings.safe_database_url()}: phiên bản {current or 'chưa tạo'} ({state})")
