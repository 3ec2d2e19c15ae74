"""Shares of a named whole: "一般公共预算财政拨款支出3469.2万元，占本年支出合计的100%".

The part is the amount in the clause just before the share; the whole is the most recent
earlier figure whose label is that name. A label that only ends with the name but narrows
its scope ("一般公共预算财政拨款基本支出" for "基本支出") is a different figure and is
never used. When the whole cannot be found, nothing is checked.
"""

from __future__ import annotations

from govaudit.extract.base.clauses import clause_start
from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import fact_on
from govaudit.extract.base.normalize import norm
from govaudit.extract.sentences.breakdowns import label_matches, named_whole
from govaudit.model import Fact, Quantity

KINDS: dict[str, dict[str, str]] = {
    "share": {
        "part": "部分数",
        "share": "所述占比（百分数）",
        "whole": "整体数（句中点名的合计；未说明时为 none）",
        "siblings": "同一列举中的全部分项（整体未说明时其和即整体）",
        "whole_name": "整体的名称",
        "shares": "同一列举中各分项所写的占比（列表；每个分项都写了占比时才有，否则为空）",
    }
}


def extract(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    seen: dict[str, Quantity] = {}  # normalised label → the latest money figure with it
    for p in ctx.prose:
        for q in p.quantities:
            if not p.readable(q.start):
                continue
            if q.kind == "percent":
                name = named_whole(q.label)
                if name and not q.approx:
                    fact = _share(p, q, name, seen)
                    if fact is not None:
                        facts.append(fact)
            elif q.kind == "money" and not q.approx and q.label:
                key = norm(q.label)
                seen.pop(key, None)  # keep insertion order = recency
                seen[key] = q
    return facts


def _share(p: Prose, share: Quantity, name: str, seen: dict[str, Quantity]) -> Fact | None:
    sa, _ = p.sentence_of(share.start)
    before = [
        q for q in p.quantities_in(sa, share.start) if q.kind != "percent" and p.top(sa, q.start)
    ]
    if not before:
        return None
    part = before[-1]
    if part.kind != "money" or part.approx:
        return None
    # the part's clause holds only the part
    cs = clause_start(p.norm, part.start, sa)
    if len([q for q in before if q.start >= cs]) != 1:
        return None
    # the share follows right after the part's clause
    between = p.norm[part.end : share.start]
    if between.count(",") + between.count(";") > 1:
        return None
    whole = None
    for label in reversed(seen):
        cand = seen[label]
        if cand is part or (cand.block == part.block and cand.start >= part.start):
            continue
        if label_matches(label, name):
            whole = cand
            break
    if whole is None:
        return None
    return fact_on(
        p,
        share,
        "share",
        {
            "part": part,
            "share": share,
            "whole": whole,
            "siblings": [],
            "whole_name": name,
            "shares": [],
        },
    )
