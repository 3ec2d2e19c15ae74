"""The rule packs a run uses: the built-in ones and a user's (--rules), validated against
every fact kind a rule may apply to.

Apart from check.py so that the commands that only read rules (`rules list`, `rules show`,
`config`) load them from the cache without importing a reader or an extractor: the fact
kinds, which only the extractors know, are asked for only when the packs are built anew.
"""

from __future__ import annotations

from pathlib import Path

from govaudit.engine import rules as rule_files
from govaudit.engine.rules import Rule


def all_kinds() -> dict[str, dict[str, str]]:
    """Every fact kind rules may apply to: a document's (the extractors') and a pair of
    documents' (across.py)."""
    from govaudit import across
    from govaudit.extract import fact_kinds

    return {**fact_kinds(), **across.KINDS}


def load_rules(
    extra_dirs: list[Path] | None = None, *, builtin_dir: Path | None = None
) -> list[Rule]:
    """The rule packs, validated against the fact kinds the extractors emit."""
    return rule_files.load_rules(all_kinds, extra_dirs, builtin_dir=builtin_dir)
