"""Numbered headings and list items must count 1, 2, 3 … within their parent.

Documents mix numbering styles (第一部分 / 一、/ （一）/ 1. / （1））and sometimes use
"1、" where "一、" is meant. A stack of the styles seen so far decides which items belong
to one list: an item continues the list of the nearest open item of its style (anything
opened after that is closed), otherwise it opens a new list under the current one. A
list restarts at 1. A list whose numbers are not consecutive (1, 3, 2, 4 or 1, 2, 4) is
one finding, placed at the first item out of place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.model import Fact

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^第([一二三四五六七八九十\d]{1,3})部分")),
    ("cn", re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.]")),
    # "1、 收入…" (with a space: Word's numbering for "一、") and "1、教育支出…" (a list item)
    ("num_dun_heading", re.compile(r"^(\d{1,2})\s*、\s+")),
    ("num_dun", re.compile(r"^(\d{1,2})\s*、")),
    ("cn_paren", re.compile(r"^\(([一二三四五六七八九十]{1,3})\)")),
    # Word's automatic numbering turns "（二）" into "（2） " — with the space — when a
    # document is converted; without the space "（1）" is the level below
    ("cn_paren", re.compile(r"^\((\d{1,2})\)\s+")),
    ("num_paren", re.compile(r"^\((\d{1,2})\)")),
    ("num_dot", re.compile(r"^(\d{1,2})\s*\.(?:(?!\d)|(?=\d{4}\s*年))")),
]
# converted Word numbering writes "1、 " (with a space) where "一、" is meant
SAME_LEVEL = {"num_dun_heading": "cn"}
# parts may skip a number on purpose: the national template has no "第二部分" heading in
# the body (the tables carry their own titles), so only disorder is reported for parts
GAPS_ALLOWED = {"part"}

KINDS: dict[str, dict[str, str]] = {}
KINDS["numbering"] = {
    "ordered": "编号是否依次递增",
    "sequence": "这一组的编号，如「1、3、2、4」",
    "expected_number": "此处应有的编号",
    "found_number": "此处实际的编号",
    "first_item": "这一组第一项的文字",
}


def cn_number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if len(s) == 1:
        return _CN_DIGITS.get(s)
    if s.startswith("十"):
        rest = _CN_DIGITS.get(s[1])
        return None if rest is None else 10 + rest
    if s.endswith("十") and len(s) == 2:
        tens = _CN_DIGITS.get(s[0])
        return None if tens is None else tens * 10
    if len(s) == 3 and s[1] == "十":
        tens, ones = _CN_DIGITS.get(s[0]), _CN_DIGITS.get(s[2])
        return None if tens is None or ones is None else tens * 10 + ones
    return None


def item_number(text: str) -> tuple[str, int] | None:
    s = text.strip()
    for style, pat in STYLES:
        m = pat.match(s)
        if m:
            n = cn_number(m.group(1))
            if n is not None:
                return SAME_LEVEL.get(style, style), n
    return None


@dataclass
class _Group:
    style: str
    items: list[tuple[int, Prose]] = field(default_factory=list)


def extract(ctx: ExtractContext) -> list[Fact]:
    stack: list[_Group] = []
    groups: list[_Group] = []
    for p in ctx.prose:
        if p.in_table:
            continue
        found = item_number(p.norm)
        if found is None:
            continue
        style, n = found
        at = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].style == style), None)
        if at is not None and n == 1 and at != len(stack) - 1:
            at = None  # a new list nested under the current item, not a restart of an outer one
        if at is not None:
            del stack[at + 1 :]
            group = stack[at]
            if n == 1 and group.items:
                group = _Group(style)
                stack[at] = group
                groups.append(group)
        else:
            group = _Group(style)
            stack.append(group)
            groups.append(group)
        group.items.append((n, p))
    return [f for g in groups if (f := _check(g)) is not None]


_MARKERS = {
    "cn": ("{cn}、", "{cn}."),
    "cn_paren": ("({cn})", "({n})"),
    "num_paren": ("({n})",),
    "num_dot": ("{n}.",),
    "num_dun": ("{n}、",),
    "part": ("第{cn}部分", "第{n}部分"),
}
_CN_OF = {v: k for k, v in _CN_DIGITS.items() if k not in ("零", "〇")}


def _cn(n: int) -> str:
    if n <= 10:
        return "十" if n == 10 else _CN_OF[n]
    if n < 20:
        return "十" + _CN_OF[n - 10]
    tens, ones = divmod(n, 10)
    return _CN_OF[tens] + "十" + (_CN_OF[ones] if ones else "")


def _hidden_in_previous(group: _Group, bad: int, start: int) -> bool:
    """Every number missing before item `bad` appears as a marker inside the text of the item
    before it (two items merged into one paragraph by the conversion or the layout)."""
    prev = group.items[bad - 1][1].norm
    missing = range(start + bad, group.items[bad][0])
    forms = _MARKERS.get(group.style, ())
    return all(any(f.format(n=n, cn=_cn(n)) in prev[1:] for f in forms) for n in missing)


def _check(group: _Group) -> Fact | None:
    if len(group.items) < 2:
        return None
    numbers = [n for n, _ in group.items]
    start = numbers[0]
    if len(set(numbers)) < len(numbers):
        # a number used twice: two interleaved lists (e.g. the columns of a table flattened
        # into paragraphs), not one list out of order — which list an item is in is a guess
        return None
    if group.style in GAPS_ALLOWED:
        bad = next((i for i in range(1, len(numbers)) if numbers[i] <= numbers[i - 1]), None)
    else:
        bad = next((i for i, n in enumerate(numbers) if n != start + i), None)
        if (
            bad is not None
            and numbers[bad] > start + bad
            and _hidden_in_previous(group, bad, start)
        ):
            # "（七）…财务规则。（八）负责…" printed on one line: the item is there
            bad = next(
                (i for i in range(bad + 1, len(numbers)) if numbers[i] != numbers[i - 1] + 1),
                None,
            )
    _, p = group.items[bad if bad is not None else 0]
    shown = numbers if len(numbers) <= 12 else [*numbers[:10], "…"]
    return Fact(
        kind="numbering",
        loc=p.text.loc,
        block=p.index,
        fields={
            "ordered": bad is None,
            "sequence": "、".join(str(n) for n in shown),
            "expected_number": str(
                numbers[bad - 1] + 1 if bad and group.style in GAPS_ALLOWED else start + (bad or 0)
            ),
            "found_number": str(numbers[bad or 0]),
            "first_item": _whole(group.items[0][1].text.text.strip()),
        },
        section=p.section,
        excerpt=p.text.text.strip()[:120],
    )


def _whole(heading: str, limit: int = 80) -> str:
    """A heading as a message names it: whole, up to the colon or full stop that ends a
    numbered item's title (never cut inside a bracket, as "…（款" was); a very long one by
    its first words and "…"."""
    end = min((i for i in (heading.find(ch) for ch in "：:。；") if i > 0), default=-1)
    if 0 < end <= limit:
        return heading[:end]
    return heading if len(heading) <= limit else heading[: limit - 20] + "…"
