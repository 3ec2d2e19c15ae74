"""The standard tables (附表) of a 部门决算 or 部门预算: recognise them, read their rows, give
every cell its key in the ledger, and state the relations their structure implies.

A table is recognised by its title: `Table.title` (an .xlsx sheet), the paragraphs just
before it (a PDF page, a .docx or .txt), or a first row that is only a title. Which title
is which table, and what each column holds, is the glossary's (rules/vocab/glossary.yaml).

Reading a table: the header is the rows before the first row with a figure, a code, a
numbered label or a 合计/总计 label; each column's name is its header path ("本年支出/小计").
The body splits into panels (the 总表 has a 收入 half and a 支出 half, the 基本支出表 two
halves of economic classes): a panel is a label column, the code columns just left of it
and the value columns after it. Code columns (功能分类 201/20106/2010601 — split over 类款项
columns or not — and economic 301/30101) are read as codes and nothing else: a code can
never become an amount. An empty cell in the grid is zero; a merged cell is no cell.

What comes out:

* ledger keys for every value cell: a named cell of the glossary ("收入支出决算总表 收入方
  本年收入合计"), a subject row (科目 208 支出, 一般公共预算) or a 合计 row (the column's
  concept). The same figure in another table or in the prose has the same key and is
  compared there (extract/ledger_facts.py) — no table pair is written here;
* `fin_table`: one per standard table, found or — when a disclosure has some of its 附表 —
  missing;
* `fin_sum`: a total and its parts the table's structure gives (the 合计 row = Σ 类, 类 =
  Σ 款 = Σ 项 by code, 本年合计 = Σ numbered rows, 总计 = 本年合计 + the rows after);
* `table_row`: every body row with its cells, for the column relations the rule packs
  declare (`cell("本年收入合计") == cell("财政拨款收入") + …`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from govaudit.extract.base.context import ExtractContext, TableView
from govaudit.extract.base.glossary import (
    ANY,
    CellRef,
    Concept,
    StdTable,
    Template,
    cells_in,
    class_code,
    col_matches,
    concept,
    key,
    match_title,
    role_in,
    standard_tables,
    units,
)
from govaudit.extract.base.ledger import TABLE, Key
from govaudit.extract.base.normalize import norm
from govaudit.extract.base.quantities import make_quantity, parse_cell_number
from govaudit.model import Block, Cell, Fact, Location, Paragraph, Quantity, Table

KINDS: dict[str, dict[str, str]] = {
    "fin_table": {
        "name": "标准附表名称（如「收入支出决算总表」）",
        "title": "表格标题原文（未找到时为空）",
        "found": "找到的表数（0：未找到）",
        "rows": "识别出的数据行数",
        "columns": "识别出的数值列（表头路径）",
        "kind": "表的种类：决算 / 预算",
        "figures": "表中非零数字的个数（0：空表）",
        "note": "紧跟表后的注（如「注：本部门2025年无政府性基金预算…故本表为空表。」，没有时为空）",
        "noted_empty": "表后的注说本表为空表（无此项预算）",
        "why": "为什么应有这张表（文件目录列出了它 / 所遵循的一套标准表）",
    },
    "fin_sum": {
        "total": "合计数",
        "parts": "各分项（列表）",
        "relation": "关系种类：rows（合计行、总表各行）/ code（按科目编码的类、款、项）",
        "what": "合计数是什么（表名、行、列）",
        "parts_name": "分项是什么（如「其下各款」）",
        "table": "所在表名",
    },
    "table_row": {
        "table": "所在表名（标准名称，如「收入决算表」）",
        "side": "总表的哪一方：收入 / 支出（其他表为空）",
        "row": "行名（如「合计」「一般公共服务支出」）",
        "code": "科目编码（没有时为 none）",
        "columns": "本行的数值列（表头路径）",
    },
}

# --------------------------------------------------------------------------- words

_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.]|[(][一二三四五六七八九十\d]+[)]|\d{1,2}\s*[、.](?!\d))\s*"
)
# the level of a row's number: 一、 (1) above （一） (2) above 1. / 1、 (3) above （1） (4) — the
# budget 总表 lists "一、财政拨款收入" with "1.一般公共预算资金 2.政府性基金 …" under it
_LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十]+\s*[、.]")),
    (2, re.compile(r"^[(][一二三四五六七八九十]+[)]")),
    (3, re.compile(r"^\d{1,2}\s*[、.](?!\d)")),
    (4, re.compile(r"^[(]\d{1,2}[)]")),
)
_SUB = re.compile(r"^其中\s*[:,]?\s*")
_LEAD_CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)\s*(?=\D)")
_CODE_ONLY = re.compile(r"^\d{2,7}$")
_AMOUNT = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+\.\d+$|^-?\d+$")
_NIL = {"-", "—", "--", "——", "/", "－", "／", "—-"}
_TOTAL_WORDS = {"合计", "总计", "本年收入合计", "本年支出合计", "人员经费合计", "公用经费合计"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


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
    level: int = 0  # the level of its number (_LEVELS), 0 when unnumbered
    group: str = ""  # layout groups: the group it belongs to (一般公共预算资金)
    subtotal: bool = False  # layout groups: the group's 小计 row (labelled by the group)
    total: bool = False  # layout groups: the table's total row (收入总计)
    depth: int = 0  # layout outline: the label column its label stands in (0 leftmost)


@dataclass
class Panel:
    label_col: int
    code_cols: list[int]
    value_cols: list[int]
    side: str
    names: dict[int, str]
    rows: list[FRow] = field(default_factory=list)
    group_col: int | None = None  # layout groups: the column naming each row's group
    outline: tuple[int, ...] = ()  # layout outline: the label columns, left to right

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
    words = units()
    texts = [_cell_text(row, c) for row in view.table.rows[:2] for c in range(len(row))]
    texts += [p.text.text for p in _paragraphs_before(ctx, view.index, 4)]
    if view.table.title:
        texts.append(view.table.title)
    for t in texts:
        k = key(t)
        for unit in ("万元", "元"):
            if any(w in k for w in words.get(unit, ())):
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


def doc_kind(ctx: ExtractContext) -> str | None:
    """决算 / 预算 when the document's identity says (its cover, or the configuration): the
    kind chooses which standard tables a title may name."""
    kind = ctx.info.kind
    return kind[-2:] if kind.endswith(("决算", "预算")) else None


def _title(ctx: ExtractContext, view: TableView) -> tuple[StdTable, str] | None:
    """The standard table a table is, by its title — among the set of tables the document
    follows (ctx.template). The title may stand a few lines over the table: "一、收支预算总表",
    then "部门：", the issuer and "单位：万元"."""
    t = view.table
    kind = doc_kind(ctx)
    template = ctx.template.name
    if t.title:
        std = match_title(t.title, kind, template)
        if std:
            return std, t.title
    before = _paragraphs_before(ctx, view.index, TITLE_LINES)
    for i, p in enumerate(before):
        std = match_title(p.text.text, kind, template)
        if std:
            return std, p.text.text.strip()
        if i + 1 < len(before):  # a title wrapped over two lines: "…培训费支出预算" + "表"
            joined = before[i + 1].text.text.strip() + p.text.text.strip()
            std = match_title(joined, kind, template)
            if std:
                return std, joined
    for row in t.rows[:2]:
        texts = [c.text.text.strip() for c in row if not c.merged and c.text.text.strip()]
        if len(texts) == 1:
            std = match_title(texts[0], kind, template)
            if std:
                return std, texts[0]
    return None


TITLE_LINES = 5  # the title, "部门：", the issuer, "单位：万元" may stand over a table


_LABEL_HEADS = ("项目", "科目名称", "名称", "项目名称", "科目")
_CODE_HEADS = ("类", "款", "项")
_SHORT_CODE = re.compile(r"^\d{1,7}$")
# row and column numbers of the reporting software's layout (行次 1, 2, 3 …; 栏次): never figures
_COUNTERS = ("行次", "栏次", "序号", "编号")


def _role(texts: list[str], head: str = "") -> str:
    """code / label / value, from a column's body cells and its header."""
    last = head.rsplit("/", 1)[-1]
    if last in _COUNTERS:
        return "skip"
    if (
        (last in _CODE_HEADS or "编码" in last)
        and texts
        and all(_SHORT_CODE.match(t) for t in texts)
    ):
        return "code"  # a 款 column may print "2" for 02 (万里街道 2024, 301 | 2 | 津贴补贴)
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
    whole = _whole_table_panel(std, labels, roles, names)
    if whole is not None:
        whole.rows = _rows(view, start, whole, unit)
        return FinTable(std, title, view, unit, [whole], header, names, start)
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
        side = _side(names.get(lc, ""))
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


