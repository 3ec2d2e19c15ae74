"""The finance officer's and the auditor's workflow (issue 14): nothing dropped from a folder
scan, nothing falsely passed, reports people can use (formats chosen by the file name, a
table row for a finding in a table, csv/xlsx workpapers, concise lines, --min-severity,
--quiet, a summary table that fits), and the rough edges of the command line."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from rich.console import Console

from govaudit.cli import main
from tests.readers.docx_builder import docx_from_text
from tests.seeds import SEED_000, SEED_001, SEED_003, SEED_004, seed_line, seed_lines

S000, S003 = str(SEED_000), str(SEED_003)
# the first bytes of every old binary Office/WPS file (an OLE2 compound document)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def run(*args: str, **kw):
    return CliRunner().invoke(main, list(args), prog_name="govaudit", **kw)


def department_folder(tmp_path: Path) -> Path:
    """What a reviewer receives: a Word file, an old .doc and .xls, the lock file Word leaves
    while the .docx is open, and the .git folder of whoever keeps the folder."""
    folder = tmp_path / "各部门"
    folder.mkdir()
    (folder / "泸县行政审批局2020年度部门决算.docx").write_bytes(docx_from_text(SEED_003))
    (folder / "2019年度部门决算.doc").write_bytes(OLE2)
    (folder / "附表.xls").write_bytes(OLE2)
    (folder / "~$县行政审批局2020年度部门决算.docx").write_bytes(b"\x0czhangsan" + b" " * 150)
    git = folder / ".git"
    (git / "objects" / "ab").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (git / "objects" / "ab" / "notes.txt").write_text("不该被检查", encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- 1. nothing dropped


def test_a_folder_reports_old_formats_as_unreadable_and_passes_over_lock_and_git_files(tmp_path):
    folder = department_folder(tmp_path)
    r = run("check", str(folder), "--format", "json", "--no-config")
    assert r.exit_code == 2
    data = json.loads(r.output)
    names = [Path(f["path"]).name for f in data["files"]]
    assert names == ["2019年度部门决算.doc", "泸县行政审批局2020年度部门决算.docx", "附表.xls"]
    assert data["summary"]["files"] == 3 and data["summary"]["unreadable"] == 2
    old = [f for f in data["files"] if f["status"] == "error"]
    assert [f["verdict"] for f in old] == ["unreadable", "unreadable"]
    assert all("另存为" in f["error"] for f in old)
    assert "旧版 Office 格式（.doc）" in old[0]["error"] and "（.xls）" in old[1]["error"]
    assert data["skipped"] == []
    # the text report says the same, with the advice, and counts them
    r = run("check", str(folder), "--no-config")
    assert "共检查 3 个文件" in r.output and "无法读取 2 个" in r.output
    assert r.output.count("请在 Word/Excel/WPS 中另存为 .docx 或 .xlsx 后再检查") == 2
    assert "~$" not in r.output and ".git" not in r.output


def test_other_files_in_a_folder_are_listed_as_skipped(tmp_path):
    folder = department_folder(tmp_path)
    (folder / "扫描件.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    r = run("check", str(folder), "--no-config")
    assert "跳过 1 个不支持的文件" in r.output and "扫描件.png" in r.output
    data = json.loads(run("check", str(folder), "--format", "json", "--no-config").output)
    assert [(Path(x["path"]).name, x["reason"]) for x in data["skipped"]] == [
        ("扫描件.png", "unsupported")
    ]
    assert data["summary"]["files"] == 3


def test_a_folder_of_old_formats_only_is_checked_not_called_empty(tmp_path):
    (tmp_path / "a.wps").write_bytes(OLE2)
    (tmp_path / "b.et").write_bytes(OLE2)
    r = run("check", str(tmp_path), "--no-config")
    assert r.exit_code == 2
    assert "没有找到可检查的文件" not in r.output
    assert "共检查 2 个文件" in r.output and "无法读取 2 个" in r.output


def test_an_empty_folder_is_named_with_the_types_govaudit_reads(tmp_path):
    folder = tmp_path / "空文件夹"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "a.txt").write_text("x", encoding="utf-8")
    (folder / "照片.jpg").write_bytes(b"\xff\xd8\xff")
    r = run("check", str(folder), "--no-config")
    assert r.exit_code == 2
    assert f"没有找到可检查的文件：{folder} 中没有" in r.output
    assert ".docx" in r.output and ".pdf" in r.output and ".xlsx" in r.output
    assert "照片.jpg" in r.output
    r = run("check", str(folder), "--no-config", "--lang", "en")
    assert f"no files to check: {folder} holds no" in r.output


# --------------------------------------------------------------------------- 2. no false pass


def test_a_workbook_whose_total_is_an_uncalculated_formula_is_never_passed(tmp_path):
    """Seed 000 line 85's 基本支出 written by a script: the parts as numbers, the total a
    formula nobody calculated."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["人员经费", 461.75])
    ws.append(["公用经费", 89.33])
    ws.append(["一般公共预算财政拨款基本支出", "=SUM(B1:B2)"])
    path = tmp_path / "基本支出.xlsx"
    wb.save(path)
    r = run("check", str(path), "--no-config")
    assert r.exit_code == 2
    assert "未发现问题" not in r.output
    assert "1 个公式没有计算结果" in r.output
    assert "请在 Excel 或 WPS 中打开并保存一次后再检查" in r.output


