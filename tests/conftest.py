"""Shared fixtures: a checker over the built-in rules and the seed reports."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from govaudit.check import check_text, load_rules
from govaudit.model import FileReport
from tests.seeds import FIXTURES, SEEDS, checked, read

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


# the slow group (pyproject.toml's `slow` marker): CI runs it with everything else; a
# developer leaves it out with -m "not slow". Named here, in one place, by what makes a
# test slow: a headless browser, Hypothesis's many examples, the whole corpus at once.
SLOW_FIXTURES = {"browser"}
SLOW_PATHS = ("properties/", "test_snapshots.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        where = item.path.relative_to(here).as_posix()
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or where.startswith(SLOW_PATHS):
            item.add_marker(pytest.mark.slow)
    # the longest modules first: with one worker per core (pytest-xdist), a long module
    # handed out last would leave the other core idle at the end
    items.sort(key=lambda item: item.path.name not in FIRST)


FIRST = {"test_snapshots.py", "test_html.py"}


@pytest.fixture(autouse=True, scope="session")
def _each_real_document_read_once():
    """Whatever reads a real document of tests/fixtures in the test process (a check, the
    command line run in process, a batch) gets it from the run's shared reading
    (seeds.read): each is parsed once per run. Other files are read as always; the
    snapshot test's own `govaudit` process reads everything itself, as a user's does."""
    from govaudit import check

    real_read = check.read_document
    here = FIXTURES.resolve()

    def read_once(path):
        p = Path(path).resolve()
        if p.is_relative_to(here) and p.is_file():
            return read(path)
        return real_read(path)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(check, "read_document", read_once)
        yield


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def seed_reports(rules) -> dict[str, FileReport]:
    """Each seed checked once per session, keyed by its number ("000" … "004")."""
    return {p.name[:3]: checked(p) for p in SEEDS}


@pytest.fixture
def check(rules):
    def run(text: str) -> FileReport:
        return check_text(text, rules)

    return run