def _whole_table_panel(
    std: StdTable, labels: list[int], roles: list[str], names: dict[int, str]
) -> Panel | None:
    """One panel for a table whose label columns are not side by side halves: a table of
    groups (a group column, then the items: 收入预算总表 by fund), an outline (each level of
    rows labelled in a column further right: 政府采购预算表), or a table with no label
    column at all (one row of totals: 支出预算总表 by use)."""
    values = [c for c in range(len(roles)) if roles[c] == "value"]
    if not values:
        return None
    if std.layout == "outline" and labels:
        return Panel(labels[0], [], values, "", names, outline=tuple(labels))
    if std.layout == "groups" and len(labels) >= 2:
        return Panel(labels[-1], [], [c for c in values if c > labels[-1]], "", names, labels[0])
    if std.layout == "columns" and not labels:
        return Panel(-1, [], values, "", names)
    return None


def _side(label_header: str) -> str:
    """收入 / 支出: the half of a summary table a label column heads ("收入/项目", and in a
    budget "本年收入/项目", "财政拨款支出/项目")."""
    segments = label_header.split("/")
    for side in ("收入", "支出"):
        if side in segments or any(
            s.endswith(side) and s.removesuffix(side) in _SIDE_PREFIXES for s in segments
        ):
            return side
    return ""


