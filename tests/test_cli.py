"""The command line as scripts and finance staff use it: exit codes, JSON contract,
several files in one call, rule selection, rule files."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

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
    # GA-SUM-001 line 24 and GA-SHR-001 line 38 (1.52% fits neither rounding nor truncation)
    assert data["summary"]["errors"] == 2 and data["summary"]["infos"] == 0


def test_missing_file_exits_2_and_the_other_files_are_still_reported():
    r = run("check", "nope/missing.txt", S000, "--format", "json")
    assert r.exit_code == 2
    data = json.loads(r.output)
    missing, good = data["files"]
    assert missing["status"] == "error" and "找不到文件" in missing["error"]
    assert missing["findings"] == []
    assert good["status"] == "ok" and any(x["line"] == 85 for x in good["findings"])


def test_fail_on_levels():
    # 003 with only the renamed-class rule: two info findings
    assert run("check", S003, "--select", "GA-SUBJ-002").exit_code == 0
    assert run("check", S003, "--select", "GA-SUBJ-002", "--fail-on", "info").exit_code == 1
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
    assert r.stdout == ""
    assert r.stderr == f"JSON 报告已写入 {out}\n"  # every format says where it went
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


# --------------------------------------------------------------------------- issue 6


def test_batch_summary_table_and_a_bad_file_does_not_stop_it(tmp_path):
    (tmp_path / "a.txt").write_bytes(SEED_003.read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.txt").write_bytes(SEED_000.read_bytes())
    r = run("check", str(tmp_path), "--jobs", "2", "--no-config")
    assert r.exit_code == 2
    table = r.output[r.output.index("┏") :]
    assert "文件" in table and "状态" in table and "错误" in table and "警告" in table
    assert "无法读取" in table and "有问题" in table
    for name in ("a.txt", "bad.txt", "c.txt"):
        assert name in table
    r = run("check", str(tmp_path), "--lang", "en", "--no-config")
    assert "unreadable" in r.output and "status" in r.output and "file(s) checked" in r.output


def test_statistics_per_rule():
    r = run("check", S003, "--statistics", "--no-config", "--select", "GA-SUM,GA-SHR")
    assert "各规则统计" in r.output and "GA-SUM-001" in r.output and "GA-SHR-001" in r.output
    r = run("check", S003, "--statistics", "--no-config", "--select", "GA-SUM", "--format", "json")
    stats = {s["rule"]: s for s in json.loads(r.stdout)["statistics"]}
    s = stats["GA-SUM-001"]
    assert s["checked"] == s["held"] + s["failed"] + s["unverified"] and s["findings"] >= 1
    assert "GA-SUM-002" in stats  # every active rule, also one that found nothing
    # without --statistics the JSON is unchanged
    r = run("check", S003, "--no-config", "--select", "GA-SUM", "--format", "json")
    assert "statistics" not in json.loads(r.stdout)


def test_every_format_on_a_seed(tmp_path):
    for fmt in ("text", "json", "sarif", "html"):
        out = tmp_path / f"r.{fmt}"
        r = run("check", S000, "--format", fmt, "--output", str(out), "--no-config")
        assert r.exit_code == 1, fmt
        body = out.read_text(encoding="utf-8")
        assert "575.15" in body, fmt
        assert r.stdout == "", fmt
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _run_with_terminal_stderr(args: list[str]) -> tuple[int, str, str]:
    """Run govaudit with stdout a pipe and stderr a pseudo-terminal (as a user at a terminal
    piping JSON into a script would)."""
    import os
    import pty
    import tempfile

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("FORCE_COLOR", None)
    env.pop("NO_COLOR", None)
    with tempfile.TemporaryFile() as out_file:  # a file, so a long stdout cannot block
        p = subprocess.Popen(
            [sys.executable, "-m", "govaudit", *args],
            stdout=out_file,
            stderr=slave,
            env=env,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        p.wait()
        os.close(master)
        out_file.seek(0)
        out = out_file.read().decode("utf-8")
    return p.returncode, out, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_never_with_json_on_stdout():
    code, out, err = _run_with_terminal_stderr(
        ["check", S000, S001, S003, "--jobs", "2", "--no-config"]
    )
    assert code == 1
    assert "检查中" in err and "3/3" in err  # the bar, on the terminal
    assert "检查中" not in out and "共检查 3 个文件" in out  # the report, with its summary
    # JSON on stdout: nothing but JSON reaches the terminal, not even a transient bar
    code, out, err = _run_with_terminal_stderr(
        ["check", S000, S001, S003, "--format", "json", "--jobs", "2", "--no-config"]
    )
    assert code == 1
    assert json.loads(out)["summary"]["files"] == 3
    assert err == ""
    # JSON written to a file: the terminal may show the bar
    with tempfile.TemporaryDirectory() as d:
        target = str(Path(d) / "r.json")
        code, out, err = _run_with_terminal_stderr(
            ["check", S000, S003, "--format", "json", "-o", target, "--no-config"]
        )
        assert "检查中" in err
        assert json.loads(Path(target).read_text(encoding="utf-8"))["summary"]["files"] == 2
    # not a terminal: no bar anywhere
    p = subprocess.run(
        [sys.executable, "-m", "govaudit", "check", S000, S003, "--format", "json", "--no-config"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert p.stderr == "" and json.loads(p.stdout)["summary"]["files"] == 2
    # one file, or --no-progress: no bar either
    code, out, err = _run_with_terminal_stderr(["check", S000, "--no-config"])
    assert "检查中" not in err
    code, out, err = _run_with_terminal_stderr(
        ["check", S000, S003, "--no-progress", "--no-config"]
    )
    assert "检查中" not in err


def test_rules_list_show_test_polish():
    r = run("rules", "list", "--lang", "en")
    assert "GA-SUM-001" in r.output and "severity" in r.output and "applies to" in r.output
    assert "rules," in r.output and "active" in r.output
    r = run("rules", "list", "--format", "json")
    rule = next(x for x in json.loads(r.stdout) if x["id"] == "GA-SUM-001")
    assert rule["active"] is True and rule["builtin"] is True
    assert rule["title_en"] == "A total equals the sum of its parts"
    r = run("rules", "show", "GA-SUM-001", "--lang", "en")
    assert r.exit_code == 0 and "assert: total == sum(parts)" in r.output
    r = run("rules", "show", "GA-SUM")
    assert r.exit_code == 2 and "GA-SUM-001" in r.output  # suggests the close ids
    r = run("rules", "test", "--verbose")
    assert r.exit_code == 0 and "✓ GA-SUM-001" in r.output


def test_extract_shows_the_ledger_with_every_place(tmp_path):
    """003 states 本年收入合计 twice (478.5 on line 24, 542.38 on line 371): one key, two places."""
    from tests.seeds import SEED_003

    r = CliRunner().invoke(main, ["extract", str(SEED_003), "--kind", "ledger", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["document"]["kind"] == "部门决算" and data["document"]["year"] == 2020
    assert data["facts"] == []
    (group,) = [
        g
        for g in data["ledger"]
        if g["key"]["concept"] == "本年收入合计" and g["key"]["scope"] == "全部资金"
    ]
    assert [(e["line"], e["text"]) for e in group["entries"]] == [
        (24, "478.5万元"),
        (371, "542.38万元"),
    ]
    text = CliRunner().invoke(main, ["extract", str(SEED_003), "--kind", "ledger"]).output
    assert "账簿：" in text and "正文第24行；正文第371行" in text


def test_rules_kinds_and_functions_come_from_the_code():
    r = CliRunner().invoke(main, ["rules", "kinds", "--format", "json"])
    kinds = json.loads(r.stdout)
    from govaudit.check import all_kinds

    assert kinds == all_kinds() and "cross_prior" in kinds
    assert "first" in kinds["same_figure"] and "__cells__" not in kinds["table_row"]
    r = CliRunner().invoke(main, ["rules", "functions"])
    assert "cell(栏名)：表中本行该栏的数（没有这一栏时为 none）" in r.output
