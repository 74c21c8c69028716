"""``tiendo report`` and ``tiendo export`` on the command line."""

import io
import json

from click.testing import CliRunner
from docx import Document

from tiendo.cli import main


def test_report_and_export_from_the_command_line(tmp_path, monkeypatch, example_plans):
    monkeypatch.setenv("TIENDO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TIENDO_DATABASE_URL", raising=False)
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    assert run("db", "upgrade").exit_code == 0
    assert run("ingest", "--publish", str(example_plans[0])).exit_code == 0
    out = tmp_path / "bao-cao"
    result = run(
        "report",
        "--province",
        "Ninh Bình",
        "--period",
        "2026-Q3",
        "--out",
        str(out),
        "--date",
        "05/10/2026",
        "--number",
        "125/BC-SKHCN",
        "--signer",
        "Trần Văn Ký",
    )
    assert result.exit_code == 0, result.output
    docx = out / "bao-cao-nq57-ninh-binh-2026-q3.docx"
    assert docx.exists() and (out / "bao-cao-nq57-ninh-binh-2026-q3.xlsx").exists()
    doc = Document(io.BytesIO(docx.read_bytes()))
    assert doc.tables[0].cell(1, 1).text == "Ninh Bình, ngày 05 tháng 10 năm 2026"
    assert doc.tables[0].cell(1, 0).text == "Số: 125/BC-SKHCN"
    wrong = run("report", "--province", "Hà Nam", "--period", "2026-Q3", "--out", str(out))
    assert wrong.exit_code == 1 and "Ninh Bình" in wrong.output
    bad = run("report", "--province", "Atlantis", "--period", "2026-Q3")
    assert bad.exit_code != 0 and "Không nhận ra" in bad.output

    target = tmp_path / "nhiem-vu.json"
    assert run("export", "nhiem-vu", "--format", "json", "-o", str(target)).exit_code == 0
    tasks = json.loads(target.read_text(encoding="utf-8"))
    assert len(tasks) == 80 and tasks[0]["current_province_code"] == "37"
    csv_out = run("export", "ke-hoach")
    assert "441/KH-UBND" in csv_out.output
