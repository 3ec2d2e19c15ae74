"""Every real document in the fixtures (copies of ../shared: the seeds, the 决算 and budget PDFs,
the 江苏 2017–2019 budgets, seed 000 as .docx and PDF) checked in one batch, as a user runs it,
and its findings held against a snapshot in tests/snapshots/ (one file per document, in the
manner of ruff's snapshot tests).

A changed finding fails here with the difference. When the change is meant, open each new
finding on the page, then write the snapshots anew and read their diff before committing:

    GOVAUDIT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from govaudit.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("GOVAUDIT_UPDATE_SNAPSHOTS") == "1"

DOCUMENTS = sorted(
    [p for p in FIXTURES.glob("*.txt")]
    + [p for p in FIXTURES.glob("pdf/**/*") if p.suffix in (".pdf", ".docx")]
)


def snapshot_name(doc: Path) -> str:
    return str(doc.relative_to(FIXTURES)).replace("/", "__") + ".snap"


def finding_line(x: dict) -> str:
    """What the officer reads of one finding: place, rule, severity, message (with the
    numbers), and the figure expected and printed."""
    shown = [f"{word} {x[k]}" for word, k in (("应为", "expected"), ("实为", "actual")) if x.get(k)]
    figures = f"  [{' · '.join(shown)}]" if shown else ""
    return f"{x['location']}  {x['rule']} {x['severity']}  {x['message']}{figures}"


def render(entry: dict) -> str:
    head = f"# {entry['path']}: {entry['status']}"
    lines = [head]
    if entry.get("error"):
        lines.append(f"error: {entry['error']}")
    lines += [finding_line(x) for x in entry.get("findings") or []]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def batch() -> dict:
    """One run over every document together (so that pairs form), as the command line
    prints it: `govaudit check … --format json` from the fixtures' folder, run in this
    process, where each real document is read once per test run (conftest.py) instead of
    once more here."""
    paths = [str(p.relative_to(FIXTURES)) for p in DOCUMENTS]
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(FIXTURES)
        out = CliRunner().invoke(main, ["check", *paths, "--format", "json"])
    assert out.exit_code in (0, 1), out.output[-2000:]
    return json.loads(out.stdout)


def compare(name: str, got: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path.name}: write it with GOVAUDIT_UPDATE_SNAPSHOTS=1"
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(
            difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), "snapshot", "now", n=0
            )
        )
        pytest.fail(f"findings on {name} changed:\n{diff}", pytrace=False)


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_findings_on_every_real_document_are_the_snapshot(batch, doc):
    entry = next(f for f in batch["files"] if f["path"] == str(doc.relative_to(FIXTURES)))
    compare(snapshot_name(doc), render(entry))


def test_the_documents_paired_across_files_are_the_snapshot(batch):
    lines = [
        f"{p['relation']}  {p['first']}  <->  {p['other']}  ({p.get('reason', '')})"
        for p in batch.get("pairs") or []
    ]
    compare("_pairs.snap", "\n".join(lines) + "\n")


def test_every_snapshot_belongs_to_a_document():
    """A snapshot left behind by a removed document would hold nothing."""
    names = {snapshot_name(d) for d in DOCUMENTS} | {"_pairs.snap"}
    assert sorted(p.name for p in SNAPSHOTS.glob("*.snap") if p.name not in names) == []


def test_no_message_quotes_nothing(batch):
    """A message that names a subject never prints empty quotes (「」, “”, “（类）”): an
    optional clause with nothing to say is left out (the text() of the rule language)."""
    empty = ("「」", "“”", "“（类）”", "“（款）”", "“（项）”")
    bad = [
        f"{e['path']} {x['location']} {x['rule']}: {x['message']}"
        for e in batch["files"]
        for x in e.get("findings") or []
        if any(q in x["message"] for q in empty)
    ]
    assert bad == []
