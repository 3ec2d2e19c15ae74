"""The standard tables (附表) of a 部门决算: recognise them, read their rows, and state the
relations they must satisfy.

A table is recognised by its title: `Table.title` (an .xlsx sheet), the paragraphs just
before it (a PDF page, a .docx or .txt), or a first row that is only a title. Which title
is which table is data (rules/vocab/tables.yaml).

Reading a table: the header is the rows before the first row with a figure, a code, a
numbered label or a 合计/总计 label; each column's name is its header path ("本年支出/小计").
The body splits into panels (the 总表 has a 收入 half and a 支出 half, the 基本支出表 two
halves of economic classes): a panel is a label column, the code columns just left of it
and the value columns after it. Code columns (功能分类 201/20106/2010601 — split over 类款项
columns or not — and economic 301/30101) are read as codes and nothing else: a code can
never become an amount. An empty cell in the grid is zero; a merged cell is no cell.

Facts:

* `fin_table`: one per standard table, found or — when a disclosure has some of its 附表 —
  missing;
* `fin_sum`: a total and its parts (合计行, 类 = Σ 款, 行内各列, 人员经费 = 301 + 303, "三公",
  a table total = the sum of another table's figures);
* `fin_same`: one figure stated twice (收入总计 = 支出总计, two tables, the 情况说明 prose).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from typing import Any

from govaudit.extract.context import ExtractContext, TableView
from govaudit.extract.normalize import norm
from govaudit.extract.quantities import make_quantity, parse_cell_number
from govaudit.model import (
    Block,
    Cell,
    Fact,
    Location,
    Paragraph,
    Quantity,
    Table,
)
from govaudit.resources import vocab

KINDS: dict[str, dict[str, str]] = {}
KINDS["fin_table"] = {
    "name": "标准附表名称（如「收入支出决算总表」）",
    "title": "表格标题原文（未找到时为空）",
    "found": "是否找到该表",
    "rows": "识别出的数据行数",
    "columns": "识别出的数值列（表头路径）",
}
KINDS["fin_sum"] = {
    "total": "合计数",
    "parts": "各分项（列表）",
    "relation": "关系种类：rows / code / columns / econ / sangong / cross",
    "what": "合计数是什么（表名、行、列）",
    "parts_name": "分项是什么（如「其下各款」）",
    "table": "所在表名",
}
KINDS["fin_same"] = {
    "first": "第一处的数字",
    "other": "应相同的另一处数字",
    "name": "数字的名称",
    "first_where": "第一处在哪里（如「正文」「收入支出决算总表」）",
    "other_where": "另一处在哪里",
    "relation": "关系种类：balance / cross / prose",
}

# --------------------------------------------------------------------------- words

_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』〝〞")
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.]|[(][一二三四五六七八九十\d]+[)]|\d{1,2}\s*[、.](?!\d))\s*"
)
_SUB = re.compile(r"^其中\s*[:,]?\s*")
_LEAD_CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)\s*(?=\D)")
_CODE_ONLY = re.compile(r"^\d{2,7}$")
_AMOUNT = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+\.\d+$|^-?\d+$")
_NIL = {"-", "—", "--", "——", "/", "－", "／", "—-"}
_TOTAL_WORDS = {"合计", "总计", "本年收入合计", "本年支出合计", "人员经费合计", "公用经费合计"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE_NOISE = re.compile(
    r"^(?:附表\s*[\d\-—.]*|表\s*[\d\-—.]+|[一二三四五六七八九十]+\s*[、.]|\d{1,2}\s*[、.]|[A-Z]\d{2}\s*)"
)
_TITLE_TAIL = re.compile(r"[(][^()]{0,12}表[)]$|[(]\d{4}年度?[)]$")
_YEAR = re.compile(r"(20\d\d|19\d\d)年")


def key(s: str) -> str:
    """Compare names without spaces, quotes or bracket width."""
    return "".join(norm(s).translate(_QUOTES).split())


@dataclass(frozen=True)
class StdTable:
    key: str
    name: str
    aliases: tuple[str, ...]


@cache
def _vocab() -> dict[str, Any]:
    return vocab("tables")


@cache
def standard_tables() -> tuple[StdTable, ...]:
    return tuple(
        StdTable(str(t["key"]), str(t["name"]), tuple(key(a) for a in t.get("aliases", [])))
        for t in _vocab().get("tables", [])
    )


def match_title(text: str) -> StdTable | None:
    """The standard table a title names: the longest alias the cleaned title ends with."""
    t = key(text)
    if not t or len(t) > 60:
        return None
    t = _TITLE_TAIL.sub("", _TITLE_NOISE.sub("", t))
    best: tuple[int, StdTable] | None = None
    for std in standard_tables():
        for a in std.aliases:
            if t.endswith(a) and (best is None or len(a) > best[0]):
                best = (len(a), std)
    return best[1] if best else None


# --------------------------------------------------------------------------- reading


@dataclass
class FRow:
    index: int
    code: str | None
    label: str  # compared form, numbering taken off
    printed: str  # as printed
    enum: bool
    sub: bool
    values: dict[int, Quantity | None] = field(default_factory=dict)


@dataclass
class Panel:
    label_col: int
    code_cols: list[int]
    value_cols: list[int]
    side: str
    names: dict[int, str]
    rows: list[FRow] = field(default_factory=list)

    def col(self, name: str) -> int | None:
        want = key(name)
        for c in self.value_cols:
            if col_matches(self.names.get(c, ""), want):
                return c
        return None

    def row(self, label: str) -> FRow | None:
        want = key(label)
        for r in self.rows:
            if r.label == want and r.code is None:
                return r
        for r in self.rows:
            if r.label == want:
                return r
        return None


def col_matches(path: str, want: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == want or (len(want) >= 4 and last.endswith(want)) or path == want


@dataclass
class FinTable:
    std: StdTable
    title: str
    view: TableView
    unit: str
    panels: list[Panel]
    header: list[list[str]]
    names: dict[int, str]
    start: int

    @property
    def loc(self) -> Location:
        return self.view.table.loc

    @property
    def table(self) -> Table:
        return self.view.table

    def data_rows(self) -> int:
        return sum(
            1
            for row in self.table.rows[self.start :]
            if any(c.text.text.strip() and not c.merged for c in row)
        )

    def panel(self, side: str | None = None) -> Panel | None:
        for p in self.panels:
            if not side or p.side == side:
                return p
        return None

    def value(self, side: str | None, row: str, col: str | None) -> Quantity | None:
        for p in self.panels:
            if side and p.side != side:
                continue
            r = p.row(row)
            if r is None:
                continue
            c = p.col(col) if col else (p.value_cols[0] if p.value_cols else None)
            if c is None:
                continue
            return r.values.get(c)
        return None


def _cell_text(row: list[Cell], c: int) -> str:
    return row[c].text.text.strip() if c < len(row) else ""


def _resolved(table: Table) -> list[list[str]]:
    """Each cell's text with merged cells filled from the cell they continue (to the left
    for a horizontal span, from above for a vertical one): for header paths."""
    out: list[list[str]] = []
    for r, row in enumerate(table.rows):
        res: list[str] = []
        cover = 0
        last = ""
        for c, cell in enumerate(row):
            t = key(cell.text.text)
            if not cell.merged:
                res.append(t)
                cover, last = cell.span - 1, t
            elif cover > 0:
                res.append(last)
                cover -= 1
            else:
                above = out[r - 1][c] if r > 0 and c < len(out[r - 1]) else ""
                res.append(t or above)
                cover, last = cell.span - 1, (t or above)
        out.append(res)
    return out


def _data_start(table: Table) -> int:
    """The first body row: one with a figure or a code, or whose first cell is a numbered
    label, or a 合计 row of an empty table (a header that names 本年支出合计 as a column
    has other headings beside it)."""
    for r, row in enumerate(table.rows):
        texts = [norm(c.text.text.strip()) for c in row if not c.merged and c.text.text.strip()]
        if not texts:
            continue
        if key(texts[0]) in _COUNTERS:
            continue  # the 栏次 row: 1, 2, 3 … under the headings
        if any(_AMOUNT.match(t) or _LEAD_CODE.match(t) for t in texts):
            return r
        if _ENUM.match(texts[0]):
            return r
        if key(texts[0]) in _TOTAL_WORDS and all(
            key(t) in _TOTAL_WORDS or _ENUM.match(t) for t in texts[1:]
        ):
            return r
    return len(table.rows)


def _unit(ctx: ExtractContext, view: TableView) -> str:
    words = _vocab().get("units", {})
    texts = [_cell_text(row, c) for row in view.table.rows[:2] for c in range(len(row))]
    texts += [p.text.text for p in _paragraphs_before(ctx, view.index, 4)]
    if view.table.title:
        texts.append(view.table.title)
    for t in texts:
        k = key(t)
        for unit in ("万元", "元"):
            if any(key(w) in k for w in words.get(unit, [])):
                return unit
    return "万元"


def _paragraphs_before(ctx: ExtractContext, index: int, n: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    blocks: list[Block] = ctx.doc.blocks
    i = index - 1
    while i >= 0 and len(out) < n:
        b = blocks[i]
        if isinstance(b, Table):
            break
        out.append(b)
        i -= 1
    return out


def _title(ctx: ExtractContext, view: TableView) -> tuple[StdTable, str] | None:
    t = view.table
    if t.title:
        std = match_title(t.title)
        if std:
            return std, t.title
    for p in _paragraphs_before(ctx, view.index, 3):
        std = match_title(p.text.text)
        if std:
            return std, p.text.text.strip()
    for row in t.rows[:2]:
        texts = [c.text.text.strip() for c in row if not c.merged and c.text.text.strip()]
        if len(texts) == 1:
            std = match_title(texts[0])
            if std:
                return std, texts[0]
    return None


_LABEL_HEADS = ("项目", "科目名称", "名称", "项目名称", "科目")
_CODE_HEADS = ("类", "款", "项")
# row and column numbers of the reporting software's layout (行次 1, 2, 3 …; 栏次): never figures
_COUNTERS = ("行次", "栏次", "序号", "编号")


def _role(texts: list[str], head: str = "") -> str:
    """code / label / value, from a column's body cells and its header."""
    last = head.rsplit("/", 1)[-1]
    if last in _COUNTERS:
        return "skip"
    has_amount = any(_AMOUNT.match(t) and not _CODE_ONLY.match(t) for t in texts)
    if not has_amount and ("编码" in last or last in _CODE_HEADS):
        return "code"
    if not has_amount and (last in _LABEL_HEADS or last.endswith("名称")):
        return "label"
    n_code = n_num = n_text = 0
    for t in texts:
        if _CODE_ONLY.match(t):
            n_code += 1
        elif _AMOUNT.match(t):
            n_num += 1
        elif _CJK.search(t):
            n_text += 1
    if n_code and not n_num and n_code >= n_text:
        return "code"
    if n_text and n_text >= n_code + n_num:
        return "label"
    return "value"


