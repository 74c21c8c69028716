"""Unit of work: one use case, one transaction, rolled back unless committed."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from tiendo.store.repositories import PlanRepository


class UnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self.session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        self.plans = PlanRepository(self.session)
        self._committed = False
        return self

    def __exit__(self, *exc) -> None:
        assert self.session is not None
        if not self._committed:
            self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()
        self._committed = True
