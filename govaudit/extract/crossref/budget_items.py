"""The sentences a budget disclosure (部门预算 / 单位预算) is made of, read as budget sentences.

* The item paragraph of 预算编制说明, one per subject line:
  "2.“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”42.60万元，主要用于…。
  2023年当年预算执行数为45.41万元，2024年预算安排42.60万元，比2023年预算执行数减少6.19%。"
  or "1.“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，…".
  Its heading amount and its 预算安排 amount are the subject's 预算数 in the ledger (the
  key of the subject's row in the 功能分类 table, found by code through `ctx.subjects`
  and the tables' rows, by the names as written — 类 names of earlier years included); the
  执行数 is the previous year's. A `budget_item` fact carries the rate and its direction
  word for the rules (rate = (安排 − 执行数) ÷ 执行数), and whether the names written are
  the table's.
* `budget_items_total`: the item headings against the 一般公共预算 (财政拨款) total.
* `budget_self_name`: each time a budget calls itself 部门预算 or 单位预算, against its kind.
* `budget_vehicles`: "预算安排购置车辆N辆" against the 公务用车购置费 budget.
* `budget_projects`: the project funds with 绩效目标 against the 项目支出 budget.

Nothing is compared here: same keys meet in the ledger (ledger_facts.py), the relations are
the rules' (rules/budget.yaml).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt
from govaudit.extract.base.glossary import class_code, key
from govaudit.extract.base.ledger import PRIOR_YEAR, PROSE, TABLE, THIS_YEAR, Entry, Key
from govaudit.model import Fact, Quantity
from govaudit.patterns import lazy_pattern

KINDS: dict[str, dict[str, str]] = {
    "budget_item": {
        "subject": "文中写的科目（如「一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）」）",
        "code": "表中该科目的编码（找不到时为 none）",
        "table_subject": "表中该科目的名称（类/款/项，找不到时为空）",
        "renamed": "文中写的科目名称与表中不同（按编码或其余名称找到）",
        "known": "文件的功能分类表中的科目数（0：没有表，无从查找）",
        "amount": "标题中的金额",
        "planned": "“预算安排”的金额（没有时为 none）",
        "executed": "上年“预算执行数”（没有时为 none）",
        "rate": "比上年执行数增减的幅度（没有时为 none）",
        "direction": "幅度的方向词：增加 / 减少 / 持平（没有时为 none）",
        "reason_direction": "“主要原因是：…经费增加/减少/保持不变”中的方向（没有时为 none）",
        "planned_year": "“预算安排”所说的年度（没有时为 none）",
        "executed_year": "“预算执行数”所说的年度（没有时为 none）",
        "report_year": "预算年度",
    },
    "budget_items_total": {
        "total": "一般公共预算（财政拨款）支出预算合计",
        "parts": "各项科目说明的金额（列表）",
        "count": "科目说明的条数",
        "missing": "表中有金额却没有说明的科目（列表，文字）",
    },
    "budget_self_name": {
        "word": "文中的说法（如「部门预算」）",
        "expected": "按文件种类应为的说法（如「单位预算」）",
        "kind": "文件种类",
    },
    "budget_vehicles": {
        "vehicles": "预算安排购置车辆数（辆）",
        "purchase": "公务用车购置费预算（表中或正文中）",
    },
    "budget_projects": {
        "performance": "编报绩效目标的项目涉及的项目预算资金",
        "projects": "项目支出预算合计（表中或正文中）",
    },
}

# "1.“…（类）…（款）…（项）”科目42.60万元" / "“…-…-…”科目1,202.95万元": the quoted subject
# an item starts a paragraph, or follows a full stop or a line break where the reader ran two
# items together: each is read up to the next one
_ITEM = lazy_pattern(
    r"(?:^|(?<=[。\n]))\s*(?:\d{1,2}\s*[.、]\s*)?[“\"「]([^”\"」]{2,120})[”\"」]\s*(?:科目)?\s*(?=\d)"
)
_LEVEL_MARK = lazy_pattern(r"\((类|款|项)\)")
_DASH = lazy_pattern(r"\s*[-—–－]\s*")
_YEAR = lazy_pattern(r"((?:19|20)\d\d)\s*年")
_EXECUTED = lazy_pattern(r"执行数")
_PLANNED = lazy_pattern(r"预算安排|安排预算|预算数?为?$")
_FLAT = lazy_pattern(r"持平")
# "主要原因是：群众团体事务一般行政管理事务经费减少。" — the direction the reason gives
_REASON = lazy_pattern(
    r"主要原因(?:是)?\s*[:：]?[^。]{0,80}?(增加|增长|减少|下降|保持不变|不变|持平)\s*。?\s*$"
)
_REASON_WORDS = {"增加": "增加", "增长": "增加", "减少": "减少", "下降": "减少"}
_SELF = lazy_pattern(r"(部门|单位)预算")
# "部门预算经济分类" is the classification's name, "预算主管部门" the department above a
# unit, "区级单位预算" a cover's words and "部门预算改革" a reform: none is the document
# naming its own kind wrongly
_SELF_FINE = lazy_pattern(
    r"部门预算经济分类|预算主管部门|预算单位预算|(?:部门|单位)预算(?:改革|制度|管理)"
)
_VEHICLES = lazy_pattern(r"预算安排购置车辆\s*(\d+)\s*辆")


@dataclass(frozen=True)
class Subject:
    code: str
    path: tuple[str, ...]  # 类, 款, 项 names as the table prints them (compared form)
    printed: str  # "201 一般公共服务支出 / 群众团体事务 / 一般行政管理事务"


def extract(ctx: ExtractContext) -> list[Fact]:
    if ctx.report_kind != "预算":
        return []
    subjects = _subjects(ctx)
    facts: list[Fact] = []
    items: list[tuple[Fact, Subject | None]] = []
    for p in ctx.prose:
        if p.in_table:
            continue
        starts = list(_ITEM.finditer(p.norm)) if p.quantities else []
        for i, m in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(p.norm)
            found = _item(ctx, p, m, end, subjects)
            if found is not None:
                items.append(found)
                facts.append(found[0])
    ctx.profile.explanation_level = explanation_level([f for f, _ in items])
    total = _items_total(ctx, items, subjects)
    if total is not None:
        facts.append(total)
    facts.extend(_wording(ctx))
    facts.extend(_vehicles(ctx))
    facts.extend(_projects(ctx))
    return facts


# --------------------------------------------------------------------------- subjects


def _subjects(ctx: ExtractContext) -> dict[str, Subject]:
    """code → subject, from the rows of the document's 功能分类 tables (read by fin_tables)."""
    names: dict[str, str] = {}
    for f in ctx.facts_of("table_row"):
        code = f.fields.get("code")
        if not code or not code.startswith("2") or len(code) not in (3, 5, 7):
            continue
        row = str(f.fields["row"]).removeprefix(code).strip()
        names.setdefault(code, row)
    out: dict[str, Subject] = {}
    for code in names:
        parts = [names.get(code[:n], "") for n in (3, 5, 7) if n <= len(code)]
        if any(not x for x in parts):
            continue
        out[code] = Subject(code, tuple(key(x) for x in parts), f"{code} " + "/".join(parts))
    return out


