"""exact(): the points of a performance table are added as printed, not as rounding intervals."""

from __future__ import annotations

from decimal import Decimal

from govaudit.engine.expr import Context, evaluate, parse
from govaudit.extract.base.quantities import make_quantity


def q(v: str):
    d = Decimal(v)
    decimals = max(-d.as_tuple().exponent, 0)
    return make_quantity(d, decimals, "")


def run(src: str, **env):
    return evaluate(parse(src), Context(env=env))


def test_rounded_points_hide_a_wrong_total_but_exact_points_do_not():
    # 000 12345热线: 9.9 + eleven integer scores = 99.9, the 合计 says 99
    scores = [q("9.9"), *[q(s) for s in "10 10 5 5 5 5 20 5 5 10 10".split()]]
    total = q("99")
    assert run("sum(scores) == total", scores=scores, total=total) is None  # ±5.5 overlaps
    assert run("sum(exact(scores)) == exact(total)", scores=scores, total=total) is False


def test_exact_keeps_equal_points_equal():
    assert run("exact(a) <= exact(b)", a=q("10"), b=q("10")) is True
    assert run("exact(a) == exact(b)", a=q("97.39"), b=q("97.39")) is True
    assert run("a <= b", a=q("10"), b=q("10")) is None


def test_exact_passes_missing_values_through():
    assert run("exact(a)", a=None) is None
    assert run("exact(a) == 1", a=None) is None
