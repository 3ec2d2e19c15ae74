"""What is left of a budget, the stages of one payment, and rates that cannot pass 100%.

* "年度预算执行数减少为1068.13万元（预算执行率为74.06%），本年度节约财政资金374.03万元"
  (000 line 1601): spent, its execution rate and what is left, the budget unsaid → 执行率 =
  执行 ÷ (执行 + 节约); the same in a cell of the project's 自评表 → 节约 = the table's
  调整后预算数 − 执行. Budget, spent and left stated together ("收入预算数2156.3万元，实际
  执行数1904.09万元，…结余252.21万元", 001 line 163) are breakdowns.py's (预算 = 执行 + 剩余);
* "签订合同开工后支付40%，项目建设完毕完成初验后支付30%，项目通过终验后支付20%，质保期后支付
  10%" (001 line 4531), "…终验后付款10%，剩余10%待质保期后付款" (001 line 5026): the stages of
  one payment, clause after clause in one sentence, add up to 100%;
* "主动回访率100%" (004 line 489), "“最多跑一次”覆盖率100%" (003 line 276, a 自评表 cell): a
  share of a whole it is part of is at most 100%. A 自评表 whose 完成值 are completion ratios
  (the profile's convention) has no such 完成值: perf_tables keeps them apart.

Which words name a bounded rate, a remainder, a budget, a payment: rules/vocab/remainders.yaml.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import astuple
from functools import cache

from govaudit.extract.base.clauses import clause_start
from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt, fact_on
from govaudit.extract.base.normalize import compact, norm
from govaudit.model import Fact, Quantity
from govaudit.resources import vocab

KINDS: dict[str, dict[str, str]] = {
    "bounded_rate": {
        "rate": "所写的比率（如「主动回访率100%」「覆盖率」完成值）",
        "rate_name": "比率名称",
        "where": "出处：正文 / 自评表",
    },
    "remainder": {
        "spent": "执行数",
        "left": "结余（结转、节约）数",
        "rate": "执行率（用自评表的预算数时为 none）",
        "budget": "所在自评表的调整后预算数（句子是该表的单元格时；否则为 none）",
    },
    "instalments": {
        "parts": "同一笔款各阶段支付的比例（列表）",
        "listing": "各阶段，供消息显示",
    },
}


@cache
def _words(name: str) -> tuple[str, ...]:
    # longest first: "结转结余" before "结余", "支付合同金额" before "支付"
    return tuple(sorted(vocab("remainders").get(name, []), key=len, reverse=True))


def extract(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    for f in ctx.facts_of("perf_indicator"):
        facts.extend(_indicator_bounds(f, seen))
    budgets = _table_budgets(ctx)
    for p in ctx.prose:
        facts.extend(_prose_bounds(p, seen))
        budget = _budget_of(p, budgets)
        for sa, sb in p.sentences:
            qs = [q for q in p.quantities_in(sa, sb) if p.top(sa, q.start)]
            facts.extend(_remainders(p, qs, p.quantities_in(sa, sb), budget))
            facts.extend(_instalments(p, qs))
    return facts


# --------------------------------------------------------------------------- bounded rates


def bounded_name(label: str) -> str | None:
    """The bounded rate a label or an indicator names, when it ends with one."""
    s = compact(norm(label)).rstrip("()（）%")
    return next((w for w in _words("bounded_rates") if s.endswith(w)), None)


def _key(q: Quantity) -> tuple[object, ...]:
    """One figure read twice (a 自评表 cell, and the same cell read as text) is one rate."""
    return (*astuple(q.loc), q.start, q.text)


def _indicator_bounds(f: Fact, seen: set[tuple[object, ...]]) -> list[Fact]:
    name = bounded_name(str(f.fields.get("name") or ""))
    if name is None:
        return []
    out: list[Fact] = []
    for field in ("target", "actual"):
        q = f.fields.get(field)
        if not isinstance(q, Quantity) or q.kind != "percent" or _key(q) in seen:
            continue
        seen.add(_key(q))
        fields = {"rate": q, "rate_name": str(f.fields["name"]), "where": "自评表"}
        out.append(Fact("bounded_rate", q.loc, f.block, fields, f.section, f.excerpt, anchor=q))
    return out


def _prose_bounds(p: Prose, seen: set[tuple[object, ...]]) -> list[Fact]:
    out: list[Fact] = []
    for q in p.quantities:
        if q.kind != "percent" or q.approx or not p.readable(q.start):
            continue
        if bounded_name(q.label) is None or _key(q) in seen:
            continue
        seen.add(_key(q))
        out.append(
            fact_on(p, q, "bounded_rate", {"rate": q, "rate_name": q.label, "where": "正文"})
        )
    return out


# --------------------------------------------------------------------------- remainders


def _names(q: Quantity, words: str) -> bool:
    return any(w in norm(q.label) for w in _words(words))


def _table_budgets(ctx: ExtractContext) -> dict[int, list[tuple[int, Quantity | None]]]:
    """By block, (first line, 调整后预算数 of the 总额 row) of each 自评表 in it, in order. A
    Word or PDF table is a block of its own; a text file may hold several in one block,
    each running to the next one's first line."""
    out: dict[int, list[tuple[int, Quantity | None]]] = {}
    for f in ctx.facts_of("perf_table"):
        q = f.fields.get("adjusted_budget")
        out.setdefault(f.block, []).append(
            (f.loc.line or 0, q if isinstance(q, Quantity) else None)
        )
    return {b: sorted(ts, key=lambda x: x[0]) for b, ts in out.items()}


