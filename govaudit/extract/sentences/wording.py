"""Words that state a relation, held against the figures they describe.

* "决算数小于预算数" / "决算数等于预算数" / "决算数与预算数持平" / "决算数大于预算数" after an
  item's figures: "支出决算为268.62万元，完成预算98.59%，决算数小于预算数的主要原因是…"
  (001 line 45) or "年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要
  原因：…" (the Shanghai template). The word must agree with the 完成率 (小于 ⇒ below 100%)
  and with the two amounts when both are stated.
* A figure, the figure of an earlier year and the word between them: "2023年当年预算执行数为
  60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%" — the direction word
  must fit the two figures, the rate must be their change, and "持平" means equal.

The template's own wording ("决算数大于（小于）预算数") states nothing and is skipped; so is
a wording whose figures are ambiguous (two 决算 amounts before it in one paragraph).
"""

from __future__ import annotations

import re

from govaudit.extract.base.clauses import clause_start
from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt, fact_at
from govaudit.extract.sentences.itemlists import role
from govaudit.extract.sentences.rates import budget_kind
from govaudit.model import Fact, Quantity

KINDS: dict[str, dict[str, str]] = {
    "budget_wording": {
        "relation": "文字所说的关系：大于 / 小于 / 等于（持平）/ 基本持平",
        "wording": "原文（如「决算数小于预算数」）",
        "actual": "决算数（可能为 none）",
        "budget": "预算数（可能为 none）",
        "rate": "完成预算的百分比（可能为 none）",
    },
    "stated_change": {
        "prior": "前一年的数（如「2023年当年预算执行数为60.13万元」）",
        "current": "本年的数（如「2024年预算安排25.77万元」）",
        "direction": "文字所说的方向：增加 / 减少 / 持平",
        "rate": "所写的增减幅度（可能为 none）",
        "prior_year": "前一年的年份",
        "current_year": "本年的年份",
    },
}

_WORDING = re.compile(
    r"决算数?\s*(?:(?P<rel>大于|小于|等于|高于|低于|超过|少于)(?P<k1>全年|年初|调整后)?预算数?"
    r"|(?:与|同|和|较)(?P<k2>全年|年初|调整后)?预算数?(?P<approx>基本)?(?:持平|相等|一致))"
)
_RELATION = {
    "大于": "大于",
    "高于": "大于",
    "超过": "大于",
    "小于": "小于",
    "低于": "小于",
    "少于": "小于",
    "等于": "等于",
}


def extract(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    items = {
        (q.block, q.start)
        for f in ctx.facts_of("budget_item")
        for q in (f.fields.get("planned"), f.fields.get("executed"))
        if q is not None
    }
    for p in ctx.prose:
        if p.in_table and not p.norm.strip():
            continue
        if "预算" in p.norm:
            facts.extend(_budget_wordings(p))
        facts.extend(
            f for f in _stated_changes(p) if _at(f.fields["current"]) not in items
        )  # a budget item's two years: GA-YS-010..012, which know when 预算安排 is the error
    return facts


def _at(q: Quantity) -> tuple[int, int]:
    return (q.block, q.start)


# --------------------------------------------------------------------------- 决算数 vs 预算数


def _budget_wordings(p: Prose) -> list[Fact]:
    out: list[Fact] = []
    floor = 0
    for m in _WORDING.finditer(p.norm):
        if not p.readable(m.start()):
            continue
        after = p.norm[m.end() : m.end() + 1]
        before = p.norm[max(0, m.start() - 1) : m.start()]
        if after == "(" or before == ")" or "(" in m.group(0):
            continue  # "决算数大于（小于）预算数": the template, not a statement
        rel = _RELATION.get(m.group("rel") or "", "")
        if not rel:
            rel = "基本持平" if m.group("approx") else "等于"
        kind = m.group("k1") or m.group("k2") or ""
        figures = [
            q
            for q in p.quantities_in(floor, m.start())
            if not q.approx and p.top(0, q.start) and role(q) is not None
        ]
        floor = m.end()
        actuals = [q for q in figures if role(q) == "actual"]
        rates = [q for q in figures if role(q) == "rate"]
        budgets = [q for q in figures if role(q) == "budget"]
        if len(actuals) != 1 or len(rates) > 1:
            continue  # whose 决算? several items before one wording: not guessed
        if kind:
            want = "年初" if kind == "年初" else "全年"
            budgets = [q for q in budgets if budget_kind(q.label) == want]
        budget = budgets[0] if len(budgets) == 1 else None
        rate = rates[0] if rates else None
        if (
            rate is not None
            and budget is not None
            and budget_kind(rate.label)
            not in (
                "",
                budget_kind(budget.label),
            )
        ):
            rate = None  # "完成年初预算的…" while the wording speaks of the 全年预算
        if budget is None and rate is None:
            continue
        fields = {
            "relation": rel,
            "wording": p.text.text[m.start() : m.end()],
            "actual": actuals[0],
            "budget": budget,
            "rate": rate,
        }
        out.append(fact_at(p, m.start(), "budget_wording", fields, anchor=actuals[0]))
    return out


# --------------------------------------------------------------------------- year against year

_YEAR = re.compile(r"(\d{4})\s*年")
_COMPARE = re.compile(
    r"^[,;]?\s*(?:比|较|与|同)\s*(?P<year>\d{4})\s*年[^,;。0-9]{0,14}?"
    r"(?P<dir>增加|增长|减少|下降|持平|相比持平|基本持平)"
)


def _year_of(p: Prose, q: Quantity, floor: int) -> int | None:
    """The year written in the clause that holds `q`: "2023年当年预算执行数为60.13万元"."""
    cs = clause_start(p.norm, q.start, floor)
    years = _YEAR.findall(p.norm[cs : q.start])
    return int(years[-1]) if len(years) == 1 else None


_ANY_COMPARE = re.compile(r"(?:比|较|与|同)\s*\d{4}\s*年")


def _stated_changes(p: Prose) -> list[Fact]:
    out: list[Fact] = []
    if not _ANY_COMPARE.search(p.norm):
        return out
    for sa, sb in p.sentences:
        qs = [q for q in p.quantities_in(sa, sb) if p.top(sa, q.start)]
        money = [q for q in qs if q.kind == "money"]
        for i in range(1, len(money)):
            prior, current = money[i - 1], money[i]
            m = _COMPARE.match(p.norm[current.end : min(sb, current.end + 40)])
            if m is None or prior.approx or current.approx:
                continue
            py, cy = _year_of(p, prior, sa), _year_of(p, current, sa)
            if py is None or cy is None or int(m.group("year")) != py or cy <= py:
                continue
            # nothing but the two clauses between the figures
            between = p.norm[prior.end : current.start]
            if between.count(",") + between.count(";") > 1 or any(
                q.start > prior.end and q.start < current.start for q in qs
            ):
                continue
            word = m.group("dir")
            direction = (
                "持平" if "持平" in word else ("增加" if word in ("增加", "增长") else "减少")
            )
            rate = None
            after = [q for q in qs if q.start >= current.end + m.end() - 1]
            if (
                after
                and after[0].kind == "percent"
                and not after[0].approx
                and after[0].start - (current.end + m.end()) <= 2
            ):
                rate = after[0]
            out.append(
                Fact(
                    kind="stated_change",
                    loc=current.loc,
                    block=current.block,
                    fields={
                        "prior": prior,
                        "current": current,
                        "direction": direction,
                        "rate": rate,
                        "prior_year": py,
                        "current_year": cy,
                    },
                    section=p.section,
                    excerpt=excerpt(p, current.start),
                    anchor=rate or current,
                )
            )
    return out
