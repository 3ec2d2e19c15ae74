"""Totals and parts, on real sentences from the five seeds."""

from __future__ import annotations

from decimal import Decimal

from tests.seeds import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    facts_from,
    seed_facts,
    seed_line,
    seed_lines,
)


def breakdowns(text: str):
    return facts_from(text, "breakdown")


def values(fact) -> tuple[Decimal, list[Decimal]]:
    return fact.fields["total"].value, [q.value for q in fact.fields["parts"]]


def test_total_with_parts_and_shares_000_line_39():
    (b,) = breakdowns(seed_line(SEED_000, 39))
    assert values(b) == (Decimal("3469.24"), [Decimal("575.18"), Decimal("2894.06"), 0, 0, 0])
    assert [q.label for q in b.fields["parts"]][:2] == ["基本支出", "项目支出"]
    shares = facts_from(seed_line(SEED_000, 39), "share")
    assert [s.fields["share"].text for s in shares][:2] == ["16.58%", "83.42%"]
    assert all(s.fields["whole"].value == Decimal("3469.24") for s in shares)


def test_parts_on_the_following_lines_000_line_85():
    text = seed_lines(SEED_000, 85, 88)
    (b,) = breakdowns(text)
    assert values(b) == (Decimal("575.15"), [Decimal("461.75"), Decimal("89.33")])
    assert [q.label for q in b.fields["parts"]] == ["人员经费", "公用经费"]
    assert b.fields["multiline"] is True


def test_numbered_items_after_qizhong_000_lines_61_79():
    (b,) = breakdowns(seed_lines(SEED_000, 61, 81))
    total, parts = values(b)
    assert total == Decimal("3469.2") and len(parts) == 11
    assert b.fields["total"].unit_inferred  # "决算数为3469.2" has no unit in the original
    assert b.fields["parts"][0].label.endswith("行政运行（项）")


def test_parenthesised_list_with_nested_brackets_002_line_57():
    found = breakdowns(seed_line(SEED_002, 57))
    (b,) = [f for f in found if f.fields["marker"] == "其中"]
    assert values(b) == (Decimal("16.21"), [Decimal("7.15"), Decimal("6.3"), Decimal("2.76")])
    # and the budget it came from: 21 = 16.21 executed + 4.79 left
    (r,) = [f for f in found if f.fields["marker"] == "剩余"]
    assert values(r) == (Decimal("21"), [Decimal("16.21"), Decimal("4.79")])


def test_total_in_wan_itemised_in_yuan_000_line_109():
    (b,) = breakdowns(seed_line(SEED_000, 109))
    assert b.fields["total"].text == "1.5万元"
    assert [q.unit for q in b.fields["parts"]] == ["元"] * 8
    assert sum(q.value for q in b.fields["parts"]) == 15044


def test_zhuyao_yongyu_needs_shares_that_make_100_percent():
    # 000 line 55: every part carries a share, the shares add up to 100%
    (b,) = breakdowns(seed_line(SEED_000, 55))
    assert values(b)[0] == Decimal("3469.2")
    # 001 line 81: "主要用于…145.07万元、…142.17万元…" lists uses, not a full breakdown
    texts = [f.fields["total"].text for f in breakdowns(seed_line(SEED_001, 81))]
    assert "439.90万元" in texts
    assert all(
        len(f.fields["parts"]) == 3 or len(f.fields["parts"]) == 1
        for f in breakdowns(seed_line(SEED_001, 81))
    )


def test_nested_breakdowns_001_line_128():
    found = {
        f.fields["total"].text: len(f.fields["parts"]) for f in breakdowns(seed_line(SEED_001, 128))
    }
    # 700.51 (人员经费603.34、日常公用支出97.17) in brackets with no 其中
    assert found == {"2013.29万元": 2, "1312.78万元": 16, "700.51万元": 2}


def test_ambiguous_total_is_skipped_001_line_118():
    """ "编制13名、工勤事业编制2名，其中主任1名…": which one is the total? Skip."""
    assert breakdowns(seed_line(SEED_001, 118)) == []


