"""The same statement made twice states the same figure: "共受理群众诉求353947件" in a project
table's 年度目标完成情况 and "共受理群众诉求110.04万件" in its 评价结论; "财政安排…项目资金
89.84万元" in a report's first section and again in its third.

A figure no other extractor has keyed gets a key made of its statement: the words in front
of it (its label, at least `MIN_LABEL` characters, so that "支出" or "完成预算" is never a
statement), its year and its project (a project table's sentences, a project's report).
Outside a project nothing is keyed so: the department's report names a project in its
procurement list (…管理系统建设142.17万元, a contract) and in its spending (…管理系统建设
172.66万元) — the same words, two figures.
"""

from __future__ import annotations

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.facts import excerpt
from govaudit.extract.base.glossary import key as compact_key
from govaudit.extract.base.ledger import PROSE, TABLE, THIS_YEAR, Key
from govaudit.extract.base.normalize import norm
from govaudit.patterns import lazy_pattern

KINDS: dict[str, dict[str, str]] = {}

MIN_LABEL = 8
STATEMENT = "表述"
_YEAR = lazy_pattern(r"(?:19|20)\d\d年度?")


def extract(ctx: ExtractContext) -> list:
    for p in ctx.prose:
        entity = ctx.entity_of.get(id(p.text), "")
        if not entity:
            continue
        for q in p.quantities:
            if q.approx or not q.label or q.ref is None or not p.readable(q.start):
                continue
            if ctx.ledger.key_of(q) is not None:
                continue
            label = _YEAR.sub("", compact_key(norm(q.label)))
            if len(label) < MIN_LABEL:
                continue
            years = _YEAR.findall(p.norm[p.sentence_of(q.start)[0] : q.start])
            year = years[-1].rstrip("年度").rstrip("年") if years else THIS_YEAR
            if ctx.report_year and year == str(ctx.report_year):
                year = THIS_YEAR
            # 件 and 万件 state one count; a money figure never states a count
            k = Key(f"「{label}」·{q.unit_class}", "", year, entity, STATEMENT)
            source = TABLE if p.in_table else PROSE
            ctx.ledger.resolve(q, k, f"「{q.label}」", source, excerpt(p, q.start))
    return []
