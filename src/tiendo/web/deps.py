"""Request-scoped dependencies: the database session and who is asking."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.orm import Session

from tiendo.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def get_session(request: Request) -> Iterator[Session]:
    session = request.app.state.runtime.session()
    try:
        yield session
    finally:
        session.close()


@dataclass(frozen=True)
class Viewer:
    """Who is looking; the public sees only what is published."""

    user_id: int | None = None
    role: str | None = None

    @property
    def sees_drafts(self) -> bool:
        return self.role in ("admin", "coordinator", "leader")


def get_viewer(request: Request) -> Viewer:
    return getattr(request.state, "viewer", None) or Viewer()
