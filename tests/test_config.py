"""Configuration: found from the current folder upward, validated with errors that name the
file and the key, overridden by command-line flags, shown by `govaudit config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from govaudit.cli import main
from govaudit.config import ConfigError, find_config, load_file_settings, severity_for
from tests.seeds import SEED_000, SEED_003

S000, S003 = str(SEED_000), str(SEED_003)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_from_the_current_folder_upward(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    write(tmp_path / "pyproject.toml", '[tool.govaudit]\nfail-on = "never"\n')
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "x"\n')  # no table: passed over
    assert find_config(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "a" / "govaudit.toml", 'fail-on = "info"\n')
    assert find_config(deep) == tmp_path / "a" / "govaudit.toml"
    write(tmp_path / "a" / "b" / "pyproject.toml", '[tool.govaudit]\nlang = "en"\n')
    write(tmp_path / "a" / "b" / "govaudit.toml", 'lang = "zh"\n')
    assert find_config(deep) == deep / "govaudit.toml"  # govaudit.toml first in a folder


def test_every_key(tmp_path):
    (tmp_path / "my-rules").mkdir()
    cfg = write(
        tmp_path / "conf" / "govaudit.toml",
        'select = ["GA-SUM", "GA-SHR-001"]\nignore = "GA-SUM-002"\nfail_on = "warning"\n'
        'rules = ["../my-rules"]\nperf-profile = "20+80"\nbaseline = "base.json"\n'
        'lang = "en"\njobs = 2\n[severity]\n"GA-SHR" = "info"\n',
    )
    s = load_file_settings(cfg)
    assert s.select == ["GA-SUM", "GA-SHR-001"] and s.ignore == ["GA-SUM-002"]
    assert s.fail_on == "warning" and s.lang == "en" and s.jobs == 2
    assert s.rule_dirs == [(tmp_path / "my-rules").resolve()]  # relative to the file
    assert s.baseline == (tmp_path / "conf" / "base.json").resolve()
    assert s.perf_profile == "20+80"
    assert s.severity == {"GA-SHR": "info"}
    assert s.source_of("fail-on") == "file" and s.source_of("suppress") == "default"


@pytest.mark.parametrize(
    ("body", "key", "words"),
    [
        ('fail-on = "fatal"\n', "fail-on", "never"),
        ('colour = "red"\n', "colour", "select"),
        ('perf-profile = "10"\n', "perf-profile", "10+90"),
        ('select = ["GA SUM"]\n', "select", "GA SUM"),
        ('rules = ["nowhere"]\n', "rules", "nowhere"),
        ("jobs = 0\n", "jobs", "64"),
        ('[severity]\n"GA-SUM-001" = "fatal"\n', "severity.GA-SUM-001", "info"),
        (
            '[[suppress]]\nrule = "GA-SUM-001"\nfile = "a.txt"\nfingerprint = "abc"\n',
            "suppress[0].reason",
            "reason",
        ),
        (
            '[[suppress]]\nrule = "GA-SUM-001"\nfile = "a.txt"\nfingerprint = "abc"\nreason = " "\n',
            "suppress[0].reason",
            "reason",
        ),
    ],
)
def test_a_bad_value_names_the_file_and_the_key(tmp_path, body, key, words):
    cfg = write(tmp_path / "govaudit.toml", body)
    with pytest.raises(ConfigError) as e:
        load_file_settings(cfg)
    assert str(cfg) in e.value.zh and f"键 {key}" in e.value.zh
    assert words in e.value.zh
    assert f"key {key}" in e.value.en


def test_bad_config_is_exit_2_naming_file_and_key(tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", '[tool.govaudit]\nfail-on = "fatal"\n')
    monkeypatch.chdir(tmp_path)
    r = run("check", S003)
    assert r.exit_code == 2
    assert "pyproject.toml" in r.output and "fail-on" in r.output
    write(tmp_path / "pyproject.toml", "[tool.govaudit\n")
    r = run("config")
    assert r.exit_code == 2 and "TOML" in r.output


def test_config_applies_and_flags_override_it(tmp_path, monkeypatch):
    write(
        tmp_path / "pyproject.toml",
        '[tool.govaudit]\nselect = ["GA-SUM"]\nfail-on = "never"\n',
    )
    monkeypatch.chdir(tmp_path)
    r = run("check", S000, "--format", "json")
    assert r.exit_code == 0  # fail-on never, from the file
    rules = {f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert rules == {"GA-SUM-001"}
    assert run("check", S000, "--fail-on", "error").exit_code == 1  # the flag wins
    r = run("check", S003, "--format", "json", "--select", "GA-SHR")
    rules = {f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert rules and all(x.startswith("GA-SHR") for x in rules)
    # --no-config: back to the defaults
    assert run("check", S000, "--no-config").exit_code == 1


def test_severity_overrides_with_prefixes(tmp_path, monkeypatch):
    assert severity_for("GA-SUM-001", {"GA-SUM": "info", "GA-SUM-001": "warning"}) == "warning"
    assert severity_for("GA-SUM-002", {"GA": "info", "GA-SUM": "warning"}) == "warning"
    assert severity_for("GA-SHR-001", {"GA-SUM": "info"}) is None
    write(tmp_path / "govaudit.toml", '[severity]\n"GA-SUM" = "warning"\n')
    monkeypatch.chdir(tmp_path)
    r = run("check", S003, "--select", "GA-SUM", "--format", "json")
    sev = {f["severity"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert sev == {"warning"} and r.exit_code == 0
    r = run("check", S003, "--select", "GA-SUM", "--severity", "GA-SUM-001=error")
    assert r.exit_code == 1


def test_a_pattern_that_matches_no_rule_is_an_error(tmp_path, monkeypatch):
    write(tmp_path / "govaudit.toml", 'ignore = ["GA-SUMM"]\n')
    monkeypatch.chdir(tmp_path)
    r = run("check", S003)
    assert r.exit_code == 2 and "GA-SUMM" in r.output and "govaudit.toml" in r.output
    r = run("check", S003, "--no-config", "--select", "NO-SUCH")
    assert r.exit_code == 2 and "--select" in r.output


def test_extra_rule_folders_are_relative_to_the_config_file(tmp_path, monkeypatch):
    write(
        tmp_path / "rules" / "mine.yaml",
        "rules:\n  - id: MY-BIG-001\n    title: 合计不超过一千万元\n    applies_to: breakdown\n"
        "    assert: total <= 1000\n    severity: warning\n    message: '{label(total)} 超过一千万元'\n",
    )
    write(tmp_path / "pyproject.toml", '[tool.govaudit]\nrules = ["rules"]\nselect = ["MY-"]\n')
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    r = run("check", S000, "--format", "json")
    assert {f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]} == {"MY-BIG-001"}
    r = run("rules", "list")
    assert "MY-BIG-001" in r.output and "mine.yaml" in r.output


def test_govaudit_config_shows_values_and_where_they_came_from(tmp_path, monkeypatch):
    write(
        tmp_path / "pyproject.toml",
        '[tool.govaudit]\nselect = ["GA-SUM"]\nperf-profile = "10+90"\n',
    )
    monkeypatch.chdir(tmp_path)
    r = run("config")
    assert r.exit_code == 0
    assert str(tmp_path / "pyproject.toml") in r.output
    assert "pyproject.toml [tool.govaudit]" in r.output and "默认" in r.output
    r = run("config", "--format", "json", "--fail-on", "info", "--ignore", "GA-SUM-002")
    data = json.loads(r.stdout)
    st = data["settings"]
    assert st["select"] == {
        "value": ["GA-SUM"],
        "source": "file",
        "meaning": st["select"]["meaning"],
    }
    assert st["fail-on"]["value"] == "info" and st["fail-on"]["source"] == "cli"
    assert st["ignore"]["source"] == "cli" and st["lang"]["source"] == "default"
    assert st["perf-profile"]["value"] == "10+90"
    assert "GA-SUM-002" not in data["rules"]["active"] and "GA-SUM-001" in data["rules"]["active"]
    r = run("config", "--lang", "en")
    assert "configuration file:" in r.output and "command line" in r.output


def test_the_perf_profile_reaches_the_perf_extractor():
    """perf-profile travels to the 绩效 extractor with the files (no module global): 000's
    Sichuan tables give 10 + 90, so a configured 20 + 80 flags their weights."""
    base = run("check", S000, "--no-config", "--select", "GA-PERF-007", "--format", "json")
    assert json.loads(base.stdout)["summary"]["errors"] == 0
    r = run(
        "check",
        S000,
        "--no-config",
        "--perf-profile",
        "20+80",
        "--select",
        "GA-PERF-007",
        "--format",
        "json",
    )
    found = json.loads(r.stdout)["files"][0]["findings"]
    assert len(found) == 11 and {(f["expected"], f["actual"]) for f in found} == {("20", "10")}


def test_the_perf_profile_gives_the_same_findings_in_parallel():
    one = run("check", S000, S003, "--no-config", "--perf-profile", "20+80", "--format", "json")
    two = run(
        "check", S000, S003, "--no-config", "--perf-profile", "20+80", "--format", "json", "-j", "2"
    )
    assert json.loads(one.stdout)["files"] == json.loads(two.stdout)["files"]
