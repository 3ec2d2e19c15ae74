"""PDF documents, read with pdfminer.six in one layout pass per page.

Each page gives its glyphs and its rules (lines and thin rectangles). Connected rules with
at least two horizontal and two vertical members are a ruled table: its grid comes from the
rules, and a cell with no rule between it and its neighbour is one merged cell (stored as
the .docx reader does: the text in the first cell, `merged=True` fillers after it). Glyphs
outside tables become lines, and lines become paragraphs again: a line that runs to the
right margin followed by one that is not indented is the same paragraph, across a page
break too. A table that runs over several pages is one table (pdf_tables.py).

Locations: `page` is the 1-based page; `line` the 1-based text line within that page;
table cells carry page, table, row and column.
"""

from __future__ import annotations

import bisect
import io
import itertools
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from govaudit.errors import InputError
from govaudit.model import Block, Cell, Document, Location, Paragraph, Table, Text
from govaudit.readers.pages import repeats, signature
from govaudit.readers.pdf_layout import (
    Glyph,
    Line,
    Margins,
    Seg,
    aligned_runs,
    continues,
    find_grids,
    group_lines,
    is_page_furniture,
    is_title,
    join_wrapped,
    make_line,
    merge_segs,
    page_margins,
    page_number_in,
    split_at_gaps,
)
from govaudit.readers.pdf_tables import PageTable, aligned_table, join_if_continued, page_table

SCAN_MESSAGE = (
    "该 PDF 没有文字层（可能是扫描件），无法检查数字：请提供可复制文字的 PDF 或原始 Word/Excel 文件"
)
SCAN_MESSAGE_EN = (
    "the PDF has no text layer (probably a scan): its figures cannot be checked. "
    "Provide a PDF with selectable text, or the original Word/Excel file."
)

THIN = 2.0  # a rectangle thinner than this (points) is a rule


# --------------------------------------------------------------------------- page content


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    items: list[tuple[float, Line | PageTable]]  # (top, item) in reading order
    chars: int = 0
    images: int = 0
    unmapped: int = 0

    @property
    def size(self) -> tuple[int, int]:
        return round(self.width), round(self.height)


def _walk(objs: object, out: list[object]) -> None:
    from pdfminer.layout import LTContainer, LTTextContainer

    for o in objs:  # type: ignore[attr-defined]
        if isinstance(o, LTContainer) and not isinstance(o, LTTextContainer):
            out.append(o)
            _walk(o, out)
        else:
            out.append(o)


def _page_content(ltpage: object, number: int) -> PageContent:
    """Glyphs and rules of one laid-out page → lines and tables, top to bottom."""
    from pdfminer.layout import LTChar, LTCurve, LTImage, LTLine, LTRect

    x0p, y0p, x1p, y1p = ltpage.bbox  # type: ignore[attr-defined]
    height = y1p - y0p
    objs: list[object] = []
    _walk(ltpage, objs)
    glyphs: list[Glyph] = []
    hsegs: list[Seg] = []
    vsegs: list[Seg] = []
    images = 0
    unmapped = 0
    for o in objs:
        if isinstance(o, LTChar):
            text = o.get_text()
            if text.startswith("(cid:"):
                unmapped += 1
                continue
            top = y1p - o.y1
            bottom = y1p - o.y0
            if o.upright:
                base = y1p - o.matrix[5]
            else:
                base = bottom
            glyphs.append(Glyph(text, o.x0, o.x1, top, bottom, base, o.size))
        elif isinstance(o, LTImage):
            images += 1
        elif isinstance(o, LTRect | LTLine):
            if _invisible(o):
                continue
            _add_rule(o.x0, y1p - o.y1, o.x1, y1p - o.y0, hsegs, vsegs, (x1p - x0p) * height)
        elif isinstance(o, LTCurve):
            pts = getattr(o, "pts", None) or []
            for (ax, ay), (bx, by) in itertools.pairwise(pts):
                _add_rule(
                    min(ax, bx),
                    y1p - max(ay, by),
                    max(ax, bx),
                    y1p - min(ay, by),
                    hsegs,
                    vsegs,
                    (x1p - x0p) * height,
                )
    hsegs += _cut_edges(hsegs, vsegs)
    grids = find_grids(hsegs, vsegs)
    # a single column is a frame around text; a single row too, unless it continues a
    # table from the page before (decided when the pages are joined)
    grids = [g for g in grids if g.ncols >= 2]
    in_table: list[list[Glyph]] = [[] for _ in grids]
    free: list[Glyph] = []
    for g in glyphs:
        cx, cy = g.cx, g.cy
        for i, grid in enumerate(grids):
            if grid.contains(cx, cy):
                in_table[i].append(g)
                break
        else:
            free.append(g)
    items: list[tuple[float, Line | PageTable]] = []
    for grid, gl in zip(grids, in_table, strict=True):
        pt = page_table(grid, gl, number)
        if grid.nrows == 1:
            pt.lines = _lines(group_lines(gl), number, height)
        items.append((pt.top, pt))
    glines = group_lines(free)
    in_run: set[int] = set()
    for first, last, seps in aligned_runs(glines):
        pt = aligned_table(glines[first : last + 1], seps, number)
        items.append((pt.top, pt))
        in_run.update(range(first, last + 1))
    items.extend(
        (ln.top, ln)
        for ln in _lines([gl for k, gl in enumerate(glines) if k not in in_run], number, height)
    )
    _sort(items)
    chars = sum(1 for g in glyphs if not g.text.isspace())
    return PageContent(number, x1p - x0p, height, items, chars, images, unmapped)


