"""One file through the whole pipeline: read → extract → rules → FileReport.

This is the only module that knows all the stages; the CLI and the tests call it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from govaudit import causes
from govaudit.engine.evaluate import run
from govaudit.engine.rules import Rule
from govaudit.errors import GovauditError
from govaudit.extract import extract
from govaudit.extract.base.context import ExtractSettings
from govaudit.extract.base.ledger import coverage
from govaudit.model import Document, FileReport, Finding, Table, Text, occurrence
from govaudit.packs import all_kinds as all_kinds  # the pipeline's callers load rules here
from govaudit.packs import load_rules as load_rules
from govaudit.readers import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES, read_document
from govaudit.readers.text import read_text
from govaudit.report.rows import attach_rows


def check_document(
    doc: Document, rules: list[Rule], settings: ExtractSettings | None = None
) -> FileReport:
    found = extract(doc, settings)
    # a pack for some kinds of document only (rules/budget.yaml: 部门预算, 单位预算)
    rules = [r for r in rules if r.applies_to_document(found.info.kind)]
    profile = found.info.profile
    findings, outcomes = run(rules, found.facts, doc.name, profile.rounding, profile.money_places)
    place(doc, findings)
    findings = causes.group(findings)
    number_repeats(findings)
    figures = coverage(found.ledger, (ref for o in outcomes for ref in o.figures))
    for o in outcomes:
        o.figures = ()  # refs are only valid in this process: the report keeps the counts
    return FileReport(
        path=doc.path,
        findings=findings,
        outcomes=outcomes,
        document=doc,
        figures=figures,
        info=found.info,
        stated=found.ledger.export(),
        priors=tuple(found.ledger.priors),
    )


def _texts(doc: Document) -> dict[int, Text]:
    """Every Text of the document by its id (what `Quantity.src` holds)."""
    out: dict[int, Text] = {}
    for block in doc.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    out[id(cell.text)] = cell.text
        else:
            out[id(block.text)] = block.text
    return out


def place(doc: Document, findings: list[Finding]) -> None:
    """Each finding's source line (or sentence) and where in it its figure stands: the
    occurrence the figure was read from, told apart from an equal number before it by the
    words before each (003 line 24 prints 478.5 twice)."""
    texts: dict[int, Text] | None = None
    for f in findings:
        f.source = doc.line_text(f.loc.line) or f.excerpt
        if f.anchor_ref is None or not f.highlights or not f.highlights[0]:
            continue
        if texts is None:
            texts = _texts(doc)
        f.span = locate(f.source, f.highlights[0], texts.get(f.anchor_ref[0]), f.anchor_ref[1])


def locate(source: str, figure: str, text: Text | None, start: int) -> tuple[int, int] | None:
    """Where `figure`, read at `start` of `text`, stands in `source`."""
    before = text.text[max(0, start - 24) : start] if text is not None else ""
    at = occurrence(source, figure, before)
    return (at, at + len(figure)) if at is not None else None


def number_repeats(findings: list[Finding]) -> None:
    """Two identical sentences give findings with one fingerprint; the second and later
    get their order in it, so that accepting one in a baseline never hides the other
    (the first keeps the fingerprint it always had)."""
    seen: dict[tuple[str, str], int] = {}
    for f in [x for g in findings for x in (g, *g.also)]:
        key = (f.rule, f.fingerprint)
        n = seen[key] = seen.get(key, 0) + 1
        if n > 1:
            f.fingerprint = hashlib.sha1(f"{f.fingerprint}#{n}".encode()).hexdigest()[:16]


@contextmanager
def _no_gc() -> Iterator[None]:
    """The pipeline builds many small acyclic objects; Python's cyclic GC would walk all of
    them again and again, making time grow faster than the document. Pause it per file."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def check_file(path: str, rules: list[Rule], settings: ExtractSettings | None = None) -> FileReport:
    """One file, with its findings' table rows attached (display only: a finding stands
    without its row when that fails) while the Document is at hand — inside the GC pause,
    which the row index's many small objects would otherwise set off."""
    with _no_gc():
        report = _check_file(path, rules, settings)
        if report.document is not None:
            try:
                attach_rows(report)
            except Exception:  # display only: the findings stand without their rows
                pass
        return report


