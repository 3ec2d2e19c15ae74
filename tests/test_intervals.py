"""Rounding intervals: a relation fails only when no unrounded values make it hold."""

from __future__ import annotations

from decimal import Decimal

from govaudit.extract.base.quantities import make_quantity
from govaudit.intervals import Interval


def q(v: str, unit: str = "万元"):
    d = Decimal(v)
    decimals = max(-d.as_tuple().exponent, 0)
    return Interval.of(make_quantity(d, decimals, unit))


def test_printed_figure_stands_for_its_rounding_interval():
    iv = q("3469.24")
    assert (iv.lo, iv.hi) == (Decimal("3469.235"), Decimal("3469.245"))
    iv = q("8")
    assert (iv.lo, iv.hi) == (Decimal("7.5"), Decimal("8.5"))
    iv = q("99.47", "%")
    assert (iv.lo, iv.hi) == (Decimal("0.99465"), Decimal("0.99475"))


def test_yuan_is_converted_to_wan_yuan():
    iv = q("1920", "元")
    assert iv.nominal == Decimal("0.1920")
    assert (iv.lo, iv.hi) == (Decimal("0.19195"), Decimal("0.19205"))


def test_sum_that_only_holds_within_rounding_is_consistent():
    # 004 line 157: 1515.02 + 50.26 + 30.64 + 38.43 = 1634.35, stated 1634.34
    parts = q("1515.02") + q("50.26") + q("30.64") + q("38.43")
    assert parts.nominal == Decimal("1634.35")
    assert parts.eq(q("1634.34")) is None  # possible, not certain: no finding
    # 000 line 85: 461.75 + 89.33 = 551.08 ≠ 575.15 under any rounding
    assert (q("461.75") + q("89.33")).eq(q("575.15")) is False


def test_division_and_percentages():
    # 000 line 39: 575.18 / 3469.24 = 16.5794% ≈ 16.58%
    assert q("16.58", "%").eq(q("575.18") / q("3469.24")) is None
    # 003 line 38: 8.21 / 542.38 = 1.5137%, stated 1.52%: fails by a hair
    assert q("1.52", "%").eq(q("8.21") / q("542.38")) is False
    # 000 line 93: "3万元 … 减少16.12万元，下降84.27%": 3 stands for 2.5–3.5, so it holds
    current, change = q("3"), q("16.12")
    assert q("84.27", "%").eq(change / (current + change)) is None


def test_division_by_an_interval_containing_zero_proves_nothing():
    r = q("0.00") / q("0.00")
    assert not r.bounded
    assert r.eq(q("0.00", "%")) is None
    assert (q("5") / q("0.00")).eq(q("100", "%")) is None


def test_comparisons_are_three_valued():
    assert q("1.00").le(q("2.00")) is True
    assert q("3.00").le(q("2.00")) is False
    assert q("2.00").le(q("2.00")) is None
    assert Interval.exact(2).eq(Interval.exact(2)) is True


def test_display():
    assert (q("461.75") + q("89.33")).show() == "551.08"
    assert (q("575.18") / q("3469.24")).show(2) == "16.58%"
    assert (q("1920", "元") + q("3240", "元")).show() == "0.5160"


def test_a_truncating_document_s_money_figure_may_stand_for_a_little_more():
    """ "1,202.94" cut from 12,029,456.78 元 stands for [1202.94, 1202.95): the document
    profile's convention; a half-up reading stays possible, a figure below is not."""
    from govaudit.model import TRUNCATE

    figure = make_quantity(Decimal("1202.94"), 2, "万元")
    iv = Interval.of(figure, TRUNCATE)
    assert (iv.lo, iv.hi) == (Decimal("1202.935"), Decimal("1202.950"))
    assert iv.eq(q("1202.945678")) is None  # the 元 figure it was cut from
    assert iv.eq(q("1202.9345")) is False
    # only money: a percentage is rounded as printed
    rate = Interval.of(make_quantity(Decimal("10.15"), 2, "%"), TRUNCATE)
    assert (rate.lo, rate.hi) == (Decimal("0.10145"), Decimal("0.10155"))


def test_whole_counts_of_things_are_exact_and_measures_are_not():
    """ "共有公务用车5辆" is 5 cars, not anything from 4.5 to 5.5; "2.3万人次" and "8小时"
    are rounded like money."""
    from govaudit.extract.base.quantities import find_quantities
    from govaudit.model import Location, Text

    def first(text: str) -> Interval:
        (q, *_) = find_quantities(Text(text, ((0, Location(line=1)),)), 0)
        return Interval.of(q)

    cars = first("共有公务用车5辆")
    assert (cars.lo, cars.hi) == (5, 5) and cars.exact_value
    assert first("内设机构21个").exact_value
    assert not first("服务2.3万人次").exact_value
    assert not first("平均办理时间8小时").exact_value


def test_parts_of_a_count_that_miss_it_by_one_are_an_error(check):
    """004 line 209 edited: "单位共有公务用车5辆,其中:轿车1辆、越野车3辆、载客汽车0辆" — with
    counts read as ±0.5 the 1 + 3 + 0 = 4 cars "fitted" 5."""
    from tests.seeds import SEED_004, seed_line

    line = seed_line(SEED_004, 209).replace("共有公务用车4辆", "共有公务用车5辆")
    assert "共有公务用车5辆" in line
    (f,) = [f for f in check(line).findings if f.rule == "GA-SUM-001"]
    assert (f.expected, f.actual) == ("4", "5")
    assert not [f for f in check(seed_line(SEED_004, 209)).findings if f.rule == "GA-SUM-001"]


def test_a_figure_of_a_document_that_drops_trailing_zeros_has_two_places():
    from decimal import Decimal

    from govaudit.extract.base.quantities import make_quantity
    from govaudit.intervals import Interval

    q = make_quantity(Decimal("28.1"), 1, "万元")
    assert (Interval.of(q).lo, Interval.of(q).hi) == (Decimal("28.05"), Decimal("28.15"))
    iv = Interval.of(q, places=2)
    assert (iv.lo, iv.hi) == (Decimal("28.095"), Decimal("28.105"))
    # a percentage, an approximate amount and a figure in 元 keep their own precision
    for other in (
        make_quantity(Decimal("16.5"), 1, "%"),
        make_quantity(Decimal("5000"), 0, "元"),
    ):
        assert Interval.of(other, places=2) == Interval.of(other)
