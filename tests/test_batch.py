"""A runaway file becomes a reported error after the per-file time limit; the rest of the
batch is checked as usual, in order and in parallel."""

from __future__ import annotations

import time

import pytest

from govaudit import batch
from govaudit.check import check_file
from tests.seeds import SEED_000, SEED_003


@pytest.fixture
def slow_000(monkeypatch):
    def slow(path, rules, settings=None):
        if path == str(SEED_000):
            time.sleep(30)
        return check_file(path, rules, settings)

    monkeypatch.setattr(batch, "check_file", slow)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_runaway_file_is_stopped_and_reported(slow_000, rules, jobs):
    start = time.monotonic()
    # a limit the good file keeps even on a loaded machine (it takes ~0.1 s alone)
    reports = batch.run_batch([str(SEED_000), str(SEED_003)], rules, jobs=jobs, timeout=3)
    assert time.monotonic() - start < 20
    slow, good = reports
    assert slow.status == "error" and "检查超时" in slow.error and "3 秒" in slow.error
    assert good.status == "ok" and any(f.loc.line == 24 for f in good.findings)


def test_no_limit_when_zero(rules):
    (report,) = batch.run_batch([str(SEED_003)], rules, timeout=0)
    assert report.status == "ok"


def test_timeout_from_the_command_line_and_the_config(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from govaudit.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "govaudit.toml").write_text("timeout = 45\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["config", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert "45" in r.output
    r = CliRunner().invoke(main, ["check", str(SEED_003), "--timeout", "60", "--format", "json"])
    assert json.loads(r.output)["files"][0]["status"] == "ok"
    (tmp_path / "govaudit.toml").write_text("timeout = -1\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(SEED_003)])
    assert r.exit_code == 2 and "timeout" in r.output
