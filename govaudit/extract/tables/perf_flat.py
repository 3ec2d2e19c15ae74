"""A 绩效自评表 flattened into paragraphs: a web page or a pasted .docx turned into text keeps
one cell per paragraph and drops the row breaks. Two layouts are read, each only as far as
its own structure shows it:

* a scored 绩效评价表 (seed 004): section headers that state their points
  ("部门预算管理(80分)", "预算编制(30分)"), then name, points, score for each indicator, then
  "总分 96". Anything else ends the table.
* a project's 自评表 in the standard column order (`_FlatProject`): 项目名称 and its name; the
  预算执行情况 headers (年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 / 权重 / 得分, or
  年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分) and under them one row label
  (总额, 其中：财政资金, 年度资金总额 …) followed by its values; the 绩效指标 headers and
  the indicator rows; 合计; 评价结论. Empty cells leave no line, so a row is read only where
  its values can be placed: a budget row whose values fill every column, an indicator row
  ending in its 权重 and 得分 (two plain numbers before the next row's names).
"""

from __future__ import annotations

import re
from decimal import Decimal

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.normalize import compact, norm
from govaudit.extract.base.quantities import parse_cell_number
from govaudit.extract.tables.perf_layout import (
    OPERATORS,
    Segment,
    budget_aliases,
    cell_number,
    header_key,
    indicator_aliases,
    operator_of,
    parse_value,
    stated_points,
    text_of,
    word_list,
)
from govaudit.extract.tables.perf_model import BudgetRow, Indicator, PerfTable, split_name
from govaudit.model import Cell, Location, Paragraph, Quantity
from govaudit.patterns import lazy_pattern

_SECTION = lazy_pattern(r"^(.+?)\((\d+(?:\.\d+)?)分\)$")
_HEADER_WORDS = (
    "指标分值",
    "分值",
    "得分",
    "自评得分",
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标",
)
_MAX_CELL = 30  # a longer paragraph is prose, not a cell


def flat_tables(ctx: ExtractContext) -> list[PerfTable]:
    out: list[PerfTable] = []
    blocks = ctx.doc.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Paragraph) and _is_title(b.text.text):
            table, end = _read(ctx, i)
            if table is None:
                table, end = _FlatProject(ctx, i).read()
            if table is not None:
                out.append(table)
                i = end
                continue
        i += 1
    return out


def _is_title(text: str) -> bool:
    k = compact(text)
    return len(k) <= 60 and any(t in k for t in word_list("titles"))


def _cells(ctx: ExtractContext, start: int) -> list[tuple[int, Cell]]:
    """The short paragraphs that follow a title, as cells, with their block index."""
    out: list[tuple[int, Cell]] = []
    for j in range(start + 1, len(ctx.doc.blocks)):
        b = ctx.doc.blocks[j]
        if not isinstance(b, Paragraph) or len(compact(b.text.text)) > _MAX_CELL:
            break
        out.append((j, Cell(b.text)))
    return out


def _read(ctx: ExtractContext, title_index: int) -> tuple[PerfTable | None, int]:
    cells = _cells(ctx, title_index)
    keys = [header_key(c.text.text) for _, c in cells]
    head = 0
    while head < len(keys) and keys[head] in _HEADER_WORDS:
        head += 1
    header = set(keys[:head])
    if not ({"指标分值", "分值"} & header and {"得分", "自评得分"} & header):
        return None, title_index + 1
    title_block = ctx.doc.blocks[title_index]
    assert isinstance(title_block, Paragraph)
    title = title_block.text.text.strip()

    def number(n: int) -> Quantity | None:
        if n >= len(cells):
            return None
        j, c = cells[n]
        return cell_number(c, j)

    indicators: list[Indicator] = []
    total: Quantity | None = None
    level1, level2 = "", ""
    level1_points: Decimal | None = None
    used_points = Decimal(0)
    pending: list[str] = []
    k = used = head
    while k < len(cells):
        text = "".join(cells[k][1].text.text.split())
        if text in word_list("total_rows") and number(k + 1) is not None:
            total = number(k + 1)
            used = k + 2
            break
        if _SECTION.match(norm(text)):
            pending.append(text)
            k += 1
            continue
        points, score = number(k + 1), number(k + 2)
        if points is None or score is None or number(k) is not None:
            break
        if pending:
            # two headers in a row are a 一级 and its first 二级; a single one is a 二级 under
            # the current 一级, unless that 一级's points are used up (or there is none yet)
            full = level1_points is not None and used_points >= level1_points
            if len(pending) >= 2 or not level1 or full:
                level1 = pending[-2] if len(pending) >= 2 else pending[-1]
                level1_points, used_points = _points(level1), Decimal(0)
                level2 = pending[-1] if len(pending) >= 2 else ""
            else:
                level2 = pending[-1]
            pending = []
        indicators.append(
            Indicator(
                level1=level1,
                level2=level2,
                name=text,
                loc=cells[k][1].text.loc,
                weight=points,
                score=score,
                deduction=any(w in level1 for w in word_list("deduction_words")),
            )
        )
        used_points += points.value
        k += 3
        used = k
    if len(indicators) < 2:
        return None, title_index + 1
    rows = [[Cell(title_block.text)]] + [[c] for _, c in cells[:used]]
    seg = Segment(title_index, rows, title=title, loc=title_block.text.loc)
    t = PerfTable(table_type="指标体系", segment=seg, title=title, name=title)
    t.indicators = indicators
    t.total_score = total
    return t, cells[used - 1][0] + 1


