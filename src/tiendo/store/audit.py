"""Writing to the append-only audit log."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tiendo.domain.actor import Actor
from tiendo.store.tables import AuditRow


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: int | None = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    plan_id: int | None = None,
    province_code: str | None = None,
    note: str | None = None,
) -> AuditRow:
    """Add one audit entry to the session; it commits with the change it describes."""
    row = AuditRow(
        actor_id=actor.user_id,
        actor_label=actor.label,
        ip=actor.ip,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        plan_id=plan_id,
        province_code=province_code,
        before=before,
        after=after,
        note=note,
    )
    session.add(row)
    return row
