"""Demo data: plausible agencies, accounts, assignments, periods and two years
of simulated reports for the provinces of the loaded plans.

Everything created is marked ``is_demo`` (agencies, accounts, periods,
reports, notices); what the demo fills in on the plans themselves (lead
agencies, baselines, directions, deadlines) is listed in a manifest so that
``remove`` puts the plans back as they were. Reports go through the real
services (validation, audit, evaluation hooks) with simulated server times.
The same seed gives the same data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import secrets
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from tiendo.accounts.passwords import hash_password
from tiendo.accounts.roles import Principal, Role
from tiendo.clock import VIETNAM, today_in_vietnam, utcnow
from tiendo.domain.actor import Actor
from tiendo.domain.units import PROVINCES, successor_on
from tiendo.errors import TiendoError
from tiendo.evaluate import hooks
from tiendo.evaluate.model import derive_direction
from tiendo.reporting import agencies as agency_service
from tiendo.reporting import matching, periods, reports
from tiendo.store import audit
from tiendo.store.tables import (
    AgencyRow,
    AppSettingRow,
    AuditRow,
    LeadDecisionRow,
    NotificationRow,
    ObservationRow,
    PeriodRow,
    PlanRow,
    ReportRow,
    SubmissionRow,
    TargetRow,
    TaskCoAgencyRow,
    TaskProgressRow,
    TaskRow,
    UserRow,
)
from tiendo.text.vietnamese import fold

MANIFEST = "demo"
DEMO_LABEL = "dữ liệu mẫu"

#: (name, short name, kind, keywords of the tasks and targets it usually leads)
DEPARTMENTS = [
    (
        "Sở Khoa học và Công nghệ",
        "Sở KH&CN",
        "so",
        [
            "khoa hoc",
            "cong nghe",
            "doi moi sang tao",
            "chuyen doi so",
            "so hoa",
            "du lieu",
            "nen tang",
            "ha tang so",
            "cong nghe thong tin",
            "internet",
            "bang rong",
            "5g",
            "an toan thong tin",
            "startup",
            "khoi nghiep",
            "nghien cuu",
            "sang che",
            "tiem luc",
            "pii",
        ],
    ),
    (
        "Sở Nội vụ",
        "",
        "so",
        [
            "can bo",
            "cong chuc",
            "vien chuc",
            "bo may",
            "nhan luc",
            "thi dua",
            "lao dong",
            "viec lam",
        ],
    ),
    (
        "Sở Tài chính",
        "",
        "so",
        [
            "tai chinh",
            "ngan sach",
            "kinh phi",
            "dau tu",
            "doanh nghiep",
            "grdp",
            "kinh te so",
            "von",
        ],
    ),
    (
        "Sở Giáo dục và Đào tạo",
        "Sở GD&ĐT",
        "so",
        ["giao duc", "dao tao", "hoc sinh", "truong", "stem", "ky nang so"],
    ),
    ("Sở Y tế", "", "so", ["y te", "benh vien", "suc khoe", "kham chua benh"]),
    (
        "Sở Công Thương",
        "",
        "so",
        ["thuong mai", "cong nghiep", "san xuat", "xuat khau", "logistics"],
    ),
    (
        "Sở Nông nghiệp và Môi trường",
        "",
        "so",
        ["nong nghiep", "nong thon", "moi truong", "dat dai", "tai nguyen"],
    ),
    ("Sở Xây dựng", "", "so", ["xay dung", "giao thong", "do thi", "quy hoach"]),
    ("Sở Tư pháp", "", "so", ["phap luat", "the che", "co che", "chinh sach", "van ban"]),
    (
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VH,TT&DL",
        "so",
        ["van hoa", "du lich", "the thao", "bao chi", "truyen thong"],
    ),
    (
        "Văn phòng UBND tỉnh",
        "VP UBND tỉnh",
        "ban",
        ["dich vu cong", "mot cua", "cai cach hanh chinh", "chinh quyen so", "ho so"],
    ),
    (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "",
        "dang",
        ["tuyen truyen", "nhan thuc", "quan triet", "nghi quyet"],
    ),
    ("Công an tỉnh", "", "nganh", ["an ninh", "dinh danh", "vneid", "can cuoc", "trat tu"]),
    ("Ban Quản lý các khu công nghiệp", "BQL KCN", "ban", ["khu cong nghiep", "khu kinh te"]),
]
COMMUNES = ["UBND phường Trung tâm", "UBND xã Đông Sơn", "UBND xã Tây Hòa", "UBND phường Bắc Thành"]
SOURCES = ["Thống kê tỉnh", "Báo cáo của sở", "Cổng dịch vụ công tỉnh", "Khảo sát của đơn vị"]


@dataclass
class Result:
    agencies: int = 0
    users: list[tuple[str, str, str]] = field(default_factory=list)  # (username, password, role)
    periods: int = 0
    reports: int = 0
    skipped_plans: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    folded = fold(text)
    # One generic prefix goes ("Sở Y tế" -> y.te); names that are only a prefix
    # and a place ("Văn phòng UBND tỉnh", "Công an tỉnh") keep all their words.
    for prefix in ("so ", "ban ", "ubnd "):
        if folded.startswith(prefix) and len(folded) > len(prefix) + 3:
            folded = folded[len(prefix) :]
            break
    out = "".join(
        ch if ch.isalnum() else "." for ch in unicodedata.normalize("NFKD", folded) if ch.isascii()
    )
    return ".".join(p for p in out.split(".") if p)[:40]


def _password() -> str:
    """A fresh random password: the data follow the seed, the passwords never do."""
    letters = "abcdefghijkmnpqrstuvwxyz"
    words = ("".join(secrets.choice(letters) for _ in range(4)) for _ in range(3))
    return "-".join(words) + str(secrets.randbelow(90) + 10)


def exists(session: Session) -> bool:
    agency = select(AgencyRow.id).where(AgencyRow.is_demo.is_(True)).limit(1)
    user = select(UserRow.id).where(UserRow.is_demo.is_(True), UserRow.active.is_(True)).limit(1)
    return session.scalar(agency) is not None or session.scalar(user) is not None


def _manifest(session: Session) -> dict:
    row = session.get(AppSettingRow, MANIFEST)
    return dict(row.value) if row else {"tasks": {}, "targets": {}}


def _save_manifest(session: Session, value: dict) -> None:
    row = session.get(AppSettingRow, MANIFEST)
    if row is None:
        row = AppSettingRow(key=MANIFEST, value={})
        session.add(row)
    row.value = dict(value)
    row.updated_at = utcnow()


def _best_agency(
    text: str, agencies: list[tuple[AgencyRow, list[str]]], rng: random.Random
) -> AgencyRow:
    key = fold(text or "")
    scored = [(sum(key.count(k) for k in words), i) for i, (_, words) in enumerate(agencies)]
    best = max(scored)
    if best[0] == 0:
        return rng.choice(agencies[:10])[0]
    return agencies[best[1]][0]


def _user(
    session: Session,
    rng: random.Random,
    result: Result,
    username: str,
    role: str,
    *,
    full_name: str,
    province: str | None = None,
    agency_id: int | None = None,
) -> UserRow:
    base, n = username[:76], 2
    while session.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
        username, n = f"{base}.{n}", n + 1
    password = _password()
    user = UserRow(
        username=username,
        full_name=full_name,
        role=role,
        province_code=province,
        agency_id=agency_id,
        password_hash=hash_password(password),
        active=True,
        is_demo=True,
        email=None,
        password_changed_at=utcnow(),
    )
    session.add(user)
    session.flush()
    result.users.append((username, password, role))
    return user


def _principal(user: UserRow) -> Principal:
    return Principal.of(
        user_id=user.id,
        username=user.username,
        role=user.role,
        province_code=user.province_code,
        agency_id=user.agency_id,
    )


def _actor(user: UserRow) -> Actor:
    # Demo actions are attributed by label only, so removing demo accounts never
    # meets the append-only audit log.
    return Actor(label=f"{user.username} ({DEMO_LABEL})", role=user.role)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=VIETNAM).astimezone(dt.UTC)


def _target_value(
    target: TargetRow, fraction: float, rng: random.Random, pace: float = 1.0
) -> str | None:
    """A plausible value: on the way from the baseline to the goal at ``pace``, with a little noise."""
    if target.unit == "bool" or target.kind == "achieve":
        return "có" if fraction > 0.8 and rng.random() < 0.5 else "không"
    goal = target.value if target.value is not None else (target.baseline_value or 10)
    base = target.baseline_value if target.baseline_value is not None else goal * 0.5
    value = base + (goal - base) * fraction * pace
    value *= rng.uniform(0.985, 1.015)
    if target.unit == "hạng":
        return str(max(1, round(value)))
    if target.unit in ("%", "% GRDP") and target.kind in ("level", "rank"):
        value = min(max(value, 0), 100)
    if target.unit in ("số", "người/vạn dân", "Gbps", "lần"):
        value = max(value, 0.1 if target.unit == "lần" else 0)
    if target.unit == "%/năm":
        value = max(value, -50)
    from tiendo.text.numbers import format_number

    return format_number(round(value, 1))


def create(session: Session, *, seed: int = 57, today: dt.date | None = None) -> Result:
    """Create the demo data; the caller commits. Refuses when demo data already exist."""
    if exists(session):
        raise TiendoError("Đã có dữ liệu mẫu; chạy `tiendo demo --remove` trước nếu muốn tạo lại.")
    rng = random.Random(seed)  # noqa: S311 - a simulation, not a secret
    today = today or today_in_vietnam()
    result = Result()
    manifest = {"tasks": {}, "targets": {}}
    system = Actor(label=DEMO_LABEL, role="admin")
    plans = list(
        session.scalars(select(PlanRow).where(PlanRow.status == "published").order_by(PlanRow.id))
    )
    by_province: dict[str, list[PlanRow]] = {}
    for plan in plans:
        if plan.province_code in PROVINCES:
            # After the 2025 merger a plan is carried on by the province that received it:
            # its agencies and its people are those of today's province.
            current = successor_on(plan.province_code, today).code
            by_province.setdefault(current, []).append(plan)
        else:
            result.skipped_plans.append(plan.number or f"kế hoạch #{plan.id}")
    _user(session, rng, result, "quantri.mau", Role.ADMIN.value, full_name="Quản trị (mẫu)")
    for code, province_plans in sorted(by_province.items()):
        province = PROVINCES[code]
        pslug = _slug(province.name)
        made: list[tuple[AgencyRow, list[str]]] = []
        existing = {
            fold(a.name)
            for a in session.scalars(select(AgencyRow).where(AgencyRow.province_code == code))
        }
        for name, short, kind, words in DEPARTMENTS:
            if fold(name) in existing:
                continue
            row = AgencyRow(
                province_code=code,
                name=name,
                short_name=short or None,
                kind=kind,
                aliases=[],
                search_key=agency_service.search_key(name, short, []),
                active=True,
                is_demo=True,
            )
            session.add(row)
            made.append((row, words))
        for name in COMMUNES:
            if fold(name) in existing:
                continue
            row = AgencyRow(
                province_code=code,
                name=name,
                kind="xa",
                aliases=[],
                active=True,
                is_demo=True,
                search_key=agency_service.search_key(name, None, []),
            )
            session.add(row)
            made.append((row, ["xa", "phuong", "co so", "cap xa"]))
        session.flush()
        result.agencies += len(made)
        coordinator = _user(
            session,
            rng,
            result,
            f"dieuphoi.{pslug}",
            Role.COORDINATOR.value,
            full_name=f"Điều phối {province.name} (mẫu)",
            province=code,
        )
        _user(
            session,
            rng,
            result,
            f"lanhdao.{pslug}",
            Role.LEADER.value,
            full_name=f"Lãnh đạo {province.name} (mẫu)",
            province=code,
        )
        reporters = {}
        for agency, _ in made:
            reporters[agency.id] = _user(
                session,
                rng,
                result,
                f"bc.{pslug}.{_slug(agency.name)}"[:80],
                Role.REPORTER.value,
                full_name=f"Báo cáo viên {agency.name} (mẫu)",
                province=code,
                agency_id=agency.id,
            )
        departments = [m for m in made if m[0].kind != "xa"] or made
        communes = [m[0] for m in made if m[0].kind == "xa"]
        for plan in province_plans:
            _assign(session, plan, departments, communes, rng, manifest)
        session.flush()
        for plan in province_plans:
            since = min(plan.issued_on or today, today - dt.timedelta(days=730))
            created = periods.generate_for_plan(
                session, system, plan, since=since, until=dt.date(today.year, 12, 31)
            )
            for row in created:
                row.is_demo = True
            result.periods += len(created)
            session.flush()
            result.reports += _simulate(session, plan, reporters, coordinator, rng, today)
    _save_manifest(session, manifest)
    audit.record(
        session,
        system,
        "demo.create",
        "demo",
        None,
        after={
            "seed": seed,
            "agencies": result.agencies,
            "users": len(result.users),
            "periods": result.periods,
            "reports": result.reports,
        },
    )
    return result


def _assign(session, plan, departments, communes, rng, manifest) -> None:
    agencies = [a for a, _ in departments] + communes
    tasks = session.scalars(
        select(TaskRow).where(
            TaskRow.plan_id == plan.id, TaskRow.active.is_(True), TaskRow.deleted.is_(False)
        )
    )
    for task in tasks:
        if task.lead_agency_id is not None:
            continue
        before = {
            "lead_agency_id": None,
            "deadline_due": task.deadline_due.isoformat() if task.deadline_due else None,
            "deadline_precision": task.deadline_precision,
            "continuing": task.continuing,
        }
        proposal = matching.propose(task.id, task.lead_text or "", agencies)
        if proposal.best and proposal.best.score >= 0.85:
            lead = proposal.best.agency_id
        else:
            lead = _best_agency(f"{task.group_title or ''} {task.text}", departments, rng).id
        task.lead_agency_id = lead
        others = [a.id for a in agencies if a.id != lead]
        for co in rng.sample(others, k=min(len(others), rng.choice([0, 0, 1, 2]))):
            session.add(TaskCoAgencyRow(task_id=task.id, agency_id=co))
        if proposal.collective:
            for commune in communes:
                if commune.id != lead:
                    session.merge(TaskCoAgencyRow(task_id=task.id, agency_id=commune.id))
        if task.deadline_due is None and not task.continuing:
            if rng.random() < 0.3:
                task.continuing = True
            else:
                year = rng.choice([2025, 2026, 2026, 2027, 2030])
                task.deadline_due, task.deadline_precision = dt.date(year, 12, 31), "year"
        manifest["tasks"][str(task.id)] = before
    targets = session.scalars(
        select(TargetRow)
        .where(
            TargetRow.plan_id == plan.id, TargetRow.active.is_(True), TargetRow.deleted.is_(False)
        )
        .order_by(TargetRow.year.nulls_last(), TargetRow.id)
    )
    # The milestones of one indicator measure one thing: one agency, one baseline.
    series: dict[tuple, list[TargetRow]] = {}
    for target in targets:
        series.setdefault((fold(target.indicator), target.unit, target.kind), []).append(target)
    for members in series.values():
        agency = _best_agency(
            f"{members[0].section_title or ''} {members[0].indicator}", departments, rng
        )
        first_goal = next((t.value for t in members if t.value is not None), None)
        baseline = None
        if first_goal is not None and members[0].unit != "bool":
            if members[0].unit == "hạng":
                baseline = float(min(63, int(first_goal) + rng.randint(5, 25)))
            else:
                baseline = round(first_goal * rng.uniform(0.3, 0.7), 1)
        source = rng.choice(SOURCES)
        for target in members:
            if target.responsible_agency_id is not None:
                continue
            manifest["targets"][str(target.id)] = {
                "responsible_agency_id": None,
                "baseline_value": target.baseline_value,
                "baseline_date": target.baseline_date.isoformat() if target.baseline_date else None,
                "baseline_year": target.baseline_year,
                "direction": target.direction,
                "data_source": target.data_source,
            }
            target.responsible_agency_id = agency.id
            if target.direction is None:
                derived = derive_direction(target.kind, target.op, target.value)
                target.direction = (
                    derived.value if derived else ("lower" if target.unit == "hạng" else "higher")
                )
            if target.baseline_value is None and baseline is not None:
                target.baseline_value = baseline
                target.baseline_date = dt.date(2024, 12, 31)
                target.baseline_year = 2024
            if not target.data_source:
                target.data_source = source


def _simulate(session, plan, reporters, coordinator, rng, today) -> int:
    period_rows = list(
        session.scalars(
            select(PeriodRow).where(PeriodRow.plan_id == plan.id).order_by(PeriodRow.start)
        )
    )
    if not period_rows:
        return 0
    first = period_rows[0].start
    coord_p, coord_a = _principal(coordinator), _actor(coordinator)
    count = 0
    for agency_id in sorted(reports.agencies_in_plan(session, plan.id)):
        reporter = reporters.get(agency_id)
        if reporter is None:
            continue
        rep_p, rep_a = _principal(reporter), _actor(reporter)
        tasks = reports.agency_tasks(session, plan.id, agency_id)
        targets = reports.agency_targets(session, plan.id, agency_id)
        progress = {t.id: rng.uniform(0, 20) for t in tasks}
        speed = {t.id: rng.uniform(5, 25) for t in tasks}
        series: dict[tuple, list[TargetRow]] = {}
        for t in targets:
            series.setdefault((fold(t.indicator), t.unit, t.kind), []).append(t)
        # Some indicators move faster than planned, some slower: a pace per indicator.
        pace = {key: rng.uniform(0.7, 1.15) for key in series}
        past = [p for p in period_rows if p.due < today]
        last_past = past[-1].id if past else None
        for period in period_rows:
            if period.start > today:
                break
            current = period.due >= today
            roll = rng.random()
            if not current and roll < 0.08:
                continue  # missing: never submitted
            if current and roll < 0.4:
                continue  # not started yet
            open_day = min(max(period.cutoff_end - dt.timedelta(days=5), period.start), today)
            report = reports.open_report(
                session, rep_p, rep_a, period.id, agency_id, is_demo=True, now=_at(open_day, 8)
            )
            count += 1
            for t in tasks:
                progress[t.id] = min(100.0, progress[t.id] + speed[t.id] * rng.uniform(0.5, 1.3))
            elapsed = max(
                0.0, (period.end - first).days / max(1.0, (dt.date(2030, 12, 31) - first).days)
            )
            task_entries = {}
            for t in tasks:
                p = progress[t.id]
                if p >= 100:
                    task_entries[t.id] = {
                        "status": "done",
                        "percent_done": "100",
                        "done_text": "Đã hoàn thành theo kế hoạch (dữ liệu mẫu).",
                    }
                elif p < 8:
                    task_entries[t.id] = {"status": "not_started", "percent_done": "0"}
                else:
                    task_entries[t.id] = {
                        "status": "in_progress",
                        "percent_done": str(int(p)),
                        "done_text": "Đang triển khai (dữ liệu mẫu).",
                        "difficulties": "Thiếu kinh phí." if rng.random() < 0.2 else "",
                    }
            values = {}
            for key, members in series.items():
                # One indicator, one measured value: every milestone of it gets the same figure,
                # on the way to its furthest milestone.
                if rng.random() < 0.1:
                    entry = {"note": "Chưa có số liệu trong kỳ (dữ liệu mẫu)."}
                else:
                    goal = max(members, key=lambda t: t.year or 0)
                    entry = {
                        "value": _target_value(goal, min(1.0, elapsed * 1.6 + 0.1), rng, pace[key]),
                        "as_of": period.cutoff_end.strftime("%d/%m/%Y"),
                        "source": goal.data_source or "",
                    }
                for t in members:
                    values[t.id] = dict(entry)
            late = not current and roll < 0.22
            # Reports are compiled after the data cut-off and sent by the due date (or late).
            closed = period.cutoff_end + dt.timedelta(days=1)
            if late:
                submit_day = period.due + dt.timedelta(days=rng.randint(1, 20))
            else:
                submit_day = max(closed, period.due - dt.timedelta(days=rng.randint(0, 8)))
            if submit_day > today:
                if current:
                    with contextlib.suppress(TiendoError):
                        reports.save(
                            session,
                            rep_p,
                            rep_a,
                            report.id,
                            tasks=task_entries,
                            values=values,
                            expected_revision=None,
                            now=_at(open_day, 9),
                        )
                continue
            try:
                reports.save(
                    session,
                    rep_p,
                    rep_a,
                    report.id,
                    tasks=task_entries,
                    values=values,
                    expected_revision=None,
                    now=_at(submit_day, 9),
                )
                reports.submit(
                    session,
                    rep_p,
                    rep_a,
                    report.id,
                    expected_revision=None,
                    now=_at(submit_day, 10),
                )
            except TiendoError:
                # A simulated value the rules refuse is left as a draft, as a person would.
                continue
            review_day = submit_day + dt.timedelta(days=rng.randint(1, 4))
            if review_day > today or (period.id == last_past and rng.random() < 0.3):
                continue  # still waiting for the coordinator
            if not current and rng.random() < 0.15:
                reports.return_report(
                    session,
                    coord_p,
                    coord_a,
                    report.id,
                    expected_revision=None,
                    comment="Đề nghị bổ sung minh chứng (dữ liệu mẫu).",
                    now=_at(review_day, 14),
                )
                resubmit = review_day + dt.timedelta(days=rng.randint(1, 5))
                if resubmit > today:
                    continue
                reports.submit(
                    session, rep_p, rep_a, report.id, expected_revision=None, now=_at(resubmit, 9)
                )
                review_day = resubmit + dt.timedelta(days=rng.randint(1, 3))
                if review_day > today:
                    continue
            reports.approve(
                session,
                coord_p,
                coord_a,
                report.id,
                expected_revision=None,
                now=_at(review_day, 15),
            )
    return count


def remove(session: Session) -> dict:
    """Delete the demo data and put the plans' assignments back; the caller commits."""
    manifest = _manifest(session)
    counts = {}
    demo_agencies = list(session.scalars(select(AgencyRow.id).where(AgencyRow.is_demo.is_(True))))
    demo_periods = select(PeriodRow.id).where(PeriodRow.is_demo.is_(True))
    # Facts evaluation drew from the demo reports go with them; statuses are recomputed below.
    demo_reports = select(ReportRow.id).where(ReportRow.is_demo.is_(True))
    touched_plans = set(
        session.scalars(select(PeriodRow.plan_id).where(PeriodRow.is_demo.is_(True)))
    )
    for fact in (ObservationRow, TaskProgressRow, SubmissionRow):
        session.execute(
            delete(fact).where(
                or_(fact.report_id.in_(demo_reports), fact.agency_id.in_(demo_agencies))
            )
        )
    # Reports of demo agencies or in demo periods that nobody but the demo touched.
    counts["reports"] = session.execute(
        delete(ReportRow).where(ReportRow.is_demo.is_(True))
    ).rowcount
    kept = set(
        session.scalars(select(ReportRow.period_id).where(ReportRow.period_id.in_(demo_periods)))
    )
    session.execute(update(PeriodRow).where(PeriodRow.id.in_(kept)).values(is_demo=False))
    counts["periods"] = session.execute(
        delete(PeriodRow).where(PeriodRow.is_demo.is_(True))
    ).rowcount
    counts["notifications"] = session.execute(
        delete(NotificationRow).where(NotificationRow.is_demo.is_(True))
    ).rowcount
    for task_id, before in manifest.get("tasks", {}).items():
        task = session.get(TaskRow, int(task_id))
        if task is None:
            continue
        if task.lead_agency_id in demo_agencies or task.lead_agency_id is None:
            task.lead_agency_id = None
            task.continuing = before["continuing"]
            task.deadline_due = (
                dt.date.fromisoformat(before["deadline_due"]) if before["deadline_due"] else None
            )
            task.deadline_precision = before["deadline_precision"]
    for target_id, before in manifest.get("targets", {}).items():
        target = session.get(TargetRow, int(target_id))
        if target is None or target.responsible_agency_id not in demo_agencies:
            continue
        target.responsible_agency_id = None
        target.baseline_value = before["baseline_value"]
        target.baseline_date = (
            dt.date.fromisoformat(before["baseline_date"]) if before["baseline_date"] else None
        )
        target.baseline_year = before["baseline_year"]
        target.direction = before["direction"]
        target.data_source = before["data_source"]
    session.execute(
        update(TaskRow).where(TaskRow.lead_agency_id.in_(demo_agencies)).values(lead_agency_id=None)
    )
    session.execute(
        update(TargetRow)
        .where(TargetRow.responsible_agency_id.in_(demo_agencies))
        .values(responsible_agency_id=None)
    )
    session.execute(delete(LeadDecisionRow).where(LeadDecisionRow.agency_id.in_(demo_agencies)))
    # Accounts the append-only audit log names cannot be deleted: they are disabled instead.
    named = set(
        session.scalars(select(AuditRow.actor_id).where(AuditRow.actor_id.is_not(None)).distinct())
    )
    users = list(session.scalars(select(UserRow).where(UserRow.is_demo.is_(True))))
    counts["users"] = counts["users_disabled"] = 0
    for user in users:
        if user.id in named:
            user.active, user.password_hash = False, None
            counts["users_disabled"] += 1
        else:
            session.delete(user)
            counts["users"] += 1
    session.flush()
    still_used = set(
        session.scalars(select(UserRow.agency_id).where(UserRow.agency_id.is_not(None)))
    )
    counts["agencies"] = 0
    for agency in session.scalars(select(AgencyRow).where(AgencyRow.is_demo.is_(True))):
        if agency.id in still_used:
            agency.active = False
        else:
            session.delete(agency)
            counts["agencies"] += 1
    row = session.get(AppSettingRow, MANIFEST)
    if row is not None:
        session.delete(row)
    for plan_id in touched_plans:
        hooks.on_plan_changed(session, plan_id)
    audit.record(session, Actor.command_line(), "demo.remove", "demo", None, after=counts)
    return counts
