"""Request-scoped dependencies: the database session and who is asking."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal, Role
from tiendo.runtime import Runtime
from tiendo.store.queries import Visibility
from tiendo.web.security import identify


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def get_session(request: Request) -> Iterator[Session]:
    session = request.app.state.runtime.session()
    try:
        yield session
    finally:
        session.close()


async def get_principal(request: Request) -> Principal | None:
    return await identify(request)


def visibility_for(principal: Principal | None) -> Visibility:
    """Published plans for everyone; drafts for admins and for a province's coordinators and leaders."""
    if principal is None or not principal.has_scope("read"):
        return Visibility.public()
    if principal.is_admin:
        return Visibility.everything()
    if principal.role in (Role.COORDINATOR, Role.LEADER):
        return Visibility(draft_provinces=principal.provinces)
    return Visibility.public()


def get_visibility(principal: Principal | None = Depends(get_principal)) -> Visibility:
    return visibility_for(principal)
