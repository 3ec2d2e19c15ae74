"""The document profile: how this document writes, measured once, read by every rule.

Issuers differ in conventions that are not errors: a document that cuts 元 to 万元 by
truncation, 自评表 whose 完成值 are completion ratios, item paragraphs per 类, a variant
character, a page printed twice. Judged by another issuer's conventions, each of these
turns into a list of false findings. The profile (`model.DocumentProfile`, `ctx.profile`,
carried out on `DocumentInfo.profile`) holds what this document does, each convention
decided from the evidence that tells the possibilities apart:

* layout (`measure_layout`, before any extractor): the pages the reader found printed twice
  (`Document.meta["repeated_pages"]`: the copies are not read), the variant spellings the
  document uses (the glossary's `variants`, folded wherever names are compared), and the set
  of tables it follows (template.py's, for display);
* 完成值 (perf_tables.py, from the 自评表 it reads) and the explanation level of a budget's
  item paragraphs (budget_items.py, from the items): measured by the reader of that evidence,
  before it builds a relation on it;
* rounding and units (`extract`, run after every extractor has keyed its figures and before
  ledger_facts compares them): a figure printed twice at two precisions (a table's
  "12,029,456.78" 元 and the prose's "1,202.94万元") fits half-up rounding, truncation, both
  or neither; only those that fit exactly one tell the conventions apart. The engine widens a
  money figure's interval by the document's convention (intervals.Interval.of);
* trailing zeros (`extract`, same time): a document whose two-place 万元 figures never end in
  0 drops its trailing zeros, and its "28.1" is 28.10 (`money_places`, `places_evidence`).

A repeated page is the document's own defect: one `repeated_page` fact per copy, one finding
(GA-ART-005); its content is counted once.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.glossary import Template
from govaudit.extract.base.ledger import PROSE, Ledger
from govaudit.extract.base.normalize import variants
from govaudit.intervals import Interval, convention
from govaudit.model import (
    HALF_UP,
    Fact,
    Location,
    Paragraph,
    Quantity,
    Table,
)

KINDS: dict[str, dict[str, str]] = {
    "repeated_page": {
        "page": "重复印出的一页（页码，PDF 中的第几页）",
        "same_as": "它重复的那一页",
        "line": "文本文件中这一页的第一行（PDF 为 none）",
    },
}

# a unit is the document's when it is the unit of most money figures of a source, of at least
MIN_UNIT_FIGURES = 3
# Trailing zeros: a document that writes its 万元 at two places and keeps its zeros ends about
# one in ten of them in 0 (the Putuo budgets: a fifth to a half; 政协 2017: 23 of 116). One
# that drops them never does, and writes "28.1" for 28.10. Measured over at least this many
# two-place prose figures (0.9^20 ≈ 12%: with fewer, no zero may be chance) …
MONEY_PLACES = 2
MIN_PLACED_FIGURES = 20
# … of which at most this share end in 0 (one misprint does not undo the convention) …
MAX_ZERO_ENDED = Decimal("0.03")
# … and the fewer-place figures that restate a more precise one of the same key mostly equal
# it (28.1 beside 28.10), not round it (172.7 beside 172.66: that document rounds its prose)
MAX_ROUNDED_SHARE = Decimal("0.2")


def measure_layout(ctx: ExtractContext) -> None:
    """What the document's layout says, before any relation is read (after the template:
    template.py reads the set of tables it follows into `ctx.template`)."""
    pages = ctx.doc.meta.get("repeated_pages") or []
    ctx.profile.repeated_pages = tuple((int(r["page"]), int(r["same_as"])) for r in pages)
    ctx.profile.variants = _variants_used(ctx)
    ctx.profile.template = _template(ctx.template)


def _template(t: Template) -> dict[str, Any] | None:
    """The set of tables followed and the tables the 目录 lists, for display."""
    if t.name is None and not t.listed:
        return None
    return {
        "name": t.name,
        "label": t.label() if t.name else None,
        "listed": [x.table.name for x in t.listed],
    }


def extract(ctx: ExtractContext) -> list[Fact]:
    """The conventions the keyed figures tell (run before ledger_facts), and the repeated
    pages as facts."""
    half, cut = rounding_evidence(ctx.ledger)
    ctx.profile.rounding_evidence = (half, cut)
    ctx.profile.rounding = rounding(half, cut)
    ctx.profile.units = _units(ctx.ledger)
    evidence = places_evidence(ctx.ledger)
    ctx.profile.money_places_evidence = evidence
    ctx.profile.money_places = money_places(*evidence)
    return _repeated_page_facts(ctx)


# --------------------------------------------------------------------------- rounding


def rounding(half_up: int, truncated: int) -> str:
    """The convention the telling figures show: truncation only when it is consistent;
    where no figure tells, the common one (half-up)."""
    return convention(half_up, truncated) or HALF_UP


def rounding_evidence(ledger: Ledger) -> tuple[int, int]:
    """(figures that fit half-up only, figures that fit truncation only): each money figure
    printed with fewer decimals than another statement of the same key (a 万元 figure and
    the 元 figure it was converted from), against the most precise statement."""
    half = cut = 0
    for entries in ledger.by_key().values():
        money = [
            e.quantity for e in entries if e.quantity.kind == "money" and not e.quantity.approx
        ]
        if len(money) < 2:
            continue
        intervals = [Interval.of(q) for q in money]
        finest = max(intervals, key=lambda iv: iv.decimals)
        for iv in intervals:
            if iv.decimals >= finest.decimals:
                continue
            fits = _fits(finest, iv.nominal, iv.decimals)
            if fits == (True, False):
                half += 1
            elif fits == (False, True):
                cut += 1
    return half, cut


def _fits(source: Interval, printed: Decimal, decimals: int) -> tuple[bool, bool]:
    """Does `printed` (with `decimals` decimals) come from `source` by rounding half-up, by
    truncation?"""
    ulp = Decimal(1).scaleb(-decimals)
    half = ulp / 2
    rounded = source.hi >= printed - half and source.lo <= printed + half
    if printed >= 0:
        truncated = source.hi >= printed and source.lo < printed + ulp
    else:
        truncated = source.lo <= printed and source.hi > printed - ulp
    return rounded, truncated


# --------------------------------------------------------------------------- trailing zeros


def money_places(placed: int, zero_ended: int, keyed_zero: int, keyed_rounded: int) -> int | None:
    """MONEY_PLACES when the document writes 万元 at that many places and drops trailing
    zeros, by its own figures; None where they do not show it."""
    if placed < MIN_PLACED_FIGURES or zero_ended > MAX_ZERO_ENDED * placed:
        return None
    keyed = keyed_zero + keyed_rounded
    if keyed and keyed_rounded > MAX_ROUNDED_SHARE * keyed:
        return None
    return MONEY_PLACES


def places_evidence(ledger: Ledger) -> tuple[int, int, int, int]:
    """(prose 万元 figures at MONEY_PLACES, of which end in 0, fewer-place prose figures equal
    to a more precise statement of their key, fewer-place prose figures that round one).
    Zero amounts tell nothing ("0万元" is written so in every convention)."""
    placed = zero_ended = 0
    for e in ledger.entries.values():
        q = e.quantity
        if _plain_wan(q) and e.source == PROSE and q.decimals == MONEY_PLACES:
            placed += 1
            zero_ended += q.printed().endswith("0")
    same = rounded = 0
    for entries in ledger.by_key().values():
        # the precise statement may be a table cell whose unit is its header's
        finer = {
            e.quantity.value
            for e in entries
            if _plain_wan(e.quantity, inferred=True) and e.quantity.decimals == MONEY_PLACES
        }
        for e in entries:
            q = e.quantity
            if e.source != PROSE or not _plain_wan(q) or q.decimals >= MONEY_PLACES or not finer:
                continue
            ulp = Decimal(1).scaleb(-q.decimals)
            if q.value in finer:
                same += 1
            elif any(abs(v - q.value) < ulp for v in finer):
                rounded += 1
    return placed, zero_ended, same, rounded


def _plain_wan(q: Quantity, *, inferred: bool = False) -> bool:
    """A non-zero 万元 amount, its unit stated (or, with `inferred`, taken from a header)."""
    return (
        q.kind == "money"
        and q.unit == "万元"
        and not q.approx
        and (inferred or not q.unit_inferred)
        and q.value != 0
    )


# --------------------------------------------------------------------------- units


def _units(ledger: Ledger) -> dict[str, str]:
    """The money unit most figures of the prose and of the tables are printed in."""
    counts: dict[str, Counter[str]] = {}
    for e in ledger.entries.values():
        q = e.quantity
        if q.kind == "money" and not q.unit_inferred:
            counts.setdefault("prose" if e.source == PROSE else "table", Counter())[q.unit] += 1
    out: dict[str, str] = {}
    for source, c in sorted(counts.items()):
        unit, n = c.most_common(1)[0]
        if n >= MIN_UNIT_FIGURES:
            out[source] = unit
    return out


# --------------------------------------------------------------------------- layout


def _variants_used(ctx: ExtractContext) -> dict[str, str]:
    """The variant spellings (其它 for 其他) the document writes, in its paragraphs and cells."""
    pairs = variants()
    if not pairs:
        return {}
    found: dict[str, str] = {}
    for block in ctx.doc.blocks:
        texts = (
            [block.text.text]
            if isinstance(block, Paragraph)
            else [c.text.text for row in block.rows for c in row]
            if isinstance(block, Table)
            else []
        )
        for text in texts:
            for variant, standard in pairs:
                if variant in text:
                    found.setdefault(variant, standard)
    return {v: s for v, s in pairs if v in found}


def _repeated_page_facts(ctx: ExtractContext) -> list[Fact]:
    out: list[Fact] = []
    rows = ctx.doc.meta.get("repeated_pages") or []
    for r in rows:
        page, same, line = int(r["page"]), int(r["same_as"]), r.get("line")
        loc = Location(line=line) if line is not None else Location(page=page)
        fields = {"page": page, "same_as": same, "line": line}
        excerpt = f"第{page}页与第{same}页内容相同"
        out.append(Fact("repeated_page", loc, _block_after(ctx, page, line), fields, (), excerpt))
    return out


def _block_after(ctx: ExtractContext, page: int, line: int | None) -> int:
    """The first block after the copy (the copy has none: it was not read): where the
    finding sorts among the others."""
    for i, block in enumerate(ctx.doc.blocks):
        loc = block.text.loc if isinstance(block, Paragraph) else block.loc
        if line is not None and loc.line is not None and loc.line > line:
            return i
        if line is None and loc.page is not None and loc.page > page:
            return i
    return len(ctx.doc.blocks)
