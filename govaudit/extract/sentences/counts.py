"""Counts as quantities: a stated number of things against the things listed, and a count
split into done and not yet done.

* "内设综合科、现场监督科、服务科、网管科、财务科、大数据管理科6个科室" (001 line 114),
  "擦亮“甘快办”“一件事一次办”“12345热线”“不来即享”4个数字政府特色品牌" (002 line 61),
  "内设股室有办公室、业务股、督导股三个股室" (002 line 9): a list, then its count;
* "本次评价项目共7个，分别为A…；B…；…" (002 line 67), "机关设9个内设机构，包括：A、B…"
  and "设10个内设机构，包括：" followed by （一）…（十） on their own lines: a count, then
  its list; "行政单位1家，参公单位1家，事业单位4家，具体包括：" + 1.…6. counts the kinds;
* "共受理工单14589件，已办结14403件，正在办理186件" (002 line 53), "问题21个,已整改完…的
  问题18个,剩余3个正在推进中" (004 line 107): the whole, what is done and what remains;
* "年初申报特定目标类项目10个，中途追加特定目标类项目3个" (001 line 153) and a total of
  the same things after them ("共13个", "全年共实施特定目标类项目13个", in the sentence or
  the next): the total is the initial count plus what was added;
* "共受理群众诉求353947件，…办结353927件" (000 line 413): a count that is part of another
  count of the sentence (办结 of 受理, 好评 of 评价: the operands of a rate, rules/vocab/
  prose.yaml), with no rate stated (a stated rate is rates.py's, GA-CNT-003).

A list that ends in "等" ("组织对政务中心综合楼日常运行费等13个项目") names examples, not
all of them, and is not counted. A count is compared only when it is clear which count
the list belongs to.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from govaudit.extract.base.clauses import clause_start, split_top
from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt, fact_on
from govaudit.extract.base.normalize import norm
from govaudit.extract.base.quantities import make_quantity
from govaudit.extract.base.vocab import rate_definitions
from govaudit.extract.document.numbering import cn_number, item_number
from govaudit.extract.sentences.artefacts import next_paragraphs
from govaudit.model import Fact, Quantity

KINDS: dict[str, dict[str, str]] = {
    "count_split": {
        "total": "总数（如「共受理工单14589件」）",
        "parts": "已完成的与未完成的（如「已办结14403件」「正在办理186件」）",
    },
    "count_sum": {
        "total": "总数（如「共13个」）",
        "parts": "年初的个数与年中增加的个数（如「年初申报…10个」「中途追加…3个」）",
    },
    "count_within": {
        "part": "部分的件数（如「办结353927件」）",
        "whole": "它所出自的件数（如「共受理群众诉求353947件」）",
        "relation": "哪一种比率的分子与分母（如 办结率）",
    },
    "list_count": {
        "counts": "所写的个数（列表；“行政单位1家，事业单位4家”为各类之数）",
        "items": "所列的各项（列表，文字）",
        "noun": "所数的东西（如「科室」「内设机构」）",
        "listing": "所列各项，供消息显示（最多列 6 项）",
    },
}

# units that count things one can list by name
LIST_UNITS = (
    "个",
    "家",
    "项",
    "名",
    "所",
    "处",
    "类",
    "种",
    "宗",
    "批",
    "台",
    "套",
    "辆",
    "部",
    "条",
    "座",
)
_NOT_AFTER = ("月", "工作日", "小时", "年", "季度", "星期", "周", "百分点")
_STOP_BEFORE = (
    "为期",
    "共",
    "达",
    "约",
    "近",
    "超过",
    "超",
    "逾",
    "第",
    "至",
    "到",
    "等",
    "其中",
    "各",
)
_MARKER = re.compile(r"(?:分别是|分别为|具体包括|主要包括|包括)\s*(?::|,)?")
_CN_COUNT = re.compile(r"(?P<n>[二三四五六七八九十两]{1,3})\s*(?P<u>个)")
# what a written-out list is a list of: "6个科室", "2个项目", "4个数字政府特色品牌"
COLLECTIVE = (
    "科室",
    "股室",
    "机构",
    "单位",
    "部门",
    "项目",
    "品牌",
    "中心",
    "窗口",
    "专窗",
    "平台",
    "系统",
    "方面",
    "领域",
    "街道",
    "乡镇",
    "县区",
)
_QUOTED = re.compile(r"(?:“[^“”]{1,40}”\s*、?\s*){2,}$")
_STATE_DONE = ("已",)
_STATE_LEFT = ("正在", "剩余", "尚未", "未", "在办")


@dataclass
class _Count:
    q: Quantity
    noun: str


def extract(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    totals = {
        (f.fields["total"].block, f.fields["total"].start): f
        for f in ctx.facts_of("breakdown")
        if f.fields["total"].kind == "count"
    }
    for p in ctx.prose:
        if p.in_table:
            continue
        if "、" in p.norm or "“" in p.norm or "个" in p.norm:
            facts.extend(_lists_then_counts(p))
        facts.extend(_counts_then_lists(ctx, p, totals))
        if "已" in p.norm:
            facts.extend(_done_and_left(p, totals))
    stated = {
        (id(f.fields["numerator"]), id(f.fields["denominator"])) for f in ctx.facts_of("rate")
    }
    # a part of "共受理…，已办结…，正在办理…" is checked by total = done + left (GA-CNT-002)
    stated |= {
        (id(q), id(f.fields["total"]))
        for f in facts
        if f.kind == "count_split"
        for q in f.fields["parts"]
    }
    for p in ctx.prose:
        facts.extend(_parts_within(p, stated))
        if "年初" in p.norm:
            facts.extend(_initial_plus_added(p))
    return facts


# --------------------------------------------------------------------------- list, then count


def _counts_in(p: Prose) -> list[_Count]:
    """Counts of listable things: "6个科室", "三个股室" (Chinese numerals too)."""
    out: list[_Count] = []
    for q in p.quantities:
        if q.kind != "count" or q.unit not in LIST_UNITS or q.approx or q.decimals:
            continue
        out.append(_Count(q, _noun_after(p, q.end)))
    for m in _CN_COUNT.finditer(p.norm):
        n = cn_number(m.group("n").replace("两", "二"))
        if n is None:
            continue
        q = make_quantity(
            _dec(n),
            0,
            m.group("u"),
            label=m.group(0),
            text=p.text.text[m.start() : m.end()],
            loc=p.text.loc_at(m.start()),
            block=p.index,
        )
        q = _placed(q, m.start(), m.end())
        out.append(_Count(q, _noun_after(p, m.end())))
    return sorted(out, key=lambda c: c.q.start)


def _dec(n: int):
    from decimal import Decimal

    return Decimal(n)


def _placed(q: Quantity, start: int, end: int) -> Quantity:
    from dataclasses import replace

    return replace(q, start=start, end=end)


def _noun_after(p: Prose, end: int) -> str:
    m = re.match(r"[^\s,;:。、()“”0-9]{1,10}", p.norm[end:])
    return m.group(0) if m else ""


def _lists_then_counts(p: Prose) -> list[Fact]:
    out: list[Fact] = []
    s = p.norm
    for c in _counts_in(p):
        q = c.q
        if not p.readable(q.start) or c.noun.startswith(_NOT_AFTER):
            continue
        if not any(w in c.noun for w in COLLECTIVE):
            continue  # "社保、医保…税务314项政务服务事项": the list qualifies, it is not counted
        cs = clause_start(s, q.start, p.sentence_of(q.start)[0])
        head = s[cs : q.start]
        if not head or head.rstrip().endswith(_STOP_BEFORE) or head != head.rstrip():
            continue
        quoted = _QUOTED.search(head)
        if quoted:
            items = re.findall(r"“([^“”]{1,40})”", quoted.group(0))
        elif "、" in head:
            spans = split_top(s, cs, q.start, {"、"})
            items = [s[a:b].strip() for a, b in spans]
            if any(not 1 <= len(x) <= 30 or re.search(r"\d", x) or "等" in x for x in items):
                continue
            if len(items[-1]) > 20:
                continue
        else:
            continue
        if len(items) < 2:
            continue
        out.append(_fact(p, [q], items, c.noun, q))
    return out


# --------------------------------------------------------------------------- count, then list


def _counts_then_lists(
    ctx: ExtractContext, p: Prose, totals: dict[tuple[int, int], Fact]
) -> list[Fact]:
    out: list[Fact] = []
    s = p.norm
    every = _counts_in(p) if _MARKER.search(s) else []
    starts = [c.q.start for c in every]

    def between(a: int, b: int) -> list[_Count]:
        lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        return [c for c in every[lo:hi] if p.top(a, c.q.start)]

    for m in _MARKER.finditer(s):
        if not p.readable(m.start()):
            continue
        sa, sb = p.sentence_of(m.start())
        counts = between(sa, m.start())
        if not counts and not s[sa : m.start()].strip(" ,"):
            prev = [x for x in p.sentences if x[1] <= sa]
            if prev:
                pa, pb = prev[-1]
                counts = between(pa, pb)
        chosen = _which_count(s, counts, totals)
        if chosen is None:
            continue
        body = s[m.end() : sb].strip().rstrip("。").strip()
        if body:
            items = _inline_items(s, m.end(), sb)
        elif s[m.end() :].strip() == "":
            items = _items_on_lines(ctx, p)
        else:
            continue
        if items is None or len(items) < 2:
            continue
        noun = next((c.noun for c in counts), "")
        out.append(_fact(p, chosen, items, noun, chosen[0]))
    return out


def _which_count(
    s: str, counts: list[_Count], totals: dict[tuple[int, int], Fact]
) -> list[Quantity] | None:
    """The count a list belongs to: the only one; the total of a "3个，其中…1个…2个" split;
    or, for "行政单位1家，参公单位1家，事业单位4家", every kind's count."""
    if not counts:
        return None
    if len(counts) == 1:
        return [counts[0].q]
    first = counts[0].q
    split = totals.get((first.block, first.start))
    if split is not None:
        parts = {(q.block, q.start) for q in split.fields["parts"]}
        if all((c.q.block, c.q.start) in parts for c in counts[1:]):
            return [first]
        return None
    units = {c.q.unit for c in counts}
    lo, hi = counts[0].q.start, counts[-1].q.end
    if len(units) == 1 and not re.search(r"其中|共|合计|总计|和|及", s[lo:hi]):
        return [c.q for c in counts]
    return None


