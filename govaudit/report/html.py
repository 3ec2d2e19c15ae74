"""The HTML report: one self-contained file (inline CSS and JS, no network) for people who
would rather look than read a terminal, built to stay quick for a batch of hundreds of files.

Layout. The page opens on an index: the totals, a table of every file (sortable by each
column, filtered by name and by status, the status graded by the worst finding:
无法读取 / 错误 / 警告 / 未能核对 / 提示 / 通过) and the rules. Each file's own section (its
findings, each with the table row it sits in, and its text with every finding highlighted in
place) is stored in the page as data and drawn only when the file is opened (a click in the
index, a link, or an address like ``report.html#f3-0``); one file is shown at a time. So the
page costs the browser an index, however many files the batch has: 500 files open in about
a second (bench/bench_html.py).

Links land where they point: a section is drawn before anything in it is scrolled to, and
the scroll is corrected until the target sits still (lines far from a finding use
``content-visibility``, whose estimated heights would otherwise leave the target thousands of
pixels off). A finding's detail card opens in the text, right under the finding's line, so
it never covers the lines it is about.

Where the text comes from: check.py drops each Document once it is checked (parallel
workers could not ship it cheaply, and a batch of 200 files must not sit in memory). This
reporter re-reads each file that has findings, one at a time (a text file only as lines,
without rebuilding its tables) — for display only; findings are never recomputed here. A
file that can no longer be read still gets its list of findings.

Staying usable on a 200-page document: only the lines around findings (± `context`) are
rendered as HTML; the rest of the text is embedded once as JSON and each gap between
windows is a button that renders its lines on demand ("show all" renders everything).
Files without findings carry no text at all.

The index rows are drawn from the same per-file entry as the JSON report's ``files[]``
(json_report.file_dict): a per-file fact added there is at hand here; `INDEX_COLUMNS` says
which are shown.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from govaudit import __version__
from govaudit.engine.rules import Rule
from govaudit.model import (
    SEVERITY_RANK,
    Document,
    FileReport,
    Finding,
    Location,
    Paragraph,
    Table,
    TableRow,
    occurrence,
)
from govaudit.report import Output, Reports, Run
from govaudit.report.json_report import file_dict
from govaudit.report.summary import (
    VERDICTS,
    FileSummary,
    RuleStats,
    RuleTally,
    coverage,
    figures_line,
    file_counts,
    nothing_checked,
    severity_counts,
    suppressed_count,
)

Loader = Callable[[str], Document | None]

LABELS = {
    "zh": {
        "title": "govaudit 检查报告",
        "files": "文件",
        "rules": "规则",
        "file": "文件",
        "status": "状态",
        "errors": "错误",
        "warnings": "警告",
        "infos": "提示",
        "suppressed": "已忽略",
        "unreadable": "无法读取",
        "relations": "核对关系",
        "figures": "数字参与核对",
        "checked": "核对",
        "held": "成立",
        "failed": "不成立",
        "unverified": "无法验证",
        "findings": "问题",
        "rule": "规则",
        "severity": "级别",
        "rule_title": "标题",
        "in_files": "涉及文件",
        "ok": "通过",
        "has_findings": "有问题",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "no_findings": "未发现问题",
        "expected": "应为",
        "actual": "实为",
        "location": "位置",
        "reason": "忽略原因",
        "related": "相关位置",
        "show_all": "显示全文",
        "context_only": "只看问题附近",
        "show_lines": "显示第 {a}–{b} 行（{n} 行）",
        "show_units": "显示 {n} 段",
        "show_suppressed": "显示已忽略",
        "prev": "上一个",
        "next": "下一个",
        "document": "原文",
        "findings_list": "问题列表",
        "suppressed_list": "已按基线忽略的问题",
        "stale": "已不再匹配的忽略项",
        "no_text": "无法重新读取原文，下面只列出问题。",
        "not_placed": "（未能在原文中定位）",
        "generated": "生成于",
        "filter": "显示",
        "fingerprint": "指纹",
        "close": "关闭",
        "coverage_line": "核对关系 {c} 项：成立 {h}，不成立 {f}，无法验证 {u}",
        "help": "点击高亮的数字查看详情；按 j / k 跳到下一个 / 上一个问题。",
        "unused_rules": "未核对到任何关系的规则",
        "quiet_rules": "其余 {r} 条规则：核对关系 {n} 项，均未发现问题",
        "n": "（{n}）",
        "colon": "：",
        "index": "文件索引",
        "filter_name": "按文件名筛选",
        "all": "全部",
        "nothing_checked": "未能核对",
        "passed": "通过",
        "unchecked_msg": "未能核对任何关系：没有找到可以核对的数字关系，「未发现问题」不代表没有问题。",
        "unchecked_figs": "未参与任何核对的数字（{n} 个）：「未发现问题」不涵盖这些数字",
        "unchecked_fig": "未参与核对",
        "shown_of": "显示 {a} / {b} 个文件",
        "skipped": "跳过的文件（不支持的格式）",
        "prev_file": "上一个文件",
        "next_file": "下一个文件",
        "row": "所在表格行",
        "open_hint": "点击文件名查看问题和原文。",
        "sort": "点击排序",
        "also": "同时导致",
        "legend": "图例与说明",
        "legend_error": "错误：数字之间的关系不成立，超出舍入误差",
        "legend_warning": "警告：很可能有误，请核对",
        "legend_info": "提示：值得一看（如尾数差 0.01、以 0 为基数的增长）",
        "legend_unchecked": "虚线：没有参与任何核对的数字（「未发现问题」不涵盖它）",
        "legend_also": "同一处错误导致的其他不成立的关系，列在该问题下，不另计数",
        "legend_relations": "核对/不成立/无法验证：规则核对的数字关系，成立与不成立的次数，以及因缺少数字无法验证的次数",
        "legend_figures": "已核对/全部：文中金额和百分数中，至少参与一次核对的个数",
        "pairs": "跨文件核对",
        "pairs_hint": "同一发布单位的这些文件相互核对（部门与单位、相邻两年、预算与决算），发现的问题记在后一个文件下。",
    },
    "en": {
        "title": "govaudit report",
        "files": "Files",
        "rules": "Rules",
        "file": "file",
        "status": "status",
        "errors": "errors",
        "warnings": "warnings",
        "infos": "info",
        "suppressed": "suppressed",
        "unreadable": "unreadable",
        "relations": "relations",
        "figures": "figures compared",
        "checked": "checked",
        "held": "held",
        "failed": "failed",
        "unverified": "unverified",
        "findings": "findings",
        "rule": "rule",
        "severity": "severity",
        "rule_title": "title",
        "in_files": "files",
        "ok": "ok",
        "has_findings": "findings",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "no_findings": "no findings",
        "expected": "expected",
        "actual": "printed",
        "location": "location",
        "reason": "reason accepted",
        "related": "related places",
        "show_all": "Show all text",
        "context_only": "Only around findings",
        "show_lines": "show lines {a}–{b} ({n} lines)",
        "show_units": "show {n} blocks",
        "show_suppressed": "show suppressed",
        "prev": "previous",
        "next": "next",
        "document": "Document",
        "findings_list": "Findings",
        "suppressed_list": "Suppressed findings (baseline)",
        "stale": "Suppressions that no longer match",
        "no_text": "The file could not be read again; only its findings are listed.",
        "not_placed": "(not located in the text)",
        "generated": "generated",
        "filter": "show",
        "fingerprint": "fingerprint",
        "close": "close",
        "coverage_line": "relations checked {c}: held {h}, failed {f}, could not be verified {u}",
        "help": "Click a highlighted figure for details; press j / k for the next / previous finding.",
        "unused_rules": "Rules that checked nothing",
        "quiet_rules": "{r} more rules: {n} relations checked, no findings",
        "n": " ({n})",
        "colon": ": ",
        "index": "Index",
        "filter_name": "filter by file name",
        "all": "all",
        "nothing_checked": "nothing checked",
        "passed": "passed",
        "unchecked_msg": "Nothing could be checked: no relation between figures was found; no findings does not mean no errors.",
        "unchecked_figs": "Figures no relation checked ({n}): no findings does not cover them",
        "unchecked_fig": "not checked",
        "shown_of": "{a} of {b} files shown",
        "skipped": "Skipped files (formats not read)",
        "prev_file": "previous file",
        "next_file": "next file",
        "row": "table row",
        "open_hint": "Click a file name to see its findings and text.",
        "sort": "click to sort",
        "also": "also breaks",
        "legend": "Legend",
        "legend_error": "error: a relation between figures fails beyond rounding",
        "legend_warning": "warning: very likely wrong, please check",
        "legend_info": "info: worth a look (a last-digit difference, growth from zero)",
        "legend_unchecked": "dotted: a figure no relation checked (no findings does not cover it)",
        "legend_also": "the other relations the same defect breaks, listed under it, not counted again",
        "legend_relations": "relations checked / failed / unverifiable: how often the rules compared figures, how often a relation failed, and how often a figure was missing",
        "legend_figures": "checked / all: the money and percentage figures that took part in at least one comparison",
        "pairs": "Checked across documents",
        "pairs_hint": "These documents of one issuer were checked against each other (department and unit, consecutive years, budget and final accounts); findings go to the later one.",
    },
}


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _v(value: str | None) -> str:
    return "—" if value is None else value


def _script_json(data: Any) -> str:
    """JSON safe inside <script type="application/json">: "</" and "<!--" (the only ways the
    text of a document could end or alter the element) are written as the JSON escapes
    "<\\/" and "\\u003c!--"; a "<" can only occur inside a JSON string."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<!--", "\\u003c!--").replace("</", "<\\/")