def read_table(ctx: ExtractContext, view: TableView, std: StdTable, title: str) -> FinTable:
    table = view.table
    start = _data_start(table)
    header = _resolved(table)
    ncols = max((len(r) for r in table.rows), default=0)
    names: dict[int, str] = {}
    counters = {r for r in range(start) if any(t in _COUNTERS for t in header[r][:1])}
    for c in range(ncols):
        parts: list[str] = []
        for r in range(start):
            if r in counters:
                continue
            t = header[r][c] if c < len(header[r]) else ""
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        names[c] = "/".join(parts)
    body = table.rows[start:]
    roles = []
    for c in range(ncols):
        texts = [
            norm(row[c].text.text.strip())
            for row in body
            if c < len(row) and not row[c].merged and row[c].text.text.strip()
        ]
        roles.append(_role(texts, names.get(c, "")))
    unit = _unit(ctx, view)
    labels = [c for c in range(ncols) if roles[c] == "label"]
    code_cols: dict[int, list[int]] = {}
    prev = -1
    for lc in labels:
        cols: list[int] = []
        c = lc - 1
        while c > prev and roles[c] == "code":
            cols.insert(0, c)
            c -= 1
        code_cols[lc] = cols
        prev = lc
    panels: list[Panel] = []
    for i, lc in enumerate(labels):
        if i + 1 < len(labels):
            nxt = labels[i + 1]
            end = code_cols[nxt][0] if code_cols[nxt] else nxt
        else:
            end = ncols
        values = [c for c in range(lc + 1, end) if roles[c] not in ("label", "skip")]
        segments = names.get(lc, "").split("/")
        side = "收入" if "收入" in segments else "支出" if "支出" in segments else ""
        panel = Panel(lc, code_cols[lc], values, side, names)
        panel.rows = _rows(view, start, panel, unit)
        if not panel.side:
            # a header without 收入/支出: the half with 本年收入合计 is the income side
            labels_here = {r.label for r in panel.rows}
            if "本年收入合计" in labels_here:
                panel.side = "收入"
            elif "本年支出合计" in labels_here:
                panel.side = "支出"
        panels.append(panel)
    return FinTable(std, title, view, unit, panels, header, names, start)


