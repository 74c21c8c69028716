"""Read side: plans, their items, their source text, and search.

Functions take a session and return read models; the API returns them as
JSON, the pages render them, the CLI prints them.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tiendo.domain import describe
from tiendo.domain.plan import FREQUENCY_LABELS, Frequency
from tiendo.domain.units import PROVINCES
from tiendo.errors import NotFound
from tiendo.store.readmodels import (
    DutyOut,
    PlanDetail,
    PlanSource,
    PlanSummary,
    ProvinceRef,
    SearchHit,
    SearchResult,
    SectionOut,
    Segment,
    SourceItem,
    SourceLine,
    TargetOut,
    TaskGroup,
    TaskOut,
    VersionOut,
)
from tiendo.store.tables import (
    DutyRow,
    PlanRow,
    PlanVersionRow,
    SectionRow,
    TargetRow,
    TaskRow,
)
from tiendo.text.numbers import format_date
from tiendo.text.vietnamese import fold


@dataclass(frozen=True)
class Visibility:
    """Which plans a reader may see: published ones, plus drafts where allowed."""

    all_drafts: bool = False
    draft_provinces: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def public(cls) -> Visibility:
        return cls()

    @classmethod
    def everything(cls) -> Visibility:
        return cls(all_drafts=True)

    def condition(self):
        if self.all_drafts:
            return True
        if self.draft_provinces:
            return or_(
                PlanRow.status == "published",
                PlanRow.province_code.in_(sorted(self.draft_provinces)),
            )
        return PlanRow.status == "published"

    def allows(self, plan: PlanRow) -> bool:
        return (
            self.all_drafts
            or plan.status == "published"
            or plan.province_code in self.draft_provinces
        )


PUBLIC = Visibility.public()


def province_ref(code: str | None) -> ProvinceRef | None:
    if not code or code not in PROVINCES:
        return None
    unit = PROVINCES[code]
    merged = province_ref(unit.successor_code) if unit.successor_code else None
    return ProvinceRef(code=unit.code, name=unit.name, merged_into=merged, valid_to=unit.valid_to)


def _live(row_type):
    return and_(row_type.active.is_(True), row_type.deleted.is_(False))


def _counts(session: Session, row_type, plan_ids: list[int]) -> dict[int, int]:
    if not plan_ids:
        return {}
    stmt = (
        select(row_type.plan_id, func.count())
        .where(row_type.plan_id.in_(plan_ids), _live(row_type))
        .group_by(row_type.plan_id)
    )
    return dict(session.execute(stmt).all())


def _summary(
    plan: PlanRow, version: PlanVersionRow | None, counts: tuple[int, int, int]
) -> PlanSummary:
    return PlanSummary(
        id=plan.id,
        title=plan.title,
        province=province_ref(plan.province_code),
        province_name=plan.province_name,
        issuer=plan.issuer,
        doc_type=plan.doc_type,
        number=plan.number,
        issued_on=plan.issued_on,
        status=plan.status,
        version_no=version.version_no if version else None,
        source_name=version.source_name if version else None,
        targets_count=counts[0],
        tasks_count=counts[1],
        duties_count=counts[2],
    )


def list_plans(
    session: Session,
    *,
    visibility: Visibility = PUBLIC,
    province_code: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[int, list[PlanSummary]]:
    """Plans, newest document first, with counts of their live items."""
    stmt = select(PlanRow).where(visibility.condition())
    if province_code:
        # A merged province's plans roll up into the province that received it.
        codes = [
            province_code,
            *(u.code for u in PROVINCES.values() if u.successor_code == province_code),
        ]
        stmt = stmt.where(PlanRow.province_code.in_(codes))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    stmt = (
        stmt.order_by(PlanRow.issued_on.desc().nulls_last(), PlanRow.id).limit(limit).offset(offset)
    )
    plans = list(session.scalars(stmt))
    ids = [p.id for p in plans]
    versions = {
        v.id: v
        for v in session.scalars(
            select(PlanVersionRow).where(
                PlanVersionRow.id.in_([p.current_version_id for p in plans])
            )
        )
    }
    t, k, d = (_counts(session, rt, ids) for rt in (TargetRow, TaskRow, DutyRow))
    return total, [
        _summary(
            p, versions.get(p.current_version_id), (t.get(p.id, 0), k.get(p.id, 0), d.get(p.id, 0))
        )
        for p in plans
    ]


def get_visible_plan(session: Session, plan_id: int, visibility: Visibility) -> PlanRow:
    plan = session.get(PlanRow, plan_id)
    if plan is None or not visibility.allows(plan):
        raise NotFound(f"Không có kế hoạch số {plan_id}.")
    return plan


def target_out(row: TargetRow) -> TargetOut:
    return TargetOut(
        id=row.id,
        indicator=row.indicator,
        kind=row.kind,
        op=row.op,
        value=row.value,
        value_max=row.value_max,
        unit=row.unit,
        year=row.year,
        base_year=row.base_year,
        core=row.core,
        line=row.line,
        text=row.text,
        display=describe.target_value(row.op, row.value, row.value_max, row.unit, row.kind),
        baseline_value=row.baseline_value,
        baseline_year=row.baseline_year,
        direction=row.direction,
        origin=row.origin,
        edited=row.edited,
    )


def task_out(row: TaskRow) -> TaskOut:
    label = None
    if row.deadline_due and not row.continuing:
        label = (
            str(row.deadline_due.year)
            if row.deadline_precision == "year"
            else row.deadline_due.isoformat()
        )
    return TaskOut(
        id=row.id,
        group=row.group_no,
        group_title=row.group_title,
        text=row.text,
        full_text=row.full_text,
        line=row.line,
        lead=row.lead_text,
        deadline=label,
        deadline_display=describe.deadline(
            row.deadline_due, row.deadline_precision, row.continuing
        ),
        continuing=row.continuing,
        origin=row.origin,
        edited=row.edited,
    )


def _due_display(due: dict | None) -> str:
    if not due:
        return ""
    if "day" in due:
        return f"trước ngày {due['day']} của tháng cuối kỳ"
    if "dates" in due:
        parts = [f"{d[3:5]}/{d[0:2]}" for d in due["dates"]]
        return "trước ngày " + " và ".join(parts)
    if "date" in due:
        y, m, d = due["date"].split("-")
        return f"hạn {d}/{m}/{y}"
    return ""


def duty_out(row: DutyRow) -> DutyOut:
    return DutyOut(
        id=row.id,
        kind=row.kind,
        who=row.who,
        to=row.to_whom,
        frequency=list(row.frequency or []),
        due=row.due,
        due_display=_due_display(row.due),
        text=row.text,
        line=row.line,
    )


def frequency_labels(values: list[str]) -> str:
    return ", ".join(
        FREQUENCY_LABELS.get(Frequency(v), v) for v in values if v in Frequency.__members__.values()
    )


def _items(session: Session, row_type, plan_id: int) -> list:
    return list(
        session.scalars(
            select(row_type)
            .where(row_type.plan_id == plan_id, _live(row_type))
            .order_by(row_type.line.nulls_last(), row_type.position, row_type.id)
        )
    )


def plan_detail(session: Session, plan_id: int, *, visibility: Visibility = PUBLIC) -> PlanDetail:
    plan = get_visible_plan(session, plan_id, visibility)
    versions = list(
        session.scalars(
            select(PlanVersionRow)
            .where(PlanVersionRow.plan_id == plan.id)
            .order_by(PlanVersionRow.version_no)
        )
    )
    current = next((v for v in versions if v.id == plan.current_version_id), None)
    targets = [target_out(r) for r in _items(session, TargetRow, plan.id)]
    tasks = [task_out(r) for r in _items(session, TaskRow, plan.id)]
    duties = [duty_out(r) for r in _items(session, DutyRow, plan.id)]
    sections = []
    if current is not None:
        sections = [
            SectionOut.model_validate(s)
            for s in session.scalars(
                select(SectionRow)
                .where(SectionRow.version_id == current.id)
                .order_by(SectionRow.position)
            )
        ]
    summary = _summary(plan, current, (len(targets), len(tasks), len(duties)))
    return PlanDetail(
        **summary.model_dump(),
        signer=plan.signer,
        implements=list(plan.implements or []),
        published_at=plan.published_at,
        versions=[VersionOut.model_validate(v) for v in versions],
        sections=sections,
        targets=targets,
        tasks=tasks,
        duties=duties,
    )


def targets_by_year(targets: list[TargetOut]) -> OrderedDict[int | None, list[TargetOut]]:
    """Targets grouped by milestone year, years in order, undated last."""
    groups: OrderedDict[int | None, list[TargetOut]] = OrderedDict()
    for year in sorted({t.year for t in targets}, key=lambda y: (y is None, y or 0)):
        groups[year] = [t for t in targets if t.year == year]
    return groups


@dataclass
class TargetRowView:
    indicator: str
    core: bool
    cells: dict[int | None, list[TargetOut]]


def target_matrix(targets: list[TargetOut]) -> tuple[list[int | None], list[TargetRowView]]:
    """Targets as a table: one row per indicator, one column per milestone year.

    An indicator with milestones in several years (a table row, or the same
    indicator stated for 2030 and 2045) reads across one row.
    """
    years = sorted({t.year for t in targets}, key=lambda y: (y is None, y or 0))
    rows: OrderedDict[str, TargetRowView] = OrderedDict()
    for t in targets:
        key = fold(t.indicator)
        row = rows.get(key)
        if row is None:
            row = rows[key] = TargetRowView(indicator=t.indicator, core=t.core, cells={})
        row.cells.setdefault(t.year, []).append(t)
        row.core = row.core or t.core
    return years, list(rows.values())


def tasks_by_group(tasks: list[TaskOut]) -> list[TaskGroup]:
    groups: OrderedDict[str | None, TaskGroup] = OrderedDict()
    for task in tasks:
        key = task.group
        if key not in groups:
            groups[key] = TaskGroup(group=key, title=task.group_title, tasks=[])
        groups[key].tasks.append(task)
    return list(groups.values())


def plan_source(
    session: Session, plan_id: int, *, visibility: Visibility = PUBLIC, raw: bool = False
) -> PlanSource:
    """The text extraction ran on, line by line, each line with the items read from it."""
    plan = get_visible_plan(session, plan_id, visibility)
    version = session.get(PlanVersionRow, plan.current_version_id)
    if version is None:
        raise NotFound(f"Kế hoạch số {plan_id} chưa có văn bản.")
    text = version.raw_text if raw and version.raw_text else version.source_text
    by_line: dict[int, list[SourceItem]] = {}
    for row in _items(session, TargetRow, plan.id):
        label = f"Chỉ tiêu {row.year or ''}: {describe.target_value(row.op, row.value, row.value_max, row.unit, row.kind)}"
        by_line.setdefault(row.line or 0, []).append(
            SourceItem(type="target", id=row.id, label=label.strip())
        )
    for row in _items(session, TaskRow, plan.id):
        by_line.setdefault(row.line or 0, []).append(
            SourceItem(type="task", id=row.id, label=f"Nhiệm vụ nhóm {row.group_no or '–'}")
        )
    for row in _items(session, DutyRow, plan.id):
        label = "Chế độ báo cáo" if row.kind == "report" else "Nhiệm vụ xây dựng kế hoạch"
        by_line.setdefault(row.line or 0, []).append(
            SourceItem(type="duty", id=row.id, label=label)
        )
    marks: dict[int, list[dict]] = {}
    if not raw:
        for word in version.uncertain or []:
            marks.setdefault(int(word["line"]), []).append(word)
    lines = [
        SourceLine(
            number=n,
            text=line,
            items=by_line.get(n, []),
            segments=_segments(line, marks.get(n, [])),
        )
        for n, line in enumerate(text.split("\n"), start=1)
    ]
    return PlanSource(
        plan_id=plan.id,
        version_no=version.version_no,
        source_name=version.source_name,
        repaired=version.repaired,
        uncertain_count=0 if raw else len(version.uncertain or []),
        lines=lines,
    )


def _segments(line: str, words: list[dict]) -> list[Segment]:
    """Split a line around the words the repair was unsure of (spans in the repaired line)."""
    if not words:
        return [Segment(text=line)]
    out, pos = [], 0
    for word in sorted(words, key=lambda w: w["start"]):
        start, end = int(word["start"]), int(word["end"])
        if start < pos or end > len(line) or start >= end:
            continue
        if start > pos:
            out.append(Segment(text=line[pos:start]))
        out.append(
            Segment(
                text=line[start:end],
                original=word.get("original"),
                alternatives=list(word.get("alternatives") or []),
            )
        )
        pos = end
    if pos < len(line):
        out.append(Segment(text=line[pos:]))
    return out


def _plan_label(plan: PlanRow) -> str:
    parts = [plan.doc_type or "Văn bản", plan.number or ""]
    label = " ".join(p for p in parts if p).strip()
    if plan.province_name:
        label += f" — {plan.province_name}"
    if plan.issued_on:
        label += f" ({format_date(plan.issued_on)})"
    return label


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(
    session: Session, query: str, *, visibility: Visibility = PUBLIC, limit: int = 50
) -> SearchResult:
    """Plans and items whose text contains every word of ``query``, ignoring diacritics and case."""
    terms = [t for t in fold(query).split() if t]
    if not terms:
        return SearchResult(query=query, total=0, hits=[])
    plan_filter = visibility.condition()
    hits: list[SearchHit] = []
    total = 0

    def match(column):
        return and_(*(column.like(f"%{_escape_like(t)}%", escape="\\") for t in terms))

    plans = {p.id: p for p in session.scalars(select(PlanRow).where(plan_filter))}
    for plan in session.scalars(
        select(PlanRow).where(plan_filter, match(PlanRow.search_key)).limit(limit)
    ):
        hits.append(
            SearchHit(
                type="plan",
                plan_id=plan.id,
                plan_label=_plan_label(plan),
                province=plan.province_name,
                text=plan.title or _plan_label(plan),
            )
        )
    total += len(hits)
    for row_type, kind in ((TargetRow, "target"), (TaskRow, "task"), (DutyRow, "duty")):
        cond = and_(_live(row_type), match(row_type.search_key), row_type.plan_id.in_(list(plans)))
        count = session.scalar(select(func.count()).select_from(row_type).where(cond)) or 0
        total += count
        room = max(limit - len(hits), 0)
        if not room:
            continue
        for row in session.scalars(
            select(row_type).where(cond).order_by(row_type.plan_id, row_type.line).limit(room)
        ):
            plan = plans[row.plan_id]
            text = row.indicator + ": " + row.text if kind == "target" else row.text
            hits.append(
                SearchHit(
                    type=kind,
                    plan_id=plan.id,
                    item_id=row.id,
                    plan_label=_plan_label(plan),
                    province=plan.province_name,
                    text=text,
                    line=row.line,
                )
            )
    return SearchResult(query=query, total=total, hits=hits)


def item_revisions(session: Session, plan_id: int) -> dict[str, dict[int, int]]:
    """Current revision of each live item, for forms that must detect concurrent edits."""
    out: dict[str, dict[int, int]] = {}
    for row_type, kind in ((TargetRow, "target"), (TaskRow, "task"), (DutyRow, "duty")):
        rows = session.execute(
            select(row_type.id, row_type.revision).where(
                row_type.plan_id == plan_id, _live(row_type)
            )
        )
        out[kind] = dict(rows.all())
    return out
