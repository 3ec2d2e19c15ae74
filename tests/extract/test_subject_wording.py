"""A 项 the text names by its path is named as the document's tables name it (GA-SUBJ-004)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govaudit.check import check_file

JIANGSU = Path(__file__).parent.parent / "fixtures" / "pdf" / "jiangsu"


@pytest.fixture(scope="module")
def reports(rules):
    names = (
        "js-fayuan-2018-yusuan.pdf",
        "js-renda-2018-yusuan.pdf",
        "js-jianchayuan-2019-yusuan.pdf",
    )
    return {n: check_file(str(JIANGSU / n), rules) for n in names}


def subj(report):
    return [f for f in report.findings if f.rule == "GA-SUBJ-004"]


def test_fayuan_2018_writes_the_item_with_two_words_swapped(reports):
    """p19: "2．法院（款）一般行政事务管理（项）支出 6049.97 万元"; the tables (05表 p11) list
    2040502 一般行政管理事务 6,049.97 under 法院."""
    (f,) = subj(reports["js-fayuan-2018-yusuan.pdf"])
    assert (f.loc.page, f.severity, f.expected, f.actual) == (
        19,
        "warning",
        "一般行政管理事务",
        "一般行政事务管理",
    )
    assert f.message == (
        "文中写“法院（款）一般行政事务管理（项）”，但表中该款下没有这个项；表中对应的是"
        "“一般行政管理事务”（2040502，第11页表5第6行第3列为 6,049.97 万元）——项名称应与表中一致"
    )


def test_shortened_names_are_no_error(reports):
    """js-renda-2018 p25 "其他人大事务（项）" (table: 其他人大事务支出); js-jianchayuan-2019 p28
    "机关事业单位职业年金（项）" (table: …职业年金缴费支出): the same subjects, shortened."""
    assert subj(reports["js-renda-2018-yusuan.pdf"]) == []
    assert subj(reports["js-jianchayuan-2019-yusuan.pdf"]) == []


def test_a_variant_the_glossary_knows_is_the_same_name(check):
    """Edited from the fayuan 2018 passage: 其它 / 其他 are one name."""
    text = "\n".join(
        [
            "五、2018年度江苏省高级人民法院财政拨款支出预算表",
            "单位：万元",
            "| 功能科目代码 | 功能科目名称 | 金额 |",
            "| 204 | 公共安全支出 | 26,200.88 |",
            "| 20405 | 法院 | 26,200.88 |",
            "| 2040599 | 其他法院支出 | 910.00 |",
            "6．法院（款）其它法院支出（项）支出 910 万元，与上年一致。",
        ]
    )
    assert subj(check(text)) == []
    swapped = text.replace("其它法院支出（项）", "法院其他支出（项）")
    (f,) = subj(check(swapped))
    assert (f.expected, f.actual) == ("其他法院支出", "法院其他支出")


# ------------------------------------------------------------------ 经济分类 (GA-SUBJ-005)

ZHENGXIE_LIST = (
    "（一）人员经费 5,312.01 万元。主要包括：基本工资、津贴补贴、资金、绩效工资、机关事业单位"
    "基本养老保险缴费、职业年金缴费、住房公积金、医疗费、其他工资福利支出、离休费、退休费、奖励金等。"
)


def econ(report):
    return [f for f in report.findings if f.rule == "GA-SUBJ-005"]


def test_zhengxie_2019_writes_a_bonus_as_funds(rules):
    """政协 2019 说明 p14 and p15 list 人员经费's items in code order with "资金" where the
    tables (公开06/08表, the other file) have 30103 奖金 70.37: between 津贴补贴 30102 and
    绩效工资 30107, one character away (gold js-zx19-1)."""
    report = check_file(str(JIANGSU / "js-zhengxie-2019-yusuan-shuoming.pdf"), rules)
    found = econ(report)
    assert [(f.loc.page, f.loc.line, f.severity, f.expected, f.actual) for f in found] == [
        (14, 9, "warning", "奖金", "资金"),
        (15, 8, "warning", "奖金", "资金"),
    ]
    assert found[0].message == (
        "人员经费的构成中写“资金”，支出经济分类中没有这一科目；列在“津贴补贴”与“绩效工资”之间、"
        "只差一字的是“奖金”（30103）——科目名称应与经济分类一致"
    )


def test_the_tables_amount_is_named_where_the_document_prints_them(check):
    # the same list under the first rows of the 06表 (edited into one text)
    table = (
        "| 科目编码 | 科目名称 | 金额 |\n| 301 | 工资福利支出 | 3,217.82 |\n"
        "| 30101 | 基本工资 | 877.88 |\n| 30102 | 津贴补贴 | 2,269.57 |\n| 30103 | 奖金 | 70.37 |\n"
    )
    (f,) = econ(check("财政拨款基本支出预算表（经济科目）\n单位：万元\n" + table + ZHENGXIE_LIST))
    assert "“奖金”（30103，第7行为 70.37 万元）" in f.message


@pytest.mark.parametrize(
    "text",
    [
        # the right name
        ZHENGXIE_LIST.replace("资金", "奖金"),
        # one character away from 奖金, but not between the items whose codes enclose 30103
        ZHENGXIE_LIST.replace("资金、", "").replace("退休费、", "退休费、资金、"),
        # 江苏 2018: the document's own names for groups of items, no economic item's
        "2018年公用经费1579.38万元。主要包括：办公及印刷费、邮电费、差旅费、会议费、福利费、"
        "日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、"
        "办公用房物业管理费、公务用车运行维护费及其他费用。",
    ],
)
def test_no_finding_without_the_lists_own_evidence(check, text):
    assert econ(check(text)) == []
