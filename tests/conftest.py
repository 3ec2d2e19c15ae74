"""Shared fixtures: a checker over the built-in rules and the seed reports."""

from __future__ import annotations

import pytest

from govaudit.check import check_file, check_text, load_rules
from govaudit.model import FileReport
from tests.seeds import SEEDS


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def seed_reports(rules) -> dict[str, FileReport]:
    """Each seed checked once per session, keyed by its number ("000" … "004")."""
    return {p.name[:3]: check_file(str(p), rules) for p in SEEDS}


@pytest.fixture
def check(rules):
    def run(text: str) -> FileReport:
        return check_text(text, rules)

    return run
