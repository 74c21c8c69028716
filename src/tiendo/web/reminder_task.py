"""The reminder schedule run by the server itself, when enabled in the settings.

A background task started with the app checks every minute whether the
administrator switched the schedule on and whether the interval has passed
since the last run; then it runs the same reminders as `tiendo remind`. A
reminder is never sent twice, so cron and the schedule may both run.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from contextlib import asynccontextmanager

from tiendo.clock import as_utc, utcnow
from tiendo.reporting import reminders, settings_store
from tiendo.runtime import Runtime

log = logging.getLogger("tiendo.reminders")
TICK_SECONDS = 60


def run_if_due(runtime: Runtime, now: dt.datetime | None = None) -> bool:
    """Run the reminders when the schedule is on and its interval has passed; True if it ran."""
    now = now or utcnow()
    with runtime.session() as session:
        config = settings_store.get(session, settings_store.REMINDERS)
    if not config.get("scheduler"):
        return False
    last = config.get("last_run_at")
    interval = dt.timedelta(minutes=int(config.get("interval_minutes") or 60))
    if last and now - as_utc(dt.datetime.fromisoformat(last)) < interval:
        return False
    result = reminders.run(
        runtime.session_factory,
        secret_key=runtime.settings.resolved_secret_key(),
        base_url=runtime.settings.base_url,
    )
    log.info(
        "reminders: %d notices, %d e-mails, %d failed",
        result.notices,
        result.emails,
        len(result.email_errors),
    )
    return True


async def _loop(runtime: Runtime, tick: float) -> None:
    while True:
        await asyncio.sleep(tick)
        try:
            await asyncio.to_thread(run_if_due, runtime)
        except Exception:  # a failed run must not stop the schedule; it is retried next tick
            log.exception("scheduled reminders failed")


@asynccontextmanager
async def lifespan(app):
    task = asyncio.create_task(_loop(app.state.runtime, TICK_SECONDS))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
