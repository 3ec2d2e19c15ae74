"""`--format concise`: one line per finding, ``path:line:col: RULE [severity] message``, for
grep and for editors that jump to ``file:line:col`` (the shape of ruff's and gcc's output).
A finding that folds others (one defect breaking several relations) says which, at the end
of its line: one line per defect.

A text file's finding has its line and the column of the figure (1-based, in characters,
as SARIF's startColumn). A PDF, .docx or .xlsx has no line of the file to jump to: the
place is written out instead (``a.pdf:第3页第17行:``, ``a.docx:表2第25行第3列:``). A file that
could not be read, or in which nothing could be checked, gets one line too, so that a
script counting lines misses nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from govaudit.model import Finding
from govaudit.report import SEVERITY_WORDS, Output, Run, figure_column
from govaudit.report.summary import coverage, nothing_checked


def place(f: Finding, en: bool) -> str:
    loc = f.loc
    if loc.line is not None and loc.page is None:
        col = figure_column(f)
        return f"{loc.line}:{col}" if col else str(loc.line)
    return loc.describe_en() if en else loc.describe()


SEVERITY = SEVERITY_WORDS


def lines(run: Run) -> Iterator[str]:
    en = run.en
    sev = SEVERITY["en" if en else "zh"]
    for r in run.reports:
        if r.status == "error":
            msg = (r.error_en if en and r.error_en else r.error) or ""
            yield f"{r.path}: cannot read: {msg}" if en else f"{r.path}: 无法读取：{msg}"
            continue
        for f in r.findings:
            if not run.shown(f):
                continue
            message = f.message_en if en and f.message_en else f.message
            if f.also:
                rules = "、".join(dict.fromkeys(x.rule for x in f.also))
                message += f" (also breaks {rules})" if en else f"（同时导致 {rules}）"
            label = sev.get(f.severity, f.severity)
            yield f"{r.path}:{place(f, en)}: {f.rule} [{label}] {message}"
        if nothing_checked(r):
            c = coverage(r)
            yield (
                f"{r.path}: nothing could be checked ({c.unverified} unverifiable)"
                if en
                else f"{r.path}: 未能核对任何关系（无法验证 {c.unverified} 项）"
            )


def render(run: Run, out: Output) -> None:
    for line in lines(run):
        out.write(line + "\n")
