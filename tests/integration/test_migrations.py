"""The migrations build the schema the models describe, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from tiendo.store.migrate import current_revision, head_revision, sync_reference_data, upgrade
from tiendo.store.tables import AdminUnitRow, AuditRow, Base


def test_migrated_schema_has_no_drift_from_the_models(runtime):
    with runtime.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []
    assert current_revision(runtime.engine) == head_revision()


def test_upgrade_again_changes_nothing(runtime):
    upgrade(runtime.engine)
    sync_reference_data(runtime.engine)
    with runtime.session() as session:
        assert session.scalar(select(text("count(*)")).select_from(AdminUnitRow)) == 63


def test_the_audit_log_refuses_updates_and_deletes(runtime):
    import pytest
    from sqlalchemy.exc import DBAPIError

    with runtime.session() as session:
        session.add(AuditRow(actor_label="kiểm thử", action="test", entity_type="none"))
        session.commit()
        for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError):
                session.execute(text(statement))
            session.rollback()
        assert session.scalar(select(text("count(*)")).select_from(AuditRow)) == 1