TEXT_SUFFIXES = (".txt", ".text", ".md")


def default_loader(path: str) -> Document | None:
    """The document again, for display. A text file needs only its lines (as its reader
    numbers them): its tables are not rebuilt, which is most of the reading time."""
    from govaudit.readers import read_document
    from govaudit.readers.text import clean_line, decode, split_lines

    try:
        p = Path(path)
        if p.suffix.lower() in TEXT_SUFFIXES:
            data = p.read_bytes()
            if not data.startswith((b"%PDF", b"PK\x03\x04")):
                lines = [clean_line(x) for x in split_lines(decode(data, p.name))]
                return Document(path=path, format="text", blocks=[], source_lines=lines)
        return read_document(path)
    except Exception:  # display only: the report still lists the file's findings
        return None


# --------------------------------------------------------------------------- display units


@dataclass
class Units:
    """What is shown of a document: source lines of a text file, or the blocks of any other
    (a paragraph, a table row) with the place each one starts."""

    texts: list[str]
    labels: list[str] | None  # None: line numbers 1..n
    locs: list[Location] = field(default_factory=list)

    @property
    def by_line(self) -> bool:
        return self.labels is None

    def label(self, i: int) -> str:
        return str(i + 1) if self.labels is None else self.labels[i]


def units_of(doc: Document, lang: str) -> Units:
    if doc.source_lines is not None:
        return Units(list(doc.source_lines), None)
    texts: list[str] = []
    labels: list[str] = []
    locs: list[Location] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            loc = block.text.loc
            texts.append(block.text.text)
            locs.append(loc)
            labels.append(_short(loc, lang))
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(c.text.text.split()) for c in row if not c.merged]
                loc = row[0].text.loc if row and row[0].text.anchors else block.loc
                texts.append("\t".join(cells))  # drawn as a table row (cells at the TABs)
                locs.append(loc)
                labels.append(_short(loc, lang))
    return Units(texts, labels, locs)


def _short(loc: Location, lang: str) -> str:
    en = lang == "en"
    if loc.page is not None:
        return f"p.{loc.page}" if en else f"{loc.page}页"
    if loc.sheet is not None and loc.row is not None:
        return f"{loc.sheet}:{loc.row}"
    if loc.table is not None:
        r = f".{loc.row}" if loc.row is not None else ""
        return f"T{loc.table}{r}"
    if loc.paragraph is not None:
        return f"¶{loc.paragraph}"
    if loc.line is not None:
        return str(loc.line)
    return ""


def place(f: Finding, units: Units) -> int | None:
    """The unit a finding sits in, or None when it cannot be found."""
    n = len(units.texts)
    if units.by_line:
        if f.loc.line is not None and 1 <= f.loc.line <= n:
            return f.loc.line - 1
        return None
    marks = [m for m in f.highlights if m]
    keys = ("page", "paragraph", "table", "row", "sheet", "line")
    want = {k: getattr(f.loc, k) for k in keys if getattr(f.loc, k) is not None}
    candidates = [
        i for i, loc in enumerate(units.locs) if all(getattr(loc, k) == v for k, v in want.items())
    ]
    if not candidates and "page" in want:
        candidates = [i for i, loc in enumerate(units.locs) if loc.page == want["page"]]
    for i in candidates:
        if any(m in units.texts[i] for m in marks):
            return i
    probe = f.excerpt.strip()[:12]
    for i in candidates:
        if probe and probe in units.texts[i]:
            return i
    if candidates:
        return candidates[0]
    for i, t in enumerate(units.texts):
        if any(m in t for m in marks):
            return i
    return None


# --------------------------------------------------------------------------- the page


@dataclass
class _Placed:
    fid: str
    finding: Finding
    unit: int | None


def render(run: Run, out: Output) -> None:
    """The `html` format, written as it is made: the index from the files' summaries, then
    each file's section from its report, one report at a time."""
    write(run, out.write)


def page(
    reports: list[FileReport],
    rules: list[Rule] | None = None,
    lang: str = "zh",
    *,
    stale: list[Any] | None = None,
    statistics: list[RuleStats] | None = None,
    skipped: list[Any] | None = None,
    min_severity: str = "info",
    loader: Loader | None = None,
    context: int = 3,
    pairs: list[Any] | None = None,
) -> str:
    """The whole page as one string (tests, benchmarks)."""
    run = Run(
        reports=Reports.of(reports),
        rules=rules or [],
        lang=lang,
        stale=stale or [],
        statistics=statistics,
        skipped=skipped or [],
        min_severity=min_severity,
        pairs=pairs or [],
    )
    out: list[str] = []
    write(run, out.append, loader=loader, context=context)
    return "".join(out)


def write(
    run: Run, emit: Callable[[str], None], *, loader: Loader | None = None, context: int = 3
) -> None:
    """The page, piece by piece. Each file's section is stored as data (`<script
    id="fd-N">`) and drawn by the page's script when the file is opened."""
    lang = run.lang
    L = LABELS["en" if lang == "en" else "zh"]
    load = loader or default_loader
    summaries = run.summaries
    tally = run.tally
    if tally is None:
        tally = RuleTally([r.id for r in run.rules])
        for r in run.reports:
            tally.add(r)
    stats = run.statistics or tally.result()
    counts = severity_counts(summaries)
    emit(_head(L, lang, run.min_severity))
    emit(_header(L, summaries, counts, run.min_severity))
    emit(_legend(L))
    files = {r.path: i for i, r in enumerate(summaries)}
    emit(_files_table(L, lang, summaries, run.skipped or []))
    if run.pairs:
        emit(_pairs(L, run.pairs, files))
    emit(_rules_table(L, run.rules, stats, tally.files, lang))
    emit('<div id="view"></div>\n</main>\n')
    # the script before the files' data: the index works while the browser is still reading
    # the data (a file opened that early is opened once the page has been read)
    emit(_card_and_script(L))
    for i, r in enumerate(run.reports):
        section, data = _file_section(
            L, lang, i, r, load, context, run.stale or [], len(summaries), files
        )
        data["html"] = section
        emit(f'<script type="application/json" id="fd-{i}">{_script_json(data)}</script>\n')
    emit("</body></html>\n")


def identity(info: Any, lang: str) -> str:
    """ "单位决算 · 泸州市政务服务管理局 · 2023年": what govaudit took the document to be."""
    if info is None or not (info.kind or info.issuer or info.year):
        return ""
    en = lang == "en"
    year = (f"{info.year}" if en else f"{info.year}年") if info.year else ""
    return " · ".join(x for x in (info.kind, info.issuer, year) if x)


def _legend(L: dict[str, str]) -> str:
    """What the marks and the counts mean."""
    items = "".join(
        f"<li>{sample} {_e(L[key])}</li>"
        for sample, key in (
            ('<mark class="hl sev-error">123.45</mark>', "legend_error"),
            ('<mark class="hl sev-warning">123.45</mark>', "legend_warning"),
            ('<mark class="hl sev-info">123.45</mark>', "legend_info"),
            ('<mark class="fig unchecked">123.45</mark>', "legend_unchecked"),
            ("<b>↳</b>", "legend_also"),
            (f"<b>{_e(L['relations'])}</b>", "legend_relations"),
            (f"<b>{_e(L['figures'])}</b>", "legend_figures"),
        )
    )
    return (
        f'<details class="legend" id="legend"><summary>{_e(L["legend"])}</summary>'
        f"<ul>{items}</ul></details>\n"
    )


