"""The table row a finding sits in, for display.

A figure in a table means little alone: "99" is a 得分 in the 合计 row of one project's
自评表. Text conversions of Word tables put each cell on its own line, so the finding's
source line is a lone number. This module finds the row (the table cell whose location is
the finding's), pairs each cell with the column heading above it, and marks the figures.

The heading row is the nearest row above that reads as one: two or more cells, none of them
a number. Text-layout rows may be shorter than the heading row (a 合计 label spanning the
leading columns): they are aligned from the right, the label kept without a heading.
Display only: nothing here changes what is reported.
"""

from __future__ import annotations

import re

from govaudit.model import Cell, Document, FileReport, Finding, Location, Table, TableRow

NUMBER = re.compile(r"^[-+−]?[\d,，]*\.?\d+\s*[%％‰]?$")
HEADING_REACH = 200  # rows to look up for a heading row
MAX_CELL = 40  # characters of a cell shown


def flat(text: str) -> str:
    """A cell's text on one line: the line breaks of a narrow cell ("一级\\n指标") vanish,
    a space stays only between two Latin letters or digits."""
    out = ""
    for piece in text.split():
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and piece[0].isascii()
            and piece[0].isalnum()
        ):
            out += " "
        out += piece
    return out


def _numeric(text: str) -> bool:
    return bool(NUMBER.match(text.strip()))


def _cell_locs(cell: Cell) -> list[Location]:
    return [loc for _, loc in cell.text.anchors]


def index_cells(doc: Document) -> dict[Location, tuple[Table, int, int]]:
    """Every table cell's locations → (table, row, column)."""
    out: dict[Location, tuple[Table, int, int]] = {}
    for block in doc.blocks:
        if not isinstance(block, Table):
            continue
        for r, row in enumerate(block.rows):
            for c, cell in enumerate(row):
                for loc in _cell_locs(cell):
                    out.setdefault(loc, (block, r, c))
    return out


def _live(row: list[Cell]) -> list[tuple[int, Cell]]:
    return [(c, cell) for c, cell in enumerate(row) if not cell.merged]


def _is_heading(head: list[Cell], width: int) -> bool:
    """Two or more cells, none a number, about as wide as the row (width) it heads."""
    texts = [cell.text.text.strip() for _, cell in _live(head) if cell.text.text.strip()]
    return len(texts) >= 2 and len(head) >= width - 1 and not any(_numeric(t) for t in texts)


def _headings(table: Table, r: int) -> list[str] | None:
    """Column headings for row r: one per column of the heading row (a cell spanning
    several columns names each of them)."""
    row = table.rows[r]
    if not any(_numeric(cell.text.text) for _, cell in _live(row)):
        return None  # a row of words (评价结论, 项目名称) needs no headings
    for h in range(r - 1, max(-1, r - 1 - HEADING_REACH), -1):
        head = table.rows[h]
        if _is_heading(head, len(row)):
            names: list[str] = []
            for cell in head:
                if cell.merged and names:
                    names.append(names[-1])  # the tail of a horizontally merged heading
                else:
                    names.append(flat(cell.text.text))
            return names
    return None


def _window(text: str, marks: tuple[str, ...]) -> str:
    """A long cell cut to MAX_CELL characters around the finding's figure (or its start)."""
    if len(text) <= MAX_CELL:
        return text
    pos = next((text.find(m) for m in marks if m and m in text), 0)
    lo = max(0, min(pos - MAX_CELL // 3, len(text) - MAX_CELL))
    hi = lo + MAX_CELL
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def row_view(table: Table, r: int, c: int, finding: Finding) -> TableRow:
    row = table.rows[r]
    names = _headings(table, r)
    offset = 0
    if names is not None and len(row) < len(names):
        offset = len(names) - len(row)  # a short row lines up with the heading row's right end
    texts = [(i, flat(cell.text.text)) for i, cell in _live(row)]
    # another figure of the finding is marked where it is the text of exactly one cell
    others = {m for m in finding.highlights if m and sum(1 for _, t in texts if t == m) == 1}
    cells: list[tuple[str, str]] = []
    marks: list[int] = []
    for i, text in texts:
        if not text:
            continue
        heading = ""
        if names is not None and 0 <= i + offset < len(names):
            heading = names[i + offset]
            if i == 0 and offset and not _numeric(text):
                heading = ""  # the row's label, spanning the leading columns
        if heading == text:
            heading = ""
        if i == c:
            marks.insert(0, len(cells))
        elif text in others:
            marks.append(len(cells))
        cells.append((heading, _window(text, finding.highlights)))
    locs = [loc for _, cell in _live(row) for loc in _cell_locs(cell)]
    first = locs[0] if locs else table.loc
    last = locs[-1] if locs else first
    return TableRow(cells=tuple(cells), marks=tuple(dict.fromkeys(marks)), first=first, last=last)


def attach_rows(report: FileReport) -> None:
    """Give each finding in a table cell its row (report.document must still be set)."""
    doc = report.document
    if doc is None or not report.findings:
        return
    index: dict[Location, tuple[Table, int, int]] | None = None
    for f in report.findings:
        if index is None:
            index = index_cells(doc)
            if not index:
                return
        hit = index.get(f.loc)
        if hit is not None:
            f.row = row_view(*hit, f)
