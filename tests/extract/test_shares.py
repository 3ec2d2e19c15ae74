"""Shares of a named whole, on real sentences."""

from __future__ import annotations

from decimal import Decimal

from tests.seeds import SEED_000, SEED_004, facts_from, seed_facts, seed_lines


def named(facts):
    return [
        f
        for f in facts
        if f.fields["whole_name"] not in ("各项合计",) and f.fields["siblings"] == []
    ]


def test_share_of_a_total_named_in_the_sentence_is_found_in_an_earlier_section():
    # 000 line 51 "占本年支出合计的100%" refers to line 39's 本年支出合计 3469.24
    (f,) = [f for f in named(seed_facts(SEED_000, "share")) if f.loc.line == 51]
    assert f.fields["part"].value == Decimal("3469.2")
    assert f.fields["whole"].value == Decimal("3469.24")
    assert f.fields["whole"].loc.line == 39


def test_whole_label_with_department_prefix_matches_000_line_128():
    found = {
        f.fields["part"].text: f.fields["whole"].text
        for f in named(facts_from(seed_lines(SEED_000, 128, 128), "share"))
    }
    assert found == {"1876.32万元": "1907.82万元", "1343.22万元": "1907.82万元"}


def test_scope_qualified_label_is_a_different_figure():
    """基本支出 (all funds) must never stand in for 一般公共预算财政拨款基本支出."""
    text = "2023年度一般公共预算财政拨款基本支出575.15万元。\n其中人员经费461.75万元，占基本支出的80.28%。"
    assert named(facts_from(text, "share")) == []


def test_share_with_one_decimal_004_line_151():
    facts = named(seed_facts(SEED_004, "share"))
    (f,) = [f for f in facts if f.loc.line == 151]
    assert (f.fields["share"].text, f.fields["whole"].text) == ("85.6%", "1909.08万元")
