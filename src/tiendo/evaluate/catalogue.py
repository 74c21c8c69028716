"""The catalogue of national indicators, matching plans' targets to it, and comparing provinces.

Each plan words its targets its own way ("Tỷ lệ sử dụng dịch vụ công trực
tuyến của người dân và doanh nghiệp đạt trên 80%", "Tỉ lệ sử dụng DVC trực
tuyến…"). The matcher proposes the national indicator a target most likely
measures, by the words they share (diacritics and case ignored; rare words
count more than common ones) and by character trigrams (which forgive
spelling variants such as "tỉ lệ"/"tỷ lệ"); a coordinator confirms or
rejects each proposal, and every decision is audited. Confirmed links feed
the comparison of provinces, indicator by indicator.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal
from tiendo.domain import describe
from tiendo.domain.actor import Actor
from tiendo.domain.units import PROVINCES, successor_on
from tiendo.errors import NotFound, PermissionDenied, ValidationError
from tiendo.evaluate.queries import plan_label, target_link
from tiendo.evaluate.readmodels import (
    CatalogueOut,
    ComparisonGroup,
    ComparisonOut,
    ComparisonRow,
    IndicatorOut,
    MatchOut,
    NationalTargetOut,
    ProposalOut,
)
from tiendo.evaluate.targets import TARGET_STATUS_LABELS, TargetStatus
from tiendo.store import audit
from tiendo.store.queries import Visibility, province_ref
from tiendo.store.tables import IndicatorLinkRow, PlanRow, TargetRow, TargetStatusRow, UserRow
from tiendo.text.vietnamese import fold

CATALOGUE_FILE = Path(__file__).resolve().parents[1] / "data" / "catalogue" / "nq57.json"

#: A proposal is shown from this score; below it the target is left unmatched.
PROPOSE_FROM = 0.45
#: How much the shared words weigh against the shared trigrams.
WORD_WEIGHT = 0.7

_WORD = re.compile(r"[a-z0-9]+")
#: Words that say nothing about which indicator is meant.
_STOP = frozenset(
    [
        "cua",
        "va",
        "cac",
        "nhung",
        "trong",
        "tren",
        "cho",
        "duoc",
        "dat",
        "voi",
        "tai",
        "mot",
        "nam",
        "ve",
        "la",
        "den",
        "tu",
        "theo",
        "o",
        "the",
        "tinh",
        "dia",
        "ban",
        "toi",
        "thieu",
        "it",
        "nhat",
        "phan",
        "dau",
        "khoang",
        "hon",
        "muc",
    ]
)


@dataclass(frozen=True)
class NationalTarget:
    year: int
    op: str
    value: float
    text: str
    value_max: float | None = None


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    theme: str
    unit: str
    kind: str
    direction: str
    targets: tuple[NationalTarget, ...]
    aliases: tuple[str, ...]
    source: str
    note: str | None = None


@dataclass(frozen=True)
class Catalogue:
    title: str
    document: str
    note: str
    indicators: tuple[Indicator, ...]

    def get(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise NotFound(f"Không có chỉ tiêu quốc gia mã «{code}».")

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(i.code for i in self.indicators)


@cache
def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    """The catalogue data file, checked: unique codes, known directions, a target per indicator."""
    data = json.loads(path.read_text(encoding="utf-8"))
    indicators = []
    for item in data["indicators"]:
        targets = tuple(
            NationalTarget(t["year"], t["op"], float(t["value"]), t["text"], t.get("value_max"))
            for t in item["targets"]
        )
        if item["direction"] not in ("higher", "lower") or not targets:
            raise ValueError(f"catalogue entry {item['code']} needs a direction and a target")
        indicators.append(
            Indicator(
                code=item["code"],
                name=item["name"],
                theme=item["theme"],
                unit=item["unit"],
                kind=item["kind"],
                direction=item["direction"],
                targets=targets,
                aliases=tuple(item.get("aliases", ())),
                source=item["source"],
                note=item.get("note"),
            )
        )
    codes = [i.code for i in indicators]
    if len(codes) != len(set(codes)):
        raise ValueError("catalogue codes must be unique")
    return Catalogue(data["title"], data["document"], data["note"], tuple(indicators))


# ---------------------------------------------------------------- matching


def tokens(text: str) -> set[str]:
    """Folded words (no stop words) and the pairs of neighbouring words."""
    words = [w for w in _WORD.findall(fold(text)) if w not in _STOP]
    return set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}


def trigrams(text: str) -> Counter:
    folded = f"  {' '.join(_WORD.findall(fold(text)))} "
    return Counter(folded[i : i + 3] for i in range(len(folded) - 2))


def dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


@dataclass(frozen=True)
class Match:
    code: str
    name: str
    score: float


class Matcher:
    """Scores a target's wording against every indicator of the catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._phrases = [
            (indicator, phrase, tokens(phrase), trigrams(phrase))
            for indicator in catalogue.indicators
            for phrase in (indicator.name, *indicator.aliases)
        ]
        # A word found in many indicators tells little about which one is meant.
        seen: Counter = Counter()
        for indicator in catalogue.indicators:
            words = set().union(*(tokens(p) for p in (indicator.name, *indicator.aliases)))
            seen.update(words)
        n = len(catalogue.indicators)
        self._idf = {word: math.log(1 + n / count) for word, count in seen.items()}
        self._default_idf = math.log(1 + n)

    def _weight(self, word: str) -> float:
        return self._idf.get(word, self._default_idf)

    def score(self, text: str, unit: str | None = None) -> list[Match]:
        """Indicators ordered by how well ``text`` matches them (best first)."""
        mine, grams = tokens(text), trigrams(text)
        best: dict[str, float] = {}
        for indicator, _phrase, words, phrase_grams in self._phrases:
            if not words:
                continue
            shared = sum(self._weight(w) for w in mine & words)
            coverage = shared / sum(self._weight(w) for w in words)
            score = WORD_WEIGHT * coverage + (1 - WORD_WEIGHT) * dice(grams, phrase_grams)
            if unit and unit == indicator.unit:
                score = min(1.0, score + 0.05)  # the same unit is a small sign of the same thing
            best[indicator.code] = max(best.get(indicator.code, 0.0), score)
        names = {i.code: i.name for i in self.catalogue.indicators}
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return [Match(code, names[code], round(score, 4)) for code, score in ranked]

    def propose(self, text: str, unit: str | None = None) -> Match | None:
        ranked = self.score(text, unit)
        return ranked[0] if ranked and ranked[0].score >= PROPOSE_FROM else None