def _inline_items(s: str, a: int, b: int) -> list[str] | None:
    text = s[a:b]
    seps = {";"} if ";" in text else {"、"}
    end = b
    if seps == {"、"}:
        # a comma ends a 、-list: what follows is a new clause
        for x, _ in split_top(s, a, b, {","})[1:2]:
            end = x - 1
    items = [s[x:y].strip().rstrip("。") for x, y in split_top(s, a, end, seps)]
    items = [x for x in items if x]
    if not items or items[-1].endswith("等") or any(len(x) > 80 for x in items):
        return None
    return items


def _items_on_lines(ctx: ExtractContext, p: Prose) -> list[str] | None:
    items: list[str] = []
    style = None
    expect = 1
    for f in next_paragraphs(ctx, p):
        if not f.norm.strip():
            continue
        found = item_number(f.norm)
        if found is None or (style and found[0] != style) or found[1] != expect:
            break
        style = found[0]
        expect += 1
        items.append(f.text.text.strip()[:40])
    return items or None


# --------------------------------------------------------------------------- done and left


def _done_and_left(p: Prose, totals: dict[tuple[int, int], Fact]) -> list[Fact]:
    """ "共受理工单14589件，已办结14403件，正在办理186件": the whole = done + left."""
    out: list[Fact] = []
    for sa, sb in p.sentences:
        qs = [
            q
            for q in p.quantities_in(sa, sb)
            if q.kind == "count" and p.top(sa, q.start) and not q.approx
        ]
        for i in range(len(qs) - 2):
            total, done, left = qs[i], qs[i + 1], qs[i + 2]
            if (total.block, total.start) in totals:
                continue  # already a total with its parts
            if not (total.unit == done.unit == left.unit):
                continue
            if not _state(p, done, sa).startswith(_STATE_DONE):
                continue
            if not _state(p, left, sa).startswith(_STATE_LEFT):
                continue
            if _state(p, total, sa).startswith(_STATE_DONE + _STATE_LEFT):
                continue
            out.append(fact_on(p, total, "count_split", {"total": total, "parts": [done, left]}))
    return out


