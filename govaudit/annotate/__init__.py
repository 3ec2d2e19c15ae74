"""Findings back in the officer's own file (`govaudit check 说明.docx --annotate`).

Finance staff work in Word, WPS and Excel, not in a terminal: each finding goes into a copy
of the checked file, as a comment on the figure it names — a Word comment (python-docx), an
Excel cell comment (openpyxl), a PDF highlight with the message as its note (pypdf). The
copy is written beside the original as ``说明.govaudit.docx``; the original is never
opened for writing. A finding whose place cannot be found in the file goes into a comment at
the top, so that every finding the text report shows is in the copy, one comment each.

The room reads a FileReport's findings and the original file; it never computes a finding
(report/ and annotate/ are the two ends of the pipeline).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govaudit.model import Finding

SUFFIXES = (".docx", ".xlsx", ".pdf")
MARK = ".govaudit"  # 说明.docx → 说明.govaudit.docx (check.py never checks such a file)


@dataclass
class Annotated:
    """One copy written: where, how many comments sit on their figure, how many at the top."""

    source: str
    path: str
    placed: int
    unplaced: int


def copy_path(path: str) -> Path:
    p = Path(path)
    return p.with_name(p.stem + MARK + p.suffix)


def can_annotate(path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def annotate(path: str, findings: list[Finding], lang: str = "zh") -> Annotated:
    """Write the annotated copy of `path` with one comment per finding."""
    target = copy_path(path)
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        from govaudit.annotate.docx import annotate_docx as write
    elif suffix == ".xlsx":
        from govaudit.annotate.xlsx import annotate_xlsx as write
    elif suffix == ".pdf":
        from govaudit.annotate.pdf import annotate_pdf as write
    else:
        raise ValueError(f"cannot annotate {path}")
    placed, unplaced = write(path, str(target), findings, lang)
    return Annotated(path, str(target), placed, unplaced)
