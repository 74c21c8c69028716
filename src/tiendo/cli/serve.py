"""``tiendo serve``: run the web application."""

from __future__ import annotations

import gc

import click
import uvicorn

from tiendo.cli.common import console, runtime


@click.command("serve")
@click.option("--host", default=None, help="Địa chỉ lắng nghe (mặc định 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Cổng (mặc định 8000).")
def command(host: str | None, port: int | None) -> None:
    """Chạy ứng dụng web."""
    from tiendo.web.app import create_app

    rt = runtime()
    host = host or rt.settings.host
    port = port or rt.settings.port
    console.print(f"tiendo đang chạy tại [bold]http://{host}:{port}[/bold] (Ctrl+C để dừng)")
    console.print(f"Cơ sở dữ liệu: {rt.settings.safe_database_url()}")
    app = create_app(runtime=rt)
    # What exists now (modules, the app) lives as long as the process: keep it
    # out of the collector's full passes, which would otherwise pause requests
    # that build many objects (a national ranking) for tens of milliseconds.
    gc.collect()
    gc.freeze()
    uvicorn.run(app, host=host, port=port, log_level="warning")
