"""The user's cache of loaded rule packs (govaudit/cache.py): a start that finds them there
gives the very rules a fresh load gives, and a stale, corrupt or unwritable cache only
costs the time of loading them anew."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govaudit import cache
from govaudit.check import load_rules
from govaudit.errors import RuleError
from govaudit.resources import rules_dir, vocab

MINE = """
rules:
  - id: MY-SUM-001
    title: 我的规则
    applies_to: breakdown
    assert: total == sum(parts)
    severity: warning
    message: "{num(total)}"
"""


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("GOVAUDIT_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "govaudit"


def mine(tmp_path: Path, text: str = MINE) -> Path:
    d = tmp_path / "mine"
    d.mkdir(exist_ok=True)
    (d / "mine.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return d


def entries(home: Path) -> list[str]:
    return sorted(p.name for p in home.glob("rules-*.pickle"))


def summary(rules) -> list[tuple]:
    return [(r.id, r.file, r.line, r.assert_, r.message, r.severity, r.kinds) for r in rules]


def test_a_cached_start_gives_the_rules_a_fresh_load_gives(home, monkeypatch):
    first = load_rules()  # builds and stores
    assert entries(home) != []
    again = load_rules()  # from the cache
    monkeypatch.setenv("GOVAUDIT_NO_CACHE", "1")
    fresh = load_rules()
    assert summary(again) == summary(first) == summary(fresh)
    assert len(fresh) > 100


def test_the_cache_lives_in_the_users_cache_folder_never_beside_the_package(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("GOVAUDIT_NO_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    before = sorted(p.name for p in rules_dir().parent.iterdir())
    load_rules()
    assert entries(tmp_path / ".cache" / "govaudit") != []
    assert sorted(p.name for p in rules_dir().parent.iterdir()) == before
    # a relative XDG_CACHE_HOME is not a cache folder (the XDG spec): ~/.cache again
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.cache_dir() == tmp_path / ".cache" / "govaudit"


def test_an_edited_user_rule_is_loaded_anew(home, tmp_path):
    d = mine(tmp_path)
    (rule,) = [r for r in load_rules([d]) if r.id == "MY-SUM-001"]
    assert rule.severity == "warning"
    (d / "mine.yaml").write_text(
        textwrap.dedent(MINE).replace("severity: warning", "severity: error"), encoding="utf-8"
    )
    (rule,) = [r for r in load_rules([d]) if r.id == "MY-SUM-001"]
    assert rule.severity == "error"


def test_a_rule_file_added_to_the_users_folder_is_seen(home, tmp_path):
    d = mine(tmp_path)
    assert "MY-SUM-002" not in {r.id for r in load_rules([d])}
    (d / "more.yaml").write_text(
        textwrap.dedent(MINE).replace("MY-SUM-001", "MY-SUM-002"), encoding="utf-8"
    )
    assert "MY-SUM-002" in {r.id for r in load_rules([d])}


def test_a_rule_file_broken_after_a_cached_start_still_names_file_line_rule_and_field(
    home, tmp_path
):
    d = mine(tmp_path)
    load_rules([d])
    (d / "mine.yaml").write_text(
        textwrap.dedent(MINE).replace("total == sum(parts)", "totl == sum(parts)"),
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as exc:
        load_rules([d])
    err = exc.value
    assert (err.file, err.line, err.rule, err.field) == (
        str(d / "mine.yaml"),
        6,
        "MY-SUM-001",
        "assert",
    )
    assert "totl" in err.zh


def test_a_corrupt_entry_is_built_anew_and_replaced(home):
    good = summary(load_rules())
    for p in home.glob("rules-*.pickle"):
        p.write_bytes(b"\x80\x05 not a pickle at all")
    assert summary(load_rules()) == good
    for p in home.glob("rules-*.pickle"):  # written again, whole
        with p.open("rb") as fh:
            pickle.load(fh)
            assert summary(pickle.load(fh)) == good


def test_a_truncated_entry_is_built_anew(home):
    good = summary(load_rules())
    for p in home.glob("rules-*.pickle"):
        p.write_bytes(p.read_bytes()[:1000])
    assert summary(load_rules()) == good


def test_an_unwritable_cache_folder_is_passed_over(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # govaudit/ cannot be made in it
    monkeypatch.delenv("GOVAUDIT_NO_CACHE", raising=False)
    assert len(load_rules()) > 100
    assert vocab.__wrapped__("prose")  # the word lists too
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_entry_from_other_code_is_not_used(home, monkeypatch):
    calls = []

    def build() -> str:
        calls.append(1)
        return f"built {len(calls)}"

    assert cache.cached("probe", ("key",), build) == "built 1"
    assert cache.cached("probe", ("key",), build) == "built 1"  # from the cache
    assert cache.cached("probe", ("other key",), build) == "built 2"  # stale key
    monkeypatch.setattr(cache, "code_stamp", lambda: (("edited.py", 1, 2),))
    assert cache.cached("probe", ("other key",), build) == "built 3"  # edited code
    monkeypatch.setattr(cache, "__version__", "9.9")
    assert cache.cached("probe", ("other key",), build) == "built 4"  # another version


def test_govaudit_no_cache_writes_nothing(home, monkeypatch):
    monkeypatch.setenv("GOVAUDIT_NO_CACHE", "1")
    load_rules()
    assert not home.exists()


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=Path(__file__).parents[1],
        check=False,
    )


def test_a_cached_start_of_the_rule_commands_imports_no_extractor(tmp_path):
    """`govaudit rules list` or `rules show` from the cache reads no reader or extractor:
    the fact kinds are only needed to build the packs anew."""
    env = {"XDG_CACHE_HOME": str(tmp_path), "GOVAUDIT_NO_CACHE": ""}
    code = (
        "import sys; from govaudit.packs import load_rules; rules = load_rules(); "
        "print(len(rules), sorted(m for m in sys.modules if m.startswith(('govaudit.extract', "
        "'govaudit.readers', 'yaml'))))"
    )
    cold = run_python(code, env)
    assert cold.returncode == 0, cold.stderr
    assert "govaudit.extract" in cold.stdout and "yaml" in cold.stdout
    warm = run_python(code, env)
    assert warm.returncode == 0, warm.stderr
    count, _, imported = warm.stdout.partition(" ")
    assert int(count) > 100 and imported.strip() == "[]"


def test_importing_the_pipeline_parses_no_file(tmp_path):
    """Nothing is read at import time: the glossary, the word lists and the rules are read
    when first used."""
    code = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' else None)\n"
        "import govaudit.cli, govaudit.check, govaudit.across, govaudit.extract\n"
        "print([p for p in opened if p.endswith(('.yaml', '.yml', '.pickle', '.toml'))])\n"
    )
    out = run_python(code, {"XDG_CACHE_HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
