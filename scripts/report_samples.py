"""Write the sample consolidated report (Word and Excel) into docs/samples/.

Usage: .venv/bin/python scripts/report_samples.py
Loads the example plans into a temporary SQLite database and produces the
report of Ninh Bình (which includes Hà Nam's plan, merged in 2025) for
quarter III/2026, dated 05/10/2026, so the samples can be made again.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from tiendo.config import Settings
from tiendo.domain.actor import Actor
from tiendo.export.report_service import produce_report
from tiendo.ingest.service import ingest_file
from tiendo.runtime import build_runtime
from tiendo.store.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "samples"
PROVINCE, PERIOD, DAY = "37", "2026-Q3", dt.date(2026, 10, 5)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        runtime = build_runtime(Settings(data_dir=Path(folder)))
        upgrade(runtime.engine)
        for path in sorted((ROOT / "examples" / "plans").glob("*.txt")):
            ingest_file(path, runtime.uow(), actor=Actor.command_line(), publish=True)
        letterhead = {"date": DAY, "number": "      /BC-SKHCN"}
        with runtime.session() as session:
            for fmt in ("docx", "xlsx"):
                result = produce_report(
                    session,
                    PROVINCE,
                    PERIOD,
                    fmt,
                    actor=Actor.command_line(),
                    today=DAY,
                    letterhead=letterhead,
                )
                (OUT / result.filename).write_bytes(result.content)
                print(OUT / result.filename)
        runtime.engine.dispose()


if __name__ == "__main__":
    main()
