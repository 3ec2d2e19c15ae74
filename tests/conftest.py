"""Shared fixtures: a checker over the built-in rules and the seed reports."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from govaudit.check import check_file, check_text, load_rules
from govaudit.model import FileReport
from tests.seeds import SEEDS

_CACHE = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """The run keeps its rule cache (govaudit/cache.py) in a folder of its own, shared by
    its worker processes (which inherit the variable) and removed at the end: tests make
    many --rules folders, whose packs must not pile up in the developer's ~/.cache."""
    if "GOVAUDIT_TEST_CACHE" in os.environ:  # a worker of this run: the folder is made
        return
    folder = tempfile.mkdtemp(prefix="govaudit-test-cache-")
    os.environ["GOVAUDIT_TEST_CACHE"] = os.environ["XDG_CACHE_HOME"] = folder
    config.stash[_CACHE] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_CACHE, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        del os.environ["GOVAUDIT_TEST_CACHE"]


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