_SIDE_PREFIXES = ("本年", "财政拨款")


def _spanning(row: list[Cell], c: int) -> int | None:
    """The column of the cell whose horizontal span covers column `c` (`c` itself when its
    cell is not merged), or None."""
    if c >= len(row):
        return None
    if not row[c].merged:
        return c
    for j in range(c - 1, -1, -1):
        if not row[j].merged:
            return j if j + row[j].span > c else None
    return None


def _rows(view: TableView, start: int, panel: Panel, unit: str) -> list[FRow]:
    if panel.outline:
        return _outline_rows(view, start, panel, unit)
    out: list[FRow] = []
    group = ""
    for r in range(start, len(view.table.rows)):
        row = view.table.rows[r]
        printed = ""
        span_end = -1  # the last column a label spanning over the value columns covers
        if panel.label_col < 0:
            printed = "合计"  # a table of one row of totals
        elif (lead := _spanning(row, panel.label_col)) is not None:
            printed = row[lead].text.text.strip()
            span_end = lead + row[lead].span - 1
        grouped = _group(row, panel)
        total = False
        if grouped is not None:
            group, total = grouped
            if total:
                printed = group
        code_parts = []
        for c in panel.code_cols:
            t = _cell_text(row, c)
            if t and c < len(row) and not row[c].merged:
                if _SHORT_CODE.match(t):
                    code_parts.append(t)
                elif not printed and _CJK.search(t):
                    printed = t  # 合计 spanning the code columns
        if len(code_parts) > 1 and len(code_parts[0]) == 3:
            # 类 | 款 | 项 in their own columns: a 款 printed "2" is 02 (301 | 2 → 30102)
            code_parts[1:] = [t.zfill(2) if len(t) == 1 else t for t in code_parts[1:]]
        code = "".join(code_parts) or None
        text = norm(printed)
        m = _LEAD_CODE.match(text)
        if m and code is None:
            code = m.group(1)
            text = text[m.end() :]
        if code is not None and len(code) not in (3, 5, 7):
            code = None
        enum = bool(_ENUM.match(text))
        level = next((lv for lv, pat in _LEVELS if pat.match(text)), 0)
        text = _ENUM.sub("", text)
        sub = bool(_SUB.match(text))
        text = _SUB.sub("", text)
        label = key(text)
        if label in _COUNTERS:
            continue
        values: dict[int, Quantity | None] = {}
        for c in panel.value_cols:
            values[c] = _quantity(row, c, unit, label or printed, view.index)
        if panel.value_cols and span_end >= max(panel.value_cols):
            # "当年支出小计" spans the 功能 and the 用途 halves: its one figure, printed after
            # the span, is each half's
            after = next((c for c in range(span_end + 1, len(row)) if not row[c].merged), None)
            if after is not None:
                values = {c: _quantity(row, after, unit, label, view.index) for c in values}
        if not label and code is None:
            continue
        shown = re.sub(r"\s+", "", printed)
        fr = FRow(r, code, label, shown, enum, sub, values, level, group, total=total)
        if panel.group_col is not None and not total and label == "小计":
            # a group's 小计 is the group's figure ("一般公共预算资金")
            fr.label, fr.printed, fr.subtotal = key(group), f"{group}小计", True
        out.append(fr)
    return out


