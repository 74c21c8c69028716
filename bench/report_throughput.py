"""Report submission and approval throughput through the service layer.

Creates a plan with N agencies, each with 5 tasks and 5 targets, and one
reporting period; then times, per agency, opening the report, saving its
entries and submitting it (the reporter's side), and approving it (the
coordinator's side, evaluation hooks included), each report in its own
transaction as the web app does. Runs on SQLite (a temporary file) and on
PostgreSQL when a server answers (a temporary database).

Usage: .venv/bin/python bench/report_throughput.py [--agencies 200]
PostgreSQL admin URL: TIENDO_BENCH_POSTGRES_URL (default: the local server as user postgres).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import select

from tiendo.accounts.roles import Principal
from tiendo.config import Settings
from tiendo.domain.actor import Actor
from tiendo.domain.plan import (
    Comparator,
    Deadline,
    DocumentMeta,
    DutyKind,
    ExtractedPlan,
    Frequency,
    ReportingDuty,
    Target,
    TargetKind,
    Task,
)
from tiendo.ingest.pipeline import LoadedPlan
from tiendo.ingest.readers import SourceText
from tiendo.ingest.service import store_loaded_plan
from tiendo.reporting import periods, reports
from tiendo.runtime import build_runtime
from tiendo.store.migrate import upgrade
from tiendo.store.tables import AgencyRow, PeriodRow, PlanRow, TargetRow, TaskRow, UserRow
from tiendo.text.numbers import format_number

ITEMS = 5
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} lõi; Python {platform.python_version()}; {platform.system()} {platform.release()}"


def make_plan(agencies: int) -> ExtractedPlan:
    targets = [
        Target(
            indicator=f"Chỉ tiêu {i}",
            kind=TargetKind.LEVEL,
            op=Comparator.GE,
            value=80.0,
            unit="%",
            year=2030,
            line=i + 1,
            text=f"Chỉ tiêu {i} đạt 80%",
        )
        for i in range(agencies * ITEMS)
    ]
    tasks = [
        Task(
            group="1",
            group_title="Nhiệm vụ",
            text=f"Nhiệm vụ số {i}",
            line=i + 1,
            lead=None,
            deadline=Deadline(due=dt.date(2027, 12, 31), precision="year"),
        )
        for i in range(agencies * ITEMS)
    ]
    duty = ReportingDuty(
        kind=DutyKind.REPORT,
        text="báo cáo hằng quý",
        line=1,
        frequency=[Frequency.QUARTERLY],
        due={"day": 15, "month": "last_of_period"},
    )
    return ExtractedPlan(
        doc="bench.txt",
        meta=DocumentMeta(province="Hà Tĩnh", number="1/KH-BENCH", date=dt.date(2025, 3, 1)),
        targets=targets,
        tasks=tasks,
        duties=[duty],
    )


def prepare(runtime, agencies: int):
    plan = make_plan(agencies)
    loaded = LoadedPlan(
        path=Path(plan.doc),
        checksum=uuid.uuid4().hex * 2,
        size_bytes=1,
        source=SourceText(path="bench.txt", text="KẾ HOẠCH", raw_text="KẾ HOẠCH", format="txt"),
        extracted=plan,
    )
    plan_id = store_loaded_plan(
        loaded, runtime.uow(), actor=Actor(label="bench"), publish=True
    ).plan_id
    with runtime.session() as s:
        rows = [
            AgencyRow(
                province_code="42",
                name=f"Cơ quan {i}",
                kind="so",
                aliases=[],
                search_key=f"co quan {i}",
            )
            for i in range(agencies)
        ]
        s.add_all(rows)
        s.flush()
        coord = UserRow(
            username="bench.coord", role="coordinator", province_code="42", full_name=""
        )
        s.add(coord)
        users = [
            UserRow(
                username=f"bench.{i}",
                role="reporter",
                agency_id=a.id,
                province_code="42",
                full_name="",
            )
            for i, a in enumerate(rows)
        ]
        s.add_all(users)
        s.flush()
        task_ids = list(
            s.scalars(select(TaskRow.id).where(TaskRow.plan_id == plan_id).order_by(TaskRow.id))
        )
        target_ids = list(
            s.scalars(
                select(TargetRow.id).where(TargetRow.plan_id == plan_id).order_by(TargetRow.id)
            )
        )
        for i, agency in enumerate(rows):
            for t in task_ids[i * ITEMS : (i + 1) * ITEMS]:
                s.get(TaskRow, t).lead_agency_id = agency.id
            for t in target_ids[i * ITEMS : (i + 1) * ITEMS]:
                s.get(TargetRow, t).responsible_agency_id = agency.id
        periods.generate_for_plan(
            s, Actor(label="bench"), s.get(PlanRow, plan_id), until=dt.date(2026, 12, 31)
        )
        period_id = s.scalar(
            select(PeriodRow.id).where(PeriodRow.plan_id == plan_id, PeriodRow.key == "2026-Q3")
        )
        s.commit()
        reporters = [
            (
                Principal.of(
                    user_id=u.id,
                    username=u.username,
                    role="reporter",
                    province_code="42",
                    agency_id=u.agency_id,
                ),
                u.agency_id,
                task_ids[i * ITEMS : (i + 1) * ITEMS],
                target_ids[i * ITEMS : (i + 1) * ITEMS],
            )
            for i, u in enumerate(users)
        ]
        coordinator = Principal.of(
            user_id=coord.id, username=coord.username, role="coordinator", province_code="42"
        )
    return period_id, reporters, coordinator


def run(runtime, agencies: int) -> tuple[float, float]:
    period_id, reporters, coordinator = prepare(runtime, agencies)
    now = dt.datetime(2026, 9, 15, 2, 0, tzinfo=dt.UTC)
    report_ids = []
    start = time.perf_counter()
    for principal, agency_id, tasks, targets in reporters:
        actor = Actor(label=principal.username, user_id=principal.user_id)
        with runtime.session() as s:
            rid = reports.open_report(s, principal, actor, period_id, agency_id, now=now).id
            reports.save(
                s,
                principal,
                actor,
                rid,
                now=now,
                expected_revision=1,
                tasks={
                    t: {"status": "in_progress", "percent_done": "40", "done_text": "Đang làm"}
                    for t in tasks
                },
                values={
                    t: {"value": "45,5", "as_of": "14/09/2026", "source": "Thống kê"}
                    for t in targets
                },
            )
            reports.submit(s, principal, actor, rid, expected_revision=2, now=now)
            s.commit()
            report_ids.append(rid)
    submitted = time.perf_counter() - start
    actor = Actor(label=coordinator.username, user_id=coordinator.user_id)
    start = time.perf_counter()
    for rid in report_ids:
        with runtime.session() as s:
            reports.approve(s, coordinator, actor, rid, expected_revision=3, now=now)
            s.commit()
    approved = time.perf_counter() - start
    return len(report_ids) / submitted, len(report_ids) / approved


def _n(value: float) -> str:
    return format_number(value, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=200)
    args = parser.parse_args()
    print(f"Máy: {machine()}")
    print(
        f"Mỗi báo cáo: {ITEMS} nhiệm vụ, {ITEMS} chỉ tiêu; {args.agencies} báo cáo mỗi cơ sở dữ liệu."
    )
    with tempfile.TemporaryDirectory() as folder:
        rt = build_runtime(Settings(data_dir=Path(folder)))
        upgrade(rt.engine)
        sub, app = run(rt, args.agencies)
        rt.engine.dispose()
        print(
            f"SQLite {sqlite3.sqlite_version}: nộp {_n(sub)} báo cáo/giây; duyệt {_n(app)} báo cáo/giây"
        )
    admin_url = sa.make_url(os.environ.get("TIENDO_BENCH_POSTGRES_URL", DEFAULT_PG))
    admin = sa.create_engine(
        admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            version = conn.execute(sa.text("show server_version")).scalar()
    except Exception as exc:  # no server: say so and stop
        print(
            f"PostgreSQL: bỏ qua ({type(exc).__name__}: không kết nối được {admin_url.render_as_string()})"
        )
        return
    name = f"tiendo_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        with tempfile.TemporaryDirectory() as folder:
            url = admin_url.set(database=name).render_as_string(hide_password=False)
            rt = build_runtime(Settings(data_dir=Path(folder), database_url=url))
            upgrade(rt.engine)
            sub, app = run(rt, args.agencies)
            rt.engine.dispose()
        print(f"PostgreSQL {version}: nộp {_n(sub)} báo cáo/giây; duyệt {_n(app)} báo cáo/giây")
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
