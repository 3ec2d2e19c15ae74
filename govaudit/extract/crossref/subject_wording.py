"""A subject the text names by its path ("法院（款）一般行政事务管理（项）") must be named as the
document's tables name it.

The tables give each 功能分类 subject its code and name under its 类 and 款 (ctx.subjects:
"204/法院/一般行政管理事务" → 2040502). A 项 the text names under a 款 the tables list, that is
none of that 款's 项, is compared with the 款's 项 in the tables: the one with the same
characters in another order ("一般行政事务管理" for "一般行政管理事务"), or the one whose amount
the text states beside the name (and most of its characters), is that subject written another
way — a wording error, minor
(the figures are right). A shortened name ("其他人大事务" for "其他人大事务支出", "机关事业单位
职业年金" for "…职业年金缴费支出") and a variant the glossary knows as the same name (其它 /
其他, a renamed part) are not errors; a 项 that matches none of the 款's is not judged here.
"""

from __future__ import annotations

import re

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import fact_at
from govaudit.extract.base.glossary import class_code, name_key
from govaudit.extract.base.ledger import TABLE, Entry
from govaudit.extract.base.normalize import compact_with_offsets
from govaudit.intervals import Interval
from govaudit.model import Fact, Quantity

KINDS: dict[str, dict[str, str]] = {}
KINDS["subject_wording"] = {
    "written": "文中写的项名称",
    "path": "文中的写法（如「法院（款）一般行政事务管理（项）」）",
    "table_name": "表中该款下对应的项名称",
    "code": "该项的科目编码",
    "stated": "文中该项的金额（没有时为 none）",
    "table_amount": "表中该项的金额（没有时为 none）",
    "why": "为何认定是同一项：同样的字、次序不同 / 金额相同",
    "amount_text": "表中该项的金额（供消息显示，如「，6,049.97 万元」；没有时为空）",
}

_NAME = r"[^()（）,，。;；:：、\s]"
_PATH = re.compile(
    rf"(?:({_NAME}{{2,20}}?)\(类\))?({_NAME}{{2,20}}?)\(款\)({_NAME}{{2,30}}?)\(项\)"
)
_LEADING = re.compile(
    r"^(?:\d{1,2}[.、．]|[一二三四五六七八九十]+、|[(][一二三四五六七八九十\d]+[)])"
)


def extract(ctx: ExtractContext) -> list[Fact]:
    items = _items(ctx)
    if not items:
        return []
    amounts = _table_amounts(ctx)
    facts: list[Fact] = []
    for p in ctx.prose:
        if p.in_table or "(项)" not in p.norm:
            continue
        text, offsets = compact_with_offsets(p.norm)
        for m in _PATH.finditer(text):
            kuan = _LEADING.sub("", m.group(2))
            written = m.group(3)
            cls = class_code(m.group(1)) if m.group(1) else None
            known = _kuan_items(items, kuan, cls)
            if not known or written in known:
                continue
            stated = _amount_after(p, offsets[m.end() - 1])
            found = _same_subject(written, known, stated, amounts)
            if found is None:
                continue
            name, code, why = found
            table = amounts.get(code)
            fields = {
                "written": written,
                "path": f"{kuan}（款）{written}（项）",
                "table_name": name,
                "code": code,
                "stated": stated,
                "table_amount": table.quantity if table else None,
                "why": why,
                "amount_text": (
                    f"，{table.quantity.loc.describe()}为 {table.quantity.text} 万元"
                    if table
                    else ""
                ),
            }
            facts.append(fact_at(p, offsets[m.start(3)], "subject_wording", fields, stated))
    return facts


def _items(ctx: ExtractContext) -> dict[tuple[str, str], dict[str, str]]:
    """(类 code, 款 name) → {项 name: code}, from the tables' subjects."""
    out: dict[tuple[str, str], dict[str, str]] = {}
    for path, code in ctx.subjects.items():
        parts = path.split("/")
        if len(parts) == 3 and len(code) == 7:
            out.setdefault((parts[0], parts[1]), {})[parts[2]] = code
    return out


def _kuan_items(
    items: dict[tuple[str, str], dict[str, str]], kuan: str, cls: str | None
) -> dict[str, str]:
    """The 项 of a 款 (of its 类 when the text names it; else of the one 类 that has it)."""
    found = [v for (c, k), v in items.items() if k == kuan and (cls is None or c == cls)]
    return found[0] if len(found) == 1 else {}


def _table_amounts(ctx: ExtractContext) -> dict[str, Entry]:
    """Code → the first table figure of the subject's spending."""
    out: dict[str, Entry] = {}
    for e in ctx.ledger.keyed():
        k = e.key
        if k is None or e.source != TABLE or not k.concept.startswith("科目"):
            continue
        code, _, measure = k.concept.removeprefix("科目").partition("·")
        if measure == "支出" and code.isdigit():
            out.setdefault(code, e)
    return out


def _amount_after(p: Prose, at: int) -> Quantity | None:
    """The money figure the text gives the subject: the first one after its name, in its
    clause ("…（项）支出 6049.97 万元，与上年相比…")."""
    for q in p.quantities_in(at, min(len(p.norm), at + 30)):
        between = p.norm[at + 1 : q.start]
        if any(ch in between for ch in ",，。;；"):
            return None
        return q if q.kind == "money" else None
    return None


def _same_subject(
    written: str, known: dict[str, str], stated: Quantity | None, amounts: dict[str, Entry]
) -> tuple[str, str, str] | None:
    """The one 项 of the 款 that `written` is another writing of, and why."""
    mine = name_key(written)
    if any(name_key(n) == mine or _shortened(mine, name_key(n)) for n in known):
        return None  # a variant or a shortened name of one of the 款's 项
    anagrams = [(n, c) for n, c in known.items() if sorted(name_key(n)) == sorted(mine)]
    if len(anagrams) == 1:
        return (*anagrams[0], "同样的字、次序不同")
    if stated is None:
        return None
    same = [
        (n, c)
        for n, c in known.items()
        if c in amounts
        and _overlap(mine, name_key(n)) >= 0.6
        and Interval.of(stated).eq(Interval.of(amounts[c].quantity)) is not False
    ]
    if len(same) == 1:
        return (*same[0], "金额相同")
    return None


def _overlap(a: str, b: str) -> float:
    """The share of the longer name's characters the other has too: an amount alone never
    makes two unrelated names one subject."""
    rest = list(b)
    common = 0
    for ch in a:
        if ch in rest:
            rest.remove(ch)
            common += 1
    return common / max(len(a), len(b))


def _shortened(a: str, b: str) -> bool:
    """One name is the other with words left out: its characters in the same order."""
    short, long_ = sorted((a, b), key=len)
    it = iter(long_)
    return len(short) < len(long_) and all(ch in it for ch in short)