def _rows(view: TableView, start: int, panel: Panel, unit: str) -> list[FRow]:
    out: list[FRow] = []
    for r in range(start, len(view.table.rows)):
        row = view.table.rows[r]
        printed = ""
        if panel.label_col < len(row) and not row[panel.label_col].merged:
            printed = row[panel.label_col].text.text.strip()
        code_parts = []
        for c in panel.code_cols:
            t = _cell_text(row, c)
            if t and c < len(row) and not row[c].merged:
                if _CODE_ONLY.match(t):
                    code_parts.append(t)
                elif not printed and _CJK.search(t):
                    printed = t  # 合计 spanning the code columns
        code = "".join(code_parts) or None
        text = norm(printed)
        m = _LEAD_CODE.match(text)
        if m and code is None:
            code = m.group(1)
            text = text[m.end() :]
        if code is not None and len(code) not in (3, 5, 7):
            code = None
        enum = bool(_ENUM.match(text))
        text = _ENUM.sub("", text)
        sub = bool(_SUB.match(text))
        text = _SUB.sub("", text)
        label = key(text)
        if label in _COUNTERS:
            continue
        values: dict[int, Quantity | None] = {}
        for c in panel.value_cols:
            values[c] = _quantity(row, c, unit, label or printed, view.index)
        if not label and code is None:
            continue
        shown = re.sub(r"\s+", "", printed)
        out.append(FRow(r, code, label, shown, enum, sub, values))
    return out


