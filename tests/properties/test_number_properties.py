"""Property tests: printed amounts and percentages round-trip through the parser in all
their written forms, and values consistent after rounding are never reported."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from govaudit.extract.base.quantities import find_quantities
from govaudit.intervals import Interval
from govaudit.model import Location, Text

FULL = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


def printed(value: Decimal, decimals: int, thousands: bool) -> str:
    q = value.quantize(Decimal(1).scaleb(-decimals)) if decimals else value.quantize(Decimal(1))
    if thousands:
        return f"{q:,f}"
    return f"{q:f}"


amounts = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=4, allow_nan=False
)


@given(
    value=amounts,
    decimals=st.integers(0, 4),
    unit=st.sampled_from(["万元", "元", "亿元", "%", "件", "人次"]),
    thousands=st.booleans(),
    fullwidth=st.booleans(),
    label=st.sampled_from(["本年支出合计", "基本支出", "其中：人员经费", "占"]),
    tail=st.sampled_from(["，", "。", "；", "", "（注）"]),
)
def test_printed_numbers_round_trip(value, decimals, unit, thousands, fullwidth, label, tail):
    text = printed(value, decimals, thousands)
    if fullwidth:
        text = text.translate(FULL).replace("，", ",")  # thousands separators stay half-width
    sentence = f"2023年度{label}{text}{unit}{tail}"
    (q,) = find_quantities(Text(sentence, ((0, Location(line=1)),)), 0)
    expected = Decimal(printed(value, decimals, False))
    assert q.value == expected
    assert q.decimals == decimals
    assert q.unit == unit
    assert not q.approx


@given(value=amounts, marker=st.sampled_from(["约", "近", "超", "超过", "逾"]))
def test_approximate_prefixes_are_never_exact(value, marker):
    (q,) = find_quantities(Text(f"受理{marker}{value:.2f}万元", ((0, Location(line=1)),)), 0)
    assert q.approx


@given(value=amounts, marker=st.sampled_from(["余", "多"]))
def test_approximate_suffixes_are_never_exact(value, marker):
    (q,) = find_quantities(Text(f"受理{int(value)}{marker}件", ((0, Location(line=1)),)), 0)
    assert q.approx


def _round(v: Decimal, d: int) -> Decimal:
    return v.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)


@given(
    parts=st.lists(st.decimals(min_value=0, max_value=100000, places=6), min_size=2, max_size=8),
    d_total=st.integers(0, 3),
    d_parts=st.integers(0, 3),
)
def test_sums_consistent_after_rounding_are_never_reported(parts, d_total, d_parts):
    total = sum(parts)
    # policy: an amount printed as "0" (no decimals) means nothing at all
    assume(not any(p != 0 and _round(p, d_parts) == 0 and d_parts == 0 for p in parts))
    assume(not (total != 0 and _round(total, d_total) == 0 and d_total == 0))
    t = Interval.of(_q(_round(total, d_total), d_total))
    s = Interval.exact(0)
    for p in parts:
        s = s + Interval.of(_q(_round(p, d_parts), d_parts))
    assert t.eq(s) is not False


@given(
    part=st.decimals(min_value=0, max_value=100000, places=6),
    rest=st.decimals(min_value=Decimal("0.5"), max_value=100000, places=6),
    d_amount=st.integers(0, 3),
    d_pct=st.integers(0, 3),
)
def test_shares_consistent_after_rounding_are_never_reported(part, rest, d_amount, d_pct):
    whole = part + rest
    share = part / whole * 100
    assume(_round(whole, d_amount) > 0)
    assume(not (part != 0 and d_amount == 0 and _round(part, 0) == 0))
    stated = Interval.of(_q(_round(share, d_pct), d_pct, "%"))
    computed = Interval.of(_q(_round(part, d_amount), d_amount)) / Interval.of(
        _q(_round(whole, d_amount), d_amount)
    )
    assert stated.eq(computed) is not False


@given(
    prior=st.decimals(min_value=Decimal("0.5"), max_value=100000, places=6),
    change=st.decimals(min_value=Decimal("-0.99"), max_value=5, places=4),
    d=st.integers(0, 3),
)
def test_change_rates_consistent_after_rounding_are_never_reported(prior, change, d):
    current = prior * (1 + change)
    delta = current - prior
    assume(_round(current, d) - _round(delta, d) > 0)
    assume(_round(delta, d) != 0 or delta == 0)
    rate = abs(delta) / prior * 100
    stated = Interval.of(_q(_round(rate, 2), 2, "%"))
    cur = Interval.of(_q(_round(current, d), d))
    dl = Interval.of(_q(_round(delta, d), d))
    computed = dl.abs() / (cur - dl)
    assert stated.eq(computed) is not False


def _q(v: Decimal, d: int, unit: str = "万元"):
    from govaudit.extract.base.quantities import make_quantity

    return make_quantity(v, d, unit)
