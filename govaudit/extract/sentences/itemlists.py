"""Numbered items on their own lines under a total: the 具体情况 of a 决算, item by item.

Three real shapes (each item a paragraph of its own, numbered 1. / 1、 / （一）):

* 000–004: "…支出决算数为2013.29万元，完成预算99.39%。其中：" then
  "1.…行政运行（项）：支出决算为268.62万元，完成预算98.59%，决算数小于预算数…";
* the Shanghai template: "…年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的
  98.20%。…其中：" then "1、…（项）。主要用于：…。年初预算为1560.05万元，支出决算为
  1511.89万元。决算数小于预算数的主要原因：…";
* 002: "2022年支出预算万元260.85万元，…当年财政拨款主要是：" then "1.一般公共服务支出237.25万元。"
  — a list of 功能分类 类 only (the categories of one total, so the list is the whole).

From them: the 年初预算 column as a total and its parts (the 决算 column is read by
breakdowns.py when its figure opens the item), and, when the items give only 决算 and 完成率,
the budgets they imply: each item's budget is 决算 ÷ 完成率 and the items' budgets add up to
the total's (`rate_list`). Every figure keeps its rounding interval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt
from govaudit.extract.base.normalize import norm
from govaudit.extract.document.numbering import item_number
from govaudit.extract.document.subjects import check_name
from govaudit.extract.sentences.artefacts import next_paragraphs
from govaudit.extract.sentences.breakdowns import breakdown_fact, names_the_total
from govaudit.extract.sentences.rates import budget_kind
from govaudit.model import Fact, Quantity

KINDS: dict[str, dict[str, str]] = {
    "rate_list": {
        "total": "合计的决算数",
        "total_rate": "合计的完成率（完成预算 X%）",
        "items": "各项的决算数（列表）",
        "rates": "各项的完成率（列表，与 items 一一对应）",
    }
}

# the sentence that opens the list
_OPENERS = ("其中:", "主要是:", "具体如下:", "具体情况如下:")
_CATEGORY_ITEM = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、]\s*)(?P<name>[^\d(（:：,，。]{2,20}?)(?:\(类\))?\s*\d"
)


@dataclass
class Item:
    prose: Prose
    actual: Quantity | None = None
    budget: Quantity | None = None
    rate: Quantity | None = None
    budgets: dict[str, Quantity] = field(default_factory=dict)  # by kind: 年初 / 全年 / ""


@dataclass
class ItemList:
    head: Prose
    opener: str
    items: list[Item] = field(default_factory=list)
    total: Item | None = None


def role(q: Quantity) -> str | None:
    """What a money or percent figure of a 具体情况 states, by its label."""
    label = norm(q.label).rstrip("的为了 ")
    if q.kind == "percent":
        if "完成" in label and ("预算" in label or "计划" in label):
            return "rate"
        return None
    if q.kind not in ("money", "number"):
        return None
    if "决算" in label or "执行数" in label:
        return "actual"
    if "预算" in label and not any(w in label for w in ("完成", "比", "较", "增加", "减少")):
        return "budget"
    return None


def read_figures(p: Prose) -> Item:
    """The 决算, 预算 and 完成率 a paragraph states (the first of each, top level only)."""
    item = Item(p)
    for q in p.quantities:
        if q.approx or not p.top(0, q.start) or not p.readable(q.start):
            continue
        r = role(q)
        if r is None or (q.kind == "number" and q.decimals == 0):
            continue
        if r == "budget":
            item.budgets.setdefault(budget_kind(q.label), q)
        if getattr(item, r) is None:
            setattr(item, r, q)
    return item


def find_lists(ctx: ExtractContext) -> list[ItemList]:
    out: list[ItemList] = []
    for p in ctx.prose:
        if p.in_table or p.heading is not None:
            continue
        tail = p.norm.rstrip()
        opener = next((o for o in _OPENERS if tail.endswith(o)), None)
        if opener is None or not p.readable(len(tail) - 1):
            continue
        lst = ItemList(p, opener)
        style = None
        for f in next_paragraphs(ctx, p):
            if not f.norm.strip():
                continue
            found = item_number(f.norm)
            if found is None or f.heading is not None or (style and found[0] != style):
                break
            style = found[0]
            lst.items.append(read_figures(f))
        if len(lst.items) >= 2:
            out.append(lst)
    return out


def extract(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    for lst in find_lists(ctx):
        head = read_figures(lst.head)
        if lst.opener == "其中:":
            facts.extend(_budget_column(lst, head))
            fact = _rate_list(lst, head)
            if fact is not None:
                facts.append(fact)
        elif lst.opener == "主要是:":
            fact = _category_list(lst)
            if fact is not None:
                facts.append(fact)
    return facts


def _money(q: Quantity, like: list[Quantity]) -> Quantity:
    """A total printed without its unit ("决算数为3469.2，") takes its items' unit."""
    if q.unit == "" and like and like[0].unit:
        return replace(q, unit=like[0].unit, unit_inferred=True)
    return q


