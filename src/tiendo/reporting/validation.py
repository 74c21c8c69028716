"""Checking what an agency reports, with field-level Vietnamese messages.

Per task: a status (required to submit); % done within 0–100 and
consistent with the status ("chưa triển khai" is 0, "hoàn thành" is 100);
"hoàn thành" needs a description of the result; a completion day not in
the future; an evidence link only over http or https.

Per target: a number written the Vietnamese way ("1.234,5"), optionally
followed by the target's unit ("45,5 %"): another unit is refused; shares
lie within 0–100, ranks are whole numbers from 1, counts are not negative;
yes/no targets take "có"/"không". The as-of date is required with a value,
not after today nor after the period's end plus ``AS_OF_GRACE_DAYS`` (a
figure closed just after the period still belongs to it), and not more than
``AS_OF_WINDOW_DAYS`` before the period starts (yearly statistics are
published months late, so the latest official figure may be a year old).
To submit, each target needs a value or a note saying why there is none.

A value far from the history of approved values is a WARNING, never a
block: ``tiendo.evaluate.outliers.check_value`` decides.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tiendo.evaluate.model import Observation
from tiendo.evaluate.outliers import check_value
from tiendo.reporting.fields import Errors, blank, date, number, text, web_link
from tiendo.text.numbers import format_date
from tiendo.text.vietnamese import fold

TASK_STATUSES = {
    "not_started": "Chưa triển khai",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
}
_STATUS_WORDS = {fold(label): code for code, label in TASK_STATUSES.items()} | {
    code: code for code in TASK_STATUSES
}

AS_OF_GRACE_DAYS = 31
AS_OF_WINDOW_DAYS = 366
TEXT_MAX = 4000

#: how each unit may be written after a value (folded); "" means no unit written
UNIT_SPELLINGS = {
    "%": {"", "%", "phan tram"},
    "% GRDP": {"", "%", "% grdp", "%grdp"},
    "%/năm": {"", "%", "%/nam", "% / nam", "%/ nam", "% nam"},
    "lần": {"", "lan"},
    "hạng": {"", "hang", "thu hang"},
    "người/vạn dân": {"", "nguoi/van dan", "nguoi / van dan"},
    "Gbps": {"", "gbps"},
    "số": {""},
}
_YES = {"co", "yes", "1", "dat", "da dat", "x", "true"}
_NO = {"khong", "no", "0", "chua", "chua dat", "false"}
_VALUE = re.compile(r"^\s*([+\-−]?[\d][\d.,\s\u00a0]*)\s*(.*?)\s*$")


@dataclass
class Checked:
    """Cleaned entries, the errors and the (non-blocking) warnings found."""

    tasks: dict[int, dict] = field(default_factory=dict)
    values: dict[int, dict] = field(default_factory=dict)
    errors: Errors = field(default_factory=Errors)
    warnings: dict[int, str] = field(default_factory=dict)


def task_label(position: int, task_text: str) -> str:
    short = " ".join((task_text or "").split())
    return f"Nhiệm vụ {position} ({short[:60]}{'…' if len(short) > 60 else ''})"


def target_label(position: int, indicator: str) -> str:
    short = " ".join((indicator or "").split())
    return f"Chỉ tiêu {position} ({short[:60]}{'…' if len(short) > 60 else ''})"


def status_code(raw) -> str | None:
    return _STATUS_WORDS.get(fold(str(raw or "")).strip())


def clean_task(raw: dict, task_id: int, label: str, errors: Errors, *, today: dt.date) -> dict:
    """One task's entry; messages go to ``errors`` with loc ["tasks", id, field]."""

    def loc(name):
        return ["tasks", task_id, name]

    sub = Errors()
    status = None
    if not blank(raw.get("status")):
        status = status_code(raw.get("status"))
        if status is None:
            sub.add(
                loc("status"),
                f"trạng thái “{raw.get('status')}” không hợp lệ (chọn: "
                f"{', '.join(TASK_STATUSES.values())}).",
            )
    percent = number(raw.get("percent_done"), sub, loc("percent_done"), "% hoàn thành")
    if percent is not None and not 0 <= percent <= 100:
        sub.add(
            loc("percent_done"),
            f"“% hoàn thành” phải trong khoảng 0–100 (nhận được {raw.get('percent_done')}).",
        )
        percent = None
    completed = date(raw.get("completed_on"), sub, loc("completed_on"), "Ngày hoàn thành")
    if completed and completed > today:
        sub.add(
            loc("completed_on"),
            f"“Ngày hoàn thành” ({format_date(completed)}) không được sau hôm nay.",
        )
    out = {
        "status": status,
        "percent_done": percent,
        "completed_on": completed,
        "done_text": text(
            raw.get("done_text"), sub, loc("done_text"), "Kết quả thực hiện", max_len=TEXT_MAX
        ),
        "difficulties": text(
            raw.get("difficulties"),
            sub,
            loc("difficulties"),
            "Khó khăn, vướng mắc",
            max_len=TEXT_MAX,
        ),
        "recommendations": text(
            raw.get("recommendations"),
            sub,
            loc("recommendations"),
            "Kiến nghị, đề xuất",
            max_len=TEXT_MAX,
        ),
        "evidence_url": web_link(
            raw.get("evidence_url"), sub, loc("evidence_url"), "Đường dẫn minh chứng"
        ),
    }
    if status == "done":
        if percent is None:
            out["percent_done"] = 100.0
        elif percent != 100:
            sub.add(loc("percent_done"), "Nhiệm vụ “Hoàn thành” thì % hoàn thành phải là 100.")
        if not out["done_text"] and not any(e["loc"] == loc("done_text") for e in sub.items):
            sub.add(
                loc("done_text"),
                "Nhiệm vụ “Hoàn thành” phải ghi kết quả đã đạt được (mô tả hoàn thành).",
            )
    elif status == "not_started":
        if percent not in (None, 0):
            sub.add(loc("percent_done"), "Nhiệm vụ “Chưa triển khai” thì % hoàn thành phải là 0.")
        out["percent_done"] = 0.0 if percent is None else percent
    if completed and status != "done":
        sub.add(loc("completed_on"), "Chỉ ghi ngày hoàn thành khi nhiệm vụ đã “Hoàn thành”.")
    for item in sub.items:
        errors.add(item["loc"], f"{label}: {item['msg']}")
    return out


