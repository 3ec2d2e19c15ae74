"""Excel .xlsx workbooks: each visible sheet is one `Table` titled with the sheet name.

The finance ministry's reporting software exports the 附表 as workbooks whose sheets are
named like "Z01 收入支出决算总表(财决01表)"; the sheet name is the table's title, and the
sheet's own title rows ("收入支出决算总表", "单位：万元") stay as rows.

* openpyxl reads the cells (read_only=True: constant memory, fast; data_only=True: the
  values Excel calculated, never formulas).
* Merged ranges: read-only mode cannot see them, so they are read from the sheet XML
  (<mergeCell ref="A1:F1"/>, after the cell data). The top-left cell keeps the text with
  span = the range's width; every other cell of the range is an empty `merged=True` cell,
  so a merged amount is never counted twice. Chosen over loading without read_only for
  small files: one code path whatever the size.
* Rows are grids: `row[c]` is Excel column c+1 (from column A, no leading columns dropped,
  short rows padded), `Location(sheet=name, row=r, col=c)` with Excel's row and column
  numbers (1-based). Rows with no text (unless a merged range covers them) and columns
  after the last one with text are left out; locations keep the real row numbers.
* Numbers are shown as Excel shows them, never through float arithmetic: the stored
  float's shortest repr goes into Decimal; a number format decides the decimals
  ("#,##0.00" → "1,442.16", "0.00%" → "99.47%", literal text kept: 0.00"万元" →
  "12.34万元"); General shows up to 15 significant digits without float noise
  (3469.2400000000002 → "3469.24"). A negative number always carries "-", also where the
  format would show parentheses or colour. Dates are ISO text, booleans TRUE/FALSE.
* Formulas saved without calculated values (files written by scripts, never opened in
  Excel or WPS) have no value to check: a workbook with any such formula in a visible
  sheet is an `InputError` that says to open and save it in Excel or WPS first (checking
  the rest would pass a file whose totals were never read).
* Hidden sheets are left out (listed in `Document.meta["hidden_sheets"]`): a reader of
  the published file does not see them.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from govaudit.errors import InputError
from govaudit.model import Cell, Document, Location, Table, Text
from govaudit.readers.ooxml import (
    check_part_prolog,
    damaged,
    main_part,
    open_package,
    parse_xml,
    read_part,
)

# Merged ranges are marked cell by cell up to this many cells per sheet; rows that only a
# merged range covers are kept when the range is less than this tall.
MAX_MERGED_CELLS = 2_000_000
MAX_MERGED_ROWS = 1000

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class NumberFormat:
    """The parts of an Excel number format that decide how a number reads."""

    general: bool = True
    decimals: int = 0  # digits always shown after the point (0 and ?)
    optional: int = 0  # digits shown only when not zero (#)
    thousands: bool = False
    percent: bool = False
    scale: int = 0  # trailing commas: each divides by 1000
    prefix: str = ""
    suffix: str = ""


GENERAL = NumberFormat()
_DATE_CODES = set("yYmMdDhHsSeEgGbB")


def _first_section(fmt: str) -> str:
    """The positive-number section of "pos;neg;zero;text"."""
    out, quoted, bracket = [], False, False
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"' and not bracket:
            quoted = not quoted
        elif ch == "[" and not quoted:
            bracket = True
        elif ch == "]" and not quoted:
            bracket = False
        elif ch == "\\" and not quoted and i + 1 < len(fmt):
            out.append(fmt[i : i + 2])
            i += 2
            continue
        elif ch == ";" and not quoted and not bracket:
            break
        out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=512)
def parse_number_format(fmt: str | None) -> NumberFormat:
    """Read a format code; anything we cannot read faithfully is General."""
    if not fmt or fmt.strip().lower() in ("general", "@"):
        return GENERAL
    s = _first_section(fmt)
    prefix: list[str] = []
    suffix: list[str] = []
    placeholders = decimals = optional = scale = 0
    point = thousands = percent = False
    pending_commas = 0
    i = 0
    while i < len(s):
        ch = s[i]
        lit = None
        if ch == '"':
            j = s.find('"', i + 1)
            j = len(s) if j < 0 else j
            lit = s[i + 1 : j]
            i = j + 1
        elif ch == "\\" and i + 1 < len(s):
            lit = s[i + 1]
            i += 2
        elif ch in "_*" and i + 1 < len(s):
            i += 2  # padding and fill characters take no text
            continue
        elif ch == "[":
            j = s.find("]", i)
            j = len(s) if j < 0 else j
            inner = s[i + 1 : j]
            i = j + 1
            if inner.startswith("$"):
                lit = inner[1:].split("-", 1)[0]  # [$¥-804] → "¥"
            else:
                continue  # colours, conditions, locales
        elif ch in "0#?":
            if pending_commas:
                thousands = True
                pending_commas = 0
            placeholders += 1
            if point:
                if ch == "#":
                    optional += 1
                else:
                    decimals += 1 + optional
                    optional = 0
            i += 1
            continue
        elif ch == "." and placeholders and not point:
            point = True
            i += 1
            continue
        elif ch == "," and placeholders:
            pending_commas += 1
            i += 1
            continue
        elif ch == "%":
            percent = True
            lit = "%"
            i += 1
        elif ch in _DATE_CODES or ch in "/@":
            return GENERAL  # dates, fractions, scientific, text: not a plain number
        else:
            lit = ch
            i += 1
        if lit is not None:
            (suffix if placeholders else prefix).append(lit)
    if not placeholders:
        return GENERAL
    scale = pending_commas
    return NumberFormat(
        general=False,
        decimals=decimals,
        optional=optional,
        thousands=thousands,
        percent=percent,
        scale=scale,
        prefix="".join(prefix),
        suffix="".join(suffix),
    )


def to_decimal(value: int | float) -> Decimal:
    """The number Excel stored, without float noise: the shortest repr of the double."""
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value))


def format_number(value: int | float, fmt: str | None) -> str:
    """A number as Excel displays it with number format `fmt` (see the module docstring)."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return ""
    d = to_decimal(value)
    nf = parse_number_format(fmt)
    if nf.general:
        return _general(d)
    if nf.percent:
        d = d * 100
    if nf.scale:
        d = d.scaleb(-3 * nf.scale)
    places = nf.decimals + nf.optional
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    negative = q < 0
    body = format(abs(q), ",f" if nf.thousands else "f")
    if nf.optional and "." in body:
        keep = len(body) - nf.optional
        body = body[:keep] + body[keep:].rstrip("0")
        body = body.rstrip(".") if not nf.decimals else body
    return ("-" if negative else "") + nf.prefix + body + nf.suffix


