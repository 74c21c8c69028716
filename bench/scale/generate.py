"""A national-scale data set for the evaluation benchmark, loaded in bulk.

34 provinces (and the 29 merged into them), 3,321 communes and wards plus
the provincial departments as agencies, one plan per province as it was
before the 2025 merger plus one new plan per enlarged province, 300,000
tasks, 20,000 targets with 2,000,000 observations over eight years,
quarterly reports of every agency, and what they said about their tasks.
``scale`` shrinks everything proportionally (0.01 for a quick check).

Rows are generated as tuples in a fixed column order and written with
PostgreSQL COPY (through psycopg) or, on SQLite, with executemany inserts
in large batches. The generator is deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine, text

from tiendo.domain.units import PROVINCES, current_provinces
from tiendo.text.numbers import format_number
from tiendo.text.vietnamese import fold

#: The day the benchmark evaluates for (fixed so runs are comparable).
TODAY = dt.date(2026, 11, 15)
COMMUNES = 3321
TASKS = 300_000
TARGETS = 20_000
OBSERVATIONS = 2_000_000
QUARTERS = [(y, q) for y in (2025, 2026) for q in (1, 2, 3, 4)]
DEPARTMENTS = [
    "Sở Khoa học và Công nghệ",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Nông nghiệp và Môi trường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Tư pháp",
    "Văn phòng UBND tỉnh",
    "Công an tỉnh",
]
GROUPS = [
    "Nâng cao nhận thức, đột phá về đổi mới tư duy",
    "Hoàn thiện thể chế, cơ chế, chính sách",
    "Tăng cường đầu tư, hoàn thiện hạ tầng",
    "Phát triển, trọng dụng nhân lực chất lượng cao",
    "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
    "Thúc đẩy đổi mới sáng tạo trong doanh nghiệp",
    "Tăng cường hợp tác quốc tế",
    "Bảo đảm an toàn, an ninh mạng",
]
INDICATORS = [
    ("Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp", "%", 60.0, 85.0),
    ("Quy mô kinh tế số so với GRDP", "% GRDP", 12.0, 30.0),
    ("Tỷ lệ giao dịch không dùng tiền mặt", "%", 55.0, 80.0),
    ("Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo", "%", 20.0, 40.0),
    ("Nhân lực nghiên cứu và phát triển trên một vạn dân", "người/vạn dân", 6.0, 12.0),
    ("Số doanh nghiệp khoa học và công nghệ", "số", 10.0, 40.0),
    ("Tỷ lệ hồ sơ giải quyết thủ tục hành chính trực tuyến toàn trình", "%", 50.0, 90.0),
    ("Số sáng kiến được công nhận mỗi năm", "số", 30.0, 120.0),
]


@dataclass
class Counts:
    tables: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class World:
    """Ids the later tables need, kept while generating."""

    agencies_by_home: dict[str, list[int]] = field(default_factory=dict)
    agency_home: dict[int, str] = field(default_factory=dict)
    plans: list[tuple[int, str, str]] = field(default_factory=list)  # id, province, home
    next_ids: dict[str, int] = field(default_factory=dict)


def _now() -> dt.datetime:
    return dt.datetime(2026, 11, 15, 1, 0, tzinfo=dt.UTC)


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


# ---------------------------------------------------------------- tables


def agencies(world: World, scale: float) -> Iterator[tuple]:
    provinces = current_provinces()
    communes = max(len(provinces), round(COMMUNES * scale))
    per, extra = divmod(communes, len(provinces))
    agency_id = 0
    now = _now()
    for index, unit in enumerate(provinces):
        names = [f"{d} {unit.name}" for d in DEPARTMENTS]
        names += [
            f"UBND {'phường' if k % 4 == 0 else 'xã'} số {k} ({unit.name})"
            for k in range(1, per + (index < extra) + 1)
        ]
        for name in names:
            agency_id += 1
            world.agencies_by_home.setdefault(unit.code, []).append(agency_id)
            world.agency_home[agency_id] = unit.code
            yield (
                agency_id,
                unit.code,
                name,
                None,
                "sở" if name.startswith(("Sở", "Văn", "Công")) else "UBND xã, phường",
                "[]",
                fold(name),
                True,
                False,
                now,
            )


AGENCY_COLUMNS = (
    "id",
    "province_code",
    "name",
    "short_name",
    "kind",
    "aliases",
    "search_key",
    "active",
    "is_demo",
    "created_at",
)


def plans(world: World) -> Iterator[tuple]:
    """One plan per province as it was before 1 July 2025; a new one per enlarged province."""
    now = _now()
    entries = [
        (u.code, dt.date(2025, 3, 1) + dt.timedelta(days=int(u.code))) for u in PROVINCES.values()
    ]
    entries += [
        (u.code, dt.date(2025, 10, 1) + dt.timedelta(days=int(u.code) % 30))
        for u in current_provinces()
        if any(o.successor_code == u.code for o in PROVINCES.values())
    ]
    for plan_id, (code, issued) in enumerate(entries, start=1):
        unit = PROVINCES[code]
        home = unit.successor_code or unit.code
        world.plans.append((plan_id, code, home))
        status = "draft" if plan_id % 10 == 0 else "published"
        title = f"Kế hoạch thực hiện Nghị quyết 57-NQ/TW của tỉnh {unit.name}"
        yield (
            plan_id,
            f"bench-{plan_id}",
            code,
            unit.name,
            "UBND tỉnh",
            "Kế hoạch",
            f"{plan_id}/KH-UBND",
            issued,
            None,
            title,
            '["57-NQ/TW"]',
            status,
            now if status == "published" else None,
            plan_id,
            fold(title),
            now,
            now,
        )


PLAN_COLUMNS = (
    "id",
    "identity_key",
    "province_code",
    "province_name",
    "issuer",
    "doc_type",
    "number",
    "issued_on",
    "signer",
    "title",
    "implements",
    "status",
    "published_at",
    "current_version_id",
    "search_key",
    "created_at",
    "updated_at",
)


def versions(world: World) -> Iterator[tuple]:
    now = _now()
    for plan_id, _, _ in world.plans:
        yield (
            plan_id,
            plan_id,
            1,
            f"ke-hoach-{plan_id}.txt",
            "txt",
            f"{plan_id:064d}",
            100,
            "KẾ HOẠCH",
            None,
            False,
            "[]",
            "[]",
            "bench",
            None,
            now,
        )


VERSION_COLUMNS = (
    "id",
    "plan_id",
    "version_no",
    "source_name",
    "source_format",
    "checksum",
    "size_bytes",
    "source_text",
    "raw_text",
    "repaired",
    "uncertain",
    "warnings",
    "extractor_version",
    "created_by",
    "created_at",
)

ITEM_COLUMNS = (
    "id",
    "plan_id",
    "first_version_id",
    "last_version_id",
    "active",
    "deleted",
    "origin",
    "edited",
    "signature",
    "position",
    "line",
    "text",
    "search_key",
    "revision",
)


def _share(total: int, parts: int, index: int) -> int:
    per, extra = divmod(total, parts)
    return per + (index < extra)


def tasks(world: World, scale: float, rng: random.Random) -> Iterator[tuple]:
    total = round(TASKS * scale)
    task_id = 0
    for index, (plan_id, _code, home) in enumerate(world.plans):
        agencies = world.agencies_by_home[home]
        for position in range(_share(total, len(world.plans), index)):
            task_id += 1
            group = rng.randrange(len(GROUPS))
            text_ = f"Nhiệm vụ {position + 1}: {GROUPS[group].lower()} — nội dung số {task_id}."
            continuing = rng.random() < 0.15
            due = precision = None
            if not continuing:
                year = rng.randint(2025, 2030)
                month = rng.choice((3, 6, 9, 12))
                due, precision = _month_end(year, month), "month"
            lead = agencies[rng.randrange(len(agencies))]
            yield (
                task_id,
                plan_id,
                plan_id,
                plan_id,
                True,
                False,
                "extracted",
                False,
                f"task-{task_id}",
                position,
                position + 10,
                text_,
                fold(text_),
                1,
                str(group + 1),
                GROUPS[group],
                None,
                None,
                None,
                lead,
                due,
                precision,
                continuing,
                "Thường xuyên" if continuing else None,
            )


TASK_COLUMNS = (
    *ITEM_COLUMNS,
    "group_no",
    "group_title",
    "full_text",
    "end_line",
    "lead_text",
    "lead_agency_id",
    "deadline_due",
    "deadline_precision",
    "continuing",
    "deadline_text",
)


def targets(world: World, scale: float, rng: random.Random) -> Iterator[tuple]:
    """Indicators with two milestones each (2025 and 2030, or 2030 and 2045)."""
    total = round(TARGETS * scale)
    target_id = 0
    for index, (plan_id, _code, home) in enumerate(world.plans):
        agencies = world.agencies_by_home[home][: len(DEPARTMENTS)]
        count = _share(total, len(world.plans), index)
        made = 0
        for k in range(count):
            if made >= count:
                break
            name, unit, base, goal = INDICATORS[k % len(INDICATORS)]
            indicator = f"{name} (chỉ số {k + 1})" if k >= len(INDICATORS) else name
            years = (2025, 2030) if k % 2 == 0 else (2030, 2045)
            baseline = base * rng.uniform(0.8, 1.2)
            for m, year in enumerate(years):
                if made >= count:
                    break
                made += 1
                target_id += 1
                value = round(goal * (1.0 + 0.2 * m) if unit != "%" else min(98.0, goal + 8 * m), 1)
                text_ = f"{indicator} đạt {value} {unit} năm {year}"
                yield (
                    target_id,
                    plan_id,
                    plan_id,
                    plan_id,
                    True,
                    False,
                    "extracted",
                    False,
                    f"target-{target_id}",
                    2 * k + m,
                    100 + k,
                    text_,
                    fold(text_),
                    1,
                    indicator,
                    "level",
                    ">=",
                    value,
                    None,
                    unit,
                    year,
                    None,
                    True,
                    None,
                    round(baseline, 2),
                    2024,
                    None,
                    "higher",
                    "Cục Thống kê",
                    agencies[k % len(agencies)],
                )


TARGET_COLUMNS = (
    *ITEM_COLUMNS,
    "indicator",
    "kind",
    "op",
    "value",
    "value_max",
    "unit",
    "year",
    "base_year",
    "core",
    "section_title",
    "baseline_value",
    "baseline_year",
    "baseline_date",
    "direction",
    "data_source",
    "responsible_agency_id",
)


def observations(target_rows: list[tuple], scale: float, rng: random.Random) -> Iterator[tuple]:
    """``target_rows``: (id, unit, baseline, agency) of every target."""
    # About 100 monthly values per target, up to the month before the benchmark day.
    per = max(2, round(OBSERVATIONS * scale / max(1, len(target_rows))))
    obs_id = 0
    recorded = _now()
    end = dt.date(TODAY.year, TODAY.month, 1) - dt.timedelta(days=1)
    months = []
    y, m = end.year, end.month
    for _ in range(per):
        months.append(_month_end(y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    months.reverse()
    recent = TODAY - dt.timedelta(days=400)
    for row in target_rows:
        target_id, unit, baseline, agency = row
        pace = rng.uniform(-0.2, 1.4)  # some improve fast, some go backwards
        noise = 0.02 * baseline
        for day in months:
            obs_id += 1
            years = (day - dt.date(2024, 12, 31)).days / 365.25
            value = baseline * (1 + 0.08 * pace * years) + rng.gauss(0, noise)
            if unit == "%":
                value = min(100.0, max(0.0, value))
            # A few recent values were flagged far from their history when recorded.
            flagged = day >= recent and rng.random() < 0.002
            note = (
                "Số liệu khác xa mức thay đổi thường thấy (dữ liệu đo hiệu năng)."
                if flagged
                else None
            )
            yield (
                obs_id,
                target_id,
                round(value, 3),
                day,
                "Báo cáo định kỳ",
                agency,
                None,
                recorded,
                False,
                flagged,
                4.2 if flagged else None,
                note,
            )


OBSERVATION_COLUMNS = (
    "id",
    "target_id",
    "value",
    "as_of",
    "source",
    "agency_id",
    "report_id",
    "recorded_at",
    "retracted",
    "outlier",
    "outlier_z",
    "outlier_note",
)


def _period(year: int, quarter: int) -> tuple[str, str, dt.date]:
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[quarter]
    return f"{year}-Q{quarter}", f"Quý {roman}/{year}", dt.date(year, quarter * 3, 15)


def submissions(world: World, rng: random.Random) -> Iterator[tuple]:
    """Every agency's quarterly report: on time mostly, some late, some missing."""
    sub_id = 0
    recorded = _now()
    for agency, home in world.agency_home.items():
        silent = rng.random() < 0.03
        for year, quarter in QUARTERS:
            key, label, due = _period(year, quarter)
            sub_id += 1
            submitted = approved = None
            if due < TODAY and not silent:
                draw = rng.random()
                if draw < 0.8:
                    day = due - dt.timedelta(days=rng.randint(0, 10))
                elif draw < 0.9:
                    day = due + dt.timedelta(days=rng.randint(1, 20))
                else:
                    day = None
                if day is not None:
                    submitted = dt.datetime.combine(day, dt.time(2, 30), tzinfo=dt.UTC)
                    approved = submitted + dt.timedelta(days=3)
            yield (
                sub_id,
                sub_id,
                agency,
                None,
                home,
                key,
                label,
                due,
                submitted,
                submitted.date() if submitted else None,
                approved,
                recorded,
            )


