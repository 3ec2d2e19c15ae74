"""Totals and their parts, and the shares stated with the parts.

Recognised forms (all from real disclosures):

* "本年支出合计3469.24万元，其中：基本支出575.18万元，占16.58%；项目支出2894.06万元，占83.42%"
* "基本支出575.15万元，其中：" with one part per following line ("人员经费461.75万元，…")
* "执行数16.21万元（其中：A7.15万元、B6.3万元、C2.76万元）"
* "共计支出1.5万元，具体内容包括：接待…1920元，接待…3240元…" (a 万元 total itemised in 元)
* "…支出3469.2万元，主要用于以下方面：A…，占96.12%；B…，占1.91%…" (only when every part
  carries its share: "主要用于" alone does not promise a full list)
* a list of parts that each carry a share but no stated total ("因公出国（境）费0万元，占0%；
  公务用车…1.5万元，占50%；公务接待费1.5万元，占50%")
* the parts on the lines after "X万元，其中：", read by the list's numbering: a sub-list
  （1）（2） under a part nests under it, the next item of the total's own level ends the list
* "按功能分类 A、B、C；按支出用途 D、E、F": one total broken down two ways, two relations

Whenever the sentence does not say clearly which figure is the total and which are its
parts, nothing is extracted: a missed check is better than a false alarm. Whether the
parts add up never decides whether they are read: that is the rules' job (a reading that
holds only when the arithmetic holds cannot find the error it states).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from govaudit.extract.base.clauses import (
    CLAUSE_SEPARATORS,
    ITEM_SEPARATORS,
    clause_start,
    matching_close,
    split_top,
)
from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import fact_on
from govaudit.extract.base.glossary import key
from govaudit.extract.base.normalize import norm
from govaudit.extract.base.quantities import clean_label
from govaudit.extract.base.vocab import scope_qualifiers
from govaudit.extract.document.numbering import item_number
from govaudit.extract.sentences.artefacts import funding_figures, next_paragraphs
from govaudit.model import MONEY_FACTORS, Fact, Quantity

KINDS: dict[str, dict[str, str]] = {
    "breakdown": {
        "total": "合计数（如「本年支出合计3469.24万元」）",
        "parts": "各分项（列表）",
        "marker": "引出分项的词：其中 / 包括 / 主要用于以下方面",
        "unit_class": "单位类别：money / count:件 …",
        "multiline": "分项是否分行列出",
        "alt_parts": "分项单位不一致时，把少数单位的分项按多数单位重读后的列表（否则为 none）",
        "precise_parts": "把写成整数的分项按其他分项的小数位数理解后的列表（如 223 → 223.00；否则为 none）",
    },
    "share_list": {
        "parts": "各分项（列表）",
        "shares": "各分项所写的占比（列表，与 parts 一一对应）",
        "whole": "句中写明的整体（未写时为 none，整体即各分项之和）",
        "whole_name": "整体的名称（如「“三公”经费」「各项合计」）",
    },
}

MARKER = re.compile(
    r"(?P<qz>其中的|其中)\s*[:,]?"
    r"|(?<!主要)(?P<bk>具体内容包括|具体包括|包括)\s*:"
    r"|(?P<zy>主要用于以下(?:几个)?方面)\s*:?"
)

# An item that starts like this is a new statement, not a further part.
STOP_WORDS = (
    # "主要用于…", "主要原因是…" (but "主要领导干部用车0辆" is a part)
    "主要用",
    "主要原因",
    "主要是",
    "主要为",
    "主要系",
    "主要由",
    "主要包括",
    "主要内容",
    "主要构成",
    "主要有",
    "比",
    "较",
    "与",
    "同比",
    "增加",
    "减少",
    "增长",
    "下降",
    "完成",
    "具体",
    "合计",
    "共计",
    "总计",
    "实际用于",
    "剩余",
    "截至",
    "截止",
    "全年",
    "另",
    "此外",
    "同时",
    "其他用于",
)
_YEAR_START = re.compile(r"^\d{4}\s*年")
GENERIC_LABELS = {"的", "支出决算", "支出", "决算数", "决算", "金额", "支出决算数", "资金", "经费"}


@dataclass
class _Parts:
    parts: list[Quantity]
    shares: list[Quantity | None]
    unit_class: str
    # a share that names its whole ("占“三公”经费的26.69%"), by part: read apart from the
    # unnamed shares, whose whole is the list's own total
    named: list[Quantity | None] = field(default_factory=list)


def extract(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    seen: dict[str, Quantity] = {}  # the latest money figure of each name, for named wholes
    funded = funding_figures(ctx)
    for p in ctx.prose:
        covered: set[int] = set()
        for m in MARKER.finditer(p.norm):
            if not p.readable(m.start()):
                continue
            found = _breakdown_at(ctx, p, m)
            if found:
                facts.extend(found)
                covered.add(p.sentence_of(m.start())[0])
        facts.extend(_share_lists(p, covered, seen))
        if "(" in p.norm:
            facts.extend(_bracketed_parts(p))
        if _LEFT_RE.search(p.norm):
            facts.extend(_remainders(p, funded.get(p.position, (None, None))[0]))
        if "调整" in p.norm:
            facts.extend(_adjustments(p))
        if "共" in p.norm or "计" in p.norm:
            facts.extend(_running_totals(p))
        for q in p.quantities:
            if q.label and q.unit in MONEY_FACTORS and not q.approx:
                seen[q.label] = q  # labels as printed; looked up by norm() below
    facts.extend(_year_balances(ctx))
    return facts


_OPENING_YEAR = re.compile(r"^\s*(\d{4})\s*年")


def _year_balances(ctx: ExtractContext) -> list[Fact]:
    """ "2021年…收入总额2754184.37元" / "2021年…支出总额2942044.48元" / "2021年收支结余
    -187860.11元" (002 lines 17–19): the balance is income minus spending, so income is
    spending plus the balance. Only figures in paragraphs that open with the same year."""
    out: list[Fact] = []
    for p in ctx.prose:
        if p.in_table:
            continue
        m = _OPENING_YEAR.match(p.norm)
        bal = [q for q in p.quantities if q.kind == "money" and norm(q.label).endswith("收支结余")]
        if m is None or len(bal) != 1 or bal[0].approx:
            continue
        income = spent = None
        for q in reversed(ctx.prose[max(0, p.position - 3) : p.position]):
            if q.in_table or not (mq := _OPENING_YEAR.match(q.norm)) or mq.group(1) != m.group(1):
                continue
            for x in q.quantities:
                label = norm(x.label)
                if x.kind != "money" or x.approx or "预算" in label:
                    continue
                if label.endswith("收入总额") and income is None:
                    income = x
                elif label.endswith("支出总额") and spent is None:
                    spent = x
        if income is not None and spent is not None:
            b = bal[0]
            if b.value < 0:  # a deficit: spending is income plus what is missing
                out.append(
                    breakdown_fact(p, spent, [income, replace(b, value=-b.value)], "收支结余")
                )
            else:
                out.append(breakdown_fact(p, income, [spent, b], "收支结余"))
    return out


# --------------------------------------------------------------------------- no marker


def _bracketed_parts(p: Prose) -> list[Fact]:
    """ "基本支出700.51万元（人员经费603.34万元、日常公用支出97.17万元）" (001 line 128): the
    parts in brackets right after the amount, with no 其中. Brackets that explain a change
    by year ("进度款100万元（2021年支付40万元，2022年支付140万元）") are not parts."""
    out: list[Fact] = []
    s = p.norm
    for q in p.quantities:
        if q.kind != "money" or q.approx or q.end >= len(s) or s[q.end] != "(":
            continue
        if not p.readable(q.start):
            continue
        close = matching_close(s, q.end, min(len(s), q.end + MAX_BRACKET))
        if close < 0:
            continue
        body = s[q.end + 1 : close]
        reasons = _REASONS.match(body)
        if MARKER.match(body.strip()) or re.search(r"\d{4}\s*年|比|较", body):
            continue
        if not reasons and re.search(r"增加|减少", body):
            continue
        start = q.end + 1 + (reasons.end() if reasons else 0)
        parsed = _parse_items(p, start, close, bracketed=True)
        if parsed is None or len(parsed.parts) < 2 or parsed.unit_class != "money":
            continue
        if any(not part.label for part in parsed.parts):
            continue
        # every item is a name and an amount: nothing else in the brackets
        if any(x[0] != "money" for x in [(pt.kind,) for pt in parsed.parts]):
            continue
        if reasons and (
            body.rstrip(";。").endswith("等")
            or len(p.split_items(start, close, ITEM_SEPARATORS)) != len(parsed.parts)
        ):
            continue  # a list of reasons is the whole only when every item gives its amount
        out.append(breakdown_fact(p, q, parsed.parts, "括注"))
    return out


_REASONS = re.compile(r"^\s*主要(?:原因|构成|内容)(?:是|为|包括)?\s*:")


MAX_BRACKET = 600
_BUDGETED = ("预算", "资金", "安排", "计划", "批复", "指标")
_SPENT = ("执行", "支出", "支付", "使用")
_LEFT = ("剩余", "结余", "结转", "未支付", "未使用", "节约", "调减", "返还", "收回")
_LEFT_RE = re.compile("|".join(_LEFT))


def _remainders(p: Prose, funded: Quantity | None = None) -> list[Fact]:
    """The budget, what was spent and what is left, in one sentence: "2023年初争取项目资金
    21万元，全年资金执行数16.21万元（…），项目剩余指标数4.79万元" (002 line 57), "收入预算数
    2156.3万元，实际执行数1904.09万元，…年末资金转转结余252.21万元" (001 line 163)."""
    out: list[Fact] = []
    for sa, sb in p.sentences:
        qs = [
            q
            for q in p.quantities_in(sa, sb)
            if q.kind == "money" and not q.approx and p.top(sa, q.start)
        ]
        roles = [_money_role(q) for q in qs]
        for k, r in enumerate(roles):
            if r != "left" or k < 1 or roles[k - 1] != "spent":
                continue
            budget = next((qs[j] for j in range(k - 2, -1, -1) if roles[j] == "budget"), None)
            if budget is None and k == 1:
                budget = funded  # "3.资金使用。…实现支付876.04万元,未支付111.45万元" (004)
            if budget is None or budget.unit_class != qs[k].unit_class:
                continue
            out.append(breakdown_fact(p, budget, [qs[k - 1], qs[k]], "剩余"))
            break
    return out