def _group(row: list[Cell], panel: Panel) -> tuple[str, bool] | None:
    """Layout groups: (the group a row opens, whether it is the table's total row — a
    group label spanning the item column: "收入总计"), or None when the row goes on in
    the group above (its group cell merged with the one above)."""
    gc = panel.group_col
    if gc is None or gc >= len(row) or row[gc].merged:
        return None
    text = row[gc].text.text.strip()
    if not text:
        return None
    return re.sub(r"\s+", "", text), gc + row[gc].span > panel.label_col


def _outline_rows(view: TableView, start: int, panel: Panel, unit: str) -> list[FRow]:
    """Layout outline: a row's label is in the leftmost label column that has one; its depth
    is that column's level (合计 and 一、货物A at 0, a 专项 at 1, its items at 2). A column
    whose text never stands without the next column's (专项名称 beside 经济科目, 采购物品名称
    beside 采购组织形式) is one level with it: a row with only the next column filled (a
    second 经济科目 of the same 专项) is that row's sibling, not its child."""
    rows = view.table.rows[start:]

    def filled(row: list[Cell], c: int) -> bool:
        return c < len(row) and not row[c].merged and bool(row[c].text.text.strip())

    cols = panel.outline
    level: dict[int, int] = {}
    depth = 0
    for i, c in enumerate(cols):
        level[c] = depth
        nxt = cols[i + 1] if i + 1 < len(cols) else None
        alone = [row for row in rows if filled(row, c)]
        if nxt is None or not alone or not all(filled(row, nxt) for row in alone):
            depth += 1
    out: list[FRow] = []
    for r, row in enumerate(rows, start=start):
        filled_cols = [c for c in cols if filled(row, c)]
        if not filled_cols:
            continue
        # a row stands at the deepest level it fills: an item printed on the line of a
        # repeated 专项 label ("机要及电子政务业务费 | 办公设备购置 | 便携式计算机 | 3.50") is an item
        deepest = level[filled_cols[-1]]
        c = next(c for c in filled_cols if level[c] == deepest)
        printed = row[c].text.text.strip()
        text = norm(printed)
        enum = bool(_ENUM.match(text))
        label = key(_ENUM.sub("", text))
        words = [
            row[x].text.text.strip()
            for x in cols
            if x >= c and level[x] == level[c] and filled(row, x)
        ]
        shown = re.sub(r"\s+", "", "（".join(words[:2]) + ("）" if len(words) > 1 else ""))
        values = {v: _quantity(row, v, unit, label, view.index) for v in panel.value_cols}
        out.append(FRow(r, None, label, shown, enum, False, values, depth=level[c]))
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


def read_tables(ctx: ExtractContext) -> list[FinTable]:
    """Every standard table of the document, read, in document order."""
    out: list[FinTable] = []
    for view in ctx.tables:
        hit = _title(ctx, view)
        if hit is not None:
            out.append(read_table(ctx, view, *hit))
    return out


def extract(ctx: ExtractContext) -> list[Fact]:
    tables = read_tables(ctx)
    if not tables:
        return []
    found: dict[str, FinTable] = {}
    for ft in tables:
        found.setdefault(ft.std.key, ft)
    facts: list[Fact] = _presence(ctx, tables)
    for ft in tables:
        _register(ctx, ft)
        facts.extend(_code_sums(ft))
        facts.extend(_total_row(ft))
        if ft.std.layout == "summary":
            facts.extend(_summary(ft))
        elif ft.std.layout == "groups":
            facts.extend(_groups(ft))
        elif ft.std.layout == "outline":
            facts.extend(_outline(ft))
        elif ft.std.layout == "sangong":
            facts.extend(_sangong_sums(ft))
        facts.extend(_table_rows(ft))
    return facts


