"""A small, safe expression language for rule files.

No ``eval``, no attribute access, no imports: a hand-written tokenizer and recursive-descent
parser produce a tuple tree, and the evaluator knows only the operators below and the
functions in `FUNCTIONS`. Numbers are `Interval`s (see intervals.py), comparisons are
three-valued.

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | cmp
    cmp     := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
    sum     := term (("+"|"-") term)*
    term    := unary (("*"|"/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | NAME | NAME "(" args ")" | "(" expr ")" | "[" args "]"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from govaudit.errors import ExpressionError
from govaudit.intervals import Interval, Tri, tri_and, tri_not, tri_or
from govaudit.model import Quantity, header_matches
from govaudit.patterns import lazy_pattern

Node = tuple[Any, ...]

_TOKEN = lazy_pattern(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?)
    | (?P<str>"[^"\n]*"|'[^'\n]*'|“[^”\n]*”)
    | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|\(|\)|\[|\]|,)
    | (?P<name>[^\W\d]\w*)
    )""",
    re.VERBOSE,
)

KEYWORDS = {"and", "or", "not", "true", "false", "none"}


def tokenize(src: str) -> list[tuple[str, str]]:
    pos = 0
    out: list[tuple[str, str]] = []
    src = src.rstrip()
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise ExpressionError(
                f"表达式无法解析：第 {pos + 1} 个字符「{src[pos]}」不认识（{src}）",
                f"cannot parse expression at character {pos + 1} {src[pos]!r}: {src}",
            )
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.toks = tokenize(src)
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        t = self.peek()
        if t is None:
            self.fail("表达式意外结束", "unexpected end of expression")
        self.i += 1
        return t  # type: ignore[return-value]

    def accept(self, value: str) -> bool:
        t = self.peek()
        if t and t[1] == value and t[0] in ("op", "name"):
            self.i += 1
            return True
        return False

    def expect(self, value: str) -> None:
        if not self.accept(value):
            t = self.peek()
            got = t[1] if t else "结尾"
            self.fail(f"此处应为「{value}」，实际是「{got}」", f"expected {value!r}, got {got!r}")

    def fail(self, zh: str, en: str) -> None:
        raise ExpressionError(
            f"表达式错误：{zh}（{self.src}）", f"expression error: {en}: {self.src}"
        )

    def parse(self) -> Node:
        node = self.or_()
        if self.peek() is not None:
            self.fail(f"多余的内容「{self.peek()[1]}」", f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.accept("or"):
            node = ("or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.accept("and"):
            node = ("and", node, self.not_())
        return node

    def not_(self) -> Node:
        if self.accept("not"):
            return ("not", self.not_())
        return self.cmp()

    def cmp(self) -> Node:
        node = self.sum_()
        t = self.peek()
        if t and t[0] == "op" and t[1] in ("==", "!=", "<", "<=", ">", ">="):
            self.i += 1
            node = ("cmp", t[1], node, self.sum_())
        return node

    def sum_(self) -> Node:
        node = self.term()
        while True:
            t = self.peek()
            if t and t[0] == "op" and t[1] in "+-" and len(t[1]) == 1:
                self.i += 1
                node = ("bin", t[1], node, self.term())
            else:
                return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            t = self.peek()
            if t and t[0] == "op" and t[1] in ("*", "/"):
                self.i += 1
                node = ("bin", t[1], node, self.unary())
            else:
                return node

    def unary(self) -> Node:
        if self.accept("-"):
            return ("neg", self.unary())
        return self.atom()

    def atom(self) -> Node:
        kind, val = self.take()
        if kind == "num":
            return ("num", Decimal(val))
        if kind == "str":
            return ("str", val[1:-1])
        if kind == "op" and val == "(":
            node = self.or_()
            self.expect(")")
            return node
        if kind == "op" and val == "[":
            items = self.args("]")
            return ("list", items)
        if kind == "name":
            if val == "true":
                return ("const", True)
            if val == "false":
                return ("const", False)
            if val == "none":
                return ("const", None)
            if val in KEYWORDS:
                self.fail(f"「{val}」不能用在这里", f"{val!r} is not allowed here")
            if self.accept("("):
                return ("call", val, self.args(")"))
            return ("name", val)
        self.fail(f"不认识的「{val}」", f"unexpected {val!r}")
        raise AssertionError  # unreachable

    def args(self, close: str) -> list[Node]:
        items: list[Node] = []
        if self.accept(close):
            return items
        while True:
            items.append(self.or_())
            if self.accept(close):
                return items
            self.expect(",")


def parse(src: str) -> Node:
    return _Parser(str(src)).parse()


def names_in(node: Node) -> set[str]:
    """Every variable the expression reads (for validating rule files)."""
    out: set[str] = set()

    def walk(n: Node) -> None:
        tag = n[0]
        if tag == "name":
            out.add(n[1])
        elif tag == "call":
            for a in n[2]:
                walk(a)
        elif tag in ("bin", "cmp"):
            walk(n[2])
            walk(n[3])
        elif tag in ("and", "or"):
            walk(n[1])
            walk(n[2])
        elif tag in ("not", "neg"):
            walk(n[1])
        elif tag == "list":
            for a in n[1]:
                walk(a)

    walk(node)
    return out


def calls_in(node: Node) -> set[str]:
    out: set[str] = set()

    def walk(n: Node) -> None:
        tag = n[0]
        if tag == "call":
            out.add(n[1])
            for a in n[2]:
                walk(a)
        elif tag in ("bin", "cmp"):
            walk(n[2])
            walk(n[3])
        elif tag in ("and", "or"):
            walk(n[1])
            walk(n[2])
        elif tag in ("not", "neg"):
            walk(n[1])
        elif tag == "list":
            for a in n[1]:
                walk(a)

    walk(node)
    return out


# --------------------------------------------------------------------------- evaluation


@dataclass
class Context:
    env: dict[str, Any]
    missing_zero: bool = False
    unverified: bool = False
    # every printed figure used as a number while `touched` is a list: the figures a rule
    # actually compared (figure coverage counts these, never the ones it only looked at)
    touched: list[Quantity] | None = None
    # the document's rounding convention (DocumentProfile.rounding): how wide a printed
    # money figure's interval is
    rounding: str = ""
    # the convention the engine measured for the document's percentages (evaluate.run)
    percent: str = ""
    # the places the document writes 万元 at, trailing zeros dropped (DocumentProfile.
    # money_places): "28.1" is then 28.10 ± 0.005
    places: int | None = None


def as_interval(v: Any, ctx: Context) -> Interval | None:
    if isinstance(v, Interval):
        return v
    if isinstance(v, Quantity):
        if ctx.touched is not None:
            ctx.touched.append(v)
        return Interval.of(v, ctx.rounding, ctx.percent, ctx.places)
    if isinstance(v, bool):
        return Interval.exact(int(v))
    if isinstance(v, int | Decimal):
        return Interval.exact(Decimal(v))
    if v is None:
        if ctx.missing_zero:
            return Interval.exact(0)
        return None
    raise ExpressionError(f"不能把「{v}」当作数值", f"{v!r} is not a number")


def _arith(op: str, a: Any, b: Any, ctx: Context) -> Interval | None:
    x = as_interval(a, ctx)
    y = as_interval(b, ctx)
    if x is None or y is None:
        ctx.unverified = True
        return None
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    return x / y


def _compare(op: str, a: Any, b: Any, ctx: Context) -> Tri:
    if isinstance(a, str) or isinstance(b, str) or (a is None and b is None):
        if op == "==":
            return a == b
        if op == "!=":
            return a != b
        raise ExpressionError("文字不能比较大小", "strings cannot be ordered")
    if isinstance(a, bool) or isinstance(b, bool):
        if op == "==":
            return a == b
        if op == "!=":
            return a != b
    x = as_interval(a, ctx)
    y = as_interval(b, ctx)
    if x is None or y is None:
        ctx.unverified = True
        return None
    if not (x.bounded and y.bounded):
        ctx.unverified = True
        return None
    if op == "==":
        return x.eq(y)
    if op == "!=":
        return tri_not(x.eq(y))
    if op == "<":
        return x.lt(y)
    if op == "<=":
        return x.le(y)
    if op == ">":
        return y.lt(x)
    return y.le(x)


def evaluate(node: Node, ctx: Context) -> Any:
    tag = node[0]
    if tag == "num":
        return Interval.exact(node[1])
    if tag in ("str", "const"):
        return node[1]
    if tag == "name":
        return ctx.env.get(node[1])
    if tag == "list":
        return [evaluate(n, ctx) for n in node[1]]
    if tag == "neg":
        v = as_interval(evaluate(node[1], ctx), ctx)
        return None if v is None else -v
    if tag == "bin":
        return _arith(node[1], evaluate(node[2], ctx), evaluate(node[3], ctx), ctx)
    if tag == "cmp":
        return _compare(node[1], evaluate(node[2], ctx), evaluate(node[3], ctx), ctx)
    if tag == "and":
        a = truth(evaluate(node[1], ctx))
        if a is False:
            return False
        return tri_and(a, truth(evaluate(node[2], ctx)))
    if tag == "or":
        a = truth(evaluate(node[1], ctx))
        if a is True:
            return True
        return tri_or(a, truth(evaluate(node[2], ctx)))
    if tag == "not":
        return tri_not(truth(evaluate(node[1], ctx)))
    if tag == "call":
        fn = FUNCTIONS.get(node[1])
        if fn is None:
            raise ExpressionError(f"未知函数 {node[1]}", f"unknown function {node[1]}")
        return fn.call(ctx, [evaluate(a, ctx) for a in node[2]])
    raise ExpressionError(f"无法计算 {tag}", f"cannot evaluate {tag}")


def truth(v: Any) -> Tri:
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, Interval | Quantity):
        return True
    if isinstance(v, str | list):
        return bool(v)
    return bool(v)


# --------------------------------------------------------------------------- functions


@dataclass(frozen=True)
class Function:
    name: str
    fn: Callable[[Context, list[Any]], Any]
    help: str

    def call(self, ctx: Context, args: list[Any]) -> Any:
        return self.fn(ctx, args)


def _items(args: list[Any]) -> list[Any]:
    if len(args) == 1 and isinstance(args[0], list):
        return args[0]
    return list(args)


def _sum(ctx: Context, args: list[Any]) -> Interval | None:
    total = Interval.exact(0)
    items = _items(args)
    for item in items:
        iv = as_interval(item, ctx)
        if iv is None:
            ctx.unverified = True
            return None
        total = total + iv
    if items:
        first = as_interval(items[0], ctx)
        if first is not None:
            total = Interval(
                total.lo, total.hi, total.nominal, total.decimals, first.kind, first.unit
            )
    return total


def _len(ctx: Context, args: list[Any]) -> Interval:
    items = _items(args)
    return Interval.exact(len([x for x in items if x is not None]))


def _abs(ctx: Context, args: list[Any]) -> Interval | None:
    v = as_interval(args[0], ctx)
    return None if v is None else v.abs()


def _label(ctx: Context, args: list[Any]) -> str:
    v = args[0] if args else None
    if isinstance(v, Quantity):
        return v.label or "该数"
    return ""


def as_printed(q: Quantity) -> str:
    """The number as the document prints it: its decimals, and its thousands separators
    when it has them ("3,503,499.00")."""
    if "," in q.text or "，" in q.text:
        return f"{q.value:,.{max(q.decimals, 0)}f}"
    return q.printed()


def show(v: Any) -> str:
    if isinstance(v, Quantity):
        if v.kind == "percent":
            return f"{v.printed()}%"
        unit = v.unit if not v.unit_inferred else ""
        if v.kind == "money" and v.unit != "万元" and not v.unit_inferred:
            # as printed (元 stays 元), the 万元 the comparison used beside it
            return f"{as_printed(v)} {unit}（{Interval.of(v).show()} 万元）"
        return f"{v.printed()} {unit}".rstrip()
    if isinstance(v, Interval):
        return v.show_with_unit()
    if isinstance(v, list):
        return "、".join(show(x) for x in v)
    if v is None:
        return "（未说明）"
    if isinstance(v, bool):
        return "是" if v else "否"
    return str(v)


def _fmt(ctx: Context, args: list[Any]) -> str:
    return show(args[0] if args else None)


def _num(ctx: Context, args: list[Any]) -> str:
    """The number alone, without its unit: for "575.15 万元 ≠ … = 551.08 万元"."""
    v = args[0] if args else None
    if isinstance(v, Quantity):
        if v.kind == "money" and v.unit != "万元":
            return Interval.of(v).show()
        if v.kind == "percent":
            return f"{v.printed()}{v.unit}"  # "74.06%", as a ratio's num() shows it
        return v.printed()
    if isinstance(v, Interval):
        return v.show()
    return show(v)


_SUBJECT_PATH = lazy_pattern(r"^.*[(（](?:款|类)[)）]\s*")


def short_label(label: str) -> str:
    """ "一般公共服务支出(类)…事务(款)行政运行(项)" → "行政运行(项)"."""
    return _SUBJECT_PATH.sub("", label) or label


def _terms(ctx: Context, args: list[Any]) -> str:
    # an empty table cell counts as 0 but says nothing: leave it out of the sum as shown
    items = [
        q for q in _items(args) if not (isinstance(q, Quantity) and q.ref is None and not q.value)
    ] or _items(args)
    parts = []
    for q in items:
        if isinstance(q, Quantity):
            name = short_label(q.label or "")
            value = _num(ctx, [q])
            if q.kind == "money" and q.unit != "万元":
                value = f"{q.printed()}{q.unit}"
            parts.append(f"{name} {value}".strip())
        else:
            parts.append(show(q))
    if len(parts) > 8:
        parts = [*parts[:4], f"…（共{len(parts)}项）", *parts[-2:]]
    return " + ".join(parts)


def _pct(ctx: Context, args: list[Any]) -> str:
    v = as_interval(args[0], ctx)
    if v is None:
        return "（无法计算）"
    d = 2
    if len(args) > 1 and isinstance(args[1], Quantity):
        d = max(args[1].decimals, 2)
    return v.show(d) if v.kind == "ratio" else format_ratio(v, d)


def format_ratio(v: Interval, d: int) -> str:
    return Interval(v.lo, v.hi, v.nominal, v.decimals, "ratio").show(d)


def _coalesce(ctx: Context, args: list[Any]) -> Any:
    for a in args:
        if a is not None and a != []:
            return a
    return None


def _exists(ctx: Context, args: list[Any]) -> bool:
    return all(a is not None for a in args)


def _consistent(ctx: Context, args: list[Any]) -> bool | list[bool]:
    if args and isinstance(args[0], list):
        # element-wise over a list: any(consistent(divide_each(parts, shares), total))
        return [_consistent(ctx, [a, *args[1:]]) for a in args[0]]  # type: ignore[misc]
    x, y = as_interval(args[0], ctx), as_interval(args[1], ctx)
    if x is None or y is None:
        return False
    return x.eq(y) is not False


def _differs(ctx: Context, args: list[Any]) -> bool:
    x, y = as_interval(args[0], ctx), as_interval(args[1], ctx)
    if x is None or y is None:
        return False
    return x.eq(y) is False


def _min(ctx: Context, args: list[Any]) -> Interval | None:
    ivs = [as_interval(a, ctx) for a in _items(args)]
    if not ivs or any(v is None for v in ivs):
        return None
    return min(ivs, key=lambda v: v.nominal)  # type: ignore[arg-type, return-value]


def _max(ctx: Context, args: list[Any]) -> Interval | None:
    ivs = [as_interval(a, ctx) for a in _items(args)]
    if not ivs or any(v is None for v in ivs):
        return None
    return max(ivs, key=lambda v: v.nominal)  # type: ignore[arg-type, return-value]


def _diff(ctx: Context, args: list[Any]) -> str:
    x, y = as_interval(args[0], ctx), as_interval(args[1], ctx)
    if x is None or y is None:
        return "—"
    d = (x - y).abs()
    if d.kind == "ratio":
        return format_ratio(d, 2)
    return d.show()


def _unit(ctx: Context, args: list[Any]) -> str:
    """The display unit that goes with num(): 万元 for money, the count unit otherwise."""
    v = args[0] if args else None
    if isinstance(v, Quantity):
        if v.kind == "money":
            return "万元"
        if v.kind == "percent":
            return ""
        return v.unit
    if isinstance(v, Interval):
        return "" if v.kind == "ratio" else v.unit
    return ""


def _inferred(ctx: Context, args: list[Any]) -> bool:
    """True when the figure was printed without a unit and the unit was taken from its
    neighbours ("决算数为3469.2，" among 万元 figures)."""
    v = args[0] if args else None
    return isinstance(v, Quantity) and v.unit_inferred


def _odd_units(ctx: Context, args: list[Any]) -> str:
    """The parts whose money unit differs from the reference figure's (the total's), or
    from most parts: "项目支出 1132.69元"."""
    items = _items(args[:1]) if args else []
    ref = args[1] if len(args) > 1 and isinstance(args[1], Quantity) else None
    units = [q.unit for q in items if isinstance(q, Quantity) and q.kind == "money"]
    if not units:
        return ""
    common = (
        ref.unit if ref is not None else sorted(set(units), key=lambda u: (-units.count(u), u))[0]
    )
    odd = [q for q in items if isinstance(q, Quantity) and q.kind == "money" and q.unit != common]
    return "、".join(f"{q.label} {q.text}".strip() for q in odd)


def _kind(ctx: Context, args: list[Any]) -> str:
    v = args[0] if args else None
    if isinstance(v, Quantity):
        return v.kind
    if isinstance(v, Interval):
        return v.kind
    return ""


def _where(ctx: Context, args: list[Any]) -> str:
    """Where a figure is: 第24行 / 第3页 / 表2第3行第4列."""
    v = args[0] if args else None
    if isinstance(v, Quantity):
        return v.loc.describe()
    return "（位置未知）"


def _where_en(ctx: Context, args: list[Any]) -> str:
    v = args[0] if args else None
    if isinstance(v, Quantity):
        return v.loc.describe_en()
    return "(unknown location)"


def _same_statement(ctx: Context, args: list[Any]) -> bool:
    """True when all the given figures were stated together as one total-and-parts
    sentence or one table row, which the breakdown and table rules check already."""
    qs = [a for a in _flatten(args) if isinstance(a, Quantity)]
    if len(qs) < 2:
        return False
    keys = {q.ref for q in qs}
    return any(keys <= group for group in ctx.env.get("__statements__", []))


def _row_cell(ctx: Context, name: Any) -> Quantity | None:
    """The current table row's figure in the column `name` names (None: no such column)."""
    want = "".join(str(name).split())
    for path, q in (ctx.env.get("__cells__") or {}).items():
        if path and header_matches(path, want):
            if q is not None and q.unit == "?":
                raise ExpressionError(
                    f"「{want}」栏的内容不是数字，无法核对", f"the {want} cell is not a figure"
                )
            return q if q is None else replace(q, label=path.rsplit("/", 1)[-1])
    return None


def _cell(ctx: Context, args: list[Any]) -> Quantity | None:
    return _row_cell(ctx, args[0]) if args else None


def _cells(ctx: Context, args: list[Any]) -> list[Quantity]:
    found = (_row_cell(ctx, a) for a in _flatten(args))
    return [q for q in found if q is not None]


def _flatten(args: list[Any]) -> list[Any]:
    out: list[Any] = []
    for a in args:
        if isinstance(a, list):
            out.extend(_flatten(a))
        else:
            out.append(a)
    return out


def _text(ctx: Context, args: list[Any]) -> str:
    """The parts joined, or "" when one of them is empty: an optional clause of a message
    ("：表中为「{…}」") is left out whole, never printed with nothing between its quotes."""
    parts = ["" if a is None else show(a) for a in args]
    return "" if any(p == "" for p in parts) else "".join(parts)


def _join(ctx: Context, args: list[Any]) -> str:
    items = _items(args[:1]) if args else []
    sep = args[1] if len(args) > 1 and isinstance(args[1], str) else "、"
    return sep.join(show(x) for x in items)


def _times(ctx: Context, args: list[Any]) -> Interval | None:
    x = as_interval(args[0], ctx)
    y = as_interval(args[1], ctx)
    if x is None or y is None:
        return None
    r = x * y
    return Interval(r.lo, r.hi, r.nominal, r.decimals, x.kind, x.unit)


def _surely(ctx: Context, args: list[Any]) -> bool:
    """Two-valued: True only if the condition holds for every unrounded value."""
    return truth(args[0] if args else None) is True


def _possibly(ctx: Context, args: list[Any]) -> bool:
    """Two-valued: True if the condition holds for some unrounded value."""
    return truth(args[0] if args else None) is not False


def _exact(ctx: Context, args: list[Any]) -> Any:
    """The printed value as an exact number, not a rounding interval: the points a
    performance table awards ("权重 10", "得分 9.9") are added as printed. Maps over lists."""
    v = args[0] if args else None
    if isinstance(v, list):
        return [_exact(ctx, [x]) for x in v]
    iv = as_interval(v, ctx) if isinstance(v, Quantity | Interval) else None
    if iv is None or not iv.bounded:
        return v
    return Interval(iv.nominal, iv.nominal, iv.nominal, iv.decimals, iv.kind, iv.unit)


def _ulp(ctx: Context, args: list[Any]) -> Interval | None:
    """One unit of x's last printed digit, as an exact number (16.58% → 0.0001): how far a
    stated figure may be from its correctly rounded value when its last digit was adjusted."""
    v = as_interval(args[0], ctx) if args else None
    if v is None or not v.bounded or v.exact_value:
        return None
    return Interval.exact(v.hi - v.lo, v.kind)


def _divide_each(ctx: Context, args: list[Any]) -> list[Interval | None]:
    """[a1 / b1, a2 / b2, …] for two lists of the same length, each with its rounding
    interval: the budgets a list of 决算 figures and their 完成率 imply."""
    if len(args) != 2 or not isinstance(args[0], list) or not isinstance(args[1], list):
        raise ExpressionError("divide_each 需要两个列表", "divide_each takes two lists")
    if len(args[0]) != len(args[1]):
        raise ExpressionError(
            "divide_each 的两个列表长度不同", "divide_each: lists differ in length"
        )
    out: list[Interval | None] = []
    for a, b in zip(args[0], args[1], strict=True):
        q = _arith("/", a, b, ctx)
        x = as_interval(a, ctx)
        # an amount divided by a rate is an amount (a budget), in the amount's unit
        out.append(
            None
            if q is None or x is None
            else Interval(q.lo, q.hi, q.nominal, x.decimals, x.kind, x.unit)
        )
    return out


def _all(ctx: Context, args: list[Any]) -> Tri:
    out: Tri = True
    for a in _items(args):
        out = tri_and(out, truth(a))
    return out


def _any(ctx: Context, args: list[Any]) -> Tri:
    out: Tri = False
    for a in _items(args):
        out = tri_or(out, truth(a))
    return out


def _among(ctx: Context, args: list[Any]) -> Tri:
    """x equals one of the listed figures (within rounding): true when one surely does, false
    when none can, else unknown. Every figure of the list is compared."""
    if len(args) != 2 or not isinstance(args[1], list):
        raise ExpressionError("among 需要一个数和一个列表", "among takes a figure and a list")
    items = [item for item in args[1] if item is not None]
    if not items:
        ctx.unverified = True
        return None
    out: Tri = False
    for item in items:
        out = tri_or(out, _compare("==", args[0], item, ctx))
    return out


def _trend(ctx: Context, args: list[Any]) -> str:
    """The word for how `b` stands against `a`, from the numbers (never the document's
    word): 增加 / 减少 / 持平, or the words given (上升, 下降, 持平)."""
    if len(args) < 2:
        raise ExpressionError("trend 需要两个数", "trend takes two numbers")
    words = [str(w) for w in args[2:5]] + ["增加", "减少", "持平"][len(args[2:5]) :]
    return _order_word(ctx, args[0], args[1], words[0], words[1], words[2])


def _than(ctx: Context, args: list[Any]) -> str:
    """大于 / 小于 / 等于: how `a` stands against `b`, from the numbers."""
    if len(args) != 2:
        raise ExpressionError("than 需要两个数", "than takes two numbers")
    return _order_word(ctx, args[1], args[0], "大于", "小于", "等于")


def _order_word(ctx: Context, a: Any, b: Any, up: str, down: str, same: str) -> str:
    x, y = as_interval(a, ctx), as_interval(b, ctx)
    if x is None or y is None:
        return ""
    if y.nominal > x.nominal:
        return up
    if y.nominal < x.nominal:
        return down
    return same


def _printed(ctx: Context, args: list[Any]) -> str:
    """printed(数[, 单位]): the figure as printed ("1132.69元"), or its digits with another
    unit ("1132.69万元": what a figure printed in the wrong unit should say); the first of a
    list."""
    v = args[0] if args else None
    if isinstance(v, list):
        v = v[0] if v else None
    other = str(args[1]) if len(args) > 1 and args[1] else ""
    if isinstance(v, str):  # "项目支出 1132.69元" (odd_units): its unit swapped
        return _MONEY_UNIT_END.sub(other, v) if other else v
    if not isinstance(v, Quantity):
        return show(v)
    return f"{as_printed(v)}{other or v.unit}"


_MONEY_UNIT_END = re.compile(r"(?:万元|亿元|元)$")


def _choose(ctx: Context, args: list[Any]) -> Any:
    """choose(条件, a, b): a when the condition holds (a non-empty text counts), else b —
    so that a message never prints an empty name."""
    if len(args) != 3:
        raise ExpressionError("choose 需要三个参数", "choose takes three arguments")
    cond = args[0]
    holds = bool(cond.strip()) if isinstance(cond, str) else truth(cond) is True
    return args[1] if holds else args[2]


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in [
        Function("sum", _sum, "sum(列表)：各项之和，保留每项的舍入区间"),
        Function("len", _len, "len(列表)：项数"),
        Function("abs", _abs, "abs(x)：绝对值"),
        Function("min", _min, "min(a, b, …)：最小者"),
        Function("max", _max, "max(a, b, …)：最大者"),
        Function("label", _label, "label(数)：数字前面的名称，如「基本支出」"),
        Function("fmt", _fmt, "fmt(x)：带单位显示，如「575.15 万元」「16.58%」"),
        Function("num", _num, "num(x)：只显示数字"),
        Function("terms", _terms, "terms(列表)：「人员经费 461.75 + 公用经费 89.33」"),
        Function("pct", _pct, "pct(比值[, 参照百分数])：按百分数显示"),
        Function("diff", _diff, "diff(a, b)：两数之差的绝对值（显示用）"),
        Function("coalesce", _coalesce, "coalesce(a, b, …)：第一个有值的"),
        Function("exists", _exists, "exists(a, …)：都有值时为真"),
        Function(
            "consistent",
            _consistent,
            "consistent(a, b)：两数在舍入范围内可能相等（a 为列表时逐项比较，得到列表）",
        ),
        Function("differs", _differs, "differs(a, b)：两数在舍入范围内不可能相等"),
        Function("unit", _unit, "unit(x)：与 num(x) 配套的单位（金额为万元）"),
        Function("where", _where, "where(数)：位置，如「第24行」「第3页」"),
        Function("where_en", _where_en, "where_en(数)：location in English"),
        Function(
            "same_statement",
            _same_statement,
            "same_statement(a, b, …)：这些数是否在同一句合计与分项中（已由 GA-SUM 检查）",
        ),
        Function("inferred", _inferred, "inferred(数)：该数未写单位、单位是按上下文推定的"),
        Function(
            "odd_units",
            _odd_units,
            "odd_units(列表[, 参照数])：单位与参照数（或多数分项）不同的分项",
        ),
        Function("kind", _kind, "kind(x)：money / percent / count / number"),
        Function("text", _text, "text(a, b, …)：连接成文字；有一项为空时整段为空（可选的一句）"),
        Function(
            "trend",
            _trend,
            "trend(a, b[, 升, 降, 平])：b 比 a 增加 / 减少 / 持平（按数字，不照抄文中的词）",
        ),
        Function("than", _than, "than(a, b)：a 大于 / 小于 / 等于 b（按数字）"),
        Function(
            "printed",
            _printed,
            "printed(数[, 单位])：按原文印出，如「1132.69元」；给出单位时换成该单位「1132.69万元」",
        ),
        Function("choose", _choose, "choose(条件, a, b)：条件成立（或文字不为空）时为 a，否则为 b"),
        Function("join", _join, "join(列表[, 分隔符])：列出各项"),
        Function("times", _times, "times(x, k)：x 乘以 k，保留 x 的类型"),
        Function("surely", _surely, "surely(条件)：在舍入范围内一定成立（真/假，无“不确定”）"),
        Function("possibly", _possibly, "possibly(条件)：在舍入范围内可能成立（真/假）"),
        Function("exact", _exact, "exact(x)：按印出的数值精确计算（表中的分值），不按舍入区间"),
        Function("ulp", _ulp, "ulp(x)：x 末位的一个单位（16.58% → 0.01%），按精确数计算"),
        Function("all", _all, "all(列表)：都为真"),
        Function("cell", _cell, "cell(栏名)：表中本行该栏的数（没有这一栏时为 none）"),
        Function("cells", _cells, "cells(栏名, …)：表中本行这些栏的数（列表，没有的栏不计）"),
        Function(
            "divide_each", _divide_each, "divide_each(列表a, 列表b)：逐项相除 [a1/b1, a2/b2, …]"
        ),
        Function("any", _any, "any(列表)：有一个为真"),
        Function("among", _among, "among(x, 列表)：x 在舍入范围内等于列表中的某一个数"),
    ]
}


