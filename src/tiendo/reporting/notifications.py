"""In-app notices: reminders, reviews; the bell in the page header counts the unread."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Role, province_family
from tiendo.clock import utcnow
from tiendo.store.tables import NotificationRow, UserRow


def notify(
    session: Session,
    user_ids,
    kind: str,
    title: str,
    body: str = "",
    link: str | None = None,
    *,
    is_demo: bool = False,
    at=None,
) -> int:
    count = 0
    for user_id in dict.fromkeys(user_ids):
        session.add(
            NotificationRow(
                user_id=user_id,
                kind=kind,
                title=title[:300],
                body=body,
                link=link,
                is_demo=is_demo,
                created_at=at or utcnow(),
            )
        )
        count += 1
    return count


def reporters_of(session: Session, agency_id: int) -> list[UserRow]:
    return list(
        session.scalars(
            select(UserRow)
            .where(
                UserRow.agency_id == agency_id,
                UserRow.role == Role.REPORTER.value,
                UserRow.active.is_(True),
            )
            .order_by(UserRow.id)
        )
    )


def coordinators_of(session: Session, province_code: str | None) -> list[UserRow]:
    """Coordinators whose province covers ``province_code`` (the receiving province included)."""
    if not province_code:
        return []
    users = session.scalars(
        select(UserRow).where(UserRow.role == Role.COORDINATOR.value, UserRow.active.is_(True))
    )
    return [u for u in users if province_code in province_family(u.province_code)]


def unread_count(session: Session, user_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(NotificationRow)
            .where(NotificationRow.user_id == user_id, NotificationRow.read_at.is_(None))
        )
        or 0
    )


def list_for(session: Session, user_id: int, limit: int = 200) -> list[NotificationRow]:
    return list(
        session.scalars(
            select(NotificationRow)
            .where(NotificationRow.user_id == user_id)
            .order_by(NotificationRow.created_at.desc(), NotificationRow.id.desc())
            .limit(limit)
        )
    )


def mark_all_read(session: Session, user_id: int) -> None:
    session.execute(
        update(NotificationRow)
        .where(NotificationRow.user_id == user_id, NotificationRow.read_at.is_(None))
        .values(read_at=utcnow())
    )