def _presence(ctx: ExtractContext, tables: list[FinTable]) -> list[Fact]:
    """One fact per table the disclosure should contain — those its own 目录 lists, else
    every table of the set it follows (ctx.template: the nine, the twelve 公开表, the 决算
    tables); the missing ones only when the disclosure publishes at least two of its tables
    (a document without them, a text published apart from its tables, is not asked)."""
    out: list[Fact] = []
    first = tables[0]
    by_key: dict[str, list[FinTable]] = {}
    for ft in tables:
        by_key.setdefault(ft.std.key, []).append(ft)
    template = ctx.template
    kinds = {ft.std.kind for ft in tables}
    for kind in sorted(kinds):
        present = {ft.std.key for ft in tables if ft.std.kind == kind}
        if template.name is not None:
            required = template.required(kind)
        else:
            required = tuple(std for std in standard_tables() if std.kind == kind)
        why = _why_required(template, kind)
        for std in required:
            fts = by_key.get(std.key, [])
            if not fts and len(present) < 2:
                continue
            if fts:
                ft = fts[0]
                cols = sorted({p.names.get(c, "") for p in ft.panels for c in p.value_cols} - {""})
                fields = {
                    "name": std.name,
                    "title": ft.title,
                    "found": len(fts),
                    "rows": ft.data_rows(),
                    "columns": cols,
                    "kind": kind,
                    "figures": _figures(ft),
                    "note": (note := _note(ctx, ft)),
                    "noted_empty": bool(_SAYS_EMPTY.search(note)),
                    "why": why,
                }
                loc, block, excerpt = ft.loc, ft.view.index, ft.title
            else:
                listed = template.listing(std)
                fields = {
                    "name": listed.title if listed else std.name,
                    "title": "",
                    "found": 0,
                    "rows": 0,
                    "columns": [],
                    "kind": kind,
                    "figures": 0,
                    "note": "",
                    "noted_empty": False,
                    "why": why,
                }
                if listed is not None:
                    loc, block = listed.loc, listed.block
                else:
                    loc, block = _mention(ctx, std) or (first.loc, first.view.index)
                excerpt = f"未找到「{fields['name']}」"
            out.append(Fact("fin_table", loc, block, fields, excerpt=excerpt))
    return out


def _why_required(template: Template, kind: str) -> str:
    """Why a table is asked for, in the words of GA-YS-000 / GA-TAB-000."""
    if template.listed:
        return "本文件目录列出了这张表，文件中却没有找到它"
    label = template.label() if template.name is not None else ""
    label = label or ("九张标准决算表" if kind == "决算" else "九张标准预算表")
    return f"{kind}公开通常应包括{label}（无数据的表也应公开空表并加注说明）"


def _figures(ft: FinTable) -> int:
    """How many non-zero figures the table's body prints (code and label columns aside)."""
    skip = {c for p in ft.panels for c in (p.label_col, *p.code_cols)}
    n = 0
    for row in ft.table.rows[ft.start :]:
        for c, cell in enumerate(row):
            if c in skip or cell.merged:
                continue
            q = parse_cell_number(cell.text, ft.view.index)
            if q is not None and q.value != 0:
                n += 1
    return n


_NOTE = re.compile(r"^\s*(?:注|说明|备注)\s*[:：]")
_SAYS_EMPTY = re.compile(r"空表|无[^，。,]{0,30}(?:预算|支出|收入|数据)")


def _note(ctx: ExtractContext, ft: FinTable) -> str:
    """The note printed right under a table ("注:本部门2025年无政府性基金预算…故本表为空表。")."""
    i = ft.view.index + 1
    if i < len(ctx.doc.blocks):
        b = ctx.doc.blocks[i]
        if isinstance(b, Paragraph) and _NOTE.match(b.text.text):
            return b.text.text.strip()
    return ""


def _mention(ctx: ExtractContext, std: StdTable) -> tuple[Location, int] | None:
    """Where the document names a table it does not contain (its table of contents)."""
    template = ctx.template.name
    for p in ctx.prose:
        if (
            not p.in_table
            and len(p.text.text) < 60
            and match_title(p.text.text, std.kind, template) == std
        ):
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


_THIS_YEAR_TOTAL = re.compile(r"^本年.*合计$")


def _year_row(std: StdTable, r: FRow) -> bool:
    """The year's total of a summary table: 本年收入合计, or a row the glossary names
    (当年收入小计)."""
    return bool(_THIS_YEAR_TOTAL.match(r.label)) or r.label in std.year_rows


def _grand_row(std: StdTable, r: FRow) -> bool:
    """The grand total of a summary table: …总计, or a row the glossary names (收入合计)."""
    return r.code is None and (r.label.endswith("总计") or r.label in std.grand_rows)


