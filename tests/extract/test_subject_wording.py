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