def check_functions(node: Node) -> list[str]:
    """Names of functions the evaluator does not know."""
    return sorted(n for n in calls_in(node) if n not in FUNCTIONS)


def eval_template(parts: Iterable[tuple[str, Node | None]], ctx: Context) -> str:
    out: list[str] = []
    for lit, node in parts:
        out.append(lit)
        if node is not None:
            try:
                out.append(show(evaluate(node, ctx)))
            except ExpressionError:
                out.append("?")
    return "".join(out)


def parse_template(src: str) -> list[tuple[str, Node | None]]:
    """ "text {expr} text" → [(text, node), (text, None)]. "{{" and "}}" are literal braces."""
    parts: list[tuple[str, Node | None]] = []
    buf: list[str] = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == "{" and src.startswith("{{", i):
            buf.append("{")
            i += 2
        elif ch == "}" and src.startswith("}}", i):
            buf.append("}")
            i += 2
        elif ch == "{":
            j = src.find("}", i)
            if j < 0:
                raise ExpressionError(
                    f"消息模板缺少「}}」：{src}", f"unclosed {{ in template: {src}"
                )
            parts.append(("".join(buf), parse(src[i + 1 : j])))
            buf = []
            i = j + 1
        else:
            buf.append(ch)
            i += 1
    parts.append(("".join(buf), None))
    return parts
