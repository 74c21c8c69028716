"""From stored rows to the inputs of the pure rules, and back to status rows.

Kept apart from the service so the mapping can be tested without a
database: each function takes plain values or row objects and returns the
dataclasses of ``model`` (or the dictionaries stored in the status tables).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from tiendo.clock import as_utc
from tiendo.domain.periods import Period, adhoc_period, make_period
from tiendo.domain.plan import Deadline
from tiendo.errors import ValidationError
from tiendo.evaluate.explanation import Explanation, jsonable, local_date
from tiendo.evaluate.milestones import evaluate_milestones
from tiendo.evaluate.model import Observation, Submission, TargetSpec, TaskSpec
from tiendo.evaluate.targets import (
    TARGET_STATUS_LABELS,
    TargetResult,
    TargetStatus,
    Thresholds,
    evaluate_target,
)
from tiendo.evaluate.tasks import TaskResult
from tiendo.text.vietnamese import fold

#: Longest indicator key stored (the column is 400 characters).
_KEY_LENGTH = 380


def indicator_key(indicator: str, unit: str) -> str:
    """Milestones of one indicator share this key within their plan.

    The unit is part of it: "80%" and "80 người" under the same words are
    not one series of values.
    """
    return f"{fold(indicator or '')[:_KEY_LENGTH]}|{unit or ''}"


def baseline_date(row) -> dt.date | None:
    """The baseline's date: as stored, or 31/12 of the baseline year (a yearly figure)."""
    if row.baseline_value is None:
        return None
    if row.baseline_date is not None:
        return row.baseline_date
    if row.baseline_year is not None:
        return dt.date(row.baseline_year, 12, 31)
    return None


def target_spec(row, province: str | None) -> TargetSpec:
    """The ``TargetSpec`` of a ``TargetRow``; raises ``ValidationError`` for a row that breaks a rule."""
    if row.year is None:
        raise ValidationError("Chỉ tiêu không ghi năm mốc nên chưa đánh giá được.")
    day = baseline_date(row)
    return TargetSpec(
        id=row.id,
        indicator=row.indicator,
        kind=row.kind,
        op=row.op,
        value=row.value,
        unit=row.unit,
        year=row.year,
        value_max=row.value_max,
        base_year=row.base_year,
        baseline_value=row.baseline_value if day is not None else None,
        baseline_date=day,
        direction=row.direction or None,
        agency=row.responsible_agency_id,
        province=province,
    )


def observation(row) -> Observation:
    return Observation(value=row.value, as_of=row.as_of, id=row.id, source=row.source)


def _invalid_explanation(row, message: str) -> dict:
    label = TARGET_STATUS_LABELS[TargetStatus.NO_DATA]
    text = f"{label[0].upper()}{label[1:]}: {message.rstrip('.')}."
    return {
        "target_id": row.id,
        "indicator": row.indicator,
        "year": row.year,
        "status": TargetStatus.NO_DATA.value,
        "label": label,
        "explanation": Explanation(
            rule="target.invalid",
            text=text,
            inputs={"target": {"id": row.id, "indicator": row.indicator, "year": row.year}},
            result={"status": TargetStatus.NO_DATA, "label": label},
        ).as_dict(),
    }


def _status_row(row, result: TargetResult, current: bool, extra: dict | None = None) -> dict:
    explanation = result.as_dict()  # JSON-ready already
    explanation.update(
        jsonable(
            {
                "goal": result.goal,
                "expected": result.expected,
                "projected": result.projected,
                "baseline_value": result.baseline_value,
                "baseline_date": result.baseline_date,
            }
        )
    )
    if extra:
        explanation.update(extra)
    latest = result.latest
    return {
        "target_id": row.id,
        "status": result.status.value,
        "ratio": result.ratio,
        "anticipated": result.anticipated,
        "progress_percent": result.progress_percent,
        "latest_value": latest.value if latest else None,
        "latest_as_of": latest.as_of if latest else None,
        "goal": result.goal,
        "projected": result.projected,
        "is_current": current,
        "explanation": explanation,
    }