def _adjustments(p: Prose) -> list[Fact]:
    """ "2022年初预算收入1220.43万元；预算调整后收入1904.07万元，调整金额为683.64万元"
    (001 line 126): the adjusted budget is the initial one plus the adjustment."""
    out: list[Fact] = []
    for sa, sb in p.sentences:
        qs = [
            q
            for q in p.quantities_in(sa, sb)
            if q.kind == "money" and not q.approx and p.top(sa, q.start)
        ]
        for i in range(2, len(qs)):
            a, b, c = qs[i - 2], qs[i - 1], qs[i]
            la = p.norm[clause_start(p.norm, a.start, sa) : a.start]
            if not re.search(r"(?:^|年)初", la) or "预算" not in la:
                continue
            if "调整后" not in norm(b.label) or not norm(c.label).endswith(
                ("调整金额", "调增金额", "调整额", "调增")
            ):
                continue
            out.append(breakdown_fact(p, b, [a, c], "调整"))
    return out


_TOTAL_WORDS = ("总计", "合计", "共计", "共", "累计")


def _running_totals(p: Prose) -> list[Fact]:
    """Parts first, then their total: "粉刷费1584元，…1350元，…花费3490.8元，总计追加费用
    11009.8元" (002 line 53: the 元 run after a 万元 figure), "…按原合同价支付9.23万元,2月至
    12月按采购合同价支付77.12万元,2021年共支付86.35万元" (004 line 1159: the parts share
    the total's verb). Without one of these two signs the run's start is a guess: skipped."""
    out: list[Fact] = []
    for sa, sb in p.sentences:
        qs = [q for q in p.quantities_in(sa, sb) if q.kind == "money" and p.top(sa, q.start)]
        for k, t in enumerate(qs):
            # the label drops "总计"; the clause keeps it: "总计追加费用", "2021年共支付"
            clause = p.norm[clause_start(p.norm, t.start, sa) : t.start].strip()
            label = re.sub(r"^\d{4}\s*年度?", "", clause).strip()
            word = next((w for w in _TOTAL_WORDS if label.startswith(w)), None)
            if word is None or t.approx or k < 2:
                continue
            verb = label[len(word) :]
            shared = []
            for q in reversed(qs[:k]):
                if q.approx or not verb or not norm(q.label).endswith(verb):
                    break
                shared.insert(0, q)
            if len(shared) >= 2 and len(verb) >= 2:
                out.append(breakdown_fact(p, t, shared, word))
                continue
            if word == "共":
                continue
            run: list[Quantity] = []
            for q in reversed(qs[:k]):
                if q.unit != t.unit:
                    break
                run.insert(0, q)
            if len(run) < 2 or len(run) == k or any(q.approx for q in run):
                continue  # the run must start after a figure of another unit
            out.append(breakdown_fact(p, t, run, word))
    return out


