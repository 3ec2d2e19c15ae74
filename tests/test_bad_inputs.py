"""Every bad input is a clear message (Chinese first), exit code 2 for that file, and the
other files of the same run are still checked and reported."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from govaudit.cli import main
from tests.seeds import SEED_003

GOOD = str(SEED_003)


def run_with_good(bad: str):
    r = CliRunner().invoke(main, ["check", bad, GOOD, "--format", "json"])
    assert r.exit_code == 2, r.output
    data = json.loads(r.output)
    by_path = {f["path"]: f for f in data["files"]}
    good = by_path[GOOD]
    assert good["status"] == "ok"
    assert any(f["rule"] == "GA-SUM-001" and f["line"] == 24 for f in good["findings"])
    (bad_report,) = [f for p, f in by_path.items() if p != GOOD]
    assert bad_report["status"] == "error"
    return bad_report["error"]


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert "文件为空" in run_with_good(str(p))


def test_only_white_space(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_bytes(b"  \n\t\n\r\n")
    assert "没有可读的文字" in run_with_good(str(p)) or "文件为空" in run_with_good(str(p))


def test_binary_junk_named_txt(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(os.urandom(4096) + b"\x00" * 10)
    assert "二进制文件" in run_with_good(str(p))


def test_mixed_encodings(tmp_path):
    text = SEED_003.read_text(encoding="utf-8").split("\n")
    p = tmp_path / "mixed.txt"
    p.write_bytes(
        "\n".join(text[:30]).encode("utf-8") + b"\n" + "\n".join(text[30:60]).encode("gbk")
    )
    assert "混有不同的文字编码" in run_with_good(str(p))


def test_invalid_encoding(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("ｱｲｳｴｵｶｷｸｹｺ ｻｼｽｾｿ\n".encode("shift_jis") * 50 + b"\xff\xfe\xfd")
    assert "编码" in run_with_good(str(p))


def test_a_50_mb_text_file(tmp_path):
    p = tmp_path / "huge.txt"
    line = ("2023年度本年支出合计3469.24万元，其中：基本支出575.18万元，占16.58%。\n").encode()
    with p.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    msg = run_with_good(str(p))
    assert "文本文件过大" in msg and "GOVAUDIT_MAX_TEXT_BYTES" in msg


def test_a_file_with_one_10_mb_line(tmp_path):
    p = tmp_path / "oneline.txt"
    p.write_bytes(("本年支出合计3469.24万元，" * (10 * 1024 * 1024 // 40)).encode())
    msg = run_with_good(str(p))
    assert "第1行长达" in msg and "GOVAUDIT_MAX_LINE_CHARS" in msg


def test_a_directory_among_files(tmp_path):
    # a folder named on the command line is searched; an empty one has nothing to check
    d = tmp_path / "empty-folder"
    d.mkdir()
    r = CliRunner().invoke(main, ["check", str(d), GOOD, "--format", "json"])
    assert r.exit_code == 1
    assert [f["path"] for f in json.loads(r.output)["files"]] == [GOOD]


def test_a_broken_symlink(tmp_path):
    p = tmp_path / "link.txt"
    p.symlink_to(tmp_path / "gone.txt")
    assert "失效的快捷方式" in run_with_good(str(p))


def test_a_missing_file(tmp_path):
    assert "找不到文件" in run_with_good(str(tmp_path / "nope.txt"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without read permission")
def test_an_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_bytes(SEED_003.read_bytes())
    p.chmod(0)
    assert "没有权限" in run_with_good(str(p))


def test_an_unreadable_file_as_root(tmp_path, monkeypatch):
    """Root reads anything; make the read fail the way it does for other users."""
    from pathlib import Path

    p = tmp_path / "secret.txt"
    p.write_bytes(b"x")
    real_open = Path.open

    def deny(self, *a, **k):
        if self == p:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **k)

    monkeypatch.setattr(Path, "open", deny)
    assert "没有权限" in run_with_good(str(p))


def test_a_directory_read_directly():
    from govaudit.errors import InputError
    from govaudit.readers import read_document

    with pytest.raises(InputError, match="是文件夹"):
        read_document(SEED_003.parent)


@pytest.mark.parametrize(
    ("suffix", "words"),
    [(".pdf", "PDF 文件已损坏"), (".docx", "不是有效的 .docx"), (".xlsx", "不是有效的 .xlsx")],
)
def test_binary_junk_named_like_an_office_file_or_pdf(tmp_path, suffix, words):
    p = tmp_path / f"junk{suffix}"
    p.write_bytes(os.urandom(5000))
    assert words in run_with_good(str(p))


def test_malformed_rule_files_stop_the_run_with_file_line_rule_and_field(tmp_path):
    """A broken rule pack is a usage error: exit 2 before any document is read."""
    cases = {
        "yaml.yaml": ("rules:\n  - id: [unclosed\n", "YAML 语法错误", "yaml.yaml:"),
        "field.yaml": (
            "rules:\n  - id: MY-A-001\n    title: t\n    applies_to: breakdown\n    assert: total == sum(parts)\n    severity: error\n    message: m\n    colour: red\n",
            "未知字段",
            "colour",
        ),
        "expr.yaml": (
            "rules:\n  - id: MY-A-002\n    title: t\n    applies_to: breakdown\n    assert: total == (sum(parts)\n    severity: error\n    message: m\n",
            "表达式",
            "assert",
        ),
        "func.yaml": (
            "rules:\n  - id: MY-A-003\n    title: t\n    applies_to: breakdown\n    assert: total == summe(parts)\n    severity: error\n    message: m\n",
            "未知函数 summe",
            "MY-A-003",
        ),
    }
    for name, (text, words, where) in cases.items():
        d = tmp_path / name.replace(".yaml", "")
        d.mkdir()
        (d / name).write_text(text, encoding="utf-8")
        r = CliRunner().invoke(main, ["check", GOOD, "--rules", str(d)])
        assert r.exit_code == 2, name
        assert words in r.output and where in r.output and str(d / name) in r.output, r.output
