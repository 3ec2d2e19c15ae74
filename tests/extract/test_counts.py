"""Counts against lists, and done + left, on real sentences."""

from __future__ import annotations

from tests.edits import edited_findings
from tests.seeds import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    facts_from,
    seed_line,
    seed_lines,
)


def counts(text):
    return [
        ([q.text for q in f.fields["counts"]], len(f.fields["items"]))
        for f in facts_from(text, "list_count")
    ]


def test_list_then_count_001_line_114():
    assert counts(seed_line(SEED_001, 114)) == [(["6个"], 6), (["9个"], 9)]


def test_chinese_numeral_and_quoted_items():
    assert counts(seed_line(SEED_002, 9)) == [(["三个"], 3)]
    assert counts(seed_line(SEED_002, 62)) == [(["4个"], 4)]
    assert counts(seed_line(SEED_003, 98)) == [(["2个"], 2)]


def test_count_then_semicolon_list_002_line_67():
    assert counts(seed_line(SEED_002, 67)) == [(["7个"], 7)]


def test_count_of_a_split_total_004_lines_115_and_291():
    assert counts(seed_line(SEED_004, 115)) == [(["3个"], 3)]
    assert counts(seed_line(SEED_004, 291)) == [(["2个"], 2)]


def test_counts_of_kinds_and_numbered_lines():
    text = """本部门中，行政单位1家，参公单位1家，事业单位4家，具体包括：
1.上海市普陀区人民政府万里街道办事处（本部）。
2.上海市普陀区万里街道社区事务受理服务中心。
3.上海市普陀区万里街道社区党群服务中心。
4.上海市普陀区万里街道城市运行管理中心。
5.上海市普陀区万里街道经济发展服务中心。
6.上海市普陀区万里街道综合行政执法队。"""
    assert counts(text) == [(["1家", "1家", "4家"], 6)]


def test_not_counted():
    # "等": examples; two counts before "分别是": which one?; a list that qualifies the count
    assert counts(seed_line(SEED_001, 85)) == []
    assert counts(seed_line(SEED_000, 24)) == []
    assert counts(seed_line(SEED_001, 4923)) == []
    assert counts(seed_line(SEED_004, 107)) == []


def test_done_and_left():
    (f,) = facts_from(seed_line(SEED_002, 53), "count_split")
    assert [q.text for q in [f.fields["total"], *f.fields["parts"]]] == [
        "14589件",
        "14403件",
        "186件",
    ]
    (g,) = facts_from(seed_line(SEED_004, 107), "count_split")
    assert [q.text for q in [g.fields["total"], *g.fields["parts"]]] == ["21个", "18个", "3个"]


def test_a_count_within_another_000_line_413():
    (f,) = facts_from(seed_line(SEED_000, 413), "count_within")
    assert (f.fields["whole"].text, f.fields["part"].text, f.fields["relation"]) == (
        "353947件",
        "353927件",
        "办结率",
    )
    # a stated rate (GA-CNT-003) or a done + left split (GA-CNT-002) checks the pair already
    assert facts_from(seed_line(SEED_004, 111), "count_within") == []
    assert facts_from(seed_line(SEED_002, 53), "count_within") == []


def test_more_done_than_received_is_reported(rules):
    found = edited_findings(SEED_000, {"办结353927件": "办结363927件"}, rules, "GA-CNT")
    assert found == [("GA-CNT-004", 413, "353947", "363927")]


def test_initial_plus_added_against_the_total():
    line = seed_line(SEED_001, 153)
    # the real passage states no total (line 154's 13 are the projects paid): nothing to check
    assert facts_from(seed_lines(SEED_001, 153, 154), "count_sum") == []
    head = line[: line.index("总体目标")]
    for total in (
        "，共计13个。",
        "，全年共实施特定目标类项目13个。",
        "。全年共实施特定目标类项目13个。",
    ):
        (f,) = facts_from(head.rstrip("。") + total, "count_sum")
        assert (f.fields["total"].text, [q.text for q in f.fields["parts"]]) == (
            "13个",
            ["10个", "3个"],
        )
    # a total of other things is not this one's
    assert facts_from(head.rstrip("。") + "，共有车辆13辆。", "count_sum") == []


def test_a_total_that_is_not_initial_plus_added_is_reported(check):
    line = seed_line(SEED_001, 153)
    head = line[: line.index("总体目标")].rstrip("。")
    found = [
        (f.rule, f.expected, f.actual)
        for f in check(head + "，全年共实施特定目标类项目14个。").findings
        if f.rule.startswith("GA-CNT")
    ]
    assert found == [("GA-CNT-005", "13", "14")]
