"""Schema migrations (Alembic, configured in code) and reference data."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tiendo.domain.units import PROVINCES
from tiendo.store.tables import AdminUnitRow

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` and the reference data up to date."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    sync_reference_data(engine)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_up_to_date(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def sync_reference_data(engine: Engine) -> None:
    """Write the provinces and their successors; safe to run again."""
    with Session(engine) as session, session.begin():
        existing = {row.code: row for row in session.scalars(select(AdminUnitRow))}
        # Insert first without successors so the self-reference never dangles.
        for unit in PROVINCES.values():
            row = existing.get(unit.code)
            if row is None:
                row = AdminUnitRow(code=unit.code)
                session.add(row)
            row.name, row.kind = unit.name, unit.kind
            row.valid_from, row.valid_to = unit.valid_from, unit.valid_to
        session.flush()
        for unit in PROVINCES.values():
            session.get(AdminUnitRow, unit.code).successor_code = unit.successor_code
