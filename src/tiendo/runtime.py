"""The running application's parts, built once from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tiendo.config import Settings
from tiendo.store.db import make_engine, make_session_factory
from tiendo.store.uow import UnitOfWork


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    def session(self) -> Session:
        return self.session_factory()


def build_runtime(settings: Settings | None = None) -> Runtime:
    settings = settings or Settings()
    engine = make_engine(settings)
    return Runtime(settings=settings, engine=engine, session_factory=make_session_factory(engine))