def _money_role(q: Quantity) -> str | None:
    label = norm(q.label)
    if any(w in label for w in _LEFT):
        return "left"
    if any(w in label for w in _SPENT):
        return "spent"
    if any(w in label for w in _BUDGETED):
        return "budget"
    return None


_BEFORE_NAME = re.compile(r"^.*(?:\d{4}\s*年度?|本年度?)")


def names_the_total(total: Quantity, parts: list[Quantity]) -> bool:
    """Is the total itself among its "parts"? "…收入、支出预算总计13649.07万元。其中：" |
    "（一）收入预算总计13649.07万元…" | "（二）支出预算总计13649.07万元…" states one total two
    ways (income and spending), it does not add them up."""
    core = _BEFORE_NAME.sub("", norm(total.label)).strip()
    if len(core) < 4:
        return False
    return any(norm(q.label).lstrip().startswith(core) for q in parts)


def breakdown_fact(
    p: Prose, total: Quantity, parts: list[Quantity], marker: str, *, multiline: bool = False
) -> Fact:
    """A total and its parts read without the 其中 marker machinery (brackets, remainders,
    numbered lines …): the same fact, so the same rules apply."""
    return fact_on(
        p,
        total,
        "breakdown",
        {
            "total": total,
            "parts": parts,
            "marker": marker,
            "unit_class": total.unit_class,
            "multiline": multiline,
            "alt_parts": _alt_parts(parts, total),
            "precise_parts": precise_parts(parts, total),
        },
    )


