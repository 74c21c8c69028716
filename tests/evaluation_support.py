"""A small province with hand-computed statuses, shared by the evaluation tests.

Today is 30/06/2026. Hà Tĩnh's plan has:

* T1 "Tỷ lệ sử dụng dịch vụ công trực tuyến" ≥ 80% by 2030 from 40% (2024),
  46% reported for 31/12/2025: expected 40 + 40 × 365/2191 = 46,66, ratio
  6/6,66 = 0,90; projection 76% in 2030, anticipated 36/40 = 0,90 → behind.
  T1b, the same indicator ≥ 95% by 2045, is a later milestone (not current).
* T2 "Số doanh nghiệp công nghệ số" ≥ 100 by 2025, 120 at 31/12/2025 → achieved.
* T3 "Tỷ lệ hộ gia đình có cáp quang" ≥ 90% by 2030, nothing reported → no data.
* K1 due 31/03/2026, done 05/03/2026 → done on time (agency A).
* K2 due 31/03/2026, 50% → overdue 91 days (agency A).
* K3 due 10/07/2026, not started → due soon, 10 days left (agency B).
* K4 continuing (agency A): Q1 reported, Q2 due 15/06/2026 not → unreported.

Reports: A sent Q1 on time (10/03) and has not sent Q2 (due 15/06): missing;
B sent Q1 late (20/03) and Q2 on time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from tests import factories
from tests.functional.test_web import store
from tiendo.domain.plan import Deadline, DocumentMeta
from tiendo.evaluate import facts, service
from tiendo.store.tables import AgencyRow, TargetRow, TaskRow

TODAY = dt.date(2026, 6, 30)
VN = dt.timezone(dt.timedelta(hours=7))


def at(text: str) -> dt.datetime:
    """A Vietnam-time moment from "2026-03-10 09:00"."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=VN)


@dataclass
class Seeded:
    plan_id: int
    province_code: str
    agency_a: int
    agency_b: int
    targets: dict[str, int]
    tasks: dict[str, int]


def _plan(province: str, number: str, doc: str):
    return factories.extracted_plan(
        doc=doc,
        meta=DocumentMeta(
            province=province,
            issuer="BTV Tỉnh ủy",
            doc_type="Chương trình hành động",
            number=number,
            date=dt.date(2025, 4, 10),
        ),
        targets=[
            factories.target(
                indicator="Tỷ lệ sử dụng dịch vụ công trực tuyến",
                value=80.0,
                year=2030,
                baseline_value=40.0,
                baseline_year=2024,
            ),
            factories.target(
                indicator="Tỷ lệ sử dụng dịch vụ công trực tuyến",
                value=95.0,
                year=2045,
                baseline_value=40.0,
                baseline_year=2024,
            ),
            factories.target(
                indicator="Số doanh nghiệp công nghệ số",
                value=100.0,
                unit="số",
                year=2025,
                baseline_value=60.0,
                baseline_year=2024,
                text="Có ít nhất 100 doanh nghiệp công nghệ số",
            ),
            factories.target(
                indicator="Tỷ lệ hộ gia đình có cáp quang",
                value=90.0,
                year=2030,
                text="90% hộ gia đình có cáp quang",
            ),
        ],
        tasks=[
            factories.task(
                text="Xây dựng kho dữ liệu dùng chung của tỉnh.",
                group="1",
                deadline=Deadline(dt.date(2026, 3, 31), "month"),
            ),
            factories.task(
                text="Số hóa hồ sơ thủ tục hành chính.",
                group="1",
                deadline=Deadline(dt.date(2026, 3, 31), "month"),
            ),
            factories.task(
                text="Ban hành quy chế quản lý dữ liệu.",
                group="2",
                deadline=Deadline(dt.date(2026, 7, 10), "day"),
            ),
            factories.task(
                text="Tuyên truyền về chuyển đổi số.",
                group="2",
                deadline=Deadline(continuing=True, text="Thường xuyên"),
            ),
        ],
    )


