"""The terminal report (rich): grouped by file, each finding with its place, rule,
severity, message, expected vs actual and the source line with the figure highlighted.
Plain text, without colour codes, when the output is not a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from govaudit.model import FileReport, Finding
from govaudit.report.summary import (
    RuleStats,
    coverage,
    file_counts,
    severity_counts,
    suppressed_count,
    visible,
)

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
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


def source_text(f: Finding, color: bool) -> Text:
    line, _ = _cut(f.source or f.excerpt, f.highlights)
    t = Text(line)
    for mark in f.highlights:
        start = line.find(mark)
        if start < 0:
            continue
        if color:
            t.stylize("bold reverse", start, start + len(mark))
        else:
            t = Text(line[:start] + "【" + mark + "】" + line[start + len(mark) :])
            line = t.plain
        break
    return t


def render(
    console: Console,
    reports: list[FileReport],
    lang: str = "zh",
    *,
    show_coverage: bool = True,
    stale: list[Any] | None = None,
    statistics: list[RuleStats] | None = None,
) -> None:
    """`stale`: suppressions that no longer match (config.Suppression); `statistics`: the
    per-rule counts of --statistics. With several files a summary table closes the report."""
    color = console.is_terminal and not console.no_color
    en = lang == "en"
    stale = stale or []
    for r in reports:
        console.print(Text(f"── {r.path}", style="bold"))
        if r.status == "error":
            msg = (r.error_en if en and r.error_en else r.error) or ""
            label = "cannot read" if en else "无法读取"
            console.print(
                Text.assemble(
                    ("  ✗ ", "bold red"),
                    (f"{label}：" if not en else f"{label}: ", "bold red"),
                    msg,
                )
            )
            continue
        shown = visible(r)
        if not shown:
            console.print(Text("  ✓ " + ("no findings" if en else "未发现问题"), style="green"))
        for f in shown:
            _finding(console, f, en, color)
        if show_coverage:
            c = coverage(r)
            if en:
                line = (
                    f"  relations checked: {c.checked} — held {c.held}, failed {c.failed}, "
                    f"could not be verified {c.unverified}"
                )
            else:
                line = f"  核对关系 {c.checked} 项：成立 {c.held}，不成立 {c.failed}，无法验证 {c.unverified}"
            suppressed = len(r.findings) - len(shown)
            if suppressed:
                line += f"；suppressed {suppressed}" if en else f"；已按基线忽略 {suppressed} 项"
            console.print(Text(line, style="dim"))
        name = Path(r.path).name
        for e in stale:
            if e.file == name:
                _stale(console, e, en)
        console.print()
    if len(reports) > 1:
        _table(console, reports, en)
    if statistics is not None:
        _statistics(console, statistics, en)
    _summary(console, reports, en)
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


def status_of(r: FileReport) -> str:
    """ "unreadable", "findings" (visible findings) or "ok"."""
    if r.status == "error":
        return "unreadable"
    return "findings" if visible(r) else "ok"


STATUS_ZH = {"unreadable": "无法读取", "findings": "有问题", "ok": "通过"}
STATUS_EN = {"unreadable": "unreadable", "findings": "findings", "ok": "ok"}
STATUS_STYLE = {"unreadable": "bold red", "findings": "yellow", "ok": "green"}


def _table(console: Console, reports: list[FileReport], en: bool) -> None:
    """The closing table of a batch: one row per file."""
    heads = (
        ("file", "status", "errors", "warnings", "info", "suppr.", "relations chk/fail/unv")
        if en
        else ("文件", "状态", "错误", "警告", "提示", "忽略", "关系 核对/不成立/未验证")
    )
    longest = max(len(r.path) for r in reports)
    # a file or a pipe has no width to respect: keep one row per file
    width = console.width if console.is_terminal else max(console.width, min(longest + 66, 220))
    table = Table(show_header=True, header_style="bold", title_justify="left")
    table.add_column(heads[0], overflow="fold", min_width=min(longest, max(16, width - 62)))
    table.add_column(heads[1], no_wrap=True)
    for h in heads[2:6]:
        table.add_column(h, justify="right", no_wrap=True)
    table.add_column(heads[6], justify="right")
    for r in reports:
        st = status_of(r)
        label = (STATUS_EN if en else STATUS_ZH)[st]
        if r.status == "error":
            table.add_row(r.path, Text(label, style=STATUS_STYLE[st]), "—", "—", "—", "—", "—")
            continue
        c = file_counts(r)
        cov = coverage(r)
        table.add_row(
            r.path,
            Text(label, style=STATUS_STYLE[st]),
            str(c.get("error", 0)),
            str(c.get("warning", 0)),
            str(c.get("info", 0)),
            str(sum(1 for f in r.findings if f.suppressed)),
            f"{cov.checked}/{cov.failed}/{cov.unverified}",
        )
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
    if f.expected is not None or f.actual is not None:
        exp = "—" if f.expected is None else f.expected
        act = "—" if f.actual is None else f.actual
        if en:
            ea = f"    expected {exp}  ·  printed {act}"
        else:
            ea = f"    应为 {exp}  ·  实为 {act}"
        console.print(Text(ea, style="dim"))
    src = source_text(f, color)
    if src.plain:
        prefix = f"    {f.loc.line} │ " if f.loc.line is not None else "    │ "
        console.print(Text(prefix, style="dim") + src)


def _summary(console: Console, reports: list[FileReport], en: bool) -> None:
    counts = severity_counts(reports)
    bad = sum(1 for r in reports if r.status == "error")
    with_findings = sum(1 for r in reports if visible(r))
    total = sum(coverage(r).checked for r in reports)
    failed = sum(coverage(r).failed for r in reports)
    unverified = sum(coverage(r).unverified for r in reports)
    if en:
        text = (
            f"{len(reports)} file(s) checked: {with_findings} with findings — "
            f"{counts.get('error', 0)} error(s), {counts.get('warning', 0)} warning(s), "
            f"{counts.get('info', 0)} info; {bad} file(s) could not be read. "
            f"Relations checked {total}, failed {failed}, unverifiable {unverified}."
        )
    else:
        text = (
            f"共检查 {len(reports)} 个文件，{with_findings} 个有问题：错误 {counts.get('error', 0)}，"
            f"警告 {counts.get('warning', 0)}，提示 {counts.get('info', 0)}；无法读取 {bad} 个。"
            f"核对关系 {total} 项，不成立 {failed}，无法验证 {unverified}。"
        )
    suppressed = suppressed_count(reports)
    if suppressed:
        text += (
            f" {suppressed} suppressed finding(s) not shown."
            if en
            else f"另有 {suppressed} 项已按基线忽略，未显示。"
        )
    style = "bold red" if counts.get("error") or bad else ("yellow" if counts else "bold green")
    console.print(Text(escape(text), style=style))
