"""Shared set-up for reporting tests: a published plan of Hà Tĩnh with tasks
and targets assigned to two agencies, their reporters and a coordinator."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tests import factories
from tiendo.accounts.passwords import hash_password
from tiendo.accounts.service import principal_of
from tiendo.domain.actor import Actor
from tiendo.domain.plan import DocumentMeta
from tiendo.ingest.pipeline import LoadedPlan
from tiendo.ingest.readers import SourceText
from tiendo.ingest.service import store_loaded_plan
from tiendo.reporting import periods
from tiendo.store.tables import AgencyRow, PeriodRow, TargetRow, TaskRow, UserRow

PASSWORD = "mat-khau-du-dai-1"
SOURCE = "KẾ HOẠCH\nTỷ lệ dịch vụ công trực tuyến đạt 80%.\nTổ chức tuyên truyền."


@dataclass
class World:
    plan_id: int
    agency_a: int
    agency_b: int
    tasks: list[int]
    targets: list[int]
    period_id: int
    users: dict[str, int]

    def principal(self, runtime, name):
        with runtime.session() as s:
            return principal_of(s.get(UserRow, self.users[name]))


def store_plan(runtime, *, province="Hà Tĩnh", number="42/KH-UBND", checksum="a" * 64, **overrides):
    plan = factories.extracted_plan(
        doc=f"{checksum[:6]}.txt",
        meta=DocumentMeta(
            province=province,
            number=number,
            date=dt.date(2025, 3, 1),
            doc_type="Kế hoạch",
            issuer="UBND tỉnh",
        ),
        targets=overrides.pop(
            "targets",
            [
                factories.target(year=2030, value=80.0, unit="%"),
                factories.target(
                    indicator="Số doanh nghiệp công nghệ số",
                    value=500.0,
                    unit="số",
                    year=2030,
                    text="Có 500 doanh nghiệp công nghệ số",
                ),
                factories.target(
                    indicator="Chỉ số PII",
                    kind="rank",
                    op="<=",
                    value=20.0,
                    unit="hạng",
                    year=2030,
                    text="PII trong nhóm 20",
                ),
            ],
        ),
        tasks=overrides.pop(
            "tasks",
            [
                factories.task(text="Tổ chức tuyên truyền về chuyển đổi số.", lead="Sở KH&CN"),
                factories.task(group="2", text="Rà soát cơ chế, chính sách.", lead="Sở Tài chính"),
                factories.task(
                    group="3",
                    text="Xây dựng nền tảng số dùng chung.",
                    lead="UBND các huyện, thị xã, thành phố",
                ),
            ],
        ),
        **overrides,
    )
    loaded = LoadedPlan(
        path=Path(plan.doc),
        checksum=checksum,
        size_bytes=len(SOURCE),
        source=SourceText(path="ke-hoach.txt", text=SOURCE, raw_text=SOURCE, format="txt"),
        extracted=plan,
    )
    return store_loaded_plan(
        loaded, runtime.uow(), actor=Actor(label="kiểm thử"), publish=True
    ).plan_id


@functools.cache
def _password_hash() -> str:
    # Hashing once keeps the many users of these tests cheap (argon2 is slow on purpose).
    return hash_password(PASSWORD)


def make_user(session, username, role, *, province_code=None, agency_id=None, email=None) -> int:
    if agency_id is not None:
        province_code = session.get(AgencyRow, agency_id).province_code
    user = UserRow(
        username=username,
        full_name=username,
        role=role,
        province_code=province_code,
        agency_id=agency_id,
        email=email,
        password_hash=_password_hash(),
        active=True,
    )
    session.add(user)
    session.flush()
    return user.id


def build_world(runtime, *, email_a: str | None = None) -> World:
    plan_id = store_plan(runtime)
    with runtime.session() as s:
        a = AgencyRow(
            name="Sở Khoa học và Công nghệ",
            short_name="Sở KH&CN",
            kind="so",
            province_code="42",
            search_key="so khoa hoc va cong nghe",
            aliases=[],
        )
        b = AgencyRow(
            name="Sở Tài chính",
            kind="so",
            province_code="42",
            search_key="so tai chinh",
            aliases=[],
        )
        s.add_all([a, b])
        s.flush()
        users = {
            "admin": make_user(s, "quantri", "admin"),
            "coord": make_user(s, "dieuphoi.ht", "coordinator", province_code="42"),
            "coord_hn": make_user(s, "dieuphoi.hn", "coordinator", province_code="35"),
            "leader": make_user(s, "lanhdao.ht", "leader", province_code="42"),
            "rep_a": make_user(s, "baocao.skhcn", "reporter", agency_id=a.id, email=email_a),
            "rep_b": make_user(s, "baocao.stc", "reporter", agency_id=b.id),
        }
        tasks = list(
            s.scalars(select(TaskRow.id).where(TaskRow.plan_id == plan_id).order_by(TaskRow.id))
        )
        targets = list(
            s.scalars(
                select(TargetRow.id).where(TargetRow.plan_id == plan_id).order_by(TargetRow.id)
            )
        )
        s.get(TaskRow, tasks[0]).lead_agency_id = a.id
        s.get(TaskRow, tasks[1]).lead_agency_id = b.id
        for t in targets[:2]:
            s.get(TargetRow, t).responsible_agency_id = a.id
        s.get(TargetRow, targets[2]).responsible_agency_id = b.id
        plan = s.get(__import__("tiendo.store.tables", fromlist=["PlanRow"]).PlanRow, plan_id)
        periods.generate_for_plan(s, Actor.system(), plan, until=dt.date(2026, 12, 31))
        period_id = s.scalar(
            select(PeriodRow.id).where(PeriodRow.plan_id == plan_id, PeriodRow.key == "2026-Q3")
        )
        s.commit()
        return World(plan_id, a.id, b.id, tasks, targets, period_id, users)


def good_entries(world: World) -> tuple[dict, dict]:
    tasks = {
        world.tasks[0]: {
            "status": "in_progress",
            "percent_done": "40",
            "done_text": "Đã tổ chức 3 hội nghị.",
            "difficulties": "",
            "recommendations": "",
            "evidence_url": "https://example.org/a",
        }
    }
    values = {
        world.targets[0]: {
            "value": "45,5",
            "as_of": "30/09/2026",
            "source": "Cổng DVC",
            "note": "",
        },
        world.targets[1]: {
            "value": "1.234",
            "as_of": "30/09/2026",
            "source": "Sở KH&CN",
            "note": "",
        },
    }
    return tasks, values
