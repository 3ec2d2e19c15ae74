"""功能分类 names and category totals."""

from __future__ import annotations

from decimal import Decimal

from govaudit.extract.document.subjects import canonical, check_name
from tests.seeds import SEED_000, SEED_001, SEED_003, SEED_004, seed_facts


def test_names():
    assert canonical("一般公共服务(类)") == "一般公共服务支出"
    assert check_name("社会保障和就业")[0] is True
    assert check_name("卫生健康支持") == (False, False, "卫生健康支出", None)
    assert check_name("医疗卫生与计划生育") == (False, True, "卫生健康支出", 2019)


def test_001_line_54_wrong_category_name():
    wrong = [
        (f.loc.line, f.fields["name"])
        for f in seed_facts(SEED_001, "subject_name")
        if not f.fields["known"]
    ]
    assert wrong == [(54, "卫生健康支持")]


def test_category_totals_against_items():
    def totals(path):
        return {
            f.fields["name"]: (f.fields["total"].value, sum(q.value for q in f.fields["items"]))
            for f in seed_facts(path, "subject_total")
        }

    assert totals(SEED_000)["一般公共服务支出"] == (Decimal("3334.75"), Decimal("3334.78"))
    assert totals(SEED_004)["社会保障和就业支出"] == (Decimal("50.26"), Decimal("43.98"))
    assert totals(SEED_004)["住房保障支出"] == (Decimal("38.43"), Decimal("38.34"))
    # 001's misspelt category is grouped with the closest name, so its sum still fits
    assert totals(SEED_001)["卫生健康支出"] == (Decimal("21.14"), Decimal("21.14"))
    assert all(t == s for t, s in totals(SEED_003).values())


def test_a_name_cut_by_a_line_break_is_not_a_wrong_name():
    from tests.seeds import facts_from

    text = "| 一般公共预算财政拨款支出主要用于：卫生健\n康支出（类）236.63万元，占2.43% |\n"
    assert [f for f in facts_from(text, "subject_name") if not f.fields["known"]] == []
