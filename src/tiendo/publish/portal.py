"""Read side of the public portal: provinces, their published plans, their lineage.

Only published plans count. A province merged on 1 July 2025 appears
under the province that received it, with its own name and the date it
ended, so its plans keep their identity and roll up into the new one.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import province_family
from tiendo.domain.units import PROVINCES
from tiendo.errors import NotFound
from tiendo.publish import feedback
from tiendo.publish.readmodels import FormerProvince, ProvinceEntry, ProvincePage
from tiendo.store import queries
from tiendo.store.tables import PlanRow


def _published_counts(session: Session) -> dict[str | None, int]:
    stmt = (
        select(PlanRow.province_code, func.count())
        .where(PlanRow.status == "published")
        .group_by(PlanRow.province_code)
    )
    return dict(session.execute(stmt).all())


def _former(code: str, counts: dict[str | None, int]) -> list[FormerProvince]:
    return [
        FormerProvince(code=u.code, name=u.name, valid_to=u.valid_to, plans=counts.get(u.code, 0))
        for u in PROVINCES.values()
        if u.successor_code == code
    ]


def province_directory(session: Session) -> list[ProvinceEntry]:
    """The 34 provinces, with how many published plans each has (merged ones included)."""
    counts = _published_counts(session)
    entries = []
    for unit in PROVINCES.values():
        if unit.successor_code:
            continue
        former = _former(unit.code, counts)
        entries.append(
            ProvinceEntry(
                code=unit.code,
                name=unit.name,
                full_name=unit.full_name,
                plans=counts.get(unit.code, 0) + sum(f.plans for f in former),
                former=former,
            )
        )
    return sorted(entries, key=lambda e: (-e.plans, e.name))


def province_page(session: Session, code: str, *, feedback_limit: int = 5) -> ProvincePage:
    """A province's published plans (its own and those of the provinces merged into it)."""
    unit = PROVINCES.get(code)
    if unit is None:
        raise NotFound(f"Không có tỉnh, thành phố mã “{code}”.")
    if unit.successor_code:
        # An old province's page is its successor's: the plans are listed there.
        raise ProvinceMoved(unit.successor_code)
    counts = _published_counts(session)
    _, plans = queries.list_plans(
        session, visibility=queries.PUBLIC, province_code=unit.code, limit=500
    )
    total, items = feedback.public_list(
        session, province_codes=province_family(unit.code), limit=feedback_limit
    )
    return ProvincePage(
        province=queries.province_ref(unit.code),
        full_name=unit.full_name,
        former=_former(unit.code, counts),
        plans=plans,
        feedback=items,
        feedback_total=total,
    )


class ProvinceMoved(Exception):
    """The province was merged; its page now lives under ``successor``."""

    def __init__(self, successor: str) -> None:
        super().__init__(successor)
        self.successor = successor
