"""Prose figures into the ledger: concept, scope, year and role, and the cross-references
between figures with the same key."""

from __future__ import annotations

from decimal import Decimal

from govaudit.extract import extract
from govaudit.extract.base.glossary import match, scope_of
from govaudit.readers.text import read_text
from tests.seeds import SEED_000, SEED_003, SEED_004, read, seed_facts


def keyed(doc):
    """(line, concept, scope, year, role, value) of every keyed prose figure."""
    return [
        (e.loc.line, e.key.concept, e.key.scope, e.key.year, e.key.role, e.quantity.value)
        for e in extract(doc).ledger.keyed()
        if e.source == "prose"
    ]


def keyed_text(text: str):
    return keyed(read_text("<t>", text.encode("utf-8")))


def test_names_match_with_department_prefix_and_synonyms():
    assert match("市政务服务管理局机关运行经费支出")[0].id == "机关运行经费"
    assert match("收、支总计")[0].id == "收支总计"
    assert match("财政拨款收、支总计")[0].id == "财政拨款收支总计"
    assert match("“三公”经费财政拨款支出决算")[0].id == "三公经费"
    assert match("因公出国(境)费支出决算")[0].id == "因公出国费"
    assert match("日常公用经费")[0].id == "公用经费"
    assert match("为企业群众减免费用") is None


def test_scope_words():
    assert scope_of("一般公共预算财政拨款基本支出") == "一般公共预算"
    assert scope_of("部门财政资金支出") == "财政拨款"
    assert scope_of("本年支出") is None


def test_basic_expenditure_of_all_funds_and_of_the_general_budget_are_different_keys():
    found = keyed(read(SEED_000))
    assert (39, "基本支出", "全部资金", "本年", "决算数", Decimal("575.18")) in found
    general = ("一般公共预算财政拨款基本支出", "一般公共预算", "本年", "决算数")
    assert (85, *general, Decimal("575.15")) in found
    # 人员经费 is in the 一般公共预算 scope because it is listed under line 85's total
    assert (86, "人员经费", "一般公共预算", "本年", "决算数", Decimal("461.75")) in found
    pairs = [
        (f.fields["first"].loc.line, f.fields["other"].loc.line)
        for f in seed_facts(SEED_000, "same_figure")
    ]
    assert (39, 85) not in pairs and (85, 39) not in pairs


def test_a_part_listed_under_a_fiscal_total_is_not_the_all_funds_concept_004_line_327():
    found = keyed(read(SEED_004))
    assert (137, "基本支出", "全部资金", "本年", "决算数", Decimal("501.68")) in found
    assert not any(
        line == 327 and (concept, scope) == ("基本支出", "全部资金")
        for line, concept, scope, *_ in found
    )


def test_other_years_and_budgets_are_other_keys():
    text = (
        "2023年度泸州市政务服务管理局单位决算\n"
        "2023年度机关运行经费支出93.58万元。\n"
        "2022年机关运行经费支出87.76万元。\n"
        "年初预算机关运行经费100万元。\n"
        "机关运行经费预算数100万元。\n"
    )
    assert keyed_text(text) == [
        (2, "机关运行经费", "", "本年", "决算数", Decimal("93.58")),
        (3, "机关运行经费", "", "上年", "决算数", Decimal("87.76")),
        (4, "机关运行经费", "", "本年", "预算数", Decimal("100")),
        (5, "机关运行经费", "", "本年", "预算数", Decimal("100")),
    ]


def test_cross_reference_pairs_003_lines_24_and_371():
    pairs = {
        (f.fields["name"], f.fields["first"].loc.line, f.fields["other"].loc.line)
        for f in seed_facts(SEED_003, "same_figure")
    }
    assert ("本年收入合计（全部资金）", 24, 371) in pairs
    assert ("一般公共预算财政拨款收入", 24, 371) in pairs


