"""Page geometry for the PDF reader: glyphs into lines, rules into table grids, lines into
paragraphs. Pure functions over plain tuples, so they can be tested without pdfminer.

Coordinates are top-down (y grows downwards from the top of the page) and in points. They
are floats: fine for geometry, never used for an amount.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# --------------------------------------------------------------------------- text tidying


def is_cjk(ch: str) -> bool:
    """Ideographs, CJK punctuation and full-width forms: the characters next to which a PDF
    producer's spaces carry no meaning."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
        or 0x3000 <= o <= 0x303F
        or o in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026, 0x00B7)
    )


_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000]+")


def tidy(s: str) -> str:
    """Collapse runs of spaces; drop a space that touches a Chinese character or Chinese
    punctuation ("延至 2026 年" → "延至2026年"), keep one between two numbers or words."""
    s = _SPACES.sub(" ", s).strip()
    if " " not in s:
        return s
    out: list[str] = []
    n = len(s)
    for i, ch in enumerate(s):
        if ch == " ":
            prev = out[-1] if out else ""
            nxt = s[i + 1] if i + 1 < n else ""
            if not prev or not nxt or is_cjk(prev) or is_cjk(nxt):
                continue
        out.append(ch)
    return "".join(out)


def join_wrapped(a: str, b: str) -> str:
    """Join two visual lines of one paragraph or cell: no separator for Chinese, for a number
    wrapped in a narrow cell ("12751.6" + "5") or a word broken after a hyphen; one space
    between two Latin words."""
    if not a:
        return b
    if not b:
        return a
    x, y = a[-1], b[0]
    if x.isascii() and x.isalpha() and y.isascii() and y.isalnum():
        return a + " " + b
    if x in ",;:)" and y.isascii() and y.isalpha():
        return a + " " + b
    return a + b


# --------------------------------------------------------------------------- glyphs and lines


