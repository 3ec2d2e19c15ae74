"""The real seed documents (copied unchanged into tests/fixtures) and small helpers."""

from __future__ import annotations

import os
import pickle
import zlib
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

try:
    import fcntl
except ImportError:  # Windows: each worker reads its own
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from govaudit.extract import Extraction
    from govaudit.model import Document, FileReport

FIXTURES = Path(__file__).parent / "fixtures"
SEED_000 = FIXTURES / "000_ee64df1db50c45f3.txt"
SEED_001 = FIXTURES / "001_78e828bb90a144f1.txt"
SEED_002 = FIXTURES / "002_fb18e19c22eb3af6.txt"
SEED_003 = FIXTURES / "003_068ff326af10756c.txt"
SEED_004 = FIXTURES / "004_cbc299a9f93ac768.txt"
SEEDS = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]


def seed_line(path: Path, n: int) -> str:
    """Line n (1-based) of a seed, exactly as published."""
    return path.read_text(encoding="utf-8").split("\n")[n - 1]


def seed_lines(path: Path, a: int, b: int) -> str:
    """Lines a..b (inclusive, 1-based) joined as in the file."""
    return "\n".join(path.read_text(encoding="utf-8").split("\n")[a - 1 : b])


def facts_from(text: str, kind: str | None = None, settings=None):
    """The facts the extractors find in a piece of text (read as a .txt file)."""
    from govaudit.extract import extract_facts
    from govaudit.readers.text import read_text

    doc = read_text("<test>", text.encode("utf-8"))
    facts = extract_facts(doc, settings)
    return [f for f in facts if kind is None or f.kind == kind]


def read(path: Path | str) -> Document:
    """A real document of the fixtures, read once per test run and shared by every test
    module (a PDF takes a second or two to read), named as `read_document(path)` names it.
    Checking never changes a Document; a test that edits one edits a copy (copy.deepcopy)."""
    doc = _read(Path(path).resolve())
    return doc if doc.path == str(path) else replace(doc, path=str(path))


@cache
def _read(path: Path) -> Document:
    """The worker processes of a run (pytest-xdist) share what they read through the run's
    cache folder (conftest.py): the first to need a document reads it and stores it,
    pickled, while the others wait for it."""
    from govaudit.readers import read_document

    folder = os.environ.get("GOVAUDIT_TEST_CACHE")
    if not folder or fcntl is None:
        return read_document(path)
    stored = Path(folder) / f"document-{zlib.crc32(str(path).encode()):08x}.pickle"
    with open(stored.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one reader per document; the others wait
        if stored.exists():
            with stored.open("rb") as fh:
                return pickle.load(fh)
        doc = read_document(path)
        with stored.open("wb") as fh:
            pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return doc


@cache
def extracted(path: Path) -> Extraction:
    """What the extractors find in a real document, once per test process: its facts,
    ledger and identity (shared: read, never change them)."""
    from govaudit.extract import extract

    return extract(read(path))


def seed_facts(path: Path, kind: str | None = None):
    """The facts of a whole seed, with their real line numbers."""
    return [f for f in extracted(path).facts if kind is None or f.kind == kind]


@cache
def checked(path: Path) -> FileReport:
    """A real document checked with every built-in rule, once per test process (shared:
    read it, never change it; a test that suppresses or edits findings checks its own)."""
    from govaudit.check import check_document, load_rules

    return check_document(read(path), load_rules())


JIANGSU = FIXTURES / "pdf" / "jiangsu"


def jiangsu(name: str) -> Path:
    """One of the 江苏 2017–2019 budget PDFs (../shared/corpus/pdf/jiangsu, copied unchanged)."""
    return JIANGSU / name


def pdf_facts(path: Path, kind: str | None = None):
    """The facts of a real PDF, extracted once per test run (the shared reading)."""
    return seed_facts(path, kind)