# A value cell whose text is not a figure ("2,940.05*", "XX"): the relations it is part of
# cannot be verified, so they are not stated at all (never summed as if it were 0).
UNREADABLE = make_quantity(Decimal(0), 0, "?", label="（无法识别）", text="?")


def _quantity(row: list[Cell], c: int, unit: str, label: str, block: int) -> Quantity | None:
    """The figure in a value cell: an empty cell of the grid is 0, a merged one is none."""
    if c >= len(row):
        return None
    cell = row[c]
    if cell.merged:
        return None
    t = cell.text.text.strip()
    if not t or t in _NIL:
        return make_quantity(
            Decimal(0), 2, unit, label=label, text="", loc=cell.text.loc, block=block
        )
    q = parse_cell_number(cell.text, block, label)
    if q is None or q.unit not in ("", unit):
        return UNREADABLE
    return replace(q, unit=unit)


# --------------------------------------------------------------------------- facts


def extract(ctx: ExtractContext) -> list[Fact]:
    found: dict[str, FinTable] = {}
    tables: list[FinTable] = []
    for view in ctx.tables:
        hit = _title(ctx, view)
        if hit is None:
            continue
        std, title = hit
        ft = read_table(ctx, view, std, title)
        tables.append(ft)
        found.setdefault(std.key, ft)
    if not tables:
        return []
    facts: list[Fact] = []
    facts.extend(_presence(ctx, found))
    for ft in tables:
        facts.extend(_code_sums(ft))
        facts.extend(_total_row(ft))
        facts.extend(_column_sums(ft))
        if ft.std.key in _vocab().get("summary_tables", []):
            facts.extend(_summary(ft))
        if ft.std.key == "jiben":
            facts.extend(_econ(ft))
        if ft.std.key == "sangong":
            facts.extend(_sangong(ft))
    facts.extend(_cross(found))
    facts.extend(_prose(ctx, found))
    return facts


def _presence(ctx: ExtractContext, found: dict[str, FinTable]) -> list[Fact]:
    """One fact per standard table; the missing ones only when the disclosure publishes at
    least two of its 附表 (a document without 附表 is not asked for them)."""
    out: list[Fact] = []
    first = min(found.values(), key=lambda f: f.view.index)
    expect_all = len(found) >= 2
    for std in standard_tables():
        ft = found.get(std.key)
        if ft is None and not expect_all:
            continue
        if ft is not None:
            cols = sorted({p.names.get(c, "") for p in ft.panels for c in p.value_cols} - {""})
            fields = {
                "name": std.name,
                "title": ft.title,
                "found": True,
                "rows": ft.data_rows(),
                "columns": cols,
            }
            loc = ft.loc
            block = ft.view.index
            excerpt = ft.title
        else:
            fields = {"name": std.name, "title": "", "found": False, "rows": 0, "columns": []}
            loc, block = _mention(ctx, std) or (first.loc, first.view.index)
            excerpt = f"未找到「{std.name}」"
        out.append(Fact("fin_table", loc, block, fields, excerpt=excerpt))
    return out


def _mention(ctx: ExtractContext, std: StdTable) -> tuple[Location, int] | None:
    """Where the document names a table it does not contain (its table of contents)."""
    for p in ctx.prose:
        if not p.in_table and len(p.text.text) < 60 and match_title(p.text.text) == std:
            return p.text.loc, p.index
    return None


def _relabel(q: Quantity | None, label: str) -> Quantity | None:
    if q is None or q is UNREADABLE:
        return q
    return replace(q, label=label)


def _zero(q: Quantity | None) -> bool:
    return q is None or q.value == 0


def _sum_fact(
    ft: FinTable,
    total: Quantity | None,
    parts: list[Quantity | None],
    relation: str,
    what: str,
    parts_name: str,
) -> Fact | None:
    ps = [p for p in parts if p is not None]
    if total is None or not ps or total is UNREADABLE or any(p is UNREADABLE for p in ps):
        return None
    if _zero(total) and all(_zero(p) for p in ps):
        return None
    # zero parts add nothing: leave them out of the message ("+ 经营支出 0.00 + …")
    ps = [p for p in ps if not _zero(p)] or ps[:1]
    fields = {
        "total": total,
        "parts": ps,
        "relation": relation,
        "what": what,
        "parts_name": parts_name,
        "table": ft.std.name,
    }
    excerpt = f"{ft.std.name}：{what} {total.text or '0'}"
    return Fact("fin_sum", total.loc, ft.view.index, fields, ft.view.section, excerpt, total)


