"""Rounding-aware arithmetic.

A printed figure with d decimals stands for every value within half a unit of its last
digit: "3469.24" is [3469.235, 3469.245], "8万元" is [7.5, 8.5], "99.47%" is
[0.99465, 0.99475]. Whole counts of things ("5辆", "21个") are exact. Arithmetic carries those intervals through and a relation fails only
when no choice of the unrounded values makes it hold — the XBRL Calculations 1.1 idea. A
division by an interval that contains zero proves nothing: the result is unbounded and
every comparison with it is "unknown".

Comparisons answer in three values: True (holds for every choice), False (holds for
none), None (holds for some). An assertion fails only on False.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from govaudit.model import HALF_UP, TRUNCATE, Quantity, format_decimal

INF = Decimal("Infinity")
ZERO = Decimal(0)

# Whole numbers of things are counted, not measured: "共有公务用车5辆" is 5, not 4.5–5.5.
# (Measures — 小时, 天, 平方米, 公里, 吨 — and 分 scores stay rounding intervals, and so does a
# count in 万/亿: "2.3万人次" is rounded.)
EXACT_COUNT_UNITS = frozenset(
    "个 辆 件 人 人次 次 批 批次 家 宗 名 台 套 项 户 户次 车次 所 处 条 座 部 份 场 篇 张 册 间 块 通 种 类".split()
)

Tri = bool | None

# Truncation is a document's convention when at least this many figures fit truncation
# only, and they are at least this share of the figures that tell the two apart: a document
# that truncates does so consistently; one odd figure in a rounding document is that
# figure's (it stays a finding).
MIN_TRUNCATED = 2
TRUNCATED_SHARE = Decimal("0.8")


def convention(half_up: int, truncated: int) -> str:
    """The rounding convention the telling figures show: TRUNCATE only when it is
    consistent, HALF_UP when as many figures fit half-up only and they outnumber the
    truncated ones, "" (unknown) when the figures tell neither (none, or one against one)."""
    telling = half_up + truncated
    if truncated >= MIN_TRUNCATED and truncated >= TRUNCATED_SHARE * telling:
        return TRUNCATE
    return HALF_UP if half_up >= MIN_TRUNCATED and half_up > truncated else ""


# a percentage read as truncated only ("10.15%" is [10.15%, 10.16%]): the engine asks whether a
# relation that holds under half-up rounding would also hold under truncation
CUT_ONLY = "cut_only"


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Decimal
    hi: Decimal
    nominal: Decimal
    decimals: int = 2
    kind: str = "number"  # money | percent | ratio | count | score | number
    unit: str = ""

    # ------------------------------------------------------------------ constructors
    @staticmethod
    def of(
        q: Quantity, rounding: str = "", percent: str = "", places: int | None = None
    ) -> Interval:
        """The values a printed figure may stand for. A money figure of a document that cuts
        元 to 万元 by truncation (`rounding` TRUNCATE, the document profile's) may stand for
        a little more: "1,202.94" cut from 12,029,456.78 元 is [1202.94, 1202.95); a figure
        rounded half-up by the same document still fits, one that fits neither does not.
        `percent` does the same for percentages (TRUNCATE: either convention; CUT_ONLY: the
        truncation interval alone, to tell whether a relation needs half-up rounding).

        A 万元 figure of a document that writes 万元 at `places` decimals and drops trailing
        zeros (the profile's `money_places`) has those places: "28.1" is 28.10 ± 0.005."""
        c = q.canonical()
        h = q.half_ulp()
        if (
            places is not None
            and q.kind == "money"
            and q.unit == "万元"
            and not q.approx
            and q.decimals < places
        ):
            h = Decimal(5).scaleb(-(places + 1)) * q.factor()
        if c == 0 and q.kind == "money":
            if q.decimals == 0:
                # "0万元" in a disclosure means nothing was spent, not "less than 5000元"
                h = ZERO
            else:
                # "0.00万元" may hide a few yuan, but never a negative amount
                return Interval(ZERO, h, ZERO, q.decimals, "money", "万元")
        kind = q.kind
        if kind == "count" and q.decimals == 0 and q.unit in EXACT_COUNT_UNITS:
            return Interval(c, c, c, 0, "count", q.unit)
        unit = "万元" if kind == "money" else ("%" if kind == "percent" else q.unit)
        if kind == "money":
            # decimals expressed in 万元
            factor_exp = -q.factor().adjusted() if q.factor() != 0 else 0
            decimals = max(q.decimals + factor_exp, 0)
        elif kind == "percent":
            decimals = q.decimals
        else:
            decimals = q.decimals
        if q.unit == "分":
            kind = "score"
        lo, hi = c - h, c + h
        cut = rounding if kind == "money" else percent if kind == "percent" else ""
        if cut in (TRUNCATE, CUT_ONLY) and not q.approx:
            # the digits cut off make the magnitude larger than printed, never smaller
            if c > 0:
                lo, hi = (c if cut == CUT_ONLY else lo), c + 2 * h
            elif c < 0:
                lo, hi = c - 2 * h, (c if cut == CUT_ONLY else hi)
        return Interval(lo, hi, c, decimals, "ratio" if kind == "percent" else kind, unit)

    @staticmethod
    def exact(v: Decimal | int, kind: str = "number") -> Interval:
        d = Decimal(v)
        decimals = max(-d.as_tuple().exponent, 0) if d.is_finite() else 0  # type: ignore[operator]
        return Interval(d, d, d, decimals, kind)

    @staticmethod
    def unbounded(kind: str = "number") -> Interval:
        return Interval(-INF, INF, ZERO, 2, kind)

    # ------------------------------------------------------------------ properties
    @property
    def bounded(self) -> bool:
        return self.lo.is_finite() and self.hi.is_finite()

    @property
    def exact_value(self) -> bool:
        return self.lo == self.hi

    def contains_zero(self) -> bool:
        return self.lo <= 0 <= self.hi

    # ------------------------------------------------------------------ arithmetic
    def _merge_kind(self, other: Interval) -> str:
        if self.kind == other.kind:
            return self.kind
        if self.kind == "number":
            return other.kind
        if other.kind == "number":
            return self.kind
        return self.kind

    def __add__(self, other: Interval) -> Interval:
        if not (self.bounded and other.bounded):
            return Interval.unbounded(self._merge_kind(other))
        return Interval(
            self.lo + other.lo,
            self.hi + other.hi,
            self.nominal + other.nominal,
            max(self.decimals, other.decimals),
            self._merge_kind(other),
            self.unit or other.unit,
        )

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, -self.nominal, self.decimals, self.kind, self.unit)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        if not (self.bounded and other.bounded):
            return Interval.unbounded(self._merge_kind(other))
        corners = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        kind = self._merge_kind(other)
        if {self.kind, other.kind} == {"ratio", "money"}:
            kind = "money"
        return Interval(
            min(corners),
            max(corners),
            self.nominal * other.nominal,
            max(self.decimals, other.decimals),
            kind,
            self.unit if self.kind != "ratio" else other.unit,
        )

    def __truediv__(self, other: Interval) -> Interval:
        kind = "ratio" if self.kind == other.kind or other.kind != "number" else self.kind
        if not (self.bounded and other.bounded) or other.contains_zero():
            return Interval.unbounded(kind)
        corners = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        nominal = self.nominal / other.nominal if other.nominal != 0 else ZERO
        decimals = 4 if kind == "ratio" else max(self.decimals, other.decimals)
        unit = "" if kind == "ratio" else self.unit
        return Interval(min(corners), max(corners), nominal, decimals, kind, unit)

    def abs(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(
            ZERO, max(-self.lo, self.hi), abs(self.nominal), self.decimals, self.kind, self.unit
        )

    # ------------------------------------------------------------------ comparison
    def eq(self, other: Interval) -> Tri:
        if not (self.bounded and other.bounded):
            return None
        if self.hi < other.lo or other.hi < self.lo:
            return False
        if self.exact_value and other.exact_value:
            return True
        return None

    def lt(self, other: Interval) -> Tri:
        if not (self.bounded and other.bounded):
            return None
        if self.hi < other.lo:
            return True
        if self.lo >= other.hi:
            return False
        return None

    def le(self, other: Interval) -> Tri:
        if not (self.bounded and other.bounded):
            return None
        if self.hi <= other.lo:
            return True
        if self.lo > other.hi:
            return False
        return None

    def gap(self, other: Interval) -> Decimal:
        """How far apart two intervals are (0 when they overlap)."""
        if not (self.bounded and other.bounded):
            return ZERO
        if self.hi < other.lo:
            return other.lo - self.hi
        if other.hi < self.lo:
            return self.lo - other.hi
        return ZERO

    # ------------------------------------------------------------------ display
    def show(self, decimals: int | None = None) -> str:
        """The nominal value the way a finance officer writes it."""
        if not self.bounded:
            return "—"
        if self.kind == "ratio":
            d = 2 if decimals is None else decimals
            return format_decimal(self.nominal * 100, d) + "%"
        d = min(self.decimals, 4) if decimals is None else decimals
        if decimals is None:
            # a figure in 元 shown in 万元: "17,200,000.00" is 1720.00, not 1720.0000 (the
            # zeros a conversion adds say nothing); 3,503,499.00 元 stays 350.3499, 5160 元
            # 0.5160
            if d > 2 and _exact_at(self.nominal, 2):
                d = 2
        return format_decimal(self.nominal, d)

    def show_with_unit(self) -> str:
        s = self.show()
        if self.kind == "ratio":
            return s
        return f"{s} {self.unit}".rstrip() if self.unit else s


def _exact_at(v: Decimal, decimals: int) -> bool:
    """Does `v` need no more than `decimals` decimals?"""
    try:
        return v == v.quantize(Decimal(1).scaleb(-decimals))
    except ArithmeticError:  # too many digits to quantize: keep what it has
        return False


def tri_and(a: Tri, b: Tri) -> Tri:
    if a is False or b is False:
        return False
    if a is True and b is True:
        return True
    return None


def tri_or(a: Tri, b: Tri) -> Tri:
    if a is True or b is True:
        return True
    if a is False and b is False:
        return False
    return None


def tri_not(a: Tri) -> Tri:
    return None if a is None else not a
