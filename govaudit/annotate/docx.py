"""Word comments on the figures of a .docx copy (python-docx ≥ 1.2 writes comments).

A finding's place is the reader's (readers/docx.py): `Location(paragraph=n)` is the n-th
body paragraph with text, `Location(table=t, row=r, col=c)` the grid cell of the t-th
top-level table. The body is walked here the same way (content controls, tracked
insertions and alternate content opened; deleted rows skipped; gridBefore, gridSpan and
vertical merges counted), so the comment lands on the paragraph or cell the report names.
Within it, the figure is found as the report found it — of several equal numbers, the one
with the same words before it — and the runs around it are split so that the comment covers
the figure and nothing else. Where the figure cannot be found, the comment covers the
paragraph or the cell; where the place cannot be found at all, the comment goes on the
document's first paragraph.
"""

from __future__ import annotations

import copy
from typing import Any

from govaudit.annotate.notes import AUTHOR, INITIALS, note
from govaudit.model import Finding, occurrence

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, R, T, TAB, TBL, TR, TC = (W + x for x in ("p", "r", "t", "tab", "tbl", "tr", "tc"))
OPEN = {W + "customXml", W + "ins", W + "moveTo"}


def annotate_docx(source: str, target: str, findings: list[Finding], lang: str) -> tuple[int, int]:
    """Write `target`: `source` with one comment per finding. (placed, at the top)."""
    import docx

    doc = docx.Document(source)
    body = _Body(doc.element.body)
    placed = unplaced = 0
    for f in findings:
        runs = _runs_for(body, f)
        if runs:
            _comment(doc, runs, note(f, lang))
            placed += 1
        else:
            top = body.first_runs()
            if top is None:
                top = [_new_first_run(doc)]
            _comment(doc, top, note(f, lang, unplaced=True))
            unplaced += 1
    doc.save(target)
    return placed, unplaced


def _comment(doc: Any, runs: list[Any], text: str) -> None:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    def wrap(r: Any) -> Run:
        return Run(r, Paragraph(r.getparent(), doc._body))

    first, *rest = text.split("\n")
    comment = doc.add_comment([wrap(runs[0]), wrap(runs[-1])], first, AUTHOR, INITIALS)
    for line in rest:
        comment.add_paragraph(line)


def _new_first_run(doc: Any) -> Any:
    """A document without a run anywhere gets one (at the top) to hold its comments."""
    p = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    return p.add_run("").element


class _Body:
    """The body's paragraphs and tables numbered as readers/docx.py numbers them."""

    def __init__(self, body: Any) -> None:
        self.paragraphs: list[Any] = []
        self.tables: list[Any] = []
        self._walk(body)

    def _walk(self, container: Any) -> None:
        for el in container:
            tag = el.tag
            if tag == P:
                if _text_of(el).strip():
                    self.paragraphs.append(el)
            elif tag == TBL:
                self.tables.append(el)
            elif tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    self._walk(content)
            elif tag in OPEN:
                self._walk(el)
            elif tag == MC + "AlternateContent":
                branch = el.find(MC + "Choice")
                if branch is None:
                    branch = el.find(MC + "Fallback")
                if branch is not None:
                    self._walk(branch)

    def first_runs(self) -> list[Any] | None:
        for p in self.paragraphs:
            runs = _runs(p)
            if runs:
                return [runs[0]]
        return None

    def cell(self, table: int, row: int, col: int) -> list[Any]:
        """The cell at grid (row, col) of a top-level table, and the cells a vertical merge
        continues it from (its text may sit in the first): w:tc elements."""
        if not 1 <= table <= len(self.tables):
            return []
        grid: dict[tuple[int, int], Any] = {}
        r = 0
        for tr in _children(self.tables[table - 1], TR):
            trpr = tr.find(W + "trPr")
            before = 0
            if trpr is not None:
                if trpr.find(W + "del") is not None:
                    continue
                gb = trpr.find(W + "gridBefore")
                if gb is not None:
                    before = _int(gb.get(W + "val"))
            r += 1
            col_at = before
            for tc in _children(tr, TC):
                span = 1
                tcpr = tc.find(W + "tcPr")
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    if gs is not None:
                        span = max(1, _int(gs.get(W + "val")))
                for k in range(span):
                    grid[(r, col_at + k + 1)] = tc
                col_at += span
        found = grid.get((row, col))
        if found is None:
            return []
        above = [grid[(k, col)] for k in range(row - 1, 0, -1) if (k, col) in grid]
        return [found, *above]