SUBMISSION_COLUMNS = (
    "id",
    "report_id",
    "agency_id",
    "plan_id",
    "province_code",
    "period_key",
    "period_label",
    "due",
    "submitted_at",
    "submitted_on",
    "approved_at",
    "recorded_at",
)


def progress(task_rows: list[tuple], rng: random.Random) -> Iterator[tuple]:
    """What agencies reported about their tasks, one to three reports a task.

    ``task_rows``: (id, lead agency, deadline, continuing) of every task.
    """
    row_id = 0
    for row in task_rows:
        task_id, lead, due, continuing = row
        if continuing:
            for year, quarter in QUARTERS:
                key, _label, period_due = _period(year, quarter)
                if period_due < TODAY and rng.random() < 0.8:
                    row_id += 1
                    at = dt.datetime.combine(
                        period_due - dt.timedelta(days=3), dt.time(3), tzinfo=dt.UTC
                    )
                    yield (row_id, task_id, key, "in_progress", None, None, at, None, lead, False)
            continue
        reports = rng.randint(0, 3)
        for n in range(reports):
            year, quarter = QUARTERS[min(len(QUARTERS) - 1, n * 2 + rng.randint(0, 1))]
            key, _label, period_due = _period(year, quarter)
            if period_due >= TODAY:
                break
            at = dt.datetime.combine(period_due - dt.timedelta(days=2), dt.time(3), tzinfo=dt.UTC)
            done = (
                n == reports - 1
                and due is not None
                and rng.random() < (0.85 if due < TODAY else 0.2)
            )
            completed = None
            if done:
                completed = min(at.date(), due + dt.timedelta(days=rng.choice((-30, -5, 0, 20))))
            row_id += 1
            yield (
                row_id,
                task_id,
                key,
                "done" if done else "in_progress",
                100.0 if done else float(rng.randint(10, 90)),
                completed,
                at,
                None,
                lead,
                False,
            )


