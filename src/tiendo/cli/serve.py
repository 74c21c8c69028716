"""``tiendo serve``: run the web application."""

from __future__ import annotations

import gc

import click
import uvicorn

from tiendo.cli.common import console, runtime


def worker_app():
    """The application of one worker process (settings from the environment)."""
    from tiendo.web.app import create_app

    app = create_app()
    gc.collect()
    gc.freeze()
    return app


@click.command("serve")
@click.option("--host", default=None, help="Địa chỉ lắng nghe (mặc định 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Cổng (mặc định 8000).")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Số tiến trình phục vụ (nên bằng số lõi CPU trên máy chủ; dùng PostgreSQL khi nhiều hơn 1).",
)
@click.option(
    "--proxy",
    is_flag=True,
    help="Tin địa chỉ người dùng do máy chủ trung gian (reverse proxy) gửi.",
)
def command(host: str | None, port: int | None, workers: int, proxy: bool) -> None:
    """Chạy ứng dụng web."""
    from tiendo.web.app import create_app

    rt = runtime()
    host = host or rt.settings.host
    port = port or rt.settings.port
    console.print(f"tiendo đang chạy tại [bold]http://{host}:{port}[/bold] (Ctrl+C để dừng)")
    console.print(f"Cơ sở dữ liệu: {rt.settings.safe_database_url()}")
    options = {"host": host, "port": port, "log_level": "warning", "proxy_headers": proxy}
    if proxy:
        options["forwarded_allow_ips"] = "*"
    if workers > 1:
        # Each worker builds its own app and database pool from the same settings.
        uvicorn.run("tiendo.cli.serve:worker_app", factory=True, workers=workers, **options)
        return
    app = create_app(runtime=rt)
    # What exists now (modules, the app) lives as long as the process: keep it
    # out of the collector's full passes, which would otherwise pause requests
    # that build many objects (a national ranking) for tens of milliseconds.
    gc.collect()
    gc.freeze()
    uvicorn.run(app, **options)
