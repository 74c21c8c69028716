"""Settings: one object, read once, from TIENDO_* variables or a TOML file.

Precedence: arguments given in code (tests) > environment variables >
the TOML file named by ``TIENDO_CONFIG`` (or ``<data_dir>/tiendo.toml``) >
defaults. Without ``database_url`` tiendo uses SQLite in the data directory,
so a laptop needs no setup at all.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict
from sqlalchemy.engine import make_url


class _TomlFile(PydanticBaseSettingsSource):
    """Values from the TOML configuration file, when there is one."""

    def _path(self) -> Path | None:
        explicit = os.environ.get("TIENDO_CONFIG")
        if explicit:
            return Path(explicit)
        data_dir = Path(os.environ.get("TIENDO_DATA_DIR", "data"))
        candidate = data_dir / "tiendo.toml"
        return candidate if candidate.exists() else None

    def get_field_value(self, field, field_name):  # pragma: no cover - unused
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = self._path()
        if path is None or not path.exists():
            return {}
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        return data.get("tiendo", data)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIENDO_", extra="ignore")

    #: where the SQLite database, uploads and the secret key live
    data_dir: Path = Path("data")
    #: SQLAlchemy URL; None means SQLite at <data_dir>/tiendo.db
    database_url: SecretStr | None = None
    #: signs session cookies and CSRF tokens; generated into the data dir if unset
    secret_key: SecretStr | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    #: largest plan or evidence file accepted, in megabytes
    max_upload_mb: int = Field(default=20, ge=1, le=500)
    #: log SQL statements (never with passwords)
    echo_sql: bool = False
    #: the public base URL used in e-mails and exported links
    base_url: str = "http://127.0.0.1:8000"
    #: evaluation settings (docs/evaluation.md); None keeps the published default
    weight_tasks: float | None = Field(default=None, ge=0)
    weight_targets: float | None = Field(default=None, ge=0)
    weight_reports: float | None = Field(default=None, ge=0)
    on_track_from: float | None = Field(default=None, gt=0)
    behind_from: float | None = Field(default=None, ge=0)
    due_soon_days: int | None = Field(default=None, ge=0, le=365)
    silent_periods: int | None = Field(default=None, ge=1, le=24)

    @classmethod
    def settings_customise_sources(
        cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
    ):
        return (init_settings, env_settings, _TomlFile(settings_cls), file_secret_settings)

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{(self.data_dir / 'tiendo.db').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    def safe_database_url(self) -> str:
        """The database URL with any password hidden, for logs and messages."""
        return make_url(self.resolved_database_url).render_as_string(hide_password=True)

    def ensure_data_dir(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / "uploads").mkdir(exist_ok=True)
        return self.data_dir

    def resolved_secret_key(self) -> str:
        """The signing key; created once in the data directory when not configured."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.ensure_data_dir() / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48), encoding="ascii")
            path.chmod(0o600)
        return path.read_text(encoding="ascii").strip()