def test_a_file_in_which_nothing_could_be_checked_says_so(tmp_path):
    """Seed 004's first lines: the web page's navigation and the title, no figures."""
    nav = tmp_path / "nav.txt"
    nav.write_text(seed_lines(SEED_004, 1, 11) + "\n", encoding="utf-8")
    r = run("check", str(nav), "--no-config")
    assert "未能核对任何关系" in r.output and "未发现问题」不代表没有问题" in r.output
    assert "✓ 未发现问题" not in r.output
    assert "未能核对任何关系 1 个" in r.output
    data = json.loads(run("check", str(nav), S003, "--format", "json", "--no-config").output)
    assert [f["verdict"] for f in data["files"]] == ["nothing_checked", "error"]
    assert data["summary"]["nothing_checked"] == 1
    concise = run("check", str(nav), "--format", "concise", "--no-config").output
    assert concise == f"{nav}: 未能核对任何关系（无法验证 0 项）\n"


# --------------------------------------------------------------------------- 3. output


def test_the_output_file_name_chooses_the_format(tmp_path):
    for name, check in (
        ("r.json", lambda b: json.loads(b)["files"][0]["path"] == S000),
        ("r.sarif", lambda b: json.loads(b)["version"] == "2.1.0"),
        ("r.html", lambda b: b.startswith(b"<!DOCTYPE html>")),
        ("r.csv", lambda b: b.startswith("\ufeff文件,单位,种类,年度,页,行".encode())),
        ("r.xlsx", lambda b: b.startswith(b"PK\x03\x04")),
        ("r.txt", lambda b: "第85行" in b.decode("utf-8")),
    ):
        out = tmp_path / name
        r = run("check", S000, "-o", str(out), "--no-config")
        assert r.exit_code == 1, name
        assert check(out.read_bytes()), name


