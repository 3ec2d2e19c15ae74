"""The real seed documents (copied unchanged into tests/fixtures) and small helpers."""

from __future__ import annotations

from pathlib import Path

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


def seed_facts(path: Path, kind: str | None = None):
    """The facts of a whole seed, with their real line numbers."""
    from govaudit.extract import extract_facts
    from govaudit.readers import read_document

    facts = extract_facts(read_document(path))
    return [f for f in facts if kind is None or f.kind == kind]


JIANGSU = FIXTURES / "pdf" / "jiangsu"


def jiangsu(name: str) -> Path:
    """One of the 江苏 2017–2019 budget PDFs (../shared/corpus/pdf/jiangsu, copied unchanged)."""
    return JIANGSU / name


_PDF_FACTS: dict[str, list] = {}


def pdf_facts(path: Path, kind: str | None = None):
    """The facts of a real PDF, extracted once per test session."""
    from govaudit.extract import extract_facts
    from govaudit.readers import read_document

    key = str(path)
    if key not in _PDF_FACTS:
        _PDF_FACTS[key] = extract_facts(read_document(path))
    return [f for f in _PDF_FACTS[key] if kind is None or f.kind == kind]
