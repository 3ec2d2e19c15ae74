"""The HTML report: self-contained, findings highlighted in the document text, usable on a
long document; and, where Debian's chromium is installed, loaded in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from govaudit.cli import main
from govaudit.model import Document, FileReport, Finding, Location, Paragraph, Text
from govaudit.report.html import render
from tests.seeds import SEED_000, SEED_003, SEEDS


def html_of(tmp_path: Path, *args: str) -> tuple[int, str]:
    out = tmp_path / "report.html"
    r = CliRunner().invoke(
        main, ["check", *args, "--format", "html", "--output", str(out), "--no-config"]
    )
    return r.exit_code, out.read_text(encoding="utf-8")


def test_self_contained_with_the_finding_highlighted_in_place(tmp_path):
    code, page = html_of(tmp_path, str(SEED_000), str(SEED_003))
    assert code == 1
    # no network, no external assets
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    # seed 000 line 85: the figure is marked inside its own line, with what a tooltip needs
    line = re.search(r'<div class="ln" id="L0-84">.*?</div>', page, re.S).group(0)
    mark = re.search(r"<mark [^>]*>575\.15万元</mark>", line).group(0)
    assert 'data-rule="GA-SUM-001"' in mark and "sev-error" in mark
    assert "应为 551.08 · 实为 575.15" in mark  # the title tooltip (hover)
    assert "2023年度一般公共预算财政拨款基本支出" in line
    # the list of findings links to the place
    assert 'href="#f0-' in page and re.search(
        r'<span class="anchor" id="f0-\d+"></span><mark', page
    )
    # summaries per file and per rule
    assert 'id="summary-files"' in page and 'id="summary-rules"' in page
    assert str(SEED_003) in page


def test_only_lines_near_findings_are_rendered_and_the_rest_is_one_click_away(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("\n".join(p.read_text(encoding="utf-8") for p in SEEDS), encoding="utf-8")
    n_lines = len(big.read_text(encoding="utf-8").splitlines())
    _, page = html_of(tmp_path, str(big))
    rendered = page.count('<div class="ln')
    assert rendered < n_lines // 5, (rendered, n_lines)
    assert '<div class="gap"' in page and "data-expand-all" in page
    # the whole text is embedded once, for "show all"; size stays proportional to the text
    assert len(page.encode("utf-8")) < 2.5 * big.stat().st_size


def test_text_cannot_break_out_of_the_page(tmp_path):
    doc = tmp_path / "x.txt"
    doc.write_text(
        "</script><script>alert(1)</script><b>加粗</b>\n"
        "2023年度一般公共预算财政拨款基本支出575.15万元，其中：人员经费461.75万元，公用经费89.33万元。\n",
        encoding="utf-8",
    )
    code, page = html_of(tmp_path, str(doc))
    assert code == 1
    assert "<script>alert(1)" not in page and "<b>加粗" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page


def _finding(loc: Location, mark: str, **kw) -> Finding:
    return Finding(
        rule="GA-SUM-001",
        severity="error",
        title="合计应等于各分项之和",
        message="合计 ≠ 各分项之和",
        loc=loc,
        expected="10",
        actual="12",
        highlights=(mark,),
        fingerprint="f" * 16,
        **kw,
    )


def test_a_paged_document_is_shown_block_by_block():
    """PDF-like documents (no source lines): each block is shown with its page, and the
    finding is placed in the block on its page that contains the figure."""
    doc = Document(
        path="a.pdf",
        format="pdf",
        blocks=[
            Paragraph(Text("第一页的文字", ((0, Location(page=1)),))),
            Paragraph(Text("合计12万元，其中甲5万元、乙5万元。", ((0, Location(page=2)),))),
            Paragraph(Text("另一段 12万元", ((0, Location(page=3)),))),
        ],
    )
    report = FileReport(path="a.pdf", findings=[_finding(Location(page=2), "12万元")])
    page = render([report], [], "zh", loader=lambda p: doc)
    assert re.search(
        r'id="L0-1"><span class="no">2页</span><span class="tx">合计<span class="anchor" id="f0-0"></span><mark',
        page,
    )


def test_a_file_that_cannot_be_read_again_still_lists_its_findings():
    report = FileReport(path="gone.txt", findings=[_finding(Location(line=3), "12万元")])
    page = render([report], [], "en", loader=lambda p: None)
    assert "could not be read again" in page
    assert "合计 ≠ 各分项之和" in page and "(not located in the text)" in page


def test_suppressed_findings_are_listed_apart_with_their_reason():
    doc = Document(path="s.txt", format="text", blocks=[], source_lines=["甲", "合计12万元"])
    f = _finding(Location(line=2), "12万元", suppressed=True, suppression_reason="原表如此")
    page = render([FileReport(path="s.txt", findings=[f])], [], "zh", loader=lambda p: doc)
    assert "已按基线忽略的问题（1）" in page and "忽略原因：原表如此" in page
    assert "is-suppressed" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless browser test: Debian's chromium is not installed (apt-get install -y chromium)",
)
def test_the_report_loads_in_a_real_browser(tmp_path):
    """Load the page in headless Chromium and read the DOM after its script ran: the script
    finished (data-ready), and the highlighted findings are there."""
    _, _ = html_of(tmp_path, str(SEED_000))
    out = tmp_path / "report.html"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
        out.as_uri() + "#f0-2",
    ]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    dom = p.stdout
    assert re.search(r'<html[^>]* data-ready="\d+"', dom), p.stderr[-2000:]
    marks = re.findall(r'<mark class="hl sev-(\w+)[^"]*"[^>]*data-rule="([^"]+)"', dom)
    assert ("error", "GA-SUM-001") in marks
    # the deep link opened the finding's card
    card = re.search(r'<div id="card"[^>]*>(.*?)</div>\s*<script', dom, re.S)
    assert card and "GA-SUM-001" in card.group(1) and "575.15" in card.group(1)
