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
from functools import cache

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
    scope_words,
    subject_measure,
    subject_section,
)
from govaudit.extract.base.ledger import PRIOR_YEAR, PROSE, TABLE, THIS_YEAR, Key
from govaudit.extract.base.normalize import norm
from govaudit.extract.base.vocab import states_a_change
from govaudit.model import Quantity
from govaudit.patterns import lazy_pattern
from govaudit.resources import vocab

KINDS: dict[str, dict[str, str]] = {}

_YEAR = lazy_pattern(r"(20\d\d|19\d\d)\s*年")
_PRIOR = lazy_pattern(r"上年|上一年|去年|同期")
_PAST = lazy_pattern(r"以前年度|历年|往年")
_COMPARED = lazy_pattern(r"(?:比|较|与|同|和)\s*(?:(?:20|19)\d\d\s*年度?|上一?年度?|去年)(?:同期)?")
_BUDGET_PHRASES = lazy_pattern(r"一般公共预算|政府性基金预算|国有资本经营预算|完成预算")
_PART = lazy_pattern(r"^第[一二三四五六七八九十\d]+部分")
_CLASS = lazy_pattern(r"^(?:\d{1,2}[、.])?(.+?)[(]类[)]$")
_ITEM_PATH = lazy_pattern(
    r"^(?:\d{1,2}\s*[、.])?\s*([^()]+?)[(]类[)]([^()]+?)[(]款[)]([^()]+?)[(]项[)]"
)


def extract(ctx: ExtractContext) -> list:
    parents = _parents(ctx)
    default_role = "预算数" if ctx.report_kind == "预算" else "决算数"
    subjects_here = subject_section()
    sections: dict[tuple[str, ...], str] = {}
    for p in ctx.prose:
        # the headings that narrow a figure's scope, keyed once per section
        section = sections.get(p.section)
        if section is None:
            section = sections[p.section] = _section_key(p.section)
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


def _section_key(headings: tuple[str, ...]) -> str:
    """The headings a paragraph stands under, keyed; a 第X部分 heading names the whole
    report, not a part of it."""
    return key("/".join(h for h in headings if not _PART.match(key(h))))


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
    if not _own_figure(p, key(q.label), prefix):
        return None
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


@cache
def _generic() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    data = vocab("glossary")
    return (
        frozenset(key(str(n)) for n in data.get("generic_names", [])),
        tuple(sorted((key(str(w)) for w in data.get("own_words", [])), key=len, reverse=True)),
        tuple(key(str(w)) for w in data.get("owner_endings", [])),
    )


_SUBJECT_MARK = lazy_pattern(r"[(](?:类|款|项)[)]")
_YEARS = lazy_pattern(r"(?:20|19)\d\d\s*年度?")


def _own_figure(p: Prose, label: str, prefix: str) -> bool:
    """May a figure whose label ends with a concept's name be keyed as that concept? Not when
    the label says by how much something changed ("增加基本支出844.15万元", "基本支出增加人员
    经费1408.29万元"). A generic name ("支出预算", "支出合计") is the document's own total only
    when nothing but the document's name, a year, 本年/部门 or a fund stands in front of it,
    and, written alone, only when its heading names no subject of its own."""
    if states_a_change(label):
        return False
    generic, own_words, endings = _generic()
    name = label[len(prefix) :]
    base, _ = role_suffix(name)
    if name not in generic and base not in generic:
        return True
    rest = _YEARS.sub("", prefix)
    for scope_word in (w for _, ws in scope_words() for w in ws):
        rest = rest.replace(key(scope_word), "")
    for w in own_words:
        rest = rest.replace(w, "")
    if rest:
        return rest.endswith(endings)  # "江苏省政协办公厅本年支出…", not "货物类政府采购支出预算"
    heading = p.section[-1] if p.section else ""
    return not _SUBJECT_MARK.search(key(heading))  # "（二）检察（款）" | "预算支出合计…"


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
