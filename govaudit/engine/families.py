"""Wholesale failure is a misreading: one warning for a place, never a list of errors.

A real document has few errors. When most relations of one family fail in one place — most
row sums of one table, every breakdown of one section, most figures two documents share —
govaudit has read that place wrongly (a table read in part, two breakdowns of one total
taken for one, a unit misread), or judged it by another issuer's convention. Reporting each
failed relation would hand the reader a list of false errors.

The families are data (rules/families.yaml, `engine.rules.Family`): which rules, which place
they are counted in (`table`: the fact's table; `section`: its heading path; `document`: the
whole document; `pair`: the two documents), how many must fail (`least`) and what share of
those checked there (`share`, over the rules that fail there: shifted rows break every
类 = Σ款 of a table and no row's own sum). Failures all off by the same amount are one
error (one wrong cell seen from its row and its sums), not a misreading, and stay as they
are.

Where a family fails wholesale, its member findings in that place are replaced by one
finding — the family's id, severity (never above the findings it replaces) and message, naming the place, how many of how many
relations failed, the first of them, and why — and those relations count as unverified (not
failed, not held): nothing there could be reconciled.

This runs in the engine right after the rules (evaluate.run, for one document and for a pair
of documents alike) and before any report. It is not the grouping of findings by cause (one
wrong figure, several relations): that folds the findings of one defect; this says that the
place could not be reconciled at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal

from govaudit.engine.expr import Context, eval_template
from govaudit.engine.rules import Family, Rule
from govaudit.model import SEVERITY_RANK, Fact, Finding, Location, RuleOutcome

HELD, FAILED, UNVERIFIED = "held", "failed", "unverified"
EXAMPLE_CHARS = 90
# gaps this close (relative to the larger) are one error seen from several relations
SAME_GAP = Decimal("0.001")


@dataclass
class Member:
    """One relation of a family: the rule, its fact, how it fared and what it reported."""

    rule: Rule
    fact: Fact
    outcome: RuleOutcome
    finding: Finding | None


def fold(members: list[Member], findings: list[Finding], doc_name: str = "") -> list[Finding]:
    """The findings with each wholesale-failed place's member findings replaced by its
    family's one finding; the place's outcomes become unverified."""
    groups: dict[tuple[str, Hashable], list[Member]] = {}
    for m in members:
        fam = m.rule.family
        assert fam is not None
        groups.setdefault((fam.id, place_key(fam.place, m.fact)), []).append(m)
    dropped: set[int] = set()
    added: list[Finding] = []
    for group in groups.values():
        fam = group[0].rule.family
        assert fam is not None
        failed = [m for m in group if m.outcome.status == FAILED]
        # the relations of the kinds that fail here: a table whose rows were shifted breaks
        # every 类 = Σ款 while each row's own sum still holds
        kinds = {m.rule.id for m in failed}
        checked = [m for m in group if m.outcome.status in (HELD, FAILED) and m.rule.id in kinds]
        if not wholesale(fam, len(failed), len(checked)) or one_error(failed):
            continue
        for m in checked:
            m.outcome.status = UNVERIFIED
            m.outcome.figures = ()
        dropped.update(id(m.finding) for m in group if m.finding is not None)
        added.append(_finding(fam, failed, len(checked), doc_name))
    if not added:
        return findings
    return [f for f in findings if id(f) not in dropped] + added


def wholesale(fam: Family, failed: int, checked: int) -> bool:
    """At least `least` relations failed, and they are at least `share` of those checked."""
    return failed >= fam.least and failed >= fam.share * checked


def one_error(failed: list[Member]) -> bool:
    """Are the failures one error seen from several relations — each off by the same
    amount? One wrong cell breaks its row and the sums it enters, each by its own error (and
    a wrong figure copied into several cells does the same): that is one defect, reported as
    such. A place misread fails by different amounts (shifted rows, a misread unit, a table
    read in part)."""
    if len(failed) < 2:
        return False
    gaps = [_gap(m.finding) for m in failed]
    known = [g for g in gaps if g is not None]
    if len(known) < len(gaps):
        return False
    return max(known) - min(known) <= SAME_GAP * max(max(known), Decimal(1))


def _gap(f: Finding | None) -> Decimal | None:
    """|expected − actual| of a finding whose two figures are numbers."""
    if f is None or f.expected is None or f.actual is None:
        return None
    try:
        a, b = (Decimal(x.replace(",", "").rstrip("%")) for x in (f.expected, f.actual))
    except ArithmeticError:
        return None
    return abs(a - b)


def place_key(place: str, fact: Fact) -> Hashable:
    if place == "table":
        return fact.block
    if place == "section":
        return fact.section
    if place == "document":
        return ()
    return (str(fact.fields.get("first_file", "")), str(fact.fields.get("other_file", "")))


def describe_place(place: str, fact: Fact) -> str:
    """The place as a finance officer finds it: "第11页表7「支出预算总表」", "「一、收支预算
    总体情况说明」一节", "「A.pdf」与「B.pdf」"."""
    if place == "table":
        loc = fact.loc
        where = (
            Location(page=loc.page, table=loc.table).describe()
            if loc.table is not None
            else loc.describe()
        )
        name = fact.fields.get("table")
        return f"{where}「{name}」" if isinstance(name, str) and name else where
    if place == "section":
        return f"「{fact.section[-1]}」一节" if fact.section else "正文"
    if place == "document":
        return "本文件"
    first, other = fact.fields.get("first_file", ""), fact.fields.get("other_file", "")
    return f"「{other}」与「{first}」"


def _finding(fam: Family, failed: list[Member], checked: int, doc_name: str) -> Finding:
    first = failed[0]
    place = describe_place(fam.place, first.fact)
    example = first.finding.message if first.finding is not None else first.fact.excerpt
    if len(example) > EXAMPLE_CHARS:
        example = example[: EXAMPLE_CHARS - 1] + "…"
    rules = "、".join(dict.fromkeys(m.rule.id for m in failed))
    env = {
        "place": place,
        "failed": len(failed),
        "checked": checked,
        "rules": rules,
        "example": example,
    }
    ctx = Context(env=env)
    anchor = first.finding.loc if first.finding is not None else first.fact.loc
    if fam.place == "table" and anchor.table is not None:
        anchor = Location(page=anchor.page, table=anchor.table)
    related: list[Location] = []
    for m in failed[1:]:
        loc = m.finding.loc if m.finding is not None else m.fact.loc
        if loc != anchor and loc not in related:
            related.append(loc)
    src = "|".join([fam.id, doc_name, place, rules])
    # never louder than what it stands for: infos folded stay an info
    worst = max(
        (m.finding.severity for m in failed if m.finding is not None),
        key=SEVERITY_RANK.__getitem__,
        default=fam.severity,
    )
    severity = min(fam.severity, worst, key=SEVERITY_RANK.__getitem__)
    return Finding(
        rule=fam.id,
        severity=severity,
        title=fam.title,
        title_en=fam.title_en,
        message=eval_template(fam.message, ctx),
        message_en=eval_template(fam.message_en, ctx) if fam.message_en else "",
        loc=anchor,
        excerpt=first.fact.excerpt,
        fact_kind=first.fact.kind,
        fingerprint=hashlib.sha1(src.encode("utf-8")).hexdigest()[:16],
        related=tuple(related[:8]),
        order=first.finding.order if first.finding is not None else first.fact.block,
    )