def _unit_ok(unit: str, written: str) -> bool:
    spellings = UNIT_SPELLINGS.get(unit)
    if spellings is None:
        return written == "" or fold(written) == fold(unit)
    return fold(written) in spellings


def parse_value(raw, unit: str, kind: str, sub: Errors, loc: list) -> float | None:
    """The number a user wrote for a target, checked against its unit and kind."""
    if blank(raw):
        return None
    if unit == "bool" or kind == "achieve":
        word = fold(str(raw)).strip()
        if word in _YES:
            return 1.0
        if word in _NO:
            return 0.0
        sub.add(
            loc, f"“Giá trị” của chỉ tiêu có/không phải là “có” hoặc “không” (nhận được “{raw}”)."
        )
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = number(raw, sub, loc, "Giá trị")
    else:
        m = _VALUE.match(str(raw))
        if not m:
            sub.add(
                loc, f"“Giá trị” phải là số viết kiểu Việt Nam, ví dụ 1.234,5 (nhận được “{raw}”)."
            )
            return None
        digits, written_unit = m.group(1).strip(), m.group(2)
        if written_unit and not _unit_ok(unit, written_unit):
            sub.add(
                loc, f"“Giá trị” ghi đơn vị “{written_unit}” khác đơn vị của chỉ tiêu (“{unit}”)."
            )
            return None
        value = number(digits, sub, loc, "Giá trị")
    if value is None:
        return None
    if unit in ("%", "% GRDP") and kind in ("level", "rank") and not 0 <= value <= 100:
        sub.add(loc, f"“Giá trị” là tỷ lệ phần trăm, phải trong khoảng 0–100 (nhận được “{raw}”).")
        return None
    if unit == "%/năm" and value <= -100:
        sub.add(loc, "“Giá trị” tốc độ tăng phải lớn hơn −100%/năm.")
        return None
    if unit == "hạng" and (value < 1 or value != int(value)):
        sub.add(loc, f"“Giá trị” là thứ hạng, phải là số nguyên từ 1 (nhận được “{raw}”).")
        return None
    if unit == "lần" and value <= 0:
        sub.add(loc, "“Giá trị” số lần phải lớn hơn 0.")
        return None
    if unit in ("số", "người/vạn dân", "Gbps") and value < 0:
        sub.add(loc, "“Giá trị” không được âm.")
        return None
    return value


