"""Highlight annotations on a PDF copy (pypdf), the message as each one's note.

A finding on a PDF knows its page, and its line or table cell there. The page's characters
are read again with pdfminer (as the reader read them) and set into lines by their baseline;
the figure is looked for in those lines, and of several equal numbers the one is taken whose
line agrees best with the finding's own words: the characters before the figure in its
sentence, or the other cells of its table row. The highlight covers the figure's glyphs
(its QuadPoints), and its /Contents is the comment. A finding that cannot be placed on its
page gets a note (a Text annotation) at the top of the page, or of the first page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from govaudit.annotate.notes import AUTHOR, note
from govaudit.model import Finding, occurrence

YELLOW = "ffff00"


@dataclass
class _Line:
    """Characters of one line, left to right, each with its box (PDF user space): a line is
    the characters whose boxes overlap in height (figures set in another font sit a little
    off the words' baseline)."""

    lo: float
    hi: float
    chars: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)

    def takes(self, y0: float, y1: float) -> bool:
        mid = (y0 + y1) / 2
        return self.lo <= mid <= self.hi or y0 <= (self.lo + self.hi) / 2 <= y1

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.chars)


def annotate_pdf(source: str, target: str, findings: list[Finding], lang: str) -> tuple[int, int]:
    """Write `target`: `source` with one highlight (or note) per finding. (placed, at the top)."""
    from pypdf import PdfReader, PdfWriter

    with open(source, "rb") as fh:
        data = fh.read()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    lines_of: dict[int, list[_Line]] = {}
    placed = unplaced = 0
    for f in findings:
        page = f.loc.page
        box = None
        if page is not None and 1 <= page <= len(writer.pages):
            if page not in lines_of:
                lines_of[page] = _page_lines(data, page)
            box = _find(lines_of[page], f)
        if box is not None:
            _highlight(writer, page - 1, box, note(f, lang))  # type: ignore[operator]
            placed += 1
        else:
            at = page - 1 if page is not None and 1 <= page <= len(writer.pages) else 0
            _sticky(writer, at, note(f, lang, unplaced=True), unplaced)
            unplaced += 1
    with open(target, "wb") as out:
        writer.write(out)
    return placed, unplaced


def _page_lines(data: bytes, page: int) -> list[_Line]:
    """The page's characters in lines (by baseline, left to right)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    chars: list[Any] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, LTChar):
            chars.append(obj)
            return
        for kid in getattr(obj, "_objs", ()) or ():
            walk(kid)

    for layout in extract_pages(io.BytesIO(data), page_numbers=[page - 1], laparams=None):
        walk(layout)
    lines: list[_Line] = []
    for ch in sorted(chars, key=lambda c: (-round(c.y1, 0), c.x0)):
        text = ch.get_text()
        if not text.strip():
            continue
        line = next((ln for ln in reversed(lines[-8:]) if ln.takes(ch.y0, ch.y1)), None)
        if line is None:
            line = _Line(ch.y0, ch.y1)
            lines.append(line)
        line.lo, line.hi = min(line.lo, ch.y0), max(line.hi, ch.y1)
        line.chars.append((text, (ch.x0, ch.y0, ch.x1, ch.y1)))
    for ln in lines:
        ln.chars.sort(key=lambda c: c[1][0])
    return lines


def _find(lines: list[_Line], f: Finding) -> tuple[float, float, float, float] | None:
    """The box of the finding's figure on its page, or None."""
    figure = f.highlights[0] if f.highlights else ""
    before = ""
    if f.span is not None and f.source:
        figure = f.source[f.span[0] : f.span[1]] or figure
        before = f.source[max(0, f.span[0] - 24) : f.span[0]]
    figure = "".join(figure.split())
    if not figure:
        return None
    row = [c for _, c in f.row.cells] if f.row is not None else []
    best: tuple[int, int, _Line] | None = None
    for ln in lines:
        text = ln.text
        at = occurrence(text, figure, "".join(before.split()))
        if at is None:
            continue
        score = _agree(text, at, "".join(before.split())) + 10 * sum(
            1 for c in row if c and c != figure and "".join(c.split()) in text
        )
        if best is None or score > best[0]:
            best = (score, at, ln)
    if best is None:
        return None
    _, at, ln = best
    boxes = [b for _, b in ln.chars[at : at + len(figure)]]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _agree(text: str, at: int, before: str) -> int:
    n = 0
    while n < len(before) and n < at and text[at - 1 - n] == before[-1 - n]:
        n += 1
    return n


def _highlight(writer: Any, index: int, box: tuple[float, float, float, float], text: str) -> None:
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    x0, y0, x1, y1 = box
    quad = ArrayObject([FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0)])
    annot = Highlight(rect=(x0, y0, x1, y1), quad_points=quad, highlight_color=YELLOW)
    annot[NameObject("/Contents")] = TextStringObject(text)
    annot[NameObject("/T")] = TextStringObject(AUTHOR)
    writer.add_annotation(page_number=index, annotation=annot)


def _sticky(writer: Any, index: int, text: str, n: int) -> None:
    """A note at the top left of the page (stacked when there are several)."""
    from pypdf.annotations import Text
    from pypdf.generic import NameObject, TextStringObject

    box = writer.pages[index].mediabox
    top = float(box.top) - 24 - 22 * n
    left = float(box.left) + 12
    annot = Text(rect=(left, top - 18, left + 18, top), text=text, open=False)
    annot[NameObject("/T")] = TextStringObject(AUTHOR)
    writer.add_annotation(page_number=index, annotation=annot)
