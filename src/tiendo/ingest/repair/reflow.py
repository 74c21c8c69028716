"""Rejoin lines that a page layout broke in the middle of a sentence, for display.

OCR and PDF text keep the printed line breaks ("... thực hiện Nghị quyết số
57-NQ/TW ngày\\n22/12/2024 của Bộ Chính trị ..."). Extraction works on the
lines as they are; a reader wants paragraphs. ``reflow`` gives paragraphs and,
for each, where every source line starts in it, so a position in a paragraph
maps back to a 1-based source line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

# A line that starts a new item: bullets, numbered or lettered items, Roman
# headings, articles and chapters.
_STARTS_ITEM = re.compile(
    r"^\s*(?:[-–—+•*▪]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][)]\s|[IVXLC]+[.)]\s|"
    r"(?:Điều|Chương|Mục|Phần|Phụ lục)\s+[\dIVXLC]+[a-z]?[.:]?(?:\s|$))",
)
_ENDS_SENTENCE = re.compile(r"[.:;!?…]\s*$|[.:;!?…][\"”’)]\s*$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One reflowed paragraph.

    ``lines`` are the 1-based source line numbers it was made of and
    ``starts`` the offset in ``text`` where each of them begins.
    """

    text: str
    lines: tuple[int, ...]
    starts: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        """The 1-based source line holding the character at ``offset`` of ``text``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[max(i, 0)]


def _is_heading(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _joins(prev: str, nxt: str) -> bool:
    """True when ``nxt`` continues the sentence ``prev`` left open."""
    if not prev.strip() or not nxt.strip():
        return False
    if "\t" in prev or "\t" in nxt:
        return False  # table rows stand alone
    if _ENDS_SENTENCE.search(prev) or _is_heading(prev) or _is_heading(nxt):
        return False
    return not _STARTS_ITEM.match(nxt)


def reflow(lines: Sequence[str]) -> list[Paragraph]:
    """Paragraphs of ``lines`` (blank lines separate them, broken sentences are rejoined)."""
    paragraphs: list[Paragraph] = []
    text, nums, starts = "", [], []
    for n, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if nums and _joins(text, line):
            # A word broken at a hyphen ("03/NQ-" + "CP") is rejoined without a space.
            sep = "" if text.endswith("-") and not text.endswith(" -") else " "
            starts.append(len(text) + len(sep))
            text += sep + line.strip()
            nums.append(n)
            continue
        if nums:
            paragraphs.append(Paragraph(text, tuple(nums), tuple(starts)))
        text, nums, starts = "", [], []
        if line.strip():
            text, nums, starts = line.strip(), [n], [0]
    if nums:
        paragraphs.append(Paragraph(text, tuple(nums), tuple(starts)))
    return paragraphs
