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
            "合计中为 1,763,159.52 元（176.3160 万元），见第14页表5第13行第5列，不一致（差 0.0160 万元）",
        )
    ]


def test_one_truncated_figure_in_a_rounding_document_stays_a_finding(rules):
    report = check_document(read_document_edited({"380.73万元": "380.72万元"}), rules)
    assert report.info.profile.rounding == HALF_UP
    assert report.info.profile.rounding_evidence == (9, 1)
    assert [(f.rule, f.loc.describe(), f.actual) for f in report.findings] == [
        ("GA-TAB-020", "第6页第12行", "380.72")
    ]


# --------------------------------------------------------------------------- trailing zeros

JCY_2019 = FIXTURES / "pdf" / "jiangsu" / "js-jianchayuan-2019-yusuan.pdf"


def _changes_on(report, pages):
    return [
        (f.rule, f.loc.page, f.expected, f.actual)
        for f in report.findings
        if f.rule == "GA-CHG-001" and f.loc.page in pages
    ]


def test_a_document_that_drops_trailing_zeros_writes_28_1_for_28_10(rules):
    """江苏省人民检察院 2019: its 50 two-place 万元 figures of the prose never end in 0, and
    "28.1" is the 28.10 of a keyed statement; so "未归口管理的行政单位离退休400.02万元，增加
    28.1万元，增加7.57%" (p28) has 28.10 ÷ 371.92 = 7.556% → 7.56%, and "提租补贴4243.61万元，
    增加1657万元，增加64.07%" (p29) 1657.00 ÷ 2586.61 = 64.06% (the gold's js-jcy19-6, -8)."""
    report = check_document(read_document(JCY_2019), rules)
    profile = report.info.profile
    assert profile.money_places == 2
    placed, zero_ended, keyed_zero, keyed_rounded = profile.money_places_evidence
    assert (placed, zero_ended, keyed_rounded) == (50, 0, 0) and keyed_zero >= 1
    assert "省略末尾的 0" in profile.describe()
    # with 住房公积金's 34.38% (js-jcy19-7) and the 10.15% of 一般公共预算 (js-jcy19-2)
    assert sorted(_changes_on(report, (28, 29))) == [
        ("GA-CHG-001", 28, "7.56%", "7.57%"),
        ("GA-CHG-001", 29, "10.16%", "10.15%"),
        ("GA-CHG-001", 29, "34.36%", "34.38%"),
        ("GA-CHG-001", 29, "64.06%", "64.07%"),
    ]
    # read as ±0.05 and ±0.5, 7.57% and 64.07% would fit
    found_ = extract(read_document(JCY_2019))
    held, _ = run(rules, found_.facts, JCY_2019.name, HALF_UP, None)
    actual = {f.actual for f in held if f.rule == "GA-CHG-001" and f.loc.page in (28, 29)}
    assert actual == {"10.15%", "34.38%"}


def test_a_document_that_keeps_its_trailing_zeros_has_no_such_convention():
    """江苏省政协办公厅 2017 说明 writes "156.60万元": 23 of its 116 two-place figures end in 0."""
    doc = FIXTURES / "pdf" / "jiangsu" / "js-zhengxie-2017-yusuan-shuoming.pdf"
    profile = extract(read_document(doc)).info.profile
    assert profile.money_places is None
    assert profile.money_places_evidence[:2] == (116, 23)


def test_a_document_whose_prose_rounds_a_precise_figure_is_not_read_at_two_places():
    """Seed 001 writes "已经支出172.7万元" for the 172.66 of its own table: its fewer-place
    figures are roundings, though its two-place figures (1 of 92) hardly ever end in 0."""
    profile = extract(read_document(FIXTURES / "001_78e828bb90a144f1.txt")).info.profile
    assert profile.money_places is None
    assert profile.money_places_evidence == (92, 1, 0, 1)


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
