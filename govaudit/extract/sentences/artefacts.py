"""Traces of editing: what a replace-all, a copied paragraph or an unfilled template leaves.

* "万元" with no number before it: replacing 元 by 万元 turns "多元化" into "多万元化" (003
  line 467) and "支出预算…元" into "支出预算万元260.85万元" (002 line 25);
* template text left in: "上海市XX局", "XXX万元", "（如持平作持平表述）", "仍保留该表格式，
  并在本表下方作下述说明" (a note to the writer, printed in a published 决算);
* the note under an empty table that speaks of another fund than the table's title
  ("国有资本经营…决算表" with "无政府性基金预算…故本表无数据");
* one amount written twice where it must be the same: the heading of a budget item and its
  "预算安排" ("31.“…住房公积金（项）”350.35万元…2024年预算安排352.67万元"), and the same
  funding sentence twice in one section ("2021年财政安排政务云采购及建设项目经费资金86万元"
  … "2021年财政安排2021年政务云采购及建设项目经费987.49万元", 004 lines 736/740).
"""

from __future__ import annotations

import re
import weakref
from itertools import pairwise

from govaudit.extract.base.clauses import clause_start
from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt, fact_at, fact_on
from govaudit.extract.base.normalize import compact, norm
from govaudit.extract.base.quantities import make_quantity
from govaudit.extract.document.numbering import item_number
from govaudit.model import Fact, Quantity
from govaudit.resources import vocab

KINDS: dict[str, dict[str, str]] = {
    "stray_unit": {
        "text": "出错的文字（如「多万元化」）",
        "stray": "「万元」前面没有数字（恒为真：只在可疑处产生）",
    },
    "template_text": {
        "leftovers": "未替换的模板文字（列表）",
        "listing": "同上，供消息显示（最多列 6 处）",
        "cells": "这些文字的位置（列表，用于定位）",
    },
    "empty_table_note": {
        "title": "表名",
        "note": "表下的说明",
        "title_funds": "表名所说的资金（如「政府性基金」）",
        "note_funds": "说明所说的资金",
        "matches": "说明所说的资金是否就是表名的资金",
    },
    "restated": {
        "first": "第一次写的数",
        "second": "同一处再次写的数",
        "what": "两处所说的是什么（如「预算安排」）",
    },
}

# ------------------------------------------------------------------ 万元 with no number

_WAN = re.compile(r"万元")
_NUMERALS = set("0123456789零一二三四五六七八九十百千两几数")
_UNIT_CONTEXT = ("单位", "单位:", "以", "按", "(", "/")


def _stray_units(p: Prose) -> list[Fact]:
    out: list[Fact] = []
    s = p.norm
    for m in _WAN.finditer(s):
        i = m.start()
        before = s[max(0, i - 3) : i].rstrip(" ")
        prev = before[-1:] if before else ""
        after = s[m.end() : m.end() + 1]
        if not prev or prev in _NUMERALS or prev in ",;:。、 \n\t":
            continue
        if prev in "多余" and len(before) >= 2 and before[-2] in _NUMERALS:
            continue  # "十多万元", "5余万元"
        if before.endswith(_UNIT_CONTEXT) or after in (")", "/") or prev in "(（":
            continue  # "单位：万元", "（万元）", "以万元为单位", "万元/年"
        if not ("\u4e00" <= prev <= "\u9fff"):
            continue
        lo, hi = max(0, i - 6), min(len(s), m.end() + 6)
        while lo < i and (s[lo].isdigit() or s[lo] in "年度 "):
            lo += 1  # "2022年支出预算万元…": the words, not the end of a year
        at = make_quantity(
            _zero(), 0, "", text=p.text.text[i : m.end()], loc=p.text.loc_at(i), block=p.index
        )
        fields = {"text": p.text.text[lo:hi], "stray": True}
        out.append(fact_at(p, i, "stray_unit", fields, anchor=at))
    return out


def _zero():
    from decimal import Decimal

    return Decimal(0)


# ------------------------------------------------------------------ template text

_PLACEHOLDER_PROBE = re.compile(r"[Xx×*＊]{2}")
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[Xx]{2,}|×{2,}|\*{2,}|＊{2,})(?![A-Za-z])")