def _general(d: Decimal) -> str:
    if d == 0:
        return "0"
    if len(d.as_tuple().digits) > 15:
        d = d.quantize(Decimal(1).scaleb(d.adjusted() - 14), rounding=ROUND_HALF_UP)
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def display(value: Any, fmt: str | None) -> str:
    """Any cell value as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return format_number(value, fmt)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# --------------------------------------------------------------------------- sheet XML

_MERGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_CELL = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)", re.DOTALL)
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>[^<]|<(?:[\w.-]+:)?is>")


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


@dataclass
class SheetXml:
    """What read-only openpyxl cannot tell: merged ranges and formulas without values."""

    merges: list[tuple[int, int, int, int]]  # min_row, min_col, max_row, max_col
    formulas: int = 0
    formulas_without_values: int = 0


def scan_sheet(data: bytes) -> SheetXml:
    tail = data.rfind(b"sheetData>")
    merges = []
    for m in _MERGE.finditer(data, max(tail, 0)):
        c1, r1 = _col_number(m.group(1)), int(m.group(2))
        c2 = _col_number(m.group(3)) if m.group(3) else c1
        r2 = int(m.group(4)) if m.group(4) else r1
        merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    out = SheetXml(merges)
    if _FORMULA.search(data):
        for m in _CELL.finditer(data):
            inner = m.group(2) or b""
            if _FORMULA.search(inner):
                out.formulas += 1
                if not _VALUE.search(inner):
                    out.formulas_without_values += 1
    return out


def _sheet_parts(zf: zipfile.ZipFile, wb_part: str, name: str) -> dict[str, tuple[str, str]]:
    """{sheet name: (part path, state)} from the workbook and its relationships."""
    root = parse_xml(read_part(zf, wb_part, name, "xlsx"), wb_part, name, "xlsx")
    base = posixpath.dirname(wb_part)
    rels_part = posixpath.join(base, "_rels", posixpath.basename(wb_part) + ".rels")
    targets: dict[str, str] = {}
    if rels_part in zf.namelist():
        rels = parse_xml(read_part(zf, rels_part, name, "xlsx"), rels_part, name, "xlsx")
        for rel in rels:
            target = rel.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join(base, target))
            targets[rel.get("Id", "")] = path
    out: dict[str, tuple[str, str]] = {}
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = el.get(f"{{{REL_NS}}}id") or el.get(
            "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
        )
        path = targets.get(rid or "")
        if path:
            out[el.get("name", "")] = (path, el.get("state", "visible"))
    return out


# --------------------------------------------------------------------------- reading


def read_xlsx(path: str, data: bytes) -> Document:
    """Read every visible sheet as a Table, or raise InputError."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    zf = open_package(data, name, "xlsx")
    with zf:
        names = set(zf.namelist())
        wb_part = main_part(zf, "xl/workbook.xml", name, "xlsx")
        if wb_part not in names or wb_part.startswith("word/"):
            raise InputError(
                f"{name} 不是 Excel 工作簿（缺少 xl/workbook.xml）："
                "请用 Excel/WPS 打开后另存为 .xlsx 再检查。",
                f"{name} is not an Excel workbook (no xl/workbook.xml): save it as .xlsx "
                "with Excel/WPS and check again.",
            )
        # openpyxl parses these parts itself: refuse DTDs and oversized parts first
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels")):
                check_part_prolog(zf, info, name, "xlsx")
        parts = _sheet_parts(zf, wb_part, name)
        scans = {
            sheet: scan_sheet(read_part(zf, part, name, "xlsx"))
            for sheet, (part, state) in parts.items()
            if state == "visible" and part in names
        }
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(
            "读取 .xlsx 需要 openpyxl：请运行 pip install openpyxl。",
            "reading .xlsx needs openpyxl: pip install openpyxl.",
        ) from exc
    tables: list[Table] = []
    hidden: list[str] = []
    missing: dict[str, int] = {}
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for ws in wb.worksheets:
                if getattr(ws, "sheet_state", "visible") != "visible":
                    hidden.append(ws.title)
                    continue
                scan = scans.get(ws.title, SheetXml([]))
                if scan.formulas_without_values:
                    missing[ws.title] = scan.formulas_without_values
                table = _sheet_table(ws, scan)
                if table is not None:
                    tables.append(table)
        finally:
            wb.close()
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise damaged(name, "xlsx", f"openpyxl：{type(exc).__name__}: {exc}") from exc
    if missing:
        # Excel, WPS and LibreOffice store each formula's result when they save; a formula
        # without one comes from a program that never calculated the workbook, and every
        # figure computed by a formula (the totals, most often) is missing: nothing that
        # depends on them can be verified, and the rest must not look like a pass
        count = sum(missing.values())
        sheets = "、".join(f"「{k}」" for k in missing)
        raise InputError(
            f"{name} 的工作表{sheets}中有 {count} 个公式没有计算结果（文件保存时未计算公式，常见于"
            "程序生成的表格），这些数字无法核对：请在 Excel 或 WPS 中打开并保存一次后再检查。",
            f"{name}: {count} formula(s) in sheet(s) {', '.join(missing)} have no calculated "
            "value (the workbook was saved without calculating them, as programs do), so those "
            "figures cannot be checked: open it in Excel or WPS, save it once and check again.",
        )
    if not tables:
        raise InputError(
            f"文件没有可读的内容：{name} 的工作表都是空的"
            + ("（隐藏的工作表未检查）。" if hidden else "。"),
            f"no readable content: every sheet of {name} is empty"
            + (" (hidden sheets are not checked)." if hidden else "."),
        )
    meta: dict[str, Any] = {
        "sheets": [t.title for t in tables],
        "hidden_sheets": hidden,
        "formulas_without_values": missing,
    }
    return Document(path=path, format="xlsx", blocks=list(tables), meta=meta)