PROGRESS_COLUMNS = (
    "id",
    "task_id",
    "period_key",
    "state",
    "percent_done",
    "completed_on",
    "reported_at",
    "report_id",
    "agency_id",
    "retracted",
)


# ---------------------------------------------------------------- loading


def _copy(engine: Engine, table: str, columns: tuple[str, ...], rows) -> int:
    """PostgreSQL COPY through psycopg: the fastest way in."""
    count = 0
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        raw.commit()
    finally:
        raw.close()
    return count


def _executemany(
    engine: Engine, table: str, columns: tuple[str, ...], rows, batch: int = 20_000
) -> int:
    """SQLite: plain executemany in large transactions (JSON columns are text already)."""
    count = 0
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        chunk: list[tuple] = []
        for row in rows:
            chunk.append(tuple(_sqlite_value(v) for v in row))
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
        raw.commit()
    finally:
        raw.close()
    return count


def _sqlite_value(value):
    # SQLAlchemy stores dates and times in SQLite as ISO text; do the same.
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def generate(
    engine: Engine, scale: float = 1.0, seed: int = 57, log: Callable[[str], None] = print
) -> Counts:
    """Fill a migrated, empty database. Returns the row counts and the time each table took."""
    rng = random.Random(seed)
    postgres = engine.dialect.name == "postgresql"
    write = _copy if postgres else _executemany
    world = World()
    counts = Counts()

    def load(table, columns, rows):
        started = time.perf_counter()
        n = write(engine, table, columns, rows)
        counts.tables[table] = n
        counts.seconds[table] = time.perf_counter() - started
        log(
            f"  {table}: {format_number(n)} dòng trong {format_number(round(counts.seconds[table], 1), 1)} s"
        )

    load("agencies", AGENCY_COLUMNS, agencies(world, scale))
    plan_rows = list(plans(world))
    # Plans and versions point at each other: plans first without their version.
    load("plans", PLAN_COLUMNS, [(*r[:13], None, *r[14:]) for r in plan_rows])
    load("plan_versions", VERSION_COLUMNS, versions(world))
    with engine.begin() as conn:
        conn.execute(text("UPDATE plans SET current_version_id = id"))
    # Keep only what later tables need of the big ones, not the rows themselves.
    task_rows: list[tuple] = []
    target_rows: list[tuple] = []

    def keep(rows, into, pick):
        for row in rows:
            into.append(pick(row))
            yield row

    load(
        "tasks",
        TASK_COLUMNS,
        keep(tasks(world, scale, rng), task_rows, lambda r: (r[0], r[19], r[20], r[22])),
    )
    load(
        "targets",
        TARGET_COLUMNS,
        keep(targets(world, scale, rng), target_rows, lambda r: (r[0], r[19], r[24], r[29])),
    )
    load("observations", OBSERVATION_COLUMNS, observations(target_rows, scale, rng))
    load("submissions", SUBMISSION_COLUMNS, submissions(world, rng))
    load("task_progress", PROGRESS_COLUMNS, progress(task_rows, rng))
    if postgres:
        with engine.begin() as conn:
            for table in (
                "agencies",
                "plans",
                "plan_versions",
                "tasks",
                "targets",
                "observations",
                "submissions",
                "task_progress",
            ):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(max(id), 1) FROM {table}))"
                    )
                )
    return counts


def analyse(engine: Engine) -> None:
    """Fresh planner statistics (and, on PostgreSQL, a visibility map for index-only scans)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
