"""The HTML report: self-contained, findings highlighted in the document text, usable on a
long document; and, where Debian's chromium is installed, loaded in a real browser."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from govaudit.cli import main
from govaudit.model import Document, FileReport, Finding, Location, Paragraph, Text
from govaudit.report.html import page as render
from tests.report.chromium import CHROMIUM, Browser
from tests.seeds import SEED_000, SEED_001, SEED_003, SEED_004, SEEDS, seed_line, seed_lines


def html_of(tmp_path: Path, *args: str) -> tuple[int, str]:
    out = tmp_path / "report.html"
    r = CliRunner().invoke(
        main, ["check", *args, "--format", "html", "--output", str(out), "--no-config"]
    )
    return r.exit_code, out.read_text(encoding="utf-8")


def file_data(page: str, i: int) -> dict:
    """File i's stored section: {"html": …, "findings": […], "text": {…}}."""
    blob = re.search(rf'<script type="application/json" id="fd-{i}">(.*?)</script>', page, re.S)
    return json.loads(blob.group(1))


def section(page: str, i: int) -> str:
    return file_data(page, i)["html"]


def test_self_contained_with_the_finding_highlighted_in_place(tmp_path):
    code, page = html_of(tmp_path, str(SEED_000), str(SEED_003))
    assert code == 1
    # no network, no external assets
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    # the index: a row per file, linking to its section, and the rules
    assert 'href="#file-0"' in page and 'href="#file-1"' in page and str(SEED_003) in page
    assert 'id="index"' in page and 'id="summary-rules"' in page
    # seed 000 line 85: the figure is marked inside its own line (drawn by the page's script
    # from the text and the marks; what it draws is checked in the browser tests below)
    d = file_data(page, 0)
    line = d["text"]["lines"][84]
    assert line.startswith("2023年度一般公共预算财政拨款基本支出")
    (a, b, ids), *_ = d["marks"]["84"]["spans"]
    assert line[a:b] == "575.15万元"
    finding = next(f for f in d["findings"] if f["id"] == ids[0])
    assert (finding["rule"], finding["sev"], finding["exp"], finding["act"]) == (
        "GA-SUM-001",
        "error",
        "551.08",
        "575.15",
    )
    # the list of findings links to the place
    assert f'href="#f{ids[0]}"' in d["html"]


def test_only_lines_near_findings_are_rendered_and_the_rest_is_one_click_away(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("\n".join(p.read_text(encoding="utf-8") for p in SEEDS), encoding="utf-8")
    n_lines = len(big.read_text(encoding="utf-8").splitlines())
    _, page = html_of(tmp_path, str(big))
    d = file_data(page, 0)
    drawn = sum(b - a for a, b in d["show"])
    assert 0 < drawn < n_lines // 5, (drawn, n_lines)
    assert "data-expand-all" in d["html"]
    assert len(d["text"]["lines"]) == n_lines
    # the whole text is embedded once, for "show all"; size stays proportional to the text
    assert len(page.encode("utf-8")) < 2.5 * big.stat().st_size


def test_text_cannot_break_out_of_the_page(tmp_path):
    doc = tmp_path / "x.txt"
    doc.write_text(
        "</script><script>alert(1)</script><marquee>加粗</marquee><!--\n"
        "2023年度一般公共预算财政拨款基本支出575.15万元，其中：人员经费461.75万元，公用经费89.33万元。\n",
        encoding="utf-8",
    )
    code, page = html_of(tmp_path, str(doc))
    assert code == 1
    # parsed as a browser would: the document's text makes no element and no script
    tags: list[str] = []
    scripts: list[tuple[str | None, str]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)
            if tag == "script":
                scripts.append((dict(attrs).get("type"), ""))

        def handle_data(self, data):
            if self.lasttag == "script" and scripts:
                kind, text = scripts[-1]
                scripts[-1] = (kind, text + data)

    Parser().feed(page)
    assert "marquee" not in tags
    code_scripts = [text for kind, text in scripts if kind != "application/json"]
    assert len(code_scripts) == 1 and "alert" not in code_scripts[0]
    for kind, text in scripts:
        if kind == "application/json":
            json.loads(text)  # each data block is whole
    assert file_data(page, 0)["text"]["lines"][0].startswith("</script><script>alert(1)")


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
    d = file_data(render([report], [], "zh", loader=lambda p: doc), 0)
    assert d["text"]["labels"] == ["1页", "2页", "3页"]
    assert d["marks"] == {"1": {"spans": [[2, 6, ["0-0"]]], "whole": []}}
    assert d["text"]["lines"][1][2:6] == "12万元"


def test_a_file_that_cannot_be_read_again_still_lists_its_findings():
    report = FileReport(path="gone.txt", findings=[_finding(Location(line=3), "12万元")])
    html0 = section(render([report], [], "en", loader=lambda p: None), 0)
    assert "could not be read again" in html0
    assert "合计 ≠ 各分项之和" in html0 and "(not located in the text)" in html0


def test_suppressed_findings_are_listed_apart_with_their_reason():
    doc = Document(path="s.txt", format="text", blocks=[], source_lines=["甲", "合计12万元"])
    f = _finding(Location(line=2), "12万元", suppressed=True, suppression_reason="原表如此")
    page = render([FileReport(path="s.txt", findings=[f])], [], "zh", loader=lambda p: doc)
    html0 = section(page, 0)
    assert "已按基线忽略的问题（1）" in html0 and "忽略原因：原表如此" in html0
    assert "is-suppressed" in html0


# --------------------------------------------------------------------------- in a real browser

browser_only = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless browser test: Debian's chromium is not installed (apt-get install -y chromium)",
)