def evaluate_indicator(
    rows: Sequence,
    province: str | None,
    observations: Iterable[Observation],
    today: dt.date,
    thresholds: Thresholds,
) -> list[dict]:
    """Status rows for every milestone of one indicator (rows of one plan, one key).

    The next milestone not yet passed is the current one; passed ones get
    their final verdicts; later ones are evaluated on their own path too,
    so that every target shows a status. A row that cannot be evaluated
    (no year, a broken rule) is *chưa đủ dữ liệu* with the reason.
    """
    observations = list(observations)
    specs: list[TargetSpec] = []
    out: dict[int, dict] = {}
    for row in rows:
        try:
            specs.append(target_spec(row, province))
        except ValidationError as exc:
            out[row.id] = {
                "target_id": row.id,
                "status": TargetStatus.NO_DATA.value,
                "is_current": False,
                "explanation": _invalid_explanation(row, exc.message),
            }
    by_id = {row.id: row for row in rows}
    if specs:
        indicator = evaluate_milestones(specs, observations, today, thresholds)
        deciding = indicator.current or indicator.passed[-1]
        for result in indicator.passed:
            current = result is deciding
            extra = {"indicator_explanation": indicator.explanation.as_dict()} if current else None
            out[result.target_id] = _status_row(by_id[result.target_id], result, current, extra)
        if indicator.current is not None:
            out[indicator.current.target_id] = _status_row(
                by_id[indicator.current.target_id],
                indicator.current,
                True,
                {"indicator_explanation": indicator.explanation.as_dict()},
            )
        for spec in specs:
            if spec.id not in out:
                later = evaluate_target(spec, observations, today, thresholds)
                out[spec.id] = _status_row(by_id[spec.id], later, False)
    elif rows:
        # Nothing can be evaluated: the first row stands for the indicator.
        out[rows[0].id]["is_current"] = True
    return [out[row.id] for row in rows]


def task_spec(row, latest, province: str | None) -> TaskSpec:
    """The ``TaskSpec`` of a ``TaskRow`` with its latest progress row (or None)."""
    deadline = Deadline(
        due=None if row.continuing else row.deadline_due,
        precision=row.deadline_precision,
        continuing=bool(row.continuing),
        text=row.deadline_text,
    )
    fields: dict[str, Any] = {}
    if latest is not None:
        fields = {
            "completed_at": latest.completed_on,
            "reported_state": latest.state,
            "percent_done": latest.percent_done,
            "reported_at": local_date(as_utc(latest.reported_at)),
        }
    return TaskSpec(
        id=row.id,
        deadline=deadline,
        title=row.text[:200] if row.text else "",
        agency=row.lead_agency_id,
        province=province,
        **fields,
    )


def task_status_row(row, result: TaskResult, spec: TaskSpec, extra: dict | None = None) -> dict:
    explanation = result.as_dict()  # JSON-ready already
    if extra:
        explanation.update(jsonable(extra))
    return {
        "task_id": row.id,
        "status": result.status.value,
        "dated": result.due is not None and result.period_key is None,
        "due": result.due,
        "days_left": result.days_left,
        "days_overdue": result.days_overdue,
        "period_key": result.period_key,
        "started": result.started,
        "percent_done": spec.percent_done,
        "completed_on": result.completed_on,
        "explanation": explanation,
    }


_PERIOD_KEY = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?$")


def period_of(key: str, due: dt.date, label: str = "") -> Period:
    """A ``Period`` from a stored period key ("2026-Q1", "2026-H2", "2026-03", "2026").

    The stored due date and label win over the national defaults; a key in
    no known form becomes an ad-hoc period ending on its due date.
    """
    m = _PERIOD_KEY.match(key or "")
    period = None
    if m:
        year, part = int(m.group(1)), m.group(2)
        try:
            if part is None:
                period = make_period("annual", year)
            elif part[0] == "Q":
                period = make_period("quarterly", year, int(part[1]))
            elif part[0] == "H":
                period = make_period("semiannual", year, int(part[1]))
            else:
                period = make_period("monthly", year, int(part))
        except ValidationError:
            period = None
    if period is None:
        return adhoc_period(due, due, due, key=key, label=label or key)
    return dataclasses.replace(period, due=due, label=label or period.label)


def submission(row) -> Submission:
    """A ``Submission`` from a stored row; stored times are made aware (UTC) first,
    since the pure rules read naive times as Vietnam time."""
    return Submission(
        id=row.id,
        agency=row.agency_id,
        period_key=row.period_key,
        due=row.due,
        submitted_at=as_utc(row.submitted_at),
        approved_at=as_utc(row.approved_at),
        period_label=row.period_label or "",
        plan=row.plan_id,
        province=row.province_code,
    )


def judged_period(periods: Sequence[Period], reported: set[str], today: dt.date) -> Period | None:
    """The period a continuing task is judged in.

    The latest period that has come due or has been reported on; before
    any, the first one still to come.
    """
    ordered = sorted(periods, key=lambda p: (p.due, p.key))
    judged = [p for p in ordered if p.due < today or p.key in reported]
    if judged:
        return judged[-1]
    return ordered[0] if ordered else None