def _state(p: Prose, q: Quantity, floor: int) -> str:
    """The words of the clause before a count: "已办结", "剩余", "正在办理"."""
    cs = clause_start(p.norm, q.start, floor)
    return p.norm[cs : q.start].strip()


# --------------------------------------------------------------------------- initial + added


_INITIAL = re.compile(r"^年初")
_ADDED = re.compile(r"^(?:年中|中途|年内|期间|后续|全年)?(?:追加|新增|增加|调增|补充)")
_TOTAL = re.compile(r"^(?:全年|年末|合计|总计)?(?:共计?|合计|总计|累计)")


def _initial_plus_added(p: Prose) -> list[Fact]:
    """ "年初申报特定目标类项目10个，中途追加特定目标类项目3个，共13个": the initial count, the
    counts added to it (the same things: their labels end alike), then the total, in this
    sentence or the next."""
    out: list[Fact] = []
    sentences = p.sentences
    for k, (sa, sb) in enumerate(sentences):
        end = sentences[k + 1][1] if k + 1 < len(sentences) else sb
        qs = [
            q
            for q in p.quantities_in(sa, end)
            if q.kind == "count" and not q.approx and not q.decimals
        ]
        for i, first in enumerate(qs):
            if first.start >= sb or not _INITIAL.match(_clause(p, first)):
                continue
            parts, noun = [first], ""
            for q in qs[i + 1 :]:
                if q.unit != first.unit:
                    break
                clause = _clause(p, q)
                if _ADDED.match(clause) and q.start < sb:
                    common = _common_tail(first.label, q.label)
                    if len(common) < 2 or (noun and common != noun):
                        break
                    noun = common
                    parts.append(q)
                    continue
                if len(parts) >= 2 and _TOTAL.match(clause):
                    rest = _TOTAL.sub("", clause)
                    if rest and not rest.rstrip("有为是达").endswith(noun) and noun not in rest:
                        break
                    out.append(fact_on(p, q, "count_sum", {"total": q, "parts": parts}))
                break
    return out


