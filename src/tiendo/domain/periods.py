"""Reporting periods: what each period covers, when its report is due, and
the data cut-off window of Nghị định 09/2019/NĐ-CP.

A plan's reporting duty names a frequency ("hằng quý", "6 tháng", …) and,
often, a due rule ("trước ngày 15 của tháng cuối quý"). From those this
module builds the concrete periods over a date range. Nothing here reads the
clock: the caller passes every date.

Due rules (the ``due`` of a ``ReportingDuty``):

* ``{"day": D, "month": "last_of_period"}`` — before day D of the period's
  last month; ``"month": "after_period"`` — before day D of the month after
  the period.
* ``{"dates": ["06-15", "12-01"]}`` — before fixed days of each year; a period
  takes the last listed day in the second half of its calendar span, or else
  the first one after the span.
* ``None`` — the national rule: no later than the 25th of the period's last
  month.

"Trước ngày D" is read as "no later than day D": the cut-off window closes on
the 14th, so a report due "before the 15th" read literally would be due the
very day its data close, which leaves no time to compile it (the national
rule wants at least one working day between the two). A rule with
``"strict": true`` makes the day before D the last day on time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tiendo.domain.plan import Frequency, ReportingDuty
from tiendo.errors import ValidationError
from tiendo.text.numbers import format_date, last_day_of_month

#: Day of the period's last month by which reports are due when a plan sets
#: no rule of its own (the national deadline for periodic reports).
DEFAULT_DUE_DAY = 25

#: First day of the data cut-off window: the 15th of the month before.
CUTOFF_DAY = 15

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS_PER_PERIOD = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.SEMIANNUAL: 6,
    Frequency.ANNUAL: 12,
}


@dataclass(frozen=True)
class Period:
    """One reporting period.

    ``start``/``end`` is the calendar span the report covers; ``due`` is the
    last day a report counts as on time; ``cutoff_start``/``cutoff_end`` is
    the data cut-off window ("thời gian chốt số liệu"). ``number`` is the
    month (1–12), quarter (1–4), half (1–2), 1 for a year, 0 for ad-hoc.
    """

    key: str
    frequency: Frequency
    year: int
    number: int
    label: str
    start: dt.date
    end: dt.date
    due: dt.date
    cutoff_start: dt.date
    cutoff_end: dt.date

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls in the period's calendar span."""
        return self.start <= day <= self.end

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "frequency": self.frequency.value,
            "year": self.year,
            "number": self.number,
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "due": self.due.isoformat(),
            "cutoff_start": self.cutoff_start.isoformat(),
            "cutoff_end": self.cutoff_end.isoformat(),
        }


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _clamped(year: int, month: int, day: int) -> dt.date:
    """The given day, or the month's last day when the month is shorter."""
    return dt.date(year, month, min(day, last_day_of_month(year, month).day))


def _label(frequency: Frequency, year: int, number: int) -> str:
    if frequency is Frequency.MONTHLY:
        return f"Tháng {number}/{year}"
    if frequency is Frequency.QUARTERLY:
        return f"Quý {_ROMAN[number]}/{year}"
    if frequency is Frequency.SEMIANNUAL:
        half = "đầu" if number == 1 else "cuối"
        return f"6 tháng {half} năm {year}"
    return f"Năm {year}"


def _key(frequency: Frequency, year: int, number: int) -> str:
    if frequency is Frequency.MONTHLY:
        return f"{year}-{number:02d}"
    if frequency is Frequency.QUARTERLY:
        return f"{year}-Q{number}"
    if frequency is Frequency.SEMIANNUAL:
        return f"{year}-H{number}"
    return f"{year}"


def _span(frequency: Frequency, year: int, number: int) -> tuple[dt.date, dt.date]:
    size = _MONTHS_PER_PERIOD[frequency]
    first_month = (number - 1) * size + 1
    last_month = first_month + size - 1
    return dt.date(year, first_month, 1), last_day_of_month(year, last_month)


