"""Fixtures: migrated databases (SQLite and PostgreSQL), runtimes, a live server.

PostgreSQL tests need a server; the admin URL comes from
TIENDO_TEST_POSTGRES_URL (default: the local server as user postgres). When
none answers, those tests are skipped with the reason, unless
TIENDO_REQUIRE_POSTGRES is set (as in CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
import uvicorn

from tiendo.config import Settings
from tiendo.runtime import Runtime, build_runtime
from tiendo.store.migrate import upgrade
from tiendo.store.tables import Base

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "plans"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
KEEP_TABLES = {"admin_units", "alembic_version"}


@pytest.fixture(scope="session")
def example_plans() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A fresh PostgreSQL database for this test run, migrated; dropped at the end."""
    admin_url = sa.make_url(os.environ.get("TIENDO_TEST_POSTGRES_URL", DEFAULT_PG))
    admin = sa.create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("select 1"))
    except Exception as exc:  # any failure to connect means: skip, with the reason
        admin.dispose()
        reason = (
            f"PostgreSQL không trả lời tại {admin_url.render_as_string(hide_password=True)}: "
            f"{type(exc).__name__}. Đặt TIENDO_TEST_POSTGRES_URL để chạy các kiểm thử PostgreSQL."
        )
        if os.environ.get("TIENDO_REQUIRE_POSTGRES"):
            pytest.fail(reason)
        pytest.skip(reason)
    name = f"tiendo_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    engine = sa.create_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite file that each test copies (faster than migrating each time)."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    settings = Settings(data_dir=folder)
    runtime = build_runtime(settings)
    upgrade(runtime.engine)
    with runtime.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    runtime.engine.dispose()
    return folder / "tiendo.db"


def _truncate(runtime: Runtime) -> None:
    tables = [t.name for t in Base.metadata.sorted_tables if t.name not in KEEP_TABLES]
    with runtime.engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def _sqlite_runtime(tmp_path: Path, template: Path) -> Runtime:
    shutil.copy(template, tmp_path / "tiendo.db")
    return build_runtime(Settings(data_dir=tmp_path))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def runtime(request, tmp_path, sqlite_template) -> Runtime:
    """A runtime on an empty, migrated database: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        rt = _sqlite_runtime(tmp_path, sqlite_template)
        yield rt
        rt.engine.dispose()
    else:
        url = request.getfixturevalue("postgres_url")
        rt = build_runtime(Settings(data_dir=tmp_path, database_url=url))
        yield rt
        _truncate(rt)
        rt.engine.dispose()


@pytest.fixture
def sqlite_runtime(tmp_path, sqlite_template) -> Runtime:
    """A runtime on an empty, migrated SQLite database (for tests of other layers)."""
    rt = _sqlite_runtime(tmp_path, sqlite_template)
    yield rt
    rt.engine.dispose()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """The real app served by uvicorn on a free loopback port, in a thread."""

    def __init__(self, runtime: Runtime) -> None:
        from tiendo.web.app import create_app

        self.runtime = runtime
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(runtime=runtime), host="127.0.0.1", port=self.port, log_level="error"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(sqlite_runtime):
    with LiveServer(sqlite_runtime) as server:
        yield server
