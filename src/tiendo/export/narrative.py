"""Sentences of the report, written from its numbers.

Every figure in a sentence comes from the ``ConsolidatedReport``; where a
kind of fact does not exist yet, the sentence says so instead of writing
zeros. Numbers use the Vietnamese format (``75``, ``66,7``).
"""

from __future__ import annotations

from tiendo.domain.periods import Period
from tiendo.domain.plan import Frequency
from tiendo.export.report_model import DONE, ConsolidatedReport, TaskGroupPart
from tiendo.text.numbers import format_date, format_number

NO_TASK_DATA = "Chưa có số liệu đánh giá tình hình thực hiện nhiệm vụ trong kỳ."
NO_TARGET_DATA = "Chưa có số liệu đánh giá chỉ tiêu."
NO_AGENCY_NOTES = "Chưa có báo cáo của các cơ quan, đơn vị trong kỳ."

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

#: how each task status is counted in a sentence
TASK_PHRASES = {
    "done_late": "hoàn thành quá hạn",
    "in_progress": "đang thực hiện trong hạn",
    "due_soon": "sắp đến hạn",
    "overdue": "quá hạn",
    "not_started": "chưa triển khai",
}
TARGET_PHRASES = {
    "achieved": "đã đạt",
    "on_track": "đúng tiến độ",
    "behind": "chậm tiến độ",
    "at_risk": "có nguy cơ không đạt",
    "missed": "không đạt",
    "no_data": "chưa đủ dữ liệu để đánh giá",
}


def percent(part: int, whole: int) -> str:
    """``45, 60`` -> ``"75%"``; one decimal when needed (``"66,7%"``)."""
    if not whole:
        return "0%"
    value = round(100 * part / whole, 1)
    return f"{format_number(value if value != int(value) else int(value))}%"


def period_phrase(period: Period) -> str:
    """The period as a trích yếu writes it: "quý III năm 2026", "6 tháng đầu năm 2026"."""
    if period.frequency is Frequency.QUARTERLY:
        return f"quý {_ROMAN[period.number]} năm {period.year}"
    if period.frequency is Frequency.SEMIANNUAL:
        return f"6 tháng {'đầu' if period.number == 1 else 'cuối'} năm {period.year}"
    if period.frequency is Frequency.MONTHLY:
        return f"tháng {period.number} năm {period.year}"
    if period.frequency is Frequency.ANNUAL:
        return f"năm {period.year}"
    return f"từ ngày {format_date(period.start)} đến ngày {format_date(period.end)}"


def period_in_text(period: Period) -> str:
    """The period inside a sentence: "quý III/2026", "6 tháng đầu năm 2026"."""
    return period.label[:1].lower() + period.label[1:]


def subject(report: ConsolidatedReport) -> str:
    """The trích yếu: what the report is about."""
    return (
        "Kết quả thực hiện các kế hoạch, chương trình hành động thực hiện Nghị quyết số "
        f"57-NQ/TW của Bộ Chính trị {period_phrase(report.period)}"
    )


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def overview(report: ConsolidatedReport) -> str:
    plans = len(report.plans)
    if not plans:
        return (
            f"Đến hết {period_in_text(report.period)}, {report.province_title} chưa có kế hoạch, "
            "chương trình hành động thực hiện Nghị quyết số 57-NQ/TW nào được công bố trên hệ thống."
        )
    tasks = len(report.tasks)
    groups = sum(len(p.task_groups) for p in report.plans)
    targets = len(report.targets)
    text = (
        f"Trên địa bàn {report.province_title} có {plans} kế hoạch, chương trình hành động "
        f"thực hiện Nghị quyết số 57-NQ/TW đã được công bố, với {format_number(tasks)} nhiệm vụ "
        f"thuộc {groups} nhóm nhiệm vụ và {format_number(targets)} chỉ tiêu"
    )
    if report.merged_provinces:
        names = _join([f"tỉnh {n}" for n in report.merged_provinces])
        text += f" (gồm cả kế hoạch do {names} ban hành trước ngày 01/7/2025)"
    return text + "."


