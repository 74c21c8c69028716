"""Feedback: receiving with checks, moderation by province, forwarding, answers, response time."""

import datetime as dt

import pytest
from sqlalchemy import select

from tests.feedback_support import SENDER, build_world, make_people, principal, submit
from tiendo.domain.actor import Actor
from tiendo.errors import Conflict, PermissionDenied, ValidationError
from tiendo.publish import feedback
from tiendo.publish.antispam import FeedbackPolicy
from tiendo.store.tables import AuditRow, FeedbackForwardRow, FeedbackRow

STAFF = Actor(label="dieuphoi.ninhbinh")


@pytest.fixture
def world(runtime):
    w = build_world(runtime)
    make_people(runtime, w)
    return w


def test_a_submission_is_checked_field_by_field(runtime, world):
    with runtime.session() as s, pytest.raises(ValidationError) as caught:
        feedback.submit(
            s,
            {
                "plan_id": world.draft,
                "target_id": "999999",
                "title": "ab",
                "body": "ngắn",
                "sender_email": "khong-phai-thu",
                "sender_phone": "12ab",
            },
            sender="x",
            actor=Actor(label="khách"),
        )
    fields = {e["loc"][0] for e in caught.value.errors}
    assert fields == {"plan_id", "title", "body", "sender_email", "sender_phone"}
    assert any("kế hoạch đã công bố" in e["msg"] for e in caught.value.errors)


def test_an_item_of_another_plan_is_refused(runtime, world):
    with pytest.raises(ValidationError, match="không thuộc kế hoạch này"):
        submit(runtime, world, plan_id=world.ha_tinh, task_id=world.task_id)


def test_the_rate_limit_counts_accepted_feedback_per_address(runtime, world):
    policy = FeedbackPolicy(per_hour=2)
    with runtime.session() as s:
        for _ in range(2):
            feedback.submit(
                s,
                {
                    "plan_id": world.ha_nam,
                    "title": "Góp ý số một",
                    "body": "Nội dung góp ý đủ dài để xem xét.",
                },
                sender="cung-dia-chi",
                actor=Actor(label="khách"),
                policy=policy,
            )
        s.commit()
        with pytest.raises(feedback.TooManySubmissions):
            feedback.submit(
                s,
                {
                    "plan_id": world.ha_nam,
                    "title": "Góp ý số ba",
                    "body": "Nội dung góp ý đủ dài để xem xét.",
                },
                sender="cung-dia-chi",
                actor=Actor(label="khách"),
                policy=policy,
            )
        # Another address is not affected.
        feedback.submit(
            s,
            {
                "plan_id": world.ha_nam,
                "title": "Góp ý khác",
                "body": "Nội dung góp ý đủ dài để xem xét.",
            },
            sender="dia-chi-khac",
            actor=Actor(label="khách"),
            policy=policy,
        )


def test_pending_feedback_is_not_public_and_published_feedback_has_no_sender(runtime, world):
    fid = submit(runtime, world, task_id=world.task_id)
    with runtime.session() as s:
        assert feedback.public_list(s)[0] == 0
        feedback.moderate(s, principal(runtime, "dieuphoi.ninhbinh"), STAFF, fid, "published")
        s.commit()
        total, items = feedback.public_list(s, province_codes=frozenset({"37", "35"}))
        assert total == 1
        dumped = items[0].model_dump_json()
        assert items[0].subject_type == "task" and items[0].status == "received"
        assert items[0].subject_text == "Tổ chức tuyên truyền về chuyển đổi số."
        for value in SENDER.values():
            assert value not in dumped
        assert feedback.public_list(s, province_codes=frozenset({"42"}))[0] == 0


def test_only_coordinators_of_the_plans_province_moderate(runtime, world):
    fid = submit(runtime, world)
    with runtime.session() as s:
        for name in ("dieuphoi.hatinh", "lanhdao.ninhbinh", "baocao.nb"):
            with pytest.raises(PermissionDenied):
                feedback.moderate(s, principal(runtime, name), STAFF, fid, "published")
        with pytest.raises(ValidationError, match="lý do"):
            feedback.moderate(
                s, principal(runtime, "dieuphoi.ninhbinh"), STAFF, fid, "rejected", ""
            )
        row = feedback.moderate(
            s,
            principal(runtime, "dieuphoi.ninhbinh"),
            STAFF,
            fid,
            "rejected",
            "Không thuộc phạm vi kế hoạch.",
        )
        s.commit()
        assert row.reject_reason == "Không thuộc phạm vi kế hoạch." and row.revision == 2
        with pytest.raises(Conflict):
            feedback.moderate(
                s,
                principal(runtime, "dieuphoi.ninhbinh"),
                STAFF,
                fid,
                "published",
                expected_revision=1,
            )


