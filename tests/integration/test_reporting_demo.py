"""Demo data: plausible, deterministic with a seed, clearly marked, removable."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.reporting_support import store_plan
from tiendo.reporting import demo
from tiendo.store.tables import (
    AgencyRow,
    PeriodRow,
    ReportRow,
    ReportValueRow,
    TargetRow,
    TaskRow,
    UserRow,
)

TODAY = dt.date(2026, 11, 24)


def _fingerprint(runtime):
    with runtime.session() as s:
        statuses = sorted(
            s.execute(select(ReportRow.status, func.count()).group_by(ReportRow.status)).all()
        )
        values = sorted(
            round(v, 3) for v in s.scalars(select(ReportValueRow.value)) if v is not None
        )
        leads = sorted(
            s.scalars(select(AgencyRow.name).join(TaskRow, TaskRow.lead_agency_id == AgencyRow.id))
        )
        return statuses, values, leads


@pytest.mark.slow
def test_demo_data_are_plausible_deterministic_and_removable(runtime):
    plan_id = store_plan(runtime)
    first = None
    for _ in range(2):
        with runtime.session() as s:
            result = demo.create(s, seed=7, today=TODAY)
            s.commit()
        assert result.agencies == len(demo.DEPARTMENTS) + len(demo.COMMUNES)
        roles = {role for _, _, role in result.users}
        assert roles == {"admin", "coordinator", "leader", "reporter"}
        # a reporter's user name says which agency it belongs to, without a counter
        names = [name for name, _, role in result.users if role == "reporter"]
        assert not [n for n in names if n[-2:-1] == "." and n[-1].isdigit()]
        assert any(n.endswith(".van.phong.ubnd.tinh") for n in names)
        with runtime.session() as s:
            assert demo.exists(s)
            assert (
                s.scalar(
                    select(func.count()).select_from(UserRow).where(UserRow.is_demo.is_(False))
                )
                == 0
            )
            lead = s.scalar(
                select(AgencyRow.name)
                .join(TaskRow, TaskRow.lead_agency_id == AgencyRow.id)
                .where(TaskRow.lead_text == "Sở KH&CN")
            )
            assert lead == "Sở Khoa học và Công nghệ"  # the plan's lead text is honoured
            reports = list(s.scalars(select(ReportRow)))
            assert reports and all(r.is_demo for r in reports)
            assert {r.status for r in reports} >= {"approved"}
            periods = list(s.scalars(select(PeriodRow).where(PeriodRow.plan_id == plan_id)))
            assert len(periods) >= 8 and all(p.is_demo for p in periods)
        fingerprint = _fingerprint(runtime)
        first = first or fingerprint
        assert fingerprint == first  # the same seed gives the same data
        with runtime.session() as s:
            counts = demo.remove(s)
            s.commit()
        assert counts["reports"] == len(reports)
        with runtime.session() as s:
            assert not demo.exists(s)
            assert s.scalar(select(func.count()).select_from(ReportRow)) == 0
            assert s.scalar(select(func.count()).select_from(UserRow)) == 0
            assert s.scalar(select(TaskRow.id).where(TaskRow.lead_agency_id.is_not(None))) is None
            assert (
                s.scalar(select(TargetRow.id).where(TargetRow.baseline_value.is_not(None))) is None
            )
