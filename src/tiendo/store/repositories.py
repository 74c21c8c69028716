"""Repositories: the write side's access to stored plans.

A new version of a plan does not replace its targets, tasks and duties: rows
keep their ids (reports refer to them). Each extracted item is matched to
the row that stands for it by its signature; a row a coordinator corrected
keeps the correction, a row a coordinator deleted stays deleted, rows added
by hand stay, and extracted rows that are gone from the new version are
retired (kept for history, no longer active).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tiendo.domain.plan import ExtractedPlan, ReportingDuty, Target, Task
from tiendo.domain.signatures import duty_signature, target_signature, task_signature
from tiendo.store.tables import (
    DutyRow,
    PlanRow,
    PlanVersionRow,
    SectionRow,
    TargetRow,
    TaskRow,
)
from tiendo.text.vietnamese import fold


def target_fields(t: Target) -> dict:
    return {
        "indicator": t.indicator,
        "kind": str(t.kind),
        "op": str(t.op),
        "value": t.value,
        "value_max": t.value_max,
        "unit": t.unit,
        "year": t.year,
        "base_year": t.base_year,
        "core": t.core,
        "line": t.line,
        "text": t.text,
        "section_title": t.section,
        "baseline_value": t.baseline_value,
        "baseline_year": t.baseline_year,
        "search_key": fold(f"{t.indicator} {t.text}"),
    }


def task_fields(k: Task) -> dict:
    return {
        "group_no": k.group,
        "group_title": k.group_title,
        "text": k.text,
        "full_text": k.full_text,
        "line": k.line,
        "end_line": k.end_line,
        "lead_text": k.lead,
        "deadline_due": k.deadline.due,
        "deadline_precision": k.deadline.precision,
        "continuing": k.deadline.continuing,
        "deadline_text": k.deadline.text,
        "search_key": fold(f"{k.group_title or ''} {k.full_text or k.text} {k.lead or ''}"),
    }


def duty_fields(d: ReportingDuty) -> dict:
    return {
        "kind": str(d.kind),
        "who": d.who,
        "to_whom": d.to,
        "frequency": [str(f) for f in d.frequency],
        "due": d.due,
        "line": d.line,
        "text": d.text,
        "search_key": fold(f"{d.who or ''} {d.to or ''} {d.text}"),
    }


@dataclass
class MergeCounts:
    added: int = 0
    updated: int = 0
    kept_corrections: int = 0
    retired: int = 0

    def add(self, other: MergeCounts) -> None:
        self.added += other.added
        self.updated += other.updated
        self.kept_corrections += other.kept_corrections
        self.retired += other.retired


class PlanRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, plan_id: int) -> PlanRow | None:
        return self.session.get(PlanRow, plan_id)

    def version_with_checksum(self, checksum: str) -> PlanVersionRow | None:
        return self.session.scalars(
            select(PlanVersionRow).where(PlanVersionRow.checksum == checksum).limit(1)
        ).first()

    def by_identity(self, key: str) -> PlanRow | None:
        return self.session.scalars(select(PlanRow).where(PlanRow.identity_key == key)).first()

    def add(self, plan: PlanRow) -> PlanRow:
        self.session.add(plan)
        self.session.flush()
        return plan

    def next_version_no(self, plan_id: int) -> int:
        current = self.session.scalar(
            select(func.max(PlanVersionRow.version_no)).where(PlanVersionRow.plan_id == plan_id)
        )
        return (current or 0) + 1

    def add_version(self, version: PlanVersionRow, extracted: ExtractedPlan) -> MergeCounts:
        """Store a version with its sections and merge its items into the plan's rows."""
        self.session.add(version)
        self.session.flush()
        for position, s in enumerate(extracted.sections):
            self.session.add(
                SectionRow(
                    version_id=version.id,
                    position=position,
                    number=s.number,
                    title=s.title,
                    line=s.line,
                    end_line=s.end_line,
                    level=s.level,
                    kind=str(s.kind),
                )
            )
        counts = MergeCounts()
        counts.add(
            self._merge(TargetRow, version, extracted.targets, target_signature, target_fields)
        )
        counts.add(self._merge(TaskRow, version, extracted.tasks, task_signature, task_fields))
        counts.add(self._merge(DutyRow, version, extracted.duties, duty_signature, duty_fields))
        return counts

    def _merge(self, row_type, version, items, signature_of, fields_of) -> MergeCounts:
        counts = MergeCounts()
        existing = list(
            self.session.scalars(select(row_type).where(row_type.plan_id == version.plan_id))
        )
        by_signature: dict[str, list] = {}
        for row in existing:
            if row.origin == "extracted":
                by_signature.setdefault(row.signature, []).append(row)
        seen: set[int] = set()
        for position, item in enumerate(items):
            signature = signature_of(item)
            candidates = [r for r in by_signature.get(signature, []) if r.id not in seen]
            fields = fields_of(item)
            if candidates:
                row = candidates[0]
                seen.add(row.id)
                row.last_version_id = version.id
                if row.deleted:
                    continue
                row.active = True
                if row.edited:
                    # Keep the coordinator's correction; only follow the line.
                    row.line = fields["line"]
                    counts.kept_corrections += 1
                    continue
                changed = any(getattr(row, k) != v for k, v in fields.items())
                for key, value in fields.items():
                    setattr(row, key, value)
                row.position = position
                if changed:
                    row.revision += 1
                    counts.updated += 1
            else:
                self.session.add(
                    row_type(
                        plan_id=version.plan_id,
                        first_version_id=version.id,
                        last_version_id=version.id,
                        signature=signature,
                        position=position,
                        **fields,
                    )
                )
                counts.added += 1
        for row in existing:
            if row.origin == "extracted" and row.id not in seen and row.active:
                row.active = False
                counts.retired += 1
            elif row.origin == "manual" and row.active:
                row.last_version_id = version.id
        self.session.flush()
        return counts
