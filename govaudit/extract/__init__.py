"""Extractors: read a Document and emit located facts for the rules to check."""

from __future__ import annotations

from collections.abc import Callable

from govaudit.extract import breakdowns, changes, rates, shares
from govaudit.extract.context import ExtractContext
from govaudit.model import Document, Fact

Extractor = Callable[[ExtractContext], list[Fact]]

EXTRACTORS: list[tuple[str, Extractor]] = [
    ("breakdowns", breakdowns.extract),
    ("shares", shares.extract),
    ("changes", changes.extract),
    ("rates", rates.extract),
]


def extract_facts(doc: Document) -> list[Fact]:
    ctx = ExtractContext(doc)
    facts: list[Fact] = []
    for _, fn in EXTRACTORS:
        facts.extend(fn(ctx))
    return facts
