"""One file through the whole pipeline: read → extract → rules → FileReport.

This is the only module that knows all the stages; the CLI and the tests call it.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from govaudit.engine.evaluate import run
from govaudit.engine.rules import Rule
from govaudit.errors import GovauditError
from govaudit.extract import extract
from govaudit.extract.base.context import ExtractSettings
from govaudit.extract.base.ledger import coverage
from govaudit.model import Document, FileReport
from govaudit.packs import all_kinds as all_kinds  # the pipeline's callers load rules here
from govaudit.packs import load_rules as load_rules
from govaudit.readers import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES, read_document
from govaudit.readers.text import read_text


def check_document(
    doc: Document, rules: list[Rule], settings: ExtractSettings | None = None
) -> FileReport:
    found = extract(doc, settings)
    # a pack for some kinds of document only (rules/budget.yaml: 部门预算, 单位预算)
    rules = [r for r in rules if r.applies_to_document(found.info.kind)]
    profile = found.info.profile
    findings, outcomes = run(rules, found.facts, doc.name, profile.rounding, profile.money_places)
    for f in findings:
        f.source = doc.line_text(f.loc.line) or f.excerpt
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
    with _no_gc():
        return _check_file(path, rules, settings)


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


def is_quiet_skip(name: str) -> bool:
    """Hidden files, Office lock files and system files: never checked, never listed."""
    return name.startswith((".", "~$")) or name.lower() in SYSTEM_FILES


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


def discover(paths: Iterable[str]) -> Discovery:
    """Files named (kept as given, so that a missing one is reported as an error), files in
    folders (recursively) and glob matches. In folders and glob matches: supported and old
    Office formats are checked, hidden and lock files passed over, anything else listed as
    skipped."""
    import glob

    found = Discovery()
    out: list[str] = []

    def take(candidates: Iterable[Path]) -> int:
        n = 0
        for f in sorted(candidates, key=str):
            if is_quiet_skip(f.name):
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