def _summary(ft: FinTable) -> list[Fact]:
    """总表 and 财政拨款总表: 本年合计 = Σ numbered rows; 总计 = 本年合计 + the rows between;
    an unnumbered row over numbered ones = their sum; a numbered row over rows numbered a
    level deeper (一、财政拨款收入 over 1.一般公共预算资金, 2.政府性基金 …) = their sum. A budget
    总表 without a 本年合计 row: 总计 = Σ its top-level rows, when nothing else stands above it."""
    out: list[Fact] = []
    std = ft.std
    for panel in ft.panels:
        rows = panel.rows
        i1 = next((i for i, r in enumerate(rows) if _year_row(std, r)), None)
        groups: list[tuple[FRow, list[FRow], str, str]] = []
        if i1 is None:
            total = year_total(panel, std)
            if total is not None:
                above = rows[: rows.index(total)]
                items = _top_level(above)
                if items:
                    groups.append((total, items, f"「{total.printed}」", "上方各项之和"))
                groups += _nested(above)
            for total, parts, what, pname in groups:
                out += _row_sums(ft, panel, total, parts, what, pname)
            continue
        i2 = next((i for i in range(i1 + 1, len(rows)) if _grand_row(std, rows[i])), None)
        items = _top_level(rows[:i1])
        if items:
            groups.append((rows[i1], items, f"「{rows[i1].printed}」", "上方各项之和"))
        groups += _nested(rows[:i1])
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
        for total, parts, what, pname in groups:
            out += _row_sums(ft, panel, total, parts, what, pname)
    return out


def _top_level(rows: list[FRow]) -> list[FRow]:
    """The numbered rows of the highest level among them (一、二、… not the 1. 2. under them)."""
    numbered = [r for r in rows if r.enum and not r.sub]
    top = min((r.level for r in numbered), default=0)
    return [r for r in numbered if r.level == top]


def _nested(rows: list[FRow]) -> list[tuple[FRow, list[FRow], str, str]]:
    """A numbered row and the rows numbered one level deeper right under it."""
    out: list[tuple[FRow, list[FRow], str, str]] = []
    for j, r in enumerate(rows):
        if not r.enum or r.sub:
            continue
        subs: list[FRow] = []
        for c in rows[j + 1 :]:
            if not c.enum or c.sub or c.level <= r.level:
                break
            subs.append(c)
        deeper = min((c.level for c in subs), default=0)
        subs = [c for c in subs if c.level == deeper]
        if subs:
            out.append((r, subs, f"「{r.printed}」", "其下各项之和"))
    return out


def year_total(panel: Panel, std: StdTable) -> FRow | None:
    """The 总计 row of a summary panel that has no 本年合计 row and nothing but numbered rows
    above its 总计 (no 上年结转): that 总计 is the year's total (a Shanghai budget's 收入总计,
    the 收入合计 of 江苏's 财政拨款收支预算总表)."""
    if any(_year_row(std, r) for r in panel.rows):
        return None
    total = next((r for r in panel.rows if _grand_row(std, r)), None)
    if total is None:
        return None
    above = panel.rows[: panel.rows.index(total)]
    if not above or any(not r.enum and not r.sub for r in above):
        return None
    return total


def _groups(ft: FinTable) -> list[Fact]:
    """Layout groups: the total row = Σ the groups' 小计; a 小计 = Σ its items (a 其中 row is
    part of an item, not another one)."""
    out: list[Fact] = []
    for panel in ft.panels:
        total = next((r for r in panel.rows if r.total), None)
        subtotals = [r for r in panel.rows if r.subtotal]
        if total is not None and subtotals:
            out += _row_sums(
                ft, panel, total, subtotals, f"「{total.printed}」", "各项资金小计之和"
            )
        for st in subtotals:
            items = [r for r in panel.rows if r.group == st.group and not r.subtotal]
            items = [r for r in items if not r.total and not r.sub]
            if items:
                out += _row_sums(ft, panel, st, items, f"「{st.printed}」", "其下各项之和")
    return out


def _outline(ft: FinTable) -> list[Fact]:
    """Layout outline: a row = Σ the rows right under it one column further right (一、货物A
    = Σ its 专项, a 专项 = Σ its items); 合计 = Σ the numbered rows of the first column."""
    out: list[Fact] = []
    for panel in ft.panels:
        rows = panel.rows
        for i, r in enumerate(rows):
            under: list[FRow] = []
            for c in rows[i + 1 :]:
                if c.depth <= r.depth:
                    break
                under.append(c)
            if r.depth == 0 and r.label in ("合计", "总计"):
                parts = [c for c in rows if c.depth == 0 and c.enum]
                out += _row_sums(ft, panel, r, parts, f"「{r.printed}」", "各大类之和")
                continue
            if not under:
                continue
            nearest = min(c.depth for c in under)
            parts = [c for c in under if c.depth == nearest]
            out += _row_sums(ft, panel, r, parts, f"「{r.printed}」", "其下各项之和")
    return out