# --------------------------------------------------------------------------- parts


def part_label(p: Prose, q: Quantity, item_start: int) -> str:
    """The name of a part; for "…（项）: 支出决算为439.83万元" the words before the colon."""
    label = q.label
    if norm(label) in GENERIC_LABELS or not label:
        a, b = item_start, q.start
        head = p.norm[a:b]
        if ":" in head:
            b = a + head.rindex(":")
            head = p.norm[a:b]
        m = re.match(r"^\s*(?:\d{1,2}\s*[.、]\s*)?(?:的|为)?", head)
        if m:
            a += m.end()
        cleaned = clean_label(p.norm[a:b])
        if cleaned:
            at = p.norm.find(cleaned, a, b)
            return p.text.text[at : at + len(cleaned)] if at >= 0 else cleaned
    return "" if norm(label) == "的" else label


def _parse_items(
    p: Prose, a: int, b: int, unit_class: str | None = None, *, bracketed: bool = False
) -> _Parts | None:
    s = p.norm
    parts: list[Quantity] = []
    shares: list[Quantity | None] = []
    named: list[Quantity | None] = []
    cls = unit_class
    for x, y in p.split_items(a, b, ITEM_SEPARATORS):
        txt = s[x:y].strip().rstrip("。")
        qs = [q for q in p.quantities_in(x, y) if p.top(x, q.start)]
        if txt.startswith("占") and qs and all(q.kind == "percent" for q in qs):
            if parts and shares[-1] is None and named[-1] is None and not qs[0].approx:
                if named_whole(qs[0].label):
                    named[-1] = qs[0]
                else:
                    shares[-1] = qs[0]
            continue
        if txt.startswith(STOP_WORDS) or (not bracketed and _YEAR_START.match(txt)):
            break
        amounts = [q for q in qs if q.kind != "percent"]
        if not amounts:
            if parts:
                break
            return None
        if cls is None:
            # "接待省大数据中心2批次1920元": the money is the part, the count describes it
            money = [q for q in amounts if q.kind == "money"]
            cls = (money[0] if money else amounts[0]).unit_class
        same = [q for q in amounts if q.unit_class == cls]
        if len(same) != 1:
            return None
        q = same[0]
        if q.approx:
            return None
        parts.append(_relabel(q, part_label(p, q, x)))
        inner = [
            z
            for z in qs
            if z.kind == "percent"
            and z.start > q.start
            and norm(z.label).startswith("占")
            and not z.approx
        ]
        share = inner[0] if inner else None
        is_named = share is not None and bool(named_whole(share.label))
        shares.append(None if is_named else share)
        named.append(share if is_named else None)
    if not parts or cls is None:
        return None
    return _Parts(parts, shares, cls, named)


def _relabel(q: Quantity, label: str) -> Quantity:
    if label == q.label:
        return q
    from dataclasses import replace

    return replace(q, label=label)


# the rank of a numbering style: 一、 above （一） above 1. / 1、 above （1）
_RANK = {"part": 0, "cn": 1, "cn_paren": 2, "num_dot": 3, "num_dun": 3, "num_paren": 4}


_ITEM_MARK = re.compile(
    r"\s*(?:\d{1,2}\s*[、.]|\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}\s*[、.])\s*"
)


def _numbered(p: Prose) -> tuple[str | None, int]:
    found = item_number(p.norm)
    return found if found else (None, 0)


def _deeper(style: str | None, than: str | None) -> bool:
    """Is a line numbered `style` below one numbered `than` (a sub-item of it)?"""
    if style is None or than is None:
        return False
    return _RANK.get(style, 9) > _RANK.get(than, 9)


