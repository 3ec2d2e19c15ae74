"""Year-over-year changes: "收、支总计各增加2183.64万元，增长169.85%".

The current value is the figure the change belongs to: earlier in the same sentence
("机关运行经费支出93.58万元，比2022年度增加5.82万元，增长6.63%"), or the first figure of
the sentence before when that sentence has the same subject ("2023年度收、支总计均为
3469.24万元。与2022年度相比，收、支总计各增加…"). Placeholders such as "增加/减少0万元，
增长/下降0%" are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from itertools import chain

from govaudit.extract.base.context import ExtractContext, Prose
from govaudit.extract.base.facts import excerpt
from govaudit.extract.base.normalize import norm
from govaudit.extract.base.vocab import direction_words, states_a_change
from govaudit.intervals import Interval
from govaudit.model import Fact, Quantity

KINDS: dict[str, dict[str, str]] = {
    "change": {
        "current": "本年数",
        "change": "增减额（正数）",
        "rate": "增减幅度（百分数，可能为 none）",
        "direction": "增减额的方向词：增加 / 减少",
        "rate_direction": "幅度的方向词：增长 / 下降（可能为 none）",
        "delta": "带符号的增减额（减少为负）",
        "prior": "句中明确给出的上年数（可能为 none）",
        "subject": "变动的对象",
        "rate_undefined": "上年为 0 时文中写的增长幅度（以 0 为基数，没有定义；否则为 none）",
    }
}

_YEAR = r"(?:上一?年度?|去年|\d{4}\s*年度?)(?:同期)?"
_COMPARE_TAIL = re.compile(rf"(?:(?:比|较|与|和|同){_YEAR}(?:相比|比较)?|同比|各|均|共|分别)$")
_COMPARE_HEAD = re.compile(rf"^(?:(?:与|和|同){_YEAR}(?:相比|比较)|(?:比|较){_YEAR}|同比)")
_SUFFIX = re.compile(r"(决算数|决算|数|金额|总额)$")


def direction(label: str) -> str | None:
    label = norm(label)
    inc, dec = direction_words()
    for w in sorted(inc + dec, key=len, reverse=True):
        if label.endswith(w):
            return "增加" if w in inc else "减少"
    return None


def subject_of(label: str) -> str:
    """ "公务用车…支出决算比2022年度减少" → "公务用车…支出决算"."""
    s = norm(label)
    inc, dec = direction_words()
    for w in sorted(inc + dec, key=len, reverse=True):
        if s.endswith(w):
            s = s[: -len(w)]
            break
    s = s.strip(" ,")
    while True:
        t = _COMPARE_TAIL.sub("", _COMPARE_HEAD.sub("", s)).strip(" ,")
        if t == s:
            return s
        s = t


def compatible(subject: str, label: str) -> bool:
    if not subject:
        return True
    a = _SUFFIX.sub("", norm(subject))
    b = _SUFFIX.sub("", norm(label))
    if not a or not b:
        return False
    # "收入支出总计" vs "上海市普陀区财政局2024年度收入支出总计": the unit's name in front
    return a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)


def extract(ctx: ExtractContext) -> list[Fact]:
    facts: list[Fact] = []
    years = {y: _NamedFigures(qs) for y, qs in _figures_by_year(ctx).items()}
    for p in ctx.prose:
        for si, (sa, sb) in enumerate(p.sentences):
            qs = [q for q in p.quantities_in(sa, sb) if p.top(sa, q.start)]
            for i, c in enumerate(qs):
                if c.kind != "money" or c.approx:
                    continue
                d = direction(c.label)
                if d is None:
                    continue
                if _placeholder(p, c):
                    continue
                rate = None
                rdir = None
                if i + 1 < len(qs) and qs[i + 1].kind == "percent":
                    r = qs[i + 1]
                    rd = direction(r.label)
                    if rd is not None and r.label in _direction_only(r.label):
                        rate, rdir = r, ("增长" if rd == "增加" else "下降")
                        if r.approx:
                            rate = None
                current = _current_same_sentence(p, qs[:i], c)
                if current is None:
                    current = _current_before(ctx, p, si, subject_of(c.label))
                if current is None:
                    continue
                delta = replace(c, value=c.value if d == "增加" else -c.value)
                # "增加307.82万元，增长100.00%" on 307.82: a rate over a prior year of 0 is
                # undefined — kept apart (rate_undefined) so no rule checks it as a rate
                undefined = None
                if rate is not None and _zero_base(current, delta):
                    rate, undefined = None, rate
                prior = _prior_stated(ctx, p, c, current, years)
                facts.append(
                    Fact(
                        kind="change",
                        loc=c.loc,
                        block=c.block,
                        fields={
                            "current": current,
                            "change": c,
                            "rate": rate,
                            "direction": d,
                            "rate_direction": rdir,
                            "delta": delta,
                            "prior": prior,
                            "subject": subject_of(c.label) or current.label,
                            "rate_undefined": undefined,
                        },
                        section=p.section,
                        excerpt=excerpt(p, c.start),
                        anchor=rate or undefined or c,
                    )
                )
    return facts


_SENTENCE_YEAR = re.compile(r"^\s*(?:\d{1,2}\s*[.、]\s*)?(\d{4})\s*年")
_COMPARED_YEAR = re.compile(r"(?:比|较|与|和|同)\s*(\d{4})\s*年")
_PREVIOUS_YEAR = re.compile(r"(?:比|较|与|和|同)\s*(?:上年|上一年|去年)")


def _sentence_year(p: Prose, offset: int) -> int | None:
    sa, _ = p.sentence_of(offset)
    m = _SENTENCE_YEAR.match(p.norm[sa:])
    return int(m.group(1)) if m else None


def _figures_by_year(ctx: ExtractContext) -> dict[int, list[Quantity]]:
    """Money figures in sentences that open with a year: "2021年预算收入总额2761984.37元"."""
    out: dict[int, list[Quantity]] = {}
    for p in ctx.prose:
        if p.in_table:
            continue
        for sa, sb in p.sentences:
            m = _SENTENCE_YEAR.match(p.norm[sa:sb])
            if not m:
                continue
            first = next((q for q in p.quantities_in(sa, sb) if q.kind != "percent"), None)
            if first is not None and first.kind == "money" and not first.approx and first.label:
                out.setdefault(int(m.group(1)), []).append(first)
    return out


def _prior_stated(
    ctx: ExtractContext, p: Prose, c: Quantity, current: Quantity, years: dict[int, _NamedFigures]
) -> Quantity | None:
    """The figure the document states for the year compared with, when there is exactly one
    with the current figure's name: "2022年预算收入260.85万元…比2021年预算增加1.14万元" and,
    elsewhere, "2021年预算收入总额2761984.37元"."""
    sa, _ = p.sentence_of(c.start)
    clause = p.norm[sa : c.start]
    m = _COMPARED_YEAR.search(clause)
    if m:
        year = int(m.group(1))
    elif _PREVIOUS_YEAR.search(clause):
        host = p if current.block == p.index else (ctx.paragraph(current.block) or p)
        cy = _sentence_year(host, current.start) or ctx.report_year
        if cy is None:
            return None
        year = cy - 1
    else:
        return None
    named = years.get(year)
    found = named.compatible_with(norm(current.label), current) if named else []
    return found[0] if len(found) == 1 else None  # two candidates: not guessed


class _NamedFigures:
    """One year's figures by name, so that a change finds the figures whose name is
    `compatible` with its own by a lookup per name instead of a scan of the year's figures
    (which grows with the document). Names are the suffix-stripped normalised labels of
    `compatible`; one is compatible with another when either starts or ends with the other."""

    def __init__(self, figures: list[Quantity]) -> None:
        self.named = [q for q in figures if len(norm(q.label)) >= 4]
        self.by_name: dict[str, list[Quantity]] = {}
        for q in self.named:
            b = _SUFFIX.sub("", norm(q.label))
            if b:
                self.by_name.setdefault(b, []).append(q)
        self.names = sorted(self.by_name)
        self.reversed = sorted(n[::-1] for n in self.by_name)

    def compatible_with(self, name: str, current: Quantity) -> list[Quantity]:
        """The figures compatible with `name` other than `current`; two at most (two are
        already too many to choose from)."""
        if not name:  # `compatible` admits every label for a figure without a name
            candidates: Iterator[list[Quantity]] = iter([self.named])
        else:
            a = _SUFFIX.sub("", name)
            if not a:
                return []
            candidates = chain(
                (self.by_name.get(a[:i], []) for i in range(1, len(a) + 1)),  # a starts with b
                (self.by_name.get(a[i:], []) for i in range(len(a))),  # a ends with b
                (self.by_name[b] for b in _starting_with(self.names, a)),  # b starts with a
                (self.by_name[b[::-1]] for b in _starting_with(self.reversed, a[::-1])),
            )
        found: list[Quantity] = []
        for qs in candidates:
            for q in qs:
                if q is not current and all(q is not f for f in found):
                    found.append(q)
                    if len(found) > 1:
                        return found
        return found


def _starting_with(names: list[str], prefix: str) -> Iterator[str]:
    """The names of a sorted list that start with `prefix`, by bisection."""
    i = bisect_left(names, prefix)
    while i < len(names) and names[i].startswith(prefix):
        yield names[i]
        i += 1


def _direction_only(label: str) -> tuple[str, ...]:
    """A rate's label must be just the direction word ("增长", "下降了")."""
    inc, dec = direction_words()
    words = [*inc, *dec]
    return tuple(words) + tuple(w + "了" for w in words)


