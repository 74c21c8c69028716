"""Helpers for reader tests: sample text and a fake OCR engine."""

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[3] / "data" / "readers"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

SAMPLE = (
    "KẾ HOẠCH\n"
    "Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n"
    "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.\n"
)


class FakeEngine:
    """An OCR engine that returns fixed text per call and counts the pages it read."""

    name = "fake"

    def __init__(self, text: str = SAMPLE, available: bool = True):
        self.text = text
        self.calls: list[Path] = []
        self._available = available

    def available(self) -> bool:
        return self._available

    def image_to_text(self, image: Path) -> str:
        self.calls.append(image)
        return self.text


@pytest.fixture
def fake_engine():
    return FakeEngine()