def _row_sums(
    ft: FinTable, panel: Panel, total: FRow, parts: list[FRow], what: str, parts_name: str
) -> list[Fact]:
    """Row `total` = Σ rows `parts`, in every value column of the panel."""
    facts = (
        _sum_fact(
            ft,
            total.values.get(c),
            [_relabel(p.values.get(c), p.printed) for p in parts],
            "rows",
            f"{what}{_col_label(ft, c)}",
            parts_name,
        )
        for c in panel.value_cols
    )
    return [f for f in facts if f]


def _col_label(ft: FinTable, c: int) -> str:
    name = ft.names.get(c, "")
    return name.rsplit("/", 1)[-1] if name else f"第{c + 1}列"


def _row_name(r: FRow) -> str:
    return f"{r.code} {r.printed}".strip() if r.code else r.printed


_LEVEL = {3: "类", 5: "款", 7: "项"}


def _code_sums(ft: FinTable) -> list[Fact]:
    """类 = Σ 款, 款 = Σ 项 (功能分类) and 301 = Σ 301xx (经济分类), column by column."""
    out: list[Fact] = []
    coded = [(p, r) for p in ft.panels for r in p.rows if r.code]
    for panel, row in coded:
        assert row.code is not None
        n = len(row.code)
        if n >= 7:
            continue
        children = [
            (p, r)
            for p, r in coded
            if r.code and len(r.code) == n + 2 and r.code.startswith(row.code)
        ]
        if not children:
            continue
        level = _LEVEL.get(n + 2, "级") if row.code[0] == "2" else "款"
        for c in panel.value_cols:
            col = _col_label(ft, c)
            parts = []
            for p, r in children:
                cc = p.col(ft.names.get(c, "")) if p is not panel else c
                parts.append(_relabel(r.values.get(cc) if cc is not None else None, r.printed))
            fact = _sum_fact(
                ft,
                row.values.get(c),
                parts,
                "code",
                f"「{_row_name(row)}」{col}",
                f"其下各{level}",
            )
            if fact:
                out.append(fact)
    return out


def _total_row(ft: FinTable) -> list[Fact]:
    """The 合计 row of a coded table = the sum of its 类 rows."""
    out: list[Fact] = []
    for panel in ft.panels:
        if not panel.code_cols and not any(r.code for r in panel.rows):
            continue
        total = next(
            (r for r in panel.rows if r.code is None and r.label in ("合计", "总计")), None
        )
        top = [r for r in panel.rows if r.code and len(r.code) == 3]
        if total is None or not top:
            continue
        out += _row_sums(ft, panel, total, top, f"「{total.printed}」行", "各类之和")
    return out


def _column_sums(ft: FinTable) -> list[Fact]:
    out: list[Fact] = []
    for spec in _vocab().get("column_sums", {}).get(ft.std.key, []):
        for panel in ft.panels:
            tc = panel.col(spec["total"])
            if tc is None:
                continue
            pcs = [c for c in (panel.col(p) for p in spec["parts"]) if c is not None and c != tc]
            if not pcs:
                continue
            for row in panel.rows:
                parts = [_relabel(row.values.get(c), _col_label(ft, c)) for c in pcs]
                fact = _sum_fact(
                    ft,
                    row.values.get(tc),
                    parts,
                    "columns",
                    f"「{_row_name(row)}」行{_col_label(ft, tc)}",
                    "同行各列之和",
                )
                if fact:
                    out.append(fact)
    return out


_THIS_YEAR_TOTAL = re.compile(r"^本年.*合计$")


def _summary(ft: FinTable) -> list[Fact]:
    """总表 and 财政拨款总表: 本年合计 = Σ numbered rows; 总计 = 本年合计 + the rows between;
    an unnumbered row over numbered ones = their sum; 收入总计 = 支出总计."""
    out: list[Fact] = []
    totals: dict[str, tuple[Panel, FRow]] = {}
    for panel in ft.panels:
        rows = panel.rows
        i1 = next((i for i, r in enumerate(rows) if _THIS_YEAR_TOTAL.match(r.label)), None)
        if i1 is None:
            continue
        i2 = next((i for i in range(i1 + 1, len(rows)) if rows[i].label.endswith("总计")), None)
        items = [r for r in rows[:i1] if r.enum and not r.sub]
        groups: list[tuple[FRow, list[FRow], str, str]] = []
        if items:
            groups.append((rows[i1], items, f"「{rows[i1].printed}」", "上方各项之和"))
        if i2 is not None:
            between = rows[i1 + 1 : i2]
            plain = [r for r in between if not r.enum and not r.sub]
            groups.append(
                (rows[i2], [rows[i1], *plain], f"「{rows[i2].printed}」", "本年合计与结转结余之和")
            )
            for j, r in enumerate(between):
                if r.enum or r.sub:
                    continue
                subs: list[FRow] = []
                for s in between[j + 1 :]:
                    if not s.enum:
                        break
                    subs.append(s)
                if subs:
                    groups.append((r, subs, f"「{r.printed}」", "其下各项之和"))
            totals[panel.side] = (panel, rows[i2])
        for total, parts, what, pname in groups:
            out += _row_sums(ft, panel, total, parts, what, pname)
    if "收入" in totals and "支出" in totals:
        (pi, ri), (pe, re_) = totals["收入"], totals["支出"]
        ci = pi.value_cols[0] if pi.value_cols else None
        ce = pe.col("合计") or pe.col("决算数") or (pe.value_cols[0] if pe.value_cols else None)
        if ci is not None and ce is not None:
            fact = _same_fact(
                ri.values.get(ci),
                re_.values.get(ce),
                "收入总计与支出总计",
                f"{ft.std.name}收入方",
                f"{ft.std.name}支出方",
                "balance",
                ft.view,
            )
            if fact:
                out.append(fact)
    return out