def _pairs(L: dict[str, str], pairs: list[Any], files: dict[str, int]) -> str:
    """The documents checked against each other, each a link to its section."""

    def link(path: str) -> str:
        i = files.get(path)
        return f'<a href="#file-{i}">{_e(path)}</a>' if i is not None else _e(path)

    rows = "".join(
        f"<tr><td>{_e(p.relation)}</td><td>{link(p.first.path)}</td><td>↔</td>"
        f'<td>{link(p.other.path)}</td><td class="dim">{_e(p.reason)}</td></tr>'
        for p in pairs
    )
    return (
        f'<section id="pairs"><h2>{_e(L["pairs"])}{L["n"].format(n=len(pairs))}</h2>'
        f'<p class="dim">{_e(L["pairs_hint"])}</p>'
        f'<div class="scroll"><table class="grid">{rows}</table></div></section>\n'
    )


def _head(L: dict[str, str], lang: str, min_severity: str) -> str:
    floor = SEVERITY_RANK.get(min_severity, 1)
    hidden = " ".join(f"hide-{s}" for s, rank in SEVERITY_RANK.items() if rank < floor)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="govaudit ' + _e(__version__) + '">'
        f"<title>{_e(L['title'])}</title><style>{CSS}</style></head>\n"
        f'<body class="{hidden}">\n'
    )


def _sev(L: dict[str, str], sev: str) -> str:
    return f'<span class="sev sev-{_e(sev)}">{_e(L.get(sev, sev))}</span>'


def _header(
    L: dict[str, str], reports: list[FileSummary], counts: Counter[str], min_severity: str
) -> str:
    unreadable = sum(1 for r in reports if r.status == "error")
    unchecked = sum(1 for r in reports if nothing_checked(r))
    cov = [coverage(r) for r in reports]
    checked = sum(c.checked for c in cov)
    failed = sum(c.failed for c in cov)
    unverified = sum(c.unverified for c in cov)
    tiles = [
        (L["files"], len(reports), ""),
        (L["errors"], counts.get("error", 0), "t-error"),
        (L["warnings"], counts.get("warning", 0), "t-warning"),
        (L["infos"], counts.get("info", 0), "t-info"),
        (L["suppressed"], suppressed_count(reports), ""),
        (L["unreadable"], unreadable, "t-error" if unreadable else ""),
        (L["nothing_checked"], unchecked, "t-warning" if unchecked else ""),
        (L["relations"], checked, ""),
        (L["failed"], failed, ""),
        (L["unverified"], unverified, ""),
    ]
    tiles_html = "".join(
        f'<div class="tile {cls}"><b>{n}</b><span>{_e(label)}</span></div>'
        for label, n, cls in tiles
    )
    now = datetime.now().strftime("%Y-%m-%d %H:%M")
    floor = SEVERITY_RANK.get(min_severity, 1)

    def box(sev: str) -> str:
        on = " checked" if SEVERITY_RANK[sev] >= floor else ""
        return f'<label><input type="checkbox" data-sev="{sev}"{on}> {_sev(L, sev)}</label>'

    bar = (
        '<div class="bar" id="bar">'
        f'<a class="brand" href="#index">govaudit</a>'
        f'<a href="#index" class="tolink">↑ {_e(L["index"])}</a>'
        f"{box('error')}{box('warning')}{box('info')}"
        f'<label><input type="checkbox" id="show-suppressed"> {_e(L["show_suppressed"])}</label>'
        f'<span class="grow"></span>'
        f'<button type="button" id="prev" title="k">↑ {_e(L["prev"])}</button>'
        f'<button type="button" id="next" title="j">↓ {_e(L["next"])}</button>'
        "</div>"
    )
    return (
        f"{bar}<main>\n<header><h1>{_e(L['title'])}</h1>"
        f'<p class="meta">govaudit {_e(__version__)} · {_e(L["generated"])} {_e(now)} · '
        f"{_e(L['help'])}</p>"
        f'<div class="tiles">{tiles_html}</div></header>\n'
    )


# The index: one row per file, built from the per-file entry the JSON report carries
# (json_report.file_dict). Each column: (label key, sort type, cell from the entry and the
# file's visible counts). A per-file fact added to the entry becomes a column here.
VERDICT_LABEL = {
    "unreadable": "unreadable",
    "error": "error",
    "warning": "warning",
    "nothing_checked": "nothing_checked",
    "info": "info",
    "passed": "passed",
}


def _count(n: int) -> str:
    return str(n) if n else ""


INDEX_COLUMNS: list[
    tuple[str, str, Callable[[dict[str, Any], Counter[str], int], tuple[Any, str]]]
] = [
    ("errors", "num", lambda e, c, s: (c.get("error", 0), _count(c.get("error", 0)))),
    ("warnings", "num", lambda e, c, s: (c.get("warning", 0), _count(c.get("warning", 0)))),
    ("infos", "num", lambda e, c, s: (c.get("info", 0), _count(c.get("info", 0)))),
    ("suppressed", "num", lambda e, c, s: (s, _count(s))),
    (
        "relations",
        "num",
        lambda e, c, s: (
            e["coverage"]["checked"],
            "{checked} / {failed} / {unverified}".format(**e["coverage"])
            if e["status"] == "ok"
            else "",
        ),
    ),
    (
        "figures",
        "num",
        lambda e, c, s: (
            _share(e["coverage"].get("figures")),
            "{checked} / {total}".format(**e["coverage"]["figures"])
            if e["coverage"].get("figures")
            else "",
        ),
    ),
]


def _share(fig: dict[str, Any] | None) -> int:
    """Sort key of the figures column: the share compared, in thousandths."""
    return fig["checked"] * 1000 // fig["total"] if fig and fig["total"] else -1


def _files_table(
    L: dict[str, str], lang: str, reports: list[FileSummary], skipped: list[Any]
) -> str:
    rank = {v: n for n, v in enumerate(VERDICTS)}
    rows = []
    verdicts: list[str] = []
    for i, r in enumerate(reports):
        entry = file_dict(r, lang, findings=False)
        v = entry["verdict"]
        verdicts.append(v)
        counts = file_counts(r)
        sup = r.suppressed
        badge = f'<span class="st st-{v}">{_e(L[VERDICT_LABEL[v]])}</span>'
        about = identity(r.info, lang)
        cells = [
            f'<td data-v="{_e(r.path)}"><a href="#file-{i}">{_e(r.path)}</a>'
            + (f'<div class="about">{_e(about)}</div>' if about else "")
            + (f'<div class="err">{_e(entry["error"] or "")}</div>' if r.status == "error" else "")
            + "</td>",
            f'<td data-v="{rank[v]}">{badge}</td>',
        ]
        for _, _, cell in INDEX_COLUMNS:
            key, shown = cell(entry, counts, sup)
            cells.append(f'<td class="n" data-v="{_e(key)}">{_e(shown)}</td>')
        rows.append(f'<tr data-i="{i}" data-st="{v}">{"".join(cells)}</tr>')
    heads = [("file", "text"), ("status", "num")] + [(k, t) for k, t, _ in INDEX_COLUMNS]
    head = "".join(
        f'<th data-col="{n}" data-type="{t}" aria-sort="none"><button type="button" '
        f'title="{_e(L["sort"])}">{_e(L[k])}</button></th>'
        for n, (k, t) in enumerate(heads)
    )
    present = [v for v in VERDICTS if v in verdicts]
    options = f'<option value="">{_e(L["all"])}</option>' + "".join(
        f'<option value="{v}">{_e(L[VERDICT_LABEL[v]])}</option>' for v in present
    )
    filters = (
        '<div class="filters">'
        f'<input type="search" id="q" placeholder="{_e(L["filter_name"])}" aria-label="{_e(L["filter_name"])}">'
        f'<select id="st" aria-label="{_e(L["status"])}">{options}</select>'
        f'<span class="dim" id="shown" data-fmt="{_e(L["shown_of"])}"></span></div>'
    )
    skipped_html = ""
    if skipped:
        items = "".join(f"<li>{_e(x.path)}</li>" for x in skipped)
        skipped_html = (
            f'<details class="skipped"><summary>{_e(L["skipped"])}{L["n"].format(n=len(skipped))}'
            f"</summary><ul>{items}</ul></details>"
        )
    return (
        f'<section id="index"><h2>{_e(L["files"])}{L["n"].format(n=len(reports))}</h2>'
        f'<p class="dim">{_e(L["open_hint"])}</p>{filters}'
        f'<div class="scroll"><table class="grid" id="files"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{skipped_html}</section>\n"
    )


