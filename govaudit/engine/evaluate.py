"""Apply rules to facts: every (rule, fact) pair is held, failed or unverified."""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Any

from govaudit.engine.expr import (
    Context,
    ExpressionError,
    as_interval,
    eval_template,
    evaluate,
    show,
    truth,
)
from govaudit.engine.families import Member, fold
from govaudit.engine.rules import Rule
from govaudit.intervals import Interval
from govaudit.model import Fact, Finding, Location, Quantity, RuleOutcome


def run(
    rules: list[Rule],
    facts: list[Fact],
    doc_name: str = "",
    rounding: str = "",
    places: int | None = None,
) -> tuple[list[Finding], list[RuleOutcome]]:
    """Every rule over the facts of its kind. `rounding` and `places` are the document's
    conventions for printed money figures (DocumentProfile.rounding, "" is half-up;
    DocumentProfile.money_places, None where the document keeps its trailing zeros)."""
    findings: list[Finding] = []
    outcomes: list[RuleOutcome] = []
    members: list[Member] = []  # the relations of rules in a family (engine/families.py)
    by_kind: dict[str, list[Fact]] = {}
    for f in facts:
        by_kind.setdefault(f.kind, []).append(f)
    for rule in rules:
        for fact in by_kind.get(rule.applies_to, []):
            result = apply(rule, fact, doc_name, rounding, places)
            if result is None:
                continue
            status, finding, figures = result
            outcome = RuleOutcome(rule.id, status, fact.loc, fact.kind, figures)
            outcomes.append(outcome)
            if finding is not None:
                findings.append(finding)
            if rule.family is not None:
                members.append(Member(rule, fact, outcome, finding))
    # most relations of a family failing in one place: one warning, not a list of errors
    findings = fold(members, findings, doc_name)
    findings.sort(key=lambda f: (f.loc.page or 0, f.loc.line or 0, f.order, f.loc.row or 0, f.rule))
    return _dedupe(findings), outcomes


Applied = tuple[str, Finding | None, tuple[tuple[int, int], ...]]


_NO_SPACE_BEFORE = re.compile(r" +(?=[，。；：、（）])")


def apply(
    rule: Rule, fact: Fact, doc_name: str = "", rounding: str = "", places: int | None = None
) -> Applied | None:
    """None when the rule does not apply; else (status, finding-or-None, the figures the
    assert compared — none when it could not be verified)."""
    ctx = Context(
        env=dict(fact.fields),
        missing_zero=rule.missing == "zero",
        rounding=rounding,
        places=places,
    )
    try:
        if rule.when is not None and truth(evaluate(rule.when, ctx)) is not True:
            return None
        ctx.unverified = False
        ctx.touched = []
        verdict = truth(evaluate(rule.assert_, ctx))
    except ExpressionError:
        return ("unverified", None, ())
    touched, ctx.touched = ctx.touched, None
    compared = _refs(touched, 1 if rule.against_words else 2)
    if verdict is False:
        if rule.outcome == "unverified":
            # the rule says why the relation cannot be checked: its message, no comparison
            return ("unverified", _finding(rule, fact, ctx, doc_name, touched), ())
        return ("failed", _finding(rule, fact, ctx, doc_name, touched), compared)
    if ctx.unverified:
        return ("unverified", None, ())
    return ("held", None, compared)


def _refs(touched: list[Quantity], least: int = 2) -> tuple[tuple[int, int], ...]:
    """The printed figures an assert compared — only when it compared at least two of them:
    a figure held against a constant alone ("≤ 100%") has not been checked against anything
    the document says (unless the rule holds it against the document's words: least 1)."""
    seen: dict[tuple[int, int], None] = {}
    for q in touched:
        ref = q.ref
        if ref is not None:
            seen[ref] = None
    return tuple(seen) if len(seen) >= least else ()


