"""What the ledger lets the rules check, once every extractor has keyed its figures.

* `same_figure`: two entries with the same key state one figure and must agree, wherever
  they stand (prose ↔ prose, prose ↔ 附表, 附表 ↔ 附表, 绩效自评表 ↔ 绩效自评表). The first
  statement is compared with each later one; a prose figure is always compared with the
  table (the table is what the reporting software printed).
* `concepts`: for each source (正文 / 表格), year and role, every concept's first value by its
  id — for the named equations (本年支出合计 = 基本支出 + 项目支出 + …). Prose and tables
  are kept apart so that an equation never mixes a figure of one with those of the other
  (their agreement is `same_figure`'s to check); a table's own row sums are the table
  rules', so an equation whose figures all stand in one row or one sentence is skipped
  (`same_statement`).
"""

from __future__ import annotations

from functools import cache

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.glossary import concepts
from govaudit.extract.base.ledger import PROSE, THIS_YEAR, Entry, Key
from govaudit.extract.crossref.project_names import AMOUNT
from govaudit.extract.crossref.statements import STATEMENT
from govaudit.intervals import Interval
from govaudit.model import Fact, Location
from govaudit.patterns import lazy_pattern

SOURCE = {PROSE: "正文", "table": "表格"}
# the 名词解释 of the national templates since 2021: "机关运行经费：指行政单位和参照公务员法
# 管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出"; older ones
# define it as "…运行用于购买货物和服务的各项资金", which can be more
_RUNNING_COSTS = lazy_pattern(r"机关运行经费[:：][^。]{0,80}基本支出中的(?:日常)?公用经费")


def _concept_fields() -> dict[str, str]:
    fields = {c.id: f"{c.id}（{c.scope}）" for c in concepts()}
    fields.update(
        {
            "report_year": "报告年度",
            "source": "这组数来自：正文 / 表格",
            "role": "这组数的口径：决算数 / 预算数 / 调整后预算 / 执行数",
            "year": "这组数的年度：本年 / 上年 / 某年",
            "about": "消息中说明这组数的来源和口径（正文中本文件自己的口径时为空）",
            "机关运行经费定义为公用经费": "文件的名词解释把机关运行经费定义为基本支出中的日常公用经费",
        }
    )
    return fields


SAME_FIGURE = {
    "first": "第一处（正文与表格相比时为正文的一处）",
    "other": "另一处",
    "name": "这个数是什么（概念、口径、角色）",
    "first_where": "第一处在哪里",
    "other_where": "另一处在哪里",
    "sources": "两处的来源：正文-正文 / 正文-表格 / 表格-表格",
    "same_precision": "两处印出的精度（小数位数、单位）是否相同",
    "role": "角色：决算数 / 预算数 / 年初预算 / 调整后预算 / 执行数 / 指标值 / 完成值（可能为空）",
    "entity": "属于谁：空为本部门（单位），否则为项目名称",
}


@cache
def _kinds() -> dict[str, dict[str, str]]:
    return {"same_figure": SAME_FIGURE, "concepts": _concept_fields()}


def __getattr__(name: str) -> object:
    """`KINDS` is built when first read, not at import: its `concepts` fields are the
    glossary's concepts, and no file is parsed at import time."""
    if name == "KINDS":
        return _kinds()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def extract(ctx: ExtractContext) -> list[Fact]:
    by_key = ctx.ledger.by_key()
    own_role = "预算数" if ctx.report_kind == "预算" else "决算数"
    facts = _same_figures(by_key, own_role, ctx.profile.rounding)
    facts.extend(_concept_groups(ctx, by_key))
    return facts


def _order(e: Entry) -> tuple[int, int, int, int, int, int]:
    q = e.quantity
    loc = q.loc
    return (q.block, loc.page or 0, loc.line or 0, loc.row or 0, loc.col or 0, q.start)


def _same_figures(by_key: dict[Key, list[Entry]], own_role: str, rounding: str) -> list[Fact]:
    """Each table statement of a figure against the first table statement, and each prose
    statement against that table figure too — the table is what the reporting software
    printed; without a table, each prose statement against the first."""
    out: list[Fact] = []
    for k, entries in by_key.items():
        if len(entries) < 2 or k.role == AMOUNT:
            continue  # an amount whose role is open is no twin: projects.py holds it
        entries = sorted(entries, key=_order)
        tables = [e for e in entries if e.source != PROSE]
        prose = [e for e in entries if e.source == PROSE]
        name = _name(k, entries, own_role)
        if tables:
            anchor = tables[0]
            pairs = [(anchor, t) for t in tables[1:]] + [(p, anchor) for p in prose]
        else:
            anchor = prose[0]
            pairs = [(anchor, p) for p in prose[1:]]
        clusters = [Interval.of(anchor.quantity, rounding)]
        for first, other in pairs:
            checked = other if first is anchor else first
            iv = Interval.of(checked.quantity, rounding)
            joined = next((c for c in clusters if c.eq(iv) is not False), None)
            if joined is not None and joined is not clusters[0]:
                continue  # agrees with a figure already found different: one finding is enough
            if joined is None:
                clusters.append(iv)
            out.append(_pair(k, first, other, name))
    return out