def _rules_table(
    L: dict[str, str],
    rules: list[Rule],
    stats: list[RuleStats],
    in_files: dict[str, int],
    lang: str,
) -> str:
    titles: dict[str, str] = {}
    sev: dict[str, str] = {}
    for r in rules:
        titles[r.id] = r.title_en if lang == "en" and r.title_en else r.title
        sev[r.id] = r.severity

    def row(s: RuleStats) -> str:
        return (
            f'<tr class="{"quiet" if not s.findings else ""}"><td class="mono">{_e(s.rule)}</td>'
            f"<td>{_sev(L, sev.get(s.rule, 'info'))}</td><td>{_e(titles.get(s.rule, ''))}</td>"
            f'<td class="n">{s.findings or ""}</td><td class="n">{in_files.get(s.rule, 0) or ""}</td>'
            f'<td class="n">{s.checked}</td><td class="n">{s.held}</td>'
            f'<td class="n">{s.failed}</td><td class="n">{s.unverified}</td>'
            f'<td class="n">{s.suppressed or ""}</td></tr>'
        )

    hits = sorted((s for s in stats if s.findings), key=lambda s: (-s.findings, s.rule))
    quiet = [s for s in stats if s.checked and not s.findings]
    unused = [s for s in stats if not (s.checked or s.findings)]
    head = (
        f"<tr><th>{_e(L['rule'])}</th><th>{_e(L['severity'])}</th><th>{_e(L['rule_title'])}</th>"
        f"<th>{_e(L['findings'])}</th><th>{_e(L['in_files'])}</th><th>{_e(L['checked'])}</th>"
        f"<th>{_e(L['held'])}</th><th>{_e(L['failed'])}</th><th>{_e(L['unverified'])}</th>"
        f"<th>{_e(L['suppressed'])}</th></tr>"
    )
    extra = ""
    if quiet:
        n = sum(s.checked for s in quiet)
        extra += (
            f"<details><summary>{_e(L['quiet_rules'].format(r=len(quiet), n=n))}</summary>"
            f'<div class="scroll"><table class="grid">{head}{"".join(row(s) for s in quiet)}'
            "</table></div></details>"
        )
    if unused:
        names = "、".join(
            f'<span class="mono" title="{_e(titles.get(s.rule, ""))}">{_e(s.rule)}</span>'
            for s in unused
        )
        extra += (
            f"<details><summary>{_e(L['unused_rules'])}{L['n'].format(n=len(unused))}</summary>"
            f"<p>{names}</p></details>"
        )
    return (
        f'<section id="summary-rules"><h2>{_e(L["rules"])}</h2><div class="scroll">'
        f'<table class="grid">{head}{"".join(row(s) for s in hits)}</table></div>{extra}</section>\n'
    )


def _finding_data(
    L: dict[str, str],
    lang: str,
    fid: str,
    f: Finding,
    file_index: int,
    units: Units | None,
    files: dict[str, int] | None = None,
) -> dict[str, Any]:
    en = lang == "en"
    rel = []
    paths = f.related_paths or ("",) * len(f.related)
    for rl, path in zip(f.related, paths, strict=True):
        place = rl.describe_en() if en else rl.describe()
        if path:  # another file of the batch: a link to its section
            other = (files or {}).get(path)
            target = f"file-{other}" if other is not None else ""
            rel.append([target, f"{Path(path).name} {place}"])
        elif rl.line is not None and units is not None and units.by_line:
            rel.append([f"L{file_index}-{rl.line - 1}", place])
    data: dict[str, Any] = {
        "id": fid,
        "rule": f.rule,
        "sev": f.severity,
        "sevLabel": L.get(f.severity, f.severity),
        "title": f.title_en if en and f.title_en else f.title,
        "msg": f.message_en if en and f.message_en else f.message,
        "exp": f.expected_shown or f.expected,
        "act": f.actual_shown or f.actual,
        "loc": f.loc.describe_en() if en else f.loc.describe(),
        "s": f.suppressed,
        "sup": f.suppression_reason if f.suppressed else None,
        "fp": f.fingerprint,
        "rel": rel,
    }
    if f.row is not None and f.row.cells:
        data["row"] = _row_table(f.row)
    if f.also:
        data["also"] = [
            [
                x.rule,
                x.loc.describe_en() if en else x.loc.describe(),
                x.message_en if en and x.message_en else x.message,
            ]
            for x in f.also
        ]
    return data


def _row_table(row: TableRow) -> str:
    """The finding's table row as a small table: headings over cells, figures marked."""
    heads = "".join(f"<th>{_e(h)}</th>" for h, _ in row.cells)
    cells = "".join(
        f'<td class="fig">{_e(t)}</td>' if i in row.marks else f"<td>{_e(t)}</td>"
        for i, (_, t) in enumerate(row.cells)
    )
    has_heads = any(h for h, _ in row.cells)
    return (
        '<div class="rowview"><table>'
        + (f"<tr>{heads}</tr>" if has_heads else "")
        + f"<tr>{cells}</tr></table></div>"
    )


def _unchecked_list(
    L: dict[str, str], lang: str, i: int, r: FileReport, units: Units | None
) -> str:
    """The figures nothing compared, folded: where each is and what it says, each a link
    to its place in the text (where the text could be read again)."""
    rows = list(r.figures.unchecked) if r.figures is not None else []
    if not rows:
        return ""
    items = []
    for loc, text in rows[:500]:
        where = _e(loc.describe_en() if lang == "en" else loc.describe())
        u = None
        if units is not None and text:
            u = place(Finding("", "", "", "", loc, highlights=(text,)), units)
        head = (
            f'<a class="mono" href="#L{i}-{u}">{where}</a>'
            if u is not None
            else f"<span class='mono'>{where}</span>"
        )
        items.append(f"<li>{head} <mark class='fig unchecked'>{_e(text)}</mark></li>")
    more = f"<li>… {len(rows) - 500}</li>" if len(rows) > 500 else ""
    return (
        f'<details class="unchecked-figs"><summary>{_e(L["unchecked_figs"].format(n=len(rows)))}'
        f"</summary><ul>{''.join(items)}{more}</ul></details>"
    )


def _file_section(
    L: dict[str, str],
    lang: str,
    i: int,
    r: FileReport,
    load: Loader,
    context: int,
    stale: list[Any],
    total: int,
    files: dict[str, int] | None = None,
) -> tuple[str, dict[str, Any]]:
    """One file's section (HTML) and its data: the findings for the cards, the text for the
    gaps and "show all". `files`: each path of the batch → its section, for links to
    another file's place."""
    nav = (
        '<nav class="filenav">'
        + (f'<a href="#file-{i - 1}">← {_e(L["prev_file"])}</a>' if i > 0 else "<span></span>")
        + f'<a href="#index">↑ {_e(L["index"])}</a>'
        + (
            f'<a href="#file-{i + 1}">{_e(L["next_file"])} →</a>'
            if i + 1 < total
            else "<span></span>"
        )
        + "</nav>"
    )
    about = identity(r.info, lang)
    out = [
        f'<section class="file" id="file-{i}">{nav}<h2 class="path">{_e(r.path)}</h2>'
        + (f'<p class="about">{_e(about)}</p>' if about else "")
    ]
    data: dict[str, Any] = {}
    if r.status == "error":
        out.append(
            f'<p class="err">✗ {_e(L["unreadable"])}{L["colon"]}{_e(r.error or "")}</p></section>'
        )
        return "".join(out), data
    cov = coverage(r)
    fig = figures_line(r, lang == "en")
    out.append(
        '<p class="cov">'
        + _e(L["coverage_line"].format(c=cov.checked, h=cov.held, f=cov.failed, u=cov.unverified))
        + (("；" if lang != "en" else "; ") + _e(fig) if fig else "")
        + "</p>"
    )
    unchecked_figs = r.figures is not None and bool(r.figures.unchecked)
    units = None
    if r.findings or unchecked_figs:
        doc = load(r.path)
        units = units_of(doc, lang) if doc is not None else None
        del doc
    out.append(_unchecked_list(L, lang, i, r, units))
    name = Path(r.path).name
    mine = [e for e in stale if e.file == name]
    if mine:
        items = "".join(
            f"<li><span class='mono'>{_e(e.rule)}</span> {_e(L['fingerprint'])} "
            f"<span class='mono'>{_e(e.fingerprint)}</span> — {_e(e.reason)} "
            f"<span class='dim'>({_e(Path(e.source).name if e.source else '')})</span></li>"
            for e in mine
        )
        out.append(f'<div class="stale"><b>⚠ {_e(L["stale"])}</b><ul>{items}</ul></div>')
    if not r.findings:
        if nothing_checked(r):
            out.append(f'<p class="unchecked">⚠ {_e(L["unchecked_msg"])}</p>')
        else:
            out.append(f'<p class="okmsg">✓ {_e(L["no_findings"])}</p>')
    placed = [
        _Placed(f"{i}-{n}", f, place(f, units) if units is not None else None)
        for n, f in enumerate(r.findings)
    ]
    if placed:
        data["findings"] = [
            _finding_data(L, lang, p.fid, p.finding, i, units, files) for p in placed
        ]
        out.append(_findings_list(L, lang, placed))
        if units is None:
            out.append(f'<p class="err">{_e(L["no_text"])}</p></section>')
            return "".join(out), data
    if units is None:
        out.append("</section>")
        return "".join(out), data
    body, doc_data = _document(L, lang, i, placed, units, context, _unchecked(r, units))
    data.update(doc_data)
    out.append(body)
    out.append("</section>")
    return "".join(out), data


