"""The terminal report (rich): grouped by file, each finding with its place, rule,
severity, message, expected vs actual and the source line with the figure highlighted.
Plain text, without colour codes, when the output is not a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from govaudit.model import FileReport, Finding, Location, TableRow
from govaudit.report import SEVERITY_WORDS, Output, Run, also_lines, figure_span, figures_text
from govaudit.report.summary import (
    FileSummary,
    RuleStats,
    coverage,
    figures_line,
    file_counts,
    nothing_checked,
    severity_counts,
    suppressed_count,
    verdict,
    visible,
)

SEVERITY_ZH = SEVERITY_WORDS["zh"]
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _cut(line: str, marks: tuple[str, ...], width: int = 110) -> tuple[str, int]:
    """A window of the line around the first highlighted figure."""
    line = line.strip()
    if len(line) <= width:
        return line, 0
    pos = -1
    for m in marks:
        pos = line.find(m)
        if pos >= 0:
            break
    if pos < 0:
        return line[:width] + "…", 0
    lo = max(0, pos - width // 2)
    hi = min(len(line), lo + width)
    return ("…" if lo else "") + line[lo:hi] + ("…" if hi < len(line) else ""), lo


def _cut_at(line: str, span: tuple[int, int], width: int = 110) -> tuple[str, int]:
    """A window of the line around the figure at `span`: the text, and where it starts."""
    if len(line) <= width:
        return line, 0
    lo = max(0, min(span[0] - width // 2, len(line) - width))
    hi = min(len(line), lo + width)
    return ("…" if lo else "") + line[lo:hi] + ("…" if hi < len(line) else ""), lo


def source_text(f: Finding, color: bool) -> Text:
    """The source line, the finding's figure marked where it stands (the occurrence it
    was read from, not the first equal number)."""
    whole = f.source or f.excerpt
    span = figure_span(f) if f.source else None
    if span is None:
        for mark in f.highlights:
            pos = whole.find(mark) if mark else -1
            if pos >= 0:
                span = (pos, pos + len(mark))
                break
    if span is None:
        return Text(_cut(whole, f.highlights)[0])
    lead = len(whole) - len(whole.lstrip())
    line = whole.strip()
    span = (span[0] - lead, span[1] - lead)
    shown, lo = _cut_at(line, span)
    shift = (1 if lo else 0) - lo
    a, b = span[0] + shift, span[1] + shift
    if color:
        t = Text(shown)
        t.stylize("bold reverse", a, b)
        return t
    return Text(shown[:a] + "【" + shown[a:b] + "】" + shown[b:])


def render(run: Run, out: Output) -> None:
    """The text report (the `text` format)."""
    write(out.console(), run)


def write(console: Console, run: Run, *, show_coverage: bool = True) -> None:
    """Each file with its findings (those at or above --min-severity), its coverage line and
    stale suppressions; the skipped files; with several files a table; the summary line.
    --quiet prints the summary line only."""
    color = console.is_terminal and not console.no_color
    en = run.en
    stale = run.stale or []
    reports = run.reports
    if not run.quiet:
        for r in reports:
            _file(console, run, r, color, show_coverage)
            name = Path(r.path).name
            for e in stale:
                if e.file == name:
                    _stale(console, e, en)
            console.print()
        if run.skipped:
            _skipped(console, run)
        if run.pairs:
            _pairs(console, run)
        if len(reports) > 1:
            _table(console, run.summaries, en)
        if run.statistics is not None:
            _statistics(console, run.statistics, en)
    _summary(console, run)
    if stale:
        n = len(stale)
        console.print(
            Text(
                f"{n} suppression(s) no longer match any finding: remove them from the baseline "
                "or the configuration."
                if en
                else f"有 {n} 项忽略已不再匹配任何发现，请从基线或配置中删除。",
                style="yellow",
            )
        )


def _file(console: Console, run: Run, r: FileReport, color: bool, show_coverage: bool) -> None:
    en = run.en
    head = Text(f"── {r.path}", style="bold")
    about = _identity(r, en)
    if about:
        head.append(f"  {about}", style="dim")
    console.print(head)
    if r.status == "error":
        msg = (r.error_en if en and r.error_en else r.error) or ""
        label = "cannot read" if en else "无法读取"
        console.print(
            Text.assemble(
                ("  ✗ ", "bold red"),
                (f"{label}: " if en else f"{label}：", "bold red"),
                msg,
            )
        )
        return
    live = visible(r)
    shown = [f for f in live if run.shown(f)]
    if nothing_checked(r):
        c = coverage(r)
        console.print(
            Text(
                "  ⚠ nothing could be checked: no relation between figures was found"
                + (f" ({c.unverified} could not be verified)" if c.unverified else "")
                + " — no findings does not mean no errors"
                if en
                else "  ⚠ 未能核对任何关系：没有找到可以核对的数字关系"
                + (f"（{c.unverified} 项无法验证）" if c.unverified else "")
                + "，「未发现问题」不代表没有问题",
                style="yellow",
            )
        )
    elif not live:
        console.print(Text("  ✓ " + ("no findings" if en else "未发现问题"), style="green"))
    for f in shown:
        _finding(console, f, en, color)
    hidden = len(live) - len(shown)
    if hidden:
        console.print(
            Text(
                f"  {hidden} finding(s) below {run.min_severity} not shown (--min-severity)"
                if en
                else f"  另有 {hidden} 项低于「{SEVERITY_ZH.get(run.min_severity, run.min_severity)}」"
                "级别的问题未显示（--min-severity）",
                style="dim",
            )
        )
    if show_coverage:
        c = coverage(r)
        if en:
            line = (
                f"  relations checked: {c.checked} — held {c.held}, failed {c.failed}, "
                f"could not be verified {c.unverified}"
            )
        else:
            line = f"  核对关系 {c.checked} 项：成立 {c.held}，不成立 {c.failed}，无法验证 {c.unverified}"
        suppressed = len(r.findings) - len(live)
        if suppressed:
            line += f"; suppressed {suppressed}" if en else f"；已按基线忽略 {suppressed} 项"
        fig = figures_line(r, en)
        if fig:
            line += f"; {fig}" if en else f"；{fig}"
        console.print(Text(line, style="dim"))


def _identity(r: FileReport, en: bool) -> str:
    """ "（单位决算 · 泸州市政务服务管理局 · 2023年）": what govaudit took the file to be."""
    info = r.info
    if info is None or not (info.kind or info.issuer or info.year):
        return ""
    year = (f"{info.year}" if en else f"{info.year}年") if info.year else ""
    parts = [x for x in (info.kind, info.issuer, year) if x]
    return "(" + " · ".join(parts) + ")" if en else "（" + " · ".join(parts) + "）"


def _pairs(console: Console, run: Run) -> None:
    """Which documents were checked against each other, and why."""
    en = run.en
    console.print(
        Text(
            f"checked across documents: {len(run.pairs)} pair(s)"
            if en
            else f"跨文件核对：{len(run.pairs)} 对文件",
            style="bold",
        )
    )
    for p in run.pairs:
        console.print(Text(f"  {p.relation}  {p.first.path}  ↔  {p.other.path}"))
        console.print(Text(f"    {p.reason}", style="dim"))
    console.print()


def _skipped(console: Console, run: Run) -> None:
    """Files a folder scan found and does not read: listed, so that none vanishes unsaid."""
    from govaudit.readers import SUPPORTED_SUFFIXES

    names = [x.path for x in run.skipped]
    shown = names[:10]
    more = len(names) - len(shown)
    kinds = " ".join(sorted(SUPPORTED_SUFFIXES))
    if run.en:
        head = f"skipped {len(names)} file(s) of a kind govaudit does not read (it reads {kinds}):"
        tail = f"  … and {more} more" if more else ""
    else:
        head = f"跳过 {len(names)} 个不支持的文件（govaudit 读取 {kinds}）："
        tail = f"  … 另有 {more} 个" if more else ""
    console.print(Text(head, style="yellow"))
    for n in shown:
        console.print(Text("  " + n, style="dim"))
    if tail:
        console.print(Text(tail, style="dim"))
    console.print()


def _stale(console: Console, e: Any, en: bool) -> None:
    where = Path(e.source).name if e.source else ""
    if en:
        text = (
            f"  ⚠ stale suppression in {where}: {e.rule} fingerprint {e.fingerprint} "
            f"(reason: {e.reason}) matches no finding any more"
        )
    else:
        text = (
            f"  ⚠ {where} 中的一项忽略已不再匹配：{e.rule} 指纹 {e.fingerprint}（原因：{e.reason}）"
        )
    console.print(Text(text, style="yellow"))


def status_of(r: FileReport | FileSummary) -> str:
    """ "unreadable", "findings" (visible findings), "unchecked" (nothing verified) or "ok"."""
    v = verdict(r)
    if v == "unreadable":
        return "unreadable"
    if v == "nothing_checked":
        return "unchecked"
    return "findings" if sum(file_counts(r).values()) else "ok"


STATUS_ZH = {"unreadable": "无法读取", "findings": "有问题", "unchecked": "未能核对", "ok": "通过"}
STATUS_EN = {
    "unreadable": "unreadable",
    "findings": "findings",
    "unchecked": "nothing checked",
    "ok": "ok",
}
STATUS_STYLE = {
    "unreadable": "bold red",
    "findings": "yellow",
    "unchecked": "yellow",
    "ok": "green",
}


def _table(console: Console, reports: list[FileSummary], en: bool) -> None:
    """The closing table of a batch: one row per file. On a terminal it fits the width (the
    file column folds, measured in terminal cells: a Chinese character takes two); in a file
    or a pipe each row stays on one line."""
    heads = (
        ("file", "status", "errors", "warnings", "info", "suppr.", "chk/fail/unv")
        if en
        else ("文件", "状态", "错误", "警告", "提示", "忽略", "核对/不成立/未验证")
    )
    rows = []
    for r in reports:
        st = status_of(r)
        label = Text((STATUS_EN if en else STATUS_ZH)[st], style=STATUS_STYLE[st])
        if r.status == "error":
            rows.append((r.path, label, "—", "—", "—", "—", "—"))
            continue
        c = file_counts(r)
        cov = coverage(r)
        rows.append(
            (
                r.path,
                label,
                str(c.get("error", 0)),
                str(c.get("warning", 0)),
                str(c.get("info", 0)),
                str(r.suppressed),
                f"{cov.checked}/{cov.failed}/{cov.unverified}",
            )
        )
    # the width of everything but the file column: cells, padding and borders
    others = (
        sum(
            max(
                cell_len(heads[i]),
                *(cell_len(row[i] if isinstance(row[i], str) else row[i].plain) for row in rows),
            )
            for i in range(1, len(heads))
        )
        + 3 * len(heads)
        + 1
    )
    longest = max(cell_len(r.path) for r in reports)
    if console.is_terminal:
        width = console.width
    else:
        width = max(console.width, min(longest + others, 400))
    table = Table(show_header=True, header_style="bold", title_justify="left")
    table.add_column(heads[0], overflow="fold", min_width=max(8, min(longest, width - others)))
    table.add_column(heads[1], no_wrap=True)
    for h in heads[2:6]:
        table.add_column(h, justify="right", no_wrap=True)
    table.add_column(heads[6], justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console.print(table, width=width)


def _statistics(console: Console, stats: list[RuleStats], en: bool) -> None:
    heads = (
        ("rule", "checked", "held", "failed", "unverified", "findings", "suppressed")
        if en
        else ("规则", "核对", "成立", "不成立", "无法验证", "报告", "已忽略")
    )
    table = Table(
        title="per rule" if en else "各规则统计",
        show_header=True,
        header_style="bold",
        title_justify="left",
    )
    table.add_column(heads[0], no_wrap=True)
    for h in heads[1:]:
        table.add_column(h, justify="right", no_wrap=True)
    for s in stats:
        table.add_row(
            s.rule,
            str(s.checked),
            str(s.held),
            str(s.failed),
            str(s.unverified),
            str(s.findings),
            str(s.suppressed),
        )
    console.print(table)


def _finding(console: Console, f: Finding, en: bool, color: bool) -> None:
    sev = f.severity if en else SEVERITY_ZH.get(f.severity, f.severity)
    where = f.loc.describe_en() if en else f.loc.describe()
    title = f.title_en if en and f.title_en else f.title
    head = Text.assemble(
        ("  " + where, "bold"),
        "  ",
        (sev, SEVERITY_STYLE.get(f.severity, "")),
        "  ",
        (f.rule, "magenta"),
        "  ",
        title,
    )
    console.print(head)
    message = f.message_en if en and f.message_en else f.message
    console.print(Text("    " + message))
    for rl, path in zip(f.related, f.related_paths, strict=False):
        if path:  # a place in another file of the batch
            place = rl.describe_en() if en else rl.describe()
            console.print(Text(f"    {'see also' if en else '另见'} {path} {place}", style="dim"))
    shown = figures_text(f, en, "  ·  ")
    if shown:
        console.print(Text("    " + shown, style="dim"))
    for line in also_lines(f, en):
        console.print(Text("    ↳ " + line, style="dim"))
    if f.row is not None and f.row.cells:
        console.print(
            Text(f"    {row_place(f.row, en)} │ ", style="dim") + row_text(f.row, color, en)
        )
        return
    src = source_text(f, color)
    if src.plain:
        prefix = f"    {f.loc.line} │ " if f.loc.line is not None else "    │ "
        console.print(Text(prefix, style="dim") + src)


def row_place(row: TableRow, en: bool) -> str:
    """Where a table row is: its lines in a text file ("643–647"), else its row."""
    a, b = row.first, row.last
    if a.line is not None and a.page is None:
        return str(a.line) if b.line in (None, a.line) else f"{a.line}–{b.line}"
    whole = Location(
        line=a.line if a.page is not None else None,
        page=a.page,
        table=a.table,
        row=a.row,
        sheet=a.sheet,
    )
    return whole.describe_en() if en else whole.describe()


def row_text(row: TableRow, color: bool, en: bool) -> Text:
    """The row's cells, each after its column heading, the finding's figures marked."""
    t = Text()
    sep = ": " if en else "："
    for i, (heading, cell) in enumerate(row.cells):
        if i:
            t.append(" │ ", style="dim")
        if heading:
            t.append(heading + sep, style="dim")
        if i in row.marks:
            if color:
                t.append(cell, style="bold reverse")
            else:
                t.append("【" + cell + "】")
        else:
            t.append(cell)
    return t


def _summary(console: Console, run: Run) -> None:
    reports = run.summaries
    en = run.en
    counts = severity_counts(reports)
    bad = sum(1 for r in reports if r.status == "error")
    unchecked = sum(1 for r in reports if nothing_checked(r))
    with_findings = sum(1 for r in reports if r.live)
    total = sum(coverage(r).checked for r in reports)
    failed = sum(coverage(r).failed for r in reports)
    unverified = sum(coverage(r).unverified for r in reports)
    if en:
        text = (
            f"{len(reports)} file(s) checked: {with_findings} with findings — "
            f"{counts.get('error', 0)} error(s), {counts.get('warning', 0)} warning(s), "
            f"{counts.get('info', 0)} info; {bad} file(s) could not be read"
            + (f", {unchecked} with nothing checked" if unchecked else "")
            + f". Relations checked {total}, failed {failed}, unverifiable {unverified}."
        )
    else:
        text = (
            f"共检查 {len(reports)} 个文件，{with_findings} 个有问题：错误 {counts.get('error', 0)}，"
            f"警告 {counts.get('warning', 0)}，提示 {counts.get('info', 0)}；无法读取 {bad} 个"
            + (f"，未能核对任何关系 {unchecked} 个" if unchecked else "")
            + f"。核对关系 {total} 项，不成立 {failed}，无法验证 {unverified}。"
        )
    suppressed = suppressed_count(reports)
    if suppressed:
        text += (
            f" {suppressed} suppressed finding(s) not shown."
            if en
            else f"另有 {suppressed} 项已按基线忽略，未显示。"
        )
    hidden = run.hidden_by_severity()
    if hidden:
        text += (
            f" {hidden} finding(s) below {run.min_severity} not shown."
            if en
            else f"另有 {hidden} 项低于「{SEVERITY_ZH.get(run.min_severity, run.min_severity)}」的问题未显示。"
        )
    style = (
        "bold red"
        if counts.get("error") or bad
        else ("yellow" if counts or unchecked else "bold green")
    )
    console.print(Text(escape(text), style=style))