def _split(written: str) -> list[str]:
    """ "A（类）B（款）C（项）" or "A-B-C" → [A, B, C] (names keep their own brackets:
    政府办公厅（室）及相关机构事务)."""
    s = key(written)
    marks = list(_LEVEL_MARK.finditer(s))
    if marks:
        out, start = [], 0
        for m in marks:
            out.append(s[start : m.start()])
            start = m.end()
        return [x for x in out if x]
    return [x for x in _DASH.split(s) if x]


def find_subject(
    ctx: ExtractContext, parts: list[str], subjects: dict[str, Subject]
) -> tuple[Subject | None, bool]:
    """(the table's subject the names written mean, whether the names differ from the
    table's). Exact names first (a 类 by its code, so a former 类 name is the same 类), then
    the 项 name alone under the 类, then the 款 and 项 names anywhere — each only when it
    points at one subject."""
    if not parts or len(parts) > 3:
        return None, False
    lei = class_code(parts[0]) or ""
    depth = len(parts) * 2 + 1
    exact = [
        s
        for s in subjects.values()
        if len(s.code) == depth
        and s.code.startswith(lei)
        and lei
        and s.path[1:] == tuple(parts[1:])
    ]
    if len(exact) == 1:
        return exact[0], False
    via = ctx.subjects.get("/".join([lei, *parts[1:]])) if lei else None
    if via and via in subjects:
        return subjects[via], False
    last = parts[-1]
    tries = [
        [
            s
            for s in subjects.values()
            if lei and s.code.startswith(lei) and s.path[-1] == last and len(s.code) == depth
        ],
        [s for s in subjects.values() if s.path[1:] == tuple(parts[1:]) and len(s.code) == depth],
        # a 项 written where the table has it as the 款 (卫生健康支出（款）计划生育事务（项）
        # for 21007 计划生育事务 / 2100717 计划生育服务): the 款's only 项
        [
            s
            for s in subjects.values()
            if lei and s.code.startswith(lei) and len(s.code) == 7 and s.path[1] == last
        ],
    ]
    for found in tries:
        if len({s.code for s in found}) == 1:
            return found[0], True
    return None, False