def _findings_list(L: dict[str, str], lang: str, placed: list[_Placed]) -> str:
    en = lang == "en"

    def item(p: _Placed) -> str:
        f = p.finding
        where = f.loc.describe_en() if en else f.loc.describe()
        link = (
            f'<a class="where" href="#f{p.fid}">{_e(where)}</a>'
            if p.unit is not None
            else f'<span class="where">{_e(where)} {_e(L["not_placed"])}</span>'
        )
        title = f.title_en if en and f.title_en else f.title
        msg = f.message_en if en and f.message_en else f.message
        parts = []
        if f.expected is not None:
            parts.append(f"{_e(L['expected'])} <b>{_e(f.expected_shown or f.expected)}</b>")
        if f.actual is not None:
            parts.append(f"{_e(L['actual'])} <b>{_e(f.actual_shown or f.actual)}</b>")
        ea = f'<div class="ea">{" · ".join(parts)}</div>' if parts else ""
        also = "".join(
            f'<div class="also">↳ {_e(L["also"])} <span class="mono">{_e(x.rule)}</span> '
            f"{_e(x.loc.describe_en() if en else x.loc.describe())}{L['colon']}"
            f"{_e(x.message_en if en and x.message_en else x.message)}</div>"
            for x in f.also
        )
        why = (
            f'<div class="why">{_e(L["reason"])}{L["colon"]}{_e(f.suppression_reason)}</div>'
            if f.suppressed
            else ""
        )
        cls = f"item sev-{_e(f.severity)}" + (" is-suppressed" if f.suppressed else "")
        row = _row_table(f.row) if f.row is not None and f.row.cells else ""
        return (
            f'<li class="{cls}" id="i{p.fid}">{link} {_sev(L, f.severity)} '
            f'<span class="mono rule">{_e(f.rule)}</span> <span class="ttl">{_e(title)}</span>'
            f'<div class="msg">{_e(msg)}</div>{ea}{also}{row}{why}</li>'
        )

    shown = [p for p in placed if not p.finding.suppressed]
    hidden = [p for p in placed if p.finding.suppressed]
    html_ = f'<h3>{_e(L["findings_list"])}{L["n"].format(n=len(shown))}</h3><ol class="findings">'
    html_ += "".join(item(p) for p in shown) + "</ol>"
    if hidden:
        html_ += (
            f'<details class="supp"><summary>{_e(L["suppressed_list"])}{L["n"].format(n=len(hidden))}</summary>'
            f'<ol class="findings">{"".join(item(p) for p in hidden)}</ol></details>'
        )
    return html_


def figure_at(text: str, f: Finding) -> tuple[int, int] | None:
    """Where in a unit's text the finding's figure stands: the occurrence it was read from
    (its place in its source line, told apart by the words before it), else the first of
    its marks found."""
    src = f.source or ""
    if f.span is not None and src:
        a, b = f.span
        figure = src[a:b]
        if figure and text == src:
            return a, b
        at = occurrence(text, figure, src[max(0, a - 24) : a])
        if at is not None:
            return at, at + len(figure)
    for m in f.highlights:
        pos = text.find(m) if m else -1
        if pos >= 0:
            return pos, pos + len(m)
    return None


def _spans(
    text: str, found: list[tuple[_Placed, Finding]]
) -> tuple[list[tuple[int, int, list[_Placed]]], list[_Placed]]:
    """Highlight spans in one unit: (start, end, findings); findings with no figure to mark
    (or overlapping another mark) are returned apart and mark the whole line. `found`: each
    finding placed in the unit, with the finding whose figure is marked (itself, or one of
    the relations it also breaks, `also`, whose figure stands elsewhere in the unit)."""
    spans: list[tuple[int, int, list[_Placed]]] = []
    whole: list[_Placed] = []
    for p, f in found:
        hit = figure_at(text, f)
        if hit is None:
            if f is p.finding:
                whole.append(p)
            continue
        for s in spans:
            if (s[0], s[1]) == hit:
                if p not in s[2]:
                    s[2].append(p)
                break
        else:
            if any(hit[0] < s[1] and s[0] < hit[1] for s in spans):
                whole.append(p)
            else:
                spans.append((hit[0], hit[1], [p]))
    spans.sort(key=lambda s: s[0])
    return spans, whole


def _js(text: str, offset: int) -> int:
    """A character offset as JavaScript counts it (UTF-16 code units)."""
    head = text[:offset]
    return offset + sum(1 for ch in head if ord(ch) > 0xFFFF)


def _unchecked(r: FileReport, units: Units) -> dict[int, list[tuple[int, int]]]:
    """Unit → the spans of the figures nothing compared, found by their place and text."""
    out: dict[int, list[tuple[int, int]]] = {}
    if r.figures is None:
        return out
    for loc, text in r.figures.unchecked:
        if not text:
            continue
        probe = Finding("", "", "", "", loc, highlights=(text,))
        u = place(probe, units)
        if u is None:
            continue
        at = units.texts[u].find(text)
        taken = out.setdefault(u, [])
        while at >= 0 and any(a < at + len(text) and at < b for a, b in taken):
            at = units.texts[u].find(text, at + 1)
        if at >= 0:
            taken.append((at, at + len(text)))
    return out


def _document(
    L: dict[str, str],
    lang: str,
    file_i: int,
    placed: list[_Placed],
    units: Units,
    context: int,
    unchecked: dict[int, list[tuple[int, int]]] | None = None,
) -> tuple[str, dict[str, Any]]:
    """The text as data for the page's script to draw: every unit (line or block), the
    ranges drawn at first (the units around findings), and the marks: per unit, the figure
    spans [start, end, finding ids] and the findings marking the whole unit. Drawn in the
    browser, a line costs the page its text once, not twice.

    A span may carry a CSS class and a tooltip: [start, end, ids, class, title]; with no ids
    it marks a figure without a finding (say, one no relation checked: [s, e, [],
    "unchecked", "未参与核对"]), drawn as <mark class="fig unchecked">. Offsets are in
    UTF-16 code units (`_js`), sorted, not overlapping."""
    n = len(units.texts)
    by_unit: dict[int, list[tuple[_Placed, Finding]]] = {}
    show: set[int] = set()
    for p in placed:
        if p.unit is None:
            continue
        by_unit.setdefault(p.unit, []).append((p, p.finding))
        for x in p.finding.also:  # the same defect's other figures, marked for it too
            line = x.loc.line
            if units.by_line and line is not None and 1 <= line <= n and x.loc.page is None:
                by_unit.setdefault(line - 1, []).append((p, x))
                show.add(line - 1)
        radius = 1 if p.finding.suppressed else context
        show.update(range(max(0, p.unit - radius), min(n, p.unit + radius + 1)))
        if units.by_line:
            for rl in p.finding.related:
                if rl.line is not None and 1 <= rl.line <= n and not p.finding.suppressed:
                    show.update(range(max(0, rl.line - 2), min(n, rl.line + 1)))
    ranges: list[list[int]] = []
    for u in sorted(show):
        if ranges and ranges[-1][1] == u:
            ranges[-1][1] = u + 1
        else:
            ranges.append([u, u + 1])
    marks: dict[str, dict[str, list[Any]]] = {}
    unchecked = unchecked or {}
    for u in sorted(set(by_unit) | set(unchecked)):
        text = units.texts[u]
        spans, whole = _spans(text, by_unit.get(u, []))
        drawn: list[list[Any]] = [
            [_js(text, a), _js(text, b), [p.fid for p in ps]] for a, b, ps in spans
        ]
        for a, b in unchecked.get(u, []):
            if not any(a < s[1] and s[0] < b for s in spans):
                drawn.append([_js(text, a), _js(text, b), [], "unchecked", L["unchecked_fig"]])
        drawn.sort(key=lambda m: m[0])
        marks[str(u)] = {"spans": drawn, "whole": [p.fid for p in whole]}
    data = {
        "text": {"lines": units.texts, "labels": units.labels},
        "show": ranges,
        "marks": marks,
        "gap": L["show_lines"] if units.by_line else L["show_units"],
    }
    tools = (
        f'<div class="doctools"><h3>{_e(L["document"])}</h3>'
        f'<button type="button" data-expand-all="{file_i}">{_e(L["show_all"])}</button>'
        f'<button type="button" data-collapse="{file_i}" hidden>{_e(L["context_only"])}</button></div>'
    )
    return f'{tools}<div class="doc" id="doc-{file_i}"></div>', data


