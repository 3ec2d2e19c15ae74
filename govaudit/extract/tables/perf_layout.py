"""The layout of 绩效自评表: where one table ends and the next begins, which header names
which column, and what a target or completion cell says.

Everything here works on cells and their text; perf_tables.py turns the result into facts.
Tables are read by their headers, never by positions: the column of "得分" is wherever the
header row says "得分" (or "自评得分"), in whatever order the province's template puts it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from typing import Any

from govaudit.extract.base.normalize import compact, norm
from govaudit.extract.base.quantities import parse_cell_number
from govaudit.model import Cell, Location, Quantity, Table
from govaudit.patterns import lazy_pattern
from govaudit.resources import vocab

# --------------------------------------------------------------------------- vocabulary


@cache
def words() -> dict[str, Any]:
    return vocab("perf")


def _aliases(group: str) -> dict[str, str]:
    """{header key: column name} for one block of the vocabulary."""
    out: dict[str, str] = {}
    for name, keys in (words().get(group) or {}).items():
        for k in keys:
            out.setdefault(header_key(str(k)), str(name))
    return out


@cache
def budget_aliases() -> dict[str, str]:
    return _aliases("budget_columns")


@cache
def indicator_aliases() -> dict[str, str]:
    return _aliases("indicator_columns")


@cache
def word_list(name: str) -> tuple[str, ...]:
    return tuple(compact(str(w)) for w in words().get(name) or [])


_BRACKETED = lazy_pattern(r"\([^()]*\)")


def header_key(text: str) -> str:
    """ "预算\\n执行率" → "预算执行率"; "权重%" → "权重"; "指标值（包含数字及文字描述）" → "指标值"."""
    s = compact(text)
    s = _BRACKETED.sub("", s)
    return s.rstrip("%")


_POINTS = lazy_pattern(r"\((\d+(?:\.\d+)?)分\)?")


def stated_points(cell: Cell | None, block: int) -> Quantity | None:
    """The points a header states for its block: "预算执行情况（10分）" → 10."""
    if cell is None:
        return None
    return points_in_cell(cell, block, _POINTS, strip_points(cell.text.text))


def points_in_cell(cell: Cell, block: int, pattern: re.Pattern[str], label: str) -> Quantity | None:
    """The first number in 分 that `pattern` (group 1 the number) finds in a cell."""
    s = norm(cell.text.text)
    m = pattern.search(s)
    if not m:
        return None
    num = m.group(1)
    return Quantity(
        value=Decimal(num),
        decimals=len(num.split(".")[1]) if "." in num else 0,
        unit="分",
        text=cell.text.text[m.start() : m.end()],
        label=label,
        loc=cell.text.loc_at(m.start(1)),
        block=block,
        start=m.start(1),
        end=m.end(1),
        src=id(cell.text),
    )


def strip_points(text: str) -> str:
    """ "目标管理（40分）" → "目标管理"."""
    return _POINTS.sub("", compact(text)).strip()


# --------------------------------------------------------------------------- cells and rows


def text_of(cell: Cell | None) -> str:
    return "" if cell is None else cell.text.text.strip()


def key_of(cell: Cell | None) -> str:
    return "" if cell is None else compact(cell.text.text)


def is_empty_row(row: list[Cell]) -> bool:
    return all(not text_of(c) for c in row)


@dataclass
class Aligned:
    """A row stretched to the width of its block. A short row in the text layout lost the
    cells its first cell spans ("合计" over the label columns); `copies` are the positions
    that only repeat that cell or a merged neighbour: text, never a second number."""

    cells: list[Cell | None]
    copies: set[int] = field(default_factory=set)

    def text(self, i: int | None) -> str:
        if i is None or i >= len(self.cells):
            return ""
        return text_of(self.cells[i])

    def cell(self, i: int | None) -> Cell | None:
        """The cell at i when it holds its own value (not a copy of a spanning cell)."""
        if i is None or i >= len(self.cells) or i in self.copies:
            return None
        return self.cells[i]


def own_cells(row: list[Cell]) -> list[Cell]:
    """The row as its author typed it: a cell spanning columns (.docx gridSpan) counts once,
    its tails are dropped; a vertically merged cell keeps its place."""
    out: list[Cell] = []
    tails = 0
    for c in row:
        if tails and c.merged:
            tails -= 1
            continue
        tails = max(c.span - 1, 0)
        out.append(c)
    return out


def align(row: list[Cell], width: int) -> Aligned:
    """Map a row onto `width` columns. A full row maps one to one; a shorter row keeps its
    last cells in the last columns and lets its first cell span the columns it lost."""
    copies = {i for i, c in enumerate(row) if c.merged}
    if len(row) >= width or not row:
        return Aligned(list(row), copies)
    missing = width - len(row)
    cells: list[Cell | None] = [row[0]] * (missing + 1) + list(row[1:])
    copies = {i + missing for i in copies if i > 0} | set(range(1, missing + 1))
    if row[0].merged:
        copies.add(0)
    return Aligned(cells, copies)


def columns(header: list[Cell], aliases: dict[str, str]) -> dict[str, int]:
    """{column name: index} for a header row; the first header naming a column wins."""
    out: dict[str, int] = {}
    for i, c in enumerate(header):
        name = aliases.get(header_key(c.text.text))
        if name and name not in out:
            out[name] = i
    return out


def dominant_width(rows: list[list[Cell]]) -> int:
    widths = Counter(len(r) for r in rows if not is_empty_row(r))
    return widths.most_common(1)[0][0] if widths else 0


# --------------------------------------------------------------------------- segmenting


def is_title_row(row: list[Cell]) -> bool:
    filled = [c for c in row if text_of(c) and not c.merged]
    if len(filled) != 1:
        return False
    k = key_of(filled[0])
    return len(k) <= 60 and any(t in k for t in word_list("titles"))


def is_name_row(row: list[Cell]) -> bool:
    return bool(row) and key_of(row[0]) in word_list("name_labels")


@dataclass
class Segment:
    """The rows of one recognised table inside a Table block."""

    block: int
    rows: list[list[Cell]]
    title: str = ""
    loc: Location = field(default_factory=Location)


def segments(table: Table, block: int) -> list[Segment]:
    """Split a Table into the 绩效自评表 it holds. The text layout runs consecutive tables
    together: a new one starts at a title row ("部门预算项目支出绩效自评表（2023年度）") or at
    a second 项目名称 row."""
    out: list[Segment] = []
    cur: Segment | None = None
    named = False
    for row in table.rows:
        if not row:
            continue
        start_title = is_title_row(row)
        start_name = is_name_row(row) and named
        if cur is None or start_title or start_name:
            cur = Segment(block, [], loc=row[0].text.loc)
            out.append(cur)
            named = False
        if start_title:
            cur.title = " ".join(" ".join(text_of(c) for c in row if text_of(c)).split())
        if is_name_row(row):
            named = True
        cur.rows.append(row)
    return out


# --------------------------------------------------------------------------- values


_VALUE = lazy_pattern(
    r"^(?P<op>[≥≤<>=])?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>.*?)\s*$"
)
OPERATORS = {"=": "=", "≥": "≥", "≤": "≤", ">": ">", "<": "<", "定性": "定性"}


def operator_of(text: str) -> str:
    """ "＝" → "="; "≧" → "≥"; "定性" stays; anything else as written."""
    s = compact(text).strip("’‘'`")
    return OPERATORS.get(s, s)


def unit_key(unit: str) -> str:
    """A unit as compared: "㎡" is "平方米", "个工作日" is "工作日"; a unit cell that holds a
    figure ("100%") names its unit ("%")."""
    s = compact(unit)
    m = re.fullmatch(r"\d+(?:\.\d+)?(%|‰)", s)
    if m:
        s = m.group(1)
    syn = {
        compact(str(k)): compact(str(v)) for k, v in (words().get("unit_synonyms") or {}).items()
    }
    return syn.get(s, s)


@dataclass
class Value:
    """A target or completion cell: "≥90%", "’＝32300平方米", "36000元/年", "优", "100"."""

    text: str
    op: str = ""
    quantity: Quantity | None = None
    unit: str = ""  # the unit written after the number ("" when none)


def parse_value(cell: Cell | None, block: int, label: str = "") -> Value | None:
    """What a target or completion cell says; None for an empty cell."""
    if cell is None:
        return None
    raw = text_of(cell)
    if not raw or raw in ("/", "—", "-", "无"):
        return None if not raw else Value(raw)
    s = norm(raw).strip().lstrip("’‘'`").strip()
    m = _VALUE.match(s)
    if not m:
        return Value(raw)
    op = m.group("op") or ""
    unit = compact(m.group("unit"))
    for word, bound in (words().get("value_bounds") or {}).items():
        if unit.endswith(str(word)):
            unit = unit[: -len(str(word))]
            op = op or str(bound)
    if unit and not re.fullmatch(r"[^\d,.;:，。；]{1,8}", unit):
        return Value(raw)  # a number inside words: "20个镇（街道）共计122.6万元"
    num = m.group("num")
    offset = raw.find(num.split(",")[0][:1]) if num else 0
    q = Quantity(
        value=Decimal(num.replace(",", "")),
        decimals=len(num.split(".")[1]) if "." in num else 0,
        unit=unit,
        text=raw,
        label=label,
        loc=cell.text.loc_at(max(offset, 0)),
        block=block,
        start=max(offset, 0),
        end=len(raw),
        src=id(cell.text),
    )
    return Value(raw, op, q, unit)


def with_unit(q: Quantity | None, unit: str) -> Quantity | None:
    """A figure read in the unit its column or header gives ("19.00" under 万元)."""
    if q is None or q.unit or not unit:
        return q
    return replace(q, unit=unit, unit_inferred=True)


def cell_number(cell: Cell | None, block: int, label: str = "", unit: str = "") -> Quantity | None:
    """A cell that holds just a number, read in `unit` when it has none of its own."""
    if cell is None:
        return None
    q = parse_cell_number(cell.text, block, label)
    return with_unit(q, unit)