def test_counts_with_mismatched_units_are_skipped_004_line_317():
    """ "行政编制14个,其中:局长1人,副局长3人…": 个 and 人 are not the same count."""
    assert breakdowns(seed_line(SEED_004, 317)) == []


def test_mixed_count_and_money_items_are_skipped_004_line_209():
    found = [values(f) for f in breakdowns(seed_line(SEED_004, 209))]
    # only the clean list "共有公务用车4辆,其中:轿车1辆、越野车3辆、载客汽车0辆" is taken
    assert (Decimal(4), [1, 3, 0]) in found
    assert all(total != 0 or parts != [0, 0, 0] for total, parts in found)


def test_sentence_initial_qizhong_takes_the_paragraph_subject_000_line_107():
    found = breakdowns(seed_lines(SEED_000, 107, 113))
    (b,) = [f for f in found if f.loc.line == 1]  # line 107 of the seed is line 1 here
    assert values(b) == (Decimal("1.5"), [Decimal("1.5"), 0])
    assert [q.label for q in b.fields["parts"]] == ["国内公务接待支出", "外事接待支出"]


def test_named_total_stated_earlier_004_line_327():
    found = {
        f.fields["total"].text: [q.text for q in f.fields["parts"]]
        for f in breakdowns(seed_line(SEED_004, 327))
    }
    assert found["1634.34万元"] == ["501.65万元", "1132.69元"]
    assert found["1755.78万元"] == ["121.45万元", "1634.34万元"]


def test_single_part_003_line_88_and_part_larger_than_total_002_line_47():
    (b,) = breakdowns(seed_line(SEED_003, 88))
    assert values(b) == (Decimal("25.41"), [Decimal("25.41")])
    (b,) = breakdowns(seed_line(SEED_002, 47))
    assert values(b) == (Decimal("33.39238"), [Decimal("108690.55")])


def test_share_lists_without_a_stated_total_000_line_99():
    shares = facts_from(seed_line(SEED_000, 99), "share")
    assert [s.fields["share"].text for s in shares] == ["0%", "50%", "50%"]
    assert all(s.fields["whole"] is None and len(s.fields["siblings"]) == 3 for s in shares)


def test_breakdowns_in_all_five_seeds_have_real_lines():
    lines = {
        p.name[:3]: sorted({f.loc.line for f in seed_facts(p, "breakdown")})
        for p in (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004)
    }
    assert {35, 39, 55, 61, 85, 107, 128}.issubset(lines["000"])
    assert {19, 25, 40, 44, 57, 81, 128}.issubset(lines["001"])
    assert {47, 53, 57}.issubset(lines["002"])
    assert {24, 27, 38, 42, 62, 88}.issubset(lines["003"])
    assert {111, 115, 131, 137, 157, 163, 185, 235, 323, 327}.issubset(lines["004"])


def test_structure_list_whose_shares_miss_100_but_whose_parts_make_the_total():
    """上海市普陀区财政局 2024 决算 p21: 71.73 + 11.11 + 2.07 + 15.16 = 100.07%, but the parts
    add up to 2940.06 ≈ 2940.05: the list is complete, and 71.73% is wrong (71.65%)."""
    text = (
        "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；"
        "社会保障和就业支出（类）326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.16%；"
    )
    (b,) = breakdowns(text)
    assert len(b.fields["parts"]) == 4
    shares = facts_from(text, "share")
    assert [s.fields["share"].text for s in shares] == ["71.73%", "11.11%", "2.07%", "15.16%"]


def test_whole_number_parts_read_at_their_siblings_precision_004_line_235():
    (b, _) = breakdowns(seed_line(SEED_004, 235))
    precise = b.fields["precise_parts"]
    assert [(q.value, q.decimals) for q in precise] == [
        (Decimal("19.32"), 2),
        (0, 0),
        (Decimal("223"), 2),
    ]
    # nothing to re-read when every part already has decimals
    (b,) = breakdowns(seed_line(SEED_000, 39))
    assert b.fields["precise_parts"] is None
