"""A coordinator's corrections: validated, audited, locked against concurrent edits, kept across versions."""

import pytest
from sqlalchemy import select

from tests import factories
from tests.integration.test_plan_storage import ACTOR, loaded
from tiendo.accounts.roles import Principal
from tiendo.errors import Conflict, PermissionDenied, ValidationError
from tiendo.ingest import review
from tiendo.ingest.service import store_loaded_plan
from tiendo.store import queries
from tiendo.store.queries import Visibility
from tiendo.store.tables import AuditRow, TargetRow, TaskRow

HA_NAM = "35"


def reviewer(province=HA_NAM, role="coordinator") -> review.Reviewer:
    return review.Reviewer(
        Principal.of(user_id=None, username="dieuphoi", role=role, province_code=province), ACTOR
    )


@pytest.fixture
def plan_id(runtime):
    return store_loaded_plan(loaded(factories.extracted_plan()), runtime.uow(), actor=ACTOR).plan_id


def first(session, row_type, plan_id):
    return session.scalars(
        select(row_type).where(row_type.plan_id == plan_id).order_by(row_type.id)
    ).first()


def test_an_edit_is_saved_marked_and_audited_with_before_and_after(runtime, plan_id):
    with runtime.session() as s:
        row = first(s, TargetRow, plan_id)
        review.update_item(
            s,
            reviewer(),
            "target",
            row.id,
            {
                "indicator": "Tỷ lệ hồ sơ trực tuyến",
                "kind": "level",
                "op": ">=",
                "value": "85,5",
                "unit": "%",
                "year": "2030",
                "core": "1",
            },
            expected_revision=row.revision,
        )
        s.commit()
        row = s.get(TargetRow, row.id)
        assert row.value == 85.5 and row.edited and row.revision == 2
        entry = s.scalars(select(AuditRow).where(AuditRow.action == "target.edit")).one()
        assert entry.before["value"] == 80.0 and entry.after["value"] == 85.5


def test_invalid_values_are_refused_field_by_field(runtime, plan_id):
    with runtime.session() as s:
        row = first(s, TargetRow, plan_id)
        with pytest.raises(ValidationError) as info:
            review.update_item(
                s,
                reviewer(),
                "target",
                row.id,
                {
                    "indicator": "",
                    "kind": "level",
                    "op": ">=",
                    "value": "mười",
                    "unit": "%",
                    "year": "3000",
                },
                expected_revision=row.revision,
            )
        fields = {e["loc"][0] for e in info.value.errors}
        assert {"indicator", "value", "year"} <= fields
        assert any("1.234,5" in e["msg"] for e in info.value.errors)


def test_a_stale_revision_is_refused_with_a_clear_message(runtime, plan_id):
    with runtime.session() as s:
        row = first(s, TaskRow, plan_id)
        review.update_item(
            s, reviewer(), "task", row.id, {"text": "Bản của người thứ nhất."}, expected_revision=1
        )
        s.commit()
        with pytest.raises(Conflict, match="vừa được người khác sửa"):
            review.update_item(
                s,
                reviewer(),
                "task",
                row.id,
                {"text": "Bản của người thứ hai."},
                expected_revision=1,
            )
        s.rollback()
        assert s.get(TaskRow, row.id).text == "Bản của người thứ nhất."


def test_only_the_coordinators_of_the_plans_province_may_review(runtime, plan_id):
    with runtime.session() as s:
        row = first(s, TaskRow, plan_id)
        with pytest.raises(PermissionDenied):
            review.delete_item(s, reviewer(province="42"), "task", row.id, expected_revision=None)
        with pytest.raises(PermissionDenied):
            review.delete_item(s, reviewer(role="leader"), "task", row.id, expected_revision=None)
        # The coordinator of Ninh Bình covers plans of Hà Nam, merged into it in 2025.
        review.delete_item(s, reviewer(province="37"), "task", row.id, expected_revision=None)


def test_merge_split_add_and_delete(runtime, plan_id):
    with runtime.session() as s:
        tasks = list(
            s.scalars(select(TaskRow).where(TaskRow.plan_id == plan_id).order_by(TaskRow.id))
        )
        kept = review.merge_items(s, reviewer(), "task", [t.id for t in tasks])
        assert tasks[1].deleted and "Rà soát cơ chế" in kept.text
        new = review.split_item(
            s, reviewer(), "task", kept.id, "Rà soát cơ chế, chính sách.", expected_revision=None
        )
        assert new.text == "Rà soát cơ chế, chính sách." and "Rà soát" not in kept.text
        added = review.add_item(
            s,
            reviewer(),
            plan_id,
            "target",
            {
                "indicator": "Số doanh nghiệp công nghệ số",
                "kind": "level",
                "op": ">=",
                "value": "1.200",
                "unit": "số",
                "year": "2030",
            },
        )
        assert added.origin == "manual" and added.value == 1200
        review.delete_item(s, reviewer(), "target", added.id, expected_revision=None)
        s.commit()
        detail = queries.plan_detail(s, plan_id, visibility=Visibility.everything())
        assert len(detail.tasks) == 2 and len(detail.targets) == 2
        actions = [e.action for e in review.plan_history(s, plan_id)]
        assert {"task.merge", "task.split", "target.add", "target.delete", "plan.ingest"} <= set(
            actions
        )


def test_corrections_survive_a_new_version_and_deleted_items_stay_deleted(runtime, plan_id):
    with runtime.session() as s:
        rows = list(
            s.scalars(select(TargetRow).where(TargetRow.plan_id == plan_id).order_by(TargetRow.id))
        )
        review.update_item(
            s,
            reviewer(),
            "target",
            rows[0].id,
            {
                "indicator": "Tên đã sửa",
                "kind": "level",
                "op": ">=",
                "value": "80",
                "unit": "%",
                "year": "2030",
            },
            expected_revision=None,
        )
        review.delete_item(s, reviewer(), "target", rows[1].id, expected_revision=None)
        s.commit()
    store_loaded_plan(
        loaded(factories.extracted_plan(), checksum="9" * 64), runtime.uow(), actor=ACTOR
    )
    with runtime.session() as s:
        detail = queries.plan_detail(s, plan_id, visibility=Visibility.everything())
        assert [t.indicator for t in detail.targets] == ["Tên đã sửa"]


def test_publishing_makes_the_plan_public(runtime, plan_id):
    with runtime.session() as s:
        with pytest.raises(Exception):
            queries.plan_detail(s, plan_id)
        review.set_published(s, reviewer(), plan_id, True)
        s.commit()
        assert queries.plan_detail(s, plan_id).status == "published"
