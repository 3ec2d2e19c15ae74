"""A file (or pages of it) from which nothing is read gets the reason named once, in every
format: the pages are images (a scan), or their text's layout was not understood. The files
are edited copies of a real 江苏 table file, js-renda-2019-yusuan-biao.pdf (made by
tests/fixtures/edited/make_edited_pdfs.py), which itself reads whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govaudit.check import check_file

FIXTURES = Path(__file__).parent.parent / "fixtures"
EDITED = FIXTURES / "edited"
REAL = FIXTURES / "pdf" / "jiangsu" / "js-renda-2019-yusuan-biao.pdf"


def read_findings(report):
    return [f for f in report.findings if f.rule == "GA-READ-010"]


def test_the_real_table_file_reads_whole(rules):
    r = check_file(str(REAL), rules)
    assert read_findings(r) == [] and r.figures.table.total > 150


def test_a_scanned_page_is_named(rules):
    """Page 1 (公开表一 收支预算总表) replaced by its image; the other twelve pages are text."""
    r = check_file(str(EDITED / "renda-2019-biao-page1-scanned.pdf"), rules)
    (f,) = read_findings(r)
    assert (f.rule, f.loc.page, f.severity) == ("GA-READ-010", 1, "warning")
    assert f.message == (
        "第1页没有文字层，是图片（可能是扫描件）：其中的数字没有读取，也没有核对。"
        "请提供可复制文字的 PDF，或原始 Excel/Word 文件"
    )
    assert r.figures.table.total > 100  # the text pages are read


def test_a_table_without_its_rules_is_named_by_page(rules):
    """Every drawn rule removed: pages 1, 4, 5, 7, 9 and 13 print their amounts as loose text
    that no reader places in a table; the others are still read."""
    r = check_file(str(EDITED / "renda-2019-biao-no-rules.pdf"), rules)
    (f,) = read_findings(r)
    assert (f.rule, f.loc.page) == ("GA-READ-010", 1)
    assert f.message.startswith("第1、4、5、7、9、13页印有 79 个金额，但一个也没有读出")
    assert "整个文件" not in f.message


def test_a_table_file_from_which_nothing_is_read(rules):
    r = check_file(str(EDITED / "renda-2019-biao-page1-no-rules.pdf"), rules)
    (f,) = read_findings(r)
    assert f.message == (
        "第1页印有 10 个金额，但一个也没有读出：文字可以复制，表格的版式（没有表格线、各栏没有对齐等）"
        "未能识别，其中的数字没有核对；整个文件没有读出任何金额"
    )
    assert r.figures.total == 0


def test_a_file_that_is_all_images_is_not_read_and_says_why(rules):
    r = check_file(str(EDITED / "renda-2019-biao-scanned.pdf"), rules)
    assert r.status == "error" and "没有文字层（可能是扫描件）" in (r.error or "")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govaudit", "check", "--no-progress", *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "html", "csv"])
def test_the_reason_in_every_format(fmt):
    for name, words in (
        ("renda-2019-biao-page1-no-rules.pdf", "版式"),
        ("renda-2019-biao-page1-scanned.pdf", "没有文字层"),
        ("renda-2019-biao-scanned.pdf", "没有文字层"),
    ):
        out = cli(str(EDITED / name), "--format", fmt).stdout
        if fmt == "json":
            (entry,) = json.loads(out)["files"]
            out = json.dumps(entry, ensure_ascii=False)
        assert words in out, (fmt, name)
