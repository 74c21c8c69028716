"""What the evaluation pages and API share: who may look, the filters, the day.

Dashboards, lists, rankings and warnings need a signed-in user. Leaders and
coordinators start from their province (with the provinces merged into it)
and may look at others, where they see published plans only; a reporter
sees the items of their own agency; administrators see everything.
"""

from __future__ import annotations

import datetime as dt

from fastapi import Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from tiendo.accounts.roles import Principal, Role, province_family
from tiendo.clock import today_in_vietnam
from tiendo.domain.units import PROVINCES, current_provinces
from tiendo.errors import PermissionDenied
from tiendo.evaluate.config import EvaluationConfig
from tiendo.evaluate.queries import Filters
from tiendo.store.tables import AgencyRow, SubmissionRow
from tiendo.web.security import require_principal

#: ``province=all`` asks for the whole country when one's own province is the default.
ALL = "all"


def today(request: Request) -> dt.date:
    """The day statuses are read for; the app may fix it (``app.state.evaluation_today``)."""
    fixed = getattr(request.app.state, "evaluation_today", None)
    return fixed or today_in_vietnam()


def config(request: Request) -> EvaluationConfig:
    return EvaluationConfig.from_settings(request.app.state.runtime.settings)


def viewer(request: Request) -> Principal:
    """The signed-in user; anyone signed in may look, each within their scope."""
    principal = require_principal(request)
    if not principal.has_scope("read"):
        raise PermissionDenied("Mã truy cập này không có quyền đọc dữ liệu.")
    return principal


class FilterParams:
    """The filter query parameters, shared by pages and API."""

    def __init__(
        self,
        province: str | None = Query(
            None,
            max_length=8,
            description="Mã tỉnh (gồm tỉnh đã sáp nhập vào); «all» là toàn quốc",
        ),
        plan: int | None = Query(None, ge=1, description="Số của kế hoạch"),
        group: str | None = Query(None, max_length=40, description="Nhóm nhiệm vụ"),
        agency: int | None = Query(None, ge=1, description="Số của cơ quan"),
        period: str | None = Query(None, max_length=60, description="Mã kỳ báo cáo, ví dụ 2026-Q2"),
    ) -> None:
        self.province = province or None
        self.plan = plan
        self.group = group or None
        self.agency = agency
        self.period = period or None

    def for_viewer(self, principal: Principal | None) -> Filters:
        """The filters asked for, with the viewer's defaults and limits applied."""
        province = self.province
        if province == ALL:
            province = None
        elif province is None and principal is not None and principal.province_code:
            province = principal.province_code
        agency = self.agency
        if principal is not None and principal.role is Role.REPORTER:
            # Reporters see their own agency's items, nothing else.
            agency = principal.agency_id or -1
        return Filters(
            province=province,
            plan=self.plan,
            group=self.group,
            agency=agency,
            period=self.period,
        )


def filter_options(session: Session, filters: Filters, plans: dict, timeliness=None) -> dict:
    """Choices for the filter form: provinces, the plans in view, agencies and periods."""
    provinces = []
    for unit in current_provinces():
        provinces.append({"code": unit.code, "name": unit.name, "merged": []})
        provinces[-1]["merged"] = [
            {"code": u.code, "name": u.name}
            for u in PROVINCES.values()
            if u.successor_code == unit.code
        ]
    agencies = []
    if filters.province:
        agencies = session.execute(
            select(AgencyRow.id, AgencyRow.name)
            .where(AgencyRow.province_code.in_(sorted(province_family(filters.province))))
            .order_by(AgencyRow.name)
            .limit(500)
        ).all()
    periods = [(p.period_key, p.label) for p in reversed(timeliness or [])]
    if not periods:
        periods = session.execute(
            select(SubmissionRow.period_key, SubmissionRow.period_label)
            .group_by(SubmissionRow.period_key, SubmissionRow.period_label)
            .order_by(SubmissionRow.period_key.desc())
            .limit(12)
        ).all()
    return {
        "provinces": provinces,
        "plans": sorted(plans.values(), key=lambda p: p.label),
        "agencies": agencies,
        "periods": periods,
        "filters": filters,
    }


def page_args(page: int, size: int = 50) -> tuple[int, int]:
    return size, (max(page, 1) - 1) * size
