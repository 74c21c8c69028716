"""Jinja2 templates with Vietnamese formatting filters."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from tiendo.accounts.service import role_label
from tiendo.clock import local
from tiendo.domain.plan import FREQUENCY_LABELS, KIND_LABELS, Frequency, TargetKind
from tiendo.text.numbers import format_date, format_datetime, format_number
from tiendo.web.security import csrf_token

TEMPLATES = Path(__file__).parent / "templates"


def _frequency(values) -> str:
    labels = []
    for v in values or []:
        try:
            labels.append(FREQUENCY_LABELS[Frequency(v)])
        except ValueError:
            labels.append(str(v))
    return ", ".join(labels)


def _kind(value) -> str:
    try:
        return KIND_LABELS[TargetKind(value)]
    except ValueError:
        return str(value)


ACTION_LABELS = {
    "plan.ingest": "Nạp văn bản",
    "plan.edit": "Sửa thông tin văn bản",
    "plan.publish": "Công bố",
    "plan.unpublish": "Thôi công bố",
    "target.edit": "Sửa chỉ tiêu",
    "target.add": "Thêm chỉ tiêu",
    "target.delete": "Xóa chỉ tiêu",
    "target.merge": "Gộp chỉ tiêu",
    "target.split": "Tách chỉ tiêu",
    "task.edit": "Sửa nhiệm vụ",
    "task.add": "Thêm nhiệm vụ",
    "task.delete": "Xóa nhiệm vụ",
    "task.merge": "Gộp nhiệm vụ",
    "task.split": "Tách nhiệm vụ",
    "duty.edit": "Sửa chế độ báo cáo",
    "duty.add": "Thêm chế độ báo cáo",
    "duty.delete": "Xóa chế độ báo cáo",
}


def _deadline_input(label: str | None) -> str:
    """A deadline as the edit form takes it: a year, or dd/mm/yyyy."""
    if not label:
        return ""
    if len(label) == 4:
        return label
    year, month, day = label.split("-")
    return f"{day}/{month}/{year}"


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters["vn_number"] = format_number
    env.filters["vn_date"] = format_date
    env.filters["vn_datetime"] = lambda v: format_datetime(local(v))
    env.filters["frequency"] = _frequency
    env.filters["target_kind"] = _kind
    env.globals["app_name"] = "tiendo"
    # Root-relative links keep working behind a reverse proxy.
    env.globals["static"] = lambda path: f"/static/{path}"
    env.globals["csrf_token"] = csrf_token
    env.globals["current_user"] = lambda request: getattr(request.state, "principal", None)
    env.filters["role_label"] = role_label
    env.filters["deadline_input"] = _deadline_input
    env.filters["action_label"] = lambda a: ACTION_LABELS.get(a, a)
    from tiendo.web import reporting_ui  # the header's notice count and demo banner

    reporting_ui.install(env)
    return templates


#: short confirmations shown after a form was handled (passed as ?tb=key)
NOTICES = {
    "logged_in": "Đã đăng nhập.",
    "logged_out": "Đã đăng xuất.",
    "password_changed": "Đã đổi mật khẩu. Các phiên đăng nhập khác đã được đóng.",
    "user_created": "Đã tạo tài khoản.",
    "user_updated": "Đã cập nhật tài khoản.",
    "token_revoked": "Đã thu hồi mã truy cập.",
    "saved": "Đã lưu.",
    "deleted": "Đã xóa.",
    "published": "Đã công bố.",
}


def render(request, name: str, context: dict | None = None, status_code: int = 200):
    """Render a page; adds the notice named by ?tb= when there is one."""
    context = dict(context or {})
    context.setdefault("notice", NOTICES.get(request.query_params.get("tb", "")))
    return request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status_code
    )
