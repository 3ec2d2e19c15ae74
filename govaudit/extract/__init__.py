"""Extractors: read a Document and emit located facts for the rules to check.

`EXTRACTORS` is the one registry: each entry names an extractor module, which declares
the fact kinds it emits (`KINDS`: kind → field → description). `fact_kinds()` merges them;
the rule loader is handed that mapping, so which rules load never depends on which
modules happen to have been imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from govaudit.extract import (
    artefacts,
    breakdowns,
    changes,
    concepts,
    counts,
    dates,
    fin_tables,
    itemlists,
    numbering,
    perf_tables,
    projects,
    rates,
    shares,
    subjects,
    wording,
)
from govaudit.extract.context import ExtractContext, ExtractSettings
from govaudit.ledger import Ledger
from govaudit.model import Document, Fact

Extractor = Callable[[ExtractContext], list[Fact]]

# In order: later extractors may read the facts of earlier ones (ctx.facts_of).
EXTRACTORS: tuple[ModuleType, ...] = (
    breakdowns,
    shares,
    changes,
    rates,
    concepts,
    numbering,
    subjects,
    itemlists,  # after subjects: its 预算 columns are not the 具体情况 of a 类
    wording,
    counts,
    artefacts,
    dates,
    perf_tables,
    fin_tables,
    projects,
)


def fact_kinds() -> dict[str, dict[str, str]]:
    """Every fact kind the extractors emit, with the fields a rule may read."""
    out: dict[str, dict[str, str]] = {}
    for module in EXTRACTORS:
        for kind, fields in module.KINDS.items():
            out.setdefault(kind, {}).update(fields)
    return out


@dataclass
class Extraction:
    facts: list[Fact]
    ledger: Ledger


def extract(doc: Document, settings: ExtractSettings | None = None) -> Extraction:
    """Run every extractor in order; later extractors may read earlier facts (ctx.facts)."""
    ctx = ExtractContext(doc, settings or ExtractSettings())
    for module in EXTRACTORS:
        ctx.facts.extend(module.extract(ctx))
    return Extraction(ctx.facts, ctx.ledger)


def extract_facts(doc: Document, settings: ExtractSettings | None = None) -> list[Fact]:
    return extract(doc, settings).facts