def tasks_sentence(report: ConsolidatedReport) -> str:
    """The sentence on task results, e.g. "Trong quý III/2026, 45/60 nhiệm vụ hoàn thành đúng hạn (75%), …"."""
    when = period_in_text(report.period)
    if not report.available.task_statuses:
        due = len(report.tasks_due_by_period_end())
        continuing = sum(1 for t in report.tasks if t.continuing)
        parts = [
            f"{format_number(due)} nhiệm vụ có thời hạn hoàn thành đến hết ngày "
            f"{format_date(report.period.end)}"
        ]
        if continuing:
            parts.append(f"{format_number(continuing)} nhiệm vụ thực hiện thường xuyên")
        return (
            f"Trong số {format_number(len(report.tasks))} nhiệm vụ, {_join(parts)}. {NO_TASK_DATA}"
        )
    counts = report.task_counts()
    dated = sum(n for s, n in counts.items() if not s.startswith("continuing"))
    sentences = []
    if dated:
        on_time = counts.get("done_on_time", 0)
        parts = [
            f"{format_number(on_time)}/{format_number(dated)} nhiệm vụ hoàn thành đúng hạn "
            f"({percent(on_time, dated)})"
        ]
        parts += [
            f"{format_number(counts[s])} nhiệm vụ {phrase}"
            for s, phrase in TASK_PHRASES.items()
            if counts.get(s)
        ]
        sentences.append(f"Trong {when}, {_join(parts)}.")
    continuing = sum(n for s, n in counts.items() if s.startswith("continuing"))
    if continuing:
        reported = counts.get("continuing_reported", 0)
        sentences.append(
            f"{format_number(reported)}/{format_number(continuing)} nhiệm vụ thường xuyên "
            f"đã được báo cáo kết quả trong kỳ ({percent(reported, continuing)})."
        )
    if not sentences:
        return NO_TASK_DATA
    return " ".join(sentences)


def group_sentence(group: TaskGroupPart, available: bool) -> str:
    total = len(group.tasks)
    if not available:
        return f"Nhóm có {format_number(total)} nhiệm vụ. {NO_TASK_DATA}"
    counts = group.counts()
    done = sum(counts.get(s, 0) for s in DONE)
    overdue = counts.get("overdue", 0)
    text = (
        f"Nhóm có {format_number(total)} nhiệm vụ, trong đó {format_number(done)} nhiệm vụ "
        f"đã hoàn thành ({percent(done, total)})"
    )
    if overdue:
        text += f", {format_number(overdue)} nhiệm vụ quá hạn"
    return text + "."


def targets_sentence(report: ConsolidatedReport) -> str:
    if not report.available.target_statuses:
        return f"Có {format_number(len(report.targets))} chỉ tiêu. {NO_TARGET_DATA}"
    counts = report.target_counts()
    total = sum(counts.values())
    if not total:
        return NO_TARGET_DATA
    achieved = counts.get("achieved", 0)
    parts = [
        f"{format_number(achieved)}/{format_number(total)} chỉ tiêu đã đạt ({percent(achieved, total)})"
    ]
    parts += [
        f"{format_number(counts[s])} chỉ tiêu {phrase}"
        for s, phrase in TARGET_PHRASES.items()
        if s != "achieved" and counts.get(s)
    ]
    return f"Đến hết {period_in_text(report.period)}, {_join(parts)}."


def overdue_sentence(report: ConsolidatedReport) -> str:
    if not report.available.task_statuses:
        return "Chưa có số liệu đánh giá nên chưa xác định được nhiệm vụ quá hạn."
    overdue = report.overdue_tasks()
    if not overdue:
        return "Không có nhiệm vụ quá hạn."
    longest = overdue[0]
    text = f"Có {format_number(len(overdue))} nhiệm vụ quá hạn"
    if longest.days_overdue:
        text += f"; nhiệm vụ quá hạn lâu nhất đã quá {format_number(longest.days_overdue)} ngày"
    return text + " (chi tiết tại Phụ lục)."
