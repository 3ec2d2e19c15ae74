"""The same findings whatever the format: a seed text and a real Word document built from it
(paragraphs, w:tbl tables with gridSpan and vMerge merged cells, text split into runs) give
the same findings — rule, figures, message — only the locations differ (paragraph and
table/row/column instead of lines)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from govaudit.check import check_file
from tests.readers.docx_builder import docx_from_text
from tests.seeds import FIXTURES, SEED_000, SEED_003, checked

WORD_000 = FIXTURES / "pdf" / "000-word.docx"
PDF_000 = FIXTURES / "pdf" / "000-word-to-pdf-libreoffice.pdf"

# a location inside a message ("第24行为 478.5 万元", "第15段", "表1第50行第10列")
_WHERE = re.compile(r"(?:表\d+)?第\d+(?:行第\d+列|行|段|页)")


def _key(f) -> tuple:
    return (f.rule, f.severity, f.expected, f.actual, _WHERE.sub("@", f.message), f.excerpt)


@pytest.mark.parametrize("seed", [SEED_000, SEED_003], ids=["000", "003"])
def test_docx_built_from_a_seed_gives_the_same_findings(seed, tmp_path, rules):
    docx = tmp_path / (seed.stem + ".docx")
    docx.write_bytes(docx_from_text(seed))
    txt = checked(seed)
    word = check_file(str(docx), rules)
    assert txt.status == word.status == "ok"
    assert txt.findings, "the seed has known findings"
    assert Counter(_key(f) for f in word.findings) == Counter(_key(f) for f in txt.findings)
    for f in word.findings:
        assert f.loc.line is None
        assert f.loc.paragraph is not None or f.loc.table is not None, f


def test_the_known_finding_of_000_is_located_by_paragraph(tmp_path, rules):
    docx = tmp_path / "000.docx"
    docx.write_bytes(docx_from_text(SEED_000))
    (f,) = [f for f in check_file(str(docx), rules).findings if f.rule == "GA-SUM-001"]
    assert (f.expected, f.actual) == ("551.08", "575.15")
    assert f.loc.describe().startswith("第") and f.loc.describe().endswith("段")
    assert f.excerpt.startswith("2023年度一般公共预算财政拨款基本支出575.15万元")


def test_seed_tables_keep_their_merged_cells(tmp_path):
    """The built document really has merged cells, and the reader marks them."""
    from govaudit.model import Table
    from govaudit.readers.docx import read_docx

    doc = read_docx("000.docx", docx_from_text(SEED_000))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    total = next(row for row in table.rows if row[0].text.text == "合计")
    assert total[0].span == 8 and all(c.merged for c in total[1:8])
    assert [c.text.text for c in total[8:10]] == ["100", "99.9"]
    head = next(i for i, row in enumerate(table.rows) if row[0].text.text.startswith("绩效指标"))
    below = table.rows[head + 1]
    assert below[0].merged and below[0].text.text == ""


def test_text_word_and_pdf_of_seed_000_give_the_same_findings():
    """Eleven 自评表 run over page breaks in the PDF (rows cut in two, a page holding one row,
    columns drawn differently on each page); every relation is checked as in the text."""
    reports = [checked(p) for p in (SEED_000, WORD_000, PDF_000)]
    assert [r.status for r in reports] == ["ok"] * 3
    txt, word, pdf = (Counter((f.rule, f.expected, f.actual) for f in r.findings) for r in reports)
    assert pdf == txt and word == txt
    assert len(reports[0].findings) == 12
    outcomes = [Counter((o.rule, o.status) for o in r.outcomes) for r in reports]
    assert outcomes[2] == outcomes[0] and outcomes[1] == outcomes[0]
    (f,) = [f for f in reports[2].findings if f.rule == "GA-SUM-001"]
    assert (f.expected, f.actual, f.loc.page, f.loc.line) == ("551.08", "575.15", 4, 9)
    (f,) = [f for f in reports[2].findings if f.rule == "GA-PERF-001"]
    assert (f.expected, f.actual, f.loc.page) == ("99.9", "99", 11)
    assert all(f.loc.page is not None for f in reports[2].findings)
