"""Rates whose operands are stated in the same sentence.

"项目全年预算数214.61万元，执行数为214.61万元，完成预算的100%" → 执行数 / 预算数;
"转办15724件,办结15562件,办结率98.97%" → 办结 / 转办. Which labels are numerators and
denominators of which rate is data (rules/vocab/prose.yaml). A rate whose name carries a
qualifier we do not know ("按时办结率", "接通率") is not checked: its base is not stated.

"…其中热线来电96145次,…。其中直接办理的来电80421次,直办率为83.65%" (004 line 489): a count
that "其中" marks as the part of a count named by the same noun ("来电"), the rate right after
it → part / whole, whatever the rate is called: the sentence names its base.
"""

from __future__ import annotations

import re
from typing import Any

from govaudit.extract.base.clauses import clause_start
from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt, fact_on
from govaudit.extract.base.normalize import norm
from govaudit.extract.base.vocab import rate_definitions, rate_prefixes
from govaudit.extract.sentences.artefacts import funding_figures
from govaudit.model import Fact, Quantity


def rate_kind(label: str) -> dict[str, Any] | None:
    name = norm(label).strip()
    for rd in rate_definitions():
        for w in rd["words"]:
            if name == w:
                return rd
            prefix = name[: -len(w)]
            # "资金完成率", "人员类项目资金节约率": a prefix ending in a known qualifier;
            # "按时办结率" is another rate
            if name.endswith(w) and prefix.endswith(rate_prefixes()):
                return rd
    return None


def budget_kind(label: str) -> str:
    """年初预算 and 全年预算 (调整后预算) are two figures: "年初" / "全年" / "" (unsaid)."""
    s = norm(label)
    if "年初" in s:
        return "年初"
    if "全年" in s or "调整" in s:
        return "全年"
    return ""


KINDS: dict[str, dict[str, str]] = {}
KINDS["rate"] = {
    "numerator": "分子（如执行数、办结数）",
    "denominator": "分母（如预算数、受理数）",
    "rate": "所述比率",
    "rate_name": "比率名称（如 预算完成率、办结率）",
}
KINDS["rate_complement"] = {
    "completion": "完成率（执行率）",
    "balance": "结余率（节约率）",
    "completion_name": "完成率的名称",
    "balance_name": "结余率的名称",
}


def extract(ctx: ExtractContext) -> list[Fact]:
    return _stated_operands(ctx) + _complements(ctx) + _named_bases(ctx) + _part_rates(ctx)


_PART = re.compile(r"^其中(?P<which>.{1,20})的(?P<noun>[^的]{1,8})$")


def _part_rates(ctx: ExtractContext) -> list[Fact]:
    """ "其中直接办理的来电80421次,直办率为83.65%": the rate of a part of a count stated
    before it (in this sentence or the one before) under the same noun ("热线来电96145次")."""
    facts: list[Fact] = []
    for p in ctx.prose:
        if "其中" not in p.norm:
            continue
        sentences = p.sentences
        for k, (sa, sb) in enumerate(sentences):
            qs = [q for q in p.quantities_in(sa, sb) if p.top(sa, q.start)]
            for i, part in enumerate(qs[:-1]):
                clause = p.norm[clause_start(p.norm, part.start, sa) : part.start]
                m = _PART.match("".join(clause.split()))
                rate = qs[i + 1]
                if m is None or part.kind != "count" or part.approx:
                    continue
                if rate.kind != "percent" or rate.approx or not norm(rate.label).endswith("率"):
                    continue
                floor = sentences[k - 1][0] if k else sa
                before = [q for q in p.quantities_in(floor, part.start) if p.top(floor, q.start)]
                noun = m.group("noun")
                whole = next(
                    (
                        q
                        for q in reversed(before)
                        if q.kind == "count"
                        and q.unit == part.unit
                        and not q.approx
                        and norm(q.label).endswith(noun)
                    ),
                    None,
                )
                if whole is None or not p.readable(rate.start):
                    continue
                facts.append(rate_fact(p, part, whole, rate, norm(rate.label).strip()))
    return facts


_PLAN_RATE = re.compile(r"^完成(?:资金)?计划(?:数)?$")


