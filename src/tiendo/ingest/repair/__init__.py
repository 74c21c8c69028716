"""Repair of Vietnamese text that an OCR engine set to English has mangled.

``looks_mangled`` says whether a text needs it, ``repair_text`` restores the
diacritics line for line and lists the words it is unsure of, ``reflow``
rejoins broken lines into paragraphs for display. The method is a noisy
channel: a syllable trigram language model and a learned OCR confusion model,
decoded with a beam search; see docs/ocr-repair.md.
"""

from tiendo.ingest.repair.detect import MangleReport, looks_mangled
from tiendo.ingest.repair.reflow import Paragraph, reflow
from tiendo.ingest.repair.repair import RepairResult, UncertainWord, repair_text

__all__ = [
    "MangleReport",
    "Paragraph",
    "RepairResult",
    "UncertainWord",
    "looks_mangled",
    "reflow",
    "repair_text",
]