def _lines(glines: list[list[Glyph]], page: int, height: float) -> list[Line]:
    """Text lines from glyph lines; the pieces of one visual line far apart are separate
    lines with the same line number (see _number_lines)."""
    out: list[Line] = []
    for glist in glines:
        pieces = [ln for part in split_at_gaps(glist) if (ln := make_line(part)) is not None]
        if not pieces:
            continue
        top = min(ln.top for ln in pieces)
        for ln in pieces:
            if is_page_furniture(ln, height):
                continue
            ln.page = page
            ln.top = top  # the pieces of one line sort together, left to right
            out.append(ln)
    return out


def _sort(items: list[tuple[float, Line | PageTable]]) -> None:
    items.sort(key=lambda it: (it[0], it[1].x0 if isinstance(it[1], Line) else 0.0))


def _invisible(o: object) -> bool:
    """A shape painted white only: a cell's background (spreadsheet exports fill every cell
    of the print area, title rows too), never a rule."""
    stroke = getattr(o, "stroke", False)
    fill = getattr(o, "fill", False)
    if stroke:
        return _white(getattr(o, "stroking_color", None))
    return fill and _white(getattr(o, "non_stroking_color", None))


def _white(color: object) -> bool:
    if isinstance(color, int | float):
        return color >= 0.95  # gray
    if isinstance(color, tuple | list) and color and all(isinstance(c, int | float) for c in color):
        if len(color) == 4:  # CMYK
            return all(c <= 0.05 for c in color)
        return all(c >= 0.95 for c in color)  # gray or RGB
    return False


def _add_rule(
    x0: float,
    top: float,
    x1: float,
    bottom: float,
    hsegs: list[Seg],
    vsegs: list[Seg],
    page_area: float,
) -> None:
    w = x1 - x0
    h = bottom - top
    if h <= THIN and w > THIN:
        hsegs.append(Seg((top + bottom) / 2, x0, x1))
    elif w <= THIN and h > THIN:
        vsegs.append(Seg((x0 + x1) / 2, top, bottom))
    elif w > THIN and h > THIN and w * h < 0.8 * page_area:
        # a bordered box: its four edges
        hsegs.append(Seg(top, x0, x1))
        hsegs.append(Seg(bottom, x0, x1))
        vsegs.append(Seg(x0, top, bottom))
        vsegs.append(Seg(x1, top, bottom))


CUT_EDGE_MIN = 3  # column rules that end together without a row rule: a row cut by the page