# --------------------------------------------------------------------------- items


def _item(
    ctx: ExtractContext, p: Prose, m: re.Match[str], end: int, subjects: dict[str, Subject]
) -> tuple[Fact, Subject | None] | None:
    """One item paragraph (or the part of a paragraph up to the next item)."""
    parts = _split(m.group(1))
    if not parts:
        return None
    heading = next((q for q in p.quantities if q.start >= m.end()), None)
    if heading is None or heading.kind != "money" or heading.start > m.end() + 2:
        return None
    subject, renamed = find_subject(ctx, parts, subjects)
    executed = planned = rate = None
    direction: str | None = None
    ex_year = pl_year = None
    for q in p.quantities_in(heading.end, end):
        if not p.readable(q.start):
            continue
        label = key(q.label)
        if q.kind == "money" and not q.approx and _EXECUTED.search(label) and executed is None:
            executed, ex_year = q, _year_before(p, q)
        elif q.kind == "money" and not q.approx and planned is None and _PLANNED.search(label):
            planned, pl_year = q, _year_before(p, q)
        elif q.kind == "percent" and rate is None and executed is not None:
            d = _direction(label)
            if d is not None:
                rate, direction = q, d
    if direction is None and planned is not None:
        _, b = p.sentence_of(planned.start)
        if _FLAT.search(p.norm[planned.end : b]):
            direction = "持平"
    reason = _REASON.search(p.norm[heading.end : end].rstrip())
    reason_direction = _REASON_WORDS.get(reason.group(1), "持平") if reason else None
    _resolve(ctx, p, subject, parts, heading, planned, executed, ex_year)
    fields = {
        "subject": p.text.text[m.start(1) : m.end(1)].strip(),  # as printed
        "code": subject.code if subject else None,
        "table_subject": subject.printed if subject else "",
        "renamed": renamed,
        "known": len(subjects),
        "amount": heading,
        "planned": planned,
        "executed": executed,
        "rate": rate,
        "direction": direction,
        "reason_direction": reason_direction,
        "planned_year": pl_year,
        "executed_year": ex_year,
        "report_year": ctx.report_year,
    }
    fact = Fact(
        "budget_item",
        heading.loc,
        heading.block,
        fields,
        p.section,
        excerpt(p, heading.start, 140),
        rate or heading,
    )
    return fact, subject