def _same_fact(
    first: Quantity | None,
    other: Quantity | None,
    name: str,
    first_where: str,
    other_where: str,
    relation: str,
    view: TableView | None,
    block: int | None = None,
    section: tuple[str, ...] = (),
    excerpt: str = "",
) -> Fact | None:
    if first is None or other is None or first is UNREADABLE or other is UNREADABLE:
        return None
    if _zero(first) and _zero(other):
        return None
    fields = {
        "first": first,
        "other": other,
        "name": name,
        "first_where": first_where,
        "other_where": other_where,
        "relation": relation,
    }
    b = block if block is not None else (view.index if view else first.block)
    sec = section or (view.section if view else ())
    text = (
        excerpt or f"{name}：{first_where} {first.text or '0'}，{other_where} {other.text or '0'}"
    )
    return Fact("fin_same", first.loc, b, fields, sec, text, first)


def _econ(ft: FinTable) -> list[Fact]:
    """人员经费 = 301 + 303; 公用经费 = the other economic classes shown (302, 310, …)."""
    v = _vocab()
    staff_codes = set(v.get("staff_codes", []))
    out: list[Fact] = []
    classes = [(p, r) for p in ft.panels for r in p.rows if r.code and len(r.code) == 3]

    def value(p: Panel, r: FRow) -> Quantity | None:
        return r.values.get(p.value_cols[0]) if p.value_cols else None

    for labels, pick, name in (
        (v.get("staff_labels", []), lambda code: code in staff_codes, "人员经费"),
        (v.get("office_labels", []), lambda code: code not in staff_codes, "公用经费"),
    ):
        total = None
        for p in ft.panels:
            for want in labels:
                r = p.row(want)
                if r is not None and r.code is None:
                    total = value(p, r)
                    break
            if total is not None:
                break
        parts = [_relabel(value(p, r), _row_name(r)) for p, r in classes if pick(r.code or "")]
        fact = _sum_fact(ft, total, parts, "econ", f"「{name}合计」", "对应经济分类各类之和")
        if fact:
            out.append(fact)
    return out


# --------------------------------------------------------------------------- "三公"

_SANGONG_NAMES = {
    "合计": "“三公”经费合计",
    "因公出国": "因公出国（境）费",
    "公务用车": "公务用车购置及运行维护费",
    "购置": "公务用车购置费",
    "运行": "公务用车运行维护费",
    "接待": "公务接待费",
}


def _sangong_item(words: list[str]) -> str | None:
    """Which "三公" figure a header path or a row label names."""
    for w in reversed(words):
        if not w:
            continue
        if "因公出国" in w:
            return "因公出国"
        if "接待" in w:
            return "接待"
        if w == "小计" or "购置及运行" in w:
            return "公务用车"
        if "购置" in w and "运行" not in w:
            return "购置"
        if "运行" in w and "购置" not in w:
            return "运行"
        if w.endswith("合计") or w.endswith("三公经费") or w == "总计":
            return "合计"
    return None


def _kind_of(words: list[str]) -> str | None:
    for w in reversed(words):
        if "预算" in w:
            return "预算数"
        if "决算" in w or "实际" in w:
            return "决算数"
    return None


def sangong_figures(ft: FinTable) -> dict[tuple[str, str], Quantity | None]:
    """{(item, 预算数|决算数): figure}, from a table with one column per figure (the usual
    layout) or one row per figure."""
    out: dict[tuple[str, str], Quantity | None] = {}
    table = ft.table
    if ft.panels and any(p.rows for p in ft.panels):
        for p in ft.panels:
            for r in p.rows:
                item = _sangong_item([r.label])
                if item is None:
                    continue
                for c in p.value_cols:
                    kind = _kind_of(ft.names.get(c, "").split("/"))
                    if kind and (item, kind) not in out:
                        out[(item, kind)] = _relabel(r.values.get(c), _SANGONG_NAMES[item])
        return out
    for r in range(ft.start, len(table.rows)):
        row = table.rows[r]
        if not any(c.text.text.strip() for c in row):
            continue
        for c in range(len(row)):
            words = ft.names.get(c, "").split("/")
            item, kind = _sangong_item(words), _kind_of(words)
            if item and kind and (item, kind) not in out:
                out[(item, kind)] = _quantity(row, c, ft.unit, _SANGONG_NAMES[item], ft.view.index)
        break
    return out