def _named_bases(ctx: ExtractContext) -> list[Fact]:
    """ "1．资金计划。…项目资金计划数214.61万元。" … "2．资金到位。…资金到位214.61万元，完成资金
    计划的100%" (003 lines 429–431): the rate names its base, stated earlier in the section."""
    funded = funding_figures(ctx)
    facts: list[Fact] = []
    for p in ctx.prose:
        plan = funded.get(p.position, (None, None))[1]
        if p.in_table or plan is None:
            continue
        for r in p.quantities:
            if r.kind != "percent" or r.approx or not _PLAN_RATE.match(norm(r.label)):
                continue
            if not p.readable(r.start):
                continue
            sa, _ = p.sentence_of(r.start)
            before = [q for q in p.quantities_in(sa, r.start) if q.kind != "percent"]
            if not before or before[-1].kind != "money" or before[-1].approx:
                continue
            facts.append(rate_fact(p, before[-1], plan, r, "计划完成率"))
    return facts


def _complements(ctx: ExtractContext) -> list[Fact]:
    """In one subsection, a completion rate and a balance rate of the same money add up to
    100%: "完成率为96.13%" … "资金节约率为3.87%". Only when the subsection states exactly
    one of each (several projects in one section would pair the wrong rates)."""
    by_section: dict[tuple[str, ...], list[tuple[Quantity, str, object]]] = {}
    for p in ctx.prose:
        if p.in_table or not p.section:
            continue
        for q in p.quantities:
            if q.kind != "percent" or q.approx or not p.readable(q.start):
                continue
            rd = rate_kind(q.label)
            if rd is not None and rd["name"] in ("预算完成率", "结余率"):
                by_section.setdefault(p.section, []).append((q, rd["name"], p))
    facts: list[Fact] = []
    for items in by_section.values():
        # the same rate stated twice ("完成率为96.13%" … "完成预算96.13%") is one rate
        done = list({x[0].value: x for x in items if x[1] == "预算完成率"}.values())
        left = list({x[0].value: x for x in items if x[1] == "结余率"}.values())
        if len(done) != 1 or len(left) != 1:
            continue
        (c, _, cp), (b, _, _) = done[0], left[0]
        facts.append(
            Fact(
                kind="rate_complement",
                loc=b.loc,
                block=b.block,
                fields={
                    "completion": c,
                    "balance": b,
                    "completion_name": c.label,
                    "balance_name": b.label,
                },
                section=cp.section,  # type: ignore[attr-defined]
                excerpt=excerpt(cp, c.start),  # type: ignore[arg-type]
                anchor=b,
            )
        )
    return facts


def _stated_operands(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    for p in ctx.prose:
        for sa, sb in p.sentences:
            qs = [q for q in p.quantities_in(sa, sb) if p.top(sa, q.start)]
            for i, r in enumerate(qs):
                if r.kind != "percent" or r.approx:
                    continue
                rd = rate_kind(r.label)
                if rd is None:
                    continue
                operands = [q for q in qs[:i] if q.kind != "percent"]
                # the numerator is the figure right before the rate: a rate after another
                # item's figure ("因公出国（境）费决算为0.00万元，完成预算的0%") is that item's
                if not operands or operands[-1].approx:
                    continue
                num = operands[-1]
                if _pick([num], rd["numerator"], ()) is None:
                    continue
                # … and the denominator the nearest budget-like figure before it, with no
                # other numerator-like figure between them (that would be another item's)
                den = None
                for q in reversed(operands[:-1]):
                    if _pick([q], rd["numerator"], ()) is not None:
                        break
                    if _pick([q], rd["denominator"], rd["numerator"]) is not None:
                        den = q
                        break
                # "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的
                # 95.89%": the rate names its base, and the base is the figure of that name
                kind = budget_kind(r.label)
                named = [
                    q
                    for q in operands[:-1]
                    if kind
                    and budget_kind(q.label) == kind
                    and _pick([q], rd["denominator"], rd["numerator"]) is not None
                ]
                if named:
                    den = named[-1]
                if den is None or den.approx or den.unit_class != num.unit_class:
                    continue
                facts.append(rate_fact(p, num, den, r, rd["name"]))
    return facts


def rate_fact(p: Prose, num: Quantity, den: Quantity, rate: Quantity, name: str) -> Fact:
    return fact_on(
        p, rate, "rate", {"numerator": num, "denominator": den, "rate": rate, "rate_name": name}
    )


def _pick(
    cands: list[Quantity], words: list[str], exclude: tuple[str, ...] | list[str]
) -> Quantity | None:
    for q in reversed(cands):
        label = norm(q.label)
        if any(w in label for w in words) and not any(w in label for w in exclude):
            return q
    return None
