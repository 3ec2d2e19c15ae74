"""Suppressions with reasons: a baseline written from the seeds silences them, keeps them in
JSON and SARIF, survives moved lines, and lets an edited figure through."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govaudit.cli import main
from govaudit.config import ConfigError
from tests.seeds import SEED_000, SEEDS


def run(*args: str):
    return CliRunner().invoke(main, [*args])


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """A folder with copies of the seeds and no configuration: the baseline lands here."""
    (tmp_path / "seeds").mkdir()
    for p in SEEDS:
        shutil.copy(p, tmp_path / "seeds" / p.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_baseline_needs_a_reason(work):
    r = run("check", "seeds", "--write-baseline")
    assert r.exit_code == 2
    assert "--reason" in r.output and not (work / "govaudit-baseline.json").exists()


def test_a_baseline_from_the_seeds_makes_the_next_run_pass(work):
    assert run("check", "seeds").exit_code == 1
    r = run("check", "seeds", "--write-baseline", "--reason", "已公开，向财政局说明过")
    assert r.exit_code == 0, r.output
    data = json.loads((work / "govaudit-baseline.json").read_text(encoding="utf-8"))
    entry = data["suppressions"][0]
    assert set(entry) >= {"rule", "file", "fingerprint", "reason"}
    assert "/" not in entry["file"] and entry["reason"] == "已公开，向财政局说明过"

    r = run("check", "seeds")  # text: suppressed findings are left out, but counted
    assert r.exit_code == 0
    assert "第85行" not in r.output and "已按基线忽略" in r.output

    r = run("check", "seeds", "--format", "json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    findings = [f for x in out["files"] for f in x["findings"]]
    assert findings and all(f["suppressed"] for f in findings)
    assert {f["suppression_reason"] for f in findings} == {"已公开，向财政局说明过"}
    assert out["summary"]["errors"] == 0 and out["summary"]["suppressed"] == len(findings)
    assert out["stale_suppressions"] == []

    r = run("check", "seeds", "--format", "sarif")
    results = json.loads(r.stdout)["runs"][0]["results"]
    assert results and all(
        x["suppressions"][0]["justification"] == "已公开，向财政局说明过" for x in results
    )


def test_moved_lines_keep_the_suppression_and_an_edited_figure_is_a_new_finding(work):
    run("check", "seeds", "--write-baseline", "--reason", "已核实")
    target = work / "seeds" / SEED_000.name
    lines = target.read_text(encoding="utf-8").split("\n")
    # three lines inserted above: every finding moves, none reappears
    target.write_text("\n".join(["补充说明。", "", "（本段无数字）", *lines]), encoding="utf-8")
    assert run("check", "seeds").exit_code == 0

    # a figure edited in the copy: 人员经费 461.75 → 461.7 (the statement is now on line 88)
    text = target.read_text(encoding="utf-8").replace("人员经费461.75万元", "人员经费461.7万元", 1)
    target.write_text(text, encoding="utf-8")
    r = run("check", "seeds", "--format", "json")
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    live = [f for x in out["files"] for f in x["findings"] if not f["suppressed"]]
    assert [(f["rule"], f["line"], f["expected"], f["actual"]) for f in live] == [
        ("GA-SUM-001", 88, "551.03", "575.15")
    ]
    # the entry for the old figures no longer matches: reported, in JSON and in text
    (stale,) = out["stale_suppressions"]
    assert stale["rule"] == "GA-SUM-001" and stale["file"] == SEED_000.name
    assert out["summary"]["stale_suppressions"] == 1
    r = run("check", "seeds")
    assert "已不再匹配" in r.output

    # writing the baseline again keeps the old reasons and drops the stale entry
    r = run("check", "seeds", "--write-baseline", "--reason", "新数字已核实")
    assert r.exit_code == 0 and "删除已不再匹配的 1" in r.output
    data = json.loads((work / "govaudit-baseline.json").read_text(encoding="utf-8"))
    reasons = [e["reason"] for e in data["suppressions"]]
    assert reasons.count("新数字已核实") == 1 and reasons.count("已核实") == len(reasons) - 1


def test_entries_for_files_not_checked_are_not_stale_and_are_kept(work):
    run("check", "seeds", "--write-baseline", "--reason", "已核实")
    before = json.loads((work / "govaudit-baseline.json").read_text(encoding="utf-8"))
    r = run("check", f"seeds/{SEED_000.name}", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["stale_suppressions"] == []
    run("check", f"seeds/{SEED_000.name}", "--write-baseline")
    after = json.loads((work / "govaudit-baseline.json").read_text(encoding="utf-8"))
    assert after["suppressions"] == before["suppressions"]


def test_a_baseline_entry_without_a_reason_is_exit_2(work):
    (work / "b.json").write_text(
        json.dumps(
            {
                "version": 1,
                "suppressions": [
                    {"rule": "GA-SUM-001", "file": SEED_000.name, "fingerprint": "x", "reason": ""}
                ],
            }
        ),
        encoding="utf-8",
    )
    r = run("check", "seeds", "--baseline", "b.json")
    assert r.exit_code == 2
    assert "b.json" in r.output and "suppressions[0].reason" in r.output
    (work / "b.json").write_text("{not json", encoding="utf-8")
    r = run("check", "seeds", "--baseline", "b.json")
    assert r.exit_code == 2 and "JSON" in r.output
    r = run("check", "seeds", "--baseline", "missing.json")
    assert r.exit_code == 2 and "missing.json" in r.output


def test_suppressions_in_the_config(work):
    r = run("check", f"seeds/{SEED_000.name}", "--select", "GA-SUM", "--format", "json")
    (f,) = [x for x in json.loads(r.stdout)["files"][0]["findings"] if x["line"] == 85]
    (work / "pyproject.toml").write_text(
        '[tool.govaudit]\nselect = ["GA-SUM"]\n\n[[tool.govaudit.suppress]]\n'
        f'rule = "GA-SUM-001"\nfile = "{SEED_000.name}"\nfingerprint = "{f["fingerprint"]}"\n'
        'reason = "原表如此，已在附注说明"\n',
        encoding="utf-8",
    )
    r = run("check", f"seeds/{SEED_000.name}", "--format", "json")
    found = json.loads(r.stdout)["files"][0]["findings"]
    hit = next(x for x in found if x["line"] == 85)
    assert hit["suppressed"] and hit["suppression_reason"] == "原表如此，已在附注说明"
    # a suppression without a reason is a configuration error
    text = (work / "pyproject.toml").read_text(encoding="utf-8")
    (work / "pyproject.toml").write_text(text.replace('reason = "原表如此，已在附注说明"\n', ""))
    r = run("check", f"seeds/{SEED_000.name}")
    assert r.exit_code == 2
    assert "pyproject.toml" in r.output and "suppress[0].reason" in r.output


def test_reason_required_error_is_a_config_error():
    from govaudit.baseline import ReasonRequired

    assert issubclass(ReasonRequired, ConfigError)


def test_write_baseline_to_a_new_file_named_by_the_option(work):
    r = run("check", "seeds", "--baseline", "accepted.json", "--write-baseline", "--reason", "r")
    assert r.exit_code == 0 and (work / "accepted.json").is_file()
    assert run("check", "seeds", "--baseline", "accepted.json").exit_code == 0
    assert run("check", "seeds").exit_code == 1  # not the default name: not found by itself