def clean_value(
    raw: dict,
    target,
    label: str,
    errors: Errors,
    *,
    period,
    today: dt.date,
    history: list[Observation] | None = None,
) -> tuple[dict, str | None]:
    """One target's value; returns (fields, warning)."""

    def loc(name):
        return ["targets", target.id, name]

    sub = Errors()
    value = parse_value(raw.get("value"), target.unit, target.kind, sub, loc("value"))
    as_of = date(raw.get("as_of"), sub, loc("as_of"), "Số liệu tính đến ngày")
    latest = min(today, period.end + dt.timedelta(days=AS_OF_GRACE_DAYS))
    earliest = period.start - dt.timedelta(days=AS_OF_WINDOW_DAYS)
    if as_of is not None:
        if as_of > latest:
            sub.add(
                loc("as_of"),
                f"“Số liệu tính đến ngày” ({format_date(as_of)}) không được sau "
                f"{format_date(latest)} (hôm nay hoặc {AS_OF_GRACE_DAYS} ngày sau khi hết kỳ).",
            )
        elif as_of < earliest:
            sub.add(
                loc("as_of"),
                f"“Số liệu tính đến ngày” ({format_date(as_of)}) quá cũ so với kỳ "
                f"báo cáo (phải từ {format_date(earliest)}).",
            )
    if value is not None and as_of is None and not any(e["loc"] == loc("as_of") for e in sub.items):
        sub.add(loc("as_of"), "Có giá trị thì phải ghi “Số liệu tính đến ngày” (dd/mm/yyyy).")
    if value is None and as_of is not None and not any(e["loc"] == loc("value") for e in sub.items):
        sub.add(loc("value"), "Đã ghi ngày nhưng chưa ghi giá trị.")
    out = {
        "value": value,
        "as_of": as_of,
        "source": text(raw.get("source"), sub, loc("source"), "Nguồn số liệu", max_len=500),
        "note": text(raw.get("note"), sub, loc("note"), "Ghi chú", max_len=2000),
    }
    for item in sub.items:
        errors.add(item["loc"], f"{label}: {item['msg']}")
    warning = None
    if value is not None and as_of is not None and not sub and history:
        check = check_value(history, Observation(value=value, as_of=as_of))
        if check.outlier:
            warning = check.explanation.text
    return out, warning


def completeness(
    tasks: dict[int, dict],
    values: dict[int, dict],
    task_labels: dict[int, str],
    target_labels: dict[int, str],
) -> Errors:
    """What a report needs before it can be submitted."""
    errors = Errors()
    for task_id, label in task_labels.items():
        if not (tasks.get(task_id) or {}).get("status"):
            errors.add(["tasks", task_id, "status"], f"{label}: chưa chọn trạng thái thực hiện.")
    for target_id, label in target_labels.items():
        entry = values.get(target_id) or {}
        if entry.get("value") is None and not entry.get("note"):
            errors.add(
                ["targets", target_id, "value"],
                f"{label}: chưa có giá trị; nếu chưa có số liệu, hãy ghi lý do vào “Ghi chú”.",
            )
    return errors