def _cut_edges(hsegs: list[Seg], vsegs: list[Seg]) -> list[Seg]:
    """The missing top (or bottom) rule of a table row the page break cut: a table that goes
    on from the page before often draws its first row's column rules but not the rule above
    it (that rule closed the table on the page before). Three or more column rules that start
    (end) at one height with no row rule there enclose a row all the same; without the rule
    its cells would be read as loose lines above the table."""
    verticals = merge_segs(vsegs)
    if len(verticals) < CUT_EDGE_MIN:
        return []
    rows = sorted(merge_segs(hsegs), key=lambda s: s.pos)
    ys = [s.pos for s in rows]
    out: list[Seg] = []
    for end in (0, 1):  # 0: the tops, 1: the bottoms
        points = sorted(((s.b if end else s.a), s.pos) for s in verticals)
        group: list[tuple[float, float]] = []
        for y, x in [*points, (float("inf"), 0.0)]:
            if group and y - group[0][0] > SNAP_CUT:
                _close(group, rows, ys, out)
                group = []
            group.append((y, x))
    return out


SNAP_CUT = 2.0


def _close(
    group: list[tuple[float, float]], rows: list[Seg], ys: list[float], out: list[Seg]
) -> None:
    """Add the row rule a group of column rules ending at one height is missing."""
    if len(group) < CUT_EDGE_MIN:
        return
    y = sum(p[0] for p in group) / len(group)
    x0 = min(p[1] for p in group)
    x1 = max(p[1] for p in group)
    lo = bisect.bisect_left(ys, y - SNAP_CUT)
    hi = bisect.bisect_right(ys, y + SNAP_CUT)
    if any(rows[i].a <= x0 + SNAP_CUT and rows[i].b >= x1 - SNAP_CUT for i in range(lo, hi)):
        return  # the rule is there
    out.append(Seg(y, x0, x1))


# --------------------------------------------------------------------------- pages → document


def _page_texts(page: PageContent) -> list[str]:
    """A page's text for comparing pages, without its printed page number."""
    out: list[str] = []
    for _, it in page.items:
        if isinstance(it, Line):
            if page_number_in(it.text) is None:
                out.append(it.text)
        else:
            out.extend(c.text for row in it.rows for c in row if not c.merged)
            out.extend(ln.text for ln in it.lines)
    return out


def _drop_repeated(pages: list[PageContent]) -> list[tuple[int, int]]:
    """A page printed twice is read once: the copy leaves `pages` (a table or paragraph
    that runs from the page before it goes on after it), and is returned as (page, the
    earlier page it repeats) for the document's profile."""
    found = repeats([signature(_page_texts(p)) for p in pages])
    if not found:
        return []
    out = [(pages[i].number, pages[j].number) for i, j in sorted(found.items())]
    pages[:] = [p for i, p in enumerate(pages) if i not in found]
    return out


def _repeated_meta(repeated: list[tuple[int, int]]) -> list[dict[str, int | None]]:
    return [{"page": page, "same_as": same, "line": None} for page, same in repeated]


