"""Write a new Alembic migration by comparing the models with a migrated database.

Usage: .venv/bin/python scripts/new_migration.py REVISION_ID "message"
The file lands in src/tiendo/store/migrations/versions/; read it and adjust
it before committing (SQLite needs batch operations for changes to tables).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from tiendo.store.migrate import alembic_config


def main() -> None:
    rev_id, message = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'gen.db'}")
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            script = command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
    # Autogenerate writes JSONB(astext_type=Text()) without importing Text.
    path = Path(script.path)
    path.write_text(path.read_text().replace("astext_type=Text()", "astext_type=sa.Text()"))


if __name__ == "__main__":
    main()