def _card_and_script(L: dict[str, str]) -> str:
    labels = {
        k: L[k]
        for k in (
            "expected",
            "actual",
            "location",
            "reason",
            "related",
            "fingerprint",
            "close",
            "row",
            "colon",
            "also",
        )
    }
    return (
        '<div id="card" role="dialog" aria-live="polite" hidden></div>\n'
        f'<script type="application/json" id="labels">{_script_json(labels)}</script>\n'
        f"<script>{JS}</script>\n"
    )


CSS = """
:root{--fg:#1d2330;--dim:#667085;--line:#e4e7ec;--bg:#fff;--soft:#f7f8fa;
--err:#b42318;--err-bg:#fde7e7;--warn:#9a5b00;--warn-bg:#fff1d6;--info:#175cd3;--info-bg:#e4efff;
--ok:#067647;--accent:#344054;--bar:46px}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:var(--soft);font:14px/1.6 -apple-system,"Segoe UI",
"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif}
main{max-width:1180px;margin:0 auto;padding:8px 20px 80px}
h1{font-size:22px;margin:16px 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:14px;margin:18px 0 6px;color:var(--accent)}
a{color:var(--info);text-decoration:none}a:hover{text-decoration:underline}
.meta,.dim{color:var(--dim)}.meta{margin:0 0 12px;font-size:13px}
.mono,.no{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
.bar{position:sticky;top:0;z-index:5;display:flex;gap:14px;align-items:center;flex-wrap:wrap;min-height:var(--bar);
padding:8px 20px;background:rgba(255,255,255,.96);border-bottom:1px solid var(--line);backdrop-filter:blur(4px)}
.bar .brand{font-weight:700;letter-spacing:.02em;color:var(--fg)}.bar .grow{flex:1}
.bar label{cursor:pointer;user-select:none;font-size:13px}.bar .tolink{font-size:13px}
button{font:inherit;font-size:13px;border:1px solid var(--line);background:#fff;border-radius:6px;
padding:3px 10px;cursor:pointer;color:var(--accent)}button:hover{background:var(--soft)}
.tiles{display:flex;flex-wrap:wrap;gap:10px}
.tile{background:#fff;border:1px solid var(--line);border-radius:10px;padding:8px 14px;min-width:92px}
.tile b{display:block;font-size:20px;line-height:1.2}.tile span{color:var(--dim);font-size:12px}
.tile.t-error b{color:var(--err)}.tile.t-warning b{color:var(--warn)}.tile.t-info b{color:var(--info)}
section{background:#fff;border:1px solid var(--line);border-radius:12px;padding:4px 18px 14px;margin:16px 0}
.scroll{overflow-x:auto}
table.grid{border-collapse:collapse;width:100%;font-size:13px}
.grid th,.grid td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
.grid th{color:var(--dim);font-weight:600;white-space:nowrap}.grid td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.grid th button{border:none;background:none;padding:0;color:inherit;font-weight:600}
.grid th[aria-sort=ascending] button::after{content:" ▲"}.grid th[aria-sort=descending] button::after{content:" ▼"}
.grid tr.quiet td{color:var(--dim)}#files td:first-child{word-break:break-all}
#files tr.current td{background:#fffbe6}
.filters{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin:6px 0 8px}
.filters input{font:inherit;font-size:13px;padding:3px 8px;border:1px solid var(--line);border-radius:6px;min-width:16em}
.filters select{font:inherit;font-size:13px;padding:2px 6px;border:1px solid var(--line);border-radius:6px;background:#fff}
.sev{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;white-space:nowrap}
.sev.sev-error{background:var(--err-bg);color:var(--err)}
.sev.sev-warning{background:var(--warn-bg);color:var(--warn)}.sev.sev-info{background:var(--info-bg);color:var(--info)}
.st{font-size:12px;font-weight:600;border-radius:4px;padding:0 6px;white-space:nowrap}
.st-passed{color:var(--ok);background:#dcfae6}.st-info{color:var(--info);background:var(--info-bg)}
.st-warning{color:var(--warn);background:var(--warn-bg)}.st-error{color:var(--err);background:var(--err-bg)}
.st-unreadable{color:#fff;background:var(--err)}.st-nothing_checked{color:var(--warn);background:#fff;box-shadow:inset 0 0 0 1px var(--warn)}
.err{color:var(--err)}.okmsg{color:var(--ok)}.unchecked{color:var(--warn);font-weight:600}.cov{color:var(--dim);font-size:13px;margin:2px 0}
h2.path{word-break:break-all;margin-top:8px}
.filenav{display:flex;justify-content:space-between;font-size:13px;padding-top:8px}
.stale{background:var(--warn-bg);border-radius:8px;padding:6px 12px;margin:8px 0;font-size:13px}
ol.findings{padding-left:22px;margin:4px 0}
ol.findings li{padding:6px 4px;border-bottom:1px dashed var(--line)}
ol.findings .where{font-weight:600;margin-right:4px}
ol.findings .rule{color:var(--dim);font-size:12px;margin:0 4px}
ol.findings .ttl{font-weight:600}
ol.findings .msg{margin-top:2px}ol.findings .ea,ol.findings .why{color:var(--dim);font-size:13px}
ol.findings li.flash{background:#fffbe6}
.rowview{overflow-x:auto;margin:4px 0}
.rowview table{border-collapse:collapse;font-size:12px}
.rowview th,.rowview td{border:1px solid var(--line);padding:1px 6px;text-align:left;white-space:nowrap;max-width:24em;overflow:hidden;text-overflow:ellipsis}
.rowview th{color:var(--dim);font-weight:600;background:var(--soft)}
.rowview td.fig{background:var(--warn-bg);font-weight:700;box-shadow:inset 0 -2px var(--warn)}
details.supp summary,details.skipped summary{cursor:pointer;color:var(--dim);margin:8px 0}
.doctools{display:flex;gap:8px;align-items:center}.doctools h3{margin-right:auto}
.doc{border:1px solid var(--line);border-radius:8px;background:#fff;overflow:hidden;font-size:14px}
.ln{display:flex}
.doc.all .ln:not(.hit){content-visibility:auto;contain-intrinsic-size:auto 22px}
.ln .no{flex:0 0 auto;min-width:4.2em;padding:0 10px;text-align:right;color:#98a2b3;background:var(--soft);
border-right:1px solid var(--line);font-size:12px;line-height:22px;user-select:none}
.ln .tx{flex:1;padding:0 12px;white-space:pre-wrap;overflow-wrap:anywhere;line-height:22px;tab-size:4}
.ln.hit .no{cursor:pointer;font-weight:700}
.ln.hit.sev-error .no{color:var(--err);background:var(--err-bg);box-shadow:inset 3px 0 var(--err)}
.ln.hit.sev-warning .no{color:var(--warn);background:var(--warn-bg);box-shadow:inset 3px 0 var(--warn)}
.ln.hit.sev-info .no{color:var(--info);background:var(--info-bg);box-shadow:inset 3px 0 var(--info)}
.ln.flash{background:#fffbe6}
mark.hl{cursor:pointer;border-radius:3px;padding:0 1px;color:inherit;outline:none}
mark.hl.sev-error{background:var(--err-bg);box-shadow:inset 0 -2px var(--err)}
mark.hl.sev-warning{background:var(--warn-bg);box-shadow:inset 0 -2px var(--warn)}
mark.hl.sev-info{background:var(--info-bg);box-shadow:inset 0 -2px var(--info)}
mark.hl:focus,mark.hl.active{box-shadow:0 0 0 2px var(--accent)}
mark.fig{background:none;color:inherit;border-bottom:1px dotted #98a2b3}
.gap{background:var(--soft);border-top:1px solid var(--line);border-bottom:1px solid var(--line);text-align:center}
.gap button{border:none;background:none;color:var(--dim);width:100%;padding:2px}.gap button:hover{color:var(--info)}
body:not(.show-suppressed) .is-suppressed.item{display:none}
body:not(.show-suppressed) mark.hl.is-suppressed{background:none;box-shadow:inset 0 -1px #98a2b3}
body:not(.show-suppressed) .ln.hit.is-suppressed .no{background:var(--soft);color:#98a2b3;box-shadow:none}
body.hide-error .item.sev-error,body.hide-warning .item.sev-warning,body.hide-info .item.sev-info{display:none}
body.hide-error mark.hl.sev-error,body.hide-warning mark.hl.sev-warning,body.hide-info mark.hl.sev-info{background:none;box-shadow:none}
#card{position:relative;margin:4px 12px 8px 4.2em;max-width:760px;background:#fff;border:1px solid var(--line);
border-left:3px solid var(--accent);border-radius:8px;box-shadow:0 6px 18px rgba(16,24,40,.12);padding:10px 14px;font-size:13px}
#card .one+.one{border-top:1px solid var(--line);margin-top:8px;padding-top:8px}
#card .hd{display:flex;gap:6px;align-items:center;flex-wrap:wrap;padding-right:20px}#card .hd b{font-size:14px}
#card .msg{margin:4px 0}#card .kv{color:var(--dim)}#card .kv b{color:var(--fg)}
#card .x{position:absolute;right:6px;top:4px;border:none;font-size:16px;color:var(--dim)}
.about{color:var(--dim);font-size:13px;margin:2px 0 0}
.also{color:var(--dim);font-size:13px;margin:2px 0}
details.legend{margin:8px 0 16px;font-size:13px}details.legend summary{cursor:pointer;color:var(--dim)}
details.legend ul{list-style:none;padding-left:8px;margin:6px 0}details.legend li{margin:3px 0}
.tx.cells{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(5em,1fr);padding:0}
.tx.cells>.cell{padding:0 8px;border-right:1px solid var(--line);white-space:pre-wrap;overflow-wrap:anywhere}
#card .also{margin-top:4px}
@media print{.bar,.gap,.doctools button,#card,.filters,.filenav{display:none}section{break-inside:auto}}
"""

