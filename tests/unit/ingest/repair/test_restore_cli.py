"""``tiendo restore`` prints repaired text and, on request, the uncertain words."""

from click.testing import CliRunner

from tiendo.cli import main


def test_restore_prints_repaired_text_and_uncertain_words(tmp_path):
    path = tmp_path / "ocr.txt"
    path.write_text(
        "Thuc hién Nghi quyét s6 03/NQ-CP ngay 09/01/2025 cia Chinh phi\nban tinh\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["restore", str(path), "--uncertain"])
    assert result.exit_code == 0, result.output
    assert "Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ" in result.stdout
    assert "độ tin cậy" in result.stderr
    assert "dòng 2" in result.stderr


def test_restore_leaves_clean_text_alone(tmp_path):
    path = tmp_path / "sach.txt"
    text = (
        "Triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về chuyển đổi số quốc gia.\n"
    )
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["restore", str(path)])
    assert result.exit_code == 0
    assert result.stdout == text
    assert "Không cần sửa" in result.stderr


def test_restore_reports_unreadable_files_in_vietnamese(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    result = CliRunner().invoke(main, ["restore", str(path)])
    assert result.exit_code != 0
    assert "rỗng" in result.output