def _sheet_table(ws: Any, scan: SheetXml) -> Table | None:
    title = ws.title
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a wrong <dimension> would cut rows off
    anchors: dict[tuple[int, int], int] = {}
    covered: set[tuple[int, int]] = set()
    budget = MAX_MERGED_CELLS
    for r1, c1, r2, c2 in scan.merges:
        size = (r2 - r1 + 1) * (c2 - c1 + 1)
        if size > budget:
            continue  # a whole-sheet merge (or too many): nothing to mark cell by cell
        budget -= size
        anchors[(r1, c1)] = c2 - c1 + 1
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered.add((r, c))
    grid: dict[int, dict[int, str]] = {}
    width = 0
    for r, row in enumerate(ws.iter_rows(), start=1):
        texts: dict[int, str] = {}
        for c, cell in enumerate(row, start=1):
            value = cell.value
            if value is None or (r, c) in covered:
                continue
            text = display(value, getattr(cell, "number_format", None))
            if text:
                texts[c] = text
        if texts:
            grid[r] = texts
            width = max(width, max(texts))
    if not grid:
        return None
    # a row covered by a vertical merge stays, so the merge is visible as in Excel
    keep = set(grid)
    for r1, c1, r2, _ in scan.merges:
        tall = r2 - r1 >= MAX_MERGED_ROWS
        if c1 <= width and not tall and grid.get(r1, {}).get(c1) and (r1, c1) in anchors:
            keep.update(range(r1, r2 + 1))
    rows: list[list[Cell]] = []
    for r in sorted(keep):
        texts = grid.get(r, {})
        cells = []
        for c in range(1, width + 1):
            loc = Location(sheet=title, row=r, col=c)
            cell = Cell(Text(texts.get(c, ""), ((0, loc),)), merged=(r, c) in covered)
            if (r, c) in anchors:
                cell.span = min(anchors[(r, c)], width - c + 1)
            cells.append(cell)
        rows.append(cells)
    return Table(rows=rows, loc=Location(sheet=title), title=title)