@pytest.fixture(scope="module")
def browser():
    with Browser(width=1280, height=900) as b:
        yield b


def _rect(b: Browser, selector: str) -> dict | None:
    return b.js(
        f"(function(){{var e=document.querySelector({json.dumps(selector)});if(!e)return null;"
        "var r=e.getBoundingClientRect();return {top:r.top,bottom:r.bottom,left:r.left,right:r.right};})()"
    )


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
        and a["left"] < b["right"]
        and b["left"] < a["right"]
    )


def _in_view(b: Browser, r: dict) -> bool:
    bar = b.js("document.getElementById('bar').getBoundingClientRect().bottom")
    return r["top"] >= bar - 1 and r["bottom"] <= b.js("window.innerHeight") + 1


def _batch(tmp_path: Path) -> list[Path]:
    """A reviewer's folder: two seeds with findings, a correct passage (seed 000 line 39), a
    page of navigation text with no figures (seed 004's first lines), and an old .doc."""
    folder = tmp_path / "batch"
    folder.mkdir()
    files = [
        folder / "a_000.txt",
        folder / "b_003.txt",
        folder / "c_clean.txt",
        folder / "d_nav.txt",
    ]
    files[0].write_bytes(SEED_000.read_bytes())
    files[1].write_bytes(SEED_003.read_bytes())
    files[2].write_text(seed_line(SEED_000, 39) + "\n", encoding="utf-8")
    files[3].write_text(seed_lines(SEED_004, 1, 11) + "\n", encoding="utf-8")
    (folder / "e_old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return files


@browser_only
def test_the_report_loads_in_a_real_browser_and_a_deep_link_opens_the_card_under_its_line(
    tmp_path, browser
):
    """The address #f0-2 (seed 000's GA-SUM-001 at line 85) opens the file, scrolls to the
    line and opens the finding's card right under it: the card covers neither the line nor
    the related lines 86 and 87 it names."""
    html_of(tmp_path, str(SEED_000))
    browser.open((tmp_path / "report.html").as_uri() + "#f0-2")
    browser.settle()
    assert browser.js("document.documentElement.getAttribute('data-ready')")
    marks = browser.js(
        "Array.from(document.querySelectorAll('mark.hl')).map(m=>[m.className,m.dataset.rule])"
    )
    assert any("sev-error" in c and r == "GA-SUM-001" for c, r in marks)
    tooltip = browser.js("document.querySelector('#L0-84 mark.hl').title")
    assert "GA-SUM-001" in tooltip and "应为 551.08 · 实为 575.15" in tooltip  # on hover
    assert browser.js("document.querySelector('#L0-84 mark.hl').textContent") == "575.15万元"
    card_text = browser.js(
        "document.getElementById('card').hidden?'':document.getElementById('card').textContent"
    )
    assert "GA-SUM-001" in card_text and "575.15" in card_text and "551.08" in card_text
    line, card = _rect(browser, "#L0-84"), _rect(browser, "#card")
    assert _in_view(browser, line) and card["top"] >= line["bottom"] - 1
    for related in ("#L0-85", "#L0-86"):
        assert not _overlap(card, _rect(browser, related)), related
    # the related place is a link that lands on its line
    browser.click('#card a[href="#L0-86"]')
    browser.settle()
    assert _in_view(browser, _rect(browser, "#L0-86"))


@browser_only
def test_the_index_grades_sorts_and_filters_the_files(tmp_path, browser):
    _batch(tmp_path)
    html_of(tmp_path, str(tmp_path / "batch"))
    browser.open(tmp_path / "report.html")
    browser.settle()

    def rows() -> list[list[str]]:
        return browser.js(
            "Array.from(document.querySelectorAll('#files tbody tr')).filter(r=>!r.hidden)"
            ".map(r=>[r.querySelector('a').textContent.split('/').pop(),r.dataset.st,"
            "r.children[1].textContent])"
        )

    names = [r[0] for r in rows()]
    assert names == ["a_000.txt", "b_003.txt", "c_clean.txt", "d_nav.txt", "e_old.doc"]
    labels = {r[0]: (r[1], r[2]) for r in rows()}
    assert labels["a_000.txt"] == ("error", "错误")
    assert labels["c_clean.txt"] == ("passed", "通过")
    assert labels["d_nav.txt"] == ("nothing_checked", "未能核对")
    assert labels["e_old.doc"] == ("unreadable", "无法读取")
    assert "另存为" in browser.js(
        "document.querySelector('#files tr[data-st=unreadable]').textContent"
    )
    # sorted by status, worst first, then the other way
    browser.click('#files th[data-col="1"] button')
    assert [r[1] for r in rows()] == ["unreadable", "error", "error", "nothing_checked", "passed"]
    browser.click('#files th[data-col="1"] button')
    assert [r[1] for r in rows()] == ["passed", "nothing_checked", "error", "error", "unreadable"]
    # by the number of errors, most first after a second click
    browser.click('#files th[data-col="2"] button')
    browser.click('#files th[data-col="2"] button')
    assert rows()[0][0] == "a_000.txt"
    # filtered by name, by status
    browser.js(
        "var q=document.getElementById('q');q.value='nav';q.dispatchEvent(new Event('input'))"
    )
    assert [r[0] for r in rows()] == ["d_nav.txt"]
    assert browser.js("document.getElementById('shown').textContent") == "显示 1 / 5 个文件"
    browser.js(
        "var q=document.getElementById('q');q.value='';q.dispatchEvent(new Event('input'));"
        "var s=document.getElementById('st');s.value='error';s.dispatchEvent(new Event('change'))"
    )
    assert sorted(r[0] for r in rows()) == ["a_000.txt", "b_003.txt"]
    # a file with nothing checked says so when opened
    browser.js(
        "var s=document.getElementById('st');s.value='';s.dispatchEvent(new Event('change'))"
    )
    browser.click('#files a[href="#file-3"]')
    browser.settle()
    assert "未能核对任何关系" in browser.js("document.getElementById('view').textContent")


@browser_only
def test_links_land_on_their_target_in_a_long_batch(tmp_path, browser):
    """Forty files: the last file's link opens its section at the top; a finding's link
    lands on its line; after "show all" (lines drawn lazily, heights only estimated) a link
    to a line 3000 lines down still lands on it; Back returns to the index."""
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(40):
        src = (SEED_000, SEED_001)[k % 2]
        (folder / f"dept_{k:02d}.txt").write_bytes(src.read_bytes())
    html_of(tmp_path, str(folder))
    browser.open(tmp_path / "report.html")
    browser.settle()
    browser.click('#files a[href="#file-39"]')
    browser.settle()
    head = _rect(browser, "#file-39")
    bar = browser.js("document.getElementById('bar').getBoundingClientRect().bottom")
    assert bar - 1 <= head["top"] <= bar + 40, (head, bar)
    assert browser.js("location.hash") == "#file-39"
    # the last finding of seed 001 (far down its text)
    last = browser.js(
        "(function(){var a=document.querySelectorAll('#view ol.findings a.where');"
        "return a[a.length-1].getAttribute('href');})()"
    )
    browser.click(f'#view a[href="{last}"]')
    browser.settle()
    line_id = browser.js(f"document.getElementById({json.dumps(last[1:])}).closest('.ln').id")
    assert _in_view(browser, _rect(browser, "#" + line_id))
    # show all, then a far line
    browser.click("#view [data-expand-all]")
    assert browser.wait_for("document.querySelectorAll('#view .ln').length > 5000")
    browser.js(
        "history.pushState(null,'','#L39-3000');dispatchEvent(new PopStateEvent('popstate'))"
    )
    browser.settle()
    assert _in_view(browser, _rect(browser, "#L39-3000"))
    browser.js("history.go(-3)")
    browser.settle()
    browser.settle()
    assert browser.js("location.hash") == ""


@browser_only
def test_a_finding_in_a_table_shows_its_row_and_min_severity_sets_the_filter(tmp_path, browser):
    """Seed 000 line 645: the 合计 row of the 12345 热线 自评表 — 权重 100, 得分 99 marked —
    in the findings list; --min-severity warning starts with info hidden."""
    out = tmp_path / "r.html"
    args = [str(SEED_000), str(SEED_003), "-o", str(out), "--min-severity", "warning"]
    r = CliRunner().invoke(main, ["check", *args, "--no-config"], catch_exceptions=False)
    assert r.exit_code == 1
    browser.open(out.as_uri() + "#file-0")
    browser.settle()
    row = browser.js(
        "(function(){var li=Array.from(document.querySelectorAll('#view li.item'))"
        ".find(l=>l.querySelector('a.where')&&l.querySelector('a.where').textContent==='第645行');"
        "var t=li.querySelector('.rowview table');"
        "return {heads:Array.from(t.rows[0].cells).map(c=>c.textContent),"
        "cells:Array.from(t.rows[1].cells).map(c=>c.textContent),"
        "fig:Array.from(t.querySelectorAll('td.fig')).map(c=>c.textContent)};})()"
    )
    assert row["cells"] == ["合计", "100", "99"] and row["heads"][1:] == ["权重", "得分"]
    assert row["fig"] == ["99"]
    assert browser.js("document.body.classList.contains('hide-info')")
    assert not browser.js("document.querySelector('#bar input[data-sev=info]').checked")
    browser.click('#view a[href="#file-1"]')  # seed 003 has info findings (GA-SUBJ-002)
    browser.settle()
    info_items = browser.js(
        "Array.from(document.querySelectorAll('#view li.item.sev-info')).map(l=>getComputedStyle(l).display)"
    )
    assert info_items and set(info_items) == {"none"}


def test_the_figures_nothing_compared_are_listed_and_marked(tmp_path):
    """000 line 413: "接通率96.97%" (nothing to hold it against) is marked as a figure no
    relation compared, on a line shown for the finding it is part of (its 353947件 against
    line 651's 110.04万件); the section lists every such figure with its place."""
    _, page_ = html_of(tmp_path, str(SEED_000))
    d = file_data(page_, 0)
    line = d["text"]["lines"][412]
    spans = d["marks"]["412"]["spans"]
    a = line.index("96.97%")
    assert [a, a + 6, [], "unchecked", "未参与核对"] in spans
    html = section(page_, 0)
    assert "数字 302/322 参与核对（正文 115/125，表格 187/197）" in html
    assert "未参与任何核对的数字（20 个）" in html
    # each a link to its place in the text
    assert (
        '<a class="mono" href="#L0-131">第132行</a> <mark class=\'fig unchecked\'>50万元</mark>'
        in html
    )


@browser_only
def test_a_figure_without_a_finding_is_marked_with_its_own_class(tmp_path, browser):
    """In the browser: line 413's unchecked "96.97%" is a plain <mark class="fig unchecked">
    with its title; the finding's own line (651) keeps its highlight."""
    html_of(tmp_path, str(SEED_000))
    out = tmp_path / "report.html"
    browser.open(out.as_uri() + "#file-0")
    browser.settle()
    assert browser.wait_for("document.querySelectorAll('#L0-412 mark').length > 0")
    marks = browser.js(
        "Array.from(document.querySelectorAll('#L0-412 mark')).map(m=>[m.className,m.textContent,m.title])"
    )
    assert ["fig unchecked", "96.97%", "未参与核对"] in marks
    finding_line = browser.js(
        "Array.from(document.querySelectorAll('#L0-650 mark')).map(m=>m.className)"
    )
    assert any(c.startswith("hl sev-") for c in finding_line)


# --------------------------------------------------------------------------- issue 20


BUDGETS = SEED_000.parent / "pdf" / "budget"


@browser_only
def test_the_index_shows_identity_pairs_and_a_legend(tmp_path, browser):
    """Three Putuo budgets: each file's row says what it is; the pairs section lists the
    department–unit pair, each side a link to its section; the legend says what the marks
    and the counts mean."""
    files = [
        BUDGETS / "putuo-zhengfuban-2025-yusuan.pdf",
        BUDGETS / "putuo-zhengfuban-unit-2025-yusuan.pdf",
        SEED_003,
    ]
    html_of(tmp_path, *map(str, files))
    browser.open(tmp_path / "report.html")
    browser.settle()
    about = browser.js(
        "Array.from(document.querySelectorAll('#files tbody tr .about')).map(e=>e.textContent)"
    )
    assert "部门决算 · 泸县行政审批局 · 2020年" in about
    assert any(a.startswith("部门预算 · 上海市普陀区人民政府办公室") for a in about)
    pairs = browser.js("Array.from(document.querySelectorAll('#pairs tr')).map(r=>r.textContent)")
    assert len(pairs) == 1 and pairs[0].startswith("部门-单位")
    browser.click('#pairs a[href="#file-1"]')
    browser.settle()
    assert "putuo-zhengfuban-unit-2025-yusuan.pdf" in browser.js(
        "document.querySelector('#view h2.path').textContent"
    )
    assert "单位预算" in browser.js("document.querySelector('#view .about').textContent")
    legend = browser.js("document.getElementById('legend').textContent")
    assert "没有参与任何核对的数字" in legend and "核对/不成立/无法验证" in legend
    assert "不另计数" in legend


@browser_only
def test_an_unchecked_figure_is_a_link_to_its_place(tmp_path, browser):
    """Seed 000's list of figures nothing compared: 第132行's 50万元 is a link; clicked, the
    line is drawn (it lies far from any finding) and scrolled to, the figure marked."""
    html_of(tmp_path, str(SEED_000))
    browser.open((tmp_path / "report.html").as_uri() + "#file-0")
    browser.settle()
    assert not browser.js("!!document.getElementById('L0-131')")  # not drawn yet
    browser.js("document.querySelector('#view details.unchecked-figs').open=true")
    browser.click('#view details.unchecked-figs a[href="#L0-131"]')
    browser.settle()
    assert _in_view(browser, _rect(browser, "#L0-131"))
    assert (
        browser.js("document.querySelector('#L0-131 mark.fig.unchecked').textContent") == "50万元"
    )


@browser_only
def test_j_goes_on_from_the_finding_last_clicked(tmp_path, browser):
    """After a click on the 4th marked finding, j opens the 5th, not the 1st."""
    html_of(tmp_path, str(SEED_000))
    browser.open((tmp_path / "report.html").as_uri() + "#file-0")
    browser.settle()
    marks = "Array.from(document.querySelectorAll('#view mark.hl,#view .ln.hit>.no'))"
    n = browser.js(f"{marks}.length")
    assert n >= 6
    browser.js(f"{marks}[3].click()")
    browser.settle()
    clicked = browser.js("document.querySelector('#view .active').getAttribute('data-f')")
    browser.key("j")
    browser.settle()
    now = browser.js("document.querySelector('#view .active').getAttribute('data-f')")
    assert now == browser.js(f"{marks}[4].getAttribute('data-f')") and now != clicked
    browser.key("k")
    browser.key("k")
    browser.settle()
    assert browser.js("document.querySelector('#view .active').getAttribute('data-f')") == (
        browser.js(f"{marks}[2].getAttribute('data-f')")
    )


@browser_only
def test_one_defect_is_one_card_and_a_table_row_is_drawn_as_cells(tmp_path, browser):
    """Seed 003 line 24: the 478.5 that breaks its breakdown and both restatements is one
    finding; both of its 478.5 are marked for it (the second is the one column 57 means), and
    its card lists the relations it also breaks. Seed 000's 自评表 lines are table rows."""
    html_of(tmp_path, str(SEED_003), str(SEED_000))
    browser.open((tmp_path / "report.html").as_uri() + "#file-0")
    browser.settle()
    ids = browser.js(
        "Array.from(document.querySelectorAll('#L0-23 mark.hl')).map(m=>[m.textContent,m.getAttribute('data-f')])"
    )
    assert [t for t, _ in ids] == ["478.5万元", "478.5万元"] and ids[0][1] == ids[1][1]
    assert browser.js("document.querySelectorAll('#view li.item').length") == 6
    browser.js("document.querySelectorAll('#L0-23 mark.hl')[1].click()")
    card = browser.js("document.getElementById('card').textContent")
    assert card.count("同时导致 GA-XREF-001") == 2 and "GA-SUM-001" in card
    browser.click('#files a[href="#file-1"]')
    browser.settle()
    browser.click('#view a[href="#f1-5"]')  # 第645行, in the 12345 热线 自评表
    browser.settle()
    cells = browser.js("Array.from(document.querySelectorAll('#view .tx.cells .cell')).length")
    assert cells > 20