def _sangong(ft: FinTable) -> list[Fact]:
    figs = sangong_figures(ft)
    out: list[Fact] = []
    for kind in ("预算数", "决算数"):
        for total, parts, pname in (
            ("合计", ("因公出国", "公务用车", "接待"), "三项之和"),
            ("公务用车", ("购置", "运行"), "购置费与运行维护费之和"),
        ):
            fact = _sum_fact(
                ft,
                figs.get((total, kind)),
                [figs.get((p, kind)) for p in parts],
                "sangong",
                f"{_SANGONG_NAMES[total]}{kind}",
                pname,
            )
            if fact:
                out.append(fact)
    return out


# --------------------------------------------------------------------------- across tables


def lookup(
    found: dict[str, FinTable], ref: dict[str, Any]
) -> tuple[Quantity | None, FinTable | None]:
    ft = found.get(str(ref.get("table")))
    if ft is None:
        return None, None
    if "item" in ref:
        figs = sangong_figures(ft)
        return figs.get((str(ref["item"]), str(ref.get("kind", "决算数")))), ft
    q = ft.value(ref.get("side"), str(ref["row"]), ref.get("col"))
    return q, ft


def _where(ft: FinTable | None) -> str:
    if ft is None:
        return ""
    return ft.std.name


def _cross(found: dict[str, FinTable]) -> list[Fact]:
    v = _vocab()
    out: list[Fact] = []
    for spec in v.get("cross", []):
        a, fa = lookup(found, spec["a"])
        b, fb = lookup(found, spec["b"])
        if fa is None or fb is None:
            continue
        fact = _same_fact(
            _relabel(b, spec["name"]),
            _relabel(a, spec["name"]),
            spec["name"],
            _where(fb),
            _where(fa),
            "cross",
            fb.view,
        )
        if fact:
            out.append(fact)
    for spec in v.get("cross_classes", []):
        fa, fb = found.get(spec["a"]["table"]), found.get(spec["b"]["table"])
        if fa is None or fb is None:
            continue
        pa = fa.panel(spec["a"].get("side"))
        if pa is None:
            continue
        ca = pa.col(spec["a"]["col"])
        for pb in fb.panels:
            cb = pb.col(spec["b"]["col"])
            if ca is None or cb is None:
                continue
            for rb in pb.rows:
                if not rb.code or len(rb.code) != 3:
                    continue
                ra = pa.row(rb.label)
                if ra is None:
                    continue
                fact = _same_fact(
                    _relabel(rb.values.get(cb), rb.printed),
                    _relabel(ra.values.get(ca), rb.printed),
                    f"{rb.printed}（{rb.code}）",
                    fb.std.name,
                    fa.std.name,
                    "cross",
                    fb.view,
                )
                if fact:
                    out.append(fact)
    spec = v.get("cross_basic")
    jiben = found.get("jiben")
    if spec and jiben is not None:
        total, ft = lookup(found, spec["total"])
        parts = []
        for labels in (v.get("staff_labels", []), v.get("office_labels", [])):
            q = None
            for p in jiben.panels:
                for want in labels:
                    r = p.row(want)
                    if r is not None and p.value_cols:
                        q = _relabel(r.values.get(p.value_cols[0]), r.printed)
                        break
                if q is not None:
                    break
            parts.append(q)
        if ft is not None and all(p is not None for p in parts):
            fact = _sum_fact(
                ft,
                total,
                parts,
                "cross",
                f"「合计」行基本支出（{spec['name']}）",
                f"{jiben.std.name}人员经费合计与公用经费合计之和",
            )
            if fact:
                out.append(fact)
    return out


# --------------------------------------------------------------------------- prose


@dataclass(frozen=True)
class ProseConcept:
    names: tuple[str, ...]
    refs: tuple[dict[str, Any], ...]
    section: str
    all_funds: bool = False


@cache
def _prose_concepts() -> tuple[tuple[str, ProseConcept], ...]:
    pairs: list[tuple[str, ProseConcept]] = []
    for spec in _vocab().get("prose", []):
        c = ProseConcept(
            tuple(key(n) for n in spec["names"]),
            tuple(spec.get("refs", [])),
            key(spec.get("section", "")),
            bool(spec.get("all_funds", False)),
        )
        pairs.extend((n, c) for n in c.names)
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _qualifiers() -> tuple[tuple[str, str], ...]:
    pairs = [
        (key(w), kind) for kind, ws in _vocab().get("prose_qualifiers", {}).items() for w in ws
    ]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _narrow_sections() -> tuple[str, ...]:
    return tuple(str(w) for w in _vocab().get("narrow_sections", []))