def _template_marks() -> tuple[str, ...]:
    return tuple(compact(x) for x in vocab("prose").get("template_marks", []))


def _template_text(ctx: ExtractContext) -> list[Fact]:
    found: list[tuple[str, Quantity]] = []
    marks = _template_marks()
    probes = re.compile("|".join(re.escape(m[:3]) for m in marks)) if marks else None
    for p in ctx.prose:
        if p.in_table:
            continue  # table cells: GA-PERF-024 reads the 绩效自评表's own template rows
        hits = (
            [(m.start(), m.group(0)) for m in _PLACEHOLDER.finditer(p.norm)]
            if _PLACEHOLDER_PROBE.search(p.norm)
            else []
        )
        if probes is not None and probes.search(p.norm):
            flat = compact(p.norm)
            for mark in marks:
                if flat.find(mark) >= 0:
                    raw = p.norm.find(mark[:2])
                    hits.append((max(raw, 0), mark))
        for at, text in sorted(hits):
            a, b = max(0, at - 8), min(len(p.norm), at + len(text) + 8)
            q = make_quantity(_zero(), 0, "", text=text, loc=p.text.loc_at(at), block=p.index)
            found.append((p.text.text[a:b].strip(), q))
    if not found:
        return []
    listing = "；".join(f"{q.loc.describe()}“{t}”" for t, q in found[:6])
    if len(found) > 6:
        listing += f"……共 {len(found)} 处"
    first = found[0][1]
    return [
        Fact(
            kind="template_text",
            loc=first.loc,
            block=first.block,
            fields={
                "leftovers": [t for t, _ in found],
                "listing": listing,
                "cells": [q for _, q in found],
            },
            excerpt=found[0][0],
            anchor=first,
        )
    ]


# ------------------------------------------------------------------ the note under an empty table

_FUNDS = {
    "政府性基金": ("政府性基金",),
    "国有资本经营": ("国有资本经营",),
    "三公经费": ("“三公”经费", '"三公"经费', "三公经费"),
    "机关运行经费": ("机关运行经费",),
}
_EMPTY_NOTE = re.compile(r"(?:无|没有).{0,40}?(?:故|因此|所以)?本表(?:无数据|为空表|为空)")


def _funds(text: str) -> list[str]:
    s = norm(text)
    return [k for k, words in _FUNDS.items() if any(w in s for w in words)]


def _empty_table_notes(ctx: ExtractContext) -> list[Fact]:
    out: list[Fact] = []
    for p in ctx.prose:
        if p.in_table or not _EMPTY_NOTE.search(p.norm):
            continue
        note_funds = _funds(p.norm)
        if not note_funds:
            continue
        title = None
        for q in reversed(ctx.prose[max(0, p.position - 6) : p.position]):
            t = norm(q.text.text).strip()
            if (
                not q.in_table
                and t.endswith("表")
                and len(t) <= 60
                and not t.startswith(("注", "说明"))
            ):
                title = q
                break
        if title is None:
            continue
        title_funds = _funds(title.text.text)
        if not title_funds:
            continue
        out.append(
            Fact(
                kind="empty_table_note",
                loc=p.text.loc,
                block=p.index,
                fields={
                    "title": title.text.text.strip(),
                    "note": p.text.text.strip(),
                    "title_funds": "、".join(title_funds),
                    "note_funds": "、".join(note_funds),
                    "matches": set(note_funds) <= set(title_funds),
                },
                section=p.section,
                excerpt=excerpt(p, 0),
            )
        )
    return out


# ------------------------------------------------------------------ one amount, written twice

_ITEM_HEAD = re.compile(r"^\s*\d{1,3}\s*[.、]\s*“[^”]{4,120}”\s*(?:科目)?\s*$")
_YEAR = re.compile(r"\d{4}\s*年度?")
_TAILS = re.compile(r"(?:资金|经费|金额|总额|数)")
_FUNDING = ("安排", "批复", "下达")


