"""Scorecards per agency or per province, a composite score, and a ranking.

Every share keeps the ids of the items counted above and below the line so
a page can drill down; at national scale a share may instead be a ``Tally``
of counts, whose items a filtered list finds again (see
``scorecard_from_tallies``). The composite score (0–100) is the weighted mean of
three shares — tasks on time, targets achieved or on track, reports on time —
over the shares the group has data for (weights rescaled to sum to 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tiendo.evaluate import wording as w
from tiendo.evaluate.explanation import Explanation
from tiendo.evaluate.targets import TargetResult, TargetStatus
from tiendo.evaluate.tasks import TaskResult, TaskStatus
from tiendo.evaluate.timeliness import GroupKey, SubmissionResult, SubmissionStatus, key_function


@dataclass(frozen=True)
class Weights:
    """Weights of the composite score; published with every score.

    Tasks and targets weigh 0,4 each: they are what the plans set out to do
    ("rõ việc, rõ kết quả"). Reports weigh 0,2: reporting on time is how the
    steering committee can follow the work, but it is not the work.
    """

    tasks: float = 0.4
    targets: float = 0.4
    reports: float = 0.2

    def __post_init__(self) -> None:
        if min(self.tasks, self.targets, self.reports) < 0:
            raise ValueError("weights must not be negative")
        if self.tasks + self.targets + self.reports <= 0:
            raise ValueError("at least one weight must be positive")

    def as_dict(self) -> dict:
        return {"tasks": self.tasks, "targets": self.targets, "reports": self.reports}


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Share:
    """``numerator`` ÷ ``denominator``, both as the ids of the items counted."""

    name: str
    label: str
    numerator: tuple
    denominator: tuple

    @property
    def value(self) -> float | None:
        return len(self.numerator) / len(self.denominator) if self.denominator else None

    def describe(self) -> str:
        if not self.denominator:
            return f"{self.label}: chưa có dữ liệu"
        return (
            f"{self.label} {w.percent(self.value)} ({len(self.numerator)}/{len(self.denominator)})"
        )

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "value": self.value,
            "numerator": {"count": len(self.numerator), "ids": list(self.numerator)},
            "denominator": {"count": len(self.denominator), "ids": list(self.denominator)},
        }


@dataclass(frozen=True)
class Tally:
    """A share known by its counts only (numerator ≤ denominator)."""

    name: str
    label: str
    numerator_count: int
    denominator_count: int

    def __post_init__(self) -> None:
        if not 0 <= self.numerator_count <= self.denominator_count:
            raise ValueError("a tally needs 0 ≤ numerator ≤ denominator")

    @property
    def value(self) -> float | None:
        if not self.denominator_count:
            return None
        return self.numerator_count / self.denominator_count

    def describe(self) -> str:
        if not self.denominator_count:
            return f"{self.label}: chưa có dữ liệu"
        return (
            f"{self.label} {w.percent(self.value)} "
            f"({self.numerator_count}/{self.denominator_count})"
        )

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "value": self.value,
            "numerator": {"count": self.numerator_count},
            "denominator": {"count": self.denominator_count},
        }


@dataclass(frozen=True)
class Scorecard:
    """Shares carry the ids behind them (``Share``) or only their counts (``Tally``)."""

    key: object
    tasks_on_time: Share | Tally
    tasks_overdue: Share | Tally
    targets_on_track: Share | Tally
    targets_at_risk: Share | Tally
    reports_on_time: Share | Tally
    composite: float | None
    weights: Weights
    explanation: Explanation

    @property
    def components(self) -> tuple[tuple[Share | Tally, float], ...]:
        """The shares that make the composite score, with their weights."""
        return (
            (self.tasks_on_time, self.weights.tasks),
            (self.targets_on_track, self.weights.targets),
            (self.reports_on_time, self.weights.reports),
        )

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "composite": self.composite,
            "weights": self.weights.as_dict(),
            "shares": {
                s.name: s.as_dict()
                for s in (
                    self.tasks_on_time,
                    self.tasks_overdue,
                    self.targets_on_track,
                    self.targets_at_risk,
                    self.reports_on_time,
                )
            },
            "explanation": self.explanation.as_dict(),
        }


_DUE_OR_DONE = {TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE, TaskStatus.OVERDUE}
_CONTINUING_JUDGED = {TaskStatus.CONTINUING_REPORTED, TaskStatus.CONTINUING_UNREPORTED}
_TARGET_GOOD = {TargetStatus.ACHIEVED, TargetStatus.ON_TRACK}
_TARGET_BAD = {TargetStatus.AT_RISK, TargetStatus.MISSED}


def _scorecard(
    key: object,
    tasks: Sequence[TaskResult],
    targets: Sequence[TargetResult],
    reports: Sequence[SubmissionResult],
    weights: Weights,
) -> Scorecard:
    # A task counts once it has come due (or was completed); a continuing task
    # once its period's report was due. Tasks not yet due, and tasks without a
    # deadline, neither help nor hurt.
    dated = [t for t in tasks if t.due is not None and t.period_key is None]
    continuing = [t for t in tasks if t.status in _CONTINUING_JUDGED]
    tasks_on_time = Share(
        "tasks_on_time",
        "nhiệm vụ đúng hạn",
        tuple(
            t.item_key
            for t in [*dated, *continuing]
            if t.status in (TaskStatus.DONE_ON_TIME, TaskStatus.CONTINUING_REPORTED)
        ),
        tuple(
            t.item_key
            for t in [*dated, *continuing]
            if t.status in _DUE_OR_DONE | _CONTINUING_JUDGED
        ),
    )
    tasks_overdue = Share(
        "tasks_overdue",
        "nhiệm vụ quá hạn",
        tuple(t.item_key for t in dated if t.status is TaskStatus.OVERDUE),
        tuple(t.item_key for t in dated),
    )
    # Targets without enough data stay in the denominator, so that not
    # reporting a value never raises a score.
    all_targets = tuple((t.target_id, t.year) for t in targets)
    targets_on_track = Share(
        "targets_on_track",
        "chỉ tiêu đã đạt hoặc đúng tiến độ",
        tuple((t.target_id, t.year) for t in targets if t.status in _TARGET_GOOD),
        all_targets,
    )
    targets_at_risk = Share(
        "targets_at_risk",
        "chỉ tiêu nguy cơ không đạt hoặc không đạt",
        tuple((t.target_id, t.year) for t in targets if t.status in _TARGET_BAD),
        all_targets,
    )
    reports_on_time = Share(
        "reports_on_time",
        "báo cáo đúng hạn",
        tuple(r.id for r in reports if r.status is SubmissionStatus.ON_TIME),
        tuple(r.id for r in reports if r.expected),
    )
    return _compose(
        key,
        tasks_on_time,
        tasks_overdue,
        targets_on_track,
        targets_at_risk,
        reports_on_time,
        weights,
    )


def _compose(
    key: object,
    tasks_on_time: Share | Tally,
    tasks_overdue: Share | Tally,
    targets_on_track: Share | Tally,
    targets_at_risk: Share | Tally,
    reports_on_time: Share | Tally,
    weights: Weights,
) -> Scorecard:
    """The composite score and its explanation, from the five shares."""
    parts = [
        (share, weight)
        for share, weight in (
            (tasks_on_time, weights.tasks),
            (targets_on_track, weights.targets),
            (reports_on_time, weights.reports),
        )
        if share.value is not None and weight > 0
    ]
    total_weight = sum(weight for _, weight in parts)
    composite = composite_of((share.value, weight) for share, weight in parts)
    terms = [f"{w.num(weight / total_weight)} × {share.describe()}" for share, weight in parts]
    if composite is None:
        text = "Chưa có dữ liệu để tính điểm tổng hợp."
    else:
        text = f"Điểm tổng hợp {w.num(composite, 1)} = 100 × ({' + '.join(terms)})."
    others = "; ".join(s.describe() for s in (tasks_overdue, targets_at_risk))
    text = f"{text} {others[0].upper()}{others[1:]}."
    explanation = Explanation(
        rule="scorecard.composite",
        text=text,
        formula=(
            "điểm = 100 × Σ(trọng số × tỷ lệ) / Σ(trọng số), trên các tỷ lệ có dữ liệu; "
            "nhiệm vụ đúng hạn = hoàn thành đúng hạn (và thường xuyên có báo cáo) / nhiệm vụ đã đến hạn; "
            "chỉ tiêu = đã đạt và đúng tiến độ / tất cả chỉ tiêu; "
            "báo cáo = đúng hạn / báo cáo đến hạn"
        ),
        inputs={"key": key, "weights": weights.as_dict()},
        values={
            share.name: share.value
            for share in (
                tasks_on_time,
                tasks_overdue,
                targets_on_track,
                targets_at_risk,
                reports_on_time,
            )
        },
        result={"composite": composite},
    )
    return Scorecard(
        key=key,
        tasks_on_time=tasks_on_time,
        tasks_overdue=tasks_overdue,
        targets_on_track=targets_on_track,
        targets_at_risk=targets_at_risk,
        reports_on_time=reports_on_time,
        composite=composite,
        weights=weights,
        explanation=explanation,
    )


def composite_of(parts: Iterable[tuple[float | None, float]]) -> float | None:
    """100 × Σ(weight × value) / Σ(weight), over the values known with a positive weight."""
    known = [(value, weight) for value, weight in parts if value is not None and weight > 0]
    total_weight = sum(weight for _, weight in known)
    if total_weight <= 0:
        return None
    return 100.0 * sum(value * weight for value, weight in known) / total_weight


#: The five shares of a scorecard, in order, with their labels.
SHARE_LABELS: tuple[tuple[str, str], ...] = (
    ("tasks_on_time", "nhiệm vụ đúng hạn"),
    ("tasks_overdue", "nhiệm vụ quá hạn"),
    ("targets_on_track", "chỉ tiêu đã đạt hoặc đúng tiến độ"),
    ("targets_at_risk", "chỉ tiêu nguy cơ không đạt hoặc không đạt"),
    ("reports_on_time", "báo cáo đúng hạn"),
)


def scorecard_from_tallies(
    key: object, counts: dict[str, tuple[int, int]], weights: Weights = DEFAULT_WEIGHTS
) -> Scorecard:
    """The same scorecard from counts alone: ``counts[name] = (numerator, denominator)``.

    For national-scale pages, where the counts come from the database and
    the items behind each count are found again by a filtered list rather
    than carried as ids. Missing names count as 0/0.
    """
    tallies = [Tally(name, label, *counts.get(name, (0, 0))) for name, label in SHARE_LABELS]
    return _compose(key, *tallies, weights)


def build_scorecards(
    tasks: Iterable[TaskResult] = (),
    targets: Iterable[TargetResult] = (),
    reports: Iterable[SubmissionResult] = (),
    by: GroupKey = "agency",
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Scorecard]:
    """One scorecard per group ("agency", "province", or a function of an item).

    A task counts for its lead agency only: the lead answers for the task.
    """
    keyed = key_function(by)
    groups: dict[object, tuple[list, list, list]] = {}
    for index, items in enumerate((tasks, targets, reports)):
        for item in items:
            groups.setdefault(keyed(item), ([], [], []))[index].append(item)
    ordered = sorted(groups, key=lambda k: (k is None, str(k)))
    return [_scorecard(key, *groups[key], weights) for key in ordered]


@dataclass(frozen=True)
class Ranked:
    """A place in a ranking with the reasons for it."""

    position: int
    scorecard: Scorecard
    reasons: tuple[str, ...]

    @property
    def key(self) -> object:
        return self.scorecard.key

    def as_dict(self) -> dict:
        return {
            "position": self.position,
            "key": self.key,
            "composite": self.scorecard.composite,
            "reasons": list(self.reasons),
        }


#: Ties on the composite score are broken in this order; the last resort is
#: the key itself, so the order never depends on the input order.
TIE_BREAKERS: tuple[tuple[str, str], ...] = (
    ("targets_on_track", "tỷ lệ chỉ tiêu đã đạt hoặc đúng tiến độ"),
    ("tasks_on_time", "tỷ lệ nhiệm vụ đúng hạn"),
    ("reports_on_time", "tỷ lệ báo cáo đúng hạn"),
)


def _rounded(value: float | None) -> float:
    # Rounded so that sums computed in another order still tie.
    return -1.0 if value is None else round(value, 9)


def order_key(composite: float | None, shares: dict[str, float | None], key: object) -> tuple:
    """Where a group stands: by composite score, then ``TIE_BREAKERS``, then its key.

    ``shares`` maps share names to values; a ranking of thousands of groups
    can sort on this without building every scorecard.
    """
    return (
        -_rounded(composite),
        *(-_rounded(shares.get(name)) for name, _ in TIE_BREAKERS),
        str(key),
    )


def _order(card: Scorecard) -> tuple:
    shares = {name: getattr(card, name).value for name, _ in TIE_BREAKERS}
    return order_key(card.composite, shares, card.key)


def rank_ordered(
    ordered: Sequence[Scorecard], first_position: int = 1, above: Scorecard | None = None
) -> list[Ranked]:
    """Places for scorecards already in ranking order, from ``first_position``.

    ``above`` is the scorecard just before the first one (for a page of a
    long ranking), so a tie with it is explained too.
    """
    ranked = []
    previous = above
    for index, card in enumerate(ordered):
        reasons = [card.explanation.text]
        if previous is not None and _rounded(previous.composite) == _rounded(card.composite):
            reasons.append(_tie_reason(previous, card))
        ranked.append(Ranked(first_position + index, card, tuple(reasons)))
        previous = card
    return ranked


def rank_scorecards(cards: Iterable[Scorecard]) -> list[Ranked]:
    """Rank by composite score (highest first), ties broken by ``TIE_BREAKERS``
    then by key; groups without a score come last."""
    return rank_ordered(sorted(cards, key=_order))


def _tie_reason(above: Scorecard, card: Scorecard) -> str:
    for name, label in TIE_BREAKERS:
        mine, theirs = getattr(card, name).value, getattr(above, name).value
        if _rounded(mine) != _rounded(theirs):
            return (
                f"Bằng điểm với {above.key}; xếp sau vì {label} thấp hơn "
                f"({w.percent(mine)} so với {w.percent(theirs)})."
            )
    return f"Bằng điểm và bằng mọi tiêu chí phụ với {above.key}; xếp theo tên."