def seed_plan(
    runtime,
    province: str = "Hà Tĩnh",
    number: str = "42-CTr/TU",
    checksum: str = "a" * 64,
    publish: bool = True,
    province_code: str = "42",
) -> Seeded:
    outcome = store(
        runtime, _plan(province, number, f"{number}.txt"), publish=publish, checksum=checksum
    )
    with runtime.session() as s:
        a = AgencyRow(
            name=f"Sở Khoa học và Công nghệ {province}",
            province_code=province_code,
            search_key="so khoa hoc va cong nghe",
        )
        b = AgencyRow(
            name=f"Sở Nội vụ {province}", province_code=province_code, search_key="so noi vu"
        )
        s.add_all([a, b])
        s.flush()
        targets = list(
            s.scalars(
                select(TargetRow).where(TargetRow.plan_id == outcome.plan_id).order_by(TargetRow.id)
            )
        )
        tasks = list(
            s.scalars(
                select(TaskRow).where(TaskRow.plan_id == outcome.plan_id).order_by(TaskRow.id)
            )
        )
        for t in targets:
            t.responsible_agency_id = a.id
        targets[0].direction = "higher"
        for k, agency in zip(tasks, (a, a, b, a), strict=True):
            k.lead_agency_id = agency.id
        s.commit()
        return Seeded(
            plan_id=outcome.plan_id,
            province_code=province_code,
            agency_a=a.id,
            agency_b=b.id,
            targets=dict(zip(("T1", "T1b", "T2", "T3"), (t.id for t in targets), strict=True)),
            tasks=dict(zip(("K1", "K2", "K3", "K4"), (k.id for k in tasks), strict=True)),
        )


def record_facts(runtime, seeded: Seeded, today: dt.date = TODAY) -> None:
    """The approved reports of the scenario, recorded as the workflow would,
    after the nightly run of ``today`` (statuses of items nobody reported on)."""
    a, b, plan = seeded.agency_a, seeded.agency_b, seeded.plan_id
    # Report numbers are unique: those of the first plan are 101, 201, 202.
    r = 1000 * (plan - 1)
    with runtime.session() as s:
        service.recompute_all(s, today)
        for agency, key, due, sent, report in (
            (a, "2026-Q1", dt.date(2026, 3, 15), at("2026-03-10 09:00"), r + 101),
            (a, "2026-Q2", dt.date(2026, 6, 15), None, None),
            (b, "2026-Q1", dt.date(2026, 3, 15), at("2026-03-20 16:00"), r + 201),
            (b, "2026-Q2", dt.date(2026, 6, 15), at("2026-06-15 23:30"), r + 202),
        ):
            facts.record_submission(
                s,
                facts.SubmissionFact(
                    agency_id=agency,
                    period_key=key,
                    due=due,
                    plan_id=plan,
                    province_code=seeded.province_code,
                    report_id=report,
                    submitted_at=sent,
                    approved_at=sent + dt.timedelta(days=2) if sent else None,
                ),
                today=today,
            )
        facts.record_observations(
            s,
            [
                facts.ObservationFact(
                    seeded.targets["T1"], 46.0, dt.date(2025, 12, 31), "Sở Nội vụ", a, r + 101
                ),
                facts.ObservationFact(
                    seeded.targets["T2"], 120.0, dt.date(2025, 12, 31), None, a, r + 101
                ),
            ],
            today=today,
        )
        facts.record_task_progress(
            s,
            [
                facts.TaskProgressFact(
                    seeded.tasks["K1"],
                    "done",
                    at("2026-03-10 09:00"),
                    "2026-Q1",
                    100,
                    dt.date(2026, 3, 5),
                    r + 101,
                    a,
                ),
                facts.TaskProgressFact(
                    seeded.tasks["K2"],
                    "in_progress",
                    at("2026-03-10 09:00"),
                    "2026-Q1",
                    50,
                    None,
                    r + 101,
                    a,
                ),
                facts.TaskProgressFact(
                    seeded.tasks["K4"],
                    "in_progress",
                    at("2026-03-10 09:00"),
                    "2026-Q1",
                    None,
                    None,
                    r + 101,
                    a,
                ),
            ],
            today=today,
        )
        s.commit()
