"""Evaluation at national scale, on SQLite and on PostgreSQL.

Builds a temporary database with 34 provinces, 3,321 communes and wards as
agencies, 300,000 tasks, 20,000 targets with 2,000,000 observations, the
agencies' quarterly reports and what they said about their tasks; computes
every status; then measures

* the dashboard and scorecard queries (the read functions the pages and the
  API call), and the same through the real API endpoints in-process, as the
  median and 95th percentile over repeated requests;
* the time to record one approved report's facts and recompute what they
  touch (the work done inside the approval's transaction).

Usage:
    python bench/national_scale.py [--db sqlite|postgresql|both] [--scale 1.0] [--repeat 30]

The databases are temporary (a temporary folder; a PostgreSQL database
created and dropped through TIENDO_TEST_POSTGRES_URL or --pg-url).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import platform
import random
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale.generate import TODAY, analyse, generate

from tiendo.accounts import service as accounts
from tiendo.accounts.roles import province_family
from tiendo.config import Settings
from tiendo.domain.actor import Actor
from tiendo.evaluate import facts, service
from tiendo.evaluate.dashboard import dashboard
from tiendo.evaluate.detail import target_detail
from tiendo.evaluate.queries import Filters, list_tasks, resolve_scope
from tiendo.evaluate.ranking import ranking
from tiendo.runtime import Runtime, build_runtime
from tiendo.store.migrate import upgrade
from tiendo.store.queries import Visibility
from tiendo.store.tables import AgencyRow, SubmissionRow, TargetRow, TaskRow
from tiendo.text.numbers import format_number

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
EVERYTHING = Visibility.everything()
#: A province that received two others in 2025 (Hà Nam and Nam Định into Ninh Bình).
PROVINCE = "37"


def vn(value: float, digits: int | None = None) -> str:
    """A number written the Vietnamese way (1.234,5)."""
    return format_number(value if digits is None else round(value, digits), digits)


def log(message: str) -> None:
    print(message, flush=True)


def machine(engine_versions: dict[str, str]) -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    import os

    return {
        "CPU": f"{cpu}, {os.cpu_count()} nhân",
        "Python": platform.python_version(),
        "SQLAlchemy": sa.__version__,
        "Hệ điều hành": platform.platform(),
        **engine_versions,
    }


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    fn()  # warm caches once, as a running server would have them
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, math_ceil(0.95 * len(samples)) - 1)]
    return {"median": statistics.median(samples), "p95": p95, "max": samples[-1]}


def math_ceil(x: float) -> int:
    return int(-(-x // 1))


# ---------------------------------------------------------------- databases


class Database:
    """A temporary database of one kind, migrated and empty."""

    def __init__(self, kind: str, pg_url: str) -> None:
        self.kind = kind
        self.folder = tempfile.TemporaryDirectory(prefix="tiendo-bench-")
        self.admin = None
        self.name = None
        if kind == "sqlite":
            settings = Settings(data_dir=Path(self.folder.name), secret_key="bench")
        else:
            self.admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
            self.name = f"tiendo_bench_{uuid.uuid4().hex[:8]}"
            with self.admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
            url = sa.make_url(pg_url).set(database=self.name).render_as_string(hide_password=False)
            settings = Settings(
                data_dir=Path(self.folder.name), database_url=url, secret_key="bench"
            )
        self.runtime: Runtime = build_runtime(settings)
        upgrade(self.runtime.engine)

    def version(self) -> str:
        if self.kind == "sqlite":
            return f"SQLite {sqlite3.sqlite_version}"
        with self.runtime.engine.connect() as conn:
            return (
                conn.execute(sa.text("show server_version"))
                .scalar()
                .split(" ")[0]
                .join(("PostgreSQL ", ""))
            )

    def size(self) -> str:
        if self.kind == "sqlite":
            total = sum(p.stat().st_size for p in Path(self.folder.name).glob("tiendo.db*"))
        else:
            with self.runtime.engine.connect() as conn:
                total = conn.execute(
                    sa.text("select pg_database_size(current_database())")
                ).scalar()
        return f"{vn(total / 1024 / 1024, 0)} MB"

    def close(self) -> None:
        self.runtime.engine.dispose()
        if self.admin is not None:
            with self.admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            self.admin.dispose()
        self.folder.cleanup()


# ---------------------------------------------------------------- the runs


def build(db: Database, scale: float) -> dict[str, float]:
    engine = db.runtime.engine
    log(f"[{db.kind}] Sinh dữ liệu (quy mô {vn(scale, 2)})…")
    started = time.perf_counter()
    counts = generate(engine, scale=scale, log=log)
    generated = time.perf_counter() - started
    analyse(engine)
    log(f"[{db.kind}] Tính mọi trạng thái cho ngày {TODAY:%d/%m/%Y}…")
    started = time.perf_counter()
    with db.runtime.session() as session:
        done = service.recompute_all(
            session,
            TODAY,
            plans_per_batch=2,
            progress=lambda n, total: (
                log(f"  kế hoạch {n}/{total}") if n % 20 == 0 or n == total else None
            ),
        )
        session.commit()
    recomputed = time.perf_counter() - started
    analyse(engine)
    log(
        f"[{db.kind}] {vn(done.targets)} chỉ tiêu, {vn(done.tasks)} nhiệm vụ trong {vn(recomputed, 0)} s"
    )
    return {
        "generate_s": generated,
        "recompute_all_s": recomputed,
        **{f"rows_{k}": v for k, v in counts.tables.items()},
    }


def query_cases(db: Database) -> dict[str, Callable[[], object]]:
    rt = db.runtime
    with rt.session() as s:
        plan = s.scalar(select(TargetRow.plan_id).order_by(TargetRow.plan_id.desc()).limit(1))
        commune = s.scalar(
            select(AgencyRow.id)
            .where(AgencyRow.province_code == PROVINCE)
            .order_by(AgencyRow.id.desc())
            .limit(1)
        )
        target = s.scalar(select(TargetRow.id).where(TargetRow.plan_id == plan).limit(1))
    leader = Visibility(draft_provinces=province_family(PROVINCE))

    def run(fn):
        def call():
            with rt.session() as session:
                return fn(session)

        return call

    return {
        "dashboard, toàn quốc": run(lambda s: dashboard(s, EVERYTHING, Filters(), TODAY)),
        "dashboard, một tỉnh (có tỉnh sáp nhập)": run(
            lambda s: dashboard(s, leader, Filters(province=PROVINCE), TODAY)
        ),
        "dashboard, một kế hoạch": run(
            lambda s: dashboard(s, EVERYTHING, Filters(plan=plan), TODAY)
        ),
        "dashboard, một cơ quan": run(
            lambda s: dashboard(s, EVERYTHING, Filters(agency=commune), TODAY)
        ),
        "xếp hạng tỉnh, toàn quốc": run(
            lambda s: ranking(s, EVERYTHING, Filters(), TODAY, "province")
        ),
        "xếp hạng cơ quan, một tỉnh": run(
            lambda s: ranking(s, leader, Filters(province=PROVINCE), TODAY, "agency")
        ),
        "xếp hạng cơ quan, toàn quốc": run(
            lambda s: ranking(s, EVERYTHING, Filters(), TODAY, "agency")
        ),
        "nhiệm vụ quá hạn, toàn quốc (trang 1)": run(
            lambda s: list_tasks(
                s, resolve_scope(s, EVERYTHING, Filters(), TODAY), status="overdue"
            )
        ),
        "một chỉ tiêu với lộ trình": run(lambda s: target_detail(s, target, EVERYTHING, TODAY)),
    }


def endpoint_cases(db: Database) -> dict[str, Callable[[], object]]:
    from fastapi.testclient import TestClient

    from tiendo.web.app import create_app

    rt = db.runtime
    with rt.session() as s:
        user = accounts.create_user(
            s,
            accounts.NewUser(username="bench", password="mat-khau-do-kiem-1", role="admin"),
            actor=Actor.system(),
        )
        _row, secret = accounts.create_token(s, user, "bench", ["read"], actor=Actor.system())
        s.commit()
    app = create_app(runtime=rt)
    app.state.evaluation_today = TODAY
    gc.collect()
    gc.freeze()  # the app lives as long as the process, as under `tiendo serve`
    client = TestClient(app)
    headers = {"Authorization": f"Bearer {secret}"}

    def get(path):
        def call():
            response = client.get(path, headers=headers)
            assert response.status_code == 200, response.text[:300]

        return call

    return {
        "GET /api/v1/evaluation/dashboard?province=all": get(
            "/api/v1/evaluation/dashboard?province=all"
        ),
        f"GET /api/v1/evaluation/dashboard?province={PROVINCE}": get(
            f"/api/v1/evaluation/dashboard?province={PROVINCE}"
        ),
        "GET /api/v1/evaluation/scorecards?by=province&province=all": get(
            "/api/v1/evaluation/scorecards?by=province&province=all"
        ),
        f"GET /api/v1/evaluation/scorecards?by=agency&province={PROVINCE}": get(
            f"/api/v1/evaluation/scorecards?by=agency&province={PROVINCE}"
        ),
        "GET /api/v1/evaluation/scorecards?by=agency&province=all": get(
            "/api/v1/evaluation/scorecards?by=agency&province=all"
        ),
    }


def reevaluation(db: Database, repeat: int) -> dict[str, float]:
    """One approved report: its submission, its tasks' progress, its targets' values."""
    rt = db.runtime
    rng = random.Random(7)
    with rt.session() as s:
        # Half of the reports come from departments (tasks and targets), half from communes (tasks).
        leads = set(s.scalars(select(TaskRow.lead_agency_id).group_by(TaskRow.lead_agency_id)))
        owners = set(
            s.scalars(
                select(TargetRow.responsible_agency_id).group_by(TargetRow.responsible_agency_id)
            )
        )
        half = repeat // 2
        departments = sorted(leads & owners)
        communes = sorted(leads - owners)
        reporters = rng.sample(departments, min(half, len(departments)))
        reporters += rng.sample(communes, min(repeat - len(reporters), len(communes)))
    samples, sizes = [], []
    report = 10_000_000
    for agency in reporters:
        report += 1
        with rt.session() as s:
            tasks = list(s.scalars(select(TaskRow.id).where(TaskRow.lead_agency_id == agency)))
            targets = list(
                s.scalars(
                    select(TargetRow.id).where(TargetRow.responsible_agency_id == agency).limit(20)
                )
            )
            submission = s.scalars(
                select(SubmissionRow).where(
                    SubmissionRow.agency_id == agency, SubmissionRow.period_key == "2026-Q3"
                )
            ).first()
            moment = dt.datetime(2026, 9, 12, 3, 0, tzinfo=dt.UTC)
            started = time.perf_counter()
            facts.record_submission(
                s,
                facts.SubmissionFact(
                    agency_id=agency,
                    period_key="2026-Q3",
                    due=dt.date(2026, 9, 15),
                    province_code=submission.province_code if submission else None,
                    period_label="Quý III/2026",
                    report_id=report,
                    submitted_at=moment,
                    approved_at=moment + dt.timedelta(days=2),
                ),
                today=TODAY,
            )
            facts.record_task_progress(
                s,
                [
                    facts.TaskProgressFact(
                        t, "in_progress", moment, "2026-Q3", 60.0, None, report, agency
                    )
                    for t in tasks
                ],
                today=TODAY,
            )
            facts.record_observations(
                s,
                [
                    facts.ObservationFact(
                        t, 50.0, dt.date(2026, 9, 30), "Báo cáo quý", agency, report
                    )
                    for t in targets
                ],
                today=TODAY,
            )
            s.commit()
            samples.append((time.perf_counter() - started) * 1000)
            sizes.append((len(tasks), len(targets)))
    samples.sort()
    p95 = samples[min(len(samples) - 1, math_ceil(0.95 * len(samples)) - 1)]
    return {
        "median": statistics.median(samples),
        "p95": p95,
        "max": samples[-1],
        "tasks_per_report": statistics.mean(t for t, _ in sizes),
        "targets_per_report": statistics.mean(t for _, t in sizes),
    }


def run(kind: str, args) -> dict:
    db = Database(kind, args.pg_url)
    try:
        result = {"version": db.version()}
        result["build"] = build(db, args.scale)
        result["size"] = db.size()
        with db.runtime.session() as s:
            result["statuses"] = {
                "tasks": s.scalar(select(func.count()).select_from(sa.table("task_status"))),
                "targets": s.scalar(select(func.count()).select_from(sa.table("target_status"))),
            }
        # As `tiendo serve` does before serving: what exists now stays out of
        # the collector's full passes (see src/tiendo/cli/serve.py).
        gc.collect()
        gc.freeze()
        log(f"[{kind}] Đo truy vấn ({args.repeat} lần mỗi truy vấn)…")
        result["queries"] = {name: timed(fn, args.repeat) for name, fn in query_cases(db).items()}
        log(f"[{kind}] Đo API…")
        result["endpoints"] = {
            name: timed(fn, args.repeat) for name, fn in endpoint_cases(db).items()
        }
        log(f"[{kind}] Đo ghi nhận một báo cáo và tính lại…")
        result["reevaluation"] = reevaluation(db, args.repeat)
        return result
    finally:
        gc.unfreeze()
        db.close()


def report(results: dict, args) -> None:
    versions = {f"CSDL {k}": v["version"] for k, v in results.items()}
    print("\n## Máy\n")
    for key, value in machine(versions).items():
        print(f"- {key}: {value}")
    for r in results.values():
        b = r["build"]
        print(f"\n## {r['version']} (quy mô {vn(args.scale, 2)})\n")
        print(
            f"Sinh dữ liệu {vn(b['generate_s'], 0)} s; tính mọi trạng thái {vn(b['recompute_all_s'], 0)} s "
            f"({vn(r['statuses']['targets'])} chỉ tiêu, {vn(r['statuses']['tasks'])} nhiệm vụ); "
            f"dung lượng {r['size']}."
        )
        print(
            "Số dòng: "
            + ", ".join(f"{k[5:]} {vn(v)}" for k, v in b.items() if k.startswith("rows_"))
        )
        print("\n| truy vấn | trung vị (ms) | p95 (ms) | lớn nhất (ms) |\n|---|---:|---:|---:|")
        for name, t in {**r["queries"], **r["endpoints"]}.items():
            print(f"| {name} | {vn(t['median'], 1)} | {vn(t['p95'], 1)} | {vn(t['max'], 1)} |")
        e = r["reevaluation"]
        print(
            f"\nGhi nhận một báo cáo đã duyệt và tính lại (trung bình {vn(e['tasks_per_report'], 0)} nhiệm vụ, "
            f"{vn(e['targets_per_report'], 1)} chỉ tiêu mỗi báo cáo): trung vị {vn(e['median'], 0)} ms, "
            f"p95 {vn(e['p95'], 0)} ms, lớn nhất {vn(e['max'], 0)} ms."
        )


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pg-url", default=os.environ.get("TIENDO_TEST_POSTGRES_URL", DEFAULT_PG))
    args = parser.parse_args()
    # Stopped from outside: still drop the temporary databases (the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    results = {kind: run(kind, args) for kind in kinds}
    report(results, args)


if __name__ == "__main__":
    main()
