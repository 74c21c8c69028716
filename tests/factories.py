"""Builders for domain objects: a test states only what matters to it."""

from __future__ import annotations

import datetime as dt
import itertools

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

_lines = itertools.count(10)


def target(**overrides) -> Target:
    fields = {
        "indicator": "Tỷ lệ sử dụng dịch vụ công trực tuyến",
        "kind": TargetKind.LEVEL,
        "op": Comparator.GE,
        "value": 80.0,
        "unit": "%",
        "year": 2030,
        "line": next(_lines),
        "text": "Tỷ lệ sử dụng dịch vụ công trực tuyến đạt tối thiểu 80%",
    }
    fields.update(overrides)
    return Target(**fields)


def task(**overrides) -> Task:
    fields = {
        "group": "1",
        "group_title": "Nâng cao nhận thức",
        "text": "Tổ chức tuyên truyền về chuyển đổi số trên các nền tảng số.",
        "line": next(_lines),
        "lead": "Sở Khoa học và Công nghệ",
        "deadline": Deadline(due=dt.date(2025, 12, 31), precision="year", text="trong năm 2025"),
    }
    fields.update(overrides)
    return Task(**fields)


def duty(**overrides) -> ReportingDuty:
    fields = {
        "kind": DutyKind.REPORT,
        "text": "báo cáo kết quả thực hiện trước ngày 15 của tháng cuối quý",
        "line": next(_lines),
        "who": "Các sở, ban, ngành",
        "to": "Sở Khoa học và Công nghệ",
        "frequency": [Frequency.QUARTERLY],
        "due": {"day": 15, "month": "last_of_period"},
    }
    fields.update(overrides)
    return ReportingDuty(**fields)


def extracted_plan(doc: str = "ke-hoach.txt", **overrides) -> ExtractedPlan:
    meta = overrides.pop(
        "meta",
        DocumentMeta(
            province="Hà Nam",
            issuer="UBND tỉnh",
            doc_type="Kế hoạch",
            number="12/KH-UBND",
            date=dt.date(2025, 3, 1),
            signer="Nguyễn Văn A",
            implements=["57-NQ/TW"],
        ),
    )
    plan = ExtractedPlan(
        doc=doc,
        meta=meta,
        targets=overrides.pop("targets", [target(), target(year=2045, value=95.0)]),
        tasks=overrides.pop("tasks", [task(), task(group="2", text="Rà soát cơ chế, chính sách.")]),
        duties=overrides.pop("duties", [duty()]),
    )
    for key, value in overrides.items():
        setattr(plan, key, value)
    return plan
