"""Detection of Vietnamese text mangled by an OCR engine set to English."""

from pathlib import Path

import pytest

from tiendo.ingest.repair import looks_mangled

PLANS = Path(__file__).resolve().parents[4] / "examples" / "plans"


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_clean_example_plans_are_not_flagged(prefix):
    path = next(PLANS.glob(f"{prefix}_*.txt"))
    report = looks_mangled(path.read_text(encoding="utf-8"))
    assert not report.mangled, report.reason
    assert report.valid_share > 0.95


def test_english_ocr_example_plan_is_flagged():
    path = next(PLANS.glob("002_*.txt"))
    report = looks_mangled(path.read_text(encoding="utf-8"))
    assert report.mangled
    assert report.valid_share < 0.7
    assert "OCR" in report.reason


def test_a_mangled_sentence_is_flagged():
    text = (
        "b6 tri kinh phi dé hoan thanh viéc sé héa hé so truéc ngay 30/6/2026 theo Ké hoach s6 12"
    )
    assert looks_mangled(text).mangled


def test_english_text_is_not_taken_for_mangled_vietnamese():
    text = "The committee approved the budget and asked every department to report by June."
    report = looks_mangled(text)
    assert not report.mangled
    assert "không phải tiếng Việt" in report.reason


def test_too_short_text_is_not_judged():
    assert not looks_mangled("Thuc hién").mangled
