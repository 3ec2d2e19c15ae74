"""PDF documents, read with pdfminer.six in one layout pass per page.

Each page gives its glyphs and its rules (lines and thin rectangles). Connected rules with
at least two horizontal and two vertical members are a ruled table: its grid comes from the
rules, and a cell with no rule between it and its neighbour is one merged cell (stored as
the .docx reader does: the text in the first cell, `merged=True` fillers after it). Glyphs
outside tables become lines, and lines become paragraphs again: a line that runs to the
right margin followed by one that is not indented is the same paragraph, across a page
break too. A table that ends one page and starts the next with the same columns is one
table; a row the page break cut in two is joined.

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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from govaudit.errors import InputError
from govaudit.model import Block, Cell, Document, Location, Paragraph, Table, Text
from govaudit.readers.pdf_layout import (
    Glyph,
    Grid,
    Line,
    Margins,
    Seg,
    aligned_runs,
    continues,
    find_grids,
    group_lines,
    is_page_furniture,
    join_wrapped,
    line_text,
    make_line,
    page_margins,
)

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
class PageTable:
    page: int
    grid: Grid
    rows: list[list[tuple[str, bool, int]]]  # (text, merged, span) per grid cell
    row_pages: list[int]

    @property
    def top(self) -> float:
        return self.grid.ys[0]

    @property
    def ncols(self) -> int:
        return self.grid.ncols


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    items: list[tuple[float, Line | PageTable]]  # (top, item) in reading order
    chars: int = 0
    images: int = 0
    unmapped: int = 0


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
    grids = find_grids(hsegs, vsegs)
    # tables with a single row or column are frames around text, not tables
    grids = [g for g in grids if g.nrows >= 2 and g.ncols >= 2]
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
        items.append((grid.ys[0], _page_table(grid, gl, number)))
    glines = group_lines(free)
    in_run: set[int] = set()
    for first, last, seps in aligned_runs(glines):
        pt = _aligned_table(glines[first : last + 1], seps, number)
        items.append((pt.top, pt))
        in_run.update(range(first, last + 1))
    for k, glist in enumerate(glines):
        if k in in_run:
            continue
        ln = make_line(glist)
        if ln is None or is_page_furniture(ln, height):
            continue
        ln.page = number
        items.append((ln.top, ln))
    items.sort(key=lambda it: (it[0], it[1].x0 if isinstance(it[1], Line) else 0.0))
    n = 0
    for _, it in items:
        if isinstance(it, Line):
            n += 1
            it.number = n
    chars = sum(1 for g in glyphs if not g.text.isspace())
    return PageContent(number, x1p - x0p, height, items, chars, images, unmapped)


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


def _page_table(grid: Grid, glyphs: list[Glyph], page: int) -> PageTable:
    by_region: dict[int, list[Glyph]] = {}
    for g in glyphs:
        r, c = grid.cell_at(g.cx, g.cy)
        by_region.setdefault(grid.region[r][c], []).append(g)
    texts: dict[int, str] = {}
    for k, gl in by_region.items():
        text = ""
        for ln in group_lines(gl):
            text = join_wrapped(text, line_text(ln))
        texts[k] = text
    rows: list[list[tuple[str, bool, int]]] = []
    for r in range(grid.nrows):
        row: list[tuple[str, bool, int]] = []
        for c in range(grid.ncols):
            k = grid.region[r][c]
            r0, c0, _r1, c1 = grid.boxes[k]
            if (r, c) == (r0, c0):
                row.append((texts.get(k, ""), False, c1 - c0 + 1))
            elif c == c0:
                row.append(("", True, c1 - c0 + 1))
            else:
                row.append(("", True, 1))
        rows.append(row)
    return PageTable(page, grid, rows, [page] * len(rows))


def _aligned_table(glines: list[list[Glyph]], seps: list[float], page: int) -> PageTable:
    """A table without rules: one row per line, columns between the separators."""
    lo = min(g.x0 for gl in glines for g in gl) - 1
    hi = max(g.x1 for gl in glines for g in gl) + 1
    xs = [lo, *seps, hi]
    ys = [min(g.top for g in gl) for gl in glines] + [max(g.bottom for g in glines[-1])]
    grid = Grid(xs, ys, {}, {})
    nc = len(xs) - 1
    grid.region = [[r * nc + c for c in range(nc)] for r in range(len(glines))]
    grid.boxes = {r * nc + c: (r, c, r, c) for r in range(len(glines)) for c in range(nc)}
    rows: list[list[tuple[str, bool, int]]] = []
    for gl in glines:
        cols: list[list[Glyph]] = [[] for _ in range(nc)]
        for g in gl:
            c = min(max(bisect.bisect_right(xs, g.cx) - 1, 0), nc - 1)
            cols[c].append(g)
        rows.append([(line_text(cg) if cg else "", False, 1) for cg in cols])
    return PageTable(page, grid, rows, [page] * len(rows))


# --------------------------------------------------------------------------- pages → document

_CODE_OR_ENUM = re.compile(
    r"^(?:\d{2,}|[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[)）])"
)
_NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")


def _same_columns(a: PageTable, b: PageTable) -> bool:
    """A table continues on the next page when it has the same outer edges (the inner
    column edges may differ where the rows on one page merge cells the other page's do not)."""
    return abs(a.grid.xs[0] - b.grid.xs[0]) <= 3.0 and abs(a.grid.xs[-1] - b.grid.xs[-1]) <= 3.0


def _join_tables(a: PageTable, b: PageTable) -> None:
    """Append the continuation `b` to `a`: drop a repeated header, join a cut row."""
    rows = b.rows
    pages = b.row_pages
    k = 0
    while k < len(rows) and k < len(a.rows) and _texts(rows[k]) == _texts(a.rows[k]):
        k += 1
    if k and any(t for t, _, _ in (c for row in rows[:k] for c in row)):
        rows, pages = rows[k:], pages[k:]
    if rows and a.rows and len(rows[0]) == len(a.rows[-1]) and _is_cut_row(a.rows[-1], rows[0]):
        last = a.rows[-1]
        a.rows[-1] = [
            (join_wrapped(x[0], y[0]), x[1] and not y[0], x[2])
            for x, y in zip(last, rows[0], strict=True)
        ]
        rows, pages = rows[1:], pages[1:]
    a.rows.extend(rows)
    a.row_pages.extend(pages)


def _texts(row: list[tuple[str, bool, int]]) -> list[str]:
    return [t for t, _, _ in row]


def _is_cut_row(last: list[tuple[str, bool, int]], first: list[tuple[str, bool, int]]) -> bool:
    """The first row of a continuation is the rest of the previous page's last row when
    its first cell is empty, and it neither starts a new item (a code, 一、, （一）) nor
    puts a second number into a column that already has one."""
    if not first or first[0][0] or not last[0][0]:
        return False
    for (x, _, _), (y, _, _) in zip(last, first, strict=True):
        if not y:
            continue
        if _CODE_OR_ENUM.match(y):
            return False
        if x and (_NUMBER.match(x) or _NUMBER.match(y)):
            return False
    return True


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


def _in_margin(line: Line, height: float) -> bool:
    return len(line.text) <= 40 and (line.top < 0.1 * height or line.bottom > 0.9 * height)


def _build(pages: list[PageContent]) -> list[Block]:
    """Lines → paragraphs, page tables → tables, in reading order across pages."""
    _drop_running_lines(pages)
    blocks: list[Block] = []
    para: list[Line] = []
    prev_line: Line | None = None
    prev_margins: Margins | None = None
    last_table: PageTable | None = None
    order: list[PageTable | list[Line]] = []
    by_size: dict[tuple[int, int], list[Line]] = {}
    for page in pages:
        key = (round(page.width), round(page.height))
        by_size.setdefault(key, []).extend(it for _, it in page.items if isinstance(it, Line))
    size_margins = {key: page_margins(lines) for key, lines in by_size.items()}

    def flush() -> None:
        nonlocal para
        if para:
            order.append(para)
            para = []

    for page in pages:
        margins = size_margins[(round(page.width), round(page.height))]
        first_item = True
        for _, item in page.items:
            if isinstance(item, PageTable):
                flush()
                prev_line = None
                if (
                    first_item
                    and last_table is not None
                    and last_table.page + 1 == item.page
                    and _same_columns(last_table, item)
                ):
                    _join_tables(last_table, item)
                    last_table.page = item.page
                else:
                    order.append(item)
                    last_table = item
                first_item = False
                continue
            # a text line
            if last_table is not None and last_table.page != page.number:
                last_table = None
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
            last_table = None
            first_item = False
        # the last line of this page may go on at the top of the next one
        prev_margins = margins
    flush()
    table_no = 0
    for entry in order:
        if isinstance(entry, PageTable):
            table_no += 1
            blocks.append(_table(entry, table_no))
        else:
            blocks.append(_paragraph(entry))
    return blocks


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
        for j, (text, merged, span) in enumerate(row, start=1):
            loc = Location(page=page, table=number, row=i, col=j)
            cells.append(Cell(Text(text, ((0, loc),)), merged=merged, span=span))
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
    blocks = _build(pages)
    if not blocks:
        raise InputError(
            f"无法读取 {name}：{SCAN_MESSAGE}。", f"cannot read {name}: {SCAN_MESSAGE_EN}"
        )
    meta = {"pages": len(pages)}
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
