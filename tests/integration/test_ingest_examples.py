"""Ingesting the example plans end to end, on SQLite and PostgreSQL."""

from sqlalchemy import func, select

from tiendo.domain.actor import Actor
from tiendo.ingest.service import ingest_file
from tiendo.store import queries
from tiendo.store.queries import Visibility
from tiendo.store.tables import PlanVersionRow, TargetRow


def test_every_example_plan_is_stored_once_with_its_items(runtime, example_plans):
    outcomes = [ingest_file(p, runtime.uow(), actor=Actor.command_line()) for p in example_plans]
    assert [o.status for o in outcomes] == ["new"] * len(example_plans)
    again = [ingest_file(p, runtime.uow(), actor=Actor.command_line()) for p in example_plans]
    assert [o.status for o in again] == ["unchanged"] * len(example_plans)
    with runtime.session() as s:
        assert s.scalar(select(func.count()).select_from(PlanVersionRow)) == len(example_plans)
        total, plans = queries.list_plans(s, visibility=Visibility.everything())
        assert total == len(example_plans)
        assert all(p.targets_count > 0 and p.tasks_count > 0 for p in plans)
        repaired = s.scalars(select(PlanVersionRow).where(PlanVersionRow.repaired.is_(True))).all()
        assert [v.source_name for v in repaired] == ["002_451827ac9471e035.txt"]
        assert repaired[0].raw_text and repaired[0].uncertain


def test_an_edited_file_becomes_a_new_version_of_the_same_plan(runtime, example_plans, tmp_path):
    original = example_plans[0]
    first = ingest_file(original, runtime.uow(), actor=Actor.command_line())
    edited = tmp_path / original.name
    edited.write_text(
        original.read_text(encoding="utf-8").replace("tối thiểu 30% GRDP", "tối thiểu 35% GRDP"),
        encoding="utf-8",
    )
    second = ingest_file(edited, runtime.uow(), actor=Actor.command_line())
    assert (
        second.status == "new_version"
        and second.plan_id == first.plan_id
        and second.version_no == 2
    )
    with runtime.session() as s:
        values = set(
            s.scalars(
                select(TargetRow.value).where(
                    TargetRow.active.is_(True), TargetRow.unit == "% GRDP"
                )
            )
        )
        assert 35.0 in values and 30.0 not in values