_YEAR_PREFIX = re.compile(r"^.*?(?:19|20)\d\d\s*年度?")
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")
_CLASS = re.compile(r"^(.+?)[(]类[)]$")
_ITEM_PATH = re.compile(
    r"^(?:\d{1,2}\s*[、.])?\s*([^()]+?)[(]类[)]([^()]+?)[(]款[)]([^()]+?)[(]项[)]"
)


def _prose(ctx: ExtractContext, found: dict[str, FinTable]) -> list[Fact]:
    """Figures the 情况说明 states that a table shows too: the same value."""
    out: list[Fact] = []
    year = ctx.report_year
    class_section = key(_vocab().get("class_section", ""))
    class_ref = _vocab().get("class_table", {})
    item_words = {key(w) for w in _vocab().get("item_labels", [])}
    for p in ctx.prose:
        if p.in_table:
            continue
        # the headings that narrow a figure's scope; a 第X部分 heading names the whole report
        section = key("/".join(h for h in p.section if not _PART.match(key(h))))
        item_path = _ITEM_PATH.match(key(p.text.text))
        for q in p.quantities:
            if q.kind != "money" or q.approx:
                continue
            label = key(q.label)
            if not label:
                continue
            stated = None
            table_q: Quantity | None = None
            ft: FinTable | None = None
            name = ""
            # an item of 一般公共预算财政拨款支出: "1、X（类）Y（款）Z（项）。…支出决算为N万元"
            if item_path and label in item_words and class_section in section:
                table_q, ft, name = _item_row(found, class_ref, item_path.groups())
                stated = q
            m = _CLASS.match(label)
            if stated is None and m and class_section and class_section in section:
                table_q, ft, name = _class_row(found, class_ref, m.group(1))
                stated = q
            if stated is None:
                hit = _concept(label, section, year)
                if hit is None:
                    continue
                concept, kind = hit
                for ref in concept.refs:
                    r = dict(ref)
                    if "item" in r:
                        r["kind"] = kind
                    elif kind == "预算数":
                        break
                    table_q, ft = lookup(found, r)
                    if ft is not None:
                        break
                stated = q
                # "上海市普陀区财政局2024年度财政拨款收入支出总计" → "财政拨款收入支出总计"
                name = _YEAR_PREFIX.sub("", q.label) or q.label
            if ft is None or table_q is None or stated is None:
                continue
            fact = _same_fact(
                stated,
                _relabel(table_q, name),
                name,
                "正文",
                ft.std.name,
                "prose",
                None,
                block=p.index,
                section=p.section,
                excerpt=_sentence(p, q.start),
            )
            if fact:
                out.append(fact)
    return out


def _sentence(p: Any, offset: int) -> str:
    a, b = p.sentence_of(offset)
    return p.text.text[a:b].strip()[:160]


def _concept(label: str, section: str, year: int | None) -> tuple[ProseConcept, str] | None:
    kind = "决算数"
    base = label
    for w, k in _qualifiers():
        if base.endswith(w) and len(base) > len(w):
            stripped = base[: -len(w)]
            if any(stripped.endswith(n) for n, _ in _prose_concepts()):
                base, kind = stripped, k
                break
    for name, concept in _prose_concepts():
        if not base.endswith(name):
            continue
        rest = base[: -len(name)]
        if rest and not re.search(r"(年度|年)$", rest):
            return None
        ym = _YEAR.search(rest)
        if ym and year is not None and int(ym.group(1)) != year:
            return None
        if concept.section and concept.section not in section:
            return None
        if concept.all_funds and any(key(w) in section for w in _narrow_sections()):
            return None
        return concept, kind
    return None


def _class_row(
    found: dict[str, FinTable], ref: dict[str, Any], name: str
) -> tuple[Quantity | None, FinTable | None, str]:
    ft = found.get(str(ref.get("table")))
    if ft is None:
        return None, None, ""
    want = key(name)
    for p in ft.panels:
        c = p.col(str(ref.get("col")))
        for r in p.rows:
            if r.code and len(r.code) == 3 and r.label == want and c is not None:
                return r.values.get(c), ft, f"{r.printed}（类）"
    return None, None, ""


def _item_row(
    found: dict[str, FinTable], ref: dict[str, Any], names: tuple[str, ...]
) -> tuple[Quantity | None, FinTable | None, str]:
    ft = found.get(str(ref.get("table")))
    if ft is None:
        return None, None, ""
    want = [key(n) for n in names]
    for p in ft.panels:
        c = p.col(str(ref.get("col")))
        if c is None:
            continue
        by_code = {r.code: r for r in p.rows if r.code}
        for r in p.rows:
            if not r.code or len(r.code) != 7 or r.label != want[2]:
                continue
            kuan, lei = by_code.get(r.code[:5]), by_code.get(r.code[:3])
            if kuan is None or lei is None or kuan.label != want[1] or lei.label != want[0]:
                continue
            return r.values.get(c), ft, f"{r.printed}（项）"
    return None, None, ""
