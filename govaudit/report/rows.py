"""The table row a finding sits in, for display.

A figure in a table means little alone: "99" is a 得分 in the 合计 row of one project's
自评表. Text conversions of Word tables put each cell on its own line, so the finding's
source line is a lone number. This module finds the row (the table cell whose location is
the finding's), pairs each cell with the column heading above it, and marks the figures.

The heading row is the table's own: the nearest row above with a heading over every column
in which this row has a number (a row of words above the amounts, no number in it) — so a
data row without amounts ("三、国防支出" with empty cells) is never taken for one. A heading
cell spanning several columns names each of them; a cell that continues a vertical merge
takes the heading above it. Every reader gives the same view: a text-layout row shorter than
the heading row (a 合计 label spanning the leading columns), and a Word/PDF row whose few
cells are followed by one empty cell spanning most of the table (the same 合计 row, typed
left-aligned), are lined up with the heading row's right end, the label kept without a
heading. Display only: nothing here changes what is reported.
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


def _names(table: Table, h: int) -> list[str]:
    """The heading of each grid column in row h: a cell spanning several columns names each
    of them; a cell continuing a vertical merge takes the name above it. Worked down from
    the nearest row above without a merged cell, each row once (a Word table of many
    vertically merged rows would otherwise be walked again for every merged cell)."""
    start = h
    while start > 0 and any(cell.merged for cell in table.rows[start]):
        start -= 1
    above: list[str] = []
    for k in range(start, h + 1):
        above = _row_names(table.rows[k], above)
    return above


def _row_names(row: list[Cell], above: list[str]) -> list[str]:
    names: list[str] = []
    covered = 0  # columns still covered by the last spanning cell
    for c, cell in enumerate(row):
        if cell.merged and covered > 0:
            names.append(names[-1])
            covered -= 1
            continue
        if cell.merged:  # a vertical continuation: the heading of the row above
            names.append(above[c] if c < len(above) else "")
            continue
        names.append(flat(cell.text.text))
        covered = max(cell.span - 1, 0)
    return names


def _compact(row: list[Cell], width: int) -> bool:
    """A Word/PDF row whose cells end in one empty cell spanning most of the table: its
    few cells belong at the right end, as a short text-layout row's do."""
    live = _live(row)
    if len(live) < 2:
        return False
    _, last = live[-1]
    return not last.text.text.strip() and last.span > 1 and last.span * 2 > width


def _headings(table: Table, r: int) -> tuple[list[str], list[int]] | None:
    """Column headings for row r and the column each of its live cells stands in."""
    row = table.rows[r]
    live = _live(row)
    numbers = [k for k, (_, cell) in enumerate(live) if _numeric(cell.text.text)]
    if not numbers:
        return None  # a row of words (评价结论, 项目名称) needs no headings
    for h in range(r - 1, max(-1, r - 1 - HEADING_REACH), -1):
        head = table.rows[h]
        if any(_numeric(cell.text.text) for _, cell in _live(head)):
            continue  # a row of figures is no heading
        names = _names(table, h)
        if sum(1 for n in names if n) < 2:
            continue
        if len(row) < len(names) or _compact(row, len(names)):
            start = len(names) - len(live)  # lined up with the heading row's right end
            cols = [start + k for k in range(len(live))]
        else:
            cols = [c for c, _ in live]
        if all(0 <= cols[k] < len(names) and names[cols[k]] for k in numbers):
            return names, cols
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
    found = _headings(table, r)
    names, cols = found if found is not None else ([], [])
    live = _live(row)
    texts = [(i, flat(cell.text.text)) for i, cell in live]
    # another figure of the finding is marked where it is the text of exactly one cell
    others = {m for m in finding.highlights if m and sum(1 for _, t in texts if t == m) == 1}
    shifted = bool(cols) and cols != [i for i, _ in live]
    cells: list[tuple[str, str]] = []
    marks: list[int] = []
    for k, (i, text) in enumerate(texts):
        if not text:
            continue
        heading = names[cols[k]] if cols and 0 <= cols[k] < len(names) else ""
        if k == 0 and shifted and not _numeric(text):
            heading = ""  # the row's label, spanning the leading columns
        if heading == text:
            heading = ""
        if i == c:
            marks.insert(0, len(cells))
        elif text in others:
            marks.append(len(cells))
        cells.append((heading, _window(text, finding.highlights)))
    locs = [loc for _, cell in live for loc in _cell_locs(cell)]
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
