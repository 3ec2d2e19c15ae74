"""Prose figures into the ledger: which concept a figure states, for which funds, which
year and in which role.

A figure is an instance of a concept of the glossary (rules/vocab/glossary.yaml) when its
label ends with one of the concept's names — possibly followed by a role word ("三公经费预算
数", "…支出决算"). Its scope comes from the words in front of the name, from the totals it
is listed under and, for a figure of all funds, from a section about one fund only; its
year from the sentence ("2022年…", "上年…"); its role from the label or, when the label says
none, the document's kind (决算数 in a 决算, 预算数 in a 预算). In the section on
一般公共预算财政拨款支出, "X（类）…" and "X（类）Y（款）Z（项）…支出决算为N万元" state a
subject's figure: keyed like the subject's row in the tables (by code when the document's
tables give it).

Nothing is compared here: the ledger pairs figures with the same key (ledger_facts.py).
"""

from __future__ import annotations

import re

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt
from govaudit.extract.base.glossary import (
    ALL_FUNDS,
    ANY,
    class_code,
    item_labels,
    key,
    match,
    narrow_sections,
    role_suffix,
    scope_of,
    subject_measure,
    subject_section,
)
from govaudit.extract.base.ledger import PRIOR_YEAR, PROSE, TABLE, THIS_YEAR, Key
from govaudit.extract.base.normalize import norm
from govaudit.model import Quantity

KINDS: dict[str, dict[str, str]] = {}

_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
_PRIOR = re.compile(r"上年|上一年|去年|同期")
_PAST = re.compile(r"以前年度|历年|往年")
_COMPARED = re.compile(r"(?:比|较|与|同|和)\s*(?:(?:20|19)\d\d\s*年度?|上一?年度?|去年)(?:同期)?")
_CHANGE = re.compile(r"(?:增加|减少|增长|下降|压减|调增|调减|节约|节省)$")
_BUDGET_PHRASES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|完成预算")
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")
_CLASS = re.compile(r"^(?:\d{1,2}[、.])?(.+?)[(]类[)]$")
_ITEM_PATH = re.compile(
    r"^(?:\d{1,2}\s*[、.])?\s*([^()]+?)[(]类[)]([^()]+?)[(]款[)]([^()]+?)[(]项[)]"
)


def extract(ctx: ExtractContext) -> list:
    parents = _parents(ctx)
    default_role = "预算数" if ctx.report_kind == "预算" else "决算数"
    subjects_here = subject_section()
    for p in ctx.prose:
        # the headings that narrow a figure's scope; a 第X部分 heading names the whole report
        section = key("/".join(h for h in p.section if not _PART.match(key(h))))
        in_subjects = bool(subjects_here) and subjects_here in section and not p.in_table
        item = _ITEM_PATH.match(key(p.text.text)) if in_subjects else None
        source = TABLE if p.in_table else PROSE
        for q in p.quantities:
            if q.kind != "money" or q.approx or not q.label or not p.readable(q.start):
                continue
            year = _year_of(p, q, ctx.report_year)
            if year is None:
                continue
            k = None
            if in_subjects:
                k = _subject_key(ctx, q, item, year, default_role)
            if k is None:
                k = _concept_key(p, q, parents, section, year, default_role)
            if k is not None:
                where = f"正文{q.loc.describe()}"
                ctx.ledger.resolve(q, k, where, source, excerpt(p, q.start))
    return []


def _concept_key(
    p: Prose,
    q: Quantity,
    parents: dict[tuple[int, int], Quantity],
    section: str,
    year: str,
    default_role: str,
) -> Key | None:
    base, role = role_suffix(q.label)
    found = match(base) if role else None
    if found is None:
        found, role = match(q.label), None
    if found is None:
        return None
    concept, prefix = found
    if _CHANGE.search(prefix):
        return None  # "增加基本支出844.15万元": a change of the concept, not its figure
    if role is None:
        role = "预算数" if _is_budget(q.label) else default_role
    scope = _context_scope(q, prefix, parents)
    if scope == ALL_FUNDS and concept.scope not in (ALL_FUNDS, ANY):
        # "人员经费461.75万元" under the heading 一般公共预算财政拨款基本支出…: the heading may
        # admit a figure to a narrower concept, never exclude one
        if _section_scope(p) == concept.scope:
            scope = concept.scope
    if concept.scope == ANY:
        return Key(concept.id, "", year, "", role)
    if concept.scope == ALL_FUNDS and scope == ALL_FUNDS:
        # "本年收入合计" in "四、财政拨款收入支出决算总体情况" is the 财政拨款 one
        narrow = next((w for w in narrow_sections() if w in section), None)
        if narrow is not None:
            scope = scope_of(narrow) or scope
        return Key(concept.id, scope, year, "", role)
    own = scope_of("".join(concept.names[:1]))
    allowed = {concept.scope} | ({ALL_FUNDS} if own == concept.scope else set())
    if scope not in allowed:
        return None
    return Key(concept.id, concept.scope, year, "", role)


def _subject_key(
    ctx: ExtractContext, q: Quantity, item: re.Match[str] | None, year: str, default_role: str
) -> Key | None:
    """ "一般公共服务支出（类）2106.66万元" and "…（类）…（款）行政运行（项）：支出决算为
    1511.89万元": the subject's 一般公共预算 figure."""
    label = key(q.label)
    base, role = role_suffix(label)
    role = role or default_role
    measure = subject_measure()
    m = _CLASS.match(label)
    if m:
        code = class_code(m.group(1))
        concept = f"科目{code}" if code else f"科目{m.group(1)}"
        return Key(f"{concept}·{measure}", "一般公共预算", year, "", role)
    if item is None or (label not in item_labels() and base not in item_labels()):
        return None
    lei, kuan, xiang = (key(g) for g in item.groups())
    code = class_code(lei)
    path = f"{code or lei}/{kuan}/{xiang}"
    full = ctx.subjects.get(path)
    concept = f"科目{full}" if full else f"科目{path}"
    return Key(f"{concept}·{measure}", "一般公共预算", year, "", role)


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


def _year_of(p: Prose, q: Quantity, report_year: int | None) -> str | None:
    """本年, 上年 or the year a sentence gives a figure; None when it speaks of several
    past years at once (以前年度, 历年)."""
    sa, _ = p.sentence_of(q.start)
    # "比2023年预算增加25万元…；公务用车运行费21.56万元": the year compared with is not the
    # year of the figures after it
    before = _COMPARED.sub("", p.norm[sa : q.start])
    if _PAST.search(before):
        return None
    if _PRIOR.search(before):
        return PRIOR_YEAR
    years = _YEAR.findall(before)
    if years and report_year is not None and int(years[-1]) != report_year:
        y = int(years[-1])
        return PRIOR_YEAR if y == report_year - 1 else str(y)
    return THIS_YEAR


def _is_budget(label: str) -> bool:
    """A budget figure ("预算数", "年初预算"), not a final one."""
    return "预算" in _BUDGET_PHRASES.sub("", norm(label))