def _zero_base(current: Quantity, delta: Quantity) -> bool:
    """The prior year the change implies (current − change) may be 0."""
    prior = Interval.of(current) - Interval.of(delta)
    return prior.bounded and prior.lo <= 0 <= prior.hi


def _placeholder(p: Prose, c: Quantity) -> bool:
    around = p.norm[max(0, c.start - 8) : c.end + 12]
    return "/" in around and any(
        w in around for w in ("增加/减少", "增长/下降", "增/减", "减少/增加")
    )


def _current_same_sentence(p: Prose, before: list[Quantity], c: Quantity) -> Quantity | None:
    """The figure the change `c` belongs to, earlier in its sentence: "机关运行经费支出93.58万元，
    比2022年度增加5.82万元". Not one that is itself a change ("…增加省人大…专项经费23.3万元，
    信息化建设经费增加35万元"), nor another item of a list ("基本支出增加…1447.63万元、项目…
    减少…200万元、单位预留机动经费增加3075.14万元": 200 is no current figure of 3075.14)."""
    for q in reversed(before):
        if q.kind == "percent":
            continue
        if q.kind != "money":
            return None
        if q.approx or direction(q.label) is not None or states_a_change(q.label):
            return None
        if _listed_apart(p, q, c):
            return None
        return q
    return None


def _listed_apart(p: Prose, a: Quantity, b: Quantity) -> bool:
    """Are `a` and `b` two items of one list ("A…1447.63万元、B…200万元")?"""
    return p.norm[a.end : b.start].lstrip().startswith("、")


def _current_before(ctx: ExtractContext, p: Prose, si: int, subject: str) -> Quantity | None:
    if si > 0:
        sa, sb = p.sentences[si - 1]
        host = p
    else:
        if not p.norm.lstrip().startswith(("比", "较", "与", "同比", "和")):
            return None
        prev = ctx.previous(p)
        if prev is None or not prev.sentences:
            return None
        host = prev
        sa, sb = prev.sentences[-1]
    for q in host.quantities_in(sa, sb):
        if q.kind == "percent":
            continue
        if q.kind != "money" or q.approx or direction(q.label) is not None:
            return None
        return q if compatible(subject, q.label) else None
    return None
