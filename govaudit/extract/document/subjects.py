"""功能分类科目: the names of 类, and each 类's total against its 项 lines.

* A name written "X（类）" (or listed as a 类 in 结构情况) must be a 类 of its own
  classification (rules/vocab/subjects.yaml): of the functional classification
  ("卫生健康支持（类）" is not), or of the economic one ("工资福利支出（类）" in a 基本支出
  section is). Under a heading that names another 类 ("（二）社会保障和就业（类）" |
  "1．行政事业单位离退休（类）未归口…（项）"), the name is that 类's 款 written as a 类: the
  finding says so, never "应为“（类）”"
* 结构情况 gives each 类's total ("一般公共服务支出3334.75万元，占96.12%"); 具体情况 lists the
  项 lines ("1.一般公共服务（类）…（款）行政运行（项）: 支出决算为439.83万元"). For each 类
  found in both, Σ 项 must equal the 类 total.
"""

from __future__ import annotations

import difflib
from functools import cache

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.facts import excerpt, fact_at
from govaudit.extract.base.normalize import norm
from govaudit.model import Fact, Quantity
from govaudit.patterns import lazy_pattern
from govaudit.resources import vocab

_CATEGORY_MARK = lazy_pattern(r"([\u4e00-\u9fff]{2,20}?)\s*\(类\)")
_LEADING = lazy_pattern(r"^(?:\d{1,2}\s*[.、]\s*)")

KINDS: dict[str, dict[str, str]] = {}
KINDS["subject_name"] = {
    "name": "文中写的类级科目名称",
    "known": "是否为现行支出功能分类的类",
    "former": "是否为以往年度使用过的类名",
    "suggestion": "最接近的正式名称（以往类名则为现行名称）",
    "renamed_in": "以往类名改为现行名称的年份（否则为 none）",
    "report_year": "报告年度",
    "classification": "所属分类：功能分类 / 经济分类（都不是则为 none）",
    "parent": "它所在标题写明的另一个类（款级科目误写为类时；否则为 none）",
    "advice": "给读者的说明：应为哪个类名，或应写作（款）；无从判断时为空",
    "should_be": "应有的写法（如「卫生健康支出（类）」「住房改革支出（款）」；无从判断时为 none）",
}
KINDS["subject_total"] = {
    "name": "类级科目名称",
    "total": "结构情况中该类的金额",
    "items": "具体情况中属于该类的各项金额",
}


@cache
def _names() -> tuple[frozenset[str], dict[str, tuple[str, int]]]:
    data = vocab("subjects")
    former = {str(k): (str(v[0]), int(v[1])) for k, v in (data.get("former") or {}).items()}
    return frozenset(data.get("categories", [])), former


@cache
def _economic() -> frozenset[str]:
    return frozenset(norm(str(n)) for n in vocab("subjects").get("economic", []))


def is_economic(name: str) -> bool:
    """ "工资福利支出", "对个人和家庭的补助支出", "商品和服务支出" are 经济分类 classes."""
    s = norm(name).replace("(类)", "").strip()
    return s in _economic() or s.removesuffix("支出") in _economic()


def canonical(name: str) -> str:
    """ "一般公共服务" / "一般公共服务支出" / "一般公共服务(类)支出" → "一般公共服务支出"."""
    s = norm(name).replace("(类)", "").strip()
    current, former = _names()
    if s in current or s in former:
        return s
    if s + "支出" in current or s + "支出" in former:
        return s + "支出"
    return s


def check_name(name: str) -> tuple[bool, bool, str, int | None]:
    """(known, former, closest official name or the current name, year of renaming)."""
    current, former = _names()
    c = canonical(name)
    if c in current:
        return True, False, c, None
    if c in former:
        new, year = former[c]
        return False, True, new, year
    close = difflib.get_close_matches(c, sorted(current), n=1, cutoff=0.5)
    return False, False, close[0] if close else "", None


def extract(ctx: ExtractContext) -> list[Fact]:
    return _names_in_prose(ctx) + _totals(ctx)


