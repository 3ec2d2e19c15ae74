"""Numbering sequences on real documents."""

from __future__ import annotations

from govaudit.extract.document.numbering import cn_number, item_number
from tests.seeds import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    facts_from,
    seed_facts,
    seed_lines,
)


def disordered(path):
    return [
        (f.loc.line, f.fields["sequence"])
        for f in seed_facts(path, "numbering")
        if not f.fields["ordered"]
    ]


def test_chinese_numerals():
    assert [cn_number(s) for s in ("一", "十", "十一", "二十", "二十六", "九")] == [
        1,
        10,
        11,
        20,
        26,
        9,
    ]


def test_item_styles():
    assert item_number("第三部分 名词解释") == ("part", 3)
    assert item_number("四、财政拨款收入支出决算总体情况说明") == ("cn", 4)
    assert item_number("1、 收入支出决算总体情况说明") == ("cn", 1)  # "1、" stands for "一、"
    assert item_number("(2) 一般公共预算财政拨款支出决算结构情况") == ("cn_paren", 2)
    assert item_number("(1)2021年收入预算") == ("num_paren", 1)
    assert item_number("1.2021年度收支情况") == ("num_dot", 1)
    assert item_number("1.2万元") is None


def test_001_items_numbered_1_3_2_4_lines_45_to_47():
    found = disordered(SEED_001)
    assert (46, "1、3、2、4、5、6、7、8、9、10、11") in found


def test_001_missing_third_heading_of_the_evaluation_report():
    assert (177, "1、2、4") in disordered(SEED_001)


def test_correct_documents_have_ordered_numbering():
    for path in (SEED_000, SEED_002, SEED_003, SEED_004):
        assert disordered(path) == [], path.name
    # and the lists are really checked, not skipped
    assert len(seed_facts(SEED_000, "numbering")) >= 8


def test_mixed_styles_from_word_numbering_are_one_level():
    # 001 lines 113-121: （一）、（二）、（3） 、（四）
    text = seed_lines(SEED_001, 113, 121)
    (f,) = [f for f in facts_from(text, "numbering") if f.fields["sequence"].startswith("1、2、3")]
    assert f.fields["ordered"] is True


def test_a_table_flattened_into_paragraphs_is_not_one_list():
    """The 总表's income and expenditure columns, flattened: 一…三 then 一、二… again."""
    text = "一、一般公共预算财政拨款收入\n二、政府性基金预算财政拨款收入\n三、国有资本经营预算财政拨款收入\n一、一般公共服务支出\n二、外交支出\n三、国防支出\n四、公共安全支出\n"
    assert [f for f in facts_from(text, "numbering") if not f.fields["ordered"]] == []
    # rows read across the two columns: 一、二、三 (income) interleaved with 一、二 (spending)
    text = "一、一般公共预算财政拨款收入\n一、一般公共服务支出\n二、政府性基金预算财政拨款收入\n二、外交支出\n三、国有资本经营预算财政拨款收入\n三、国防支出\n"
    assert [f for f in facts_from(text, "numbering") if not f.fields["ordered"]] == []


def test_list_items_numbered_1_dun_are_not_headings():
    """Shanghai's "1、教育支出（类）…" items sit under "五、…"; "六、" follows them."""
    text = (
        "五、一般公共预算财政拨款支出决算情况说明\n"
        "1、教育支出（类）普通教育（款）初中教育（项）。主要用于学校运行。\n"
        "2、教育支出（类）普通教育（款）高中教育（项）。主要用于学校运行。\n"
        "六、一般公共预算财政拨款基本支出决算情况说明\n"
    )
    assert [f for f in facts_from(text, "numbering") if not f.fields["ordered"]] == []


def test_parts_may_skip_a_number_but_not_go_back():
    assert [
        f
        for f in facts_from("第一部分 概况\n第三部分 情况说明\n第四部分 名词解释\n", "numbering")
        if not f.fields["ordered"]
    ] == []
    (bad,) = [
        f
        for f in facts_from("第一部分 概况\n第三部分 情况说明\n第二部分 附表\n", "numbering")
        if not f.fields["ordered"]
    ]
    assert bad.fields["found_number"] == "2"


def test_an_item_printed_inside_the_previous_paragraph_is_not_missing():
    """上海市普陀区财政局 2024 决算 p4: "（七）…财务规则。（八）负责…" is one printed line."""
    text = (
        "（六）负责本区政府采购监督管理工作。\n"
        "（七）负责本区会计管理工作，组织和实施国家颁布的各项会计准则、会计制度和财务规则。（八）负责本区暂未划转入税务部门的非税收入管理。\n"
        "（九）拟订和组织实施本区国库管理制度。\n"
    )
    assert [f for f in facts_from(text, "numbering") if not f.fields["ordered"]] == []
