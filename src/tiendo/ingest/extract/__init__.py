"""Read a plan's text into targets, tasks, reporting duties and metadata."""

from __future__ import annotations

from tiendo.domain.plan import DocumentMeta, ExtractedPlan


def extract_plan(text: str, doc: str) -> ExtractedPlan:
    """Extract everything tiendo tracks from the text of one plan.

    ``text`` is the plan as stored (NFC, original line breaks); ``doc`` names
    the source file. Line numbers in the result are 1-based lines of ``text``.
    """
    return ExtractedPlan(doc=doc, meta=DocumentMeta())
