"""One reading of a slot: the words it stands for, how they are written, and the channel score."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str  # language-model word (lower case)
    surface: str  # the word as it will be written, in the case of the source token
    channel: float  # log P(token | word)
    # Language-model words that follow ``key`` inside the same reading: the other
    # words of a token the OCR glued together ("toanthéngtin" → toàn thông tin),
    # or punctuation written beside the word.
    more: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.more)
