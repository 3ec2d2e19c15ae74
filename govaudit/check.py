"""One file through the whole pipeline: read → extract → rules → FileReport.

This is the only module that knows all the stages; the CLI and the tests call it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from govaudit.engine import rules as rule_files
from govaudit.engine.evaluate import run
from govaudit.engine.rules import Rule
from govaudit.errors import GovauditError
from govaudit.extract import extract, fact_kinds
from govaudit.extract.context import ExtractSettings
from govaudit.ledger import coverage
from govaudit.model import Document, FileReport
from govaudit.readers import SUPPORTED_SUFFIXES, read_document
from govaudit.readers.text import read_text


def load_rules(
    extra_dirs: list[Path] | None = None, *, builtin_dir: Path | None = None
) -> list[Rule]:
    """The rule packs, validated against the fact kinds the extractors emit."""
    return rule_files.load_rules(fact_kinds(), extra_dirs, builtin_dir=builtin_dir)


def check_document(
    doc: Document, rules: list[Rule], settings: ExtractSettings | None = None
) -> FileReport:
    found = extract(doc, settings)
    findings, outcomes = run(rules, found.facts, doc.name)
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


def discover(paths: Iterable[str]) -> list[str]:
    """Files named, files in folders (recursively, supported suffixes), glob patterns.
    A path that does not exist is kept so that it is reported as an error."""
    import glob

    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(f)
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SUPPORTED_SUFFIXES
                and not f.name.startswith(".")
            )
            out.extend(found)
        elif not p.exists() and any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if matches:
                out.extend(m for m in matches if Path(m).is_file())
            else:
                out.append(raw)
        else:
            out.append(raw)
    seen: set[str] = set()
    unique = []
    for f in out:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique
