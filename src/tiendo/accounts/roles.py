"""Roles and what each may do; pure rules with no I/O.

Scope follows provinces: a coordinator or leader of a province also covers
the provinces merged into it in 2025, so plans issued before the merger
stay in reach of the people now responsible for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tiendo.domain.units import PROVINCES


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    REPORTER = "reporter"
    LEADER = "leader"


ROLE_LABELS = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.COORDINATOR: "Điều phối",
    Role.REPORTER: "Báo cáo viên của cơ quan",
    Role.LEADER: "Lãnh đạo",
}

#: scopes an API token may carry
TOKEN_SCOPES = {
    "read": "Đọc dữ liệu trong phạm vi của tài khoản (kể cả bản nháp, báo cáo chưa duyệt)",
    "reports:write": "Lập, nộp báo cáo của cơ quan",
    "plans:write": "Nạp, sửa, công bố kế hoạch và duyệt báo cáo (điều phối)",
}


def province_family(code: str | None) -> frozenset[str]:
    """A province and the provinces merged into it."""
    if not code:
        return frozenset()
    return frozenset({code, *(u.code for u in PROVINCES.values() if u.successor_code == code)})


@dataclass(frozen=True)
class Principal:
    """An authenticated user as the rules see it."""

    user_id: int
    username: str
    role: Role
    full_name: str = ""
    province_code: str | None = None
    agency_id: int | None = None
    #: for API tokens: the scopes granted; None for a browser session (all of the role)
    scopes: frozenset[str] | None = None
    provinces: frozenset[str] = field(default=frozenset())

    @classmethod
    def of(
        cls,
        *,
        user_id,
        username,
        role,
        full_name="",
        province_code=None,
        agency_id=None,
        scopes=None,
    ):
        return cls(
            user_id=user_id,
            username=username,
            role=Role(role),
            full_name=full_name,
            province_code=province_code,
            agency_id=agency_id,
            scopes=frozenset(scopes) if scopes is not None else None,
            provinces=province_family(province_code),
        )

    def has_scope(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def covers_province(self, code: str | None) -> bool:
        return self.is_admin or (code is not None and code in self.provinces)

    def sees_drafts_of(self, province_code: str | None) -> bool:
        """Drafts and unapproved data: admins everywhere; coordinators and leaders in their province."""
        if not self.has_scope("read"):
            return False
        if self.is_admin:
            return True
        return self.role in (Role.COORDINATOR, Role.LEADER) and self.covers_province(province_code)

    def manages_province(self, province_code: str | None) -> bool:
        """Load, correct and publish plans; open periods; review reports."""
        if not self.has_scope("plans:write"):
            return False
        return self.is_admin or (
            self.role is Role.COORDINATOR and self.covers_province(province_code)
        )

    def reports_for(self, agency_id: int | None) -> bool:
        """Fill in and submit the reports of an agency."""
        if not self.has_scope("reports:write"):
            return False
        return self.role is Role.REPORTER and agency_id is not None and agency_id == self.agency_id


def can_manage_account(principal: Principal, role: str, province_code: str | None) -> bool:
    """Admins manage every account; a coordinator manages the reporters and leaders of their province."""
    if principal.is_admin and principal.has_scope("plans:write"):
        return True
    return (
        principal.role is Role.COORDINATOR
        and principal.has_scope("plans:write")
        and role in (Role.REPORTER, Role.LEADER)
        and principal.covers_province(province_code)
    )
