"""功能分类 names and category totals."""

from __future__ import annotations

from decimal import Decimal

from govaudit.extract.document.subjects import canonical, check_name
from tests.seeds import SEED_000, SEED_001, SEED_003, SEED_004, seed_facts, seed_line


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


def test_economic_classes_are_checked_against_the_economic_classification():
    """江苏省政协办公厅 2017 说明 p11–12 lists its 基本支出 "按照政府收支分类科目的经济分类":
    "1、工资福利支出（类）2,097.51万元", "2、对个人和家庭的补助支出（类）", "商品和服务支出
    （类）1,131.92万元" — 经济分类 classes, right where they are (they were called wrong
    功能分类 names, one of them "应为“（类）”")."""
    from govaudit.extract.document.subjects import is_economic
    from tests.seeds import jiangsu, pdf_facts

    assert is_economic("工资福利支出") and is_economic("对个人和家庭的补助支出")
    assert not is_economic("卫生健康支持")
    names = {
        f.fields["name"]: (f.fields["known"], f.fields["classification"])
        for f in pdf_facts(jiangsu("js-zhengxie-2017-yusuan-shuoming.pdf"), "subject_name")
    }
    assert names["工资福利支出"] == (True, "经济分类")
    assert names["对个人和家庭的补助支出"] == (True, "经济分类")
    assert names["商品和服务支出"] == (True, "经济分类")


def test_a_kuan_written_as_a_lei_under_its_lei_js_renda_2018_p25(check):
    """江苏省人大 2018 p25: "（二）社会保障和就业（类）" | "1．行政事业单位离退休（类）未归口
    管理的行政单位离退休支出（项）256.76万元…": 20805 is a 款 of 208 (its tables say so). The
    finding says it is a 款 written as a 类 — never "应为“（类）”" with an empty name."""
    from tests.seeds import jiangsu, pdf_facts

    found = [
        (f.loc.page, f.fields["name"], f.fields["parent"], f.fields["should_be"])
        for f in pdf_facts(jiangsu("js-renda-2018-yusuan.pdf"), "subject_name")
        if not f.fields["known"]
    ]
    assert found == [
        (25, "行政事业单位离退休", "社会保障和就业支出", "行政事业单位离退休（款）"),
        (25, "行政事业单位离退休", "社会保障和就业支出", "行政事业单位离退休（款）"),
        (25, "行政事业单位离退休", "社会保障和就业支出", "行政事业单位离退休（款）"),
        (25, "住房改革支出", "住房保障支出", "住房改革支出（款）"),
        (26, "住房改革支出", "住房保障支出", "住房改革支出（款）"),
    ]
    report = check(
        "（三）住房保障支出（类）\n"
        "1．住房改革支出（类）住房公积金（项）572.56万元，与上年相比增加78.34万元，增加15.85%。\n"
    )
    (f,) = [f for f in report.findings if f.rule == "GA-SUBJ-001"]
    assert f.message == (
        "“住房改革支出（类）”不是支出功能分类或经济分类的类级科目：它列在“住房保障支出（类）”"
        "之下，是该类的款级科目，应写作“住房改革支出（款）”"
    )
    assert (f.expected, f.actual) == ("住房改革支出（款）", "住房改革支出")


def test_a_name_with_no_close_class_says_so_without_an_empty_suggestion(check):
    """An edited 001 line 54 whose 类 name is nothing like any class: no "应为“（类）”"."""
    line = seed_line(SEED_001, 54).replace("卫生健康支持（类）", "机关事务（类）")
    assert "机关事务（类）" in line
    (f,) = [f for f in check(line).findings if f.rule == "GA-SUBJ-001"]
    assert "“（类）”" not in f.message and "「」" not in f.message
    assert f.message.endswith("请核对科目名称") and f.expected is None