_SANGONG_PARTS = (
    ("总计", ("合计", "会议", "培训")),
    ("合计", ("因公出国", "公务用车", "接待")),
    ("公务用车", ("购置", "运行")),
)


def _sangong_sums(ft: FinTable) -> list[Fact]:
    """A "三公" table with 小计 columns: each 小计 = Σ its group (the 合计 of 三公, 会议费 and
    培训费 = Σ the three; 三公 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行), per role.
    A table without a 小计 of its own states these as concepts (GA-EQ-006/007)."""
    figures = sangong_figures(ft)
    # the groups the table itself totals: a 小计 column, or the 合计 of all three
    totalled = {"总计"} | {
        item
        for c in range(len(ft.names))
        if ft.names.get(c, "").endswith("小计")
        and (item := _sangong_item(ft.names.get(c, "").split("/"))) is not None
    }
    out: list[Fact] = []
    roles = sorted({role for _, role in figures})
    for role in roles:
        for total, parts in _SANGONG_PARTS:
            if total not in totalled:
                continue
            t = figures.get((total, role))
            ps = [figures.get((p, role)) for p in parts]
            if t is None or sum(p is not None for p in ps) < 2:
                continue
            fact = _sum_fact(ft, t, ps, "rows", f"「{_SANGONG_NAMES[total]}」{role}", "各项之和")
            if fact:
                out.append(fact)
    return out


def _table_rows(ft: FinTable) -> list[Fact]:
    """Each body row with its value cells by header path: the rule packs say which columns
    of which table add up (`cell("合计") == cell("基本支出") + cell("项目支出")`)."""
    out: list[Fact] = []
    for panel in ft.panels:
        for r in panel.rows:
            cells = {ft.names.get(c, ""): r.values.get(c) for c in panel.value_cols}
            first = next((q for q in cells.values() if q is not None and q.ref), None)
            if first is None:
                continue  # a row of empty cells states nothing
            fields = {
                "table": ft.std.name,
                "side": panel.side,
                "row": _row_name(r),
                "code": r.code,
                "columns": [n for n in cells if n],
                "__cells__": cells,
            }
            excerpt = f"{ft.std.name}：「{_row_name(r)}」行"
            out.append(
                Fact("table_row", first.loc, ft.view.index, fields, ft.view.section, excerpt, first)
            )
    return out


# --------------------------------------------------------------------------- "三公"

_SANGONG_NAMES = {
    "机关运行": "机关运行经费",
    "合计": "“三公”经费合计",
    "因公出国": "因公出国（境）费",
    "公务用车": "公务用车购置及运行维护费",
    "购置": "公务用车购置费",
    "运行": "公务用车运行维护费",
    "接待": "公务接待费",
    "会议": "会议费",
    "培训": "培训费",
    "总计": "“三公”经费、会议费、培训费合计",
}


def _sangong_item(words: list[str]) -> str | None:
    """Which "三公" figure a header path or a row label names."""
    for w in reversed(words):
        if not w or w == "小计":
            continue  # a 小计 is its group's figure: the word above it names the group
        if "机关运行" in w:
            return "机关运行"  # the budget table's 机关运行经费 column, not 公务用车运行费
        if "因公出国" in w:
            return "因公出国"
        if "接待" in w:
            return "接待"
        if "会议费" in w:
            return "会议"
        if "培训费" in w:
            return "培训"
        if "购置及运行" in w:
            return "公务用车"
        if "购置" in w and "运行" not in w:
            return "购置"
        if "运行" in w and "购置" not in w:
            return "运行"
        if w.endswith("合计") or w.endswith("三公经费") or w == "总计":
            return "合计"
    return None