@dataclass(slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline, top-down
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int = 0
    number: int = 0  # 1-based line within its page (text lines outside tables)
    bold: bool = False

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs that share a baseline form a line; lines top to bottom, glyphs left to right.
    Digits of another font may sit a few points off the Chinese baseline box, so lines are
    grouped by baseline, not by bounding box."""
    if not glyphs:
        return []
    order = sorted(glyphs, key=lambda g: (g.base, g.x0))
    lines: list[list[Glyph]] = []
    cur: list[Glyph] = [order[0]]
    base = order[0].base
    for g in order[1:]:
        tol = max(1.0, 0.35 * max(g.size, cur[-1].size))
        if abs(g.base - base) <= tol:
            cur.append(g)
        else:
            lines.append(cur)
            cur = [g]
            base = g.base
    lines.append(cur)
    for ln in lines:
        ln.sort(key=lambda g: g.x0)
    return lines


def line_text(glyphs: list[Glyph], gap_factor: float = 0.3) -> str:
    """The text of one visual line. A space goes where the PDF has one or where the gap
    between two glyphs is wide; duplicated glyphs (fake bold: the same glyph drawn twice,
    slightly offset) are dropped."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None:
            if g.text == prev.text and abs(g.x0 - prev.x0) < 0.3 * max(prev.x1 - prev.x0, 1.0):
                continue
            gap = g.x0 - prev.x1
            if gap > gap_factor * max(g.size, prev.size) and not g.text.isspace():
                out.append(" ")
        out.append(g.text)
        prev = g
    return tidy("".join(out))


def split_at_gaps(glyphs: list[Glyph], factor: float = 4.0) -> list[list[Glyph]]:
    """A line of prose never has a gap of several characters: where a line has one, its
    pieces are separate texts ("编制部门：某某局" … "单位：元", "项目负责人：" … "财务负责人：")."""
    out: list[list[Glyph]] = [[]]
    last: Glyph | None = None
    for g in glyphs:
        if g.text.isspace():
            out[-1].append(g)
            continue
        if last is not None and g.x0 - last.x1 > factor * max(g.size, last.size):
            out.append([])
        out[-1].append(g)
        last = g
    return out


def make_line(glyphs: list[Glyph]) -> Line | None:
    visible = [g for g in glyphs if not g.text.isspace()]
    if not visible:
        return None
    text = line_text(glyphs)
    if not text:
        return None
    sizes = sorted(g.size for g in visible)
    return Line(
        text=text,
        x0=min(g.x0 for g in visible),
        x1=max(g.x1 for g in visible),
        top=min(g.top for g in visible),
        bottom=max(g.bottom for g in visible),
        size=sizes[len(sizes) // 2],
    )


# --------------------------------------------------------------------------- rules and grids


@dataclass(slots=True)
class Seg:
    """An axis-parallel rule: horizontal (pos = y, a..b = x range) or vertical (pos = x,
    a..b = y range)."""

    pos: float
    a: float
    b: float


SNAP = 2.0  # points: rules closer than this are the same rule
MAX_CELLS = 20000  # a grid with more cells than this is a drawing


def merge_segs(segs: list[Seg]) -> list[Seg]:
    """Collinear rules that touch or overlap become one (Word draws each cell edge apart)."""
    if not segs:
        return []
    segs = sorted(segs, key=lambda s: (s.pos, s.a))
    rows: list[list[Seg]] = []
    for s in segs:
        if rows and abs(s.pos - rows[-1][0].pos) <= 1.0:
            rows[-1].append(s)
        else:
            rows.append([s])
    out: list[Seg] = []
    for row in rows:
        pos = sum(s.pos for s in row) / len(row)
        row.sort(key=lambda s: s.a)
        cur = Seg(pos, row[0].a, row[0].b)
        for s in row[1:]:
            if s.a <= cur.b + 3.0:
                cur.b = max(cur.b, s.b)
            else:
                out.append(cur)
                cur = Seg(pos, s.a, s.b)
        out.append(cur)
    return out


def cluster(values: Iterable[float], tol: float = SNAP) -> list[float]:
    vals = sorted(values)
    out: list[list[float]] = []
    for v in vals:
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


@dataclass
class Grid:
    """A ruled table on one page: column edges `xs`, row edges `ys`, and which grid cells
    are merged into one (a cell with no rule between it and its neighbour)."""

    xs: list[float]
    ys: list[float]
    hsegs: dict[int, list[Seg]]  # row-edge index → rules on that edge
    vsegs: dict[int, list[Seg]]  # column-edge index → rules on that edge
    region: list[list[int]] = field(default_factory=list)  # [r][c] → region id
    boxes: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)  # r0,c0,r1,c1

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    @property
    def nrows(self) -> int:
        return len(self.ys) - 1

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[0] - 1 <= y <= self.ys[-1] + 1

    def cell_at(self, x: float, y: float) -> tuple[int, int]:
        c = min(max(bisect.bisect_right(self.xs, x) - 1, 0), self.ncols - 1)
        r = min(max(bisect.bisect_right(self.ys, y) - 1, 0), self.nrows - 1)
        return r, c


def _covers(segs: list[Seg], at: float) -> bool:
    return any(s.a - SNAP <= at <= s.b + SNAP for s in segs)


def find_grids(h: list[Seg], v: list[Seg]) -> list[Grid]:
    """Connected sets of horizontal and vertical rules with at least two of each are
    tables. Their edges give the grid; a missing rule between two grid cells merges them."""
    h = merge_segs(h)
    v = merge_segs(v)
    if len(h) < 2 or len(v) < 2:
        return []
    if len(h) * len(v) > MAX_CELLS * 20:
        return []  # a drawing made of thousands of strokes, not a table
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    v.sort(key=lambda s: s.pos)
    vpos = [s.pos for s in v]
    for i, hs in enumerate(h):
        # only the vertical rules within the horizontal rule's x range can touch it
        lo = bisect.bisect_left(vpos, hs.a - SNAP)
        hi = bisect.bisect_right(vpos, hs.b + SNAP)
        for j in range(lo, hi):
            vs = v[j]
            if vs.a - SNAP <= hs.pos <= vs.b + SNAP:
                a, b = find(i), find(len(h) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Seg], list[Seg]]] = {}
    for i, hs in enumerate(h):
        groups.setdefault(find(i), ([], []))[0].append(hs)
    for j, vs in enumerate(v):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(vs)
    grids: list[Grid] = []
    for hh, vv in groups.values():
        if len(hh) < 2 or len(vv) < 2:
            continue
        xs = cluster(s.pos for s in vv)
        ys = cluster(s.pos for s in hh)
        if len(xs) < 2 or len(ys) < 2:
            continue
        if xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 8:
            continue
        if (len(xs) - 1) * (len(ys) - 1) > MAX_CELLS:
            continue  # graph paper or a hatched drawing, not a table
        grid = Grid(xs, ys, _by_edge(hh, ys), _by_edge(vv, xs))
        _regions(grid)
        grids.append(grid)
    grids.sort(key=lambda g: g.ys[0])
    return grids


