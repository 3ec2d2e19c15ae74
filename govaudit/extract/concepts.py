"""Named quantities (concepts) and the places they are stated.

A figure is an instance of a concept of the glossary (rules/vocab/glossary.yaml) when its
label ends with one of the concept's names and its scope — read from the words in front
of the name and from the totals it is listed under — is the concept's scope. Figures
labelled with another year ("2021年…", "上年…") or that are budgets rather than final
figures are left out: they are different quantities.

Two kinds of fact come out:

* `concept_pair`: the first statement of a concept against each later statement whose value
  cannot be the same — the cross-reference check;
* `concepts`: one per document, every concept's (first) value by its id — for named
  equations such as 本年支出合计 = 基本支出 + 项目支出 + ….
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from govaudit.extract.breakdowns import excerpt
from govaudit.extract.context import ExtractContext, Prose
from govaudit.extract.normalize import norm
from govaudit.intervals import Interval
from govaudit.model import Fact, Location, Quantity
from govaudit.resources import vocab

ALL_FUNDS = "全部资金"
ANY = "any"
SCOPE_ORDER = ("一般公共预算", "政府性基金", "国有资本经营", "财政拨款")

_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
_PRIOR = re.compile(r"上年|上一年|去年|同期|以前年度|历年")
_BUDGET_PHRASES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|完成预算")


@dataclass(frozen=True)
class Concept:
    id: str
    names: tuple[str, ...]
    scope: str


@dataclass
class Instance:
    concept: Concept
    quantity: Quantity
    scope: str
    prose: Prose


def _key(s: str) -> str:
    return re.sub(r"[“”\"'‘’\s]", "", norm(s))


@cache
def glossary() -> tuple[Concept, ...]:
    data = vocab("glossary")
    return tuple(
        Concept(str(c["id"]), tuple(_key(n) for n in c["names"]), str(c.get("scope", ALL_FUNDS)))
        for c in data.get("concepts", [])
    )


@cache
def scope_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = vocab("glossary").get("scope_words", {})
    return tuple((s, tuple(data.get(s, []))) for s in SCOPE_ORDER if s in data)


@cache
def _names_longest_first() -> tuple[tuple[str, Concept], ...]:
    pairs = [(n, c) for c in glossary() for n in c.names]
    return tuple(sorted(pairs, key=lambda x: -len(x[0])))


def scope_of(text: str) -> str | None:
    """The narrowest scope the words in `text` name, or None."""
    t = _key(text)
    for scope, words in scope_words():
        if any(w in t for w in words):
            return scope
    return None


def match(label: str) -> tuple[Concept, str] | None:
    """(concept, the words in front of its name) for a label, or None."""
    key = _key(label)
    for name, concept in _names_longest_first():
        if key.endswith(name):
            return concept, key[: -len(name)]
    return None


KINDS: dict[str, dict[str, str]] = {}
KINDS["concept"] = {
    "concept": "概念名称",
    "scope": "口径",
    "value": "这一处给出的数",
}
KINDS["concept_pair"] = {
    "concept": "概念名称（如 本年收入合计）",
    "scope": "口径（全部资金 / 财政拨款 / 一般公共预算 …）",
    "first": "文中第一次给出的数",
    "other": "后文另一处给出的数",
}


def _concept_fields() -> dict[str, str]:
    fields = {c.id: f"{c.id}（{c.scope}）" for c in glossary()}
    fields["report_year"] = "报告年度"
    return fields


KINDS["concepts"] = _concept_fields()


def _parents(ctx: ExtractContext) -> dict[tuple[int, int], Quantity]:
    """Part → its total, from the breakdowns found earlier."""
    out: dict[tuple[int, int], Quantity] = {}
    for f in ctx.facts_of("breakdown"):
        total = f.fields["total"]
        for part in f.fields["parts"]:
            out[(part.block, part.start)] = total
    return out


def _section_scope(p: Prose) -> str | None:
    for heading in reversed(p.section):
        scope = scope_of(heading)
        if scope is not None:
            return scope
    return None


def _context_scope(q: Quantity, prefix: str, parents: dict[tuple[int, int], Quantity]) -> str:
    scope = scope_of(prefix)
    cur = q
    seen = 0
    while scope is None and seen < 4:
        parent = parents.get((cur.block, cur.start))
        if parent is None:
            break
        scope = scope_of(parent.label)
        cur = parent
        seen += 1
    return scope or ALL_FUNDS


def _is_other_year(p: Prose, q: Quantity, report_year: int | None) -> bool:
    sa, _ = p.sentence_of(q.start)
    before = p.norm[sa : q.start]
    if _PRIOR.search(before):
        return True
    years = _YEAR.findall(before)
    if years and report_year is not None and int(years[-1]) != report_year:
        return True
    return False


def _is_budget(label: str) -> bool:
    """A budget figure ("预算数", "年初预算"), not a final one."""
    return "预算" in _BUDGET_PHRASES.sub("", norm(label))


def instances(ctx: ExtractContext) -> list[Instance]:
    parents = _parents(ctx)
    year = ctx.report_year
    out: list[Instance] = []
    for p in ctx.prose:
        for q in p.quantities:
            if q.kind != "money" or q.approx or not q.label or not p.readable(q.start):
                continue
            found = match(q.label)
            if found is None:
                continue
            concept, prefix = found
            if _is_budget(q.label) or _is_other_year(p, q, year):
                continue
            scope = _context_scope(q, prefix, parents)
            if scope == ALL_FUNDS and concept.scope not in (ALL_FUNDS, ANY):
                # "人员经费461.75万元" under the heading 一般公共预算财政拨款基本支出…: the
                # heading may admit a figure to a narrower concept, never exclude one
                if _section_scope(p) == concept.scope:
                    scope = concept.scope
            if concept.scope != ANY:
                own = scope_of("".join(concept.names[:1]))
                allowed = {concept.scope} | ({ALL_FUNDS} if own == concept.scope else set())
                if scope not in allowed:
                    continue
            out.append(Instance(concept, q, concept.scope if concept.scope != ANY else scope, p))
    return out


def extract(ctx: ExtractContext) -> list[Fact]:
    found = instances(ctx)
    facts: list[Fact] = [
        Fact(
            kind="concept",
            loc=i.quantity.loc,
            block=i.quantity.block,
            fields={"concept": i.concept.id, "scope": i.scope, "value": i.quantity},
            section=i.prose.section,
            excerpt=excerpt(i.prose, i.quantity.start),
            anchor=i.quantity,
        )
        for i in found
    ]
    by_concept: dict[str, list[Instance]] = {}
    for inst in found:
        by_concept.setdefault(inst.concept.id, []).append(inst)
    for cid, items in by_concept.items():
        first = items[0]
        clusters: list[Interval] = [Interval.of(first.quantity)]
        for inst in items[1:]:
            iv = Interval.of(inst.quantity)
            joined = next((c for c in clusters if c.eq(iv) is not False), None)
            if joined is not None and joined is not clusters[0]:
                continue  # agrees with a figure already compared: one finding is enough
            if joined is None:
                clusters.append(iv)
            facts.append(
                Fact(
                    kind="concept_pair",
                    loc=first.quantity.loc,
                    block=first.quantity.block,
                    fields={
                        "concept": cid,
                        "scope": first.scope,
                        "first": first.quantity,
                        "other": inst.quantity,
                    },
                    section=first.prose.section,
                    excerpt=excerpt(first.prose, first.quantity.start),
                    anchor=first.quantity,
                )
            )
    fields: dict[str, Any] = {c.id: None for c in glossary()}
    for cid, items in by_concept.items():
        fields[cid] = items[0].quantity
    fields["report_year"] = ctx.report_year
    # which figures were already checked together in one sentence (see same_statement())
    fields["__statements__"] = [
        frozenset((q.block, q.start) for q in [f.fields["total"], *f.fields["parts"]])
        for f in ctx.facts_of("breakdown")
    ]
    anchor = found[0].quantity if found else None
    facts.append(
        Fact(
            kind="concepts",
            loc=anchor.loc if anchor else Location(),
            block=anchor.block if anchor else 0,
            fields=fields,
            excerpt="",
            anchor=anchor,
        )
    )
    return facts
