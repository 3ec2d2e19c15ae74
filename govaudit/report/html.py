"""The HTML report: one self-contained file (inline CSS and JS, no network) for people who
would rather look than read a terminal.

It shows a summary per file and per rule, a list of findings per file, and the document
text itself with each finding highlighted in place (hover for a tooltip, click for a card
with rule, message, expected vs printed, related places).

Where the text comes from: check.py drops each Document once it is checked (parallel
workers could not ship it cheaply, and a batch of 200 files must not sit in memory). This
reporter re-reads each file that has findings, one at a time, with the same reader
(`read_document`) — for display only; findings are never recomputed here. A file that can
no longer be read still gets its list of findings.

Staying usable on a 200-page document: only the lines around findings (± `context`) are
rendered as HTML; the rest of the text is embedded once as JSON and each gap between
windows is a button that renders its lines on demand ("show all" renders everything).
Files without findings carry no text at all.
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
from govaudit.model import Document, FileReport, Finding, Location, Paragraph, Table
from govaudit.report.summary import (
    RuleStats,
    coverage,
    file_counts,
    rule_statistics,
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
    },
}


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _v(value: str | None) -> str:
    return "—" if value is None else value


def _script_json(data: Any) -> str:
    """JSON safe inside <script>: with every "<" escaped, no "</script>" or "<!--" in the
    document's text can end or alter the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def default_loader(path: str) -> Document | None:
    from govaudit.readers import read_document

    try:
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
                cells = [c.text.text for c in row if not c.merged]
                loc = row[0].text.loc if row and row[0].text.anchors else block.loc
                texts.append("  │  ".join(cells))
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


def render(
    reports: list[FileReport],
    rules: list[Rule] | None = None,
    lang: str = "zh",
    *,
    stale: list[Any] | None = None,
    statistics: list[RuleStats] | None = None,
    loader: Loader | None = None,
    context: int = 3,
) -> str:
    L = LABELS["en" if lang == "en" else "zh"]
    load = loader or default_loader
    rules = rules or []
    stats = statistics or rule_statistics(reports, [r.id for r in rules])
    counts = severity_counts(reports)
    out: list[str] = []
    out.append(_head(L, lang))
    out.append(_header(L, reports, counts))
    out.append(_files_table(L, reports))
    out.append(_rules_table(L, reports, rules, stats, lang))
    for i, r in enumerate(reports):
        out.append(_file_section(L, lang, i, r, load, context, stale or []))
    out.append(_card_and_script(L))
    out.append("</body></html>\n")
    return "".join(out)


def _head(L: dict[str, str], lang: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="govaudit ' + _e(__version__) + '">'
        f"<title>{_e(L['title'])}</title><style>{CSS}</style></head>\n<body>\n"
    )


def _sev(L: dict[str, str], sev: str) -> str:
    return f'<span class="sev sev-{_e(sev)}">{_e(L.get(sev, sev))}</span>'


