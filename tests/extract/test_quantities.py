"""Numbers as written in real disclosures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govaudit.extract.base.quantities import find_quantities, parse_cell_number
from govaudit.model import Location, Text
from tests.seeds import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, seed_line


def qs(s: str):
    return find_quantities(Text(s, ((0, Location(line=1)),)), 0)


def brief(s: str):
    return [(q.text, q.value, q.decimals, q.unit, q.approx, q.label) for q in qs(s)]


def test_money_percent_and_labels_in_a_real_sentence():
    got = brief(seed_line(SEED_000, 39))
    assert got[0] == ("3469.24万元", Decimal("3469.24"), 2, "万元", False, "本年支出合计")
    assert got[1] == ("575.18万元", Decimal("575.18"), 2, "万元", False, "基本支出")
    assert got[2] == ("16.58%", Decimal("16.58"), 2, "%", False, "占")


def test_half_width_punctuation_and_space_before_percent():
    # 004 line 167: "完成预算100 %" with a space
    got = brief(seed_line(SEED_004, 167))
    assert ("100 %", Decimal("100"), 0, "%", False, "完成预算") in got


def test_approximate_figures_are_marked():
    # 000 line 202: "免费寄件17000余件"; 001 line 4958: "话务总量91.88万余通"
    got = {q.text: q.approx for q in qs(seed_line(SEED_000, 202))}
    assert got["17000余件"] is True
    assert got["18.9万元"] is False
    assert all(q.approx for q in qs("服务水平>98.28%，超90%以上，约5万元，近3万元"))


def test_years_dates_codes_and_numbering_are_not_quantities():
    # 000 line 183 (a project code), 002 line 45 (dates), 001 line 45 (list numbering)
    assert qs(seed_line(SEED_000, 183)) == []
    texts = [q.text for q in qs(seed_line(SEED_002, 45))]
    assert "866013.51元" in texts
    assert not any(t.startswith(("2023", "2022")) for t in texts)
    assert [q.text for q in qs(seed_line(SEED_001, 45))] == ["268.62万元", "98.59%"]
    assert qs("〔2019〕28号 第2批 （1）贯彻 7x24小时 系统2.0版") == []


def test_thousands_separator_only_when_half_width_and_grouped_by_three():
    assert [(q.value, q.unit) for q in qs("预算1,442.16万元")] == [(Decimal("1442.16"), "万元")]
    # a full-width comma is a clause separator
    assert [q.value for q in qs("完成1，442.16万元")] == [Decimal("442.16")]


def test_negative_amount_and_ranges():
    got = qs(seed_line(SEED_002, 19))
    assert [(q.value, q.unit) for q in got] == [(Decimal("-187860.11"), "元")]
    (seven,) = qs("求助投诉类信件5-7个工作日内办结")
    assert seven.approx


def test_ten_thousand_units():
    got = {q.text: (q.unit, q.approx) for q in qs("受理31万余件，安排258.5万专项经费")}
    assert got == {"31万余件": ("万件", True), "258.5万": ("万元", False)}


def test_unitless_decimal_amount_is_kept_for_inference():
    # 000 line 61: "决算数为3469.2，完成预算100%" (the unit is missing in the original)
    (amount, pct) = qs(seed_line(SEED_000, 61))
    assert (amount.text, amount.unit, amount.label) == ("3469.2", "", "一般公共预算支出决算数")
    assert pct.unit == "%"


def test_scores_and_minutes():
    got = [(q.text, q.unit) for q in qs("自评得分99分，平均等待3分钟")]
    assert got == [("99分", "分"), ("3分钟", "分钟")]


def test_labels_keep_bracketed_parts_and_paired_words():
    got = qs(seed_line(SEED_000, 99))
    assert got[0].label == "因公出国（境）费支出决算"
    (total,) = [q for q in qs(seed_line(SEED_000, 31)) if q.text == "3469.24万元"]
    assert total.label == "收、支总计"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,442.16", (Decimal("1442.16"), 2, "")),
        ("99.47%", (Decimal("99.47"), 2, "%")),
        ("10", (Decimal("10"), 0, "")),
        ("１００％", (Decimal("100"), 0, "%")),
        ("/", None),
        ("36000元/年", None),
        ("优", None),
        ("", None),
    ],
)
def test_cell_numbers(cell, expected):
    q = parse_cell_number(Text(cell, ((0, Location(line=7)),)), 0)
    if expected is None:
        assert q is None
    else:
        assert (q.value, q.decimals, q.unit) == expected
        assert q.loc.line == 7


def test_every_seed_yields_quantities_without_error():
    for path in (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004):
        found = []
        for line in path.read_text(encoding="utf-8").split("\n"):
            for q in qs(line):
                # each quantity is a piece of its line, read back to the value printed there
                assert q.text in line, (path.name, line, q.text)
                found.append(q)
        assert sum(q.kind == "money" for q in found) >= 50, path.name
        assert any(q.kind == "percent" for q in found), path.name