@cache
def default_matcher() -> Matcher:
    return Matcher(load_catalogue())


# ---------------------------------------------------------------- read models


def _target_text(target: NationalTarget, unit: str, kind: str) -> str:
    return describe.target_value(target.op, target.value, target.value_max, unit, kind)


def indicator_out(indicator: Indicator, linked: int = 0) -> IndicatorOut:
    return IndicatorOut(
        code=indicator.code,
        name=indicator.name,
        theme=indicator.theme,
        unit=indicator.unit,
        kind=indicator.kind,
        direction=indicator.direction,
        targets=[
            NationalTargetOut(
                year=t.year,
                op=t.op,
                value=t.value,
                value_max=t.value_max,
                requirement=_target_text(t, indicator.unit, indicator.kind),
                text=t.text,
            )
            for t in indicator.targets
        ],
        source=indicator.source,
        note=indicator.note,
        linked_targets=linked,
        link=f"/chi-tieu-quoc-gia/{indicator.code}",
    )


def _visible_links(visibility: Visibility):
    return (
        select(IndicatorLinkRow, TargetRow, PlanRow)
        .join(TargetRow, TargetRow.id == IndicatorLinkRow.target_id)
        .join(PlanRow, PlanRow.id == TargetRow.plan_id)
        .where(
            IndicatorLinkRow.state == "confirmed",
            TargetRow.active.is_(True),
            TargetRow.deleted.is_(False),
            visibility.condition(),
        )
    )


def catalogue_out(session: Session, visibility: Visibility) -> CatalogueOut:
    catalogue = load_catalogue()
    linked = _visible_links(visibility).subquery()
    counts = dict(
        session.execute(
            select(linked.c.indicator_code, func.count()).group_by(linked.c.indicator_code)
        ).all()
    )
    return CatalogueOut(
        title=catalogue.title,
        document=catalogue.document,
        note=catalogue.note,
        indicators=[indicator_out(i, counts.get(i.code, 0)) for i in catalogue.indicators],
    )


def proposals(session: Session, plan_id: int, matcher: Matcher | None = None) -> list[ProposalOut]:
    """Every live target of a plan with its decision, or the best proposal and the runners-up."""
    matcher = matcher or default_matcher()
    targets = list(
        session.scalars(
            select(TargetRow)
            .where(
                TargetRow.plan_id == plan_id,
                TargetRow.active.is_(True),
                TargetRow.deleted.is_(False),
            )
            .order_by(TargetRow.year.nulls_last(), TargetRow.position, TargetRow.id)
        )
    )
    links = {
        row.target_id: row
        for row in session.scalars(
            select(IndicatorLinkRow).where(IndicatorLinkRow.target_id.in_([t.id for t in targets]))
        )
    }
    users = dict(
        session.execute(
            select(UserRow.id, UserRow.username).where(
                UserRow.id.in_({link.decided_by for link in links.values() if link.decided_by})
            )
        ).all()
    )
    out = []
    for target in targets:
        ranked = matcher.score(f"{target.indicator} {target.text or ''}", target.unit)[:3]
        link = links.get(target.id)
        best = ranked[0] if ranked and ranked[0].score >= PROPOSE_FROM else None
        out.append(
            ProposalOut(
                target_id=target.id,
                indicator=target.indicator,
                year=target.year,
                requirement=describe.target_value(
                    target.op, target.value, target.value_max, target.unit, target.kind
                ),
                unit=target.unit,
                state=link.state if link else "proposed",
                code=link.indicator_code if link else (best.code if best else None),
                decided_by=users.get(link.decided_by) if link else None,
                decided_at=link.decided_at if link else None,
                matches=[MatchOut(code=m.code, name=m.name, score=m.score) for m in ranked],
            )
        )
    return out


