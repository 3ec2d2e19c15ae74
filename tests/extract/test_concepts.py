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