def test_a_format_that_contradicts_the_file_name_is_refused(tmp_path):
    out = tmp_path / "报告.json"
    r = run("check", S000, "--format", "html", "-o", str(out), "--no-config")
    assert r.exit_code == 2 and not out.exists()
    assert "扩展名 .json 表示 json 格式，与 --format html 不符" in r.output
    # the same format, or an extension that means nothing, is fine
    assert run("check", S000, "--format", "json", "-o", str(out), "--no-config").exit_code == 1
    log = tmp_path / "结果.out"
    assert run("check", S000, "--format", "json", "-o", str(log), "--no-config").exit_code == 1
    assert json.loads(log.read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_csv_is_one_row_per_finding_readable_by_excel(tmp_path):
    folder = department_folder(tmp_path)
    out = tmp_path / "底稿.csv"
    r = run("check", S000, str(folder / "附表.xls"), "-o", str(out), "--no-config")
    assert r.exit_code == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads it as UTF-8
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == [
        "文件",
        "单位",
        "种类",
        "年度",
        "页",
        "行",
        "表/行/列",
        "规则",
        "规则名称",
        "级别",
        "问题",
        "应为",
        "实为",
        "差",
        "同时导致",
        "摘录",
    ]
    by_line = {(r[0], r[5], r[7]): r for r in rows[1:]}
    r85 = by_line[(S000, "85", "GA-SUM-001")]
    assert r85[1:4] == ["泸州市政务服务管理局", "单位决算", "2023"]
    assert r85[8:] == [
        "合计应等于各分项之和",
        "错误",
        "一般公共预算财政拨款基本支出 575.15 万元 ≠ 人员经费 461.75 + 公用经费 89.33 = 551.08 万元（差 24.07）",
        "551.08",
        "575.15",
        "24.07",
        "",
        seed_line(SEED_000, 85).strip(),
    ]
    # a finding in a table: its row, the figure marked; the 评价结论 that says the same 99
    # is the same defect, listed with it
    r645 = by_line[(S000, "645", "GA-PERF-001")]
    assert (r645[13], r645[15]) == ("-0.9", "合计 │ 权重：100 │ 得分：【99】")
    assert r645[14].startswith("同时导致 GA-PERF-009（第651行）：")
    # the unreadable file is a row too
    xls = [r for r in rows if r[0].endswith("附表.xls")]
    assert len(xls) == 1 and xls[0][9] == "无法读取" and "另存为" in xls[0][10]
    assert len(rows) == 1 + 11 + 1


def test_xlsx_workpaper_has_filters_a_frozen_heading_and_a_sheet_of_files(tmp_path):
    out = tmp_path / "底稿.xlsx"
    r = run("check", S000, S003, "-o", str(out), "--no-config")
    assert r.exit_code == 1
    wb = openpyxl.load_workbook(out)
    ws = wb["问题"]
    assert [c.value for c in ws[1]] == [
        "文件", "单位", "种类", "年度", "页", "行", "表/行/列", "规则", "规则名称", "级别", "问题",
        "应为", "实为", "差", "同时导致", "摘录",
    ]  # fmt: skip
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:P{ws.max_row}"
    row = next(r for r in ws.iter_rows(min_row=2) if r[5].value == 85)
    assert row[1].value == "泸州市政务服务管理局" and row[3].value == 2023
    assert row[7].value == "GA-SUM-001" and row[8].value == "合计应等于各分项之和"
    # 应为, 实为 and 差 are numbers, shown with the decimals printed
    assert (row[11].value, row[12].value) == (551.08, 575.15)
    assert row[11].number_format == "0.00" and row[11].data_type == "n"
    assert float(row[13].value) == 24.07 and row[13].number_format == "0.00"
    pct = next(r for r in ws.iter_rows(min_row=2) if r[7].value == "GA-SHR-001")
    assert pct[11].value == 1.51 and pct[11].number_format == '0.00"%"'
    files = wb["文件"]
    assert [c.value for c in files[1]][:5] == ["文件", "单位", "种类", "年度", "结果"]
    assert [(r[0].value, r[2].value, r[4].value) for r in files.iter_rows(min_row=2)] == [
        (S000, "单位决算", "有错误"),
        (S003, "部门决算", "有错误"),
    ]


def test_spreadsheet_cells_never_become_formulas(tmp_path):
    from govaudit.model import FileReport, Finding, Location
    from govaudit.report import Output, Run
    from govaudit.report.sheet import render_csv, render_xlsx

    f = Finding(
        rule="GA-SUM-001",
        severity="error",
        title="t",
        message='=HYPERLINK("http://x","y")',
        loc=Location(line=3),
        excerpt="+1+1",
    )
    run_ = Run(reports=[FileReport(path="@a.txt", findings=[f])])
    buf = io.BytesIO()
    render_xlsx(run_, Output(buf, "x.xlsx"))
    ws = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))["问题"]
    assert ws["K2"].value == '=HYPERLINK("http://x","y")' and ws["K2"].data_type == "s"
    buf = io.BytesIO()
    render_csv(run_, Output(buf, "x.csv"))
    row = list(csv.reader(io.StringIO(buf.getvalue().decode("utf-8-sig"))))[1]
    assert row[0] == "'@a.txt" and row[10] == '\'=HYPERLINK("http://x","y")' and row[15] == "'+1+1"