def _budget_items(ctx: ExtractContext) -> list[Fact]:
    """ "1.“…（项）”25.77万元，主要用于…。…2024年预算安排25.77万元，…" — one figure."""
    out: list[Fact] = []
    for p in ctx.prose:
        if p.in_table or not p.quantities or "”" not in p.norm[: p.quantities[0].start]:
            continue
        if item_number(p.norm) is None:
            continue
        head = p.quantities[0]
        if head.kind != "money" or head.approx or not _ITEM_HEAD.match(p.norm[: head.start]):
            continue
        rest = [p] + [f for f in next_paragraphs(ctx, p, 1) if item_number(f.norm) is None]
        again = [
            q
            for f in rest
            for q in f.quantities
            if q is not head and q.kind == "money" and norm(q.label).endswith("预算安排")
        ]
        if len(again) != 1 or again[0].approx:
            continue
        out.append(_restated(p, head, again[0], "预算安排", again[0]))
    return out


def next_paragraphs(ctx: ExtractContext, p: Prose, limit: int | None = None):
    """The paragraphs right after `p` (no table between), read lazily: ctx.following builds
    the whole run, which is quadratic when many paragraphs ask for it."""
    expect = p.index + 1
    n = 0
    for q in ctx.prose[p.position + 1 :]:
        if q.in_table or q.index != expect or (limit is not None and n >= limit):
            return
        yield q
        expect += 1
        n += 1


def clean(label: str) -> str:
    return _YEAR.sub("", label).replace("当年", "").strip()


def _key(label: str) -> str:
    s = _YEAR.sub("", norm(label))
    s = s.replace("当年", "")
    return _TAILS.sub("", s).strip()


def _funding_twice(ctx: ExtractContext) -> list[Fact]:
    """The same funding statement twice in one section: "财政安排…经费资金86万元" and
    "财政安排2021年…经费987.49万元" (004, 附件3, lines 736 and 740)."""
    out: list[Fact] = []
    seen: dict[tuple[int, str], Quantity] = {}
    part = -1
    for p in ctx.prose:
        if p.in_table:
            continue
        if p.heading is not None and p.heading <= 1:
            part = p.position
            continue
        for q in p.quantities:
            if q.kind != "money" or q.approx or not p.top(0, q.start):
                continue
            key = _key(q.label)
            if len(key) < 8 or not any(w in key for w in _FUNDING):
                continue
            first = seen.setdefault((part, key), q)
            if first is not q:
                out.append(_restated(p, first, q, clean(q.label), q))
    return out


_TOTAL_AGAIN = re.compile(r"(?:共计|合计|共)支出$")


def _spent_again(ctx: ExtractContext) -> list[Fact]:
    """ "国内公务接待支出2万元，…国内公务接待15批次，350人次（…），共计支出2万元" (003 line
    75): the paragraph's amount said again at the end of its account."""
    out: list[Fact] = []
    for p in ctx.prose:
        if p.in_table:
            continue
        money = [q for q in p.quantities if q.kind == "money" and p.top(0, q.start)]
        for prev, q in pairwise(money):
            if not p.readable(q.start):
                continue
            clause = p.norm[clause_start(p.norm, q.start, p.sentence_of(q.start)[0]) : q.start]
            clause = clause.strip()
            if not _TOTAL_AGAIN.search(clause) or prev.approx or q.approx:
                continue
            if not norm(prev.label).endswith("支出") or prev.unit_class != q.unit_class:
                continue
            out.append(_restated(p, prev, q, prev.label, q))
    return out


_FUNDED = re.compile(r"(?:财政安排|资金计划数|计划数|批复资金|下达)")
_ALL_IN = re.compile(r"(?:全部到位|全部支出|全部使用|全额)")


_FUNDING_CACHE: weakref.WeakKeyDictionary[
    ExtractContext, dict[int, tuple[Quantity | None, Quantity | None]]
] = weakref.WeakKeyDictionary()


def funding_figures(ctx: ExtractContext) -> dict[int, tuple[Quantity | None, Quantity | None]]:
    """Per prose block, the last funding figure stated before it in its section (a 一、
    heading starts a section) and the last plan figure: "2021年财政安排…项目资金89.84万元",
    "资金计划数214.61万元". Read once per document (three extractors ask)."""
    cached = _FUNDING_CACHE.get(ctx)
    if cached is not None:
        return cached
    out: dict[int, tuple[Quantity | None, Quantity | None]] = {}
    _FUNDING_CACHE[ctx] = out
    last: Quantity | None = None
    plan: Quantity | None = None
    for p in ctx.prose:
        if p.in_table:
            continue
        if p.heading is not None and p.heading <= 1:
            last = plan = None
        out[p.position] = (last, plan)
        for q in p.quantities:
            if q.kind == "money" and not q.approx and _FUNDED.search(norm(q.label)):
                last = q
                if norm(q.label).endswith("计划数"):
                    plan = q
    return out