def _names_in_prose(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    for p in ctx.prose:
        for m in _CATEGORY_MARK.finditer(p.norm):
            raw = _LEADING.sub("", m.group(1))
            if not raw:
                continue
            known, former, suggestion, renamed = check_name(raw)
            classification: str | None = "功能分类" if known or former else None
            parent = None
            if not known and not former and is_economic(raw):
                known, suggestion, classification = True, raw, "经济分类"
            if not known and not former and suggestion.endswith(canonical(raw)):
                continue  # "…卫生健\n康支出（类）": the start of the name is on another line
            if not known and not former:
                parent = _class_above(p.section, raw)
            fields = {
                "name": raw,
                "known": known,
                "former": former,
                "suggestion": suggestion,
                "renamed_in": renamed,
                "report_year": ctx.report_year,
                "classification": classification,
                "parent": parent,
                "advice": _advice(raw, suggestion, parent),
                "should_be": (
                    f"{raw}（款）" if parent else (f"{suggestion}（类）" if suggestion else None)
                ),
            }
            facts.append(fact_at(p, m.start(1), "subject_name", fields))
    return facts


def _class_above(section: tuple[str, ...], name: str) -> str | None:
    """The 功能分类 类 a heading above names, when it is not `name` itself: "（二）社会保障
    和就业（类）" above "1．行政事业单位离退休（类）…（项）" makes 行政事业单位离退休 one of its 款."""
    for heading in reversed(section):
        m = _CATEGORY_MARK.search(norm(heading))
        if m is None:
            continue
        known, _, official, _ = check_name(_LEADING.sub("", m.group(1)))
        if known and official != canonical(name):
            return official
        return None
    return None


def _advice(name: str, suggestion: str, parent: str | None) -> str:
    """What the officer should write instead, as the end of the finding's sentence."""
    if parent:
        return f"：它列在“{parent}（类）”之下，是该类的款级科目，应写作“{name}（款）”"
    if suggestion:
        return f"，应为“{suggestion}（类）”？"
    return "，也没有相近的类名，请核对科目名称"


def _category_of_item(label: str) -> str | None:
    m = _CATEGORY_MARK.search(norm(label))
    return m.group(1) if m else None


def _totals(ctx: ExtractContext) -> list[Fact]:
    structure: dict[str, Quantity] = {}
    items: dict[str, list[Quantity]] = {}
    for f in ctx.facts_of("breakdown"):
        parts: list[Quantity] = f.fields["parts"]
        cats = [_category_of_item(q.label) for q in parts]
        is_item = ["(项)" in norm(q.label) for q in parts]
        if parts and all(cats) and all(is_item):
            for q, c in zip(parts, cats, strict=True):
                items.setdefault(canonical(c or ""), []).append(q)
        elif f.fields["marker"].startswith("主要用于") and not any(is_item):
            for q in parts:
                structure.setdefault(canonical(q.label), q)
    facts: list[Fact] = []
    if not structure or not items:
        return facts
    grouped: dict[str, list[Quantity]] = {}
    for name, qs in items.items():
        target = name if name in structure else _closest(name, list(structure))
        if target is None:
            continue
        grouped.setdefault(target, []).extend(qs)
    for name, total in structure.items():
        if name not in grouped:
            continue
        block = ctx.prose[0] if ctx.prose else None
        facts.append(
            Fact(
                kind="subject_total",
                loc=total.loc,
                block=total.block,
                fields={"name": name, "total": total, "items": grouped[name]},
                section=block.section if block else (),
                excerpt=_excerpt_of(ctx, total),
                anchor=total,
            )
        )
    return facts


def _closest(name: str, names: list[str]) -> str | None:
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
    return close[0] if close else None


def _excerpt_of(ctx: ExtractContext, q: Quantity) -> str:
    for p in ctx.prose:
        if p.index == q.block and any(x.start == q.start for x in p.quantities):
            return excerpt(p, q.start)
    return q.text
