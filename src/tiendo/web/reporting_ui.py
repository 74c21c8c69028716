"""What every page shows of the reporting cycle: the unread-notice count in
the header, the demo-data banner, labels and notices of reporting pages."""

from __future__ import annotations

import logging

from tiendo.reporting.demo import exists as demo_exists
from tiendo.reporting.notifications import unread_count
from tiendo.reporting.reports import STATUS_LABELS
from tiendo.reporting.validation import TASK_STATUSES
from tiendo.web.templating import NOTICES

log = logging.getLogger("tiendo.web")

NOTICES.update(
    {
        "report_saved": "Đã lưu bản nháp báo cáo.",
        "report_submitted": "Đã nộp báo cáo. Cán bộ điều phối sẽ xem xét.",
        "report_approved": "Đã duyệt báo cáo.",
        "report_returned": "Đã trả lại báo cáo kèm ý kiến.",
        "report_reopened": "Đã mở lại báo cáo để cơ quan sửa.",
        "evidence_added": "Đã đính kèm tệp minh chứng.",
        "evidence_removed": "Đã gỡ tệp minh chứng.",
        "excel_imported": "Đã nhập số liệu từ tệp Excel vào bản nháp.",
        "agency_saved": "Đã lưu cơ quan.",
        "agencies_imported": "Đã nhập danh sách cơ quan.",
        "assigned": "Đã lưu phân công.",
        "periods_generated": "Đã tạo các kỳ báo cáo còn thiếu.",
        "period_added": "Đã thêm kỳ báo cáo đột xuất.",
        "due_moved": "Đã đổi hạn nộp.",
        "settings_saved": "Đã lưu cài đặt.",
        "mail_test_sent": "Đã gửi thư thử.",
        "reminders_run": "Đã chạy nhắc nhở.",
        "notices_read": "Đã đánh dấu mọi thông báo là đã đọc.",
    }
)


def header_info(request) -> dict:
    """Unread notices of the signed-in user and whether demo data exist (once per request)."""
    cached = getattr(request.state, "header_info", None)
    if cached is not None:
        return cached
    principal = getattr(request.state, "principal", None)
    info = {"unread": 0, "demo": False}
    try:
        with request.app.state.runtime.session() as session:
            if principal is not None:
                info["unread"] = unread_count(session, principal.user_id)
            info["demo"] = demo_exists(session)
    except Exception:  # the header must never break a page (e.g. an error page before migration)
        log.warning("header information unavailable", exc_info=True)
    request.state.header_info = info
    return info


def install(env) -> None:
    env.globals["header_info"] = header_info
    env.globals["report_status_labels"] = STATUS_LABELS
    env.globals["task_status_labels"] = TASK_STATUSES