def test_the_concepts_fact_carries_first_values_and_the_report_year():
    (doc,) = seed_facts(SEED_000, "concepts")
    assert (doc.fields["source"], doc.fields["role"], doc.fields["about"]) == ("正文", "决算数", "")
    assert doc.fields["本年支出合计"].value == Decimal("3469.24")
    assert doc.fields["三公经费"].value == Decimal("3")
    assert doc.fields["会议费"] is None
    assert doc.fields["report_year"] == 2023


# --------------------------------------------------------------------------- generic labels


def test_a_generic_name_after_another_subject_is_that_subjects_figure_js_zhengxie_2017_p19():
    """江苏省政协办公厅 2017 说明 p19: "货物类政府采购支出预算259.32万元…服务类政府采购支出
    预算1,011.90万元…工程类政府采购支出预算0万元" end with "支出预算" but are the purchases'
    budgets, not the department's 本年支出合计 (GA-EQ-001 and GA-XREF-001 compared 259.32 with
    1011.90, 0 and 基本 + 项目)."""
    from tests.seeds import jiangsu

    doc = read(jiangsu("js-zhengxie-2017-yusuan-shuoming.pdf"))
    spending = [
        e.quantity.value
        for e in extract(doc).ledger.keyed()
        if e.source == "prose" and e.key.concept == "本年支出合计"
    ]
    assert Decimal("259.32") not in spending and Decimal("1011.90") not in spending
    # the department's own name in front of a generic name is still the department's
    found = keyed_text("江苏省政协办公厅2017年度支出预算9,146.79万元。")
    assert [(c, v) for _, c, _, _, _, v in found] == [("本年支出合计", Decimal("9146.79"))]


def test_a_bare_generic_name_belongs_to_the_subject_of_its_heading():
    """ "（二）检察（款）" | "预算支出合计…": the 款's total, never the department's."""
    text = (
        "三、支出预算情况说明\n支出合计17996.68万元。\n（二）检察（款）\n支出合计13656.34万元。\n"
    )
    found = [(line, c, v) for line, c, _, _, _, v in keyed_text(text)]
    assert found == [(2, "本年支出合计", Decimal("17996.68"))]


def test_an_amount_of_change_is_not_the_level_it_changes_js_renda_2017_and_fayuan_2017():
    """江苏省人大 2017 p23: "…主要原因是…等原因，增加基本支出844.15万元" and 江苏省高级人民法院
    2017 p23: "主要原因是基本支出增加人员经费1408.29万元": by how much, not 基本支出 / 人员经费
    (GA-XREF-001 compared 844.15 with 基本支出 7666.68, 1408.29 with 人员经费 13594.82)."""
    found = keyed_text(
        "江苏省人大常委会办公厅2017年度收入、支出预算总计13649.07万元，与上年相比收、支预算总计"
        "各增加844.15万元，增长6.59%。主要原因是政策性增资、住房公积金和提租补贴调整等原因，"
        "增加基本支出844.15万元。\n"
        "此外，基本支出预算数为7666.68万元。\n"
    )
    assert [(c, v) for _, c, _, _, _, v in found if c == "基本支出"] == [
        ("基本支出", Decimal("7666.68"))
    ]


def test_a_real_difference_between_two_statements_of_one_figure_is_still_found():
    """江苏省人民检察院 2017 p19: "此外，基本支出预算数为12323.46万元" and, four paragraphs on,
    "基本支出12323.48万元，占68.48%" (12323.48 + 5533 + 140.2 = 17996.68: 12323.46 is wrong)."""
    from govaudit.check import check_file, load_rules
    from tests.seeds import jiangsu

    report = check_file(str(jiangsu("js-jianchayuan-2017-yusuan.pdf")), load_rules())
    # reported once: against the 收支预算总表 row that also says 12323.48 (GA-TAB-020), or,
    # where the tables are not read, against the prose (GA-XREF-001)
    (f,) = [f for f in report.findings if f.rule in ("GA-XREF-001", "GA-TAB-020")]
    assert (f.loc.page, f.expected, f.actual) == (19, "12323.48", "12323.46")
