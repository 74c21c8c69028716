"""An extracted plan as flat records: one dict per document, target, task and duty.

The field names and value conventions are those of the hand-label schema,
so ``tiendo extract`` output can be scored as it is and other systems can
read it without knowing tiendo.
"""

from __future__ import annotations

from tiendo.domain.plan import ExtractedPlan, Frequency


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _frequency(freqs: list[Frequency]) -> str | list[str] | None:
    if not freqs:
        return None
    if len(freqs) == 1:
        return str(freqs[0])
    return [str(f) for f in freqs]


def _due(duty_due: dict | None) -> dict | str | None:
    if duty_due is None:
        return None
    if set(duty_due) == {"date"}:
        return duty_due["date"]
    return duty_due


def to_records(plan: ExtractedPlan) -> list[dict]:
    """Flatten ``plan`` into records with a ``type`` field, in document order."""
    meta = plan.meta
    rows: list[dict] = [
        {
            "type": "document",
            "doc": plan.doc,
            "province": meta.province,
            "issuer": meta.issuer,
            "doc_type": meta.doc_type,
            "number": meta.number,
            "date": meta.date.isoformat() if meta.date else None,
            "signer": meta.signer,
            "implements": list(meta.implements),
        }
    ]
    for t in plan.targets:
        rows.append(
            {
                "type": "target",
                "doc": plan.doc,
                "line": t.line,
                "year": t.year,
                "kind": str(t.kind),
                "op": str(t.op),
                "value": _number(t.value),
                "value_max": _number(t.value_max),
                "unit": t.unit,
                "base_year": t.base_year,
                "indicator": t.indicator,
                "text": t.text,
                "core": t.core,
            }
        )
    for k in plan.tasks:
        rows.append(
            {
                "type": "task",
                "doc": plan.doc,
                "line": k.line,
                "group": k.group,
                "group_title": k.group_title,
                "text": k.text,
                "lead": k.lead,
                "deadline": k.deadline.as_label(),
            }
        )
    for d in plan.duties:
        rows.append(
            {
                "type": "regime",
                "doc": plan.doc,
                "line": d.line,
                "kind": str(d.kind),
                "who": d.who,
                "to": d.to,
                "frequency": _frequency(d.frequency),
                "due": _due(d.due),
                "text": d.text,
            }
        )
    return rows