JS = r"""
(function(){
"use strict";
var $$=function(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s));};
var L=JSON.parse(document.getElementById("labels").textContent);
var view=document.getElementById("view"),card=document.getElementById("card");
var F={},D={},opened=-1,active=null;
var SEV={error:3,warning:2,info:1};
/* ---- one file at a time: its section is data until it is opened */
function openFile(i){
  if(opened===i)return true;
  var s=document.getElementById("fd-"+i);if(!s)return false;
  hide();var d=JSON.parse(s.textContent);
  view.innerHTML=d.html||"";(d.findings||[]).forEach(function(f){F[f.id]=f;});
  D[i]=d;opened=i;cur=-1;drawDoc(i);
  $$("#files tr.current").forEach(function(r){r.classList.remove("current");});
  var row=document.querySelector('#files tr[data-i="'+i+'"]');if(row)row.classList.add("current");
  return true;}
/* ---- scrolling: land exactly, even past lines whose height the browser only estimates */
function barH(){var b=document.getElementById("bar");return b?b.getBoundingClientRect().height:0;}
function land(el,where){var n=0;
  function go(){var r=el.getBoundingClientRect();
    var y=where==="top"?barH()+8:Math.max(barH()+8,(window.innerHeight-r.height)/3);
    var dy=r.top-y;if(Math.abs(dy)>1&&n++<8){window.scrollBy(0,dy);requestAnimationFrame(go);}}
  go();}
/* ---- the text: drawn from data, the units around findings first, the rest on demand */
function worst(ids){var live=ids.filter(function(id){return F[id]&&!F[id].s;}),use=live.length?live:ids,best="info",r=0;
  use.forEach(function(id){var v=F[id]?SEV[F[id].sev]||0:0;if(v>r){r=v;best=F[id].sev;}});return best;}
function allSup(ids){return ids.every(function(id){return F[id]&&F[id].s;});}
function tip(ids){return ids.map(function(id){var f=F[id];if(!f)return "";var t=f.rule+" "+f.sevLabel+" · "+f.title+"\n"+f.msg;
  var ea=[];if(f.exp!==null)ea.push(L.expected+" "+f.exp);if(f.act!==null)ea.push(L.actual+" "+f.act);if(ea.length)t+="\n"+ea.join(" · ");
  if(f.s)t+="\n"+L.reason+L.colon+f.sup;return t;}).join("\n\n");}
function anchor(id){var a=document.createElement("span");a.className="anchor";a.id="f"+id;return a;}
function lineEl(fi,i){var x=D[fi],u=x.text,m=x.marks[i],line=u.lines[i];
  var d=document.createElement("div");d.className="ln";d.id="L"+fi+"-"+i;
  var no=document.createElement("span");no.className="no";no.textContent=u.labels?u.labels[i]:String(i+1);
  var tx=document.createElement("span");tx.className="tx";
  if(!m){tx.textContent=line;}else{var pos=0;
    m.spans.forEach(function(sp){var ids=sp[2]||[];tx.appendChild(document.createTextNode(line.slice(pos,sp[0])));
      var mk=document.createElement("mark");mk.textContent=line.slice(sp[0],sp[1]);pos=sp[1];
      if(!ids.length){mk.className="fig "+(sp[3]||"");if(sp[4])mk.title=sp[4];tx.appendChild(mk);return;}
      ids.forEach(function(id){tx.appendChild(anchor(id));});
      mk.className="hl sev-"+worst(ids)+(allSup(ids)?" is-suppressed":"")+(sp[3]?" "+sp[3]:"");
      mk.setAttribute("data-f",ids.join(" "));
      mk.setAttribute("data-rule",ids.map(function(id){return F[id]?F[id].rule:"";}).filter(function(v,k,a){return a.indexOf(v)===k;}).join(" "));
      mk.tabIndex=0;mk.title=tip(ids);tx.appendChild(mk);});
    tx.appendChild(document.createTextNode(line.slice(pos)));
    if(m.whole.length){d.className+=" hit sev-"+worst(m.whole)+(allSup(m.whole)?" is-suppressed":"");
      m.whole.forEach(function(id){d.appendChild(anchor(id));});
      no.setAttribute("data-f",m.whole.join(" "));no.tabIndex=0;no.title=tip(m.whole);}}
  if(line.indexOf("\t")>=0)cells(tx);
  d.appendChild(no);d.appendChild(tx);return d;}
/* a table row (its cells at the TABs) drawn as cells */
function cells(tx){var nodes=Array.prototype.slice.call(tx.childNodes),cur=document.createElement("span");
  cur.className="cell";var out=[cur];tx.textContent="";
  nodes.forEach(function(n){if(n.nodeType!==3){cur.appendChild(n);return;}
    var parts=n.nodeValue.split("\t");parts.forEach(function(p,k){if(k){cur=document.createElement("span");cur.className="cell";out.push(cur);}
      if(p)cur.appendChild(document.createTextNode(p));});});
  out.forEach(function(c){tx.appendChild(c);});tx.classList.add("cells");}
function gapEl(fi,a,b){var g=document.createElement("div");g.className="gap";
  g.setAttribute("data-file",fi);g.setAttribute("data-a",a);g.setAttribute("data-b",b);
  var bt=document.createElement("button");bt.type="button";
  bt.textContent="⋯ "+D[fi].gap.replace("{a}",a+1).replace("{b}",b).replace("{n}",b-a);g.appendChild(bt);return g;}
function drawDoc(fi){var d=document.getElementById("doc-"+fi),x=D[fi];if(!d||!x.text)return;
  var fr=document.createDocumentFragment(),n=x.text.lines.length,pos=0;
  (x.show||[]).forEach(function(r){if(r[0]>pos)fr.appendChild(gapEl(fi,pos,r[0]));
    for(var i=r[0];i<r[1];i++)fr.appendChild(lineEl(fi,i));pos=r[1];});
  if(pos<n)fr.appendChild(gapEl(fi,pos,n));
  d.textContent="";d.appendChild(fr);d.classList.remove("all");}
function expand(g){var fi=+g.getAttribute("data-file"),a=+g.getAttribute("data-a"),b=+g.getAttribute("data-b");
var fr=document.createDocumentFragment();for(var i=a;i<b;i++)fr.appendChild(lineEl(fi,i));g.parentNode.replaceChild(fr,g);}
function toggleAll(fi,all){var d=document.getElementById("doc-"+fi);if(!d)return;hide();
if(all){$$(".gap",d).forEach(expand);d.classList.add("all");}else{drawDoc(fi);}
$$('[data-expand-all="'+fi+'"]').forEach(function(b){b.hidden=all;});
$$('[data-collapse="'+fi+'"]').forEach(function(b){b.hidden=!all;});}
function find(id){var el=document.getElementById(id);
if(!el){var m=/^L(\d+)-(\d+)$/.exec(id);if(m){var k=+m[2];$$('.gap[data-file="'+m[1]+'"]').forEach(function(g){
if(+g.getAttribute("data-a")<=k&&k<+g.getAttribute("data-b"))expand(g);});el=document.getElementById(id);}}
return el;}
function flash(el){el.classList.add("flash");setTimeout(function(){el.classList.remove("flash");},1600);}
/* ---- addresses: #index, #file-N, #fN-M (a finding), #LN-M (a line), #iN-M (a list item) */
function route(id){
  if(!id||id==="index"){var x=document.getElementById("index");if(id&&x)land(x,"top");return true;}
  var m=/^file-(\d+)$/.exec(id);
  if(m){if(!openFile(+m[1]))return false;land(view.firstElementChild||view,"top");return true;}
  m=/^[fLi](\d+)-(\d+)$/.exec(id);if(!m||!openFile(+m[1]))return false;
  var el=find(id);if(!el)return false;
  var ln=el.closest(".ln");
  if(ln){var mk=markFor(id);if(mk)show(mk);land(ln,"upper");flash(ln);}
  else{land(el,"upper");flash(el);}
  return true;}
function parsed(fn){if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",fn,{once:true});else fn();}
function go(id,push){parsed(function(){if(route(id)&&push)history.pushState(null,"","#"+id);});}
window.addEventListener("popstate",function(){parsed(function(){route(location.hash.slice(1));});});
/* ---- the detail card: opened under the finding's line, so it covers no line */
function esc(s){var d=document.createElement("div");d.textContent=s==null?"":String(s);return d.innerHTML;}
function show(el){var ids=(el.getAttribute("data-f")||"").split(" ").filter(Boolean);if(!ids.length)return;
var h='<button type="button" class="x" aria-label="'+esc(L.close)+'">×</button>';
ids.forEach(function(id){var f=F[id];if(!f)return;
h+='<div class="one"><div class="hd"><span class="sev sev-'+esc(f.sev)+'">'+esc(f.sevLabel)+'</span><span class="mono">'+esc(f.rule)+'</span><b>'+esc(f.title)+'</b></div>';
h+='<div class="msg">'+esc(f.msg)+'</div>';
var ea=[];if(f.exp!==null)ea.push(esc(L.expected)+' <b>'+esc(f.exp)+'</b>');if(f.act!==null)ea.push(esc(L.actual)+' <b>'+esc(f.act)+'</b>');
if(ea.length)h+='<div class="kv">'+ea.join(" · ")+'</div>';
if(f.also)f.also.forEach(function(a){h+='<div class="also">↳ '+esc(L.also)+' <span class="mono">'+esc(a[0])+'</span> '+esc(a[1])+esc(L.colon)+esc(a[2])+'</div>';});
if(f.row)h+='<div class="kv">'+esc(L.row)+'</div>'+f.row;
h+='<div class="kv">'+esc(L.location)+' '+esc(f.loc)+' · <a href="#i'+esc(f.id)+'">#</a> · '+esc(L.fingerprint)+' <span class="mono">'+esc(f.fp)+'</span></div>';
if(f.rel&&f.rel.length){h+='<div class="kv">'+esc(L.related)+' '+f.rel.map(function(r){return '<a href="#'+esc(r[0])+'">'+esc(r[1])+'</a>';}).join(" ")+'</div>';}
if(f.sup)h+='<div class="kv">'+esc(L.reason)+esc(L.colon||"：")+esc(f.sup)+'</div>';
h+='</div>';});
card.innerHTML=h;card.hidden=false;
var ln=el.closest(".ln");if(ln)ln.parentNode.insertBefore(card,ln.nextSibling);
if(active)active.classList.remove("active");active=el;el.classList.add("active");
var k=marks().indexOf(el);if(k>=0)cur=k;}
function hide(){card.hidden=true;if(card.parentNode!==document.body)document.body.appendChild(card);
if(active){active.classList.remove("active");active=null;}}
function markFor(id){var el=document.getElementById(id);if(!el||!/^f\d+-\d+$/.test(id))return null;
var fid=id.slice(1),ln=el.closest(".ln");if(!ln)return null;
var ms=$$("mark.hl[data-f],.no[data-f]",ln).filter(function(m){return (m.getAttribute("data-f")||"").split(" ").indexOf(fid)>=0;});
return ms[0]||null;}
/* ---- clicks and keys */
document.addEventListener("click",function(e){var t=e.target;
var g=t.closest(".gap");if(g){expand(g);return;}
var all=t.closest("[data-expand-all]");if(all){toggleAll(+all.getAttribute("data-expand-all"),true);return;}
var col=t.closest("[data-collapse]");if(col){toggleAll(+col.getAttribute("data-collapse"),false);return;}
if(t.closest("#card .x")){hide();return;}
var th=t.closest("#files th");if(th){sortBy(th);return;}
var a=t.closest('a[href^="#"]');if(a){e.preventDefault();go(a.getAttribute("href").slice(1),true);return;}
var m=t.closest("mark.hl,.ln.hit>.no");if(m){show(m);return;}
if(!t.closest("#card"))hide();});
document.addEventListener("keydown",function(e){
if(e.key==="Escape"){hide();return;}
if(e.target&&/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))return;
if(e.key==="Enter"&&e.target.matches&&e.target.matches("mark.hl,.ln.hit>.no")){show(e.target);return;}
if(e.key==="j"||e.key==="k")step(e.key==="j"?1:-1);});
function visible(el){var c=el.classList;var body=document.body.classList;
if(c.contains("is-suppressed")&&!body.contains("show-suppressed"))return false;
return !["error","warning","info"].some(function(s){return body.contains("hide-"+s)&&c.contains("sev-"+s);});}
var cur=-1;
function marks(){return $$("mark.hl,.ln.hit>.no",view).filter(function(m){return visible(m.classList.contains("no")?m.parentNode:m);});}
function step(d){var ms=marks();
if(!ms.length)return;cur=(cur+d+ms.length)%ms.length;var m=ms[cur];show(m);land(m.closest(".ln")||m,"upper");m.focus({preventScroll:true});}
document.getElementById("next").addEventListener("click",function(){step(1);});
document.getElementById("prev").addEventListener("click",function(){step(-1);});
$$("#bar input[data-sev]").forEach(function(cb){cb.addEventListener("change",function(){
document.body.classList.toggle("hide-"+cb.getAttribute("data-sev"),!cb.checked);});});
document.getElementById("show-suppressed").addEventListener("change",function(e){document.body.classList.toggle("show-suppressed",e.target.checked);});
/* ---- the index: sort by a column, filter by name and status */
var tbody=document.querySelector("#files tbody"),rows=$$("#files tbody tr");
function sortBy(th){var col=+th.getAttribute("data-col"),num=th.getAttribute("data-type")==="num";
var dir=th.getAttribute("aria-sort")==="ascending"?-1:1;
$$("#files th").forEach(function(h){h.setAttribute("aria-sort","none");});
th.setAttribute("aria-sort",dir>0?"ascending":"descending");
var keyed=rows.map(function(r,i){var v=r.children[col].getAttribute("data-v")||"";return [num?(+v||0):v,i,r];});
keyed.sort(function(a,b){var x=a[0],y=b[0];var c=num?x-y:String(x).localeCompare(String(y),"zh");return c?dir*c:a[1]-b[1];});
var fr=document.createDocumentFragment();keyed.forEach(function(k){fr.appendChild(k[2]);});tbody.appendChild(fr);}
var q=document.getElementById("q"),st=document.getElementById("st"),shown=document.getElementById("shown");
function filter(){var text=(q.value||"").trim().toLowerCase(),want=st.value,n=0;
rows.forEach(function(r){var ok=(!want||r.getAttribute("data-st")===want)&&(!text||r.children[0].getAttribute("data-v").toLowerCase().indexOf(text)>=0);
r.hidden=!ok;if(ok)n++;});
shown.textContent=shown.getAttribute("data-fmt").replace("{a}",n).replace("{b}",rows.length);}
q.addEventListener("input",filter);st.addEventListener("change",filter);filter();
if(location.hash){parsed(function(){route(location.hash.slice(1));});
/* the browser scrolls to the address's element itself once the page has loaded: land again after it */
window.addEventListener("load",function(){requestAnimationFrame(function(){route(location.hash.slice(1));});});}
document.documentElement.setAttribute("data-ready",String(Math.round(performance.now())));
})();
"""
