"""``tiendo evaluate``: the nightly recomputation and the warnings of an agency."""

import pytest
from click.testing import CliRunner

from tests.evaluation_support import record_facts, seed_plan
from tiendo.cli import main
from tiendo.config import Settings
from tiendo.runtime import build_runtime


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("TIENDO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TIENDO_DATABASE_URL", raising=False)
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    assert run("db", "upgrade").exit_code == 0
    rt = build_runtime(Settings(data_dir=tmp_path / "data"))
    seeded = seed_plan(rt)
    record_facts(rt, seeded)
    rt.engine.dispose()
    return run, seeded


def test_evaluate_recomputes_every_status_for_the_day_given(cli):
    run, _ = cli
    result = run("evaluate", "--date", "11/07/2026")
    assert result.exit_code == 0, result.output
    assert "Đã tính 4 chỉ tiêu và 4 nhiệm vụ cho ngày 11/07/2026" in result.output
    # K3 (due 10/07/2026) is overdue the day after
    assert "Nhiệm vụ quá hạn" in result.output
    line = next(x for x in result.output.splitlines() if "Nhiệm vụ quá hạn" in x)
    assert line.rstrip(" │").endswith("2")


def test_evaluate_says_what_is_wrong_with_its_options(cli):
    run, _ = cli
    result = run("evaluate", "--date", "31/02/2026")
    assert result.exit_code != 0 and "dd/mm/yyyy" in result.output
    result = run("evaluate", "--province", "99")
    assert result.exit_code != 0 and "99" in result.output


def test_warnings_of_an_agency_for_reminders(cli):
    run, seeded = cli
    result = run("evaluate", "warnings", "--agency", str(seeded.agency_a), "--date", "30/06/2026")
    assert result.exit_code == 0
    assert "Nhiệm vụ quá hạn 91 ngày" in result.output
