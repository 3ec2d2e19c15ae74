"""Tables of a PDF: the cells of one page's table, and a table that runs over several pages
joined into one.

A ruled table gives a grid per page. Its visual cells (grid cells no rule separates) are
stored as the .docx reader stores them: the text in the first grid cell, `merged` fillers
after and below it. A table continues on the next page when the next page starts with a
table of the same outer edges and that table either repeats the whole header, starts with a
body row (a figure or a code), starts with the rest of the row the page break cut, or the
previous page had no room left for its first row — or the previous page ends with the
table's first header row alone (a one-row grid of headings: "收入 | 支出"). The pieces are put on one column grid
(the union of their column edges, so a row that merges cells on one page lines up with the
rows of the other), the repeated header is dropped, the cut row joined, and a vertically
merged cell cut by the page break stays one merged cell.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace

from govaudit.readers.pdf_layout import (
    Glyph,
    Grid,
    Line,
    group_lines,
    join_wrapped,
    line_text,
    unbreakable_width,
)

EDGE_TOL = 3.0  # points: column edges closer than this on two pages are the same edge

# a figure or a subject code filling a cell: the mark of a body row
_NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")
# a value that fills a cell on its own: a figure, or a placeholder for none
_VALUE = re.compile(r"^(?:-?[\d,]+(?:\.\d+)?%?|[/／\-—–－]+)$")
# a cell that starts a new item: a code, 一、, （一）
_CODE_OR_ENUM = re.compile(
    r"^(?:\d{2,}|[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[)）])"
)


@dataclass(slots=True)
class PCell:
    """One grid cell of a page table."""

    text: str
    merged: bool = False  # repeats a merged neighbour: its text is in the first cell
    span: int = 1  # on the first column of a visual cell: the grid columns it covers
    lead: bool = True  # the first grid column of its visual cell
    up: bool = False  # continues the visual cell above it (a vertical merge)
    room: float = 0.0  # the space left at the end of its last line (points)
    size: float = 0.0  # the font size of its last line


@dataclass
class PageTable:
    """A table on one page, or several pages joined (`page` is the page of its last piece)."""

    page: int
    xs: list[float]  # column edges
    top: float  # top of the first piece
    bottom: float  # bottom of the last piece
    rows: list[list[PCell]]
    row_pages: list[int]
    first_row_height: float
    ruled: bool = True
    # a grid of one row is a frame around text unless it continues a table: its lines
    lines: list[Line] = field(default_factory=list)

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1


# --------------------------------------------------------------------------- one page


def page_table(grid: Grid, glyphs: list[Glyph], page: int) -> PageTable:
    """The cells of a ruled grid from the glyphs inside it."""
    by_region: dict[int, list[Glyph]] = {}
    for g in glyphs:
        r, c = grid.cell_at(g.cx, g.cy)
        by_region.setdefault(grid.region[r][c], []).append(g)
    texts: dict[int, str] = {}
    last_lines: dict[int, tuple[float, float]] = {}  # region → x1, size of its last line
    pad = 1e9
    for k, gl in by_region.items():
        text = ""
        left = grid.xs[grid.boxes[k][1]]
        last: list[Glyph] = []
        for ln in group_lines(gl):
            t = line_text(ln)
            if not t:
                continue
            text = join_wrapped(text, t)
            first = next(g for g in ln if not g.text.isspace())
            pad = min(pad, first.x0 - left)
            last = ln
        if last:
            visible = [g for g in last if not g.text.isspace()]
            last_lines[k] = (visible[-1].x1, max(g.size for g in visible))
        texts[k] = text
    pad = max(0.0, pad) if pad < 1e9 else 0.0
    room: dict[int, float] = {
        k: grid.xs[grid.boxes[k][3] + 1] - pad - x1 for k, (x1, _) in last_lines.items()
    }
    rows: list[list[PCell]] = []
    for r in range(grid.nrows):
        row: list[PCell] = []
        for c in range(grid.ncols):
            k = grid.region[r][c]
            r0, c0, _r1, c1 = grid.boxes[k]
            lead = c == c0
            first = (r, c) == (r0, c0)
            row.append(
                PCell(
                    texts.get(k, "") if first else "",
                    merged=not first,
                    span=c1 - c0 + 1 if lead else 1,
                    lead=lead,
                    up=r > r0,
                    room=room.get(k, 0.0),
                    size=last_lines.get(k, (0.0, 0.0))[1],
                )
            )
        rows.append(row)
    return PageTable(
        page,
        list(grid.xs),
        grid.ys[0],
        grid.ys[-1],
        rows,
        [page] * len(rows),
        grid.ys[1] - grid.ys[0],
    )


def aligned_table(glines: list[list[Glyph]], seps: list[float], page: int) -> PageTable:
    """A table without rules: one row per line, columns between the separators."""
    lo = min(g.x0 for gl in glines for g in gl) - 1
    hi = max(g.x1 for gl in glines for g in gl) + 1
    xs = [lo, *seps, hi]
    nc = len(xs) - 1
    rows: list[list[PCell]] = []
    for gl in glines:
        cols: list[list[Glyph]] = [[] for _ in range(nc)]
        for g in gl:
            c = min(max(bisect.bisect_right(xs, g.cx) - 1, 0), nc - 1)
            cols[c].append(g)
        rows.append([PCell(line_text(cg) if cg else "") for cg in cols])
    tops = [min(g.top for g in gl) for gl in glines]
    bottom = max(g.bottom for g in glines[-1])
    first_height = (tops[1] if len(tops) > 1 else bottom) - tops[0]
    return PageTable(page, xs, tops[0], bottom, rows, [page] * len(rows), first_height, False)


# --------------------------------------------------------------------------- across pages


def same_edges(a: PageTable, b: PageTable) -> bool:
    """The outer edges match (the inner ones may differ where one page's rows merge cells
    the other page's do not)."""
    if abs(a.xs[0] - b.xs[0]) > EDGE_TOL or abs(a.xs[-1] - b.xs[-1]) > EDGE_TOL:
        return False
    return (a.ruled and b.ruled) or a.ncols == b.ncols


def join_if_continued(a: PageTable, b: PageTable, room: float) -> bool:
    """Append `b` (the first item of a page) to `a` (the last item of the page before) when
    `b` continues it; `room` is the space left below `a` on its page."""
    if not same_edges(a, b):
        return False
    xs = a.xs
    a_rows, b_rows = a.rows, b.rows
    if a.ruled and b.ruled and (len(a.xs) != len(b.xs) or _moved(a.xs, b.xs)):
        xs = _union(a.xs, b.xs)
        regridded = _regrid(a.rows, a.xs, xs), _regrid(b.rows, b.xs, xs)
        if regridded[0] is None or regridded[1] is None:
            return False  # two edges of one piece fall on one edge of the other
        a_rows, b_rows = regridded
    repeated = _repeated_header(a_rows, b_rows)
    if repeated is None:
        return False  # b repeats part of a's header only: a new table of the same form
    rows, pages = b_rows[repeated:], b.row_pages[repeated:]
    if not repeated and rows:
        cut = _is_cut_row(a_rows[-1], rows[0])
        header_alone = len(a_rows) == 1 and bool(a.lines) and not _is_body_row(a_rows[0])
        if not (cut or header_alone or _is_body_row(rows[0]) or room < b.first_row_height + 2.0):
            return False
    else:
        cut = bool(rows) and _is_cut_row(a_rows[-1], rows[0])
    a.xs, a.rows = xs, a_rows
    if cut:
        a.rows[-1] = _join_cut(a.rows[-1], rows[0])
        rows, pages = rows[1:], pages[1:]
    if rows:
        _continue_merges(a.rows, rows[0])
    a.rows.extend(rows)
    a.row_pages.extend(pages)
    a.page = b.page
    a.bottom = b.bottom
    return True


def _moved(xa: list[float], xb: list[float]) -> bool:
    return any(abs(p - q) > 0.5 for p, q in zip(xa, xb, strict=True))


def _union(xa: list[float], xb: list[float]) -> list[float]:
    """One set of column edges for both pieces; the first piece's edges win."""
    out = list(xa)
    for x in xb:
        i = bisect.bisect_left(out, x)
        near = [j for j in (i - 1, i) if 0 <= j < len(out) and abs(out[j] - x) <= EDGE_TOL]
        if not near:
            out.insert(i, x)
    return out


def _regrid(
    rows: list[list[PCell]], old: list[float], new: list[float]
) -> list[list[PCell]] | None:
    """The rows on a finer column grid: a cell over several new columns is merged over
    them. None when two old edges fall on one new edge."""
    edge = [min(range(len(new)), key=lambda j, x=x: abs(new[j] - x)) for x in old]
    if any(q <= p for p, q in itertools.pairwise(edge)):
        return None
    if len(new) == len(old):
        return rows  # the same columns: nothing to add
    out: list[list[PCell]] = []
    for row in rows:
        nrow: list[PCell] = []
        for c, cell in enumerate(row):
            width = edge[c + 1] - edge[c]
            span = edge[min(c + cell.span, len(old) - 1)] - edge[c] if cell.lead else 1
            if span == cell.span:
                nrow.append(cell)  # cells are never changed in place: share it
            else:
                nrow.append(
                    PCell(cell.text, cell.merged, span, cell.lead, cell.up, cell.room, cell.size)
                )
            nrow.extend(PCell("", True, 1, False, cell.up) for _ in range(width - 1))
        out.append(nrow)
    return out


def _texts(row: list[PCell]) -> list[str]:
    return [c.text for c in row]


def _is_body_row(row: list[PCell]) -> bool:
    """A row of figures or codes, never the first row of a new table."""
    return any(not c.merged and _NUMBER.match(c.text) for c in row)


def _repeated_header(a: list[list[PCell]], b: list[list[PCell]]) -> int | None:
    """How many leading rows of `b` repeat `a`'s header (0 if none); None when `b` repeats
    only the first rows of the header: then it is another table that starts the same way
    (the same form filled in for another project)."""
    k = 0
    while k < len(b) and k < len(a) and _texts(b[k]) == _texts(a[k]):
        k += 1
    if not k or not any(c.text for row in b[:k] for c in row):
        return 0
    header = next((i for i, row in enumerate(a) if _is_body_row(row)), len(a))
    return k if k >= header else None


def _is_cut_row(last: list[PCell], first: list[PCell]) -> bool:
    """Is `first` (the first row on the next page) the rest of `last`, the row the page
    break cut? Its cells are the same cells (same column edges), and no cell goes on with a
    second value (a figure, "/") or a new item. An empty row is the empty rest of a cut row. Otherwise
    the text goes on where the line before the break was full (the next piece of text did
    not fit: most of the cells that go on), or as the short end of a label in a few cells
    only — but a label in the first column that was not full is a new row's label."""
    if len(last) != len(first):
        return False
    for x, y in zip(last, first, strict=True):
        if x.lead != y.lead or (x.lead and x.span != y.span):
            return False
    going_on: list[tuple[int, PCell, PCell]] = []
    for c, (x, y) in enumerate(zip(last, first, strict=True)):
        if not y.text:
            continue
        if not x.text:
            return False
        if _VALUE.match(x.text) or _VALUE.match(y.text) or _CODE_OR_ENUM.match(y.text):
            return False
        going_on.append((c, x, y))
    if not going_on:
        return True
    full = [c for c, x, y in going_on if x.room < unbreakable_width(y.text, x.size or y.size)]
    if 2 * len(full) > len(going_on):
        return True
    if going_on[0][0] == 0 and 0 not in full:
        return False
    # the end of a label that wraps ("经济成本" | "指标") in a row whose other cells ended
    # before the break
    written = sum(1 for x in last if x.text)
    return len(going_on) < written and all(
        len(y.text) <= 6 and not x.text.endswith(_SENTENCE_END) for _, x, y in going_on
    )


_SENTENCE_END = tuple("。！？!?")


def _join_cut(last: list[PCell], first: list[PCell]) -> list[PCell]:
    """The cells of the row the page break cut, their text joined."""
    return [
        replace(x, text=join_wrapped(x.text, y.text), room=y.room, size=y.size) if y.text else x
        for x, y in zip(last, first, strict=True)
    ]


def _continue_merges(rows: list[list[PCell]], row: list[PCell]) -> None:
    """An empty cell under a vertically merged cell that the page break cut is the rest of
    that merged cell, as it is in the Word file the PDF was made from. So is an empty cell
    at the start of the row under a label, in a column whose labels span rows in the body
    of the table (a 二级指标 that starts on the last row of the page)."""
    above = rows[-1]
    if len(above) != len(row):
        return
    body = next((i for i, r in enumerate(rows) if _is_body_row(r)), len(rows))
    # the rows near the break tell: a long table is not scanned again at every page
    recent = rows[max(body + 1, len(rows) - 60) :]
    spanning = {c for r in recent for c, cell in enumerate(r) if cell.up}
    leading = True
    for c, (x, y) in enumerate(zip(above, row, strict=True)):
        if y.text:
            leading = False
        if y.text or y.lead != x.lead or (x.lead and x.span != y.span):
            continue
        if x.up or (leading and x.text and c in spanning):
            row[c] = PCell("", True, x.span, x.lead, True)
