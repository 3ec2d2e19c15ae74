"""Rates whose operands are stated, on real sentences."""

from __future__ import annotations

from decimal import Decimal

from tests.edits import edited_findings
from tests.seeds import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    facts_from,
    seed_line,
)


def brief(f):
    F = f.fields
    return (F["rate_name"], F["numerator"].value, F["denominator"].value, F["rate"].value)


def test_budget_execution_rate_003_line_100():
    (f,) = facts_from(seed_line(SEED_003, 100), "rate")
    assert brief(f) == ("预算完成率", Decimal("214.61"), Decimal("214.61"), Decimal("100"))


def test_completion_and_balance_rates_in_one_sentence_001_line_163():
    found = [brief(f) for f in facts_from(seed_line(SEED_001, 163), "rate")]
    assert found == [
        ("预算完成率", Decimal("1904.09"), Decimal("2156.3"), Decimal("88.3")),
        ("结余率", Decimal("252.21"), Decimal("2156.3"), Decimal("11.7")),
    ]


def test_service_rates_004_lines_107_and_111():
    found = [brief(f) for f in facts_from(seed_line(SEED_004, 111), "rate")]
    assert found == [("办结率", Decimal("15562"), Decimal("15724"), Decimal("98.97"))]
    found = [brief(f) for f in facts_from(seed_line(SEED_004, 107), "rate")]
    assert ("满意率", Decimal("4062397"), Decimal("4062868"), Decimal("99.99")) in found


def test_rates_with_an_unstated_base_are_not_checked():
    # 000 line 651: 接通率 and 按时办结率 have bases the sentence does not give
    assert facts_from(seed_line(SEED_000, 651), "rate") == []
    # 003 line 13: 评价数 and 主动评价数量 are not the operands of 满意率
    assert facts_from(seed_line(SEED_003, 13), "rate") == []
    # 000 line 1415: the 预算执行率's denominator is only in the table
    assert facts_from(seed_line(SEED_000, 1415), "rate") == []


def test_rate_not_right_after_its_numerator_is_skipped_002_line_53():
    """ "已办结14403件，正在办理186件，响应率、办结率均达到100%": the figure before the
    rate is 186, not the numerator; which figures the rate is built from is a guess."""
    assert facts_from(seed_line(SEED_002, 53), "rate") == []


PUTUO_SANGONG = (
    "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元，"
    "完成预算的0%；公务用车购置及运行维护费支出决算为0.00万元，完成预算的0%；公务接待费支出决算为0.00万元，完成预算的0%。"
)


def test_each_rate_is_paired_with_its_own_budget_putuo_2024():
    """上海市普陀区财政局 2024 决算, 三公 section: only the first rate has its own budget in
    the sentence; the items' rates must not borrow the 三公 total's budget."""
    found = [brief(f) for f in facts_from(PUTUO_SANGONG, "rate")]
    assert found == [("预算完成率", Decimal("0.00"), Decimal("0.95"), Decimal("0"))]


def test_completion_of_the_initial_budget_putuo_2024():
    text = "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。"
    assert [brief(f) for f in facts_from(text, "rate")] == [
        ("预算完成率", Decimal("2940.05"), Decimal("2993.92"), Decimal("98.20"))
    ]


def test_completion_and_balance_rates_of_one_subsection_001():
    from tests.seeds import seed_facts

    pairs = sorted(
        (f.loc.line, f.fields["completion"].value, f.fields["balance"].value)
        for f in seed_facts(SEED_001, "rate_complement")
    )
    assert pairs == [
        (141, Decimal("96.13"), Decimal("3.87")),
        (150, Decimal("98.85"), Decimal("1.15")),
        (159, Decimal("84.21"), Decimal("15.79")),
        (163, Decimal("88.3"), Decimal("11.7")),
    ]


def test_the_rate_of_a_part_marked_by_qi_zhong_004_line_489():
    # "…其中热线来电96145次,…。其中直接办理的来电80421次,直办率为83.65%"
    (f,) = facts_from(seed_line(SEED_004, 489), "rate")
    assert brief(f) == ("直办率", Decimal("80421"), Decimal("96145"), Decimal("83.65"))
    # "其中热线接电量96145次" (line 541) is a part, but no rate follows it
    assert facts_from(seed_line(SEED_004, 541), "rate") == []


def test_a_part_rate_that_does_not_fit_is_reported(rules):
    found = edited_findings(SEED_004, {"直办率为83.65%": "直办率为84.65%"}, rules, "GA-RATE")
    # the paragraph is printed twice (lines 489 and 619)
    assert [(r, line) for r, line, _, _ in found] == [
        ("GA-RATE-002", 489),
        ("GA-RATE-002", 619),
    ]