def _name(k: Key, entries: list[Entry], own_role: str) -> str:
    """How a message names the figure: "社会保障和就业支出（208）支出（全部资金）"; the
    document's own role goes without saying."""
    if k.role == STATEMENT:
        return k.concept.split("·")[0]  # the words themselves: 「共受理群众诉求」
    shown = Key(k.concept, k.scope, k.year, k.entity, "" if k.role == own_role else k.role)
    text = shown.describe()
    if k.concept.startswith(("科目", "经济科目")) and "·" in k.concept:
        subject, measure = k.concept.split("·", 1)
        code = subject.removeprefix("经济科目").removeprefix("科目")
        label = next((e.quantity.label for e in entries if e.source != PROSE), "") or code
        label = label.strip() if code.isdigit() else code
        named = f"{label}（{code}）{measure}" if code.isdigit() else f"{label}{measure}"
        text = text.replace(k.concept, named, 1)
    return text


def _pair(k: Key, first: Entry, other: Entry, name: str) -> Fact:
    a, b = first.quantity, other.quantity
    sources = "-".join(sorted((SOURCE[first.source], SOURCE[other.source]), key="正文表格".index))
    fields = {
        "first": a,
        "other": b,
        "name": name,
        "first_where": first.where or a.loc.describe(),
        "other_where": other.where or b.loc.describe(),
        "sources": sources,
        "same_precision": a.half_ulp() == b.half_ulp(),
        "role": k.role,
        "entity": k.entity,
    }
    return Fact(
        "same_figure",
        a.loc,
        a.block,
        fields,
        excerpt=first.excerpt or f"{first.where or name}：{a.text}",
        anchor=a,
    )


def _concept_groups(ctx: ExtractContext, by_key: dict[Key, list[Entry]]) -> list[Fact]:
    """One `concepts` fact per (source, year, role) that states any concept of this year."""
    ids = {c.id for c in concepts()}
    groups: dict[tuple[str, str, str], dict[str, Entry]] = {}
    for k, entries in by_key.items():
        if k.concept not in ids or k.entity or k.year != THIS_YEAR:
            continue
        for e in sorted(entries, key=_order):
            group = groups.setdefault((e.source, k.year, k.role), {})
            group.setdefault(k.concept, e)
    statements = _statements(ctx)
    own_role = "预算数" if ctx.report_kind == "预算" else "决算数"
    running_is_public = any(_RUNNING_COSTS.search(p.norm) for p in ctx.prose)
    out: list[Fact] = []
    for (source, year, role), found in sorted(groups.items()):
        fields: dict[str, object] = {c: None for c in ids}
        for cid, e in found.items():
            fields[cid] = e.quantity
        fields.update(
            {
                "report_year": ctx.report_year,
                "source": SOURCE[source],
                "role": role,
                "year": year,
                "about": ""
                if (source, role) == (PROSE, own_role)
                else f"（{SOURCE[source]}，{role}）",
                "机关运行经费定义为公用经费": running_is_public,
                "__statements__": statements,
            }
        )
        anchor = min(found.values(), key=_order).quantity
        out.append(Fact("concepts", anchor.loc or Location(), anchor.block, fields, anchor=anchor))
    return out


def _statements(ctx: ExtractContext) -> list[frozenset[tuple[int, int] | None]]:
    """Figures already checked together (by Quantity.ref): a sentence's total and parts, a
    table row."""
    out = []
    for f in ctx.facts_of("breakdown"):
        out.append(frozenset(q.ref for q in [f.fields["total"], *f.fields["parts"]]))
    for f in ctx.facts_of("fin_sum"):
        out.append(frozenset(q.ref for q in [f.fields["total"], *f.fields["parts"]]))
    for f in ctx.facts_of("table_row"):
        out.append(frozenset(q.ref for q in f.fields["__cells__"].values() if q is not None))
    return out
