"""Named sets of tasks that scorecards count, as SQL conditions.

Each takes the table to count in (the task status rows by default, or any
table with the same ``status`` and ``dated`` columns), so counts, tallies
and the lists behind them use one definition. They follow scorecards.py.
"""

from __future__ import annotations

from sqlalchemy import and_, or_

from tiendo.evaluate.tasks import TaskStatus
from tiendo.store.tables import TaskStatusRow

_T = TaskStatus
TASK_BUCKETS = {
    # completed on time (with a deadline), or continuing and reported in its period
    "on_time": lambda t=TaskStatusRow: or_(
        and_(t.status == _T.DONE_ON_TIME.value, t.dated.is_(True)),
        t.status == _T.CONTINUING_REPORTED.value,
    ),
    # come due (completed or past the deadline), or continuing and judged
    "counted": lambda t=TaskStatusRow: or_(
        and_(
            t.status.in_([_T.DONE_ON_TIME.value, _T.DONE_LATE.value, _T.OVERDUE.value]),
            t.dated.is_(True),
        ),
        t.status.in_([_T.CONTINUING_REPORTED.value, _T.CONTINUING_UNREPORTED.value]),
    ),
    "overdue": lambda t=TaskStatusRow: and_(t.status == _T.OVERDUE.value, t.dated.is_(True)),
    "dated": lambda t=TaskStatusRow: t.dated.is_(True),
}
TASK_BUCKET_LABELS = {
    "on_time": "nhiệm vụ đúng hạn",
    "counted": "nhiệm vụ đã đến hạn",
    "overdue": "nhiệm vụ quá hạn",
    "dated": "nhiệm vụ có thời hạn",
}
