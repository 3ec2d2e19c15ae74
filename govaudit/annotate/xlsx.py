"""Excel cell comments on an .xlsx copy (openpyxl).

A finding's place is the reader's (readers/xlsx.py): `Location(sheet, row, col)` is Excel's
own sheet, row and column, so the comment goes on that very cell. Two findings on one cell
share its comment (one block each). A finding with no cell (a sheet-wide one, or one whose
sheet is gone) goes on cell A1 of the first sheet. openpyxl keeps values, formulas, styles
and merged cells; it does not keep charts or pictures, which a copy for review can spare.
"""

from __future__ import annotations

from govaudit.annotate.notes import AUTHOR, note
from govaudit.model import Finding

WIDTH, HEIGHT = 360, 180  # the comment box, in points: room for a message


def annotate_xlsx(source: str, target: str, findings: list[Finding], lang: str) -> tuple[int, int]:
    """Write `target`: `source` with a comment per finding. (placed, at the top)."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    wb = load_workbook(source)
    notes: dict[tuple[str, int, int], list[str]] = {}
    placed = unplaced = 0
    for f in findings:
        loc = f.loc
        if loc.sheet in wb.sheetnames and loc.row and loc.col:
            key = (loc.sheet, loc.row, loc.col)
            notes.setdefault(key, []).append(note(f, lang))
            placed += 1
        else:
            key = (wb.sheetnames[0], 1, 1)
            notes.setdefault(key, []).append(note(f, lang, unplaced=True))
            unplaced += 1
    for (sheet, row, col), texts in notes.items():
        cell = wb[sheet].cell(row=row, column=col)
        old = cell.comment.text + "\n\n" if cell.comment is not None else ""
        comment = Comment(old + "\n\n".join(texts), AUTHOR)
        comment.width, comment.height = WIDTH, HEIGHT * len(texts)
        cell.comment = comment
    wb.save(target)
    return placed, unplaced