def sangong_figures(ft: FinTable) -> dict[tuple[str, str], Quantity | None]:
    """{(item, role): figure}, from a table with one column per figure (the usual layout) or
    one row per figure. A column without a role word holds the document's own kind of figure
    (预算数 in a budget); a 合计 beside 会议费 and 培训费 columns is the three together."""
    out: dict[tuple[str, str], Quantity | None] = {}
    table = ft.table
    items = [_sangong_item(ft.names.get(c, "").split("/")) for c in range(len(ft.names))]
    wider = any(i in ("会议", "培训") for i in items)
    if ft.panels and any(p.rows for p in ft.panels):
        for p in ft.panels:
            for r in p.rows:
                item = _sangong_item([r.label])
                if item is None:
                    continue
                for c in p.value_cols:
                    role = role_in(ft.names.get(c, ""))
                    if role and (item, role) not in out:
                        out[(item, role)] = _relabel(r.values.get(c), _SANGONG_NAMES[item])
        return out
    for r in range(ft.start, len(table.rows)):
        row = table.rows[r]
        if not any(c.text.text.strip() for c in row):
            continue
        for c in range(len(row)):
            words = ft.names.get(c, "").split("/")
            item = _sangong_item(words)
            role = role_in(ft.names.get(c, "")) or ft.std.role
            if item == "合计" and wider and words == ["合计"]:
                item = "总计"
            if item and role and (item, role) not in out:
                out[(item, role)] = _quantity(row, c, ft.unit, _SANGONG_NAMES[item], ft.view.index)
        break
    return out


# --------------------------------------------------------------------------- ledger keys


def _register(ctx: ExtractContext, ft: FinTable) -> None:
    """Give every figure of the table its key: what it states, for whom, in which role."""
    std = ft.std
    named = cells_in(std)
    if std.layout == "sangong":
        items = {r.item: c for c, r in named if r.item}
        for (item, role), q in sangong_figures(ft).items():
            c = items.get(item)
            if c is not None and q is not None and q is not UNREADABLE:
                where = f"{std.name}「{_SANGONG_NAMES[item]}」{role}"
                ctx.ledger.resolve(q, Key(c.id, _scope(c, std.scope), role=role), where)
    for panel in ft.panels:
        names = {r.code: r.label for r in panel.rows if r.code}
        grand = year_total(panel, std) if std.layout == "summary" else None
        for r in panel.rows:
            if r.code and len(r.code) in (5, 7) and r.code[0] == "2":
                # "201/财政事务/行政运行": how the prose names 2010601 (类 by its code)
                path = [r.code[:3], names.get(r.code[:5], "")]
                if len(r.code) == 7:
                    path.append(r.label)
                ctx.subjects.setdefault("/".join(path), r.code)
            code = r.code or (class_code(r.label) if panel.side == "支出" else None)
            if code and r.code is None and not r.enum:
                code = None  # only the numbered class rows of a summary table are subjects
            for c in panel.value_cols:
                q = r.values.get(c)
                if q is None or q is UNREADABLE or q.ref is None:
                    continue
                k = _cell_key(ft, panel, r, c, code, named, r is grand)
                if k is None:
                    ctx.ledger.figure(q, TABLE)
                    continue
                side = f"（{panel.side}）" if panel.side else ""
                where = f"{std.name}{side}「{r.printed}」{_col_label(ft, c)}"
                ctx.ledger.resolve(q, k, where)


def _scope(c: Concept, table_scope: str) -> str:
    return "" if c.scope == ANY else c.scope or table_scope


def _cell_key(
    ft: FinTable,
    panel: Panel,
    r: FRow,
    c: int,
    code: str | None,
    named: tuple[tuple[Concept, CellRef], ...],
    year_total: bool = False,
) -> Key | None:
    std = ft.std
    header = ft.names.get(c, "")
    column = std.column(header)
    role = (column.role if column and column.role else None) or role_in(header) or std.role
    if year_total and column is not None and column.total:
        # 收入总计 with only the year's rows above it is the year's income (本年收入合计)
        con = concept(column.total)
        scope = column.scope or std.scope
        return Key(column.total, _scope(con, scope) if con else scope, role=role)
    for con, ref in named:
        if ref.item or (ref.side and ref.side != panel.side):
            continue
        if ref.code:
            if r.code != ref.code:
                continue
        elif not ref.row or r.label != ref.row or panel.row(ref.row) is not r:
            continue  # the first row so named: 财政拨款总表 repeats 一、… under 年初结转和结余
        if ref.col and not col_matches(header, ref.col):
            continue
        return Key(con.id, _scope(con, std.scope), role=role)
    if column is None:
        return None
    scope = column.scope or std.scope
    if code and column.measure:
        kind = "经济科目" if std.layout == "economic" else "科目"
        return Key(f"{kind}{code}·{column.measure}", scope, role=role)
    if r.code is None and r.label in ("合计", "总计") and column.total:
        con = concept(column.total)
        return Key(column.total, _scope(con, scope) if con else scope, role=role)
    return None
