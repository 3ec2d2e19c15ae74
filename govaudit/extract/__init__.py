"""Extractors: read a Document and emit located facts for the rules to check.

`EXTRACTORS` is the one registry: each entry names an extractor module, which declares
the fact kinds it emits (`KINDS`: kind → field → description). `fact_kinds()` merges them;
the rule loader is handed that mapping, so which rules load never depends on which
modules happen to have been imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from types import ModuleType

from govaudit.extract.base.context import ExtractContext, ExtractSettings
from govaudit.extract.base.ledger import Ledger
from govaudit.extract.crossref import (
    budget_items,
    concepts,
    ledger_facts,
    prior_statements,
    project_reports,
    projects,
    statements,
    subject_wording,
)
from govaudit.extract.document import (
    citations,
    dates,
    identity,
    numbering,
    profile,
    reading,
    subjects,
    template,
)
from govaudit.extract.sentences import (
    artefacts,
    breakdowns,
    changes,
    counts,
    itemlists,
    rates,
    shares,
    wording,
)
from govaudit.extract.tables import fin_tables, perf_tables
from govaudit.model import Document, DocumentInfo, Fact

Extractor = Callable[[ExtractContext], list[Fact]]

# In order: later extractors may read the facts of earlier ones (ctx.facts_of).
# The ledger's keys come from perf_tables, fin_tables (cells) and concepts (prose, which
# needs the tables' subject codes); budget_items keys a budget's item paragraphs by the
# tables' subjects and reads the budget sentences against the keyed figures; ledger_facts
# turns them into comparisons, last.
EXTRACTORS: tuple[ModuleType, ...] = (
    breakdowns,
    shares,
    changes,
    rates,
    numbering,
    subjects,
    itemlists,  # after subjects: its 预算 columns are not the 具体情况 of a 类
    counts,
    dates,
    citations,
    perf_tables,
    project_reports,
    projects,  # a project's amounts wherever the text names it, before the concepts take them
    fin_tables,
    concepts,
    budget_items,
    subject_wording,  # after the tables' subjects and the ledger's keys
    prior_statements,
    statements,
    wording,  # after budget_items: an item paragraph's two years are checked there
    artefacts,  # after the keyed extractors: a figure the ledger compares is not restated
    profile,  # the rounding the keyed figures show, before ledger_facts compares them
    ledger_facts,
    reading,  # last: which pages gave no figure, and why
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
    info: DocumentInfo


def extract(doc: Document, settings: ExtractSettings | None = None) -> Extraction:
    """Run every extractor in order; later extractors may read earlier facts (ctx.facts)."""
    ctx = ExtractContext(doc, settings or ExtractSettings())
    ctx.info = identity.identify(ctx)
    ctx.template = template.read(ctx)
    profile.measure_layout(ctx)
    for module in EXTRACTORS:
        ctx.facts.extend(module.extract(ctx))
    ctx.info = replace(ctx.info, profile=ctx.profile)
    return Extraction(ctx.facts, ctx.ledger, ctx.info)


def extract_facts(doc: Document, settings: ExtractSettings | None = None) -> list[Fact]:
    return extract(doc, settings).facts