def _budget_of(p: Prose, budgets: dict[int, list[tuple[int, Quantity | None]]]) -> Quantity | None:
    """The budget of the 自评表 a cell belongs to."""
    tables = budgets.get(p.index) if p.in_table else None
    if not tables:
        return None
    if len(tables) == 1:
        return tables[0][1]
    line = p.text.loc_at(0).line
    if line is None:
        return None
    i = bisect.bisect_right([t[0] for t in tables], line) - 1
    return tables[i][1] if i >= 0 else None


def _remainders(
    p: Prose, qs: list[Quantity], every: list[Quantity], budget: Quantity | None
) -> list[Fact]:
    """Spent, then what is left, in this order in one sentence, each named by its words, and
    no money before the amount spent. The budget is the 自评表's when the sentence is a cell
    of that table ("年度预算执行数减少为1068.13万元，本年度节约财政资金374.03万元", 000 line
    1419); otherwise an execution rate between them makes it their sum ("…1068.13万元（预算
    执行率为74.06%），本年度节约…374.03万元", 000 line 1601). (With the budget stated before
    them in the sentence, breakdowns.py reads budget = spent + left.)"""
    money = [q for q in qs if q.kind == "money" and not q.approx]
    if len(money) < 2:
        return []
    spent, left = money[0], money[1]
    if not _names(spent, "spent_words") or _names(spent, "remainder_words"):
        return []
    if not _names(left, "remainder_words") or _names(left, "spent_words"):
        return []
    if spent.unit_class != left.unit_class:
        return []
    rate = None
    if budget is None or budget.unit_class != spent.unit_class:
        budget = None
        between = [q for q in every if spent.start < q.start < left.start and q.kind == "percent"]
        rate = next((q for q in between if not q.approx and _names(q, "execution_rates")), None)
        if rate is None:
            return []
    fields = {"spent": spent, "left": left, "rate": rate, "budget": budget}
    return [fact_on(p, left, "remainder", fields)]


# --------------------------------------------------------------------------- instalments


_AFTER = re.compile(r"后|之日起|以内|内")
# what is paid, between the verb and the share: "支付合同金额的95%"
_OBJECT = r"(?:合同)?(?:金额|价款|总价|总额|款项|款|资金)?的?$"


@cache
def _ends_with(words: str) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, _words(words))) + ")" + _OBJECT)


def _stage(p: Prose, q: Quantity) -> str | None:
    """ "签订合同开工后支付", "验收后支付合同金额的", "预付" → a stage; "剩余", "余款" → the
    rest; anything else ("已支付", "付款进度达") → None."""
    clause = _clause(p, q)
    if clause.startswith(_words("rest_words")) and len(clause) <= 4:
        return "rest"
    if not _ends_with("pay_verbs").search(clause):
        return None
    if _AFTER.search(clause) or _ends_with("first_words").search(clause):
        return "stage"
    return None


def _instalments(p: Prose, qs: list[Quantity]) -> list[Fact]:
    """Consecutive clauses, each a share paid at a stage, the last perhaps the rest: the
    shares of one payment. At least two stages; a rest only closes a run."""
    out: list[Fact] = []
    run: list[Quantity] = []

    def close() -> None:
        if len(run) >= 2:
            out.append(_instalment_fact(p, run))
        run.clear()

    for q in qs:
        if q.kind != "percent":
            continue  # "10个工作日", the amount of a stage
        kind = None if q.approx else _stage(p, q)
        if kind == "stage":
            run.append(q)
        elif kind == "rest" and run:
            run.append(q)
            close()
        else:
            close()
    close()
    return out


def _clause(p: Prose, q: Quantity) -> str:
    return compact(p.norm[clause_start(p.norm, q.start, p.sentence_of(q.start)[0]) : q.start])


def _instalment_fact(p: Prose, run: list[Quantity]) -> Fact:
    listing = "、".join(_clause(p, q) + q.text for q in run)
    return Fact(
        kind="instalments",
        loc=run[0].loc,
        block=p.index,
        fields={"parts": list(run), "listing": listing},
        section=p.section,
        excerpt=excerpt(p, run[0].start),
        anchor=run[0],
    )