def _by_edge(segs: list[Seg], edges: list[float]) -> dict[int, list[Seg]]:
    out: dict[int, list[Seg]] = {}
    for s in segs:
        i = bisect.bisect_left(edges, s.pos - SNAP)
        if i < len(edges) and abs(edges[i] - s.pos) <= SNAP:
            out.setdefault(i, []).append(s)
    return out


def _regions(grid: Grid) -> None:
    """Union grid cells that no rule separates; each region is one visual cell."""
    nr, nc = grid.nrows, grid.ncols
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(nr):
        ymid = (grid.ys[r] + grid.ys[r + 1]) / 2
        for c in range(nc - 1):
            if not _covers(grid.vsegs.get(c + 1, []), ymid):
                union(r * nc + c, r * nc + c + 1)
    for c in range(nc):
        xmid = (grid.xs[c] + grid.xs[c + 1]) / 2
        for r in range(nr - 1):
            if not _covers(grid.hsegs.get(r + 1, []), xmid):
                union(r * nc + c, (r + 1) * nc + c)
    region = [[find(r * nc + c) for c in range(nc)] for r in range(nr)]
    boxes: dict[int, tuple[int, int, int, int]] = {}
    for r in range(nr):
        for c in range(nc):
            k = region[r][c]
            if k in boxes:
                r0, c0, r1, c1 = boxes[k]
                boxes[k] = (min(r0, r), min(c0, c), max(r1, r), max(c1, c))
            else:
                boxes[k] = (r, c, r, c)
    grid.region = region
    grid.boxes = boxes


# --------------------------------------------------------------------------- paragraphs

_ENUM_START = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[部分章节条]|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}(?:[、．]|\.(?!\d))|[①-⑳])"
)
_SENTENCE_END = tuple("。；：！？;:!?")


def _enum_style(text: str) -> str | None:
    m = _ENUM_START.match(text)
    if not m:
        return None
    t = m.group(0)
    if t.startswith("第"):
        return "part"
    if t[0] in "（(":
        return "paren-num" if t[1].isdigit() else "paren-cn"
    if t[0].isdigit():
        return "num"
    return "cn" if t[0] in "一二三四五六七八九十" else "circle"


# characters that may not start a line: a line breaks before the character they follow
_NO_LINE_START = frozenset("，。、；：！？）》」』】”’％%,.;:!?)]}…—·")


def unbreakable_width(text: str, size: float) -> float:
    """The width of the first piece of `text` a line cannot be broken inside: a character
    with the punctuation that must follow it, or a whole number or Latin word. A line
    that ends closer to the right edge than this was full."""
    if not text:
        return 0.0
    i = 1
    if text[0].isascii() and text[0].isalnum():
        while i < len(text) and text[i].isascii() and (text[i].isalnum() or text[i] in ".,%"):
            i += 1
    while i < len(text) and text[i] in _NO_LINE_START:
        i += 1
    return sum(0.55 * size if ch.isascii() else size for ch in text[:i]) - 0.1 * size


@dataclass
class Margins:
    left: float
    right: float
    body: float  # typical body font size
    indented: bool = False  # paragraphs start with an indented first line