def _points(text: str) -> Decimal | None:
    m = _SECTION.match(norm(text))
    return Decimal(m.group(2)) if m else None


# --------------------------------------------------------------------------- a project's 自评表

_PLACEHOLDERS = ("/", "—", "-", "——", "无")
_MAX_TOKENS = 400  # a 自评表 has some 150 cells; more is the rest of the document


class _FlatProject:
    """A project's 自评表 given one cell per paragraph, empty cells left out."""

    def __init__(self, ctx: ExtractContext, title_index: int) -> None:
        self.ctx = ctx
        self.title_index = title_index
        title = ctx.doc.blocks[title_index]
        assert isinstance(title, Paragraph)
        self.title = title
        self.tokens = _tokens(ctx, title_index)
        self.t = PerfTable(table_type="项目", segment=Segment(title_index, []))
        self.used = 0

    # ---------------------------------------------------------------- helpers
    def text(self, k: int) -> str:
        return text_of(self.tokens[k][1]) if k < len(self.tokens) else ""

    def key(self, k: int) -> str:
        return header_key(self.text(k)) if k < len(self.tokens) else ""

    def number(self, k: int, label: str = "", unit: str = "") -> Quantity | None:
        if k >= len(self.tokens):
            return None
        j, c = self.tokens[k]
        return cell_number(c, j, label, unit)

    def plain(self, k: int) -> bool:
        """A cell that is a plain number (a 权重, a 得分)."""
        if k >= len(self.tokens):
            return False
        q = parse_cell_number(self.tokens[k][1].text, -1)
        return q is not None and q.kind == "number"

    def value_cell(self, k: int) -> bool:
        """A budget value: a number, a percentage or a placeholder ("/")."""
        t = compact(self.text(k))
        return t in _PLACEHOLDERS or parse_cell_number(self.tokens[k][1].text, -1) is not None

    def header_run(self, k: int, aliases: dict[str, str]) -> list[str]:
        cols: list[str] = []
        while k + len(cols) < len(self.tokens):
            col = aliases.get(self.key(k + len(cols)))
            if col is None:
                break
            cols.append(col)
        return cols

    # ---------------------------------------------------------------- reading
    def read(self) -> tuple[PerfTable | None, int]:
        t = self.t
        k = 0
        while k < len(self.tokens):
            key = compact(self.text(k))
            if key in word_list("name_labels") and not t.name and k + 1 < len(self.tokens):
                t.name, t.code = split_name(self.text(k + 1))
                t.name_loc = self.tokens[k + 1][1].text.loc
                k = self.mark(k + 2)
                continue
            if key.endswith("年度目标") and compact(self.text(k + 1)) == "年度目标完成情况":
                if k + 3 < len(self.tokens):
                    t.prose_cells.append(("目标完成情况", self.tokens[k + 3][1]))
                k = self.mark(k + 4)
                continue
            budget = self.header_run(k, budget_aliases())
            if len({"adjusted", "executed", "rate", "weight", "score"} & set(budget)) >= 3:
                self.block_points(k, "budget")
                k = self.mark(self.budget_rows(k + len(budget), budget))
                continue
            inds = self.header_run(k, indicator_aliases())
            if "level3" in inds and {"weight", "score"} <= set(inds):
                self.block_points(k, "indicators")
                k = self.mark(self.indicator_rows(k + len(inds), inds))
                continue
            if key in word_list("total_rows") and self.plain(k + 1):
                if self.plain(k + 2):
                    t.weight_total = self.number(k + 1, "权重合计")
                    t.total_score = self.number(k + 2, "合计")
                    k = self.mark(k + 3)
                else:
                    t.total_score = self.number(k + 1, "合计")
                    k = self.mark(k + 2)
                continue
            prose = self.prose_label(key)
            if prose and k + 1 < len(self.tokens):
                cell = self.tokens[k + 1][1]
                t.prose_cells.append((prose, cell))
                if prose == "评价结论" and t.conclusion is None:
                    t.conclusion = cell
                k = self.mark(k + 2)
                continue
            k += 1
        if not t.budget_rows and not t.indicators:
            return None, self.title_index + 1
        rows = [[Cell(self.title.text)]] + [[c] for _, c in self.tokens[: self.used]]
        t.segment = Segment(
            self.title_index, rows, title=self.title.text.text.strip(), loc=self.title.text.loc
        )
        t.title = t.segment.title
        return t, self.tokens[self.used - 1][0] + 1

    def mark(self, k: int) -> int:
        self.used = max(self.used, min(k, len(self.tokens)))
        return k

    def block_points(self, k: int, block: str) -> None:
        """ "预算执行情况（10分）" / "绩效指标（90分）" and "年度预算数（万元）" just before."""
        for back in (1, 2):
            if k - back < 0:
                break
            j, c = self.tokens[k - back]
            pts = stated_points(c, j)
            if pts is not None:
                if block == "budget":
                    self.t.budget_block_points = pts
                else:
                    self.t.indicator_block_points = pts
            if block == "budget" and "万元" in compact(text_of(c)):
                self.t.budget_unit = "万元"

    @staticmethod
    def prose_label(key: str) -> str:
        for name, words in (
            ("评价结论", "conclusion_labels"),
            ("存在问题", "problem_labels"),
            ("改进措施", "measure_labels"),
        ):
            # the label alone ("评价结论", "改进措施"), not an indicator that starts with a
            # word of one ("建议类信件办理时限")
            if len(key) <= 8 and any(key.endswith(w) for w in word_list(words)):
                return name
        return ""

    def budget_rows(self, k: int, cols: list[str]) -> int:
        """Each row label, then its values. A row is read when its values fill every column
        but the text one (原因): "总额 330.00 329.13 326.13 99.09% 10 9.9"."""
        values_cols = [c for c in cols if c != "reason"]
        unit = self.t.budget_unit or "万元"
        self.t.budget_unit = unit
        while k < len(self.tokens) and not self.value_cell(k):
            label = compact(self.text(k))
            if self.header_run(k, indicator_aliases()) or len(label) > 20:
                break
            n = 0
            while self.value_cell(k + 1 + n):
                n += 1
            if n == 0:
                if not label.startswith(("其中", "其他", "其它")) and "资金" not in label:
                    break
                k += 1
                continue
            if n == len(values_cols):
                label = re.sub(r"^其中\s*[:：\-—]?\s*", "", label)
                vals = {
                    col: self.number(
                        k + 1 + i, label, "" if col in ("rate", "weight", "score") else unit
                    )
                    for i, col in enumerate(values_cols)
                }
                self.t.budget_rows.append(
                    BudgetRow(
                        label=label,
                        is_total=label in word_list("budget_total_rows"),
                        loc=self.tokens[k][1].text.loc,
                        initial=vals.get("initial"),
                        adjusted=vals.get("adjusted"),
                        executed=vals.get("executed"),
                        rate=vals.get("rate"),
                        weight=vals.get("weight"),
                        score=vals.get("score"),
                    )
                )
            k += 1 + n
        return k

    def indicator_rows(self, k: int, cols: list[str]) -> int:
        """Rows end in 权重 and 得分: two plain numbers followed by a name (the next row's) or
        the 合计. What stands between two rows' scores is the next row's names (the 一级 and
        二级 only where they change) and its values."""
        names_end = cols.index("level3") + 1
        w = cols.index("weight")
        value_cols = cols[names_end:w]
        stop = k
        while stop < len(self.tokens):
            key = compact(self.text(stop))
            if key in word_list("total_rows") or self.prose_label(key):
                break
            stop += 1
        level1 = level2 = ""
        start = k
        i = k
        last: Indicator | None = None
        while i + 1 < stop:
            if not (self.plain(i) and self.plain(i + 1)) or (i + 2 < stop and self.plain(i + 2)):
                i += 1
                continue
            span = list(range(start, i))
            names, values, reason = self.split_row(span, value_cols)
            if reason and last is not None:
                last.reason = reason
            if names is not None and values is not None:
                if len(names) == 3:
                    level1, level2 = names[0], names[1]
                elif len(names) == 2:
                    level2 = names[0]
                last = self.indicator(names[-1], level1, level2, values, value_cols, i)
                self.t.indicators.append(last)
            start = i = i + 2
        if last is not None and start < stop:
            last.reason = "".join(self.text(j) for j in range(start, stop))
        return stop

    def split_row(
        self, span: list[int], value_cols: list[str]
    ) -> tuple[list[str] | None, list[int] | None, str]:
        """(names, value tokens, the previous row's 未完成原因) of the tokens before a row's
        权重; None where the values cannot be placed."""
        if "operator" in value_cols:
            at = next(
                (n for n, j in enumerate(span) if operator_of(self.text(j)) in OPERATORS), None
            )
            if at is None:
                return None, None, ""
        else:
            levels = 0
            while levels < len(span) and compact(self.text(span[levels])).endswith("指标"):
                levels += 1
            at = levels + 1
        head, values = span[:at], span[at:]
        names = [compact(self.text(j)) for j in head]
        levels = 0
        while levels < len(names) - 1 and names[-2 - levels].endswith("指标") and levels < 2:
            levels += 1
        reason = "".join(names[: len(names) - 1 - levels])
        names = names[len(names) - 1 - levels :]
        if not names or not values or len(values) > len(value_cols):
            return None, None, reason
        if len(values) < len(value_cols) and "unit" not in value_cols:
            return None, None, reason
        return names, values, reason

    def indicator(
        self,
        name: str,
        level1: str,
        level2: str,
        values: list[int],
        value_cols: list[str],
        weight_at: int,
    ) -> Indicator:
        """Values in column order; with one cell fewer than columns, the empty one is the
        度量单位 (a 定性 indicator's)."""
        cols = list(value_cols)
        if len(values) < len(cols):
            cols.remove("unit")
        cells = dict(zip(cols, values, strict=True))

        def cell(col: str) -> Cell | None:
            j = cells.get(col)
            return self.tokens[j][1] if j is not None else None

        def block(col: str) -> int:
            j = cells.get(col)
            return self.tokens[j][0] if j is not None else self.title_index

        target = parse_value(cell("target"), block("target"), name)
        op = operator_of(text_of(cell("operator"))) if cell("operator") is not None else ""
        if not op and target is not None and target.op:
            op = target.op
        if not op and target is not None and target.quantity is None:
            op = "定性"
        return Indicator(
            level1=level1,
            level2=level2,
            name=name,
            loc=self.tokens[values[0]][1].text.loc if values else Location(),
            operator=op,
            target=target,
            unit=text_of(cell("unit")) if cell("unit") is not None else "",
            actual=parse_value(cell("actual"), block("actual"), name),
            weight=self.number(weight_at, name),
            score=self.number(weight_at + 1, name),
            deduction=any(w in level1 for w in word_list("deduction_words")),
        )


def _tokens(ctx: ExtractContext, title_index: int) -> list[tuple[int, Cell]]:
    """The paragraphs after a title, as cells: up to the next title, a table or a part of the
    document (第X部分, 一、)."""
    out: list[tuple[int, Cell]] = []
    blocks = ctx.doc.blocks
    for j in range(title_index + 1, min(len(blocks), title_index + 1 + _MAX_TOKENS)):
        b = blocks[j]
        if not isinstance(b, Paragraph):
            break
        text = b.text.text.strip()
        if not text:
            continue
        if _is_title(text) or re.match(
            r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)", text
        ):
            break
        out.append((j, Cell(b.text)))
    return out
