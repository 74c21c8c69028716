"""Files that cannot be read give a Vietnamese message naming the file."""

import pytest

from tiendo.errors import IngestError
from tiendo.ingest.readers import read_document

from .conftest import SAMPLE


def _error(path, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as err:
        read_document(path, **kwargs)
    assert err.value.where == str(path)
    return err.value


def test_missing_file(tmp_path):
    assert "Không tìm thấy tệp" in _error(tmp_path / "khong-co.txt").message


def test_directory(tmp_path):
    assert "không phải là một tệp" in _error(tmp_path).message


def test_empty_file(tmp_path):
    path = tmp_path / "rong.txt"
    path.write_bytes(b"")
    assert "rỗng" in _error(path).message


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "trang.md"
    path.write_text("  \n\n\t\n", encoding="utf-8")
    assert "không có nội dung" in _error(path).message


def test_unsupported_type(tmp_path):
    path = tmp_path / "bang.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    message = _error(path).message
    assert "Không hỗ trợ loại tệp '.xlsx'" in message and ".docx" in message


def test_old_word_format(tmp_path):
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    assert "lưu lại dưới dạng .docx" in _error(path).message


def test_too_large(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_text(SAMPLE * 100, encoding="utf-8")
    assert "quá lớn" in _error(path, max_bytes=1000).message


def test_corrupt_docx(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"this is not a zip archive")
    assert "bị hỏng" in _error(path).message


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage without objects")
    message = _error(path).message
    assert "PDF" in message
