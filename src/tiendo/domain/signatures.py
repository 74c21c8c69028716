"""Signatures: what makes an extracted item "the same item" in a later version.

A signature ignores line numbers (a new version may move everything) and
spelling variants (diacritics, case, spaces), and keeps what defines the
item: for a target its year, comparator, values and indicator; for a task
its group and opening words; for a duty its kind and text.
"""

from __future__ import annotations

from tiendo.domain.plan import ReportingDuty, Target, Task
from tiendo.text.vietnamese import fold


def _num(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"


def target_signature(t: Target) -> str:
    return f"t|{t.year or '-'}|{t.op}|{_num(t.value)}|{_num(t.value_max)}|{fold(t.indicator)[:160]}"


def task_signature(k: Task) -> str:
    return f"k|{k.group or '-'}|{fold(k.text)[:200]}"


def duty_signature(d: ReportingDuty) -> str:
    return f"d|{d.kind}|{fold(d.text)[:200]}"