def _clause(p: Prose, q: Quantity) -> str:
    """The words of a count's clause, without spaces: "中途追加特定目标类项目"."""
    cs = clause_start(p.norm, q.start, p.sentence_of(q.start)[0])
    return "".join(p.norm[cs : q.start].split())


def _common_tail(a: str, b: str) -> str:
    a, b = "".join(a.split()), "".join(b.split())
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n :]


# --------------------------------------------------------------------------- part within whole


def _parts_within(p: Prose, stated: set[tuple[int, int]]) -> list[Fact]:
    """ "共受理…353947件，…办结353927件": in one sentence, a count named as a rate's numerator
    after the nearest count of the same unit named as its denominator."""
    out: list[Fact] = []
    for sa, sb in p.sentences:
        qs = [
            q
            for q in p.quantities_in(sa, sb)
            if q.kind == "count" and not q.approx and p.top(sa, q.start)
        ]
        for i, part in enumerate(qs):
            label = norm(part.label)
            for rd in rate_definitions():
                num, den = rd["numerator"], rd["denominator"]
                if not any(w in label for w in num) or any(w in label for w in den):
                    continue
                whole = next(
                    (
                        q
                        for q in reversed(qs[:i])
                        if q.unit == part.unit
                        and any(w in norm(q.label) for w in den)
                        and not any(w in norm(q.label) for w in num)
                    ),
                    None,
                )
                if whole is None or (id(part), id(whole)) in stated:
                    continue
                fields = {"part": part, "whole": whole, "relation": rd["name"]}
                out.append(fact_on(p, part, "count_within", fields))
                break
    return out


# --------------------------------------------------------------------------- facts


def _fact(p: Prose, counts: list[Quantity], items: list[str], noun: str, at: Quantity) -> Fact:
    return Fact(
        kind="list_count",
        loc=at.loc,
        block=p.index,
        fields={"counts": counts, "items": items, "noun": noun, "listing": _listing(items)},
        section=p.section,
        excerpt=excerpt(p, at.start),
        anchor=at,
    )


def _listing(items: list[str]) -> str:
    shown = [x if len(x) <= 24 else x[:23] + "…" for x in items[:6]]
    return "、".join(shown) + (f"……（共 {len(items)} 项）" if len(items) > 6 else "")
