"""A scored 绩效评价表 flattened into paragraphs: a web page turned into text keeps one cell
per paragraph and drops the row breaks (seed 004). What can still be read without guessing
is a table of 指标分值 and 得分: section headers that state their points
("部门预算管理(80分)", "预算编制(30分)"), then name, points, score for each indicator, then
"总分 96". Anything else ends the table.
"""

from __future__ import annotations

from decimal import Decimal

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.normalize import compact, norm
from govaudit.extract.tables.perf_layout import Segment, cell_number, header_key, word_list
from govaudit.extract.tables.perf_model import Indicator, PerfTable
from govaudit.model import Cell, Paragraph, Quantity
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