def _finding(
    rule: Rule, fact: Fact, ctx: Context, doc_name: str, touched: list[Quantity]
) -> Finding:
    expected = evaluate(rule.expected, ctx) if rule.expected is not None else None
    actual = evaluate(rule.actual, ctx) if rule.actual is not None else None
    severity = rule.severity
    note = ""
    note_en = ""
    if rule.near_miss is not None and expected is not None and actual is not None:
        if _is_near(rule, expected, actual, ctx):
            severity = rule.near_miss.severity
            note, note_en = rule.near_miss.note, rule.near_miss.note_en
    # "{num(x)} {unit(x)}，" leaves a space before the comma when the unit is empty (a
    # percentage): Chinese text never has one before full-width punctuation
    message = _NO_SPACE_BEFORE.sub("", eval_template(rule.message, ctx))
    message_en = eval_template(rule.message_en, ctx) if rule.message_en else ""
    if note:
        message += note
    if note_en and message_en:
        message_en += note_en
    anchor = _anchor(rule, fact, actual)
    loc = anchor.loc if anchor is not None else fact.loc
    highlights = tuple(q.text for q in _highlight_quantities(rule, fact, actual) if q.text)
    exp_s = _display(expected, actual)
    act_s = _display(actual, expected)
    labels = [q.label for q in _highlight_quantities(rule, fact, actual)]
    fp_src = "|".join([rule.id, doc_name, fact.excerpt.strip(), exp_s or "", act_s or "", *labels])
    return Finding(
        rule=rule.id,
        severity=severity,
        title=rule.title,
        title_en=rule.title_en,
        message=message,
        message_en=message_en,
        loc=loc,
        excerpt=fact.excerpt,
        expected=exp_s,
        actual=act_s,
        highlights=highlights,
        fact_kind=fact.kind,
        fingerprint=hashlib.sha1(fp_src.encode("utf-8")).hexdigest()[:16],
        related=_related(touched, loc),
        order=anchor.block if anchor is not None and anchor.block >= 0 else fact.block,
    )


def _is_near(rule: Rule, expected: Any, actual: Any, ctx: Context) -> bool:
    nm = rule.near_miss
    assert nm is not None
    e = as_interval(expected, ctx) if not isinstance(expected, str) else None
    a = as_interval(actual, ctx) if not isinstance(actual, str) else None
    if e is None or a is None or not (e.bounded and a.bounded):
        return False
    gap = e.gap(a)
    if nm.absolute is not None and gap <= nm.absolute:
        return True
    if nm.relative is not None:
        scale = max(abs(e.nominal), abs(a.nominal))
        if scale > 0 and gap / scale <= nm.relative:
            return True
    return False


def _anchor(rule: Rule, fact: Fact, actual: Any) -> Quantity | None:
    if rule.at:
        v = fact.fields.get(rule.at)
        if isinstance(v, Quantity):
            return v
        if isinstance(v, list) and v and isinstance(v[0], Quantity):
            return v[0]
    if isinstance(actual, Quantity):
        return actual
    return fact.anchor


def _highlight_quantities(rule: Rule, fact: Fact, actual: Any) -> list[Quantity]:
    out: list[Quantity] = []
    a = _anchor(rule, fact, actual)
    if a is not None:
        out.append(a)
    if isinstance(actual, Quantity) and actual is not a:
        out.append(actual)
    return out


def _related(touched: list[Quantity], loc: Location) -> tuple[Location, ...]:
    """The other places the failed assert took figures from (an equation's terms, the other
    statement of a figure), not every figure its fact happens to hold."""
    locs: list[Location] = []
    for q in touched:
        if q.loc != loc and q.loc not in locs and q.loc.line is not None:
            locs.append(q.loc)
    return tuple(locs[:8])


def _display(v: Any, other: Any) -> str | None:
    """expected/actual as numbers a script can compare: "551.08", "16.58%"."""
    if v is None:
        return None
    if isinstance(v, Quantity):
        if v.kind == "percent":
            return f"{v.printed()}%"
        if v.kind == "money" and v.unit != "万元":
            return Interval.of(v).show()
        if v.kind == "count" and v.unit.startswith(("万", "亿")):
            return f"{v.printed()}{v.unit}"  # "110.04万件" next to "353947件"
        return v.printed()
    if isinstance(v, Interval):
        if v.kind == "ratio":
            d = 2
            if isinstance(other, Quantity) and other.kind == "percent":
                d = max(other.decimals, 2)
            return v.show(d)
        return v.show()
    if isinstance(v, Decimal):
        return str(v)
    return show(v)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, Location]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.rule, f.fingerprint, f.loc)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