def test_concise_is_one_line_per_finding_with_line_and_column(tmp_path):
    docx = tmp_path / "决算.docx"
    docx.write_bytes(docx_from_text(SEED_000))
    r = run("check", S000, str(docx), "--format", "concise", "--no-config")
    assert r.exit_code == 1
    lines = r.output.splitlines()
    line85 = seed_line(SEED_000, 85)
    col = line85.index("575.15万元") + 1
    assert (
        f"{S000}:85:{col}: GA-SUM-001 [错误] 一般公共预算财政拨款基本支出 575.15 万元 ≠ "
        in r.output
    )
    assert f"{docx}:第55段: GA-SUM-001 [错误] " in r.output  # no line in a .docx: its place
    # one line per defect: the relations it also breaks are named on its line
    assert "合计栏却写 99（差 0.9）（同时导致 GA-PERF-009）" in r.output
    pattern = re.compile(r"^\S+?:(\d+(:\d+)?|[^\s:]+): GA-[A-Z]+-\d{3} \[(错误|警告|提示)\] \S")
    assert lines and all(pattern.match(x) for x in lines), [
        x for x in lines if not pattern.match(x)
    ]
    assert len(lines) == 22


def test_min_severity_hides_lower_findings_and_says_how_many(tmp_path):
    r = run("check", S000, "--min-severity", "error", "--no-config")
    assert r.exit_code == 1
    assert "  错误  " in r.output and "  警告  " not in r.output
    assert "另有 7 项低于「错误」级别的问题未显示（--min-severity）" in r.output
    all_ = run("check", S000, "--no-config")
    assert "  警告  " in all_.output
    # the exit code and the machine formats do not change
    data = json.loads(run("check", S000, "--min-severity", "error", "--format", "json").output)
    assert data["summary"]["warnings"] == 7


def test_quiet_prints_the_summary_only():
    r = run("check", S000, S003, "--quiet", "--no-config")
    assert r.exit_code == 1
    # 715 relations: the share lists (GA-SHR-002, one per list) and their shares' last
    # digits (GA-SHR-003) are relations too
    assert r.output.splitlines() == [
        "共检查 2 个文件，2 个有问题：错误 6，警告 9，提示 2；无法读取 0 个。"
        "核对关系 790 项，不成立 20，无法验证 0。"
    ]


def test_a_finding_in_a_table_shows_its_row_not_a_lone_cell():
    r = run("check", S000, "--select", "GA-PERF-001,GA-PERF-020", "--no-config")
    assert "    643–646 │ 合计 │ 权重：100 │ 得分：【99】" in r.output
    assert (
        "三级指标：运营人员管理费用 │ 指标性质：＝ │ 指标值：600000 │ 度量单位：元/人年 │ "
        in r.output
    )
    assert "完成值：【60000】 │ 权重：10 │ 得分：【10】" in r.output
    assert "645 │ 【99】" not in r.output


def _summary_table(width: int, terminal: bool) -> list[str]:
    from govaudit.check import check_file, load_rules
    from govaudit.report import Run
    from govaudit.report.text import write

    rules = load_rules()
    reports = [check_file(S003, rules), check_file(S000, rules)]
    reports[0].path = "各部门/泸县行政审批局/2020年度部门决算（公开版，含绩效自评表）.txt"
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=terminal, color_system=None)
    write(console, Run(reports=reports))
    text = buf.getvalue()
    return text[text.index("┏") :].splitlines()


def test_the_summary_table_fits_the_terminal_counting_chinese_as_two_columns():
    for width in (60, 80, 120):
        table = _summary_table(width, terminal=True)
        assert all(cell_len(line) <= width for line in table), width
        joined = "".join(line.strip("│┃ ") for line in table)
        assert "通过" not in joined and "有问题" in joined
    # in a file or a pipe each row stays on one line, whatever its width
    table = _summary_table(80, terminal=False)
    assert any("2020年度部门决算（公开版，含绩效自评表）.txt" in line for line in table)


# --------------------------------------------------------------------------- 5. rough edges