def _drop_running_lines(pages: list[PageContent]) -> None:
    """A running header or footer (the same short line in the top or bottom margin of many
    pages) is not part of the text, and would cut a paragraph that runs over the page."""
    if len(pages) < 3:
        return
    seen: dict[str, set[int]] = {}
    for page in pages:
        for _, it in page.items:
            if isinstance(it, Line) and _in_margin(it, page.height):
                seen.setdefault(it.text, set()).add(page.number)
    running = {t for t, ps in seen.items() if len(ps) >= max(3, len(pages) * 2 // 5)}
    if not running:
        return
    for page in pages:
        page.items = [
            (top, it)
            for top, it in page.items
            if not (isinstance(it, Line) and it.text in running and _in_margin(it, page.height))
        ]


def _drop_page_numbers(pages: list[PageContent]) -> None:
    """A page's number, printed as the last (or first) line of the page, is not text even
    where it sits well inside the margin ("─ 11 ─" at 90% of the height): left in, it cuts
    the paragraph that runs over the page, or is read into it ("─ 11 ─休支出（项）…").
    Known by its sequence: on several pages the line's number is the page's number plus
    one and the same offset (a cover and a table of contents are often not counted)."""
    found: list[tuple[PageContent, int, int]] = []  # page, item index, printed − page number
    for page in pages:
        ends = {0, len(page.items) - 1} if page.items else set()
        for i in sorted(ends):
            item = page.items[i][1]
            if not isinstance(item, Line):
                continue
            n = page_number_in(item.text)
            if n is not None:
                found.append((page, i, n - page.number))
    offsets = Counter(off for _, _, off in found)
    sequenced = {off for off, k in offsets.items() if k >= 2}
    drop: dict[int, set[int]] = {}
    for page, i, off in found:
        if off in sequenced:
            drop.setdefault(page.number, set()).add(i)
    for page in pages:
        gone = drop.get(page.number)
        if gone:
            page.items = [it for k, it in enumerate(page.items) if k not in gone]


def _in_margin(line: Line, height: float) -> bool:
    return len(line.text) <= 40 and (line.top < 0.1 * height or line.bottom > 0.9 * height)


def _join_pages(pages: list[PageContent], copies: set[int]) -> None:
    """A table that ends one page and goes on at the top of the next is one table: the
    pieces are joined into the first (and leave the later pages' items). A one-row grid
    that continues nothing, and that the next page does not continue, is a frame around
    text: its lines take its place."""
    bottoms: dict[tuple[int, int], float] = {}
    for page in pages:
        for _, it in page.items:
            bottoms[page.size] = max(bottoms.get(page.size, 0.0), it.bottom)
    open_: PageTable | None = None
    open_page: PageContent | None = None
    open_size = (0, 0)
    caption: list[str] = []  # the lines right over the open table where it started
    for page in pages:
        items = page.items
        # the next page of the file, or the one after a copy that was left out (a page that
        # could not be read breaks the join)
        follows = open_ is not None and all(n in copies for n in range(open_.page + 1, page.number))
        joined = False
        if open_ is not None and follows and items:
            k = _repeated_caption(items, caption)
            first = items[k][1] if k < len(items) else None
            room = bottoms[open_size] - open_.bottom
            if isinstance(first, PageTable) and join_if_continued(open_, first, room):
                del items[: k + 1]
                open_.lines = []  # a heading row the next page went on from: a table
                open_size = page.size
                joined = True
        if open_page is not None and not joined:
            _frames_to_lines(open_page, keep_last=False)
        open_page = None
        if joined and not items:
            continue
        last = next((it for _, it in reversed(items) if not _page_number(it)), None)
        _frames_to_lines(page, keep_last=True)
        items = page.items
        if isinstance(last, PageTable) and last is not open_:
            caption = _caption(items, last)
        open_ = last if isinstance(last, PageTable) else None
        if open_ is not None and open_.lines:
            open_page = page  # decided when the next page is read
        open_size = page.size
    if open_page is not None:
        _frames_to_lines(open_page, keep_last=False)


_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$")


def _page_number(item: Line | PageTable) -> bool:
    """A page number under a table ("17", "- 17 -"): the table may go on over it."""
    return isinstance(item, Line) and bool(_PAGE_NUMBER.match(item.text))


CAPTION_LINES = 4  # a title, "部门：…", "单位：万元" repeated over a table's next piece


def _caption(items: list[tuple[float, Line | PageTable]], table: PageTable) -> list[str]:
    """The texts of the lines right over a table on its page."""
    i = next(i for i, (_, it) in enumerate(items) if it is table)
    out: list[str] = []
    for _, it in reversed(items[max(0, i - CAPTION_LINES) : i]):
        if not isinstance(it, Line):
            break
        out.append(it.text)
    return out


def _repeated_caption(items: list[tuple[float, Line | PageTable]], caption: list[str]) -> int:
    """How many lines at the top of a page repeat the lines over the table the page before
    ended with (its title, "部门：…", "单位：万元" printed again over its next piece)."""
    k = 0
    while k < len(items) and k < CAPTION_LINES:
        it = items[k][1]
        if not isinstance(it, Line) or it.text not in caption:
            break
        k += 1
    return k


def _frames_to_lines(page: PageContent, keep_last: bool) -> None:
    """One-row grids become their lines (a frame around text), except — with `keep_last` —
    a one-row grid that ends the page: the next page may go on from it."""
    items = page.items
    last = next((it for _, it in reversed(items) if not _page_number(it)), None)
    if not any(isinstance(it, PageTable) and it.lines for _, it in items):
        return
    expanded: list[tuple[float, Line | PageTable]] = []
    for top, it in items:
        if isinstance(it, PageTable) and it.lines and not (keep_last and it is last):
            expanded.extend((ln.top, ln) for ln in it.lines)
        else:
            expanded.append((top, it))
    _sort(expanded)
    page.items = expanded


def _number_lines(pages: list[PageContent]) -> None:
    """Text lines (outside tables) are numbered from 1 on each page; the pieces of one
    visual line share its number."""
    for page in pages:
        n = 0
        prev: Line | None = None
        for _, it in page.items:
            if isinstance(it, Line):
                if prev is None or it.top != prev.top or it.x0 < prev.x1:
                    n += 1
                it.number = n
                prev = it


def _build(
    pages: list[PageContent], copies: set[int] | None = None
) -> tuple[list[Block], list[dict[str, Any]]]:
    """Lines → paragraphs, page tables → tables, in reading order across pages; and the
    titles, listed as the .docx reader lists its heading-styled paragraphs. `copies`: the
    pages left out as copies of earlier ones (what runs over one goes on after it)."""
    _drop_page_numbers(pages)
    _drop_running_lines(pages)
    _join_pages(pages, copies or set())
    _number_lines(pages)
    blocks: list[Block] = []
    headings: list[dict[str, Any]] = []
    para: list[Line] = []
    prev_line: Line | None = None
    prev_margins: Margins | None = None
    order: list[PageTable | list[Line]] = []
    by_size: dict[tuple[int, int], list[Line]] = {}
    for page in pages:
        by_size.setdefault(page.size, []).extend(it for _, it in page.items if isinstance(it, Line))
    size_margins = {key: page_margins(lines) for key, lines in by_size.items()}

    def flush() -> None:
        nonlocal para
        if para:
            order.append(para)
            para = []

    for page in pages:
        margins = size_margins[page.size]
        for _, item in page.items:
            if isinstance(item, PageTable):
                flush()
                prev_line = None
                order.append(item)
                continue
            if prev_line is not None and continues(
                prev_line,
                item,
                margins if prev_line.page == item.page else prev_margins,
                prev_line.page == item.page,
                page.width,
            ):
                para.append(item)
            else:
                flush()
                para = [item]
            prev_line = item
        # the last line of this page may go on at the top of the next one
        prev_margins = margins
    flush()
    page_of = {page.number: page for page in pages}
    table_no = 0
    for entry in order:
        if isinstance(entry, PageTable):
            table_no += 1
            blocks.append(_table(entry, table_no))
            continue
        para = _paragraph(entry)
        page = page_of[entry[0].page]
        if is_title(entry, size_margins[page.size], page.width):
            para.kind = "heading"
            headings.append({"block": len(blocks), "level": 1, "text": para.text.text})
        blocks.append(para)
    return blocks, headings


def _paragraph(lines: list[Line]) -> Paragraph:
    text = ""
    anchors: list[tuple[int, Location]] = []
    for ln in lines:
        joined = join_wrapped(text, ln.text)
        start = len(joined) - len(ln.text)
        anchors.append((start, Location(page=ln.page, line=ln.number)))
        text = joined
    return Paragraph(Text(text, tuple(anchors)))


def _table(pt: PageTable, number: int) -> Table:
    rows: list[list[Cell]] = []
    for i, (row, page) in enumerate(zip(pt.rows, pt.row_pages, strict=True), start=1):
        cells = []
        for j, cell in enumerate(row, start=1):
            loc = Location(page=page, table=number, row=i, col=j)
            cells.append(Cell(Text(cell.text, ((0, loc),)), merged=cell.merged, span=cell.span))
        rows.append(cells)
    return Table(
        rows=rows, loc=Location(page=pt.row_pages[0] if pt.row_pages else None, table=number)
    )


# --------------------------------------------------------------------------- pdfminer


@contextmanager
def _quiet() -> Iterator[None]:
    """pdfminer logs and warns about every oddity of a file; our messages say what matters."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _damaged(name: str, detail: str = "") -> InputError:
    extra = f"（{detail}）" if detail else ""
    return InputError(
        f"无法读取 {name}：PDF 文件已损坏或不完整{extra}。请重新下载或重新导出 PDF 后再检查。",
        f"cannot read {name}: the PDF is damaged or incomplete{(' (' + detail + ')') if detail else ''}. "
        "Download or export it again.",
    )


def _encrypted(name: str) -> InputError:
    return InputError(
        f"无法读取 {name}：PDF 已加密（设置了打开密码或不支持的加密方式）。"
        "请提供未加密的 PDF，或原始 Word/Excel 文件。",
        f"cannot read {name}: the PDF is encrypted (it needs a password, or uses an "
        "unsupported encryption). Provide an unencrypted PDF or the original Word/Excel file.",
    )


def read_pdf(path: str, data: bytes) -> Document:
    """Read a PDF into a Document, or raise InputError saying why it cannot be checked."""
    name = path.rsplit("/", 1)[-1]
    with _quiet():
        pages = _read_pages(name, data)
    chars = sum(p.chars for p in pages)
    if chars == 0:
        if sum(p.unmapped for p in pages):
            raise _unmapped(name)
        raise InputError(
            f"无法读取 {name}：{SCAN_MESSAGE}。", f"cannot read {name}: {SCAN_MESSAGE_EN}"
        )
    unmapped = sum(p.unmapped for p in pages)
    if unmapped > chars:
        raise _unmapped(name)
    repeated = _drop_repeated(pages)
    blocks, headings = _build(pages, {page for page, _ in repeated})
    if not blocks:
        raise InputError(
            f"无法读取 {name}：{SCAN_MESSAGE}。", f"cannot read {name}: {SCAN_MESSAGE_EN}"
        )
    meta: dict[str, Any] = {"pages": len(pages) + len(repeated), "headings": headings}
    if repeated:
        meta["repeated_pages"] = _repeated_meta(repeated)
    scanned = [p.number for p in pages if not p.chars and p.images]
    if scanned:
        meta["pages_without_text"] = scanned
    return Document(path=path, format="pdf", blocks=blocks, source_lines=None, meta=meta)


def _unmapped(name: str) -> InputError:
    return InputError(
        f"无法读取 {name}：PDF 中的字体没有文字编码映射，复制出来是乱码，无法检查数字。"
        "请提供原始 Word/Excel 文件，或重新导出 PDF（嵌入字体时保留 Unicode 映射）。",
        f"cannot read {name}: the PDF's fonts have no Unicode mapping, so its text cannot be "
        "extracted. Provide the original Word/Excel file or export the PDF again.",
    )


def _read_pages(name: str, data: bytes) -> list[PageContent]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _encrypted(name) from exc
    except RecursionError as exc:
        raise _damaged(name, "结构嵌套过深") from exc
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise _damaged(name) from exc
    rm = PDFResourceManager(caching=True)
    device = PDFPageAggregator(rm, laparams=None)
    interpreter = PDFPageInterpreter(rm, device)
    pages: list[PageContent] = []
    failed = 0
    try:
        page_iter = PDFPage.create_pages(document)
        number = 0
        while True:
            try:
                page = next(page_iter)
            except StopIteration:
                break
            number += 1
            try:
                interpreter.process_page(page)
                pages.append(_page_content(device.get_result(), number))
            except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
                raise _encrypted(name) from exc
            except InputError:
                raise
            except Exception:  # one unreadable page does not hide the others
                failed += 1
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _encrypted(name) from exc
    except Exception as exc:
        if not pages:
            raise _damaged(name) from exc
    if not pages:
        if failed:
            raise _damaged(name, f"{failed} 页无法解析")
        raise _damaged(name, "没有任何页面")
    return pages