# ---------------------------------------------------------------- decisions


def decide(
    session: Session,
    principal: Principal,
    actor: Actor,
    target_id: int,
    decision: str,
    code: str | None = None,
    score: float | None = None,
) -> IndicatorLinkRow | None:
    """A coordinator confirms that a target measures ``code``, rejects it, or clears the decision.

    ``decision`` is "confirm", "reject" or "clear". Allowed to the
    coordinators of the plan's province (and of the province it merged into)
    and to administrators; audited with the state before and after.
    """
    target = session.get(TargetRow, target_id)
    plan = session.get(PlanRow, target.plan_id) if target else None
    if target is None or plan is None or target.deleted:
        raise NotFound(f"Không có chỉ tiêu số {target_id}.")
    if not principal.manages_province(plan.province_code):
        raise PermissionDenied(
            "Chỉ cán bộ điều phối của tỉnh được gắn chỉ tiêu với chỉ tiêu quốc gia."
        )
    if decision not in ("confirm", "reject", "clear"):
        raise ValidationError(f"Quyết định «{decision}» không hợp lệ.", where="decision")
    catalogue = load_catalogue()
    if decision != "clear" and code not in catalogue.codes:
        raise ValidationError(
            f"Không có chỉ tiêu quốc gia mã «{code}».",
            errors=[{"msg": f"Không có chỉ tiêu quốc gia mã «{code}».", "loc": ["code"]}],
        )
    existing = session.get(IndicatorLinkRow, target_id)
    before = (
        {"indicator_code": existing.indicator_code, "state": existing.state} if existing else None
    )
    row = None
    if decision == "clear":
        session.execute(delete(IndicatorLinkRow).where(IndicatorLinkRow.target_id == target_id))
    else:
        row = existing or IndicatorLinkRow(target_id=target_id)
        row.indicator_code = code
        row.state = "confirmed" if decision == "confirm" else "rejected"
        row.score = score
        row.decided_by = principal.user_id
        row.decided_at = dt.datetime.now(dt.UTC)
        session.add(row)
    audit.record(
        session,
        actor,
        f"indicator_link.{decision}",
        "target",
        target_id,
        before=before,
        after={"indicator_code": code, "state": row.state} if row else None,
        plan_id=plan.id,
        province_code=plan.province_code,
    )
    session.flush()
    return row


# ---------------------------------------------------------------- comparison


def comparison(
    session: Session, code: str, visibility: Visibility, today: dt.date
) -> ComparisonOut:
    """Each province's targets for one national indicator, with the latest value and status.

    Plans of provinces merged in 2025 appear under the province that
    received them, with their own province named (their lineage).
    """
    catalogue = load_catalogue()
    indicator = catalogue.get(code)
    rows = session.execute(
        _visible_links(visibility)
        .add_columns(TargetStatusRow)
        .outerjoin(TargetStatusRow, TargetStatusRow.target_id == TargetRow.id)
        .where(IndicatorLinkRow.indicator_code == code)
        .order_by(PlanRow.province_code, PlanRow.id, TargetRow.year, TargetRow.id)
    ).all()
    groups: dict[str | None, list[ComparisonRow]] = {}
    statuses: Counter = Counter()
    for _link, target, plan, status in rows:
        home_code = (
            successor_on(plan.province_code, today).code
            if plan.province_code in PROVINCES
            else plan.province_code
        )
        lineage = None
        if home_code and plan.province_code and home_code != plan.province_code:
            lineage = (
                f"Kế hoạch của tỉnh {PROVINCES[plan.province_code].name} "
                f"(đến {PROVINCES[plan.province_code].valid_to.strftime('%d/%m/%Y')}), "
                f"nay thuộc {PROVINCES[home_code].name}"
            )
        label = None
        if status is not None:
            label = TARGET_STATUS_LABELS.get(TargetStatus(status.status))
            if status.is_current:
                statuses[status.status] += 1
        groups.setdefault(home_code, []).append(
            ComparisonRow(
                province=province_ref(plan.province_code),
                home=province_ref(home_code),
                plan_id=plan.id,
                plan_label=plan_label(plan),
                lineage=lineage,
                target_id=target.id,
                indicator=target.indicator,
                year=target.year,
                requirement=describe.target_value(
                    target.op, target.value, target.value_max, target.unit, target.kind
                ),
                latest_value=status.latest_value if status else None,
                latest_as_of=status.latest_as_of if status else None,
                status=status.status if status else None,
                label=label,
                progress_percent=status.progress_percent if status else None,
                link=target_link(target.id),
            )
        )
    ordered = sorted(
        groups.items(),
        key=lambda item: (item[0] is None, PROVINCES[item[0]].name if item[0] in PROVINCES else ""),
    )
    linked = sum(len(v) for v in groups.values())
    return ComparisonOut(
        indicator=indicator_out(indicator, linked),
        provinces=len([k for k in groups if k]),
        groups=[ComparisonGroup(home=province_ref(k), rows=v) for k, v in ordered],
        statuses=dict(statuses),
    )