def test_forwarding_is_recorded_and_the_agency_sees_what_it_received(runtime, world):
    fid = submit(runtime, world)
    coordinator = principal(runtime, "dieuphoi.ninhbinh")
    with runtime.session() as s:
        with pytest.raises(ValidationError, match="cơ quan"):
            feedback.forward(s, coordinator, STAFF, fid, world.agency_ht)
        feedback.forward(
            s, coordinator, STAFF, fid, world.agency_nb, "Đề nghị trả lời trong 10 ngày."
        )
        s.commit()
        rows = s.scalars(select(FeedbackForwardRow)).all()
        assert [(r.agency_id, r.note) for r in rows] == [
            (world.agency_nb, "Đề nghị trả lời trong 10 ngày.")
        ]
        seen = feedback.handling_get(s, principal(runtime, "baocao.nb"), fid)
        assert seen.forwards[0].agency_name == "Sở Khoa học và Công nghệ Ninh Bình"
        assert seen.status == "forwarded"
        with pytest.raises(PermissionDenied):
            feedback.handling_list(s, principal(runtime, "lanhdao.ninhbinh"))
        assert feedback.handling_list(s, principal(runtime, "dieuphoi.hatinh"))[0] == 0


def test_a_response_is_published_once_and_its_time_is_measured(runtime, world):
    fid = submit(runtime, world)
    spam = submit(runtime, world, sender="khac", title="Quảng cáo")
    coordinator = principal(runtime, "dieuphoi.ninhbinh")
    with runtime.session() as s:
        with pytest.raises(ValidationError, match="công khai phản ánh trước"):
            feedback.respond(s, coordinator, STAFF, fid, "Sở đã tiếp thu và sẽ triển khai.")
        feedback.moderate(s, coordinator, STAFF, fid, "published")
        feedback.moderate(s, coordinator, STAFF, spam, "spam")
        row = feedback.respond(s, coordinator, STAFF, fid, "Sở đã tiếp thu và sẽ triển khai.")
        first = row.response_published_at
        row.received_at = first - dt.timedelta(days=3)
        feedback.respond(s, coordinator, STAFF, fid, "Sở đã tiếp thu, sẽ triển khai trong quý IV.")
        s.commit()
        assert row.response_published_at == first and row.response_updated_at is not None
        item = feedback.public_get(s, fid)
        assert item.status == "answered" and "quý IV" in item.response
        with pytest.raises(feedback.NotFound):
            feedback.public_get(s, spam)
        times = feedback.response_times(s)
    assert len(times) == 1
    t = times[0]
    assert t.province_code == "37" and t.received == 1 and t.answered == 1 and t.open == 0
    assert t.median_days == pytest.approx(3, abs=0.01) and t.answered_within == 1


def test_every_change_is_audited_without_the_senders_details(runtime, world):
    fid = submit(runtime, world)
    coordinator = principal(runtime, "dieuphoi.ninhbinh")
    with runtime.session() as s:
        feedback.moderate(s, coordinator, STAFF, fid, "published")
        feedback.forward(s, coordinator, STAFF, fid, world.agency_nb)
        feedback.respond(s, coordinator, STAFF, fid, "Đã tiếp thu và chỉ đạo thực hiện.")
        s.commit()
        entries = s.scalars(
            select(AuditRow).where(AuditRow.entity_type == "feedback").order_by(AuditRow.id)
        ).all()
        stored = s.get(FeedbackRow, fid)
    assert [e.action for e in entries] == [
        "feedback.submit",
        "feedback.publish",
        "feedback.forward",
        "feedback.respond",
    ]
    assert entries[0].after["has_email"] is True and entries[0].ip is None
    for entry in entries:
        for value in SENDER.values():
            assert value.lower() not in str(entry.after).lower()
    assert stored.sender_email == SENDER["sender_email"]
