"""Scorecards and rankings of agencies or provinces, counted in the database.

The shares are those of ``scorecards.py``, counted with the buckets of
``queries`` (so each count's link lists exactly the items counted); the
composite score, its explanation and the ranking with its tie-breaks come
from the pure core (``scorecard_from_tallies``, ``rank_scorecards``).

Plans of provinces merged in 2025 count for the province that received
them; a plan keeps its own province everywhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from tiendo.domain.units import PROVINCES
from tiendo.errors import ValidationError
from tiendo.evaluate.buckets import TASK_BUCKETS
from tiendo.evaluate.config import DEFAULT_CONFIG, EvaluationConfig
from tiendo.evaluate.queries import (
    REPORTS_PAGE,
    TARGET_BUCKETS,
    TARGETS_PAGE,
    TASKS_PAGE,
    Filters,
    Scope,
    agency_names,
    agency_tally_scope,
    count_case,
    group_tally_scope,
    home_of,
    report_bucket,
    resolve_scope,
    submission_scope,
    tallies_apply,
    target_scope,
    task_scope,
)
from tiendo.evaluate.readmodels import Ranking, ScorecardOut, ShareOut
from tiendo.evaluate.scorecards import (
    Scorecard,
    composite_of,
    order_key,
    rank_ordered,
    scorecard_from_tallies,
)
from tiendo.store.queries import Visibility, province_ref
from tiendo.store.tables import (
    SubmissionRow,
    TargetStatusRow,
    TaskAgencyTallyRow,
    TaskGroupTallyRow,
    TaskStatusRow,
)

GROUPINGS = ("agency", "province")

#: Where each share's numerator and denominator are listed: (page, numerator bucket, denominator bucket).
SHARE_LINKS = {
    "tasks_on_time": (TASKS_PAGE, "on_time", "counted"),
    "tasks_overdue": (TASKS_PAGE, "overdue", "dated"),
    "targets_on_track": (TARGETS_PAGE, "good", "all"),
    "targets_at_risk": (TARGETS_PAGE, "bad", "all"),
    "reports_on_time": (REPORTS_PAGE, "on_time", "expected"),
}


@dataclass(frozen=True)
class Key:
    """A ranked group: its id and the name shown (also the last tie-break)."""

    kind: str
    id: int | str
    name: str

    def __str__(self) -> str:
        return self.name


def _add(counts: dict, key, name: str, numerator, denominator) -> None:
    shares = counts.get(key)
    if shares is None:
        shares = counts[key] = {}
    num, den = shares.get(name, (0, 0))
    shares[name] = (num + int(numerator or 0), den + int(denominator or 0))


def tally(session: Session, scope: Scope, by: str) -> dict:
    """key → {share name: (numerator, denominator)}; key is an agency id or a province code."""
    if by not in GROUPINGS:
        raise ValidationError(f"Chỉ xếp hạng theo {' hoặc '.join(GROUPINGS)}.", where="by")
    counts: dict = {}
    agency = by == "agency"

    def key_of(column_value):
        if agency:
            return column_value
        plan = scope.plans.get(column_value)
        return plan.home(scope.today) if plan else None

    # Tasks are counted from the tallies when they can answer (see queries.tallies_apply).
    if agency and tallies_apply(scope, by_agency=True):
        a = TaskAgencyTallyRow
        task_col = a.agency_id
        stmt = select(
            a.agency_id,
            func.sum(a.on_time),
            func.sum(a.counted),
            func.sum(a.overdue),
            func.sum(a.dated),
        ).where(agency_tally_scope(scope))
    else:
        if not agency and tallies_apply(scope):
            t, where, weight = TaskGroupTallyRow, group_tally_scope(scope), TaskGroupTallyRow.n
        else:
            t, where, weight = TaskStatusRow, task_scope(scope), literal(1)
        task_col = t.agency_id if agency else t.plan_id

        def tasks_in(bucket: str):
            return func.sum(case((TASK_BUCKETS[bucket](t), weight), else_=0))

        stmt = select(
            task_col,
            tasks_in("on_time"),
            tasks_in("counted"),
            tasks_in("overdue"),
            tasks_in("dated"),
        ).where(where)
    for key, on_time, counted, overdue, dated in session.execute(stmt.group_by(task_col)):
        k = key_of(key)
        if k is None:
            continue
        _add(counts, k, "tasks_on_time", on_time, counted)
        _add(counts, k, "tasks_overdue", overdue, dated)
    target_col = TargetStatusRow.agency_id if agency else TargetStatusRow.plan_id
    for key, good, bad, total in session.execute(
        select(
            target_col,
            count_case(TARGET_BUCKETS["good"]()),
            count_case(TARGET_BUCKETS["bad"]()),
            func.count(),
        )
        .where(target_scope(scope))
        .group_by(target_col)
    ):
        k = key_of(key)
        if k is None:
            continue
        _add(counts, k, "targets_on_track", good, total)
        _add(counts, k, "targets_at_risk", bad, total)
    today = scope.today
    group = (
        (SubmissionRow.agency_id,)
        if agency
        else (SubmissionRow.plan_id, SubmissionRow.province_code)
    )
    for *keys, on_time, expected in session.execute(
        select(
            *group,
            count_case(report_bucket("on_time", today)),
            count_case(report_bucket("expected", today)),
        )
        .where(submission_scope(scope))
        .group_by(*group)
    ):
        if agency:
            k = keys[0]
        elif keys[0] is not None:
            k = key_of(keys[0])
        else:
            k = home_of(keys[1], today)
        if k is None:
            continue
        _add(counts, k, "reports_on_time", on_time, expected)
    return counts


def _links(scope: Scope, key: Key) -> dict[str, tuple[str, str]]:
    # The lists of this agency (or province) with the same filters; the query
    # string is built once per card, the bucket names need no escaping.
    query = urlencode(scope.filters.params(**{key.kind: key.id}))
    return {
        name: (f"{page}?{query}&bucket={num}", f"{page}?{query}&bucket={den}")
        for name, (page, num, den) in SHARE_LINKS.items()
    }


def scorecard_out(position: int, card: Scorecard, reasons, scope: Scope) -> ScorecardOut:
    key: Key = card.key
    links = _links(scope, key)
    shares = []
    for share in (
        card.tasks_on_time,
        card.tasks_overdue,
        card.targets_on_track,
        card.targets_at_risk,
        card.reports_on_time,
    ):
        num_link, den_link = links[share.name]
        shares.append(
            ShareOut(
                name=share.name,
                label=share.label,
                value=share.value,
                numerator=share.numerator_count,
                denominator=share.denominator_count,
                numerator_link=num_link,
                denominator_link=den_link,
            )
        )
    return ScorecardOut(
        position=position,
        key=str(key.id),
        name=key.name,
        province=province_ref(str(key.id)) if key.kind == "province" else None,
        composite=card.composite,
        shares=shares,
        explanation=card.explanation.text,
        reasons=list(reasons),
    )


FORMULA = (
    "điểm = 100 × (trọng số nhiệm vụ × tỷ lệ nhiệm vụ đúng hạn + trọng số chỉ tiêu × tỷ lệ chỉ tiêu "
    "đã đạt hoặc đúng tiến độ + trọng số báo cáo × tỷ lệ báo cáo đúng hạn) / tổng trọng số của các "
    "tỷ lệ có dữ liệu"
)


def ranking(
    session: Session,
    visibility: Visibility,
    filters: Filters,
    today: dt.date,
    by: str = "agency",
    config: EvaluationConfig = DEFAULT_CONFIG,
    *,
    limit: int = 50,
    offset: int = 0,
) -> Ranking:
    """Scorecards of every agency (or province) in scope, ranked, one page of them."""
    scope = resolve_scope(session, visibility, filters, today)
    counts = tally(session, scope, by)
    if by == "agency":
        names = agency_names(session, counts)
        keys = {k: Key("agency", k, names.get(k, f"Cơ quan {k}")) for k in counts}
    else:
        keys = {k: Key("province", k, PROVINCES[k].name) for k in counts}
    # Order every group by its numbers alone; build the full scorecards, with
    # their explanations, only for the page shown (and the one just above it).
    weights = config.weights
    standing = []
    for k, shares in counts.items():
        values = {name: (num / den if den else None) for name, (num, den) in shares.items()}
        composite = composite_of(
            (values.get(name), weight)
            for name, weight in (
                ("tasks_on_time", weights.tasks),
                ("targets_on_track", weights.targets),
                ("reports_on_time", weights.reports),
            )
        )
        standing.append((order_key(composite, values, keys[k]), k))
    standing.sort()
    limit, offset = max(1, min(limit, 500)), max(0, offset)
    first = max(offset - 1, 0)
    cards = [
        scorecard_from_tallies(keys[k], counts[k], weights)
        for _, k in standing[first : offset + limit]
    ]
    above = cards.pop(0) if offset > 0 and cards else None
    ranked = rank_ordered(cards, first_position=offset + 1, above=above)
    return Ranking(
        by=by,
        today=today,
        weights=weights.as_dict(),
        formula=FORMULA,
        total=len(standing),
        limit=limit,
        offset=offset,
        items=[scorecard_out(r.position, r.scorecard, r.reasons, scope) for r in ranked],
    )
