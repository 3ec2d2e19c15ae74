"""One defect, one finding: the findings of a file grouped by cause, between engine and report.

A wrong printed figure breaks every relation it takes part in: 003's 本年收入合计 478.5 fails
its breakdown and both of its restatements; a 45.83 that should be 45.80 fails the prose
restatement and two rows of the 部门整体 table; a bad table cell fails its row and its
column. The officer has one figure to correct, so the report shows one finding, and lists
under it the relations the same figure also breaks (`Finding.also`).

Two findings have one cause when the engine's own evidence says so (never because their
messages look alike):

* **they are placed at one figure** — one printed figure breaks a breakdown and a
  restatement;
* **the figure one finding is placed at is the base of a rate the other gets wrong, by just
  as much** — a wrong amount fails its breakdown, and a share of it fails with it, off by
  the same factor (expected ÷ printed alike). A figure that merely takes part in another
  relation is no evidence: a 得分 judged too high for its indicator is not why the 得分
  column misses its 合计, and a ×100 slip in a rate is its own;
* **they share a figure and are off by the same amount** — a cell that breaks its row and
  its column (each off by what the cell is off by), a figure restated in three places;
* **one rule, one subject, the same printed values** — "326.71" and "326.72" for one
  subject in five tables are one rounding, reported once however many pairs disagree;
* **one rule, one sentence, one message** — a word repeated in one sentence.

The finding that leads a group is the one placed at the figure most of the group's findings
compared (the likeliest culprit), then the most severe, then the first in the document; the
group takes the highest severity of its members. Refs (`Quantity.ref`) are valid only while
the Document lives: grouping runs in check.py, before the Document is dropped, and clears
them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from govaudit.model import SEVERITY_RANK, Finding


class _Sets:
    """Union–find over finding indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _gap(f: Finding) -> Any:
    """|expected − actual| as an interval, or None."""
    if f.sides is None:
        return None
    e, a = f.sides
    return (e - a).abs()


def _same_gap(a: Finding, b: Finding) -> bool:
    """Both off by the same amount (their differences overlap), and by something."""
    ga, gb = _gap(a), _gap(b)
    if ga is None or gb is None or _kind(ga) != _kind(gb):
        return False
    if ga.hi <= 0 or gb.hi <= 0:
        return False
    return ga.eq(gb) is not False


KNOCK_ON = Decimal("0.01")  # how near the two ratios must be (relative)


def _knock_on(amount: Finding, rate: Finding) -> bool:
    """Is the rate off by just what the amount is off by? A share of a base printed too
    high by a factor k is computed k times too small: expected ÷ printed of the rate is
    that of the amount. A rate wrong on its own (a ×100 slip) is not."""
    if amount.sides is None or rate.sides is None:
        return False
    (ea, aa), (er, ar) = amount.sides, rate.sides
    if 0 in (aa.nominal, ar.nominal, ea.nominal):
        return False
    k_amount = ea.nominal / aa.nominal
    k_rate = er.nominal / ar.nominal
    return abs(k_rate - k_amount) <= KNOCK_ON * abs(k_amount)


def _kind(gap: Any) -> str:
    return "number" if gap.kind in ("number", "score") else gap.kind


def _rate(f: Finding) -> bool:
    """A finding about a rate or a share (off by a ratio, not by an amount)."""
    return f.sides is not None and f.sides[0].kind == "ratio"


def group(findings: Sequence[Finding]) -> list[Finding]:
    """The findings with those of one cause folded into one (document order kept); the
    grouping refs are cleared."""
    n = len(findings)
    if n < 2:
        for f in findings:
            _forget(f)
        return list(findings)
    sets = _Sets(n)
    # a figure → the findings placed at it / that compared it (linear in the figures)
    placed: dict[tuple[int, int], list[int]] = {}
    compared: dict[tuple[int, int], list[int]] = {}
    for i, f in enumerate(findings):
        if f.anchor_ref is not None:
            placed.setdefault(f.anchor_ref, []).append(i)
        for ref in f.figures:
            compared.setdefault(ref, []).append(i)
    for ref, at in placed.items():
        for i in at[1:]:
            sets.join(at[0], i)  # one figure, several broken relations
        for j in compared.get(ref, ()):
            rate = findings[j]
            if _rate(rate) and any(
                not _rate(findings[i]) and _knock_on(findings[i], rate) for i in at
            ):
                sets.join(at[0], j)  # the figure is the base of a rate that fails with it
    for users in compared.values():
        for x, i in enumerate(users):
            for j in users[x + 1 : x + 8]:
                if _same_gap(findings[i], findings[j]):
                    sets.join(i, j)
    by_subject: dict[tuple[str, str], int] = {}
    by_sentence: dict[tuple[str, str, str, int], int] = {}
    for i, f in enumerate(findings):
        if f.subject:  # the subject with the printed values its assert compared
            sets.join(by_subject.setdefault((f.rule, f.subject), i), i)
        sentence = (f.rule, f.excerpt.strip(), f.message, f.order)
        if f.excerpt.strip():
            sets.join(by_sentence.setdefault(sentence, i), i)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(sets.find(i), []).append(i)
    out: list[Finding] = []
    for members in groups.values():
        out.append(_fold([findings[i] for i in members]))
    for f in out:
        _forget(f)
    order = {id(f): i for i, f in enumerate(findings)}
    out.sort(key=lambda f: order[id(f)])
    return out


def _fold(members: list[Finding]) -> Finding:
    """The group's finding: its lead, with the others under `also`."""
    if len(members) == 1:
        return members[0]
    # how many of the group compared the figure each finding is placed at
    uses: dict[tuple[int, int], int] = {}
    for f in members:
        for ref in f.figures:
            uses[ref] = uses.get(ref, 0) + 1

    def rank(x: tuple[int, Finding]) -> tuple[int, int, int]:
        i, f = x
        culprit = uses.get(f.anchor_ref, 0) if f.anchor_ref is not None else 0
        return (-culprit, -SEVERITY_RANK.get(f.severity, 0), i)

    lead = min(enumerate(members), key=rank)[1]
    others = [f for f in members if f is not lead]
    for f in others:
        lead.also.extend(f.also)
        f.also = []
        _forget(f)
    lead.also[:0] = others
    worst = max(members, key=lambda f: SEVERITY_RANK.get(f.severity, 0)).severity
    lead.severity = worst
    return lead


def _forget(f: Finding) -> None:
    """Refs mean nothing once the Document is gone."""
    f.anchor_ref = None
    f.figures = ()
    f.sides = None
    f.subject = ""
