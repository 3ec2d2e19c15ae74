"""Concepts, their scope, and the cross-references between their statements."""

from __future__ import annotations

from decimal import Decimal

from govaudit.extract.concepts import match, scope_of
from tests.seeds import SEED_000, SEED_003, SEED_004, facts_from, seed_facts


def instances(path):
    return [
        (f.loc.line, f.fields["concept"], f.fields["value"].value)
        for f in seed_facts(path, "concept")
    ]


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


def test_basic_expenditure_of_all_funds_and_of_the_general_budget_are_different_concepts():
    found = instances(SEED_000)
    assert (39, "基本支出", Decimal("575.18")) in found
    assert (85, "一般公共预算财政拨款基本支出", Decimal("575.15")) in found
    # 人员经费 is in the 一般公共预算 scope because it is listed under line 85's total
    assert (86, "人员经费", Decimal("461.75")) in found
    pairs = [
        (f.fields["first"].loc.line, f.fields["other"].loc.line)
        for f in seed_facts(SEED_000, "concept_pair")
    ]
    assert (39, 85) not in pairs and (85, 39) not in pairs


def test_a_part_listed_under_a_fiscal_total_is_not_the_all_funds_concept_004_line_327():
    found = instances(SEED_004)
    assert (137, "基本支出", Decimal("501.68")) in found
    assert not any(line == 327 and concept == "基本支出" for line, concept, _ in found)


def test_other_years_and_budgets_are_not_instances():
    text = (
        "2023年度泸州市政务服务管理局单位决算\n"
        "2023年度机关运行经费支出93.58万元。\n"
        "2022年机关运行经费支出87.76万元。\n"
        "年初预算机关运行经费100万元。\n"
    )
    found = [(f.loc.line, f.fields["value"].value) for f in facts_from(text, "concept")]
    assert found == [(2, Decimal("93.58"))]


def test_cross_reference_pairs_003_lines_24_and_371():
    pairs = {
        (f.fields["concept"], f.fields["first"].loc.line, f.fields["other"].loc.line)
        for f in seed_facts(SEED_003, "concept_pair")
    }
    assert ("本年收入合计", 24, 371) in pairs
    assert ("一般公共预算财政拨款收入", 24, 371) in pairs


def test_the_concepts_fact_carries_first_values_and_the_report_year():
    (doc,) = seed_facts(SEED_000, "concepts")
    assert doc.fields["本年支出合计"].value == Decimal("3469.24")
    assert doc.fields["三公经费"].value == Decimal("3")
    assert doc.fields["会议费"] is None
    assert doc.fields["report_year"] == 2023
