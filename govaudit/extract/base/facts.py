"""The small helpers every reader uses to state a fact: placed at a figure or at an offset
of a paragraph, with the paragraph's section and the sentence it came from."""

from __future__ import annotations

from govaudit.extract.base.context import Prose
from govaudit.model import Fact, Quantity


def fact_on(p: Prose, q: Quantity, kind: str, fields: dict) -> Fact:
    """A fact about figure `q` of paragraph `p`: placed at the figure, excerpt its sentence."""
    return Fact(
        kind=kind,
        loc=q.loc,
        block=q.block,
        fields=fields,
        section=p.section,
        excerpt=excerpt(p, q.start),
        anchor=q,
    )


def fact_at(p: Prose, at: int, kind: str, fields: dict, anchor: Quantity | None = None) -> Fact:
    """A fact stated at offset `at` of a paragraph: its place, section and sentence."""
    return Fact(
        kind=kind,
        loc=p.text.loc_at(at),
        block=p.index,
        fields=fields,
        section=p.section,
        excerpt=excerpt(p, at),
        anchor=anchor,
    )


def excerpt(p: Prose, offset: int, width: int = 90) -> str:
    """The original sentence around `offset`, cut to a readable length."""
    a, b = p.sentence_of(offset)
    text = p.text.text
    if b - a <= 2 * width:
        return text[a:b].strip()
    lo = max(a, offset - width)
    hi = min(b, offset + width)
    return ("…" if lo > a else "") + text[lo:hi].strip() + ("…" if hi < b else "")
