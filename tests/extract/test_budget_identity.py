"""What a budget is, when the configuration says it: [[tool.govaudit.documents]] overrides the
kind, issuer or year a document's cover gives, per file pattern, in `check` (in order and in
worker processes) and in `extract`; the kind chooses the budget tables and rule pack."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govaudit.batch import run_batch
from govaudit.check import load_rules
from govaudit.cli import main
from govaudit.config import ConfigError, DocumentOverride, document_for, load_file_settings
from govaudit.extract import extract
from govaudit.extract.base.context import ExtractSettings
from govaudit.model import DocumentInfo
from tests.seeds import FIXTURES, SEED_003, read

BUDGET = FIXTURES / "pdf" / "budget"
DEPT = BUDGET / "putuo-zhengfuban-2025-yusuan.pdf"  # 区政府办公室 2025 部门预算


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_documents_are_read_and_validated(tmp_path):
    cfg = write(
        tmp_path / "pyproject.toml",
        "[[tool.govaudit.documents]]\n"
        'pattern = "*单位预算*"\nkind = "单位预算"\n'
        "[[tool.govaudit.documents]]\n"
        'pattern = "2024/*.pdf"\nyear = 2024\nissuer = "上海市普陀区人民政府万里街道办事处"\n',
    )
    s = load_file_settings(cfg)
    assert [d.pattern for d in s.documents] == ["*单位预算*", "2024/*.pdf"]
    assert s.documents[0].info == DocumentInfo(kind="单位预算")
    assert s.source_of("documents") == "file"
    # a pattern without "/" names files, one with "/" paths below the configuration's folder
    assert (
        document_for(str(tmp_path / "x" / "区府办2025单位预算.pdf"), s.documents).kind == "单位预算"
    )
    assert document_for(str(tmp_path / "2024" / "万里.pdf"), s.documents).year == 2024
    assert document_for(str(tmp_path / "2025" / "万里.pdf"), s.documents) is None


@pytest.mark.parametrize(
    ("entry", "key", "words"),
    [
        ('kind = "单位预算"', "documents[0].pattern", "pattern"),
        ('pattern = "*.pdf"\nkind = "预算"', "documents[0].kind", "部门预算 / 单位预算"),
        ('pattern = "*.pdf"\nyear = "2025年"', "documents[0].year", "2025"),
        ('pattern = "*.pdf"\nunit = "x"', "documents[0].unit", "pattern, kind, issuer, year"),
        ('pattern = "*.pdf"', "documents[0]", "kind、issuer、year"),
    ],
)
def test_a_bad_entry_names_the_key(tmp_path, entry, key, words):
    cfg = write(tmp_path / "govaudit.toml", f"[[documents]]\n{entry}\n")
    with pytest.raises(ConfigError) as exc:
        load_file_settings(cfg)
    assert exc.value.key == key
    assert words in exc.value.zh


def test_the_override_wins_over_the_cover():
    doc = read(DEPT)
    assert extract(doc).info.kind == "部门预算"
    settings = ExtractSettings.of(document=DocumentInfo(kind="单位预算", year=2026))
    found = extract(doc, settings)
    assert (found.info.kind, found.info.issuer, found.info.year) == (
        "单位预算",
        "上海市普陀区人民政府办公室",  # the cover's, where the configuration says nothing
        2026,
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_hands_each_file_its_override(jobs):
    rules = load_rules()
    override = DocumentOverride("*zhengfuban-2025*", DocumentInfo(kind="单位预算"))
    reports = run_batch([str(DEPT), str(SEED_003)], rules, jobs=jobs, documents=[override])
    budget, seed = reports
    assert budget.info is not None and budget.info.kind == "单位预算"
    assert seed.info is not None and seed.info.kind == "部门决算"  # not matched: its cover's
    # taken for a 单位预算, the department's text calls itself a 部门预算 (page 21:
    # "2025年部门预算安排购置车辆0辆")
    wording = [f for f in budget.findings if f.rule == "GA-YS-020"]
    assert any(f.loc.page == 21 and "部门预算安排购置车辆" in f.excerpt for f in wording)


def test_the_command_line_reads_the_documents_of_the_configuration(tmp_path):
    target = tmp_path / "区政府办公室2025单位预算.pdf"
    shutil.copyfile(DEPT, target)
    write(tmp_path / "govaudit.toml", '[[documents]]\npattern = "*单位预算*"\nkind = "单位预算"\n')
    runner = CliRunner()
    out = runner.invoke(main, ["check", str(tmp_path), "--format", "json", "--fail-on", "never"])
    assert out.exit_code == 0, out.output
    (entry,) = json.loads(out.output)["files"]
    assert {k: entry["document"][k] for k in ("kind", "issuer", "year")} == {
        "kind": "单位预算",
        "issuer": "上海市普陀区人民政府办公室",
        "year": 2025,
    }
    facts = runner.invoke(main, ["extract", str(target), "--kind", "fin_table", "--format", "json"])
    assert facts.exit_code == 0, facts.output
    assert json.loads(facts.output)["document"]["kind"] == "单位预算"


def test_a_budgets_year_is_its_covers():
    """The report year of a budget comes from its identity (cover or configuration), so a
    sentence comparing with last year does not set it."""
    from govaudit.extract.base.context import ExtractContext
    from govaudit.extract.document.identity import identify

    ctx = ExtractContext(read(DEPT), ExtractSettings.of(document=DocumentInfo(year=2030)))
    ctx.info = identify(ctx)
    assert ctx.report_year == 2030
