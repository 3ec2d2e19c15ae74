"""Numbered items under a total, on real lists."""

from __future__ import annotations

from decimal import Decimal

from tests.seeds import SEED_000, SEED_001, SEED_002, SEED_004, facts_from, seed_lines
from tests.test_mutations import CAIZHENGJU_LIST


def test_rate_list_001_lines_44_55():
    (f,) = facts_from(seed_lines(SEED_001, 44, 55), "rate_list")
    assert f.fields["total"].value == Decimal("2013.29")
    assert f.fields["total_rate"].text == "99.39%"
    assert [q.value for q in f.fields["items"]][:3] == [
        Decimal("268.62"),
        Decimal("1191.14"),
        Decimal("275.79"),
    ]
    assert [r.text for r in f.fields["rates"]][:3] == ["98.59%", "100%", "96.98%"]
    assert len(f.fields["items"]) == len(f.fields["rates"]) == 11


def test_rate_list_total_without_unit_takes_the_items_unit_000():
    (f,) = facts_from(seed_lines(SEED_000, 61, 81), "rate_list")
    assert f.fields["total"].text == "3469.2" and f.fields["total"].unit_inferred


def test_no_rate_list_when_an_item_has_no_rate_004():
    # item 5 says "完成预算0" with no % sign: its budget cannot be inferred
    assert facts_from(seed_lines(SEED_004, 163, 181), "rate_list") == []


def test_budget_column_of_the_shanghai_template():
    facts = [f for f in facts_from(CAIZHENGJU_LIST, "breakdown") if "预算" in f.fields["marker"]]
    (f,) = facts
    assert f.fields["total"].value == Decimal("2993.92")
    assert len(f.fields["parts"]) == 11
    assert f.fields["parts"][0].label.endswith("行政运行（项）")


def test_budget_column_uses_the_budget_the_items_name():
    # 社会工作部 2024: the head states 年初预算 0 and 全年预算 321.02; the items state 全年预算
    text = """一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。决算数小于预算数的主要原因：人员经费支出数小于预算数。其中：
1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：行政单位人员支出、公用支出。全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%。
2、一般公共服务支出（类）社会工作事务（款）事业运行（项）。主要用于：事业单位人员支出。全年预算为17.68万元，支出决算为11.31万元。"""
    (f,) = [f for f in facts_from(text, "breakdown") if "预算" in f.fields["marker"]]
    assert f.fields["total"].value == Decimal("321.02")


def test_category_list_after_zhuyao_shi_002():
    (f,) = [
        f
        for f in facts_from(seed_lines(SEED_002, 37, 42), "breakdown")
        if f.fields["marker"] == "主要是"
    ]
    assert f.fields["total"].value == Decimal("348.63")
    assert [q.label for q in f.fields["parts"]] == [
        "一般公共服务支出",
        "社会保障和就业支出",
        "卫生健康支出",
        "住房保障支出",
    ]


def test_zhuyao_shi_list_of_other_things_is_not_a_breakdown():
    text = "2023年工作主要是：\n1.推进改革10项。\n2.优化服务20项。"
    assert [f for f in facts_from(text, "breakdown") if f.fields["marker"] == "主要是"] == []


def test_a_total_stated_for_income_and_for_spending_is_not_their_sum_js_renda_2017_p23():
    """江苏省人大 2017 p23: "…收入、支出预算总计13649.07万元…。其中：" | "（一）收入预算总计
    13649.07万元。…" | "（二）支出预算总计13649.07万元。包括：…": the two items restate the
    total (income, then spending) — GA-SUM-001 said 13649.07 ≠ 13649.07 + 13649.07. The
    spending list under （二） is still read."""
    from decimal import Decimal

    from tests.seeds import jiangsu, pdf_facts

    found = [
        (f.loc.page, f.fields["total"].value, [q.value for q in f.fields["parts"]])
        for f in pdf_facts(jiangsu("js-renda-2017-yusuan.pdf"), "breakdown")
        if f.loc.page == 23
    ]
    assert found == [
        (23, Decimal("13649.07"), [Decimal("10528.33"), Decimal("1608.51"), Decimal("1512.23")])
    ]