_CLAUSE_END = lazy_pattern(r"[,;。:]")


def _year_before(p: Prose, q: Quantity) -> int | None:
    """The year its clause names: "2023年当年预算执行数为45.41万元" → 2023."""
    a, _ = p.sentence_of(q.start)
    clause = _CLAUSE_END.split(p.norm[a : q.start])[-1]
    years = _YEAR.findall(clause)
    return int(years[-1]) if years else None


def _direction(label: str) -> str | None:
    for word, d in (("增加", "增加"), ("增长", "增加"), ("减少", "减少"), ("下降", "减少")):
        if label.endswith(word):
            return d
    return None


def _resolve(
    ctx: ExtractContext,
    p: Prose,
    subject: Subject | None,
    parts: list[str],
    heading: Quantity,
    planned: Quantity | None,
    executed: Quantity | None,
    ex_year: int | None,
) -> None:
    """The heading and the 预算安排 are the subject's 预算数; the 执行数 is the year before's."""
    concept = f"科目{subject.code}·支出" if subject else f"科目{'/'.join(parts)}·支出"
    scope = _scope(ctx, subject.code) if subject else "一般公共预算"
    this = Key(concept, scope, THIS_YEAR, "", "预算数")
    for q in (heading, planned):
        if q is not None:
            ctx.ledger.resolve(q, this, f"正文{q.loc.describe()}", PROSE, excerpt(p, q.start))
    if executed is not None:
        year = THIS_YEAR
        if ex_year is not None and ctx.report_year is not None and ex_year != ctx.report_year:
            year = PRIOR_YEAR if ex_year == ctx.report_year - 1 else str(ex_year)
        k = Key(concept, scope, year, "", "执行数")
        ctx.ledger.resolve(
            executed, k, f"正文{executed.loc.describe()}", PROSE, excerpt(p, executed.start)
        )


def _scope(ctx: ExtractContext, code: str) -> str:
    """The fund whose 功能分类 table has the subject (一般公共预算 unless only another has)."""
    tables = {f.fields["table"] for f in ctx.facts_of("table_row") if f.fields.get("code") == code}
    for name, scope in (
        ("一般公共预算支出功能分类预算表", "一般公共预算"),
        ("政府性基金预算支出功能分类预算表", "政府性基金"),
        ("国有资本经营预算支出功能分类预算表", "国有资本经营"),
    ):
        if name in tables:
            return scope
    return "一般公共预算"


# --------------------------------------------------------------------------- total

LEVELS = ("类", "款", "项")
# the length of a subject code at each level: 201, 20103, 2010301
CODE_LENGTH = {"类": 3, "款": 5, "项": 7}


def explanation_level(items: list[Fact]) -> str:
    """The level the document explains its subjects at: most item paragraphs name a 类 only
    ("“一般公共服务支出（类）”8,210万元"), a 类 and its 款, or down to the 项. "" without items."""
    counts = Counter(min(len(_split(f.fields["subject"])), 3) for f in items)
    if not counts:
        return ""
    depth = max(counts, key=lambda n: (counts[n], n))
    return LEVELS[depth - 1]


def _items_total(
    ctx: ExtractContext, items: list[tuple[Fact, Subject | None]], subjects: dict[str, Subject]
) -> Fact | None:
    """Σ item headings against the expenditure they explain: the 财政拨款 total when the
    tables give one, else the 一般公共预算 total (table, then prose)."""
    if len(items) < 2:
        return None
    total = _first(ctx, ("财政拨款支出", "一般公共预算财政拨款支出"))
    if total is None:
        return None
    codes = {s.code for _, s in items if s is not None}
    # the subjects the tables budget at the level the document explains (its profile): a
    # document that explains each 类 owes no paragraph per 项
    length = CODE_LENGTH.get(ctx.profile.explanation_level, 7)
    listed = {
        f.fields["code"]
        for f in ctx.facts_of("table_row")
        if f.fields["table"]
        in ("一般公共预算支出功能分类预算表", "政府性基金预算支出功能分类预算表")
        and f.fields.get("code")
        and len(f.fields["code"]) == length
        and _nonzero(f)
    }
    missing = [subjects[c].printed for c in sorted(listed - codes) if c in subjects]
    parts = [f.fields["amount"] for f, _ in items]
    first = items[0][0]
    return Fact(
        "budget_items_total",
        total.loc,
        total.block,
        {"total": total, "parts": parts, "count": len(parts), "missing": missing},
        first.section,
        f"{len(parts)} 项科目说明之和 与 支出预算合计 {total.text}",
        total,
    )


