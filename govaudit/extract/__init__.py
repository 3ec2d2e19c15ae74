"""Extractors: read a Document and emit located facts for the rules to check."""

from __future__ import annotations

from collections.abc import Callable

from govaudit.extract import (
    breakdowns,
    changes,
    concepts,
    dates,
    fin_tables,
    numbering,
    perf_tables,
    projects,
    rates,
    shares,
    subjects,
)
from govaudit.extract.context import ExtractContext
from govaudit.model import Document, Fact

Extractor = Callable[[ExtractContext], list[Fact]]

EXTRACTORS: list[tuple[str, Extractor]] = [
    ("breakdowns", breakdowns.extract),
    ("shares", shares.extract),
    ("changes", changes.extract),
    ("rates", rates.extract),
    ("concepts", concepts.extract),
    ("numbering", numbering.extract),
    ("subjects", subjects.extract),
    ("dates", dates.extract),
    ("perf_tables", perf_tables.extract),
    ("fin_tables", fin_tables.extract),
    ("projects", projects.extract),
]


def extract_facts(doc: Document) -> list[Fact]:
    """Run every extractor in order; later extractors may read earlier facts (ctx.facts)."""
    ctx = ExtractContext(doc)
    for _, fn in EXTRACTORS:
        ctx.facts.extend(fn(ctx))
    return ctx.facts
