"""Wording that states a relation, on real sentences."""

from __future__ import annotations

from decimal import Decimal

from tests.seeds import SEED_000, SEED_001, SEED_004, facts_from, seed_line
from tests.test_mutations import CAIZHENGJU_ITEM, WANLI_CHANGE


def wording(text):
    return [
        (
            f.fields["relation"],
            f.fields["actual"].text,
            f.fields["budget"].text if f.fields["budget"] else None,
            f.fields["rate"].text if f.fields["rate"] else None,
        )
        for f in facts_from(text, "budget_wording")
    ]


def test_less_than_with_rate_001_line_45():
    assert wording(seed_line(SEED_001, 45)) == [("小于", "268.62万元", None, "98.59%")]


def test_equal_001_line_50_and_flat_004_line_165():
    assert wording(seed_line(SEED_001, 50)) == [("等于", "2.52万元", None, "100%")]
    assert wording(seed_line(SEED_004, 165)) == [("等于", "192.77万元", None, "100%")]


def test_pair_in_the_sentence_before_the_wording():
    assert wording(CAIZHENGJU_ITEM) == [("小于", "135.25万元", "135.90万元", None)]


def test_the_change_sentence_in_between_000_line_93():
    assert wording(seed_line(SEED_000, 93)) == [("等于", "3万元", None, "100%")]


def test_template_wording_is_not_a_statement():
    text = "年初预算为XXX万元，支出决算为XXX万元。决算数大于（小于）预算数的主要原因：XXXXXXXX。"
    assert wording(text) == []


def test_stated_change_two_years():
    # the comparison sentence alone: under its item heading the budget item reads it
    (f,) = facts_from(WANLI_CHANGE, "stated_change")
    F = f.fields
    assert (F["prior"].value, F["current"].value, F["direction"], F["rate"].text) == (
        Decimal("45.41"),
        Decimal("42.60"),
        "减少",
        "6.19%",
    )
    assert (F["prior_year"], F["current_year"]) == (2023, 2024)


def test_stated_change_needs_the_compared_year_to_be_the_prior_figures():
    text = WANLI_CHANGE.replace("比2023年预算执行数", "比2022年预算执行数")
    assert facts_from(text, "stated_change") == []