def _cutoff(frequency: Frequency, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """Nghị định 09/2019/NĐ-CP: from the 15th of the month before to the 14th.

    Monthly and quarterly windows open on the 15th of the month before the
    period; the 6-month and annual windows open on 15/12 of the year before.
    The second half-year (15/6 → 14/12) follows the same pattern.
    """
    if frequency is Frequency.SEMIANNUAL and start.month == 7:
        opens = dt.date(start.year, 6, CUTOFF_DAY)
    elif frequency in (Frequency.SEMIANNUAL, Frequency.ANNUAL):
        opens = dt.date(start.year - 1, 12, CUTOFF_DAY)
    else:
        y, m = _add_months(start.year, start.month, -1)
        opens = dt.date(y, m, CUTOFF_DAY)
    closes = dt.date(end.year, end.month, CUTOFF_DAY - 1)
    return opens, closes


def _parse_month_day(text: str) -> tuple[int, int]:
    try:
        month_text, day_text = str(text).split("-")
        month, day = int(month_text), int(day_text)
        dt.date(2024, month, day)  # a leap year, so "02-29" is accepted
    except ValueError as exc:
        raise ValidationError(
            f"Ngày hạn báo cáo «{text}» không đúng dạng tháng-ngày (ví dụ 06-15).",
            where="due.dates",
        ) from exc
    return month, day


def _before(day: dt.date, strict: bool) -> dt.date:
    return day - dt.timedelta(days=1) if strict else day


def due_date(frequency: Frequency, start: dt.date, end: dt.date, rule: dict | None) -> dt.date:
    """The last day on time for a period spanning ``start``–``end``.

    Raises ``ValidationError`` (Vietnamese message) for a rule it cannot read.
    """
    if rule is None:
        return _clamped(end.year, end.month, DEFAULT_DUE_DAY)
    strict = bool(rule.get("strict", False))
    if "dates" in rule:
        days = [_parse_month_day(text) for text in rule["dates"]]
        if not days:
            raise ValidationError("Quy tắc hạn báo cáo không có ngày nào.", where="due.dates")
        candidates = sorted(
            _clamped(year, month, day)
            for year in (start.year, start.year + 1, end.year + 1)
            for month, day in days
        )
        # A due day early in the period cannot be this period's: its data are
        # not in yet ("01-15" for a year means January of the next year).
        middle = start + (end - start) / 2
        inside = [d for d in candidates if middle <= d <= end]
        chosen = inside[-1] if inside else next(d for d in candidates if d > end)
        return _before(chosen, strict)
    if "day" in rule:
        try:
            day = int(rule["day"])
        except (TypeError, ValueError):
            day = 0
        if not 1 <= day <= 31:
            raise ValidationError(
                f"Ngày hạn báo cáo «{rule['day']}» phải từ 1 đến 31.", where="due.day"
            )
        anchor = rule.get("month", "last_of_period")
        if anchor == "last_of_period":
            year, month = end.year, end.month
        elif anchor == "after_period":
            year, month = _add_months(end.year, end.month, 1)
        else:
            raise ValidationError(
                f"Không hiểu tháng của hạn báo cáo «{anchor}» "
                "(dùng last_of_period hoặc after_period).",
                where="due.month",
            )
        return _before(_clamped(year, month, day), strict)
    raise ValidationError("Quy tắc hạn báo cáo phải có «day» hoặc «dates».", where="due")


def make_period(
    frequency: Frequency | str, year: int, number: int = 1, rule: dict | None = None
) -> Period:
    """The ``number``-th period of ``year`` for a periodic frequency."""
    frequency = Frequency(frequency)
    if frequency is Frequency.ADHOC:
        raise ValidationError("Kỳ báo cáo đột xuất được tạo bằng adhoc_period.")
    count = 12 // _MONTHS_PER_PERIOD[frequency]
    if not 1 <= number <= count:
        raise ValidationError(f"Số thứ tự kỳ {number} phải từ 1 đến {count}.")
    start, end = _span(frequency, year, number)
    cutoff_start, cutoff_end = _cutoff(frequency, start, end)
    return Period(
        key=_key(frequency, year, number),
        frequency=frequency,
        year=year,
        number=number,
        label=_label(frequency, year, number),
        start=start,
        end=end,
        due=due_date(frequency, start, end, rule),
        cutoff_start=cutoff_start,
        cutoff_end=cutoff_end,
    )


def period_containing(frequency: Frequency | str, day: dt.date, rule: dict | None = None) -> Period:
    """The period of ``frequency`` whose calendar span contains ``day``."""
    frequency = Frequency(frequency)
    if frequency is Frequency.ADHOC:
        raise ValidationError("Kỳ báo cáo đột xuất không suy ra được từ một ngày.")
    number = (day.month - 1) // _MONTHS_PER_PERIOD[frequency] + 1
    return make_period(frequency, day.year, number, rule)


def generate_periods(
    frequency: Frequency | str, start: dt.date, end: dt.date, rule: dict | None = None
) -> list[Period]:
    """Every period of ``frequency`` whose calendar span meets ``start``–``end``.

    Ad-hoc reports have no calendar: the result is empty for ``adhoc``.
    """
    frequency = Frequency(frequency)
    if frequency is Frequency.ADHOC or end < start:
        return []
    periods = []
    current = period_containing(frequency, start, rule)
    while current.start <= end:
        periods.append(current)
        following = current.end + dt.timedelta(days=1)
        current = period_containing(frequency, following, rule)
    return periods


def periods_for_duty(duty: ReportingDuty, start: dt.date, end: dt.date) -> list[Period]:
    """The periods a reporting duty creates over ``start``–``end``.

    Frequencies are handled in their order in the duty; ad-hoc ones are left
    to ``adhoc_period``. The result is sorted by due date, then by key.
    """
    seen: dict[str, Period] = {}
    for frequency in duty.frequency:
        for period in generate_periods(frequency, start, end, duty.due):
            seen.setdefault(period.key, period)
    return sorted(seen.values(), key=lambda p: (p.due, p.end, p.key))


def adhoc_period(
    start: dt.date,
    end: dt.date,
    due: dt.date,
    *,
    key: str | None = None,
    label: str | None = None,
) -> Period:
    """An ad-hoc ("đột xuất") period created on request.

    Its data cut-off window is the span it covers.
    """
    if end < start:
        raise ValidationError(
            f"Ngày kết thúc {format_date(end)} trước ngày bắt đầu {format_date(start)}."
        )
    return Period(
        key=key or f"adhoc-{start.isoformat()}-{end.isoformat()}",
        frequency=Frequency.ADHOC,
        year=end.year,
        number=0,
        label=label or f"Đột xuất ({format_date(start)} – {format_date(end)})",
        start=start,
        end=end,
        due=due,
        cutoff_start=start,
        cutoff_end=end,
    )
