"""The document profile (extract/document/profile.py): the conventions a document writes by,
measured from the document, and what each changes in what a finance officer is told.
Each convention is shown on an edited copy of a real document from ../shared that writes
the other way, with the exact findings it gives."""

from __future__ import annotations

import pytest

from govaudit.check import check_document, load_rules
from govaudit.engine.evaluate import run
from govaudit.extract import extract
from govaudit.model import HALF_UP, TRUNCATE
from govaudit.readers import read_document
from govaudit.readers.pdf import read_pdf
from tests.edits import edit, repeat_page
from tests.seeds import FIXTURES

BUDGET = FIXTURES / "pdf" / "budget"
ZFB = BUDGET / "putuo-zhengfuban-2025-yusuan.pdf"
WANLI_2024 = BUDGET / "putuo-wanli-2024-yusuan.pdf"

# 区政府办公室 2025 部门预算, pages 6–7: every 万元 figure of the prose whose 元 figure in the
# tables tells half-up from truncation ("9,101.68" for 91,016,775.35 元), cut instead of
# rounded: a document that truncates, consistently
TRUNCATED = {
    "9,101.68万元": "9,101.67万元",  # 91,016,775.35 元, five times on page 6
    "380.73万元": "380.72万元",  # 3,807,295.58 元
    "176.32万元": "176.31万元",  # 1,763,159.52 元
    "88.16万元": "88.15万元",  # 881,579.76 元
    "78.29万元": "78.28万元",  # 782,855.28 元
    "186.77万元": "186.76万元",  # 1,867,680.00 元
}


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def found(report):
    return [(f.loc.describe(), f.rule, f.message) for f in report.findings]


def read_document_edited(changes):
    doc = read_document(ZFB)
    edit(doc, changes)
    return doc


# --------------------------------------------------------------------------- rounding


def test_a_real_budget_rounds_half_up_as_its_figures_show():
    info = extract(read_document(ZFB)).info
    assert info.profile.rounding == HALF_UP
    assert info.profile.rounding_evidence == (10, 0)
    assert info.profile.units == {"prose": "万元", "table": "元"}


def test_a_document_that_truncates_consistently_is_held_to_truncation(rules):
    doc = read_document(ZFB)
    assert edit(doc, TRUNCATED) == {k: 5 if k.startswith("9,101") else 1 for k in TRUNCATED}
    found_ = extract(doc)
    assert found_.info.profile.rounding == TRUNCATE
    assert found_.info.profile.rounding_evidence == (0, 10)
    # held to half-up rounding, every truncated figure would be an error …
    judged_half_up, _ = run(rules, found_.facts, doc.name, HALF_UP)
    assert [(f.rule, f.loc.describe(), f.actual) for f in judged_half_up] == [
        ("GA-TAB-020", "第6页第2行", "9101.67"),
        ("GA-TAB-020", "第6页第2行", "9101.67"),
        ("GA-TAB-020", "第6页第4行", "9101.67"),
        ("GA-TAB-020", "第6页第4行", "9101.67"),
        ("GA-TAB-020", "第6页第5行", "9101.67"),
        ("GA-TAB-020", "第6页第12行", "380.72"),
        ("GA-TAB-020", "第6页第17行", "176.31"),
        ("GA-TAB-020", "第6页第19行", "88.15"),
        ("GA-TAB-020", "第7页第1行", "78.28"),
        ("GA-TAB-020", "第7页第7行", "186.76"),
    ]
    # … by its own convention, none is
    assert found(check_document(read_document_edited(TRUNCATED), rules)) == []


def test_a_figure_fitting_neither_convention_is_still_reported(rules):
    """176.3159 万元 truncated is 176.31, rounded 176.32: the document says 176.30."""
    report = check_document(read_document_edited({**TRUNCATED, "176.32万元": "176.30万元"}), rules)
    assert report.info.profile.rounding == TRUNCATE
    assert found(report) == [
        (
            "第6页第17行",
            "GA-TAB-020",
            "正文写机关事业单位基本养老保险缴费支出（2080505）支出（一般公共预算） 176.30 万元"
            "（第6页第17行），一般公共预算支出功能分类预算表「机关事业单位基本养老保险缴费支出」"
            "合计中为 176.3160 万元（第14页表5第13行第5列），不一致（差 0.0160）",
        )
    ]


def test_one_truncated_figure_in_a_rounding_document_stays_a_finding(rules):
    report = check_document(read_document_edited({"380.73万元": "380.72万元"}), rules)
    assert report.info.profile.rounding == HALF_UP
    assert report.info.profile.rounding_evidence == (9, 1)
    assert [(f.rule, f.loc.describe(), f.actual) for f in report.findings] == [
        ("GA-TAB-020", "第6页第12行", "380.72")
    ]


# --------------------------------------------------------------------------- repeated pages


def test_a_page_printed_twice_is_one_finding_and_counted_once(rules):
    original = check_document(read_document(WANLI_2024), rules)
    data = WANLI_2024.read_bytes()
    # page 26: the 一般公共预算支出功能分类预算表 running on from page 25 and on to page 27
    doc = read_pdf(str(WANLI_2024), repeat_page(data, 26))
    assert doc.meta["pages"] == 34
    report = check_document(doc, rules)
    assert report.info.profile.repeated_pages == ((27, 26),)
    assert [(f.loc.describe(), f.rule) for f in report.findings] == [
        ("第6页第17行", "GA-YS-017"),
        ("第7页第6行", "GA-YS-012"),
        ("第9页第19行", "GA-TAB-020"),
        ("第27页", "GA-ART-005"),
        ("第32页表9", "GA-YS-024"),  # page 31 before the copy
        ("第34页第5行", "GA-SUM-001"),  # page 33 before the copy
    ]
    (art,) = [f for f in report.findings if f.rule == "GA-ART-005"]
    assert art.message == (
        "第27页与第26页的内容完全相同：同一页印了两次。这一页只按一次核对，其中的数不重复计算"
    )
    # the rest as in the real file: the table that runs over the copy is read once (its rows
    # counted twice would break every 类/款 sum above them: GA-TAB-002 ten times)
    assert [(f.rule, f.message) for f in report.findings if f.rule != "GA-ART-005"] == [
        (f.rule, f.message) for f in original.findings
    ]
    assert [b.text.text if hasattr(b, "text") else len(b.rows) for b in doc.blocks] == [
        b.text.text if hasattr(b, "text") else len(b.rows) for b in read_document(WANLI_2024).blocks
    ]
