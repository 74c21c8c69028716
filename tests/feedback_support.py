"""Shared set-up for the publishing tests: plans, agencies, accounts, feedback."""

from __future__ import annotations

import time
from dataclasses import dataclass

from itsdangerous import TimestampSigner

from tests import factories
from tests.functional.test_auth import make_user
from tests.functional.test_web import store
from tiendo.accounts import service as accounts
from tiendo.domain.actor import Actor
from tiendo.domain.plan import DocumentMeta
from tiendo.publish import feedback
from tiendo.store.tables import AgencyRow, TargetRow, TaskRow

#: contact details that must never appear in a public page, API answer or export
SENDER = {
    "sender_name": "Nguyễn Thị Bí Mật",
    "sender_email": "bimat.nguoigui@example.vn",
    "sender_phone": "0912 345 678",
}


@dataclass
class World:
    """Hà Nam's plan (published, rolls up into Ninh Bình), a Hà Tĩnh plan, drafts, people."""

    ha_nam: int
    ha_tinh: int
    draft: int
    target_id: int
    task_id: int
    agency_nb: int
    agency_ht: int


def build_world(runtime) -> World:
    ha_nam = store(
        runtime,
        factories.extracted_plan(
            doc="hanam.txt",
            tasks=[
                factories.task(text="Tổ chức tuyên truyền về chuyển đổi số."),
                factories.task(
                    group="2", group_title="Hoàn thiện thể chế", text="Rà soát cơ chế, chính sách."
                ),
                factories.task(
                    group="2",
                    group_title="Hoàn thiện thể chế",
                    text="Cập nhật cơ sở dữ liệu thường xuyên.",
                    deadline=factories.Deadline(continuing=True, text="thường xuyên"),
                ),
            ],
        ),
        checksum="a" * 64,
    )
    ha_tinh = store(
        runtime,
        factories.extracted_plan(
            doc="hatinh.txt",
            meta=DocumentMeta(province="Hà Tĩnh", number="42-CTr/TU", issuer="BTV Tỉnh ủy"),
        ),
        checksum="b" * 64,
    )
    draft = store(
        runtime,
        factories.extracted_plan(
            doc="nhap.txt",
            meta=DocumentMeta(province="Ninh Bình", number="99/KH-NHAP"),
            targets=[factories.target(indicator="Chỉ tiêu bản nháp bí mật")],
            tasks=[factories.task(text="Nhiệm vụ bản nháp bí mật")],
        ),
        publish=False,
        checksum="c" * 64,
    )
    with runtime.session() as s:
        nb = AgencyRow(
            name="Sở Khoa học và Công nghệ Ninh Bình", province_code="37", search_key="skhcn nb"
        )
        ht = AgencyRow(
            name="Sở Khoa học và Công nghệ Hà Tĩnh", province_code="42", search_key="skhcn ht"
        )
        s.add_all([nb, ht])
        s.commit()
        target_id = (
            s.query(TargetRow.id)
            .filter_by(plan_id=ha_nam.plan_id)
            .order_by(TargetRow.id)
            .first()[0]
        )
        task_id = (
            s.query(TaskRow.id).filter_by(plan_id=ha_nam.plan_id).order_by(TaskRow.id).first()[0]
        )
        return World(
            ha_nam.plan_id, ha_tinh.plan_id, draft.plan_id, target_id, task_id, nb.id, ht.id
        )


def make_people(runtime, world: World) -> dict[str, int]:
    return {
        "dieuphoi.ninhbinh": make_user(
            runtime, "dieuphoi.ninhbinh", "coordinator", province_code="37"
        ),
        "dieuphoi.hatinh": make_user(runtime, "dieuphoi.hatinh", "coordinator", province_code="42"),
        "lanhdao.ninhbinh": make_user(runtime, "lanhdao.ninhbinh", "leader", province_code="37"),
        "baocao.nb": make_user(runtime, "baocao.nb", "reporter", agency_id=world.agency_nb),
    }


def principal(runtime, username: str):
    with runtime.session() as s:
        return accounts.principal_of(accounts.get_user(s, username))


def submit(runtime, world: World, *, sender: str = "khach-1", **overrides) -> int:
    data = {
        "plan_id": world.ha_nam,
        "title": "Chậm triển khai dịch vụ công",
        "body": "Đề nghị tỉnh đẩy nhanh việc cung cấp dịch vụ công trực tuyến toàn trình.",
        **SENDER,
        **overrides,
    }
    with runtime.session() as s:
        row = feedback.submit(s, data, sender=sender, actor=Actor(label="khách"))
        s.commit()
        return row.id


def old_stamp(secret: str, seconds_ago: int = 30) -> str:
    """A form stamp as if the form had been served ``seconds_ago`` seconds ago."""
    signer = TimestampSigner(secret, salt="tiendo.feedback.form")
    real_time = time.time
    try:
        time.time = lambda: real_time() - seconds_ago
        return signer.sign("kiem-thu").decode()
    finally:
        time.time = real_time
