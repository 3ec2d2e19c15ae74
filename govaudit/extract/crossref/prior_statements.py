"""How a figure compares with an earlier year's: "财政拨款收入18,976.76万元，比2024年预算增加
3,355.65万元", "因公出国（境）费0万元，比2024年预算持平", "2025年“三公”经费预算数为37.91万元，
比2024年预算减少10万元". Recorded in the ledger (`Ledger.priors`) with the current figure's key,
for the comparison with the earlier year's document (govaudit/across.py): current − change
must be the figure that document states. Within one document nothing is checked here.

What the earlier figure is matters: "比2023年预算执行数减少6.19%" compares with the 2023
执行数, which no 2023 budget document states — only "比YYYY年预算…" (the earlier budget) and
"比YYYY年决算…" are recorded.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from govaudit.extract.base.context import ExtractContext
from govaudit.extract.base.facts import excerpt
from govaudit.extract.base.ledger import PROSE, THIS_YEAR, PriorStatement
from govaudit.extract.base.quantities import parse_cell_number
from govaudit.model import Text
from govaudit.patterns import lazy_pattern

KINDS: dict[str, dict[str, str]] = {}

# right after the figure, in its clause: "，比2024年预算增加3,355.65万元" / "，比2024年预算持平"
_AFTER = lazy_pattern(
    r"\s*[,，]?\s*(?:较|比|与)\s*((?:19|20)\d\d)\s*年度?"
    r"(预算执行数|预算数|预算|决算数|决算)"
    r"(?:相比)?\s*(?:(增加|减少|增长|下降)\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元|亿元)|(持平))"
)
_ROLE = {"预算": "预算数", "预算数": "预算数", "决算": "决算数", "决算数": "决算数"}


def extract(ctx: ExtractContext) -> list:
    for p in ctx.prose:
        if p.in_table:
            continue
        for q in p.quantities:
            entry = ctx.ledger.entries.get(q.ref) if q.ref else None
            if entry is None or entry.key is None or entry.source != PROSE:
                continue
            if entry.key.year != THIS_YEAR or q.kind != "money":
                continue
            m = _AFTER.match(p.norm, q.end)
            if not m or m.group(2) not in _ROLE:
                continue
            delta = None
            if m.group(3):
                text = Text(p.text.text[m.start(4) : m.end(5)], ())
                amount = parse_cell_number(text, p.index)
                if amount is None:
                    continue
                sign = Decimal(1) if m.group(3) in ("增加", "增长") else Decimal(-1)
                delta = replace(amount, value=amount.value * sign, loc=p.text.loc_at(m.start(4)))
            ctx.ledger.priors.append(
                PriorStatement(
                    entry.key,
                    q,
                    delta,
                    int(m.group(1)),
                    _ROLE[m.group(2)],
                    excerpt(p, q.start),
                )
            )
    return []