def _spawn(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "govaudit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def _cpu_seconds(group: int) -> float | None:
    """The CPU time the live processes of a process group have used so far (Linux /proc;
    None elsewhere)."""
    if not Path("/proc/self/stat").exists():
        return None
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # a process that ended meanwhile
        if int(fields[2]) == group:  # pgrp; utime and stime are fields 14 and 15 of stat
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _wait_until_checking(p: subprocess.Popen[bytes], cpu: float = 2.5) -> None:
    """Until the run has used `cpu` CPU seconds: past its start (imports and rules take
    well under that even with no compiled bytecode and no rule cache) and into the files,
    however loaded the machine is (a fixed sleep is not, on a busy machine)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and p.poll() is None:
        used = _cpu_seconds(p.pid)
        if used is None:
            time.sleep(3)
            return
        if used >= cpu:
            return
        time.sleep(0.05)


@pytest.mark.parametrize(("jobs", "lang"), [("2", "zh"), ("1", "en")])
def test_ctrl_c_stops_at_once_says_so_and_exits_130(tmp_path, jobs, lang):
    """Two files that take many seconds each; Ctrl-C (SIGINT to the whole process group,
    as a terminal sends it) while both are being checked."""
    big = "\n".join(p.read_text(encoding="utf-8") for p in (SEED_000, SEED_001) * 20)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(big, encoding="utf-8")
    p = _spawn(["check", str(tmp_path), "-j", jobs, "--lang", lang, "--no-config"])
    _wait_until_checking(p)
    assert p.poll() is None, "the files were checked before Ctrl-C: make them bigger"
    start = time.monotonic()
    os.killpg(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=60)
    stopped = time.monotonic() - start
    assert p.returncode == 130
    text = err.decode("utf-8")
    assert ("已中断（Ctrl-C）" if lang == "zh" else "interrupted (Ctrl-C)") in text
    assert "Traceback" not in text and "Aborted" not in text and out == b""
    assert stopped < 5, stopped  # not waiting for the files being checked (each takes longer)


def test_ctrl_c_while_a_module_is_imported_still_exits_130(monkeypatch, capsys):
    """Ctrl-C while Python makes a class (a module imported on the way, as `check` does at
    its start) comes out as "RuntimeError: Error calling __set_name__" with the interrupt
    as its cause: it is still Ctrl-C, said so, exit 130 (it was a traceback and exit 1)."""
    from govaudit import check as check_module
    from govaudit.cli import main

    class Interrupted:
        def __set_name__(self, owner: type, name: str) -> None:
            raise KeyboardInterrupt  # the signal arriving here

    def discover(paths, *rest):
        class Imported:  # what importing a module does: classes are made
            field = Interrupted()

    monkeypatch.setattr(check_module, "discover", discover)
    with pytest.raises(SystemExit) as exc:
        main.main(["check", S000])
    assert exc.value.code == 130
    err = capsys.readouterr().err
    assert "已中断（Ctrl-C）：检查已停止，没有生成报告。" in err
    assert "RuntimeError" not in err and "Traceback" not in err


def test_usage_errors_are_in_chinese_first():
    r = run("check", S000, "--format", "xml")
    assert r.exit_code == 2
    assert "错误：--format 的值无效：'xml' 不是可选的值（可选：" in r.output
    assert "Error: Invalid value for '--format'" in r.output  # English under it
    assert "用法 Usage: govaudit check [OPTIONS] PATHS..." in r.output
    r = run("check", S000, "--formt", "json")
    assert r.exit_code == 2 and "没有选项 --formt（相近的：--format）" in r.output
    r = run("check")
    assert r.exit_code == 2 and "缺少参数 PATHS" in r.output
    r = run("check", S000, "--jobs", "0")
    assert "--jobs 的值无效：0 不在允许的范围" in r.output
    r = run("chek", S000)
    assert r.exit_code == 2 and "没有命令 chek" in r.output
    # --lang en: click's English only
    r = run("check", S000, "--format", "xml", "--lang", "en")
    assert (
        r.exit_code == 2 and "错误" not in r.output and "Invalid value for '--format'" in r.output
    )


def test_reason_without_write_baseline_is_a_usage_error():
    r = run("check", S000, "--reason", "已核实", "--no-config")
    assert r.exit_code == 2
    assert "--reason 只能与 --write-baseline 一起使用" in r.output


def test_extract_lang_text_format_and_unknown_kinds():
    r = run("extract", S000, "--kind", "breakdown", "--lang", "en")
    assert r.exit_code == 0 and "where" in r.output and "line 85" in r.output
    r = run("extract", S000, "--format", "text", "--kind", "breakdown")
    assert r.exit_code == 0 and "第85行" in r.output and "识别出" in r.output
    r = run("extract", S000, "--kind", "brekdown")
    assert r.exit_code == 2
    assert "不认识的事实种类 brekdown（你是不是想用 breakdown？）" in r.output
    r = run("extract", "nope.txt", "--lang", "en")
    assert r.exit_code == 2 and "file not found" in r.output and "找不到" not in r.output


def test_rules_show_suggests_close_ids():
    r = run("rules", "show", "GA-SUM-01")
    assert r.exit_code == 2 and "相近的：GA-SUM-001" in r.output
    r = run("rules", "show", "GA-SMU-001")
    assert r.exit_code == 2 and "GA-SUM-001" in r.output
    assert run("rules", "show", "ga-sum-001").exit_code == 0


def test_configuration_is_found_from_the_checked_files_folder(tmp_path, monkeypatch):
    project = tmp_path / "审核"
    (project / "2020").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.govaudit]\nselect = ["GA-SHR"]\n', encoding="utf-8"
    )
    target = project / "2020" / "决算.txt"
    target.write_bytes(SEED_003.read_bytes())
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    data = json.loads(run("check", str(target), "--format", "json").output)
    assert {f["rule"] for f in data["files"][0]["findings"]} == {"GA-SHR-001"}
    r = run("config", str(target))
    assert f"配置文件：{project / 'pyproject.toml'}" in r.output
    # files under two different configurations: one run cannot serve both
    other = tmp_path / "另一处"
    other.mkdir()
    (other / "govaudit.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    (other / "b.txt").write_bytes(SEED_003.read_bytes())
    r = run("check", str(target), str(other / "b.txt"))
    assert r.exit_code == 2 and "属于不同的配置文件" in r.output and "--config" in r.output
    assert run("check", str(target), str(other / "b.txt"), "--no-config").exit_code == 1


# --------------------------------------------------------------------------- issue 20: outputs

ROOT = Path(__file__).resolve().parent.parent


def test_an_unknown_output_extension_is_a_usage_error_naming_the_known_ones(tmp_path):
    out = tmp_path / "r.docx"
    r = run("check", S003, "-o", str(out), "--no-config")
    assert r.exit_code == 2 and not out.exists()
    assert "不认识扩展名 .docx" in r.output
    for known in (".html", ".json", ".sarif", ".csv", ".xlsx", ".txt"):
        assert known in r.output
    assert "--annotate" in r.output  # what the person probably wanted


def test_the_baseline_and_govaudits_own_files_are_never_listed_as_skipped(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED_003.read_bytes())
    (folder / "govaudit-baseline.json").write_text(
        '{"version": 1, "suppressions": []}', encoding="utf-8"
    )
    (folder / "a.govaudit.docx").write_bytes(b"PK\x03\x04")  # an annotated copy
    (folder / "notes.png").write_bytes(b"\x89PNG")  # a file it does not read: listed
    out = folder / "r.html"
    out.write_text("an earlier report", encoding="utf-8")
    r = run("check", str(folder), "-o", str(out), "--no-config")
    assert r.exit_code == 1, r.output
    data = json.loads(run("check", str(folder), "--format", "json", "--no-config").stdout)
    assert [Path(x["path"]).name for x in data["skipped"]] == ["notes.png", "r.html"]
    assert [Path(f["path"]).name for f in data["files"]] == ["a.txt"]
    # the report being written is not listed either
    r = run("check", str(folder), "--format", "json", "-o", str(folder / "r.json"), "--no-config")
    written = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert [Path(x["path"]).name for x in written["skipped"]] == ["notes.png", "r.html"]


def test_identical_sentences_have_fingerprints_of_their_own(tmp_path):
    """003 lines 467 and 547 are the same sentence, each with 多万元化: two findings, two
    fingerprints, so that accepting one in a baseline never hides the other."""
    data = json.loads(run("check", S003, "--format", "json", "--no-config").stdout)
    art = [f for f in data["files"][0]["findings"] if f["rule"] == "GA-ART-001"]
    assert [f["line"] for f in art] == [467, 547]
    assert art[0]["message"] == art[1]["message"] and art[0]["fingerprint"] != art[1]["fingerprint"]
    base = tmp_path / "govaudit-baseline.json"
    r = run(
        "check",
        S003,
        "--baseline",
        str(base),
        "--write-baseline",
        "--reason",
        "已知",
        "--no-config",
    )
    assert r.exit_code == 0
    entries = json.loads(base.read_text(encoding="utf-8"))["suppressions"]
    assert len([e for e in entries if e["rule"] == "GA-ART-001"]) == 2


@pytest.mark.parametrize(
    ("name", "fmt", "said"),
    [
        ("r.txt", "text", "文本报告已写入"),
        ("r.out", "concise", "文本报告已写入"),
        ("r.json", "json", "JSON 报告已写入"),
        ("r.sarif", "sarif", "SARIF 报告已写入"),
        ("r.html", "html", "HTML 报告已写入"),
        ("r.csv", "csv", "CSV 报告已写入"),
        ("r.xlsx", "xlsx", "Excel 报告已写入"),
    ],
)
def test_every_format_says_where_it_was_written_unless_quiet(tmp_path, name, fmt, said):
    out = tmp_path / name
    r = run("check", S003, "-o", str(out), "--format", fmt, "--no-config")
    assert r.exit_code == 1 and out.exists()
    assert r.stderr.strip() == f"{said} {out}"
    r = run("check", S003, "-o", str(out), "--format", fmt, "--quiet", "--no-config")
    assert f"{said}" not in r.stderr


def test_output_to_a_file_or_a_pipe_is_never_cut_to_a_terminal_width():
    """`govaudit rules > f`: every title whole on its row; `rules show`: no line broken
    inside a word; `extract`: every fact."""
    listing = subprocess.run(
        [sys.executable, "-m", "govaudit", "rules", "--no-config"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        cwd=ROOT,
        check=True,
    ).stdout
    assert "│ GA-SUBJ-003 " in listing
    row = next(x for x in listing.splitlines() if "│ GA-PERF-013 " in x)
    assert "│ 部门整体自评表中项目的预算金额应与该项目自评表一致 " in row  # one line, whole
    assert cell_len(row) > 80
    shown = subprocess.run(
        [sys.executable, "-m", "govaudit", "rules", "--no-config", "show", "GA-SUM-001"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "60"},
        cwd=ROOT,
        check=True,
    ).stdout
    message = next(x for x in shown.splitlines() if x.startswith("消息 message:"))
    assert message.endswith("}）") or message.endswith("}"), message  # the template whole


def test_a_closed_pipe_ends_quietly_with_the_exit_code_of_the_findings():
    p = subprocess.Popen(
        [sys.executable, "-m", "govaudit", "check", S000, S003, "--no-config"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert p.stdout is not None
    p.stdout.readline()  # `| head -1`
    p.stdout.close()
    err = p.stderr.read().decode("utf-8") if p.stderr else ""
    assert p.wait(timeout=120) == 1  # the findings' code, not a crash's
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_os_errors_are_said_in_the_report_language(tmp_path):
    r = run("check", S003, "-o", str(tmp_path / "nodir" / "r.html"), "--no-config")
    assert r.exit_code == 2
    first = r.output.splitlines()[0]
    assert first == f"无法写入 {tmp_path / 'nodir' / 'r.html'}：文件夹或文件不存在"
    r = run("check", S003, "-o", str(tmp_path / "nodir" / "r.html"), "--lang", "en", "--no-config")
    assert "No such file or directory" in r.output and "文件夹" not in r.output


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".xlsx", ".pdf", ".md"])
def test_an_empty_file_gets_the_same_words_whatever_its_format(tmp_path, suffix):
    empty = tmp_path / f"空{suffix}"
    empty.write_bytes(b"")
    data = json.loads(run("check", str(empty), "--format", "json", "--no-config").stdout)
    (f,) = data["files"]
    assert f["status"] == "error"
    assert f["error"] == f"文件为空：{empty} 没有任何内容。请确认选择了正确的文件。"