def _check_file(path: str, rules: list[Rule], settings: ExtractSettings | None) -> FileReport:
    start = time.perf_counter()
    try:
        doc = read_document(path)
        report = check_document(doc, rules, settings)
    except GovauditError as exc:
        report = FileReport(path=path, status="error", error=exc.text(), error_en=exc.en)
    except RecursionError:
        report = FileReport(
            path=path,
            status="error",
            error="文件结构嵌套过深，无法处理。",
            error_en="the file is nested too deeply to process.",
        )
    report.seconds = time.perf_counter() - start
    return report


def check_text(
    text: str, rules: list[Rule], name: str = "<text>", settings: ExtractSettings | None = None
) -> FileReport:
    """Check a piece of text (rule examples, tests)."""
    doc = read_text(name, text.encode("utf-8"))
    return check_document(doc, rules, settings)


# files a folder scan passes over without a word: Office lock files ("~$报告.docx", left
# while a file is open in Word/WPS) and the system's own bookkeeping files; hidden files and
# folders (".git/", ".DS_Store") are passed over by their leading dot
SYSTEM_FILES = {"thumbs.db", "desktop.ini"}


@dataclass
class Skipped:
    """A file a folder scan or glob found but will not check, and why ("unsupported")."""

    path: str
    reason: str = "unsupported"

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()


@dataclass
class Discovery:
    """What a scan found: the files to check, in order, and the files it skips (to be listed
    in the report; hidden and lock files are not)."""

    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    empty_folders: list[str] = field(default_factory=list)


# files govaudit itself writes beside the documents: its baseline, its reports on a terminal
# (report/__init__.py `terminal_file`) and the annotated copies of --annotate ("说明.govaudit.docx")
OWN_FILES = {"govaudit-baseline.json", "govaudit-report.html", "govaudit-report.xlsx"}
OWN_MARK = ".govaudit."


def is_quiet_skip(name: str) -> bool:
    """Hidden files, Office lock files, system files and govaudit's own files: never
    checked, never listed."""
    lower = name.lower()
    return (
        name.startswith((".", "~$"))
        or lower in SYSTEM_FILES
        or lower in OWN_FILES
        or OWN_MARK in lower
    )


def checkable(name: str) -> bool:
    """Supported formats and the old Office formats (reported as unreadable with advice)."""
    suffix = Path(name).suffix.lower()
    return suffix in SUPPORTED_SUFFIXES or suffix in LEGACY_SUFFIXES


def _walk(folder: Path) -> Iterator[Path]:
    """Every file under `folder`, not descending into hidden folders (.git, .venv)."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for n in names:
            yield Path(root) / n


def discover(paths: Iterable[str], written: Iterable[str] = ()) -> Discovery:
    """Files named (kept as given, so that a missing one is reported as an error), files in
    folders (recursively) and glob matches. In folders and glob matches: supported and old
    Office formats are checked, hidden, lock and govaudit's own files passed over (and
    `written`, the files this run writes: its -o report), anything else listed as
    skipped."""
    import glob

    found = Discovery()
    out: list[str] = []
    ours = {os.path.abspath(w) for w in written}

    def take(candidates: Iterable[Path]) -> int:
        n = 0
        for f in sorted(candidates, key=str):
            if is_quiet_skip(f.name) or (ours and os.path.abspath(f) in ours):
                continue
            if checkable(f.name):
                out.append(str(f))
                n += 1
            else:
                found.skipped.append(Skipped(str(f)))
        return n

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            if take(_walk(p)) == 0:
                found.empty_folders.append(raw)
        elif not p.exists() and any(ch in raw for ch in "*?["):
            # glob leaves out hidden names unless the pattern spells the dot
            matches = [Path(m) for m in glob.glob(raw, recursive=True)]
            if matches:
                take(m for m in matches if m.is_file())
            else:
                out.append(raw)
        else:
            out.append(raw)
    found.files = list(dict.fromkeys(out))
    return found