def _runs_for(body: _Body, f: Finding) -> list[Any] | None:
    """The runs (w:r) a finding's comment covers."""
    loc = f.loc
    figure = f.highlights[0] if f.highlights else ""
    before = ""
    if f.span is not None and f.source:
        figure = f.source[f.span[0] : f.span[1]] or figure
        before = f.source[max(0, f.span[0] - 24) : f.span[0]]
    if loc.table is not None and loc.row is not None and loc.col is not None:
        cells = body.cell(loc.table, loc.row, loc.col)
        for tc in cells:
            for p in tc.iter(P):
                hit = _isolate(p, figure, before)
                if hit:
                    return hit
        for tc in cells[:1]:
            runs = [r for p in tc.iter(P) for r in _runs(p)]
            if runs:
                return runs
        return None
    if loc.paragraph is not None and 1 <= loc.paragraph <= len(body.paragraphs):
        p = body.paragraphs[loc.paragraph - 1]
        hit = _isolate(p, figure, before)
        if hit:
            return hit
        runs = _runs(p)
        return runs or None
    return None


def _runs(p: Any) -> list[Any]:
    """The paragraph's own runs (in hyperlinks and insertions too, not in a text box's
    paragraphs), in order."""
    return [r for r in p.iter(R) if _owner(r) is p]


def _owner(el: Any) -> Any:
    node = el.getparent()
    while node is not None and node.tag != P:
        node = node.getparent()
    return node


def _run_text(r: Any) -> str:
    parts = []
    for el in r:
        if el.tag == T:
            parts.append(el.text or "")
        elif el.tag == TAB:
            parts.append(" ")
    return "".join(parts)


def _text_of(p: Any) -> str:
    return "".join(_run_text(r) for r in _runs(p))


def _isolate(p: Any, figure: str, before: str) -> list[Any] | None:
    """The runs that hold `figure` in paragraph `p`, split so that they hold nothing else
    (where a run is plain text); None when the figure is not there."""
    if not figure:
        return None
    runs = _runs(p)
    texts = [_run_text(r) for r in runs]
    text = "".join(texts)
    at = occurrence(text, figure, before)
    if at is None:
        return None
    start, end = at, at + len(figure)
    out = []
    pos = 0
    for r, t in zip(runs, texts, strict=True):
        a, b = pos, pos + len(t)
        pos = b
        if b <= start or a >= end or not t:
            continue
        piece = r
        if a < start and _plain(piece):
            _, piece = _split(piece, start - a)
            a = start
        if b > end and _plain(piece):
            piece, _ = _split(piece, end - a)
        out.append(piece)
    return out or None


def _plain(r: Any) -> bool:
    """A run of one piece of text (with its formatting): it can be cut in two."""
    kids = [el for el in r if el.tag != W + "rPr"]
    return len(kids) == 1 and kids[0].tag == T


def _split(r: Any, at: int) -> tuple[Any, Any]:
    """Cut a plain run at character `at`: (the run with the text before, a new run after it
    with the same formatting and the text from `at`)."""
    t = r.find(T)
    text = t.text or ""
    tail = copy.deepcopy(r)
    t.text = text[:at]
    tail.find(T).text = text[at:]
    for x in (t, tail.find(T)):
        x.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.addnext(tail)
    return r, tail


def _children(el: Any, tag: str) -> list[Any]:
    """Direct children with `tag`, looking through content controls and insertions."""
    out = []
    for kid in el:
        if kid.tag == tag:
            out.append(kid)
        elif kid.tag == W + "sdt":
            content = kid.find(W + "sdtContent")
            if content is not None:
                out.extend(_children(content, tag))
        elif kid.tag in OPEN:
            out.extend(_children(kid, tag))
    return out


def _int(raw: str | None) -> int:
    try:
        return min(max(int(raw or 0), 0), 63)
    except ValueError:
        return 0
