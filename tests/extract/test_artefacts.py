"""Editing artefacts, on real text."""

from __future__ import annotations

from tests.seeds import SEED_000, SEED_002, SEED_003, SEED_004, facts_from, seed_line, seed_lines
from tests.test_mutations import EMPTY_TABLE, WANLI_ITEM


def test_wan_yuan_with_no_number():
    assert [f.fields["text"] for f in facts_from(seed_line(SEED_003, 467), "stray_unit")] == [
        "上不能实现多万元化的目标。"
    ]
    assert [f.fields["text"] for f in facts_from(seed_line(SEED_002, 25), "stray_unit")] == [
        "支出预算万元260.85"
    ]


def test_wan_yuan_as_a_unit_is_fine():
    for text in (
        "预算执行情况(万元)",
        "部门“三公”经费和机关运行经费预算表 编制部门：上海市普陀区人民政府万里街道办事处单位:万元",
        seed_line(SEED_000, 132),  # "单价50万元以上"
        "节约资金逾十多万元。",
    ):
        assert facts_from(text, "stray_unit") == [], text


def test_template_placeholders_and_instructions():
    text = "上海市XX局2024年度收入支出总计XXX万元。主要原因：XXXXXXXX。（如持平作持平表述）"
    (f,) = facts_from(text, "template_text")
    assert len(f.fields["leftovers"]) == 4
    assert facts_from(seed_line(SEED_000, 31), "template_text") == []


def test_empty_table_note():
    (f,) = facts_from(EMPTY_TABLE, "empty_table_note")
    assert (f.fields["title_funds"], f.fields["note_funds"], f.fields["matches"]) == (
        "政府性基金",
        "政府性基金",
        True,
    )


def test_restated_amounts():
    # a budget item's heading and its 预算安排 share a ledger key: GA-XREF-001 compares them
    assert facts_from(WANLI_ITEM, "restated") == []
    (f,) = facts_from(seed_line(SEED_003, 75), "restated")
    assert (f.fields["first"].text, f.fields["second"].text) == ("2万元", "2万元")
    found = [
        (f.fields["first"].text, f.fields["second"].text)
        for f in facts_from(seed_lines(SEED_004, 732, 745), "restated")
    ]
    assert ("86万元", "987.49万元") in found
