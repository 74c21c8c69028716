"""The command line: db upgrade, ingest, plans, extract, with their messages."""

import json

import pytest
from click.testing import CliRunner

from tiendo.cli import main


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("TIENDO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TIENDO_DATABASE_URL", raising=False)
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run


def test_commands_ask_for_the_database_to_be_created_first(cli, example_plans):
    result = cli("plans")
    assert result.exit_code != 0
    assert "tiendo db upgrade" in result.output


def test_upgrade_ingest_and_list(cli, example_plans):
    assert cli("db", "upgrade").exit_code == 0
    result = cli("ingest", "--publish", *map(str, example_plans))
    assert result.exit_code == 0, result.output
    assert result.output.count("kế hoạch mới") == len(example_plans)
    again = cli("ingest", str(example_plans[0]))
    assert "không thay đổi" in again.output
    listing = cli("plans")
    assert listing.exit_code == 0
    assert f"{len(example_plans)} kế hoạch" in listing.output


def test_ingest_reports_a_bad_file_and_exits_non_zero(cli, tmp_path, example_plans):
    cli("db", "upgrade")
    bad = tmp_path / "hong.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    result = cli("ingest", str(bad), str(example_plans[0]))
    assert result.exit_code == 1
    assert "hong.txt" in result.output and "nhị phân" in result.output
    assert "kế hoạch mới" in result.output


def test_extract_prints_one_json_object_per_line(cli, example_plans):
    result = cli("extract", str(example_plans[0]), "--format", "jsonl")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows[0]["type"] == "document" and rows[0]["doc"] == example_plans[0].name
    assert {r["type"] for r in rows} <= {"document", "target", "task", "regime"}


def test_db_current_says_whether_an_upgrade_is_needed(cli):
    assert "chưa tạo" in cli("db", "current").output
    cli("db", "upgrade")
    assert "mới nhất" in cli("db", "current").output