def _budget_column(lst: ItemList, head: Item) -> list[Fact]:
    """ "年初预算为1560.05万元" in every item: the items' budgets add up to the total's."""
    budgets = [i.budget for i in lst.items]
    if any(b is None for b in budgets):
        return []
    kinds = {budget_kind(b.label) for b in budgets if b is not None}
    if len(kinds) != 1:
        return []
    (kind,) = kinds
    # the head may state both: "年初预算为0万元，全年预算为321.02万元"
    total = head.budgets.get(kind) or (head.budget if len(head.budgets) == 1 else None)
    if total is None:
        return []
    parts = [
        replace(b, label=_item_name(i.prose))
        for i, b in zip(lst.items, budgets, strict=True)
        if b is not None
    ]
    if any(b.unit_class != total.unit_class for b in parts) or names_the_total(total, parts):
        return []
    marker = f"其中（{kind}预算）" if kind else "其中（预算数）"
    return [breakdown_fact(lst.head, total, parts, marker, multiline=True)]


def _rate_list(lst: ItemList, head: Item) -> Fact | None:
    """Items that state 决算 and 完成率 but not their budget: the budgets they imply add up."""
    if head.actual is None or head.rate is None:
        return None
    if any(i.budget is not None for i in lst.items):
        return None  # the budgets are stated: the budget column is checked as a breakdown
    items = [i.actual for i in lst.items]
    rates = [i.rate for i in lst.items]
    if any(q is None for q in items) or any(r is None or r.value == 0 for r in rates):
        return None
    if head.rate.value == 0:
        return None
    named = [
        replace(q, label=_item_name(i.prose)) for i, q in zip(lst.items, items, strict=True) if q
    ]
    total = _money(head.actual, named)
    return Fact(
        kind="rate_list",
        loc=head.rate.loc,
        block=head.rate.block,
        fields={"total": total, "total_rate": head.rate, "items": named, "rates": rates},
        section=lst.head.section,
        excerpt=excerpt(lst.head, head.rate.start),
        anchor=head.rate,
    )


def _category_list(lst: ItemList) -> Fact | None:
    """ "当年财政拨款主要是：" + "1.一般公共服务支出237.25万元。" …: the 类 of one total."""
    first = lst.head.sentences[0] if lst.head.sentences else (0, len(lst.head.norm))
    money = [
        q
        for q in lst.head.quantities_in(*first)
        if q.kind == "money" and not q.approx and lst.head.top(first[0], q.start)
    ]
    if not money:
        return None
    total = money[0]
    parts: list[Quantity] = []
    for i in lst.items:
        m = _CATEGORY_ITEM.match(i.prose.norm)
        if m is None or not check_name(m.group("name"))[0]:
            return None
        amounts = [q for q in i.prose.quantities if q.kind == "money" and not q.approx]
        if len(amounts) != 1 or amounts[0].unit_class != total.unit_class:
            return None
        parts.append(replace(amounts[0], label=m.group("name")))
    return breakdown_fact(lst.head, total, parts, "主要是", multiline=True)


def _item_name(p: Prose) -> str:
    """ "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于…" → the subject."""
    s = p.text.text.strip()
    s = re.sub(r"^\s*(?:\d{1,2}\s*[.、．]\s*|[(（][一二三四五六七八九十\d]+[)）])", "", s)
    for stop in ("。", "：", ":", "，", ","):
        at = s.find(stop)
        if 0 < at:
            s = s[:at]
    return s.strip()[:60]