def _all_of_it(
    ctx: ExtractContext, funded: dict[int, tuple[Quantity | None, Quantity | None]]
) -> list[Fact]:
    """ "所有项目资金全部到位,共计89.84万元", "…资金89.84万元已经全部支出" (004 lines 515,
    517): all of the money planned in the section, so the planned amount again."""
    out: list[Fact] = []
    for p in ctx.prose:
        first = funded.get(p.position, (None, None))[0]
        if p.in_table or first is None:
            continue
        for q in p.quantities:
            if q.kind != "money" or q.approx or not p.top(0, q.start) or not p.readable(q.start):
                continue
            sa, sb = p.sentence_of(q.start)
            clause = p.norm[clause_start(p.norm, q.start, sa) : q.start]
            after = p.norm[q.end : min(sb, q.end + 10)]
            said = p.norm[sa : q.start]
            if not (_ALL_IN.search(said) and "共计" in clause) and not _ALL_IN.search(after):
                continue
            if any(x.kind == "money" for x in p.quantities_in(sa, q.start)):
                continue  # another amount before it in the sentence: whose "all" is unclear
            out.append(_restated(p, first, q, f"{first.label}（全部到位、支出）", q))
    return out


def _restated(p: Prose, first: Quantity, second: Quantity, what: str, at: Quantity) -> Fact:
    return fact_on(p, at, "restated", {"first": first, "second": second, "what": what})


def extract(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    for p in ctx.prose:
        if not p.in_table:
            facts.extend(_stray_units(p))
    facts.extend(_template_text(ctx))
    facts.extend(_empty_table_notes(ctx))
    facts.extend(_budget_items(ctx))
    facts.extend(_funding_twice(ctx))
    facts.extend(_spent_again(ctx))
    facts.extend(_all_of_it(ctx, funding_figures(ctx)))
    facts.extend(_flat_fund_split(ctx))
    return [f for f in facts if f.kind != "restated" or not _ledger_compares(ctx, f)]


def _ledger_compares(ctx: ExtractContext, f: Fact) -> bool:
    """Both figures have one ledger key: GA-XREF-001 / GA-TAB-020 compare them already, and
    name the figure that differs from the others rather than the later of two."""
    key = ctx.ledger.key_of(f.fields["first"])
    return key is not None and key == ctx.ledger.key_of(f.fields["second"])


def _flat_fund_split(ctx: ExtractContext) -> list[Fact]:
    """A 预算执行情况 block flattened into lines (004's 绩效目标自评): "预算数:" "89.84万元"
    "执行数:" "89.84万元" "其中:" "财政拨款" "89.84万元" "其中:" "财政拨款" "89.84万元" "其他资金"
    "其他资金" — with 其他资金 blank, the 财政拨款 of each column is the column's amount."""
    out: list[Fact] = []
    lines = [p for p in ctx.prose if not p.in_table and p.norm.strip()]
    words = [compact(p.norm) if len(p.norm) <= 20 else "" for p in lines]
    for i in range(len(lines) - 12):
        if words[i] != "预算数:":
            continue
        w = words[i : i + 12]
        if not (w[0] == "预算数:" and w[2] == "执行数:" and w[4] == "其中:" and w[5] == "财政拨款"):
            continue
        if not (
            w[7] == "其中:" and w[8] == "财政拨款" and w[10] == "其他资金" and w[11] == "其他资金"
        ):
            continue
        amounts = [lines[i + k].quantities for k in (1, 3, 6, 9)]
        if any(len(a) != 1 or a[0].kind != "money" or a[0].approx for a in amounts):
            continue
        (budget,), (spent,), (fb,), (fs,) = amounts
        out.append(_restated(lines[i + 6], budget, fb, "预算数（其中财政拨款，其他资金空白）", fb))
        out.append(_restated(lines[i + 9], spent, fs, "执行数（其中财政拨款，其他资金空白）", fs))
    return out
