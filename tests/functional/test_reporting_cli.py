"""The reporting commands: agency import, periods, reminders, demo data, audit export."""

import pytest
from click.testing import CliRunner

from tests.reporting_support import store_plan
from tiendo.cli import main
from tiendo.config import Settings
from tiendo.runtime import build_runtime


@pytest.fixture
def cli(tmp_path, monkeypatch, sqlite_template):
    import shutil

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sqlite_template, data / "tiendo.db")
    monkeypatch.setenv("TIENDO_DATA_DIR", str(data))
    monkeypatch.delenv("TIENDO_DATABASE_URL", raising=False)
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run, build_runtime(Settings(data_dir=data)), tmp_path


@pytest.mark.slow
def test_the_reporting_commands(cli):
    run, rt, tmp = cli
    plan_id = store_plan(rt)
    good = tmp / "co-quan.csv"
    good.write_text(
        "Tên,Tên viết tắt,Loại\nSở Khoa học và Công nghệ,Sở KH&CN,Sở\nSở Tài chính,,Sở\n",
        encoding="utf-8",
    )
    bad = tmp / "xau.csv"
    bad.write_text("Tên,Loại\n,Sở\n", encoding="utf-8")
    result = run("agency", "import", str(bad), "--province", "Hà Tĩnh")
    assert result.exit_code == 1 and "Dòng 2" in result.output
    result = run("agency", "import", str(good), "--province", "Hà Tĩnh")
    assert result.exit_code == 0 and "tạo 2" in result.output, result.output
    assert "Sở Tài chính" in run("agency", "list", "--province", "42").output
    result = run("period", "generate", "--until", "2026")
    assert result.exit_code == 0 and f"Kế hoạch #{plan_id}: thêm 8 kỳ" in result.output
    assert "Quý III/2026" in run("period", "list", "--plan", str(plan_id)).output
    result = run("demo", "--seed", "3")
    assert (
        result.exit_code == 0
        and "Tài khoản mẫu" in result.output
        and "quantri.mau" in result.output
    )
    assert "Đã có dữ liệu mẫu" in run("demo").output
    result = run("remind", "--date", "10/12/2026")
    assert result.exit_code == 0 and "thông báo" in result.output
    assert "dd/mm/yyyy" in run("remind", "--date", "mai").output
    out = tmp / "nhat-ky.csv"
    assert run("audit", "--action", "agency.", "--csv", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("Thời gian,Người thực hiện") and text.count("agency.create") >= 2
    result = run("demo", "--remove")
    assert result.exit_code == 0 and "Đã xóa dữ liệu mẫu" in result.output