def _header(L: dict[str, str], reports: list[FileReport], counts: Counter[str]) -> str:
    unreadable = sum(1 for r in reports if r.status == "error")
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
        (L["relations"], checked, ""),
        (L["failed"], failed, ""),
        (L["unverified"], unverified, ""),
    ]
    tiles_html = "".join(
        f'<div class="tile {cls}"><b>{n}</b><span>{_e(label)}</span></div>'
        for label, n, cls in tiles
    )
    now = datetime.now().strftime("%Y-%m-%d %H:%M")
    bar = (
        '<div class="bar" id="bar">'
        f'<span class="brand">govaudit</span>'
        f'<label><input type="checkbox" data-sev="error" checked> {_sev(L, "error")}</label>'
        f'<label><input type="checkbox" data-sev="warning" checked> {_sev(L, "warning")}</label>'
        f'<label><input type="checkbox" data-sev="info" checked> {_sev(L, "info")}</label>'
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


def _files_table(L: dict[str, str], reports: list[FileReport]) -> str:
    rows = []
    for i, r in enumerate(reports):
        if r.status == "error":
            status = f'<span class="st st-bad">{_e(L["unreadable"])}</span>'
            nums = '<td colspan="5" class="err">' + _e(r.error or "") + "</td>"
        else:
            c = file_counts(r)
            cov = coverage(r)
            st, cls = (L["has_findings"], "st-find") if sum(c.values()) else (L["ok"], "st-ok")
            status = f'<span class="st {cls}">{_e(st)}</span>'
            sup = sum(1 for f in r.findings if f.suppressed)
            nums = (
                f'<td class="n">{c.get("error", 0) or ""}</td>'
                f'<td class="n">{c.get("warning", 0) or ""}</td>'
                f'<td class="n">{c.get("info", 0) or ""}</td>'
                f'<td class="n">{sup or ""}</td>'
                f'<td class="n">{cov.checked} / {cov.held} / {cov.failed} / {cov.unverified}</td>'
            )
        rows.append(
            f'<tr><td><a href="#file-{i}">{_e(r.path)}</a></td><td>{status}</td>{nums}</tr>'
        )
    head = (
        f"<tr><th>{_e(L['file'])}</th><th>{_e(L['status'])}</th><th>{_e(L['errors'])}</th>"
        f"<th>{_e(L['warnings'])}</th><th>{_e(L['infos'])}</th><th>{_e(L['suppressed'])}</th>"
        f"<th>{_e(L['checked'])} / {_e(L['held'])} / {_e(L['failed'])} / {_e(L['unverified'])}</th></tr>"
    )
    return (
        f'<section id="summary-files"><h2>{_e(L["files"])}</h2>'
        f'<div class="scroll"><table class="grid">{head}{"".join(rows)}</table></div></section>\n'
    )


def _rules_table(
    L: dict[str, str],
    reports: list[FileReport],
    rules: list[Rule],
    stats: list[RuleStats],
    lang: str,
) -> str:
    titles: dict[str, str] = {}
    sev: dict[str, str] = {}
    in_files: dict[str, set[int]] = {}
    for i, rep in enumerate(reports):
        for f in rep.findings:
            titles.setdefault(f.rule, f.title_en if lang == "en" and f.title_en else f.title)
            sev.setdefault(f.rule, f.severity)
            if not f.suppressed:
                in_files.setdefault(f.rule, set()).add(i)
    for r in rules:
        titles[r.id] = r.title_en if lang == "en" and r.title_en else r.title
        sev[r.id] = r.severity

    def row(s: RuleStats) -> str:
        return (
            f'<tr class="{"quiet" if not s.findings else ""}"><td class="mono">{_e(s.rule)}</td>'
            f"<td>{_sev(L, sev.get(s.rule, 'info'))}</td><td>{_e(titles.get(s.rule, ''))}</td>"
            f'<td class="n">{s.findings or ""}</td><td class="n">{len(in_files.get(s.rule, ())) or ""}</td>'
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
    L: dict[str, str], lang: str, fid: str, f: Finding, file_index: int, units: Units | None
) -> dict[str, Any]:
    en = lang == "en"
    rel = []
    for rl in f.related:
        if rl.line is not None and units is not None and units.by_line:
            rel.append([f"L{file_index}-{rl.line - 1}", rl.describe_en() if en else rl.describe()])
    return {
        "id": fid,
        "rule": f.rule,
        "sev": f.severity,
        "sevLabel": L.get(f.severity, f.severity),
        "title": f.title_en if en and f.title_en else f.title,
        "msg": f.message_en if en and f.message_en else f.message,
        "exp": f.expected,
        "act": f.actual,
        "loc": f.loc.describe_en() if en else f.loc.describe(),
        "sup": f.suppression_reason if f.suppressed else None,
        "fp": f.fingerprint,
        "rel": rel,
    }


def _tooltip(L: dict[str, str], lang: str, f: Finding) -> str:
    en = lang == "en"
    title = f.title_en if en and f.title_en else f.title
    msg = f.message_en if en and f.message_en else f.message
    lines = [f"{f.rule} {L.get(f.severity, f.severity)} · {title}", msg]
    if f.expected is not None or f.actual is not None:
        lines.append(f"{L['expected']} {_v(f.expected)} · {L['actual']} {_v(f.actual)}")
    if f.suppressed:
        lines.append(f"{L['reason']}: {f.suppression_reason}")
    return "\n".join(lines)


def _file_section(
    L: dict[str, str],
    lang: str,
    i: int,
    r: FileReport,
    load: Loader,
    context: int,
    stale: list[Any],
) -> str:
    out = [f'<section class="file" id="file-{i}"><h2 class="path">{_e(r.path)}</h2>']
    if r.status == "error":
        out.append(
            f'<p class="err">✗ {_e(L["unreadable"])}{L["colon"]}{_e(r.error or "")}</p></section>\n'
        )
        return "".join(out)
    cov = coverage(r)
    out.append(
        '<p class="cov">'
        + _e(L["coverage_line"].format(c=cov.checked, h=cov.held, f=cov.failed, u=cov.unverified))
        + "</p>"
    )
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
        out.append(f'<p class="okmsg">✓ {_e(L["no_findings"])}</p></section>\n')
        return "".join(out)

    doc = load(r.path)
    units = units_of(doc, lang) if doc is not None else None
    del doc
    placed = [
        _Placed(f"{i}-{n}", f, place(f, units) if units is not None else None)
        for n, f in enumerate(r.findings)
    ]
    data = [_finding_data(L, lang, p.fid, p.finding, i, units) for p in placed]
    out.append(f'<script type="application/json" data-findings="{i}">{_script_json(data)}</script>')
    out.append(_findings_list(L, lang, placed))
    if units is None:
        out.append(f'<p class="err">{_e(L["no_text"])}</p></section>\n')
        return "".join(out)
    out.append(_document(L, lang, i, placed, units, context))
    out.append("</section>\n")
    return "".join(out)


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
        ea = ""
        if f.expected is not None or f.actual is not None:
            ea = (
                f'<div class="ea">{_e(L["expected"])} <b>{_e(_v(f.expected))}</b> · '
                f"{_e(L['actual'])} <b>{_e(_v(f.actual))}</b></div>"
            )
        why = (
            f'<div class="why">{_e(L["reason"])}{L["colon"]}{_e(f.suppression_reason)}</div>'
            if f.suppressed
            else ""
        )
        cls = f"item sev-{_e(f.severity)}" + (" is-suppressed" if f.suppressed else "")
        return (
            f'<li class="{cls}" id="i{p.fid}">{link} {_sev(L, f.severity)} '
            f'<span class="mono rule">{_e(f.rule)}</span> <span class="ttl">{_e(title)}</span>'
            f'<div class="msg">{_e(msg)}</div>{ea}{why}</li>'
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


def _spans(
    text: str, found: list[_Placed]
) -> tuple[list[tuple[int, int, list[_Placed]]], list[_Placed]]:
    """Highlight spans in one unit: (start, end, findings); findings with no figure to mark
    (or overlapping another mark) are returned apart and mark the whole line."""
    spans: list[tuple[int, int, list[_Placed]]] = []
    whole: list[_Placed] = []
    for p in found:
        hit = None
        for m in p.finding.highlights:
            pos = text.find(m) if m else -1
            if pos >= 0:
                hit = (pos, pos + len(m))
                break
        if hit is None:
            whole.append(p)
            continue
        for s in spans:
            if (s[0], s[1]) == hit:
                s[2].append(p)
                break
        else:
            if any(hit[0] < s[1] and s[0] < hit[1] for s in spans):
                whole.append(p)
            else:
                spans.append((hit[0], hit[1], [p]))
    spans.sort(key=lambda s: s[0])
    return spans, whole


def _worst(found: list[_Placed]) -> str:
    order = {"error": 3, "warning": 2, "info": 1}
    live = [p for p in found if not p.finding.suppressed] or found
    return max((p.finding.severity for p in live), key=lambda s: order.get(s, 0))


def _line_html(
    L: dict[str, str], lang: str, file_i: int, u: int, units: Units, found: list[_Placed]
) -> str:
    text = units.texts[u]
    spans, whole = _spans(text, found)
    parts: list[str] = []
    pos = 0
    for start, end, ps in spans:
        parts.append(_e(text[pos:start]))
        anchors = "".join(f'<span class="anchor" id="f{p.fid}"></span>' for p in ps)
        sup = all(p.finding.suppressed for p in ps)
        cls = f"hl sev-{_worst(ps)}" + (" is-suppressed" if sup else "")
        tip = "\n\n".join(_tooltip(L, lang, p.finding) for p in ps)
        ids = " ".join(p.fid for p in ps)
        rules = " ".join(dict.fromkeys(p.finding.rule for p in ps))
        parts.append(
            f'{anchors}<mark class="{cls}" data-f="{ids}" data-rule="{_e(rules)}" '
            f'tabindex="0" title="{_e(tip)}">{_e(text[start:end])}</mark>'
        )
        pos = end
    parts.append(_e(text[pos:]))
    cls = "ln"
    gutter_attrs = ""
    lead = ""
    if whole:
        sup = all(p.finding.suppressed for p in whole)
        cls += f" hit sev-{_worst(whole)}" + (" is-suppressed" if sup else "")
        lead = "".join(f'<span class="anchor" id="f{p.fid}"></span>' for p in whole)
        tip = "\n\n".join(_tooltip(L, lang, p.finding) for p in whole)
        gutter_attrs = f' data-f="{" ".join(p.fid for p in whole)}" tabindex="0" title="{_e(tip)}"'
    return (
        f'<div class="{cls}" id="L{file_i}-{u}">{lead}<span class="no"{gutter_attrs}>'
        f'{_e(units.label(u))}</span><span class="tx">{"".join(parts)}</span></div>'
    )


def _document(
    L: dict[str, str], lang: str, file_i: int, placed: list[_Placed], units: Units, context: int
) -> str:
    n = len(units.texts)
    by_unit: dict[int, list[_Placed]] = {}
    show: set[int] = set()
    for p in placed:
        if p.unit is None:
            continue
        by_unit.setdefault(p.unit, []).append(p)
        radius = 1 if p.finding.suppressed else context
        show.update(range(max(0, p.unit - radius), min(n, p.unit + radius + 1)))
        if units.by_line:
            for rl in p.finding.related:
                if rl.line is not None and 1 <= rl.line <= n and not p.finding.suppressed:
                    show.update(range(max(0, rl.line - 2), min(n, rl.line + 1)))
    rows: list[str] = []
    i = 0
    while i < n:
        if i in show:
            rows.append(_line_html(L, lang, file_i, i, units, by_unit.get(i, [])))
            i += 1
            continue
        j = i
        while j < n and j not in show:
            j += 1
        if units.by_line:
            label = L["show_lines"].format(a=i + 1, b=j, n=j - i)
        else:
            label = L["show_units"].format(n=j - i)
        rows.append(
            f'<div class="gap" data-file="{file_i}" data-a="{i}" data-b="{j}">'
            f'<button type="button">⋯ {_e(label)}</button></div>'
        )
        i = j
    payload = {"lines": units.texts, "labels": units.labels}
    tools = (
        f'<div class="doctools"><h3>{_e(L["document"])}</h3>'
        f'<button type="button" data-expand-all="{file_i}">{_e(L["show_all"])}</button>'
        f'<button type="button" data-collapse="{file_i}" hidden>{_e(L["context_only"])}</button></div>'
    )
    return (
        f'{tools}<div class="doc" id="doc-{file_i}">{"".join(rows)}</div>'
        f'<script type="application/json" id="t{file_i}">{_script_json(payload)}</script>'
    )


def _card_and_script(L: dict[str, str]) -> str:
    labels = {
        k: L[k]
        for k in ("expected", "actual", "location", "reason", "related", "fingerprint", "close")
    }
    return (
        "</main>\n"
        '<div id="card" role="dialog" aria-live="polite" hidden></div>\n'
        f'<script type="application/json" id="labels">{_script_json(labels)}</script>\n'
        f"<script>{JS}</script>\n"
    )


CSS = """
:root{--fg:#1d2330;--dim:#667085;--line:#e4e7ec;--bg:#fff;--soft:#f7f8fa;
--err:#b42318;--err-bg:#fde7e7;--warn:#9a5b00;--warn-bg:#fff1d6;--info:#175cd3;--info-bg:#e4efff;
--ok:#067647;--accent:#344054}
*{box-sizing:border-box}
html{scroll-padding-top:64px}
body{margin:0;color:var(--fg);background:var(--soft);font:14px/1.6 -apple-system,"Segoe UI",
"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif}
main{max-width:1180px;margin:0 auto;padding:8px 20px 80px}
h1{font-size:22px;margin:16px 0 4px}h2{font-size:17px;margin:28px 0 8px}h3{font-size:14px;margin:18px 0 6px;color:var(--accent)}
a{color:var(--info);text-decoration:none}a:hover{text-decoration:underline}
.meta,.dim{color:var(--dim)}.meta{margin:0 0 12px;font-size:13px}
.mono,.no{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
.bar{position:sticky;top:0;z-index:5;display:flex;gap:14px;align-items:center;flex-wrap:wrap;
padding:8px 20px;background:rgba(255,255,255,.96);border-bottom:1px solid var(--line);backdrop-filter:blur(4px)}
.bar .brand{font-weight:700;letter-spacing:.02em}.bar .grow{flex:1}
.bar label{cursor:pointer;user-select:none;font-size:13px}
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
.grid tr.quiet td{color:var(--dim)}
.sev{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;white-space:nowrap}
.sev.sev-error{background:var(--err-bg);color:var(--err)}
.sev.sev-warning{background:var(--warn-bg);color:var(--warn)}.sev.sev-info{background:var(--info-bg);color:var(--info)}
.st{font-size:12px;font-weight:600;border-radius:4px;padding:0 6px}
.st-ok{color:var(--ok);background:#dcfae6}.st-find{color:var(--warn);background:var(--warn-bg)}.st-bad{color:var(--err);background:var(--err-bg)}
.err{color:var(--err)}.okmsg{color:var(--ok)}.cov{color:var(--dim);font-size:13px;margin:2px 0}
h2.path{word-break:break-all}
.stale{background:var(--warn-bg);border-radius:8px;padding:6px 12px;margin:8px 0;font-size:13px}
ol.findings{padding-left:22px;margin:4px 0}
ol.findings li{padding:6px 4px;border-bottom:1px dashed var(--line)}
ol.findings .where{font-weight:600;margin-right:4px}
ol.findings .rule{color:var(--dim);font-size:12px;margin:0 4px}
ol.findings .ttl{font-weight:600}
ol.findings .msg{margin-top:2px}ol.findings .ea,ol.findings .why{color:var(--dim);font-size:13px}
ol.findings li:target{background:#fffbe6}
details.supp summary{cursor:pointer;color:var(--dim);margin:8px 0}
.doctools{display:flex;gap:8px;align-items:center}.doctools h3{margin-right:auto}
.doc{border:1px solid var(--line);border-radius:8px;background:#fff;overflow:hidden;font-size:14px}
.ln{display:flex;content-visibility:auto;contain-intrinsic-size:auto 22px}
.ln .no{flex:0 0 auto;min-width:4.2em;padding:0 10px;text-align:right;color:#98a2b3;background:var(--soft);
border-right:1px solid var(--line);font-size:12px;line-height:22px;user-select:none}
.ln .tx{flex:1;padding:0 12px;white-space:pre-wrap;overflow-wrap:anywhere;line-height:22px;tab-size:4}
.ln.hit .no{cursor:pointer;font-weight:700}
.ln.hit.sev-error .no{color:var(--err);background:var(--err-bg);box-shadow:inset 3px 0 var(--err)}
.ln.hit.sev-warning .no{color:var(--warn);background:var(--warn-bg);box-shadow:inset 3px 0 var(--warn)}
.ln.hit.sev-info .no{color:var(--info);background:var(--info-bg);box-shadow:inset 3px 0 var(--info)}
.ln:target,.ln.flash{background:#fffbe6}
mark.hl{cursor:pointer;border-radius:3px;padding:0 1px;color:inherit;outline:none}
mark.hl.sev-error{background:var(--err-bg);box-shadow:inset 0 -2px var(--err)}
mark.hl.sev-warning{background:var(--warn-bg);box-shadow:inset 0 -2px var(--warn)}
mark.hl.sev-info{background:var(--info-bg);box-shadow:inset 0 -2px var(--info)}
mark.hl:focus,mark.hl.active{box-shadow:0 0 0 2px var(--accent)}
.anchor{position:relative;top:-80px}
.gap{background:var(--soft);border-top:1px solid var(--line);border-bottom:1px solid var(--line);text-align:center}
.gap button{border:none;background:none;color:var(--dim);width:100%;padding:2px}.gap button:hover{color:var(--info)}
body:not(.show-suppressed) .is-suppressed.item{display:none}
body:not(.show-suppressed) mark.hl.is-suppressed{background:none;box-shadow:inset 0 -1px #98a2b3}
body:not(.show-suppressed) .ln.hit.is-suppressed .no{background:var(--soft);color:#98a2b3;box-shadow:none}
body.hide-error .item.sev-error,body.hide-warning .item.sev-warning,body.hide-info .item.sev-info{display:none}
body.hide-error mark.hl.sev-error,body.hide-warning mark.hl.sev-warning,body.hide-info mark.hl.sev-info{background:none;box-shadow:none}
#card{position:absolute;z-index:10;max-width:min(560px,92vw);background:#fff;border:1px solid var(--line);
border-radius:10px;box-shadow:0 12px 32px rgba(16,24,40,.18);padding:10px 14px;font-size:13px}
#card .one+.one{border-top:1px solid var(--line);margin-top:8px;padding-top:8px}
#card .hd{display:flex;gap:6px;align-items:center;flex-wrap:wrap}#card .hd b{font-size:14px}
#card .msg{margin:4px 0}#card .kv{color:var(--dim)}#card .kv b{color:var(--fg)}
#card .x{position:absolute;right:6px;top:4px;border:none;font-size:16px;color:var(--dim)}
@media print{.bar,.gap,.doctools button,#card{display:none}section{break-inside:auto}}
"""

JS = r"""
(function(){
"use strict";
var $$=function(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s));};
var L=JSON.parse(document.getElementById("labels").textContent);
var F={};
$$("script[data-findings]").forEach(function(s){JSON.parse(s.textContent).forEach(function(f){F[f.id]=f;});});
var T={};
function text(fi){if(!(fi in T)){var s=document.getElementById("t"+fi);T[fi]=s?JSON.parse(s.textContent):{lines:[],labels:null};}return T[fi];}
var saved={};
$$(".doc").forEach(function(d){saved[d.id]=d.innerHTML;});
function lineEl(fi,i,u){var d=document.createElement("div");d.className="ln";d.id="L"+fi+"-"+i;
var n=document.createElement("span");n.className="no";n.textContent=u.labels?u.labels[i]:String(i+1);
var t=document.createElement("span");t.className="tx";t.textContent=u.lines[i];d.appendChild(n);d.appendChild(t);return d;}
function expand(g){var fi=g.getAttribute("data-file"),a=+g.getAttribute("data-a"),b=+g.getAttribute("data-b"),u=text(fi);
var fr=document.createDocumentFragment();for(var i=a;i<b;i++)fr.appendChild(lineEl(fi,i,u));g.parentNode.replaceChild(fr,g);}
function toggleAll(fi,all){var d=document.getElementById("doc-"+fi);
if(all){$$(".gap",d).forEach(expand);}else{d.innerHTML=saved[d.id];}
$$('[data-expand-all="'+fi+'"]').forEach(function(b){b.hidden=all;});
$$('[data-collapse="'+fi+'"]').forEach(function(b){b.hidden=!all;});}
function reveal(id){var el=document.getElementById(id);
if(!el){var m=/^L(\d+)-(\d+)$/.exec(id);if(m){var k=+m[2];$$('.gap[data-file="'+m[1]+'"]').forEach(function(g){
if(+g.getAttribute("data-a")<=k&&k<+g.getAttribute("data-b"))expand(g);});el=document.getElementById(id);}}
if(el){el.scrollIntoView({block:"center"});var ln=el.closest?el.closest(".ln"):null;if(ln){ln.classList.add("flash");setTimeout(function(){ln.classList.remove("flash");},1600);}}
return el;}
var card=document.getElementById("card");var active=null;
function esc(s){var d=document.createElement("div");d.textContent=s==null?"":String(s);return d.innerHTML;}
function show(el){var ids=(el.getAttribute("data-f")||"").split(" ").filter(Boolean);if(!ids.length)return;
var h='<button type="button" class="x" aria-label="'+esc(L.close)+'">×</button>';
ids.forEach(function(id){var f=F[id];if(!f)return;
h+='<div class="one"><div class="hd"><span class="sev sev-'+esc(f.sev)+'">'+esc(f.sevLabel)+'</span><span class="mono">'+esc(f.rule)+'</span><b>'+esc(f.title)+'</b></div>';
h+='<div class="msg">'+esc(f.msg)+'</div>';
if(f.exp!==null||f.act!==null)h+='<div class="kv">'+esc(L.expected)+' <b>'+esc(f.exp===null?"—":f.exp)+'</b> · '+esc(L.actual)+' <b>'+esc(f.act===null?"—":f.act)+'</b></div>';
h+='<div class="kv">'+esc(L.location)+' '+esc(f.loc)+' · <a href="#i'+esc(f.id)+'">#</a> · '+esc(L.fingerprint)+' <span class="mono">'+esc(f.fp)+'</span></div>';
if(f.rel&&f.rel.length){h+='<div class="kv">'+esc(L.related)+' '+f.rel.map(function(r){return '<a href="#'+esc(r[0])+'">'+esc(r[1])+'</a>';}).join(" ")+'</div>';}
if(f.sup)h+='<div class="kv">'+esc(L.reason)+esc(L.colon)+esc(f.sup)+'</div>';
h+='</div>';});
card.innerHTML=h;card.hidden=false;
if(active)active.classList.remove("active");active=el;el.classList.add("active");place();requestAnimationFrame(place);}
function place(){if(!active||card.hidden)return;var r=active.getBoundingClientRect();var w=Math.min(560,window.innerWidth*0.92);
var left=Math.max(8,Math.min(window.scrollX+r.left,window.scrollX+window.innerWidth-w-16));
card.style.left=left+"px";card.style.top=(window.scrollY+r.bottom+6)+"px";}
window.addEventListener("scroll",function(){requestAnimationFrame(place);},{passive:true});
window.addEventListener("resize",place);
function markFor(id){var el=document.getElementById(id);if(!el||!/^f\d+-\d+$/.test(id))return null;
if(el.parentNode&&el.parentNode.classList.contains("ln")&&el.parentNode.classList.contains("hit")){
var n=el.nextElementSibling;while(n&&n.classList.contains("anchor"))n=n.nextElementSibling;
if(n&&n.classList.contains("no")&&(n.getAttribute("data-f")||"").split(" ").indexOf(id.slice(1))>=0)return n;}
var m=el.nextElementSibling;while(m&&!(m.tagName==="MARK"))m=m.nextElementSibling;
if(m&&(m.getAttribute("data-f")||"").split(" ").indexOf(id.slice(1))>=0)return m;
var ln=el.closest(".ln");return ln?ln.querySelector(".no[data-f]"):null;}
function hide(){card.hidden=true;if(active){active.classList.remove("active");active=null;}}
document.addEventListener("click",function(e){var t=e.target;
var g=t.closest(".gap");if(g){expand(g);return;}
var all=t.closest("[data-expand-all]");if(all){toggleAll(all.getAttribute("data-expand-all"),true);return;}
var col=t.closest("[data-collapse]");if(col){toggleAll(col.getAttribute("data-collapse"),false);return;}
if(t.closest("#card .x")){hide();return;}
var a=t.closest('a[href^="#"]');if(a){var id=a.getAttribute("href").slice(1);if(reveal(id)){e.preventDefault();history.replaceState(null,"","#"+id);var mk=markFor(id);if(mk)show(mk);}return;}
var m=t.closest("mark.hl,.ln.hit>.no");if(m){show(m);return;}
if(!t.closest("#card"))hide();});
document.addEventListener("keydown",function(e){
if(e.key==="Escape"){hide();return;}
if(e.target&&/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))return;
if(e.key==="Enter"&&e.target.matches&&e.target.matches("mark.hl,.ln.hit>.no")){show(e.target);return;}
if(e.key==="j"||e.key==="k")step(e.key==="j"?1:-1);});
function visible(el){var c=el.classList;var body=document.body.classList;
if(c.contains("is-suppressed")&&!body.contains("show-suppressed"))return false;
var hidden=["error","warning","info"].filter(function(s){return body.contains("hide-"+s);});
return !hidden.some(function(s){return c.contains("sev-"+s);});}
var cur=-1;
function step(d){var ms=$$("mark.hl,.ln.hit>.no").filter(function(m){return visible(m.classList.contains("no")?m.parentNode:m);});
if(!ms.length)return;cur=(cur+d+ms.length)%ms.length;var m=ms[cur];m.scrollIntoView({block:"center"});m.focus({preventScroll:true});show(m);}
document.getElementById("next").addEventListener("click",function(){step(1);});
document.getElementById("prev").addEventListener("click",function(){step(-1);});
$$("#bar input[data-sev]").forEach(function(cb){cb.addEventListener("change",function(){
document.body.classList.toggle("hide-"+cb.getAttribute("data-sev"),!cb.checked);});});
document.getElementById("show-suppressed").addEventListener("change",function(e){document.body.classList.toggle("show-suppressed",e.target.checked);});
if(location.hash){var h0=location.hash.slice(1);if(reveal(h0)){var m0=markFor(h0);if(m0)show(m0);}}
document.documentElement.setAttribute("data-ready",String(Math.round(performance.now())));
})();
"""
