"""The rule expression language: what it computes, and what it refuses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govaudit.engine.expr import Context, eval_template, evaluate, parse, parse_template
from govaudit.errors import ExpressionError
from govaudit.extract.base.quantities import make_quantity


def Q(v: str, unit: str = "万元", label: str = ""):
    d = Decimal(v)
    return make_quantity(d, max(-d.as_tuple().exponent, 0), unit, label=label, text=f"{v}{unit}")


def ev(src: str, **env):
    return evaluate(parse(src), Context(env=env))


def test_arithmetic_and_comparison_over_quantities():
    env = {"total": Q("575.15"), "parts": [Q("461.75"), Q("89.33")]}
    assert ev("total == sum(parts)", **env) is False
    assert ev("len(parts) >= 2", **env) is True
    assert ev("sum(parts) <= total", **env) is True


def test_logic_is_three_valued():
    env = {"a": Q("1.0"), "b": Q("1.0")}
    assert ev("a == b", **env) is None
    assert ev("not (a == b)", **env) is None
    assert ev("a == b or 1 == 1", **env) is True
    assert ev("a == b and 1 == 2", **env) is False


def test_missing_values_make_a_relation_unverified_or_zero():
    ctx = Context(env={"x": None, "y": Q("1.00")})
    assert evaluate(parse("x + y == y"), ctx) is None
    assert ctx.unverified
    ctx = Context(env={"x": None, "y": Q("1.00")}, missing_zero=True)
    assert evaluate(parse("x + y == y"), ctx) is None and not ctx.unverified


def test_strings_and_none():
    assert ev('d == "增加"', d="增加") is True
    assert ev("exists(r)", r=None) is False
    assert ev("r == none", r=None) is True


@pytest.mark.parametrize(
    "src",
    [
        "total.__class__",
        "__import__('os')",
        "total[0]",
        "lambda: 1",
        "a if b else c",
        "eval('1')",
        "1 +",
        "(1",
        "`x`",
    ],
)
def test_anything_beyond_the_language_is_refused(src):
    with pytest.raises(ExpressionError):
        node = parse(src)
        evaluate(node, Context(env={}))


def test_unknown_function_is_an_error_at_evaluation_and_load():
    from govaudit.engine.expr import check_functions

    assert check_functions(parse("open(x)")) == ["open"]


def test_templates_format_numbers_like_the_document():
    env = {
        "total": Q("575.15", label="一般公共预算财政拨款基本支出"),
        "parts": [Q("461.75", label="人员经费"), Q("89.33", label="公用经费")],
    }
    tpl = parse_template(
        "{label(total)} {num(total)} {unit(total)} ≠ {terms(parts)} = {num(sum(parts))} {unit(total)}（差 {diff(total, sum(parts))}）"
    )
    assert eval_template(tpl, Context(env=env)) == (
        "一般公共预算财政拨款基本支出 575.15 万元 ≠ 人员经费 461.75 + 公用经费 89.33 = 551.08 万元（差 24.07）"
    )


def test_braces_escape_and_unclosed_template():
    assert eval_template(parse_template("{{x}}"), Context(env={})) == "{x}"
    with pytest.raises(ExpressionError):
        parse_template("{num(x)")


def test_divide_each_gives_amounts_with_their_intervals():
    from decimal import Decimal

    from govaudit.engine.expr import Context, evaluate, parse
    from govaudit.extract.base.quantities import make_quantity

    a = make_quantity(Decimal("268.62"), 2, "万元")
    r = make_quantity(Decimal("98.59"), 2, "%")
    (b,) = evaluate(parse("divide_each(items, rates)"), Context({"items": [a], "rates": [r]}))
    assert b.kind == "money" and b.lo < Decimal("272.46") < b.hi


def _one_unit_off(share: str, part: str, whole: str):
    s = make_quantity(Decimal(share), 2, "%")
    src = "surely(abs(exact(s) - exact(a) / exact(b)) < ulp(s) * 1.5)"
    return ev(src, s=s, a=Q(part), b=Q(whole))


def test_ulp_is_one_unit_of_the_last_printed_digit():
    share = make_quantity(Decimal("22.03"), 2, "%")
    assert ev("ulp(s)", s=share).nominal == Decimal("0.0001")
    assert ev("ulp(m)", m=Q("183.6")).nominal == Decimal("0.1")
    # 183.6 ÷ 833.6 = 22.02495%: one unit from 22.03%, so a last digit adjusted
    assert _one_unit_off("22.03", "183.6", "833.6") is True
    # 110 ÷ 584.35 = 18.82%, written 18.85%: three units, no adjustment of a last digit
    assert _one_unit_off("18.85", "110", "584.35") is False


def test_consistent_over_a_list_compares_each_item():
    # 人大 2017 "占“三公”经费的8.75%…7.22%…16.81%": each share implies a whole near 2542.6,
    # none of them the parts' own sum 833.6
    parts = [Q("222.5"), Q("183.6"), Q("427.5")]
    shares = [make_quantity(Decimal(v), 2, "%") for v in ("8.75", "7.22", "16.81")]
    env = {"parts": parts, "shares": shares}
    assert ev("consistent(divide_each(parts, shares), sum(parts))", **env) == [False] * 3
    assert ev("any(consistent(divide_each(parts, shares), 2542.6))", **env) is True
