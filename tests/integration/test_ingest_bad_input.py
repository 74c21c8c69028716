"""Files that cannot be read get a clear Vietnamese message and store nothing."""

import pytest
from sqlalchemy import func, select

from tiendo.domain.actor import Actor
from tiendo.errors import IngestError
from tiendo.ingest.service import ingest_file
from tiendo.store.tables import PlanRow

ACTOR = Actor(label="kiểm thử")


def _plans(runtime) -> int:
    with runtime.session() as s:
        return s.scalar(select(func.count()).select_from(PlanRow))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("trong.txt", b"", "Tệp rỗng"),
        ("chi-khoang-trang.txt", b"  \n\n \t\n", "không có nội dung"),
        ("nhi-phan.txt", bytes(range(256)) * 8, "nhị phân"),
        ("sai-ma.txt", "这是一个中文文件，不是越南语的计划。".encode("gb18030") * 20, "bảng mã"),
        ("bang-tinh.xlsx", b"PK\x03\x04" + b"\x00" * 64, "Không hỗ trợ"),
        ("anh-hong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "ảnh"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "Word"),
        ("hong.pdf", b"%PDF-1.4\n garbage", "PDF"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_message_naming_it(
    runtime, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as info:
        ingest_file(path, runtime.uow(), actor=ACTOR)
    assert message in info.value.message
    assert name in str(info.value)
    assert _plans(runtime) == 0


def test_a_file_over_the_size_limit_is_refused(runtime, tmp_path):
    path = tmp_path / "qua-lon.txt"
    path.write_text("Kế hoạch.\n" * 200_000, encoding="utf-8")
    with pytest.raises(IngestError) as info:
        ingest_file(path, runtime.uow(), actor=ACTOR, max_bytes=1024 * 1024)
    assert "quá lớn" in info.value.message
    assert _plans(runtime) == 0


def test_a_missing_file_and_a_folder_are_refused(runtime, tmp_path):
    with pytest.raises(IngestError, match="Không tìm thấy"):
        ingest_file(tmp_path / "khong-co.txt", runtime.uow(), actor=ACTOR)
    with pytest.raises(IngestError, match=r"thư mục|không phải là một tệp"):
        ingest_file(tmp_path, runtime.uow(), actor=ACTOR)


def test_utf16_and_bom_files_are_read(runtime, tmp_path):
    text = "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\n"
    for name, data in (
        ("utf16.txt", text.encode("utf-16")),
        ("bom.txt", b"\xef\xbb\xbf" + text.encode()),
        ("crlf.txt", text.replace("\n", "\r\n").encode()),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        outcome = ingest_file(path, runtime.uow(), actor=ACTOR)
        assert outcome.status in ("new", "new_version")
