"""Find the numbers of a text the way a finance officer reads them.

A quantity is a number with its unit (元/万元/亿元, %, 件, 人次, 分 …), the number of decimals
as printed, whether it is only approximate (余, 约, 多, 以上, 超, 近, ≥ …), and the label
that names it (the words of its clause before it). Years, dates, document numbers, list
numbering and codes are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from govaudit.extract.base.normalize import norm
from govaudit.model import Location, Quantity, Text
from govaudit.patterns import lazy_pattern

# The number itself: thousands groups only with exactly three digits per group.
_NUMBER = lazy_pattern(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?")
_PLAIN_NUMBER = lazy_pattern(r"\d+(?:\.\d+)?")

MONEY_UNITS = ("亿元", "万元", "元")
# Longest first: the first that matches wins.
COUNT_UNITS = (
    "个工作日",
    "工作日",
    "平方公里",
    "平方米",
    "人次",
    "批次",
    "户次",
    "车次",
    "小时",
    "分钟",
    "毫秒",
    "公里",
    "千米",
    "万条",
    "㎡",
    "件",
    "次",
    "人",
    "名",
    "个",
    "辆",
    "台",
    "套",
    "项",
    "条",
    "宗",
    "户",
    "家",
    "所",
    "份",
    "场",
    "篇",
    "天",
    "秒",
    "批",
    "部",
    "种",
    "类",
    "处",
    "间",
    "张",
    "册",
    "座",
    "块",
    "吨",
    "米",
    "通",
    "分",
)
_APPROX_BEFORE = ("大约", "超过", "将近", "接近", "不足", "不到", "约", "近", "超", "逾", "达超")
_BOUND_BEFORE = (">", "<", "≥", "≤", "＞", "＜")
_APPROX_AFTER = ("以上", "左右", "以内", "以下", "上下", "余", "多")
_NOT_UNITS = ("年", "月", "日", "号", "时", "点", "周岁", "岁", "版", "期", "届", "级", "号文")

_PAIRED = ("收、支", "增、减", "进、出")
LABEL_BOUNDARY = set(",;:。、()\n!?《》[]【】")
_TRAILING = (
    "达到了",
    "达到",
    "为",
    "是",
    "达",
    "约",
    "近",
    "超过",
    "超",
    "逾",
    "的",
    "了",
    "-",
    "到",
    "至",
    "各",
    "均",
    "分别",
    " ",
)
_LEADING = lazy_pattern(
    r"^(?:\s|\d+[.、]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、"
    r"|\d{4}年(?:度)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:末|底|初)?|截至|截止|其中|本年度|全年|当年|共计|合计|总计|累计)+"
)


def clean_label(raw: str) -> str:
    """The name part of a clause: without leading dates/numbering and trailing verbs."""
    s = raw.strip()
    s = _LEADING.sub("", s)
    changed = True
    while changed and s:
        changed = False
        for t in _TRAILING:
            if s.endswith(t) and len(s) > len(t):
                s = s[: -len(t)]
                changed = True
    return s.strip()


def find_quantities(
    text: Text,
    block: int,
    *,
    normalized: str | None = None,
) -> list[Quantity]:
    """All quantities in one block of text, in reading order."""
    s = normalized if normalized is not None else norm(text.text)
    orig = text.text
    out: list[Quantity] = []
    prev_end = 0
    pos = 0
    while True:
        m = _NUMBER.search(s, pos)
        if m is None:
            break
        if "," in m.group(0) and "," not in orig[m.start() : m.end()]:
            # "1，442.16": a full-width comma separates clauses; read the digits before it
            m = _PLAIN_NUMBER.match(s, m.start())
            assert m is not None
        pos = m.end()
        q = _quantity_at(s, orig, m, text, block)
        if q is not None:
            out.append(replace(q, label=_label_before(s, q.start, prev_end, orig)))
            prev_end = q.end
            pos = max(pos, q.end)
    return out


def _quantity_at(s: str, orig: str, m: re.Match[str], text: Text, block: int) -> Quantity | None:
    start, end = m.start(), m.end()
    num = m.group(0)
    before = s[start - 1] if start > 0 else ""
    # part of a code, a version or another number
    if before and (before.isascii() and (before.isalnum() or before in "._/#")):
        return None
    if before == "," and start > 1 and s[start - 2].isdigit() and orig[start - 1] == ",":
        return None
    after = s[end] if end < len(s) else ""
    if after and after.isascii() and after.isalpha():
        return None
    # list numbering: "1." "2、" "（3）" "第4"
    if "." not in num and after in (".", "、") and (end + 1 >= len(s) or not s[end + 1].isdigit()):
        return None
    if before == "第":
        return None
    if before in "(（" and after in ")）":
        return None

    value = Decimal(num.replace(",", ""))
    decimals = len(num.split(".")[1]) if "." in num else 0
    negative = False
    approx = False
    pos = end
    # sign and ranges
    if before == "-":
        prev2 = s[start - 2] if start > 1 else ""
        if prev2.isdigit():
            approx = True  # the upper end of a range "5-7"
        elif not (prev2.isascii() and prev2.isalnum()):
            negative = True
    if s.startswith("-", pos) and pos + 1 < len(s) and s[pos + 1].isdigit():
        approx = True  # the lower end of a range
    # approximate words before
    lookback = s[max(0, start - 3) : start - (1 if negative else 0)]
    if any(lookback.endswith(w) for w in _APPROX_BEFORE):
        approx = True
    if any(lookback.endswith(w) for w in _BOUND_BEFORE):
        approx = True

    # unit
    rest = s[pos : pos + 12]
    if rest.startswith(" ") and len(rest) > 1 and not rest[1].isdigit():
        skip = 1
    else:
        skip = 0
    unit = ""
    i = skip
    if rest.startswith(("余", "多"), i):
        approx = True
        i += 1
    mag = ""
    if rest.startswith(MONEY_UNITS[:2], i):
        unit = rest[i : i + 2]
        i += 2
    elif rest.startswith(("万", "亿"), i):
        mag = rest[i]
        i += 1
        if rest.startswith(("余", "多"), i):
            approx = True
            i += 1
    if not unit:
        if rest.startswith("元", i):
            unit = (mag + "元") if mag else "元"
            i += 1
        elif rest.startswith(("%", "‰"), i):
            unit = rest[i]
            i += 1
        else:
            for u in COUNT_UNITS:
                if rest.startswith(u, i):
                    unit = mag + u
                    i += len(u)
                    break
            else:
                if mag == "万":
                    unit = "万元"  # "258.5万专项经费", "100万"
                elif mag:
                    unit = "亿元"
    if not unit:
        # a bare integer in prose is a year, a code, a count without a name: not an amount
        if decimals == 0:
            return None
        if rest[skip : skip + 2].startswith(_NOT_UNITS):
            return None
        nxt = rest[skip : skip + 1]
        if nxt and nxt.isdigit():
            return None
    if unit == "分" and rest.startswith("钟", i):
        return None
    tail = rest[i : i + 2]
    if any(tail.startswith(w) for w in _APPROX_AFTER):
        approx = True
    if unit in ("万", "亿"):
        unit = ""
    if negative:
        value = -value
        start -= 1
    stop = pos + i
    label = ""
    shown = orig[start:stop]
    return Quantity(
        value=value,
        decimals=decimals,
        unit=unit,
        text=shown,
        label=label,
        loc=text.loc_at(start),
        block=block,
        start=start,
        end=stop,
        approx=approx,
        src=id(text),
    )


def _label_before(s: str, start: int, floor: int = 0, orig: str | None = None) -> str:
    """The words naming the number at `start`: found in the normalised text, returned as
    printed in the original (full-width brackets stay full-width)."""
    j = start
    while j > floor and start - j < 60:
        ch = s[j - 1]
        if ch == ")":
            # a bracketed part of a name: "因公出国（境）费"
            k = j - 2
            depth = 1
            while k >= floor and depth:
                if s[k] == ")":
                    depth += 1
                elif s[k] == "(":
                    depth -= 1
                k -= 1
            if depth or j - k > 12:
                break
            j = k + 1
            continue
        if ch == "、" and j - 2 >= floor and s[j - 2 : j + 1] in _PAIRED:
            j -= 2  # "收、支总计": the pair belongs to the name
            continue
        if ch in LABEL_BOUNDARY:
            break
        j -= 1
    raw = s[j:start]
    cleaned = clean_label(raw)
    if orig is None or not cleaned:
        return cleaned
    at = raw.rfind(cleaned)
    if at < 0:
        return cleaned
    return orig[j + at : j + at + len(cleaned)]


def make_quantity(
    value: Decimal,
    decimals: int,
    unit: str,
    *,
    label: str = "",
    text: str = "",
    loc: Location | None = None,
    block: int = -1,
) -> Quantity:
    """A quantity not read from prose (a table cell, a test)."""
    return Quantity(
        value=value,
        decimals=decimals,
        unit=unit,
        text=text or f"{value}{unit}",
        label=label,
        loc=loc or Location(),
        block=block,
        start=0,
        end=0,
    )


_CELL_NUMBER = lazy_pattern(
    r"^\s*(?P<pre>[≥≤<>约])?\s*(?P<sign>-)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|‰|万元|亿元|元|分)?\s*$"
)


def parse_cell_number(text: Text, block: int, label: str = "") -> Quantity | None:
    """A table cell that holds just a number ("1,442.16", "99.47%", "10", "-3.5"), or None.

    Cells with words ("36000元/年", "优", "/", "") are not numbers."""
    raw = text.text
    s = norm(raw)
    m = _CELL_NUMBER.match(s)
    if not m:
        return None
    num = m.group("num")
    value = Decimal(num.replace(",", ""))
    if m.group("sign"):
        value = -value
    decimals = len(num.split(".")[1]) if "." in num else 0
    start = m.start("sign") if m.group("sign") else m.start("num")
    return Quantity(
        value=value,
        decimals=decimals,
        unit=m.group("unit") or "",
        text=raw.strip(),
        label=label,
        loc=text.loc_at(start),
        block=block,
        start=start,
        end=m.end("unit") if m.group("unit") else m.end("num"),
        approx=bool(m.group("pre")),
        src=id(text),
    )
