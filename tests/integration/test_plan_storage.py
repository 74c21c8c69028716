"""Storing plans: versions, identity, corrections kept, all-or-nothing."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import factories
from tiendo.domain.actor import Actor
from tiendo.ingest.pipeline import LoadedPlan
from tiendo.ingest.readers import SourceText
from tiendo.ingest.service import store_loaded_plan
from tiendo.store import queries
from tiendo.store.queries import Visibility
from tiendo.store.tables import AuditRow, PlanRow, PlanVersionRow, TargetRow, TaskRow

ACTOR = Actor(label="kiểm thử")
ALL = Visibility.everything()


def loaded(plan, checksum="a" * 64, name="ke-hoach.txt") -> LoadedPlan:
    return LoadedPlan(
        path=Path(name),
        checksum=checksum,
        size_bytes=100,
        source=SourceText(
            path=name, text="dòng 1\ndòng 2", raw_text="dòng 1\ndòng 2", format="txt"
        ),
        extracted=plan,
    )


def count(session, table) -> int:
    return session.scalar(select(func.count()).select_from(table))


def test_a_new_plan_is_stored_with_its_items_and_an_audit_entry(runtime):
    outcome = store_loaded_plan(loaded(factories.extracted_plan()), runtime.uow(), actor=ACTOR)
    assert outcome.status == "new"
    with runtime.session() as s:
        detail = queries.plan_detail(s, outcome.plan_id, visibility=ALL)
        assert detail.province.name == "Hà Nam"
        assert detail.province.merged_into.name == "Ninh Bình"
        assert [t.year for t in detail.targets] and len(detail.targets) == 2
        assert len(detail.tasks) == 2 and len(detail.duties) == 1
        entry = s.scalars(select(AuditRow).where(AuditRow.action == "plan.ingest")).one()
        assert entry.actor_label == "kiểm thử" and entry.after["status"] == "new"


def test_the_same_file_twice_changes_nothing(runtime):
    first = store_loaded_plan(loaded(factories.extracted_plan()), runtime.uow(), actor=ACTOR)
    second = store_loaded_plan(loaded(factories.extracted_plan()), runtime.uow(), actor=ACTOR)
    assert second.status == "unchanged" and second.plan_id == first.plan_id
    with runtime.session() as s:
        assert count(s, PlanRow) == 1 and count(s, PlanVersionRow) == 1 and count(s, TargetRow) == 2


def test_a_changed_file_becomes_a_new_version_keeping_item_ids(runtime):
    plan_v1 = factories.extracted_plan()
    first = store_loaded_plan(loaded(plan_v1), runtime.uow(), actor=ACTOR)
    with runtime.session() as s:
        ids_before = set(s.scalars(select(TargetRow.id)))
    plan_v2 = factories.extracted_plan(
        targets=[
            *plan_v1.targets,
            factories.target(indicator="Quy mô kinh tế số", value=30.0, unit="% GRDP"),
        ]
    )
    second = store_loaded_plan(loaded(plan_v2, checksum="b" * 64), runtime.uow(), actor=ACTOR)
    assert (
        second.status == "new_version"
        and second.plan_id == first.plan_id
        and second.version_no == 2
    )
    assert second.merge.added == 1 and second.merge.retired == 0
    with runtime.session() as s:
        ids_after = set(s.scalars(select(TargetRow.id).where(TargetRow.active.is_(True))))
        assert ids_before < ids_after


def test_items_gone_from_a_new_version_are_retired_not_deleted(runtime):
    plan_v1 = factories.extracted_plan()
    store_loaded_plan(loaded(plan_v1), runtime.uow(), actor=ACTOR)
    plan_v2 = factories.extracted_plan(tasks=plan_v1.tasks[:1])
    outcome = store_loaded_plan(loaded(plan_v2, checksum="c" * 64), runtime.uow(), actor=ACTOR)
    assert outcome.merge.retired == 1
    with runtime.session() as s:
        assert count(s, TaskRow) == 2
        assert len(queries.plan_detail(s, outcome.plan_id, visibility=ALL).tasks) == 1


def test_a_corrected_item_keeps_its_correction_in_a_new_version(runtime):
    plan_v1 = factories.extracted_plan()
    first = store_loaded_plan(loaded(plan_v1), runtime.uow(), actor=ACTOR)
    with runtime.session() as s:
        row = s.scalars(
            select(TargetRow).where(TargetRow.plan_id == first.plan_id).order_by(TargetRow.id)
        ).first()
        row.indicator, row.edited = "Tỷ lệ dịch vụ công trực tuyến toàn trình", True
        s.commit()
        corrected_id = row.id
    store_loaded_plan(
        loaded(factories.extracted_plan(), checksum="d" * 64), runtime.uow(), actor=ACTOR
    )
    with runtime.session() as s:
        row = s.get(TargetRow, corrected_id)
        assert row.active and row.indicator == "Tỷ lệ dịch vụ công trực tuyến toàn trình"


def test_a_failure_in_the_middle_leaves_nothing_half_written(runtime, monkeypatch):
    from tiendo.store import repositories

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repositories.PlanRepository, "_merge", explode)
    with pytest.raises(RuntimeError):
        store_loaded_plan(loaded(factories.extracted_plan()), runtime.uow(), actor=ACTOR)
    with runtime.session() as s:
        assert count(s, PlanRow) == 0 and count(s, PlanVersionRow) == 0 and count(s, AuditRow) == 0


def test_search_ignores_diacritics_and_case(runtime):
    store_loaded_plan(loaded(factories.extracted_plan()), runtime.uow(), actor=ACTOR)
    with runtime.session() as s:
        result = queries.search(s, "DICH VU CONG truc tuyen", visibility=ALL)
        assert result.total >= 2
        assert {h.type for h in result.hits} == {"target"}
        assert queries.search(s, "100%_", visibility=ALL).total == 0
