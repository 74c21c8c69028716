"""Who may see and change the reports of an agency: role, agency, province."""

from __future__ import annotations

from tiendo.accounts.roles import Principal, Role
from tiendo.errors import PermissionDenied


def can_view(principal: Principal | None, agency_id: int, province_code: str | None) -> bool:
    """The agency's own reporters; the province's coordinators and leaders; admins."""
    if principal is None:
        return False
    if principal.role is Role.REPORTER:
        return principal.agency_id == agency_id and (
            principal.has_scope("read") or principal.has_scope("reports:write")
        )
    return principal.sees_drafts_of(province_code)


def require_view(principal: Principal | None, agency_id: int, province_code: str | None) -> None:
    if not can_view(principal, agency_id, province_code):
        raise PermissionDenied("Bạn không có quyền xem báo cáo của cơ quan này.")


def require_edit(principal: Principal | None, agency_id: int) -> None:
    """Fill in and submit: only the agency's own reporters."""
    if principal is None or not principal.reports_for(agency_id):
        raise PermissionDenied("Chỉ báo cáo viên của cơ quan được lập, sửa và nộp báo cáo này.")


def require_review(principal: Principal | None, province_code: str | None) -> None:
    """Approve, return, reopen; open periods; assign: the province's coordinators."""
    if principal is None or not principal.manages_province(province_code):
        raise PermissionDenied("Chỉ cán bộ điều phối của tỉnh được thực hiện thao tác này.")
