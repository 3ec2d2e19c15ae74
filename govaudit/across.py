"""Across documents: the same figure published by one issuer in several documents.

After every file of a batch is checked, the documents are paired by what they are
(`FileReport.info`: kind, issuer, year) — through an index, never all against all:

* a 部门预算 and the 单位预算 of the same issuer and year: where the department has one
  budget unit (its other units "不单列预算，并入本部"), every figure they both state is
  identical; where it has several, the department's figure is never below the unit's;
* two documents of one kind and issuer in consecutive years: "比2024年预算增加3,355.65万元"
  in the later one must lead to the figure the earlier one states (current − change);
* a 决算 and the budget of the same issuer and year: the 决算's 年初预算 should be the
  budget's figure (a budget can be adjusted: a warning).

Figures are matched by their ledger key (concept, scope, year, entity, role — subject codes
for subjects, never a position), so the traps are kept apart by construction: a "上年预算
执行数" is no budget, a 8月31日 asset count is no 12月31日 one, 元 tables and 万元 prose are
both read in 万元. The relations are YAML rules (rules/across.yaml) over `cross_figure` and
`cross_prior` facts; a finding is reported under the file that states the narrower or later
figure, naming the other file's place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from govaudit.engine.evaluate import run
from govaudit.engine.rules import Rule
from govaudit.extract.base.ledger import PROSE, TABLE, THIS_YEAR, Key, PriorStatement, Stated
from govaudit.model import Fact, FileReport, Finding, Quantity

KINDS: dict[str, dict[str, str]] = {
    "cross_figure": {
        "first": "部门（或预算、或较早一年）文件中的数",
        "other": "单位（或决算、或较晚一年）文件中的同一个数",
        "name": "这个数是什么（概念、口径、年度、角色）",
        "relation": "两个文件的关系：相同 / 部门不小于单位 / 年初预算 / 正文与附表",
        "first_file": "第一个文件",
        "other_file": "另一个文件",
        "first_where": "第一个数在哪里",
        "other_where": "另一个数在哪里",
    },
    "cross_prior": {
        "current": "较晚一年文件中的本年数",
        "delta": "所述与上年相比的增减额（减少为负；持平为 none）",
        "prior": "较早一年文件中的同一个数",
        "name": "这个数是什么",
        "base_year": "比较的年份",
        "first_file": "较早一年的文件",
        "other_file": "较晚一年的文件",
        "prior_where": "较早一年的数在哪里",
        "relation": "上年-本年（相邻两年的预算）/ 决算-次年预算（次年预算所写与本年预算的比较）",
    },
}

TEXT_TABLES = "正文-附表"
DEPT_UNIT = "部门-单位"
CONSECUTIVE = "上年-本年"
BUDGET_FINAL = "预算-决算"
NEXT_BUDGET = "决算-次年预算"


@dataclass(frozen=True)
class Pair:
    relation: str
    first: FileReport  # the department / the earlier year / the budget
    other: FileReport  # the unit / the later year / the 决算
    reason: str
    single_unit: bool = False  # 部门-单位: the department has one budget unit
    # a disclosure published as a text and a tables file: the tables file's figures count
    # as the text file's in the pairs it forms with other documents
    first_tables: FileReport | None = None
    other_tables: FileReport | None = None

    def as_json(self) -> dict[str, str | bool]:
        return {
            "relation": self.relation,
            "first": self.first.path,
            "other": self.other.path,
            "reason": self.reason,
            "identical": self.single_unit,
        }


def _issuer(r: FileReport) -> str:
    """The issuer's name as compared: without spaces, quotes or "(本部)", and the party
    committee's name in one form ("中国共产党江苏省委员会办公厅" = "中共江苏省委办公厅" =
    "江苏省委办公厅", as one department writes itself on its tables and in its text)."""
    info = r.info
    if not info or not info.issuer:
        return ""
    name = re.sub(r"[\s“”\"]|[(（]本部[)）]$", "", info.issuer)
    name = re.sub(r"^(?:中国共产党|中共)", "", name)
    return name.replace("委员会", "委")


def _tables_only(r: FileReport) -> bool:
    """A file of tables alone: every figure it keys stands in a table."""
    return bool(r.stated) and all(s.source == TABLE for s in r.stated)


def _disclosure(docs: list[FileReport]) -> tuple[FileReport, FileReport | None] | None:
    """One disclosure in the batch: a file, or a text file and the file of its tables
    (the text first); None when the files of one issuer, kind and year are more than that
    (copies, drafts: which is meant stays open)."""
    if len(docs) == 1:
        return docs[0], None
    if len(docs) == 2:
        a, b = docs
        if _tables_only(a) != _tables_only(b):
            return (b, a) if _tables_only(a) else (a, b)
    return None


def _level(kind: str) -> str:
    return kind[:2] if kind[:2] in ("部门", "单位") else ""


def pair(reports: Iterable[FileReport], explicit: Iterable[tuple[str, str]] = ()) -> list[Pair]:
    """The pairs a batch holds, each with the reason it was formed."""
    readable = [r for r in reports if r.status == "ok" and r.info is not None]
    index: dict[tuple[str, str, int], list[FileReport]] = {}
    for r in readable:
        assert r.info is not None
        issuer = _issuer(r)
        if issuer and r.info.kind and r.info.year:
            index.setdefault((issuer, r.info.kind, r.info.year), []).append(r)
    out: list[Pair] = []
    seen: set[tuple[str, str]] = set()

    def add(p: Pair) -> None:
        k = (p.first.path, p.other.path)
        if k not in seen and p.first.path != p.other.path:
            seen.add(k)
            out.append(p)

    by_path = {r.path: r for r in readable}
    for a, b in explicit:
        ra, rb = by_path.get(a), by_path.get(b)
        if ra is not None and rb is not None:
            p = _relate(ra, rb, "配置中指定的配对")
            if p is not None:
                add(p)

    # one disclosure on each side, or none: two 单位预算 of one issuer and year (copies,
    # drafts) leave it open which is meant, so they are not paired (and a batch of copies
    # stays linear); a text and the file of its tables are one disclosure
    def one(k: tuple[str, str, int]) -> tuple[FileReport, FileReport | None] | None:
        return _disclosure(index.get(k, []))

    for (issuer, kind, year), docs in sorted(index.items(), key=lambda kv: kv[0]):
        this = _disclosure(docs)
        if this is None:
            continue
        r, tables = this
        assert r.info is not None
        name = r.info.issuer  # as the document writes it, in the reasons
        if tables is not None:
            add(
                Pair(
                    TEXT_TABLES,
                    tables,
                    r,
                    f"同一发布单位「{name}」{year}年{kind}的正文和附表，分两个文件公开",
                )
            )
        if kind == "部门预算" and (u := one((issuer, "单位预算", year))) is not None:
            p = _dept_unit(r, u[0], f"同一发布单位「{name}」{year}年的部门预算和单位预算")
            add(_with_tables(p, tables, u[1]))
        if (e := one((issuer, kind, year - 1))) is not None:
            reason = f"同一发布单位「{name}」相邻两年（{year - 1}、{year}）的{kind}"
            add(Pair(CONSECUTIVE, e[0], r, reason, False, e[1], tables))
        if kind.endswith("决算") and (b := one((issuer, _level(kind) + "预算", year))) is not None:
            reason = f"同一发布单位「{name}」{year}年的预算和{kind}"
            add(Pair(BUDGET_FINAL, b[0], r, reason, False, b[1], tables))
        if kind.endswith("决算") and (n := one((issuer, _level(kind) + "预算", year + 1))):
            reason = f"同一发布单位「{name}」{year}年的{kind}和{year + 1}年的预算（其中写明与{year}年预算的比较）"
            add(Pair(NEXT_BUDGET, n[0], r, reason, False, n[1], tables))
    return out


def _with_tables(p: Pair, first: FileReport | None, other: FileReport | None) -> Pair:
    return Pair(p.relation, p.first, p.other, p.reason, p.single_unit, first, other)


def _dept_unit(dept: FileReport, unit: FileReport, reason: str) -> Pair:
    info = dept.info
    # identical only where the department is one budget unit, as its own make-up says
    single = info is not None and info.budget_units == 1
    why = (
        "部门只有一个预算单位（其余并入本部），两者的数应完全相同"
        if single
        else "部门的数不应小于单位的数"
    )
    return Pair(DEPT_UNIT, dept, unit, f"{reason}；{why}", single)


def _relate(a: FileReport, b: FileReport, reason: str) -> Pair | None:
    """A pair the configuration names: which relation their kinds and years make."""
    ia, ib = a.info, b.info
    if ia is None or ib is None:
        return None
    if ia.kind == "部门预算" and ib.kind == "单位预算":
        return _dept_unit(a, b, reason)
    if ib.kind == "部门预算" and ia.kind == "单位预算":
        return _dept_unit(b, a, reason)
    if ia.kind == ib.kind and ia.year and ib.year and abs(ia.year - ib.year) == 1:
        early, late = (a, b) if ia.year < ib.year else (b, a)
        return Pair(CONSECUTIVE, early, late, reason)
    if ia.kind.endswith("预算") and ib.kind.endswith("决算"):
        return Pair(BUDGET_FINAL, a, b, reason)
    if ib.kind.endswith("预算") and ia.kind.endswith("决算"):
        return Pair(BUDGET_FINAL, b, a, reason)
    return None


# --------------------------------------------------------------------------- facts


def _first_by_key(stated: Iterable[Stated]) -> dict[Key, Stated]:
    out: dict[Key, Stated] = {}
    for s in stated:
        out.setdefault(s.key, s)
    return out


def _stated(r: FileReport, tables: FileReport | None) -> tuple[Stated, ...]:
    return r.stated + (tables.stated if tables is not None else ())


def facts_of(p: Pair) -> list[Fact]:
    a, b = p.first, p.other
    names = (Path(a.path).name, Path(b.path).name)
    if p.relation == CONSECUTIVE:
        return _prior_facts(p, names)
    if p.relation == NEXT_BUDGET:
        return _implied_facts(p, names)
    first = _first_by_key(_stated(a, p.first_tables))
    other = _first_by_key(_stated(b, p.other_tables))
    out: list[Fact] = []
    for k, s in other.items():
        t = first.get(k)
        if t is None:
            continue
        if p.relation == TEXT_TABLES:
            if s.source != PROSE or t.source != TABLE:
                continue  # the text's figure against the tables'
            relation = "正文与附表"
        elif p.relation == BUDGET_FINAL:
            if k.role != "预算数" or k.year != THIS_YEAR:
                continue  # a 决算's 年初预算 against the budget; the rest are other figures
            relation = "年初预算"
        elif p.single_unit:
            relation = "相同"
        else:
            if s.quantity.kind != "money":
                continue  # a rate or a share of a unit can be above the department's
            relation = "部门不小于单位"
        out.append(
            _fact(
                "cross_figure",
                s,
                {
                    "first": t.quantity,
                    "other": s.quantity,
                    "name": k.describe(),
                    "relation": relation,
                    "first_file": names[0],
                    "other_file": names[1],
                    "first_where": t.where,
                    "other_where": s.where,
                },
            )
        )
    return out


def _prior_facts(p: Pair, names: tuple[str, str]) -> list[Fact]:
    early_year = p.first.info.year if p.first.info else None
    earlier = _first_by_key(_stated(p.first, p.first_tables))
    out: list[Fact] = []
    for st in p.other.priors:
        assert isinstance(st, PriorStatement)
        if st.base_year != early_year:
            continue
        k = st.key
        base = earlier.get(Key(k.concept, k.scope, THIS_YEAR, k.entity, st.base_role))
        if base is None:
            continue
        out.append(
            _fact(
                "cross_prior",
                Stated(k, st.current, "", ""),
                {
                    "current": st.current,
                    "delta": st.delta,
                    "prior": base.quantity,
                    "name": k.describe(),
                    "base_year": st.base_year,
                    "first_file": names[0],
                    "other_file": names[1],
                    "prior_where": base.where,
                    "relation": CONSECUTIVE,
                },
                st.excerpt,
            )
        )
    return out


def _implied_facts(p: Pair, names: tuple[str, str]) -> list[Fact]:
    """A 决算 of year Y and the budget of Y+1: "比Y年预算增加X" in the budget gives the
    figure of Y's budget (current − X), which the 决算's 年初预算 of the same key states."""
    year = p.other.info.year if p.other.info else None
    finals = _first_by_key(_stated(p.other, p.other_tables))
    out: list[Fact] = []
    for st in (*p.first.priors, *(p.first_tables.priors if p.first_tables else ())):
        assert isinstance(st, PriorStatement)
        if st.base_year != year or st.base_role != "预算数":
            continue
        k = st.key
        initial = finals.get(Key(k.concept, k.scope, THIS_YEAR, k.entity, "预算数"))
        if initial is None:
            continue
        out.append(
            _fact(
                "cross_prior",
                initial,
                {
                    "current": st.current,
                    "delta": st.delta,
                    "prior": initial.quantity,
                    "name": k.describe(),
                    "base_year": st.base_year,
                    "first_file": names[0],
                    "other_file": names[1],
                    "prior_where": initial.where,
                    "relation": NEXT_BUDGET,
                },
                st.excerpt,
            )
        )
    return out


def _fact(kind: str, anchor: Stated, fields: dict, excerpt: str = "") -> Fact:
    q = anchor.quantity
    return Fact(
        kind, q.loc, q.block, fields, excerpt=excerpt or f"{anchor.where}：{q.text}", anchor=q
    )


# --------------------------------------------------------------------------- checking


def check_across(
    reports: list[FileReport], rules: list[Rule], explicit: Iterable[tuple[str, str]] = ()
) -> list[Pair]:
    """Pair the batch's documents, check the rules over each pair's facts and add the
    findings (and outcomes) to the report of the narrower or later document."""
    pairs = pair(reports, explicit)
    mine = [r for r in rules if r.applies_to in KINDS]
    for p in pairs:
        check_pair(p, mine)
    for r in reports:  # the keyed figures have served; reports travel lighter
        r.stated, r.priors = (), ()
    return pairs


def check_pair(p: Pair, rules: list[Rule]) -> None:
    """The rules over one pair's facts; findings and outcomes join `p.other` (batch.py calls
    this one pair at a time, with only that pair's keyed figures read back from its spool)."""
    facts = facts_of(p)
    if not facts or not rules:
        return
    found, outcomes = run(rules, facts, Path(p.other.path).name)
    for f in found:
        q = _counterpart(f, facts)
        f.related = (q.loc,) if q is not None else ()
        f.related_paths = (p.first.path,) if q is not None else ()
    p.other.findings.extend(found)
    p.other.outcomes.extend(outcomes)


def _counterpart(finding: Finding, facts: list[Fact]) -> Quantity | None:
    """The other document's figure a finding names (its fact's first / prior)."""
    for fact in facts:
        if fact.anchor is not None and fact.anchor.loc == finding.loc:
            q = fact.fields.get("first") or fact.fields.get("prior")
            return q if isinstance(q, Quantity) else None
    return None