def _line_part(
    f: Prose, a: int, b: int, cls: str | None
) -> tuple[Quantity, Quantity | None] | None:
    """The part a line of the list states: the first amount of its first sentence (of the
    list's unit class), named by the words before it, and its share when the next clause is
    "占x%". What the line says after that (its counts, its changes) is not a part."""
    items = f.split_items(a, b, ITEM_SEPARATORS)
    for k, (x, y) in enumerate(items):
        amounts = [q for q in f.quantities_in(x, y) if q.kind != "percent" and f.top(x, q.start)]
        if not amounts:
            continue
        if cls is None:
            money = [q for q in amounts if q.kind == "money"]
            cls = (money[0] if money else amounts[0]).unit_class
        if amounts[0].unit_class != cls:
            return None
        q = _relabel(amounts[0], part_label(f, amounts[0], x))
        share = None
        if k + 1 < len(items):
            nx, ny = items[k + 1]
            pct = [z for z in f.quantities_in(nx, ny) if z.kind == "percent"]
            txt = f.norm[nx:ny].strip()
            if txt.startswith("占") and pct and not pct[0].approx and not named_whole(pct[0].label):
                share = pct[0]
        return q, share
    return None


def _same_rank(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and _RANK.get(a, 9) == _RANK.get(b, 9)


def _parts_from_lines(ctx: ExtractContext, p: Prose) -> _Parts | None:
    """The parts listed on the lines after "X万元，其中：", read by the list's own layout:
    the first line sets the numbering of the parts ("（1）", "1．" or none); a line numbered
    below it is a sub-item of the part before (nested, not a part); a line numbered like the
    paragraph that holds the total, or like none of the parts, ends the list — so "2．公务
    用车…其中：（1）…（2）…" stops at "3．公务接待费", and "（一）收入预算总计…包括：1．…
    （1）…2．…" stops at "（二）支出预算总计". Unnumbered parts written as one list
    ("A…，占x%；B…，占y%。") end at the full stop. Nothing here looks at the figures."""
    parts: list[Quantity] = []
    shares: list[Quantity | None] = []
    cls: str | None = None
    own, _ = _numbered(p)
    item_style: str | None = None
    last = 0
    semicolons = closed = False
    for f in next_paragraphs(ctx, p):
        t = f.norm.strip()
        if not t:
            continue
        if f.heading is not None or t.startswith("(注") or _YEAR_START.match(t):
            break
        style, n = _numbered(f)
        if not parts:
            if own is not None and style is not None and not _deeper(style, own):
                break  # a sibling of the total's own item: no parts listed
            item_style = style
        elif style != item_style:
            if _deeper(style, item_style):
                continue  # "（1）…（2）…" under a part: that part's own breakdown
            if not (_same_rank(style, item_style) and n == last + 1):
                break  # "1．…2．…3、…": the next number, written with another mark, goes on
        elif closed:
            break
        last = n
        a, b = f.sentences[0] if f.sentences else (0, len(f.norm))
        if style is not None and (m := _ITEM_MARK.match(f.norm, a)):
            a = m.end()  # "3、住房保障支出…": the 、 of the number separates nothing
        found = _line_part(f, a, b, cls)
        if found is None:
            break
        q, share = found
        if q.approx:
            return None
        cls = q.unit_class
        parts.append(q)
        shares.append(share)
        if item_style is None:
            # "A…，占x%；" | "B…，占y%。": a list written with semicolons ends at its full stop
            end = t.rstrip()[-1:]
            semicolons = semicolons or end == ";"
            closed = semicolons and end == "。"
    if not parts or cls is None:
        return None
    return _Parts(parts, shares, cls, [None] * len(parts))


# --------------------------------------------------------------------------- totals


def _candidates(p: Prose, a: int, b: int, cls: str) -> list[Quantity]:
    out = []
    for q in p.quantities_in(a, b):
        if not p.top(a, q.start):
            continue
        if q.unit_class == cls or (cls == "money" and q.unit == "" and q.decimals > 0):
            out.append(q)
    return out


def _single_total(p: Prose, a: int, b: int, cls: str) -> Quantity | None:
    """The one figure of class `cls` in the first clause-bearing part of a sentence."""
    cands = _candidates(p, a, b, cls)
    if len(cands) != 1 or cands[0].approx:
        return None
    return cands[0]


def _total_before(p: Prose, sa: int, pos: int, cls: str) -> Quantity | None:
    s = p.norm
    cands = _candidates(p, sa, pos, cls)
    if not cands:
        return None
    q = cands[-1]
    if q.approx:
        return None
    # the clause holding the total must hold no other figure of the same kind
    cs = clause_start(s, q.start, sa)
    if len([c for c in cands if c.start >= cs]) != 1:
        return None
    # what stands between total and marker: nothing, a parenthesis, or "占…%" clauses
    for x, y in split_top(s, q.end, pos, CLAUSE_SEPARATORS):
        t = s[x:y].strip()
        if x == q.end and (not t or t.startswith("(") or len(t) <= 2):
            continue
        if t.startswith(("占", "完成预算")) and all(
            z.kind == "percent" for z in p.quantities_in(x, y)
        ):
            continue
        return None
    return q


def _total_by_name(p: Prose, sa: int, pos: int, cls: str) -> Quantity | None:
    """ "本年支出包括：…" — the total is named, its figure stated earlier in the paragraph."""
    head = p.norm[sa:pos]
    if p.quantities_in(sa, pos) or any(c in head for c in ",;:"):
        return None
    name = clean_label(head)
    if len(name) < 2:
        return None
    earlier = [q for q in p.quantities_in(0, sa) if q.unit_class == cls and norm(q.label) == name]
    if not earlier or earlier[-1].approx:
        return None
    return earlier[-1]


def _paragraph_total(p: Prose, sa: int, pos: int, cls: str) -> Quantity | None:
    """ "国内公务接待支出0.46万元,主要用于…。国内公务接待3批次,38人次(…),具体内容包括:
    接待省采购中心560元;…" (004 line 215): the sentence of the list holds no amount, the
    paragraph opens with the one it itemises."""
    if _candidates(p, sa, pos, cls):
        return None
    a, b = p.sentences[0]
    return _single_total(p, a, b, cls)


def _inferred(q: Quantity, cls: str, parts: list[Quantity]) -> Quantity:
    if q.unit == "" and cls == "money":
        from dataclasses import replace

        return replace(q, unit=parts[0].unit, unit_inferred=True)
    return q


# --------------------------------------------------------------------------- the statement


def _breakdown_at(ctx: ExtractContext, p: Prose, m: re.Match[str]) -> list[Fact]:
    s = p.norm
    sa, sb = p.sentence_of(m.start())
    marker = m.group(0)
    kind = "qz" if m.group("qz") else ("bk" if m.group("bk") else "zy")
    open_at = m.start() - 1
    while open_at >= sa and s[open_at] == " ":
        open_at -= 1
    paren = open_at >= sa and s[open_at] == "("
    if paren:
        close = matching_close(s, open_at)
        if close < 0:
            return []
        region = (m.end(), close)
        marker_pos = open_at
    else:
        region = (m.end(), sb)
        marker_pos = m.start()
    body = s[region[0] : region[1]].strip().rstrip("。").strip()

    groups: list[tuple[str, _Parts]] = []
    if not body:
        if s[m.end() :].strip():
            return []
        lines = _parts_from_lines(ctx, p)
        if lines is not None:
            groups.append(("", lines))
    else:
        groups = _inline_groups(p, region[0], region[1], bracketed=paren)
    if not groups:
        return []
    cls = groups[0][1].unit_class
    if any(g.unit_class != cls for _, g in groups):
        return []

    # the total
    if not s[sa:marker_pos].strip():
        if sa > 0:
            first = p.sentences[0]
            total = _single_total(p, first[0], first[1], cls)
        else:
            prev = ctx.previous(p)
            if prev is None or not prev.sentences:
                return []
            first = prev.sentences[0]
            total = _single_total(prev, first[0], first[1], cls)
    else:
        total = _total_before(p, sa, marker_pos, cls)
        if total is None:
            total = _total_by_name(p, sa, marker_pos, cls)
        if total is None and kind == "bk" and sa > 0:
            total = _paragraph_total(p, sa, marker_pos, cls)
    if total is None:
        return []
    total = _inferred(total, cls, groups[0][1].parts)

    if any(names_the_total(total, g.parts) for _, g in groups):
        return []
    facts: list[Fact] = []
    for dimension, parsed in groups:
        if kind == "zy" and any(sh is None for sh in parsed.shares):
            # "主要用于以下方面" alone does not promise a full list; one that gives every
            # part its share of the total does (whether the shares add up is a rule's job)
            continue
        facts.append(
            fact_on(
                p,
                total,
                "breakdown",
                {
                    "total": total,
                    "parts": parsed.parts,
                    "marker": marker.rstrip(":, ") + (f"（{dimension}）" if dimension else ""),
                    "unit_class": cls,
                    "multiline": not body,
                    "alt_parts": _alt_parts(parsed.parts, total),
                    "precise_parts": precise_parts(parsed.parts, total),
                },
            )
        )
        every = [sh for sh in parsed.shares if sh is not None]
        every = every if len(every) == len(parsed.shares) else []
        for q, sh in zip(parsed.parts, parsed.shares, strict=True):
            if sh is not None:
                facts.append(
                    _share_fact(p, q, sh, total, parsed.parts, label_of_total(total), every)
                )
        if every:
            facts.append(_share_list_fact(p, parsed.parts, every, total, label_of_total(total)))
    return facts


# "按功能分类，…；按支出用途分类，…": one total broken down two ways
_DIMENSION = re.compile(r"\s*按(?:照)?([^,:;。\d]{1,10}?)(?:分类|划分)?(?:看|来看)?\s*[,:]\s*")


def _inline_groups(p: Prose, a: int, b: int, *, bracketed: bool) -> list[tuple[str, _Parts]]:
    """The parts after an inline marker. A list written with semicolons is read segment by
    segment ("其中，A0万元，与上年数一致；B156.60万元，与上年数一致"): a remark after a part
    ends that part's segment, not the list. A segment that opens with "按…分类" starts a
    breakdown of its own of the same total: "按功能分类 A、B、C；按支出用途 D、E、F" is two
    relations (X = A+B+C, X = D+E+F), never one sum."""
    groups: list[tuple[str, _Parts]] = []
    dimension = ""
    cur: _Parts | None = None
    segments = p.split_items(a, b, {";"})
    for x, y in segments:
        dm = _DIMENSION.match(p.norm, x)
        if dm is not None and dm.end() < y:
            if cur is not None:
                groups.append((dimension, cur))
            dimension, cur = "按" + dm.group(1), None
            x = dm.end()
        parsed = _parse_items(p, x, y, cur.unit_class if cur else None, bracketed=bracketed)
        if parsed is None:
            head = p.norm[x:y].strip()
            if cur is not None and (
                head.startswith(STOP_WORDS)
                or _YEAR_START.match(head)
                or not any(q.unit_class == cur.unit_class for q in p.quantities_in(x, y))
            ):
                break  # "…；同时，…", "…其他用车8辆；单价100万元以上设备0台": the list is over
            return []  # a segment that cannot be read: which figures are parts is a guess
        if cur is None:
            cur = parsed
        else:
            cur.parts.extend(parsed.parts)
            cur.shares.extend(parsed.shares)
            cur.named.extend(parsed.named)
    if cur is not None:
        groups.append((dimension, cur))
    return groups


def label_matches(label: str, name: str) -> bool:
    """True if `label` names the same figure as `name`."""
    if not label or not name:
        return False
    label, name = norm(label), norm(name)
    if label == name:
        return True
    if not label.endswith(name) or len(name) < 3:
        return False
    prefix = label[: -len(name)]
    return not any(w in prefix for w in scope_qualifiers())


_NAMED_SHARE = re.compile(r"^占(?:了)?(.{2,30}?)(?:的)?(?:比例|比重)?(?:为|是)?$")


def named_whole(share_label: str) -> str:
    """ "占政府采购支出总额的" → "政府采购支出总额"; "占" → ""."""
    m = _NAMED_SHARE.match(norm(share_label).strip())
    if not m:
        return ""
    name = m.group(1).strip()
    return "" if name in ("比", "比例", "比重") else name


def _alt_parts(parts: list[Quantity], total: Quantity) -> list[Quantity] | None:
    """When the parts mix money units ("基本支出501.65万元, 项目支出1132.69元"), the parts
    re-read in the total's unit — so a rule can tell a wrong unit from a wrong figure.
    None when the parts agree on their unit (a 万元 total itemised in 元 is normal)."""
    units = {q.unit for q in parts if q.kind == "money"}
    if len(units) < 2 or total.unit not in units:
        return None
    from dataclasses import replace

    return [replace(q, unit=total.unit) if q.kind == "money" else q for q in parts]


def label_of_total(q: Quantity) -> str:
    return q.label or "合计"


def precise_parts(parts: list[Quantity], total: Quantity) -> list[Quantity] | None:
    """The parts with whole-number amounts read at the precision of their siblings: in
    "货物支出19.32万元、工程支出0万元、服务支出223万元" the 223 is 223.00 with the zeros
    dropped far more often than a figure rounded to the 万元. None when no part changes."""
    money = [q for q in parts if q.kind == "money" and q.unit == total.unit]
    if len(money) != len(parts):
        return None
    decimals = max([q.decimals for q in money] + [total.decimals])
    if decimals == 0 or not any(q.decimals == 0 and q.value != 0 for q in money):
        return None
    from dataclasses import replace

    return [replace(q, decimals=decimals) if q.decimals == 0 and q.value != 0 else q for q in parts]


def _share_fact(
    p: Prose,
    part: Quantity,
    share: Quantity,
    whole: Quantity | None,
    siblings: list[Quantity],
    whole_name: str,
    shares: list[Quantity] | None = None,
) -> Fact:
    return fact_on(
        p,
        share,
        "share",
        {
            "part": part,
            "share": share,
            "whole": whole,
            "siblings": siblings,
            "whole_name": whole_name,
            "shares": shares or [],
        },
    )


def _share_list_fact(
    p: Prose, parts: list[Quantity], shares: list[Quantity], whole: Quantity | None, name: str
) -> Fact:
    """A list every part of which gives its share of one whole: the shares of one whole add
    up to 100% (one fact per list, so a list computed against another whole is one finding)."""
    return fact_on(
        p,
        shares[0],
        "share_list",
        {"parts": parts, "shares": shares, "whole": whole, "whole_name": name},
    )


def _share_lists(p: Prose, covered: set[int], seen: dict[str, Quantity]) -> list[Fact]:
    """Parts that each carry a share, without a stated total; one part "占100%" of the
    whole the sentence names ("2020年“三公”经费财政拨款支出决算中，公务接待费支出决算2万元，
    占100%", the whole stated before: "…支出决算为2万元")."""
    out: list[Fact] = []
    for sa, sb in p.sentences:
        if sa in covered:
            continue
        if not any(
            q.kind == "percent" and norm(q.label).startswith("占") for q in p.quantities_in(sa, sb)
        ):
            continue
        # start the list at the first item that holds an amount
        spans = p.split_items(sa, sb, ITEM_SEPARATORS)
        first_amount = None
        for x, y in spans:
            if any(q.kind != "percent" for q in p.quantities_in(x, y)):
                first_amount = x
                break
        if first_amount is None:
            continue
        # the list must start at the first clause: "…支出决算中，因公出国（境）费…0万元，占0%"
        prefix = p.norm[sa:first_amount]
        if any(q.kind != "percent" for q in p.quantities_in(sa, first_amount)):
            continue
        if prefix.strip() and not prefix.rstrip(" ,").endswith(("中", "中,")):
            continue
        parsed = _parse_items(p, first_amount, sb)
        if parsed is None:
            continue
        if parsed.unit_class == "money" and len(parsed.parts) >= 2:
            named = _named_list(p, parsed, prefix, seen)
            if named is not None:
                out.extend(named)
                continue
        if any(sh is None for sh in parsed.shares):
            continue
        if len(parsed.parts) == 1:
            whole = _whole_named(seen, _named_in(prefix))
            if whole is not None and parsed.unit_class == "money":
                (q,), (sh,) = parsed.parts, parsed.shares
                out.append(_share_fact(p, q, sh, whole, [], label_of_total(whole)))  # type: ignore[arg-type]
            continue
        if parsed.unit_class != "money":
            continue
        # every part carries its share: the list is a whole, whatever the shares add up to
        # (three shares that miss 100% are GA-SHR-001's to report, not a reason to look away)
        shares: list[Quantity] = list(parsed.shares)  # type: ignore[arg-type]
        for q, sh in zip(parsed.parts, shares, strict=True):
            out.append(_share_fact(p, q, sh, None, parsed.parts, "各项合计", shares))
        out.append(_share_list_fact(p, parsed.parts, shares, None, "各项合计"))
    return out


def _named_list(
    p: Prose, parsed: _Parts, prefix: str, seen: dict[str, Quantity]
) -> list[Fact] | None:
    """ "…“三公”经费预算支出中，因公出国（境）费支出222.5万元，占“三公”经费的26.69%；公务用车
    购置及运行费支出183.6万元，占“三公”经费的22.03%；公务接待费支出427.5万元，占“三公”经费的
    51.28%" (江苏省人大常委会办公厅 2018 部门预算 第27页): the sentence opens with the whole
    ("…“三公”经费…中，") and every part gives its share of that whole by name. The parts are
    then the whole's own items, and the whole, not stated here, is their sum. A whole stated
    earlier under that name is shares.py's (each share against the stated figure)."""
    if any(n is None for n in parsed.named) or any(sh is not None for sh in parsed.shares):
        return None
    names = {key(named_whole(n.label)) for n in parsed.named if n is not None}
    if len(names) != 1:
        return None
    (name,) = names
    if len(name) < 2 or name not in key(prefix):
        return None
    shares: list[Quantity] = [n for n in parsed.named if n is not None]
    whole_name = named_whole(shares[0].label)
    if any(label_matches(label, whole_name) for label in seen):
        return None
    return [
        *(
            _share_fact(p, q, sh, None, parsed.parts, whole_name, shares)
            for q, sh in zip(parsed.parts, shares, strict=True)
        ),
        _share_list_fact(p, parsed.parts, shares, None, whole_name),
    ]


def _whole_named(seen: dict[str, Quantity], name: str) -> Quantity | None:
    for label in reversed(seen):
        if norm(label) == name:
            return seen[label]
    return None


def _named_in(prefix: str) -> str:
    """ "2020年“三公”经费财政拨款支出决算中," → "“三公”经费财政拨款支出决算"."""
    name = prefix.strip().rstrip(" ,").removesuffix("中")
    return norm(clean_label(name))
