"""The command line as scripts and finance staff use it: exit codes, JSON contract,
several files in one call, rule selection, rule files."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from govaudit.cli import main
from tests.seeds import SEED_000, SEED_001, SEED_003

S000, S001, S003 = str(SEED_000), str(SEED_001), str(SEED_003)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_text_report_shows_the_finding_with_line_numbers_and_figures():
    r = run("check", S000, "--select", "GA-SUM")
    assert r.exit_code == 1
    assert "第85行" in r.output
    assert "GA-SUM-001" in r.output
    assert (
        "一般公共预算财政拨款基本支出 575.15 万元 ≠ 人员经费 461.75 + 公用经费 89.33 = 551.08 万元（差 24.07）"
        in r.output
    )
    assert "应为 551.08" in r.output and "实为 575.15" in r.output
    assert "85 │ 2023年度一般公共预算财政拨款基本支出【575.15万元】，其中：" in r.output
    assert "\x1b[" not in r.output  # no colour codes when not a terminal


def test_json_follows_the_contract():
    r = run("check", S003, "--format", "json", "--select", "GA-SUM,GA-SHR")
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert set(data) >= {"version", "files", "summary"}
    (f,) = data["files"]
    assert f["path"] == S003 and f["status"] == "ok" and f["error"] is None
    first = f["findings"][0]
    assert set(first) >= {
        "rule",
        "severity",
        "message",
        "line",
        "page",
        "expected",
        "actual",
        "excerpt",
    }
    assert (first["rule"], first["line"], first["expected"], first["actual"]) == (
        "GA-SUM-001",
        24,
        "542.38",
        "478.5",
    )
    assert first["severity"] == "error" and first["page"] is None
    assert "478.5" in first["excerpt"]
    assert data["summary"]["files"] == 1
    assert data["summary"]["errors"] == 1 and data["summary"]["infos"] == 1


def test_missing_file_exits_2_and_the_other_files_are_still_reported():
    r = run("check", "nope/missing.txt", S000, "--format", "json")
    assert r.exit_code == 2
    data = json.loads(r.output)
    missing, good = data["files"]
    assert missing["status"] == "error" and "找不到文件" in missing["error"]
    assert missing["findings"] == []
    assert good["status"] == "ok" and any(x["line"] == 85 for x in good["findings"])


def test_fail_on_levels():
    # 003 with only the share rule: one info finding
    assert run("check", S003, "--select", "GA-SHR").exit_code == 0
    assert run("check", S003, "--select", "GA-SHR", "--fail-on", "info").exit_code == 1
    assert run("check", S000, "--select", "GA-SUM", "--fail-on", "never").exit_code == 0


def test_select_and_ignore():
    r = run("check", S000, "--format", "json", "--ignore", "GA-SUM-001")
    rules = {x["rule"] for x in json.loads(r.output)["files"][0]["findings"]}
    assert "GA-SUM-001" not in rules
    r = run("check", S001, "--select", "GA-CHG", "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.output)["files"][0]["findings"] == []


def test_folder_and_glob(tmp_path):
    (tmp_path / "a.txt").write_bytes(SEED_003.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(SEED_000.read_bytes())
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    r = run("check", str(tmp_path), "--format", "json", "--select", "GA-SUM")
    paths = [f["path"] for f in json.loads(r.output)["files"]]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]
    r = run("check", str(tmp_path / "*.txt"), "--format", "json")
    assert [f["path"] for f in json.loads(r.output)["files"]] == [str(tmp_path / "a.txt")]


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    r = run("check", S003, "--format", "json", "--output", str(out))
    assert r.exit_code == 1
    assert r.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["path"] == S003


def test_jobs_gives_the_same_result():
    one = json.loads(run("check", S000, S003, "--format", "json").output)
    two = json.loads(run("check", S000, S003, "--format", "json", "--jobs", "2").output)
    assert one["files"] == two["files"]


def test_english_messages():
    r = run("check", S000, "--select", "GA-SUM-001", "--lang", "en")
    assert "line 85" in r.output
    assert "sum of parts 551.08" in r.output


def test_bad_rule_file_is_exit_2_naming_file_rule_and_field(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "rules:\n  - id: MY-X-001\n    title: t\n    applies_to: breakdown\n"
        "    assert: total == summe(parts)\n    severity: error\n    message: m\n",
        encoding="utf-8",
    )
    r = run("check", S003, "--rules", str(tmp_path))
    assert r.exit_code == 2
    assert "mine.yaml:5" in r.output and "MY-X-001" in r.output and "assert" in r.output
    assert "summe" in r.output


def test_user_rules_run_alongside_builtin_ones(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "rules:\n  - id: MY-BIG-001\n    title: 合计不超过一千万元\n    applies_to: breakdown\n"
        "    assert: total <= 1000\n    severity: warning\n    message: '{label(total)} {num(total)} 万元超过一千万元'\n"
        "    examples:\n      fail: ['本年支出合计3469.24万元，其中：基本支出575.18万元；项目支出2894.06万元。']\n",
        encoding="utf-8",
    )
    r = run("check", S000, "--rules", str(tmp_path), "--format", "json", "--select", "MY-")
    findings = json.loads(r.output)["files"][0]["findings"]
    assert {(f["rule"], f["line"]) for f in findings} >= {("MY-BIG-001", 35), ("MY-BIG-001", 39)}
    assert run("rules", "test", str(tmp_path)).exit_code == 0


def test_rules_list_show_test():
    r = run("rules", "list")
    assert r.exit_code == 0 and "GA-SUM-001" in r.output
    r = run("rules", "show", "GA-SUM-001")
    assert r.exit_code == 0 and "total == sum(parts)" in r.output and "575.15" in r.output
    assert run("rules", "show", "NO-SUCH-1").exit_code == 2
    r = run("rules", "test")
    assert r.exit_code == 0, r.output


def test_extract_shows_the_facts_as_json():
    r = run("extract", S000, "--format", "json", "--kind", "breakdown")
    assert r.exit_code == 0
    facts = json.loads(r.output)["facts"]
    b85 = next(f for f in facts if f["line"] == 85)
    assert b85["fields"]["total"]["text"] == "575.15万元"
    assert [p["label"] for p in b85["fields"]["parts"]] == ["人员经费", "公用经费"]


def test_python_dash_m_works_the_same():
    p = subprocess.run(
        [sys.executable, "-m", "govaudit", "check", S000, "--format", "json", "--select", "GA-SUM"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert p.returncode == 1
    assert json.loads(p.stdout)["files"][0]["findings"][0]["line"] == 85
