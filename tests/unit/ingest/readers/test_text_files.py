"""Plain-text plans in every encoding they come in."""

import unicodedata

import pytest

from tiendo.errors import IngestError
from tiendo.ingest.readers import read_document

from .conftest import DATA, SAMPLE


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("utf8.txt", SAMPLE.encode("utf-8"), "utf-8"),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        ("utf16.txt", SAMPLE.encode("utf-16"), "utf-16"),
        ("utf16-be.txt", b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16"),
        ("crlf.md", SAMPLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
)
def test_unicode_text_files(tmp_path, name, data, encoding):
    path = tmp_path / name
    path.write_bytes(data)
    source = read_document(path)
    assert source.text == SAMPLE
    assert source.raw_text == SAMPLE
    assert source.encoding == encoding
    assert source.format == name.rsplit(".", 1)[1]
    assert not source.repaired and not source.ocr_applied


def test_decomposed_utf8_is_normalised_to_nfc(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", SAMPLE), encoding="utf-8")
    assert read_document(path).text == SAMPLE


def test_windows_1258_with_combining_tone_marks(tmp_path):
    path = tmp_path / "cp1258.txt"
    path.write_bytes(_cp1258_bytes(SAMPLE))
    source = read_document(path)
    assert source.encoding == "cp1258"
    assert source.text == SAMPLE
    assert any("CP1258" in w for w in source.warnings)


def _cp1258_bytes(text: str) -> bytes:
    """Windows-1258 has few precomposed toned letters: most tones are combining marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            # Split off the tone mark, as Windows-1258 stores it.
            base, *marks = unicodedata.normalize("NFD", ch)
            head = unicodedata.normalize(
                "NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b")
            )
            out += head.encode("cp1258")
            out += "".join(m for m in marks if m not in "\u0302\u0306\u031b").encode("cp1258")
    return bytes(out)


EXPECTED_LEGACY = (
    "Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n"
    "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.\n"
    "Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành; tỷ lệ đạt >= 95%."
)


def test_tcvn3_file_is_detected_and_converted():
    source = read_document(DATA / "ke-hoach-tcvn3.txt")
    assert source.encoding == "tcvn3"
    assert EXPECTED_LEGACY in source.text
    # TCVN3 has no capital toned letters: a heading typed for a ".VnTimeH" font comes back lower.
    assert source.text.splitlines()[0].lower() == "kế hoạch"
    assert source.text == unicodedata.normalize("NFC", source.text)


def test_vni_file_is_detected_and_converted():
    source = read_document(DATA / "ke-hoach-vni.txt")
    assert source.encoding == "vni"
    assert source.text.splitlines()[0] == "KẾ HOẠCH"
    assert EXPECTED_LEGACY in source.text


def test_progress_is_reported_once_for_a_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    calls = []
    read_document(path, progress=lambda done, total, what: calls.append((done, total)))
    assert calls == [(1, 1)]


def test_mangled_text_is_repaired_and_raw_text_kept(tmp_path):
    path = tmp_path / "ocr.txt"
    raw = (
        "Thuc hién Nghi quyét s6 03/NQ-CP ngay 09/01/2025 cia Chinh phi\nva cac van ban huéng dan\n"
    )
    path.write_text(raw, encoding="utf-8")
    source = read_document(path)
    assert source.repaired and source.mangle.mangled
    assert source.raw_text == raw
    assert (
        source.text.splitlines()[0]
        == "Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ"
    )
    assert len(source.text.split("\n")) == len(raw.split("\n"))
    assert source.repair is not None and 0 < source.repair.confidence <= 1


def test_repair_can_be_turned_off(tmp_path):
    path = tmp_path / "ocr.txt"
    raw = "Thuc hién Nghi quyét s6 03/NQ-CP ngay 09/01/2025 cia Chinh phi va cac van ban"
    path.write_text(raw, encoding="utf-8")
    source = read_document(path, repair=False)
    assert source.text == raw and not source.repaired


def test_binary_junk_is_refused(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert err.value.where == str(path)
    assert "nhị phân" in err.value.message