def _nonzero(f: Fact) -> bool:
    return any(q is not None and q.value != 0 for q in f.fields["__cells__"].values())


def _first(
    ctx: ExtractContext, concepts: tuple[str, ...], sources: tuple[str, ...] = (TABLE, PROSE)
) -> Quantity | None:
    """The first table statement of one of these this-year budget concepts, else the first
    prose one."""
    by_key = ctx.ledger.by_key()
    for source in sources:
        for cid in concepts:
            found: list[Entry] = [
                e
                for k, es in by_key.items()
                if k.concept == cid and k.year == THIS_YEAR and k.role == "预算数" and not k.entity
                for e in es
                if e.source == source
            ]
            if found:
                return min(found, key=lambda e: (e.quantity.block, e.quantity.start)).quantity
    return None


# --------------------------------------------------------------------------- wording


def _wording(ctx: ExtractContext) -> list[Fact]:
    """Each place a budget names its own kind: a 单位预算 that says "2025年部门预算安排购置
    车辆…" copied from its department's text."""
    kind = ctx.info.kind
    if kind not in ("部门预算", "单位预算"):
        return []
    out: list[Fact] = []
    for p in ctx.prose:
        if p.in_table or (p.heading is not None and p.position < 3) or p.about_duties:
            continue  # the cover; a table; the department's duties ("负责编制部门预算")
        text = _SELF_FINE.sub(lambda m: "#" * len(m.group()), p.norm)
        for m in _SELF.finditer(text):
            fields = {"word": m.group(), "expected": kind, "kind": kind}
            loc = p.text.loc_at(m.start())
            ex = excerpt(p, m.start())
            out.append(Fact("budget_self_name", loc, p.index, fields, p.section, ex))
    return out


# --------------------------------------------------------------------------- vehicles


def _vehicles(ctx: ExtractContext) -> list[Fact]:
    """ "预算安排购置车辆1辆" against the 公务用车购置费 budget (the table's, else the prose's)."""
    purchase = _first(ctx, ("公务用车购置费",))
    if purchase is None:
        return []
    for p in ctx.prose:
        if p.in_table:
            continue
        m = _VEHICLES.search(p.norm)
        if m is None:
            continue
        count = next((q for q in p.quantities if q.start >= m.start(1) and q.unit == "辆"), None)
        if count is None:
            continue
        fields = {"vehicles": count, "purchase": purchase}
        return [
            Fact(
                "budget_vehicles",
                count.loc,
                p.index,
                fields,
                p.section,
                excerpt(p, m.start()),
                count,
            )
        ]
    return []


# --------------------------------------------------------------------------- projects


def _projects(ctx: ExtractContext) -> list[Fact]:
    """ "编报绩效目标的项目11个，涉及项目预算资金6626万元" against the 项目支出 budget."""
    performance = _first(ctx, ("绩效目标项目预算资金",), sources=(PROSE,))
    projects = _first(ctx, ("项目支出",))
    if performance is None or projects is None:
        return []
    fields = {"performance": performance, "projects": projects}
    p = ctx.paragraph(performance.block)
    ex = excerpt(p, performance.start) if p else performance.text
    return [
        Fact("budget_projects", performance.loc, performance.block, fields, (), ex, performance)
    ]