def page_margins(lines: list[Line]) -> Margins | None:
    """Where body text starts and ends on pages of one size: the usual left and right ends
    of the longer lines (percentiles, so one odd line does not move them); and whether
    the lines after a full stop are mostly indented (Chinese paragraphs usually are)."""
    if not lines:
        return None
    sizes = sorted(ln.size for ln in lines)
    body = sizes[len(sizes) // 2]
    widest = max(ln.x1 - ln.x0 for ln in lines)
    long = [ln for ln in lines if ln.x1 - ln.x0 >= 0.6 * widest and abs(ln.size - body) < 1.0]
    if not long:
        long = [ln for ln in lines if ln.x1 - ln.x0 >= 0.6 * widest]
    lefts = sorted(ln.x0 for ln in long)
    rights = sorted(ln.x1 for ln in long)
    left = lefts[len(lefts) // 10]
    right = rights[(len(rights) * 9) // 10]
    starts = [
        cur.x0 - left
        for prev, cur in itertools.pairwise(lines)
        if prev.text.endswith("。")
        and abs(cur.size - body) < 1.0
        and not _ENUM_START.match(cur.text)
    ]
    indented = sum(1 for d in starts if 1.2 * body <= d <= 3.2 * body) * 2 > len(starts) > 0
    return Margins(left, right, body, indented)


def continues(prev: Line, cur: Line, m: Margins | None, same_page: bool, page_width: float) -> bool:
    """Is `cur` the next visual line of the paragraph `prev` ends? The previous line must
    be full (it runs to the right margin, or the first piece of the next line would not
    have fit) and the next must not be indented (Chinese paragraphs start indented); a
    line that stops mid-sentence continues on an unindented line where paragraphs are
    indented; a centred title wrapped onto a second centred line also continues."""
    if m is None:
        return False
    size = max(prev.size, cur.size)
    if abs(prev.size - cur.size) > 0.15 * size:
        return False
    gap = cur.top - prev.bottom
    if same_page and (gap > 3 * size or gap < -0.5 * size):
        return False
    near = not same_page or gap <= 1.2 * size
    full = prev.x1 >= m.right - 1.5 * size or prev.x1 + unbreakable_width(cur.text, size) > m.right
    # a line also ends early when the next word cannot be broken ("占" | "15.16%；") or
    # may not start a line ("（项）"); then it does not end with a full stop
    nearly = prev.x1 >= m.right - 8 * size and not prev.text.endswith(_SENTENCE_END)
    flush = cur.x0 <= m.left + 0.8 * size
    if near and (full or nearly) and flush:
        if _ENUM_START.match(cur.text):
            # a new numbered item, unless the line before is full and mid-sentence; two
            # items of one style in a row are a list or a table of contents
            if not full or prev.text.endswith(_SENTENCE_END):
                return False
            if _enum_style(prev.text) == _enum_style(cur.text):
                return False
        return True
    if (
        m.indented
        and flush
        and prev.x0 <= m.left + 3.2 * size
        and not prev.text.endswith(_SENTENCE_END)
        and not _ENUM_START.match(cur.text)
        and (nearly or not _ENUM_START.match(prev.text))
        and abs(size - m.body) < 1.0
    ):
        # "…市场供应" | "应急机制，…": a line broken mid-sentence; where paragraphs are
        # indented, an unindented line is not a new paragraph
        return True
    if same_page and near:
        mid = page_width / 2
        centred = abs(prev.center - mid) < 1.5 * size and abs(cur.center - mid) < 1.5 * size
        if (
            centred
            and prev.x0 > m.left + 0.8 * size
            and (prev.x1 - prev.x0) >= 0.5 * (m.right - m.left)
            and size > m.body + 0.5
            and not _ENUM_START.match(cur.text)
            and not prev.text.endswith("…")  # a table of contents line
        ):
            return True
    return False


def is_title(lines: list[Line], m: Margins | None, page_width: float) -> bool:
    """A title ("名词解释", "2025年部门预算编制说明"): one or two centred lines, clearly larger
    than the body text, short, not a sentence and not a table of contents line. Word
    would give it a heading style; the PDF keeps only its look."""
    if m is None or not lines or len(lines) > 2:
        return False
    text = "".join(ln.text for ln in lines)
    if len(text) > 45 or text.endswith(_SENTENCE_END) or "…" in text:
        return False
    mid = page_width / 2
    return all(
        ln.size >= 1.2 * m.body
        and abs(ln.center - mid) < 2 * ln.size
        and ln.x1 - ln.x0 < 0.8 * (m.right - m.left)
        for ln in lines
    )


# the dashes and rules printed around a page number: "- 3 -", "— 3 —", "─ 11 ─"
_DASHES = "-—–─━―－·"
_PAGE_NUMBER = re.compile(
    rf"^[{_DASHES}\s]*(?:第\s*)?(\d{{1,4}})\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?\d{{1,4}}\s*页?)?"
    rf"[{_DASHES}\s]*$"
)


def page_number_in(text: str) -> int | None:
    """The number a page-number line prints ("─ 11 ─", "第3页", "3/20"), or None."""
    m = _PAGE_NUMBER.match(text.strip())
    return int(m.group(1)) if m else None


def is_page_furniture(line: Line, page_height: float) -> bool:
    """A page number in the top or bottom margin is not part of the text."""
    near_edge = line.top < 0.07 * page_height or line.bottom > 0.93 * page_height
    return near_edge and page_number_in(line.text) is not None


# --------------------------------------------------------------------------- unruled tables

_NUMERIC = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")


def _chunks(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Pieces of a line separated by a gap wider than about a character."""
    out: list[list[Glyph]] = []
    for g in glyphs:
        if g.text.isspace():
            continue
        if out and g.x0 - out[-1][-1].x1 <= 1.2 * max(g.size, out[-1][-1].size):
            out[-1].append(g)
        else:
            out.append([g])
    return out


def aligned_runs(glines: list[list[Glyph]]) -> list[tuple[int, int, list[float]]]:
    """Tables without rules: at least three consecutive lines in pieces whose gaps line up
    into at least two column gaps, with figures in them. Returns (first line, last line,
    column separators)."""
    out: list[tuple[int, int, list[float]]] = []
    pieces = [_chunks(gl) for gl in glines]
    n = len(glines)
    i = 0
    while i < n:
        if len(pieces[i]) < 2:
            i += 1
            continue
        j = i
        while j + 1 < n and len(pieces[j + 1]) >= 2:
            size = max(g.size for g in glines[j])
            gap = min(g.top for g in glines[j + 1]) - max(g.bottom for g in glines[j])
            if gap > 2.5 * size:
                break
            j += 1
        if j - i + 1 >= 3:
            seps = _separators(pieces[i : j + 1])
            numeric = sum(
                1
                for ps in pieces[i : j + 1]
                if any(_NUMERIC.match("".join(g.text for g in p)) for p in ps)
            )
            if len(seps) >= 2 and numeric * 3 >= j - i + 1:
                out.append((i, j, seps))
        i = j + 1
    return out


def _separators(rows: list[list[list[Glyph]]]) -> list[float]:
    """x positions no piece of (nearly) any row crosses, between the pieces."""
    spans = [(p[0].x0, p[-1].x1) for ps in rows for p in ps]
    lo = min(a for a, _ in spans)
    hi = max(b for _, b in spans)
    size = max(g.size for ps in rows for p in ps for g in p)
    step = 1.0
    nbins = int((hi - lo) / step) + 1
    cover = [0] * nbins
    for ps in rows:
        seen = [False] * nbins
        for p in ps:
            a = int((p[0].x0 - lo) / step)
            b = int((p[-1].x1 - lo) / step)
            for k in range(max(a, 0), min(b + 1, nbins)):
                seen[k] = True
        for k in range(nbins):
            if seen[k]:
                cover[k] += 1
    allowed = len(rows) // 10
    seps: list[float] = []
    k = 0
    while k < nbins:
        if cover[k] <= allowed:
            start = k
            while k < nbins and cover[k] <= allowed:
                k += 1
            if (k - start) * step >= 0.8 * size and start > 0 and k < nbins:
                seps.append(lo + (start + k) / 2 * step)
        else:
            k += 1
    return seps
