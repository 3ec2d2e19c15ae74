"""`--format csv` and `--format xlsx`: one row per finding, for an auditor's 工作底稿.

Columns: 文件, 单位, 种类, 年度, 页, 行, 表/行/列, 规则, 规则名称, 级别, 问题, 应为, 实为, 差,
同时导致, 摘录 (English headings with --lang en). 单位/种类/年度 are what govaudit took the
document to be (its issuer, 部门决算 / 单位预算 …, its year), so that a workpaper of a whole
batch can be filtered by them. 差 is 实为 − 应为 when both are plain numbers of the same kind;
同时导致 lists the relations the same defect also breaks (one row per defect); 摘录 is the
table row (headings and cells) for a finding in a table, else the sentence. A file that
could not be read, or in which nothing could be checked, is a row too: nothing is dropped
unsaid. In the .xlsx, 应为, 实为 and 差 are numbers wherever they are plain numbers.

The .csv is UTF-8 with a byte-order mark and CRLF line ends, which Excel (also the Chinese
editions, whose default code page is GBK) opens as UTF-8. The .xlsx (openpyxl) has a frozen
heading row, a filter on every column, a second sheet with one row per file, and the files
a folder scan skipped.

Text from the documents is data, never a formula: a cell starting with = + - @ is written
as text (xlsx) or behind an apostrophe (csv), as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from govaudit.model import Finding, Location, _column_letter
from govaudit.report import SEVERITY_WORDS, Output, Run, also_lines
from govaudit.report.summary import coverage, file_counts, nothing_checked, verdict

HEADINGS = {
    "zh": (
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
    ),
    "en": (
        "file",
        "issuer",
        "kind",
        "year",
        "page",
        "line",
        "table/row/col",
        "rule",
        "rule title",
        "severity",
        "message",
        "expected",
        "actual",
        "difference",
        "also breaks",
        "excerpt",
    ),
}
# the columns of HEADINGS by what they hold
MESSAGE, EXPECTED, ACTUAL, DIFF = 10, 11, 12, 13
FILE_HEADINGS = {
    "zh": (
        "文件",
        "单位",
        "种类",
        "年度",
        "结果",
        "错误",
        "警告",
        "提示",
        "已忽略",
        "核对关系",
        "成立",
        "不成立",
        "无法验证",
        "说明",
    ),
    "en": (
        "file",
        "issuer",
        "kind",
        "year",
        "result",
        "errors",
        "warnings",
        "info",
        "suppressed",
        "relations",
        "held",
        "failed",
        "unverified",
        "note",
    ),
}
SEVERITY = SEVERITY_WORDS
VERDICT = {
    "zh": {
        "unreadable": "无法读取",
        "error": "有错误",
        "warning": "有警告",
        "nothing_checked": "未能核对",
        "info": "有提示",
        "passed": "通过",
        "skipped": "已跳过（不支持的格式）",
    },
    "en": {
        "unreadable": "unreadable",
        "error": "errors",
        "warning": "warnings",
        "nothing_checked": "nothing checked",
        "info": "info",
        "passed": "passed",
        "skipped": "skipped (format not read)",
    },
}
NUMBER = re.compile(r"^[-+−]?\d[\d,]*(\.\d+)?%?$")
EXCERPT_CHARS = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NO_FIGURES = ("", "", None, "", "")  # 应为, 实为, 差, 同时导致, 摘录 of a row about a file


def _lang(run: Run) -> str:
    return "en" if run.en else "zh"


def cell_place(loc: Location, en: bool) -> str:
    """The 表/行/列 column: a worksheet cell, a table cell, or a paragraph."""
    if loc.sheet:
        if loc.row is None:
            return f"sheet '{loc.sheet}'" if en else f"「{loc.sheet}」"
        cell = (
            f"{_column_letter(loc.col)}{loc.row}"
            if loc.col
            else (f"row {loc.row}" if en else f"第{loc.row}行")
        )
        return f"'{loc.sheet}'!{cell}" if en else f"「{loc.sheet}」{cell}"
    if loc.table is not None:
        parts = [f"table {loc.table}" if en else f"表{loc.table}"]
        if loc.row is not None:
            parts.append(f"row {loc.row}" if en else f"第{loc.row}行")
        if loc.col is not None:
            parts.append(f"col {loc.col}" if en else f"第{loc.col}列")
        return " ".join(parts) if en else "".join(parts)
    if loc.paragraph is not None:
        return f"paragraph {loc.paragraph}" if en else f"第{loc.paragraph}段"
    return ""


def _number(text: str | None) -> tuple[Decimal, int, bool] | None:
    """A printed figure as (value, decimals, is a percentage), or None for anything else."""
    if text is None:
        return None
    t = text.strip().replace("−", "-").replace(",", "")
    if not NUMBER.match(t):
        return None
    pct = t.endswith("%")
    t = t.rstrip("%")
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    decimals = len(t.split(".")[1]) if "." in t else 0
    return value, decimals, pct


def difference(f: Finding) -> tuple[Decimal, int, bool] | None:
    """实为 − 应为, with the decimals of the more precise one; None unless both are plain
    numbers of the same kind (both percentages or neither)."""
    e, a = _number(f.expected), _number(f.actual)
    if e is None or a is None or e[2] != a[2]:
        return None
    places = max(e[1], a[1])
    return (a[0] - e[0]).quantize(Decimal(1).scaleb(-places)), places, e[2]


def _diff_text(d: tuple[Decimal, int, bool] | None) -> str:
    if d is None:
        return ""
    value, _, pct = d
    return f"{value:f}" + ("%" if pct else "")


def excerpt(f: Finding, en: bool) -> str:
    """The finding's table row (headings and cells, figures in 【】), else its sentence."""
    if f.row is not None and f.row.cells:
        sep = ": " if en else "："
        parts = []
        for i, (heading, cell) in enumerate(f.row.cells):
            shown = f"【{cell}】" if i in f.row.marks else cell
            parts.append(f"{heading}{sep}{shown}" if heading else shown)
        text = " │ ".join(parts)
    else:
        text = " ".join(f.excerpt.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def _identity(info: Any) -> list[Any]:
    """单位, 种类, 年度 of a file (blank where govaudit could not tell)."""
    if info is None:
        return ["", "", None]
    return [info.issuer or "", info.kind or "", info.year]


def _also(f: Finding, en: bool) -> str:
    return "\n".join(also_lines(f, en))


def rows(run: Run) -> Iterator[list[Any]]:
    """One row per finding shown, per unreadable file and per file with nothing checked;
    `差` stays a (value, decimals, percent) triple for the .xlsx to write as a number."""
    lang = _lang(run)
    en = run.en
    for r in run.reports:
        who = _identity(r.info)
        if r.status == "error":
            msg = (r.error_en if en and r.error_en else r.error) or ""
            yield _file_row(r.path, who, VERDICT[lang]["unreadable"], msg)
            continue
        for f in r.findings:
            if not run.shown(f):
                continue
            message = f.message_en if en and f.message_en else f.message
            yield [
                r.path,
                *who,
                f.loc.page,
                f.loc.line,
                cell_place(f.loc, en),
                f.rule,
                f.title_en if en and f.title_en else f.title,
                SEVERITY[lang].get(f.severity, f.severity),
                message,
                f.expected_shown or f.expected or "",
                f.actual_shown or f.actual or "",
                difference(f),
                _also(f, en),
                excerpt(f, en),
            ]
        if nothing_checked(r):
            c = coverage(r)
            msg = (
                f"nothing could be checked: no relation between figures was found ({c.unverified} unverifiable)"
                if en
                else f"未能核对任何关系：没有找到可以核对的数字关系（{c.unverified} 项无法验证）"
            )
            yield _file_row(r.path, who, VERDICT[lang]["nothing_checked"], msg)


def _file_row(path: str, who: list[Any], status: str, message: str) -> list[Any]:
    """A row about the whole file (unreadable, nothing checked): no place, rule or figures."""
    return [path, *who, None, None, "", "", "", status, message, *NO_FIGURES]


def _safe(value: Any) -> Any:
    """Document text must never become a formula in a spreadsheet."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.match(value):
        return "'" + value
    return value


def render_csv(run: Run, out: Output) -> None:
    """The rows written as they come (a file's findings at a time)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADINGS[_lang(run)])
    out.write_bytes(buf.getvalue().encode("utf-8-sig"))
    for row in rows(run):
        buf.seek(0)
        buf.truncate()
        row[DIFF] = _diff_text(row[DIFF])
        w.writerow(["" if v is None else _safe(v) for v in row])
        out.write_bytes(buf.getvalue().encode("utf-8"))


def _file_rows(run: Run) -> list[list[Any]]:
    lang = _lang(run)
    en = run.en
    out: list[list[Any]] = []
    for r in run.summaries:
        v = verdict(r)
        who = _identity(r.info)
        if r.status == "error":
            note = (r.error_en if en and r.error_en else r.error) or ""
            out.append([r.path, *who, VERDICT[lang][v], *([None] * 8), note])
            continue
        c = file_counts(r)
        cov = coverage(r)
        out.append(
            [
                r.path,
                *who,
                VERDICT[lang][v],
                c.get("error", 0),
                c.get("warning", 0),
                c.get("info", 0),
                r.suppressed,
                cov.checked,
                cov.held,
                cov.failed,
                cov.unverified,
                "",
            ]
        )
    for x in run.skipped:
        out.append([x.path, "", "", None, VERDICT[lang]["skipped"], *([None] * 8), ""])
    return out


WIDTHS = (36, 24, 10, 6, 6, 7, 16, 13, 24, 7, 60, 12, 12, 10, 50, 70)
FILE_WIDTHS = (50, 24, 10, 6, 14, 7, 7, 7, 8, 10, 8, 8, 10, 60)


def _figure(text: str) -> tuple[Decimal, int, bool] | str:
    """应为/实为 as a number where it is a plain one ("551.08", "16.58%"), else the text."""
    n = _number(text) if text else None
    return n if n is not None else text


def render_xlsx(run: Run, out: Output) -> None:
    """A workbook written row by row (openpyxl's write-only mode): the findings sheet as the
    files come, then the sheet of files from their summaries."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = _lang(run)
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEF1F5")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    def sheet(
        title: str, headings: tuple[str, ...], body: Iterable[list[Any]], widths: tuple[int, ...]
    ) -> None:
        ws = wb.create_sheet(title)
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "A2"
        head = []
        for h in headings:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = bold
            cell.fill = fill
            head.append(cell)
        ws.append(head)
        n = 1
        for values in body:
            row = []
            for c, value in enumerate(values):
                cell = WriteOnlyCell(ws)
                if isinstance(value, tuple):  # a number as printed: (value, decimals, percent)
                    number, places, pct = value
                    cell.value = number
                    fmt = "0" + ("." + "0" * places if places else "")
                    cell.number_format = fmt + ('"%"' if pct else "")
                elif isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                else:
                    cell.value = value
                cell.alignment = wrap if widths[c] >= 50 else top
                row.append(cell)
            ws.append(row)
            n += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{n}"

    def findings() -> Iterator[list[Any]]:
        for row in rows(run):
            row[EXPECTED] = _figure(row[EXPECTED])
            row[ACTUAL] = _figure(row[ACTUAL])
            yield row

    sheet("问题" if lang == "zh" else "findings", HEADINGS[lang], findings(), WIDTHS)
    sheet("文件" if lang == "zh" else "files", FILE_HEADINGS[lang], _file_rows(run), FILE_WIDTHS)
    buf = io.BytesIO()
    wb.save(buf)
    out.write_bytes(buf.getvalue())
